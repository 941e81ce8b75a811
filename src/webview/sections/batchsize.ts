/** Batch size: how BatchNorm's batch statistics scatter as the batch shrinks, and GroupNorm's don't (BN403's "why"). */

import { analyzeBatchSizes, type BatchSizeAnalysis, type BatchSizeRow, type ChannelDistribution } from '../../calculator';
import { byId, fieldMessage, fillBody, h, num, replaceChildren, setStatus, showFailure } from '../dom';
import { errorText, fmt, parseFinite, parseInteger, type Parsed } from '../format';
import { plot, type Series } from '../plot';
import type { BatchSizeState } from '../state';
import type { Section, SectionContext } from './context';

const MAX_BATCH_SIZE = 65536;
const MAX_BATCH_SIZES = 24;
/** Simulated batches per batch size (the table's caption says so). */
const TRIALS = 2000;
const SEED = 1;

/** "1, 2, 4" (commas or spaces): distinct whole numbers from 1 to 65536, sorted. */
export function parseBatchSizes(text: string): Parsed<number[]> {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'enter at least one batch size' };
  const sizes = new Set<number>();
  for (const part of parts) {
    const size = parseInteger(part, `batch size "${part.slice(0, 12)}"`, 1, MAX_BATCH_SIZE);
    if (!size.ok) return size;
    sizes.add(size.value);
  }
  if (sizes.size > MAX_BATCH_SIZES) return { ok: false, message: `at most ${MAX_BATCH_SIZES} batch sizes` };
  return { ok: true, value: [...sizes].sort((a, b) => a - b) };
}

type Field = Exclude<keyof BatchSizeState, 'distribution'>;

