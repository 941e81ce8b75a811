/** What a language front end gives the analyzer. */
import type { SemanticModel, SourceLanguage } from './model/model';
import type { ProjectIndex } from './project/index';
import type { SourceComment } from './suppressions';
import type { InputProblem } from './types';

export interface FrontEndResult {
  readonly model: SemanticModel;
  /** Comments that may carry suppression directives. */
  readonly comments: readonly SourceComment[];
  /** Syntax errors: the intact parts of the file are still analyzed. */
  readonly problems: readonly InputProblem[];
}

/**
 * The parts of the semantic model an analysis can ask for: the layer graph (layers, edges,
 * partials, attribute assignments), the train/eval mode facts, the training-setup facts. Rules
 * declare which they read (`RuleMeta.needs`); a front end may skip what is not asked for.
 */
export type AnalysisNeed = 'layers' | 'modes' | 'training';

/** What else a front end may use: `project`, the files around this one, so imports of them resolve (front ends may ignore it). */
export interface AnalysisContext {
  readonly project?: ProjectIndex;
  /** The file the text is, for a document's parts (`parse` gets it as its own argument). */
  readonly fileName?: string;
}

export interface FrontEnd {
  readonly language: SourceLanguage;
  /**
   * `fileName` lets a front end pick a dialect (JSX for .tsx/.jsx). `needs` says which analyses
   * the enabled rules read; given, the front end may skip the rest, or the whole text when its
   * prefilter finds nothing those analyses start from. Without it everything is computed.
   */
  parse(text: string, fileName?: string, needs?: ReadonlySet<AnalysisNeed>, context?: AnalysisContext): FrontEndResult;
  /** An incremental parser for one document, where the front end has one. */
  openDocument?(): DocumentParser;
  /** The front end's prefilter: false when `parse` would skip the text (no finding is possible). */
  mayHaveFindings?(text: string, needs: ReadonlySet<AnalysisNeed>): boolean;
}

/**
 * A front end's incremental view of one document (an editor's open file): each `update` re-parses
 * the new text reusing the previous parse, and says which parts of the file can be analyzed apart.
 */
export interface DocumentParser {
  update(text: string): DocumentLayout;
  /** Frees the kept parse (WebAssembly memory is not garbage-collected). */
  dispose(): void;
}

export interface DocumentLayout {
  /** Directive comments of the whole text. */
  readonly comments: readonly SourceComment[];
  /** Syntax problems of the whole text. */
  readonly problems: readonly InputProblem[];
  /**
   * Parts of the file whose findings together are the whole file's: no part names what another
   * part defines. Undefined when the file must be analyzed as a whole.
   */
  readonly parts?: readonly TextPart[];
  /** The whole file's analysis input, from the kept parse. */
  whole(needs?: ReadonlySet<AnalysisNeed>, context?: AnalysisContext): FrontEndResult;
}

/**
 * One part of a document as a text of its own: the statements every part shares (imports) and the
 * part's statements, each on its own lines, everything else reduced to its line breaks, so that
 * line numbers are the document's.
 */
export interface TextPart {
  readonly text: string;
  /** Where the copied statements are: `partStart` in `text` is `documentStart` in the document. */
  readonly segments: readonly TextSegment[];
}

export interface TextSegment {
  readonly partStart: number;
  readonly documentStart: number;
  readonly length: number;
}
