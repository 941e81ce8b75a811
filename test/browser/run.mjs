#!/usr/bin/env node
// Browser tests of the calculator page: the exact HTML the webview panel serves
// (src/extension/calculator/html.ts) with the bundled dist/webview.js and media/calculator/,
// from a local server on 127.0.0.1, in Debian's headless Chromium driven by playwright-core.
// Every number is checked against the src/calculator module the unit tests verify. Saves one
// screenshot per section into test-output/ (and, with UPDATE_SCREENSHOTS=1, media/screenshots/ for the README).
//
//   node test/browser/run.mjs [--grep text] [--no-build] [--keep-open]
//
// Prints one line per test and a closing "N passed, N failed"; exits 1 on any failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = path.join(ROOT, 'test-output');
const SCREENSHOTS = path.join(ROOT, 'media/screenshots');
const CHROMIUM = process.env.NORMLINT_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const { values: cli } = parseArgs({ options: { grep: { type: 'string' }, 'no-build': { type: 'boolean' } } });
const started = Date.now();

/** Newest modification time of the files under `dirs`. */
function newest(dirs) {
  let latest = 0;
  for (const dir of dirs) {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
    }
  }
  return latest;
}
const bundle = path.join(ROOT, 'dist/webview.js');
const stale = !fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < newest(['src/webview', 'src/calculator']);
if (!cli['no-build'] && stale) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('build failed\n0 passed, 1 failed');
    process.exit(1);
  }
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`${CHROMIUM} not found (apt-get install chromium)\n0 passed, 1 failed`);
  process.exit(1);
}

const calc = await tsImport('../../src/calculator/index.ts', import.meta.url);
const { randomBatches } = await tsImport('../../src/webview/sections/running.ts', import.meta.url);
const { COMPARE_EXAMPLE, defaultState, parsePrefill, sanitizeState, applyPrefill } = await tsImport('../../src/webview/state.ts', import.meta.url);
const { parseWebviewMessage, parseExtensionMessage } = await tsImport('../../src/webview/protocol.ts', import.meta.url);
const { inPageNotation } = await tsImport('../../src/webview/format.ts', import.meta.url);
const { calculatorHtml } = await tsImport('../../src/extension/calculator/html.ts', import.meta.url);
fs.mkdirSync(OUTPUT, { recursive: true });
fs.mkdirSync(SCREENSHOTS, { recursive: true });

const server = await startServer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
});

// ------------------------------------------------------------------------------------------------
// A small runner: each test gets a fresh browser context (own sessionStorage and clipboard).
const tests = [];
const test = (name, fn, options = {}) => tests.push({ name, fn, options });

/** Opens the page; resolves once its script has run. */
async function open(page, options = {}) {
  server.page(options);
  await page.goto(server.url);
  await page.locator('body[data-ready="true"]').waitFor();
}

const dataValue = async (locator) => {
  const text = await locator.getAttribute('data-value');
  assert.notEqual(text, null, 'element has no data-value');
  return Number(text);
};

/** The page's number equals the math module's bit for bit (NaN equals NaN). */
function same(actual, expected, what) {
  assert.ok(Object.is(actual, expected) || actual === expected, `${what}: page ${actual}, math module ${expected}`);
}

async function selectTab(page, id) {
  await page.click(`#tab-${id}`);
  await page.locator(`#panel-${id}`).waitFor({ state: 'visible' });
}

async function type(page, selector, text) {
  await page.fill(selector, '');
  await page.locator(selector).pressSequentially(text);
}

/** Messages the page posted to the extension (the stand-in host records them). */
const messages = (page) => page.evaluate(() => window.__normlintMessages ?? []);

// ------------------------------------------------------------------------------------------------
// Node-side checks of what the extension validates (no page needed).
test(
  'messages and command arguments: only well-formed values get through (extension side)',
  async () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', text: 'x = 1' }), { type: 'copy', text: 'x = 1' });
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'eval' },
      { type: 'copy' },
      { type: 'copy', text: '' },
      { type: 'copy', text: 'x'.repeat(10_001) },
      { type: 'copy', text: 42 },
      { type: 'state' },
      { type: 'state', state: 'x' },
      { type: 'state', state: {}, ack: -1 },
      { type: 'state', state: {}, ack: 1.5 },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
    const state = parseWebviewMessage({
      type: 'state',
      ack: 2,
      state: { tab: 'batch', framework: 'keras', explorer: { eps: '0.1', x: {} }, batch: { text: 'y'.repeat(200_000) } },
    });
    assert.equal(state.ack, 2);
    assert.equal(state.state.tab, 'batch');
    assert.equal(state.state.explorer.eps, '0.1');
    assert.equal(state.state.explorer.x, defaultState().explorer.x, 'a wrongly typed field gets its default');
    assert.equal(state.state.batch.text, defaultState().batch.text, 'an oversized text gets its default');
    assert.deepEqual(sanitizeState(JSON.parse(JSON.stringify(defaultState()))), defaultState());
    assert.deepEqual(parsePrefill({ framework: 'flax', eps: 1e-5, momentum: 0.9, label: '  x.py:3 ', extra: 1 }), {
      framework: 'flax',
      eps: 1e-5,
      momentum: 0.9,
      label: 'x.py:3',
    });
    assert.deepEqual(parsePrefill({ framework: 'pytorch', momentum: null }), { framework: 'pytorch', momentum: null });
    assert.deepEqual(parsePrefill({ framework: 'keras', momentum: null }), { framework: 'keras' }, 'None is PyTorch-only');
    for (const bad of [
      undefined,
      null,
      1,
      'pytorch',
      {},
      { framework: 'caffe' },
      { eps: -1 },
      { eps: Infinity },
      { momentum: 1.01 },
      { momentum: '0.9' },
      { label: '' },
    ]) {
      assert.equal(parsePrefill(bad), undefined, JSON.stringify(bad));
    }
    assert.equal(parseExtensionMessage({ type: 'prefill', seq: 1, prefill: { eps: 'x' } }), undefined);
    const next = applyPrefill(defaultState(), { framework: 'keras', eps: 0.001 });
    assert.equal(next.framework, 'keras');
    assert.equal(next.explorer.eps, '0.001');
    assert.equal(next.running.momentum, defaultState().running.momentum, 'no momentum given: unchanged');
    const html = calculatorHtml({
      cspSource: "'self' https://*.vscode-cdn.net",
      nonce: 'a'.repeat(24),
      scriptUri: 'https://x/dist/webview.js',
      styleUri: 'https://x/c.css',
      initialState: { ...defaultState(), batch: { ...defaultState().batch, text: '</script><b>' } },
    });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1].replaceAll('&#39;', "'");
    assert.equal(
      csp,
      "default-src 'none'; style-src 'self' https://*.vscode-cdn.net; img-src 'self' https://*.vscode-cdn.net data:; " +
        "font-src 'self' https://*.vscode-cdn.net; script-src 'nonce-aaaaaaaaaaaaaaaaaaaaaaaa'; base-uri 'none'; form-action 'none'",
    );
    assert.ok(!html.includes('</script><b>'), 'embedded state cannot close its script element');
    assert.doesNotMatch(html, /\son[a-z]+=|\sstyle=/i, 'no inline handlers or style attributes in the markup');
    assert.throws(() => calculatorHtml({ cspSource: 'x', nonce: "abc'; script-src *", scriptUri: '', styleUri: '' }), /nonce/);
    assert.throws(() => calculatorHtml({ cspSource: "x; script-src 'unsafe-inline'", nonce: 'a'.repeat(24), scriptUri: '', styleUri: '' }), /cspSource/);
  },
  { node: true },
);

