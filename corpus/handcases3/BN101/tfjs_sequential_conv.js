const tf = require('@tensorflow/tfjs-node');

function buildModel() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 16, kernelSize: 3}));  // expect: BN101
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.activation({activation: 'relu'}));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  return model;
}

module.exports = {buildModel};
