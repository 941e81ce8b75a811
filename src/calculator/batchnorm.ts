/**
 * Batch normalization over tensors of shape (N, C), (N, C, L), (N, C, H, W), ... with the
 * channel axis at 1, following PyTorch's semantics:
 * - training normalizes with the BIASED batch variance but updates running_var with the
 *   UNBIASED one;
 * - training with var == 0 and eps == 0 uses invstd = 0 (x_hat = 0, y = beta);
 * - eval uses the running statistics, unless the module has none (track_running_stats=False),
 *   in which case it uses batch statistics exactly like training.
 */

import { fail } from '../validate';
import { CalculatorError } from './errors';
import { checkMomentum } from './momentum';
import { batchNormEvalOptions, batchNormTrainOptions, checkOptions, tensorArguments } from './schemas';
import { inverseStd, moments } from './numeric';
import {
  channelLayout,
  checkFinite,
  formatTorchSize,
  parameterVector,
  toTensor,
  type ChannelLayout,
  type NumericArray,
  type Shape,
  type Tensor,
} from './tensor';

/** PyTorch module whose input-rank check to apply. */
export type BatchNormModule = 'BatchNorm1d' | 'BatchNorm2d' | 'BatchNorm3d';

export interface BatchNormCommonOptions {
  /** added to the variance; default 1e-5 (PyTorch's default) */
  readonly eps?: number;
  /** per-channel scale; omitted or null = 1 (affine=False) */
  readonly gamma?: NumericArray | null;
  /** per-channel shift; omitted or null = 0 (affine=False) */
  readonly beta?: NumericArray | null;
  /** check the input rank like this module (BatchNorm1d: 2D or 3D, 2d: 4D, 3d: 5D) */
  readonly module?: BatchNormModule;
}

export interface BatchNormTrainOptions extends BatchNormCommonOptions {
  /** weight of the new batch in the running average; default 0.1; null = cumulative average */
  readonly momentum?: number | null;
  /** running statistics before this step; default 0 and 1 (a fresh module) */
  readonly runningMean?: NumericArray | null;
  readonly runningVar?: NumericArray | null;
  /** num_batches_tracked before this step; default 0 */
  readonly numBatchesTracked?: number;
  /** false: the module has no running buffers (nothing is updated); default true */
  readonly trackRunningStats?: boolean;
}

export interface BatchNormEvalOptions extends BatchNormCommonOptions {
  /** running statistics; omitted or null with trackRunningStats = true: a fresh module's 0 and 1 */
  readonly runningMean?: NumericArray | null;
  readonly runningVar?: NumericArray | null;
  readonly numBatchesTracked?: number;
  /** false: no running buffers, so eval normalizes with batch statistics; default true */
  readonly trackRunningStats?: boolean;
}

/** Per-channel statistics of one batch. */
export interface BatchStatistics {
  /** values pooled per channel: N * (product of the spatial dims) */
  readonly countPerChannel: number;
  readonly mean: Float64Array;
  /** biased (divide by n): what the batch is normalized with */
  readonly variance: Float64Array;
  /** unbiased (divide by n - 1): what PyTorch's running_var is updated with */
  readonly unbiasedVariance: Float64Array;
  /** 1 / sqrt(variance + eps), 0 where variance == 0 and eps == 0 */
  readonly invStd: Float64Array;
}

export interface BatchNormTrainResult {
  readonly y: Float64Array;
  readonly xHat: Float64Array;
  readonly batchMean: Float64Array;
  readonly batchVar: Float64Array;
  readonly batchVarUnbiased: Float64Array;
  readonly invStd: Float64Array;
  readonly countPerChannel: number;
  /** after this step; null when trackRunningStats is false */
  readonly runningMean: Float64Array | null;
  readonly runningVar: Float64Array | null;
  readonly numBatchesTracked: number | null;
  readonly warnings: readonly string[];
}

export interface BatchNormEvalResult {
  readonly y: Float64Array;
  readonly xHat: Float64Array;
  /** which statistics normalized the input */
  readonly statistics: 'running' | 'batch';
  /** the mean and variance actually used */
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly invStd: Float64Array;
  /** the module's buffers, unchanged; null without running stats */
  readonly runningMean: Float64Array | null;
  readonly runningVar: Float64Array | null;
  readonly numBatchesTracked: number | null;
  readonly warnings: readonly string[];
}

const DEFAULT_EPS = 1e-5;
const DEFAULT_MOMENTUM = 0.1;

