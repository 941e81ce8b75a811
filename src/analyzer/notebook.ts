/**
 * Jupyter notebooks: the code cells are analyzed as one program, in order, so a model defined in
 * one cell and evaluated in a later one is understood; findings map back to their cell.
 * Pure: takes the notebook's JSON text, returns plain data.
 */
import type { AnalysisResult, AnalyzeOptions, Analyzer } from './analyzer';
import { applyFindingFixes } from './fixes';
import type { Finding, InputProblem, TextEdit, TextRange } from './types';

export class NotebookError extends Error {
  override name = 'NotebookError';
}

interface RawCell {
  cell_type?: unknown;
  source?: unknown;
  [key: string]: unknown;
}

export interface NotebookCell {
  /** 0-based position among all cells, markdown included. */
  readonly index: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  readonly source: string;
}

export interface ParsedNotebook {
  readonly cells: readonly NotebookCell[];
  /** The notebook's own language, when it says (`python`, `typescript`). */
  readonly language: string | undefined;
  readonly json: { cells: RawCell[]; metadata?: Record<string, unknown>; [key: string]: unknown };
  readonly indent: string;
  readonly trailingNewline: boolean;
}

export function parseNotebook(text: string): ParsedNotebook {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new NotebookError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { cells?: unknown }).cells)) {
    throw new NotebookError('not a Jupyter notebook: no "cells" array (nbformat 4 is required)');
  }
  const notebook = json as ParsedNotebook['json'];
  const cells = notebook.cells.map((cell, index): NotebookCell => {
    const kind = cell.cell_type === 'code' ? 'code' : cell.cell_type === 'markdown' ? 'markdown' : 'raw';
    const source = Array.isArray(cell.source) ? cell.source.filter((s) => typeof s === 'string').join('') : typeof cell.source === 'string' ? cell.source : '';
    return { index, kind, source };
  });
  const languageInfo = notebook.metadata?.['language_info'] as { name?: unknown } | undefined;
  const kernel = notebook.metadata?.['kernelspec'] as { language?: unknown } | undefined;
  const language = typeof languageInfo?.name === 'string' ? languageInfo.name : typeof kernel?.language === 'string' ? kernel.language : undefined;
  const indentMatch = /^\{\s*?\n([ \t]+)"/.exec(text);
  return { cells, language, json: notebook, indent: indentMatch?.[1] ?? ' ', trailingNewline: text.endsWith('\n') };
}

/** Cell magics whose body is still Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'pypy', 'python', 'python3']);

/**
 * IPython syntax (`%magic`, `!shell`, `%%cell magic`) becomes comments of the same length, so
 * offsets in the program and in the cell stay equal.
 */
export function neutralizeMagics(source: string): string {
  const lines = source.split('\n');
  const first = lines[0]?.trimStart() ?? '';
  const cellMagic = /^%%(\w+)/.exec(first);
  const commentAll = cellMagic !== null && !PYTHON_CELL_MAGICS.has(cellMagic[1]!);
  return lines
    .map((line, i) => {
      const indent = line.length - line.trimStart().length;
      const head = line[indent];
      const isMagic = head === '%' || head === '!' || (head === '?' && indent === 0);
      if ((commentAll || (i === 0 && cellMagic) || isMagic) && line.trim().length > 0) return `${line.slice(0, indent)}#${line.slice(indent + 1)}`;
      return line;
    })
    .join('\n');
}

interface Segment {
  readonly cell: NotebookCell;
  /** Where the cell's text starts in the program. */
  readonly start: number;
}

export interface NotebookProgram {
  readonly text: string;
  readonly segments: readonly Segment[];
}

export function notebookProgram(notebook: ParsedNotebook): NotebookProgram {
  const segments: Segment[] = [];
  let text = '';
  for (const cell of notebook.cells) {
    if (cell.kind !== 'code') continue;
    if (text.length > 0) text += '\n';
    segments.push({ cell, start: text.length });
    text += neutralizeMagics(cell.source);
  }
  return { text, segments };
}

