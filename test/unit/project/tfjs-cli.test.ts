/** The CLI lints a TS/JS folder as one project: imports between its files resolve (and `--no-project` reads files alone). */
import assert from 'node:assert/strict';
import path from 'node:path';
import { buildOnce, normlint, parseJsonOutput } from '../cli/helpers';
import { FIXTURES } from '../../support/fixtures';

const PROJECT = path.join(FIXTURES, 'project', 'tfjs');

describe('normlint CLI on a TS/JS project folder (built bin/normlint.js, spawned)', function () {
  this.timeout(120_000);
  before(() => buildOnce());

  const findings = (args: string[], cwd = PROJECT) => {
    const run = normlint(['--format', 'json', ...args], { cwd });
    assert.equal(run.status, 1, run.stderr);
    return parseJsonOutput(run).findings.map((f) => `${f.file}:${f.line} ${f.code}${f.fix ? '' : ' (no fix)'}`);
  };

  const withProject = [
    'blocks.ts:10 BN101',
    'train.ts:20 BN101',
    'train.ts:23 BN101',
    'train.ts:27 BN401',
    'train.ts:30 BN401 (no fix)',
    'train.ts:32 BN101',
    'train.ts:34 BN101',
    'train.ts:37 BN101',
    'train.ts:41 BN101',
    'train.ts:44 BN101',
    'train.ts:88 BN101',
  ];

  it('resolves imports between the files of a folder argument', () => {
    assert.deepEqual(findings(['.']).sort(), withProject);
  });

  it('sees the same from a parent folder, in worker threads', () => {
    const found = findings(['--jobs', '2', 'tfjs'], path.dirname(PROJECT)).sort();
    assert.deepEqual(
      found,
      withProject.map((f) => `tfjs/${f}`),
    );
  });

  it('--no-project reads each file alone', () => {
    assert.deepEqual(findings(['--no-project', '.']).sort(), ['blocks.ts:10 BN101']);
  });
});
