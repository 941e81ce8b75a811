/**
 * The semantic model the TypeScript front end builds: imports in every form, config objects
 * resolved like keyword arguments (spreads, module constants, shared configs), and the chains of
 * tf.sequential, model.add, the functional API, custom layers and helpers.
 */
import assert from 'node:assert/strict';
import { argumentFor } from '../../../src/analyzer/model/model';
import { HEADER, modelOf } from './support';

const edgesOf = (text: string) =>
  modelOf(text).edges.map((e) => `${e.from.spec.name}>${e.to.spec.name}${e.through.length ? `(${e.through.map((o) => o.kind).join(',')})` : ''}`);
const layersOf = (text: string) => modelOf(text).layers.map((l) => l.spec.name);

describe('TypeScript front end: semantic model', () => {
  describe('imports', () => {
    const body = 'X.layers.conv2d({filters: 1, kernelSize: 1})';
    const cases: [string, string][] = [
      ["import * as tf from '@tensorflow/tfjs';", body.replace('X', 'tf')],
      ["import * as tf from '@tensorflow/tfjs-node';", body.replace('X', 'tf')],
      ["import * as tf from '@tensorflow/tfjs-node-gpu';", body.replace('X', 'tf')],
      ["import * as tfl from '@tensorflow/tfjs-layers';", body.replace('X', 'tfl')],
      ["import tf from '@tensorflow/tfjs';", body.replace('X', 'tf')],
      ["import { layers } from '@tensorflow/tfjs';", 'layers.conv2d({filters: 1, kernelSize: 1})'],
      ["import { layers as L } from '@tensorflow/tfjs';", 'L.conv2d({filters: 1, kernelSize: 1})'],
      ["const tf = require('@tensorflow/tfjs-node');", body.replace('X', 'tf')],
      ["const { layers } = require('@tensorflow/tfjs');", 'layers.conv2d({filters: 1, kernelSize: 1})'],
      ["const { conv2d } = require('@tensorflow/tfjs').layers;", 'conv2d({filters: 1, kernelSize: 1})'],
      ["import tf = require('@tensorflow/tfjs');", body.replace('X', 'tf')],
      ["const tf = await import('@tensorflow/tfjs');", body.replace('X', 'tf')],
      ['/* <script src="tf.min.js"> defines the global */', body.replace('X', 'tf')],
    ];
    for (const [imp, use] of cases) {
      it(imp, () => assert.deepEqual(layersOf(`${imp}\n${use};\n`), ['conv2d']));
    }
    it('ignores other modules, type-only imports and shadowed names', () => {
      assert.deepEqual(layersOf("import * as tf from 'tfjs-lookalike';\ntf.layers.conv2d({filters: 1});"), []);
      assert.deepEqual(
        layersOf(
          "import type * as tf from '@tensorflow/tfjs';\nimport * as real from '@tensorflow/tfjs';\nfunction f(tf: any) { return tf.layers.conv2d({}); }",
        ),
        [],
      );
      assert.deepEqual(layersOf("import { layers } from '@tensorflow/tfjs';\nconst tf = { layers };\nconst m = tf.layers.dense({units: 1});"), ['dense']);
    });
  });

  describe('config objects', () => {
    it('binds keys to parameters and evaluates module constants, arithmetic and nested objects', () => {
      const model = modelOf(`${HEADER}const F = 16; const CFG = { bn: { momentum: 0.5 + 0.4 } };
tf.layers.conv2d({ filters: F * 2, kernelSize: [3, 3], useBias: !true, padding: \`same\` });
tf.layers.batchNormalization({ momentum: CFG.bn.momentum, epsilon: 1e-3 });`);
      const [conv, bn] = model.layers;
      assert.equal(argumentFor(conv, 'filters').value, 32);
      assert.deepEqual(argumentFor(conv, 'kernelSize').value, [3, 3]);
      assert.equal(argumentFor(conv, 'useBias').value, false);
      assert.equal(argumentFor(conv, 'padding').value, 'same');
      assert.equal(argumentFor(conv, 'dataFormat').value, 'channelsLast');
      assert.equal(argumentFor(bn, 'momentum').value, 0.9);
      assert.equal(argumentFor(bn, 'momentum').argument?.valueText, 'CFG.bn.momentum');
      assert.equal(argumentFor(bn, 'axis').isDefault, true);
    });

    it('merges spreads: a later key wins, and an unknown spread makes earlier keys unknown', () => {
      const model = modelOf(`${HEADER}const base = { useBias: true, padding: 'same' };
tf.layers.conv2d({ ...base, useBias: false });
tf.layers.conv2d({ useBias: true, ...unknownOptions });
tf.layers.conv2d({ ...unknownOptions, useBias: true });`);
      const [a, b, c] = model.layers;
      assert.equal(argumentFor(a, 'useBias').value, false);
      assert.equal(argumentFor(a, 'padding').value, 'same');
      assert.equal(argumentFor(b, 'useBias').value, undefined);
      assert.equal(b.hasOpaqueArguments, true);
      assert.equal(argumentFor(c, 'useBias').value, true);
    });

    it('treats a config given to several layers like a partial: reported once, at the object', () => {
      const model = modelOf(`${HEADER}const bnCfg = { momentum: 0.1, eps: 1 };
tf.layers.batchNormalization(bnCfg);
tf.layers.batchNormalization({ ...bnCfg, center: false });`);
      assert.equal(model.partials.length, 1);
      assert.deepEqual(
        model.partials[0].args.map((a) => [a.keyword, a.param]),
        [
          ['momentum', 'momentum'],
          ['eps', undefined],
        ],
      );
      for (const layer of model.layers) for (const a of layer.args.filter((x) => x.keyword !== 'center')) assert.ok(a.fromPartial, `${a.keyword} not marked`);
    });

    it('marks a config that is not an object as opaque', () => {
      const model = modelOf(`${HEADER}export function make(cfg: any) { return tf.layers.conv2d(cfg); }\ntf.layers.conv2d(...args);`);
      assert.deepEqual(
        model.layers.map((l) => l.hasOpaqueArguments),
        [true, true],
      );
    });
  });

  describe('chains', () => {
    it('tf.sequential({layers}) and model.add, with activations between', () => {
      assert.deepEqual(
        edgesOf(`${HEADER}const m = tf.sequential({layers: [tf.layers.conv2d({filters: 1, kernelSize: 1}), tf.layers.maxPooling2d({}), tf.layers.batchNormalization()]});
m.add(tf.layers.reLU());
m.add(tf.layers.dense({units: 2}));`),
        ['conv2d>batchNormalization(pool)', 'batchNormalization>dense(activation)'],
      );
    });

    it('the functional API: apply chains, merges, tf.model outputs feeding more layers', () => {
      assert.deepEqual(
        edgesOf(`${HEADER}const inp = tf.input({shape: [4]});
const a = tf.layers.dense({units: 4}).apply(inp) as tf.SymbolicTensor;
const b = tf.layers.dense({units: 4}).apply(inp);
const s = tf.layers.add().apply([a, b]);
const y = tf.layers.batchNormalization().apply(s);
const backbone = tf.model({inputs: inp, outputs: y as tf.SymbolicTensor});
tf.layers.dense({units: 1}).apply(backbone.apply(inp));`),
        // Both dense layers feed the BatchNorm through the add.
        ['dense>batchNormalization(add)', 'dense>batchNormalization(add)', 'batchNormalization>dense'],
      );
    });

    it('layers built in a loop, in a helper, in .map callbacks and spread into a sequential', () => {
      assert.deepEqual(
        edgesOf(`${HEADER}function block(f: number) { return [tf.layers.conv2d({filters: f, kernelSize: 3}), tf.layers.batchNormalization()]; }
const m = tf.sequential({layers: [...block(8), ...[16, 32].flatMap((f) => [tf.layers.dense({units: f}), tf.layers.batchNormalization()])]});
for (const units of [4, 8]) { m.add(tf.layers.dense({units})); m.add(tf.layers.batchNormalization()); }`),
        // block's pair, then the flatMap's pair (one evaluation stands for every item), then the loop's.
        ['conv2d>batchNormalization', 'batchNormalization>dense', 'dense>batchNormalization', 'batchNormalization>dense', 'dense>batchNormalization'],
      );
    });

    it('a custom layer class: fields and constructor attributes, and its call() chain', () => {
      assert.deepEqual(
        edgesOf(`${HEADER}class Block extends tf.layers.Layer {
  conv = tf.layers.conv2d({filters: 8, kernelSize: 3});
  bn: tf.layers.Layer;
  constructor() { super({}); this.bn = tf.layers.batchNormalization(); }
  call(x: tf.Tensor) { return tf.relu(this.bn.apply(tf.add(this.conv.apply(x), x))); }
}
const m = tf.sequential(); m.add(tf.layers.dense({units: 1})); m.add(new Block());`),
        // The dense layer before the block feeds its conv, and its BatchNorm through the residual add.
        ['dense>conv2d', 'conv2d>batchNormalization(add)', 'dense>batchNormalization(add)'],
      );
    });

    it('imperative code: tensor methods and tf functions on real tensors', () => {
      assert.deepEqual(
        edgesOf(`${HEADER}const conv = tf.layers.conv2d({filters: 8, kernelSize: 3});
const bn1 = tf.layers.batchNormalization();
const bn2 = tf.layers.batchNormalization();
const y = bn1.apply(tf.tidy(() => (conv.apply(tf.zeros([1, 8, 8, 3])) as tf.Tensor).relu()));
bn2.apply(tf.maxPool(conv.apply(x) as tf.Tensor4D, 2, 2, 'same'));`),
        ['conv2d>batchNormalization(activation)', 'conv2d>batchNormalization(pool)'],
      );
    });

    it('records `bn.momentum = x` on a known BatchNormalization', () => {
      const model = modelOf(`${HEADER}const bn = tf.layers.batchNormalization();\nbn.momentum = 0.1;\nconst other = {momentum: 1};\nother.momentum = 0.1;`);
      assert.deepEqual(
        model.attributeAssignments.map((a) => [a.attribute, a.value]),
        [['momentum', 0.1]],
      );
    });
  });
});
