/**
 * Loads tree-sitter's Python grammar (WebAssembly) once and parses source text.
 * The analyzer never touches the file system: whoever starts it supplies the wasm bytes.
 */
import { Language, Parser, type Tree } from '@vscode/tree-sitter-wasm';
import { cursorRuntimeOf, SyntaxTree, type CursorRuntime, type SyntaxNode } from './syntaxTree';

export { SyntaxNode, SyntaxTree };

const NO_CHILDREN: readonly SyntaxNode[] = [];

/**
 * A node's named children without comments. A comment is the only node that starts with `#`, so
 * the text answers without a call into WebAssembly per child; and the node's own (cached) array
 * is returned as is when it holds no comment, which spares a copy.
 */
export function codeChildren(node: SyntaxNode | null | undefined, text: string): readonly SyntaxNode[] {
  if (!node) return NO_CHILDREN;
  const all = node.namedChildren;
  for (const child of all) {
    if (text.charCodeAt(child.startIndex) === 35) return all.filter((c) => text.charCodeAt(c.startIndex) !== 35);
  }
  return all;
}

export interface WasmFiles {
  /**
   * The tree-sitter runtime (`tree-sitter.wasm`): its bytes, its path, or a module compiled
   * elsewhere. Threads that share one compiled module (the CLI's workers) skip compiling it, and
   * share the optimized code V8 makes of its hot functions.
   */
  readonly runtime: Uint8Array | string | WebAssembly.Module;
  /** The Python grammar (`tree-sitter-python.wasm`). */
  readonly python: Uint8Array;
}

/** Emscripten's hooks for how the runtime finds or instantiates its .wasm. */
type RuntimeOptions = {
  locateFile: (file: string, directory: string) => string;
  wasmBinary?: Uint8Array;
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => unknown) => unknown;
};

function runtimeOptions(runtime: WasmFiles['runtime']): RuntimeOptions {
  // A bundler moves the runtime's JS away from its .wasm: hand it the module, the bytes or the path directly.
  if (typeof runtime === 'string') return { locateFile: () => runtime };
  if (runtime instanceof WebAssembly.Module)
    return { locateFile: (f) => f, instantiateWasm: (imports, receive) => receive(new WebAssembly.Instance(runtime, imports), runtime) };
  return { locateFile: (f) => f, wasmBinary: runtime };
}

let parserPromise: Promise<Parser> | undefined;
/** The runtime's cursor functions, for copying trees (undefined if a runtime lacks them). */
let cursorRuntime: CursorRuntime | undefined;

/** Initializes the runtime and the grammar once per process (or worker); later calls reuse them. */
export function loadPythonParser(files: () => Promise<WasmFiles>): Promise<Parser> {
  parserPromise ??= (async () => {
    const wasm = await files();
    const options = runtimeOptions(wasm.runtime);
    await Parser.init(options);
    // Emscripten adds the runtime's exports to the options object it was given.
    cursorRuntime = cursorRuntimeOf(options);
    const language = await Language.load(wasm.python);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  parserPromise.catch(() => (parserPromise = undefined));
  return parserPromise;
}

/** Python accepts classic-Mac CR-only line breaks; tree-sitter does not. Same length, same offsets. */
export function textForParser(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * Parses `text` (already through textForParser) into a SyntaxTree. tree-sitter's own tree is freed
 * at once: WebAssembly memory is never garbage-collected, while the copy is.
 */
export function parsePython(parser: Parser, text: string): SyntaxTree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return SyntaxTree.copy(tree, text, cursorRuntime);
  } finally {
    tree.delete();
  }
}

/** The runtime's cursor functions once the parser is loaded (tests compare both ways of copying). */
export function pythonCursorRuntime(): CursorRuntime | undefined {
  return cursorRuntime;
}

/** Copies a tree the caller keeps (an editor's, for incremental parsing) with the parser's runtime. */
export function copyPythonTree(tree: Tree, text: string): SyntaxTree {
  return SyntaxTree.copy(tree, text, cursorRuntime);
}
