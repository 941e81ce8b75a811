/**
 * Lints one file (or stdin) end to end: read, analyze, optionally fix and write. Runs in the CLI's
 * main thread or in a worker; returns plain, serializable data.
 */
import path from 'node:path';
import type { NormlintConfig } from '../analyzer/config/config';
import type { Analyzer } from '../analyzer/analyzer';
import { chooseFix, fixUntilStable } from '../analyzer/fixes';
import { analyzeNotebook, fixNotebookCells, notebookWithSources, NotebookError } from '../analyzer/notebook';
import { LineIndex } from '../analyzer/text';
import type { Finding, InputProblem, Severity } from '../analyzer/types';
import { relativeToConfig, type LoadedConfig } from './config-discovery';
import { projectIndexFor } from './project';
import type { ProjectIndex } from '../analyzer/project/index';
import { MAX_FILE_CHARACTERS } from '../analyzer/analyzer';
import {
  decodeSource,
  encodeSource,
  readSourceFile,
  replaceSourceFile,
  SourceReadError,
  SourceWriteError,
  WriteSkipped,
  type SourceFile,
  type SourceText,
} from './read-source';

export type FixMode = 'none' | 'safe' | 'unsafe';

export interface LintTask {
  /** Path to read (absolute or relative to the working directory); undefined for stdin. */
  readonly file?: string;
  /** The path as reached from the arguments, for output. */
  readonly displayPath: string;
  /** Source read from stdin, as bytes: decoded like a file (coding cookie, invalid UTF-8). */
  readonly stdinBytes?: Uint8Array;
  readonly config: LoadedConfig;
  readonly fix: FixMode;
  /** Compute fixes but write nothing (`--diff`). */
  readonly dryRun: boolean;
  /** The project folder: imports of its other Python files resolve to their definitions. */
  readonly projectRoot?: string;
}

export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface ReportedFix {
  readonly title: string;
  readonly applicability: 'safe' | 'unsafe';
  readonly edits: readonly (Span & { readonly newText: string })[];
}

export interface ReportedFinding extends Span {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  /** One sentence: what is wrong and what to do. */
  readonly message: string;
  /** The long explanation, when the rule gives one. */
  readonly explanation?: string;
  /** The narrow range of what is wrong (inside the primary span), when the rule gives one. */
  readonly focus?: Span;
  /** 1-based cell position among all cells, for notebooks. */
  readonly cell?: number;
  readonly fix: ReportedFix | null;
  readonly related: readonly (Span & { readonly message: string })[];
  /** The source line the finding starts on, for code frames. */
  readonly sourceLine: string;
}

export interface FileReport {
  readonly displayPath: string;
  readonly findings: readonly ReportedFinding[];
  readonly problems: readonly { readonly message: string; readonly line: number; readonly column: number; readonly cell?: number }[];
  readonly ruleErrors: readonly { readonly code: string; readonly message: string }[];
  /** Set when the file could not be read or parsed as a notebook: nothing was analyzed. */
  readonly error?: string;
  /**
   * Set when fixes were computed but not written: the file changed meanwhile, is read-only, or
   * writing failed. The findings are then those of the file as it is on disk.
   */
  readonly notWritten?: { readonly reason: string; readonly isFault: boolean };
  readonly fixesApplied: number;
  /** Before/after text when fixes changed something (for `--diff`, stdin and reporting). */
  readonly original?: string;
  readonly fixed?: string;
}

/** 1-based line and UTF-16 column positions, as editors and SARIF count them. */
function spanOf(lines: LineIndex, range: { start: number; end: number }): Span {
  const start = lines.positionAt(range.start);
  const end = lines.positionAt(range.end);
  return { line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1 };
}

