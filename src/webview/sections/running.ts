/** Running statistics: K training steps under PyTorch's and Keras' momentum conventions. */

import { describeMomentum, parseTensor, seededUniform, simulateRunningStats, type RunningStatsSimulation } from '../../calculator';
import { byId, fieldMessage, fillBody, h, num, replaceChildren, setStatus, showFailure } from '../dom';
import { errorText, fmt, parseFinite, parseInteger, parseMomentum, type Parsed } from '../format';
import { plot, type Series } from '../plot';
import { FRAMEWORK_CONVENTION, FRAMEWORK_NAMES } from '../state';
import type { Section, SectionContext } from './context';

/**
 * K batches of n approximately normal values: the sum of 12 uniforms minus 6 (Irwin–Hall, mean 0,
 * variance 1). Only exact arithmetic (no Math.log / Math.cos, which differ in the last bit between
 * JavaScript engines), so the same seed gives the same batches in every VS Code and browser.
 */
export function randomBatches(seed: number, steps: number, n: number, mean: number, std: number): number[][] {
  const next = seededUniform(seed * 7919 + 17);
  return Array.from({ length: steps }, () =>
    Array.from({ length: n }, () => {
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += next();
      return mean + std * (sum - 6);
    }),
  );
}

/** The chosen batches: one per line, used in turn for K steps. */
export function customBatches(text: string, steps: number): Parsed<number[][]> {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return { ok: false, message: 'enter at least one batch (one line of numbers)' };
  const batches: number[][] = [];
  for (const [i, line] of lines.entries()) {
    try {
      batches.push([...parseTensor(line).data]);
    } catch (error) {
      return { ok: false, message: `batch ${i + 1}: ${errorText(error)}` };
    }
  }
  const size = batches[0].length;
  const bad = batches.findIndex((b) => b.length !== size);
  if (bad >= 0) return { ok: false, message: `batch ${bad + 1} has ${batches[bad].length} values, batch 1 has ${size}: every batch needs the same size` };
  if (size < 2) return { ok: false, message: 'a batch needs at least 2 values (PyTorch raises on 1 value per channel)' };
  return { ok: true, value: Array.from({ length: steps }, (_, k) => batches[k % batches.length]) };
}

function describe(convention: 'pytorch' | 'keras', momentum: number | null): string {
  if (momentum === null) return 'momentum=None: a cumulative average, batch k gets weight 1/k (all batches count equally).';
  const d = describeMomentum(momentum, convention);
  const window = Number.isFinite(d.window) ? `about ${fmt(d.window, 3)} batch${d.window === 1 ? '' : 'es'}` : 'infinite (never moves)';
  return `each new batch gets weight ${fmt(d.newBatchWeight, 4)}; averaging window ${window}, half-life ${Number.isFinite(d.halfLife) ? fmt(d.halfLife, 3) : '∞'} batches.`;
}

