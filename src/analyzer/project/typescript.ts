/**
 * One TS/JS analysis with the project in view: the other project files the analysed file imports
 * (`import { convBn } from './blocks'`, `require('./blocks')`) are parsed and read (module level
 * only) on first use, so an imported function or constant resolves to its definition. Their own
 * findings belong to their own analysis: layers they build take the range of the call in the
 * analysed file that built them, and carry no fix.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { BranchFacts } from '../model/dataflow';
import type { LayerConstruction } from '../model/model';
import { jsxFor, triviaOf } from '../typescript/editor';
import { TypeScriptFrontEnd } from '../typescript/frontend';
import { parseTolerant, type EstreeParse, type TolerantParse } from '../typescript/parser';
import type { FunctionInfo, Value } from '../typescript/values';
import { isProjectPath, parseProjectPath, projectPath, type ProjectIndex } from './index';
import { ProjectSession } from './session';

/**
 * Imported files stay parsed across analyses (per process): most files of a project import the
 * same few, and parsing is most of the cost of reading one. Keyed by project and file, kept while
 * the text is the same, the least recently used dropped past this many characters of source.
 */
const MAX_PARSED_CHARACTERS = 16 * 1024 * 1024;
const parsedModules = new Map<string, { readonly text: string; readonly program: TSESTree.Program | undefined }>();
let parsedCharacters = 0;

/** The file's program; undefined when it has a syntax error (what the recovery skipped may be the definition). */
function parsedModule(key: string, file: string, text: string, parse: EstreeParse | undefined): TSESTree.Program | undefined {
  const cached = parsedModules.get(key);
  if (cached) {
    parsedModules.delete(key);
    parsedCharacters -= cached.text.length;
  }
  const entry = cached?.text === text ? cached : { text, program: programOf(parseTolerant(text, jsxFor(file), parse)) };
  parsedModules.set(key, entry);
  parsedCharacters += text.length;
  for (const [old, { text: oldText }] of parsedModules) {
    if (parsedCharacters <= MAX_PARSED_CHARACTERS || old === key) break;
    parsedModules.delete(old);
    parsedCharacters -= oldText.length;
  }
  return entry.program;
}

function programOf(parsed: TolerantParse): TSESTree.Program | undefined {
  return parsed.problems.length > 0 ? undefined : parsed.program;
}

/** Re-exports followed (`export * from './conv'` in an `index.ts`), against cycles. */
const MAX_REEXPORTS = 8;

export class TypeScriptProjectSession extends ProjectSession<TypeScriptFrontEnd> {
  private readonly loaded: TypeScriptFrontEnd[] = [];
  /** Branch exits of every file of the session: the analysed file's layers may leave an imported helper's branch. */
  readonly branches = new BranchFacts();
  /** Layers imported files build on their own (module level): never the analysed file's business. */
  readonly unplaced = new Set<LayerConstruction>();

  constructor(
    index: ProjectIndex,
    file: string,
    /** typescript-estree's `parse` (the analyzer's, so tests can hand in theirs). */
    private readonly parse: EstreeParse | undefined,
  ) {
    super(index, file);
  }

  protected load(file: string, text: string): TypeScriptFrontEnd | undefined {
    const program = parsedModule(`${this.index.root}\0${file}`, file, text, this.parse);
    if (!program) return undefined;
    const front = new TypeScriptFrontEnd(text, program, triviaOf(text, program), { session: this, file });
    this.loaded.push(front);
    front.readModuleLevel();
    return front;
  }

  /** The front end of the project file that defines `fn`. */
  homeOf(fn: FunctionInfo): TypeScriptFrontEnd | undefined {
    return this.loaded.find((front) => front.defines(fn));
  }

  /**
   * What a project path means (`@project[models/blocks.ts].convBn`): the exported function or
   * constant, a framework path it re-exports, the module itself; undefined when it does not resolve.
   */
  resolve(path: string, reexports = 0): Value | undefined {
    const parsed = parseProjectPath(path);
    if (!parsed || reexports > MAX_REEXPORTS) return undefined;
    const [name, ...rest] = parsed.names;
    if (name === undefined) return { kind: 'path', path };
    const front = this.module(parsed.module);
    if (!front) return undefined;
    let value = front.exportValue(name);
    if (value === undefined) {
      // `export * from './conv'` passes on every name but the default.
      if (name === 'default') return undefined;
      for (const star of front.starExports) {
        const found = this.resolve(projectPath(star, parsed.names), reexports + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (value.kind === 'path') {
      const joined = [value.path, ...rest].join('.');
      return isProjectPath(value.path) ? this.resolve(joined, reexports + 1) : { kind: 'path', path: joined };
    }
    for (const key of rest) {
      value = value.kind === 'object' ? value.props.get(key)?.value : undefined;
      if (value === undefined) return undefined;
    }
    return this.shareable(value);
  }

  /**
   * A value of another file as the analysed file may hold it: constants, functions (they run in
   * their own file), framework paths, and layers that file built for a call of the analysed file.
   * Anything else is that file's business and unknown here: its objects and classes (their text
   * is elsewhere), and layers or models it builds on its own (module-level `const model = ...`).
   */
  shareable(value: Value, depth = 0): Value {
    const unknown: Value = { kind: 'unknown' };
    if (depth > 8) return unknown;
    switch (value.kind) {
      case 'unknown':
      case 'const':
      case 'path':
      case 'ctor':
      case 'function':
      case 'optimizer':
        return value;
      case 'layer':
        return this.unplaced.has(value.layer) ? unknown : value;
      case 'tensor':
        return value.sources.every((s) => !this.unplaced.has(s.layer)) ? value : { kind: 'tensor', sources: [], bn: value.bn, symbolic: value.symbolic };
      case 'array':
      case 'sequential': {
        const items = value.items.map((item) => this.shareable(item, depth + 1));
        if (value.kind === 'array') return items.every((item, i) => item === value.items[i]) ? value : { kind: 'array', items, complete: value.complete };
        return items.every((item, i) => item === value.items[i]) ? value : unknown;
      }
      case 'choice': {
        const options = value.options.map((option) => option.map((item) => this.shareable(item, depth + 1)));
        return { ...value, options };
      }
      default:
        return unknown;
    }
  }
}

/** A session for a file of the project; undefined without a project or for a file outside it. */
export function projectSession(
  project: ProjectIndex | undefined,
  fileName: string | undefined,
  parse: EstreeParse | undefined,
): TypeScriptProjectSession | undefined {
  const file = project?.relativePath(fileName);
  return project && file !== undefined ? new TypeScriptProjectSession(project, file, parse) : undefined;
}
