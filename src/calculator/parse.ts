/**
 * `parseTensor`: text typed or pasted by a user -> { data, shape }. Accepts
 * - nested arrays: JSON `[[1, 2], [3, 4]]`, Python lists, `tensor([[...]])`, `np.array([...], dtype=...)`;
 * - CSV-like text: one row per line, values separated by commas, semicolons, tabs or spaces
 *   (one line gives shape [k], several lines [rows, cols]); blank lines and `#` comments are skipped.
 * Numbers may be written as JS/Python literals, or `nan`, `inf`, `-inf`, `Infinity`, `"NaN"` ...
 */

import { string } from '../validate';
import { CalculatorError } from './errors';
import { checkOptions, MAX_ELEMENTS, parseTensorOptions } from './schemas';
import { formatShapeList, shapeSize, validateShape, type Shape } from './tensor';

export interface ParsedTensor {
  readonly data: Float64Array;
  readonly shape: number[];
}

export interface ParseTensorOptions {
  /** reshape the parsed values (row-major) to this shape; the value count must match */
  readonly shape?: Shape;
}

const NUMBER = /^[+-]?(?:\d+(?:_\d+)*\.?\d*(?:_\d+)*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Readonly<Record<string, number>> = {
  nan: NaN,
  '+nan': NaN,
  '-nan': NaN,
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
};

function parseError(message: string): CalculatorError {
  return new CalculatorError('PARSE_ERROR', message);
}

/** One numeric literal; `where` describes its position for the error message. */
export function parseNumber(token: string, where: string): number {
  string(token, 'token');
  const bare = token.replace(/^"(.*)"$/, '$1').trim();
  const special = SPECIAL[bare.toLowerCase()];
  if (special !== undefined) return special;
  if (!NUMBER.test(bare)) throw parseError(`invalid number "${token}" ${where}`);
  return Number(bare.replace(/_/g, ''));
}

/** Parses a tensor from CSV-like or nested-array text. Throws CalculatorError with the position of the problem. */
export function parseTensor(text: string, options: ParseTensorOptions = {}): ParsedTensor {
  string(text, 'text');
  checkOptions(parseTensorOptions, options);
  const parsed = text.includes('[') ? parseNested(text) : parseDelimited(text);
  if (parsed.data.length === 0) throw new CalculatorError('EMPTY_INPUT', 'no numbers found in the text');
  return options.shape ? reshape(parsed, options.shape) : parsed;
}

function reshape(parsed: ParsedTensor, shape: Shape): ParsedTensor {
  validateShape(shape, 0, 'requested');
  if (shapeSize(shape) !== parsed.data.length) {
    throw new CalculatorError('SHAPE_MISMATCH', `found ${parsed.data.length} values, but shape ${formatShapeList(shape)} needs ${shapeSize(shape)}`);
  }
  return { data: parsed.data, shape: [...shape] };
}

// ---------------------------------------------------------------------------------------------
// CSV-like text

function parseDelimited(text: string): ParsedTensor {
  const rows = text
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ line: line.replace(/#.*$/, '').trim(), number: i + 1 }))
    .filter((row) => row.line !== '')
    .map((row) => parseRow(row.line, row.number));
  if (rows.length === 0) return { data: new Float64Array(0), shape: [0] };
  const width = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw parseError(
        `row ${i + 1} has ${row.length} value${row.length === 1 ? '' : 's'}, but the first row has ${width}: every row needs the same number of values`,
      );
    }
  });
  const shape = rows.length === 1 ? [width] : [rows.length, width];
  return { data: Float64Array.from(rows.flat()), shape };
}

