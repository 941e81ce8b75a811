/**
 * Batch size: how much BatchNorm's batch mean and variance scatter around the true channel
 * statistics for each batch size (exact formulas for i.i.d. values, plus a seeded simulation), the
 * error PyTorch raises when a channel has a single value, and GroupNorm, whose statistics come from
 * one sample and so do not depend on the batch size at all.
 */
import { checkValuesPerChannel } from './batchnorm';
import { CalculatorError, ensure } from './errors';
import { moments } from './numeric';
import { validateGroupNormConfig } from './othernorms';
import { channelLayout, type Shape } from './tensor';

/** The distribution of one channel's values (i.i.d. across samples and positions). */
export type ChannelDistribution =
  { readonly kind: 'normal'; readonly mean: number; readonly std: number } | { readonly kind: 'uniform'; readonly low: number; readonly high: number };

export interface BatchSizeOptions {
  readonly distribution: ChannelDistribution;
  /** Default: 1, 2, 4, ..., 256. Each an integer from 1 to 65536. */
  readonly batchSizes?: readonly number[];
  /** Values per sample and channel (H × W for BatchNorm2d); default 1, as for BatchNorm1d on (N, C). */
  readonly spatialSize?: number;
  /** Channels of the layer, for PyTorch's error message and GroupNorm; default 32. */
  readonly channels?: number;
  /** GroupNorm's group count for the comparison; default 32 (or `channels` when fewer). */
  readonly numGroups?: number;
  /** Simulated batches per batch size; 0 turns the simulation off. Default 2000. */
  readonly trials?: number;
  /** Seed of the simulation's generator; the same seed gives the same numbers. Default 1. */
  readonly seed?: number;
}

/** The exact sampling spread of one statistic, with the simulated one beside it. */
export interface Spread {
  /** The statistic's expected value. */
  readonly expected: number;
  /** Its standard deviation across batches. */
  readonly std: number;
  /** `std` relative to the true value (σ for the mean, σ² for the variance). */
  readonly relative: number;
  /** The standard deviation over the simulated batches, when simulated. */
  readonly simulatedStd?: number;
}

export interface BatchSizeRow {
  readonly batchSize: number;
  /** Values each channel's statistics are computed from: batch size × spatial size. */
  readonly valuesPerChannel: number;
  readonly mean: Spread;
  /** The biased variance BatchNorm normalizes with (divides by n, not n − 1). */
  readonly variance: Spread;
  /** PyTorch's error in training mode when a channel has a single value. */
  readonly pytorchError?: { readonly type: 'ValueError'; readonly message: string };
}

export interface BatchSizeAnalysis {
  readonly distribution: { readonly mean: number; readonly variance: number; readonly kurtosis: number };
  readonly rows: readonly BatchSizeRow[];
  /** GroupNorm's per-sample statistics: the same spread for every batch size. */
  readonly groupNorm: { readonly numGroups: number; readonly valuesPerGroup: number; readonly mean: Spread; readonly variance: Spread };
}

export const DEFAULT_BATCH_SIZES: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const MAX_BATCH_SIZE = 65536;

/** Mean, variance and kurtosis (E[(x−μ)⁴]/σ⁴: 3 for a normal, 1.8 for a uniform distribution). */
function distributionMoments(d: ChannelDistribution): { mean: number; variance: number; kurtosis: number } {
  if (d.kind === 'normal') {
    ensure(
      Number.isFinite(d.mean) && Number.isFinite(d.std) && d.std > 0,
      'INVALID_PARAMETER',
      `a normal distribution needs a finite mean and a std > 0, got mean ${d.mean}, std ${d.std}`,
    );
    return { mean: d.mean, variance: d.std * d.std, kurtosis: 3 };
  }
  ensure(
    Number.isFinite(d.low) && Number.isFinite(d.high) && d.high > d.low,
    'INVALID_PARAMETER',
    `a uniform distribution needs finite low < high, got ${d.low}, ${d.high}`,
  );
  const width = d.high - d.low;
  return { mean: (d.low + d.high) / 2, variance: (width * width) / 12, kurtosis: 1.8 };
}

/**
 * Exact spread of the mean and of the biased variance of n i.i.d. values:
 * Var(mean) = σ²/n; Var(s²_unbiased) = σ⁴ (κ − (n−3)/(n−1)) / n, and the biased variance is
 * (n−1)/n times the unbiased one. A single value has variance exactly 0.
 */
