import * as tf from '@tensorflow/tfjs';

export function textModel(vocab: number): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.embedding({inputDim: vocab, outputDim: 32, inputLength: 50}));
  m.add(tf.layers.batchNormalization());  // expect: BN405
  m.add(tf.layers.globalAveragePooling1d());
  m.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
  return m;
}
