/**
 * Applying fixes to text, as a checked property: a fix is applied only when its edits do not
 * overlap (each other or another fix's), when it does not insert a line identical to the line
 * beside it (the mark of a fix that re-applies itself), and, when the caller can re-parse, when
 * the result parses no worse than the original. Refused fixes are reported, never half-applied.
 */
import type { Applicability, Finding, Fix, InputProblem, TextEdit } from './types';

/** Why a fix was not applied. `overlap` within one pass is not a refusal: that fix waits for the next pass. */
export type RefusalReason = 'overlapping-edits' | 'duplicate-line' | 'breaks-parse';

export interface RefusedFix {
  readonly code: string;
  readonly title: string;
  readonly reason: RefusalReason;
  /** Where the finding starts, in the text the fix was computed for. */
  readonly offset: number;
}

/**
 * What a fixing loop needs from the analyzer: findings, and (to check that a result still parses)
 * the input problems. Returning just the findings turns the parse check off.
 */
export type FixAnalysis = readonly Finding[] | { readonly findings: readonly Finding[]; readonly problems?: readonly InputProblem[] };

const byPosition = (a: TextEdit, b: TextEdit) => a.range.start - b.range.start || a.range.end - b.range.end;

/** True when two edits touch the same text, or insert at the same point (their order would be arbitrary). */
function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  return (a.range.start < b.range.end && b.range.start < a.range.end) || (a.range.start === b.range.start && a.range.end === b.range.end);
}

/** Applies edits that must not overlap; throws RangeError when they do (a caller bug, never silently half-applied). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort(byPosition);
  let out = '';
  let cursor = 0;
  sorted.forEach((edit, i) => {
    if (edit.range.start < 0 || edit.range.end < edit.range.start || edit.range.end > text.length) {
      throw new RangeError(`edit range ${edit.range.start}-${edit.range.end} is outside the text (length ${text.length})`);
    }
    if (i > 0 && editsOverlap(sorted[i - 1], edit)) throw new RangeError(`edits overlap at offsets ${sorted[i - 1].range.start} and ${edit.range.start}`);
    out += text.slice(cursor, edit.range.start) + edit.newText;
    cursor = edit.range.end;
  });
  return out + text.slice(cursor);
}

/** The fix `--fix` would apply for a finding: the first one allowed by the applicability. */
export function chooseFix(finding: Finding, allowUnsafe: boolean): Fix | undefined {
  return finding.fixes.find((f) => f.applicability === 'safe' || (allowUnsafe && f.applicability === ('unsafe' satisfies Applicability)));
}

/** The lines of `text` (without their line breaks) with their offsets. */
function linesWithOffsets(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let start = 0;
  for (;;) {
    const next = text.indexOf('\n', start);
    const end = next === -1 ? text.length : next > start && text[next - 1] === '\r' ? next - 1 : next;
    out.push({ start, end, text: text.slice(start, end).trimEnd() });
    if (next === -1) return out;
    start = next + 1;
  }
}

/**
 * True when an edit that adds lines puts a non-blank line right beside an identical one: the
 * first line it wrote equals the line above, or the last one the line below (the mark of a fix
 * that inserts a statement already there). `result` is the text with the edit written at `at`.
 */
function insertsDuplicateLine(original: string, edit: TextEdit, result: string, at: number): boolean {
  const replaced = original.slice(edit.range.start, edit.range.end);
  const breaks = (s: string) => s.split('\n').length - 1;
  if (breaks(edit.newText) <= breaks(replaced)) return false;
  const end = at + edit.newText.length;
  const lines = linesWithOffsets(result);
  const kept = new Set(replaced.split('\n').map((l) => l.replace(/\r$/, '').trimEnd()));
  const written = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.start >= at && line.end <= end && line.start < end && line.text.trim() !== '' && !kept.has(line.text));
  if (written.length === 0) return false;
  const first = written[0];
  const last = written[written.length - 1];
  return lines[first.index - 1]?.text === first.line.text || lines[last.index + 1]?.text === last.line.text;
}

