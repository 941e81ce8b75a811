const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [10], units: 32, useBias: false}));
model.add(tf.layers.batchNormalization({axis: 3}));  // expect: BN402
model.add(tf.layers.dense({units: 1}));