test(
  'loads under its CSP: nonce on every script, no inline handlers or styles, a fresh nonce per load',
  async (page) => {
    await open(page);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'none'/);
    const scriptSrc = /script-src ([^;]+)/.exec(csp)[1].trim();
    assert.match(scriptSrc, /^'nonce-[A-Za-z0-9+/=]+'$/, `script-src allows only a nonce: ${scriptSrc}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const nonce = scriptSrc.slice(7, -1);
    const scripts = await page.$$eval('script', (list) => list.map((s) => s.nonce || s.getAttribute('nonce')));
    assert.ok(scripts.length >= 2 && scripts.every((n) => n === nonce), 'every script carries the nonce');
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name) || a.name === 'style').map((a) => `${el.tagName}[${a.name}]`),
      ),
    );
    assert.deepEqual(inline, [], 'no inline event handlers or style attributes after rendering');
    // An injected inline script does not run.
    const ran = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', () => resolve(window.__injected ?? false), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__injected = true';
          document.body.append(s);
          setTimeout(() => resolve(window.__injected ?? 'no violation event'), 1000);
        }),
    );
    assert.equal(ran, false, 'an inline script is blocked');
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    const second = /'nonce-([^']+)'/.exec(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'))[1];
    assert.notEqual(second, nonce, 'a new nonce for every load');
    const posted = await messages(page);
    assert.equal(posted[0]?.type, 'ready', 'the page says ready');
    assert.equal(posted[1]?.type, 'state', 'then reports its state');
  },
  { allowConsole: /Content Security Policy/ },
);

test('tabs: ARIA pattern with roving tabindex; arrows, Home and End move and activate', async (page) => {
  await open(page);
  const selected = () => page.$$eval('[role=tab]', (tabs) => tabs.filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id));
  const visible = () => page.$$eval('[role=tabpanel]', (panels) => panels.filter((p) => !p.hidden).map((p) => p.id));
  const tabbable = () => page.$$eval('[role=tab]', (tabs) => tabs.filter((t) => t.tabIndex === 0).map((t) => t.id));
  assert.deepEqual(await selected(), ['tab-explorer']);
  await page.focus('#tab-explorer');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-batch']);
  assert.deepEqual(await visible(), ['panel-batch']);
  assert.deepEqual(await tabbable(), ['tab-batch']);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-batch');
  await page.keyboard.press('End');
  assert.deepEqual(await selected(), ['tab-convert']);
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await selected(), ['tab-explorer'], 'wraps around');
  await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await selected(), ['tab-convert']);
  await page.keyboard.press('Home');
  assert.deepEqual(await visible(), ['panel-explorer']);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'panel-explorer', 'Tab leaves the tab list for the panel');
  await page.click('#tab-compare');
  assert.deepEqual(await visible(), ['panel-compare']);
  for (const [tab, panel] of [
    ['tab-explorer', 'panel-explorer'],
    ['tab-running', 'panel-running'],
  ]) {
    assert.equal(await page.getAttribute(`#${tab}`, 'aria-controls'), panel);
    assert.equal(await page.getAttribute(`#${panel}`, 'aria-labelledby'), tab);
  }
});

test("Explorer: typed inputs give the math module's x̂, y and every intermediate; the formula shows the numbers", async (page) => {
  await open(page);
  const inputs = { x: '3', mu: '-1', variance: '4', eps: '0.001', gamma: '2', beta: '0.5' };
  for (const [key, text] of Object.entries(inputs)) await type(page, `#ex-${key}`, text);
  const expected = calc.explainBatchNormValue({ x: 3, muB: -1, sigma2B: 4, eps: 0.001, gamma: 2, beta: 0.5 });
  same(await dataValue(page.locator('#ex-xhat')), expected.xHat, 'x̂');
  same(await dataValue(page.locator('#ex-y')), expected.y, 'y');
  for (const key of ['xMinusMu', 'varPlusEps', 'sigma', 'invStd', 'xHat', 'y']) {
    same(await dataValue(page.locator(`#ex-steps td[data-key=${key}]`)), expected[key], key);
  }
  assert.equal(await page.textContent('#ex-xhat'), '1.99975');
  const substituted = await page.textContent('#ex-substituted');
  assert.ok(substituted.includes('2 · (3 − (-1)) / √(4 + 0.001) + 0.5'), `formula with the numbers: ${substituted}`);
  assert.equal(await page.inputValue('#ex-x-range'), '3', 'the slider follows the field');
  assert.equal(Number(await page.inputValue('#ex-eps-range')), -3, 'the eps slider is log10');
  await type(page, '#ex-x', 'abc');
  assert.equal(await page.getAttribute('#ex-x', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#ex-x-msg'), /not a number/);
  assert.equal(await page.textContent('#ex-y'), '—');
  await type(page, '#ex-x', '1e1');
  assert.equal(await page.getAttribute('#ex-x', 'aria-invalid'), 'false');
  same(await dataValue(page.locator('#ex-y')), calc.explainBatchNormValue({ x: 10, muB: -1, sigma2B: 4, eps: 0.001, gamma: 2, beta: 0.5 }).y, 'y after 1e1');
});

test('Explorer: sliders and the fused-kernel switch work from the keyboard; degenerate inputs warn', async (page) => {
  await open(page);
  await page.focus('#ex-x-range');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.inputValue('#ex-x'), '2.01');
  const base = { x: 2.01, muB: 0.5, sigma2B: 2.25, eps: 0.00001, gamma: 1, beta: 0 };
  same(await dataValue(page.locator('#ex-y')), calc.explainBatchNormValue(base).y, 'y after ArrowRight');
  await page.focus('#ex-eps-range');
  await page.keyboard.press('ArrowLeft');
  const eps = Number(await page.inputValue('#ex-eps'));
  assert.equal(eps, 0.0000079, 'eps moves one log step: 10^-5.1 ≈ 7.9e-6');
  await page.focus('#ex-fused');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#ex-fused'), true);
  same(await dataValue(page.locator('#ex-y')), calc.explainBatchNormValue({ ...base, eps }, { form: 'fused' }).y, 'fused y');
  await type(page, '#ex-variance', '0');
  await type(page, '#ex-eps', '0');
  await type(page, '#ex-x', '0.5');
  assert.equal(await page.textContent('#ex-xhat'), 'NaN');
  const warnings = await page.$$eval('#ex-warnings li', (items) => items.map((li) => li.textContent));
  assert.deepEqual(
    warnings,
    calc.explainBatchNormValue({ x: 0.5, muB: 0.5, sigma2B: 0, eps: 0, gamma: 1, beta: 0 }, { form: 'fused' }).warnings.map(inPageNotation),
  );
  assert.ok(warnings.some((w) => w.includes('0 / 0')));
});

test("Batch: a pasted tensor gives the math module's per-channel μ, σ² and normalized values, and a before/after plot", async (page) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await open(page);
  await selectTab(page, 'batch');
  const pasted = 'torch.tensor([[0.5, 1.0, 10.0],\n              [1.5, -2.0, 12.0],\n              [2.5, 3.0, 11.0],\n              [-0.5, 0.0, 15.0]])';
  await page.fill('#batch-text', '');
  await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
  await page.focus('#batch-text');
  await page.keyboard.press('Control+V');
  assert.equal(await page.inputValue('#batch-text'), pasted, 'the paste arrived');
  const { data, shape } = calc.parseTensor(pasted);
  const expected = calc.batchNormTrain(data, shape, { eps: 1e-5 });
  assert.match(await page.textContent('#batch-status'), /Shape \[4, 3\]/);
  const rows = page.locator('#batch-stats tbody tr');
  assert.equal(await rows.count(), 3);
  for (let c = 0; c < 3; c++) {
    same(await dataValue(rows.nth(c).locator('[data-key=mean]')), expected.batchMean[c], `μ c${c}`);
    same(await dataValue(rows.nth(c).locator('[data-key=var]')), expected.batchVar[c], `σ² c${c}`);
    same(await dataValue(rows.nth(c).locator('[data-key=varUnbiased]')), expected.batchVarUnbiased[c], `unbiased σ² c${c}`);
    same(await dataValue(rows.nth(c).locator('[data-key=invStd]')), expected.invStd[c], `1/σ c${c}`);
  }
  for (let i = 0; i < data.length; i++) {
    same(await dataValue(page.locator(`#batch-values-table [data-key=xHat][data-index="${i}"]`)), expected.xHat[i], `x̂[${i}]`);
  }
  // The plot: two SVG charts, one point per value in each, at the values themselves.
  assert.equal(await page.locator('#batch-plot svg.chart').count(), 2);
  const before = await page.$$eval('#batch-plot-before circle', (cs) => cs.map((c) => Number(c.dataset.y)));
  const after = await page.$$eval('#batch-plot-after circle', (cs) => cs.map((c) => Number(c.dataset.y)));
  assert.deepEqual(before, [...data]);
  assert.deepEqual(after, [...expected.xHat]);
  // γ and β add the outputs y.
  await type(page, '#batch-gamma', '2, 1, 0.5');
  await type(page, '#batch-beta', '0, 1, -1');
  const affine = calc.batchNormTrain(data, shape, { eps: 1e-5, gamma: [2, 1, 0.5], beta: [0, 1, -1] });
  for (let i = 0; i < data.length; i++) same(await dataValue(page.locator(`#batch-values-table [data-key=y][data-index="${i}"]`)), affine.y[i], `y[${i}]`);
});

