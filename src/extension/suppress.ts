/**
 * "Disable BN101 for this line" on a VS Code document; the comment itself is worked out in
 * editor/suppress-edit.ts (shared with the language server).
 */
import * as vscode from 'vscode';
import type { SourceComment } from '../analyzer/suppressions';
import { disableLineEdit as disableLineTextEdit, mergeIntoDirective } from '../editor/suppress-edit';
import { sourceLanguageOf } from './documents';

export { mergeIntoDirective };

/**
 * The edit that silences `code` for the finding at `range`; undefined when the line is already
 * silenced. `comments` are the directive comments the front end found (Python).
 */
export function disableLineEdit(document: vscode.TextDocument, range: vscode.Range, code: string, comments: readonly SourceComment[] | undefined): vscode.TextEdit | undefined {
  const language = sourceLanguageOf(document.languageId) ?? 'python';
  const edit = disableLineTextEdit(document.getText(), language, { start: document.offsetAt(range.start), end: document.offsetAt(range.end) }, code, comments);
  return edit && vscode.TextEdit.replace(new vscode.Range(document.positionAt(edit.range.start), document.positionAt(edit.range.end)), edit.newText);
}
