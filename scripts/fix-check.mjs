// `npm run fix-check -- PATHS`: the fix round trip of test/unit/analyzer/roundtrip.test.ts over any
// tree, with the built API (run `npm run build` first). Per file: apply the safe fixes, then the
// unsafe ones; re-parse; re-analyse; check that no statement a fix inserted reads a name that may be
// unbound where it runs (Python). A notebook is checked as the program its code cells make
// (every fix of that program, a superset of the fixes `--fix` applies cell by cell). Each folder
// argument is a project, as for the CLI (imports of its files resolve); `--no-project` reads files alone. Prints the counts, then every file where something broke
// (rule, what). Writes nothing. Exit 1 when any check failed, 2 on usage errors.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const api = path.join(root, 'dist/api.js');
if (!fs.existsSync(api)) {
  console.error('dist/api.js not found: run npm run build first');
  process.exit(2);
}
const { getAnalyzer, analyzeNotebook, checkFixRoundTrip, LineIndex, projectIndexFor, unboundInsertedNames } = createRequire(import.meta.url)(api);

const SOURCE = /\.(py|pyi|ipynb|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv']);

/** Source files under the paths, sorted, symlinks not followed (a tree is checked once), each with its project root. */
function collect(paths) {
  const out = [];
  const walk = (p, root) => {
    const stat = fs.lstatSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) if (!SKIPPED_FOLDERS.has(name)) walk(path.join(p, name), root);
    } else if (stat.isFile() && SOURCE.test(p)) out.push({ file: p, root });
  };
  for (const p of paths) walk(p, fs.statSync(p).isDirectory() ? p : path.dirname(p));
  return out;
}

const withProject = !process.argv.includes('--no-project');
const paths = process.argv.slice(2).filter((a) => a !== '--no-project');
if (paths.length === 0 || paths.some((p) => !fs.existsSync(p))) {
  console.error(
    `usage: npm run fix-check -- [--no-project] PATH...${paths.length ? ` (not found: ${paths.filter((p) => !fs.existsSync(p)).join(', ')})` : ''}`,
  );
  process.exit(2);
}

const analyzer = await getAnalyzer();

/** A notebook's code cells as one program (magics neutralized), or null when it cannot be read. */
function notebookProgram(text, options) {
  try {
    const { program, notebook } = analyzeNotebook(analyzer, text, options);
    const language = notebook.language === 'typescript' || notebook.language === 'javascript' ? 'typescript' : 'python';
    return { text: program.text, language };
  } catch {
    return null;
  }
}
const counts = {
  files: 0,
  filesWithFixes: 0,
  fixesApplied: 0,
  changedFiles: 0,
  changedFilesFailingToParse: 0,
  findingsRemaining: 0,
  newFindings: 0,
  secondPassChanges: 0,
  unboundInsertedNames: 0,
  refusedFixes: 0,
};
const problems = [];
const started = Date.now();
for (const { file, root } of collect(paths)) {
  const source = fs.readFileSync(file, 'utf8');
  const project = withProject ? projectIndexFor(root) : undefined;
  const options = { fileName: file, ...(project ? { project } : {}) };
  const notebook = file.toLowerCase().endsWith('.ipynb') ? notebookProgram(source, options) : undefined;
  if (notebook === null) continue; // not a notebook the analyzer reads: nothing to fix
  const text = notebook ? notebook.text : source;
  counts.files++;
  const analyze = (t) => analyzer.analyze(t, notebook ? { ...options, language: notebook.language } : options);
  const report = checkFixRoundTrip(text, analyze);
  if (report.applied === 0 && report.refused.length === 0) continue;
  counts.filesWithFixes++;
  counts.fixesApplied += report.applied;
  counts.refusedFixes += report.refused.length;
  const changed = report.fixed !== text;
  if (changed) counts.changedFiles++;
  const lineOf = (t, offset) => new LineIndex(t).positionAt(offset).line + 1;
  const note = (what) => problems.push(`${path.relative(process.cwd(), file)}: ${what}`);
  if (changed && report.breaksParse) {
    counts.changedFilesFailingToParse++;
    const after = analyze(report.fixed).problems[0];
    note(`fixed text does not parse${after ? ` (line ${lineOf(report.fixed, after.range.start)}: ${after.message})` : ''}`);
  }
  for (const f of report.remaining) note(`${f.code} remains after its fix, line ${lineOf(report.fixed, f.range.start)}: ${f.message}`);
  for (const f of report.introduced) note(`${f.code} is new after fixing, line ${lineOf(report.fixed, f.range.start)}: ${f.message}`);
  for (const r of report.refused) note(`${r.code} fix "${r.title}" refused (${r.reason}), line ${lineOf(text, r.offset)}`);
  counts.findingsRemaining += report.remaining.length;
  counts.newFindings += report.introduced.length;
  if (report.secondPassChanges) {
    counts.secondPassChanges++;
    note('a second application of the fixes changed the file again');
  }
  if (changed && (notebook ? notebook.language : 'python') === 'python' && !/\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i.test(file)) {
    for (const read of await unboundInsertedNames(text, report.fixed)) {
      counts.unboundInsertedNames++;
      note(`an inserted statement reads \`${read.name}\`, which may be unbound there (line ${read.line} of the fixed text)`);
    }
  }
}
const label = {
  files: 'files checked',
  filesWithFixes: 'files with fixes',
  fixesApplied: 'fixes applied',
  changedFiles: 'files changed',
  changedFilesFailingToParse: 'changed files that fail to parse',
  findingsRemaining: 'fixable findings remaining',
  newFindings: 'new findings',
  secondPassChanges: 'files changed by a second pass',
  unboundInsertedNames: 'inserted reads of possibly unbound names',
  refusedFixes: 'fixes refused by the engine',
};
for (const [key, value] of Object.entries(counts)) console.log(`${String(value).padStart(7)}  ${label[key]}`);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
if (problems.length) console.log(`\n${problems.join('\n')}`);
const failed = counts.changedFilesFailingToParse + counts.findingsRemaining + counts.newFindings + counts.secondPassChanges + counts.unboundInsertedNames;
process.exit(failed === 0 ? 0 : 1);
