/**
 * The calculator page, in one function, used by the extension's webview panel and by the browser
 * test (which serves it from a local server). No vscode import: plain strings in, HTML out.
 *
 * Security: `default-src 'none'`; styles only from the webview's own resource origin; scripts
 * only with this load's nonce; no inline handlers or inline styles anywhere. The initial state is
 * embedded as inert JSON (a non-executed script element, `<` escaped).
 */

import { EXPLORER_FIELDS } from '../../webview/fields';
import { EXAMPLE_TENSORS, FRAMEWORK_NAMES, FRAMEWORKS, type CalculatorState } from '../../webview/state';

export interface CalculatorHtmlOptions {
  /** webview.cspSource (in the browser test: the local server's origin) */
  readonly cspSource: string;
  /** a fresh random value for every load */
  readonly nonce: string;
  /** the bundled script (dist/webview.js) as a webview URI */
  readonly scriptUri: string;
  /** media/calculator/calculator.css as a webview URI */
  readonly styleUri: string;
  /** a state to start from when the page has none of its own (a restored panel) */
  readonly initialState?: CalculatorState;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const frameworkOptions = FRAMEWORKS.map((f) => `<option value="${f}">${FRAMEWORK_NAMES[f]}</option>`).join('');

/** A labelled text field for a number; `hint` is shown under it and read with it. */
function numberField(id: string, label: string, hint = ''): string {
  return `<div class="field">
      <label for="${id}">${label}</label>
      <input type="text" id="${id}" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="${id}-msg">
      <span class="field-msg" id="${id}-msg">${hint}</span>
    </div>`;
}

function explorerPanel(): string {
  const rows = EXPLORER_FIELDS.map(
    (f) => `
      <div class="slider-row">
        <label for="ex-${f.key}" id="ex-${f.key}-label"><span class="symbol">${f.symbol}</span> <span class="name">${f.name}</span></label>
        <input type="range" id="ex-${f.key}-range" min="${f.min}" max="${f.max}" step="${f.step}" aria-label="${f.plain} ${f.name}, slider">
        <input type="text" id="ex-${f.key}" class="num" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="ex-${f.key}-msg">
        <span class="field-msg" id="ex-${f.key}-msg"></span>
      </div>`,
  ).join('');
  return `
  <section id="panel-explorer" role="tabpanel" aria-labelledby="tab-explorer" tabindex="0">
    <h2 class="visually-hidden">Explorer</h2>
    <p class="intro">Batch normalization of one value: <span class="formula-inline"><var>y</var> = <var>γ</var> · (<var>x</var> − <var>μ</var><sub>B</sub>) / √(<var>σ</var><sup>2</sup><sub>B</sub> + <var>ε</var>) + <var>β</var></span>. Drag a slider or type any number (also <code>1e-5</code>, <code>inf</code>, <code>nan</code>).</p>
    <div class="columns">
      <fieldset class="inputs">
        <legend>Inputs</legend>
        ${rows}
        <div class="check-row">
          <input type="checkbox" id="ex-fused">
          <label for="ex-fused">PyTorch's fused kernel: <code>a = γ/√(σ²+ε)</code>, <code>y = fma(x, a, β − μ·a)</code></label>
        </div>
      </fieldset>
      <div class="results">
        <h3>Formula with your numbers</h3>
        <div id="ex-formula" class="formula" aria-live="polite"></div>
        <dl class="big-results">
          <div><dt><var>x̂</var> (normalized)</dt><dd><output id="ex-xhat" for="ex-x ex-mu ex-variance ex-eps"></output></dd></div>
          <div><dt><var>y</var> (layer output)</dt><dd><output id="ex-y" for="ex-x ex-mu ex-variance ex-eps ex-gamma ex-beta"></output></dd></div>
        </dl>
        <table id="ex-steps" class="data">
          <caption>Every intermediate</caption>
          <thead><tr><th scope="col">step</th><th scope="col">value</th></tr></thead>
          <tbody></tbody>
        </table>
        <ul id="ex-warnings" class="warnings" aria-live="polite"></ul>
      </div>
    </div>
  </section>`;
}

function batchPanel(): string {
  const examples = Object.entries(EXAMPLE_TENSORS)
    .map(([k, e]) => `<option value="${k}">${escapeHtml(e.label)}</option>`)
    .join('');
  return `
  <section id="panel-batch" role="tabpanel" aria-labelledby="tab-batch" tabindex="0" hidden>
    <h2 class="visually-hidden">Batch</h2>
    <p class="intro">Type or paste a small tensor (a nested list such as <code>[[1, 2], [3, 4]]</code>, <code>torch.tensor([...])</code>, <code>np.array([...])</code>, or CSV: one row per line). Axis 1 is the channel axis: shape (N, C), (N, C, L) or (N, C, H, W).</p>
    <div class="columns">
      <div class="inputs">
        <div class="field">
          <label for="batch-text">Tensor</label>
          <textarea id="batch-text" rows="9" spellcheck="false" autocomplete="off" aria-describedby="batch-status"></textarea>
        </div>
        <div class="field-row">
          ${numberField('batch-shape', 'Shape', 'N, C, … (blank: as written)')}
          ${numberField('batch-eps', 'Epsilon <var>ε</var>')}
        </div>
        <div class="field-row">
          ${numberField('batch-gamma', '<var>γ</var> per channel', 'blank: 1')}
          ${numberField('batch-beta', '<var>β</var> per channel', 'blank: 0')}
        </div>
        <div class="field">
          <label for="batch-example">Example tensors</label>
          <div class="inline">
            <select id="batch-example">${examples}</select>
            <button type="button" id="batch-load" class="secondary">Load example</button>
          </div>
        </div>
      </div>
      <div class="results">
        <p id="batch-status" class="status" role="status"></p>
        <table id="batch-stats" class="data">
          <caption>Per-channel statistics (training mode)</caption>
          <thead><tr><th scope="col">channel</th><th scope="col">values</th><th scope="col"><var>μ</var></th><th scope="col"><var>σ</var>² (biased, normalizes)</th><th scope="col"><var>σ</var>² unbiased (→ running_var)</th><th scope="col">1/√(<var>σ</var>²+<var>ε</var>)</th></tr></thead>
          <tbody></tbody>
        </table>
        <figure id="batch-plot" class="plot"><figcaption>Before and after: every value of each channel, raw <var>x</var> (left) and normalized <var>x̂</var> (right)</figcaption><div class="plot-row"></div></figure>
        <div id="batch-values"></div>
      </div>
    </div>
  </section>`;
}

function runningPanel(): string {
  return `
  <section id="panel-running" role="tabpanel" aria-labelledby="tab-running" tabindex="0" hidden>
    <h2 class="visually-hidden">Running statistics</h2>
    <p class="intro">Training updates the running mean and variance after every batch. The same number means opposite things: in PyTorch <var>momentum</var> is the weight of the <em>new</em> batch; in Keras, Flax and TF.js it is the weight of the <em>old</em> value. Simulate <var>K</var> steps under both conventions.</p>
    <div class="columns">
      <div class="inputs">
        <div class="field">
          <label for="run-momentum">Momentum</label>
          <div class="inline">
            <input type="text" id="run-momentum" class="num" inputmode="decimal" autocomplete="off" spellcheck="false" aria-describedby="run-momentum-msg">
            <button type="button" id="run-mistake" class="secondary">Show the mistake: 0.99 in PyTorch</button>
          </div>
          <span class="field-msg" id="run-momentum-msg">0 to 1; <code>None</code>: PyTorch's cumulative average</span>
        </div>
        ${numberField('run-steps', 'Steps <var>K</var>', '1 to 1000')}
        <fieldset>
          <legend>Batches</legend>
          <div class="check-row"><input type="radio" name="run-source" id="run-source-random" value="random"><label for="run-source-random">Random: normal distribution (approximately), one channel</label></div>
          <div class="indent">
            <div class="field-row">
              ${numberField('run-n', 'Batch size')}
              ${numberField('run-mean', 'Mean')}
              ${numberField('run-std', 'Std. dev.')}
            </div>
            <button type="button" id="run-reseed" class="secondary">New random batches</button>
          </div>
          <div class="check-row"><input type="radio" name="run-source" id="run-source-custom" value="custom"><label for="run-source-custom">Chosen: one batch per line (used in turn, repeated for <var>K</var> steps)</label></div>
          <div class="indent field">
            <label for="run-custom" class="visually-hidden">Chosen batches, one per line</label>
            <textarea id="run-custom" rows="6" spellcheck="false" autocomplete="off"></textarea>
          </div>
        </fieldset>
      </div>
      <div class="results">
        <p id="run-status" class="status" role="status"></p>
        <div id="run-explain" class="explain"></div>
        <figure id="run-mean-plot" class="plot"><figcaption>Running mean after each step</figcaption><div class="plot-row"></div></figure>
        <figure id="run-var-plot" class="plot"><figcaption>Running variance after each step</figcaption><div class="plot-row"></div></figure>
        <table id="run-final" class="data">
          <caption>After the last step</caption>
          <thead><tr><th scope="col">convention</th><th scope="col">new-batch weight</th><th scope="col">running mean</th><th scope="col">running variance</th></tr></thead>
          <tbody></tbody>
        </table>
      </div>
    </div>
  </section>`;
}

function batchSizePanel(): string {
  return `
  <section id="panel-batchsize" role="tabpanel" aria-labelledby="tab-batchsize" tabindex="0" hidden>
    <h2 class="visually-hidden">Batch size</h2>
    <p class="intro">In training, BatchNorm normalizes with the mean and variance of the current batch. The fewer values a channel has per batch, the more those estimates scatter from batch to batch: at batch size 1 PyTorch raises when a channel has a single value, and at 4 or fewer the statistics are noisy (the linter's BN403). GroupNorm computes its statistics within each sample, so its spread does not depend on the batch size.</p>
    <div class="columns">
      <div class="inputs">
        <fieldset>
          <legend>Values of one channel</legend>
          <div class="check-row"><input type="radio" name="bs-dist" id="bs-dist-normal" value="normal"><label for="bs-dist-normal">Normal distribution</label></div>
          <div class="indent field-row">
            ${numberField('bs-mean', 'Mean')}
            ${numberField('bs-std', 'Std. dev.')}
          </div>
          <div class="check-row"><input type="radio" name="bs-dist" id="bs-dist-uniform" value="uniform"><label for="bs-dist-uniform">Uniform distribution</label></div>
          <div class="indent field-row">
            ${numberField('bs-low', 'Low')}
            ${numberField('bs-high', 'High')}
          </div>
        </fieldset>
        <div class="field-row">
          ${numberField('bs-channels', 'Channels <var>C</var>')}
          ${numberField('bs-groups', 'GroupNorm groups <var>G</var>', 'divides <var>C</var>')}
        </div>
        ${numberField('bs-spatial', 'Values per sample and channel', '<var>H</var> × <var>W</var>; 1 for (N, C)')}
        ${numberField('bs-sizes', 'Batch sizes', 'comma-separated, 1 to 65536')}
        ${numberField('bs-yours', 'Your batch size', 'highlighted; blank: none')}
      </div>
      <div class="results">
        <p id="bs-status" class="status" role="status"></p>
        <div id="bs-explain" class="explain" aria-live="polite"></div>
        <figure id="bs-mean-plot" class="plot"><figcaption>Spread of the batch mean (std across batches ÷ <var>σ</var>) by batch size</figcaption><div class="plot-row"></div></figure>
        <figure id="bs-var-plot" class="plot"><figcaption>Spread of the batch variance (std across batches ÷ <var>σ</var>²) by batch size</figcaption><div class="plot-row"></div></figure>
        <table id="bs-table" class="data">
          <caption>Per batch size: exact spread and a seeded simulation (2000 batches)</caption>
          <thead><tr><th scope="col">batch size</th><th scope="col">values per channel</th><th scope="col">mean spread ÷ <var>σ</var></th><th scope="col">simulated</th><th scope="col">variance spread ÷ <var>σ</var>²</th><th scope="col">simulated</th><th scope="col">PyTorch (training)</th></tr></thead>
          <tbody></tbody>
        </table>
      </div>
    </div>
  </section>`;
}

function comparePanel(): string {
  return `
  <section id="panel-compare" role="tabpanel" aria-labelledby="tab-compare" tabindex="0" hidden>
    <h2 class="visually-hidden">Compare</h2>
    <p class="intro">Five normalizations of the same tensor of shape (N, C, H, W). They differ only in which values share one mean and variance; each picture shows the tensor as N rows of C cells (each cell: the H×W positions of one channel), coloured by the set of values pooled together.</p>
    <div class="columns">
      <div class="inputs">
        <div class="field">
          <label for="cmp-text">Tensor</label>
          <textarea id="cmp-text" rows="10" spellcheck="false" autocomplete="off" aria-describedby="cmp-status"></textarea>
        </div>
        <div class="field-row">
          ${numberField('cmp-shape', 'Shape', 'N, C, … (blank: as written)')}
          ${numberField('cmp-groups', 'GroupNorm groups')}
          ${numberField('cmp-eps', 'Epsilon <var>ε</var>', 'all five')}
        </div>
      </div>
      <div class="results">
        <p id="cmp-status" class="status" role="status"></p>
        <div id="cmp-cards" class="cards"></div>
        <figure id="cmp-plot" class="plot"><figcaption>Every output value of the five normalizations, in memory order</figcaption><div class="plot-row"></div></figure>
      </div>
    </div>
  </section>`;
}

function convertPanel(): string {
  return `
  <section id="panel-convert" role="tabpanel" aria-labelledby="tab-convert" tabindex="0" hidden>
    <h2 class="visually-hidden">Converter</h2>
    <p class="intro">The same batch norm in every framework. <var>momentum</var> converts as <var>m</var> ↔ 1 − <var>m</var> between PyTorch and the others; <var>ε</var> means the same everywhere, but the defaults differ (PyTorch and Flax 1e-5, Keras and TF.js 1e-3), so pass it explicitly.</p>
    <div class="columns">
      <div class="inputs">
        <div class="field">
          <label for="conv-from">From framework</label>
          <select id="conv-from">${frameworkOptions}</select>
        </div>
        ${numberField('conv-momentum', 'Momentum', "in that framework's convention; <code>None</code>: PyTorch's cumulative average")}
        ${numberField('conv-eps', 'Epsilon <var>ε</var>')}
        <button type="button" id="conv-defaults" class="secondary">Use the framework's defaults</button>
      </div>
      <div class="results">
        <p id="conv-status" class="status" role="status"></p>
        <table id="conv-table" class="data">
          <caption>Equivalent layers</caption>
          <thead><tr><th scope="col">framework</th><th scope="col">momentum</th><th scope="col">ε</th><th scope="col">code</th><th scope="col"><span class="visually-hidden">copy</span></th></tr></thead>
          <tbody></tbody>
        </table>
        <dl id="conv-facts" class="facts"></dl>
      </div>
    </div>
  </section>`;
}

/** The whole page. Throws if the nonce is not a plain base64 token (it goes into the CSP). */
export function calculatorHtml(options: CalculatorHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUri, initialState } = options;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('calculatorHtml: the nonce must be a base64 token of at least 16 characters');
  // webview.cspSource is a source list such as "'self' https://*.vscode-cdn.net".
  if (!/^[\w'*:/.\- ]+$/.test(cspSource) || cspSource.trim() === '') throw new Error('calculatorHtml: invalid cspSource');
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const stateJson = initialState
    ? JSON.stringify(initialState)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029')
    : 'null';
  const tab = (id: string, label: string, selected = false): string =>
    `<button type="button" role="tab" id="tab-${id}" aria-controls="panel-${id}" aria-selected="${selected}" tabindex="${selected ? 0 : -1}">${label}</button>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="${escapeHtml(styleUri)}">
  <title>Normalization calculator</title>
</head>
<body>
  <header class="top">
    <h1>Normalization calculator</h1>
    <div class="field inline-field">
      <label for="framework">Framework</label>
      <select id="framework">${frameworkOptions}</select>
    </div>
  </header>
  <div id="prefill" class="prefill" role="status" hidden></div>
  <nav role="tablist" aria-label="Calculator sections" class="tabs">
    ${tab('explorer', 'Explorer', true)}${tab('batch', 'Batch')}${tab('running', 'Running statistics')}${tab('batchsize', 'Batch size')}${tab('compare', 'Compare')}${tab('convert', 'Converter')}
  </nav>
  <main>
  ${explorerPanel()}
  ${batchPanel()}
  ${runningPanel()}
  ${batchSizePanel()}
  ${comparePanel()}
  ${convertPanel()}
  </main>
  <script type="application/json" id="initial-state" nonce="${nonce}">${stateJson}</script>
  <script nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>`;
}
