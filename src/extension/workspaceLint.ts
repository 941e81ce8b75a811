/**
 * "NormLint: Lint Workspace": every Python, notebook and (when the front end is there) TS/JS file
 * of the workspace, read through `vscode.workspace.fs` (open documents keep their live results),
 * with a cancellable progress notification; results go to the Problems panel.
 */
import * as vscode from 'vscode';
import type { SourceLanguage } from '../analyzer/model/model';
import { analyzeNotebook, NotebookError } from '../analyzer/notebook';
import { LineIndex } from '../analyzer/text';
import type { TextRange } from '../analyzer/types';
import { decodeSource } from '../analyzer/source-text';
import { analyzeOptions, locateFindings, type Linter } from './diagnostics';
import { isLintableDocument, NOTEBOOK_CELL_SCHEME } from './documents';
import { loadEngine, type Engine } from './engine';
import type { Log } from './log';
import type { ConfigService } from './settings';

export const LINT_WORKSPACE = 'normlint.lintWorkspace';

const PYTHON_GLOB = '**/*.{py,pyi,ipynb}';
const TYPESCRIPT_GLOB = '**/*.{py,pyi,ipynb,ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** The folders the CLI skips too. */
const SKIPPED =
  '**/{.git,.hg,.svn,node_modules,__pycache__,.venv,venv,.tox,.nox,.mypy_cache,.pytest_cache,.ruff_cache,.ipynb_checkpoints,site-packages,.eggs,build,dist,.vscode-test}/**';

export interface WorkspaceLintSummary {
  readonly files: number;
  readonly filesWithFindings: number;
  readonly findings: number;
  readonly cancelled: boolean;
  readonly durationMs: number;
}

/** Open documents and notebooks, by URI: the live linter owns them. */
function openUris(): Set<string> {
  const open = new Set(
    vscode.workspace.textDocuments.filter((d) => d.uri.scheme !== NOTEBOOK_CELL_SCHEME && isLintableDocument(d)).map((d) => d.uri.toString()),
  );
  for (const notebook of vscode.workspace.notebookDocuments) open.add(notebook.uri.toString());
  return open;
}

function languageOfPath(path: string): SourceLanguage | 'notebook' {
  if (/\.ipynb$/i.test(path)) return 'notebook';
  return /\.(py|pyi)$/i.test(path) ? 'python' : 'typescript';
}

