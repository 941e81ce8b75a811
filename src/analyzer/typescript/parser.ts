/**
 * typescript-estree, loaded on first use (it brings the TypeScript compiler, ~9 MB of JavaScript,
 * which a run that sees no TS/JS file should not pay for), and made tolerant of unfinished code:
 * typescript-estree throws on the first syntax error, so the statement around the error is blanked
 * (replaced by spaces, so every offset stays valid) and the file parsed again. The rest of the file
 * is still analyzed; the error is reported as an input problem.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { InputProblem } from '../types';

export type EstreeParse = (
  code: string,
  options: { range: true; loc: boolean; comment: true; jsx: boolean; errorOnUnknownASTType: false; tokens: false },
) => TSESTree.Program;

let loadedParse: EstreeParse | undefined;

/** typescript-estree's `parse`, required lazily so that merely loading the analyzer stays cheap. */
export function estreeParse(): EstreeParse {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedParse ??= (require('@typescript-eslint/typescript-estree') as typeof import('@typescript-eslint/typescript-estree')).parse as unknown as EstreeParse;
  return loadedParse;
}

/** How many times a file is re-parsed around syntax errors before giving up. */
const MAX_RECOVERIES = 4;

export interface TolerantParse {
  /** Undefined when no part of the file could be parsed. */
  readonly program: TSESTree.Program | undefined;
  readonly problems: readonly InputProblem[];
  /** Whether the program was parsed with JSX enabled. */
  readonly jsx: boolean;
}

interface SyntaxFailure {
  readonly message: string;
  readonly index: number;
}

function failureOf(error: unknown, text: string): SyntaxFailure {
  const e = error as { message?: unknown; index?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const index = typeof e?.index === 'number' && e.index >= 0 ? Math.min(e.index, text.length) : text.length;
  return { message, index };
}

/**
 * Parses `text`. `jsx` undefined means "by content": a file is tried without JSX (TypeScript's
 * `<T>x` casts need that) and, if that fails, with JSX; the reading that gets further wins.
 */
export function parseTolerant(text: string, jsx: boolean | undefined, parse: EstreeParse = estreeParse()): TolerantParse {
  const options = (withJsx: boolean) => ({ range: true, loc: true, comment: true, jsx: withJsx, errorOnUnknownASTType: false, tokens: false }) as const;
  const attempt = (source: string, withJsx: boolean): TSESTree.Program | SyntaxFailure => {
    try {
      return parse(source, options(withJsx));
    } catch (error) {
      return failureOf(error, source);
    }
  };
  let useJsx = jsx ?? false;
  let result = attempt(text, useJsx);
  if (!('type' in result) && jsx === undefined) {
    const other = attempt(text, true);
    if ('type' in other || other.index > result.index) {
      useJsx = true;
      result = other;
    }
  }
  if ('type' in result) return { program: result, problems: [], jsx: useJsx };

  const first = result;
  const problems: InputProblem[] = [{ message: `syntax error: ${first.message}`, range: { start: first.index, end: first.index } }];
  let source = text;
  let failure = first;
  for (let round = 0; round < MAX_RECOVERIES; round++) {
    const blanked = blankAround(source, failure.index, round === MAX_RECOVERIES - 1);
    if (blanked === source) break;
    source = blanked;
    const next = attempt(source, useJsx);
    if ('type' in next) {
      problems[0] = { ...problems[0], message: `${problems[0].message} (the code around it is skipped; the rest of the file is analyzed)` };
      return { program: next, problems, jsx: useJsx };
    }
    failure = next;
  }
  problems[0] = { ...problems[0], message: `${problems[0].message} (the file could not be analyzed)` };
  return { program: undefined, problems, jsx: useJsx };
}

/** Lines that start a new top-level statement: not indented, not a closing bracket or a continuation. */
function startsStatement(line: string): boolean {
  return /^[^\s})\].,?:|&+\-*/=<>]/.test(line);
}

/**
 * Replaces the top-level statement around `index` with spaces (line breaks kept): from the closest
 * unindented line at or before the error to the next unindented line after it. `toEnd` blanks
 * everything from that statement to the end of the file.
 */
export function blankAround(text: string, index: number, toEnd: boolean): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineText = (n: number) => text.slice(lineStarts[n], (lineStarts[n + 1] ?? text.length + 1) - 1);
  let line = lineStarts.length - 1;
  while (line > 0 && lineStarts[line] > index) line--;
  let first = line;
  while (first > 0 && !startsStatement(lineText(first))) first--;
  let end = line + 1;
  if (toEnd) end = lineStarts.length;
  else while (end < lineStarts.length && !startsStatement(lineText(end))) end++;
  const from = lineStarts[first];
  const to = end < lineStarts.length ? lineStarts[end] : text.length;
  if (from >= to) return text;
  return text.slice(0, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ') + text.slice(to);
}
