import * as tf from '@tensorflow/tfjs';

export const bn = tf.layers.batchNormalization({epsilon: 0.1});  // expect: BN304
export const ok = tf.layers.batchNormalization({epsilon: 0.001});
