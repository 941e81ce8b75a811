/**
 * Edits a TF.js layer's config object in place, keeping its formatting: one property per line
 * stays one per line, a trailing comma stays trailing, a comment stays with its property, and a
 * shorthand property (`{momentum}`) becomes `momentum: 0.9` when its value changes.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ConstValue } from '../frameworks/types';
import type { ArgumentEditor, BoundArgument } from '../model/model';
import { formatNumber } from '../numbers';
import { lineBreakOf, LineIndex } from '../text';
import type { TextEdit, TextRange } from '../types';

/** The layout of an object literal, copied out of the syntax tree. */
export interface ObjectShape {
  readonly range: TextRange;
  readonly items: readonly TextRange[];
}

/** Where a config object would go in a call written without one: `tf.layers.batchNormalization()`. */
export interface EmptyCallShape {
  /** Just after the opening parenthesis. */
  readonly insertAt: number;
}

/** Comments of the file, sorted by start: trailing commas and end-of-line comments are found around them. */
export interface Trivia {
  readonly text: string;
  readonly lines: () => LineIndex;
  readonly comments: readonly TextRange[];
  /** The quote the file uses for strings. */
  readonly quote: string;
  /** Whether the file writes object literals in calls with spaces inside the braces: `({ a: 1 })`. */
  readonly spacedBraces: () => boolean;
}