/** Why a fix cannot be applied to `text` on its own, or undefined when it can. */
function checkFix(text: string, fix: Fix): RefusalReason | undefined {
  const sorted = [...fix.edits].sort(byPosition);
  if (sorted.some((e, i) => e.range.start < 0 || e.range.end < e.range.start || e.range.end > text.length || (i > 0 && editsOverlap(sorted[i - 1], e))))
    return 'overlapping-edits';
  let delta = 0;
  const result = applyEdits(text, sorted);
  for (const edit of sorted) {
    if (insertsDuplicateLine(text, edit, result, edit.range.start + delta)) return 'duplicate-line';
    delta += edit.newText.length - (edit.range.end - edit.range.start);
  }
  return undefined;
}

export interface FixPass {
  readonly text: string;
  readonly applied: number;
  /** Fixes that overlap one already taken: they wait for the next pass. */
  readonly deferred: number;
  readonly refused: readonly RefusedFix[];
}

/**
 * Applies one fix per finding. Whole fixes are kept or dropped together (a fix's edits may depend
 * on each other); a fix overlapping one already taken waits for the next pass; a fix that is wrong
 * on its own (overlapping edits, a duplicated line) is refused.
 */
export function applyFindingFixes(text: string, findings: readonly Finding[], allowUnsafe: boolean): FixPass {
  const taken: TextEdit[] = [];
  const refused: RefusedFix[] = [];
  let applied = 0;
  let deferred = 0;
  for (const finding of findings) {
    const fix = chooseFix(finding, allowUnsafe);
    if (!fix || fix.edits.length === 0) continue;
    const reason = checkFix(text, fix);
    if (reason) {
      refused.push({ code: finding.code, title: fix.title, reason, offset: finding.range.start });
      continue;
    }
    if (fix.edits.some((e) => taken.some((t) => editsOverlap(e, t)))) {
      deferred++;
      continue;
    }
    taken.push(...fix.edits);
    applied++;
  }
  return { text: applyEdits(text, taken), applied, deferred, refused };
}

function normalize(analysis: FixAnalysis): { findings: readonly Finding[]; problems?: readonly InputProblem[] } {
  return Array.isArray(analysis) ? { findings: analysis } : (analysis as Exclude<FixAnalysis, readonly Finding[]>);
}

/** True when `after` has a syntax problem `before` did not have (compared by count: offsets move). */
function parsesWorse(before: { problems?: readonly InputProblem[] }, after: { problems?: readonly InputProblem[] }): boolean {
  return before.problems !== undefined && after.problems !== undefined && after.problems.length > before.problems.length;
}

export interface FixResult {
  readonly text: string;
  readonly applied: number;
  readonly passes: number;
  readonly refused: readonly RefusedFix[];
}

/**
 * Fixes until nothing changes (at most `maxPasses`), re-analyzing between passes like ESLint.
 * When `analyze` returns problems, a pass whose result parses worse is undone and its fixes are
 * tried one by one: those that break the parse on their own are refused, the rest applied.
 */
