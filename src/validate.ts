/**
 * A small typed validator for the public entry points (the API's `analyze` options, the
 * calculator's arguments): a schema is a function that returns the value typed or throws a
 * `TypeError` naming the field (`options.config.ignore must be an array of strings, got "BN401"`).
 * Hand-written rather than a library: the calculator ships in the webview with no dependencies,
 * and the messages must name the field exactly as the caller wrote it.
 */

export type Schema<T> = (value: unknown, field: string) => T;

/** What a value is, for messages: `"BN401"`, `42`, `an object`, `an array`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  switch (typeof value) {
    case 'string': {
      const text = JSON.stringify(value);
      return text.length > 40 ? `${text.slice(0, 37)}..."` : text;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'function':
      return 'a function';
    default:
      return 'an object';
  }
}

export function fail(field: string, expected: string, value: unknown): never {
  throw new TypeError(`${field} must be ${expected}, got ${describeValue(value)}`);
}

export const string: Schema<string> = (value, field) => (typeof value === 'string' ? value : fail(field, 'a string', value));

/** Any JavaScript number, NaN and ±Infinity included (range checks are the caller's). */
export const number: Schema<number> = (value, field) => (typeof value === 'number' ? value : fail(field, 'a number', value));

export const boolean: Schema<boolean> = (value, field) => (typeof value === 'boolean' ? value : fail(field, 'true or false', value));

export function literal<const T extends string>(values: readonly T[]): Schema<T> {
  return (value, field) => (values.includes(value as T) ? (value as T) : fail(field, `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, value));
}

export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return (value, field) => (value === undefined ? undefined : schema(value, field));
}

/** `undefined` or `null` pass through (the calculator's "use the default" values). */
export function nullable<T>(schema: Schema<T>): Schema<T | null | undefined> {
  return (value, field) => (value === undefined || value === null ? value : schema(value, field));
}

export function array<T>(item: Schema<T>, expected = 'an array'): Schema<T[]> {
  return (value, field) => {
    if (!Array.isArray(value)) return fail(field, expected, value);
    return value.map((v, i) => item(v, `${field}[${i}]`));
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A plain object whose own keys are arbitrary strings, each value checked by `item`. */
export function record<T>(item: Schema<T>, expected = 'an object'): Schema<Record<string, T>> {
  return (value, field) => {
    if (!isPlainObject(value)) return fail(field, expected, value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, item(v, `${field}[${JSON.stringify(k)}]`)]));
  };
}

type Shape = Record<string, Schema<unknown>>;
type Output<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/**
 * A plain object with known keys; an unknown key is an error (a misspelt option would otherwise
 * be ignored without a word). The result holds only the known keys that were present.
 */
export function object<S extends Shape>(shape: S): Schema<Output<S>> {
  const known = Object.keys(shape);
  return (value, field) => {
    if (!isPlainObject(value)) return fail(field, 'an object', value);
    for (const key of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(shape, key))
        throw new TypeError(`${field} has an unknown key ${JSON.stringify(key)} (expected one of: ${known.join(', ')})`);
    }
    const out: Record<string, unknown> = {};
    for (const key of known) {
      const checked = shape[key](value[key], `${field}.${key}`);
      if (checked !== undefined || key in value) out[key] = checked;
    }
    return out as Output<S>;
  };
}
