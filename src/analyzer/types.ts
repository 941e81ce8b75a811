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
  readonly message: string;
  readonly range: TextRange;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** A problem with the input itself (syntax error, unreadable cell), reported beside findings. */
export interface InputProblem {
  readonly message: string;
  readonly range: TextRange;
}
