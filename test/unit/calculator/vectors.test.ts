/**
 * Checks the calculator against the PyTorch-generated vectors in shared/vectors (one `it` per
 * case, generated from the JSON). Expected values are only ever read from the JSON file.
 */

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  batchNormEval,
  batchNormTrain,
  CalculatorError,
  explainBatchNormValue,
  groupNorm,
  instanceNorm,
  layerNorm,
  rmsNorm,
  shapeSize,
  simulateRunningStats,
  validateGroupNormConfig,
  type BatchNormModule,
  type RunningStatsConvention,
} from '../../../src/calculator';

// The vectors live in shared/ beside the checkout (<root>/main, or a worktree <root>/wt/name):
// the nearest shared/vectors up from the repo.
function findVectors(): string {
  const file = 'shared/vectors/normalization-vectors.json';
  for (let dir = path.resolve(__dirname, '../../../..'); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, file)) || path.dirname(dir) === dir) return path.join(dir, file);
  }
}
const VECTORS_PATH = findVectors();

interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}
type Json = any;
type Actual = Record<string, number | ArrayLike<number> | null>;

interface VectorCase {
  readonly id: string;
  readonly op: string;
  readonly convention: string;
  readonly api: string;
  readonly shape: number[] | null;
  readonly eval_shape?: number[];
  readonly inputs: Json;
  readonly params: Json;
  readonly expected: { readonly float64: Json; readonly float32: Json; readonly [column: string]: Json };
  readonly tolerance: { readonly float64: Tolerance | null; readonly float32: Tolerance | null };
  readonly notes?: string;
}

interface VectorFile {
  readonly meta: { readonly case_count: number; readonly default_tolerance: { float64: Tolerance; float32: Tolerance } };
  readonly cases: VectorCase[];
}

function loadVectors(): VectorFile {
  if (!fs.existsSync(VECTORS_PATH)) {
    throw new Error(`normalization vectors not found at ${VECTORS_PATH} (expected shared/ beside the repo)`);
  }
  return JSON.parse(fs.readFileSync(VECTORS_PATH, 'utf8')) as VectorFile;
}

/** The vectors' encoding of non-finite values. */
function decode(v: Json): number {
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v !== 'number') throw new Error(`not a number in the vectors: ${JSON.stringify(v)}`);
  return v;
}

/** The README's rule: |a - e| <= atol + rtol * |e|; non-finite values must match exactly. */
function closeEnough(actual: number, expected: number, tol: Tolerance): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected));
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

function assertClose(actual: number | ArrayLike<number> | null | undefined, expected: Json, tol: Tolerance, label: string): void {
  assert.ok(actual !== undefined && actual !== null, `${label}: the calculator produced no value`);
  const exp: Json[] = Array.isArray(expected) ? expected : [expected];
  const act: number[] = typeof actual === 'number' ? [actual] : Array.from(actual);
  assert.equal(act.length, exp.length, `${label}: length ${act.length}, expected ${exp.length}`);
  act.forEach((a, i) => {
    const e = decode(exp[i]);
    assert.ok(closeEnough(a, e, tol), `${label}[${i}]: got ${a}, expected ${e} (diff ${Math.abs(a - e)}, allowed ${tol.atol + tol.rtol * Math.abs(e)})`);
  });
}

/** Compares every key of an expected column (all of them must be produced). Returns the count. */
function compareColumn(actual: Actual, expected: Json, tol: Tolerance, label: string): number {
  const keys = Object.keys(expected);
  assert.ok(keys.length > 0, `${label}: empty expected column`);
  for (const key of keys) assertClose(actual[key], expected[key], tol, `${label}.${key}`);
  return keys.length;
}

// ---------------------------------------------------------------------------------------------
// One runner per op: inputs -> results under the vectors' key names.

function runBatchNormTrain(c: VectorCase): Actual {
  const { inputs: i, params: p } = c;
  const r = batchNormTrain(i.x, c.shape!, {
    eps: p.eps,
    momentum: p.momentum,
    gamma: i.gamma,
    beta: i.beta,
    runningMean: i.running_mean_init,
    runningVar: i.running_var_init,
  });
  return {
    y: r.y,
    x_hat: r.xHat,
    batch_mean: r.batchMean,
    batch_var: r.batchVar,
    batch_var_unbiased: r.batchVarUnbiased,
    inv_std: r.invStd,
    running_mean: r.runningMean,
    running_var: r.runningVar,
    num_batches_tracked: r.numBatchesTracked,
  };
}

function runBatchNormEval(c: VectorCase): Actual {
  const { inputs: i, params: p } = c;
  const r = batchNormEval(i.x, c.shape!, {
    eps: p.eps,
    gamma: i.gamma,
    beta: i.beta,
    runningMean: i.running_mean,
    runningVar: i.running_var,
    trackRunningStats: p.track_running_stats,
  });
  return { y: r.y, x_hat: r.xHat, running_mean: r.runningMean, running_var: r.runningVar, num_batches_tracked: r.numBatchesTracked };
}

