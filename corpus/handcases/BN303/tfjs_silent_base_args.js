const tf = require('@tensorflow/tfjs');

const d = tf.layers.dense({units: 4, name: 'proj', trainable: false, inputShape: [8], kernelRegularizer: 'l2', dtype: 'float32'});
const bn = tf.layers.batchNormalization({axis: -1, name: 'bn', betaInitializer: 'zeros', movingVarianceInitializer: 'ones'});
const c = tf.layers.conv2d({filters: 8, kernelSize: [3, 3], dilationRate: 2, padding: 'same', batchInputShape: [null, 28, 28, 1]});
module.exports = {d, bn, c};
