import * as tf from '@tensorflow/tfjs';

export function buildClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [64], units: 128 })); // expect: BN101
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.activation({ activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
