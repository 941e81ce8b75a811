/**
 * "Disable BN101 for this line" / "for this file": the suppression comment, in the form the analyzer
 * reads (suppressions.ts), merged into a directive already there.
 *   Python:  `x = nn.Conv2d(3, 8, 3)  # noqa: BN101`, or `# noqa: E501` → `# noqa: E501, BN101`;
 *            `# normlint: disable-file=BN101` at the top of the file
 *   TS/JS:   `// normlint-disable-next-line BN101` on the line above (merged the same way);
 *            `/* normlint-disable BN101 *\/` at the top of the file
 */
import * as vscode from 'vscode';
import { parseDirective, type SourceComment } from '../analyzer/suppressions';
import { sourceLanguageOf } from './documents';

const CODE_LIST = String.raw`[A-Za-z]+\d*(?:\s*,\s*[A-Za-z]+\d*|\s+[A-Za-z]+\d+)*`;

/** Adds `code` to the code list of the directive in `comment`; undefined when it has no list to extend. */
export function mergeIntoDirective(comment: string, code: string): string | undefined {
  const patterns = [
    new RegExp(String.raw`(noqa:\s*)(${CODE_LIST})`, 'i'),
    new RegExp(String.raw`(normlint:\s*disable-file=)(${CODE_LIST})`),
    new RegExp(String.raw`(normlint:\s*disable=)(${CODE_LIST})`),     new RegExp(String.raw`(normlint-disable(?:-next-line|-line)?\s+)(${CODE_LIST})`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(comment);
    if (!match) continue;
    const list = match[2]!;
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
 * The edit that silences `code` for the finding at `range`; undefined when the line is already
 * silenced. `comments` are the directive comments the front end found (Python).
 */
export function disableLineEdit(document: vscode.TextDocument, range: vscode.Range, code: string, comments: readonly SourceComment[] | undefined): vscode.TextEdit | undefined {
  const language = sourceLanguageOf(document.languageId);
  if (language === 'typescript') return disableNextLine(document, range, code);
  // The first line of the finding, unless it ends in a line continuation (a comment cannot follow).
  let line = range.start.line;
  if (/\\\s*$/.test(document.lineAt(line).text)) line = range.end.line;
  const textLine = document.lineAt(line);
  const lineStart = document.offsetAt(textLine.range.start);
  const lineEnd = document.offsetAt(textLine.range.end);
  const comment = comments?.find((c) => c.range.start >= lineStart && c.range.start <= lineEnd);
  if (comment) {
    const covered = covers(comment.text, code, ['line']);
    if (covered) return undefined;
    const merged = covered === false ? mergeIntoDirective(comment.text, code) : undefined;
    if (merged) return vscode.TextEdit.replace(new vscode.Range(document.positionAt(comment.range.start), document.positionAt(comment.range.end)), merged);
  }
  const end = textLine.text.trimEnd().length;
  return vscode.TextEdit.replace(new vscode.Range(line, end, line, textLine.text.length), `  # noqa: ${code}`);
}

function disableNextLine(document: vscode.TextDocument, range: vscode.Range, code: string): vscode.TextEdit | undefined {
  const line = range.start.line;
  const own = /\/\/\s*normlint-disable-line\b.*$/.exec(document.lineAt(line).text);
  if (own) {
    const covered = covers(own[0], code, ['line']);
    if (covered) return undefined;
    const merged = mergeIntoDirective(own[0], code);
    if (merged) return vscode.TextEdit.replace(new vscode.Range(line, own.index, line, own.index + own[0].length), merged);
  }
  if (line > 0) {
    const above = document.lineAt(line - 1).text;
    const match = /^(\s*)(\/\/\s*normlint-disable-next-line\b.*)$/.exec(above);
    if (match) {
      const covered = covers(match[2]!, code, ['next-line']);
      if (covered) return undefined;
      const merged = mergeIntoDirective(match[2]!, code);
      if (merged) return vscode.TextEdit.replace(new vscode.Range(line - 1, match[1]!.length, line - 1, above.length), merged);
    }
  }
  const indent = /^\s*/.exec(document.lineAt(line).text)![0];
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  return vscode.TextEdit.insert(new vscode.Position(line, 0), `${indent}// normlint-disable-next-line ${code}${eol}`);
}

/**
 * The edit that silences `code` in the whole file (for a notebook cell: the whole notebook, whose
 * cells the analyzer reads as one program): merged into a file-wide directive at the top, else a new
 * comment line after a shebang or encoding line. `comments`: as for `disableLineEdit` (Python).
 */
export function disableFileEdit(document: vscode.TextDocument, code: string, comments: readonly SourceComment[] | undefined): vscode.TextEdit {
  const language = sourceLanguageOf(document.languageId);
  const existing = language === 'python' ? comments?.find((c) => covers(c.text, code, ['file']) === false) : topBlockDirective(document, code);
  const merged = existing && mergeIntoDirective(existing.text, code);
  if (existing && merged) return vscode.TextEdit.replace(new vscode.Range(document.positionAt(existing.range.start), document.positionAt(existing.range.end)), merged);
  let line = 0;
  // A shebang, and in Python an encoding declaration, must stay first.
  while (line < Math.min(2, document.lineCount) && (/^#!/.test(document.lineAt(line).text) || (language === 'python' && /^#.*coding[:=]/.test(document.lineAt(line).text)))) line++;
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const comment = language === 'python' ? `# normlint: disable-file=${code}` : `/* normlint-disable ${code} */`;
  return vscode.TextEdit.insert(new vscode.Position(line, 0), `${comment}${eol}`);
}

/** A `/* normlint-disable … *\/` comment on its own line near the top (TS/JS) that does not cover `code` yet. */
function topBlockDirective(document: vscode.TextDocument, code: string): SourceComment | undefined {
  for (let line = 0; line < Math.min(5, document.lineCount); line++) {
    const text = document.lineAt(line).text;
    const match = /^\s*(\/\*\s*normlint-disable\b[^*]*\*\/)\s*$/.exec(text);
    if (!match || covers(match[1]!, code, ['file']) !== false) continue;
    const start = document.offsetAt(new vscode.Position(line, text.indexOf(match[1]!)));
    return { text: match[1]!, range: { start, end: start + match[1]!.length } };
  }
  return undefined;
}
