/**
 * The article's single-value explorer: one activation x, the batch statistics mu_B and
 * sigma2_B, eps, gamma and beta, with every intermediate of
 *   y = gamma * (x - mu_B) / sqrt(sigma2_B + eps) + beta.
 */

import { fusedMultiplyAdd, inverseStd } from './numeric';
import { explorerInputs, explorerOptions } from './schemas';

export interface BatchNormValueInputs {
  /** the raw activation */
  readonly x: number;
  /** batch mean, mu_B */
  readonly muB: number;
  /** batch variance, sigma_B^2 */
  readonly sigma2B: number;
  /** the small constant added to the variance (PyTorch 1e-5, Keras 1e-3) */
  readonly eps: number;
  /** scale (1 for a non-affine layer) */
  readonly gamma: number;
  /** shift (0 for a non-affine layer) */
  readonly beta: number;
}

/**
 * - `textbook`: `d = x - mu; s = sqrt(var + eps); x_hat = d / s; y = gamma * x_hat + beta`, in that
 *   order (the default; bit-identical to the vectors' `float64` column).
 * - `fused`: PyTorch's kernel, `a = gamma / sqrt(var + eps); y = fma(x, a, beta - mu * a)`
 *   (bit-identical to torch float64 on CPU, including NaN where the textbook form gives
 *   ±Infinity, and the cancellation error on large offsets).
 */
export type ExplorerForm = 'textbook' | 'fused';

export interface BatchNormValueExplanation {
  readonly form: ExplorerForm;
  /** x - mu_B */
  readonly xMinusMu: number;
  /** sigma_B^2 + eps */
  readonly varPlusEps: number;
  /** sqrt(sigma_B^2 + eps), the standard deviation actually divided by */
  readonly sigma: number;
  /** 1 / sigma */
  readonly invStd: number;
  /** the normalized value */
  readonly xHat: number;
  /** the layer output gamma * x_hat + beta */
  readonly y: number;
  /** plain-language notes on anything degenerate (division by zero, overflow, ...) */
  readonly warnings: readonly string[];
}

/**
 * Every intermediate of batch normalization for one value. Never throws: where IEEE arithmetic
 * (and PyTorch) gives NaN or ±Infinity the result holds the same value and `warnings` says why.
 */
export function explainBatchNormValue(inputs: BatchNormValueInputs, options: { readonly form?: ExplorerForm } = {}): BatchNormValueExplanation {
  explorerInputs(inputs, 'inputs');
  explorerOptions(options, 'options');
  const form = options.form ?? 'textbook';
  const { x, muB, sigma2B, eps, gamma, beta } = inputs;
  const xMinusMu = x - muB;
  const varPlusEps = sigma2B + eps;
  const sigma = Math.sqrt(varPlusEps);
  const invStd = inverseStd(sigma2B, eps, false);
  const { xHat, y } = form === 'fused' ? fusedOutputs(inputs, invStd) : textbookOutputs(xMinusMu, sigma, gamma, beta);
  const warnings = explorerWarnings(inputs, { xMinusMu, varPlusEps, xHat, y });
  return { form, xMinusMu, varPlusEps, sigma, invStd, xHat, y, warnings };
}

/** The article's order of operations: x_hat = d / s, then y = gamma * x_hat + beta. */
function textbookOutputs(xMinusMu: number, sigma: number, gamma: number, beta: number): { xHat: number; y: number } {
  const xHat = xMinusMu / sigma;
  return { xHat, y: gamma * xHat + beta };
}

/** PyTorch's `x * a + (beta - mu * a)` with `a = gamma * invstd`, as one fused multiply-add. */
function fusedOutputs(inputs: BatchNormValueInputs, invStd: number): { xHat: number; y: number } {
  const { x, muB, gamma, beta } = inputs;
  const scaled = (scale: number, shift: number): number => {
    const a = invStd * scale;
    return fusedMultiplyAdd(x, a, shift - muB * a);
  };
  return { xHat: scaled(1, 0), y: scaled(gamma, beta) };
}

interface ExplorerValues {
  readonly xMinusMu: number;
  readonly varPlusEps: number;
  readonly xHat: number;
  readonly y: number;
}

function explorerWarnings(inputs: BatchNormValueInputs, v: ExplorerValues): string[] {
  const warnings: string[] = [];
  const nonFinite = Object.entries(inputs).filter(([, value]) => !Number.isFinite(value));
  for (const [name] of nonFinite) warnings.push(`input ${name} is not a finite number`);
  if (inputs.sigma2B < 0) warnings.push('negative variance sigma2_B: a variance is never below 0');
  if (inputs.eps < 0) warnings.push('negative eps: eps must be >= 0');
  if (nonFinite.length === 0) warnings.push(...degenerateWarnings(inputs, v));
  return warnings;
}

function degenerateWarnings(inputs: BatchNormValueInputs, v: ExplorerValues): string[] {
  const warnings: string[] = [];
  if (v.varPlusEps === 0) {
    warnings.push(inputs.eps === 0 ? 'zero variance with eps = 0: division by zero' : 'sigma2_B + eps = 0: division by zero');
    if (v.xMinusMu === 0) warnings.push('x = mu_B as well: 0 / 0 is NaN');
  } else if (v.varPlusEps < 0) {
    warnings.push('sigma2_B + eps < 0: square root of a negative number is NaN');
  }
  if (!Number.isFinite(v.xMinusMu)) warnings.push('x - mu_B overflows float64 (exceeds 1.8e308)');
  if (v.varPlusEps > 0 && v.varPlusEps < 2.2250738585072014e-308) {
    warnings.push('sigma2_B + eps is a denormal number: precision is reduced');
  }
  if (v.varPlusEps > 0 && Number.isFinite(v.xMinusMu) && !Number.isFinite(v.y)) {
    warnings.push('y overflows float64');
  }
  if (inputs.eps === 0 && v.varPlusEps !== 0) {
    warnings.push('eps = 0: a zero variance would divide by zero');
  }
  return warnings;
}
