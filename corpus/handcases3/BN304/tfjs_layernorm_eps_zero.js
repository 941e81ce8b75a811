const tf = require('@tensorflow/tfjs');

const ln = tf.layers.layerNormalization({epsilon: 0});  // expect: BN304
const bn = tf.layers.batchNormalization({epsilon: 1e-3});
module.exports = {ln, bn};
