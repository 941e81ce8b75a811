/**
 * "Disable BN101 for this line" / "for this file": the suppression comment, in the form the analyzer
 * reads (suppressions.ts), merged into a directive already there. Plain text in, an offset edit out,
 * for the VS Code extension and the language server alike.
 *   Python:  `x = nn.Conv2d(3, 8, 3)  # noqa: BN101`, or `# noqa: E501` → `# noqa: E501, BN101`;
 *            `# normlint: disable-file=BN101` at the top of the file
 *   TS/JS:   `// normlint-disable-next-line BN101` on the line above (merged the same way);
 *            `/* normlint-disable BN101 *\/` at the top of the file
 */
import type { SourceLanguage } from '../analyzer/model/model';
import { parseDirective, type SourceComment } from '../analyzer/suppressions';
import { LineIndex, lineBreakOf } from '../analyzer/text';
import type { TextEdit, TextRange } from '../analyzer/types';

const CODE_LIST = String.raw`[A-Za-z]+\d*(?:\s*,\s*[A-Za-z]+\d*|\s+[A-Za-z]+\d+)*`;

/** Adds `code` to the code list of the directive in `comment`; undefined when it has no list to extend. */
export function mergeIntoDirective(comment: string, code: string): string | undefined {
  const patterns = [
    new RegExp(String.raw`(noqa:\s*)(${CODE_LIST})`, 'i'),
    new RegExp(String.raw`(normlint:\s*disable-file=)(${CODE_LIST})`),
    new RegExp(String.raw`(normlint:\s*disable=)(${CODE_LIST})`),
    new RegExp(String.raw`(normlint-disable(?:-next-line|-line)?\s+)(${CODE_LIST})`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(comment);
    if (!match) continue;
    const list = match[2];
    const separator = list.includes(', ') || !list.includes(',') ? ', ' : ',';
    const at = match.index + match[0].length;
    return `${comment.slice(0, at)}${separator}${code}${comment.slice(at)}`;
  }
  return undefined;
}

function covers(comment: string, code: string, scopes: readonly string[]): boolean | undefined {
  const directive = parseDirective(comment);
  if (!directive || !scopes.includes(directive.scope)) return undefined;
  return directive.codes.includes('*') || directive.codes.includes(code);
}

/**
 * The edit that silences `code` for the finding at `range` (offsets into `text`); undefined when
 * the line is already silenced. `comments` are the directive comments the front end found (Python).
 */
export function disableLineEdit(
  text: string,
  language: SourceLanguage,
  range: TextRange,
  code: string,
  comments: readonly SourceComment[] | undefined,
): TextEdit | undefined {
  const lines = new LineIndex(text);
  if (language === 'typescript') return disableNextLine(lines, lines.positionAt(range.start).line, code);
  // The first line of the finding, unless it ends in a line continuation (a comment cannot follow).
  let line = lines.positionAt(range.start).line;
  if (/\\\s*$/.test(lines.lineText(line))) line = lines.positionAt(range.end).line;
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  const comment = comments?.find((c) => c.range.start >= lineStart && c.range.start <= lineEnd);
  if (comment) {
    const covered = covers(comment.text, code, ['line']);
    if (covered) return undefined;
    const merged = covered === false ? mergeIntoDirective(comment.text, code) : undefined;
    if (merged) return { range: comment.range, newText: merged };
  }
  return { range: { start: lineStart + lines.lineText(line).trimEnd().length, end: lineEnd }, newText: `  # noqa: ${code}` };
}

function disableNextLine(lines: LineIndex, line: number, code: string): TextEdit | undefined {
  const lineStart = lines.lineStart(line);
  const own = /\/\/\s*normlint-disable-line\b.*$/.exec(lines.lineText(line));
  if (own) {
    const covered = covers(own[0], code, ['line']);
    if (covered) return undefined;
    const merged = mergeIntoDirective(own[0], code);
    if (merged) return { range: { start: lineStart + own.index, end: lineStart + own.index + own[0].length }, newText: merged };
  }
  if (line > 0) {
    const above = lines.lineText(line - 1);
    const match = /^(\s*)(\/\/\s*normlint-disable-next-line\b.*)$/.exec(above);
    if (match) {
      const covered = covers(match[2], code, ['next-line']);
      if (covered) return undefined;
      const merged = mergeIntoDirective(match[2], code);
      if (merged) return { range: { start: lines.lineStart(line - 1) + match[1].length, end: lines.lineEnd(line - 1) }, newText: merged };
    }
  }
  const indent = lines.indentation(line);
  return { range: { start: lineStart, end: lineStart }, newText: `${indent}// normlint-disable-next-line ${code}${lineBreakOf(lines.text)}` };
}

/**
 * The edit that silences `code` in the whole file (for a notebook cell: the whole notebook, whose
 * cells the analyzer reads as one program): merged into a file-wide directive at the top, else a new
 * comment line after a shebang or encoding line. `comments`: as for `disableLineEdit` (Python).
 */
export function disableFileEdit(text: string, language: SourceLanguage, code: string, comments: readonly SourceComment[] | undefined): TextEdit {
  const lines = new LineIndex(text);
  const existing = language === 'python' ? comments?.find((c) => covers(c.text, code, ['file']) === false) : topBlockDirective(lines, code);
  const merged = existing && mergeIntoDirective(existing.text, code);
  if (existing && merged) return { range: existing.range, newText: merged };
  let line = 0;
  // A shebang, and in Python an encoding declaration, must stay first.
  const keepsFirst = (l: number) => /^#!/.test(lines.lineText(l)) || (language === 'python' && /^#.*coding[:=]/.test(lines.lineText(l)));
  while (line < Math.min(2, lines.lineCount) && keepsFirst(line)) line++;
  const comment = language === 'python' ? `# normlint: disable-file=${code}` : `/* normlint-disable ${code} */`;
  if (line >= lines.lineCount) {
    // A file of only a shebang/encoding line without a final line break.
    return { range: { start: text.length, end: text.length }, newText: `${lineBreakOf(text)}${comment}${lineBreakOf(text)}` };
  }
  const start = lines.lineStart(line);
  return { range: { start, end: start }, newText: `${comment}${lineBreakOf(text)}` };
}

/** A `/* normlint-disable … *\/` comment on its own line near the top (TS/JS) that does not cover `code` yet. */
function topBlockDirective(lines: LineIndex, code: string): SourceComment | undefined {
  for (let line = 0; line < Math.min(5, lines.lineCount); line++) {
    const text = lines.lineText(line);
    const match = /^\s*(\/\*\s*normlint-disable\b[^*]*\*\/)\s*$/.exec(text);
    if (!match || covers(match[1], code, ['file']) !== false) continue;
    const start = lines.lineStart(line) + text.indexOf(match[1]);
    return { text: match[1], range: { start, end: start + match[1].length } };
  }
  return undefined;
}
