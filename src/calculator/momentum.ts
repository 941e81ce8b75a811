/**
 * Momentum conventions for running (moving) statistics.
 * - 'pytorch': momentum is the weight of the NEW batch: r = (1 - m) * r + m * b (default 0.1).
 * - 'keras' (Keras 3, tf.keras non-fused, TF.js, Flax): momentum is the weight of the OLD value:
 *   r = m * r + (1 - m) * b (default 0.99). Same averaging as PyTorch with m_pytorch = 1 - m_keras.
 * - 'tf-keras-fused': tf.keras 2 with fused=True: the Keras rule, but the moving variance is fed
 *   the unbiased (Bessel-corrected) batch variance, like PyTorch.
 */

import { convention as conventionSchema } from './schemas';
import { CalculatorError } from './errors';
import { checkFinite } from './tensor';

export type RunningStatsConvention = 'pytorch' | 'keras' | 'tf-keras-fused';

/** The frameworks' default momentum in each convention. */
export const DEFAULT_MOMENTUM: Readonly<Record<RunningStatsConvention, number>> = {
  pytorch: 0.1,
  keras: 0.99,
  'tf-keras-fused': 0.99,
};

/** The frameworks' default eps in each convention (PyTorch 1e-5, Keras 1e-3). */
export const DEFAULT_EPSILON: Readonly<Record<RunningStatsConvention, number>> = {
  pytorch: 1e-5,
  keras: 1e-3,
  'tf-keras-fused': 1e-3,
};

export interface MomentumDescription {
  readonly convention: RunningStatsConvention;
  readonly momentum: number;
  /** the same averaging expressed as a PyTorch momentum */
  readonly pytorchMomentum: number;
  /** the same averaging expressed as a Keras momentum */
  readonly kerasMomentum: number;
  /** weight of each new batch statistic in the running value */
  readonly newBatchWeight: number;
  /** effective averaging window in batches, 1 / newBatchWeight */
  readonly window: number;
  /** batches until an old batch's weight has halved */
  readonly halfLife: number;
}

function checkMomentumRange(momentum: number, convention?: RunningStatsConvention): void {
  if (convention !== undefined) conventionSchema(convention, 'convention');
  checkFinite(momentum, 'momentum');
  if (momentum < 0 || momentum > 1) {
    throw new CalculatorError('INVALID_PARAMETER', `momentum must be between 0 and 1, got ${momentum}`);
  }
}

/**
 * Validates a momentum: a number in [0, 1], or null (PyTorch's cumulative average, which the
 * Keras conventions do not have). Throws INVALID_PARAMETER otherwise.
 */
export function checkMomentum(momentum: number | null, convention: RunningStatsConvention = 'pytorch'): number | null {
  conventionSchema(convention, 'convention');
  if (momentum === null) {
    if (convention === 'pytorch') return null;
    throw new CalculatorError('INVALID_PARAMETER', `momentum = null (a cumulative average) exists only in the 'pytorch' convention, not '${convention}'`);
  }
  checkMomentumRange(momentum);
  return momentum;
}

/** 1 - m, rounded to 15 significant digits so typed decimals stay clean (1 - 0.99 = 0.01). */
function complement(momentum: number): number {
  checkMomentumRange(momentum);
  return Number((1 - momentum).toPrecision(15));
}

const usesNewBatchWeight = (convention: RunningStatsConvention): boolean => convention === 'pytorch';

/** Converts a momentum between conventions: PyTorch m <-> Keras 1 - m (identity within a family). */
export function convertMomentum(momentum: number, from: RunningStatsConvention, to: RunningStatsConvention): number {
  conventionSchema(from, 'from');
  conventionSchema(to, 'to');
  if (usesNewBatchWeight(from) === usesNewBatchWeight(to)) {
    checkMomentumRange(momentum);
    return momentum;
  }
  return complement(momentum);
}

/** PyTorch momentum -> Keras / TF.js / Flax momentum: 1 - m. */
export function pytorchToKerasMomentum(momentum: number): number {
  return complement(momentum);
}

/** Keras / TF.js / Flax momentum -> PyTorch momentum: 1 - m. */
export function kerasToPytorchMomentum(momentum: number): number {
  return complement(momentum);
}

/** Weight of each new batch statistic: m for PyTorch, 1 - m for the Keras conventions. */
export function newBatchWeight(momentum: number, convention: RunningStatsConvention = 'pytorch'): number {
  checkMomentumRange(momentum, convention);
  return usesNewBatchWeight(convention) ? momentum : 1 - momentum;
}

/**
 * Effective averaging window in batches, 1 / (weight of a new batch): about 10 batches for
 * PyTorch's 0.1, 100 for Keras' 0.99. Infinity when the running value never moves.
 */
export function effectiveWindow(momentum: number, convention: RunningStatsConvention = 'pytorch'): number {
  return 1 / newBatchWeight(momentum, convention);
}

/** Number of batches after which a batch's weight in the running value has halved. */
export function halfLifeBatches(momentum: number, convention: RunningStatsConvention = 'pytorch'): number {
  const weight = newBatchWeight(momentum, convention);
  if (weight === 0) return Infinity;
  return Math.log(0.5) / Math.log1p(-weight);
}

/** Everything about one momentum value, for display. */
export function describeMomentum(momentum: number, convention: RunningStatsConvention = 'pytorch'): MomentumDescription {
  conventionSchema(convention, 'convention');
  return {
    convention,
    momentum,
    pytorchMomentum: convertMomentum(momentum, convention, 'pytorch'),
    kerasMomentum: convertMomentum(momentum, convention, 'keras'),
    newBatchWeight: newBatchWeight(momentum, convention),
    window: effectiveWindow(momentum, convention),
    halfLife: halfLifeBatches(momentum, convention),
  };
}
