#!/usr/bin/env node
// Runs VS Code extension tests inside a real VS Code (code-server 4.100.3 = VS Code 1.100.3)
// driven by headless Debian chromium through playwright-core. See README.md beside this file.
//
//   node test/vscode/harness/run.mjs --mode ext --extension <dir> --tests <entry.js> --workspace <dir>
//   node test/vscode/harness/run.mjs --mode ui  --script <ui-test.mjs> [--vsix <f.vsix> | --extension <dir>] --workspace <dir>
//
// Exit codes: 0 passed, 1 tests failed, 2 usage error, 3 harness error (install, server, browser),
// 124 overall timeout, 130/143 interrupted (SIGINT/SIGTERM).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, format } from 'node:util';

const HARNESS_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HARNESS_DIR, '../../..');
const CACHE = path.resolve(process.env.VSCODE_HARNESS_CACHE || path.join(REPO_ROOT, '.vscode-test'));
const OUTPUT_DIR = path.join(REPO_ROOT, 'test-output');
const CHROMIUM = process.env.VSCODE_HARNESS_CHROMIUM || '/usr/bin/chromium';
// Flags for Debian chromium on this closed network (else it tries Google's hosts at every start).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// Fresh user settings for every run: quiet, deterministic workbench.
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

// Workbench chatter forwarded along with the extension host's output; hidden unless --verbose.
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Ignoring fetching additional builtin/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Updating additional builtin extensions cache/,
];

const EXIT = { pass: 0, fail: 1, usage: 2, harness: 3, timeout: 124, sigint: 130, sigterm: 143 };
const USAGE = `Usage:
  node test/vscode/harness/run.mjs --mode ext --extension <dir> --tests <entry.js> --workspace <dir|file.code-workspace>
  node test/vscode/harness/run.mjs --mode ui --script <ui-test.mjs> [--vsix <file.vsix> | --extension <dir>] --workspace <dir>
Options:
  --timeout <s>      overall limit after install, in seconds (default 300, or $VSCODE_HARNESS_TIMEOUT)
  --settings <json>  extra user settings (a JSON file) merged over the harness defaults
  --keep             keep the run folder (.vscode-test/runs/...) for debugging; printed at the end
  --verbose          also print the workbench's own console and debug log lines
  --no-install       do not run install.sh first (fails if the cache is not installed)
  --headed           show the browser (needs a display, e.g. xvfb-run)`;

// ------------------------------------------------------------------------------------------------
// Arguments
class UsageError extends Error {}
function parseCli(argv) {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      mode: { type: 'string' },
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      script: { type: 'string' },
      vsix: { type: 'string' },
      timeout: { type: 'string' },
      settings: { type: 'string' },
      keep: { type: 'boolean' },
      verbose: { type: 'boolean' },
      'no-install': { type: 'boolean' },
      headed: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const existing = (name, kind) => {
    const p = values[name];
    if (!p) return undefined;
    const abs = path.resolve(p);
    let st;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`--${name}: ${abs} does not exist`);
    }
    if (kind === 'dir' && !st.isDirectory()) throw new UsageError(`--${name}: ${abs} is not a folder`);
    if (kind === 'file' && !st.isFile()) throw new UsageError(`--${name}: ${abs} is not a file`);
    return fs.realpathSync(abs);
  };
  const opts = {
    mode: values.mode,
    extension: existing('extension', 'dir'),
    tests: existing('tests', 'file'),
    workspace: existing('workspace'),
    script: existing('script', 'file'),
    vsix: existing('vsix', 'file'),
    settings: existing('settings', 'file'),
    timeoutS: Number(values.timeout ?? process.env.VSCODE_HARNESS_TIMEOUT ?? 300),
    keep: !!values.keep || process.env.VSCODE_HARNESS_KEEP === '1',
    verbose: !!values.verbose || process.env.VSCODE_HARNESS_VERBOSE === '1',
    install: !values['no-install'],
    headed: !!values.headed,
  };
  if (!['ext', 'ui'].includes(opts.mode)) throw new UsageError('--mode must be "ext" or "ui"');
  if (!opts.workspace) throw new UsageError('--workspace is required');
  if (!(opts.timeoutS > 0)) throw new UsageError('--timeout must be a positive number of seconds');
  if (opts.mode === 'ext') {
    if (!opts.extension || !opts.tests) throw new UsageError('--mode ext needs --extension and --tests');
    if (opts.vsix || opts.script) throw new UsageError('--mode ext takes no --vsix or --script');
  } else {
    if (!opts.script) throw new UsageError('--mode ui needs --script');
    if (opts.vsix && opts.extension) throw new UsageError('--mode ui takes --vsix or --extension, not both');
    if (opts.tests) throw new UsageError('--mode ui takes no --tests');
  }
  return opts;
}

