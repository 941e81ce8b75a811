import * as tf from '@tensorflow/tfjs';

const model = tf.sequential({
  layers: [
    tf.layers.dense({inputShape: [10], units: 32, useBias: false}),
    tf.layers.batchNormalization(),
    tf.layers.reLU(),
    tf.layers.dense({units: 1}),
  ],
});
const optimizer = tf.train.adam(0.01);

export function trainBatch(xs: tf.Tensor2D, ys: tf.Tensor2D): void {
  optimizer.minimize(() => {
    const preds = model.apply(xs) as tf.Tensor;  // expect: BN203
    return tf.losses.meanSquaredError(ys, preds) as tf.Scalar;
  });
}