/** The cell holding a program offset, and the offset within that cell. */
export function locateInCells(program: NotebookProgram, offset: number): { cell: NotebookCell; offset: number } | undefined {
  for (let i = program.segments.length - 1; i >= 0; i--) {
    const segment = program.segments[i]!;
    if (offset >= segment.start) {
      return offset <= segment.start + segment.cell.source.length ? { cell: segment.cell, offset: offset - segment.start } : undefined;
    }
  }
  return undefined;
}

function rangeInCell(program: NotebookProgram, range: TextRange): { cell: NotebookCell; range: TextRange } | undefined {
  const start = locateInCells(program, range.start);
  const end = locateInCells(program, range.end);
  if (!start || !end || start.cell !== end.cell) return undefined;
  return { cell: start.cell, range: { start: start.offset, end: end.offset } };
}

/** A finding whose ranges (primary, related, fix edits) are relative to one cell. */
export interface CellFinding {
  readonly cell: NotebookCell;
  readonly finding: Finding;
}

export interface NotebookAnalysis {
  readonly notebook: ParsedNotebook;
  readonly program: NotebookProgram;
  readonly findings: readonly CellFinding[];
  readonly problems: readonly { readonly cell?: NotebookCell; readonly problem: InputProblem }[];
  readonly ruleErrors: AnalysisResult['ruleErrors'];
  /** The program-level result, for fixing (edits in program offsets). */
  readonly programResult: AnalysisResult;
}

export function analyzeNotebook(analyzer: Analyzer, text: string, options: AnalyzeOptions = {}): NotebookAnalysis {
  const notebook = parseNotebook(text);
  const program = notebookProgram(notebook);
  const language = notebook.language === 'typescript' || notebook.language === 'javascript' ? 'typescript' : 'python';
  const result = analyzer.analyze(program.text, { ...options, language });
  const findings: CellFinding[] = [];
  for (const finding of result.findings) {
    const primary = rangeInCell(program, finding.range);
    if (!primary) continue;
    const sameCell = (r: TextRange) => {
      const located = rangeInCell(program, r);
      return located && located.cell === primary.cell ? located.range : undefined;
    };
    findings.push({
      cell: primary.cell,
      finding: {
        ...finding,
        range: primary.range,
        // Related locations in other cells cannot be expressed relative to this one: dropped here,
        // kept in `programResult` for adapters that can point across cells.
        related: finding.related.flatMap((r) => {
          const range = sameCell(r.range);
          return range ? [{ ...r, range }] : [];
        }),
        fixes: finding.fixes.flatMap((fix) => {
          const edits = fix.edits.map((e) => ({ ...e, range: sameCell(e.range) }));
          return edits.every((e) => e.range) ? [{ ...fix, edits: edits as TextEdit[] }] : [];
        }),
      },
    });
  }
  const problems = result.problems.map((problem) => {
    const located = rangeInCell(program, problem.range);
    return located ? { cell: located.cell, problem: { ...problem, range: located.range } } : { problem };
  });
  return { notebook, program, findings, problems, ruleErrors: result.ruleErrors, programResult: result };
}

/** The notebook's JSON text with some cells' sources replaced, in the file's own formatting. */
export function notebookWithSources(notebook: ParsedNotebook, sources: ReadonlyMap<number, string>): string {
  const json = structuredClone(notebook.json);
  for (const [cellIndex, source] of sources) {
    const raw = json.cells[cellIndex];
    if (!raw || notebook.cells[cellIndex]?.source === source) continue;
    raw.source = Array.isArray(raw.source) ? splitLinesKeepEnds(source) : source;
  }
  return JSON.stringify(json, null, notebook.indent) + (notebook.trailingNewline ? '\n' : '');
}

/** Applies one fix per finding, cell by cell; returns the new sources of the cells that changed. */
export function fixNotebookCells(findings: readonly CellFinding[], allowUnsafe: boolean): Map<number, string> {
  const byCell = new Map<NotebookCell, Finding[]>();
  for (const { cell, finding } of findings) byCell.set(cell, [...(byCell.get(cell) ?? []), finding]);
  const out = new Map<number, string>();
  for (const [cell, cellFindings] of byCell) {
    const fixed = applyFindingFixes(cell.source, cellFindings, allowUnsafe);
    if (fixed.text !== cell.source) out.set(cell.index, fixed.text);
  }
  return out;
}

function splitLinesKeepEnds(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}
