const tf = require('@tensorflow/tfjs');

function buildGenerator() {
  const g = tf.sequential();
  g.add(tf.layers.dense({inputShape: [64], units: 128, useBias: false}));
  g.add(tf.layers.batchNormalization());
  g.add(tf.layers.leakyReLU());
  g.add(tf.layers.dense({units: 784, useBias: false}));
  g.add(tf.layers.batchNormalization());  // expect: BN406
  g.add(tf.layers.activation({activation: 'tanh'}));
  return g;
}

function buildDiscriminator() {
  const d = tf.sequential();
  d.add(tf.layers.dense({inputShape: [784], units: 128, useBias: false}));
  d.add(tf.layers.batchNormalization());  // expect: BN406
  d.add(tf.layers.leakyReLU());
  d.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
  return d;
}

module.exports = {buildGenerator, buildDiscriminator};
