import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [32, 32, 3], filters: 8, kernel_size: 3, useBias: false}));  // expect: BN303
model.add(tf.layers.batchNormalization({axis: -1}));
