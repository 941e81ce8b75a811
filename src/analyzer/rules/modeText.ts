/** Shared wording and edits for the train/eval mode rules (BN201–BN205). */
import type { InsertionPoint, ModeToken } from '../model/modes';
import type { LineIndex } from '../text';
import type { TextEdit } from '../types';

/** Inserts whole lines at an insertion point, each at its indentation. */
export function insertLines(at: InsertionPoint, lines: readonly string[], lineBreak: string): TextEdit {
  return { range: { start: at.offset, end: at.offset }, newText: lines.map((l) => `${at.indent}${l}${lineBreak}`).join('') };
}

/** What set a mode, for messages: "`model.train()` on line 12". */
export function describeOrigin(token: ModeToken, text: string, lines: LineIndex): string {
  if (!token.origin) return token.mode === 'train' ? 'a freshly built model (modules start in training mode)' : 'an unknown mode';
  const snippet = text.slice(token.origin.start, token.origin.end).split('\n')[0];
  const short = snippet.length > 60 ? `${snippet.slice(0, 57)}...` : snippet;
  return `\`${short}\` on line ${lines.positionAt(token.origin.start).line + 1}`;
}
