// `npm run bench`: throughput on a real corpus, the .py files of Debian's python3-torch and
// python3-torchvision (apt-get install python3-torch python3-torchvision). In one run it measures
// tree-sitter parsing alone, the full analysis on one thread, the CLI end to end (workers), and
// the CLI against Ruff's WebAssembly build run the same way, as whole processes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- Ruff's WebAssembly build as a CLI
// `node scripts/bench.mjs --ruff-wasm PATHS...` lints the .py files under PATHS with
// @astral-sh/ruff-wasm-nodejs (Ruff's default rules) in normlint's process model: the main thread
// walks the folders, worker threads (one per megabyte of source begun, at most one per core: what
// defaultJobs in src/cli/pool.ts gives without the project view, and Ruff's fastest here, as it
// shares nothing between files) each load Ruff once and read and check the files they are handed
// in batches.
// It prints the number of diagnostics.
const RUFF_WORKER = `
  const fs = require('node:fs');
  const { parentPort } = require('node:worker_threads');
  const ruff = require(${JSON.stringify(require.resolve('@astral-sh/ruff-wasm-nodejs'))});
  const workspace = new ruff.Workspace(ruff.Workspace.defaultSettings(), ruff.PositionEncoding.Utf16);
  parentPort.on('message', (batch) => {
    let diagnostics = 0;
    for (const file of batch) diagnostics += workspace.check(fs.readFileSync(file, 'utf8')).length;
    parentPort.postMessage(diagnostics);
  });
`;
if (process.argv[2] === '--ruff-wasm') {
  const pyFiles = process.argv.slice(3).flatMap((p) => (fs.statSync(p).isDirectory() ? collect(p, ['.py']) : [p]));
  const bytes = pyFiles.reduce((n, file) => n + fs.statSync(file).size, 0);
  const jobs = Math.max(1, Math.min(os.availableParallelism(), Math.ceil(bytes / (1024 * 1024))));
  let next = 0;
  let diagnostics = 0;
  const BATCH = 16;
  await Promise.all(
    Array.from({ length: jobs }, () => {
      const worker = new Worker(RUFF_WORKER, { eval: true });
      return new Promise((resolve, reject) => {
        const send = () => {
          if (next >= pyFiles.length) return worker.terminate().then(resolve);
          worker.postMessage(pyFiles.slice(next, (next += BATCH)));
        };
        worker.on('message', (count) => {
          diagnostics += count;
          send();
        });
        worker.on('error', reject);
        send();
      });
    }),
  );
  console.log(JSON.stringify({ files: pyFiles.length, jobs, diagnostics }));
  process.exit(0);
}
const corpusRoots = (process.env.BENCH_CORPUS ?? '/usr/lib/python3/dist-packages/torch:/usr/lib/python3/dist-packages/torchvision').split(':');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/** /usr/bin/time's wall seconds, CPU seconds and peak RSS of a whole process, with its stdout. */
function timeProcess(args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const [wall, user, system, peakKb] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + system, peakMb: peakKb / 1024, stdout: result.stdout };
}

function collect(dir, ext, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(full, ext, out);
    else if (entry.isFile() && ext.some((e) => entry.name.endsWith(e))) out.push(full);
  }
  return out;
}

const missing = corpusRoots.filter((d) => !fs.existsSync(d));
if (missing.length) {
  console.error(`corpus not found: ${missing.join(', ')}\ninstall it with: apt-get install -y python3-torch python3-torchvision`);
  process.exit(2);
}
const files = corpusRoots.flatMap((d) => collect(d, ['.py']));
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const lines = texts.reduce((n, t) => n + t.split('\n').length, 0);
const megabytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
console.log(`corpus: ${files.length} files, ${lines.toLocaleString('en')} lines, ${megabytes.toFixed(1)} MB (${corpusRoots.join(', ')})`);

const api = require(path.join(root, 'dist/api.js'));
const analyzer = await api.getAnalyzer();
const { Parser, Language } = require('@vscode/tree-sitter-wasm');
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(fs.readFileSync(path.join(root, 'dist/tree-sitter-python.wasm'))));

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Runs the measured functions in alternation, `rounds` times, and returns each one's median time
 * and all its samples (round r of each function ran back to back).
 */
function timeInterleaved(fns) {
  const samples = fns.map(() => []);
  const cpu = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      fn();
      const c1 = process.cpuUsage(c0);
      samples[i].push(Number(process.hrtime.bigint() - t0) / 1e9);
      // CPU time of this process (one thread here): less disturbed than wall time by other work on the machine.
      cpu[i].push((c1.user + c1.system) / 1e6);
    });
  }
  return samples.map((s, i) => ({ median: median(s), samples: s, cpuMedian: median(cpu[i]), cpuSamples: cpu[i] }));
}

