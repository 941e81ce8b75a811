/**
 * One lint of one target (a text document, or a notebook's code cells as one program): the
 * analyzer's findings placed on LSP documents as diagnostics, with their fixes as LSP edits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, NotebookCellKind, type Diagnostic, type NotebookDocument, type Range } from 'vscode-languageserver/node';
import type { AnalyzeOptions, Analyzer } from '../analyzer/analyzer';
import type { SourceLanguage } from '../analyzer/model/model';
import type { AnalysisSession } from '../analyzer/session';
import { describeNotebookLine, locateInCells, notebookProgram, type NotebookCell as ProgramCell, type NotebookProgram } from '../analyzer/notebook';
import type { Applicability, Finding, Severity, TextRange } from '../analyzer/types';
import { sourceLanguageOf } from '../editor/languages';
import { placeFindings } from '../editor/locate';
import { projectForFile } from '../node/project';
import type { DocumentConfig } from './config';

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The rule pages shipped with the package (docs/rules/<CODE>.md), as file URLs. */
const DOCS_DIRECTORY =
  [path.resolve(__dirname, '../docs/rules'), path.resolve(__dirname, '../../docs/rules')].find((d) => fs.existsSync(d)) ??
  path.resolve(__dirname, '../docs/rules');

export function docsUrl(code: string): string {
  return pathToFileURL(path.join(DOCS_DIRECTORY, `${code.toUpperCase()}.md`)).href;
}

/** A cell of an open notebook with its text document. */
export interface OpenCell {
  readonly index: number;
  readonly kind: NotebookCellKind;
  readonly document: TextDocument;
}

export type Target =
  | { readonly kind: 'document'; readonly uri: string; readonly document: TextDocument }
  | { readonly kind: 'notebook'; readonly uri: string; readonly notebook: NotebookDocument; readonly cells: readonly OpenCell[] };

export interface LocatedEdit {
  readonly uri: string;
  readonly range: Range;
  readonly newText: string;
}

export interface LocatedFix {
  readonly title: string;
  readonly applicability: Applicability;
  readonly edits: readonly LocatedEdit[];
}

/** A finding placed on the document (or cell) it starts in. */
export interface LocatedFinding {
  readonly uri: string;
  /** The primary range; the diagnostic's range is the focus when the rule gives one. */
  readonly range: Range;
  readonly finding: Finding;
  readonly fixes: readonly LocatedFix[];
  readonly diagnostic: Diagnostic;
}

export interface LintResult {
  readonly key: string;
  /** Document (cell) URI → version analyzed. */
  readonly versions: ReadonlyMap<string, number>;
  /** Document (cell) URI → findings starting in it. */
  readonly findings: ReadonlyMap<string, readonly LocatedFinding[]>;
  readonly config: DocumentConfig;
  readonly durationMs: number;
  /** Set when the target is disabled, excluded or in a language without a front end. */
  readonly skipped?: string;
  /** The analyzed program of a notebook (to map fixes into cells). */
  readonly program?: NotebookProgram;
}

export function versionsOf(target: Target): Map<string, number> {
  if (target.kind === 'document') return new Map([[target.uri, target.document.version]]);
  return new Map(target.cells.map((c) => [c.document.uri, c.document.version]));
}

export function isCurrent(result: LintResult, target: Target): boolean {
  const now = versionsOf(target);
  return now.size === result.versions.size && [...now].every(([uri, version]) => result.versions.get(uri) === version);
}

/** The language a notebook's program is written in: that of its first code cell we can read. */
export function notebookLanguage(cells: readonly OpenCell[]): SourceLanguage | undefined {
  for (const cell of cells) {
    const language = cell.kind === NotebookCellKind.Code ? sourceLanguageOf(cell.document.languageId) : undefined;
    if (language) return language;
  }
  return undefined;
}

/** The notebook's code cells as one program (the analyzer's), `overrides` replacing some cells' text. */
export function programOf(cells: readonly OpenCell[], language: SourceLanguage, overrides?: ReadonlyMap<number, string>): NotebookProgram {
  const programCells: ProgramCell[] = cells.map((cell) => ({
    index: cell.index,
    kind:
      cell.kind === NotebookCellKind.Code && sourceLanguageOf(cell.document.languageId) === language
        ? 'code'
        : cell.kind === NotebookCellKind.Markup
          ? 'markdown'
          : 'raw',
    source: overrides?.get(cell.index) ?? cell.document.getText(),
  }));
  return notebookProgram({ cells: programCells, language, json: { cells: [] }, indent: ' ', trailingNewline: false });
}

