/**
 * A project's modules (Python and TS/JS), so that an import of another project file resolves to
 * the definition there (`from .blocks import ConvBN`, `import { convBn } from './blocks'`). Pure data: the
 * adapters (CLI, API, editor, server) list the files and supply their text; nothing here touches
 * the file system.
 */
import { isLibraryRoot } from '../frameworks/registry';

/** How a project module is named inside a resolved path value: `@project[models/blocks.py].ConvBN`. */
const PROJECT_PATH = /^@project\[([^\]]*)\]((?:\.[^.]+)*)$/;

export interface ProjectSources {
  /** Every Python and TS/JS file of the project, relative to its root, with forward slashes (`models/blocks.py`). */
  readonly files: Iterable<string>;
  /** A file's current text (an editor's unsaved buffer wins), or undefined when it cannot be read. */
  readonly read: (relativePath: string) => string | undefined;
  /** Whether `files` also lists the project's notebooks (`.ipynb`): only then can a search of it find every caller. */
  readonly notebooks?: boolean;
  /** A file name as the adapter passes it to the analyzer → its path in the project (default: under `root` by prefix). */
  readonly locate?: (fileName: string) => string | undefined;
}

export class ProjectIndex {
  private readonly files: ReadonlySet<string>;
  private readonly directories = new Set<string>();

  /** `root`: the project folder as the adapter names files (absolute, any separator). */
  constructor(
    readonly root: string,
    private readonly sources: ProjectSources,
  ) {
    this.files = new Set(sources.files);
    // Python's namespace packages: folders that hold Python code (a folder of scripts is no package).
    for (const file of this.files) if (file.endsWith('.py')) for (let dir = parentOf(file); dir !== ''; dir = parentOf(dir)) this.directories.add(dir);
  }

  get size(): number {
    return this.files.size;
  }

  /** Whether the project's listing holds this file (a path inside the project, forward slashes). */
  has(file: string): boolean {
    return this.files.has(file);
  }

  /** Every listed file (Python, TS/JS and, when `listsNotebooks`, notebooks). */
  get fileNames(): ReadonlySet<string> {
    return this.files;
  }

  get listsNotebooks(): boolean {
    return this.sources.notebooks === true;
  }

  /** A file's path inside the project (forward slashes), or undefined when it lies outside. */
  relativePath(fileName: string | undefined): string | undefined {
    if (!fileName) return undefined;
    if (this.sources.locate) return this.sources.locate(fileName);
    const normal = fileName.replace(/\\/g, '/');
    const root = this.root.replace(/\\/g, '/').replace(/\/$/, '');
    if (!normal.startsWith(`${root}/`)) return undefined;
    return normal.slice(root.length + 1);
  }

  /** The word index: each word's files; null when a file cannot be read. */
  private spellings?: ReadonlyMap<string, readonly string[]> | null;
  /** Words looked up before the index is built, each by a search of the project's texts. */
  private readonly searched = new Map<string, readonly string[] | undefined>();
  /** The searchable texts, read once for the searches (and the index built after them); null when one cannot be read. */
  private searchedTexts?: readonly SearchableText[] | null;

