/** Offset ↔ line/column conversion over a text, built once per analyzed document. */
import type { TextRange } from './types';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based column in UTF-16 code units. */
  readonly column: number;
}

export class LineIndex {
  private starts: number[] | undefined;

  /** Line starts are found on the first query: most analyzed files are never asked. */
  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return (this.starts = starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - this.lineStarts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.column), end);
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** The offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** The leading whitespace of `line`. */
  indentation(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))![0];
  }
}

/** The line break the text mostly uses, so inserted lines match it. */
export function lineBreakOf(text: string): string {
  const crlf = text.indexOf('\r\n');
  return crlf >= 0 ? '\r\n' : '\n';
}

/**
 * Where short strings occur in a text, so "does this node's span contain a call?" is a binary
 * search instead of copying the node's text out of the parser.
 */
/** A string that matches itself inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** ASCII letters, digits and `_` (what `\w` matches), by character code. */
export function isNameCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export class OccurrenceIndex {
  /** `offsets`: start offsets, ascending. */
  private constructor(readonly offsets: readonly number[]) {}

  /** Where any of the needles occurs. */
  static of(text: string, needles: string | readonly string[]): OccurrenceIndex {
    const offsets: number[] = [];
    for (const needle of typeof needles === 'string' ? [needles] : needles) {
      // An empty needle is found everywhere (and `indexOf('', at)` never passes the end).
      if (needle === '') continue;
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) offsets.push(at);
    }
    if (typeof needles !== 'string' && needles.length > 1) offsets.sort((a, b) => a - b);
    return new OccurrenceIndex(offsets);
  }

  /**
   * Where any of the (possibly dotted) names occurs as a whole name: not inside a longer name and
   * not as an attribute (`x.name`), and where `accept` (given the occurrence's span) agrees.
   */
  static ofNames(text: string, names: readonly string[], accept: (start: number, end: number) => boolean = () => true): OccurrenceIndex {
    // Half-typed code binds empty names (` = nn.BatchNorm1d(32)`): an empty one names nothing.
    const unique = [...new Set(names)].filter((name) => name !== '');
    if (unique.length === 0) return new OccurrenceIndex([]);
    // A few names: a plain search for each is several times faster than a regular expression.
    if (unique.length > 8) {
      const escaped = unique.map(escapeRegExp);
      const offsets: number[] = [];
      for (const match of text.matchAll(new RegExp(`(?<![\\w.])(?:${escaped.join('|')})(?!\\w)`, 'g'))) {
        if (accept(match.index, match.index + match[0].length)) offsets.push(match.index);
      }
      return new OccurrenceIndex(offsets);
    }
    const offsets: number[] = [];
    for (const name of unique) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const before = at > 0 ? text.charCodeAt(at - 1) : 32;
        const end = at + name.length;
        if (isNameCode(before) || before === 46 || isNameCode(text.charCodeAt(end)) || !accept(at, end)) continue;
        offsets.push(at);
      }
    }
    return new OccurrenceIndex(unique.length > 1 ? offsets.sort((a, b) => a - b) : offsets);
  }

  /** Where a global regular expression matches. */
  static ofMatches(text: string, pattern: RegExp): OccurrenceIndex {
    return new OccurrenceIndex(Array.from(text.matchAll(pattern), (match) => match.index));
  }

  get isEmpty(): boolean {
    return this.offsets.length === 0;
  }

  /** The same occurrences without those `drop` picks (by start offset). */
  without(drop: (offset: number) => boolean): OccurrenceIndex {
    const kept = this.offsets.filter((offset) => !drop(offset));
    return kept.length === this.offsets.length ? this : new OccurrenceIndex(kept);
  }

  /** Whether an occurrence starts in [start, end). */
  within(start: number, end: number): boolean {
    const first = this.firstAtOrAfter(start);
    return first < this.offsets.length && this.offsets[first] < end;
  }

  /** The position in `offsets` of the first occurrence at or after `start`. */
  firstAtOrAfter(start: number): number {
    return lowerBound(this.offsets, start);
  }
}

/** The index of the first element of an ascending array that is at least `value` (its length if none). */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `inner` lies within `outer` (ends included). */
export function rangeContains(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
