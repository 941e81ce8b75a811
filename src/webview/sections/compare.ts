/** Compare: BatchNorm, LayerNorm, GroupNorm, InstanceNorm and RMSNorm on the same tensor. */

import { batchNormTrain, groupNorm, instanceNorm, layerNorm, rmsNorm } from '../../calculator';
import { byId, fieldMessage, h, num, replaceChildren, setStatus, showFailure } from '../dom';
import { errorText, parseFinite, parseInteger, parseShape, parseTensorField, pyFloat } from '../format';
import { plot, type Series } from '../plot';
import type { Section, SectionContext } from './context';

const SVG = 'http://www.w3.org/2000/svg';

export type NormId = 'batch' | 'layer' | 'group' | 'instance' | 'rms';

interface NormOutcome {
  readonly id: NormId;
  readonly name: string;
  readonly code: string;
  readonly pools: string;
  /** which pooled set (one mean / variance) the cell (n, c) belongs to */
  readonly poolOf: (n: number, c: number) => number;
  readonly result: { y: Float64Array; stats: Array<{ label: string; mean: number | null; second: number }>; secondName: string } | { error: string };
}

/** The pooled set of (n, c) for each normalization. */
function poolFunction(id: NormId, channels: number, groups: number): (n: number, c: number) => number {
  switch (id) {
    case 'batch':
      return (_n, c) => c;
    case 'layer':
    case 'rms':
      return (n) => n;
    case 'group':
      return (n, c) => n * groups + Math.floor(c / Math.max(1, channels / groups));
    case 'instance':
      return (n, c) => n * channels + c;
  }
}

/** N rows of C cells, each cell split into its spatial positions, coloured by pooled set. */
function poolPicture(id: NormId, shape: readonly number[], poolOf: (n: number, c: number) => number, name: string): SVGSVGElement {
  const [batch, channels] = [shape[0], shape[1]];
  const rows = Math.min(batch, 6);
  const cols = Math.min(channels, 12);
  const spatial = shape.slice(2);
  const subRows = spatial.length >= 2 ? Math.min(spatial[spatial.length - 2], 4) : 1;
  const subCols = spatial.length >= 1 ? Math.min(spatial[spatial.length - 1], 4) : 1;
  const cell = 26;
  const gap = 4;
  const left = 26;
  const top = 20;
  const width = left + cols * (cell + gap) + 8;
  const height = top + rows * (cell + gap) + 4;
  const svg = document.createElementNS(SVG, 'svg');
  const set = (element: Element, attributes: Record<string, string | number>): Element => {
    for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, String(v));
    return element;
  };
  set(svg, {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    class: 'pool-picture',
    'data-norm': id,
    'aria-label': `${name}: each colour is one set of values sharing a mean and variance`,
  });
  const text = (x: number, y: number, content: string, anchor = 'start'): void => {
    const t = set(document.createElementNS(SVG, 'text'), { x, y, class: 'tick', 'text-anchor': anchor });
    t.textContent = content;
    svg.appendChild(t);
  };
  text(left, 12, `C (channels) →${channels > cols ? ' …' : ''}`);
  text(8, top + 10, 'N', 'middle');
  text(8, top + 24, '↓', 'middle');
  if (batch > rows) text(8, top + 38, '…', 'middle');
  for (let n = 0; n < rows; n++) {
    for (let c = 0; c < cols; c++) {
      const pool = poolOf(n, c);
      const x0 = left + c * (cell + gap);
      const y0 = top + n * (cell + gap);
      const g = set(document.createElementNS(SVG, 'g'), { class: `pool c${pool % 6}`, 'data-pool': pool });
      const sw = cell / subCols;
      const sh = cell / subRows;
      for (let i = 0; i < subRows; i++) {
        for (let j = 0; j < subCols; j++) {
          g.appendChild(
            set(document.createElementNS(SVG, 'rect'), {
              x: (x0 + j * sw + 0.5).toFixed(1),
              y: (y0 + i * sh + 0.5).toFixed(1),
              width: (sw - 1).toFixed(1),
              height: (sh - 1).toFixed(1),
            }),
          );
        }
      }
      svg.appendChild(g);
    }
  }
  return svg;
}

/** Names of the axes after N and C: L; H, W; D, H, W. */
function spatialAxes(rank: number): string[] {
  if (rank === 3) return ['L'];
  if (rank === 4) return ['H', 'W'];
  if (rank === 5) return ['D', 'H', 'W'];
  return Array.from({ length: Math.max(0, rank - 2) }, (_, i) => `S${i + 1}`);
}

