/** Edits the arguments of a Python call while keeping its formatting (multi-line calls, trailing commas, comments). */
import type { ConstValue } from '../frameworks/types';
import type { ArgumentEditor, BoundArgument } from '../model/model';
import { LineIndex, lineBreakOf } from '../text';
import type { TextEdit, TextRange } from '../types';
import { pythonLiteral } from './literals';
import type { SyntaxNode } from './parser';

/**
 * The layout of an argument list, copied out of the syntax tree: fixes are computed after the
 * tree is freed, so they must not hold on to its nodes.
 */
export interface ArgumentListShape {
  readonly open: TextRange;
  readonly close: TextRange;
  readonly items: readonly { readonly range: TextRange; readonly isDictionarySplat: boolean }[];
  readonly trailingComma?: TextRange;
  readonly comments: readonly TextRange[];
}

const range = (n: SyntaxNode): TextRange => ({ start: n.startIndex, end: n.endIndex });

export function argumentListShape(argumentList: SyntaxNode | null | undefined): ArgumentListShape | undefined {
  if (!argumentList || argumentList.type !== 'argument_list') return undefined;
  const all = argumentList.children.filter((c): c is SyntaxNode => c !== null);
  const open = all[0];
  const close = all[all.length - 1];
  if (!open || !close || open.type !== '(' || close.type !== ')' || close.isMissing) return undefined;
  const items = all.filter((c) => c.isNamed && c.type !== 'comment');
  const last = items[items.length - 1];
  const trailingComma = last ? all.slice(all.indexOf(last) + 1).find((c) => c.type === ',') : undefined;
  return {
    open: range(open),
    close: range(close),
    items: items.map((c) => ({ range: range(c), isDictionarySplat: c.type === 'dictionary_splat' })),
    trailingComma: trailingComma ? range(trailingComma) : undefined,
    comments: all.filter((c) => c.type === 'comment').map(range),
  };
}

export function pythonArgumentEditor(
  text: string,
  lines: () => LineIndex,
  shape: ArgumentListShape | undefined,
  calleeNameRange: TextRange,
  args: () => readonly BoundArgument[],
): ArgumentEditor {
  return {
    literal: pythonLiteral,
    argumentText: (param, value) => `${param}=${pythonLiteral(value)}`,
    setArgument(param: string, value: ConstValue): TextEdit[] {
      return this.setArgumentCode(param, pythonLiteral(value));
    },
    setArgumentCode(param: string, code: string): TextEdit[] {
      const existing = args().filter((a) => a.param === param && !a.fromPartial);
      const last = existing[existing.length - 1];
      if (last) return [{ range: last.valueRange, newText: code }];
      if (!shape) return [];
      return [insertKeyword(text, lines(), shape, `${param}=${code}`)];
    },
    conditionCode: (condition) => (condition.negated ? `not ${condition.name}` : condition.name),
    renameKeyword(argument: BoundArgument, newName: string): TextEdit[] {
      return argument.keywordRange ? [{ range: argument.keywordRange, newText: newName }] : [];
    },
    replaceCalleeName(newName: string): TextEdit[] {
      return [{ range: calleeNameRange, newText: newName }];
    },
  };
}

const insertAt = (offset: number, newText: string): TextEdit => ({ range: { start: offset, end: offset }, newText });

/**
 * Inserts `keyword=value` as the last keyword argument (before any `**kwargs`), following the
 * call's layout: one argument per line stays one per line, a trailing comma stays trailing.
 */
function insertKeyword(text: string, lines: LineIndex, shape: ArgumentListShape, keywordText: string): TextEdit {
  const { items, open, close, trailingComma } = shape;
  if (items.length === 0) return insertAt(open.end, keywordText);
  const breakText = lineBreakOf(text);
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  const splatIndex = items.findIndex((i) => i.isDictionarySplat);
  if (splatIndex >= 0) {
    // Keywords must precede `**kwargs`: put it just before, in the splat's own layout.
    const splat = items[splatIndex].range;
    const previous = items[splatIndex - 1];
    const ownLine = previous !== undefined && lineOf(previous.range.end) !== lineOf(splat.start);
    return insertAt(splat.start, keywordText + (ownLine ? `,${breakText}${lines.indentation(lineOf(splat.start))}` : ', '));
  }
  const last = items[items.length - 1].range;
  const lastLine = lineOf(last.end);
  const closeOnOwnLine = lineOf(close.start) > lastLine;
  const onePerLine = closeOnOwnLine && lineOf(items[0].range.start) > lineOf(open.start);
  if (onePerLine) {
    const indent = lines.indentation(lastLine);
    if (trailingComma) {
      // After the comma and any comment on its line, so the comment stays with its argument.
      const commaLine = lineOf(trailingComma.end);
      const comment = shape.comments.find((c) => c.start >= trailingComma.end && lineOf(c.start) === commaLine);
      return insertAt(comment ? comment.end : trailingComma.end, `${breakText}${indent}${keywordText},`);
    }
    return insertAt(last.end, `,${breakText}${indent}${keywordText}`);
  }
  if (trailingComma && closeOnOwnLine) return insertAt(trailingComma.end, ` ${keywordText},`);
  return insertAt(last.end, `, ${keywordText}`);
}
