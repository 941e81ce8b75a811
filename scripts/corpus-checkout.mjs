#!/usr/bin/env node
// Checks out every pinned commit of one corpus repository from a local git directory (a clone, or
// a snapshot that lacks large files) into $NORMLINT_CORPUS_DIR. Blobs the git directory does not
// hold (files of several MiB left out of a partial snapshot) are left out of the checkout.
// Usage: node scripts/corpus-checkout.mjs owner/name /path/to/repo.git
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [repo, gitDir] = process.argv.slice(2);
if (!repo || !gitDir) {
  console.error('usage: node scripts/corpus-checkout.mjs owner/name /path/to/git-dir');
  process.exit(2);
}
const corpusDir = process.env.NORMLINT_CORPUS_DIR ?? '/work/corpus/src';
// git archive still names the excluded missing blobs on stderr; a real failure is its exit status.
const git = (args, input) => execFileSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });
const entries = JSON.parse(fs.readFileSync(path.join(root, 'corpus/repos.json'), 'utf8')).repos.filter((r) => r.repo.toLowerCase() === repo.toLowerCase());
if (entries.length === 0) {
  console.error(`${repo} is not in corpus/repos.json`);
  process.exit(2);
}
for (const entry of entries) {
  const dest = path.join(corpusDir, entry.dir ?? entry.repo.replace('/', '__'));
  const label = `${entry.repo}@${entry.commit.slice(0, 12)}`;
  if (fs.existsSync(dest) && fs.readdirSync(dest).length > 0) {
    console.log(`${label}: already checked out in ${dest}`);
    continue;
  }
  const blobs = git(['ls-tree', '-r', '-z', entry.commit])
    .toString('utf8')
    .split('\0')
    .filter((line) => line.split(' ')[1] === 'blob')
    .map((line) => ({ path: line.slice(line.indexOf('\t') + 1), sha: line.split(' ')[2].split('\t')[0] }));
  const present = git(['cat-file', '--batch-check'], blobs.map((b) => b.sha).join('\n') + '\n')
    .toString('utf8')
    .split('\n');
  const missing = blobs.filter((_, i) => present[i]?.endsWith('missing')).map((b) => b.path);
  fs.mkdirSync(dest, { recursive: true });
  const archive = git(['archive', entry.commit, '--', '.', ...missing.map((p) => `:(exclude,literal)${p}`)]);
  execFileSync('tar', ['-x', '-C', dest], { input: archive });
  console.log(`${label}: checked out in ${dest}${missing.length ? ` (${missing.length} large files absent from the snapshot)` : ''}`);
}
