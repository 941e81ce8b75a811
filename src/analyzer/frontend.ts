/** What a language front end gives the analyzer. */
import type { SemanticModel, SourceLanguage } from './model/model';
import type { SourceComment } from './suppressions';
import type { InputProblem } from './types';

export interface FrontEndResult {
  readonly model: SemanticModel;
  /** Comments that may carry suppression directives. */
  readonly comments: readonly SourceComment[];
  /** Syntax errors: the intact parts of the file are still analyzed. */
  readonly problems: readonly InputProblem[];
}

export interface FrontEnd {
  readonly language: SourceLanguage;
  /** `fileName` lets a front end pick a dialect (JSX for .tsx/.jsx). */
  parse(text: string, fileName?: string): FrontEndResult;
  /** An incremental parser for one document, where the front end has one. */
  openDocument?(): DocumentParser;
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
  whole(): FrontEndResult;
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