// ------------------------------------------------------------------------------------------------
// Small utilities
const T0 = Date.now();
const elapsed = () => ((Date.now() - T0) / 1000).toFixed(1).padStart(5);
const step = (msg) => console.log(`[vscode-harness ${elapsed()}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

class HarnessError extends Error {}
class TimeoutError extends Error {}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// Removes run folders left behind by runs that were killed hard (older than a day).
function pruneOldRuns(runsDir) {
  let entries = [];
  try {
    entries = fs.readdirSync(runsDir);
  } catch {
    return;
  }
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const e of entries) {
    const p = path.join(runsDir, e);
    try {
      if (fs.statSync(p).mtimeMs < dayAgo) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* in use or gone */
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Install check / code-server paths
function ensureInstalled(opts) {
  if (opts.install) {
    const r = spawnSync('bash', [path.join(HARNESS_DIR, 'install.sh')], { stdio: 'inherit', env: process.env });
    if (r.status !== 0) throw new HarnessError(`install.sh failed (exit ${r.status ?? r.signal})`);
  }
  const markerPath = path.join(CACHE, 'harness-install.json');
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(markerPath, 'utf8'));
  } catch {
    throw new HarnessError(`not installed: ${markerPath} missing; run bash test/vscode/harness/install.sh`);
  }
  const csDir = path.join(CACHE, `code-server-${marker.codeServer}`, 'node_modules', 'code-server');
  const entry = path.join(csDir, 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) throw new HarnessError(`code-server missing at ${entry}; rerun install.sh`);
  const requireTools = createRequire(path.join(CACHE, 'tools', 'package.json'));
  const { chromium } = requireTools('playwright-core');
  if (!fs.existsSync(CHROMIUM)) throw new HarnessError(`${CHROMIUM} not found (Debian package chromium)`);
  return { marker, entry, chromium };
}

// ------------------------------------------------------------------------------------------------
// The run: one fresh code-server, one fresh browser profile, cleaned up whatever happens.
class Run {
  constructor(opts, install) {
    this.opts = opts;
    this.install = install;
    fs.mkdirSync(path.join(CACHE, 'runs'), { recursive: true });
    pruneOldRuns(path.join(CACHE, 'runs'));
    this.dir = fs.mkdtempSync(path.join(CACHE, 'runs', `${opts.mode}-${stamp()}-`));
    this.userData = path.join(this.dir, 'user-data');
    this.extensionsDir = path.join(this.dir, 'extensions');
    this.profile = path.join(this.dir, 'chromium-profile');
    this.serverLog = path.join(this.dir, 'server.log');
    for (const d of [this.userData, this.extensionsDir, this.profile]) fs.mkdirSync(d, { recursive: true });
    fs.mkdirSync(path.join(this.userData, 'User'), { recursive: true });
    const extra = opts.settings ? JSON.parse(fs.readFileSync(opts.settings, 'utf8')) : {};
    fs.writeFileSync(path.join(this.userData, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...extra }, null, 2));
    this.config = path.join(this.dir, 'config.yaml');
    fs.writeFileSync(this.config, 'auth: none\ncert: false\n');
    this.env = {
      ...process.env,
      // code-server keeps config, logs and state under XDG_*: keep them in the run folder, not $HOME
      XDG_CONFIG_HOME: path.join(this.dir, 'xdg', 'config'),
      XDG_DATA_HOME: path.join(this.dir, 'xdg', 'data'),
      XDG_CACHE_HOME: path.join(this.dir, 'xdg', 'cache'),
      XDG_STATE_HOME: path.join(this.dir, 'xdg', 'state'),
      EXTENSIONS_GALLERY: '{}', // no marketplace is reachable: no gallery lookups at all
      // for test entries running in the extension host (they inherit the server's environment)
      VSCODE_HARNESS: '1',
      VSCODE_HARNESS_REPO_ROOT: REPO_ROOT,
      VSCODE_HARNESS_OUTPUT_DIR: OUTPUT_DIR,
    };
    delete this.env.VSCODE_IPC_HOOK_CLI; // if started from a VS Code terminal, do not talk to that VS Code
    this.server = null;
    this.context = null;
    this.cleanupPromise = null;
  }

  csArgs(extra) {
    return [this.install.entry, '--config', this.config, '--user-data-dir', this.userData, '--extensions-dir', this.extensionsDir, ...extra];
  }

  installVsix(vsix) {
    step(`installing ${path.basename(vsix)}`);
    const r = spawnSync(process.execPath, this.csArgs(['--install-extension', vsix, '--force']), { env: this.env, encoding: 'utf8', timeout: 120_000 });
    const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
    fs.appendFileSync(path.join(this.dir, 'install-extension.log'), out + '\n');
    if (r.status !== 0 || (/failed|error/i.test(out) && !/successfully installed/i.test(out))) {
      throw new HarnessError(`--install-extension ${vsix} failed (exit ${r.status ?? r.signal}):\n${out}`);
    }
    const line = out.split('\n').find((l) => /successfully installed|already installed/i.test(l));
    step(line ? line.replace(/^.*?(Extension)/, '$1') : 'extension installed');
  }

  async startServer() {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      this.serverUrl = `http://127.0.0.1:${port}`;
      const log = fs.openSync(this.serverLog, 'a');
      // detached: the server leads a new process group (setsid), so stop() can end it together
      // with every child (extension host, file watcher, pty host) in one kill of that group.
      this.server = spawn(
        process.execPath,
        this.csArgs([
          '--bind-addr',
          `127.0.0.1:${port}`,
          '--auth',
          'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--disable-getting-started-override',
          '--ignore-last-opened',
        ]),
        { detached: true, stdio: ['ignore', log, log], env: this.env },
      );
      fs.closeSync(log);
      const exited = new Promise((r) => this.server.once('exit', (code, sig) => r(`exited (${code ?? sig})`)));
      // rejects if the server dies during the tests (raced against the test result below)
      this.serverDied = exited.then((how) => {
        throw new HarnessError(`code-server ${how} during the run:\n${tail(this.serverLog)}`);
      });
      this.serverDied.catch(() => {});
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const res = await Promise.race([
          fetch(`${this.serverUrl}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.ok,
            () => false,
          ),
          exited,
        ]);
        if (res === true) {
          step(`code-server up on ${this.serverUrl} (pid ${this.server.pid})`);
          return;
        }
        if (typeof res === 'string') {
          if (attempt < 3 && /EADDRINUSE/.test(tail(this.serverLog))) {
            step(`port ${port} taken, retrying`);
            break;
          }
          throw new HarnessError(`code-server ${res} before it was healthy:\n${tail(this.serverLog)}`);
        }
        await sleep(150);
      }
      if (this.server.exitCode === null && Date.now() >= deadline) {
        throw new HarnessError(`code-server did not answer /healthz within 60 s:\n${tail(this.serverLog)}`);
      }
    }
  }

  async openBrowser() {
    this.context = await this.install.chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM,
      headless: !this.opts.headed,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      timeout: 60_000,
      // our own signal handlers stop browser + server and remove the run folder
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.page = this.context.pages()[0] || (await this.context.newPage());
    step(`chromium ${this.context.browser()?.version() ?? ''} started`.trim());
    return this.page;
  }

  workbenchUrl(payloadPairs) {
    const host = new URL(this.serverUrl).host;
    const remote = (p) => `vscode-remote://${host}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
    const pairs = payloadPairs.map(([k, v]) => [k, v?.remotePath ? remote(v.remotePath) : v]);
    const target = this.opts.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
    return `${this.serverUrl}/?${target}=${encodeURIComponent(this.opts.workspace)}` + `&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
  }

  async screenshot(name) {
    if (!this.page || this.page.isClosed()) return null;
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = path.join(OUTPUT_DIR, name.endsWith('.png') ? name : `${name}.png`);
    try {
      await this.page.screenshot({ path: file, timeout: 15_000, animations: 'disabled' });
      return file;
    } catch {
      return null;
    }
  }

  // Idempotent (every caller awaits the same cleanup); safe from signal handlers.
  // Ends the browser, then the server's whole process group, then removes the run folder.
  cleanup(failed) {
    this.cleanupPromise ??= this.doCleanup(failed);
    return this.cleanupPromise;
  }

  async doCleanup(failed) {
    if (this.context) await Promise.race([this.context.close().catch(() => {}), sleep(10_000)]);
    await this.stopServer();
    if (failed) {
      // keep the evidence for CI: server log + VS Code's own logs (extension host etc.)
      const dest = path.join(OUTPUT_DIR, `vscode-${this.opts.mode}-logs`);
      try {
        fs.rmSync(dest, { recursive: true, force: true });
        fs.mkdirSync(dest, { recursive: true });
        fs.copyFileSync(this.serverLog, path.join(dest, 'server.log'));
        fs.cpSync(path.join(this.userData, 'logs'), path.join(dest, 'vscode'), { recursive: true });
      } catch {
        /* copy what exists */
      }
      step(`logs copied to ${path.relative(REPO_ROOT, dest)}/`);
    }
    if (this.opts.keep) step(`kept run folder ${this.dir}`);
    else fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  async stopServer() {
    const pid = this.server?.pid;
    if (!pid) return;
    const groupAlive = () => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && groupAlive(); i++) await sleep(100);
    if (groupAlive()) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    this.server = null;
  }

  killSync() {
    // last resort on process exit
    if (this.server?.pid) {
      try {
        process.kill(-this.server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Mode "ext": the extension's own test runner (mocha) inside the real extension host.
async function runExtensionTests(run, deadline) {
  const { opts } = run;
  const page = await run.openBrowser();
  let finish;
  const finished = new Promise((r) => (finish = r));
  let summary = null;
  const print = (type, text) => {
    // no ANSI colors in logs (mocha's picocolors turns them on when $CI is set)
    for (const line of String(text)
      .replace(/\x1b\[[0-9;]*m/g, '')
      .replace(/\s+$/, '')
      .split('\n')) {
      const m = /^\s*(?:\w+:\s*)?(\d+) passed, (\d+) failed/.exec(line);
      if (m) summary = line.trim();
      console.log(type === 'error' ? `  ! ${line}` : `  ${line}`);
    }
  };
  // The workbench, in extension-test mode, forwards its log lines (the extension host's console
  // among them) to window.codeAutomationLog and calls window.codeAutomationExit(code) at the end.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const msg = format(...(Array.isArray(args) ? args : [args]));
    const noise = type === 'debug' || type === 'trace' || WORKBENCH_NOISE.some((re) => re.test(msg));
    if (!noise) print(type, msg);
    else if (opts.verbose) print(type, `[workbench ${type}] ${msg}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('console', (m) => {
    if (opts.verbose) console.log(`  [page ${m.type()}] ${m.text().replace(/%c/g, '')}`);
  });
  page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));

  const url = run.workbenchUrl([
    ['extensionDevelopmentPath', { remotePath: opts.extension }],
    ['extensionTestsPath', { remotePath: opts.tests }],
    ['skipWelcome', 'true'],
  ]);
  step('opening the workbench; tests start when the extension host is up');
  await page.goto(url, { timeout: Math.max(1000, deadline - Date.now()) });
  const code = await Promise.race([finished, run.serverDied, sleep(Math.max(0, deadline - Date.now())).then(() => null)]);
  if (code === null) throw new TimeoutError(`no result from the extension host within ${opts.timeoutS} s`);
  step(`extension host exited with code ${code}`);
  return { code: code === 0 ? EXIT.pass : EXIT.fail, summary };
}

// ------------------------------------------------------------------------------------------------
// Mode "ui": a Playwright script drives the workbench as a person would.
function workbenchHelpers(page, run) {
  const quickInput = page.locator('.quick-input-widget');
  return {
    /** Waits until the workbench and its explorer are shown. */
    async ready() {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
    },
    /** Opens a workspace file (path relative to the workspace folder) with Quick Open. */
    async openFile(relPath) {
      await page.keyboard.press('Control+P');
      await quickInput.locator('input').waitFor();
      await quickInput.locator('input').fill(relPath);
      const base = path.basename(relPath);
      await quickInput.locator('.monaco-list-row', { hasText: base }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor();
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
    },
    /** Runs a command by its palette title (e.g. "View: Toggle Problems"). */
    async runCommand(title) {
      await page.keyboard.press('F1');
      await quickInput.locator('input').waitFor();
      await quickInput.locator('input').fill(`>${title}`);
      await quickInput.locator('.monaco-list-row', { hasText: title }).first().waitFor();
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' }).catch(() => {});
    },
    /** Opens the Problems panel and returns the locator of its rows. */
    async problems() {
      const rows = page.locator('.markers-panel .monaco-list-row');
      if (
        !(await page
          .locator('.markers-panel')
          .isVisible()
          .catch(() => false))
      ) {
        await page.keyboard.press('Control+Shift+M');
      }
      await page.locator('.markers-panel').waitFor();
      return rows;
    },
  };
}

async function runUiTest(run, deadline) {
  const { opts } = run;
  const page = await run.openBrowser();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => {
    if (opts.verbose) console.log(`  [page error] ${e.message}`);
  });
  page.on('console', (m) => {
    if (opts.verbose) console.log(`  [page ${m.type()}] ${m.text().replace(/%c/g, '')}`);
  });
  const pairs = [['skipWelcome', 'true']];
  if (opts.extension) pairs.unshift(['extensionDevelopmentPath', { remotePath: opts.extension }]);
  const mod = await import(pathToFileURL(opts.script).href);
  if (typeof mod.default !== 'function') throw new HarnessError(`${opts.script} has no default export function`);
  const vscode = workbenchHelpers(page, run);
  const ctx = {
    page,
    context: run.context,
    serverUrl: run.serverUrl,
    workspace: opts.workspace,
    extension: opts.extension ?? null,
    vsix: opts.vsix ?? null,
    repoRoot: REPO_ROOT,
    outputDir: OUTPUT_DIR,
    step: (msg) => step(`ui: ${msg}`),
    screenshot: async (name) => {
      const file = await run.screenshot(name);
      if (!file) throw new Error(`screenshot ${name} failed`);
      step(`ui: screenshot ${path.relative(REPO_ROOT, file)}`);
      return file;
    },
    vscode,
  };
  step('opening the workbench');
  await page.goto(run.workbenchUrl(pairs), { timeout: Math.max(1000, deadline - Date.now()) });
  await vscode.ready();
  step('workbench ready; running the UI script');
  let timer;
  const timeout = new Promise((_, rej) => {
    timer = setTimeout(() => rej(new TimeoutError(`UI script did not finish within ${opts.timeoutS} s`)), Math.max(0, deadline - Date.now()));
  });
  try {
    await Promise.race([mod.default(ctx), timeout, run.serverDied]);
  } catch (e) {
    if (e instanceof TimeoutError || e instanceof HarnessError) throw e;
    const text = String(e?.stack || e)
      .replace(/\x1b\[[0-9;]*m/g, '') // no ANSI from playwright
      .split('\n')
      .filter((l) => !l.includes(HARNESS_DIR))
      .join('\n  ');
    console.log(`  UI test failed: ${text}`);
    const shot = await run.screenshot(`vscode-ui-failure-${path.basename(opts.script).replace(/\.\w+$/, '')}`);
    if (shot) step(`failure screenshot: ${path.relative(REPO_ROOT, shot)}`);
    return { code: EXIT.fail, summary: 'ui: 0 passed, 1 failed' };
  } finally {
    clearTimeout(timer);
  }
  return { code: EXIT.pass, summary: 'ui: 1 passed, 0 failed' };
}

// ------------------------------------------------------------------------------------------------
async function main() {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    console.error(`run.mjs: ${e.message}\n${USAGE}`);
    return EXIT.usage;
  }
  step(`mode ${opts.mode}, workspace ${opts.workspace}`);
  let run;
  let result = { code: EXIT.harness, summary: null };
  const onSignal = (sig, code) => {
    step(`${sig}: stopping`);
    Promise.resolve(run?.cleanup(true)).finally(() => process.exit(code));
  };
  process.once('SIGINT', () => onSignal('SIGINT', EXIT.sigint));
  process.once('SIGTERM', () => onSignal('SIGTERM', EXIT.sigterm));
  process.on('exit', () => run?.killSync());
  try {
    const install = ensureInstalled(opts);
    step(`using code-server ${install.marker.codeServer} (VS Code ${install.marker.vscode})`);
    const deadline = Date.now() + opts.timeoutS * 1000; // the limit covers everything after install
    run = new Run(opts, install);
    if (opts.vsix) run.installVsix(opts.vsix);
    await run.startServer();
    result = opts.mode === 'ext' ? await runExtensionTests(run, deadline) : await runUiTest(run, deadline);
  } catch (e) {
    if (e instanceof TimeoutError) {
      step(`TIMEOUT: ${e.message}`);
      const shot = await run?.screenshot(`vscode-${opts.mode}-timeout`);
      if (shot) step(`timeout screenshot: ${path.relative(REPO_ROOT, shot)}`);
      result = { code: EXIT.timeout, summary: null };
    } else {
      console.error(`[vscode-harness] ERROR: ${e instanceof HarnessError ? e.message : e?.stack || e}`);
      if (run?.serverLog && !(e instanceof HarnessError)) console.error(`--- server log tail ---\n${tail(run.serverLog, 20)}`);
      result = { code: EXIT.harness, summary: null };
    }
  } finally {
    await run?.cleanup(result.code !== EXIT.pass);
  }
  if (result.summary) console.log(result.summary);
  step(`done: ${result.code === 0 ? 'PASSED' : 'FAILED'} (exit ${result.code})`);
  return result.code;
}

process.exitCode = await main();
// Do not wait on stray handles (playwright's connection, timers): the result is known.
setTimeout(() => process.exit(process.exitCode), 200).unref();