export function computeNorms(data: Float64Array, shape: number[], groups: number, eps: number): NormOutcome[] {
  const [batch, channels] = [shape[0], shape[1]];
  const rest = shape.slice(1);
  const axes = spatialAxes(shape.length);
  const spatialText = axes.length ? `, ${axes.join(', ')}` : '';
  const attempt = (f: () => NormOutcome['result']): NormOutcome['result'] => {
    try {
      return f();
    } catch (error) {
      return { error: errorText(error) };
    }
  };
  const perPool = (
    count: number,
    mean: ArrayLike<number>,
    variance: ArrayLike<number>,
    name: (i: number) => string,
  ): Array<{ label: string; mean: number; second: number }> =>
    Array.from({ length: count }, (_, i) => ({ label: name(i), mean: mean[i], second: variance[i] }));
  const groupSize = channels / groups;
  const norms: Array<Omit<NormOutcome, 'poolOf'>> = [
    {
      id: 'batch',
      name: 'BatchNorm',
      code: `nn.BatchNorm${shape.length <= 3 ? '1' : shape.length - 2}d(${channels})`,
      pools: `over N${spatialText}: one mean and variance per channel (${channels} sets of ${data.length / channels} values)`,
      result: attempt(() => {
        const r = batchNormTrain(data, shape, { eps });
        return { y: r.y, stats: perPool(channels, r.batchMean, r.batchVar, (c) => `c${c}`), secondName: 'variance' };
      }),
    },
    {
      id: 'layer',
      name: 'LayerNorm',
      code: `nn.LayerNorm([${rest.join(', ')}])`,
      pools: `over C${spatialText}: one mean and variance per sample (${batch} sets of ${data.length / batch} values)`,
      result: attempt(() => {
        const r = layerNorm(data, shape, { normalizedShape: rest, eps });
        return { y: r.y, stats: perPool(r.numRows, r.mean, r.variance, (n) => `n${n}`), secondName: 'variance' };
      }),
    },
    {
      id: 'group',
      name: 'GroupNorm',
      code: `nn.GroupNorm(${groups}, ${channels})`,
      pools: `over C/G${spatialText} within a sample: one mean and variance per sample and group of ${Number.isInteger(groupSize) ? groupSize : '?'} channels (${batch * groups} sets)`,
      result: attempt(() => {
        const r = groupNorm(data, shape, { numGroups: groups, eps });
        return { y: r.y, stats: perPool(r.mean.length, r.mean, r.variance, (i) => `n${Math.floor(i / groups)} g${i % groups}`), secondName: 'variance' };
      }),
    },
    {
      id: 'instance',
      name: 'InstanceNorm',
      code: `nn.InstanceNorm${shape.length <= 3 ? '1' : shape.length - 2}d(${channels})`,
      pools: `over ${axes.length ? axes.join(', ') : 'the spatial axes (there are none)'} only: one mean and variance per sample and channel (${batch * channels} sets)`,
      result: attempt(() => {
        const r = instanceNorm(data, shape, { eps });
        return { y: r.y, stats: perPool(r.mean.length, r.mean, r.variance, (i) => `n${Math.floor(i / channels)} c${i % channels}`), secondName: 'variance' };
      }),
    },
    {
      id: 'rms',
      name: 'RMSNorm',
      code: `nn.RMSNorm([${rest.join(', ')}], eps=${pyFloat(eps)})`,
      pools: `over C${spatialText} like LayerNorm, but no mean is subtracted: x / √(mean(x²) + ε)`,
      result: attempt(() => {
        const r = rmsNorm(data, shape, { normalizedShape: rest, eps });
        return { y: r.y, stats: Array.from(r.rms, (v, n) => ({ label: `n${n}`, mean: null, second: v })), secondName: 'RMS' };
      }),
    },
  ];
  return norms.map((norm) => ({ ...norm, poolOf: poolFunction(norm.id, channels, groups) }));
}

const MAX_STATS = 8;