test('Batch: the shape field reshapes CSV; errors are reported and marked invalid', async (page) => {
  await open(page);
  await selectTab(page, 'batch');
  const csv = '1, 2, 3, 4, 5, 6\n7, 8, 9, 10, 11, 13';
  await page.fill('#batch-text', csv);
  await type(page, '#batch-shape', '2, 2, 3');
  const expected = calc.batchNormTrain(calc.parseTensor(csv).data, [2, 2, 3], { eps: 1e-5 });
  assert.match(await page.textContent('#batch-status'), /N = 2, C = 2, 3 positions per sample; 6 values per channel/);
  for (let c = 0; c < 2; c++) {
    same(await dataValue(page.locator('#batch-stats tbody tr').nth(c).locator('[data-key=var]')), expected.batchVar[c], `σ² c${c}`);
  }
  await type(page, '#batch-shape', '5, 2');
  assert.match(await page.textContent('#batch-status'), /found 12 values, but shape \[5, 2\] needs 10/);
  assert.equal(await page.getAttribute('#batch-status', 'role'), 'status');
  assert.equal(await page.locator('#batch-plot svg').count(), 0, 'no plot for an invalid input');
  await page.fill('#batch-shape', '');
  await page.fill('#batch-text', '[[1, 2], [3]]');
  assert.match(await page.textContent('#batch-status'), /ragged/);
  assert.equal(await page.getAttribute('#batch-text', 'aria-invalid'), 'true');
  await page.fill('#batch-text', '[[1, 2]]');
  assert.match(await page.textContent('#batch-status'), /Expected more than 1 value per channel when training, got input size torch.Size\(\[1, 2\]\)/);
  await page.selectOption('#batch-example', 'images');
  await page.click('#batch-load');
  assert.match(await page.textContent('#batch-status'), /Shape \[2, 3, 2, 2\]/);
  assert.equal(await page.inputValue('#batch-shape'), '2, 3, 2, 2');
});

test('Running statistics: chosen batches match simulateRunningStats; PyTorch momentum=0.99 tracks only the last batch', async (page) => {
  await open(page);
  await selectTab(page, 'running');
  await page.check('#run-source-custom');
  const lines = ['1, 2, 3, 4', '2, 4, 6, 8', '0, 0, 1, 1'];
  await page.fill('#run-custom', lines.join('\n'));
  await type(page, '#run-steps', '7');
  await type(page, '#run-momentum', '0.99');
  const batches = Array.from({ length: 7 }, (_, k) => calc.parseTensor(lines[k % 3]).data);
  const pytorch = calc.simulateRunningStats(batches, [4, 1], { convention: 'pytorch', momentum: 0.99 });
  const keras = calc.simulateRunningStats(batches, [4, 1], { convention: 'keras', momentum: 0.99 });
  same(await dataValue(page.locator('#run-final [data-key=pytorch-mean]')), pytorch.runningMean[0], 'PyTorch running mean');
  same(await dataValue(page.locator('#run-final [data-key=pytorch-var]')), pytorch.runningVar[0], 'PyTorch running var');
  same(await dataValue(page.locator('#run-final [data-key=keras-mean]')), keras.runningMean[0], 'Keras moving mean');
  same(await dataValue(page.locator('#run-final [data-key=keras-var]')), keras.runningVar[0], 'Keras moving variance');
  const lastBatchMean = 2.5; // step 7 uses line 1 again
  assert.ok(Math.abs(pytorch.runningMean[0] - lastBatchMean) < 0.03, 'PyTorch with 0.99 sits on the last batch');
  assert.ok(Math.abs(keras.runningMean[0] - lastBatchMean) > 1, 'Keras with 0.99 averages slowly');
  assert.match(await page.textContent('#run-mistake-note'), /track only the last batch/);
  // The plots: running mean and variance, a line per convention, a point per batch.
  for (const id of ['#run-mean-plot', '#run-var-plot']) {
    assert.equal(await page.locator(`${id} svg.chart`).count(), 1);
    assert.deepEqual(await page.$$eval(`${id} .series`, (gs) => gs.map((g) => g.dataset.series)), [
      id === '#run-mean-plot' ? 'batch mean' : 'batch variance (unbiased)',
      'PyTorch, momentum=0.99',
      'Keras, momentum=0.99',
    ]);
    assert.equal(await page.locator(`${id} circle`).count(), 7);
    assert.equal(await page.locator(`${id} path.line`).count(), 2);
  }
  // momentum=None: PyTorch's cumulative average; no Keras equivalent.
  await type(page, '#run-momentum', 'None');
  const cumulative = calc.simulateRunningStats(batches, [4, 1], { convention: 'pytorch', momentum: null });
  same(await dataValue(page.locator('#run-final [data-key=pytorch-mean]')), cumulative.runningMean[0], 'cumulative mean');
  assert.equal(await page.locator('#run-final [data-key=keras-mean]').count(), 0);
  await type(page, '#run-momentum', '1.5');
  assert.match(await page.textContent('#run-momentum-msg'), /at most 1/);
  assert.equal(await page.getAttribute('#run-momentum', 'aria-invalid'), 'true');
});

