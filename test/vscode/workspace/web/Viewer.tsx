// @ts-nocheck: a fixture for the extension tests, never compiled (it imports @tensorflow/tfjs, which is not installed).
import * as tf from '@tensorflow/tfjs';

export function Viewer(): JSX.Element {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 16, inputShape: [8] }),
      tf.layers.batchNormalization({}),
    ],
  });
  return <pre>{model.layers.length} layers</pre>;
}
