/**
 * Notebooks as VS Code holds them: the code cells, in the notebook's order, form one program (the
 * analyzer's `notebookProgram`), so a model defined in one cell is understood in the next; each
 * finding is placed on the cell it starts in.
 */
import * as vscode from 'vscode';
import type { SourceLanguage } from '../analyzer/model/model';
import {
  findingInCell,
  locateInCells,
  notebookProgram,
  type NotebookCell as ProgramCell,
  type NotebookProgram,
  type ParsedNotebook,
} from '../analyzer/notebook';
import type { Finding, TextRange } from '../analyzer/types';
import { notebookLanguage, sourceLanguageOf, type LocatedRange } from './documents';

export interface NotebookSnapshot {
  readonly notebook: vscode.NotebookDocument;
  readonly language: SourceLanguage;
  readonly cells: readonly vscode.NotebookCell[];
  readonly program: NotebookProgram;
  /** The cells' texts as analyzed (overrides included). */
  readonly sources: readonly string[];
}

/** The notebook's program; `overrides` replaces some cells' text (for fix passes). */
export function snapshotNotebook(notebook: vscode.NotebookDocument, overrides?: ReadonlyMap<number, string>): NotebookSnapshot | undefined {
  const language = notebookLanguage(notebook);
  if (!language) return undefined;
  const cells = notebook.getCells();
  const sources = cells.map((cell) => overrides?.get(cell.index) ?? cell.document.getText());
  const programCells: ProgramCell[] = cells.map((cell, i) => ({
    index: i,
    kind:
      cell.kind === vscode.NotebookCellKind.Code && sourceLanguageOf(cell.document.languageId) === language
        ? 'code'
        : cell.kind === vscode.NotebookCellKind.Markup
          ? 'markdown'
          : 'raw',
    source: sources[i],
  }));
  const parsed: ParsedNotebook = { cells: programCells, language, json: { cells: [] }, indent: ' ', trailingNewline: false };
  return { notebook, language, cells, program: notebookProgram(parsed), sources };
}

/** A program range inside one cell: the cell's index and the range relative to it. */
export function cellRange(snapshot: NotebookSnapshot, range: TextRange): { index: number; range: TextRange } | undefined {
  const start = locateInCells(snapshot.program, range.start);
  const end = locateInCells(snapshot.program, range.end);
  if (!start || !end || start.cell !== end.cell) return undefined;
  return { index: start.cell.index, range: { start: start.offset, end: end.offset } };
}

/** A program range as a location in a cell document (valid while the cells hold the analyzed text). */
export function locateInNotebook(snapshot: NotebookSnapshot, range: TextRange): LocatedRange | undefined {
  const located = cellRange(snapshot, range);
  if (!located) return undefined;
  const document = snapshot.cells[located.index].document;
  return { uri: document.uri, range: new vscode.Range(document.positionAt(located.range.start), document.positionAt(located.range.end)) };
}

/** A program offset for a position in one cell. */
export function programOffset(snapshot: NotebookSnapshot, cellIndex: number, cellOffset: number): number | undefined {
  const segment = snapshot.program.segments.find((s) => s.cell.index === cellIndex);
  return segment ? segment.start + cellOffset : undefined;
}

/**
 * The findings that start in one cell, with ranges relative to that cell; fixes are kept only when
 * all their edits are in the cell (for fixing one cell's text at a time).
 */
export function findingsInCell(snapshot: NotebookSnapshot, findings: readonly Finding[], cellIndex: number): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const primary = cellRange(snapshot, finding.range);
    if (!primary || primary.index !== cellIndex) continue;
    const inCell = (r: TextRange) => {
      const located = cellRange(snapshot, r);
      return located && located.index === cellIndex ? located.range : undefined;
    };
    out.push(findingInCell(finding, primary.range, inCell));
  }
  return out;
}