test('Running statistics: random batches are reproducible and match the math module; "new random batches" reseeds', async (page) => {
  await open(page);
  await selectTab(page, 'running');
  await type(page, '#run-steps', '40');
  await type(page, '#run-n', '8');
  await type(page, '#run-mean', '3');
  await type(page, '#run-std', '2');
  await type(page, '#run-momentum', '0.1');
  const check = async (seed) => {
    const batches = randomBatches(seed, 40, 8, 3, 2);
    for (const [convention, key] of [
      ['pytorch', 'pytorch'],
      ['keras', 'keras'],
    ]) {
      const sim = calc.simulateRunningStats(batches, [8, 1], { convention, momentum: 0.1 });
      same(await dataValue(page.locator(`#run-final [data-key=${key}-mean]`)), sim.runningMean[0], `${convention} mean, seed ${seed}`);
      same(await dataValue(page.locator(`#run-final [data-key=${key}-var]`)), sim.runningVar[0], `${convention} var, seed ${seed}`);
    }
    const points = await page.$$eval('#run-mean-plot .series[data-series="batch mean"] circle', (cs) => cs.map((c) => Number(c.dataset.y)));
    const means = batches.map((b) => calc.batchStatistics(b, [8, 1]).mean[0]);
    assert.equal(points.length, means.length);
    points.forEach((v, i) => same(v, means[i], `batch mean ${i}`));
  };
  await check(1);
  assert.match(await page.textContent('#run-mistake-note'), /In Keras, Flax and TF.js, momentum=0.1 keeps only 10% of the old value/);
  await page.click('#run-reseed');
  await check(2);
  assert.equal(await page.locator('#run-mean-plot .series.dashed').count(), 1, 'the true mean as a reference line');
});

test('Compare: BN, LayerNorm, GroupNorm, InstanceNorm and RMSNorm match the math module, with a pooling picture each', async (page) => {
  await open(page);
  await selectTab(page, 'compare');
  const shape = [2, 4, 2, 2];
  const { data } = calc.parseTensor(COMPARE_EXAMPLE.text, { shape });
  const eps = 1e-5;
  const expected = {
    batch: calc.batchNormTrain(data, shape, { eps }).y,
    layer: calc.layerNorm(data, shape, { normalizedShape: [4, 2, 2], eps }).y,
    group: calc.groupNorm(data, shape, { numGroups: 2, eps }).y,
    instance: calc.instanceNorm(data, shape, { eps }).y,
    rms: calc.rmsNorm(data, shape, { normalizedShape: [4, 2, 2], eps }).y,
  };
  const pools = { batch: 4, layer: 2, group: 4, instance: 8, rms: 2 };
  for (const [id, y] of Object.entries(expected)) {
    const shown = await page.$$eval(`#cmp-${id} [data-key=y]`, (els) => els.map((e) => Number(e.dataset.value)));
    assert.equal(shown.length, 16, `${id}: the first 16 outputs`);
    shown.forEach((v, i) => same(v, y[i], `${id} y[${i}]`));
    const sets = await page.$$eval(`#cmp-${id} svg.pool-picture .pool`, (gs) => new Set(gs.map((g) => g.dataset.pool)).size);
    assert.equal(sets, pools[id], `${id}: the picture shows ${pools[id]} pooled sets`);
  }
  const gn = calc.groupNorm(data, shape, { numGroups: 2, eps });
  same(await dataValue(page.locator('#cmp-group [data-key=var]').nth(1)), gn.variance[1], 'GroupNorm variance of set 2');
  const series = await page.$$eval('#cmp-plot .series', (gs) => gs.map((g) => g.dataset.series));
  assert.deepEqual(series, ['BatchNorm', 'LayerNorm', 'GroupNorm', 'InstanceNorm', 'RMSNorm']);
  assert.equal(await page.locator('#cmp-plot circle').count(), 5 * 32);
  await type(page, '#cmp-groups', '3');
  assert.match(await page.textContent('#cmp-group .error'), /divisible by num_groups/);
  assert.equal(await page.locator('#cmp-batch [data-key=y]').count(), 16, 'the others still compute');
  await type(page, '#cmp-groups', '2');
  await type(page, '#cmp-shape', '2, 16');
  assert.match(await page.textContent('#cmp-instance .error'), /at least 3 dimensions/);
});

test('Converter: momentum and eps in every framework, BN301/BN302-style warnings, copy to the clipboard', async (page) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await open(page);
  await selectTab(page, 'convert');
  await page.selectOption('#conv-from', 'pytorch');
  await type(page, '#conv-momentum', '0.1');
  await type(page, '#conv-eps', '1e-5');
  const code = (f) => page.textContent(`#conv-table code[data-framework=${f}]`);
  assert.equal(await code('pytorch'), 'torch.nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.1)');
  assert.equal(await code('keras'), 'keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5)');
  assert.equal(await code('flax'), 'flax.linen.BatchNorm(use_running_average=not train, momentum=0.9, epsilon=1e-5)');
  assert.equal(await code('tfjs'), 'tf.layers.batchNormalization({momentum: 0.9, epsilon: 1e-5})');
  const momenta = await page.$$eval('#conv-table td[data-key=momentum]', (tds) => tds.map((td) => Number(td.dataset.value)));
  assert.deepEqual(momenta, [0.1, ...['keras', 'keras', 'keras'].map((to) => calc.convertMomentum(0.1, 'pytorch', to))]);
  same(await dataValue(page.locator('#conv-facts [data-value]').first()), calc.describeMomentum(0.1, 'pytorch').newBatchWeight, 'new-batch weight');
  // The header's framework and the converter's follow each other.
  await page.selectOption('#framework', 'keras');
  assert.equal(await page.inputValue('#conv-from'), 'keras');
  assert.match(await page.textContent('#conv-status'), /looks like a PyTorch-convention value \(BN302\)/);
  assert.equal(await code('pytorch'), 'torch.nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.9)');
  await page.click('#conv-table button[data-framework=pytorch]');
  const copied = (await messages(page)).filter((m) => m.type === 'copy').map((m) => m.text);
  assert.deepEqual(copied, ['torch.nn.BatchNorm2d(num_features, eps=1e-5, momentum=0.9)']);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), copied[0]);
  await page.selectOption('#conv-from', 'pytorch');
  await type(page, '#conv-momentum', '0.99');
  assert.match(await page.textContent('#conv-status'), /looks like a Keras-convention value \(BN301\)/);
  await type(page, '#conv-momentum', 'None');
  assert.equal(await page.isDisabled('#conv-table button[data-framework=keras]'), true, 'None has no Keras equivalent');
  await page.click('#conv-defaults');
  assert.equal(await page.inputValue('#conv-momentum'), '0.1');
  assert.equal(await page.inputValue('#conv-eps'), '1e-5');
});