export function fixUntilStable(text: string, analyze: (text: string) => FixAnalysis, allowUnsafe: boolean, maxPasses = 10): FixResult {
  let current = text;
  let analysis = normalize(analyze(current));
  let applied = 0;
  const refused: RefusedFix[] = [];
  // A refused fix is not tried again in later passes (its offsets move, its content does not).
  const refusedKeys = new Set<string>();
  const keyOf = (finding: Finding, fix: Fix) => {
    const lineOf = (offset: number) => current.slice(current.lastIndexOf('\n', offset - 1) + 1, (current.indexOf('\n', offset) + 1 || current.length + 1) - 1);
    return JSON.stringify([finding.code, fix.title, fix.edits.map((e) => [lineOf(e.range.start), e.newText])]);
  };
  const refuse = (finding: Finding, fix: Fix, reason: RefusalReason) => {
    const key = keyOf(finding, fix);
    if (refusedKeys.has(key)) return;
    refusedKeys.add(key);
    refused.push({ code: finding.code, title: fix.title, reason, offset: finding.range.start });
  };
  const notRefused = (finding: Finding) => {
    const fix = chooseFix(finding, allowUnsafe);
    return !!fix && fix.edits.length > 0 && !refusedKeys.has(keyOf(finding, fix));
  };
  for (let pass = 1; pass <= maxPasses; pass++) {
    const candidates = analysis.findings.filter(notRefused);
    const result = applyFindingFixes(current, candidates, allowUnsafe);
    for (const r of result.refused) {
      const finding = candidates.find((f) => f.range.start === r.offset && f.code === r.code && chooseFix(f, allowUnsafe)?.title === r.title)!;
      refuse(finding, chooseFix(finding, allowUnsafe)!, r.reason);
    }
    if (result.applied === 0 || result.text === current) return { text: current, applied, passes: pass, refused };
    let next = normalize(analyze(result.text));
    let nextText = result.text;
    let nextApplied = result.applied;
    if (parsesWorse(analysis, next)) {
      const kept: Finding[] = [];
      for (const finding of candidates.filter(notRefused)) {
        const alone = applyFindingFixes(current, [finding], allowUnsafe);
        if (parsesWorse(analysis, normalize(analyze(alone.text)))) refuse(finding, chooseFix(finding, allowUnsafe)!, 'breaks-parse');
        else kept.push(finding);
      }
      const retry = applyFindingFixes(current, kept, allowUnsafe);
      next = normalize(analyze(retry.text));
      // Fixes that parse alone but not together: take the first one only; the next pass sees the rest again.
      const safeRetry = parsesWorse(analysis, next) ? applyFindingFixes(current, kept.slice(0, 1), allowUnsafe) : retry;
      if (safeRetry !== retry) next = normalize(analyze(safeRetry.text));
      nextText = safeRetry.text;
      nextApplied = safeRetry.applied;
      if (nextApplied === 0 || nextText === current) return { text: current, applied, passes: pass, refused };
    }
    applied += nextApplied;
    current = nextText;
    analysis = next;
  }
  return { text: current, applied, passes: maxPasses, refused };
}

/** What the round-trip check found for one text: see `checkFixRoundTrip`. */
export interface RoundTripReport {
  readonly fixed: string;
  readonly applied: number;
  readonly refused: readonly RefusedFix[];
  /** The fixed text has more syntax problems than the original. */
  readonly breaksParse: boolean;
  /** Findings that still offer an applicable fix after fixing (the fix did not remove its finding). */
  readonly remaining: readonly Finding[];
  /** Findings of the fixed text that the original did not have (compared by code and message). */
  readonly introduced: readonly Finding[];
  /** Fixing the fixed text again changed it. */
  readonly secondPassChanges: boolean;
}

type Analysis = { readonly findings: readonly Finding[]; readonly problems: readonly InputProblem[] };

/** Messages name lines (`on line 12`); inserted lines move them, so they are compared without the number. */
const findingKey = (f: Finding) => `${f.code} ${f.message} ${f.explanation ?? ''}`.replace(/\bline \d+/g, 'line N');

/**
 * The fix round trip every rule must pass: apply the safe fixes, then the unsafe ones; the result
 * parses as well as the original, no finding with an applicable fix remains, no new finding
 * appears, and a second application changes nothing.
 */
export function checkFixRoundTrip(text: string, analyze: (text: string) => Analysis): RoundTripReport {
  const before = analyze(text);
  const safe = fixUntilStable(text, analyze, false);
  const all = fixUntilStable(safe.text, analyze, true);
  const after = analyze(all.text);
  const unmatched = new Map<string, number>();
  for (const f of before.findings) unmatched.set(findingKey(f), (unmatched.get(findingKey(f)) ?? 0) + 1);
  const introduced = after.findings.filter((f) => {
    const left = unmatched.get(findingKey(f)) ?? 0;
    unmatched.set(findingKey(f), left - 1);
    return left <= 0;
  });
  return {
    fixed: all.text,
    applied: safe.applied + all.applied,
    // The unsafe pass meets the safe pass's refusals again: each is reported once.
    refused: [...safe.refused, ...all.refused.filter((r) => !safe.refused.some((s) => s.code === r.code && s.title === r.title && s.reason === r.reason))],
    breaksParse: after.problems.length > before.problems.length,
    remaining: after.findings.filter((f) => chooseFix(f, true)?.edits.length),
    introduced,
    secondPassChanges: fixUntilStable(all.text, analyze, true).text !== all.text,
  };
}
