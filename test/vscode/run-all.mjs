#!/usr/bin/env node
// The VS Code part of `npm test`:
//   1. build the extension (scripts/build.mjs) and the extension-host suite (test/vscode/suite → dist/test/vscode)
//   2. run the suite inside a real VS Code (code-server + chromium, test/vscode/harness/run.mjs --mode ext)
//   2b. run it again, with the web-only tests (test/vscode/web), in VS Code's web worker extension host: a copy
//       of the extension with its `browser` entry and no `main`, which VS Code can run nowhere else
//   3. package the .vsix with `npm run package` and check its size and contents
//   4. install that .vsix into a fresh VS Code and run the UI tests (test/vscode/ui/*.ui.mjs) through the workbench
// Each VS Code run gets its own copy of the fixture workspace (test/vscode/workspace), since tests edit files.
// Ends with one "N passed, N failed" line; exit code 1 when anything failed.
//
//   node test/vscode/run-all.mjs [--only ext|web|ui|package] [--grep <mocha grep>] [--keep-workspace] [--runner code-server|electron]
//
// --runner electron (`npm run test:electron`) runs the same extension-host suite in desktop VS Code
// through @vscode/test-electron, which downloads VS Code (stable, or NORMLINT_VSCODE_VERSION) into
// .vscode-test/ first: for machines that can reach update.code.visualstudio.com. On Linux without a
// display, run it under xvfb-run. The default runner, code-server, works offline.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outputDir = path.join(root, 'test-output');
const { values: args } = parseArgs({
  options: { only: { type: 'string' }, grep: { type: 'string' }, 'keep-workspace': { type: 'boolean' }, runner: { type: 'string', default: 'code-server' } },
});
const started = Date.now();
const MAX_VSIX_BYTES = 5 * 1024 * 1024;

const results = []; // { name, passed, failed, seconds }
const measurements = [];
const log = (line) => console.log(`[vscode-tests ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}`);

/** Runs a command; its output is shown indented (so only our own summary line starts a line with "N passed"). */
function run(command, argv, { env = {}, capture = true } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const onData = (chunk) => {
      const text = pending + chunk.toString();
      const lines = text.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (capture) output += `${line}\n`;
        console.log(`    ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      if (pending) onData('\n');
      resolve({ code: code ?? 1, output });
    });
  });
}

function summaryOf(output) {
  const m = [...output.matchAll(/(?:^|\s)(?:ui: )?(\d+) passed, (\d+) failed/gm)].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}

function record(name, code, output, t0) {
  const s = summaryOf(output) ?? { passed: 0, failed: 0 };
  // A run that died without reporting a failure (harness error, timeout) still fails.
  if (code !== 0 && s.failed === 0) s.failed = 1;
  results.push({ name, ...s, seconds: (Date.now() - t0) / 1000 });
  for (const m of output.matchAll(/\[measure\] ([^\n]+)/g)) measurements.push(m[1].trim());
  log(`${name}: ${s.passed} passed, ${s.failed} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** A fresh copy of the fixture workspace. */
function copyWorkspace(label) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `normlint-vscode-${label}-`));
  fs.cpSync(path.join(here, 'workspace'), dir, { recursive: true });
  return dir;
}

async function buildAll() {
  const t0 = Date.now();
  const { code } = await run(process.execPath, ['scripts/build.mjs']);
  if (code !== 0) throw new Error('scripts/build.mjs failed');
  const suiteDir = path.join(here, 'suite');
  const entryPoints = fs
    .readdirSync(suiteDir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(suiteDir, f));
  const outdir = path.join(root, 'dist/test/vscode');
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    absWorkingDir: root,
  });
  log(`built the extension and ${entryPoints.length - 1} test files in ${Date.now() - t0} ms`);
}

async function extensionSuite() {
  const t0 = Date.now();
  const workspace = copyWorkspace('ext');
  log(`extension-host suite in a real VS Code (${args.runner}), workspace copy ${workspace}`);
  const env = args.grep ? { MOCHA_GREP: args.grep } : {};
  const { code, output } =
    args.runner === 'electron'
      ? await electronSuite(workspace, env)
      : await run(
          process.execPath,
          [
            'test/vscode/harness/run.mjs',
            '--mode',
            'ext',
            '--extension',
            '.',
            '--tests',
            'dist/test/vscode/index.js',
            '--workspace',
            workspace,
            '--timeout',
            '240',
          ],
          { env },
        );
  record(`extension-host suite (${args.runner})`, code, output, t0);
  if (!args['keep-workspace']) fs.rmSync(workspace, { recursive: true, force: true });
}