test('input feedback: a wrong γ count marks γ, ±1e308 warns instead of drawing, the converter warns like the linter, one ε notation', async (page) => {
  await open(page);
  await selectTab(page, 'batch');
  await type(page, '#batch-text', '[[1, 2], [3, 4], [5, 7]]');
  await type(page, '#batch-gamma', '1, 2, 3');
  assert.equal(await page.getAttribute('#batch-gamma', 'aria-invalid'), 'true', 'γ is the field at fault');
  assert.equal(await page.getAttribute('#batch-text', 'aria-invalid'), 'false', 'the tensor is fine');
  assert.match(await page.textContent('#batch-gamma-msg'), /γ has 3 values; the tensor has 2 channels/);
  await type(page, '#batch-gamma', '1, 2');
  assert.equal(await page.getAttribute('#batch-gamma', 'aria-invalid'), 'false');
  await type(page, '#batch-text', '[[1e308, 1], [-1e308, 2]]');
  assert.match(await page.textContent('#batch-status'), /overflow a 64-bit float/);
  assert.equal(await page.getAttribute('#batch-status', 'class'), 'status warning');
  assert.match(await page.textContent('#batch-plot'), /not drawn, the values span more than a 64-bit float can hold/);
  const badCoordinates = await page.$$eval('#batch-plot svg *', (els) => els.filter((e) => [...e.attributes].some((a) => /NaN|Infinity/.test(a.value))).length);
  assert.equal(badCoordinates, 0, 'no NaN or Infinity coordinates in what is drawn');

  await selectTab(page, 'convert');
  await page.selectOption('#conv-from', 'pytorch');
  await type(page, '#conv-momentum', '0.5');
  assert.match(await page.textContent('#conv-status'), /\(BN301\)/, 'momentum 0.5 in PyTorch: the linter flags it (0.5 or more)');
  await type(page, '#conv-momentum', '0.1');
  await type(page, '#conv-eps', '0');
  assert.match(await page.textContent('#conv-status'), /ε = 0: .*\(BN304\)/);
  await type(page, '#conv-eps', '0.1');
  assert.match(await page.textContent('#conv-status'), /ε = 0\.1 is unusually large.*\(BN304\)/);
  await page.selectOption('#conv-from', 'keras');
  await type(page, '#conv-momentum', '0.5');
  await type(page, '#conv-eps', '1e-3');
  assert.match(await page.textContent('#conv-status'), /\(BN302\)/);
  assert.doesNotMatch(await page.textContent('#conv-status'), /BN304/);

  // Messages in the page's notation (σ²_B, ε), not the math module's ASCII names.
  await selectTab(page, 'explorer');
  await type(page, '#ex-eps', '-1');
  await type(page, '#ex-variance', '-2');
  const warningText = await page.textContent('#ex-warnings');
  assert.match(warningText, /negative variance σ²_B/);
  assert.match(warningText, /negative ε: ε must be ≥ 0/);
  assert.doesNotMatch(warningText, /sigma2|\beps\b|mu_B|>=/);

  // One notation for ε on each screen (defaults and the converter's table and code).
  const texts = async () =>
    page.evaluate(() => `${document.body.innerText}\n${[...document.querySelectorAll('input[type=text]')].map((i) => i.value).join('\n')}`);
  await open(page);
  for (const section of ['explorer', 'batch', 'compare', 'convert']) {
    await selectTab(page, section);
    const shown = await texts();
    assert.doesNotMatch(shown, /0\.00001|1e-05/, `${section}: ε written as 1e-5 everywhere`);
  }
});

test('prefill message: fills eps and momentum everywhere, acknowledges with the state; malformed messages are ignored', async (page) => {
  await open(page);
  const post = (message) => page.evaluate((m) => window.postMessage(m, '*'), message);
  await post({ type: 'prefill', seq: 3, prefill: { framework: 'pytorch', eps: 0.001, momentum: 0.99, label: 'nn.BatchNorm2d at model.py:12' } });
  await page.locator('#prefill').waitFor({ state: 'visible' });
  const banner = await page.textContent('#prefill');
  assert.ok(banner.includes('Prefilled from nn.BatchNorm2d at model.py:12: eps = 0.001, momentum = 0.99.'), banner);
  assert.match(banner, /99% of the weight/);
  for (const id of ['#ex-eps', '#batch-eps', '#cmp-eps', '#conv-eps']) assert.equal(await page.inputValue(id), '0.001', id);
  assert.equal(await page.inputValue('#run-momentum'), '0.99');
  assert.equal(await page.inputValue('#conv-momentum'), '0.99');
  assert.equal(await page.inputValue('#framework'), 'pytorch');
  same(
    await dataValue(page.locator('#ex-y')),
    calc.explainBatchNormValue({ x: 2, muB: 0.5, sigma2B: 2.25, eps: 0.001, gamma: 1, beta: 0 }).y,
    'y with the prefilled eps',
  );
  const ack = (await messages(page)).find((m) => m.type === 'state' && m.ack === 3);
  assert.ok(ack, 'a state message acknowledges seq 3');
  assert.equal(ack.state.explorer.eps, '0.001');
  assert.equal(ack.state.running.momentum, '0.99');
  const before = await page.evaluate(() => window.__normlintMessages.length);
  for (const bad of [
    { type: 'prefill', seq: 4, prefill: { eps: '0.5' } },
    { type: 'prefill', seq: 'x', prefill: { eps: 0.5 } },
    { type: 'prefill', seq: 5, prefill: { eps: -1, momentum: 2, framework: 'caffe' } },
    { type: 'run', code: 'alert(1)' },
    'prefill',
    null,
  ])
    await post(bad);
  await page.waitForTimeout(100);
  assert.equal(await page.inputValue('#ex-eps'), '0.001', 'malformed prefills change nothing');
  assert.equal(await page.evaluate(() => window.__normlintMessages.length), before, 'and get no answer');
  await post({ type: 'prefill', seq: 6, prefill: { framework: 'keras', momentum: 0.1, label: '<img src=x onerror="window.__x=1">' } });
  await page.locator('#prefill.warning').waitFor();
  assert.equal(await page.locator('#prefill img').count(), 0, 'the label is text, not HTML');
  assert.equal(await page.inputValue('#framework'), 'keras');
  await page.click('#prefill-show');
  assert.equal(await page.getAttribute('#tab-running', 'aria-selected'), 'true');
  await page.click('#prefill-dismiss');
  assert.equal(await page.isHidden('#prefill'), true);
});