function parseRow(line: string, lineNumber: number): number[] {
  const tokens = line.split(/\s*[,;\t]\s*|\s+/);
  if (tokens[tokens.length - 1] === '') tokens.pop(); // a trailing separator
  return tokens.map((token, i) => {
    if (token === '') throw parseError(`empty value (two separators in a row) on line ${lineNumber}, value ${i + 1}`);
    return parseNumber(token, `on line ${lineNumber}, value ${i + 1}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Nested arrays: one left-to-right pass, linear in the text's length. Each list's shape is
// checked against its first element's as it closes, and values go straight into one flat list.

/** Deeper nesting than any tensor can have (PyTorch allows 64 dims): refused before any work. */
export const MAX_NESTING_DEPTH = 64;

interface Cursor {
  readonly text: string;
  pos: number;
}

function position(cursor: Cursor, at = cursor.pos): string {
  const before = cursor.text.slice(0, at).split(/\r\n|\r|\n/);
  return `at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

const SPACE = /\s*/y;
const SCALAR = /"[^"]*"|[^,\[\]\s]+/y;

function skipSpace(cursor: Cursor): void {
  SPACE.lastIndex = cursor.pos;
  SPACE.exec(cursor.text);
  cursor.pos = SPACE.lastIndex;
}

function parseNested(text: string): ParsedTensor {
  const open = text.indexOf('[');
  const prefix = text.slice(0, open).trim();
  const wrapped = /^[A-Za-z_][\w.]*\s*\($/.test(prefix);
  if (prefix !== '' && !wrapped) {
    throw parseError(`unexpected text "${prefix}" before the first '[' (expected a nested array such as [[1, 2], [3, 4]])`);
  }
  const cursor: Cursor = { text, pos: open };
  const values: number[] = [];
  const shape = parseList(cursor, values);
  checkTrailing(cursor, wrapped);
  if (values.length > MAX_ELEMENTS) throw parseError(`${values.length} values: the calculator computes on at most ${MAX_ELEMENTS}`);
  return { data: Float64Array.from(values), shape };
}

function checkTrailing(cursor: Cursor, wrapped: boolean): void {
  const rest = cursor.text.slice(cursor.pos);
  const allowed = wrapped ? /^\s*(,[^()]*(\([^()]*\)[^()]*)*)?\)\s*;?\s*$/ : /^\s*;?\s*$/;
  if (!allowed.test(rest)) {
    throw parseError(`unexpected text after the array ${position(cursor)}: "${rest.trim().slice(0, 20)}"`);
  }
}

/** One open list per level: its element count and the shape of its first element (null: not yet seen). */
interface Level {
  count: number;
  inner: number[] | null;
  /** where the list opened, for messages */
  readonly start: number;
}

/**
 * Parses the list at the cursor (which is on '['), appending its numbers to `values`, and returns
 * its shape. Iterative with an explicit stack, so depth costs no call stack; ragged lists and
 * lists mixing numbers and lists are refused with the element's position.
 */
function parseList(cursor: Cursor, values: number[]): number[] {
  const stack: Level[] = [];
  const formatShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;
  /** Records an element of shape `shape` in the innermost open list. */
  const add = (shape: number[], at: number) => {
    const level = stack[stack.length - 1];
    level.count++;
    if (level.inner === null) level.inner = shape;
    else if (level.inner.length !== shape.length || level.inner.some((d, i) => d !== shape[i])) {
      throw parseError(
        `ragged nested array: element ${level.count} at depth ${stack.length} (${position(cursor, at)}) has shape ${formatShape(shape)}, but element 1 has ${formatShape(level.inner)}`,
      );
    }
  };
  const openList = () => {
    if (stack.length >= MAX_NESTING_DEPTH)
      throw parseError(`arrays nested more than ${MAX_NESTING_DEPTH} deep ${position(cursor)}: a tensor has at most ${MAX_NESTING_DEPTH} dimensions`);
    stack.push({ count: 0, inner: null, start: cursor.pos });
    cursor.pos++;
  };
  openList();
  for (;;) {
    skipSpace(cursor);
    const ch = cursor.text[cursor.pos];
    if (ch === undefined) throw parseError(`missing ']': the text ends inside an array ${position(cursor)}`);
    if (ch === ']') {
      cursor.pos++;
      const closed = stack.pop()!;
      // An empty list has shape [0]; in a tensor it can only stand alone or beside other empty lists.
      const shape = closed.count === 0 ? [0] : [closed.count, ...closed.inner!];
      if (stack.length === 0) return shape;
      add(shape, closed.start);
    } else if (ch === '[') {
      openList();
      continue;
    } else {
      const at = cursor.pos;
      add([], at);
      values.push(parseScalar(cursor));
    }
    skipSpace(cursor);
    if (cursor.text[cursor.pos] === ',') cursor.pos++;
    else if (cursor.text[cursor.pos] !== ']') expectSeparator(cursor);
  }
}

function expectSeparator(cursor: Cursor): never {
  const ch = cursor.text[cursor.pos];
  if (ch === undefined) throw parseError(`missing ']': the text ends inside an array ${position(cursor)}`);
  throw parseError(`expected ',' or ']' ${position(cursor)}, found '${ch}'`);
}

function parseScalar(cursor: Cursor): number {
  const start = cursor.pos;
  SCALAR.lastIndex = start;
  const match = SCALAR.exec(cursor.text);
  if (!match) throw parseError(`expected a number ${position(cursor)}`);
  cursor.pos = SCALAR.lastIndex;
  // The position is computed only for the message: computing it for every value would be quadratic.
  try {
    return parseNumber(match[0], '');
  } catch {
    return parseNumber(match[0], position(cursor, start));
  }
}
