/** `normlint`: the command-line twin of the extension, over the same analyzer. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { ConfigError, isExcluded, type NormlintConfig } from '../analyzer/config/config';
import { allRules, ruleByCode } from '../analyzer/rules';
import { compiledWasm, getAnalyzer } from '../node/analyzer';
import { ConfigResolver, fixedConfig, loadConfigFile, relativeToConfig, type LoadedConfig } from '../node/config-discovery';
import { lintFile, type FileReport, type FixMode, type LintTask } from '../node/lint-file';
import { decodeSource, encodeSource } from '../node/read-source';
import { VERSION } from '../version';
import { unifiedDiff } from './diff';
import { collectFiles } from './files';
import { formatJson } from './output/json';
import { formatSarif } from './output/sarif';
import { formatText } from './output/text';
import { defaultJobs, lintInWorkers, taskSizes } from './pool';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const HELP = `normlint ${VERSION}: catches batch-normalization mistakes in PyTorch, Keras, Flax and TensorFlow.js code

Usage: normlint [options] [paths...]
       normlint - --stdin-filename model.py < model.py

Paths are files or folders (folders recurse, skipping .git, virtual environments, node_modules and
the configuration's "exclude", following symbolic links once); .py and .ipynb files, and .ts/.js files
for TensorFlow.js. Default: .

Options:
  --select CODES         Only these rules (comma-separated codes or prefixes: BN101,BN3); replaces the config's select
  --ignore CODES         Also skip these rules
  --fix                  Apply safe fixes in place
  --unsafe-fixes         With --fix or --diff, also apply unsafe fixes
  --diff                 Show the fixes as a unified diff for patch -p0 or git apply -p0; write nothing
                         (exit 1 if anything would change)
  --format FORMAT        text (default), json or sarif
  --config FILE          Use this pyproject.toml instead of discovering one per file
  --force-exclude        Apply the configuration's "exclude" to files named explicitly too (pre-commit)
  --no-project           Read each file alone: imports of other project files stay unknown (by default
                         each folder argument, or a named file's folder, is a project whose files
                         import each other's classes, helpers and constants)
  --stdin-filename NAME  Name (and so language and config) for source read from stdin ("-")
  --jobs N               Worker threads (default: one per MB of source, at most one per core, and
                         one core fewer with the project view)
  --quiet                Only the findings: no code frames, no summary
  --no-color             Plain text even on a terminal (also NO_COLOR=1)
  --explain CODE         Print a rule's documentation
  --list-rules           Print every rule's code, name and summary
  --version              Print the version
  --help                 Print this help

Exit codes: 0 no findings, 1 findings, or files that could not be (fully) analyzed or fixed, 2 usage,\nconfiguration or internal error.
Configuration: [tool.normlint] in the closest pyproject.toml (select, ignore, per-file-ignores, severity, exclude).
`;

interface Io {
  readonly stdout: (s: string) => void;
  readonly stdoutBytes: (b: Buffer) => void;
  readonly stderr: (s: string) => void;
  readonly readStdin: () => Promise<Buffer>;
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

function codeList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function withOverrides(loaded: LoadedConfig, select: string[] | undefined, ignore: string[] | undefined): LoadedConfig {
  if (!select && !ignore) return loaded;
  const config: NormlintConfig = {
    ...loaded.config,
    ...(select ? { select } : {}),
    ...(ignore ? { ignore: [...(loaded.config.ignore ?? []), ...ignore] } : {}),
  };
  return { ...loaded, config };
}

/** NO_COLOR and --no-color win; FORCE_COLOR=0/false means no; otherwise colors on a terminal. */
function wantsColor(io: Io, noColor: boolean): boolean {
  if (noColor || io.env['NO_COLOR']) return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return !['0', 'false', ''].includes(force.toLowerCase());
  return io.isTty;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        select: { type: 'string' },
        ignore: { type: 'string' },
        fix: { type: 'boolean' },
        'unsafe-fixes': { type: 'boolean' },
        diff: { type: 'boolean' },
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        'force-exclude': { type: 'boolean' },
        'no-project': { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        jobs: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'no-color': { type: 'boolean' },
        explain: { type: 'string' },
        'list-rules': { type: 'boolean' },
        version: { type: 'boolean', short: 'V' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    args = parse();
  } catch (e) {
    io.stderr(`normlint: ${e instanceof Error ? e.message : String(e)}\nRun 'normlint --help' for usage.\n`);
    return EXIT_ERROR;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(HELP);
    return EXIT_CLEAN;
  }
  if (values.version) {
    io.stdout(`normlint ${VERSION}\n`);
    return EXIT_CLEAN;
  }
  if (values['list-rules']) {
    for (const r of allRules) io.stdout(`${r.meta.code}  ${r.meta.name.padEnd(40)} ${r.meta.defaultSeverity.padEnd(8)} ${r.meta.summary}\n`);
    return EXIT_CLEAN;
  }
  if (values.explain !== undefined) {
    const rule = ruleByCode(values.explain);
    if (!rule) {
      io.stderr(`normlint: unknown rule "${values.explain}" (known: ${allRules.map((r) => r.meta.code).join(', ')})\n`);
      return EXIT_ERROR;
    }
    io.stdout(rule.meta.docs.endsWith('\n') ? rule.meta.docs : `${rule.meta.docs}\n`);
    return EXIT_CLEAN;
  }
  const format = values.format;
  if (!['text', 'json', 'sarif'].includes(format)) {
    io.stderr(`normlint: --format must be text, json or sarif, not "${format}"\n`);
    return EXIT_ERROR;
  }
  const select = codeList(values.select);
  const ignore = codeList(values.ignore);
  for (const code of [...(select ?? []), ...(ignore ?? [])]) {
    if (code !== 'ALL' && !allRules.some((r) => r.meta.code.startsWith(code.toUpperCase()) || r.meta.name === code)) {
      io.stderr(`normlint: unknown rule code or prefix "${code}"\n`);
      return EXIT_ERROR;
    }
  }
  const jobs = values.jobs !== undefined ? Number(values.jobs) : undefined;
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
    io.stderr(`normlint: --jobs must be a positive whole number\n`);
    return EXIT_ERROR;
  }
  const fix: FixMode = values.fix || values.diff ? (values['unsafe-fixes'] ? 'unsafe' : 'safe') : 'none';
  const dryRun = !!values.diff;

  const resolver = new ConfigResolver();
  let explicit: LoadedConfig | undefined;
  const configFor = (file: string): LoadedConfig => withOverrides(explicit ?? resolver.forFile(file), select, ignore);
  try {
    if (values.config) explicit = loadConfigFile(values.config);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`normlint: invalid configuration: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }

  const paths = positionals.length > 0 ? positionals : ['.'];
  /** Paths that could not be reached at all (missing, unreadable folders): reported like unreadable files. */
  const unreachable: FileReport[] = [];
  const tasks: LintTask[] = [];
  try {
    if (paths.length === 1 && paths[0] === '-') {
      const name = values['stdin-filename'] ?? 'stdin.py';
      // A named buffer sees the files beside it (an editor or pre-commit passes the real path).
      const projectRoot = values['stdin-filename'] && !values['no-project'] ? path.dirname(name) : undefined;
      tasks.push({ displayPath: name, stdinBytes: await io.readStdin(), config: configFor(name), fix, dryRun: true, ...(projectRoot ? { projectRoot } : {}) });
    } else {
      // In Node the analyzer always has its TS/JS front end (typescript-estree loads on the first such file).
      const files = collectFiles(paths, explicit ? fixedConfig(explicit) : resolver, true, (displayPath, reason) => {
        unreachable.push({ displayPath, findings: [], problems: [], ruleErrors: [], fixesApplied: 0, error: reason });
      });
      for (const entry of files) {
        const config = configFor(entry.file);
        if (values['force-exclude'] && isExcluded(config.config, relativeToConfig(config, entry.file))) continue;
        tasks.push({
          file: entry.file,
          displayPath: entry.displayPath,
          config,
          fix,
          dryRun,
          ...(values['no-project'] ? {} : { projectRoot: entry.projectRoot }),
        });
      }
    }
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`normlint: invalid configuration: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }

  const crashed = (task: LintTask, error: string): FileReport => ({
    displayPath: task.displayPath,
    findings: [],
    problems: [],
    ruleErrors: [{ code: 'internal', message: error }],
    fixesApplied: 0,
  });
  const sizes = taskSizes(tasks);
  const bytes = sizes.reduce((n, size) => n + size, 0);
  const workerCount = jobs ?? defaultJobs(bytes, { projectView: tasks.some((task) => task.projectRoot !== undefined) });
  let linted: FileReport[];
  if (workerCount > 1 && fs.existsSync(path.join(__dirname, 'worker.js'))) {
    linted = await lintInWorkers(tasks, sizes, workerCount, crashed, await compiledWasm());
  } else {
    // Only here does the main thread start a parser of its own (32 MB of WebAssembly memory).
    const analyzer = await getAnalyzer();
    linted = tasks.map((task) => {
      try {
        return lintFile(analyzer, task);
      } catch (e) {
        return crashed(task, e instanceof Error ? (e.stack ?? e.message) : String(e));
      }
    });
  }
  const reports = [...unreachable, ...linted];

  if (tasks.length === 1 && tasks[0].stdinBytes !== undefined && values.fix && !values.diff) {
    // Like Ruff and Black: with --fix on stdin, the fixed source goes to stdout.
    const report = linted[0];
    if (report.error) {
      io.stderr(`normlint: ${report.displayPath}: ${report.error}\n`);
      io.stdoutBytes(Buffer.from(tasks[0].stdinBytes));
      return EXIT_FINDINGS;
    }
    if (report.fixed !== undefined) io.stdoutBytes(encodeSource(report.fixed, decodeSource(Buffer.from(tasks[0].stdinBytes)).encoding));
    else io.stdoutBytes(Buffer.from(tasks[0].stdinBytes));
    const remaining = report.findings.length;
    if (remaining > 0) io.stderr(formatText(reports, { color: false, quiet: true }).stdout);
    return remaining > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
  }

  if (values.diff) {
    let changed = 0;
    for (const report of reports) {
      if (report.error) io.stderr(`error: ${report.displayPath}: ${report.error}\n`);
      if (report.fixed === undefined || report.original === undefined) continue;
      changed++;
      io.stdout(unifiedDiff(report.displayPath, report.original, report.fixed));
    }
    if (!values.quiet) io.stderr(changed ? `${changed} file${changed === 1 ? '' : 's'} would be changed.\n` : 'No fixes to apply.\n');
    const failed = reports.some((r) => r.error);
    return changed > 0 || failed ? EXIT_FINDINGS : EXIT_CLEAN;
  }

  if (format === 'json') io.stdout(formatJson(reports));
  else if (format === 'sarif') io.stdout(formatSarif(reports, VERSION));
  const text = formatText(reports, { color: wantsColor(io, !!values['no-color']), quiet: !!values.quiet });
  if (format === 'text') io.stdout(text.stdout);
  io.stderr(text.stderr);

  if (reports.some((r) => r.ruleErrors.length > 0)) return EXIT_ERROR;
  // Files not (fully) analyzed and fixes not written fail the run as findings do: a pass must mean it.
  const incomplete = reports.some((r) => r.findings.length > 0 || r.error || r.problems.length > 0 || r.notWritten);
  return incomplete ? EXIT_FINDINGS : EXIT_CLEAN;
}

/**
 * How far V8 lets the old generation grow past what a full collection left alive, in percent. V8
 * picks 10% to 300% by the allocation rate, and an analysis allocates fast but keeps little alive
 * (about 35 MB on torch + torchvision), so the heap filled up with garbage. A fixed 30% collects
 * it sooner, mostly on V8's helper threads: peak RSS on torch + torchvision 290–325 MB → 230 MB,
 * pytorch-image-models 255 → 190 MB, detectron2 200 → 170 MB, at the same wall time (10%: 5 MB
 * less, no faster; docs/performance.md).
 */
const HEAP_GROWING_PERCENT = 30;

/** The process entry point used by `bin/normlint.js`. */
export function runCli(): void {
  // Process-wide, so it reaches the workers too; a value given to node itself wins.
  if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    stdoutBytes: (b) => process.stdout.write(b),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    isTty: !!process.stdout.isTTY,
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`normlint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
