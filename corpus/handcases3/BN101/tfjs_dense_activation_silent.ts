import * as tf from '@tensorflow/tfjs';

export function classifier(): tf.Sequential {
  const model = tf.sequential();
  // fused relu: the bias is not cancelled by the batch norm that follows
  model.add(tf.layers.dense({inputShape: [32], units: 64, activation: 'relu'}));
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.dense({units: 3, activation: 'softmax'}));
  return model;
}