function runRunning(c: VectorCase): { steps: Actual[]; y_eval: Float64Array | null } {
  const { inputs: i, params: p } = c;
  const r = simulateRunningStats(i.batches, c.shape!, {
    convention: c.convention as RunningStatsConvention,
    momentum: p.momentum,
    eps: p.eps,
    gamma: i.gamma,
    beta: i.beta,
    runningMeanInit: i.running_mean_init,
    runningVarInit: i.running_var_init,
    evalInput: { data: i.x_eval, shape: c.eval_shape! },
  });
  const steps = r.steps.map((s) => ({
    y: s.y,
    batch_mean: s.batchMean,
    batch_var: s.batchVar,
    batch_var_unbiased: s.batchVarUnbiased,
    running_mean: s.runningMean,
    running_var: s.runningVar,
    num_batches_tracked: s.numBatchesTracked,
  }));
  return { steps, y_eval: r.yEval };
}

const blockResult = (r: { y: Float64Array; xHat: Float64Array; mean: Float64Array; variance: Float64Array; rstd: Float64Array }): Actual => ({
  y: r.y,
  x_hat: r.xHat,
  mean: r.mean,
  var: r.variance,
  rstd: r.rstd,
});

const TENSOR_RUNNERS: Record<string, (c: VectorCase) => Actual> = {
  batch_norm_train: runBatchNormTrain,
  batch_norm_eval: runBatchNormEval,
  layer_norm: (c) =>
    blockResult(
      layerNorm(c.inputs.x, c.shape!, {
        normalizedShape: c.params.normalized_shape,
        eps: c.params.eps,
        gamma: c.inputs.gamma,
        beta: c.inputs.beta,
      }),
    ),
  group_norm: (c) =>
    blockResult(
      groupNorm(c.inputs.x, c.shape!, {
        numGroups: c.params.num_groups,
        eps: c.params.eps,
        gamma: c.inputs.gamma,
        beta: c.inputs.beta,
      }),
    ),
  instance_norm: (c) =>
    blockResult(
      instanceNorm(c.inputs.x, c.shape!, {
        eps: c.params.eps,
        gamma: c.inputs.gamma,
        beta: c.inputs.beta,
      }),
    ),
  rms_norm: (c) => {
    const r = rmsNorm(c.inputs.x, c.shape!, { normalizedShape: c.params.normalized_shape, eps: c.params.eps, gamma: c.inputs.gamma });
    return { y: r.y, mean_square: r.meanSquare, rms: r.rms };
  },
};

// ---------------------------------------------------------------------------------------------
// Checks per kind of case

function checkTensorCase(c: VectorCase, defaults: VectorFile['meta']['default_tolerance']): void {
  const actual = TENSOR_RUNNERS[c.op](c);
  compareColumn(actual, c.expected.float64, c.tolerance.float64 ?? defaults.float64, `${c.id} float64`);
  if (c.expected.float32 && c.tolerance.float32) {
    compareColumn(actual, c.expected.float32, c.tolerance.float32, `${c.id} float32`);
  }
}

function checkRunningCase(c: VectorCase, defaults: VectorFile['meta']['default_tolerance']): void {
  const actual = runRunning(c);
  const columns: [string, Tolerance | null][] = [
    ['float64', c.tolerance.float64 ?? defaults.float64],
    ['float32', c.tolerance.float32],
  ];
  for (const [column, tol] of columns) {
    const expected = c.expected[column];
    if (!expected || !tol) continue;
    assert.equal(actual.steps.length, expected.steps.length, `${c.id}: step count`);
    expected.steps.forEach((step: Json, k: number) => compareColumn(actual.steps[k], step, tol, `${c.id} ${column} step ${k + 1}`));
    assertClose(actual.y_eval, expected.y_eval, tol, `${c.id} ${column} y_eval`);
  }
}