/** A program range inside one cell: the cell's index and the range relative to it. */
export function cellRange(program: NotebookProgram, range: TextRange): { index: number; range: TextRange } | undefined {
  const start = locateInCells(program, range.start);
  const end = locateInCells(program, range.end);
  if (!start || !end || start.cell !== end.cell) return undefined;
  return { index: start.cell.index, range: { start: start.offset, end: end.offset } };
}

type Locate = (range: TextRange) => { uri: string; range: Range } | undefined;

export function toDiagnostic(finding: Finding, range: Range, related: readonly { uri: string; range: Range; message: string }[]): Diagnostic {
  return {
    range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: 'normlint',
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message })) } : {}),
    data: { name: finding.name, fixable: finding.fixes.map((f) => f.applicability) },
  };
}

export function locateFindings(findings: readonly Finding[], locate: Locate): LocatedFinding[] {
  return placeFindings(findings, locate).map(({ finding, primary, related, fixes }) => {
    // The diagnostic covers what is wrong (the focus) when it lies in the same document; `range` stays the primary one.
    const focused = finding.focus && locate(finding.focus);
    const squiggle = focused && focused.uri === primary.uri ? focused.range : primary.range;
    return { uri: primary.uri, range: primary.range, finding, fixes, diagnostic: toDiagnostic(finding, squiggle, related) };
  });
}

export function analyzeOptions(config: DocumentConfig, fileName: string, language: SourceLanguage): AnalyzeOptions {
  // Python and TS/JS files alike: imports of the folder's other files resolve.
  const project = projectForFile(fileName);
  return { fileName, relativePath: config.relativePath, config: config.config, language, ...(project ? { project } : {}) };
}

/** The file name the analyzer sees (for `.tsx` and `per-file-ignores`). */
export function fileNameOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/** Open documents' analyzer sessions: an edit re-analyzes only what it can change. */
const sessions = new Map<string, { analyzer: Analyzer; language: SourceLanguage; session: AnalysisSession }>();

function sessionOf(analyzer: Analyzer, uri: string, language: SourceLanguage): AnalysisSession {
  const open = sessions.get(uri);
  if (open?.analyzer === analyzer && open.language === language) return open.session;
  closeTarget(uri);
  const session = analyzer.openSession(language);
  sessions.set(uri, { analyzer, language, session });
  return session;
}

/** Forgets a closed document's session (frees its kept parse). */
export function closeTarget(uri: string): void {
  sessions.get(uri)?.session.dispose();
  sessions.delete(uri);
}

/** Lints a target synchronously. */
export function lintTarget(analyzer: Analyzer, target: Target, config: DocumentConfig): LintResult {
  const started = performance.now();
  const versions = versionsOf(target);
  const done = (findings: readonly LocatedFinding[], skipped?: string, program?: NotebookProgram): LintResult => {
    const byUri = new Map<string, LocatedFinding[]>();
    for (const f of findings) byUri.set(f.uri, [...(byUri.get(f.uri) ?? []), f]);
    return { key: target.uri, versions, findings: byUri, config, durationMs: performance.now() - started, skipped, program };
  };
  if (!config.settings.enable) return done([], 'disabled by normlint.enable');
  if (config.excluded) return done([], 'excluded by the configuration');
  if (target.kind === 'document') {
    const { document } = target;
    const language = sourceLanguageOf(document.languageId);
    if (!language) return done([], `language ${document.languageId} is not linted`);
    if (!analyzer.supports(language)) return done([], `no ${language} front end in this version`);
    const analysis = sessionOf(analyzer, target.uri, language).analyze(document.getText(), analyzeOptions(config, fileNameOf(document.uri), language));
    return done(
      locateFindings(analysis.findings, (r) => ({ uri: document.uri, range: { start: document.positionAt(r.start), end: document.positionAt(r.end) } })),
    );
  }
  const language = notebookLanguage(target.cells);
  if (!language) return done([], 'no code cells');
  if (!analyzer.supports(language)) return done([], `no ${language} front end in this version`);
  const program = programOf(target.cells, language);
  const analysis = analyzer.analyze(program.text, { ...analyzeOptions(config, fileNameOf(target.uri), language), describeLine: describeNotebookLine(program) });
  const locate: Locate = (r) => {
    const located = cellRange(program, r);
    const document = located && target.cells.find((c) => c.index === located.index)?.document;
    return document && { uri: document.uri, range: { start: document.positionAt(located.range.start), end: document.positionAt(located.range.end) } };
  };
  return done(locateFindings(analysis.findings, locate), undefined, program);
}