/** The spread of the per-round ratio of `b`'s CPU time to `a`'s. */
function cpuRatioRange(a, b) {
  const ratios = a.cpuSamples.map((t, r) => b.cpuSamples[r] / t);
  return `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)} round by round)`;
}

/** The spread of the per-round overhead of `b` over `a`, in percent. */
function overheadRange(a, b) {
  const ratios = a.samples.map((t, r) => ((b.samples[r] - t) / t) * 100);
  return `${Math.min(...ratios).toFixed(0)}% to ${Math.max(...ratios).toFixed(0)}% round by round`;
}

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
let findings = 0;
// Parse-only and full analysis alternate round by round, so both see the same machine state.
const [parseTimes, analyzeTimes] = timeInterleaved([
  () => {
    for (const t of texts) parser.parse(t).delete();
    sample();
  },
  () => {
    findings = 0;
    for (let i = 0; i < texts.length; i++) {
      findings += analyzer.analyze(texts[i], { fileName: files[i] }).findings.length;
      if (i % 100 === 0) sample();
    }
  },
]);

const parseOnly = parseTimes.median;
const analyzeAll = analyzeTimes.median;

const cliStart = process.hrtime.bigint();
const cli = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'bin/normlint.js'), '--quiet', '--format', 'json', ...corpusRoots], {
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
const cliSeconds = Number(process.hrtime.bigint() - cliStart) / 1e9;
const cliPeakKb = Number(cli.stderr.trim().split('\n').pop());
const cliFindings = JSON.parse(cli.stdout).findings.length;

const row = (label, seconds) =>
  `| ${label.padEnd(44)} | ${seconds.toFixed(2).padStart(7)} | ${Math.round(files.length / seconds)
    .toLocaleString('en')
    .padStart(7)} | ${Math.round(lines / seconds)
    .toLocaleString('en')
    .padStart(9)} |`;
console.log(`\n| work (median of ${rounds}) | seconds | files/s | lines/s |\n|---|---:|---:|---:|`);
console.log(row('tree-sitter parse only (1 thread)', parseOnly));
console.log(row('normlint analysis incl. parse (1 thread)', analyzeAll));
console.log(row('normlint CLI end to end (workers, 1 run)', cliSeconds));
console.log(
  `\nanalysis overhead over parsing: ${(((analyzeAll - parseOnly) / parseOnly) * 100).toFixed(0)}% (${(analyzeAll - parseOnly).toFixed(2)} s; ${overheadRange(parseTimes, analyzeTimes)}; the budget is 50%)`,
);
console.log(
  `analysis CPU / parse-only CPU: ${cpuRatioRange(parseTimes, analyzeTimes)} (${analyzeTimes.cpuMedian.toFixed(2)} s / ${parseTimes.cpuMedian.toFixed(2)} s; the target is 1.4)`,
);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (${os.availableParallelism()} cores)`,
);
console.log(`peak RSS: in-process ${(peakRss / 1048576).toFixed(0)} MB; CLI ${(cliPeakKb / 1024).toFixed(0)} MB (main process, /usr/bin/time)`);
console.log(`findings: ${findings} in-process, ${cliFindings} from the CLI`);

// Whole processes, alternating round by round: normlint's CLI and Ruff's WebAssembly build run the
// same way (worker threads, default rules, the same files). The ratio is normlint / Ruff.
{
  const normlintRuns = [];
  const ruffRuns = [];
  let ruffResult;
  for (let r = 0; r < rounds; r++) {
    normlintRuns.push(timeProcess([path.join(root, 'bin/normlint.js'), '--quiet', '--format', 'json', ...corpusRoots]));
    const ruffRun = timeProcess([fileURLToPath(import.meta.url), '--ruff-wasm', ...corpusRoots]);
    ruffResult = JSON.parse(ruffRun.stdout);
    ruffRuns.push(ruffRun);
  }
  const med = (runs, key) => median(runs.map((run) => run[key]));
  const ratios = normlintRuns.map((run, i) => run.wall / ruffRuns[i].wall);
  console.log(`\n| whole process (median of ${rounds}) | wall s | CPU s | peak RSS MB |\n|---|---:|---:|---:|`);
  console.log(
    `| normlint CLI | ${med(normlintRuns, 'wall').toFixed(2)} | ${med(normlintRuns, 'cpu').toFixed(2)} | ${med(normlintRuns, 'peakMb').toFixed(0)} |`,
  );
  console.log(
    `| Ruff ${require('@astral-sh/ruff-wasm-nodejs/package.json').version} WebAssembly (${ruffResult.jobs} workers, default rules) | ${med(ruffRuns, 'wall').toFixed(2)} | ${med(ruffRuns, 'cpu').toFixed(2)} | ${med(ruffRuns, 'peakMb').toFixed(0)} |`,
  );
  console.log(
    `\nnormlint / Ruff wasm, wall time: ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)} round by round); CPU: ${(med(normlintRuns, 'cpu') / med(ruffRuns, 'cpu')).toFixed(2)}; Ruff found ${ruffResult.diagnostics} diagnostics in ${ruffResult.files} files`,
  );
}

// ---------------------------------------------------------------- TS/JS (TensorFlow.js)
// typescript-estree's parse alone vs the full analysis (parse + TF.js front end + every rule) on the
// JavaScript of the @tensorflow/tfjs-layers npm package (its per-module dist/ files; the .min.js and
// whole-library tf-layers.* bundles are left out). Skipped, with a hint, when the corpus is missing.
{
  const tsCorpus = process.env.BENCH_TS_CORPUS ?? '/tmp/tfjs-corpus/package';
  const hint =
    'get it with: mkdir -p /tmp/tfjs-corpus && cd /tmp/tfjs-corpus && npm pack @tensorflow/tfjs-layers && tar xzf tensorflow-tfjs-layers-*.tgz (or set BENCH_TS_CORPUS)';
  if (!fs.existsSync(tsCorpus)) {
    console.log(`\nTS/JS corpus not found at ${tsCorpus}: TS/JS section skipped; ${hint}`);
  } else {
    const tsFiles = collect(tsCorpus, ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'])
      .filter((f) => !f.endsWith('.d.ts') && !f.endsWith('.min.js') && !/(^|\/)tf-layers\.[^/]*$/.test(f))
      .sort();
    const tsTexts = tsFiles.map((f) => fs.readFileSync(f, 'utf8'));
    const tsLines = tsTexts.reduce((n, t) => n + t.split('\n').length, 0);
    const tsMegabytes = tsTexts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
    console.log(`\nTS/JS corpus: ${tsFiles.length} files, ${tsLines.toLocaleString('en')} lines, ${tsMegabytes.toFixed(1)} MB (${tsCorpus})`);
    const { parse } = require('@typescript-eslint/typescript-estree');
    const parseOptions = (file) => ({ range: true, loc: true, comment: true, jsx: /\.(tsx|jsx)$/.test(file), errorOnUnknownASTType: false, tokens: false });
    // Warm up both (loading TypeScript takes a while once per process).
    parse('const a = 1;', parseOptions('a.ts'));
    analyzer.analyze("import * as tf from '@tensorflow/tfjs';", { fileName: 'a.ts' });
    let parseErrors = 0;
    let tsFindings = 0;
    let tsProblems = 0;
    const [tsParseTimes, tsAnalyzeTimes] = timeInterleaved([
      () => {
        parseErrors = 0;
        for (let i = 0; i < tsTexts.length; i++) {
          try {
            parse(tsTexts[i], parseOptions(tsFiles[i]));
          } catch {
            parseErrors++;
          }
        }
      },
      () => {
        tsFindings = 0;
        tsProblems = 0;
        for (let i = 0; i < tsTexts.length; i++) {
          const result = analyzer.analyze(tsTexts[i], { fileName: tsFiles[i] });
          tsFindings += result.findings.length;
          tsProblems += result.problems.length;
        }
      },
    ]);
    const tsParseOnly = tsParseTimes.median;
    const tsAnalyze = tsAnalyzeTimes.median;
    const tsCliStart = process.hrtime.bigint();
    const tsCli = spawnSync(process.execPath, [path.join(root, 'bin/normlint.js'), '--quiet', '--format', 'json', ...tsFiles], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const tsCliSeconds = Number(process.hrtime.bigint() - tsCliStart) / 1e9;
    const tsCliFindings = JSON.parse(tsCli.stdout).findings.length;
    const tsRow = (label, seconds) =>
      `| ${label.padEnd(44)} | ${seconds.toFixed(2).padStart(7)} | ${Math.round(tsFiles.length / seconds)
        .toLocaleString('en')
        .padStart(7)} | ${Math.round(tsLines / seconds)
        .toLocaleString('en')
        .padStart(9)} |`;
    console.log(`\n| TS/JS work (median of ${rounds}) | seconds | files/s | lines/s |\n|---|---:|---:|---:|`);
    console.log(tsRow('typescript-estree parse only (1 thread)', tsParseOnly));
    console.log(tsRow('normlint analysis incl. parse (1 thread)', tsAnalyze));
    console.log(tsRow('normlint CLI end to end (workers, 1 run)', tsCliSeconds));
    console.log(
      `\nanalysis overhead over parsing: ${(((tsAnalyze - tsParseOnly) / tsParseOnly) * 100).toFixed(0)}% (${(tsAnalyze - tsParseOnly).toFixed(2)} s; ${overheadRange(tsParseTimes, tsAnalyzeTimes)})`,
    );
    console.log(
      `parse errors: ${parseErrors} (typescript-estree), ${tsProblems} input problems (normlint); findings: ${tsFindings} in-process, ${tsCliFindings} from the CLI`,
    );
  }
}
