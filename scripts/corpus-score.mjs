// The logic of `npm run corpus` (scripts/corpus.mjs), kept free of processes and the file system so
// a unit test can drive it: the label file's format, matching findings to labels, scores per rule.
//
// A label names one place in one pinned commit of a public repository, never its code:
//   repo  commit  path  line  rule  verdict  reason
// `line` is the 1-based line, or `cell:line` in a notebook (the CLI's 1-based cell and the line
// within it). Verdicts: `tp` a finding that is a real mistake, `fp` a finding that is wrong, `fn` a
// real mistake the linter should report there (found in a repository's history, an issue tracker,
// or by reading). tp and fn labels are the real mistakes recall is measured against.

export const LABEL_COLUMNS = ['repo', 'commit', 'path', 'line', 'rule', 'verdict', 'reason'];
export const VERDICTS = ['tp', 'fp', 'fn'];

const LOCATION = /^(\d+:)?\d+$/;
const COMMIT = /^[0-9a-f]{40}$/;
const RULE = /^BN\d{3}$/;

/** The checkout folder of a repos.json entry: `owner__name`, or the entry's own `dir`. */
export function checkoutDirName(entry) {
  return entry.dir ?? entry.repo.replace('/', '__');
}

/** Where a finding sits, in the label file's `line` notation. */
export function locationOf(finding) {
  return finding.cell === undefined ? String(finding.line) : `${finding.cell}:${finding.line}`;
}

