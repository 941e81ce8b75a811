/** Whole-text changes as small line-level edits (fix-all in the extension and the language server). */
import { diffLines } from 'diff';
import type { TextRange } from '../analyzer/types';

/** Offsets-based edits turning `before` into `after`, one per changed run of lines. */
export function textDiff(before: string, after: string): { range: TextRange; newText: string }[] {
  if (before === after) return [];
  // The common head and tail (whole lines) are cut first: diffing only the middle keeps large files fast.
  const max = Math.min(before.length, after.length);
  let head = 0;
  while (head < max && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  head = head === 0 ? 0 : before.lastIndexOf('\n', head - 1) + 1;
  let tail = 0;
  while (tail < max - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  let tailStart = before.length - tail;
  if (tailStart > head && before.charCodeAt(tailStart - 1) !== 10) {
    const nextBreak = before.indexOf('\n', tailStart);
    tailStart = nextBreak === -1 ? before.length : nextBreak + 1;
  }
  tail = before.length - tailStart;
  const oldMiddle = before.slice(head, before.length - tail);
  const newMiddle = after.slice(head, after.length - tail);
  const edits: { range: TextRange; newText: string }[] = [];
  let offset = head;
  let pending: { start: number; end: number; text: string } | undefined;
  for (const change of diffLines(oldMiddle, newMiddle)) {
    if (change.added) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.text += change.value;
    } else if (change.removed) {
      pending ??= { start: offset, end: offset, text: '' };
      pending.end += change.value.length;
      offset += change.value.length;
    } else {
      if (pending) edits.push({ range: { start: pending.start, end: pending.end }, newText: pending.text });
      pending = undefined;
      offset += change.value.length;
    }
  }
  if (pending) edits.push({ range: { start: pending.start, end: pending.end }, newText: pending.text });
  return edits;
}
