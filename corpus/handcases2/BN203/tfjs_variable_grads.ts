import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [10], units: 32, useBias: false }));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.reLU());
model.add(tf.layers.dense({ units: 1 }));
const optimizer = tf.train.adam(1e-3);

export function trainStep(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => {
    const pred = model.apply(xs) as tf.Tensor; // expect: BN203
    return tf.losses.meanSquaredError(ys, pred) as tf.Scalar;
  });
}
