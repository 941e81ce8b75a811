// @ts-nocheck: a fixture for the extension tests, never compiled (it imports @tensorflow/tfjs, which is not installed).
/** Helpers the other files of this folder import. */
import * as tf from '@tensorflow/tfjs';

export function bnRelu(x: tf.SymbolicTensor): tf.SymbolicTensor {
  const normalized = tf.layers.batchNormalization().apply(x);
  return tf.layers.reLU().apply(normalized) as tf.SymbolicTensor;
}

export function dropoutRelu(x: tf.SymbolicTensor): tf.SymbolicTensor {
  const dropped = tf.layers.dropout({ rate: 0.1 }).apply(x);
  return tf.layers.reLU().apply(dropped) as tf.SymbolicTensor;
}
