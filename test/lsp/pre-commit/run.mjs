#!/usr/bin/env node
// The pre-commit test of `npm test`: Debian's pre-commit (installed when missing) runs this
// repository's .pre-commit-hooks.yaml with `pre-commit try-repo` in a temporary git repository
// holding a bad file, a good one, a file excluded by pyproject.toml and a file of another type.
// `language: node` installs the hook with the system's node and npm (packages from the npm registry).
// try-repo installs into a throw-away store every time (minutes: npm installs the dev dependencies to
// build), so it runs once; the passing and zero-file cases run `pre-commit run` with this repository
// at its HEAD commit, installed once per commit into node_modules/.cache/normlint-pre-commit.
// Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const install = spawnSync('bash', [path.join(here, '..', 'install-debian-packages.sh'), 'pre-commit'], { stdio: 'inherit' });
if (install.status !== 0) {
  console.log('pre-commit could not be installed\n0 passed, 1 failed');
  process.exit(1);
}

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-pre-commit-'));
const git = (...args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
git('init', '-q');
const bad = fs.readFileSync(path.join(root, 'test', 'fixtures', 'cli', 'model.py'), 'utf8');
const files = {
  'bad.py': bad,
  'good.py': 'import torch.nn as nn\n\nblock = nn.Sequential(nn.Conv2d(3, 8, 3, bias=False), nn.BatchNorm2d(8))\n',
  'legacy/old.py': bad,
  'pyproject.toml': '[tool.normlint]\nexclude = ["legacy/**"]\n',
  'notes.txt': 'not code\n',
};
for (const [name, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
  fs.writeFileSync(path.join(repo, name), text);
}
git('add', '-A');

const env = { ...process.env, PRE_COMMIT_HOME: path.join(root, 'node_modules', '.cache', 'normlint-pre-commit'), PRE_COMMIT_COLOR: 'never' };
let passed = 0;
let failed = 0;
const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${JSON.stringify(root)}\n    rev: ${head}\n    hooks:\n      - id: normlint\n`);
function preCommit(name, args, expectStatus, expectOutput, rejectOutput) {
  const started = Date.now();
  const run = spawnSync('pre-commit', args, { cwd: repo, env, encoding: 'utf8', timeout: 900000 });
  const output = `${run.stdout}${run.stderr}`;
  const ok = run.status === expectStatus && expectOutput.every((r) => r.test(output)) && !rejectOutput.some((r) => r.test(output));
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok)
    console.log(
      `    exit ${run.status ?? run.signal}; output:\n${output
        .split('\n')
        .map((l) => `    | ${l}`)
        .join('\n')}`,
    );
}
preCommit(
  'try-repo: a staged file with findings fails the hook; excluded and other files are not linted',
  ['try-repo', root, 'normlint', '--files', 'bad.py', 'good.py', 'legacy/old.py', 'notes.txt'],
  1,
  [/normlint\.+Failed/, /bad\.py:11:44: BN101/],
  [/legacy/, /good\.py:/, /notes/],
);
preCommit('run: good and excluded files pass', ['run', 'normlint', '--files', 'good.py', 'legacy/old.py'], 0, [/normlint\.+Passed/], []);
preCommit('run: no files of its types: skipped, passes', ['run', 'normlint', '--files', 'notes.txt'], 0, [/normlint\.+\(no files to check\)Skipped/], []);
fs.rmSync(repo, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