function exactSpreads(n: number, m: { mean: number; variance: number; kurtosis: number }): { mean: Spread; variance: Spread } {
  const sigma = Math.sqrt(m.variance);
  const meanStd = sigma / Math.sqrt(n);
  const shrink = (n - 1) / n;
  const unbiasedVarVar = n === 1 ? 0 : (m.variance * m.variance * (m.kurtosis - (n - 3) / (n - 1))) / n;
  const varianceStd = shrink * Math.sqrt(Math.max(0, unbiasedVarVar));
  return {
    mean: { expected: m.mean, std: meanStd, relative: meanStd / sigma },
    variance: { expected: shrink * m.variance, std: varianceStd, relative: varianceStd / m.variance },
  };
}

/**
 * mulberry32: a small seeded generator of uniform numbers in [0, 1), so simulated batches are
 * reproducible (and restorable from a seed); integer arithmetic only, the same in every engine.
 */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sampler(d: ChannelDistribution, uniform: () => number): () => number {
  if (d.kind === 'uniform') return () => d.low + (d.high - d.low) * uniform();
  // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1]. Math.log/Math.cos may differ in the
  // last bit between engines: simulated spreads agree to many digits across engines, not bit for bit.
  return () => d.mean + d.std * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

function simulatedStds(n: number, trials: number, draw: () => number): { mean: number; variance: number } {
  const means = new Float64Array(trials);
  const variances = new Float64Array(trials);
  const batch = new Float64Array(n);
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < n; i++) batch[i] = draw();
    const m = moments(batch);
    means[t] = m.mean;
    variances[t] = m.biasedVar;
  }
  return { mean: Math.sqrt(moments(means).biasedVar), variance: Math.sqrt(moments(variances).biasedVar) };
}

function positiveInteger(value: number, name: string, max: number): number {
  ensure(Number.isInteger(value) && value >= 1 && value <= max, 'INVALID_PARAMETER', `${name} must be an integer from 1 to ${max}, got ${value}`);
  return value;
}

/** PyTorch's training-mode check on an input of this shape, as the error it raises (if it raises). */
function pytorchErrorFor(shape: Shape): BatchSizeRow['pytorchError'] {
  try {
    checkValuesPerChannel(shape, channelLayout(shape));
    return undefined;
  } catch (error) {
    if (error instanceof CalculatorError && error.pythonType === 'ValueError') return { type: 'ValueError', message: error.message };
    throw error;
  }
}

export function analyzeBatchSizes(options: BatchSizeOptions): BatchSizeAnalysis {
  const m = distributionMoments(options.distribution);
  const spatial = positiveInteger(options.spatialSize ?? 1, 'spatialSize', 1 << 20);
  const channels = positiveInteger(options.channels ?? 32, 'channels', 1 << 16);
  const numGroups = positiveInteger(options.numGroups ?? Math.min(32, channels), 'numGroups', channels);
  validateGroupNormConfig(numGroups, channels);
  const trials = options.trials ?? 2000;
  ensure(Number.isInteger(trials) && trials >= 0 && trials <= 100000, 'INVALID_PARAMETER', `trials must be an integer from 0 to 100000, got ${trials}`);
  const batchSizes = (options.batchSizes ?? DEFAULT_BATCH_SIZES).map((b) => positiveInteger(b, 'batch size', MAX_BATCH_SIZE));
  ensure(batchSizes.length > 0, 'EMPTY_INPUT', 'no batch sizes given');
  // One generator for the whole analysis, consumed in a fixed order: the same options give the same numbers.
  const draw = sampler(options.distribution, seededUniform(options.seed ?? 1));
  // Simulation cost grows with n × trials; beyond this many values per batch the exact formula is all one needs.
  const simulationBudget = 4_000_000;
  const rows = batchSizes.map((batchSize): BatchSizeRow => {
    const n = batchSize * spatial;
    const exact = exactSpreads(n, m);
    const simulate = trials > 0 && n * trials <= simulationBudget;
    const simulated = simulate ? simulatedStds(n, trials, draw) : undefined;
    const shape: Shape = spatial === 1 ? [batchSize, channels] : [batchSize, channels, spatial];
    return {
      batchSize,
      valuesPerChannel: n,
      mean: simulated ? { ...exact.mean, simulatedStd: simulated.mean } : exact.mean,
      variance: simulated ? { ...exact.variance, simulatedStd: simulated.variance } : exact.variance,
      pytorchError: pytorchErrorFor(shape),
    };
  });
  const valuesPerGroup = (channels / numGroups) * spatial;
  const group = exactSpreads(valuesPerGroup, m);
  return { distribution: m, rows, groupNorm: { numGroups, valuesPerGroup, mean: group.mean, variance: group.variance } };
}
