// The helpers of blocks.ts, required from JavaScript: only the conv whose bias a BatchNorm cancels is flagged.
const tf = require('@tensorflow/tfjs');
const { bnRelu, dropoutRelu } = require('./blocks');

const input = tf.input({ shape: [32, 32, 3] });
// Look-alike: this conv has no bias to cancel.
let a = tf.layers.conv2d({ filters: 16, kernelSize: 3, useBias: false }).apply(input);
a = bnRelu(a);
// Look-alike: the other file's helper builds no BatchNorm.
let b = tf.layers.conv2d({ filters: 16, kernelSize: 3 }).apply(input);
b = dropoutRelu(b);
// The real thing.
let c = tf.layers.conv2d({ filters: 16, kernelSize: 3 }).apply(input);
c = bnRelu(c);

module.exports = tf.model({ inputs: input, outputs: [a, b, c] });
