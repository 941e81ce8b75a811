/**
 * `normlint server`: a Language Server (LSP 3.17 over stdio), a thin adapter over the analyzer like
 * the CLI and the VS Code extension. Diagnostics are pushed (`textDocument/publishDiagnostics`) to
 * clients that cannot pull them and pulled (`textDocument/diagnostic`, `workspace/diagnostic`) by
 * those that can, never both. Settings use the extension's names (`normlint.enable`, `.run`,
 * `.severity`, `.exclude`, `.logLevel`).
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  NotebookDocuments,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type TextDocumentEdit,
  type WorkDoneProgressReporter,
  type WorkspaceDocumentDiagnosticReport,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../analyzer/analyzer';
import type { ConfigError } from '../analyzer/config/config';
import { NOTEBOOK_FILE_EXTENSION, PYTHON_FILE_EXTENSIONS, SCRIPT_FILE_EXTENSIONS } from '../analyzer/project/files';
import { PYTHON_LANGUAGES, TYPESCRIPT_LANGUAGES } from '../editor/languages';
import { getAnalyzer } from '../node/analyzer';
import { VERSION } from '../version';
import { FIX_ALL_KIND, findingsFor, fixAllAction, fixAllEdits, hoverFor, quickFixes, wantsKind, type EditBuilder } from './actions';
import { projectFilesChanged, setWorkspaceRoots } from '../node/project';
import { filePathOf, ServerConfigs } from './config';
import { closeTarget, isCurrent, lintTarget, type LintResult, type Target } from './lint';
import { lintClosedFile, workspaceFiles, yieldToEvents } from './workspace';

export const LINT_WORKSPACE_COMMAND = 'normlint.lintWorkspace';
export const FIX_ALL_COMMAND = 'normlint.fixAll';
const LANGUAGES = [...PYTHON_LANGUAGES, ...TYPESCRIPT_LANGUAGES];
const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];
const NO_PROGRESS: WorkDoneProgressReporter = { begin() {}, report() {}, done() {} };

/**
 * The pause after an edit before linting: about one analysis long (5–50 ms), so a burst of edits
 * costs one lint while a single edit shows its result at once (a superseded lint is never published).
 */
function debounceFor(lastAnalysisMs: number | undefined): number {
  return lastAnalysisMs === undefined ? 20 : Math.min(50, Math.max(5, Math.round(lastAnalysisMs)));
}