test("Batch size: the table and plots match analyzeBatchSizes; inputs update them; batch size 1 shows PyTorch's error", async (page) => {
  await open(page);
  await selectTab(page, 'batchsize');
  const expected = calc.analyzeBatchSizes({
    distribution: { kind: 'normal', mean: 0, std: 1 },
    channels: 64,
    numGroups: 8,
    spatialSize: 1,
    trials: 2000,
    seed: 1,
  });
  for (const row of expected.rows) {
    same(await dataValue(page.locator(`#bs-table [data-key="mean-${row.batchSize}"]`)), row.mean.relative, `mean spread at ${row.batchSize}`);
    same(await dataValue(page.locator(`#bs-table [data-key="var-${row.batchSize}"]`)), row.variance.relative, `variance spread at ${row.batchSize}`);
    // Simulated spreads use Math.log/Math.cos, which may differ in the last bit between engines (batchsize.ts).
    if (row.mean.simulatedStd !== undefined) {
      const page_ = await dataValue(page.locator(`#bs-table [data-key="sim-mean-${row.batchSize}"]`));
      assert.ok(
        Math.abs(page_ - row.mean.simulatedStd) <= 1e-9 * row.mean.simulatedStd,
        `simulated mean spread at ${row.batchSize}: ${page_} vs ${row.mean.simulatedStd}`,
      );
      assert.ok(Math.abs(page_ - row.mean.relative) < 0.05 * row.mean.relative, `simulation agrees with the exact spread at ${row.batchSize}`);
    }
  }
  assert.equal(expected.rows[0].batchSize, 1);
  assert.ok(expected.rows[0].pytorchError, 'the math module reports the error at batch size 1');
  const errorCell = await page.textContent('#bs-table [data-key="error-1"]');
  assert.ok(errorCell.includes('Expected more than 1 value per channel when training'), errorCell);
  const note0 = await page.textContent('#bs-error-note');
  assert.ok(note0.includes('Expected more than 1 value per channel when training'), note0);
  assert.equal(await page.locator('#bs-table [data-key="error-2"]').count(), 0, 'batch size 2 runs');
  // Three series on each chart: exact, simulated, GroupNorm; the exact line has one point per valid batch size.
  const seriesNames = await page.$$eval('#bs-mean-plot g.series', (gs) => gs.map((g) => g.dataset.series));
  assert.deepEqual(seriesNames, ['BatchNorm, exact', 'BatchNorm, simulated (2000 batches)', 'GroupNorm (any batch size)']);
  assert.equal(await page.locator('#bs-mean-plot g.series').first().locator('circle').count(), expected.rows.length - 1);
  const points = () => page.$$eval('#bs-var-plot g.series circle', (cs) => cs.map((c) => c.getAttribute('cy')).join());
  const before = await points();

  // Your batch size 2: highlighted, noisy (≤ 4), with a marker on the charts.
  await type(page, '#bs-yours', '2');
  const note = await page.textContent('#bs-yours-note');
  assert.match(note, /batch size 2, the batch mean is off by 70\.7\d*% of σ/);
  assert.match(note, /GroupNorm/);
  assert.equal(await page.locator('#bs-mean-plot g.series[data-series="your batch size 2"]').count(), 1);
  assert.equal(await page.locator('#bs-table th.yours').textContent(), '2 (yours)');
  // Your batch size 1: the error, in PyTorch's words.
  await type(page, '#bs-yours', '1');
  const note1 = await page.textContent('#bs-error-note');
  assert.ok(note1.includes(`ValueError: "Expected more than 1 value per channel when training`), note1);
  // Images of 4×4: batch size 1 has 16 values per channel, so PyTorch runs; the spreads shrink by 4.
  await type(page, '#bs-spatial', '16');
  assert.equal(await page.locator('#bs-table [data-key="error-1"]').count(), 0);
  same(await dataValue(page.locator('#bs-table [data-key="mean-1"]')), 0.25, 'mean spread of 16 values');
  // A uniform distribution changes the variance's spread (kurtosis 1.8), not the mean's.
  await type(page, '#bs-spatial', '1');
  await page.check('#bs-dist-uniform');
  const uniform = calc.analyzeBatchSizes({ distribution: { kind: 'uniform', low: 0, high: 1 }, channels: 64, numGroups: 8, trials: 2000, seed: 1 });
  same(await dataValue(page.locator('#bs-table [data-key="var-8"]')), uniform.rows.find((r) => r.batchSize === 8).variance.relative, 'uniform variance spread');
  assert.notEqual(await points(), before, 'the variance chart is redrawn');
  // GroupNorm: 8 channels per group; the dashed line sits at its (batch-size-free) spread on both ends.
  const groupY = await page.$$eval('#bs-mean-plot g.series[data-series="GroupNorm (any batch size)"] path', (ps) => ps.map((p) => p.getAttribute('d')));
  assert.equal(groupY.length, 1);
  const [, y0, y1] = /^M[\d.]+,([\d.]+)L[\d.]+,([\d.]+)$/.exec(groupY[0]) ?? [];
  assert.ok(y0 !== undefined && y0 === y1, `GroupNorm's line is flat: ${groupY[0]}`);
  assert.match(await page.textContent('#bs-explain'), /GroupNorm normalizes each sample over 8 values, whatever the batch size: mean off by 35\.\d*% of σ/);
  await type(page, '#bs-groups', '7');
  assert.match(await page.textContent('#bs-groups-msg'), /7 groups do not divide 64 channels/);
  await type(page, '#bs-groups', '8');
  // Chosen batch sizes, and errors marked on the field.
  await type(page, '#bs-sizes', '3, 5, 7');
  assert.deepEqual(await page.$$eval('#bs-table tbody th', (ths) => ths.map((t) => t.textContent)), ['1 (yours)', '3', '5', '7']);
  await type(page, '#bs-sizes', '3, 0');
  assert.equal(await page.getAttribute('#bs-sizes', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#bs-status'), /Fix the highlighted field/);
  await type(page, '#bs-high', '-1');
  assert.match(await page.textContent('#bs-high-msg'), /high must be above low/);
});

test("Batch size: a prefill with the code's batch size (BN403 hover) opens the section with it highlighted", async (page) => {
  await open(page);
  await page.evaluate(() =>
    window.postMessage({ type: 'prefill', seq: 9, prefill: { framework: 'pytorch', batchSize: 1, label: 'DataLoader(ds, batch_size=1) at train.py:8' } }, '*'),
  );
  await page.locator('#panel-batchsize').waitFor({ state: 'visible' });
  assert.equal(await page.getAttribute('#tab-batchsize', 'aria-selected'), 'true');
  assert.equal(await page.inputValue('#bs-yours'), '1');
  assert.ok((await page.textContent('#prefill')).includes('batch size = 1'));
  assert.ok((await page.textContent('#bs-error-note')).includes('Expected more than 1 value per channel when training'));
  const ack = (await messages(page)).find((m) => m.type === 'state' && m.ack === 9);
  assert.equal(ack.state.tab, 'batchsize');
  assert.equal(ack.state.batchsize.yours, '1');
  assert.equal(parsePrefill({ batchSize: 0 }), undefined, 'batch size 0 is dropped');
  assert.equal(parsePrefill({ batchSize: 2.5 }), undefined);
  assert.deepEqual(parsePrefill({ batchSize: 16 }), { batchSize: 16 });
  await selectTab(page, 'explorer');
  await page.click('#prefill-show');
  assert.equal(await page.getAttribute('#tab-batchsize', 'aria-selected'), 'true');
});

test('state: kept across a reload (getState stand-in), restored from an embedded initial state, sanitized', async (page) => {
  await open(page);
  await selectTab(page, 'batch');
  await page.fill('#batch-text', '[[1, 2], [3, 5], [4, 4]]');
  await type(page, '#batch-eps', '0.01');
  await selectTab(page, 'explorer');
  await type(page, '#ex-gamma', '1.5');
  await selectTab(page, 'compare');
  await page.reload();
  await page.locator('body[data-ready="true"]').waitFor();
  assert.equal(await page.getAttribute('#tab-compare', 'aria-selected'), 'true', 'the tab is restored');
  assert.equal(await page.inputValue('#batch-text'), '[[1, 2], [3, 5], [4, 4]]');
  assert.equal(await page.inputValue('#batch-eps'), '0.01');
  assert.equal(await page.inputValue('#ex-gamma'), '1.5');
  assert.equal(await page.inputValue('#ex-gamma-range'), '1.5');

  // A restored panel (the serializer) embeds its state in the page; hostile text stays text.
  const hostile = '</script><script>window.__pwned = 1</script>';
  const initialState = { ...defaultState(), tab: 'batch', batch: { ...defaultState().batch, text: hostile } };
  const fresh = await page.context().browser().newContext();
  const other = await fresh.newPage();
  await open(other, { initialState });
  assert.equal(await other.getAttribute('#tab-batch', 'aria-selected'), 'true');
  assert.equal(await other.inputValue('#batch-text'), hostile);
  assert.equal(await other.evaluate(() => window.__pwned), undefined);
  const junk = await fresh.newPage();
  await open(junk, { initialState: { tab: 'evil', framework: 42, explorer: { x: 7 }, running: { seed: -1, source: 'x' } } });
  assert.equal(await junk.getAttribute('#tab-explorer', 'aria-selected'), 'true', 'an unknown tab falls back');
  assert.equal(await junk.inputValue('#ex-x'), '2', 'a wrongly typed field falls back to its default');
  assert.equal(await junk.isChecked('#run-source-random'), true);
  await fresh.close();
});

test('accessibility: every control is labelled and reachable with Tab; focus is visible', async (page) => {
  await open(page);
  for (const tab of SECTIONS) {
    await selectTab(page, tab);
    const unlabelled = await page.evaluate((panelId) => {
      const scope = [document.querySelector('header'), document.getElementById(panelId)];
      return scope
        .flatMap((root) => [...root.querySelectorAll('input, select, textarea, button')])
        .filter((el) => {
          const labelled =
            (el.labels && [...el.labels].some((l) => l.textContent.trim())) ||
            el.getAttribute('aria-label')?.trim() ||
            (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => document.getElementById(id)?.textContent.trim()) ||
            (el.tagName === 'BUTTON' && el.textContent.trim());
          return !labelled;
        })
        .map((el) => el.id || el.outerHTML.slice(0, 80));
    }, `panel-${tab}`);
    assert.deepEqual(unlabelled, [], `${tab}: unlabelled controls`);
    // Tab from the tab through the whole panel.
    // (A radio group is one Tab stop: its checked radio; the arrow keys move within it.)
    const controls = await page.evaluate(
      (panelId) =>
        [...document.getElementById(panelId).querySelectorAll('input, select, textarea, button')]
          .filter((el) => !el.disabled && el.offsetParent !== null && !(el.type === 'radio' && !el.checked))
          .map((el) => el.id || `${el.tagName}:${el.textContent}`),
      `panel-${tab}`,
    );
    await page.focus(`#tab-${tab}`);
    const reached = new Set();
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id || `${document.activeElement?.tagName}:${document.activeElement?.textContent}`);
      if (id === `tab-${tab}` || id === 'BODY:') break;
      reached.add(id);
    }
    const missed = controls.filter((c) => !reached.has(c));
    assert.deepEqual(missed, [], `${tab}: controls not reachable with Tab`);
  }
  await selectTab(page, 'explorer');
  await page.focus('#tab-explorer');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { id: document.activeElement.id, style: style.outlineStyle, width: style.outlineWidth };
  });
  assert.notEqual(outline.style, 'none', `focus is visible on #${outline.id}`);
  assert.notEqual(outline.width, '0px');
});

