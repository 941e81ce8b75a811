/** Applying fixes to text: edits from several findings, never overlapping, repeated until stable. */
import type { Applicability, Finding, Fix, TextEdit } from './types';

/** Applies non-overlapping edits; returns the new text and how many edits were skipped for overlapping. */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: number } {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let cursor = 0;
  let skipped = 0;
  for (const edit of sorted) {
    if (edit.range.start < cursor) {
      skipped++;
      continue;
    }
    out += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  }
  return { text: out + text.slice(cursor), skipped };
}

/** The fix `--fix` would apply for a finding: the first one allowed by the applicability. */
export function chooseFix(finding: Finding, allowUnsafe: boolean): Fix | undefined {
  return finding.fixes.find((f) => f.applicability === 'safe' || (allowUnsafe && f.applicability === ('unsafe' satisfies Applicability)));
}

/**
 * Applies one fix per finding. Whole fixes are kept or dropped together (a fix's edits may depend
 * on each other); a fix overlapping one already taken waits for the next pass.
 */
export function applyFindingFixes(text: string, findings: readonly Finding[], allowUnsafe: boolean): { text: string; applied: number; deferred: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  let deferred = 0;
  const overlaps = (e: TextEdit) => taken.some((t) => e.range.start < t.range.end && t.range.start < e.range.end || (e.range.start === t.range.start && e.range.end === t.range.end));
  for (const finding of findings) {
    const fix = chooseFix(finding, allowUnsafe);
    if (!fix || fix.edits.length === 0) continue;
    if (fix.edits.some(overlaps)) {
      deferred++;
      continue;
    }
    taken.push(...fix.edits);
    applied++;
  }
  return { text: applyEdits(text, taken).text, applied, deferred };
}

/** Fixes until nothing changes (at most `maxPasses`), re-analyzing between passes like ESLint. */
export function fixUntilStable(
  text: string,
  analyze: (text: string) => readonly Finding[],
  allowUnsafe: boolean,
  maxPasses = 10,
): { text: string; applied: number; passes: number } {
  let current = text;
  let applied = 0;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const result = applyFindingFixes(current, analyze(current), allowUnsafe);
    if (result.applied === 0 || result.text === current) return { text: current, applied, passes: pass };
    applied += result.applied;
    current = result.text;
  }
  return { text: current, applied, passes: maxPasses };
}