  /**
   * The project's Python files and notebooks that spell `word` as a whole word (as the regex `\bword\b`
   * finds it; a notebook's `\n` escapes separate words), in listing order; undefined when one of them
   * cannot be read. The first few words are searched for, which costs one plain search of the
   * texts each (most analyses ask for few); past them a word index of the whole project is built
   * once: a large project's functions are looked up from many files.
   */
  filesSpelling(word: string): readonly string[] | undefined {
    // A non-ASCII name is not one word of the index (its letters split it): read the files for it.
    if (!/^[A-Za-z0-9_]+$/.test(word)) {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'u');
      return this.readSearchable()
        ?.filter(({ text }) => pattern.test(text))
        .map(({ file }) => file);
    }
    if (this.spellings === undefined) {
      if (this.searched.has(word)) return this.searched.get(word);
      if (this.searched.size < SEARCHED_WORDS) {
        // Read once, also when a file cannot be read (null): `??=` would read again.
        if (this.searchedTexts === undefined) this.searchedTexts = this.readSearchable() ?? null;
        const files = this.searchedTexts
          ?.filter(({ file, text }) => (file.endsWith('.ipynb') ? text.includes(word) && wordsOf(text, true).has(word) : spellsWholeWord(text, word)))
          .map(({ file }) => file);
        this.searched.set(word, files);
        return files;
      }
      const texts = this.searchedTexts === undefined ? this.readSearchable() : (this.searchedTexts ?? undefined);
      this.spellings = texts ? indexWords(texts) : null;
      this.searchedTexts = undefined;
    }
    return this.spellings === null ? undefined : (this.spellings.get(word) ?? []);
  }

  /** The Python files and notebooks with their texts, in listing order; undefined when one cannot be read. */
  private readSearchable(): SearchableText[] | undefined {
    const texts: SearchableText[] = [];
    for (const file of this.files) {
      if (!file.endsWith('.py') && !file.endsWith('.ipynb')) continue;
      const text = this.text(file);
      if (text === undefined) return undefined;
      texts.push({ file, text });
    }
    return texts;
  }

  text(file: string): string | undefined {
    if (!this.files.has(file)) return undefined;
    try {
      return this.sources.read(file);
    } catch {
      return undefined;
    }
  }

  /**
   * The module an absolute import names, as Python finds it when the importing script's folder
   * (or one above it, up to the root) is on the path; undefined outside the project.
   */
  resolveAbsolute(dotted: string, importer: string): string | undefined {
    if (isLibraryRoot(dotted.split('.')[0])) return undefined;
    for (let base = parentOf(importer); ; base = parentOf(base)) {
      const found = this.moduleAt(joinPath(base, dotted.replace(/\./g, '/')));
      if (found || base === '') return found;
    }
  }

  /**
   * An absolute import that only resolves through a folder the importer adds to `sys.path`
   * (`sys.path.append('SwAV-TF/utils'); import architecture`): the project's one module of that
   * name, wherever it lives. Two candidates, or none, give undefined.
   */
  resolveOnAddedPath(dotted: string): string | undefined {
    if (isLibraryRoot(dotted.split('.')[0])) return undefined;
    const tail = dotted.replace(/\./g, '/');
    const candidates = [...this.files].filter(
      (file) => file === `${tail}.py` || file.endsWith(`/${tail}.py`) || file === `${tail}/__init__.py` || file.endsWith(`/${tail}/__init__.py`),
    );
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** `from ..pkg.mod import x` (`level` = number of dots) in `importer`. */
  resolveRelative(level: number, dotted: string, importer: string): string | undefined {
    let base = parentOf(importer);
    for (let i = 1; i < level; i++) {
      if (base === '') return undefined;
      base = parentOf(base);
    }
    return dotted ? this.moduleAt(joinPath(base, dotted.replace(/\./g, '/'))) : this.packageAt(base);
  }

  /** `pkg.name` where `pkg` is a package module: its submodule, if the project has one. */
  submodule(module: string, name: string): string | undefined {
    const dir = module.endsWith('/__init__.py') ? module.slice(0, -'/__init__.py'.length) : module.endsWith('/') ? module.slice(0, -1) : undefined;
    return dir === undefined ? undefined : this.moduleAt(joinPath(dir, name));
  }

  /**
   * The project file a TS/JS import or `require` names (`'./blocks'`, `'../layers/index.js'`): the
   * file itself, the file with a script extension, or the folder's `index.*`. Package names
   * (`@tensorflow/tfjs`) and paths leaving the project are outside it: undefined.
   */
  resolveScript(specifier: string, importer: string): string | undefined {
    if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
    const parts = parentOf(importer) === '' ? [] : parentOf(importer).split('/');
    for (const part of specifier.split('/')) {
      if (part === '..') {
        if (parts.length === 0) return undefined;
        parts.pop();
      } else if (part !== '.' && part !== '') parts.push(part);
    }
    const target = parts.join('/');
    if (target === '') return this.scriptIndexAt('');
    if (this.files.has(target) && SCRIPT_EXTENSIONS.some((e) => target.endsWith(e))) return target;
    const extension = Object.keys(COMPILED_FROM).find((e) => target.endsWith(e));
    if (extension) {
      const stem = target.slice(0, -extension.length);
      const source = COMPILED_FROM[extension].map((e) => stem + e).find((f) => this.files.has(f));
      if (source) return source;
    }
    return SCRIPT_EXTENSIONS.map((e) => target + e).find((f) => this.files.has(f)) ?? this.scriptIndexAt(target);
  }

  private scriptIndexAt(dir: string): string | undefined {
    return SCRIPT_EXTENSIONS.map((e) => joinPath(dir, `index${e}`)).find((f) => this.files.has(f));
  }

  private moduleAt(stem: string): string | undefined {
    if (this.files.has(`${stem}.py`)) return `${stem}.py`;
    return this.packageAt(stem);
  }

  /** A package: its `__init__.py`, or the folder itself for a namespace package. */
  private packageAt(dir: string): string | undefined {
    if (this.files.has(joinPath(dir, '__init__.py'))) return joinPath(dir, '__init__.py');
    return dir !== '' && this.directories.has(dir) ? `${dir}/` : undefined;
  }
}

/** How a TS/JS import may name a file: the extensions tried, in the order the TypeScript resolver tries them. */
const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'];
/** `import './blocks.js'` in TypeScript names `blocks.ts` (the file it compiles to). */
const COMPILED_FROM: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** The path value naming a project module (and names inside it). */
export function projectPath(module: string, names: readonly string[] = []): string {
  return `@project[${module}]${names.map((n) => `.${n}`).join('')}`;
}

export function parseProjectPath(path: string): { module: string; names: string[] } | undefined {
  const match = PROJECT_PATH.exec(path);
  if (!match) return undefined;
  return { module: match[1], names: match[2] ? match[2].slice(1).split('.') : [] };
}

export function isProjectPath(path: string): boolean {
  return path.startsWith('@project[');
}

function parentOf(path: string): string {
  const slash = path.replace(/\/$/, '').lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function joinPath(base: string, rest: string): string {
  return base === '' ? rest : `${base}/${rest}`;
}

interface SearchableText {
  readonly file: string;
  readonly text: string;
}

/** Each word of the texts with the files that spell it, in listing order. */
function indexWords(texts: readonly SearchableText[]): Map<string, string[]> {
  const byWord = new Map<string, string[]>();
  for (const { file, text } of texts) {
    for (const word of wordsOf(text, file.endsWith('.ipynb'))) {
      if (word === '') continue;
      const files = byWord.get(word);
      if (files) files.push(file);
      else byWord.set(word, [file]);
    }
  }
  return byWord;
}

/** Words filesSpelling searches for before it builds the whole project's word index. */
const SEARCHED_WORDS = 64;

/** The words of a text as the index splits them: runs of ASCII letters, digits and `_` (a notebook's `\n` escapes split too). */
function wordsOf(text: string, notebook: boolean): Set<string> {
  return new Set(text.split(notebook ? /\\[nrt]|[^A-Za-z0-9_]+/ : /[^A-Za-z0-9_]+/));
}

const isWordCode = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/** Whether `word` (ASCII letters, digits, `_`) occurs in `text` with no such character on either side. */
function spellsWholeWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if ((at === 0 || !isWordCode(text.charCodeAt(at - 1))) && !isWordCode(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}
