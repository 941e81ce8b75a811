/**
 * Shape and indexing helpers. Tensors are flat row-major (C order) arrays plus a shape, the
 * channel axis is always axis 1: index of x[n][c][s] = (n * C + c) * S + s, where S is the
 * product of the spatial dims (L, or H * W, ...).
 */

import { fail } from '../validate';
import { CalculatorError, ensure } from './errors';
import { numbers, shape as shapeSchema } from './schemas';

/** Flat values, row-major. */
export type NumericArray = Float64Array | readonly number[];

export type Shape = readonly number[];

/** A validated tensor: `data.length === shapeSize(shape)`. */
export interface Tensor {
  readonly data: Float64Array;
  readonly shape: Shape;
}

/** (N, C, spatial) view of a tensor whose channel axis is 1. */
export interface ChannelLayout {
  /** N */
  readonly batch: number;
  /** C */
  readonly channels: number;
  /** product of the dims after the channel axis (1 for an N x C tensor) */
  readonly spatial: number;
}

/** Product of the dims (1 for a scalar shape `[]`). */
export function shapeSize(shape: Shape): number {
  if (!Array.isArray(shape)) fail('shape', 'an array of dimension sizes', shape);
  return (shape as readonly number[]).reduce((product, dim) => product * dim, 1);
}

/** PyTorch's rendering of a shape in messages: `torch.Size([1, 3])`. */
export function formatTorchSize(shape: Shape): string {
  if (!Array.isArray(shape)) fail('shape', 'an array of dimension sizes', shape);
  return `torch.Size(${formatShapeList(shape)})`;
}

/** A shape as a Python list: `[2, 6, 3]`. */
export function formatShapeList(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Checks that every dim is a positive integer, the rank is at least `minRank` and the shape is
 * not empty. Throws `CalculatorError` (INVALID_SHAPE, EMPTY_INPUT) otherwise.
 */
export function validateShape(shape: Shape, minRank: number, name = 'input'): void {
  shapeSchema(shape, `${name} shape`);
  ensure(
    shape.length >= minRank,
    'INVALID_SHAPE',
    `${name} must have at least ${minRank} dimension${minRank === 1 ? '' : 's'}, got shape ${formatShapeList(shape)}`,
  );
  ensure(shapeSize(shape) > 0, 'EMPTY_INPUT', `${name} is empty (shape ${formatShapeList(shape)})`);
}

/**
 * Validates `data` against `shape` and copies it into a Float64Array.
 * @param minRank 2 for anything with a channel axis (N, C, ...)
 */
export function toTensor(data: NumericArray, shape: Shape, minRank = 1, name = 'input'): Tensor {
  numbers(data, name);
  ensure(data.length > 0, 'EMPTY_INPUT', `${name} is empty: no values`);
  validateShape(shape, minRank, name);
  const expected = shapeSize(shape);
  ensure(data.length === expected, 'SHAPE_MISMATCH', `${name} has ${data.length} values but shape ${formatShapeList(shape)} needs ${expected}`);
  return { data: Float64Array.from(data), shape: [...shape] };
}

/** Splits a shape (N, C, ...) into batch, channels and spatial size. */
export function channelLayout(shape: Shape): ChannelLayout {
  shapeSchema(shape, 'shape');
  ensure(shape.length >= 2, 'INVALID_SHAPE', `expected an input of shape (N, C, ...) with at least 2 dimensions, got ${formatShapeList(shape)}`);
  return { batch: shape[0], channels: shape[1], spatial: shapeSize(shape.slice(2)) };
}

/**
 * A per-channel (or per-feature) parameter vector such as gamma, beta or a running statistic.
 * `null`/`undefined` gives `length` copies of `fill` (gamma = 1, beta = 0, running var = 1 ...).
 * A wrong length throws PyTorch's own message for it (batch norm's by default:
 * `running_mean should contain 5 elements not 3`, a RuntimeError in PyTorch).
 */
export function parameterVector(
  values: NumericArray | null | undefined,
  length: number,
  fill: number,
  name: string,
  mismatch: (actual: number) => string = (actual) => `${name} should contain ${length} elements not ${actual}`,
): Float64Array {
  if (values === null || values === undefined) return new Float64Array(length).fill(fill);
  numbers(values, name);
  if (values.length !== length) throw new CalculatorError('SHAPE_MISMATCH', mismatch(values.length), 'RuntimeError');
  return Float64Array.from(values);
}

/** Throws INVALID_PARAMETER unless `value` is a finite number (and >= 0 when `nonNegative`). */
export function checkFinite(value: number, name: string, nonNegative = false): void {
  if (typeof value !== 'number') fail(name, 'a number', value);
  ensure(typeof value === 'number' && Number.isFinite(value), 'INVALID_PARAMETER', `${name} must be a finite number, got ${String(value)}`);
  ensure(!nonNegative || value >= 0, 'INVALID_PARAMETER', `${name} must be >= 0, got ${value}`);
}
