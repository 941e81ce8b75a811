/**
 * The calculator's argument schemas, one per public function's options: wrong types throw a
 * `TypeError` naming the field, impossible values a `CalculatorError`. Checked first thing, so no
 * function computes on a string, hangs on `[1e9]` or returns NaN for a mistyped option.
 */
import { array, boolean, fail, literal, nullable, number, object, optional, type Schema } from '../validate';
import { CalculatorError } from './errors';
import type { RunningStatsConvention } from './momentum';
import type { NumericArray, Shape } from './tensor';

/** The most values one tensor may hold: 16 M float64 = 128 MB, far beyond anything typed into a calculator. */
export const MAX_ELEMENTS = 1 << 24;
/** PyTorch tensors have at most 64 dimensions. */
export const MAX_RANK = 64;

/** An Array of numbers or a Float64Array / Float32Array (NaN and ±Infinity allowed: results then say so). */
export const numbers: Schema<NumericArray> = (value, field) => {
  if (value instanceof Float64Array || value instanceof Float32Array) return value as NumericArray;
  if (!Array.isArray(value)) return fail(field, 'an array of numbers or a Float64Array', value);
  if (value.length > MAX_ELEMENTS)
    throw new CalculatorError('INVALID_SHAPE', `${field} has ${value.length} values; the calculator computes on at most ${MAX_ELEMENTS}`);
  value.forEach((v, i) => number(v, `${field}[${i}]`));
  return value as NumericArray;
};

/** Dimension sizes: non-negative integers, at most MAX_RANK of them, at most MAX_ELEMENTS in all. */
export const shape: Schema<Shape> = (value, field) => {
  const dims = array(number, 'an array of dimension sizes, e.g. [2, 3]')(value, field);
  const list = `[${dims.join(', ')}]`;
  if (!dims.every((d) => Number.isInteger(d) && d >= 0)) throw new CalculatorError('INVALID_SHAPE', `${field} ${list} must contain non-negative integers`);
  if (dims.length > MAX_RANK) throw new CalculatorError('INVALID_SHAPE', `${field} has ${dims.length} dimensions; at most ${MAX_RANK} are supported`);
  const size = dims.reduce((p, d) => p * d, 1);
  if (size > MAX_ELEMENTS)
    throw new CalculatorError('INVALID_SHAPE', `${field} ${list} has ${size} elements; the calculator computes on at most ${MAX_ELEMENTS}`);
  return dims;
};

export const convention: Schema<RunningStatsConvention> = literal(['pytorch', 'keras', 'tf-keras-fused']);

const affine = { eps: optional(number), gamma: nullable(numbers), beta: nullable(numbers) };
const module = optional(literal(['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d']));
const runningBuffers = {
  runningMean: nullable(numbers),
  runningVar: nullable(numbers),
  numBatchesTracked: optional(number),
  trackRunningStats: optional(boolean),
};

export const batchNormTrainOptions = object({ ...affine, module, momentum: nullable(number), ...runningBuffers });
export const batchNormEvalOptions = object({ ...affine, module, ...runningBuffers });
export const layerNormOptions = object({ ...affine, normalizedShape: shape });
export const groupNormOptions = object({ ...affine, numGroups: number });
export const instanceNormOptions = object(affine);
export const rmsNormOptions = object({ normalizedShape: shape, eps: nullable(number), gamma: nullable(numbers) });
export const runningStatsOptions = object({
  convention: optional(convention),
  momentum: nullable(number),
  eps: optional(number),
  gamma: nullable(numbers),
  beta: nullable(numbers),
  runningMeanInit: nullable(numbers),
  runningVarInit: nullable(numbers),
  evalInput: nullable(object({ data: numbers, shape })),
});
export const explorerInputs = object({ x: number, muB: number, sigma2B: number, eps: number, gamma: number, beta: number });
export const explorerOptions = object({ form: optional(literal(['textbook', 'fused'])) });
export const parseTensorOptions = object({ shape: optional(shape) });

/** Checks `x` and `shape` of a tensor argument (the counts' agreement is `toTensor`'s). */
export function tensorArguments(x: unknown, dims: unknown): void {
  numbers(x, 'x');
  shape(dims, 'shape');
}

/** An options argument: undefined means "all defaults". */
export function checkOptions<T>(schema: Schema<T>, value: unknown, field = 'options'): void {
  if (value !== undefined) schema(value, field);
}
