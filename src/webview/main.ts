/**
 * The calculator page's script (bundled by esbuild into dist/webview.js). It computes with the
 * same src/calculator module the unit tests verify, keeps its state with setState (restored with
 * getState when the panel is shown again or VS Code reloads), and validates every message.
 */

import { byId, h, replaceChildren } from './dom';
import { fmt } from './format';
import { connectHost } from './host';
import { parseExtensionMessage, type WebviewMessage } from './protocol';
import { batchSection } from './sections/batch';
import { batchSizeSection } from './sections/batchsize';
import { compareSection } from './sections/compare';
import type { Section, SectionContext } from './sections/context';
import { convertSection } from './sections/convert';
import { explorerSection } from './sections/explorer';
import { runningSection } from './sections/running';
import { applyPrefill, FRAMEWORK_CONVENTION, FRAMEWORK_NAMES, isFramework, sanitizeState, type CalculatorState, type TabId } from './state';
import { setupTabs } from './tabs';

const host = connectHost();

function initialState(): CalculatorState {
  const saved = host.getState();
  if (saved !== undefined && saved !== null) return sanitizeState(saved);
  try {
    const embedded = JSON.parse(document.getElementById('initial-state')?.textContent || 'null') as unknown;
    return sanitizeState(embedded ?? undefined);
  } catch {
    return sanitizeState(undefined);
  }
}

let state = initialState();
let reportTimer: ReturnType<typeof setTimeout> | undefined;

function report(ack?: number): void {
  clearTimeout(reportTimer);
  const message: WebviewMessage = ack === undefined ? { type: 'state', state } : { type: 'state', state, ack };
  host.post(message);
}

/** Saves at once (cheap) and tells the extension a moment later (typing sends one message, not one per key). */
function changed(): void {
  host.setState(state);
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => report(), 250);
}

const frameworkSelect = byId<HTMLSelectElement>('framework');
const tabs = setupTabs((tab: TabId) => {
  state.tab = tab;
  changed();
});

const ctx: SectionContext = {
  state: () => state,
  changed,
  host,
  selectTab: (tab) => {
    state.tab = tab;
    tabs.select(tab, true);
    changed();
  },
  setFramework: (framework) => {
    state.framework = framework;
    frameworkSelect.value = framework;
    changed();
    renderAll();
  },
};

const sections: Section[] = [explorerSection(ctx), batchSection(ctx), runningSection(ctx), batchSizeSection(ctx), compareSection(ctx), convertSection(ctx)];

frameworkSelect.addEventListener('change', () => {
  if (isFramework(frameworkSelect.value)) ctx.setFramework(frameworkSelect.value);
});

const banner = byId('prefill');

function renderPrefill(): void {
  const p = state.prefill;
  if (!p) {
    banner.hidden = true;
    replaceChildren(banner);
    return;
  }
  const framework = p.framework ?? state.framework;
  const parts: string[] = [];
  if (p.eps !== undefined) parts.push(`eps = ${fmt(p.eps)}`);
  if (p.momentum !== undefined) parts.push(`momentum = ${p.momentum === null ? 'None' : fmt(p.momentum)}`);
  if (p.batchSize !== undefined) parts.push(`batch size = ${p.batchSize}`);
  const children: Array<Node | string> = parts.length
    ? [h('strong', {}, 'Prefilled from '), p.label ?? `a ${FRAMEWORK_NAMES[framework]} layer`, `: ${parts.join(', ')}.`]
    : [h('strong', {}, `Framework: ${FRAMEWORK_NAMES[framework]}`), p.label ? ` (from ${p.label}).` : '.'];
  const m = p.momentum;
  const convention = FRAMEWORK_CONVENTION[framework];
  const mistaken = typeof m === 'number' && (convention === 'pytorch' ? m > 0.5 : m < 0.5);
  if (mistaken) {
    children.push(
      ` In ${FRAMEWORK_NAMES[framework]} this momentum gives each new batch ${fmt((convention === 'pytorch' ? m : 1 - m) * 100, 4)}% of the weight: the running statistics follow the last batch.`,
    );
  }
  const target: TabId = mistaken ? 'running' : p.batchSize !== undefined ? 'batchsize' : 'convert';
  const show = h(
    'button',
    { type: 'button', class: 'link', id: 'prefill-show' },
    target === 'running' ? 'See it in Running statistics' : target === 'batchsize' ? 'See why in Batch size' : 'Convert to other frameworks',
  );
  show.addEventListener('click', () => ctx.selectTab(target));
  const dismiss = h('button', { type: 'button', class: 'icon', id: 'prefill-dismiss', 'aria-label': 'Dismiss the prefill message' }, '×');
  dismiss.addEventListener('click', () => {
    state.prefill = null;
    changed();
    renderPrefill();
    frameworkSelect.focus();
  });
  banner.classList.toggle('warning', mistaken);
  replaceChildren(banner, h('span', { class: 'prefill-text' }, ...children), show, dismiss);
  banner.hidden = false;
}

function loadAll(): void {
  frameworkSelect.value = state.framework;
  tabs.select(state.tab);
  for (const section of sections) section.load();
}

function renderAll(): void {
  renderPrefill();
  for (const section of sections) {
    try {
      section.render();
    } catch (error) {
      console.error('normlint calculator: a section failed to render', error); // never leave the page half-drawn
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseExtensionMessage(event.data);
  if (!message) return;
  state = applyPrefill(state, message.prefill);
  loadAll();
  renderAll();
  host.setState(state);
  report(message.seq);
});

// Charts are drawn at the panel's width: drawn again once a resize (a side panel dragged wider) settles.
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
let drawnWidth = document.documentElement.clientWidth;
window.addEventListener('resize', () => {
  if (resizeTimer) clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (document.documentElement.clientWidth === drawnWidth) return;
    drawnWidth = document.documentElement.clientWidth;
    renderAll();
  }, 100);
});

loadAll();
renderAll();
host.setState(state);
document.body.dataset.ready = 'true';
host.post({ type: 'ready' });
report();
