// @ts-nocheck: a fixture for the extension tests, never compiled (it imports @tensorflow/tfjs, which is not installed).
/** A TensorFlow.js block ported from PyTorch. */
import * as tf from '@tensorflow/tfjs';

const BN_MOMENTUM = 0.1; // PyTorch's default; TF.js weights the *old* value by momentum

export function convBlock(filters: number): tf.layers.Layer[] {
  return [
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same' }),
    tf.layers.batchNormalization({ momentum: BN_MOMENTUM }),
    tf.layers.reLU(),
  ];
}
