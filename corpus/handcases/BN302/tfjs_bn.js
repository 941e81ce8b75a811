const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [8], units: 16, useBias: false}));
model.add(tf.layers.batchNormalization({momentum: 0.1}));  // expect: BN302
model.add(tf.layers.dense({units: 16, useBias: false}));
model.add(tf.layers.batchNormalization({momentum: 0.99}));
model.add(tf.layers.dense({units: 1}));
