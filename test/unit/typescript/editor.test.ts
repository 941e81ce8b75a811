/**
 * Fixes edit TF.js config objects in place: add a property in the object's own layout (one per
 * line, trailing commas, comments, CRLF, tabs), change a value, rename a key (quoted and
 * shorthand keys too), and add a config to a call that has none.
 */
import assert from 'node:assert/strict';
import { estreeParse } from '../../../src/analyzer/typescript/parser';
import { applyEdits, HEADER, modelOf } from './support';

/** Sets `param` on the first layer of the snippet and returns the edited text. */
function setOn(snippet: string, param: string, value: boolean | number | string, fileName = 'm.ts'): string {
  const text = HEADER + snippet;
  const layer = modelOf(text, fileName).layers[0];
  const edits = layer.editor.setArgument(param, value);
  assert.ok(edits.length > 0, 'no edits');
  const out = applyEdits(text, edits).slice(HEADER.length);
  // Every result still parses.
  estreeParse()(HEADER + out, { range: true, loc: true, comment: true, jsx: false, errorOnUnknownASTType: false, tokens: false });
  return out;
}

function renameOn(snippet: string, keyword: string, newName: string): string {
  const text = HEADER + snippet;
  const layer = modelOf(text).layers[0];
  const arg = layer.args.find((a) => a.keyword === keyword)!;
  return applyEdits(text, layer.editor.renameKeyword(arg, newName)).slice(HEADER.length);
}