export function batchSizeSection(ctx: SectionContext): Section {
  const normal = byId<HTMLInputElement>('bs-dist-normal');
  const uniform = byId<HTMLInputElement>('bs-dist-uniform');
  const inputs: Record<Field, HTMLInputElement> = {
    mean: byId<HTMLInputElement>('bs-mean'),
    std: byId<HTMLInputElement>('bs-std'),
    low: byId<HTMLInputElement>('bs-low'),
    high: byId<HTMLInputElement>('bs-high'),
    channels: byId<HTMLInputElement>('bs-channels'),
    groups: byId<HTMLInputElement>('bs-groups'),
    spatial: byId<HTMLInputElement>('bs-spatial'),
    batchSizes: byId<HTMLInputElement>('bs-sizes'),
    yours: byId<HTMLInputElement>('bs-yours'),
  };
  const status = byId('bs-status');
  const explain = byId('bs-explain');
  const meanPlot = byId('bs-mean-plot').querySelector('.plot-row')!;
  const varPlot = byId('bs-var-plot').querySelector('.plot-row')!;
  const table = byId<HTMLTableElement>('bs-table');

  const update = (): void => {
    ctx.changed();
    render();
  };
  for (const [key, input] of Object.entries(inputs) as Array<[Field, HTMLInputElement]>) {
    input.addEventListener('input', () => {
      ctx.state().batchsize[key] = input.value;
      update();
    });
  }
  for (const radio of [normal, uniform]) {
    radio.addEventListener('change', () => {
      if (radio.checked) ctx.state().batchsize.distribution = radio.value === 'uniform' ? 'uniform' : 'normal';
      update();
    });
  }

  function load(): void {
    const state = ctx.state().batchsize;
    for (const [key, input] of Object.entries(inputs) as Array<[Field, HTMLInputElement]>) input.value = state[key];
    normal.checked = state.distribution === 'normal';
    uniform.checked = state.distribution === 'uniform';
  }

  const fail = (message: string): void => showFailure(status, message, [explain, meanPlot, varPlot, table]);

  /** The distribution from the fields, marking the invalid ones. */
  function distribution(state: BatchSizeState): ChannelDistribution | undefined {
    const isNormal = state.distribution === 'normal';
    for (const key of ['mean', 'std'] as const) inputs[key].disabled = !isNormal;
    for (const key of ['low', 'high'] as const) inputs[key].disabled = isNormal;
    const mean = parseFinite(state.mean, 'the mean');
    const std = parseFinite(state.std, 'the standard deviation');
    const low = parseFinite(state.low, 'low');
    const high = parseFinite(state.high, 'high');
    const stdMessage = std.ok && std.value <= 0 ? 'the standard deviation must be above 0' : std.ok ? null : std.message;
    const highMessage = high.ok && low.ok && high.value <= low.value ? 'high must be above low' : high.ok ? null : high.message;
    fieldMessage(inputs.mean, isNormal && !mean.ok ? mean.message : null);
    fieldMessage(inputs.std, isNormal ? stdMessage : null);
    fieldMessage(inputs.low, !isNormal && !low.ok ? low.message : null);
    fieldMessage(inputs.high, !isNormal ? highMessage : null);
    if (isNormal) return mean.ok && std.ok && stdMessage === null ? { kind: 'normal', mean: mean.value, std: std.value } : undefined;
    return low.ok && high.ok && highMessage === null ? { kind: 'uniform', low: low.value, high: high.value } : undefined;
  }

  function render(): void {
    const state = ctx.state().batchsize;
    const dist = distribution(state);
    const channels = parseInteger(state.channels, 'the channel count', 1, 65536);
    const groups = parseInteger(state.groups, 'the group count', 1, 65536);
    const groupsMessage =
      groups.ok && channels.ok && channels.value % groups.value !== 0
        ? `${groups.value} groups do not divide ${channels.value} channels`
        : groups.ok
          ? null
          : groups.message;
    const spatial = parseInteger(state.spatial, 'the values per sample', 1, 1 << 20);
    const sizes = parseBatchSizes(state.batchSizes);
    const yours = state.yours.trim() === '' ? undefined : parseInteger(state.yours, 'your batch size', 1, MAX_BATCH_SIZE);
    fieldMessage(inputs.channels, channels.ok ? null : channels.message);
    fieldMessage(inputs.groups, groupsMessage);
    fieldMessage(inputs.spatial, spatial.ok ? null : spatial.message);
    fieldMessage(inputs.batchSizes, sizes.ok ? null : sizes.message);
    fieldMessage(inputs.yours, yours === undefined || yours.ok ? null : yours.message);
    if (!dist || !channels.ok || !groups.ok || groupsMessage !== null || !spatial.ok || !sizes.ok || (yours && !yours.ok))
      return fail('Fix the highlighted field.');
    const yourSize = yours?.value;
    const batchSizes = yourSize === undefined || sizes.value.includes(yourSize) ? sizes.value : [...sizes.value, yourSize].sort((a, b) => a - b);
    let analysis: BatchSizeAnalysis;
    try {
      analysis = analyzeBatchSizes({
        distribution: dist,
        batchSizes,
        spatialSize: spatial.value,
        channels: channels.value,
        numGroups: groups.value,
        trials: TRIALS,
        seed: SEED,
      });
    } catch (error) {
      return fail(errorText(error));
    }
    const g = analysis.groupNorm;
    setStatus(
      status,
      `Each channel's statistics come from batch size × ${spatial.value} value${spatial.value === 1 ? '' : 's'}; GroupNorm's from ${g.numGroups === 1 ? 'all' : `${fmt(g.valuesPerGroup)}`} values of one sample (${g.numGroups} groups of ${channels.value / g.numGroups} channel${channels.value / g.numGroups === 1 ? '' : 's'}).`,
    );
    replaceChildren(explain, ...explanation(analysis, yourSize));
    drawPlots(analysis, yourSize);
    fillBody(
      table,
      analysis.rows.map((row) => tableRow(row, row.batchSize === yourSize, analysis.distribution.variance)),
    );
  }

  function drawPlots(analysis: BatchSizeAnalysis, yourSize: number | undefined): void {
    const rows = analysis.rows;
    const xOf = (batchSize: number): number => Math.log2(batchSize);
    const xs = rows.map((r) => xOf(r.batchSize));
    const xDomain: [number, number] = [Math.min(...xs), Math.max(...xs) > Math.min(...xs) ? Math.max(...xs) : Math.min(...xs) + 1];
    // A channel with one value is an error in PyTorch, not a spread: the lines break there.
    const valid = (row: BatchSizeRow): boolean => row.pytorchError === undefined;
    const series = (stat: 'mean' | 'variance'): Series[] => {
      const out: Series[] = [
        { label: 'BatchNorm, exact', points: rows.map((r) => [xOf(r.batchSize), valid(r) ? r[stat].relative : NaN]), style: 'line-points', color: 0 },
      ];
      const scale = stat === 'mean' ? Math.sqrt(analysis.distribution.variance) : analysis.distribution.variance;
      const simulated = rows.filter((r) => valid(r) && r[stat].simulatedStd !== undefined);
      if (simulated.length)
        out.push({
          label: `BatchNorm, simulated (${TRIALS} batches)`,
          points: simulated.map((r) => [xOf(r.batchSize), r[stat].simulatedStd! / scale]),
          style: 'points',
          color: 1,
        });
      out.push({ label: 'GroupNorm (any batch size)', points: xDomain.map((x) => [x, analysis.groupNorm[stat].relative]), style: 'dashed', color: 2 });
      if (yourSize !== undefined) {
        const top = Math.max(...rows.filter(valid).map((r) => r[stat].relative), analysis.groupNorm[stat].relative, 0);
        out.push({
          label: `your batch size ${yourSize}`,
          points: [
            [xOf(yourSize), 0],
            [xOf(yourSize), top],
          ],
          style: 'dashed',
          color: 3,
        });
      }
      return out;
    };
    // Ticks at the chosen sizes, thinned so labels never overlap (at most about one per 40 px at 300 px).
    const step = Math.max(1, Math.ceil(rows.length / 8));
    const xTicks = rows.filter((_, i) => i % step === 0 || i === rows.length - 1).map((r) => ({ value: xOf(r.batchSize), label: String(r.batchSize) }));
    const common = { width: 560, height: 230, xLabel: 'batch size (log scale)', xTicks, xDomain };
    replaceChildren(meanPlot, plot({ ...common, label: 'Spread of the batch mean by batch size, relative to σ', yLabel: 'std ÷ σ', series: series('mean') }));
    replaceChildren(
      varPlot,
      plot({ ...common, label: 'Spread of the batch variance by batch size, relative to σ²', yLabel: 'std ÷ σ²', series: series('variance') }),
    );
  }

  return { load, render };
}

