import * as tf from '@tensorflow/tfjs';

export const bn = tf.layers.batchNormalization({epsilon: 1e-3, moving_variance_initializer: 'ones'});  // expect: BN303
