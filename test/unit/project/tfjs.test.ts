/**
 * The project index for TS/JS (issue 11, "the whole project"): relative imports, `require`, default
 * exports and re-exports of other project files resolve to their definitions, run with this file's
 * arguments; files outside the project, missing files, cycles and syntax errors stay unknown.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Analyzer } from '../../../src/analyzer/analyzer';
import { ProjectIndex } from '../../../src/analyzer/project/index';
import { getAnalyzer } from '../../../src/node/analyzer';
import { forgetProject, projectIndexFor } from '../../../src/node/project';
import { actualOf, expectationsIn, FIXTURES, fixtureFiles, format } from '../../support/fixtures';

const PROJECT = path.join(FIXTURES, 'project', 'tfjs');

describe('project index (TS/JS)', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await getAnalyzer();
  });

  const analyze = (file: string, project: ProjectIndex | undefined) => {
    const text = fs.readFileSync(file, 'utf8');
    return { text, result: analyzer.analyze(text, { fileName: file, project }) };
  };

  for (const file of fixtureFiles(PROJECT, ['.ts', '.js'])) {
    it(`${path.relative(PROJECT, file)}: the expected findings with the project in view`, () => {
      const { text, result } = analyze(file, projectIndexFor(PROJECT));
      assert.deepEqual(result.ruleErrors, []);
      assert.deepEqual(format(actualOf(text, result.findings)), format(expectationsIn(text)));
    });
  }

  it('lists the project’s TS/JS files beside its Python files, without declaration files or node_modules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-tfjs-project-'));
    try {
      for (const file of ['a.ts', 'b.js', 'c.mjs', 'd.tsx', 'types.d.ts', 'notes.md', 'e.py', 'node_modules/pkg/index.js', 'dist/bundle.js']) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), '');
      }
      const index = projectIndexFor(dir)!;
      assert.equal(index.size, 5);
      assert.equal(index.resolveScript('./a', 'x.ts'), 'a.ts');
      assert.equal(index.resolveScript('./pkg', 'x.ts'), undefined);
    } finally {
      forgetProject(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without the project, imported helpers and constants stay unknown', () => {
    const { text, result } = analyze(path.join(PROJECT, 'train.ts'), undefined);
    assert.deepEqual(actualOf(text, result.findings), []);
  });

  it('a layer another file builds shows at this file’s call, without a fix of its own', () => {
    const { text, result } = analyze(path.join(PROJECT, 'train.ts'), projectIndexFor(PROJECT));
    const [first] = result.findings;
    assert.equal(text.slice(first.range.start, first.range.end), 'tf.layers.conv2d({ filters: FILTERS, kernelSize: 3 })');
    assert.equal(first.message, "tf.layers.conv2d's bias is cancelled by the BatchNorm after it: set `useBias: false`.");
    assert.deepEqual(
      first.related.map((r) => [text.slice(r.range.start, r.range.end), r.message]),
      [['bnRelu(x)', 'tf.layers.batchNormalization that makes the bias redundant']],
    );
    assert.deepEqual(
      first.fixes.map((f) => f.title),
      ['Set useBias: false'],
    );
    const [constant, argument] = result.findings.filter((f) => f.code === 'BN401');
    // An imported constant in this file's own layer: the usual fix, in this file.
    assert.equal(text.slice(constant.range.start, constant.range.end), 'tf.layers.batchNormalization({ axis: CHANNEL_AXIS })');
    assert.deepEqual(
      constant.fixes.map((f) => f.title),
      ['Set axis to -1'],
    );
    // A layer of the other file: reported at this file's call (whose argument is wrong), with no fix.
    assert.equal(text.slice(argument.range.start, argument.range.end), 'bnAxis(a, 1)');
    assert.equal(argument.message, 'tf.layers.batchNormalization normalizes axis 1 (`height`), not the channels: use `axis: -1`.');
    assert.deepEqual(argument.fixes, []);
  });

  it('resolves relative specifiers as TypeScript and Node do; package names stay outside', () => {
    const files = ['src/main.ts', 'src/blocks.ts', 'src/layers/index.ts', 'src/util.js', 'src/esm.mts', 'lib/index.js', 'lib/types.d.ts', 'src/model.py'];
    const index = new ProjectIndex('/p', { files, read: () => '' });
    assert.equal(index.resolveScript('./blocks', 'src/main.ts'), 'src/blocks.ts');
    // TypeScript's ESM style names the compiled file: `./blocks.js` is blocks.ts.
    assert.equal(index.resolveScript('./blocks.js', 'src/main.ts'), 'src/blocks.ts');
    assert.equal(index.resolveScript('./esm.mjs', 'src/main.ts'), 'src/esm.mts');
    assert.equal(index.resolveScript('./util.js', 'src/main.ts'), 'src/util.js');
    assert.equal(index.resolveScript('./layers', 'src/main.ts'), 'src/layers/index.ts');
    assert.equal(index.resolveScript('../layers/index', 'src/layers/index.ts'), 'src/layers/index.ts');
    assert.equal(index.resolveScript('../lib', 'src/main.ts'), 'lib/index.js');
    assert.equal(index.resolveScript('..', 'src/layers/index.ts'), undefined);
    assert.equal(index.resolveScript('.', 'src/layers/other.ts'), 'src/layers/index.ts');
    // Outside the project, a Python file, a package, a missing file.
    assert.equal(index.resolveScript('../../x', 'src/main.ts'), undefined);
    assert.equal(index.resolveScript('./model.py', 'src/main.ts'), undefined);
    assert.equal(index.resolveScript('@tensorflow/tfjs', 'src/main.ts'), undefined);
    assert.equal(index.resolveScript('blocks', 'src/main.ts'), undefined);
    assert.equal(index.resolveScript('./missing', 'src/main.ts'), undefined);
  });

  it('reads an imported file again once it changed on disk; bad input never crashes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-tfjs-project-'));
    const header = "import * as tf from '@tensorflow/tfjs';\n";
    try {
      fs.writeFileSync(path.join(dir, 'blocks.ts'), `${header}export const head = (x) => tf.layers.reLU().apply(x);\n`);
      const main = path.join(dir, 'main.ts');
      fs.writeFileSync(
        main,
        `${header}import { head } from './blocks';\nexport const y = head(tf.layers.conv2d({ filters: 8, kernelSize: 3 }).apply(tf.input({ shape: [8, 8, 3] })));\n`,
      );
      assert.equal(analyze(main, projectIndexFor(dir)).result.findings.length, 0);
      fs.writeFileSync(path.join(dir, 'blocks.ts'), `${header}export const head = (x) => tf.layers.batchNormalization().apply(x);\n`);
      assert.deepEqual(
        analyze(main, projectIndexFor(dir)).result.findings.map((f) => f.code),
        ['BN101'],
      );
      // Self-imports, recursion through exports, odd exports: unknown, never a crash.
      const odd = [
        `${header}export * from './blocks';\nexport * from './blocks2';\nexport { head as default } from './blocks';`,
        `${header}import self from './blocks';\nexport const head = (x) => self(x);\nexport default head;`,
        `${header}module.exports = require('./blocks');\nexports.head = 1;`,
        `${header}export const head = (x) => head(head(x));`,
        '\0binary',
      ];
      for (const text of odd) {
        fs.writeFileSync(path.join(dir, 'blocks.ts'), text);
        fs.writeFileSync(path.join(dir, 'blocks2.ts'), text);
        forgetProject(dir);
        const { result } = analyze(main, projectIndexFor(dir));
        assert.deepEqual(result.ruleErrors, []);
        assert.deepEqual(
          result.findings.map((f) => f.code),
          [],
        );
      }
    } finally {
      forgetProject(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
