/**
 * Parsing TS/JS with typescript-estree: every extension, JSX by file name or by content, and
 * unfinished code (a clear problem, no crash, and the intact statements still analyzed).
 */
import assert from 'node:assert/strict';
import { createTypeScriptFrontEnd } from '../../../src/analyzer/typescript';
import { blankAround, estreeParse, parseTolerant, type EstreeParse } from '../../../src/analyzer/typescript/parser';
import { analyze, HEADER } from './support';

const CONV_BN = `${HEADER}export const m = tf.sequential({layers: [tf.layers.conv2d({filters: 8, kernelSize: 3}), tf.layers.batchNormalization()]});\n`;

describe('TypeScript front end: parsing', () => {
  for (const ext of ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']) {
    it(`analyzes .${ext} files`, async () => {
      const result = await analyze(CONV_BN, `model.${ext}`);
      assert.deepEqual(result.problems, []);
      assert.deepEqual(
        result.findings.map((f) => f.code),
        ['BN101'],
      );
    });
  }

  it('parses TypeScript-only syntax: types, generics, casts, enums, decorators, namespaces', async () => {
    const text = `${HEADER}
enum Mode { Train, Eval }
interface Cfg { filters: number }
namespace Models { export const n = 1; }
@sealed class Holder<T> { constructor(private readonly value: T) {} }
const cfg = <Cfg>{ filters: 8 };
export function build<T extends Cfg>(c: T): tf.Sequential {
  const model = tf.sequential() as tf.Sequential;
  model.add(tf.layers.dense({ inputShape: [4], units: c.filters }) satisfies tf.layers.Layer);
  model.add(tf.layers.batchNormalization()!);
  return model;
}
`;
    const result = await analyze(text, 'model.ts');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.findings.map((f) => f.code),
      ['BN101'],
    );
  });

  it('reads JSX by extension (.tsx, .jsx) and by content when the name does not say (.js)', async () => {
    const jsx = `${HEADER}export const view = <div className="x">{String(1)}</div>;\n${CONV_BN.slice(HEADER.length)}`;
    for (const name of ['view.tsx', 'view.jsx', 'view.js']) {
      const result = await analyze(jsx, name);
      assert.deepEqual(result.problems, [], name);
      assert.deepEqual(
        result.findings.map((f) => f.code),
        ['BN101'],
        name,
      );
    }
    // A `.ts` file has no JSX: `<T>x` is a cast there.
    const cast = await analyze(`${HEADER}const x = <number>(1 + 1);\n${CONV_BN.slice(HEADER.length)}`, 'cast.ts');
    assert.deepEqual(cast.problems, []);
    assert.deepEqual(
      cast.findings.map((f) => f.code),
      ['BN101'],
    );
  });

  it('reports a syntax error as a problem, never throws, and still analyzes the other statements', async () => {
    const text = `${HEADER}
const broken = tf.layers.conv2d({filters: 8,, kernelSize: 3});
export const m = tf.sequential({layers: [tf.layers.conv2d({filters: 8, kernelSize: 3}), tf.layers.batchNormalization()]});
`;
    const result = await analyze(text);
    assert.equal(result.problems.length, 1);
    assert.match(
      result.problems[0].message,
      /^syntax error: Property assignment expected\. \(the code around it is skipped; the rest of the file is analyzed\)$/,
    );
    assert.equal(text.slice(result.problems[0].range.start, result.problems[0].range.start + 1), ',');
    assert.deepEqual(
      result.findings.map((f) => f.code),
      ['BN101'],
    );
    assert.equal(text.slice(result.findings[0].range.start).startsWith('tf.layers.conv2d({filters: 8, kernelSize: 3})'), true);
  });

  it('analyzes the code above an unfinished statement being typed at the end of the file', async () => {
    const text = `${CONV_BN}const next = tf.layers.batchNormalization({momentum: 0.1,\n  eps`;
    const result = await analyze(text);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0].message, /syntax error/);
    assert.deepEqual(
      result.findings.map((f) => f.code),
      ['BN101'],
    );
  });

  it('analyzes the rest of a file whose broken statement sits inside a function', async () => {
    const text = `${HEADER}
function train() {
  const x = tf.layers.dense({units: 4
  return x;
}

export const m = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8}), tf.layers.batchNormalization({momentum: 0.1})]});
`;
    const result = await analyze(text);
    assert.equal(result.problems.length, 1);
    assert.deepEqual(result.findings.map((f) => f.code).sort(), ['BN101', 'BN302']);
  });

  it('never crashes on garbage, unbalanced brackets or an empty file', async () => {
    for (const text of [
      '',
      `${HEADER}}}}}`,
      `${HEADER}tf.layers.conv2d({`,
      `${HEADER}((((((`,
      `${HEADER}\`unterminated`,
      `${HEADER}/* open comment`,
      `${HEADER}<div>`,
      'tf.' + 'x'.repeat(10),
    ]) {
      const result = await analyze(text);
      assert.deepEqual(result.ruleErrors, []);
      for (const p of result.problems) assert.ok(p.range.start >= 0 && p.range.start <= text.length);
    }
  });

  it('does not parse files that never mention TensorFlow.js', () => {
    let calls = 0;
    const counting = ((code: string, options: never) => {
      calls++;
      return estreeParse()(code, options);
    }) as EstreeParse;
    const frontEnd = createTypeScriptFrontEnd({ parse: () => counting })!;
    const skipped = frontEnd.parse('export const a = ((;');
    assert.equal(calls, 0);
    assert.deepEqual(skipped.problems, []);
    assert.deepEqual(skipped.model.layers, []);
    frontEnd.parse(`${HEADER}export const a = 1;`);
    assert.equal(calls, 1);
    // The browser global counts as a mention.
    frontEnd.parse('const m = tf.sequential();');
    assert.equal(calls, 2);
  });

  it('gives up with one clear problem when nothing can be recovered', () => {
    const result = parseTolerant('((((\n((((\n((((\n((((\n((((\n((((\n', false);
    assert.equal(result.program === undefined || result.program.body.length === 0, true);
    assert.equal(result.problems.length, 1);
  });

  it('blanks a statement with spaces, keeping every offset and line break', () => {
    const text = 'const a = 1;\nfoo(1,\n  2,,\n);\nconst b = 2;\n';
    const blanked = blankAround(text, text.indexOf(',,'), false);
    assert.equal(blanked.length, text.length);
    assert.equal(blanked, 'const a = 1;\n      \n     \n  \nconst b = 2;\n');
  });

  it('collects suppression comments (line, next-line and file directives)', async () => {
    const text = `${HEADER}
// normlint-disable-next-line BN101
export const a = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8}), tf.layers.batchNormalization()]});
export const b = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8}), tf.layers.batchNormalization()]}); // normlint-disable-line BN101
export const c = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8}), tf.layers.batchNormalization({momentum: 0.1})]}); /* normlint-disable-line */
export const d = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8}), tf.layers.batchNormalization()]});
const s = "// normlint-disable-line BN101";
`;
    const result = await analyze(text);
    assert.deepEqual(
      result.findings.map((f) => `${f.code}@${text.slice(0, f.range.start).split('\n').length}`),
      ['BN101@7'],
    );
  });
});
