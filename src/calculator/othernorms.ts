/**
 * Normalizations that do not pool over the batch: LayerNorm, GroupNorm, InstanceNorm and
 * RMSNorm. Each one normalizes contiguous blocks of the row-major data:
 * - LayerNorm: each row of the trailing `normalizedShape` dims;
 * - GroupNorm: for each sample, the C/G channels of a group with all their spatial positions;
 * - InstanceNorm: for each sample and channel, its spatial positions.
 */

import { CalculatorError, ensure } from './errors';
import { groupNormOptions, instanceNormOptions, layerNormOptions, rmsNormOptions, checkOptions, tensorArguments } from './schemas';
import { number } from '../validate';
import { compensatedSum, inverseStd, moments } from './numeric';
import { channelLayout, checkFinite, formatShapeList, formatTorchSize, parameterVector, shapeSize, toTensor, type NumericArray, type Shape } from './tensor';

export interface LayerNormOptions {
  /** the trailing dims to normalize over, e.g. [C] or [C, H, W] */
  readonly normalizedShape: Shape;
  /** default 1e-5 */
  readonly eps?: number;
  /** elementwise scale of shape normalizedShape; omitted or null = 1 */
  readonly gamma?: NumericArray | null;
  /** elementwise shift of shape normalizedShape; omitted or null = 0 */
  readonly beta?: NumericArray | null;
}

export interface GroupNormOptions {
  readonly numGroups: number;
  /** default 1e-5 */
  readonly eps?: number;
  /** per-channel scale; omitted or null = 1 */
  readonly gamma?: NumericArray | null;
  /** per-channel shift; omitted or null = 0 */
  readonly beta?: NumericArray | null;
}

export interface InstanceNormOptions {
  /** default 1e-5 */
  readonly eps?: number;
  /** per-channel scale; omitted or null = 1 (InstanceNorm's default affine=False) */
  readonly gamma?: NumericArray | null;
  readonly beta?: NumericArray | null;
}

export interface RmsNormOptions {
  readonly normalizedShape: Shape;
  /** default: null = Number.EPSILON, like torch.nn.RMSNorm(eps=None) in float64 */
  readonly eps?: number | null;
  /** elementwise scale of shape normalizedShape; omitted or null = 1 */
  readonly gamma?: NumericArray | null;
}

/** Result of normalizing blocks: one mean / variance / rstd per block (row, group, instance). */
export interface BlockNormResult {
  readonly y: Float64Array;
  readonly xHat: Float64Array;
  readonly mean: Float64Array;
  /** biased variance */
  readonly variance: Float64Array;
  /** 1 / sqrt(variance + eps) */
  readonly rstd: Float64Array;
  readonly warnings: readonly string[];
}

export interface LayerNormResult extends BlockNormResult {
  /** product of the leading dims not in normalizedShape */
  readonly numRows: number;
  /** product of normalizedShape */
  readonly rowSize: number;
}

export interface RmsNormResult {
  readonly y: Float64Array;
  /** mean of x^2 per row */
  readonly meanSquare: Float64Array;
  /** sqrt(meanSquare + eps) per row */
  readonly rms: Float64Array;
  readonly numRows: number;
  readonly rowSize: number;
  readonly warnings: readonly string[];
}

const DEFAULT_EPS = 1e-5;

/** LayerNorm over the trailing `normalizedShape` dims (torch.nn.LayerNorm). */
export function layerNorm(x: NumericArray, shape: Shape, options: LayerNormOptions): LayerNormResult {
  tensorArguments(x, shape);
  layerNormOptions(options, 'options');
  const rowSize = checkNormalizedShape(shape, options.normalizedShape);
  const tensor = toTensor(x, shape, options.normalizedShape.length);
  const eps = checkedEps(options.eps);
  const normalized = formatShapeList(options.normalizedShape);
  const gamma = parameterVector(
    options.gamma,
    rowSize,
    1,
    'gamma',
    (n) => `Expected weight to be of same shape as normalized_shape, but got weight of shape [${n}] and normalized_shape = ${normalized}`,
  );
  const beta = parameterVector(
    options.beta,
    rowSize,
    0,
    'beta',
    (n) => `Expected bias to be of same shape as normalized_shape, but got bias of shape [${n}] and normalized_shape = ${normalized}`,
  );
  const blocks = normalizeBlocks(tensor.data, rowSize, eps, false);
  const result = applyAffine(blocks, (i) => i % rowSize, gamma, beta, 'row', eps);
  return { ...result, numRows: tensor.data.length / rowSize, rowSize };
}