export class NormlintServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly openNotebooks = new Set<string>();
  private configs!: ServerConfigs;
  private capabilities: ClientCapabilities = {};
  /** Diagnostics are pulled by the client (LSP 3.17) instead of pushed. */
  private pull = false;
  private analyzer: Analyzer | undefined;
  private readonly analyzerReady = getAnalyzer().then((a) => (this.analyzer = a));
  /** The last lint per target, with the generation of its inputs (see `inputsGeneration`). */
  private readonly results = new Map<string, LintResult & { readonly generation: string }>();
  /** Bumped whenever project files change on disk: imports of open files may resolve differently. */
  private projectGeneration = 0;
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per target: the cell URIs that carry pushed diagnostics, so removed cells get cleared. */
  private readonly published = new Map<string, Set<string>>();
  /** pyproject.toml files with a pushed configuration error. */
  private readonly configErrors = new Set<string>();
  /** Resolves a waiting workspace-diagnostics request (a long poll) when something changed. */
  private workspaceChanged: (() => void) | undefined;
  private logLevel: LogLevel = 'info';

  constructor(private readonly connection: Connection) {}

  start(): void {
    const c = this.connection;
    c.onInitialize((params) =>
      this.initialize(
        params.capabilities,
        params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []),
        params.initializationOptions,
      ),
    );
    c.onInitialized(() => this.initialized());
    c.onDidChangeConfiguration((params) => {
      this.configs.setPushedSettings(params.settings);
      this.readLogLevel(params.settings);
      this.configurationChanged();
    });
    c.onDidChangeWatchedFiles(({ changes }) => {
      // A project file added, removed or changed: open files that import or call it are linted again.
      projectFilesChanged(
        changes.flatMap((change) => {
          const file = filePathOf(change.uri);
          const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
          return file === undefined ? [] : [{ file, kind }];
        }),
      );
      this.projectGeneration++;
      if (changes.some((change) => change.uri.endsWith('/pyproject.toml'))) this.configs.resetConfigFiles();
      this.configurationChanged();
    });
    this.documents.onDidChangeContent((e) => this.documentChanged(e.document));
    this.documents.onDidSave((e) => this.targetChanged(this.targetOf(e.document.uri), 0, true));
    this.documents.onDidClose((e) => this.forget(e.document.uri));
    this.notebooks.onDidOpen((nb) => {
      this.openNotebooks.add(nb.uri);
      this.targetChanged(this.targetOf(nb.uri), 0, true);
    });
    this.notebooks.onDidChange((e) => this.targetChanged(this.targetOf(e.notebookDocument.uri), undefined, false));
    this.notebooks.onDidSave((nb) => this.targetChanged(this.targetOf(nb.uri), 0, true));
    this.notebooks.onDidClose((nb) => {
      this.openNotebooks.delete(nb.uri);
      this.forget(nb.uri);
    });
    c.onCodeAction((params, token) =>
      this.withTarget(
        params.textDocument.uri,
        token,
        (target, result, document) => {
          const only = params.context.only;
          const analyzer = this.analyzer!;
          const actions: CodeAction[] = [];
          if (wantsKind(only, CodeActionKind.QuickFix))
            actions.push(...quickFixes(analyzer, document, findingsFor(result, document.uri, params.range, params.context.diagnostics), this.editBuilder()));
          // Fix-all when asked for by kind, or with no kind given (clients that list every action, like Neovim).
          if (wantsKind(only, FIX_ALL_KIND)) {
            const fixAll = fixAllAction(document.uri, fixAllEdits(analyzer, target, result, document), this.editBuilder());
            if (fixAll) actions.push(fixAll);
          }
          return actions;
        },
        [],
      ),
    );
    c.onHover((params, token) =>
      this.withTarget(params.textDocument.uri, token, (_target, result, document) => hoverFor(result, document.uri, params.position), null),
    );
    c.onExecuteCommand(async (params, token) => {
      if (params.command === LINT_WORKSPACE_COMMAND) return this.lintWorkspaceCommand(token);
      if (params.command === FIX_ALL_COMMAND) {
        const uri = typeof params.arguments?.[0] === 'string' ? params.arguments[0] : (params.arguments?.[0] as { uri?: string } | undefined)?.uri;
        if (!uri) throw new ResponseError(-32602, `${FIX_ALL_COMMAND} needs a document URI`);
        const edit = await this.withTarget(
          uri,
          token,
          (target, result, document) => this.editBuilder()(fixAllEdits(this.analyzer!, target, result, document).map((e) => ({ uri, ...e }))),
          undefined,
        );
        if (edit) await c.workspace.applyEdit({ label: 'NormLint: fix all', edit });
        return null;
      }
      throw new ResponseError(-32601, `unknown command ${params.command}`);
    });
    c.languages.diagnostics.on((params, token) =>
      this.withTarget<DocumentDiagnosticReport>(
        params.textDocument.uri,
        token,
        (_target, result, document) => {
          const resultId = this.resultId(result);
          if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
          return { kind: DocumentDiagnosticReportKind.Full, resultId, items: (result.findings.get(document.uri) ?? []).map((f) => f.diagnostic) };
        },
        { kind: DocumentDiagnosticReportKind.Full, items: [] },
      ),
    );
    c.languages.diagnostics.onWorkspace(async (params, token, workDone) => {
      const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
      // The client's progress token is used by the first pass only (it ends with that pass).
      let progress: WorkDoneProgressReporter = workDone;
      for (;;) {
        const items = await this.workspaceReport(token, progress, previous);
        progress = NO_PROGRESS;
        // Nothing new: hold the request (a long poll) until something changes, as clients re-ask at once.
        if (items.some((i) => i.kind === DocumentDiagnosticReportKind.Full) || previous.size === 0) return { items };
        await this.waitForWorkspaceChange(token);
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      }
    });
    this.documents.listen(c);
    this.notebooks.listen(c);
    c.listen();
  }

  private initialize(capabilities: ClientCapabilities, folders: { uri: string; name: string }[], initializationOptions: unknown): InitializeResult {
    this.capabilities = capabilities;
    this.pull = capabilities.textDocument?.diagnostic !== undefined;
    const canWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.configs = new ServerConfigs(
      this.connection,
      capabilities.workspace?.configuration === true,
      !canWatch,
      () => this.configurationChanged(),
      (error) => this.reportConfigError(error),
    );
    this.configs.folders = folders;
    setWorkspaceRoots(folders.flatMap((f) => filePathOf(f.uri) ?? []));
    this.configs.setPushedSettings(initializationOptions);
    this.readLogLevel(initializationOptions);
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        notebookDocumentSync: {
          notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: LANGUAGES.map((language) => ({ language })) }],
          save: true,
        },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND, FIX_ALL_COMMAND] },
        ...(this.pull ? { diagnosticProvider: { identifier: 'normlint', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'normlint', version: VERSION },
    };
  }

  private initialized(): void {
    const c = this.connection;
    if (this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration)
      void c.client.register(DidChangeConfigurationNotification.type, { section: 'normlint' });
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Notebooks too: their calls of the project's functions count (BN201), as in the CLI.
      const projectFiles = `**/*.{${[...PYTHON_FILE_EXTENSIONS, ...SCRIPT_FILE_EXTENSIONS, NOTEBOOK_FILE_EXTENSION].map((e) => e.slice(1)).join(',')}}`;
      void c.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/pyproject.toml' }, { globPattern: projectFiles }] });
    }
    if (this.capabilities.workspace?.workspaceFolders) {
      c.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        this.configs.folders = [...this.configs.folders.filter((f) => !removed.has(f.uri)), ...e.added];
        setWorkspaceRoots(this.configs.folders.flatMap((f) => filePathOf(f.uri) ?? []));
        this.configs.settingsChanged();
        this.configurationChanged();
      });
    }
    this.analyzerReady.then(
      (a) =>
        this.log(
          'info',
          `normlint ${VERSION} ready (${a.supports('typescript') ? 'Python and TS/JS' : 'Python'}; diagnostics ${this.pull ? 'pulled' : 'pushed'})`,
        ),
      (e) => c.window.showErrorMessage(`NormLint: the analyzer could not be loaded: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  private readLogLevel(raw: unknown): void {
    const level = raw as { normlint?: { logLevel?: unknown }; settings?: { logLevel?: unknown }; logLevel?: unknown } | undefined;
    const value = level?.normlint?.logLevel ?? level?.settings?.logLevel ?? level?.logLevel;
    this.logLevel = LOG_LEVELS.find((l) => l === value) ?? this.logLevel;
  }

  private log(level: Exclude<LogLevel, 'off'>, message: string): void {
    if (LOG_LEVELS.indexOf(level) > LOG_LEVELS.indexOf(this.logLevel)) return;
    const console = this.connection.console;
    if (level === 'error') console.error(message);
    else if (level === 'warn') console.warn(message);
    else if (level === 'info') console.info(message);
    else console.log(message);
  }

  /** Settings or a pyproject.toml changed: everything open is linted again. */
  private configurationChanged(): void {
    for (const file of this.configErrors) void this.connection.sendDiagnostics({ uri: file, diagnostics: [] });
    this.configErrors.clear();
    this.workspaceChanged?.();
    if (this.pull) {
      if (this.capabilities.workspace?.diagnostics?.refreshSupport) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const document of this.documents.all()) this.targetChanged(this.targetOf(document.uri), 0, true);
    for (const uri of this.openNotebooks) this.targetChanged(this.targetOf(uri), 0, true);
  }

  private reportConfigError(error: ConfigError): void {
    const uri = new URL(`file://${error.file.startsWith('/') ? '' : '/'}${error.file.split('\\').join('/')}`).href;
    if (this.configErrors.has(uri)) return;
    this.configErrors.add(uri);
    this.log('error', `invalid configuration, using the editor settings alone: ${error.message}`);
    const line = Math.max(0, (error.line ?? 1) - 1);
    const message = `NormLint configuration: ${error.message.replace(`${error.file}${error.line ? `:${error.line}` : ''}: `, '')}`;
    void this.connection.sendDiagnostics({
      uri,
      diagnostics: [{ range: { start: { line, character: 0 }, end: { line, character: 1000 } }, severity: 1, source: 'normlint', message }],
    });
  }

  /** The target a document or cell URI belongs to (a cell's notebook), if it is open. */
  private targetOf(uri: string): Target | undefined {
    const document = this.documents.get(uri);
    if (document) return { kind: 'document', uri, document };
    const notebook = this.notebooks.getNotebookDocument(uri) ?? this.notebooks.findNotebookDocumentForCell(uri);
    if (!notebook) return undefined;
    const cells = notebook.cells.flatMap((cell, index) => {
      const cellDocument = this.notebooks.getCellTextDocument(cell);
      return cellDocument ? [{ index, kind: cell.kind, document: cellDocument }] : [];
    });
    return { kind: 'notebook', uri: notebook.uri, notebook, cells };
  }

  private documentChanged(document: TextDocument): void {
    const first = !this.generations.has(document.uri);
    this.targetChanged(this.targetOf(document.uri), first ? 0 : undefined, first);
  }

  /**
   * Schedules a push of a target's diagnostics (push clients only): `delay` undefined means "after
   * an edit" (debounced, and not at all with `normlint.run: onSave`). A newer request supersedes a
   * pending one.
   */
  private targetChanged(target: Target | undefined, delay: number | undefined, force: boolean): void {
    if (!target) return;
    const key = target.uri;
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    this.workspaceChanged?.();
    if (this.pull) return;
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    const last = this.results.get(key);
    if (!force && last?.config.settings.run === 'onSave') return;
    this.timers.set(
      key,
      setTimeout(
        () => {
          this.timers.delete(key);
          void this.pushDiagnostics(key, generation);
        },
        delay ?? debounceFor(last?.durationMs),
      ),
    );
  }

  private async pushDiagnostics(key: string, generation: number): Promise<void> {
    try {
      const result = await this.currentResult(key, () => this.generations.get(key) !== generation);
      if (!result || this.generations.get(key) !== generation) return;
      const now = new Set<string>();
      for (const [uri, version] of result.versions) {
        const diagnostics: Diagnostic[] = (result.findings.get(uri) ?? []).map((f) => f.diagnostic);
        if (diagnostics.length > 0) now.add(uri);
        else if (!this.published.get(key)?.has(uri) && result.versions.size > 1) continue;
        void this.connection.sendDiagnostics({ uri, version, diagnostics });
      }
      for (const uri of this.published.get(key) ?? [])
        if (!now.has(uri) && !result.versions.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.published.set(key, now);
    } catch (e) {
      this.log('error', `linting ${key} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  /** The lint result for the target's current text: the last one if still current, else a fresh lint. */
  private async currentResult(key: string, superseded: () => boolean = () => false): Promise<LintResult | undefined> {
    const analyzer = this.analyzer ?? (await this.analyzerReady);
    let target = this.targetOf(key);
    if (!target) return undefined;
    const last = this.results.get(target.uri);
    if (last && isCurrent(last, target) && last.generation === this.inputsGeneration()) return last;
    const config = await this.configs.forUri(target.uri);
    const generation = this.inputsGeneration();
    // Settings may have been fetched from the client meanwhile: take the text as it is now.
    target = this.targetOf(key);
    if (!target || superseded()) return undefined;
    const result = lintTarget(analyzer, target, config);
    if (result.skipped) this.log('debug', `${target.uri}: not linted (${result.skipped})`);
    else
      this.log('debug', `${target.uri}: ${[...result.findings.values()].reduce((n, l) => n + l.length, 0)} finding(s) in ${result.durationMs.toFixed(1)} ms`);
    this.results.set(target.uri, { ...result, generation });
    return result;
  }

  /** Runs a request on the current lint result of the document's target; cancellable until the analysis starts. */
  private async withTarget<T>(
    uri: string,
    token: CancellationToken,
    run: (target: Target, result: LintResult, document: TextDocument) => T | Promise<T>,
    fallback: T,
  ): Promise<T> {
    try {
      if (await yieldToEvents(token)) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const target = this.targetOf(uri);
      if (!target) return fallback;
      const result = await this.currentResult(target.uri, () => token.isCancellationRequested);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const document = target.kind === 'document' ? target.document : target.cells.find((c) => c.document.uri === uri)?.document;
      if (!result || !document) return fallback;
      return await run(this.targetOf(uri)!, result, document);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      this.log('error', `request on ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }

  private resultId(result: LintResult): string {
    return `${[...result.versions.values()].join('.')}#${this.inputsGeneration()}`;
  }

  /** What a lint depends on besides the text: settings, configuration files and the project's files. */
  private inputsGeneration(): string {
    return `${this.configs.generation}.${this.projectGeneration}`;
  }

  /** Workspace edits with document versions when the client takes them (edits to changed text are refused). */
  private editBuilder(): EditBuilder {
    const versioned = this.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    return (edits) => {
      const byUri = new Map<string, { range: (typeof edits)[number]['range']; newText: string }[]>();
      for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), { range: e.range, newText: e.newText }]);
      if (!versioned) return { changes: Object.fromEntries(byUri) } satisfies WorkspaceEdit;
      const documentChanges: TextDocumentEdit[] = [...byUri].map(([uri, textEdits]) => {
        const document = this.documents.get(uri) ?? this.notebooks.getCellTextDocument(this.notebooks.getNotebookCell(uri)!);
        return { textDocument: { uri, version: document?.version ?? null }, edits: textEdits };
      });
      return { documentChanges };
    };
  }

  /** Forgets a closed document or notebook and clears its pushed diagnostics. */
  private forget(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.generations.delete(uri);
    this.results.delete(uri);
    closeTarget(uri);
    if (!this.pull) {
      for (const cell of this.published.get(uri) ?? []) void this.connection.sendDiagnostics({ uri: cell, diagnostics: [] });
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.published.delete(uri);
    this.workspaceChanged?.();
  }

  private waitForWorkspaceChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.workspaceChanged = undefined;
        disposable.dispose();
        resolve();
      };
      const disposable = token.onCancellationRequested(done);
      this.workspaceChanged = done;
    });
  }

  /** Every workspace file's diagnostics: open ones from their current text, the others from disk. */
  private async workspaceReport(
    token: CancellationToken,
    progress: WorkDoneProgressReporter,
    previous: ReadonlyMap<string, string>,
  ): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const analyzer = this.analyzer ?? (await this.analyzerReady);
    const files = await workspaceFiles(this.configs);
    progress.begin('NormLint', 0, `linting ${files.length} files`, true);
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    try {
      for (const [i, entry] of files.entries()) {
        if (i % 8 === 0) {
          if (await yieldToEvents(token)) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
          progress.report(Math.round((100 * i) / files.length), `${i}/${files.length} files`);
        }
        const open = this.documents.get(entry.uri);
        if (open) {
          const result = await this.currentResult(entry.uri);
          if (!result) continue;
          const resultId = this.resultId(result);
          if (previous.get(entry.uri) === resultId)
            items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: entry.uri, version: open.version, resultId });
          else
            items.push({
              kind: DocumentDiagnosticReportKind.Full,
              uri: entry.uri,
              version: open.version,
              resultId,
              items: (result.findings.get(entry.uri) ?? []).map((f) => f.diagnostic),
            });
        } else if (previous.get(entry.uri) === entry.resultId) {
          items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: entry.uri, version: null, resultId: entry.resultId });
        } else {
          items.push({
            kind: DocumentDiagnosticReportKind.Full,
            uri: entry.uri,
            version: null,
            resultId: entry.resultId,
            items: await lintClosedFile(analyzer, this.configs, entry),
          });
        }
      }
    } finally {
      progress.done();
    }
    return items;
  }

  /** `normlint.lintWorkspace` for clients that take pushed diagnostics: every closed file, with progress. */
  private async lintWorkspaceCommand(token: CancellationToken): Promise<{ files: number; diagnostics: number }> {
    const progress = this.capabilities.window?.workDoneProgress ? await this.connection.window.createWorkDoneProgress() : undefined;
    const cancelled = () => token.isCancellationRequested || progress?.token.isCancellationRequested === true;
    const reporter: WorkDoneProgressReporter = progress ?? NO_PROGRESS;
    const items = await this.workspaceReport(
      {
        get isCancellationRequested() {
          return cancelled();
        },
        onCancellationRequested: token.onCancellationRequested,
      },
      reporter,
      new Map(),
    );
    let count = 0;
    for (const item of items) {
      if (item.kind !== DocumentDiagnosticReportKind.Full) continue;
      count += item.items.length;
      // Open documents keep their own pushed diagnostics.
      if (!this.documents.get(item.uri)) void this.connection.sendDiagnostics({ uri: item.uri, diagnostics: item.items });
    }
    return { files: items.length, diagnostics: count };
  }
}

/** `normlint server`: serves LSP over stdin/stdout until the client exits. */
export function startServer(): void {
  // stdout carries the protocol: stray console output goes to stderr.
  console.log = console.error;
  console.info = console.error;
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  new NormlintServer(connection).start();
}
