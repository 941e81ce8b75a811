/**
 * Rule documentation: the Markdown pages shipped in the extension (`docs/rules/<CODE>.md`, generated
 * from each rule's `meta.docs` by scripts/generate-docs.mjs), opened in the Markdown preview.
 */
import * as vscode from 'vscode';
import { allRules, ruleByCode } from '../analyzer/rules';
import type { Log } from './log';

export const SHOW_DOCUMENTATION = 'normlint.showDocumentation';

let extensionUri: vscode.Uri | undefined;

export function initDocs(uri: vscode.Uri): void {
  extensionUri = uri;
}

/** The page's file inside the installed extension. */
export function docsFile(code: string): vscode.Uri {
  if (!extensionUri) throw new Error('docs not initialized');
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${code.toUpperCase()}.md`);
}

/**
 * What a rule code links to (Problems panel, hovers): a command URI that opens the page in the
 * Markdown preview. VS Code opens diagnostic code targets with commands allowed.
 */
export function docsTarget(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 'command', path: SHOW_DOCUMENTATION, query: JSON.stringify([code]) });
}

/** A Markdown link to the page, for trusted hovers. */
export function docsLink(code: string, label = code): string {
  return `[${label}](command:${SHOW_DOCUMENTATION}?${encodeURIComponent(JSON.stringify([code]))} "Show documentation for ${code}")`;
}

export async function showDocumentation(log: Log, code?: unknown): Promise<vscode.Uri | undefined> {
  let picked = typeof code === 'string' ? code : undefined;
  if (!picked) {
    const item = await vscode.window.showQuickPick(
      allRules.map((r) => ({ label: r.meta.code, description: r.meta.name, detail: r.meta.summary })),
      { placeHolder: 'Rule to show the documentation of' },
    );
    picked = item?.label;
  }
  if (!picked) return undefined;
  const rule = ruleByCode(picked);
  if (!rule) {
    void vscode.window.showWarningMessage(`NormLint: no rule ${picked}`);
    return undefined;
  }
  let uri = docsFile(rule.meta.code);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    // A development build without generated pages: show the same text, from the rule itself.
    log.warn(`${uri.toString()} is missing; showing the rule's own text`);
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: rule.meta.docs });
    uri = document.uri;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch (e) {
    log.warn(`markdown preview unavailable (${String(e)}); opening the page as text`);
    await vscode.window.showTextDocument(uri, { preview: true });
  }
  return uri;
}
