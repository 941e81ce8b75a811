/**
 * The web worker extension host: the analyzer's files are fetched from the extension's URI (VS Code's
 * worker maps `vscode-remote:` and `file:` URIs to browser URLs for `fetch`; on vscode.dev they are
 * https URLs already). Configuration discovery goes through `vscode.workspace.fs` (no `localConfigs`).
 */
import * as vscode from 'vscode';
import { Analyzer } from '../../analyzer/analyzer';
import type { FrontEnd } from '../../analyzer/frontend';
import type { SourceLanguage } from '../../analyzer/model/model';
import { createPythonFrontEnd } from '../../analyzer/python';
import { loadPythonParser } from '../../analyzer/python/parser';
import { createTypeScriptFrontEnd } from '../../analyzer/typescript';
import type { EstreeParse } from '../../analyzer/typescript/parser';
import type { ExtensionHost } from '../host';

async function fetchFile(uri: vscode.Uri): Promise<Response> {
  const response = await fetch(uri.toString());
  if (!response.ok) throw new Error(`cannot load ${uri.toString(true)}: HTTP ${response.status}`);
  return response;
}

/**
 * typescript-estree's browser bundle (dist/web/typescript-estree.js, CommonJS like every web
 * extension module). Its text is fetched with the analyzer (the front end's `parse` is synchronous);
 * it is compiled and run as VS Code's worker runs the extension itself (a worker extension cannot
 * `importScripts` or `require` a second file) on the first TS/JS file that needs it: the TypeScript
 * compiler's start-up takes seconds in a worker, which Python-only workspaces never pay.
 */
async function fetchEstree(uri: vscode.Uri): Promise<() => EstreeParse> {
  const source = await (await fetchFile(uri)).text();
  let parse: EstreeParse | undefined;
  return () => {
    if (!parse) {
      type Module = { exports: { parse?: EstreeParse } };
      const module: Module = { exports: {} };
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- our own bundle, shipped in the extension
      const evaluate = new Function('module', 'exports', `${source}\n//# sourceURL=${uri.toString(true)}`) as (m: Module, e: object) => void;
      evaluate(module, module.exports);
      if (typeof module.exports.parse !== 'function') throw new Error(`${uri.toString(true)} does not export parse`);
      parse = module.exports.parse;
    }
    return parse;
  };
}

export function webHost(extensionUri: vscode.Uri): ExtensionHost {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  return {
    name: 'web worker',
    async loadAnalyzer() {
      const [runtime, python, estreeParse] = await Promise.all([
        fetchFile(vscode.Uri.joinPath(dist, 'tree-sitter.wasm')).then((r) => r.arrayBuffer()),
        fetchFile(vscode.Uri.joinPath(dist, 'tree-sitter-python.wasm')).then((r) => r.arrayBuffer()),
        fetchEstree(vscode.Uri.joinPath(dist, 'web', 'typescript-estree.js')),
      ]);
      const parser = await loadPythonParser(async () => ({ runtime: await WebAssembly.compile(runtime), python: new Uint8Array(python) }));
      const frontEnds = new Map<SourceLanguage, FrontEnd>([['python', createPythonFrontEnd(parser)]]);
      const typescript = createTypeScriptFrontEnd({ parse: estreeParse });
      if (typescript) frontEnds.set('typescript', typescript);
      return new Analyzer(frontEnds);
    },
  };
}
