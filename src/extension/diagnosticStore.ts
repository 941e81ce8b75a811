/**
 * The one DiagnosticCollection, with one owner per URI: live results of an open document or
 * notebook win over the workspace lint's result for the same file, which is kept (hidden) and shown
 * again once the file is closed. An open notebook owns its file URI even though its findings sit on
 * its cells, so the workspace lint's per-file copies of them disappear while it is open.
 */
import * as vscode from 'vscode';

export class DiagnosticStore implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('normlint');
  /** Live diagnostics per document (a file, or a notebook cell). */
  private readonly live = new Map<string, readonly vscode.Diagnostic[]>();
  /** URIs of open documents and notebooks: the live linter owns them. */
  private readonly claimed = new Set<string>();
  /** The workspace lint's diagnostics per file, shown while the file is not open. */
  private readonly workspace = new Map<string, readonly vscode.Diagnostic[]>();

  /** The live linter owns `uri` from now on (an opened document or notebook). */
  claim(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.claimed.has(key)) return;
    this.claimed.add(key);
    this.refresh(key);
  }

  /** The live linter lets go of `uri` (closed): the workspace lint's result, if any, shows again. */
  release(uri: vscode.Uri): void {
    const key = uri.toString();
    this.claimed.delete(key);
    this.live.delete(key);
    this.refresh(key);
  }

  setLive(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    const key = uri.toString();
    this.live.set(key, diagnostics);
    this.refresh(key);
  }

  deleteLive(uri: vscode.Uri): void {
    const key = uri.toString();
    this.live.delete(key);
    this.refresh(key);
  }

  setWorkspace(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    const key = uri.toString();
    if (diagnostics.length > 0) this.workspace.set(key, diagnostics);
    else this.workspace.delete(key);
    this.refresh(key);
  }

  /** Files the workspace lint has diagnostics for. */
  workspaceFiles(): string[] {
    return [...this.workspace.keys()];
  }

  private refresh(key: string): void {
    const uri = vscode.Uri.parse(key);
    const shown = this.live.get(key) ?? (this.claimed.has(key) ? undefined : this.workspace.get(key));
    if (shown && shown.length > 0) this.collection.set(uri, shown);
    else this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
