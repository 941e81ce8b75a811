const tf = require('@tensorflow/tfjs');

function buildGenerator(latentDim) {
  const g = tf.sequential();
  g.add(tf.layers.dense({inputShape: [latentDim], units: 7 * 7 * 64, useBias: false}));
  g.add(tf.layers.batchNormalization());
  g.add(tf.layers.leakyReLU());
  g.add(tf.layers.reshape({targetShape: [7, 7, 64]}));
  g.add(tf.layers.conv2dTranspose({filters: 1, kernelSize: 4, strides: 4, padding: 'same', activation: 'tanh'}));
  return g;
}

function buildDiscriminator() {
  const d = tf.sequential();
  d.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 32, kernelSize: 4, strides: 2, padding: 'same'}));
  d.add(tf.layers.leakyReLU({alpha: 0.2}));
  d.add(tf.layers.conv2d({filters: 64, kernelSize: 4, strides: 2, padding: 'same', useBias: false}));
  d.add(tf.layers.batchNormalization());
  d.add(tf.layers.leakyReLU({alpha: 0.2}));
  d.add(tf.layers.flatten());
  d.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
  return d;
}

module.exports = {buildGenerator, buildDiscriminator};
