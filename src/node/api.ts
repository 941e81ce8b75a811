/**
 * The documented programmatic API (see README): the analyzer, configuration and the calculator,
 * for scripts and other tools. `require('normlint')` loads this module.
 */
export { analyze, getAnalyzer } from './analyzer';
export type { AnalysisResult, AnalyzeOptions } from '../analyzer/analyzer';
export { analyzeNotebook } from '../analyzer/notebook';
export { projectIndexFor } from './project';
export { applyEdits, applyFindingFixes, checkFixRoundTrip, fixUntilStable, type RefusedFix, type RoundTripReport } from '../analyzer/fixes';
export { parsePyprojectConfig, selectRules, ConfigError, type NormlintConfig } from '../analyzer/config/config';
export { allRules, ruleByCode } from '../analyzer/rules';
export { LineIndex } from '../analyzer/text';
export type { Finding, Fix, TextEdit, TextRange, Severity } from '../analyzer/types';
export * as calculator from '../calculator';
