/** The calculator's Batch size section: exact spreads, the seeded simulation, PyTorch's error, GroupNorm. */
import assert from 'node:assert/strict';
import { analyzeBatchSizes, CalculatorError, DEFAULT_BATCH_SIZES } from '../../../src/calculator';

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.abs(expected), `${what}: got ${actual}, expected ${expected} (±${tol * 100}%)`);

describe('calculator: batch size', () => {
  const normal = { kind: 'normal', mean: 2, std: 3 } as const;

  it('gives the exact spread of the batch mean and the biased batch variance', () => {
    const { rows, distribution } = analyzeBatchSizes({ distribution: normal, batchSizes: [2, 4, 16], trials: 0 });
    assert.deepEqual(distribution, { mean: 2, variance: 9, kurtosis: 3 });
    for (const row of rows) {
      const n = row.batchSize;
      close(row.mean.std, 3 / Math.sqrt(n), 1e-12, `mean std at ${n}`);
      close(row.mean.relative, 1 / Math.sqrt(n), 1e-12, `relative mean std at ${n}`);
      // Normal data: Var(s²_unbiased) = 2σ⁴/(n−1); the biased variance is (n−1)/n of it.
      close(row.variance.expected, (9 * (n - 1)) / n, 1e-12, `expected variance at ${n}`);
      close(row.variance.std, ((n - 1) / n) * 9 * Math.sqrt(2 / (n - 1)), 1e-12, `variance std at ${n}`);
      assert.equal(row.mean.simulatedStd, undefined);
    }
    // Batch of 2: the variance estimate scatters by its own size (relative std 0.5 · √2 ≈ 0.71).
    close(rows[0].variance.relative, 0.5 * Math.SQRT2, 1e-12, 'relative variance std at 2');
  });

  it('uses the kurtosis of a uniform distribution', () => {
    const [row] = analyzeBatchSizes({ distribution: { kind: 'uniform', low: 0, high: 1 }, batchSizes: [10], trials: 0 }).rows;
    // σ² = 1/12, κ = 1.8: Var(s²_u) = σ⁴ (1.8 − 7/9) / 10.
    close(row.variance.std, 0.9 * (1 / 12) * Math.sqrt((1.8 - 7 / 9) / 10), 1e-12, 'uniform variance std');
  });

  it('simulates with a fixed seed: reproducible and close to the formulas', () => {
    const options = { distribution: normal, batchSizes: [2, 8, 64], trials: 4000, seed: 7 };
    const a = analyzeBatchSizes(options);
    assert.deepEqual(analyzeBatchSizes(options), a, 'same seed, same numbers');
    assert.notDeepEqual(analyzeBatchSizes({ ...options, seed: 8 }).rows[0].mean.simulatedStd, a.rows[0].mean.simulatedStd);
    for (const row of a.rows) {
      close(row.mean.simulatedStd!, row.mean.std, 0.05, `simulated mean std at ${row.batchSize}`);
      close(row.variance.simulatedStd!, row.variance.std, 0.08, `simulated variance std at ${row.batchSize}`);
    }
  });

  it('reports the error PyTorch raises when a channel has a single value', () => {
    const { rows } = analyzeBatchSizes({ distribution: normal, batchSizes: [1, 2], channels: 64, trials: 0 });
    assert.deepEqual(rows[0].pytorchError, {
      type: 'ValueError',
      message: 'Expected more than 1 value per channel when training, got input size torch.Size([1, 64])',
    });
    assert.equal(rows[0].variance.std, 0);
    assert.equal(rows[0].variance.expected, 0);
    assert.equal(rows[1].pytorchError, undefined);
    // With spatial positions a batch of one does not raise: each sample is normalized by itself.
    const spatial = analyzeBatchSizes({ distribution: normal, batchSizes: [1], spatialSize: 49, trials: 0 });
    assert.equal(spatial.rows[0].pytorchError, undefined);
    assert.equal(spatial.rows[0].valuesPerChannel, 49);
  });

  it('shows GroupNorm statistics independent of the batch size', () => {
    const result = analyzeBatchSizes({ distribution: normal, channels: 64, numGroups: 16, spatialSize: 4, trials: 0 });
    assert.deepEqual(
      result.rows.map((r) => r.batchSize),
      [...DEFAULT_BATCH_SIZES],
    );
    assert.equal(result.groupNorm.valuesPerGroup, 16);
    close(result.groupNorm.mean.std, 3 / 4, 1e-12, 'GroupNorm mean std');
    // BatchNorm at batch size 4 with 4 positions sees 16 values per channel too: the same spread.
    const four = result.rows.find((r) => r.batchSize === 4)!;
    close(four.mean.std, result.groupNorm.mean.std, 1e-12, 'BN at 16 values vs GN');
  });

  it('rejects invalid options with CalculatorError', () => {
    const rejects = (options: Parameters<typeof analyzeBatchSizes>[0], code: string) =>
      assert.throws(
        () => analyzeBatchSizes(options),
        (e: unknown) => e instanceof CalculatorError && e.code === code,
      );
    rejects({ distribution: { kind: 'normal', mean: 0, std: 0 } }, 'INVALID_PARAMETER');
    rejects({ distribution: { kind: 'uniform', low: 1, high: 1 } }, 'INVALID_PARAMETER');
    rejects({ distribution: normal, batchSizes: [0] }, 'INVALID_PARAMETER');
    rejects({ distribution: normal, batchSizes: [2.5] }, 'INVALID_PARAMETER');
    rejects({ distribution: normal, batchSizes: [] }, 'EMPTY_INPUT');
    rejects({ distribution: normal, channels: 10, numGroups: 4 }, 'GROUPS_NOT_DIVISIBLE');
    rejects({ distribution: normal, trials: -1 }, 'INVALID_PARAMETER');
  });
});