/** `({ a: 1 })` or `({a: 1})`, whichever the file writes more often. */
export function prefersSpacedBraces(text: string): boolean {
  const spaced = text.match(/\(\{ /g)?.length ?? 0;
  const tight = text.match(/\(\{[^\s}]/g)?.length ?? 0;
  return spaced > tight;
}

const braced = (trivia: Trivia, inner: string) => (trivia.spacedBraces() ? `{ ${inner} }` : `{${inner}}`);

/** A JavaScript literal for a constant. */
export function jsLiteral(value: ConstValue, quote = "'"): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') {
    const escaped = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    return quote + escaped.split(quote).join(`\\${quote}`) + quote;
  }
  return `[${value.map((v) => jsLiteral(v, quote)).join(', ')}]`;
}

const isShorthand = (a: BoundArgument) =>
  a.keywordRange !== undefined && a.keywordRange.start === a.valueRange.start && a.keywordRange.end === a.valueRange.end;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A key as written in the file: a quoted key stays quoted. */
function keyText(trivia: Trivia, keywordRange: TextRange, newName: string): string {
  const old = trivia.text.slice(keywordRange.start, keywordRange.end);
  const quote = old[0] === '"' || old[0] === "'" ? old[0] : undefined;
  if (quote) return quote + newName + quote;
  return IDENTIFIER.test(newName) ? newName : jsLiteral(newName, trivia.quote);
}

export interface ConfigEditorTarget {
  /** The object literal to edit, when there is exactly one that belongs to this construction alone. */
  readonly object: () => ObjectShape | undefined;
  /** Set when the call has no arguments at all. */
  readonly emptyCall?: EmptyCallShape;
}

export function configEditor(trivia: Trivia, target: ConfigEditorTarget, calleeNameRange: TextRange, args: () => readonly BoundArgument[]): ArgumentEditor {
  const literal = (value: ConstValue) => jsLiteral(value, trivia.quote);
  return {
    literal,
    argumentText: (param, value) => `${param}: ${literal(value)}`,
    setArgument(param: string, value: ConstValue): TextEdit[] {
      return this.setArgumentCode(param, literal(value));
    },
    setArgumentCode(param: string, code: string): TextEdit[] {
      const existing = args().filter((a) => a.param === param && !a.fromPartial);
      const last = existing[existing.length - 1];
      if (last) {
        if (isShorthand(last)) return [{ range: last.range, newText: `${param}: ${code}` }];
        return [{ range: last.valueRange, newText: code }];
      }
      const property = `${param}: ${code}`;
      const object = target.object();
      if (object) return insertProperty(trivia, object, property);
      if (target.emptyCall) return [insertAt(target.emptyCall.insertAt, braced(trivia, property))];
      return [];
    },
    conditionCode: (condition) => (condition.negated ? `!${condition.name}` : condition.name),
    renameKeyword(argument: BoundArgument, newName: string): TextEdit[] {
      if (!argument.keywordRange) return [];
      if (isShorthand(argument)) return [{ range: argument.range, newText: `${newName}: ${argument.valueText}` }];
      return [{ range: argument.keywordRange, newText: keyText(trivia, argument.keywordRange, newName) }];
    },
    replaceCalleeName(newName: string): TextEdit[] {
      return [{ range: calleeNameRange, newText: newName }];
    },
  };
}

const insertAt = (offset: number, newText: string): TextEdit => ({ range: { start: offset, end: offset }, newText });

/** The comment starting at `offset`, if any (comments are sorted). */
function commentAt(comments: readonly TextRange[], offset: number): TextRange | undefined {
  let lo = 0;
  let hi = comments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = comments[mid];
    if (c.start === offset) return c;
    if (c.start < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** The first comment starting in [from, to), if any. */
function firstCommentIn(comments: readonly TextRange[], from: number, to: number): TextRange | undefined {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const c = comments[lo];
  return c && c.start < to ? c : undefined;
}

/** The comma after the last property, skipping whitespace and comments; undefined if there is none. */
function trailingComma(trivia: Trivia, from: number, to: number): TextRange | undefined {
  const { text } = trivia;
  let i = from;
  while (i < to) {
    const comment = commentAt(trivia.comments, i);
    if (comment) {
      i = comment.end;
      continue;
    }
    const c = text[i];
    if (c === ',') return { start: i, end: i + 1 };
    if (!/\s/.test(c)) return undefined;
    i++;
  }
  return undefined;
}

/**
 * Adds `key: value` as the last property of an object literal (after any spread, which it must
 * override), in the literal's own layout.
 */
export function insertProperty(trivia: Trivia, object: ObjectShape, property: string): TextEdit[] {
  const { text } = trivia;
  const lines = trivia.lines();
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  const breakText = lineBreakOf(text);
  const open = object.range.start;
  const close = object.range.end - 1;
  const { items } = object;
  if (items.length === 0) {
    const inner = text.slice(open + 1, close);
    if (!/[\r\n]/.test(inner))
      return [{ range: { start: object.range.start, end: object.range.end }, newText: inner.length > 0 ? `{ ${property} }` : braced(trivia, property) }];
    return [insertAt(open + 1, `${breakText}${lines.indentation(lineOf(close))}  ${property}`)];
  }
  const last = items[items.length - 1];
  const lastLine = lineOf(last.end);
  const closeOnOwnLine = lineOf(close) > lastLine;
  const onePerLine = closeOnOwnLine && lineOf(items[0].start) > lineOf(open);
  const comma = trailingComma(trivia, last.end, close);
  if (onePerLine) {
    const indent = lines.indentation(lineOf(last.start));
    if (comma) {
      // After the comma and any comment on its line, so the comment stays with its property.
      const commaLine = lineOf(comma.end);
      const comment = firstCommentIn(trivia.comments, comma.end, close);
      const after = comment && lineOf(comment.start) === commaLine ? comment.end : comma.end;
      return [insertAt(after, `${breakText}${indent}${property},`)];
    }
    // `a: 1 // note` without a comma: the comma goes before the comment, the property after it.
    const comment = firstCommentIn(trivia.comments, last.end, close);
    if (comment && lineOf(comment.start) === lastLine) {
      return [insertAt(last.end, ','), insertAt(comment.end, `${breakText}${indent}${property}`)];
    }
    return [insertAt(last.end, `,${breakText}${indent}${property}`)];
  }
  if (comma) return [insertAt(comma.end, ` ${property},`)];
  return [insertAt(last.end, `, ${property}`)];
}

/** Adds a config object as the next argument (`, {training: true}`) after the last argument of a call. */
export function appendConfigArgument(trivia: Trivia, lastArgument: TextRange, property: string): TextEdit[] {
  return [insertAt(lastArgument.end, `, ${braced(trivia, property)}`)];
}

/** What the config editor needs to know about a parsed file's text. */
export function triviaOf(text: string, program: TSESTree.Program): Trivia {
  let lines: LineIndex | undefined;
  let spaced: boolean | undefined;
  return {
    text,
    lines: () => (lines ??= new LineIndex(text)),
    comments: (program.comments ?? []).map((c) => ({ start: c.range[0], end: c.range[1] })),
    quote: quoteOf(program),
    spacedBraces: () => (spaced ??= prefersSpacedBraces(text)),
  };
}

/** The quote of the first string literal of the program (usually an import), for inserted strings. */
function quoteOf(program: TSESTree.Program): string {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') return statement.source.raw[0] === '"' ? '"' : "'";
  }
  return "'";
}

/** Whether a file is parsed with JSX, by its extension (.tsx/.jsx on, .ts/.mts/.cts off; others by content). */
export function jsxFor(fileName: string | undefined): boolean | undefined {
  if (!fileName) return undefined;
  if (/\.(tsx|jsx)$/i.test(fileName)) return true;
  if (/\.(ts|mts|cts)$/i.test(fileName)) return false;
  return undefined;
}
