/** The status bar item: NormLint's state and the active document's problem count; click for the output. */
import * as vscode from 'vscode';
import type { Linter } from './diagnostics';
import { isLintableDocument, isLintableNotebook, NOTEBOOK_CELL_SCHEME, notebookOfCell, type LocatedFinding } from './documents';

export const SHOW_OUTPUT = 'normlint.showOutput';

/** The icon of the most severe finding (as the Problems panel shows it). */
function iconFor(findings: readonly LocatedFinding[]): string {
  const severity = Math.min(...findings.map((f) => f.diagnostic.severity));
  return severity === vscode.DiagnosticSeverity.Error ? '$(error)' : severity === vscode.DiagnosticSeverity.Warning ? '$(warning)' : '$(info)';
}

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('normlint.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly linter: Linter) {
    this.item.name = 'NormLint';
    this.item.command = SHOW_OUTPUT;
    const soon = () => this.schedule();
    this.disposables.push(
      this.item,
      linter.onDidLint(soon),
      linter.onDidChangeState(soon),
      vscode.window.onDidChangeActiveTextEditor(soon),
      vscode.window.onDidChangeActiveNotebookEditor(soon),
    );
    this.update();
  }

  /** Coalesces bursts of events (a notebook's cells, typing) into one update. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 50);
  }

  /** The item's text and tooltip, as shown (for tests and logs). */
  get text(): string {
    return this.item.text;
  }
  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  update(): void {
    const failure = this.linter.failure;
    const editor = vscode.window.activeTextEditor;
    const notebook = vscode.window.activeNotebookEditor?.notebook ?? (editor ? notebookOfCell(editor.document) : undefined);
    let uri: vscode.Uri | undefined;
    if (notebook && isLintableNotebook(notebook)) uri = notebook.uri;
    else if (editor && editor.document.uri.scheme !== NOTEBOOK_CELL_SCHEME && isLintableDocument(editor.document)) uri = editor.document.uri;
    if (failure) {
      this.set('$(error) NormLint', `NormLint: ${failure}. Click for the output.`, new vscode.ThemeColor('statusBarItem.errorBackground'));
      return;
    }
    if (!uri) {
      this.item.hide();
      return;
    }
    const result = this.linter.lastResultFor(uri);
    const findings = this.linter.findingsFor(uri);
    const count = findings?.length;
    const configLine = result?.config.configFile ? `\nConfiguration: ${vscode.workspace.asRelativePath(result.config.configFile)}` : '';
    if (result?.skipped) {
      this.set('$(circle-slash) NormLint', `NormLint: not linted (${result.skipped}).${configLine}`);
    } else if (this.linter.busy && count === undefined) {
      this.set('$(sync~spin) NormLint', 'NormLint: linting…');
    } else if (result?.config.error) {
      this.set(
        `$(warning) NormLint: ${count ?? 0}`,
        `NormLint: the configuration is invalid and is ignored: ${result.config.error.message}`,
        new vscode.ThemeColor('statusBarItem.warningBackground'),
      );
    } else if (count === undefined) {
      this.set('$(sync~spin) NormLint', 'NormLint: linting…');
    } else {
      this.set(
        count === 0 ? '$(check) NormLint' : `${iconFor(findings!)} NormLint: ${count}`,
        `NormLint: ${count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'}`} in this ${notebook ? 'notebook' : 'file'}.${configLine}\nClick for the output.`,
      );
    }
  }

  private set(text: string, tooltip: string, background?: vscode.ThemeColor): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
