/** Starts the analyzer in Node: loads the WebAssembly parsers from disk, once per process or worker. */
import fs from 'node:fs';
import path from 'node:path';
import { Analyzer, type AnalysisResult, type AnalyzeOptions } from '../analyzer/analyzer';
import { checkAnalyzeArguments } from '../analyzer/config/config';
import type { FrontEnd } from '../analyzer/frontend';
import type { SourceLanguage } from '../analyzer/model/model';
import { createPythonFrontEnd } from '../analyzer/python';
import { loadPythonParser } from '../analyzer/python/parser';
import { createTypeScriptFrontEnd } from '../analyzer/typescript';
import type { EstreeParse } from '../analyzer/typescript/parser';

/** Where the grammar files are: next to the bundle (dist/), or in node_modules during development. */
function wasmDirectory(): string {
  const candidates = [__dirname, path.resolve(__dirname, '../../node_modules/@vscode/tree-sitter-wasm/wasm')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'tree-sitter-python.wasm')));
  if (!found) throw new Error(`tree-sitter-python.wasm not found (looked in ${candidates.join(', ')}); run npm run build`);
  return found;
}

/** typescript-estree's parse: from its own bundle next to ours (dist/), or the package in development. */
let estreeParse: EstreeParse | undefined;
function loadEstreeParse(): EstreeParse {
  if (estreeParse) return estreeParse;
  const bundled = path.join(__dirname, 'typescript-estree.js');
  // A runtime require, not an import: the TS compiler inside it loads only on the first TS/JS file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = (fs.existsSync(bundled) ? require(bundled) : require('@typescript-eslint/typescript-estree')) as { parse: EstreeParse };
  return (estreeParse = module.parse);
}

/** The WebAssembly the analyzer runs: compiled once, and shareable with worker threads (postMessage, workerData). */
export interface CompiledWasm {
  readonly runtime: WebAssembly.Module;
  readonly python: Uint8Array;
}

let wasmPromise: Promise<CompiledWasm> | undefined;

/** Reads and compiles the parser's WebAssembly once per process. */
export function compiledWasm(): Promise<CompiledWasm> {
  wasmPromise ??= (async () => {
    const dir = wasmDirectory();
    const [runtime, python] = await Promise.all([
      fs.promises.readFile(path.join(dir, 'tree-sitter.wasm')),
      fs.promises.readFile(path.join(dir, 'tree-sitter-python.wasm')),
    ]);
    return { runtime: await WebAssembly.compile(runtime), python: new Uint8Array(python) };
  })();
  wasmPromise.catch(() => (wasmPromise = undefined));
  return wasmPromise;
}

let analyzerPromise: Promise<Analyzer> | undefined;

/** The analyzer; `shared` is WebAssembly another thread compiled (the CLI's workers get the main thread's). */
export function getAnalyzer(shared?: CompiledWasm): Promise<Analyzer> {
  analyzerPromise ??= (async () => {
    const parser = await loadPythonParser(async () => shared ?? (await compiledWasm()));
    const frontEnds = new Map<SourceLanguage, FrontEnd>([['python', createPythonFrontEnd(parser)]]);
    const typescript = createTypeScriptFrontEnd({ parse: loadEstreeParse });
    if (typescript) frontEnds.set('typescript', typescript);
    return new Analyzer(frontEnds);
  })();
  analyzerPromise.catch(() => (analyzerPromise = undefined));
  return analyzerPromise;
}

/**
 * The programmatic API: analyze one file's text. The arguments are checked first (a TypeError
 * names the field), so a malformed config fails instead of silently selecting other rules.
 */
export async function analyze(sourceText: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  checkAnalyzeArguments(sourceText, options);
  return (await getAnalyzer()).analyze(sourceText, options);
}
