/**
 * Plain-data types shared by every part of the analyzer and its adapters (CLI, extension).
 * Offsets are UTF-16 code-unit offsets into the analyzed text, the unit JavaScript strings use.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/** `safe` fixes are applied by `--fix`; `unsafe` ones are offered, never applied automatically. */
export type Applicability = 'safe' | 'unsafe';

export interface Fix {
  readonly title: string;
  readonly applicability: Applicability;
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  readonly range: TextRange;
  readonly message: string;
}

export interface Finding {
  readonly code: string;
  readonly name: string;
  readonly severity: Severity;
  /** One sentence (at most ~90 characters): what is wrong and what to do. */
  readonly message: string;
  /** The primary range, a contract other tools match on (usually the whole call). */
  readonly range: TextRange;
  /** The narrow range of what is wrong (the `momentum=0.99` argument), inside `range`; editors squiggle it. */
  readonly focus?: TextRange;
  /** The long form of the message: why it is wrong, with the numbers; shown in hovers and `--format json`. */
  readonly explanation?: string;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** A problem with the input itself (syntax error, unreadable cell), reported beside findings. */
export interface InputProblem {
  readonly message: string;
  readonly range: TextRange;
}
