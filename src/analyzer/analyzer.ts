/** The analyzer: source text in, findings (with fixes as plain data) out. No I/O, no `vscode`. */
import { selectRules, type NormlintConfig } from './config/config';
import type { FrontEnd, FrontEndResult } from './frontend';
import type { SourceLanguage } from './model/model';
import type { ProjectIndex } from './project/index';
import { allRules } from './rules';
import { findingFrom, type Rule } from './rules/rule';
import { buildSuppressions } from './suppressions';
import { LineIndex } from './text';
import type { Finding, InputProblem } from './types';

export interface AnalyzeOptions {
  /** Used to pick the language and to apply `per-file-ignores`. */
  readonly fileName?: string;
  /** The file's path relative to the config file's folder (forward slashes), for `per-file-ignores`. */
  readonly relativePath?: string;
  readonly config?: NormlintConfig;
  readonly language?: SourceLanguage;
  /** Defaults to every rule. */
  readonly rules?: readonly Rule[];
  /** The project the file belongs to: imports of its other files resolve to their definitions. */
  readonly project?: ProjectIndex;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Problems with the input (syntax errors, binary content): reported, never thrown. */
  readonly problems: readonly InputProblem[];
  /** A rule that failed on this file: logged by adapters while the other rules' findings stand. */
  readonly ruleErrors: readonly { readonly code: string; readonly message: string }[];
}

/** Above this size a file is reported and skipped: generated code, data dumped into a .py. */
export const MAX_FILE_CHARACTERS = 4 * 1024 * 1024;

const TYPESCRIPT_EXTENSIONS = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;

export function languageOf(fileName: string | undefined): SourceLanguage {
  return fileName && TYPESCRIPT_EXTENSIONS.test(fileName) ? 'typescript' : 'python';
}

export class Analyzer {
  constructor(private readonly frontEnds: ReadonlyMap<SourceLanguage, FrontEnd>) {}

  supports(language: SourceLanguage): boolean {
    return this.frontEnds.has(language);
  }

  /**
   * The semantic model, directive comments and syntax problems of a text, without running rules:
   * for editors that explain code (hovers) or edit suppression comments.
   */
  parse(text: string, language: SourceLanguage, fileName?: string): FrontEndResult | undefined {
    return this.frontEnds.get(language)?.parse(text, fileName);
  }

  analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
    const empty = (message: string): AnalysisResult => ({ findings: [], problems: [{ message, range: { start: 0, end: 0 } }], ruleErrors: [] });
    if (text.includes('\0')) return empty('binary file: not analyzed');
    if (text.length > MAX_FILE_CHARACTERS)
      return empty(`file too large to analyze (${(text.length / 1048576).toFixed(1)} M characters; the limit is ${MAX_FILE_CHARACTERS / 1048576} M)`);
    const language = options.language ?? languageOf(options.fileName);
    const frontEnd = this.frontEnds.get(language);
    if (!frontEnd) return empty(`no ${language} front end is loaded`);
    const parsed = frontEnd.parse(text, options.fileName, { project: options.project });
    // Directives are read only once a rule reports something: most files have no finding.
    let suppressions: ReturnType<typeof buildSuppressions> | undefined;
    const isSuppressed = (finding: Finding) => (suppressions ??= buildSuppressions(parsed.comments, new LineIndex(text))).isSuppressed(finding);
    const selection = selectRules(options.config, options.relativePath);
    const findings: Finding[] = [];
    // A helper called with several argument sets builds one layer per set at the same place: one finding there.
    const reportedAt = new Set<string>();
    const ruleErrors: { code: string; message: string }[] = [];
    for (const rule of options.rules ?? allRules) {
      if (!selection.isEnabled(rule.meta.code)) continue;
      try {
        rule.check({
          model: parsed.model,
          report: (reported) => {
            const finding = findingFrom(rule.meta, {
              ...reported,
              severity: selection.severityOf(rule.meta.code, reported.severity ?? rule.meta.defaultSeverity),
            });
            const place = `${finding.code}:${finding.range.start}:${finding.range.end}`;
            if (reportedAt.has(place) || isSuppressed(finding)) return;
            reportedAt.add(place);
            findings.push(finding);
          },
        });
      } catch (error) {
        ruleErrors.push({ code: rule.meta.code, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    findings.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
    return { findings, problems: parsed.problems, ruleErrors };
  }
}
