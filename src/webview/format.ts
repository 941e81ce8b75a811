/** Number formatting and parsing of the page's text fields. */

import { CalculatorError, parseNumber, parseTensor, type ParsedTensor } from '../calculator';

/** A number for display: 6 significant digits, exponent notation for tiny and huge values. */
export function fmt(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e7) return String(Number(value.toPrecision(digits)));
  return value
    .toExponential(digits - 1)
    .replace(/\.?0+e/, 'e')
    .replace('e+', 'e');
}

/** The exact value, for a data-value attribute (round-trips with Number()). */
export function exact(value: number): string {
  return String(value);
}

/** A float as Python code: 1e-5, 0.001, 0.99, 1.0 (repr()'s form, without its zero-padded exponent, as the rest of the page writes it). */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return value.toFixed(1);
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign === '-' ? '-' : ''}${Math.abs(exponent)}`;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

function errorText(error: unknown): string {
  return error instanceof CalculatorError || error instanceof Error ? error.message : String(error);
}

/** One number: 0.1, -2, 1e-5, 1_000, nan, inf. */
export function parseScalar(text: string, what: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return fail(`enter ${what}`);
  try {
    return ok(parseNumber(trimmed, ''));
  } catch {
    return fail(`"${trimmed.slice(0, 20)}" is not a number`);
  }
}

/** A finite number with optional bounds. */
export function parseFinite(text: string, what: string, bounds: { min?: number; max?: number } = {}): Parsed<number> {
  const parsed = parseScalar(text, what);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (!Number.isFinite(v)) return fail(`${what} must be a finite number`);
  if (bounds.min !== undefined && v < bounds.min) return fail(`${what} must be at least ${bounds.min}`);
  if (bounds.max !== undefined && v > bounds.max) return fail(`${what} must be at most ${bounds.max}`);
  return ok(v);
}

/** An integer in [min, max]. */
export function parseInteger(text: string, what: string, min: number, max: number): Parsed<number> {
  const parsed = parseFinite(text, what, { min, max });
  if (!parsed.ok) return parsed;
  return Number.isInteger(parsed.value) ? parsed : fail(`${what} must be a whole number`);
}

/** A momentum: a number in [0, 1], or None / null (PyTorch's cumulative average). */
export function parseMomentum(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (/^(none|null)$/i.test(trimmed)) return ok(null);
  return parseFinite(trimmed, 'momentum', { min: 0, max: 1 });
}

/** "2, 3, 4" or "(2, 3, 4)" or "2x3x4"; blank gives null (the shape as written). */
export function parseShape(text: string): Parsed<number[] | null> {
  const trimmed = text.trim().replace(/^[([]\s*|\s*[)\]]$/g, '');
  if (trimmed === '') return ok(null);
  const parts = trimmed.split(/\s*[,x×]\s*|\s+/).filter((p) => p !== '');
  const dims = parts.map(Number);
  if (dims.some((d) => !Number.isInteger(d) || d <= 0)) return fail(`shape "${text.trim()}": give positive whole numbers such as 4, 3`);
  return ok(dims);
}

/** A per-channel list such as "1, 2, 0.5"; blank gives null (the default). */
export function parseVector(text: string, what: string): Parsed<number[] | null> {
  if (text.trim() === '') return ok(null);
  try {
    return ok([...parseTensor(text).data]);
  } catch (error) {
    return fail(`${what}: ${errorText(error)}`);
  }
}

export const MAX_VALUES = 10_000;

/** A tensor typed or pasted, reshaped to `shapeText` when given. */
export function parseTensorField(text: string, shapeText: string): Parsed<ParsedTensor> {
  const shape = parseShape(shapeText);
  if (!shape.ok) return shape;
  try {
    const tensor = parseTensor(text, shape.value ? { shape: shape.value } : {});
    if (tensor.data.length > MAX_VALUES) return fail(`${tensor.data.length} values: the panel computes at most ${MAX_VALUES}`);
    return ok(tensor);
  } catch (error) {
    return fail(errorText(error));
  }
}

export { errorText };

/** The calculator module's plain-ASCII names (sigma2_B, eps, >=) in the page's notation (σ²_B, ε, ≥), for its messages. */
const PAGE_NOTATION: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bsigma2_?B\b/g, 'σ²_B'],
  [/\bmu_?B\b/g, 'μ_B'],
  [/\beps\b/g, 'ε'],
  [/\bgamma\b/g, 'γ'],
  [/\bbeta\b/g, 'β'],
  [/>=/g, '≥'],
  [/<=/g, '≤'],
  [/ - /g, ' − '],
];

export function inPageNotation(message: string): string {
  return PAGE_NOTATION.reduce((text, [pattern, symbol]) => text.replace(pattern, symbol), message);
}