/**
 * The suite in the browser's web worker extension host. The extension copy has the `browser` entry and no
 * `main`, so VS Code can run it only there; the test bundle lives inside it, since VS Code runs an
 * extension's tests in the host that runs the extension. A worker has no Node API: the tests are one
 * CommonJS bundle with mocha's browser build, `node:assert` as the `assert` package.
 */
async function webWorkerSuite() {
  const t0 = Date.now();
  const extension = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-web-extension-'));
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  delete manifest.main;
  fs.writeFileSync(path.join(extension, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const dir of ['dist', 'docs', 'media', 'syntaxes']) fs.symlinkSync(path.join(root, dir), path.join(extension, dir));
  await build({
    entryPoints: [path.join(here, 'web/index.ts')],
    outfile: path.join(extension, 'test/index.js'),
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    absWorkingDir: root,
    // assert's `util` reads process.env when it loads.
    inject: [path.join(root, 'scripts/browser-process.mjs')],
    define: { NORMLINT_MOCHA_GREP: JSON.stringify(args.grep ?? '') },
    plugins: [
      {
        name: 'node-assert-for-browser',
        setup(b) {
          // `assert/`: the npm package, not Node's built-in of that name.
          b.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: 'assert/strict', namespace: 'assert-strict' }));
          b.onLoad({ filter: /.*/, namespace: 'assert-strict' }, () => ({
            contents: "module.exports = require('assert/').strict;",
            loader: 'js',
            resolveDir: root,
          }));
          // Mocha's browser build is UMD: inlined by esbuild, it would take over the bundle's own `module.exports`
          // (and with it `run`). Hidden from module and AMD, it installs itself as the global `mocha`.
          b.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (a) => ({
            contents: `(function (module, exports, define) {\n${await fs.promises.readFile(a.path, 'utf8')}\n}).call(globalThis);`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  const workspace = copyWorkspace('web');
  log(`web worker extension-host suite, extension copy ${extension}, workspace copy ${workspace}`);
  const { code, output } = await run(process.execPath, [
    'test/vscode/harness/run.mjs',
    '--mode',
    'ext',
    '--extension',
    extension,
    '--tests',
    path.join(extension, 'test/index.js'),
    '--workspace',
    workspace,
    '--timeout',
    '240',
  ]);
  record('web worker extension-host suite (code-server)', code, output, t0);
  if (!args['keep-workspace']) {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(extension, { recursive: true, force: true });
  }
}

/** The same suite in desktop VS Code through @vscode/test-electron (downloads VS Code on first use). */
async function electronSuite(workspace, env) {
  const { runTests } = await import('@vscode/test-electron');
  // The extension host inherits this process's environment (MOCHA_GREP); its console output is the suite's.
  Object.assign(process.env, env);
  let output = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    output += chunk.toString();
    return write(chunk, ...rest);
  };
  try {
    const code = await runTests({
      version: process.env.NORMLINT_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'dist/test/vscode/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    }).catch((e) => {
      console.log(`    @vscode/test-electron: ${e?.message ?? e}`);
      return 1;
    });
    return { code, output };
  } finally {
    process.stdout.write = write;
  }
}

/** Lists a zip's entries from its central directory (no unzip needed); `read()` gives one's bytes. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const read = () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 8 ? zlib.inflateRawSync(data) : data;
    };
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), size, read });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

async function packageVsix() {
  const t0 = Date.now();
  fs.mkdirSync(outputDir, { recursive: true });
  const vsix = path.join(outputDir, 'normlint.vsix');
  fs.rmSync(vsix, { force: true });
  log('packaging with `npm run package`');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { code, output } = await run(npm, ['run', '--silent', 'package', '--', '--out', vsix]);
  const failures = [];
  if (code !== 0 || !fs.existsSync(vsix)) failures.push('npm run package failed');
  else {
    const bytes = fs.statSync(vsix).size;
    const zip = zipEntries(vsix);
    const entries = zip.map((e) => e.name);
    measurements.push(`.vsix size: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes, ${entries.length} files; limit 5 MB)`);
    if (bytes >= MAX_VSIX_BYTES) failures.push(`the .vsix is ${bytes} bytes (limit ${MAX_VSIX_BYTES})`);
    const required = [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/tree-sitter.wasm',
      'extension/dist/tree-sitter-python.wasm',
      'extension/dist/webview.js',
      'extension/dist/typescript-estree.js',
      'extension/dist/web/extension.js',
      'extension/dist/web/typescript-estree.js',
      'extension/docs/rules/BN101.md',
      'extension/media/icon.png',
      'extension/syntaxes/normlint-suppression.injection.json',
      'extension/readme.md',
      'extension/changelog.md',
    ];
    for (const name of required) if (!entries.some((e) => e.toLowerCase() === name.toLowerCase())) failures.push(`${name} is missing from the .vsix`);
    if (!entries.some((e) => /^extension\/LICENSE/i.test(e))) failures.push('no LICENSE in the .vsix');
    // Only what runs: no sources, tests, source maps, node_modules or the CLI bundles.
    // The README's pictures: every one it references (relative to the extension's root) is in the .vsix.
    const readme =
      zip
        .find((e) => e.name.toLowerCase() === 'extension/readme.md')
        ?.read()
        .toString('utf8') ?? '';
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    if (pictures.length === 0) failures.push('the packaged README shows no pictures');
    for (const picture of pictures) {
      if (/^[a-z]+:/i.test(picture) || picture.startsWith('/') || picture.startsWith('..'))
        failures.push(`the README's picture ${picture} is not a path inside the extension`);
      else if (!entries.includes(`extension/${path.posix.normalize(picture)}`)) failures.push(`the README's picture ${picture} is not in the .vsix`);
    }
    const shipped = new Set(['extension/media/icon.png', ...pictures.map((p) => `extension/${path.posix.normalize(p)}`)]);
    const forbidden = entries.filter(
      (e) =>
        /^extension\/(src|test|node_modules|scripts|examples|\.vscode-test)\/|\.map$|\.ts$|^extension\/dist\/(cli|worker|api)\.js$|^extension\/dist\/test\/|\.png$/.test(
          e,
        ) && !shipped.has(e),
    );
    if (forbidden.length) failures.push(`the .vsix contains files that do not run: ${forbidden.slice(0, 8).join(', ')}`);
    console.log(`    .vsix contents: ${entries.join(', ')}`);
  }
  for (const f of failures) console.log(`    FAILED: ${f}`);
  results.push({ name: '.vsix package checks', passed: failures.length ? 0 : 1, failed: failures.length ? 1 : 0, seconds: (Date.now() - t0) / 1000 });
  log(`.vsix: ${failures.length ? 'FAILED' : 'ok'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return failures.length ? undefined : vsix;
}

async function uiTests(vsix) {
  const scripts = fs
    .readdirSync(path.join(here, 'ui'))
    .filter((f) => f.endsWith('.ui.mjs'))
    .sort();
  for (const script of scripts) {
    const t0 = Date.now();
    const workspace = copyWorkspace('ui');
    log(`UI test ${script} against the packaged .vsix`);
    const { code, output } = await run(
      process.execPath,
      ['test/vscode/harness/run.mjs', '--mode', 'ui', '--script', `test/vscode/ui/${script}`, '--vsix', vsix, '--workspace', workspace, '--timeout', '180'],
      { env: { NORMLINT_UI_WORKSPACE: workspace } },
    );
    record(`UI ${script}`, code, output, t0);
    if (!args['keep-workspace']) fs.rmSync(workspace, { recursive: true, force: true });
  }
}

try {
  await buildAll();
  if (!args.only || args.only === 'ext') await extensionSuite();
  if (args['runner'] === 'code-server' && (!args.only || args.only === 'web')) await webWorkerSuite();
  if (!args.only || args.only === 'ui' || args.only === 'package') {
    const vsix = await packageVsix();
    if (vsix && args.only !== 'package') await uiTests(vsix);
  }
} catch (e) {
  log(`ERROR: ${e?.stack ?? e}`);
  results.push({ name: 'vscode test setup', passed: 0, failed: 1, seconds: 0 });
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const seconds = (Date.now() - started) / 1000;
measurements.push(`whole VS Code part (build, suite, package, UI): ${seconds.toFixed(1)} s`);
console.log('\nVS Code tests:');
for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
console.log('Measurements:');
for (const m of measurements) console.log(`  ${m}`);
fs.mkdirSync(outputDir, { recursive: true });
fs.writeFileSync(path.join(outputDir, 'vscode-measurements.json'), `${JSON.stringify({ date: new Date().toISOString(), results, measurements }, null, 2)}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
