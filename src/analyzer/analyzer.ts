/** The analyzer: source text in, findings (with fixes as plain data) out. No I/O, no `vscode`. */
import { selectRules, type NormlintConfig } from './config/config';
import type { AnalysisNeed, FrontEnd, FrontEndResult } from './frontend';
import type { SemanticModel, SourceLanguage } from './model/model';
import type { ProjectIndex } from './project/index';
import { allRules } from './rules';
import { findingFrom, type Rule } from './rules/rule';
import { AnalysisSession } from './session';
import { buildSuppressions, type SourceComment } from './suppressions';
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
  /**
   * How messages name the line at an offset of the text (default "line 12"). A notebook's code
   * cells are analyzed as one text: its adapters name the cell (see `describeNotebookLine`).
   */
  readonly describeLine?: (offset: number) => string;
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
    const refused = refusal(text);
    if (refused) return refused;
    const language = options.language ?? languageOf(options.fileName);
    const frontEnd = this.frontEnds.get(language);
    if (!frontEnd) return refusedWith(`no ${language} front end is loaded`);
    const rules = enabledRules(options);
    // Disabled rules cost nothing: with none enabled the file is not even parsed.
    if (rules.length === 0) return { findings: [], problems: [], ruleErrors: [] };
    const parsed = frontEnd.parse(text, options.fileName, needsOf(rules), { project: options.project });
    const checked = runRules(parsed.model, options, rules);
    return { findings: finishFindings(checked.findings, parsed.comments, text), problems: parsed.problems, ruleErrors: checked.ruleErrors };
  }

  /**
   * A session for one document that an editor re-analyzes after each edit: it keeps the previous
   * parse and the findings of the parts of the file an edit cannot affect (see session.ts). Its
   * results are those of `analyze`; `dispose` frees the parse.
   */
  openSession(language: SourceLanguage, options: { readonly alwaysByPart?: boolean } = {}): AnalysisSession {
    return new AnalysisSession(this, this.frontEnds.get(language), language, options.alwaysByPart);
  }
}

/** The result for a text that is not analyzed at all (binary, too large), or undefined. */
export function refusal(text: string): AnalysisResult | undefined {
  if (text.includes('\0')) return refusedWith('binary file: not analyzed');
  if (text.length > MAX_FILE_CHARACTERS)
    return refusedWith(`file too large to analyze (${(text.length / 1048576).toFixed(1)} M characters; the limit is ${MAX_FILE_CHARACTERS / 1048576} M)`);
  return undefined;
}

function refusedWith(message: string): AnalysisResult {
  return { findings: [], problems: [{ message, range: { start: 0, end: 0 } }], ruleErrors: [] };
}

export interface RuleRun {
  /** Findings before suppression comments are applied, one per code and range. */
  readonly findings: readonly Finding[];
  readonly ruleErrors: readonly { readonly code: string; readonly message: string }[];
}

/** The rules the options enable, in code order. */
export function enabledRules(options: AnalyzeOptions): Rule[] {
  const selection = selectRules(options.config, options.relativePath);
  return (options.rules ?? allRules).filter((rule) => selection.isEnabled(rule.meta.code));
}

/** What the given rules read from the semantic model. */
export function needsOf(rules: readonly Rule[]): ReadonlySet<AnalysisNeed> {
  return new Set(rules.flatMap((rule) => rule.meta.needs));
}

/**
 * The model as a rule that reads only `needs` sees it: the analyses it did not declare are absent,
 * so an undeclared read shows up in its tests instead of silently depending on another rule.
 */
function modelFor(model: SemanticModel, needs: readonly AnalysisNeed[]): SemanticModel {
  const { modes, training, ...rest } = model;
  const layers: Partial<SemanticModel> = needs.includes('layers')
    ? {}
    : { layers: [], edges: [], partials: [], attributeAssignments: [], branchExits: undefined, conditionalExits: undefined, checkpointLoads: undefined };
  return { ...rest, ...layers, ...(needs.includes('modes') && modes ? { modes } : {}), ...(needs.includes('training') && training ? { training } : {}) };
}

/** Runs the enabled rules (`rules`, default: those the options enable) over a semantic model. */
export function runRules(model: SemanticModel, options: AnalyzeOptions, rules = enabledRules(options)): RuleRun {
  const selection = selectRules(options.config, options.relativePath);
  const findings: Finding[] = [];
  // A helper called with several argument sets builds one layer per set at the same place: one finding there.
  const reportedAt = new Set<string>();
  const ruleErrors: { code: string; message: string }[] = [];
  const views = new Map<string, SemanticModel>();
  let lines: LineIndex | undefined;
  const describeLine = options.describeLine ?? ((offset: number) => `line ${(lines ??= new LineIndex(model.text)).positionAt(offset).line + 1}`);
  for (const rule of rules) {
    const needs = rule.meta.needs;
    const viewKey = needs.join();
    let view = views.get(viewKey);
    if (!view) views.set(viewKey, (view = modelFor(model, needs)));
    try {
      rule.check({
        model: view,
        describeLine,
        report: (reported) => {
          const finding = findingFrom(rule.meta, {
            ...reported,
            severity: selection.severityOf(rule.meta.code, reported.severity ?? rule.meta.defaultSeverity),
          });
          const place = `${finding.code}:${finding.range.start}:${finding.range.end}`;
          if (reportedAt.has(place)) return;
          reportedAt.add(place);
          findings.push(finding);
        },
      });
    } catch (error) {
      ruleErrors.push({ code: rule.meta.code, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
  return { findings, ruleErrors };
}

/** Drops the findings a directive comment suppresses and sorts the rest by place. */
export function finishFindings(findings: readonly Finding[], comments: readonly SourceComment[], text: string): Finding[] {
  // Directives are read only once a rule reports something: most files have no finding.
  if (findings.length === 0) return [];
  const suppressions = buildSuppressions(comments, new LineIndex(text));
  const kept = findings.filter((f) => !suppressions.isSuppressed(f));
  return kept.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
}
