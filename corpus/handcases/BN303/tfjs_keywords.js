const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 3, use_bias: false}));  // expect: BN303
model.add(tf.layers.batchNormalization({eps: 1e-3}));  // expect: BN303
model.add(tf.layers.batchNormalization({epsilon: 1e-3, momentum: 0.99}));