function tableRow(row: BatchSizeRow, yours: boolean, variance: number): Node[] {
  const simulated = (value: number | undefined, scale: number, key: string): HTMLElement =>
    value === undefined ? h('td', {}, '—') : num(value / scale, 'td', { 'data-key': key });
  const error = row.pytorchError;
  return [
    h('th', { scope: 'row', ...(yours ? { class: 'yours' } : {}) }, yours ? `${row.batchSize} (yours)` : String(row.batchSize)),
    h('td', { class: 'n' }, String(row.valuesPerChannel)),
    num(row.mean.relative, 'td', { 'data-key': `mean-${row.batchSize}` }),
    simulated(row.mean.simulatedStd, Math.sqrt(variance), `sim-mean-${row.batchSize}`),
    num(row.variance.relative, 'td', { 'data-key': `var-${row.batchSize}` }),
    simulated(row.variance.simulatedStd, variance, `sim-var-${row.batchSize}`),
    error ? h('td', { class: 'raises', 'data-key': `error-${row.batchSize}` }, `${error.type}: ${error.message}`) : h('td', {}, 'runs'),
  ];
}

/** A few sentences in BN403's words: the error at one value per channel, noise at ≤ 4, GroupNorm as the way out. */
function explanation(analysis: BatchSizeAnalysis, yourSize: number | undefined): HTMLElement[] {
  const out: HTMLElement[] = [];
  const row = yourSize === undefined ? undefined : analysis.rows.find((r) => r.batchSize === yourSize);
  const pct = (relative: number): string => `${fmt(relative * 100, 3)}%`;
  const g = analysis.groupNorm;
  if (row?.pytorchError) {
    out.push(
      h(
        'p',
        { class: 'callout warning', id: 'bs-error-note' },
        `At batch size ${row.batchSize}, each channel has a single value: in training PyTorch raises ${row.pytorchError.type}: "${row.pytorchError.message}". Use larger batches, or GroupNorm/LayerNorm.`,
      ),
    );
  } else if (row) {
    const noisy = row.batchSize <= 4;
    out.push(
      h(
        'p',
        noisy ? { class: 'callout warning', id: 'bs-yours-note' } : { id: 'bs-yours-note' },
        `At batch size ${row.batchSize}, the batch mean is off by ${pct(row.mean.relative)} of σ and the batch variance by ${pct(row.variance.relative)} of σ² (one standard deviation, batch to batch)` +
          (noisy ? ': batch statistics from so few samples are noisy. Use larger batches, GroupNorm, or BatchNorm frozen in eval mode.' : '.'),
      ),
    );
  } else {
    const failing = analysis.rows.find((r) => r.pytorchError);
    if (failing)
      out.push(
        h(
          'p',
          { id: 'bs-error-note' },
          `At batch size ${failing.batchSize}, PyTorch raises ${failing.pytorchError!.type}: "${failing.pytorchError!.message}" in training.`,
        ),
      );
  }
  out.push(
    h(
      'p',
      {},
      `The spread shrinks as 1/√(values per channel): quadrupling the batch halves it. GroupNorm normalizes each sample over ${fmt(g.valuesPerGroup)} values, whatever the batch size: mean off by ${pct(g.mean.relative)} of σ, variance by ${pct(g.variance.relative)} of σ².`,
    ),
  );
  return out;
}
