/**
 * Code actions and hovers over one lint result: each finding's fixes (safe or unsafe, said in the
 * title), "Disable BN101 for this line", and `source.fixAll.normlint` (every safe fix, repeated
 * until stable, as the CLI's `--fix`).
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../analyzer/analyzer';
import { applyFindingFixes, fixUntilStable } from '../analyzer/fixes';
import { ruleByCode } from '../analyzer/rules';
import { disableLineEdit } from '../editor/suppress-edit';
import { sourceLanguageOf } from '../editor/languages';
import { textDiff } from '../editor/text-diff';
import {
  analyzeOptions,
  cellRange,
  docsUrl,
  fileNameOf,
  notebookLanguage,
  programOf,
  type LintResult,
  type LocatedEdit,
  type LocatedFinding,
  type Target,
} from './lint';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.normlint`;

/** Whether a request for `only` kinds asks for `kind` (kinds are hierarchical: `source` covers `source.fixAll.normlint`). */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
const intersects = (a: Range, b: Range) => !before(a.end, b.start) && !before(b.end, a.start);
const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The findings a code action request is about: the client's diagnostics matched by code and range, else those touching the range. */
export function findingsFor(
  result: LintResult,
  uri: string,
  range: Range,
  diagnostics: readonly Diagnostic[],
): { located: LocatedFinding; diagnostic: Diagnostic }[] {
  const list = result.findings.get(uri) ?? [];
  const ours = diagnostics.filter((d) => d.source === 'normlint' && d.code !== undefined);
  if (ours.length > 0) {
    return ours.flatMap((diagnostic) => {
      const same = list.filter((f) => f.finding.code === String(diagnostic.code));
      const located = same.find((f) => sameRange(f.diagnostic.range, diagnostic.range)) ?? same.find((f) => intersects(f.range, diagnostic.range));
      return located ? [{ located, diagnostic }] : [];
    });
  }
  return list.filter((f) => intersects(f.range, range)).map((located) => ({ located, diagnostic: located.diagnostic }));
}

/** Builds workspace edits: versioned document changes when the client takes them. */
export type EditBuilder = (edits: readonly LocatedEdit[]) => WorkspaceEdit;

export function quickFixes(analyzer: Analyzer, document: TextDocument, matched: ReturnType<typeof findingsFor>, toEdit: EditBuilder): CodeAction[] {
  const language = sourceLanguageOf(document.languageId) ?? 'python';
  const text = document.getText();
  // Directive comments as the front end sees them (Python), to merge into an existing `# noqa`.
  let comments: ReturnType<Analyzer['parse']> | undefined;
  const commentsOf = () => (language === 'python' && analyzer.supports('python') ? (comments ??= analyzer.parse(text, 'python'))?.comments : undefined);
  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const { located, diagnostic } of matched) {
    const { code } = located.finding;
    for (const fix of located.fixes) {
      fixes.push({
        // The applicability is visible where the choice is made, as in Ruff's "(unsafe)".
        title: fix.applicability === 'safe' ? fix.title : `${fix.title} (unsafe)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.applicability === 'safe',
        edit: toEdit(fix.edits),
      });
    }
    const line = `${code}:${located.range.start.line}`;
    if (disabled.has(line)) continue;
    disabled.add(line);
    const edit = disableLineEdit(
      text,
      language,
      { start: document.offsetAt(located.range.start), end: document.offsetAt(located.range.end) },
      code,
      commentsOf(),
    );
    if (!edit) continue;
    disables.push({
      title: `Disable ${code} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: toEdit([
        { uri: document.uri, range: { start: document.positionAt(edit.range.start), end: document.positionAt(edit.range.end) }, newText: edit.newText },
      ]),
    });
  }
  return [...fixes, ...disables];
}

/**
 * Every safe fix of a document, as small line-level edits; for a notebook cell, the fixes that lie
 * in that cell (other cells stay as they are), re-analyzed with the whole notebook between passes.
 */
export function fixAllEdits(analyzer: Analyzer, target: Target, result: LintResult, document: TextDocument): LspTextEdit[] {
  if (result.skipped) return [];
  const text = document.getText();
  let fixed: string;
  if (target.kind === 'document') {
    const language = sourceLanguageOf(document.languageId);
    if (!language) return [];
    const options = analyzeOptions(result.config, fileNameOf(document.uri), language);
    fixed = fixUntilStable(text, (t) => analyzer.analyze(t, options).findings, false).text;
  } else {
    const language = notebookLanguage(target.cells);
    const cell = target.cells.find((c) => c.document.uri === document.uri);
    if (!language || !cell) return [];
    const options = analyzeOptions(result.config, fileNameOf(target.uri), language);
    fixed = text;
    for (let pass = 0; pass < 10; pass++) {
      const program = programOf(target.cells, language, new Map([[cell.index, fixed]]));
      const inCell = analyzer.analyze(program.text, options).findings.flatMap((finding) => {
        const primary = cellRange(program, finding.range);
        if (primary?.index !== cell.index) return [];
        const fixes = finding.fixes.flatMap((fix) => {
          const edits = fix.edits.map((e) => ({ ...e, range: cellRange(program, e.range) }));
          return edits.every((e) => e.range?.index === cell.index)
            ? [{ ...fix, edits: edits.map((e) => ({ newText: e.newText, range: e.range!.range })) }]
            : [];
        });
        return [{ ...finding, fixes }];
      });
      const next = applyFindingFixes(fixed, inCell, false);
      if (next.applied === 0 || next.text === fixed) break;
      fixed = next.text;
    }
  }
  return textDiff(text, fixed).map((e) => ({
    range: { start: document.positionAt(e.range.start), end: document.positionAt(e.range.end) },
    newText: e.newText,
  }));
}

export function fixAllAction(uri: string, edits: readonly LspTextEdit[], toEdit: EditBuilder): CodeAction | undefined {
  if (edits.length === 0) return undefined;
  return { title: 'Fix all safe NormLint problems', kind: FIX_ALL_KIND, edit: toEdit(edits.map((e) => ({ uri, ...e }))) };
}

/**
 * The hover over a finding: what is wrong, why (the explanation), the rule, its fixes and a link to
 * its page; anywhere in the primary range, which contains the diagnostic's narrower range.
 */
export function hoverFor(result: LintResult, uri: string, position: Range['start']): Hover | undefined {
  const here = (result.findings.get(uri) ?? []).filter((f) => intersects(f.range, { start: position, end: position }));
  if (here.length === 0) return undefined;
  const sections = here.map(({ finding, fixes }) => {
    const rule = ruleByCode(finding.code);
    const lines = [`**NormLint [${finding.code}](${docsUrl(finding.code)})** \`${finding.name}\``, '', finding.message];
    if (finding.explanation) lines.push('', finding.explanation);
    if (rule) lines.push('', `*${rule.meta.summary}*`);
    for (const fix of fixes) lines.push('', `Fix (${fix.applicability}): ${fix.title}`);
    return lines.join('\n');
  });
  const first = here[0].range;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: first };
}
