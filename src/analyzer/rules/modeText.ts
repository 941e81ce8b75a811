/** Shared wording and edits for the train/eval mode rules (BN201–BN205), and callee ranges for findings' focus. */
import type { SourceLanguage } from '../model/model';
import type { InsertionPoint, ModeToken } from '../model/modes';
import type { TextEdit, TextRange } from '../types';

/** Inserts whole lines at an insertion point, each at its indentation. */
export function insertLines(at: InsertionPoint, lines: readonly string[], lineBreak: string): TextEdit {
  return { range: { start: at.offset, end: at.offset }, newText: lines.map((l) => `${at.indent}${l}${lineBreak}`).join('') };
}

/** What set a mode, for messages: "`model.train()` on line 12". */
export function describeOrigin(token: ModeToken, text: string, describeLine: (offset: number) => string): string {
  if (!token.origin) return token.mode === 'train' ? 'a freshly built model (modules start in training mode)' : 'an unknown mode';
  const snippet = text.slice(token.origin.start, token.origin.end).split('\n')[0];
  const short = snippet.length > 60 ? `${snippet.slice(0, 57)}...` : snippet;
  return `\`${short}\` on ${describeLine(token.origin.start)}`;
}

/**
 * The callee of a call the front end gave as a range, for a finding's focus: `model` in `model(x)`,
 * `torch.jit.trace` in `torch.jit.trace(model, x)`, `tf.train.Adam(lr).minimize` in a chained call.
 * Walks dotted names and argument lists (skipping strings and comments) to the argument list that
 * closes the call; anything else (a subscript, a lambda) gives the whole call.
 */
export function calleeOf(text: string, call: TextRange, language: SourceLanguage): TextRange {
  let at = call.start;
  let callee: TextRange | undefined;
  for (;;) {
    const nameStart = at;
    while (at < call.end && isNameChar(text[at])) at++;
    if (at === nameStart && callee === undefined) return call;
    const nameEnd = at;
    at = skipBlanks(text, at, call.end);
    if (text[at] !== '(') return call;
    const close = closingParen(text, at, call.end, language);
    if (close === undefined) return call;
    callee = { start: call.start, end: nameEnd };
    if (skipBlanks(text, close + 1, call.end) >= call.end) return callee;
    at = skipBlanks(text, close + 1, call.end);
    if (text[at] !== '.') return call;
  }
}

/** The method part of a method call's callee (`.train` in `model.train()`), else the whole callee. */
export function methodOf(text: string, call: TextRange, language: SourceLanguage): TextRange {
  const callee = calleeOf(text, call, language);
  const dot = text.lastIndexOf('.', callee.end - 1);
  return callee !== call && dot > callee.start ? { start: dot, end: callee.end } : callee;
}

function isNameChar(ch: string | undefined): boolean {
  return ch !== undefined && (ch === '_' || ch === '.' || ch === '$' || /[\p{L}\p{N}]/u.test(ch));
}

function skipBlanks(text: string, at: number, end: number): number {
  while (at < end && /\s/.test(text[at])) at++;
  return at;
}

/** The `)` matching the `(` at `open`, skipping string literals and comments; undefined past `end`. */
function closingParen(text: string, open: number, end: number, language: SourceLanguage): number | undefined {
  let depth = 0;
  for (let at = open; at < end; at++) {
    const ch = text[at];
    if (ch === '"' || ch === "'" || ch === '`') {
      // A string: to its closing quote (triple quotes close on their first quote pair too, harmlessly).
      for (at++; at < end && text[at] !== ch; at++) if (text[at] === '\\') at++;
    } else if ((language === 'python' && ch === '#') || (language === 'typescript' && text.startsWith('//', at))) {
      while (at < end && text[at] !== '\n') at++;
    } else if (language === 'typescript' && text.startsWith('/*', at)) {
      const close = text.indexOf('*/', at + 2);
      at = close < 0 ? end : close + 1;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return ch === ')' ? at : undefined;
    }
  }
  return undefined;
}
