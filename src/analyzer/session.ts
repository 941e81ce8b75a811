/**
 * Analysis of one document that an editor re-analyzes after every edit. The front end keeps the
 * previous parse and splits the file into parts that no other part can affect (python/document.ts);
 * the findings of each part are kept under the part's text, so an edit re-analyzes only the part it
 * touches. The result is always that of `Analyzer.analyze` on the same text.
 */
import { enabledRules, finishFindings, needsOf, refusal, runRules, type AnalysisResult, type AnalyzeOptions, type Analyzer, type RuleRun } from './analyzer';
import type { AnalysisNeed, DocumentLayout, DocumentParser, FrontEnd, TextPart, TextSegment } from './frontend';
import type { SourceLanguage } from './model/model';
import type { Finding, TextRange } from './types';

/** What the last `analyze` did: for tests and measurements. */
export interface SessionRun {
  /** Parts the file was split into (0: analyzed whole). */
  readonly parts: number;
  /** Parts whose rules ran (the others' findings were kept). */
  readonly analyzedParts: number;
}

/** A part's findings in its own text's offsets. */
type PartRun = RuleRun;

export class AnalysisSession {
  private document: DocumentParser | undefined;
  private runs = new Map<string, PartRun>();
  private optionsKey: string | undefined;
  lastRun: SessionRun = { parts: 0, analyzedParts: 0 };

  constructor(
    private readonly analyzer: Analyzer,
    private readonly frontEnd: FrontEnd | undefined,
    private readonly language: SourceLanguage,
    /** Analyze every part on its own even when most are new (tests that the split loses nothing). */
    private readonly alwaysByPart = false,
  ) {}

  analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
    const whole = { ...options, language: this.language };
    this.lastRun = { parts: 0, analyzedParts: 0 };
    if (refusal(text) || !this.frontEnd?.openDocument) return this.analyzer.analyze(text, whole);
    const rules = enabledRules(options);
    const needs = needsOf(rules);
    // Files the prefilter skips (or with every rule off) are not parsed at all.
    if (rules.length === 0 || this.frontEnd.mayHaveFindings?.(text, needs) === false) {
      this.dispose();
      return this.analyzer.analyze(text, whole);
    }
    this.document ??= this.frontEnd.openDocument();
    const layout = this.document.update(text);
    const key = keyOf(options);
    if (key !== this.optionsKey) this.runs.clear();
    this.optionsKey = key;
    const parts = layout.parts;
    if (!parts) {
      this.runs.clear();
      return this.analyzeWhole(layout, text, options, needs).result;
    }
    const missing = parts.filter((p) => !this.runs.has(p.text));
    // Most parts unknown (the first analysis, a changed import): one pass over the whole file is
    // cheaper than one per part, and its findings are shared out to the parts.
    if (!this.alwaysByPart && missing.length > 1 && missing.length * 2 > parts.length) {
      const { result, run } = this.analyzeWhole(layout, text, options, needs);
      this.runs = new Map();
      if (run.ruleErrors.length === 0 && result.problems.length === 0) this.shareOut(run.findings, parts, text);
      this.lastRun = { parts: parts.length, analyzedParts: parts.length };
      return result;
    }
    const runs = new Map<string, PartRun>();
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const part of parts) {
      let run = this.runs.get(part.text);
      if (!run) {
        const parsed = this.frontEnd.parse(part.text, options.fileName, needs, { project: options.project });
        // A statement too deep to analyze, or a rule that failed: the whole file's result says so as it would.
        if (parsed.problems.length > 0) return this.analyzeWhole(layout, text, options, needs).result;
        run = runRules(parsed.model, options, rules);
        if (run.ruleErrors.length > 0) return this.analyzeWhole(layout, text, options, needs).result;
      }
      runs.set(part.text, run);
      const map = toDocument(part.segments, text);
      for (const finding of run.findings) {
        const placed = moveFinding(finding, map)!;
        const place = `${placed.code}:${placed.range.start}:${placed.range.end}`;
        if (seen.has(place)) continue;
        seen.add(place);
        findings.push(placed);
      }
    }
    this.lastRun = { parts: parts.length, analyzedParts: missing.length };
    this.runs = runs;
    return { findings: finishFindings(findings, layout.comments, text), problems: layout.problems, ruleErrors: [] };
  }

  dispose(): void {
    this.document?.dispose();
    this.document = undefined;
    this.runs.clear();
  }

  private analyzeWhole(
    layout: DocumentLayout,
    text: string,
    options: AnalyzeOptions,
    needs: ReadonlySet<AnalysisNeed>,
  ): { result: AnalysisResult; run: RuleRun } {
    const parsed = layout.whole(needs, { project: options.project, fileName: options.fileName });
    const run = runRules(parsed.model, options, enabledRules(options));
    return { result: { findings: finishFindings(run.findings, parsed.comments, text), problems: parsed.problems, ruleErrors: run.ruleErrors }, run };
  }

  /**
   * Keeps a whole-file analysis' findings as the parts' own: each finding goes to the part whose
   * statements hold its start. Nothing is kept when a finding or one of its edits falls outside
   * what its part's text can express (then each part is analyzed on its own when needed).
   */
  private shareOut(findings: readonly Finding[], parts: readonly TextPart[], text: string): void {
    const owned = new Map<TextPart, Finding[]>(parts.map((p) => [p, []]));
    for (const finding of findings) {
      // Shared statements (imports) are in every part: a finding there belongs to none.
      const holders = parts.filter((p) => p.segments.some((s) => s.documentStart <= finding.range.start && finding.range.start < s.documentStart + s.length));
      if (holders.length !== 1) return;
      const part = holders[0];
      const moved = moveFinding(finding, toPart(part.segments, text));
      if (!moved) return;
      owned.get(part)!.push(moved);
    }
    for (const [part, list] of owned) this.runs.set(part.text, { findings: list, ruleErrors: [] });
  }
}

