/**
 * Code actions: each finding's fixes (the safe one preferred, the others marked "(unsafe)"), "Fix all
 * NormLint problems in file", "Disable BN101 for this line" / "for this file", "Show documentation
 * for BN101", and `source.fixAll.normlint` for `editor.codeActionsOnSave`.
 */
import * as vscode from 'vscode';
import type { LintResult, Linter } from './diagnostics';
import { SHOW_DOCUMENTATION } from './docs';
import { NOTEBOOK_CELL_SCHEME, sourceLanguageOf, toWorkspaceEdit, type LocatedFinding } from './documents';
import { loadedEngine } from './engine';
import { FIX_ALL, fixAllEdits } from './fixAll';
import type { Log } from './log';
import type { ConfigService } from './settings';
import { disableFileEdit, disableLineEdit } from './suppress';

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
  return list.find((f) => f.diagnostic.range.isEqual(diagnostic.range)) ?? list.find((f) => f.range.intersection(diagnostic.range) !== undefined);
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
    const disabledInFile = new Map<string, vscode.CodeAction>();
    for (const diagnostic of ours) {
      const located = findingFor(result, document, diagnostic);
      if (!located) continue;
      const { code } = located.finding;
      for (const fix of located.fixes) {
        // Ruff's wording: a fix that may change what the program computes says so in the menu.
        const action = new vscode.CodeAction(fix.applicability === 'safe' ? fix.title : `${fix.title} (unsafe)`, vscode.CodeActionKind.QuickFix);
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
      if (!disabledInFile.has(code)) disabledInFile.set(code, this.disableFileAction(document, code, diagnostic));
      if (!docs.has(code)) {
        const action = new vscode.CodeAction(`Show documentation for ${code}`, vscode.CodeActionKind.QuickFix);
        action.command = { command: SHOW_DOCUMENTATION, title: `Show documentation for ${code}`, arguments: [code] };
        action.diagnostics = [diagnostic];
        docs.set(code, action);
      }
    }
    const fixAll = this.fixAllQuickFix(document, result);
    return [...fixes, ...(fixAll ? [fixAll] : []), ...disables, ...disabledInFile.values(), ...docs.values()];
  }

  /** "Fix all NormLint problems in file" when some finding of the file (or notebook) has a safe fix. */
  private fixAllQuickFix(document: vscode.TextDocument, result: LintResult): vscode.CodeAction | undefined {
    const hasSafeFix = [...result.findings.values()].some((list) => list.some((f) => f.fixes.some((fix) => fix.applicability === 'safe')));
    if (!hasSafeFix) return undefined;
    const title = `Fix all NormLint problems in ${result.target.kind === 'notebook' ? 'notebook' : 'file'} (safe fixes)`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    // A command, not an edit: the fix passes run only when chosen, not each time the menu opens.
    action.command = { command: FIX_ALL, title, arguments: [result.target.kind === 'notebook' ? result.target.notebook.uri : document.uri] };
    return action;
  }

  private disableFileAction(document: vscode.TextDocument, code: string, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const inNotebook = document.uri.scheme === NOTEBOOK_CELL_SCHEME;
    const edit = disableFileEdit(document, code, this.directiveComments(document));
    const action = new vscode.CodeAction(`Disable ${code} for this ${inNotebook ? 'notebook' : 'file'}`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, [edit]);
    action.diagnostics = [diagnostic];
    return action;
  }

  /** Directive comments as the front end sees them (Python), to merge into an existing one. */
  private directiveComments(document: vscode.TextDocument) {
    return sourceLanguageOf(document.languageId) === 'python'
      ? loadedEngine()?.parse(document.getText(), 'python', `${document.uri.toString()}#comments`)?.comments
      : undefined;
  }

  private disableAction(document: vscode.TextDocument, located: LocatedFinding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const { code } = located.finding;
    const edit = disableLineEdit(document, located.range, code, this.directiveComments(document));
    if (!edit) return undefined;
    const action = new vscode.CodeAction(`Disable ${code} for this line`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, edit.range, edit.newText);
    action.diagnostics = [diagnostic];
    return action;
  }
}