test('themes: light, dark and high contrast colours come from the VS Code variables', async (page) => {
  const colours = {};
  for (const theme of ['dark', 'light', 'high-contrast']) {
    await open(page, { theme });
    colours[theme] = await page.evaluate(() => ({
      bg: getComputedStyle(document.body).backgroundColor,
      fg: getComputedStyle(document.body).color,
      input: getComputedStyle(document.getElementById('ex-x')).borderTopColor,
      card: document.body.className,
    }));
    await page.screenshot({ path: path.join(OUTPUT, `calculator-explorer-${theme}.png`), fullPage: true });
  }
  assert.equal(colours.dark.bg, 'rgb(31, 31, 31)');
  assert.equal(colours.light.bg, 'rgb(255, 255, 255)');
  assert.equal(colours['high-contrast'].bg, 'rgb(0, 0, 0)');
  assert.equal(colours['high-contrast'].input, 'rgb(111, 195, 223)', 'high contrast borders');
  assert.notEqual(colours.light.fg, colours.dark.fg);
});

/**
 * Text whose colour contrasts with what is behind it by less than `minimum` (WCAG ratio), for every
 * visible text node: its colour (fill in charts) over its element's background, composited up the tree.
 */
function lowContrastTexts(page, minimum) {
  return page.evaluate((minimum) => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c ?? '');
      if (!m) return undefined;
      const [r, g, b, a = 1] = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r, g, b, a };
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const backdrop = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      return layers.reverse().reduce((bg, layer) => over(layer, bg), { r: 255, g: 255, b: 255, a: 1 });
    };
    const luminance = ({ r, g, b }) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (x, y) => {
      const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
      return (hi + 0.05) / (lo + 0.05);
    };
    const out = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || seen.has(el)) continue;
      seen.add(el);
      if (el.getClientRects().length === 0 || el.closest('[hidden], .visually-hidden, :disabled, option, script, style')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const inChart = el instanceof SVGElement;
      const fg = parse(inChart ? style.fill : style.color);
      if (!fg) continue;
      const bg = backdrop(inChart ? el.closest('svg').parentElement : el);
      const r = ratio(over(fg, bg), bg);
      if (r < minimum)
        out.push(
          `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${node.textContent.trim().slice(0, 30)}": ${r.toFixed(2)} (${inChart ? style.fill : style.color} on rgb(${[bg.r, bg.g, bg.b].map(Math.round).join(', ')}))`,
        );
    }
    return out;
  }, minimum);
}