describe('TypeScript front end: config object edits', () => {
  it('adds a property to a one-line object, with or without spaces and trailing comma', () => {
    assert.equal(setOn('tf.layers.conv2d({filters: 8})', 'useBias', false), 'tf.layers.conv2d({filters: 8, useBias: false})');
    assert.equal(setOn('tf.layers.conv2d({ filters: 8 })', 'useBias', false), 'tf.layers.conv2d({ filters: 8, useBias: false })');
    assert.equal(setOn('tf.layers.conv2d({ filters: 8, })', 'useBias', false), 'tf.layers.conv2d({ filters: 8, useBias: false, })');
    assert.equal(setOn('tf.layers.conv2d({ filters: 8, /* why */ })', 'useBias', false), 'tf.layers.conv2d({ filters: 8, useBias: false, /* why */ })');
  });

  it('adds a property after a spread, which it must override', () => {
    assert.equal(setOn('tf.layers.conv2d({ filters: 8, ...base })', 'useBias', false), 'tf.layers.conv2d({ filters: 8, ...base, useBias: false })');
  });

  it('keeps one property per line, the trailing comma, indentation and end-of-line comments', () => {
    assert.equal(
      setOn('tf.layers.conv2d({\n  filters: 8,\n  kernelSize: 3, // odd\n})', 'useBias', false),
      'tf.layers.conv2d({\n  filters: 8,\n  kernelSize: 3, // odd\n  useBias: false,\n})',
    );
    assert.equal(
      setOn('tf.layers.conv2d({\n    filters: 8,\n    kernelSize: 3\n})', 'useBias', false),
      'tf.layers.conv2d({\n    filters: 8,\n    kernelSize: 3,\n    useBias: false\n})',
    );
    assert.equal(
      setOn('tf.layers.conv2d({\n  filters: 8,\n  kernelSize: 3 // no comma\n})', 'useBias', false),
      'tf.layers.conv2d({\n  filters: 8,\n  kernelSize: 3, // no comma\n  useBias: false\n})',
    );
    assert.equal(setOn('tf.layers.conv2d({\n\tfilters: 8,\n})', 'useBias', false), 'tf.layers.conv2d({\n\tfilters: 8,\n\tuseBias: false,\n})');
    assert.equal(setOn('tf.layers.conv2d({\r\n  filters: 8,\r\n})', 'useBias', false), 'tf.layers.conv2d({\r\n  filters: 8,\r\n  useBias: false,\r\n})');
  });

  it('keeps a compact multi-line layout compact', () => {
    assert.equal(
      setOn('tf.layers.conv2d({filters: 8,\n  kernelSize: 3})', 'useBias', false),
      'tf.layers.conv2d({filters: 8,\n  kernelSize: 3, useBias: false})',
    );
  });

  it('changes a value in place, and expands a shorthand property', () => {
    assert.equal(setOn('tf.layers.batchNormalization({ momentum: 0.1 })', 'momentum', 0.9), 'tf.layers.batchNormalization({ momentum: 0.9 })');
    assert.equal(
      setOn('const momentum = 0.1;\ntf.layers.batchNormalization({ momentum })', 'momentum', 0.9),
      'const momentum = 0.1;\ntf.layers.batchNormalization({ momentum: 0.9 })',
    );
    assert.equal(setOn("tf.layers.conv2d({ dataFormat: 'channelsFirst' })", 'dataFormat', 'channelsLast'), "tf.layers.conv2d({ dataFormat: 'channelsLast' })");
  });

  it('writes strings with the quote the file uses', () => {
    const text = 'import * as tf from "@tensorflow/tfjs";\ntf.layers.conv2d({filters: 8});';
    const layer = modelOf(text).layers[0];
    assert.equal(applyEdits(text, layer.editor.setArgument('padding', 'same')).split('\n')[1], 'tf.layers.conv2d({filters: 8, padding: "same"});');
  });

  it('adds a config object to a call without one, or fills an empty one, in the file’s brace style', () => {
    assert.equal(setOn('tf.layers.batchNormalization()', 'axis', 1), 'tf.layers.batchNormalization({axis: 1})');
    assert.equal(setOn('tf.layers.batchNormalization({})', 'axis', 1), 'tf.layers.batchNormalization({axis: 1})');
    assert.equal(setOn('tf.layers.batchNormalization({ })', 'axis', 1), 'tf.layers.batchNormalization({ axis: 1 })');
    const spaced = HEADER + 'tf.layers.dense({ units: 1 });\nconst bn = tf.layers.batchNormalization();';
    const bn = modelOf(spaced).layers[1];
    assert.equal(applyEdits(spaced, bn.editor.setArgument('axis', 1)).split('\n').pop(), 'const bn = tf.layers.batchNormalization({ axis: 1 });');
  });

  it('edits a config written in a variable only when no other layer uses it', () => {
    const text = `${HEADER}const cfg = { filters: 8 };\ntf.layers.conv2d(cfg);\n`;
    const layer = modelOf(text).layers[0];
    assert.equal(applyEdits(text, layer.editor.setArgument('useBias', false)).split('\n')[1], 'const cfg = { filters: 8, useBias: false };');
    const shared = `${HEADER}const cfg = { filters: 8 };\ntf.layers.conv2d(cfg);\ntf.layers.conv2d(cfg);\n`;
    assert.deepEqual(modelOf(shared).layers[0].editor.setArgument('useBias', false), []);
  });

  it('renames keys: plain, quoted and shorthand', () => {
    assert.equal(renameOn('tf.layers.conv2d({ use_bias: false })', 'use_bias', 'useBias'), 'tf.layers.conv2d({ useBias: false })');
    assert.equal(renameOn("tf.layers.conv2d({ 'use_bias': false })", 'use_bias', 'useBias'), "tf.layers.conv2d({ 'useBias': false })");
    assert.equal(renameOn('tf.layers.conv2d({ "use_bias": false })', 'use_bias', 'useBias'), 'tf.layers.conv2d({ "useBias": false })');
    assert.equal(
      renameOn('const use_bias = false;\ntf.layers.conv2d({ use_bias })', 'use_bias', 'useBias'),
      'const use_bias = false;\ntf.layers.conv2d({ useBias: use_bias })',
    );
  });

  it('writes literals as JavaScript', () => {
    const editor = modelOf(`${HEADER}tf.layers.conv2d({})`).layers[0].editor;
    assert.equal(editor.literal(false), 'false');
    assert.equal(editor.literal(null), 'null');
    assert.equal(editor.literal(1e-5), '1e-5');
    assert.equal(editor.literal([3, 3]), '[3, 3]');
    assert.equal(editor.literal("it's"), "'it\\'s'");
    assert.equal(editor.argumentText('useBias', false), 'useBias: false');
  });
});
