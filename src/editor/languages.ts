/** The editor languages NormLint reads, and the analyzer front end for each. */
import type { SourceLanguage } from '../analyzer/model/model';

export const PYTHON_LANGUAGES = ['python'];
export const TYPESCRIPT_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

export function sourceLanguageOf(languageId: string): SourceLanguage | undefined {
  if (PYTHON_LANGUAGES.includes(languageId)) return 'python';
  if (TYPESCRIPT_LANGUAGES.includes(languageId)) return 'typescript';
  return undefined;
}
