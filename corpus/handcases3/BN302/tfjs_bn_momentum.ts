import * as tf from '@tensorflow/tfjs';

const BN_CONFIG = {momentum: 0.9, epsilon: 1e-3};

export function block(input: tf.SymbolicTensor, filters: number): tf.SymbolicTensor {
  let x = tf.layers.conv2d({filters, kernelSize: 3, padding: 'same', useBias: false}).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization(BN_CONFIG).apply(x) as tf.SymbolicTensor;
  x = tf.layers.reLU().apply(x) as tf.SymbolicTensor;
  const y = tf.layers.conv2d({filters, kernelSize: 1, useBias: false}).apply(x) as tf.SymbolicTensor;
  return tf.layers.batchNormalization({momentum: 0.01}).apply(y) as tf.SymbolicTensor;  // expect: BN302
}
