const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.lstm({inputShape: [30, 4], units: 32}));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dense({units: 1}));
module.exports = model;