const SECTIONS = ['explorer', 'batch', 'running', 'batchsize', 'compare', 'convert'];
const THEME_KINDS = ['dark', 'light', 'high-contrast', 'high-contrast-light'];

test("themes: every section is readable in all four theme kinds (text contrast ≥ 4.5), with VS Code's default webview styles", async (page) => {
  fs.mkdirSync(path.join(OUTPUT, 'themes'), { recursive: true });
  const problems = [];
  for (const theme of THEME_KINDS) {
    await open(page, { theme });
    for (const section of SECTIONS) {
      await selectTab(page, section);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(OUTPUT, 'themes', `calculator-${section}-${theme}.png`), fullPage: true });
      for (const p of await lowContrastTexts(page, 4.5)) problems.push(`${theme} ${section}: ${p}`);
    }
  }
  assert.equal(problems.length, 0, `${problems.length} low-contrast texts:\n${problems.join('\n')}`);
});

/** What breaks in a narrow panel: sideways scrolling, cut-off controls, code broken every few characters, shrunken chart text. */
function layoutProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width} px)`);
    const visible = (el) => el.getClientRects().length > 0 && !el.closest('[hidden]') && getComputedStyle(el).visibility !== 'hidden';
    // A box that scrolls sideways on its own (a wide table) may hold things beyond the edge.
    const scrolls = (el) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement)
        if (/(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth) return true;
      return false;
    };
    for (const el of document.querySelectorAll('input:not([type=checkbox]):not([type=radio]), select, textarea, button')) {
      if (!visible(el) || el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()}#${el.id || el.textContent.trim().slice(0, 20)}`;
      if (!scrolls(el) && (r.right > width + 0.5 || r.left < -0.5))
        out.push(`${name} is cut off (${Math.round(r.left)}..${Math.round(r.right)} of ${width} px)`);
      if (el.matches('input[type=text], textarea, select') && r.width < 48) out.push(`${name} is squeezed to ${Math.round(r.width)} px`);
    }
    for (const el of document.querySelectorAll('code, .formula-line')) {
      if (!visible(el)) continue;
      const text = el.textContent.trim();
      const lines = el.getClientRects().length;
      if (text.length >= 12 && lines > 1 && text.length / lines < 10)
        out.push(`"${text.slice(0, 24)}" wraps every ${(text.length / lines).toFixed(1)} characters`);
    }
    // Chart text as drawn: its font size times the scale the SVG is shown at.
    for (const svg of document.querySelectorAll('svg.chart')) {
      if (!visible(svg) || !svg.viewBox.baseVal?.width) continue;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const text = svg.querySelector('text');
      const size = text ? parseFloat(getComputedStyle(text).fontSize) * scale : 11;
      if (size < 9) out.push(`chart "${svg.getAttribute('aria-label')}" text is ${size.toFixed(1)} px`);
    }
    return out;
  });
}

test('narrow and wide panels: no sideways scrolling, no cut-off inputs, readable code and charts at 300, 600 and 1200 px', async (page) => {
  fs.mkdirSync(path.join(OUTPUT, 'widths'), { recursive: true });
  const problems = [];
  for (const width of [300, 600, 1200]) {
    await page.setViewportSize({ width, height: 900 });
    await open(page);
    for (const section of SECTIONS) {
      await selectTab(page, section);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(OUTPUT, 'widths', `calculator-${section}-${width}px.png`), fullPage: true });
      for (const p of await layoutProblems(page)) problems.push(`${width} px ${section}: ${p}`);
    }
  }
  assert.equal(problems.length, 0, `${problems.length} layout problems:\n${problems.join('\n')}`);
});

// Into test-output/ on every run; into media/screenshots/ (the README's pictures, tracked by git)
// only with UPDATE_SCREENSHOTS=1, so that a test run leaves the checkout as it was.
const updateReadmeScreenshots = process.env.UPDATE_SCREENSHOTS === '1';

test('screenshots: one per section in test-output/ (and media/screenshots/ with UPDATE_SCREENSHOTS=1)', async (page) => {
  await page.setViewportSize({ width: 1180, height: 820 });
  await open(page);
  const shoot = async (name) => {
    const file = `calculator-${name}.png`;
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(OUTPUT, file), fullPage: true });
    if (updateReadmeScreenshots) fs.copyFileSync(path.join(OUTPUT, file), path.join(SCREENSHOTS, file));
    const size = fs.statSync(path.join(OUTPUT, file)).size;
    assert.ok(size > 10_000, `${file} is a real picture (${size} bytes)`);
  };
  await type(page, '#ex-x', '2.5');
  await type(page, '#ex-gamma', '1.5');
  await type(page, '#ex-beta', '0.2');
  await shoot('explorer');
  await selectTab(page, 'batch');
  await shoot('batch');
  await selectTab(page, 'running');
  await shoot('running');
  await selectTab(page, 'batchsize');
  await type(page, '#bs-yours', '2');
  await shoot('batchsize');
  await selectTab(page, 'compare');
  await shoot('compare');
  await page.evaluate(() =>
    window.postMessage(
      {
        type: 'prefill',
        seq: 1,
        prefill: {
          framework: 'pytorch',
          eps: 0.001,
          momentum: 0.99,
          label: 'nn.BatchNorm2d(64, eps=1e-3, momentum=0.99) at model.py:14',
        },
      },
      '*',
    ),
  );
  await page.locator('#prefill').waitFor({ state: 'visible' });
  await selectTab(page, 'convert');
  await shoot('converter');
});

// ------------------------------------------------------------------------------------------------
let passed = 0;
let failed = 0;
const selected = tests.filter((t) => !cli.grep || t.name.includes(cli.grep));
console.log(`calculator page in ${CHROMIUM} (headless), served at ${server.url}`);
for (const [index, t] of selected.entries()) {
  const context = await browser.newContext({ viewport: { width: 1180, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !t.options.allowConsole?.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const t0 = Date.now();
  try {
    await t.fn(t.options.node ? undefined : page);
    assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
    passed++;
    console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
  } catch (error) {
    failed++;
    console.log(
      `  ✗ ${t.name}\n    ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 40)
        .filter((l) => !/^\s+at /.test(l))
        .join('\n    ')}`,
    );
    if (problems.length) console.log(`    ${problems.join('\n    ')}`);
    const shot = path.join(OUTPUT, `browser-failure-${index + 1}.png`);
    await page.screenshot({ path: shot, fullPage: true }).then(
      () => console.log(`    screenshot: ${path.relative(ROOT, shot)}`),
      () => undefined,
    );
  } finally {
    await context.close();
  }
}
await browser.close();
await server.close();
console.log(`browser tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && selected.length > 0 ? 0 : 1);
