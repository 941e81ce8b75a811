/**
 * The built `normlint` on a folder that mixes Python and TS/JS files: both are reported in one run,
 * in every output format, and `--fix` edits both.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildOnce, normlint, parseJsonOutput, TempDirs, write } from '../cli/helpers';

const PYTHON = `import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.bn = nn.BatchNorm2d(16)

    def forward(self, x):
        return self.bn(self.conv(x))
`;

const TYPESCRIPT = `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3 }),
    tf.layers.batchNormalization({ momentum: 0.1 }),
  ],
});
`;

const COMMONJS = `const tf = require('@tensorflow/tfjs-node');
module.exports = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 8, use_bias: false}), tf.layers.batchNormalization()]});
`;

describe('normlint CLI on a folder mixing Python and TS/JS', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  let dir: string;
  before(() => buildOnce());
  beforeEach(() => {
    dir = temp.make();
    write(dir, 'py/net.py', PYTHON);
    write(dir, 'web/model.ts', TYPESCRIPT);
    write(dir, 'web/model.cjs', COMMONJS);
    write(dir, 'web/types.d.ts', "import * as tf from '@tensorflow/tfjs';\nexport declare const m: tf.Sequential;\n");
    write(dir, 'web/util.js', 'export const add = (a, b) => a + b;\n');
    write(dir, 'web/broken.ts', "import * as tf from '@tensorflow/tfjs';\nconst x = tf.layers.conv2d({filters: 1,, kernelSize: 1});\n");
    write(dir, 'node_modules/@tensorflow/tfjs/dist/index.js', TYPESCRIPT);
  });
  afterEach(() => temp.cleanup());

  it('reports Python and TS/JS findings in one run as JSON', () => {
    const run = normlint(['--format', 'json', '.'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const findings = parseJsonOutput(run).findings.map((f) => `${f.file}:${f.line}:${f.code}`);
    assert.deepEqual(findings.sort(), ['py/net.py:6:BN101', 'web/model.cjs:2:BN303', 'web/model.ts:5:BN101', 'web/model.ts:6:BN302'].sort());
  });

  it('reports them in the text format, with the syntax error of the broken TS file', () => {
    const run = normlint(['--no-color', '.'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const out = run.stdout + run.stderr;
    for (const expected of [
      /py\/net\.py:6:\d+: BN101/,
      /web\/model\.ts:5:\d+: BN101/,
      /web\/model\.ts:6:\d+: BN302/,
      /web\/model\.cjs:2:\d+: BN303/,
      /web\/broken\.ts:2:\d+:.*syntax error/,
    ]) {
      assert.match(out, expected);
    }
    assert.doesNotMatch(out, /node_modules|types\.d\.ts|util\.js/);
  });

  it('reports them in SARIF', () => {
    const run = normlint(['--format', 'sarif', '.'], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    const sarif = JSON.parse(run.stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const results = sarif.runs[0].results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.ruleId}`);
    for (const expected of ['py/net.py:BN101', 'web/model.ts:BN101', 'web/model.ts:BN302', 'web/model.cjs:BN303']) {
      assert.ok(
        results.some((r) => r.endsWith(expected)),
        `${expected} missing from ${results.join(', ')}`,
      );
    }
  });

  it('fixes both languages with --fix', () => {
    const run = normlint(['--fix', '--quiet', '.'], { cwd: dir });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'py/net.py'), 'utf8'), /nn\.Conv2d\(3, 16, 3, bias=False\)/);
    assert.match(fs.readFileSync(path.join(dir, 'web/model.ts'), 'utf8'), /kernelSize: 3, useBias: false \}/);
    // Unsafe fixes are not applied without --unsafe-fixes: the momentum, and the TF.js rename that
    // would make an ignored `use_bias: false` take effect.
    assert.match(fs.readFileSync(path.join(dir, 'web/model.ts'), 'utf8'), /momentum: 0\.1/);
    assert.match(fs.readFileSync(path.join(dir, 'web/model.cjs'), 'utf8'), /units: 8, use_bias: false\}/);
  });

  it('reads TS from stdin with --stdin-filename', () => {
    const run = normlint(['--format', 'json', '--stdin-filename', 'model.ts', '-'], { cwd: dir, input: TYPESCRIPT });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      parseJsonOutput(run).findings.map((f) => f.code),
      ['BN101', 'BN302'],
    );
  });
});
