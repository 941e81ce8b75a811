/**
 * Running (moving) statistics over a sequence of training batches, in PyTorch's, Keras' or
 * tf.keras' fused convention, followed by an optional eval-mode pass with the final statistics.
 */

import { array, nullable, number } from '../validate';
import { checkOptions, convention as conventionSchema, numbers, runningStatsOptions, shape as shapeSchema } from './schemas';
import { batchNormEval, batchStatistics, normalizeChannels, pytorchRunningUpdate, type BatchStatistics } from './batchnorm';
import { CalculatorError } from './errors';
import { checkMomentum, DEFAULT_EPSILON, DEFAULT_MOMENTUM, type RunningStatsConvention } from './momentum';
import { channelLayout, checkFinite, parameterVector, toTensor, type NumericArray, type Shape } from './tensor';

export interface RunningStatsOptions {
  /** default 'pytorch' */
  readonly convention?: RunningStatsConvention;
  /** in the convention's own meaning; default 0.1 (pytorch) or 0.99 (keras); null = cumulative (pytorch only) */
  readonly momentum?: number | null;
  /** default 1e-5 (pytorch) or 1e-3 (keras) */
  readonly eps?: number;
  /** per-channel scale and shift; omitted or null = 1 and 0 */
  readonly gamma?: NumericArray | null;
  readonly beta?: NumericArray | null;
  /** running statistics before the first batch; default 0 and 1 */
  readonly runningMeanInit?: NumericArray | null;
  readonly runningVarInit?: NumericArray | null;
  /** an input to run through eval mode with the final running statistics */
  readonly evalInput?: { readonly data: NumericArray; readonly shape: Shape } | null;
}

/** The state after one training step. */
export interface RunningStatsStep {
  /** the training-mode output of this batch (normalized with its own statistics) */
  readonly y: Float64Array;
  readonly batchMean: Float64Array;
  readonly batchVar: Float64Array;
  readonly batchVarUnbiased: Float64Array;
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
  /** steps taken so far (PyTorch's num_batches_tracked) */
  readonly numBatchesTracked: number;
}

export interface RunningStatsSimulation {
  readonly convention: RunningStatsConvention;
  readonly momentum: number | null;
  readonly eps: number;
  readonly steps: readonly RunningStatsStep[];
  /** the final running statistics */
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
  /** eval-mode output on `evalInput` with the final running statistics; null without evalInput */
  readonly yEval: Float64Array | null;
  readonly warnings: readonly string[];
}

/**
 * Runs batch norm in training mode over `batches` (each of shape `shape`), updating the running
 * statistics after each one with the convention's rule, then evaluates `evalInput` if given.
 */
export function simulateRunningStats(batches: readonly NumericArray[], shape: Shape, options: RunningStatsOptions = {}): RunningStatsSimulation {
  array(numbers, 'an array of batches (arrays of numbers)')(batches, 'batches');
  shapeSchema(shape, 'shape');
  checkOptions(runningStatsOptions, options);
  if (batches.length === 0) throw new CalculatorError('EMPTY_INPUT', 'no batches to simulate');
  const convention = options.convention ?? 'pytorch';
  const momentum = checkMomentum(options.momentum === undefined ? DEFAULT_MOMENTUM[convention] : options.momentum, convention);
  const eps = options.eps ?? DEFAULT_EPSILON[convention];
  checkFinite(eps, 'eps', true);
  const channels = channelLayout(shape).channels;
  let runningMean = parameterVector(options.runningMeanInit, channels, 0, 'running_mean');
  let runningVar = parameterVector(options.runningVarInit, channels, 1, 'running_var');
  const steps: RunningStatsStep[] = [];
  const warnings: string[] = [];
  batches.forEach((batch, k) => {
    const step = trainingStep(batch, shape, { convention, momentum, eps, runningMean, runningVar, step: k + 1 }, options);
    runningMean = step.runningMean;
    runningVar = step.runningVar;
    steps.push(step);
    warnings.push(...zeroVarianceWarnings(step, k, eps));
  });
  const yEval = options.evalInput
    ? batchNormEval(options.evalInput.data, options.evalInput.shape, {
        eps,
        gamma: options.gamma,
        beta: options.beta,
        runningMean,
        runningVar,
      }).y
    : null;
  return { convention, momentum, eps, steps, runningMean, runningVar, yEval, warnings };
}

interface StepState {
  readonly convention: RunningStatsConvention;
  readonly momentum: number | null;
  readonly eps: number;
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
  /** 1-based: num_batches_tracked after this step */
  readonly step: number;
}

function trainingStep(batch: NumericArray, shape: Shape, state: StepState, options: RunningStatsOptions): RunningStatsStep {
  const tensor = toTensor(batch, shape, 2, `batch ${state.step}`);
  const stats = batchStatistics(tensor.data, tensor.shape, state.eps);
  const { y } = normalizeChannels(tensor, channelLayout(tensor.shape), stats.mean, stats.invStd, options);
  const { runningMean, runningVar } = updateRunningStats(state, stats);
  return {
    y,
    batchMean: stats.mean,
    batchVar: stats.variance,
    batchVarUnbiased: stats.unbiasedVariance,
    runningMean,
    runningVar,
    numBatchesTracked: state.step,
  };
}

function updateRunningStats(state: StepState, stats: BatchStatistics): { runningMean: Float64Array; runningVar: Float64Array } {
  const varianceFed = state.convention === 'keras' ? stats.variance : stats.unbiasedVariance;
  const update = (running: number, batchValue: number): number => runningUpdate(state.convention, running, batchValue, state.momentum, state.step);
  return {
    runningMean: state.runningMean.map((r, c) => update(r, stats.mean[c])),
    runningVar: state.runningVar.map((r, c) => update(r, varianceFed[c])),
  };
}

/**
 * One running-statistic update in a convention's own expression order:
 * - pytorch: `m * batch + (1 - m) * running`, with m = 1 / numBatchesTracked when momentum is null;
 * - keras / tf-keras-fused: `running * m + batch * (1 - m)`.
 * (Which batch variance to feed, biased or unbiased, is the caller's choice: see the conventions.)
 */
export function runningUpdate(convention: RunningStatsConvention, running: number, batchValue: number, momentum: number | null, numBatchesTracked = 1): number {
  conventionSchema(convention, 'convention');
  number(running, 'running');
  number(batchValue, 'batchValue');
  nullable(number)(momentum, 'momentum');
  number(numBatchesTracked, 'numBatchesTracked');
  const m = checkMomentum(momentum, convention);
  if (convention === 'pytorch') return pytorchRunningUpdate(running, batchValue, m ?? 1 / numBatchesTracked);
  return running * m! + batchValue * (1 - m!);
}

function zeroVarianceWarnings(step: RunningStatsStep, k: number, eps: number): string[] {
  const warnings: string[] = [];
  step.batchVar.forEach((v, c) => {
    if (v === 0 && eps === 0) warnings.push(`batch ${k + 1}, channel ${c}: zero variance with eps = 0: division by zero; PyTorch uses invstd = 0 here`);
  });
  return warnings;
}
