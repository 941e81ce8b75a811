/**
 * TF.js mode facts, the input of BN203's TF.js analogue: which functions run under a gradient tape,
 * which model/layer calls pass `training`, and where each call runs.
 */
import assert from 'node:assert/strict';
import { applyEdits, HEADER, modesOf, textOf } from './support';

const TRAINING = `${HEADER}
const model = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 4}), tf.layers.batchNormalization()]});
const plain = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 1})]});
const optimizer = tf.train.adam(1e-3);

function loss(xs: tf.Tensor, ys: tf.Tensor) {
  return tf.losses.meanSquaredError(ys, model.apply(xs) as tf.Tensor) as tf.Scalar;
}

export async function train(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => loss(xs, ys));
  const { grads } = tf.variableGrads(() => tf.tidy(() => (model.apply(xs, { training: true }) as tf.Tensor).mean()));
  const g = tf.grad((x: tf.Tensor) => plain.apply(x, {training: false}) as tf.Tensor);
  await model.fit(xs, ys, { epochs: 1 });
  return [grads, g];
}

function evaluate(xs: tf.Tensor) {
  const logits = model.apply(xs, { training: true });
  const probs = model.predict(xs);
  return [logits, probs];
}
evaluate(tf.zeros([1, 4]));

export function unused(xs: tf.Tensor, net: tf.LayersModel) {
  const kwargs = { training: true };
  net.apply(xs, kwargs);
  fn.apply(this, arguments);
  fn.apply(null, [xs]);
}
`;

describe('TypeScript front end: TF.js mode facts', () => {
  const facts = modesOf(TRAINING);
  const call = (snippet: string) => {
    const found = facts.modelCalls.find((c) => textOf(TRAINING, c.range).startsWith(snippet));
    assert.ok(found, `no model call ${snippet}; have ${facts.modelCalls.map((c) => textOf(TRAINING, c.range)).join(' | ')}`);
    return found;
  };

  it('finds every gradient scope: minimize, variableGrads, grad', () => {
    assert.deepEqual(
      facts.gradientScopes.map((s) => [s.api, textOf(TRAINING, s.functionRange).slice(0, 18), textOf(TRAINING, s.callRange).slice(0, 18)]),
      [
        ['optimizer.minimize', '() => loss(xs, ys)', 'optimizer.minimize'],
        ['tf.variableGrads', '() => tf.tidy(() =', 'tf.variableGrads(('],
        ['tf.grad', '(x: tf.Tensor) => ', 'tf.grad((x: tf.Ten'],
      ],
    );
  });

  it('follows calls from a gradient function into helpers and tf.tidy', () => {
    const inLoss = call('model.apply(xs)');
    assert.equal(inLoss.context, 'gradient');
    assert.deepEqual(inLoss.gradientScopes, [0]);
    assert.equal(inLoss.enclosingFunction?.name, 'loss');
    assert.equal(inLoss.training.given, 'absent');
    assert.equal(inLoss.receiver.kind, 'sequential');
    assert.equal(inLoss.receiver.containsBatchNorm, true);
    const inTidy = call('model.apply(xs, { training: true })');
    assert.equal(inTidy.context, 'gradient');
    assert.deepEqual(inTidy.gradientScopes, [1]);
    assert.deepEqual([inTidy.training.given, inTidy.training.value], ['constant', true]);
    const noBn = call('plain.apply(x, {training: false})');
    assert.equal(noBn.receiver.containsBatchNorm, false);
    assert.equal(noBn.training.value, false);
  });

  it('classifies inference code, training calls and code nothing in the file calls', () => {
    const inEvaluate = facts.modelCalls.filter((c) => c.enclosingFunction?.name === 'evaluate');
    assert.deepEqual(
      inEvaluate.map((c) => [c.method, c.context, c.training.value]),
      [
        ['apply', 'inference', true],
        ['predict', 'inference', undefined],
      ],
    );
    const fit = call('model.fit(');
    assert.deepEqual([fit.method, fit.context], ['fit', 'unknown']);
    const unknown = call('net.apply(xs, kwargs)');
    assert.deepEqual(
      [unknown.context, unknown.receiver.kind, unknown.receiver.containsBatchNorm, unknown.training.given, unknown.training.value],
      ['unknown', 'unknown', undefined, 'constant', true],
    );
  });

  it('does not mistake Function.prototype.apply for a model', () => {
    assert.equal(
      facts.modelCalls.some((c) => textOf(TRAINING, c.range).startsWith('fn.apply')),
      false,
    );
  });

  it('offers edits that set training: add the kwargs, add the key, or flip the value', () => {
    const check = (snippet: string, expected: string) => {
      const c = call(snippet);
      const edits = c.setTraining(true);
      assert.equal(textOf(applyEdits(TRAINING, edits), { start: c.range.start, end: c.range.end + (expected.length - snippet.length) }), expected);
    };
    check('model.apply(xs)', 'model.apply(xs, {training: true})');
    check('plain.apply(x, {training: false})', 'plain.apply(x, {training: true})');
    const shorthand = `${HEADER}const m = tf.sequential(); const training = false;\nm.apply(x, { training });\nm.apply(x, { mask: null });`;
    const calls = modesOf(shorthand).modelCalls;
    assert.equal(applyEdits(shorthand, calls[0].setTraining(true)).split('\n')[2], 'm.apply(x, { training: true });');
    assert.equal(applyEdits(shorthand, calls[1].setTraining(true)).split('\n')[3], 'm.apply(x, { mask: null, training: true });');
    assert.deepEqual(call('net.apply(xs, kwargs)').setTraining(false), []);
  });

  it('tells graph construction (a symbolic tf.input) from running a model', () => {
    const text = `${HEADER}const inp = tf.input({shape: [2]});\nconst out = tf.layers.batchNormalization().apply(tf.layers.dense({units: 2}).apply(inp));\nconst m = tf.model({inputs: inp, outputs: out as tf.SymbolicTensor});\nm.apply(tf.ones([1, 2]), {training: true});`;
    const calls = modesOf(text).modelCalls;
    assert.deepEqual(
      calls.map((c) => [c.receiver.kind, c.input]),
      [
        ['layer', 'symbolic'],
        ['layer', 'symbolic'],
        ['functional', 'unknown'],
      ],
    );
    assert.equal(calls[2].receiver.containsBatchNorm, true);
  });

  it('sees custom layers and models passed to a training helper', () => {
    const text = `${HEADER}class Net extends tf.layers.Layer { bn = tf.layers.batchNormalization(); call(x: tf.Tensor) { return this.bn.apply(x); } }
const net = new Net();
function step(model: Net, opt: tf.Optimizer, xs: tf.Tensor) { opt.minimize(() => (model.apply(xs) as tf.Tensor).sum() as tf.Scalar); }
step(net, tf.train.sgd(0.1), tf.ones([1]));`;
    const facts = modesOf(text);
    assert.equal(facts.gradientScopes.length, 1);
    const c = facts.modelCalls.find((m) => textOf(text, m.range).startsWith('model.apply'))!;
    assert.deepEqual([c.context, c.receiver.kind, c.receiver.containsBatchNorm], ['gradient', 'custom-layer', true]);
  });
});
