import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.dense({inputShape: [32], units: 32, activation: 'relu'}),
    tf.layers.gaussianDropout({rate: 0.2}),  // expect: BN102
    tf.layers.batchNormalization(),
    tf.layers.dense({units: 2}),
  ],
});
