/**
 * The documented programmatic API (see README): the analyzer, configuration and the calculator,
 * for scripts and other tools. `require('normlint')` loads this module.
 */
import { unboundInsertedReads, type UnboundRead } from '../analyzer/python/bindings';
import { loadPythonParser } from '../analyzer/python/parser';
import { compiledWasm } from './analyzer';

export { analyze, getAnalyzer } from './analyzer';
export type { AnalysisResult, AnalyzeOptions } from '../analyzer/analyzer';
export { analyzeNotebook } from '../analyzer/notebook';
export { projectIndexFor } from './project';
export { applyEdits, applyFindingFixes, checkFixRoundTrip, fixUntilStable, type RefusedFix, type RoundTripReport } from '../analyzer/fixes';
export { parsePyprojectConfig, selectRules, ConfigError, type NormlintConfig } from '../analyzer/config/config';
export { allRules, ruleByCode } from '../analyzer/rules';
export { LineIndex } from '../analyzer/text';
export type { Finding, Fix, TextEdit, TextRange, Severity } from '../analyzer/types';
export type { UnboundRead } from '../analyzer/python/bindings';
export * as calculator from '../calculator';

/**
 * The names that statements a fix inserted into Python code (`after`, fixed from `before`) read
 * where they may be unbound: each one would raise NameError where the fix put it. For tools that
 * check fixes (`npm run fix-check`).
 */
export async function unboundInsertedNames(before: string, after: string): Promise<UnboundRead[]> {
  return unboundInsertedReads(await loadPythonParser(compiledWasm), before, after);
}
