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

export interface FrontEnd {
  readonly language: SourceLanguage;
  /** `fileName` lets a front end pick a dialect (JSX for .tsx/.jsx). */
  /** `project`: the files around this one, so imports of them resolve (front ends may ignore it). */
  parse(text: string, fileName?: string, context?: { readonly project?: ProjectIndex }): FrontEndResult;
}