function reportFinding(finding: Finding, lines: LineIndex, cell?: number): ReportedFinding {
  // The JSON contract shows one fix: the safe one when there is one.
  const fix = chooseFix(finding, true);
  const span = spanOf(lines, finding.range);
  return {
    ...span,
    code: finding.code,
    name: finding.name,
    severity: finding.severity,
    message: finding.message,
    ...(finding.explanation ? { explanation: finding.explanation } : {}),
    ...(finding.focus ? { focus: spanOf(lines, finding.focus) } : {}),
    ...(cell !== undefined ? { cell } : {}),
    fix: fix ? { title: fix.title, applicability: fix.applicability, edits: fix.edits.map((e) => ({ ...spanOf(lines, e.range), newText: e.newText })) } : null,
    related: finding.related.map((r) => ({ ...spanOf(lines, r.range), message: r.message })),
    sourceLine: lines.lineText(span.line - 1),
  };
}

function problemsOf(problems: readonly InputProblem[], lines: LineIndex, cell?: number) {
  return problems.map((p) => {
    const position = lines.positionAt(p.range.start);
    return { message: p.message, line: position.line + 1, column: position.column + 1, ...(cell !== undefined ? { cell } : {}) };
  });
}

/**
 * Largest file read at all. A source file is limited by characters (MAX_FILE_CHARACTERS, at least a
 * third of its UTF-8 bytes); a notebook's JSON may be much larger than its code (images in outputs).
 */
const MAX_SOURCE_BYTES = 3 * MAX_FILE_CHARACTERS;
const MAX_NOTEBOOK_BYTES = 256 * 1024 * 1024;

/** Why a text is not analyzed at all, if it is not. */
function notAnalyzable(text: string): string | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) return `binary file (a NUL byte on line ${text.slice(0, nul).split('\n').length}): not analyzed`;
  if (text.length > MAX_FILE_CHARACTERS)
    return `file too large to analyze (${(text.length / 1048576).toFixed(1)} M characters; the limit is ${MAX_FILE_CHARACTERS / 1048576} M)`;
  return undefined;
}

/** For tests: runs between computing the fixes and writing them (to stage a concurrent edit). */
export interface LintHooks {
  readonly beforeWrite?: (file: string) => void;
}

export function lintFile(analyzer: Analyzer, task: LintTask, hooks: LintHooks = {}): FileReport {
  const base = { displayPath: task.displayPath, findings: [], problems: [], ruleErrors: [], fixesApplied: 0 };
  // `exclude` is applied while collecting files: a file named explicitly is linted, as in Ruff.
  const relativePath = relativeToConfig(task.config, task.file ?? task.displayPath);
  const isNotebook = path.extname(task.displayPath).toLowerCase() === '.ipynb';
  let source: SourceText | SourceFile;
  try {
    source =
      task.stdinBytes !== undefined
        ? decodeSource(Buffer.from(task.stdinBytes))
        : readSourceFile(task.file!, isNotebook ? MAX_NOTEBOOK_BYTES : MAX_SOURCE_BYTES);
  } catch (e) {
    return { ...base, error: e instanceof SourceReadError ? e.message : String(e) };
  }
  const project = task.projectRoot !== undefined ? projectIndexFor(task.projectRoot) : undefined;
  const options: Options = { fileName: task.displayPath, relativePath, config: task.config.config, ...(project ? { project } : {}) };
  // Writes only to a file that was read (not stdin, not --diff).
  const write = task.dryRun || !('stamp' in source) ? undefined : (text: string) => writeFixes(task.file!, source as SourceFile, text, hooks);
  try {
    if (isNotebook) return lintNotebook(analyzer, task, source, options, write);
    const reason = notAnalyzable(source.text);
    return reason ? { ...base, error: reason } : lintSource(analyzer, task, source, options, write);
  } catch (e) {
    if (e instanceof NotebookError) return { ...base, error: `broken notebook: ${e.message}` };
    if (e instanceof SourceReadError) return { ...base, error: e.message };
    throw e;
  }
}

type Options = { fileName: string; relativePath: string; config: NormlintConfig; project?: ProjectIndex };

