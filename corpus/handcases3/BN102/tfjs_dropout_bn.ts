import * as tf from '@tensorflow/tfjs';

export function build(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({inputShape: [16], units: 32, useBias: false}));
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.reLU());
  m.add(tf.layers.dropout({rate: 0.4}));  // expect: BN102
  m.add(tf.layers.batchNormalization());
  m.add(tf.layers.dense({units: 1}));
  return m;
}
