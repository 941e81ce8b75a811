/**
 * Numerically careful float64 building blocks: compensated sums, two-pass moments (never
 * E[x^2] - E[x]^2, which cancels catastrophically on offset data) and an exactly rounded
 * fused multiply-add (to reproduce PyTorch's fused `x * a + b` bit for bit).
 */

/** Mean and spread of a set of values. */
import { number } from '../validate';
import { numbers } from './schemas';
export interface Moments {
  readonly count: number;
  readonly mean: number;
  /** sum of squared deviations from the mean */
  readonly m2: number;
  /** m2 / count: what batch norm normalizes with */
  readonly biasedVar: number;
  /** m2 / (count - 1), Bessel-corrected (NaN for a single value) */
  readonly unbiasedVar: number;
}

/** Sum with Neumaier compensation (error independent of the count for ordinary data). */
export function compensatedSum(values: ArrayLike<number>): number {
  numbers(values, 'values');
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

function isConstant(values: ArrayLike<number>): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}

/**
 * Two-pass moments with the correction term of the "corrected two-pass algorithm"
 * (Chan, Golub & LeVeque): m2 = sum(d^2) - (sum d)^2 / n with d = x - mean.
 * A constant set of finite values gets exactly mean = value, m2 = 0.
 */
export function moments(values: ArrayLike<number>): Moments {
  numbers(values, 'values');
  const n = values.length;
  if (isConstant(values) && Number.isFinite(values[0])) {
    return momentsFrom(n, values[0], 0);
  }
  const mean = compensatedSum(values) / n;
  let sumD = 0;
  let sumD2 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    sumD += d;
    sumD2 += d * d;
  }
  return momentsFrom(n, mean, Math.max(0, sumD2 - (sumD * sumD) / n));
}

function momentsFrom(count: number, mean: number, m2: number): Moments {
  return { count, mean, m2, biasedVar: m2 / count, unbiasedVar: m2 / (count - 1) };
}

/**
 * 1 / sqrt(variance + eps). With `zeroForDegenerate` (PyTorch training-mode batch norm and
 * instance norm) variance == 0 and eps == 0 gives 0 instead of Infinity.
 */
export function inverseStd(variance: number, eps: number, zeroForDegenerate: boolean): number {
  if (zeroForDegenerate && variance === 0 && eps === 0) return 0;
  return 1 / Math.sqrt(variance + eps);
}

// ---------------------------------------------------------------------------------------------
// Exactly rounded fused multiply-add (JavaScript has no Math.fma).

const scratch = new DataView(new ArrayBuffer(8));
// BigInt(n) rather than `1n` literals, so bundlers targeting older JavaScript accept the file.
const ZERO = BigInt(0);
const ONE = BigInt(1);
const BIT_32 = BigInt(32);
const BIT_52 = BigInt(52);

/** A finite double as an exact integer mantissa times a power of two. */
function decompose(v: number): { m: bigint; e: number } {
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << BIT_32) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m |= ONE << BIT_52;
    e = biased - 1075;
  }
  return { m: hi >>> 31 ? -m : m, e };
}

/** x * 2^e without intermediate rounding (steps keep every intermediate representable). */
function scaleByPowerOfTwo(x: number, e: number): number {
  let result = x;
  let rest = e;
  while (rest > 1023) {
    result *= 2 ** 1023;
    rest -= 1023;
  }
  while (rest < -1022) {
    result *= 2 ** -1022;
    rest += 1022;
  }
  return result * 2 ** rest;
}

/** |m| / 2^shift rounded to nearest, ties to even (m >= 0). */
function roundShift(m: bigint, shift: bigint): bigint {
  const q = m >> shift;
  const r = m - (q << shift);
  const half = ONE << (shift - ONE);
  return r > half || (r === half && (q & ONE) === ONE) ? q + ONE : q;
}

/** The double nearest to m * 2^e (round half to even, gradual underflow, overflow to ±Infinity). */
function roundToDouble(m: bigint, e: number): number {
  const negative = m < ZERO;
  const magnitude = negative ? -m : m;
  const bits = magnitude.toString(2).length;
  const lsb = Math.max(e + bits - 53, -1074);
  const rounded = lsb > e ? roundShift(magnitude, BigInt(lsb - e)) : magnitude;
  const value = scaleByPowerOfTwo(Number(rounded), lsb > e ? lsb : e);
  return negative ? -value : value;
}

/** a * b + c with a single rounding, like C's fma(). */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  number(a, 'a');
  number(b, 'b');
  number(c, 'c');
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c;
  if (!Number.isFinite(c)) return c;
  const pa = decompose(a);
  const pb = decompose(b);
  const pc = decompose(c);
  const ep = pa.e + pb.e;
  const e = Math.min(ep, pc.e);
  const sum = ((pa.m * pb.m) << BigInt(ep - e)) + (pc.m << BigInt(pc.e - e));
  if (sum === ZERO) return a === 0 || b === 0 ? a * b + c : 0;
  return roundToDouble(sum, e);
}
