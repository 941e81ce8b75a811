const tf = require('@tensorflow/tfjs-node');

const model = tf.sequential({
  layers: [
    tf.layers.dense({inputShape: [20], units: 64}),  // expect: BN101
    tf.layers.batchNormalization(),
    tf.layers.reLU(),
    tf.layers.dense({units: 64, activation: 'relu'}),
    tf.layers.batchNormalization(),
    tf.layers.dense({units: 1}),
  ],
});
module.exports = model;
