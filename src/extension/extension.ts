/**
 * The NormLint VS Code extension: thin glue between VS Code and the analyzer, the same in both
 * extension hosts (entry points: main.ts for Node, web/main.ts for the browser's web worker). Activation only
 * registers providers and commands; the analyzer (and its WebAssembly parser) loads on first lint.
 */
import * as vscode from 'vscode';
import type { SourceLanguage } from '../analyzer/model/model';
import { registerCalculatorPanel } from './calculator/panel';
import { NormlintCodeActions } from './codeActions';
import { Linter, type LintEvent } from './diagnostics';
import { initDocs, SHOW_DOCUMENTATION, showDocumentation } from './docs';
import { NOTEBOOK_CELL_SCHEME, notebookOfCell, PYTHON_LANGUAGES, TYPESCRIPT_LANGUAGES } from './documents';
import { loadedEngine, loadEngine, setAnalyzerLoader } from './engine';
import { FIX_ALL, fixAllEdits, fixAllNotebookEdit } from './fixAll';
import type { ExtensionHost } from './host';
import { NormlintHover } from './hover';
import { Log } from './log';
import { type ProjectChange, startWorkspaceProjects } from './project';
import { ConfigService, readLogLevel, SECTION } from './settings';
import { SHOW_OUTPUT, Status } from './status';
import { LINT_WORKSPACE, WorkspaceLinter, type WorkspaceLintSummary } from './workspaceLint';

/** What `activate` returns: used by the extension's own tests (measurements, lint events). */
export interface NormlintApi {
  /** How long `activate` took, in ms. */
  readonly activationMs: number;
  /** Fires after each lint of an open document or notebook. */
  readonly onDidLint: vscode.Event<LintEvent>;
  /** The analyzer's load time, once loaded. */
  engineLoadMs(): number | undefined;
  status(): { text: string; tooltip: string };
}

export function activateIn(context: vscode.ExtensionContext, host: ExtensionHost): NormlintApi {
  const started = performance.now();
  const log = new Log();
  log.setLevel(readLogLevel());
  initDocs(context.extensionUri);
  setAnalyzerLoader(() => host.loadAnalyzer());
  const configs = new ConfigService(log, host);
  const linter = new Linter(log, configs);
  const status = new Status(linter);
  const workspaceLinter = new WorkspaceLinter(linter, configs, log);
  // A project file changed (or the folder was first read): open files of its language may import it.
  let projectTimer: ReturnType<typeof setTimeout> | undefined;
  const changedLanguages = new Set<SourceLanguage>();
  const projectChanged = (change: ProjectChange) => {
    for (const language of change) changedLanguages.add(language);
    if (projectTimer) clearTimeout(projectTimer);
    projectTimer = setTimeout(() => {
      projectTimer = undefined;
      const languages = new Set(changedLanguages);
      changedLanguages.clear();
      linter.lintAllOpen('project', languages);
    }, 50);
  };
  context.subscriptions.push(log, configs, linter, status, workspaceLinter, startWorkspaceProjects(log, projectChanged), {
    dispose: () => projectTimer && clearTimeout(projectTimer),
  });

  const selector: vscode.DocumentSelector = [...PYTHON_LANGUAGES, ...TYPESCRIPT_LANGUAGES].map((language) => ({ language }));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new NormlintCodeActions(linter, configs, log), NormlintCodeActions.metadata),
    vscode.languages.registerHoverProvider(selector, new NormlintHover(log, linter)),
    vscode.commands.registerCommand(FIX_ALL, (uri?: unknown) => fixAllCommand(configs, log, uri)),
    vscode.commands.registerCommand(LINT_WORKSPACE, (): Promise<WorkspaceLintSummary> => workspaceLinter.run()),
    vscode.commands.registerCommand(SHOW_OUTPUT, () => log.show()),
    vscode.commands.registerCommand(SHOW_DOCUMENTATION, (code?: unknown) => showDocumentation(log, code)),
  );
  registerCalculatorPanel(context);

  // Settings and pyproject.toml: the same meaning as for the CLI, reloaded when they change.
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const reloadConfig = (why: string) => {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      log.info(`configuration changed (${why}): linting open documents again`);
      configs.reset();
      linter.lintAllOpen('settings');
      workspaceLinter.relintAll();
    }, 50);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/pyproject.toml');
  context.subscriptions.push(
    watcher,
    watcher.onDidChange((uri) => reloadConfig(vscode.workspace.asRelativePath(uri))),
    watcher.onDidCreate((uri) => reloadConfig(vscode.workspace.asRelativePath(uri))),
    watcher.onDidDelete((uri) => reloadConfig(vscode.workspace.asRelativePath(uri))),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (/(^|\/)pyproject\.toml$/.test(document.uri.path)) reloadConfig(vscode.workspace.asRelativePath(document.uri));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      log.setLevel(readLogLevel());
      reloadConfig('settings');
    }),
    { dispose: () => reloadTimer && clearTimeout(reloadTimer) },
  );

  linter.start();
  const activationMs = performance.now() - started;
  log.info(
    `NormLint ${(context.extension.packageJSON as { version: string }).version} activated in the ${host.name} extension host in ${activationMs.toFixed(1)} ms (the analyzer loads on the first lint)`,
  );
  return {
    activationMs,
    onDidLint: linter.onDidLint,
    engineLoadMs: () => loadedEngine()?.loadMs,
    status: () => ({ text: status.text, tooltip: status.tooltip }),
  };
}

/** "NormLint: Fix All in File": the given file, or the active editor's document or notebook. Returns the number of edits. */
async function fixAllCommand(configs: ConfigService, log: Log, arg?: unknown): Promise<number> {
  try {
    const engine = await loadEngine();
    const uri = arg instanceof vscode.Uri ? arg : undefined;
    const editor = vscode.window.activeTextEditor;
    let notebook = uri ? vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === uri.toString()) : vscode.window.activeNotebookEditor?.notebook;
    if (!uri && editor?.document.uri.scheme === NOTEBOOK_CELL_SCHEME) notebook = notebookOfCell(editor.document) ?? notebook;
    if (!uri && editor && editor.document.uri.scheme !== NOTEBOOK_CELL_SCHEME) notebook = undefined;
    const target = notebook?.uri ?? uri ?? editor?.document.uri;
    if (target) await configs.ready(target);
    let edit: vscode.WorkspaceEdit | undefined;
    if (notebook) edit = fixAllNotebookEdit(engine, configs, notebook);
    else {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      if (!document) {
        void vscode.window.showInformationMessage('NormLint: open a Python file or notebook to fix.');
        return 0;
      }
      const edits = fixAllEdits(engine, configs, document);
      if (edits.length > 0) {
        edit = new vscode.WorkspaceEdit();
        edit.set(document.uri, edits);
      }
    }
    const count = edit ? edit.entries().reduce((n, [, edits]) => n + edits.length, 0) : 0;
    if (!edit || count === 0) {
      vscode.window.setStatusBarMessage('NormLint: nothing to fix', 4000);
      return 0;
    }
    await vscode.workspace.applyEdit(edit);
    vscode.window.setStatusBarMessage(`NormLint: applied fixes (${count} edit${count === 1 ? '' : 's'})`, 4000);
    return count;
  } catch (e) {
    log.error('fix all failed', e);
    void vscode.window.showErrorMessage('NormLint: fix all failed; details are in its output.');
    return 0;
  }
}
