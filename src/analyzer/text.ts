/** Offset ↔ line/column conversion over a text, built once per analyzed document. */

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based column in UTF-16 code units. */
  readonly column: number;
}

export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
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
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - this.lineStarts[lo]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)]!;
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
 * Where a short string occurs in a text, so "does this node's span contain a call?" is a binary
 * search instead of copying the node's text out of the parser.
 */
export class OccurrenceIndex {
  private readonly offsets: number[] = [];

  constructor(text: string, needle: string) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) this.offsets.push(at);
  }

  /** Whether an occurrence starts in [start, end). */
  within(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.offsets.length && this.offsets[lo]! < end;
  }
}
