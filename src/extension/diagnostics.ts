/**
 * Live diagnostics for open documents and notebooks: linted on open, on change (debounced; a newer
 * change supersedes a pending or running lint), on save, on configuration change; cleared on close.
 */
import * as vscode from 'vscode';
import type { AnalysisResult, AnalyzeOptions } from '../analyzer/analyzer';
import type { SourceLanguage } from '../analyzer/model/model';
import type { Finding, Severity, TextRange } from '../analyzer/types';
import { placeFindings } from '../editor/locate';
import { DiagnosticStore } from './diagnosticStore';
import { docsTarget } from './docs';
import {
  isLintableNotebook,
  NOTEBOOK_CELL_SCHEME,
  notebookLanguage,
  sourceLanguageOf,
  targetKey,
  targetOf,
  targetUri,
  type LocatedFinding,
  type LocatedRange,
  type Target,
} from './documents';
import { loadedEngine, loadEngine, type Engine } from './engine';
import type { Log } from './log';
import { describeNotebookLine } from '../analyzer/notebook';
import { locateInNotebook, snapshotNotebook } from './notebooks';
import { workspaceProjectFor } from './project';
import { readSettings, type ConfigService, type DocumentConfig } from './settings';

/**
 * The typing debounce adapts to what a lint of the target costs: waiting about as long as the last
 * analysis took keeps the work thrown away by the next keystroke under half, so small files and
 * quick analyses are linted almost at once and slow ones are not run on every key.
 */
// With analyzer sessions an edit re-analyzes only the part it touches (a few ms), so the floor is
// low: the debounce then only merges keystrokes that arrive together.
export const MIN_DEBOUNCE_MS = 5;
export const MAX_DEBOUNCE_MS = 150;
/** Before the first lint of a target: by size (lines). */
const SMALL_FILE_LINES = 1000;

export function adaptiveDebounce(lastAnalysisMs: number | undefined, lineCount: number): number {
  if (lastAnalysisMs === undefined) return lineCount <= SMALL_FILE_LINES ? 40 : MAX_DEBOUNCE_MS / 2;
  return Math.round(Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, lastAnalysisMs)));
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** One lint of one target: its findings per document, and the document versions they belong to. */
export interface LintResult {
  readonly target: Target;
  readonly key: string;
  /** Document URI → version analyzed (every code cell for a notebook). */
  readonly versions: ReadonlyMap<string, number>;
  readonly cellCount: number;
  /** Document URI → findings starting in it. */
  readonly findings: ReadonlyMap<string, readonly LocatedFinding[]>;
  readonly config: DocumentConfig;
  readonly durationMs: number;
  /** The analyzer's share of `durationMs`. */
  readonly analysisMs: number;
  /** Set when the target is disabled, excluded or in a language without a front end. */
  readonly skipped?: string;
}

/** Where the time between a change and its diagnostics went (performance.now() of the extension host). */
/** What asked for a lint. */
export type LintReason = 'open' | 'edit' | 'save' | 'settings' | 'project';

export interface LintTiming {
  readonly reason: LintReason;
  /** When the change (or open, save) asked for a lint. */
  readonly requestedAt: number;
  /** The debounce chosen for it. */
  readonly debounceMs: number;
  /** When the lint started (debounce and timer lateness before). */
  readonly startedAt: number;
  readonly analysisMs: number;
  /** When the diagnostics were handed to VS Code. */
  readonly publishedAt: number;
}

export interface LintEvent {
  readonly key: string;
  readonly uris: readonly vscode.Uri[];
  readonly count: number;
  readonly durationMs: number;
  readonly skipped?: string;
  /** Set for lints started by `request` (not for synchronous lints from code actions). */
  readonly timing?: LintTiming;
}

/** A finding's long explanation, when its rule gives one. */
export function explanationOf(finding: Finding): string | undefined {
  return finding.explanation?.trim() ? finding.explanation : undefined;
}