export function compareSection(ctx: SectionContext): Section {
  const text = byId<HTMLTextAreaElement>('cmp-text');
  const shape = byId<HTMLInputElement>('cmp-shape');
  const groups = byId<HTMLInputElement>('cmp-groups');
  const eps = byId<HTMLInputElement>('cmp-eps');
  const status = byId('cmp-status');
  const cards = byId('cmp-cards');
  const plotRow = byId('cmp-plot').querySelector('.plot-row')!;

  const bind = (element: HTMLInputElement | HTMLTextAreaElement, key: 'text' | 'shape' | 'groups' | 'eps'): void => {
    element.addEventListener('input', () => {
      ctx.state().compare[key] = element.value;
      ctx.changed();
      render();
    });
  };
  bind(text, 'text');
  bind(shape, 'shape');
  bind(groups, 'groups');
  bind(eps, 'eps');

  function load(): void {
    const state = ctx.state().compare;
    text.value = state.text;
    shape.value = state.shape;
    groups.value = state.groups;
    eps.value = state.eps;
  }

  const fail = (message: string): void => showFailure(status, message, [cards, plotRow]);

  function render(): void {
    const state = ctx.state().compare;
    const g = parseInteger(state.groups, 'the number of groups', 1, 1024);
    fieldMessage(groups, g.ok ? null : g.message);
    const e = parseFinite(state.eps, 'ε', { min: 0 });
    fieldMessage(eps, e.ok ? null : e.message);
    const shapeParsed = parseShape(state.shape);
    fieldMessage(shape, shapeParsed.ok ? null : shapeParsed.message);
    const tensor = parseTensorField(state.text, state.shape);
    text.setAttribute('aria-invalid', tensor.ok ? 'false' : 'true');
    if (!tensor.ok) return fail(tensor.message);
    if (!g.ok || !e.ok) return fail('Fix the highlighted field.');
    const dims = tensor.value.shape;
    if (dims.length < 2) return fail(`Shape [${dims.join(', ')}]: give a shape (N, C, …), e.g. 2, 4, 2, 2.`);
    setStatus(status, `Shape [${dims.join(', ')}]: N = ${dims[0]}, C = ${dims[1]}${dims.length > 2 ? `, spatial ${dims.slice(2).join(' × ')}` : ''}.`);
    const outcomes = computeNorms(tensor.value.data, dims, g.value, e.value);
    replaceChildren(
      cards,
      ...outcomes.map((o) => {
        const card = h(
          'article',
          { class: 'card', id: `cmp-${o.id}`, 'aria-labelledby': `cmp-${o.id}-title` },
          h('h3', { id: `cmp-${o.id}-title` }, o.name, ' ', h('code', {}, o.code)),
          h('p', { class: 'pools' }, `Pools ${o.pools}.`),
          poolPicture(o.id, dims, o.poolOf, o.name),
        );
        if ('error' in o.result) {
          card.appendChild(h('p', { class: 'error', role: 'note' }, o.result.error));
          return card;
        }
        const r = o.result;
        const table = h(
          'table',
          { class: 'data compact' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'set'),
              r.stats[0]?.mean !== null ? h('th', { scope: 'col' }, 'mean') : null,
              h('th', { scope: 'col' }, r.secondName),
            ),
          ),
        );
        const body = h('tbody');
        for (const stat of r.stats.slice(0, MAX_STATS)) {
          body.appendChild(
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, stat.label),
              stat.mean !== null ? num(stat.mean, 'td', { 'data-key': 'mean' }) : null,
              num(stat.second, 'td', { 'data-key': r.secondName === 'RMS' ? 'rms' : 'var' }),
            ),
          );
        }
        table.appendChild(body);
        card.appendChild(table);
        if (r.stats.length > MAX_STATS) card.appendChild(h('p', { class: 'muted' }, `First ${MAX_STATS} of ${r.stats.length} sets.`));
        const output = h('p', { class: 'output-values' }, 'y = ');
        const shown = Math.min(r.y.length, 16);
        for (let i = 0; i < shown; i++) {
          output.appendChild(num(r.y[i], 'span', { 'data-key': 'y', 'data-index': String(i) }));
          if (i < shown - 1) output.appendChild(document.createTextNode(', '));
        }
        if (r.y.length > shown) output.appendChild(document.createTextNode(`, … (${r.y.length} values)`));
        card.appendChild(output);
        return card;
      }),
    );
    const series: Series[] = outcomes.flatMap((o, i) =>
      'error' in o.result
        ? []
        : [
            {
              label: o.name,
              points: Array.from(o.result.y, (v, j) => [j, v] as [number, number]),
              style: 'line-points' as const,
              color: i,
            },
          ],
    );
    replaceChildren(
      plotRow,
      plot({ label: 'Outputs of the five normalizations', xLabel: 'element (memory order)', yLabel: 'y', series, width: 640, height: 260 }),
    );
  }

  return { load, render };
}
