/**
 * Every calculator entry point checks its arguments first: wrong types are TypeErrors naming the
 * field, impossible values CalculatorErrors; nothing computes on a string, hangs or returns garbage.
 */
import assert from 'node:assert/strict';
import {
  batchNormEval,
  batchNormTrain,
  batchStatistics,
  CalculatorError,
  channelLayout,
  compensatedSum,
  convertMomentum,
  describeMomentum,
  explainBatchNormValue,
  fusedMultiplyAdd,
  groupNorm,
  halfLifeBatches,
  instanceNorm,
  layerNorm,
  moments,
  parseNumber,
  parseTensor,
  rmsNorm,
  runningUpdate,
  shapeSize,
  simulateRunningStats,
  toTensor,
  validateGroupNormConfig,
} from '../../../src/calculator';

const typeError = (fn: () => unknown, message: RegExp) => assert.throws(fn, (e: unknown) => e instanceof TypeError && message.test(e.message));
const calculatorError = (fn: () => unknown, code: string, message: RegExp | string) =>
  assert.throws(
    fn,
    (e: unknown) => e instanceof CalculatorError && e.code === code && (typeof message === 'string' ? e.message === message : message.test(e.message)),
  );
// eslint-style escape hatch for calls that break the types on purpose
const bad = <T>(value: unknown) => value as T;
const X = [1, 2, 3, 4, 5, 6];

