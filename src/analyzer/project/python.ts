/**
 * One Python analysis with the project in view: the other project files the analysed file imports
 * are parsed and read (module level only) on first use, so an imported class, helper or constant
 * resolves to its definition. Their own findings belong to their own analysis: layers they build
 * take the range of the call in the analysed file that built them, and carry no fix.
 */
import type { Parser } from '@vscode/tree-sitter-wasm';
import { notebookProgram, parseNotebook } from '../notebook';
import { PythonFrontEnd } from '../python/frontend';
import { parsePython, textForParser, type SyntaxTree } from '../python/parser';
import type { Value } from '../python/values';
import { isProjectPath, parseProjectPath, projectPath, type ProjectIndex } from './index';
import { ProjectSession } from './session';

/**
 * Project files stay parsed across analyses (per process), the analysed ones too: most files of a
 * project import the same few, and parsing is most of the cost of reading one. Keyed by project
 * and file, kept while the text is the same, the least recently used dropped past this many
 * characters of source (about 4 bytes of arrays per character). On torch + torchvision 4 M
 * characters ran as fast as 16 M, with 35 MB less peak memory.
 */
const MAX_PARSED_CHARACTERS = 4 * 1024 * 1024;
const parsedModules = new Map<string, { readonly text: string; readonly tree: SyntaxTree }>();
let parsedCharacters = 0;

function parsedModule(parser: Parser, key: string, text: string): SyntaxTree {
  const cached = parsedModules.get(key);
  if (cached) {
    parsedModules.delete(key);
    if (cached.text === text) {
      parsedModules.set(key, cached);
      return cached.tree;
    }
    // Changed on disk or in the editor.
    parsedCharacters -= cached.text.length;
  }
  const tree = parsePython(parser, textForParser(text)).trim();
  parsedModules.set(key, { text, tree });
  parsedCharacters += text.length;
  // The least recently used first; a tree a running analysis holds lives on until it is done.
  for (const [oldest, entry] of parsedModules) {
    if (parsedCharacters <= MAX_PARSED_CHARACTERS) break;
    parsedModules.delete(oldest);
    parsedCharacters -= entry.text.length;
  }
  return tree;
}

/** Re-exports followed (`from .vgg import vgg19` in a package's `__init__.py`), against cycles. */
const MAX_REEXPORTS = 8;

export class PythonProjectSession extends ProjectSession<PythonFrontEnd> {
  private readonly trees = new Set<SyntaxTree>();

  constructor(
    index: ProjectIndex,
    private readonly parser: Parser,
    /** The analysed file, relative to the project root. */
    file: string,
  ) {
    super(index, file);
  }

  /**
   * The tree of the analysed file's text: the one read before for an importer when the text is the
   * same, else parsed and kept for the files that import it later. Each file is then parsed once
   * per process (within the cache's budget), whichever comes first.
   */
  analysedTree(text: string): SyntaxTree {
    const tree = parsedModule(this.parser, `${this.index.root}\0${this.file}`, text);
    this.trees.add(tree);
    return tree;
  }

  protected load(file: string, text: string): PythonFrontEnd | undefined {
    // A notebook (read only for the callers of a function) is the program its code cells make.
    if (file.endsWith('.ipynb')) text = notebookProgram(parseNotebook(text)).text;
    const tree = parsedModule(this.parser, `${this.index.root}\0${file}`, text);
    this.trees.add(tree);
    const front = new PythonFrontEnd(text, tree.rootNode, { session: this, file });
    front.readModuleLevel();
    return front;
  }

  /**
   * What a project path means (`@project[models/blocks.py].ConvBN`): the definition, a constant,
   * a framework path it re-exports, a submodule; undefined when it does not resolve.
   */
  resolve(path: string, reexports = 0): Value | undefined {
    const parsed = parseProjectPath(path);
    if (!parsed || reexports > MAX_REEXPORTS) return undefined;
    let module = parsed.module;
    const names = parsed.names;
    for (let i = 0; i < names.length; i++) {
      const value = this.module(module)?.moduleValue(names[i]);
      if (value === undefined) {
        // `pkg.sub` where `pkg/__init__.py` does not bind `sub`: the submodule.
        const sub = this.index.submodule(module, names[i]);
        if (!sub) return undefined;
        module = sub;
        continue;
      }
      const rest = names.slice(i + 1);
      if (value.kind === 'path') {
        const joined = [value.path, ...rest].join('.');
        return isProjectPath(value.path) ? this.resolve(joined, reexports + 1) : { kind: 'path', path: joined };
      }
      return rest.length === 0 ? value : undefined;
    }
    return { kind: 'path', path: projectPath(module) };
  }

  /** The node objects of the cached trees go once the analysis is built: only their arrays stay cached. */
  protected override release(): void {
    for (const tree of this.trees) tree.forgetNodes();
    this.trees.clear();
  }

  /** The module-level names of a project module (`from module import *`). */
  moduleNames(path: string): string[] {
    const parsed = parseProjectPath(path);
    return parsed && parsed.names.length === 0 ? (this.module(parsed.module)?.moduleNames() ?? []) : [];
  }
}

/** A session for a file of the project; undefined without a project or for a file outside it. */
export function projectSession(parser: Parser, project: ProjectIndex | undefined, fileName: string | undefined): PythonProjectSession | undefined {
  const file = project?.relativePath(fileName);
  return project && file !== undefined ? new PythonProjectSession(project, parser, file) : undefined;
}
