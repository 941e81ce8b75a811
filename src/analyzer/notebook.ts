/**
 * Jupyter notebooks: the code cells are analyzed as one program, in order, so a model defined in
 * one cell and evaluated in a later one is understood; findings map back to their cell.
 * Pure: takes the notebook's JSON text, returns plain data.
 */
import { diffArrays } from 'diff';
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
  const cells = notebook.cells.map((cell: unknown, index): NotebookCell => {
    if (typeof cell !== 'object' || cell === null || Array.isArray(cell)) throw new NotebookError(`cell ${index + 1} is not an object`);
    const raw = cell as RawCell;
    const kind = raw.cell_type === 'code' ? 'code' : raw.cell_type === 'markdown' ? 'markdown' : 'raw';
    return { index, kind, source: cellSource(raw.source, index) };
  });
  const languageInfo = notebook.metadata?.['language_info'] as { name?: unknown } | undefined;
  const kernel = notebook.metadata?.['kernelspec'] as { language?: unknown } | undefined;
  const language = typeof languageInfo?.name === 'string' ? languageInfo.name : typeof kernel?.language === 'string' ? kernel.language : undefined;
  const indentMatch = /^\{\s*?\n([ \t]+)"/.exec(text);
  return { cells, language, json: notebook, indent: indentMatch?.[1] ?? ' ', trailingNewline: text.endsWith('\n') };
}

/** nbformat's "multiline string": a string or a list of strings; missing means empty. */
function cellSource(source: unknown, index: number): string {
  if (source === undefined) return '';
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  throw new NotebookError(`cell ${index + 1}: "source" is neither a string nor a list of strings`);
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
  const commentAll = cellMagic !== null && !PYTHON_CELL_MAGICS.has(cellMagic[1]);
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
    const segment = program.segments[i];
    if (offset >= segment.start) {
      return offset <= segment.start + segment.cell.source.length ? { cell: segment.cell, offset: offset - segment.start } : undefined;
    }
  }
  return undefined;
}

/**
 * How messages name a line of the program: by its cell (1-based among all cells, as the CLI shows
 * them) and its line in that cell, "line 3 of cell 7".
 */
export function describeNotebookLine(program: NotebookProgram): (offset: number) => string {
  return (offset) => {
    const at = locateInCells(program, offset);
    if (!at) return 'a line between cells';
    let line = 1;
    for (let i = at.cell.source.indexOf('\n'); i >= 0 && i < at.offset; i = at.cell.source.indexOf('\n', i + 1)) line++;
    return `line ${line} of cell ${at.cell.index + 1}`;
  };
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

/**
 * A finding moved into one cell: `range` is its primary range there, and `inCell` gives a range's
 * place in the same cell, or undefined for ranges in other cells. Related locations elsewhere cannot
 * be expressed relative to this cell and are dropped (adapters that can point across cells read
 * the program-level result); fixes are kept only when all their edits are in the cell.
 */
export function findingInCell(finding: Finding, range: TextRange, inCell: (range: TextRange) => TextRange | undefined): Finding {
  const { focus, ...rest } = finding;
  const focusInCell = focus && inCell(focus);
  return {
    ...rest,
    range,
    ...(focusInCell ? { focus: focusInCell } : {}),
    related: finding.related.flatMap((r) => {
      const located = inCell(r.range);
      return located ? [{ ...r, range: located }] : [];
    }),
    fixes: finding.fixes.flatMap((fix) => {
      const edits = fix.edits.map((e) => ({ ...e, range: inCell(e.range) }));
      return edits.every((e) => e.range) ? [{ ...fix, edits: edits as TextEdit[] }] : [];
    }),
  };
}

export function analyzeNotebook(analyzer: Analyzer, text: string, options: AnalyzeOptions = {}): NotebookAnalysis {
  const notebook = parseNotebook(text);
  const program = notebookProgram(notebook);
  const language = notebook.language === 'typescript' || notebook.language === 'javascript' ? 'typescript' : 'python';
  const result = analyzer.analyze(program.text, { ...options, language, describeLine: describeNotebookLine(program) });
  const findings: CellFinding[] = [];
  for (const finding of result.findings) {
    const primary = rangeInCell(program, finding.range);
    if (!primary) continue;
    const sameCell = (r: TextRange) => {
      const located = rangeInCell(program, r);
      return located && located.cell === primary.cell ? located.range : undefined;
    };
    findings.push({ cell: primary.cell, finding: findingInCell(finding, primary.range, sameCell) });
  }
  const problems = result.problems.map((problem) => {
    const located = rangeInCell(program, problem.range);
    return located ? { cell: located.cell, problem: { ...problem, range: located.range } } : { problem };
  });
  return { notebook, program, findings, problems, ruleErrors: result.ruleErrors, programResult: result };
}

/**
 * The same notebook with only its code cells' sources: what another file's analysis reads of it
 * (the calls it makes), at a fraction of the size of outputs and images. Undefined when the text
 * is no notebook.
 */
export function notebookCodeOnly(text: string): string | undefined {
  try {
    const cells = parseNotebook(text).cells.filter((cell) => cell.kind === 'code');
    return JSON.stringify({ cells: cells.map((cell) => ({ cell_type: 'code', source: cell.source })) });
  } catch {
    return undefined;
  }
}

/**
 * The notebook's JSON text with some cells' sources replaced. Only those `source` values are
 * rewritten, and within a list only the lines that changed: every other byte of the file (key
 * order, spacing, `\uXXXX` escapes, line breaks) stays as it was, whoever saved the notebook.
 */
export function notebookWithSources(text: string, notebook: ParsedNotebook, sources: ReadonlyMap<number, string>): string {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const json = text.slice(bom);
  // A file with no raw non-ASCII character keeps none (Python's json.dump writes \u escapes).
  const asciiOnly = !/[^\x00-\x7f]/.test(json);
  let cells: readonly JsonSpan[];
  try {
    const root = jsonChildren(json, skipSpace(json, 0)).items;
    const cellList = root.filter((c) => c.key === 'cells').at(-1);
    cells = cellList ? jsonChildren(json, cellList.start).items : [];
  } catch (e) {
    throw new NotebookError(`cannot locate the cells in the JSON text (${e instanceof Error ? e.message : String(e)})`);
  }
  const edits: { start: number; end: number; newText: string }[] = [];
  for (const [cellIndex, source] of sources) {
    if (notebook.cells[cellIndex]?.source === source) continue;
    const cell = cells[cellIndex];
    // Last one wins, as in JSON.parse, should a key repeat.
    const value =
      cell && json[cell.start] === '{'
        ? jsonChildren(json, cell.start)
            .items.filter((c) => c.key === 'source')
            .at(-1)
        : undefined;
    if (!value) throw new NotebookError(`cell ${cellIndex + 1} has no "source" to fix`);
    const newText = json[value.start] === '[' ? sourceListText(json, value, splitLinesKeepEnds(source), asciiOnly) : jsonString(source, asciiOnly);
    edits.push({ start: value.start, end: value.end, newText });
  }
  let out = json;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return text.slice(0, bom) + out;
}

/** Where a JSON value is in the text, and its key when it is an object member. */
interface JsonSpan {
  readonly key?: string;
  readonly start: number;
  readonly end: number;
}

// A scanner for positions only, over text JSON.parse has accepted: it never validates.
function skipSpace(json: string, i: number): number {
  while (i < json.length && (json[i] === ' ' || json[i] === '\n' || json[i] === '\r' || json[i] === '\t')) i++;
  return i;
}

function stringEnd(json: string, quote: number): number {
  let i = quote + 1;
  while (json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
  return i + 1;
}

const SCALAR = /[^,\]}\s]*/y;

