const tf = require('@tensorflow/tfjs');

const input = tf.input({ shape: [32, 32, 3] });
let x = tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same' }).apply(input); // expect: BN101
x = tf.layers.batchNormalization().apply(x);
x = tf.layers.reLU().apply(x);
x = tf.layers.globalAveragePooling2d({}).apply(x);
const output = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(x);
const model = tf.model({ inputs: input, outputs: output });
module.exports = model;