/** The options a part's findings depend on. */
/** A number per project object: parts analyzed against one project are not reused with another. */
const projectIds = new WeakMap<object, number>();
let nextProjectId = 1;

function keyOf(options: AnalyzeOptions): string {
  const project = options.project ? (projectIds.get(options.project) ?? projectIds.set(options.project, nextProjectId++).get(options.project)) : null;
  return JSON.stringify([
    options.config ?? null,
    options.relativePath ?? null,
    options.fileName ?? null,
    options.rules?.map((r) => r.meta.code) ?? null,
    project,
  ]);
}

type OffsetMap = (offset: number) => number | undefined;

/** The last segment starting at or before `offset` (by `startOf`), or an empty one at 0. */
function segmentBefore(segments: readonly TextSegment[], offset: number, startOf: (s: TextSegment) => number): TextSegment {
  let lo = 0;
  let hi = segments.length - 1;
  let found: TextSegment = { partStart: 0, documentStart: 0, length: 0 };
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(segments[mid]) <= offset) {
      found = segments[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Part offsets → document offsets. Between segments the part text holds only the line breaks of
 * the document's gap: the place after its k-th break is the place after the gap's k-th break.
 */
function toDocument(segments: readonly TextSegment[], text: string): OffsetMap {
  return (offset) => {
    const segment = segmentBefore(segments, offset, (s) => s.partStart);
    const beyond = offset - segment.partStart - segment.length;
    return beyond <= 0 ? segment.documentStart + offset - segment.partStart : afterBreaks(text, segment.documentStart + segment.length, beyond);
  };
}

/** Document offsets → part offsets; undefined for a place in a gap that is not right after a line break. */
function toPart(segments: readonly TextSegment[], text: string): OffsetMap {
  return (offset) => {
    const segment = segmentBefore(segments, offset, (s) => s.documentStart);
    const gapStart = segment.documentStart + segment.length;
    if (offset <= gapStart) return segment.partStart + offset - segment.documentStart;
    const breaks = countBreaks(text, gapStart, offset);
    return afterBreaks(text, gapStart, breaks) === offset ? segment.partStart + segment.length + breaks : undefined;
  };
}

/** The offset right after the `breaks`-th line-break character at or after `from`. */
function afterBreaks(text: string, from: number, breaks: number): number {
  let at = from;
  for (let k = 0; k < breaks; k++) {
    while (at < text.length && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at++;
    at++;
  }
  return Math.min(at, text.length);
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) n++;
  return n;
}

function moveFinding(finding: Finding, map: OffsetMap): Finding | undefined {
  let failed = false;
  const move = (range: TextRange): TextRange => {
    const start = map(range.start);
    const end = map(range.end);
    if (start === undefined || end === undefined) failed = true;
    return { start: start ?? 0, end: end ?? 0 };
  };
  const moved: Finding = {
    ...finding,
    range: move(finding.range),
    ...(finding.focus ? { focus: move(finding.focus) } : {}),
    related: finding.related.map((r) => ({ ...r, range: move(r.range) })),
    fixes: finding.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, range: move(e.range) })) })),
  };
  return failed ? undefined : moved;
}
