/**
 * `parseTensor`: text typed or pasted by a user -> { data, shape }. Accepts
 * - nested arrays: JSON `[[1, 2], [3, 4]]`, Python lists, `tensor([[...]])`, `np.array([...], dtype=...)`;
 * - CSV-like text: one row per line, values separated by commas, semicolons, tabs or spaces
 *   (one line gives shape [k], several lines [rows, cols]); blank lines and `#` comments are skipped.
 * Numbers may be written as JS/Python literals, or `nan`, `inf`, `-inf`, `Infinity`, `"NaN"` ...
 */

import { CalculatorError } from './errors';
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
  nan: NaN, '+nan': NaN, '-nan': NaN,
  inf: Infinity, '+inf': Infinity, infinity: Infinity, '+infinity': Infinity,
  '-inf': -Infinity, '-infinity': -Infinity,
};

function parseError(message: string): CalculatorError {
  return new CalculatorError('PARSE_ERROR', message);
}

/** One numeric literal; `where` describes its position for the error message. */
export function parseNumber(token: string, where: string): number {
  const bare = token.replace(/^"(.*)"$/, '$1').trim();
  const special = SPECIAL[bare.toLowerCase()];
  if (special !== undefined) return special;
  if (!NUMBER.test(bare)) throw parseError(`invalid number "${token}" ${where}`);
  return Number(bare.replace(/_/g, ''));
}

/** Parses a tensor from CSV-like or nested-array text. Throws CalculatorError with the position of the problem. */
export function parseTensor(text: string, options: ParseTensorOptions = {}): ParsedTensor {
  const parsed = text.includes('[') ? parseNested(text) : parseDelimited(text);
  if (parsed.data.length === 0) throw new CalculatorError('EMPTY_INPUT', 'no numbers found in the text');
  return options.shape ? reshape(parsed, options.shape) : parsed;
}

function reshape(parsed: ParsedTensor, shape: Shape): ParsedTensor {
  validateShape(shape, 0, 'requested');
  if (shapeSize(shape) !== parsed.data.length) {
    throw new CalculatorError('SHAPE_MISMATCH',
      `found ${parsed.data.length} values, but shape ${formatShapeList(shape)} needs ${shapeSize(shape)}`);
  }
  return { data: parsed.data, shape: [...shape] };
}

// ---------------------------------------------------------------------------------------------
// CSV-like text

function parseDelimited(text: string): ParsedTensor {
  const rows = text.split(/\r\n|\r|\n/)
    .map((line, i) => ({ line: line.replace(/#.*$/, '').trim(), number: i + 1 }))
    .filter((row) => row.line !== '')
    .map((row) => parseRow(row.line, row.number));
  if (rows.length === 0) return { data: new Float64Array(0), shape: [0] };
  const width = rows[0]!.length;
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw parseError(`row ${i + 1} has ${row.length} value${row.length === 1 ? '' : 's'}, but the first row has ${width}: every row needs the same number of values`);
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
// Nested arrays

type Nested = number | Nested[];

interface Cursor {
  readonly text: string;
  pos: number;
}

function position(cursor: Cursor, at = cursor.pos): string {
  const before = cursor.text.slice(0, at).split(/\r\n|\r|\n/);
  return `at line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

function skipSpace(cursor: Cursor): void {
  while (cursor.pos < cursor.text.length && /\s/.test(cursor.text[cursor.pos]!)) cursor.pos++;
}

function parseNested(text: string): ParsedTensor {
  const open = text.indexOf('[');
  const prefix = text.slice(0, open).trim();
  const wrapped = /^[A-Za-z_][\w.]*\s*\($/.test(prefix);
  if (prefix !== '' && !wrapped) {
    throw parseError(`unexpected text "${prefix}" before the first '[' (expected a nested array such as [[1, 2], [3, 4]])`);
  }
  const cursor: Cursor = { text, pos: open };
  const tree = parseList(cursor);
  checkTrailing(cursor, wrapped);
  const shape = shapeOf(tree, 0);
  return { data: Float64Array.from(flatten(tree)), shape };
}

function checkTrailing(cursor: Cursor, wrapped: boolean): void {
  const rest = cursor.text.slice(cursor.pos);
  const allowed = wrapped ? /^\s*(,[^()]*(\([^()]*\)[^()]*)*)?\)\s*;?\s*$/ : /^\s*;?\s*$/;
  if (!allowed.test(rest)) {
    throw parseError(`unexpected text after the array ${position(cursor)}: "${rest.trim().slice(0, 20)}"`);
  }
}

function parseList(cursor: Cursor): Nested[] {
  cursor.pos++; // '['
  const items: Nested[] = [];
  for (;;) {
    skipSpace(cursor);
    const ch = cursor.text[cursor.pos];
    if (ch === undefined) throw parseError(`missing ']': the text ends inside an array ${position(cursor)}`);
    if (ch === ']') { cursor.pos++; return items; }
    items.push(ch === '[' ? parseList(cursor) : parseScalar(cursor));
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
  const match = /^("[^"]*"|[^,\[\]\s]+)/.exec(cursor.text.slice(start));
  if (!match) throw parseError(`expected a number ${position(cursor)}`);
  cursor.pos += match[0].length;
  return parseNumber(match[0], position(cursor, start));
}

/** The shape of a nested array; throws if it is ragged or mixes numbers and arrays. */
function shapeOf(node: Nested, depth: number): number[] {
  if (typeof node === 'number') return [];
  if (node.length === 0) return [0];
  const inner = shapeOf(node[0]!, depth + 1);
  node.forEach((child, i) => {
    const childShape = shapeOf(child, depth + 1);
    if (formatShapeList(childShape) !== formatShapeList(inner)) {
      throw parseError(`ragged nested array: element ${i + 1} at depth ${depth + 1} has shape ${formatShapeList(childShape)}, but element 1 has ${formatShapeList(inner)}`);
    }
  });
  return [node.length, ...inner];
}

function flatten(node: Nested): number[] {
  return typeof node === 'number' ? [node] : node.flatMap(flatten);
}
