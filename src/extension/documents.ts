/** Which documents NormLint looks at, and the analyzer findings placed on VS Code documents. */
import * as vscode from 'vscode';
import type { SourceLanguage } from '../analyzer/model/model';
import type { Applicability, Finding } from '../analyzer/types';
import { PYTHON_LANGUAGES, sourceLanguageOf, TYPESCRIPT_LANGUAGES } from '../editor/languages';

export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';
export { PYTHON_LANGUAGES, sourceLanguageOf, TYPESCRIPT_LANGUAGES };

/** Read-only or generated views of a file: never linted (diffs, output, chat snippets). */
const IGNORED_SCHEMES = new Set([
  'git',
  'gitlens',
  'output',
  'vscode-scm',
  'review',
  'pr',
  'vscode-chat-code-block',
  'vscode-copilot-chat-code-block',
  'walkThroughSnippet',
  'vscode-notebook-cell-output',
  'vscode-settings',
  'vscode-userdata',
  'chat-editing-text-model',
]);

export function isLintableDocument(document: vscode.TextDocument): boolean {
  return !IGNORED_SCHEMES.has(document.uri.scheme) && sourceLanguageOf(document.languageId) !== undefined;
}

/** The notebook a cell document belongs to. */
export function notebookOfCell(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  const path = document.uri.path;
  return (
    vscode.workspace.notebookDocuments.find((nb) => nb.uri.path === path && nb.getCells().some((c) => c.document === document)) ??
    vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document))
  );
}

/** A thing linted as one program: a text document, or a notebook's code cells in order. */
export type Target =
  { readonly kind: 'document'; readonly document: vscode.TextDocument } | { readonly kind: 'notebook'; readonly notebook: vscode.NotebookDocument };

export function targetKey(target: Target): string {
  return target.kind === 'document' ? target.document.uri.toString() : target.notebook.uri.toString();
}

export function targetUri(target: Target): vscode.Uri {
  return target.kind === 'document' ? target.document.uri : target.notebook.uri;
}

export function targetOf(document: vscode.TextDocument): Target | undefined {
  if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) {
    const notebook = notebookOfCell(document);
    return notebook && isLintableNotebook(notebook) ? { kind: 'notebook', notebook } : undefined;
  }
  return isLintableDocument(document) ? { kind: 'document', document } : undefined;
}

/** The language a notebook's program is written in: its first code cell with a language we read. */
export function notebookLanguage(notebook: vscode.NotebookDocument): SourceLanguage | undefined {
  for (const cell of notebook.getCells()) {
    if (cell.kind !== vscode.NotebookCellKind.Code) continue;
    const language = sourceLanguageOf(cell.document.languageId);
    if (language) return language;
  }
  return undefined;
}

export function isLintableNotebook(notebook: vscode.NotebookDocument): boolean {
  return !IGNORED_SCHEMES.has(notebook.uri.scheme) && notebookLanguage(notebook) !== undefined;
}

export interface LocatedRange {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

export interface LocatedEdit extends LocatedRange {
  readonly newText: string;
}

export interface LocatedFix {
  readonly title: string;
  readonly applicability: Applicability;
  readonly edits: readonly LocatedEdit[];
}

/** A finding placed on the document it starts in, with everything it points at. */
export interface LocatedFinding extends LocatedRange {
  readonly finding: Finding;
  readonly related: readonly (LocatedRange & { readonly message: string })[];
  readonly fixes: readonly LocatedFix[];
  readonly diagnostic: vscode.Diagnostic;
}

export function toWorkspaceEdit(edits: readonly LocatedEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(e.uri, e.range, e.newText);
  return edit;
}
