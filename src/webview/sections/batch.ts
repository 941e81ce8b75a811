/** Batch: a pasted tensor, per-channel statistics, the normalized values, a before/after plot. */

import { batchNormTrain, type BatchNormTrainResult } from '../../calculator';
import { byId, fieldMessage, fillBody, h, num, replaceChildren, setStatus } from '../dom';
import { errorText, fmt, inPageNotation, parseFinite, parseShape, parseTensorField, parseVector } from '../format';
import { plot } from '../plot';
import { EXAMPLE_TENSORS, type ExampleTensor } from '../state';
import type { Section, SectionContext } from './context';

const MAX_ROWS = 48;

/**
 * Values near the limits of a double (±1e308) overflow the mean's sum or the variance's squares:
 * said in words, since the statistics come out ∞ or NaN.
 */
export function overflowWarning(data: Float64Array, result: BatchNormTrainResult): string | undefined {
  const inputsFinite = data.every((v) => Number.isFinite(v));
  const broken = [...result.batchMean, ...result.batchVar, ...result.xHat].some((v) => !Number.isFinite(v));
  if (!inputsFinite || !broken) return undefined;
  const largest = data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return `the values (up to ${fmt(largest)} in size) overflow a 64-bit float while the mean and variance are computed, so some statistics are ∞ or NaN and are left out of the plots; a float32 layer overflows beyond about 3.4e38 already`;
}

