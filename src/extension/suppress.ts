/**
 * "Disable BN101 for this line" / "for this file" on a VS Code document; the comment itself is worked
 * out in editor/suppress-edit.ts (shared with the language server).
 */
import * as vscode from 'vscode';
import type { SourceComment } from '../analyzer/suppressions';
import type { TextEdit } from '../analyzer/types';
import { disableFileEdit as disableFileTextEdit, disableLineEdit as disableLineTextEdit, mergeIntoDirective } from '../editor/suppress-edit';
import { sourceLanguageOf } from './documents';

export { mergeIntoDirective };

function toVscodeEdit(document: vscode.TextDocument, edit: TextEdit): vscode.TextEdit {
  return vscode.TextEdit.replace(new vscode.Range(document.positionAt(edit.range.start), document.positionAt(edit.range.end)), edit.newText);
}

/**
 * The edit that silences `code` for the finding at `range`; undefined when the line is already
 * silenced. `comments` are the directive comments the front end found (Python).
 */
export function disableLineEdit(
  document: vscode.TextDocument,
  range: vscode.Range,
  code: string,
  comments: readonly SourceComment[] | undefined,
): vscode.TextEdit | undefined {
  const language = sourceLanguageOf(document.languageId) ?? 'python';
  const edit = disableLineTextEdit(document.getText(), language, { start: document.offsetAt(range.start), end: document.offsetAt(range.end) }, code, comments);
  return edit && toVscodeEdit(document, edit);
}

/** The edit that silences `code` in the whole file (a notebook cell: the notebook's first cell holds it). */
export function disableFileEdit(document: vscode.TextDocument, code: string, comments: readonly SourceComment[] | undefined): vscode.TextEdit {
  const language = sourceLanguageOf(document.languageId) ?? 'python';
  return toVscodeEdit(document, disableFileTextEdit(document.getText(), language, code, comments));
}
