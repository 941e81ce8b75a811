/** What a rule is: metadata, documentation next to the code, and a check over the semantic model. */
import type { AnalysisNeed } from '../frontend';
import type { SemanticModel } from '../model/model';
import type { Finding, Fix, RelatedLocation, Severity, TextRange } from '../types';

export interface RuleMeta {
  /** Stable code, a contract other tools match on (`BN101`). */
  readonly code: string;
  /** Stable kebab-case name (`redundant-bias-before-batchnorm`). */
  readonly name: string;
  readonly defaultSeverity: Severity;
  /** One line for listings and SARIF's shortDescription. */
  readonly summary: string;
  /** Whether the rule offers fixes, and of which applicability. */
  readonly fix: 'safe' | 'unsafe' | 'none';
  /**
   * The parts of the semantic model the rule reads. Analyses that no enabled rule needs are not
   * run, and a rule sees only what it declares (the others are absent from its model).
   */
  readonly needs: readonly AnalysisNeed[];
  /** The documentation page in Markdown: what it does, why it is bad, example, fix, references. */
  readonly docs: string;
}

export interface ReportedFinding {
  /** One sentence (at most ~90 characters): what is wrong and what to do. */
  readonly message: string;
  readonly range: TextRange;
  /** The narrow range of what is wrong; must lie inside `range` (dropped otherwise). */
  readonly focus?: TextRange;
  /** The long explanation: why it is wrong, the numbers, the alternatives. */
  readonly explanation?: string;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
  readonly severity?: Severity;
}

export interface RuleContext {
  readonly model: SemanticModel;
  // A property, not a method: rules destructure it (`check({ model, report })`).
  readonly report: (finding: ReportedFinding) => void;
  /** How a message names the line at an offset: "line 12", or in a notebook "line 3 of cell 7". */
  readonly describeLine: (offset: number) => string;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

export function findingFrom(meta: Pick<RuleMeta, 'code' | 'name' | 'defaultSeverity'>, reported: ReportedFinding): Finding {
  return {
    code: meta.code,
    name: meta.name,
    severity: reported.severity ?? meta.defaultSeverity,
    message: reported.message,
    range: reported.range,
    ...(reported.focus && contains(reported.range, reported.focus) ? { focus: reported.focus } : {}),
    ...(reported.explanation ? { explanation: reported.explanation } : {}),
    related: reported.related ?? [],
    fixes: reported.fixes ?? [],
  };
}

function contains(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
