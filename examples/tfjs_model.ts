/**
 * A TensorFlow.js image classifier ported from a PyTorch/Keras model, with the usual porting slips:
 * a conv bias the BatchNorm cancels, a PyTorch momentum, snake_case config keys that TF.js silently
 * ignores, and a BatchNorm on the wrong axis.
 */
import * as tf from '@tensorflow/tfjs';

const BN_MOMENTUM = 0.1; // PyTorch's default; TF.js weights the *old* value by momentum

function convBlock(filters: number): tf.layers.Layer[] {
  return [
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same' }),  // expect: BN101
    tf.layers.batchNormalization({ momentum: BN_MOMENTUM }),  // expect: BN302
    tf.layers.reLU(),
  ];
}

export function buildModel(numClasses = 10): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [32, 32, 3] }));
  for (const layer of convBlock(32)) model.add(layer);
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', use_bias: false }));  // expect: BN303
  model.add(tf.layers.batchNormalization({ axis: 1, eps: 1e-5 }));  // expect: BN303, BN401
  model.add(tf.layers.reLU());
  model.add(tf.layers.globalAveragePooling2d({}));
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
  return model;
}

/** A custom training step: the model runs in inference mode inside the gradient (BN203's TF.js analogue). */
export function trainStep(model: tf.Sequential, optimizer: tf.Optimizer, xs: tf.Tensor4D, ys: tf.Tensor2D): void {
  optimizer.minimize(() => {
    const logits = model.apply(xs) as tf.Tensor2D;
    return tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar;
  });
}