export function toDiagnostic(finding: Finding, located: LocatedRange, related: readonly (LocatedRange & { message: string })[]): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(located.range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'normlint';
  diagnostic.code = { value: finding.code, target: docsTarget(finding.code) };
  if (related.length > 0) {
    diagnostic.relatedInformation = related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(r.uri, r.range), r.message));
  }
  return diagnostic;
}

/** Places findings of one analyzed text on documents; `locate` maps analyzed offsets to a document range. */
export function locateFindings(findings: readonly Finding[], locate: (range: TextRange) => LocatedRange | undefined): LocatedFinding[] {
  return placeFindings(findings, locate).map(({ finding, primary, related, fixes }) => {
    // The squiggle covers the focus when it lies in the same document; the primary range stays the finding's.
    const focused = finding.focus && locate(finding.focus);
    const squiggle = focused && focused.uri.toString() === primary.uri.toString() ? focused : primary;
    return { ...primary, finding, related, fixes, diagnostic: toDiagnostic(finding, squiggle, related) };
  });
}

export function analyzeOptions(config: DocumentConfig, fileName: string, language: AnalyzeOptions['language']): AnalyzeOptions {
  // Python and TS/JS files alike: imports of the folder's other files resolve.
  const project = workspaceProjectFor(fileName);
  return { fileName, relativePath: config.relativePath, config: config.config, language, ...(project ? { project } : {}) };
}

function groupByUri(findings: readonly LocatedFinding[]): Map<string, LocatedFinding[]> {
  const map = new Map<string, LocatedFinding[]>();
  for (const f of findings) {
    const key = f.uri.toString();
    map.set(key, [...(map.get(key) ?? []), f]);
  }
  return map;
}

