import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({inputShape: [4], units: 16, useBias: false}));
model.add(tf.layers.batchNormalization());
model.add(tf.layers.dense({units: 1}));
const optimizer = tf.train.adam(0.01);

export function step(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => {
    const pred = model.apply(xs) as tf.Tensor;  // expect: BN203
    return tf.losses.meanSquaredError(ys, pred) as tf.Scalar;
  });
}