/** One training-mode forward pass of batch norm, including the running-statistics update. */
export function batchNormTrain(x: NumericArray, shape: Shape, options: BatchNormTrainOptions = {}): BatchNormTrainResult {
  tensorArguments(x, shape);
  checkOptions(batchNormTrainOptions, options);
  const { tensor, layout, eps } = prepareBatchNorm(x, shape, options);
  const momentum = checkMomentum(options.momentum === undefined ? DEFAULT_MOMENTUM : options.momentum);
  const stats = batchStatistics(tensor.data, tensor.shape, eps);
  const { xHat, y } = normalizeChannels(tensor, layout, stats.mean, stats.invStd, options);
  const running =
    options.trackRunningStats === false
      ? { runningMean: null, runningVar: null, numBatchesTracked: null }
      : updatePyTorchRunningStats(stats, layout.channels, momentum, options);
  return {
    y,
    xHat,
    batchMean: stats.mean,
    batchVar: stats.variance,
    batchVarUnbiased: stats.unbiasedVariance,
    invStd: stats.invStd,
    countPerChannel: stats.countPerChannel,
    ...running,
    warnings: [...inputWarnings(tensor.data), ...trainingWarnings(stats, eps)],
  };
}

/** Eval-mode batch norm: running statistics, or batch statistics without running buffers. */
export function batchNormEval(x: NumericArray, shape: Shape, options: BatchNormEvalOptions = {}): BatchNormEvalResult {
  tensorArguments(x, shape);
  checkOptions(batchNormEvalOptions, options);
  const { tensor, layout, eps } = prepareBatchNorm(x, shape, options);
  if (options.trackRunningStats === false) return evalWithBatchStatistics(tensor, layout, eps, options);
  const runningMean = parameterVector(options.runningMean, layout.channels, 0, 'running_mean');
  const runningVar = parameterVector(options.runningVar, layout.channels, 1, 'running_var');
  const invStd = runningVar.map((v) => inverseStd(v, eps, false));
  const { xHat, y } = normalizeChannels(tensor, layout, runningMean, invStd, options);
  return {
    y,
    xHat,
    statistics: 'running',
    mean: runningMean,
    variance: runningVar,
    invStd,
    runningMean: Float64Array.from(runningMean),
    runningVar: Float64Array.from(runningVar),
    numBatchesTracked: options.numBatchesTracked ?? 0,
    warnings: [...inputWarnings(tensor.data), ...evalWarnings(runningVar, eps)],
  };
}

function evalWithBatchStatistics(tensor: Tensor, layout: ChannelLayout, eps: number, options: BatchNormEvalOptions): BatchNormEvalResult {
  const stats = batchStatistics(tensor.data, tensor.shape, eps);
  const { xHat, y } = normalizeChannels(tensor, layout, stats.mean, stats.invStd, options);
  return {
    y,
    xHat,
    statistics: 'batch',
    mean: stats.mean,
    variance: stats.variance,
    invStd: stats.invStd,
    runningMean: null,
    runningVar: null,
    numBatchesTracked: null,
    warnings: [
      'track_running_stats=False: eval() normalizes with batch statistics, not running statistics',
      ...inputWarnings(tensor.data),
      ...trainingWarnings(stats, eps),
    ],
  };
}

/**
 * Per-channel batch mean and variances pooled over the batch and spatial positions (two-pass).
 * Throws PyTorch's ValueError when a channel has a single value.
 */
export function batchStatistics(x: NumericArray, shape: Shape, eps = DEFAULT_EPS): BatchStatistics {
  tensorArguments(x, shape);
  const tensor = toTensor(x, shape, 2);
  checkFinite(eps, 'eps', true);
  const layout = channelLayout(tensor.shape);
  checkValuesPerChannel(tensor.shape, layout);
  const count = layout.batch * layout.spatial;
  const all = Array.from({ length: layout.channels }, (_, c) => moments(gatherChannel(tensor.data, layout, c)));
  return {
    countPerChannel: count,
    mean: Float64Array.from(all, (m) => m.mean),
    variance: Float64Array.from(all, (m) => m.biasedVar),
    unbiasedVariance: Float64Array.from(all, (m) => m.unbiasedVar),
    invStd: Float64Array.from(all, (m) => inverseStd(m.biasedVar, eps, true)),
  };
}

/** The values of channel c, in order (n, spatial). */
export function gatherChannel(data: Float64Array, layout: ChannelLayout, c: number): Float64Array {
  const { batch, channels, spatial } = layout;
  const out = new Float64Array(batch * spatial);
  for (let n = 0; n < batch; n++) {
    const start = (n * channels + c) * spatial;
    out.set(data.subarray(start, start + spatial), n * spatial);
  }
  return out;
}

/**
 * x_hat = (x - mean[c]) * invStd[c], y = x_hat * gamma[c] + beta[c] for every element.
 * Exported for the running-statistics simulator.
 */
