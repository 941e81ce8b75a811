import * as tf from '@tensorflow/tfjs';

export function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [100], units: 64, activation: 'relu'}));
  model.add(tf.layers.dropout({rate: 0.25}));  // expect: BN102
  model.add(tf.layers.batchNormalization());
  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  return model;
}