export class WorkspaceLinter implements vscode.Disposable {
  /** The files the last run covered (open ones included): kept current until the next run. */
  private known = new Set<string>();
  private running: Promise<WorkspaceLintSummary> | undefined;
  /** Files to lint again from disk soon (closed, or the configuration changed). */
  private readonly stale = new Set<string>();
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly linter: Linter,
    private readonly configs: ConfigService,
    private readonly log: Log,
  ) {
    // A closed file goes back to its state on disk (its live diagnostics are gone with the editor).
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) this.relint([document.uri.toString()]);
      }),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.relint([notebook.uri.toString()])),
    );
  }

  run(): Promise<WorkspaceLintSummary> {
    this.running ??= Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'NormLint: linting the workspace', cancellable: true },
        (progress, token) => this.lintAll(progress, token),
      ),
    ).finally(() => (this.running = undefined));
    return this.running;
  }

  /** Lints the files of the last run again (settings or pyproject.toml changed). */
  relintAll(): void {
    this.relint([...this.known]);
  }

  /** Lints again, from disk, those of `keys` the last run covered and that are not open now. */
  private relint(keys: readonly string[]): void {
    for (const key of keys) if (this.known.has(key)) this.stale.add(key);
    if (this.stale.size === 0 || this.staleTimer) return;
    this.staleTimer = setTimeout(() => {
      this.staleTimer = undefined;
      void this.lintStale();
    }, 30);
  }

  private async lintStale(): Promise<void> {
    const keys = [...this.stale];
    this.stale.clear();
    try {
      const engine = await loadEngine();
      const open = openUris();
      for (const key of keys) if (!open.has(key)) await this.lintAndStore(engine, vscode.Uri.parse(key));
    } catch (e) {
      this.log.error('linting closed files again failed', e);
    }
  }

  /** Lints one closed file from disk into the store; returns its finding count (undefined: not linted). */
  private async lintAndStore(engine: Engine, uri: vscode.Uri): Promise<number | undefined> {
    await this.configs.ready(uri);
    const config = this.configs.forUri(uri);
    if (!config.settings.enable || config.excluded) {
      this.linter.store.setWorkspace(uri, []);
      return undefined;
    }
    try {
      const diagnostics = this.lintFile(engine, uri, await vscode.workspace.fs.readFile(uri), config);
      this.linter.store.setWorkspace(uri, diagnostics);
      return diagnostics.length;
    } catch (e) {
      this.linter.store.setWorkspace(uri, []);
      this.log.warn(`${vscode.workspace.asRelativePath(uri)}: not linted: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    }
  }

  private async lintAll(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<WorkspaceLintSummary> {
    const started = performance.now();
    const engine = await loadEngine();
    const withTypeScript = engine.supports('typescript');
    const uris = (await vscode.workspace.findFiles(withTypeScript ? TYPESCRIPT_GLOB : PYTHON_GLOB, SKIPPED, undefined, token)).filter(
      (u) => !/\.d\.[cm]?ts$/i.test(u.path),
    );
    uris.sort((a, b) => a.toString().localeCompare(b.toString()));
    const open = openUris();
    const covered = new Set<string>();
    let findings = 0;
    let filesWithFindings = 0;
    let files = 0;
    let cancelled = false;
    const step = uris.length > 0 ? 100 / uris.length : 100;
    for (const uri of uris) {
      if (token.isCancellationRequested) {
        cancelled = true;
        break;
      }
      progress.report({ message: vscode.workspace.asRelativePath(uri), increment: step });
      // Let the progress, the cancel button and typing in editors through between files.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const key = uri.toString();
      covered.add(key);
      // Open files: live diagnostics cover them (the store shows those); linted from disk once closed.
      const count = open.has(key) ? (this.linter.countFor(uri) ?? 0) : await this.lintAndStore(engine, uri);
      if (count === undefined) continue;
      files++;
      findings += count;
      if (count > 0) filesWithFindings++;
    }
    if (!cancelled) {
      // Files that had findings in the previous run and are gone now.
      for (const key of this.linter.store.workspaceFiles()) if (!covered.has(key)) this.linter.store.setWorkspace(vscode.Uri.parse(key), []);
      this.known = covered;
    } else for (const key of covered) this.known.add(key);
    const summary = { files, filesWithFindings, findings, cancelled, durationMs: performance.now() - started };
    this.log.info(
      `workspace lint${cancelled ? ' (cancelled)' : ''}: ${findings} finding(s) in ${filesWithFindings} of ${files} file(s), ${(summary.durationMs / 1000).toFixed(1)} s`,
    );
    vscode.window.setStatusBarMessage(
      `NormLint: ${findings} problem${findings === 1 ? '' : 's'} in ${filesWithFindings} of ${files} files${cancelled ? ' (cancelled)' : ''}`,
      8000,
    );
    return summary;
  }

  dispose(): void {
    if (this.staleTimer) clearTimeout(this.staleTimer);
    for (const d of this.disposables) d.dispose();
  }

  private lintFile(engine: Engine, uri: vscode.Uri, bytes: Uint8Array, config: ReturnType<ConfigService['forUri']>): vscode.Diagnostic[] {
    const { text } = decodeSource(bytes);
    const kind = languageOfPath(uri.path);
    const lines = new LineIndex(text);
    if (kind !== 'notebook') {
      if (!engine.supports(kind)) return [];
      const result = engine.analyze(text, analyzeOptions(config, uri.fsPath || uri.path, kind));
      for (const error of result.ruleErrors)
        this.log.once('error', `${uri.toString()}|${error.code}`, `rule ${error.code} failed on ${uri.toString(true)}: ${error.message}`);
      const locate = (r: TextRange) => {
        const start = lines.positionAt(r.start);
        const end = lines.positionAt(r.end);
        return { uri, range: new vscode.Range(start.line, start.column, end.line, end.column) };
      };
      return locateFindings(result.findings, locate).map((f) => f.diagnostic);
    }
    // A closed notebook: its cells have no documents to point at, so findings sit on the file,
    // named by cell; opening the notebook replaces them with per-cell diagnostics.
    let analysis;
    try {
      analysis = analyzeNotebook(engine.analyzer, text, analyzeOptions(config, uri.fsPath || uri.path, undefined));
    } catch (e) {
      if (e instanceof NotebookError) throw new Error(`broken notebook: ${e.message}`);
      throw e;
    }
    return analysis.findings.map(({ cell, finding }) => {
      const cellLines = new LineIndex(cell.source);
      const at = cellLines.positionAt(finding.range.start);
      const diagnostic = locateFindings([{ ...finding, related: [], message: `[cell ${cell.index + 1}, line ${at.line + 1}] ${finding.message}` }], () => ({
        uri,
        range: new vscode.Range(0, 0, 0, 0),
      }))[0].diagnostic;
      return diagnostic;
    });
  }
}
