// `npm run corpus`: re-scores the labelled development corpus (docs/corpus.md). Runs the built CLI
// over each pinned checkout of corpus/repos.json, matches its findings to corpus/labels.tsv and
// prints precision and recall per rule, then the findings nobody has judged yet. A developer tool:
// CI cannot fetch the repositories, so it is not part of `npm test`.
//
//   node scripts/corpus.mjs [--strict] [--show-fp] [--repo owner/name]... [--cli path/to/normlint.js] [--labels FILE]
//
// Checkouts live in $NORMLINT_CORPUS_DIR (default /work/corpus/src), one folder per entry.
// Exit codes: 0 scored; 1 with --strict when findings are unjudged; 2 a checkout is missing, the
// labels are invalid or the CLI failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkoutDirName, formatReport, parseLabels, scoreCorpus } from './corpus-score.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = process.env.NORMLINT_CORPUS_DIR ?? '/work/corpus/src';

function fail(message) {
  console.error(message);
  process.exit(2);
}

const { values: options } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    'show-fp': { type: 'boolean', default: false },
    repo: { type: 'string', multiple: true },
    cli: { type: 'string', default: path.join(root, 'bin', 'normlint.js') },
    labels: { type: 'string', default: path.join(root, 'corpus', 'labels.tsv') },
    repos: { type: 'string', default: path.join(root, 'corpus', 'repos.json') },
  },
});

const allEntries = JSON.parse(fs.readFileSync(options.repos, 'utf8')).repos;
const entries = allEntries.filter((entry) => !options.repo || options.repo.includes(entry.repo));
if (options.repo && entries.length === 0) fail(`no entry of ${options.repos} matches --repo ${options.repo.join(', ')}`);
let labels;
try {
  labels = parseLabels(fs.readFileSync(options.labels, 'utf8'), path.relative(root, options.labels));
} catch (error) {
  fail(error.message);
}
const pinned = new Set(allEntries.map((entry) => `${entry.repo}\t${entry.commit}`));
const orphans = labels.filter((label) => !pinned.has(`${label.repo}\t${label.commit}`));
if (orphans.length)
  fail(
    `labels for commits that repos.json does not pin (add the commit there):\n${orphans.map((label) => `  row ${label.row}: ${label.repo} ${label.commit}`).join('\n')}`,
  );

const missing = entries.filter((entry) => !fs.existsSync(path.join(corpusDir, checkoutDirName(entry))));
if (missing.length) {
  fail(
    `missing checkouts in ${corpusDir} (set NORMLINT_CORPUS_DIR to use another folder); get each at its pinned commit:\n` +
      missing
        .map((entry) => {
          const dir = path.join(corpusDir, checkoutDirName(entry));
          return `  git clone -q https://github.com/${entry.repo} /tmp/clone && mkdir -p ${dir} && git -C /tmp/clone archive ${entry.commit} | tar -x -C ${dir} && rm -rf /tmp/clone`;
        })
        .join('\n'),
  );
}
if (!fs.existsSync(options.cli)) fail(`${options.cli} not found: run \`npm run build\` first`);

const runs = entries.map((entry) => {
  const dir = path.join(corpusDir, checkoutDirName(entry));
  process.stderr.write(`linting ${entry.repo} @ ${entry.commit.slice(0, 12)}\n`);
  const result = spawnSync(process.execPath, [options.cli, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  // 0 = no findings, 1 = findings (or an unreadable file); anything else is a failure of the run.
  if (result.status !== 0 && result.status !== 1) fail(`normlint failed on ${dir} (exit ${result.status}):\n${result.stderr}`);
  return { repo: entry.repo, commit: entry.commit, findings: JSON.parse(result.stdout).findings };
});

const score = scoreCorpus(runs, labels);
console.log(`${runs.length} checkouts, ${labels.length} labels, CLI ${path.relative(process.cwd(), options.cli) || options.cli}\n`);
console.log(formatReport(score, { showFalsePositives: options['show-fp'] }));
if (options.strict && score.unjudged.length) {
  console.error(`\n--strict: ${score.unjudged.length} finding(s) unjudged`);
  process.exit(1);
}