function checkExplorerCase(c: VectorCase): void {
  const { x, mu_B, sigma2_B, eps, gamma, beta } = c.inputs;
  const inputs = { x, muB: mu_B, sigma2B: sigma2_B, eps, gamma, beta };
  const textbook = explainBatchNormValue(inputs);
  const fused = explainBatchNormValue(inputs, { form: 'fused' });
  const asVectorKeys = (r: typeof textbook): Actual => ({ x_minus_mu: r.xMinusMu, var_plus_eps: r.varPlusEps, sigma: r.sigma, x_hat: r.xHat, y: r.y });
  const tol64 = c.tolerance.float64!;
  // float64: the README promises bit-identical results for the textbook order of operations.
  for (const [key, value] of Object.entries(c.expected.float64)) {
    assert.ok(
      Object.is(asVectorKeys(textbook)[key], decode(value)),
      `${c.id} float64.${key}: got ${asVectorKeys(textbook)[key]}, expected ${decode(value)} bit for bit`,
    );
  }
  // torch_float64: PyTorch's fused kernel, reproduced by form 'fused'.
  compareColumn(asVectorKeys(fused), c.expected.torch_float64, tol64, `${c.id} torch_float64 (fused)`);
  const torchDiffers = (c.notes ?? '').includes('torch differs from the naive formula');
  const textbookMatchesTorch = ['x_hat', 'y'].every((k) => closeEnough(asVectorKeys(textbook)[k] as number, decode(c.expected.torch_float64[k]), tol64));
  assert.equal(textbookMatchesTorch, !torchDiffers, `${c.id}: textbook vs torch_float64 agreement should be ${!torchDiffers}`);
  // exact: the textbook form unless an intermediate overflows (then the fused form gets it right).
  if (c.expected.exact) {
    const overflow = (c.notes ?? '').includes('naive float64 formula differs from the exact value');
    compareColumn(asVectorKeys(overflow ? fused : textbook), c.expected.exact, tol64, `${c.id} exact`);
  }
  if (c.tolerance.float32) compareColumn(asVectorKeys(textbook), c.expected.float32, c.tolerance.float32, `${c.id} float32`);
  // Every NaN / ±Infinity comes with an explanation; ordinary inputs get none.
  const nonFinite = !Number.isFinite(textbook.y) || !Number.isFinite(textbook.xHat);
  const ordinary = !nonFinite && eps > 0 && textbook.varPlusEps >= 2.2250738585072014e-308;
  if (nonFinite) assert.ok(textbook.warnings.length > 0, `${c.id}: NaN / Infinity without a warning`);
  if (ordinary) assert.deepEqual(textbook.warnings, [], `${c.id}: unexpected warnings`);
}

/** The calculator call that corresponds to an error case's torch `api`. */
function errorCaseCall(c: VectorCase): () => unknown {
  const shape = c.shape ?? [];
  const x = new Float64Array(shapeSize(shape)).fill(0.5);
  let m: RegExpExecArray | null;
  if ((m = /^torch\.nn\.GroupNorm\((\d+), (\d+)\)$/.exec(c.api))) {
    const [groups, channels] = [Number(m[1]), Number(m[2])];
    return () => validateGroupNormConfig(groups, channels);
  }
  if ((m = /^torch\.nn\.functional\.group_norm\(x, (\d+)\)$/.exec(c.api))) {
    const groups = Number(m[1]);
    return () => groupNorm(x, shape, { numGroups: groups });
  }
  if (/^torch\.nn\.InstanceNorm[123]d\(\d+\)\(x\)$/.test(c.api)) return () => instanceNorm(x, shape);
  if ((m = /^torch\.nn\.(BatchNorm[123]d)\(([^)]*)\)(\.train\(\)|\.eval\(\))?\(x\)$/.exec(c.api))) {
    const options = { module: m[1] as BatchNormModule, trackRunningStats: !m[2].includes('track_running_stats=False') };
    return m[3] === '.eval()' ? () => batchNormEval(x, shape, options) : () => batchNormTrain(x, shape, options);
  }
  throw new Error(`${c.id}: no calculator call known for api ${c.api}`);
}

function checkErrorCase(c: VectorCase): void {
  const { type, message } = c.expected.float64.error;
  assert.throws(errorCaseCall(c), (err: unknown) => {
    assert.ok(err instanceof CalculatorError, `${c.id}: expected a CalculatorError, got ${String(err)}`);
    assert.equal(err.message, message);
    assert.equal(err.pythonType, type);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------

describe('calculator vs PyTorch vectors', () => {
  let vectors: VectorFile | undefined;
  let loadError: unknown;
  try {
    vectors = loadVectors();
  } catch (err) {
    loadError = err;
  }

  it('loads the vectors file with every case', () => {
    if (loadError) throw loadError;
    assert.equal(vectors!.cases.length, vectors!.meta.case_count);
    assert.equal(new Set(vectors!.cases.map((c) => c.id)).size, vectors!.cases.length, 'case ids are unique');
  });

  if (!vectors) return;
  const { cases, meta } = vectors;
  for (const c of cases) {
    it(`${c.op}: ${c.id}`, () => {
      if (c.op === 'explorer') checkExplorerCase(c);
      else if (c.op === 'error') checkErrorCase(c);
      else if (c.op === 'batch_norm_running') checkRunningCase(c, meta.default_tolerance);
      else if (TENSOR_RUNNERS[c.op]) checkTensorCase(c, meta.default_tolerance);
      else assert.fail(`${c.id}: unknown op ${c.op}`);
    });
  }
});