function valueEnd(json: string, i: number): number {
  if (json[i] === '"') return stringEnd(json, i);
  if (json[i] === '{' || json[i] === '[') return jsonChildren(json, i).end;
  SCALAR.lastIndex = i;
  SCALAR.exec(json);
  return SCALAR.lastIndex;
}

/** The members of the object or the items of the array that opens at `open`. */
function jsonChildren(json: string, open: number): { items: JsonSpan[]; end: number } {
  const isObject = json[open] === '{';
  const items: JsonSpan[] = [];
  let i = skipSpace(json, open + 1);
  if (json[i] === (isObject ? '}' : ']')) return { items, end: i + 1 };
  for (;;) {
    let key: string | undefined;
    if (isObject) {
      const keyEnd = stringEnd(json, i);
      key = JSON.parse(json.slice(i, keyEnd)) as string;
      i = skipSpace(json, skipSpace(json, keyEnd) + 1); // past the colon
    }
    const end = valueEnd(json, i);
    items.push({ key, start: i, end });
    i = skipSpace(json, end);
    if (json[i] !== ',') return { items, end: i + 1 };
    i = skipSpace(json, i + 1);
  }
}

function jsonString(value: string, asciiOnly: boolean): string {
  const quoted = JSON.stringify(value);
  return asciiOnly ? quoted.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : quoted;
}

/** A `source` list with new lines: unchanged lines keep their text, separators follow the old list's. */
function sourceListText(json: string, list: JsonSpan, lines: readonly string[], asciiOnly: boolean): string {
  const items = jsonChildren(json, list.start).items;
  if (items.length === 0) return `[${lines.map((l) => jsonString(l, asciiOnly)).join(',')}]`;
  const rawOf = (item: JsonSpan) => json.slice(item.start, item.end);
  const first = items[0];
  const last = items.at(-1)!;
  const leading = json.slice(list.start + 1, first.start);
  const trailing = json.slice(last.end, list.end - 1);
  const separator = items.length > 1 ? json.slice(first.end, items[1].start) : `,${leading}`;
  const texts: string[] = [];
  let old = 0;
  for (const part of diffArrays(
    items.map((item) => JSON.parse(rawOf(item)) as string),
    [...lines],
  )) {
    if (part.removed) old += part.value.length;
    else if (part.added) texts.push(...part.value.map((l) => jsonString(l, asciiOnly)));
    else for (let k = 0; k < part.value.length; k++) texts.push(rawOf(items[old++]));
  }
  return texts.length === 0 ? '[]' : `[${leading}${texts.join(separator)}${trailing}]`;
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
