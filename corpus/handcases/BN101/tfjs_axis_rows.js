const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3}));
model.add(tf.layers.batchNormalization({axis: 1}));  // expect: BN401
module.exports = model;
