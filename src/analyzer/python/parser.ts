/**
 * Loads tree-sitter's Python grammar (WebAssembly) once and parses source text.
 * The analyzer never touches the file system: whoever starts it supplies the wasm bytes.
 */
import { Language, Parser, type Node, type Tree } from '@vscode/tree-sitter-wasm';

export type { Node as SyntaxNode, Tree as SyntaxTree };

const NO_CHILDREN: readonly Node[] = [];

/**
 * A node's named children without comments. A comment is the only node that starts with `#`, so
 * the text answers without a call into WebAssembly per child; and the node's own (cached) array
 * is returned as is when it holds no comment, which spares a copy.
 */
export function codeChildren(node: Node | null | undefined, text: string): readonly Node[] {
  if (!node) return NO_CHILDREN;
  const all = node.namedChildren;
  for (const child of all) {
    if (child === null || text.charCodeAt(child.startIndex) === 35) return all.filter((c): c is Node => c !== null && text.charCodeAt(c.startIndex) !== 35);
  }
  return all as readonly Node[];
}

export interface WasmFiles {
  /** The tree-sitter runtime (`tree-sitter.wasm`). */
  readonly runtime: Uint8Array | string;
  /** The Python grammar (`tree-sitter-python.wasm`). */
  readonly python: Uint8Array;
}

let parserPromise: Promise<Parser> | undefined;

/** Initializes the runtime and the grammar once per process (or worker); later calls reuse them. */
export function loadPythonParser(files: () => Promise<WasmFiles>): Promise<Parser> {
  parserPromise ??= (async () => {
    const wasm = await files();
    // A bundler moves the runtime's JS away from its .wasm: hand it the bytes or the path directly.
    const runtime = wasm.runtime;
    await Parser.init(
      typeof runtime === 'string'
        ? { locateFile: () => runtime }
        : ({ wasmBinary: runtime, locateFile: (f: string) => f } as unknown as { locateFile: (f: string, d: string) => string }),
    );
    const language = await Language.load(wasm.python);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  parserPromise.catch(() => (parserPromise = undefined));
  return parserPromise;
}

/**
 * Parses, hands the tree to `use`, and frees the tree afterwards: WebAssembly memory is never
 * garbage-collected, so a leaked tree is a leak for the life of the process.
 */
export function withPythonTree<T>(parser: Parser, text: string, use: (tree: Tree) => T): T {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