function keyOf(repo, commit, filePath, location, rule) {
  return [repo, commit, filePath.replace(/^\.\//, ''), location, rule].join('\t');
}

/**
 * Parses the tab-separated label file (a header row, then one label per row; `#` lines and blank
 * lines are skipped). Throws one error that lists every malformed row.
 */
export function parseLabels(text, fileName = 'labels.tsv') {
  const labels = [];
  const errors = [];
  const seen = new Map();
  const rows = text.split(/\r?\n/);
  const header = rows[0]?.split('\t');
  if (header?.join('\t') !== LABEL_COLUMNS.join('\t')) errors.push(`${fileName}:1: the header must be: ${LABEL_COLUMNS.join(' <tab> ')}`);
  rows.forEach((row, index) => {
    if (index === 0 || row.trim() === '' || row.startsWith('#')) return;
    const where = `${fileName}:${index + 1}`;
    const cells = row.split('\t');
    if (cells.length !== LABEL_COLUMNS.length) {
      errors.push(`${where}: ${cells.length} columns, expected ${LABEL_COLUMNS.length} (tab-separated)`);
      return;
    }
    const [repo, commit, filePath, line, rule, verdict, reason] = cells;
    const problems = [];
    if (!/^[^/\s]+\/[^/\s]+$/.test(repo)) problems.push(`repo "${repo}" is not owner/name`);
    if (!COMMIT.test(commit)) problems.push(`commit "${commit}" is not a full 40-digit hash`);
    if (!filePath) problems.push('path is empty');
    if (!LOCATION.test(line)) problems.push(`line "${line}" is not N or cell:N`);
    if (!RULE.test(rule)) problems.push(`rule "${rule}" is not a rule code`);
    if (!VERDICTS.includes(verdict)) problems.push(`verdict "${verdict}" is not one of ${VERDICTS.join(', ')}`);
    if (!reason.trim()) problems.push('reason is empty');
    const key = keyOf(repo, commit, filePath, line, rule);
    if (seen.has(key)) problems.push(`same place and rule as line ${seen.get(key)}`);
    if (problems.length) {
      errors.push(`${where}: ${problems.join('; ')}`);
      return;
    }
    seen.set(key, index + 1);
    labels.push({ repo, commit, path: filePath, line, rule, verdict, reason, row: index + 1 });
  });
  if (errors.length) throw new Error(`invalid labels:\n${errors.join('\n')}`);
  return labels;
}

/** One label row (tab-separated), for labels written by a tool or copied from the report. */
export function formatLabelRow(label) {
  return LABEL_COLUMNS.map((column) => String(label[column] ?? '').replace(/[\t\r\n]+/g, ' ')).join('\t');
}

function emptyStats() {
  return { findings: 0, tp: 0, fp: 0, unjudged: 0, realBugs: 0, found: 0 };
}

/** `part / whole` or null when there is nothing to divide. */
function ratio(part, whole) {
  return whole === 0 ? null : part / whole;
}

/**
 * Scores the findings of one run per repository against the labels of the commits that ran.
 * `runs`: [{repo, commit, findings}] with the CLI's JSON findings (file relative to the checkout).
 * Labels of commits that did not run are left out of every figure (a repository filtered away).
 */
export function scoreCorpus(runs, labels) {
  const ran = new Set(runs.map((run) => `${run.repo}\t${run.commit}`));
  const relevant = labels.filter((label) => ran.has(`${label.repo}\t${label.commit}`));
  const labelByKey = new Map(relevant.map((label) => [keyOf(label.repo, label.commit, label.path, label.line, label.rule), label]));
  const perRule = new Map();
  const stats = (rule) => perRule.get(rule) ?? perRule.set(rule, emptyStats()).get(rule);
  const unjudged = [];
  const reported = new Set();
  const falsePositives = [];
  for (const run of runs) {
    for (const finding of run.findings) {
      const location = locationOf(finding);
      const key = keyOf(run.repo, run.commit, finding.file, location, finding.code);
      if (reported.has(key)) continue; // two findings of one rule on one line are one judgement
      reported.add(key);
      const entry = stats(finding.code);
      entry.findings += 1;
      const label = labelByKey.get(key);
      if (!label) {
        entry.unjudged += 1;
        unjudged.push({
          repo: run.repo,
          commit: run.commit,
          path: finding.file.replace(/^\.\//, ''),
          line: location,
          rule: finding.code,
          message: finding.message,
        });
        continue;
      }
      if (label.verdict === 'fp') {
        entry.fp += 1;
        falsePositives.push(label);
      } else entry.tp += 1;
    }
  }
  const missed = [];
  const gone = [];
  for (const label of relevant) {
    const key = keyOf(label.repo, label.commit, label.path, label.line, label.rule);
    const isRealBug = label.verdict !== 'fp';
    if (isRealBug) stats(label.rule).realBugs += 1;
    if (reported.has(key)) {
      if (isRealBug) stats(label.rule).found += 1;
    } else if (isRealBug) missed.push(label);
    else gone.push(label);
  }
  const rules = [...perRule.keys()].sort().map((rule) => {
    const entry = perRule.get(rule);
    return { rule, ...entry, precision: ratio(entry.tp, entry.tp + entry.fp), recall: ratio(entry.found, entry.realBugs) };
  });
  const total = rules.reduce((sum, entry) => {
    for (const field of Object.keys(sum)) sum[field] += entry[field];
    return sum;
  }, emptyStats());
  return {
    rules,
    total: { ...total, precision: ratio(total.tp, total.tp + total.fp), recall: ratio(total.found, total.realBugs) },
    unjudged,
    missed,
    gone,
    falsePositives,
  };
}

function percent(value) {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

/**
 * The per-rule table and the lists a person acts on (unjudged findings, missed real bugs; with
 * `showFalsePositives`, the findings judged wrong and why).
 */
export function formatReport(score, { showFalsePositives = false } = {}) {
  const header = ['rule', 'findings', 'tp', 'fp', 'unjudged', 'precision', 'real bugs', 'found', 'recall'];
  const rows = [...score.rules, { rule: 'all', ...score.total }].map((entry) =>
    [entry.rule, entry.findings, entry.tp, entry.fp, entry.unjudged, percent(entry.precision), entry.realBugs, entry.found, percent(entry.recall)].map(String),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const out = [line(header), ...rows.map(line)];
  out.push('', 'precision = tp / (tp + fp) over judged findings; recall = real bugs (tp and fn labels) reported / real bugs labelled.');
  if (score.missed.length) {
    out.push('', `real bugs not reported (${score.missed.length}):`);
    for (const label of score.missed) out.push(`  ${label.repo} ${label.path}:${label.line} ${label.rule}: ${label.reason}`);
  }
  if (showFalsePositives && score.falsePositives.length) {
    out.push('', `false positives still reported (${score.falsePositives.length}):`);
    for (const label of score.falsePositives) out.push(`  ${label.rule} ${label.repo} ${label.path}:${label.line}: ${label.reason}`);
  }
  if (score.gone.length) out.push('', `${score.gone.length} fp label(s) no longer reported (fixed false positives).`);
  if (score.unjudged.length) {
    out.push('', `unjudged findings (${score.unjudged.length}); label them by appending rows like these (verdict and reason filled in) to the label file:`);
    for (const finding of score.unjudged) {
      out.push(`  ${finding.rule} ${finding.repo} ${finding.path}:${finding.line}: ${finding.message.slice(0, 160)}`);
      out.push(`  ${formatLabelRow({ ...finding, verdict: '?', reason: '?' })}`);
    }
  }
  return out.join('\n');
}
