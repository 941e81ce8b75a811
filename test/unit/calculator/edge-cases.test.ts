/** Edge cases beyond the PyTorch vectors: numerics, degenerate input, conventions, parsing. */

import assert from 'node:assert/strict';
import {
  batchNormEval,
  batchNormTrain,
  batchStatistics,
  CalculatorError,
  convertMomentum,
  describeMomentum,
  effectiveWindow,
  explainBatchNormValue,
  fusedMultiplyAdd,
  groupNorm,
  halfLifeBatches,
  instanceNorm,
  kerasToPytorchMomentum,
  layerNorm,
  moments,
  parseTensor,
  pytorchToKerasMomentum,
  rmsNorm,
  runningUpdate,
  simulateRunningStats,
  type CalculatorErrorCode,
} from '../../../src/calculator';

/** Asserts that `fn` throws a CalculatorError with `code` whose message matches `message`. */
function assertCalculatorError(fn: () => unknown, code: CalculatorErrorCode, message: RegExp | string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CalculatorError, `expected CalculatorError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

function assertAllClose(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-12): void {
  assert.equal(actual.length, expected.length, 'length');
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])), `[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

/** Deterministic pseudo-random values, multiples of 1/64 in [-2, 2). */
function values(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 48271) % 2147483647;
    return Math.floor((state / 2147483647) * 256) / 64 - 2;
  });
}

