/**
 * One Python analysis with the project in view: the other project files the analysed file imports
 * are parsed and read (module level only) on first use, so an imported class, helper or constant
 * resolves to its definition. Their own findings belong to their own analysis: layers they build
 * take the range of the call in the analysed file that built them, and carry no fix.
 */
import type { Parser, Tree } from '@vscode/tree-sitter-wasm';
import type { LayerConstruction, LayerEdge } from '../model/model';
import { PythonFrontEnd } from '../python/frontend';
import type { Value } from '../python/values';
import type { TextRange } from '../types';
import { isProjectPath, parseProjectPath, projectPath, type ProjectIndex } from './index';

/** Imported modules read per analysis: a file that pulls in half a framework stays cheap. */
const MAX_MODULES = 48;
/**
 * Imported files stay parsed across analyses (per process): most files of a project import the
 * same few, and parsing is most of the cost of reading one. Keyed by project and file, kept while
 * the text is the same, the least recently used freed past this many characters of source.
 */
const MAX_PARSED_CHARACTERS = 16 * 1024 * 1024;
const parsedModules = new Map<string, { readonly text: string; readonly tree: Tree }>();
let parsedCharacters = 0;

function parsedModule(parser: Parser, key: string, text: string): Tree | undefined {
  const cached = parsedModules.get(key);
  if (cached) {
    parsedModules.delete(key);
    if (cached.text === text) {
      parsedModules.set(key, cached);
      return cached.tree;
    }
    // Changed on disk or in the editor: only this session can use the file now, and it has not yet.
    cached.tree.delete();
    parsedCharacters -= cached.text.length;
  }
  const tree = parser.parse(text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);
  if (!tree) return undefined;
  parsedModules.set(key, { text, tree });
  parsedCharacters += text.length;
  return tree;
}

/** Frees the least recently used trees past the budget, except those a running analysis holds. */
function evictParsed(inUse: ReadonlySet<Tree>): void {
  for (const [key, entry] of parsedModules) {
    if (parsedCharacters <= MAX_PARSED_CHARACTERS) return;
    if (inUse.has(entry.tree)) continue;
    entry.tree.delete();
    parsedModules.delete(key);
    parsedCharacters -= entry.text.length;
  }
}

/** Re-exports followed (`from .vgg import vgg19` in a package's `__init__.py`), against cycles. */
const MAX_REEXPORTS = 8;

export class PythonProjectSession {
  /** The call in the analysed file that is running imported code right now: where its layers show. */
  callSite: TextRange | undefined;
  /** Shared by every front end of the session, so wiring across files is one graph. */
  readonly edges = new Map<string, LayerEdge>();
  /** Imported layers built under a call of the analysed file (their range is that call). */
  readonly placed = new Set<LayerConstruction>();
  private nextLayerId = 1 << 30;
  /** By file; null while a module loads (an import cycle sees it as unknown) or when it failed. */
  private readonly modules = new Map<string, PythonFrontEnd | null>();
  private readonly trees = new Set<Tree>();

  constructor(
    readonly index: ProjectIndex,
    private readonly parser: Parser,
    /** The analysed file, relative to the project root. */
    readonly file: string,
  ) {}

  /** Layer ids of imported code, distinct from the analysed file's own (which count from 0). */
  foreignLayerId(): number {
    return this.nextLayerId++;
  }

  /** The front end of a project module, its module level read; undefined if it cannot be read. */
  module(file: string): PythonFrontEnd | undefined {
    if (this.closed) return undefined;
    const known = this.modules.get(file);
    if (known !== undefined) return known ?? undefined;
    this.modules.set(file, null);
    // A namespace package (a folder without `__init__.py`) has submodules but no names of its own.
    if (file.endsWith('/') || file === this.file || this.modules.size > MAX_MODULES) return undefined;
    const text = this.index.text(file);
    if (text === undefined || text.includes('\0')) return undefined;
    try {
      const tree = parsedModule(this.parser, `${this.index.root}\0${file}`, text);
      if (!tree) return undefined;
      this.trees.add(tree);
      const front = new PythonFrontEnd(text, tree.rootNode, { session: this, file });
      front.readModuleLevel();
      this.modules.set(file, front);
      return front;
    } catch {
      // A file the front end cannot read stays unknown, like a file outside the project.
      return undefined;
    }
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

  /** The module-level names of a project module (`from module import *`). */
  moduleNames(path: string): string[] {
    const parsed = parseProjectPath(path);
    return parsed && parsed.names.length === 0 ? (this.module(parsed.module)?.moduleNames() ?? []) : [];
  }

  /**
   * Runs the analysed file's model building; afterwards imported code is not run any more and the
   * parsed files over budget are freed (WebAssembly memory is never garbage-collected).
   */
  run<T>(build: () => T): T {
    try {
      return build();
    } finally {
      this.closed = true;
      this.trees.clear();
      evictParsed(this.trees);
    }
  }

  /** Set once the imported trees are freed: imported code is not run any more. */
  closed = false;
}

/** A session for a file of the project; undefined without a project or for a file outside it. */
export function projectSession(parser: Parser, project: ProjectIndex | undefined, fileName: string | undefined): PythonProjectSession | undefined {
  const file = project?.relativePath(fileName);
  return project && file !== undefined ? new PythonProjectSession(project, parser, file) : undefined;
}