describe('calculator input validation', () => {
  it('strings instead of numbers are TypeErrors naming the field, never character arrays', () => {
    typeError(() => batchNormTrain(bad('1,2,3,4'), [2, 2]), /^x must be an array of numbers or a Float64Array, got "1,2,3,4"$/);
    typeError(() => batchNormTrain(bad(['1', '2', '3', '4']), [2, 2]), /^x\[0\] must be a number, got "1"$/);
    typeError(() => batchNormTrain(X, bad('2,3')), /^shape must be an array of dimension sizes, e\.g\. \[2, 3\], got "2,3"$/);
    typeError(() => batchNormTrain(X, [2, 3], { gamma: bad('ab') }), /^options\.gamma must be an array of numbers/);
    typeError(() => batchNormTrain(X, [2, 3], { eps: bad('0.1') }), /^options\.eps must be a number, got "0\.1"$/);
    typeError(() => batchNormTrain(X, [2, 3], { momentum: bad('0.1') }), /^options\.momentum must be a number/);
    typeError(() => batchNormEval(X, [2, 3], { runningMean: bad('abc') }), /^options\.runningMean must be an array of numbers/);
    typeError(() => layerNorm(bad('abc'), [3], { normalizedShape: [3] }), /^x must be an array/);
    typeError(() => rmsNorm(X, [2, 3], bad({})), /^options\.normalizedShape must be an array of dimension sizes/);
    typeError(() => explainBatchNormValue(bad({ x: 'x', muB: 0, sigma2B: 1, eps: 1e-5, gamma: 1, beta: 0 })), /^inputs\.x must be a number, got "x"$/);
    typeError(() => toTensor(bad('abc'), [3]), /^input must be an array of numbers/);
    typeError(() => moments(bad('abc')), /^values must be an array of numbers/);
    typeError(() => compensatedSum(bad('abc')), /^values must be an array of numbers/);
    typeError(() => fusedMultiplyAdd(1, bad('2'), 3), /^b must be a number/);
    typeError(() => shapeSize(bad('abc')), /^shape must be an array/);
    typeError(() => channelLayout(bad('xy')), /^shape must be an array/);
    typeError(() => halfLifeBatches(bad('x')), /^momentum must be a number, got "x"$/);
    typeError(() => convertMomentum(0.1, 'pytorch', bad('tf')), /^to must be one of "pytorch", "keras", "tf-keras-fused", got "tf"$/);
    typeError(() => describeMomentum(0.1, bad('torch')), /^convention must be one of/);
    typeError(() => runningUpdate('pytorch', bad('1'), 2, 0.1), /^running must be a number/);
    typeError(() => validateGroupNormConfig(bad('4'), 6), /^numGroups must be a number/);
    typeError(() => simulateRunningStats(bad([[1, 2], 'x']), [1, 2]), /^batches\[1\] must be an array of numbers/);
    typeError(() => parseTensor(bad(5)), /^text must be a string, got 5$/);
    typeError(() => parseNumber(bad(5), ''), /^token must be a string/);
  });

  it('misspelt options are named instead of silently ignored', () => {
    typeError(
      () => batchNormTrain(X, [2, 3], bad({ epsilon: 0.1 })),
      /^options has an unknown key "epsilon" \(expected one of: eps, gamma, beta, module, momentum,/,
    );
    typeError(() => groupNorm(X, [1, 6], bad({ groups: 2 })), /^options has an unknown key "groups"/);
    typeError(() => instanceNorm([1, 2, 3, 4], [1, 2, 2], bad({ affine: true })), /^options has an unknown key "affine"/);
    typeError(() => batchNormTrain(X, [2, 3], bad({ module: 'BatchNorm4d' })), /^options\.module must be one of "BatchNorm1d", "BatchNorm2d", "BatchNorm3d"/);
    typeError(
      () => explainBatchNormValue({ x: 1, muB: 0, sigma2B: 1, eps: 1e-5, gamma: 1, beta: 0 }, bad({ form: 'fast' })),
      /^options\.form must be one of "textbook", "fused"/,
    );
  });

  it('NaN, fractions and absurd sizes in shapes are CalculatorErrors before any allocation', () => {
    calculatorError(() => batchNormTrain(X, [NaN, 3]), 'INVALID_SHAPE', 'shape [NaN, 3] must contain non-negative integers');
    calculatorError(() => instanceNorm(X, [1, NaN, 2]), 'INVALID_SHAPE', /must contain non-negative integers/);
    calculatorError(
      () => batchNormTrain(X, [1e9]),
      'INVALID_SHAPE',
      /shape \[1000000000\] has 1000000000 elements; the calculator computes on at most 16777216/,
    );
    calculatorError(() => batchNormTrain(X, [1e9, 1e9]), 'INVALID_SHAPE', /at most 16777216/);
    calculatorError(() => groupNorm(X, [1e9, 2], { numGroups: 1 }), 'INVALID_SHAPE', /at most 16777216/);
    calculatorError(() => layerNorm(X, [2, 3], { normalizedShape: [1e9] }), 'INVALID_SHAPE', /options\.normalizedShape \[1000000000\] has 1000000000 elements/);
    calculatorError(() => parseTensor('1 2', { shape: [1e9] }), 'INVALID_SHAPE', /at most 16777216/);
    calculatorError(() => batchNormTrain(X, [Infinity, 3]), 'INVALID_SHAPE', /non-negative integers/);
    calculatorError(() => batchNormTrain(X, new Array(65).fill(1)), 'INVALID_SHAPE', /65 dimensions; at most 64/);
    calculatorError(() => batchStatistics(X, [2, -3]), 'INVALID_SHAPE', /non-negative integers/);
  });

  it("parameters of the wrong length raise PyTorch's own messages", () => {
    const x = Array.from({ length: 10 }, (_, i) => i);
    calculatorError(() => batchNormEval(x, [2, 5], { runningMean: [1, 2, 3] }), 'SHAPE_MISMATCH', 'running_mean should contain 5 elements not 3');
    calculatorError(() => batchNormTrain(x, [2, 5], { runningVar: [1, 2, 3] }), 'SHAPE_MISMATCH', 'running_var should contain 5 elements not 3');
    calculatorError(() => batchNormTrain(x, [2, 5], { beta: [1] }), 'SHAPE_MISMATCH', 'bias should contain 5 elements not 1');
    calculatorError(() => simulateRunningStats([x], [2, 5], { runningMeanInit: [0, 0, 0] }), 'SHAPE_MISMATCH', 'running_mean should contain 5 elements not 3');
    calculatorError(
      () => layerNorm(x, [2, 5], { normalizedShape: [5], gamma: [1, 1] }),
      'SHAPE_MISMATCH',
      'Expected weight to be of same shape as normalized_shape, but got weight of shape [2] and normalized_shape = [5]',
    );
    calculatorError(
      () => groupNorm(x, [1, 10], { numGroups: 2, gamma: [1, 1] }),
      'SHAPE_MISMATCH',
      'Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [2] and input of shape [1, 10]',
    );
    assert.throws(
      () => batchNormEval(x, [2, 5], { runningMean: [1, 2, 3] }),
      (e: unknown) => e instanceof CalculatorError && e.pythonType === 'RuntimeError',
    );
  });

  describe('parseTensor', () => {
    const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

    it('is linear in nesting depth: 60 levels parse at once (the old parser doubled its work per level)', () => {
      const parsed = parseTensor(nested(60, '1, 2'));
      assert.equal(parsed.shape.length, 60);
      assert.deepEqual([...parsed.data], [1, 2]);
    });

    it('refuses nesting deeper than 64 levels with a message, without recursion (5,000 and 1,000,000 levels)', () => {
      calculatorError(() => parseTensor(nested(65)), 'PARSE_ERROR', /arrays nested more than 64 deep at line 1, column 65/);
      calculatorError(() => parseTensor(nested(5000)), 'PARSE_ERROR', /nested more than 64 deep/);
      calculatorError(() => parseTensor('['.repeat(1_000_000)), 'PARSE_ERROR', /nested more than 64 deep/);
    });

    it('reads a large flat array and a wide 2-D array in one pass', () => {
      const values = Array.from({ length: 200_000 }, (_, i) => i % 7);
      assert.equal(parseTensor(`[${values.join(', ')}]`).data.length, 200_000);
      const rows = Array.from({ length: 500 }, () => `[${values.slice(0, 200).join(',')}]`);
      assert.deepEqual(parseTensor(`[${rows.join(',\n')}]`).shape, [500, 200]);
    });

    it('still reports ragged and mixed arrays with their position', () => {
      calculatorError(
        () => parseTensor('[[1, 2], [3]]'),
        'PARSE_ERROR',
        /element 2 at depth 1 \(at line 1, column 10\) has shape \[1\], but element 1 has \[2\]/,
      );
      calculatorError(() => parseTensor('[1, [2]]'), 'PARSE_ERROR', /ragged nested array: element 2/);
      calculatorError(() => parseTensor('[[1, 2], [3, x]]'), 'PARSE_ERROR', /invalid number "x" at line 1, column 14/);
    });
  });
});
