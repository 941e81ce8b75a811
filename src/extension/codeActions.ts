/**
 * Code actions: each finding's fixes (the safe one preferred), "Disable BN101 for this line",
 * "Show documentation for BN101", and `source.fixAll.normlint` for `editor.codeActionsOnSave`.
 */
import * as vscode from 'vscode';
import type { LintResult, Linter } from './diagnostics';
import { SHOW_DOCUMENTATION } from './docs';
import { sourceLanguageOf, toWorkspaceEdit, type LocatedFinding } from './documents';
import { loadedEngine } from './engine';
import { fixAllEdits } from './fixAll';
import type { Log } from './log';
import type { ConfigService } from './settings';
import { disableLineEdit } from './suppress';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('normlint');

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The finding behind a diagnostic VS Code hands back (a copy): same code and range, else overlapping. */
function findingFor(result: LintResult, document: vscode.TextDocument, diagnostic: vscode.Diagnostic): LocatedFinding | undefined {
  const code = codeOf(diagnostic);
  const list = (result.findings.get(document.uri.toString()) ?? []).filter((f) => f.finding.code === code);
  return list.find((f) => f.range.isEqual(diagnostic.range)) ?? list.find((f) => f.range.intersection(diagnostic.range) !== undefined);
}

export class NormlintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly linter: Linter,
    private readonly configs: ConfigService,
    private readonly log: Log,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    try {
      const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
      const actions: vscode.CodeAction[] = [];
      if (context.only && wants(FIX_ALL_KIND) && !vscode.CodeActionKind.QuickFix.contains(context.only)) {
        const fixAll = this.fixAllAction(document);
        if (fixAll) actions.push(fixAll);
      }
      if (wants(vscode.CodeActionKind.QuickFix)) actions.push(...this.quickFixes(document, context));
      return actions;
    } catch (e) {
      this.log.error(`code actions for ${document.uri.toString(true)} failed`, e);
      return [];
    }
  }

  private fixAllAction(document: vscode.TextDocument): vscode.CodeAction | undefined {
    const engine = loadedEngine();
    if (!engine) return undefined;
    const edits = fixAllEdits(engine, this.configs, document);
    if (edits.length === 0) return undefined;
    const action = new vscode.CodeAction('Fix all safe NormLint problems', FIX_ALL_KIND);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, edits);
    return action;
  }

  private quickFixes(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === 'normlint' && codeOf(d));
    if (ours.length === 0) return [];
    const result = this.linter.currentResult(document);
    if (!result) return [];
    const fixes: vscode.CodeAction[] = [];
    const disables: vscode.CodeAction[] = [];
    const docs = new Map<string, vscode.CodeAction>();
    const disabled = new Set<string>();
    for (const diagnostic of ours) {
      const located = findingFor(result, document, diagnostic);
      if (!located) continue;
      const { code } = located.finding;
      for (const fix of located.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.applicability === 'safe';
        fixes.push(action);
      }
      const line = `${code}:${located.range.start.line}`;
      if (!disabled.has(line)) {
        disabled.add(line);
        const disable = this.disableAction(document, located, diagnostic);
        if (disable) disables.push(disable);
      }
      if (!docs.has(code)) {
        const action = new vscode.CodeAction(`Show documentation for ${code}`, vscode.CodeActionKind.QuickFix);
        action.command = { command: SHOW_DOCUMENTATION, title: `Show documentation for ${code}`, arguments: [code] };
        action.diagnostics = [diagnostic];
        docs.set(code, action);
      }
    }
    return [...fixes, ...disables, ...docs.values()];
  }

  private disableAction(document: vscode.TextDocument, located: LocatedFinding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const { code } = located.finding;
    const language = sourceLanguageOf(document.languageId);
    // Directive comments as the front end sees them (Python), to merge into an existing `# noqa`.
    const comments = language === 'python' ? loadedEngine()?.parse(document.getText(), 'python', `${document.uri.toString()}#comments`)?.comments : undefined;
    const edit = disableLineEdit(document, located.range, code, comments);
    if (!edit) return undefined;
    const action = new vscode.CodeAction(`Disable ${code} for this line`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, edit.range, edit.newText);
    action.diagnostics = [diagnostic];
    return action;
  }
}
