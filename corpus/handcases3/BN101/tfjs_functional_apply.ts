import * as tf from '@tensorflow/tfjs';

export function mlp(): tf.LayersModel {
  const input = tf.input({shape: [64]});
  let x = tf.layers.dense({units: 128}).apply(input) as tf.SymbolicTensor;  // expect: BN101
  x = tf.layers.batchNormalization().apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({activation: 'relu'}).apply(x) as tf.SymbolicTensor;
  const output = tf.layers.dense({units: 4, activation: 'softmax'}).apply(x) as tf.SymbolicTensor;
  return tf.model({inputs: input, outputs: output});
}
