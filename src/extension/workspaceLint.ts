/**
 * "NormLint: Lint Workspace": every Python, notebook and (when the front end is there) TS/JS file
 * of the workspace, read from disk (open documents keep their live results), with a cancellable
 * progress notification; results go to the Problems panel.
 */
import * as vscode from 'vscode';
import type { SourceLanguage } from '../analyzer/model/model';
import { analyzeNotebook, NotebookError } from '../analyzer/notebook';
import { LineIndex } from '../analyzer/text';
import type { TextRange } from '../analyzer/types';
import { decodeSource } from '../node/read-source';
import { analyzeOptions, locateFindings, type Linter } from './diagnostics';
import { isLintableDocument, NOTEBOOK_CELL_SCHEME } from './documents';
import { loadEngine, type Engine } from './engine';
import type { Log } from './log';
import type { ConfigService } from './settings';

export const LINT_WORKSPACE = 'normlint.lintWorkspace';

const PYTHON_GLOB = '**/*.{py,pyi,ipynb}';
const TYPESCRIPT_GLOB = '**/*.{py,pyi,ipynb,ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** The folders the CLI skips too. */
const SKIPPED = '**/{.git,.hg,.svn,node_modules,__pycache__,.venv,venv,.tox,.nox,.mypy_cache,.pytest_cache,.ruff_cache,.ipynb_checkpoints,site-packages,.eggs,build,dist,.vscode-test}/**';

export interface WorkspaceLintSummary {
  readonly files: number;
  readonly filesWithFindings: number;
  readonly findings: number;
  readonly cancelled: boolean;
  readonly durationMs: number;
}

function languageOfPath(path: string): SourceLanguage | 'notebook' {
  if (/\.ipynb$/i.test(path)) return 'notebook';
  return /\.(py|pyi)$/i.test(path) ? 'python' : 'typescript';
}

export class WorkspaceLinter {
  /** Files this command published diagnostics for, so a new run replaces them. */
  private published = new Set<string>();
  private running: Promise<WorkspaceLintSummary> | undefined;

  constructor(
    private readonly linter: Linter,
    private readonly configs: ConfigService,
    private readonly log: Log,
  ) {}

  run(): Promise<WorkspaceLintSummary> {
    this.running ??= Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'NormLint: linting the workspace', cancellable: true }, (progress, token) => this.lintAll(progress, token)),
    ).finally(() => (this.running = undefined));
    return this.running;
  }

  private async lintAll(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<WorkspaceLintSummary> {
    const started = performance.now();
    const engine = await loadEngine();
    const withTypeScript = engine.supports('typescript');
    const uris = (await vscode.workspace.findFiles(withTypeScript ? TYPESCRIPT_GLOB : PYTHON_GLOB, SKIPPED, undefined, token)).filter((u) => !/\.d\.[cm]?ts$/i.test(u.path));
    uris.sort((a, b) => a.toString().localeCompare(b.toString()));
    const open = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme !== NOTEBOOK_CELL_SCHEME && isLintableDocument(d)).map((d) => d.uri.toString()));
    for (const notebook of vscode.workspace.notebookDocuments) open.add(notebook.uri.toString());
    const published = new Set<string>();
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
      await new Promise((resolve) => setImmediate(resolve));
      const key = uri.toString();
      if (open.has(key)) {
        // Live diagnostics already cover it.
        findings += this.linter.countFor(uri) ?? 0;
        files++;
        continue;
      }
      const config = this.configs.forUri(uri);
      if (!config.settings.enable || config.excluded) continue;
      files++;
      try {
        const diagnostics = this.lintFile(engine, uri, await vscode.workspace.fs.readFile(uri), config);
        if (diagnostics.length > 0) {
          this.linter.collection.set(uri, diagnostics);
          published.add(key);
          findings += diagnostics.length;
          filesWithFindings++;
        } else if (this.published.has(key)) this.linter.collection.delete(uri);
      } catch (e) {
        this.log.warn(`${vscode.workspace.asRelativePath(uri)}: not linted: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (!cancelled) {
      // Files that had findings in the previous run and are gone or clean now.
      for (const key of this.published) if (!published.has(key) && !open.has(key)) this.linter.collection.delete(vscode.Uri.parse(key));
      this.published = published;
    } else for (const key of published) this.published.add(key);
    const summary = { files, filesWithFindings, findings, cancelled, durationMs: performance.now() - started };
    this.log.info(`workspace lint${cancelled ? ' (cancelled)' : ''}: ${findings} finding(s) in ${filesWithFindings} of ${files} file(s), ${(summary.durationMs / 1000).toFixed(1)} s`);
    vscode.window.setStatusBarMessage(`NormLint: ${findings} problem${findings === 1 ? '' : 's'} in ${filesWithFindings} of ${files} files${cancelled ? ' (cancelled)' : ''}`, 8000);
    return summary;
  }

  private lintFile(engine: Engine, uri: vscode.Uri, bytes: Uint8Array, config: ReturnType<ConfigService['forUri']>): vscode.Diagnostic[] {
    const { text } = decodeSource(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const kind = languageOfPath(uri.path);
    const lines = new LineIndex(text);
    if (kind !== 'notebook') {
      if (!engine.supports(kind)) return [];
      const result = engine.analyze(text, analyzeOptions(config, uri.fsPath || uri.path, kind));
      for (const error of result.ruleErrors) this.log.once('error', `${uri.toString()}|${error.code}`, `rule ${error.code} failed on ${uri.toString(true)}: ${error.message}`);
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
      const diagnostic = locateFindings([{ ...finding, related: [], message: `[cell ${cell.index + 1}, line ${at.line + 1}] ${finding.message}` }], () => ({ uri, range: new vscode.Range(0, 0, 0, 0) }))[0]!.diagnostic;
      return diagnostic;
    });
  }
}