/** GroupNorm with `numGroups` groups of consecutive channels (torch.nn.functional.group_norm). */
export function groupNorm(x: NumericArray, shape: Shape, options: GroupNormOptions): BlockNormResult {
  tensorArguments(x, shape);
  groupNormOptions(options, 'options');
  checkGroupNormInput(shape, options.numGroups);
  const tensor = toTensor(x, shape, 2);
  const layout = channelLayout(tensor.shape);
  const eps = checkedEps(options.eps);
  const perChannel = (what: string) => (n: number) =>
    `Expected ${what} to be a vector of size equal to the number of channels in input, but got ${what} of shape [${n}] and input of shape ${formatShapeList(shape)}`;
  const gamma = parameterVector(options.gamma, layout.channels, 1, 'gamma', perChannel('weight'));
  const beta = parameterVector(options.beta, layout.channels, 0, 'beta', perChannel('bias'));
  const blockSize = (layout.channels / options.numGroups) * layout.spatial;
  const blocks = normalizeBlocks(tensor.data, blockSize, eps, false);
  const channelOf = (i: number): number => Math.floor(i / layout.spatial) % layout.channels;
  return applyAffine(blocks, channelOf, gamma, beta, 'group', eps);
}

/** InstanceNorm (training statistics, as InstanceNorm1d/2d/3d with track_running_stats=False). */
export function instanceNorm(x: NumericArray, shape: Shape, options: InstanceNormOptions = {}): BlockNormResult {
  tensorArguments(x, shape);
  checkOptions(instanceNormOptions, options);
  ensure(
    shape.length >= 3,
    'INVALID_SHAPE',
    `instance norm needs an input of shape (N, C, ...spatial) with at least 3 dimensions, got ${formatShapeList(shape)}; for an unbatched (C, L) input use shape [1, C, L]`,
  );
  const tensor = toTensor(x, shape, 3);
  const layout = channelLayout(tensor.shape);
  if (layout.spatial === 1) {
    throw new CalculatorError(
      'TOO_FEW_SPATIAL_ELEMENTS',
      `Expected more than 1 spatial element when training, got input size ${formatTorchSize(shape)}`,
      'ValueError',
    );
  }
  const eps = checkedEps(options.eps);
  const gamma = parameterVector(options.gamma, layout.channels, 1, 'gamma', (n) => `gamma has ${n} values, expected ${layout.channels}`);
  const beta = parameterVector(options.beta, layout.channels, 0, 'beta', (n) => `beta has ${n} values, expected ${layout.channels}`);
  const blocks = normalizeBlocks(tensor.data, layout.spatial, eps, true);
  const channelOf = (i: number): number => Math.floor(i / layout.spatial) % layout.channels;
  return applyAffine(blocks, channelOf, gamma, beta, 'instance', eps);
}

/** RMSNorm: y = x / sqrt(mean(x^2 over normalizedShape) + eps) * gamma (no centering). */
export function rmsNorm(x: NumericArray, shape: Shape, options: RmsNormOptions): RmsNormResult {
  tensorArguments(x, shape);
  rmsNormOptions(options, 'options');
  const rowSize = checkNormalizedShape(shape, options.normalizedShape);
  const tensor = toTensor(x, shape, options.normalizedShape.length);
  const eps = options.eps ?? Number.EPSILON;
  checkFinite(eps, 'eps', true);
  const gamma = parameterVector(options.gamma, rowSize, 1, 'gamma', (n) => `gamma has ${n} values, expected ${rowSize}`);
  const numRows = tensor.data.length / rowSize;
  const meanSquare = new Float64Array(numRows);
  const rms = new Float64Array(numRows);
  const y = new Float64Array(tensor.data.length);
  for (let r = 0; r < numRows; r++) {
    const row = tensor.data.subarray(r * rowSize, (r + 1) * rowSize);
    meanSquare[r] = compensatedSum(row.map((v) => v * v)) / rowSize;
    rms[r] = Math.sqrt(meanSquare[r] + eps);
    row.forEach((v, j) => {
      y[r * rowSize + j] = (v / rms[r]) * gamma[j];
    });
  }
  const warnings = [...rms].flatMap((v, r) => (v === 0 ? [`row ${r}: all zeros with eps = 0: division by zero (0 / 0 = NaN)`] : []));
  return { y, meanSquare, rms, numRows, rowSize, warnings };
}

/** PyTorch's GroupNorm constructor check: throws unless numChannels % numGroups === 0. */
export function validateGroupNormConfig(numGroups: number, numChannels: number): void {
  number(numGroups, 'numGroups');
  number(numChannels, 'numChannels');
  checkPositiveInteger(numGroups, 'num_groups');
  checkPositiveInteger(numChannels, 'num_channels');
  if (numChannels % numGroups !== 0) {
    throw new CalculatorError('GROUPS_NOT_DIVISIBLE', 'num_channels must be divisible by num_groups', 'ValueError');
  }
}

