const tf = require('@tensorflow/tfjs-node');

function build() {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, useBias: false }));
  model.add(tf.layers.batchNormalization({ momentum: 0.1 })); // expect: BN302
  model.add(tf.layers.reLU());
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
module.exports = { build };
