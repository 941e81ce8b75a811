// @ts-nocheck: a fixture for the extension tests, never compiled (it imports @tensorflow/tfjs, which is not installed).
/** A model whose BatchNorm is built by a helper of another file (blocks.ts). */
import * as tf from '@tensorflow/tfjs';
import { bnRelu } from './blocks';

const input = tf.input({ shape: [32, 32, 3] });
let x = tf.layers.conv2d({ filters: 16, kernelSize: 3 }).apply(input);
x = bnRelu(x);

export const model = tf.model({ inputs: input, outputs: x });
