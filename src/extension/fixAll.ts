/**
 * Fix all: every safe fix, re-analyzing between passes until nothing changes (the CLI's `--fix`),
 * turned into small line-level edits so the cursor, folding and undo history stay where they were.
 */
import * as vscode from 'vscode';
import { fixUntilStable } from '../analyzer/fixes';
import { textDiff } from '../editor/text-diff';
import { analyzeOptions } from './diagnostics';
import { notebookOfCell, sourceLanguageOf } from './documents';
import type { Engine } from './engine';
import { findingsInCell, snapshotNotebook } from './notebooks';
import type { ConfigService } from './settings';

/** The "NormLint: Fix All in File" command. */
export const FIX_ALL = 'normlint.fixAll';

export { textDiff };

/** The edits of "fix all" for a document or a notebook cell; empty when there is nothing safe to fix. */
export function fixAllEdits(engine: Engine, configs: ConfigService, document: vscode.TextDocument): vscode.TextEdit[] {
  const notebook = notebookOfCell(document);
  const config = configs.forUri(notebook?.uri ?? document.uri);
  if (!config.settings.enable || config.excluded) return [];
  const text = document.getText();
  let fixed: string;
  if (notebook) {
    const cellIndex = notebook.getCells().findIndex((c) => c.document === document);
    const fixedCell = fixNotebookCell(engine, configs, notebook, cellIndex, new Map());
    if (fixedCell === undefined) return [];
    fixed = fixedCell;
  } else {
    const language = sourceLanguageOf(document.languageId);
    if (!language || !engine.supports(language)) return [];
    const options = analyzeOptions(config, document.fileName, language);
    fixed = fixUntilStable(text, (t) => engine.analyze(t, options), false).text;
  }
  return textDiff(text, fixed).map((e) =>
    vscode.TextEdit.replace(new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end)), e.newText),
  );
}

/**
 * One cell's text with its safe fixes applied, analyzed with the cells before and after it
 * (`overrides` holds cells already fixed in this run); undefined when nothing changes.
 */
export function fixNotebookCell(
  engine: Engine,
  configs: ConfigService,
  notebook: vscode.NotebookDocument,
  cellIndex: number,
  overrides: Map<number, string>,
): string | undefined {
  const config = configs.forUri(notebook.uri);
  const initial = snapshotNotebook(notebook, overrides);
  if (!initial || cellIndex < 0 || !engine.supports(initial.language)) return undefined;
  const options = analyzeOptions(config, notebook.uri.fsPath, initial.language);
  const original = initial.sources[cellIndex];
  const result = fixUntilStable(
    original,
    (cellText) => {
      const snapshot = snapshotNotebook(notebook, new Map([...overrides, [cellIndex, cellText]]))!;
      return findingsInCell(snapshot, engine.analyze(snapshot.program.text, options).findings, cellIndex);
    },
    false,
  );
  return result.text === original ? undefined : result.text;
}

/** "Fix all" for a whole notebook: cell by cell, in order, each seeing the cells fixed before it. */
export function fixAllNotebookEdit(engine: Engine, configs: ConfigService, notebook: vscode.NotebookDocument): vscode.WorkspaceEdit | undefined {
  const config = configs.forUri(notebook.uri);
  if (!config.settings.enable || config.excluded) return undefined;
  const overrides = new Map<number, string>();
  const edit = new vscode.WorkspaceEdit();
  let changed = false;
  for (const cell of notebook.getCells()) {
    if (cell.kind !== vscode.NotebookCellKind.Code) continue;
    const fixed = fixNotebookCell(engine, configs, notebook, cell.index, overrides);
    if (fixed === undefined) continue;
    overrides.set(cell.index, fixed);
    const document = cell.document;
    for (const e of textDiff(document.getText(), fixed))
      edit.replace(document.uri, new vscode.Range(document.positionAt(e.range.start), document.positionAt(e.range.end)), e.newText);
    changed = true;
  }
  return changed ? edit : undefined;
}
