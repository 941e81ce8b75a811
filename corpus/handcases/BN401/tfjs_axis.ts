import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 16, kernelSize: 3, useBias: false}));
model.add(tf.layers.batchNormalization({axis: 1}));  // expect: BN401
model.add(tf.layers.conv2d({filters: 16, kernelSize: 3, useBias: false, dataFormat: 'channelsFirst'}));
model.add(tf.layers.batchNormalization({axis: 1}));
