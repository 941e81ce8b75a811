/** Shared helpers for the extension-host suite: files in the (copied) fixture workspace, waiting, settings. No Node API: the web worker suite uses them too. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NormlintApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'normlint.normlint';

export function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri;
}

export function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceUri(), ...relative.split('/'));
}

export async function api(): Promise<NormlintApi> {
  const extension = vscode.extensions.getExtension<NormlintApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.isActive ? extension.exports : await extension.activate();
}

/** Prints a measurement; test/vscode/run-all.mjs collects these lines into its summary. */
export function measure(name: string, value: number, unit: string, detail = ''): void {
  console.log(`[measure] ${name}: ${Number(value.toFixed(1))} ${unit}${detail ? ` (${detail})` : ''}`);
}

/** Polls `probe` until it returns something truthy (every 20 ms, and on every diagnostics change). */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, 20);
      const sub = vscode.languages.onDidChangeDiagnostics(done);
      function done() {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }
}

export function normlintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'normlint');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** The sorted codes of a document's NormLint diagnostics, e.g. "BN101,BN301". */
export function codesOf(uri: vscode.Uri): string {
  return normlintDiagnostics(uri).map(codeOf).sort().join(',');
}

export async function waitForCodes(uri: vscode.Uri, expected: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  await waitFor(
    () => codesOf(uri) === expected,
    `diagnostics ${expected || '(none)'} on ${vscode.workspace.asRelativePath(uri)} (have ${codesOf(uri) || 'none'})`,
    timeoutMs,
  ).catch((e) => {
    throw new Error(`${e.message}; now: ${codesOf(uri) || 'none'}`);
  });
  return normlintDiagnostics(uri);
}

export async function openEditor(relativeOrUri: string | vscode.Uri): Promise<vscode.TextEditor> {
  const uri = typeof relativeOrUri === 'string' ? fileUri(relativeOrUri) : relativeOrUri;
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Writes a file into the workspace (creating folders) and returns its URI. */
export async function writeFile(relative: string, text: string): Promise<vscode.Uri> {
  const uri = fileUri(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export async function readFile(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Replaces a document's whole text. */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit failed');
}

/** The range of the first occurrence of `needle` in a document. */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = document.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not found in ${vscode.workspace.asRelativePath(document.uri)}`);
  }
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

/** Sets a `normlint.*` (or any) workspace setting, runs `body`, and restores the previous value. */
export async function withSetting<T>(section: string, key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration(section);
  const previous = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration(section).update(key, previous, vscode.ConfigurationTarget.Workspace);
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The next lint event for a target URI (a document, or a notebook) after `trigger` runs (not a project relint). */
export async function nextLint(target: vscode.Uri, trigger: () => unknown, timeoutMs = 15000) {
  const normlint = await api();
  return new Promise<Parameters<Parameters<NormlintApi['onDidLint']>[0]>[0]>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no lint of ${target.toString(true)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = normlint.onDidLint((e) => {
      // A project file written by an earlier step can relint open files at any time: not the trigger's lint.
      if (e.key !== target.toString() || e.timing?.reason === 'project') return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
    Promise.resolve(trigger()).catch((e) => {
      clearTimeout(timer);
      sub.dispose();
      reject(e);
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
