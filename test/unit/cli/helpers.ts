/**
 * Shared helpers for the CLI tests: the built `bin/normlint.js` run as a real process, temporary
 * copies of fixtures, and small parsers for its output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
export const EXAMPLES = path.join(ROOT, 'examples');

/** The files `bin/normlint.js` needs at run time: the bundles and the grammars beside them. */
const RUNTIME_FILES = [
  'bin/normlint.js',
  'dist/cli.js',
  'dist/worker.js',
  'dist/tree-sitter.wasm',
  'dist/tree-sitter-python.wasm',
  'dist/typescript-estree.js',
];

let snapshot: string | undefined;

/**
 * Builds dist/ once per mocha process (every CLI test runs the bundled CLI, as users do), then
 * runs it from a private copy of bin/ and dist/: other builds of the shared checkout (watch mode,
 * a colleague's `npm run build`) then cannot swap the bundle out from under a running test.
 */
export function buildOnce(): void {
  if (snapshot) return;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, `build failed:\n${result.stdout}\n${result.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-cli-build-'));
  for (const file of RUNTIME_FILES) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  // Readable by everyone: some tests run the CLI as an unprivileged user (see `unprivileged`).
  fs.chmodSync(dir, 0o755);
  snapshot = dir;
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** The built CLI entry point (in the private copy made by buildOnce). */
function bin(): string {
  assert.ok(snapshot, 'call buildOnce() in a before() hook first');
  return path.join(snapshot, 'bin', 'normlint.js');
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string | Buffer;
  /** Extra environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Run under this umask (through /bin/sh), for file-mode tests. */
  readonly umask?: string;
  /** Keep stdout as bytes (decoded as latin1, so every byte maps to one char). */
  readonly binaryStdout?: boolean;
  /** Shell commands run (by /bin/sh) before the CLI, e.g. `ulimit -f 2`. */
  readonly shell?: string;
  /** Run as this user and group (see `unprivileged`). */
  readonly uid?: number;
  readonly gid?: number;
  readonly timeoutMs?: number;
}

/**
 * A user the file permissions apply to: `nobody` when the tests run as root (as in CI, where root
 * would read a mode-000 file), else the current user, whom they already apply to.
 */
export function unprivileged(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
}

/** Runs the built CLI and waits for it. Colors are off unless the test asks for them. */
export function normlint(args: readonly string[], options: RunOptions = {}): Run {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'FORCE_COLOR' && k !== 'NO_COLOR') env[k] = v;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const prelude = [options.umask ? `umask ${options.umask}` : '', options.shell ?? ''].filter(Boolean);
  const [command, argv] = prelude.length
    ? ['/bin/sh', ['-c', `${prelude.join(' && ')} && exec "$0" "$@"`, process.execPath, bin(), ...args]]
    : [process.execPath, [bin(), ...args]];
  const result = spawnSync(command, argv, {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env,
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 120_000,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: result.stdout.toString(options.binaryStdout ? 'latin1' : 'utf8'),
    stderr: result.stderr.toString('utf8'),
  };
}

/** Temporary folders, removed by `cleanup()` (call it from `afterEach`). */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-cli-test-'));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) {
      // A test may have made a file unreadable; make everything removable again first.
      try {
        for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
          try {
            fs.chmodSync(path.join(dir, entry), 0o755);
          } catch {
            /* already gone */
          }
        }
      } catch {
        /* nothing to fix */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Writes `content` to `dir/relative`, creating folders. Returns the absolute path. */
export function write(dir: string, relative: string, content: string | Buffer): string {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Copies a fixture from test/fixtures/cli (or examples/) into `dir/relative`. */
export function copyFixture(source: string, dir: string, relative: string): string {
  return write(dir, relative, fs.readFileSync(source));
}

export interface JsonFinding {
  file: string;
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  name: string;
  severity: string;
  message: string;
  explanation: string;
  focus: { line: number; column: number; endLine: number; endColumn: number };
  fix: null | {
    title: string;
    applicability: string;
    edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[];
  };
}

export function parseJsonOutput(run: Run): { version: number; findings: JsonFinding[] } {
  try {
    return JSON.parse(run.stdout) as { version: number; findings: JsonFinding[] };
  } catch (e) {
    throw new Error(`stdout is not JSON (${String(e)}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

export const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** 0-based UTF-16 offset of a 1-based line/column in `text` (lines split on \n, \r\n or \r). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const lf = text.indexOf('\n', offset);
    const cr = text.indexOf('\r', offset);
    const next = cr >= 0 && (lf < 0 || cr < lf) ? (text[cr + 1] === '\n' ? cr + 2 : cr + 1) : lf + 1;
    assert.ok(next > 0, `line ${line} is past the end of the text`);
    offset = next;
  }
  return offset + column - 1;
}

/** Applies JSON-output edits (1-based line/column) to `text`. */
export function applyJsonEdits(text: string, edits: readonly { line: number; column: number; endLine: number; endColumn: number; newText: string }[]): string {
  const spans = edits
    .map((e) => ({ start: offsetOf(text, e.line, e.column), end: offsetOf(text, e.endLine, e.endColumn), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}
