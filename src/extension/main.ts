/** The extension's entry point in VS Code's Node extension host (package.json `main`). */
import type * as vscode from 'vscode';
import { activateIn, type NormlintApi } from './extension';
import { nodeHost } from './nodeHost';

export function activate(context: vscode.ExtensionContext): NormlintApi {
  return activateIn(context, nodeHost);
}

export function deactivate(): void {}
