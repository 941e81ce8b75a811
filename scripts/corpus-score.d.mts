// Types of scripts/corpus-score.mjs for the TypeScript unit test (test/unit/corpus-score.test.ts).
export interface Label {
  repo: string;
  commit: string;
  path: string;
  line: string;
  rule: string;
  verdict: 'tp' | 'fp' | 'fn';
  reason: string;
  row: number;
}
export interface CorpusFinding {
  file: string;
  line: number;
  cell?: number;
  code: string;
  message: string;
}
export interface RuleScore {
  rule: string;
  findings: number;
  tp: number;
  fp: number;
  unjudged: number;
  realBugs: number;
  found: number;
  precision: number | null;
  recall: number | null;
}
export interface Unjudged {
  repo: string;
  commit: string;
  path: string;
  line: string;
  rule: string;
  message: string;
}
export interface CorpusScore {
  rules: RuleScore[];
  total: Omit<RuleScore, 'rule'>;
  unjudged: Unjudged[];
  missed: Label[];
  gone: Label[];
  falsePositives: Label[];
}
export const LABEL_COLUMNS: string[];
export const VERDICTS: string[];
export function checkoutDirName(entry: { repo: string; dir?: string }): string;
export function locationOf(finding: { line: number; cell?: number }): string;
export function parseLabels(text: string, fileName?: string): Label[];
export function formatLabelRow(label: Partial<Record<string, string | number>>): string;
export function scoreCorpus(runs: { repo: string; commit: string; findings: CorpusFinding[] }[], labels: Label[]): CorpusScore;
export function formatReport(score: CorpusScore, options?: { showFalsePositives?: boolean }): string;