export function normalizeChannels(
  tensor: Tensor,
  layout: ChannelLayout,
  mean: Float64Array,
  invStd: Float64Array,
  affine: { readonly gamma?: NumericArray | null; readonly beta?: NumericArray | null },
): { xHat: Float64Array; y: Float64Array } {
  // PyTorch calls gamma and beta `weight` and `bias` in its messages.
  const gamma = parameterVector(affine.gamma, layout.channels, 1, 'gamma', (n) => `weight should contain ${layout.channels} elements not ${n}`);
  const beta = parameterVector(affine.beta, layout.channels, 0, 'beta', (n) => `bias should contain ${layout.channels} elements not ${n}`);
  const xHat = new Float64Array(tensor.data.length);
  const y = new Float64Array(tensor.data.length);
  for (let i = 0; i < xHat.length; i++) {
    const c = Math.floor(i / layout.spatial) % layout.channels;
    xHat[i] = (tensor.data[i] - mean[c]) * invStd[c];
    y[i] = xHat[i] * gamma[c] + beta[c];
  }
  return { xHat, y };
}

function prepareBatchNorm(x: NumericArray, shape: Shape, options: BatchNormCommonOptions): { tensor: Tensor; layout: ChannelLayout; eps: number } {
  if (options.module) checkModuleRank(options.module, shape.length);
  const tensor = toTensor(x, shape, 2);
  const eps = options.eps ?? DEFAULT_EPS;
  checkFinite(eps, 'eps', true);
  return { tensor, layout: channelLayout(tensor.shape), eps };
}

const MODULE_RANKS: Record<BatchNormModule, { ranks: readonly number[]; text: string }> = {
  BatchNorm1d: { ranks: [2, 3], text: '2D or 3D' },
  BatchNorm2d: { ranks: [4], text: '4D' },
  BatchNorm3d: { ranks: [5], text: '5D' },
};

/** PyTorch's `_check_input_dim`: `expected 4D input (got 3D input)`. */
export function checkModuleRank(module: BatchNormModule, rank: number): void {
  if (!Object.prototype.hasOwnProperty.call(MODULE_RANKS, module)) fail('module', `one of ${Object.keys(MODULE_RANKS).join(', ')}`, module);
  const { ranks, text } = MODULE_RANKS[module];
  if (!ranks.includes(rank)) {
    throw new CalculatorError('WRONG_RANK', `expected ${text} input (got ${rank}D input)`, 'ValueError');
  }
}

/** PyTorch's `_verify_batch_size`: batch statistics need more than one value per channel. */
export function checkValuesPerChannel(shape: Shape, layout: ChannelLayout): void {
  if (layout.batch * layout.spatial === 1) {
    throw new CalculatorError(
      'TOO_FEW_VALUES_PER_CHANNEL',
      `Expected more than 1 value per channel when training, got input size ${formatTorchSize(shape)}`,
      'ValueError',
    );
  }
}

/**
 * PyTorch's update: factor = momentum, or 1 / num_batches_tracked when momentum is null;
 * running = (1 - factor) * running + factor * batch (running_var with the unbiased variance).
 */
function updatePyTorchRunningStats(
  stats: BatchStatistics,
  channels: number,
  momentum: number | null,
  options: BatchNormTrainOptions,
): { runningMean: Float64Array; runningVar: Float64Array; numBatchesTracked: number } {
  const numBatchesTracked = (options.numBatchesTracked ?? 0) + 1;
  const factor = momentum ?? 1 / numBatchesTracked;
  const mean = parameterVector(options.runningMean, channels, 0, 'running_mean');
  const variance = parameterVector(options.runningVar, channels, 1, 'running_var');
  return {
    runningMean: mean.map((r, c) => pytorchRunningUpdate(r, stats.mean[c], factor)),
    runningVar: variance.map((r, c) => pytorchRunningUpdate(r, stats.unbiasedVariance[c], factor)),
    numBatchesTracked,
  };
}

/** `momentum * batch + (1 - momentum) * running`, PyTorch's expression order. */
export function pytorchRunningUpdate(running: number, batch: number, momentum: number): number {
  return momentum * batch + (1 - momentum) * running;
}

function inputWarnings(data: Float64Array): string[] {
  return data.some((v) => !Number.isFinite(v)) ? ['input contains NaN or Infinity'] : [];
}

function trainingWarnings(stats: BatchStatistics, eps: number): string[] {
  const warnings: string[] = [];
  stats.variance.forEach((v, c) => {
    if (v !== 0) return;
    warnings.push(
      eps === 0
        ? `channel ${c}: zero variance with eps = 0: division by zero; PyTorch uses invstd = 0 here, so x_hat = 0 and y = beta`
        : `channel ${c}: zero variance (constant channel): x_hat = 0 and y = beta`,
    );
  });
  return warnings;
}

function evalWarnings(runningVar: Float64Array, eps: number): string[] {
  const warnings: string[] = [];
  runningVar.forEach((v, c) => {
    if (v + eps === 0) warnings.push(`channel ${c}: running variance + eps = 0: division by zero (NaN or ±Infinity)`);
    else if (v + eps < 0) warnings.push(`channel ${c}: running variance + eps < 0: square root of a negative number (NaN)`);
  });
  return warnings;
}
