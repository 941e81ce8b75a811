import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [4], units: 8, useBias: false}));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dense({units: 1}));
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  await model.fit(xs, ys, {batchSize: 1, epochs: 20});  // expect: BN403
}