export function runningSection(ctx: SectionContext): Section {
  const momentum = byId<HTMLInputElement>('run-momentum');
  const mistake = byId<HTMLButtonElement>('run-mistake');
  const steps = byId<HTMLInputElement>('run-steps');
  const random = byId<HTMLInputElement>('run-source-random');
  const custom = byId<HTMLInputElement>('run-source-custom');
  const n = byId<HTMLInputElement>('run-n');
  const mean = byId<HTMLInputElement>('run-mean');
  const std = byId<HTMLInputElement>('run-std');
  const reseed = byId<HTMLButtonElement>('run-reseed');
  const customText = byId<HTMLTextAreaElement>('run-custom');
  const status = byId('run-status');
  const explain = byId('run-explain');
  const meanPlot = byId('run-mean-plot').querySelector('.plot-row')!;
  const varPlot = byId('run-var-plot').querySelector('.plot-row')!;
  const final = byId<HTMLTableElement>('run-final');

  const update = (): void => {
    ctx.changed();
    render();
  };
  const bind = (element: HTMLInputElement | HTMLTextAreaElement, key: 'momentum' | 'steps' | 'batchSize' | 'mean' | 'std' | 'custom'): void => {
    element.addEventListener('input', () => {
      ctx.state().running[key] = element.value;
      update();
    });
  };
  bind(momentum, 'momentum');
  bind(steps, 'steps');
  bind(n, 'batchSize');
  bind(mean, 'mean');
  bind(std, 'std');
  bind(customText, 'custom');
  for (const radio of [random, custom]) {
    radio.addEventListener('change', () => {
      if (radio.checked) ctx.state().running.source = radio.value === 'custom' ? 'custom' : 'random';
      update();
    });
  }
  mistake.addEventListener('click', () => {
    ctx.state().running.momentum = '0.99';
    momentum.value = '0.99';
    update();
  });
  reseed.addEventListener('click', () => {
    ctx.state().running.seed = (ctx.state().running.seed + 1) % 1_000_000;
    update();
  });

  function load(): void {
    const state = ctx.state().running;
    momentum.value = state.momentum;
    steps.value = state.steps;
    n.value = state.batchSize;
    mean.value = state.mean;
    std.value = state.std;
    customText.value = state.custom;
    random.checked = state.source === 'random';
    custom.checked = state.source === 'custom';
  }

  const fail = (message: string): void => showFailure(status, message, [explain, meanPlot, varPlot, final]);

  function render(): void {
    const state = ctx.state().running;
    const isRandom = state.source === 'random';
    for (const element of [n, mean, std, reseed]) element.disabled = !isRandom;
    customText.disabled = isRandom;
    const m = parseMomentum(state.momentum);
    fieldMessage(momentum, m.ok ? null : m.message);
    const k = parseInteger(state.steps, 'the number of steps', 1, 1000);
    fieldMessage(steps, k.ok ? null : k.message);
    const size = parseInteger(state.batchSize, 'the batch size', 2, 1000);
    const mu = parseFinite(state.mean, 'the mean');
    const sd = parseFinite(state.std, 'the standard deviation', { min: 0 });
    fieldMessage(n, isRandom && !size.ok ? size.message : null);
    fieldMessage(mean, isRandom && !mu.ok ? mu.message : null);
    fieldMessage(std, isRandom && !sd.ok ? sd.message : null);
    if (!m.ok || !k.ok) return fail('Fix the highlighted field.');
    let batches: number[][];
    if (isRandom) {
      if (!size.ok || !mu.ok || !sd.ok) return fail('Fix the highlighted field.');
      batches = randomBatches(state.seed, k.value, size.value, mu.value, sd.value);
    } else {
      const chosen = customBatches(state.custom, k.value);
      if (!chosen.ok) return fail(chosen.message);
      batches = chosen.value;
    }
    const shape = [batches[0].length, 1];
    let pytorch: RunningStatsSimulation;
    let keras: RunningStatsSimulation | null;
    try {
      pytorch = simulateRunningStats(batches, shape, { convention: 'pytorch', momentum: m.value });
      keras = m.value === null ? null : simulateRunningStats(batches, shape, { convention: 'keras', momentum: m.value });
    } catch (error) {
      return fail(errorText(error));
    }
    const mText = m.value === null ? 'None' : fmt(m.value);
    setStatus(status, `${k.value} steps of ${shape[0]} values; running mean starts at 0, running variance at 1.`);

    const yours = FRAMEWORK_CONVENTION[ctx.state().framework];
    const yourName = FRAMEWORK_NAMES[ctx.state().framework];
    const tag = (convention: 'pytorch' | 'keras'): string => (convention === yours ? ` (your ${yourName} layer)` : '');
    const items = [
      h('p', {}, h('strong', {}, `PyTorch, momentum=${mText}${tag('pytorch')}: `), describe('pytorch', m.value)),
      keras
        ? h('p', {}, h('strong', {}, `Keras / Flax / TF.js, momentum=${mText}${tag('keras')}: `), describe('keras', m.value))
        : h('p', {}, h('strong', {}, 'Keras / Flax / TF.js: '), 'no cumulative average (momentum=None exists only in PyTorch).'),
    ];
    if (m.value !== null && m.value > 0.5) {
      items.push(
        h(
          'p',
          { class: 'callout warning', id: 'run-mistake-note' },
          `In PyTorch, momentum=${mText} is the new batch's weight: the running statistics track only the last batch or two, so eval() normalizes with one batch's noisy statistics. ` +
            `Keras' momentum=${mText} is PyTorch's momentum=${fmt(Number((1 - m.value).toPrecision(12)))}.`,
        ),
      );
    } else if (m.value !== null && m.value < 0.5) {
      items.push(
        h(
          'p',
          { class: 'callout warning', id: 'run-mistake-note' },
          `In Keras, Flax and TF.js, momentum=${mText} keeps only ${fmt(m.value * 100, 3)}% of the old value: those running statistics track only the last batch or two. ` +
            `PyTorch's momentum=${mText} is Keras' momentum=${fmt(Number((1 - m.value).toPrecision(12)))}.`,
        ),
      );
    }
    replaceChildren(explain, ...items);

    const steps0 = (values: (s: RunningStatsSimulation['steps'][number]) => number, sim: RunningStatsSimulation, initial: number): Array<[number, number]> => [
      [0, initial],
      ...sim.steps.map((s, i) => [i + 1, values(s)] as [number, number]),
    ];
    const batchPoints = (values: (s: RunningStatsSimulation['steps'][number]) => number): Array<[number, number]> =>
      pytorch.steps.map((s, i) => [i + 1, values(s)]);
    const reference = (value: number): Array<[number, number]> => [
      [0, value],
      [k.value, value],
    ];

    const meanSeries: Series[] = [
      { label: 'batch mean', points: batchPoints((s) => s.batchMean[0]), style: 'points', color: 5 },
      { label: `PyTorch, momentum=${mText}`, points: steps0((s) => s.runningMean[0], pytorch, 0), style: 'line', color: 0 },
    ];
    const varSeries: Series[] = [
      { label: 'batch variance (unbiased)', points: batchPoints((s) => s.batchVarUnbiased[0]), style: 'points', color: 5 },
      { label: `PyTorch, momentum=${mText}`, points: steps0((s) => s.runningVar[0], pytorch, 1), style: 'line', color: 0 },
    ];
    if (keras) {
      meanSeries.push({ label: `Keras, momentum=${mText}`, points: steps0((s) => s.runningMean[0], keras, 0), style: 'line', color: 1 });
      varSeries.push({ label: `Keras, momentum=${mText}`, points: steps0((s) => s.runningVar[0], keras, 1), style: 'line', color: 1 });
    }
    if (isRandom && mu.ok && sd.ok) {
      meanSeries.push({ label: `true mean ${fmt(mu.value)}`, points: reference(mu.value), style: 'dashed', color: 2 });
      varSeries.push({ label: `true variance ${fmt(sd.value ** 2)}`, points: reference(sd.value ** 2), style: 'dashed', color: 2 });
    }
    const size2 = { width: 560, height: 230 };
    replaceChildren(meanPlot, plot({ ...size2, label: `Running mean over ${k.value} steps`, xLabel: 'step', yLabel: 'running mean', series: meanSeries }));
    replaceChildren(
      varPlot,
      plot({ ...size2, label: `Running variance over ${k.value} steps`, xLabel: 'step', yLabel: 'running variance', series: varSeries }),
    );

    const row = (name: string, key: string, sim: RunningStatsSimulation, weight: string): HTMLElement[] => [
      h('th', { scope: 'row' }, name),
      h('td', {}, weight),
      num(sim.runningMean[0], 'td', { 'data-key': `${key}-mean` }),
      num(sim.runningVar[0], 'td', { 'data-key': `${key}-var` }),
    ];
    const rows = [row(`PyTorch${tag('pytorch')}`, 'pytorch', pytorch, m.value === null ? '1/k' : fmt(m.value))];
    if (keras && m.value !== null) rows.push(row(`Keras${tag('keras')}`, 'keras', keras, fmt(Number((1 - m.value).toPrecision(12)))));
    fillBody(final, rows);
  }

  return { load, render };
}