/** F.group_norm's checks, in its order: rank, one value per group, divisibility. */
function checkGroupNormInput(shape: Shape, numGroups: number): void {
  if (shape.length < 2) {
    throw new CalculatorError('INVALID_SHAPE', `Expected at least 2 dimensions for input tensor but received ${shape.length}`, 'RuntimeError');
  }
  checkPositiveInteger(numGroups, 'num_groups');
  const [batch, channels] = [shape[0], shape[1]];
  const verifiedSize = [Math.floor((batch * channels) / numGroups), numGroups, ...shape.slice(2)];
  if (verifiedSize[0] * shapeSize(shape.slice(2)) === 1) {
    throw new CalculatorError(
      'TOO_FEW_VALUES_PER_CHANNEL',
      `Expected more than 1 value per channel when training, got input size ${formatShapeList(verifiedSize)}`,
      'ValueError',
    );
  }
  if (channels % numGroups !== 0) {
    throw new CalculatorError(
      'GROUPS_NOT_DIVISIBLE',
      `Expected number of channels in input to be divisible by num_groups, but got input of shape ${formatShapeList(shape)} and num_groups=${numGroups}`,
      'RuntimeError',
    );
  }
}

/** The size of one normalized row; throws PyTorch's RuntimeError if the trailing dims differ. */
function checkNormalizedShape(shape: Shape, normalizedShape: Shape): number {
  ensure(
    normalizedShape.length > 0,
    'INVALID_SHAPE',
    'Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []',
  );
  const trailing = shape.slice(shape.length - normalizedShape.length);
  const matches = shape.length >= normalizedShape.length && trailing.every((d, i) => d === normalizedShape[i]);
  if (!matches) {
    throw new CalculatorError(
      'SHAPE_MISMATCH',
      `Given normalized_shape=${formatShapeList(normalizedShape)}, expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size${formatShapeList(shape)}`,
      'RuntimeError',
    );
  }
  return shapeSize(normalizedShape);
}

function checkPositiveInteger(value: number, name: string): void {
  ensure(Number.isInteger(value) && value > 0, 'INVALID_PARAMETER', `${name} must be a positive integer, got ${value}`);
}

function checkedEps(eps: number | undefined): number {
  const value = eps ?? DEFAULT_EPS;
  checkFinite(value, 'eps', true);
  return value;
}

interface Blocks {
  readonly xHat: Float64Array;
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly rstd: Float64Array;
}

/**
 * Normalizes consecutive blocks of `blockSize` values with their own mean and biased variance.
 * `zeroForDegenerate`: var == 0 and eps == 0 gives rstd = 0 (instance norm) instead of Infinity.
 */
function normalizeBlocks(data: Float64Array, blockSize: number, eps: number, zeroForDegenerate: boolean): Blocks {
  const count = data.length / blockSize;
  const mean = new Float64Array(count);
  const variance = new Float64Array(count);
  const rstd = new Float64Array(count);
  const xHat = new Float64Array(data.length);
  for (let b = 0; b < count; b++) {
    const block = data.subarray(b * blockSize, (b + 1) * blockSize);
    const m = moments(block);
    mean[b] = m.mean;
    variance[b] = m.biasedVar;
    rstd[b] = inverseStd(m.biasedVar, eps, zeroForDegenerate);
    block.forEach((v, j) => {
      xHat[b * blockSize + j] = (v - m.mean) * rstd[b];
    });
  }
  return { xHat, mean, variance, rstd };
}

function applyAffine(
  blocks: Blocks,
  parameterIndex: (i: number) => number,
  gamma: Float64Array,
  beta: Float64Array,
  blockName: string,
  eps: number,
): BlockNormResult {
  const y = blocks.xHat.map((v, i) => v * gamma[parameterIndex(i)] + beta[parameterIndex(i)]);
  const warnings: string[] = [];
  blocks.variance.forEach((v, b) => {
    if (v === 0 && eps === 0) {
      warnings.push(
        blocks.rstd[b] === 0
          ? `${blockName} ${b}: zero variance with eps = 0: division by zero; PyTorch uses rstd = 0 here, so x_hat = 0 and y = beta`
          : `${blockName} ${b}: zero variance with eps = 0: division by zero (0 * Infinity = NaN)`,
      );
    }
  });
  return { ...blocks, y, warnings };
}
