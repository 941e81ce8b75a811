/**
 * The extension's entry point in the browser's web worker extension host (package.json `browser`):
 * vscode.dev, github.dev, code-server's web worker host. No Node API runs here: the analyzer's
 * WebAssembly and the TypeScript parser are fetched from the extension's own URI, and pyproject.toml
 * is read through `vscode.workspace.fs`.
 */
import type * as vscode from 'vscode';
import { activateIn, type NormlintApi } from '../extension';
import { webHost } from './host';

export function activate(context: vscode.ExtensionContext): NormlintApi {
  return activateIn(context, webHost(context.extensionUri));
}

export function deactivate(): void {}
