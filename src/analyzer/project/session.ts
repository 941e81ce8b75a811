/**
 * What an analysis with the project in view keeps, whatever the language: the other project files
 * read so far (on first use, module level only), the call of the analysed file that runs imported
 * code right now, and the layer graph the files share. Layers imported code builds under such a
 * call take that call's range: the analysed file's findings may rest on them, never fix them.
 */
import type { LayerConstruction, LayerEdge } from '../model/model';
import type { TextRange } from '../types';
import type { ProjectIndex } from './index';

/** Imported modules read per analysis: a file that pulls in half a framework stays cheap. */
const MAX_MODULES = 48;

export abstract class ProjectSession<Module> {
  /** The call in the analysed file that is running imported code right now: where its layers show. */
  callSite: TextRange | undefined;
  /** Shared by every front end of the session, so wiring across files is one graph. */
  readonly edges = new Map<string, LayerEdge>();
  /** Imported layers built under a call of the analysed file (their range is that call). */
  readonly placed = new Set<LayerConstruction>();
  private nextLayerId = 1 << 30;
  /** By file; null while a module loads (an import cycle sees it as unknown) or when it failed. */
  private readonly modules = new Map<string, Module | null>();

  constructor(
    readonly index: ProjectIndex,
    /** The analysed file, relative to the project root. */
    readonly file: string,
  ) {}

  /** Layer ids of imported code, distinct from the analysed file's own (which count from 0). */
  foreignLayerId(): number {
    return this.nextLayerId++;
  }

  /** A project module, its module level read; undefined if it cannot be read. */
  module(file: string): Module | undefined {
    if (this.closed) return undefined;
    const known = this.modules.get(file);
    if (known !== undefined) return known ?? undefined;
    this.modules.set(file, null);
    // A namespace package (a folder without `__init__.py`) has submodules but no names of its own.
    if (file.endsWith('/') || file === this.file || this.modules.size > MAX_MODULES) return undefined;
    const text = this.index.text(file);
    if (text === undefined || text.includes('\0')) return undefined;
    try {
      const module = this.load(file, text);
      if (module) this.modules.set(file, module);
      return module;
    } catch {
      // A file the front end cannot read stays unknown, like a file outside the project.
      return undefined;
    }
  }

  /**
   * The analysed file's own module, once its module level is read: other project files that
   * re-export its names (`from .utils import *` in a package's `__init__.py`) then resolve them to
   * its definitions, as Python would.
   */
  registerAnalysed(module: Module): void {
    this.modules.set(this.file, module);
  }

  /** Parses a project file and reads its module level; undefined (or a throw) when it cannot. */
  protected abstract load(file: string, text: string): Module | undefined;

  /** Runs the analysed file's model building; afterwards imported code is not run any more. */
  run<T>(build: () => T): T {
    try {
      return build();
    } finally {
      this.closed = true;
      this.release();
    }
  }

  /** Frees what the loaded modules hold, once the analysis is built. */
  protected release(): void {}

  /** Set once the analysis is built: imported code is not run any more. */
  closed = false;
}

/**
 * A layer imported code builds for a call of the analysed file, as that file sees it: at the call,
 * with its arguments' values but no fix (the text to edit is in the other file).
 */
export function placedAt(layer: LayerConstruction, site: TextRange): LayerConstruction {
  const none = () => [];
  return {
    ...layer,
    range: site,
    calleeRange: site,
    args: layer.args.map((a) => ({ ...a, range: site, valueRange: site, keywordRange: a.keywordRange && site, fromPartial: site })),
    partialRange: site,
    scope: undefined,
    editor: { ...layer.editor, setArgument: none, setArgumentCode: none, renameKeyword: none, replaceCalleeName: none },
  };
}

/**
 * Edges the analysed file's findings may rest on: at least one end built there, and the other
 * either built there or built by imported code under a call of that file (which is its range there).
 */
export function edgesOfFile(edges: Iterable<LayerEdge>, ownLayers: readonly LayerConstruction[], placed: ReadonlySet<LayerConstruction>): LayerEdge[] {
  const all = [...edges];
  const own = new Set(ownLayers);
  // An imported layer that also feeds layers of its own file is wired there in ways this file
  // cannot see whole (what else uses its output): none of its edges count here.
  const feedsElsewhere = new Set(all.filter((e) => !own.has(e.from) && !own.has(e.to)).map((e) => e.from));
  return all.filter(
    (e) =>
      (own.has(e.from) || own.has(e.to)) && (own.has(e.from) || (placed.has(e.from) && !feedsElsewhere.has(e.from))) && (own.has(e.to) || placed.has(e.to)),
  );
}
