// `npm test`: every suite, in order, then one closing line "N passed, N failed" for CI.
// Suites: type check, lint, format check, docs freshness, build, the examples' planted findings, unit tests (mocha),
// and, when present, the browser, VS Code and editor-integration suites.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

/** Runs a command with its output streamed, returning exit code and captured text. */
function run(label, command, args, env = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`\n▶ ${label}`);
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream, sink) =>
      stream.on('data', (d) => {
        output += d;
        sink.write(d);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => {
      console.log(`◀ ${label}: exit ${code} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** Counts from mocha's summary ("12 passing", "1 failing", "3 pending") or a plain "N passed, N failed" line. */
function counts(output) {
  const plain = [...output.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (plain) return { passed: +plain[1], failed: +plain[2] };
  const passing = [...output.matchAll(/^\s*(\d+) passing/gm)].pop();
  const failing = [...output.matchAll(/^\s*(\d+) failing/gm)].pop();
  return { passed: passing ? +passing[1] : 0, failed: failing ? +failing[1] : 0 };
}

const suites = [
  { label: 'type check', command: process.execPath, args: ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], counted: false },
  { label: 'lint (ESLint, type-aware)', command: process.execPath, args: ['node_modules/eslint/bin/eslint.js', '.'], counted: false, fatal: false },
  {
    label: 'format (Prettier --check)',
    command: process.execPath,
    args: ['node_modules/prettier/bin/prettier.cjs', '--check', '.'],
    counted: false,
    fatal: false,
  },
  // Before the build, which would regenerate them: docs/rules and package.json's settings must be committed fresh.
  { label: 'generated docs are fresh', command: process.execPath, args: ['scripts/generate-docs.mjs', '--check'], counted: false, fatal: false },
  { label: 'build', command: process.execPath, args: ['scripts/build.mjs'], counted: false },
  { label: 'examples show their planted findings', command: process.execPath, args: ['scripts/lint-examples.mjs', '--quiet'], counted: false, fatal: false },
  { label: 'unit tests (mocha)', command: process.execPath, args: ['node_modules/mocha/bin/mocha.js'], counted: true },
  // The browser and VS Code suites need Debian's chromium (and code-server); on a fresh machine nothing
  // else installs them before the browser suite runs. Idempotent: a no-op when already installed.
  { label: 'test environment (Debian packages, code-server)', command: 'bash', args: ['test/vscode/harness/install.sh'], counted: false },
];
for (const extra of ['test/browser/run.mjs', 'test/vscode/run-all.mjs']) {
  if (fs.existsSync(path.join(root, extra))) suites.push({ label: extra, command: process.execPath, args: [extra], counted: true });
}
// Editor integrations (test/lsp/): Neovim's LSP client against `normlint server`, the pre-commit hook.
for (const extra of ['test/lsp/neovim/run.mjs', 'test/lsp/pre-commit/run.mjs']) {
  if (fs.existsSync(path.join(root, extra))) suites.push({ label: extra, command: process.execPath, args: [extra], counted: true });
}

let passed = 0;
let failed = 0;
for (const suite of suites) {
  const { code, output } = await run(suite.label, suite.command, suite.args);
  if (suite.counted) {
    const c = counts(output);
    passed += c.passed;
    failed += c.failed;
    // A suite that died without reporting a failure still fails the run.
    if (code !== 0 && c.failed === 0) failed++;
  } else if (code !== 0) {
    failed++;
    if (suite.fatal === false) continue;
    console.log(`${suite.label} failed: later suites skipped`);
    break;
  }
}
console.log(`\nAll suites finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