export function batchSection(ctx: SectionContext): Section {
  const text = byId<HTMLTextAreaElement>('batch-text');
  const shape = byId<HTMLInputElement>('batch-shape');
  const eps = byId<HTMLInputElement>('batch-eps');
  const gamma = byId<HTMLInputElement>('batch-gamma');
  const beta = byId<HTMLInputElement>('batch-beta');
  const example = byId<HTMLSelectElement>('batch-example');
  const load = byId<HTMLButtonElement>('batch-load');
  const status = byId('batch-status');
  const stats = byId<HTMLTableElement>('batch-stats');
  const plotRow = byId('batch-plot').querySelector('.plot-row')!;
  const values = byId('batch-values');

  const bind = (element: HTMLInputElement | HTMLTextAreaElement, key: 'text' | 'shape' | 'eps' | 'gamma' | 'beta'): void => {
    element.addEventListener('input', () => {
      ctx.state().batch[key] = element.value;
      ctx.changed();
      render();
    });
  };
  bind(text, 'text');
  bind(shape, 'shape');
  bind(eps, 'eps');
  bind(gamma, 'gamma');
  bind(beta, 'beta');
  load.addEventListener('click', () => {
    const chosen = EXAMPLE_TENSORS[example.value as ExampleTensor];
    if (!chosen) return;
    Object.assign(ctx.state().batch, { text: chosen.text, shape: chosen.shape, gamma: '', beta: '' });
    loadControls();
    ctx.changed();
    render();
    text.focus();
  });

  function loadControls(): void {
    const state = ctx.state().batch;
    text.value = state.text;
    shape.value = state.shape;
    eps.value = state.eps;
    gamma.value = state.gamma;
    beta.value = state.beta;
  }

  /** Shows an error; `field` is the input at fault (the tensor unless said otherwise). */
  function fail(message: string, field: HTMLElement = text): void {
    setStatus(status, message, true);
    if (field === text) text.setAttribute('aria-invalid', 'true');
    else fieldMessage(field, message);
    fillBody(stats, []);
    replaceChildren(plotRow);
    replaceChildren(values);
  }

  function render(): void {
    const state = ctx.state().batch;
    const shapeParsed = parseShape(state.shape);
    fieldMessage(shape, shapeParsed.ok ? null : shapeParsed.message);
    const epsParsed = parseFinite(state.eps, 'ε', { min: 0 });
    fieldMessage(eps, epsParsed.ok ? null : epsParsed.message);
    const gammaParsed = parseVector(state.gamma, 'γ');
    fieldMessage(gamma, gammaParsed.ok ? null : gammaParsed.message);
    const betaParsed = parseVector(state.beta, 'β');
    fieldMessage(beta, betaParsed.ok ? null : betaParsed.message);
    if (!shapeParsed.ok) return fail(shapeParsed.message);
    const tensor = parseTensorField(state.text, state.shape);
    if (!tensor.ok) return fail(tensor.message);
    text.setAttribute('aria-invalid', 'false');
    if (!epsParsed.ok || !gammaParsed.ok || !betaParsed.ok) return fail('Fix the highlighted field.');
    const dims = tensor.value.shape;
    if (dims.length < 2) {
      return fail(`Shape [${dims.join(', ')}]: batch norm needs (N, C, …). Give a shape, e.g. ${dims[0]}, 1 for ${dims[0]} samples of one feature.`);
    }
    // γ and β give one value per channel: a wrong count is their field's error, not the tensor's.
    for (const [field, parsed, name] of [
      [gamma, gammaParsed, 'γ'],
      [beta, betaParsed, 'β'],
    ] as const) {
      const count = parsed.value?.length;
      if (count !== undefined && count !== dims[1])
        return fail(
          `${name} has ${count} value${count === 1 ? '' : 's'}; the tensor has ${dims[1]} channels (C = ${dims[1]}), so ${name} needs ${dims[1]}.`,
          field,
        );
    }
    let result: BatchNormTrainResult;
    try {
      result = batchNormTrain(tensor.value.data, dims, { eps: epsParsed.value, gamma: gammaParsed.value, beta: betaParsed.value });
    } catch (error) {
      return fail(errorText(error));
    }
    const [batch, channels] = [dims[0], dims[1]];
    const spatial = dims.slice(2).reduce((a, b) => a * b, 1);
    const overflow = overflowWarning(tensor.value.data, result);
    const warnings = [...result.warnings.map(inPageNotation), ...(overflow ? [overflow] : [])];
    setStatus(
      status,
      `Shape [${dims.join(', ')}]: N = ${batch}, C = ${channels}${spatial > 1 ? `, ${spatial} positions per sample` : ''}; ${result.countPerChannel} values per channel.` +
        (warnings.length ? ` ${warnings.join('; ')}.` : ''),
    );
    status.classList.toggle('warning', overflow !== undefined);

    fillBody(
      stats,
      Array.from({ length: channels }, (_, c) => [
        h('th', { scope: 'row' }, `c${c}`),
        h('td', {}, String(result.countPerChannel)),
        num(result.batchMean[c], 'td', { 'data-key': 'mean' }),
        num(result.batchVar[c], 'td', { 'data-key': 'var' }),
        num(result.batchVarUnbiased[c], 'td', { 'data-key': 'varUnbiased' }),
        num(result.invStd[c], 'td', { 'data-key': 'invStd' }),
      ]),
    );

    const channelOf = (i: number): number => Math.floor(i / spatial) % channels;
    const strip = (data: Float64Array): Array<[number, number]> => {
      const seen = new Array<number>(channels).fill(0);
      return Array.from(data, (v, i) => {
        const c = channelOf(i);
        const k = seen[c]++;
        const offset = result.countPerChannel > 1 ? (k / (result.countPerChannel - 1) - 0.5) * 0.5 : 0;
        return [c + offset, v] as [number, number];
      });
    };
    const xTicks = Array.from({ length: channels }, (_, c) => ({ value: c, label: `c${c}` }));
    const common = { xLabel: 'channel', xTicks, xDomain: [-0.5, channels - 0.5] as const, legend: false, width: 340, height: 240 };
    replaceChildren(
      plotRow,
      plot({
        ...common,
        label: 'Before: raw values per channel',
        yLabel: 'x',
        series: [{ label: 'x', points: strip(tensor.value.data), style: 'points', color: 0 }],
        pointColor: (_, i) => channelOf(i),
      }),
      plot({
        ...common,
        label: 'After: normalized values per channel',
        yLabel: 'x̂',
        series: [{ label: 'x̂', points: strip(result.xHat), style: 'points', color: 0 }],
        pointColor: (_, i) => channelOf(i),
      }),
    );
    plotRow.children[0].setAttribute('id', 'batch-plot-before');
    plotRow.children[1].setAttribute('id', 'batch-plot-after');

    const affine = gammaParsed.value !== null || betaParsed.value !== null;
    const header = h('tr', {}, h('th', { scope: 'col' }, 'n'), spatial > 1 ? h('th', { scope: 'col' }, 'position') : null);
    for (let c = 0; c < channels; c++) {
      header.appendChild(h('th', { scope: 'col' }, `c${c}: x`));
      header.appendChild(h('th', { scope: 'col' }, `x̂`));
      if (affine) header.appendChild(h('th', { scope: 'col' }, 'y'));
    }
    const rows: HTMLElement[] = [];
    const totalRows = batch * spatial;
    for (let r = 0; r < Math.min(totalRows, MAX_ROWS); r++) {
      const n = Math.floor(r / spatial);
      const p = r % spatial;
      const tr = h('tr', {}, h('th', { scope: 'row' }, String(n)), spatial > 1 ? h('td', {}, String(p)) : null);
      for (let c = 0; c < channels; c++) {
        const i = (n * channels + c) * spatial + p;
        tr.appendChild(num(tensor.value.data[i], 'td', { 'data-key': 'x', 'data-index': String(i) }));
        tr.appendChild(num(result.xHat[i], 'td', { 'data-key': 'xHat', 'data-index': String(i), class: 'n strong' }));
        if (affine) tr.appendChild(num(result.y[i], 'td', { 'data-key': 'y', 'data-index': String(i) }));
      }
      rows.push(tr);
    }
    const table = h(
      'table',
      { class: 'data', id: 'batch-values-table' },
      h('caption', {}, affine ? 'Normalized values x̂ = (x − μ) / √(σ² + ε) and outputs y = γ·x̂ + β' : 'Normalized values x̂ = (x − μ) / √(σ² + ε)'),
      h('thead', {}, header),
    );
    const body = h('tbody');
    rows.forEach((row) => body.appendChild(row));
    table.appendChild(body);
    replaceChildren(
      values,
      h('div', { class: 'scroll' }, table),
      totalRows > MAX_ROWS ? h('p', { class: 'muted' }, `First ${MAX_ROWS} of ${totalRows} rows.`) : null,
    );
  }

  return { load: loadControls, render };
}