export class Linter implements vscode.Disposable {
  /** Shared with the workspace lint: one owner per URI. */
  readonly store = new DiagnosticStore();
  private readonly results = new Map<string, LintResult>();
  /** Bumped by every request: a lint whose generation is no longer current is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Targets with a lint requested that has not read the project yet (debouncing, or loading the analyzer or config). */
  private readonly waiting = new Set<string>();
  /** The last analysis time per target, for its debounce. */
  private readonly analysisTimes = new Map<string, number>();
  /** Documents (cells) that carry diagnostics, per target, so removed cells get cleared. */
  private readonly published = new Map<string, Set<string>>();
  private readonly onDidLintEmitter = new vscode.EventEmitter<LintEvent>();
  readonly onDidLint = this.onDidLintEmitter.event;
  private readonly onDidChangeStateEmitter = new vscode.EventEmitter<void>();
  /** Fires when linting starts or ends, or the engine fails: for the status item. */
  readonly onDidChangeState = this.onDidChangeStateEmitter.event;
  private running = 0;
  private engineError: string | undefined;
  private notifiedError = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly log: Log,
    private readonly configs: ConfigService,
  ) {}

  get busy(): boolean {
    return this.running > 0 || this.timers.size > 0;
  }

  get failure(): string | undefined {
    return this.engineError;
  }

  /** Subscribes to document events and lints everything already open. */
  start(): void {
    const d = this.disposables;
    d.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        const target = targetOf(document);
        if (target) this.request(target, 0, 'open');
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const target = targetOf(e.document);
        if (!target) return;
        if (readSettings(targetUri(target)).run === 'onSave') return;
        this.request(target, this.debounceFor(target), 'edit');
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        const target = targetOf(document);
        if (target) this.request(target, 0, 'save');
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === NOTEBOOK_CELL_SCHEME) return; // the notebook's close handles its cells
        this.clear(document.uri.toString());
      }),
      vscode.workspace.onDidOpenNotebookDocument((notebook) => {
        if (isLintableNotebook(notebook)) this.request({ kind: 'notebook', notebook }, 0, 'open');
      }),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        // Cells added, removed or moved. Text edits arrive as document changes; a cell whose
        // language changes is closed and reopened as a document.
        if (e.contentChanges.length === 0) return;
        if (!isLintableNotebook(e.notebook)) {
          this.clear(e.notebook.uri.toString());
          return;
        }
        const target: Target = { kind: 'notebook', notebook: e.notebook };
        this.request(target, readSettings(e.notebook.uri).run === 'onSave' ? 0 : this.debounceFor(target), 'edit');
      }),
      vscode.workspace.onDidSaveNotebookDocument((notebook) => {
        if (isLintableNotebook(notebook)) this.request({ kind: 'notebook', notebook }, 0, 'save');
      }),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.clear(notebook.uri.toString())),
    );
    this.lintAllOpen('open');
  }

  /**
   * Every open document and notebook, again (settings or pyproject.toml changed); with `languages`,
   * only those in these languages (a project file of that language, which they may import, changed).
   */
  lintAllOpen(reason: 'open' | 'settings' | 'project', languages?: ReadonlySet<SourceLanguage>): void {
    const wanted = (language: SourceLanguage | undefined) => !languages || (language !== undefined && languages.has(language));
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === NOTEBOOK_CELL_SCHEME || !wanted(sourceLanguageOf(document.languageId))) continue;
      const target = targetOf(document);
      if (target) this.request(target, 0, reason);
    }
    for (const notebook of vscode.workspace.notebookDocuments) {
      if (isLintableNotebook(notebook) && wanted(notebookLanguage(notebook))) this.request({ kind: 'notebook', notebook }, 0, reason);
    }
  }

  private debounceFor(target: Target): number {
    const lines = target.kind === 'document' ? target.document.lineCount : target.notebook.getCells().reduce((n, c) => n + c.document.lineCount, 0);
    return adaptiveDebounce(this.analysisTimes.get(targetKey(target)), lines);
  }

  /** Schedules a lint after `delay` ms; a later request for the same target replaces it. */
  request(target: Target, delay: number, reason: LintReason): void {
    const requestedAt = performance.now();
    const key = targetKey(target);
    // A lint still waiting reads the project as it is when it runs: a project change adds nothing.
    if (reason === 'project' && this.waiting.has(key)) return;
    this.waiting.add(key);
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    // Even "now" goes through a timer: the burst of events when a notebook opens (one per cell) is one lint.
    this.timers.set(
      key,
      setTimeout(
        () => {
          this.timers.delete(key);
          void this.run(target, key, generation, { reason, requestedAt, debounceMs: delay });
        },
        Math.max(0, delay),
      ),
    );
  }

  private async run(target: Target, key: string, generation: number, request: Pick<LintTiming, 'reason' | 'requestedAt' | 'debounceMs'>): Promise<void> {
    const startedAt = performance.now();
    this.running++;
    this.onDidChangeStateEmitter.fire();
    try {
      let engine = loadedEngine();
      if (!engine) {
        try {
          engine = await loadEngine();
          this.engineError = undefined;
          this.log.info(`analyzer loaded in ${engine.loadMs.toFixed(0)} ms`);
        } catch (e) {
          this.engineError = `the analyzer could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
          this.log.error('the analyzer could not be loaded', e);
          this.notifyOnce();
          return;
        }
      }
      // A pyproject.toml read through vscode.workspace.fs (browser, virtual file systems); a no-op for local files.
      await this.configs.ready(targetUri(target));
      // Superseded while waiting (a newer edit) or closed meanwhile: nothing to publish.
      if (this.generations.get(key) !== generation || this.isClosed(target)) return;
      this.lintNow(engine, target, true, { ...request, startedAt });
    } catch (e) {
      this.log.error(`linting ${targetUri(target).toString(true)} failed`, e);
      this.notifyOnce();
    } finally {
      // (Nothing awaits after the generation check: a newer request is still waiting.)
      if (this.generations.get(key) === generation) this.waiting.delete(key);
      this.running--;
      this.onDidChangeStateEmitter.fire();
    }
  }

  private isClosed(target: Target): boolean {
    return target.kind === 'document' ? target.document.isClosed : target.notebook.isClosed;
  }

  /** Lints synchronously and publishes. */
  lintNow(engine: Engine, target: Target, publish = true, timing?: Pick<LintTiming, 'reason' | 'requestedAt' | 'debounceMs' | 'startedAt'>): LintResult {
    const started = performance.now();
    const key = targetKey(target);
    const uri = targetUri(target);
    const config = this.configs.forUri(uri);
    const versions = new Map<string, number>();
    let cellCount = 0;
    let findings: LocatedFinding[] = [];
    let skipped: string | undefined;
    let analysis: AnalysisResult | undefined;
    let analysisMs = 0;
    if (target.kind === 'document') versions.set(uri.toString(), target.document.version);
    else {
      cellCount = target.notebook.cellCount;
      for (const cell of target.notebook.getCells()) versions.set(cell.document.uri.toString(), cell.document.version);
    }
    if (!config.settings.enable) skipped = 'disabled by normlint.enable';
    else if (config.excluded) skipped = 'excluded by the configuration';
    if (!skipped && target.kind === 'document') {
      const language = sourceLanguageOf(target.document.languageId)!;
      if (!engine.supports(language)) skipped = `no ${language} front end in this version`;
      else {
        const document = target.document;
        const t0 = performance.now();
        analysis = engine.analyzeDocument(key, document.getText(), { ...analyzeOptions(config, document.fileName, language), language });
        analysisMs = performance.now() - t0;
        findings = locateFindings(analysis.findings, (r) => ({
          uri: document.uri,
          range: new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)),
        }));
      }
    } else if (!skipped && target.kind === 'notebook') {
      const snapshot = snapshotNotebook(target.notebook);
      if (!snapshot) skipped = 'no code cells';
      else if (!engine.supports(snapshot.language)) skipped = `no ${snapshot.language} front end in this version`;
      else {
        const t0 = performance.now();
        analysis = engine.analyze(snapshot.program.text, {
          ...analyzeOptions(config, target.notebook.uri.fsPath, snapshot.language),
          describeLine: describeNotebookLine(snapshot.program),
        });
        analysisMs = performance.now() - t0;
        findings = locateFindings(analysis.findings, (r) => locateInNotebook(snapshot, r));
      }
    }
    if (analysis) this.logAnalysis(uri, analysis);
    if (skipped) this.log.debug(() => `${uri.toString(true)}: not linted (${skipped})`);
    const result: LintResult = {
      target,
      key,
      versions,
      cellCount,
      findings: groupByUri(findings),
      config,
      durationMs: performance.now() - started,
      analysisMs,
      skipped,
    };
    if (analysis) this.analysisTimes.set(key, analysisMs);
    if (!publish) return result;
    this.results.set(key, result);
    this.publish(result);
    const publishedAt = performance.now();
    this.log.debug(
      () =>
        `${uri.toString(true)}: ${findings.length} finding(s) in ${result.durationMs.toFixed(1)} ms (analysis ${analysisMs.toFixed(1)} ms${timing ? `, ${timing.reason}, debounce ${timing.debounceMs} ms` : ''})`,
    );
    this.onDidLintEmitter.fire({
      key,
      uris: [...versions.keys()].map((u) => vscode.Uri.parse(u)),
      count: findings.length,
      durationMs: result.durationMs,
      skipped,
      timing: timing && { ...timing, analysisMs, publishedAt },
    });
    return result;
  }

  private logAnalysis(uri: vscode.Uri, analysis: AnalysisResult): void {
    // One rule failing on one file: logged once per rule, file and message; the other rules' findings stand.
    for (const error of analysis.ruleErrors) {
      this.log.once(
        'error',
        `${uri.toString()}|${error.code}|${error.message.split('\n')[0]}`,
        `rule ${error.code} failed on ${uri.toString(true)} (its other findings are unaffected): ${error.message}`,
      );
    }
    for (const problem of analysis.problems) this.log.debug(() => `${uri.toString(true)}: ${problem.message}`);
  }

  private publish(result: LintResult): void {
    this.store.claim(targetUri(result.target));
    const previous = this.published.get(result.key) ?? new Set<string>();
    const now = new Set<string>();
    for (const [uri, list] of result.findings) {
      this.store.setLive(
        vscode.Uri.parse(uri),
        list.map((f) => f.diagnostic),
      );
      now.add(uri);
    }
    for (const uri of previous) if (!now.has(uri)) this.store.deleteLive(vscode.Uri.parse(uri));
    this.published.set(result.key, now);
  }

  /** Forgets a target (closed document or notebook). */
  clear(key: string): void {
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.waiting.delete(key);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    for (const uri of this.published.get(key) ?? []) this.store.deleteLive(vscode.Uri.parse(uri));
    this.store.release(vscode.Uri.parse(key));
    this.published.delete(key);
    this.results.delete(key);
    this.analysisTimes.delete(key);
    loadedEngine()?.closeDocument(key);
    this.onDidChangeStateEmitter.fire();
  }

  /** The explanations of the findings whose squiggle covers `position` (for the hover). */
  explanationsAt(document: vscode.TextDocument, position: vscode.Position): { code: string; explanation: string }[] {
    const list = this.resultFor(document)?.findings.get(document.uri.toString()) ?? [];
    return list.flatMap((f) => {
      const explanation = explanationOf(f.finding);
      return explanation && f.diagnostic.range.contains(position) ? [{ code: f.finding.code, explanation }] : [];
    });
  }

  /** The last result covering a document, whatever its version. */
  resultFor(document: vscode.TextDocument): LintResult | undefined {
    const target = targetOf(document);
    return target ? this.results.get(targetKey(target)) : undefined;
  }

  /**
   * A result that matches the document's current text: the last one if still current, else a
   * fresh synchronous lint (code actions must never apply edits computed for older text).
   */
  currentResult(document: vscode.TextDocument): LintResult | undefined {
    const target = targetOf(document);
    if (!target) return undefined;
    const last = this.results.get(targetKey(target));
    if (last && this.isCurrent(last)) return last;
    const engine = loadedEngine();
    if (!engine) return undefined;
    try {
      // With `normlint.run: onSave`, the Problems panel waits for the save; the actions do not.
      const publish = this.configs.forUri(targetUri(target)).settings.run !== 'onSave';
      return this.lintNow(engine, target, publish);
    } catch (e) {
      this.log.error(`linting ${document.uri.toString(true)} failed`, e);
      return undefined;
    }
  }

  private isCurrent(result: LintResult): boolean {
    const target = result.target;
    if (target.kind === 'document') return result.versions.get(target.document.uri.toString()) === target.document.version;
    if (target.notebook.cellCount !== result.cellCount) return false;
    return target.notebook.getCells().every((c) => result.versions.get(c.document.uri.toString()) === c.document.version);
  }

  /** The findings on a document, or on a whole notebook, from the last lint covering it (for the status item). */
  findingsFor(uri: vscode.Uri): readonly LocatedFinding[] | undefined {
    const key = uri.toString();
    for (const result of this.results.values()) {
      if (targetUri(result.target).toString() === key) return [...result.findings.values()].flat();
      const list = result.findings.get(key);
      if (list) return list;
      if (result.versions.has(key)) return [];
    }
    return undefined;
  }

  countFor(uri: vscode.Uri): number | undefined {
    return this.findingsFor(uri)?.length;
  }

  lastResultFor(uri: vscode.Uri): LintResult | undefined {
    const key = uri.toString();
    for (const result of this.results.values()) if (result.key === key || result.versions.has(key)) return result;
    return undefined;
  }

  private notifyOnce(): void {
    if (this.notifiedError) return;
    this.notifiedError = true;
    void vscode.window.showErrorMessage('NormLint hit an internal error; details are in its output.', 'Show Output').then((choice) => {
      if (choice) this.log.show();
    });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
    this.store.dispose();
    this.onDidLintEmitter.dispose();
    this.onDidChangeStateEmitter.dispose();
  }
}