/** Writes the fixed text; returns why it was not written, if it was not. */
type WriteFixes = (text: string) => FileReport['notWritten'];

function writeFixes(file: string, read: SourceFile, text: string, hooks: LintHooks): FileReport['notWritten'] {
  try {
    const data = encodeSource(text, read.encoding);
    hooks.beforeWrite?.(file);
    replaceSourceFile(file, read, data);
    return undefined;
  } catch (e) {
    if (e instanceof WriteSkipped) return { reason: e.message, isFault: false };
    if (e instanceof SourceWriteError || e instanceof SourceReadError) return { reason: e.message, isFault: true };
    throw e;
  }
}

/** The text to report on: the fixed text if it was written (or is only shown), else the original. */
function settle(source: SourceText, fixedText: string, write: WriteFixes | undefined): { text: string; notWritten?: FileReport['notWritten'] } {
  if (fixedText === source.text || !write) return { text: fixedText };
  const notWritten = write(fixedText);
  return notWritten ? { text: source.text, notWritten } : { text: fixedText };
}

function lintSource(analyzer: Analyzer, task: LintTask, source: SourceText, options: Options, write: WriteFixes | undefined): FileReport {
  let text = source.text;
  let fixesApplied = 0;
  let notWritten: FileReport['notWritten'];
  if (task.fix !== 'none') {
    const fixed = fixUntilStable(text, (t) => analyzer.analyze(t, options), task.fix === 'unsafe');
    ({ text, notWritten } = settle(source, fixed.text, write));
    fixesApplied = notWritten ? 0 : fixed.applied;
  }
  const result = analyzer.analyze(text, options);
  const lines = new LineIndex(text);
  return {
    displayPath: task.displayPath,
    findings: result.findings.map((f) => reportFinding(f, lines)),
    problems: problemsOf(result.problems, lines),
    ruleErrors: result.ruleErrors,
    fixesApplied,
    ...(notWritten ? { notWritten } : {}),
    ...(text !== source.text ? { original: source.text, fixed: text } : {}),
  };
}

function lintNotebook(analyzer: Analyzer, task: LintTask, source: SourceText, options: Options, write: WriteFixes | undefined): FileReport {
  let text = source.text;
  let fixesApplied = 0;
  let notWritten: FileReport['notWritten'];
  if (task.fix !== 'none') {
    for (let pass = 0; pass < 10; pass++) {
      const analysis = analyzeNotebook(analyzer, text, options);
      const changed = fixNotebookCells(analysis.findings, task.fix === 'unsafe');
      if (changed.size === 0) break;
      fixesApplied += analysis.findings.filter((f) => chooseFix(f.finding, task.fix === 'unsafe')).length;
      text = notebookWithSources(text, analysis.notebook, changed);
    }
    ({ text, notWritten } = settle(source, text, write));
    if (notWritten) fixesApplied = 0;
  }
  const analysis = analyzeNotebook(analyzer, text, options);
  const cellLines = new Map<number, LineIndex>();
  const linesOf = (cellIndex: number, cellSource: string) => {
    let lines = cellLines.get(cellIndex);
    if (!lines) cellLines.set(cellIndex, (lines = new LineIndex(cellSource)));
    return lines;
  };
  return {
    displayPath: task.displayPath,
    findings: analysis.findings.map(({ cell, finding }) => reportFinding(finding, linesOf(cell.index, cell.source), cell.index + 1)),
    problems: analysis.problems.flatMap(({ cell, problem }) =>
      cell ? problemsOf([problem], linesOf(cell.index, cell.source), cell.index + 1) : problemsOf([problem], new LineIndex('')),
    ),
    ruleErrors: analysis.ruleErrors,
    fixesApplied,
    ...(notWritten ? { notWritten } : {}),
    ...(text !== source.text ? { original: source.text, fixed: text } : {}),
  };
}
