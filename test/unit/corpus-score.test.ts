/**
 * `npm run corpus` (scripts/corpus.mjs) on a tiny synthetic corpus: the label format, matching by
 * (repo, commit, path, line, rule), the scores per rule, and the script's exit codes. The CLI is
 * replaced by a stub that prints fixed JSON findings, so no build and no third-party code is needed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatLabelRow, formatReport, parseLabels, scoreCorpus, type CorpusFinding } from '../../scripts/corpus-score.mjs';

const COMMIT_A = 'a'.repeat(40);
const COMMIT_B = 'b'.repeat(40);
const HEADER = 'repo\tcommit\tpath\tline\trule\tverdict\treason';
const row = (...cells: string[]) => cells.join('\t');

const LABELS = [
  HEADER,
  '# comments and blank lines are skipped',
  '',
  row('acme/nets', COMMIT_A, 'net.py', '3', 'BN101', 'tp', 'conv bias before BN'),
  row('acme/nets', COMMIT_A, 'train.py', '10', 'BN202', 'fp', 'train() is called by the callee'),
  row('acme/nets', COMMIT_A, 'eval.py', '7', 'BN201', 'fn', 'fixed upstream: eval() was missing'),
  row('acme/nets', COMMIT_A, 'nb.ipynb', '2:4', 'BN201', 'tp', 'notebook cell 2'),
  row('acme/nets', COMMIT_A, 'old.py', '1', 'BN205', 'fp', 'no longer reported'),
  row('acme/other', COMMIT_B, 'x.py', '1', 'BN101', 'fn', 'repository not run'),
].join('\n');

const finding = (file: string, line: number, code: string, cell?: number): CorpusFinding => ({
  file,
  line,
  code,
  message: `${code} message`,
  ...(cell === undefined ? {} : { cell }),
});

describe('corpus scoring', () => {
  it('parses labels and reports every malformed row at once', () => {
    const labels = parseLabels(LABELS);
    assert.equal(labels.length, 6);
    assert.deepEqual(
      { ...labels[3], row: 0 },
      { repo: 'acme/nets', commit: COMMIT_A, path: 'nb.ipynb', line: '2:4', rule: 'BN201', verdict: 'tp', reason: 'notebook cell 2', row: 0 },
    );
    const bad = [
      HEADER,
      row('acme', 'abc', 'p.py', 'x', 'BN1', 'maybe', ''),
      row('acme/nets', COMMIT_A, 'p.py', '1'),
      row('acme/nets', COMMIT_A, 'p.py', '1', 'BN101', 'tp', 'r'),
      row('acme/nets', COMMIT_A, 'p.py', '1', 'BN101', 'fp', 'r'),
    ].join('\n');
    assert.throws(
      () => parseLabels(bad, 'l.tsv'),
      (error: Error) => {
        assert.match(
          error.message,
          /l\.tsv:2: repo "acme" is not owner\/name; commit "abc" is not a full 40-digit hash; line "x" is not N or cell:N; rule "BN1" is not a rule code; verdict "maybe" is not one of tp, fp, fn; reason is empty/,
        );
        assert.match(error.message, /l\.tsv:3: 4 columns, expected 7/);
        assert.match(error.message, /l\.tsv:5: same place and rule as line 4/);
        return true;
      },
    );
    assert.throws(() => parseLabels('repo,commit\n'), /header must be/);
  });

  it('matches findings by repo, commit, path, line (cell:line in notebooks) and rule, and scores per rule', () => {
    const labels = parseLabels(LABELS);
    const score = scoreCorpus(
      [
        {
          repo: 'acme/nets',
          commit: COMMIT_A,
          findings: [
            finding('./net.py', 3, 'BN101'),
            finding('net.py', 3, 'BN101'), // the same place twice is one judgement
            finding('train.py', 10, 'BN202'),
            finding('nb.ipynb', 4, 'BN201', 2),
            finding('net.py', 3, 'BN401'), // same line, other rule: unjudged
            finding('nb.ipynb', 4, 'BN201', 3), // other cell: unjudged
          ],
        },
      ],
      labels,
    );
    const byRule = Object.fromEntries(score.rules.map((entry) => [entry.rule, entry]));
    assert.deepEqual(byRule.BN101, { rule: 'BN101', findings: 1, tp: 1, fp: 0, unjudged: 0, realBugs: 1, found: 1, precision: 1, recall: 1 });
    assert.deepEqual(byRule.BN201, { rule: 'BN201', findings: 2, tp: 1, fp: 0, unjudged: 1, realBugs: 2, found: 1, precision: 1, recall: 0.5 });
    assert.deepEqual(byRule.BN202, { rule: 'BN202', findings: 1, tp: 0, fp: 1, unjudged: 0, realBugs: 0, found: 0, precision: 0, recall: null });
    assert.equal(byRule.BN205, undefined); // only an fp label that no longer fires: no row
    assert.deepEqual(
      score.unjudged.map((entry) => `${entry.path}:${entry.line} ${entry.rule}`),
      ['net.py:3 BN401', 'nb.ipynb:3:4 BN201'],
    );
    assert.deepEqual(
      score.missed.map((label) => label.reason),
      ['fixed upstream: eval() was missing'],
    );
    assert.deepEqual(
      score.gone.map((label) => label.path),
      ['old.py'],
    );
    assert.equal(score.total.findings, 5);
    assert.equal(score.total.precision, 2 / 3);
    assert.equal(score.total.recall, 2 / 3); // acme/other did not run: its label counts nowhere

    const report = formatReport(score);
    assert.match(report, /^rule +findings +tp +fp +unjudged +precision +real bugs +found +recall$/m);
    assert.match(report, /^BN201 +2 +1 +0 +1 +100\.0% +2 +1 +50\.0%$/m);
    assert.match(report, /^all +5 +2 +1 +2 +66\.7% +3 +2 +66\.7%$/m);
    assert.ok(report.includes(`  ${row('acme/nets', COMMIT_A, 'net.py', '3', 'BN401', '?', '?')}`), report);
    assert.match(report, /real bugs not reported \(1\):\n {2}acme\/nets eval\.py:7 BN201: fixed upstream/);
    assert.doesNotMatch(report, /false positives still reported/);
    assert.match(
      formatReport(score, { showFalsePositives: true }),
      /false positives still reported \(1\):\n {2}BN202 acme\/nets train\.py:10: train\(\) is called by the callee/,
    );
  });

  it('writes label rows on one line whatever the reason holds', () => {
    assert.equal(
      formatLabelRow({ repo: 'a/b', commit: COMMIT_A, path: 'p.py', line: 1, rule: 'BN101', verdict: 'fp', reason: 'two\tparts\nand lines' }),
      row('a/b', COMMIT_A, 'p.py', '1', 'BN101', 'fp', 'two parts and lines'),
    );
  });
});

describe('npm run corpus (scripts/corpus.mjs)', () => {
  const script = path.resolve(__dirname, '../../scripts/corpus.mjs');
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-corpus-'));
    fs.mkdirSync(path.join(dir, 'src', 'acme__nets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'repos.json'), JSON.stringify({ repos: [{ repo: 'acme/nets', commit: COMMIT_A }] }));
    fs.writeFileSync(path.join(dir, 'labels.tsv'), [HEADER, row('acme/nets', COMMIT_A, 'net.py', '3', 'BN101', 'tp', 'conv bias before BN')].join('\n'));
    // A stand-in for bin/normlint.js: one judged finding and one unjudged, exit 1 like the CLI.
    const findings = [finding('net.py', 3, 'BN101'), finding('net.py', 9, 'BN101')];
    fs.writeFileSync(path.join(dir, 'cli.js'), `process.stdout.write(${JSON.stringify(JSON.stringify({ version: 1, findings }))}); process.exitCode = 1;`);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [script, '--repos', path.join(dir, 'repos.json'), '--labels', path.join(dir, 'labels.tsv'), '--cli', path.join(dir, 'cli.js'), ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, NORMLINT_CORPUS_DIR: path.join(dir, 'src') },
      },
    );

  it('scores the checkouts and lists the unjudged finding; --strict fails on it', () => {
    const result = run();
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^BN101 +2 +1 +0 +1 +100\.0% +1 +1 +100\.0%$/m);
    assert.ok(result.stdout.includes(row('acme/nets', COMMIT_A, 'net.py', '9', 'BN101', '?', '?')));
    const strict = run('--strict');
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /--strict: 1 finding\(s\) unjudged/);
  });

  it('stops with the pinned commit when a checkout is missing', () => {
    fs.rmSync(path.join(dir, 'src', 'acme__nets'), { recursive: true });
    const result = run();
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`missing checkouts[^]*github\\.com/acme/nets[^]*archive ${COMMIT_A}`));
  });

  it('refuses labels of a commit that repos.json does not pin', () => {
    fs.appendFileSync(path.join(dir, 'labels.tsv'), `\n${row('acme/nets', COMMIT_B, 'net.py', '1', 'BN101', 'fn', 'older commit')}`);
    const result = run();
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`row 3: acme/nets ${COMMIT_B}`));
  });
});
