import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.lstm({inputShape: [20, 8], units: 32, returnSequences: true}));
model.add(tf.layers.batchNormalization());  // expect: BN405
model.add(tf.layers.lstm({units: 16}));
model.add(tf.layers.dense({units: 1}));