describe('calculator edge cases', () => {
  describe('numerics', () => {
    it('keeps the variance of large-offset data where E[x^2] - E[x]^2 cancels', () => {
      const offset = 1e9;
      const x = [0, 1, 2, 3, 0, 1, 2, 3].map((v) => offset + v); // (N=8, C=1): biased var 1.25
      const stats = batchStatistics(x, [8, 1]);
      assert.equal(stats.mean[0], offset + 1.5);
      assert.ok(Math.abs(stats.variance[0] - 1.25) < 1e-12, `variance ${stats.variance[0]}`);
      assert.ok(Math.abs(stats.unbiasedVariance[0] - 10 / 7) < 1e-12);
      // The one-pass formula really is wrong here, so the check above means something.
      const naive = x.reduce((s, v) => s + v * v, 0) / 8 - (x.reduce((s, v) => s + v, 0) / 8) ** 2;
      assert.ok(Math.abs(naive - 1.25) > 0.1, `naive variance ${naive} unexpectedly accurate`);
    });

    it('gives exactly zero variance for a constant set, and NaN-free unbiased variance for two values', () => {
      const constant = moments([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
      assert.equal(constant.mean, 0.1);
      assert.equal(constant.biasedVar, 0);
      const pair = moments([1, 3]);
      assert.deepEqual([pair.mean, pair.biasedVar, pair.unbiasedVar], [2, 1, 2]);
    });

    it('computes an exactly rounded fused multiply-add', () => {
      assert.equal(fusedMultiplyAdd(0.1, 10, -1), 5.551115123125783e-17); // 0.1 * 10 != 1 exactly
      assert.equal(0.1 * 10 - 1, 0); // ... which the unfused expression loses
      assert.equal(fusedMultiplyAdd(1 + 2 ** -52, 1 + 2 ** -52, -1), 2 ** -51 + 2 ** -104);
      assert.equal(fusedMultiplyAdd(2 ** -1074, 0.5, 0), 0); // tie -> even (0)
      assert.equal(fusedMultiplyAdd(3 * 2 ** -1074, 0.5, 0), 2 * 2 ** -1074); // tie -> even (2 ulp)
      assert.equal(fusedMultiplyAdd(1.5e308, 2, -1.5e308), 1.5e308); // the product alone overflows
      assert.equal(1.5e308 * 2 - 1.5e308, Infinity);
      assert.equal(fusedMultiplyAdd(1e308, 10, 0), Infinity);
      assert.ok(Number.isNaN(fusedMultiplyAdd(Infinity, 0, 1)));
      assert.equal(fusedMultiplyAdd(2, 3, -Infinity), -Infinity);
    });
  });

  describe('degenerate input', () => {
    it('rejects empty tensors with EMPTY_INPUT', () => {
      assertCalculatorError(() => batchNormTrain([], [0, 3]), 'EMPTY_INPUT', /empty/);
      assertCalculatorError(() => batchNormEval([], [2, 3]), 'EMPTY_INPUT', /empty/);
      assertCalculatorError(() => layerNorm([], [0, 4], { normalizedShape: [4] }), 'EMPTY_INPUT', /empty/);
      assertCalculatorError(() => simulateRunningStats([], [2, 3]), 'EMPTY_INPUT', 'no batches to simulate');
    });

    it('rejects data whose length does not match the shape, and parameters of the wrong length', () => {
      assertCalculatorError(() => batchNormTrain([1, 2, 3, 4, 5], [2, 3]), 'SHAPE_MISMATCH', 'input has 5 values but shape [2, 3] needs 6');
      assertCalculatorError(() => batchNormTrain(values(6, 1), [2, 3], { gamma: [1, 1] }), 'SHAPE_MISMATCH', 'weight should contain 3 elements not 2');
      assertCalculatorError(() => batchNormEval(values(6, 1), [2, 3], { runningVar: [1] }), 'SHAPE_MISMATCH', 'running_var should contain 3 elements not 1');
      assertCalculatorError(
        () => layerNorm(values(8, 2), [2, 4], { normalizedShape: [3] }),
        'SHAPE_MISMATCH',
        'Given normalized_shape=[3], expected input with shape [*, 3], but got input of size[2, 4]',
      );
      assertCalculatorError(() => batchNormTrain(values(3, 1), [3]), 'INVALID_SHAPE', /at least 2 dimensions/);
      assertCalculatorError(() => batchNormTrain(values(6, 1), [2, 1.5, 2]), 'INVALID_SHAPE', /non-negative integers/);
    });

    it('raises PyTorch errors that the vectors do not cover', () => {
      assertCalculatorError(() => batchNormTrain(values(16, 3), [2, 2, 2, 2], { module: 'BatchNorm3d' }), 'WRONG_RANK', 'expected 5D input (got 4D input)');
      // (1, C, L) with L > 1 is fine in training, (1, C, 1) is not.
      assert.equal(batchNormTrain(values(8, 4), [1, 2, 4]).countPerChannel, 4);
      assertCalculatorError(
        () => batchNormTrain(values(2, 4), [1, 2, 1]),
        'TOO_FEW_VALUES_PER_CHANNEL',
        'Expected more than 1 value per channel when training, got input size torch.Size([1, 2, 1])',
      );
      // F.group_norm's own batch-size check prints a Python list, not torch.Size.
      assertCalculatorError(
        () => groupNorm([1, 2], [1, 2], { numGroups: 2 }),
        'TOO_FEW_VALUES_PER_CHANNEL',
        'Expected more than 1 value per channel when training, got input size [1, 2]',
      );
      assertCalculatorError(() => groupNorm(values(8, 5), [2, 4], { numGroups: 0 }), 'INVALID_PARAMETER', /num_groups/);
      assertCalculatorError(() => instanceNorm(values(6, 5), [2, 3]), 'INVALID_SHAPE', /at least 3 dimensions/);
      assertCalculatorError(() => batchNormTrain(values(6, 1), [2, 3], { eps: -1 }), 'INVALID_PARAMETER', 'eps must be >= 0, got -1');
      assertCalculatorError(() => batchNormTrain(values(6, 1), [2, 3], { momentum: 1.5 }), 'INVALID_PARAMETER', 'momentum must be between 0 and 1, got 1.5');
    });

    it('eval with running statistics works for batch size 1 and a fresh module uses (0, 1)', () => {
      const r = batchNormEval([2, -4, 0.5], [1, 3], { eps: 0 });
      assert.deepEqual(Array.from(r.y), [2, -4, 0.5]);
      assert.equal(r.statistics, 'running');
      assert.deepEqual(Array.from(r.runningVar!), [1, 1, 1]);
      assert.equal(r.numBatchesTracked, 0);
    });

    it('training with var == 0 and eps == 0 uses invstd = 0 (y = beta) and says so', () => {
      const r = batchNormTrain([5, 1, 5, 2, 5, 3], [3, 2], { eps: 0, gamma: [2, 2], beta: [0.25, 0] });
      assert.equal(r.invStd[0], 0);
      assert.deepEqual([r.y[0], r.y[2], r.y[4]], [0.25, 0.25, 0.25]);
      assert.ok(Number.isFinite(r.invStd[1]) && r.invStd[1] > 0);
      assert.ok(r.warnings.some((w) => w.includes('channel 0: zero variance with eps = 0: division by zero')));
      const inst = instanceNorm([7, 7, 1, 2], [1, 2, 2], { eps: 0, beta: [0.5, 0] });
      assert.deepEqual([inst.y[0], inst.y[1]], [0.5, 0.5]);
    });

    it('layer norm and eval-mode batch norm give NaN / Infinity there, with a warning', () => {
      const ln = layerNorm([3, 3, 3, 1, 2, 3], [2, 3], { normalizedShape: [3], eps: 0 });
      assert.ok(Number.isNaN(ln.y[0]));
      assert.ok(ln.warnings[0].includes('row 0: zero variance with eps = 0'));
      const ev = batchNormEval([1, 2], [1, 2], { eps: 0, runningMean: [0, 2], runningVar: [0, 0] });
      assert.equal(ev.y[0], Infinity);
      assert.ok(Number.isNaN(ev.y[1])); // 0 * Infinity
      assert.equal(ev.warnings.length, 2);
      const rms = rmsNorm([0, 0, 1, 1], [2, 2], { normalizedShape: [2], eps: 0 });
      assert.ok(Number.isNaN(rms.y[0]));
      assert.match(rms.warnings[0], /row 0: all zeros with eps = 0/);
    });

    it('explorer returns IEEE values for eps = 0 and explains them', () => {
      const zeroOverZero = explainBatchNormValue({ x: 2, muB: 2, sigma2B: 0, eps: 0, gamma: 1, beta: 0 });
      assert.ok(Number.isNaN(zeroOverZero.y));
      assert.ok(zeroOverZero.warnings.includes('zero variance with eps = 0: division by zero'));
      const infinite = explainBatchNormValue({ x: 3, muB: 1, sigma2B: 0, eps: 0, gamma: -1, beta: 0 });
      assert.equal(infinite.y, -Infinity);
      assert.ok(Number.isNaN(explainBatchNormValue({ x: 3, muB: 1, sigma2B: 0, eps: 0, gamma: -1, beta: 0 }, { form: 'fused' }).y));
      const negative = explainBatchNormValue({ x: 1, muB: 0, sigma2B: -1, eps: 1e-5, gamma: 1, beta: 0 });
      assert.ok(Number.isNaN(negative.y));
      assert.ok(negative.warnings.some((w) => w.includes('square root of a negative number')));
      assert.deepEqual(explainBatchNormValue({ x: 1.5, muB: 0.5, sigma2B: 4, eps: 1e-5, gamma: 2, beta: 0.1 }).warnings, []);
    });
  });

  describe('layouts', () => {
    it('pools batch norm statistics per channel over N and H*W (NCHW row-major)', () => {
      // shape (2, 2, 1, 2): channel 0 holds 1, 2 (n=0) and 5, 6 (n=1); channel 1 holds 10, 20 and 30, 40.
      const stats = batchStatistics([1, 2, 10, 20, 5, 6, 30, 40], [2, 2, 1, 2], 0);
      assert.deepEqual(Array.from(stats.mean), [3.5, 25]);
      assert.deepEqual(Array.from(stats.variance), [4.25, 125]);
      assert.equal(stats.countPerChannel, 4);
    });

    it('normalizes group norm groups of consecutive channels, and layer norm over several trailing dims', () => {
      // (1, 4, 1): groups {0, 1} and {2, 3}
      const gn = groupNorm([1, 3, 10, 30], [1, 4, 1], { numGroups: 2, eps: 0 });
      assert.deepEqual(Array.from(gn.mean), [2, 20]);
      assert.deepEqual(Array.from(gn.xHat), [-1, 1, -1, 1]);
      const ln = layerNorm([1, 3, 1, 3], [1, 2, 2], { normalizedShape: [2, 2], eps: 0, gamma: [1, 2, 3, 4], beta: [0, 0, 0, 1] });
      assert.deepEqual(Array.from(ln.y), [-1, 2, -3, 5]);
      assert.equal(ln.numRows, 1);
    });

    it('defaults RMSNorm eps to the float64 machine epsilon like torch.nn.RMSNorm(eps=None)', () => {
      const r = rmsNorm([3, 4], [1, 2], { normalizedShape: [2] });
      assert.equal(r.rms[0], Math.sqrt(12.5 + Number.EPSILON));
      assert.equal(r.meanSquare[0], 12.5);
    });
  });

  describe('running statistics', () => {
    const batches = [values(15, 11), values(15, 12), values(15, 13), values(15, 14)];
    const shape = [5, 3];

    it('gives the same running mean in pytorch (m) and keras (1 - m), but a different running var', () => {
      const pytorch = simulateRunningStats(batches, shape, { convention: 'pytorch', momentum: 0.1 });
      const keras = simulateRunningStats(batches, shape, { convention: 'keras', momentum: convertMomentum(0.1, 'pytorch', 'keras') });
      pytorch.steps.forEach((step, k) => assertAllClose(keras.steps[k].runningMean, Array.from(step.runningMean)));
      const varGap = Math.max(...pytorch.runningVar.map((v, c) => Math.abs(v - keras.runningVar[c])));
      assert.ok(varGap > 1e-3, `running var should differ (biased vs unbiased), gap ${varGap}`);
    });

    it('tf-keras-fused feeds the unbiased variance, matching PyTorch under m <-> 1 - m', () => {
      const pytorch = simulateRunningStats(batches, shape, { convention: 'pytorch', momentum: 0.25 });
      const fused = simulateRunningStats(batches, shape, { convention: 'tf-keras-fused', momentum: 0.75 });
      assertAllClose(fused.runningVar, Array.from(pytorch.runningVar));
      assertAllClose(fused.runningMean, Array.from(pytorch.runningMean));
      // by hand: batch (1, 3) -> biased var 1, unbiased 2; from running var 1 with Keras momentum 0.9
      const one = (convention: 'keras' | 'tf-keras-fused'): number => simulateRunningStats([[1, 3]], [2, 1], { convention, momentum: 0.9 }).runningVar[0];
      assert.ok(Math.abs(one('keras') - 1.0) < 1e-15);
      assert.ok(Math.abs(one('tf-keras-fused') - 1.1) < 1e-15);
    });

    it('momentum = null is a cumulative average whose first step replaces the initial values', () => {
      const r = simulateRunningStats(batches, shape, {
        momentum: null,
        runningMeanInit: [5, 5, 5],
        runningVarInit: [7, 7, 7],
      });
      for (let k = 0; k < batches.length; k++) {
        const seen = r.steps.slice(0, k + 1);
        const average = (pick: (s: (typeof seen)[number]) => Float64Array): number[] =>
          [0, 1, 2].map((c) => seen.reduce((sum, s) => sum + pick(s)[c], 0) / seen.length);
        assertAllClose(
          r.steps[k].runningMean,
          average((s) => s.batchMean),
        );
        assertAllClose(
          r.steps[k].runningVar,
          average((s) => s.batchVarUnbiased),
        );
        assert.equal(r.steps[k].numBatchesTracked, k + 1);
      }
    });

    it('momentum 0 freezes the running statistics and momentum 1 copies the batch', () => {
      const frozen = simulateRunningStats(batches, shape, { momentum: 0, runningMeanInit: [1, 2, 3] });
      assert.deepEqual(Array.from(frozen.runningMean), [1, 2, 3]);
      const copied = simulateRunningStats(batches, shape, { momentum: 1 });
      assert.deepEqual(Array.from(copied.runningMean), Array.from(copied.steps[3].batchMean));
    });

    it('applies one update in each convention with its own expression', () => {
      assert.equal(runningUpdate('pytorch', 0, 1, 0.1), 0.1);
      assert.equal(runningUpdate('keras', 0, 1, 0.9), 1 - 0.9);
      assert.equal(runningUpdate('pytorch', 4, 10, null, 2), 7); // factor 1/2
      assertCalculatorError(() => runningUpdate('keras', 0, 1, null), 'INVALID_PARAMETER', /only in the 'pytorch' convention/);
    });

    it('records the eval output with the final running statistics', () => {
      const r = simulateRunningStats(batches, shape, { evalInput: { data: [1, 2, 3], shape: [1, 3] }, eps: 0 });
      const expected = [1, 2, 3].map((v, c) => (v - r.runningMean[c]) / Math.sqrt(r.runningVar[c]));
      assertAllClose(r.yEval!, expected);
      assert.equal(batchNormTrain(batches[0], shape, { trackRunningStats: false }).runningMean, null);
    });
  });

  describe('momentum conversions', () => {
    it('converts between conventions with clean decimals', () => {
      assert.equal(convertMomentum(0.1, 'pytorch', 'keras'), 0.9);
      assert.equal(convertMomentum(0.99, 'keras', 'pytorch'), 0.01);
      assert.equal(convertMomentum(0.99, 'keras', 'tf-keras-fused'), 0.99);
      assert.equal(pytorchToKerasMomentum(0.01), 0.99);
      assert.equal(kerasToPytorchMomentum(0.999), 0.001);
      assertCalculatorError(() => convertMomentum(-0.1, 'pytorch', 'keras'), 'INVALID_PARAMETER', /between 0 and 1/);
    });

    it('gives the effective window and half-life in batches', () => {
      assert.equal(effectiveWindow(0.1), 10);
      assert.ok(Math.abs(effectiveWindow(0.99, 'keras') - 100) < 1e-9);
      assert.equal(effectiveWindow(0, 'pytorch'), Infinity);
      assert.ok(Math.abs(halfLifeBatches(0.1) - Math.log(0.5) / Math.log(0.9)) < 1e-12);
      assert.ok(Math.abs(halfLifeBatches(0.5) - 1) < 1e-15);
      assert.equal(halfLifeBatches(1), 0);
      const d = describeMomentum(0.9, 'keras');
      assert.equal(d.pytorchMomentum, 0.1);
      assert.ok(Math.abs(d.window - 10) < 1e-9);
    });
  });

  describe('parseTensor', () => {
    it('reads CSV rows, one line, and other separators', () => {
      const csv = parseTensor('1, 2, 3\n4, 5, 6\n');
      assert.deepEqual(csv.shape, [2, 3]);
      assert.deepEqual(Array.from(csv.data), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(parseTensor('0.5 -1.25e-3\t+7').shape, [3]);
      const commented = parseTensor('# activations\n1;2\n\n3;4  # second row\n');
      assert.deepEqual(
        [commented.shape, Array.from(commented.data)],
        [
          [2, 2],
          [1, 2, 3, 4],
        ],
      );
    });

    it('reads nested JSON arrays, Python lists and tensor(...) reprs', () => {
      const json = parseTensor('[[[1, 2]], [[3, 4]]]');
      assert.deepEqual(json.shape, [2, 1, 2]);
      assert.deepEqual(Array.from(json.data), [1, 2, 3, 4]);
      const torchRepr = parseTensor('tensor([[1., 2.],\n        [3., 4.],], dtype=torch.float64)');
      assert.deepEqual(
        [torchRepr.shape, Array.from(torchRepr.data)],
        [
          [2, 2],
          [1, 2, 3, 4],
        ],
      );
      const special = parseTensor('["NaN", inf, -Infinity, 1e3]');
      assert.ok(Number.isNaN(special.data[0]));
      assert.deepEqual(Array.from(special.data.slice(1)), [Infinity, -Infinity, 1000]);
    });

    it('reshapes on request', () => {
      const r = parseTensor('1 2 3 4 5 6', { shape: [1, 2, 3] });
      assert.deepEqual(r.shape, [1, 2, 3]);
      assertCalculatorError(() => parseTensor('1 2 3', { shape: [2, 2] }), 'SHAPE_MISMATCH', 'found 3 values, but shape [2, 2] needs 4');
    });

    it('rejects bad input with messages that point at the problem', () => {
      assertCalculatorError(() => parseTensor('   \n '), 'EMPTY_INPUT', 'no numbers found in the text');
      assertCalculatorError(() => parseTensor('[]'), 'EMPTY_INPUT', 'no numbers found in the text');
      assertCalculatorError(() => parseTensor('1, 2\n3, abc'), 'PARSE_ERROR', 'invalid number "abc" on line 2, value 2');
      assertCalculatorError(() => parseTensor('1, 2, 3\n4, 5'), 'PARSE_ERROR', /row 2 has 2 values, but the first row has 3/);
      assertCalculatorError(() => parseTensor('1,,2'), 'PARSE_ERROR', /empty value .* line 1, value 2/);
      assertCalculatorError(
        () => parseTensor('[[1, 2], [3]]'),
        'PARSE_ERROR',
        'ragged nested array: element 2 at depth 1 (at line 1, column 10) has shape [1], but element 1 has [2]',
      );
      assertCalculatorError(() => parseTensor('[[1, 2], 3]'), 'PARSE_ERROR', /ragged nested array/);
      assertCalculatorError(() => parseTensor('[[1, 2], [3, 4]'), 'PARSE_ERROR', /missing '\]'/);
      assertCalculatorError(() => parseTensor('[1, 2 3]'), 'PARSE_ERROR', "expected ',' or ']' at line 1, column 7, found '3'");
      assertCalculatorError(() => parseTensor('[1, 2] extra'), 'PARSE_ERROR', /unexpected text after the array/);
      assertCalculatorError(() => parseTensor('x = [1, 2]'), 'PARSE_ERROR', /unexpected text "x =" before the first '\['/);
      assertCalculatorError(() => parseTensor('[1, 0x10]'), 'PARSE_ERROR', 'invalid number "0x10" at line 1, column 5');
    });
  });
});
