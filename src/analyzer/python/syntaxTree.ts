/**
 * A parsed Python file as plain JavaScript arrays: one pass over tree-sitter's tree copies each
 * node's type, field, range and flags, and the WebAssembly tree is freed right after.
 *
 * Why: every property of a tree-sitter node (`type`, `namedChildren`, a field) is a call into
 * WebAssembly through a transfer buffer, and each node it returns is a new object. The analyses ask
 * millions of such questions; answered from arrays they cost a fraction, and a tree held for later
 * (the imported modules of the project view) takes about a quarter of the memory and no manual free.
 *
 * The nodes offer the part of tree-sitter's `Node` interface the analyzer uses, with its meaning:
 * visible nodes only (tree-sitter's hidden rules are inlined), `children` with anonymous tokens,
 * fields as tree-sitter's cursor reports them, `descendantForIndex` as tree-sitter descends.
 * Positions count UTF-16 code units, like the indexes. test/unit/analyzer/syntax-tree.test.ts
 * compares every node and every field with tree-sitter's own answers.
 *
 * Known differences, none of which the analyzer reaches (a review compared 48 M nodes): tree-sitter's
 * `childForFieldName` also finds a field inherited through an aliased hidden rule
 * (`match_statement`'s `alternative` inside its `block`), which its cursor and
 * `childrenForFieldName` do not; in broken code, `descendantForIndex` at a zero-width node and
 * `nextNamedSibling` past an anonymous node with children may answer differently; and tree-sitter's
 * `descendantsOfType` includes the node itself.
 */
import type { Language, Node, Tree, TreeCursor } from '@vscode/tree-sitter-wasm';

export interface Point {
  readonly row: number;
  readonly column: number;
}

/**
 * The cursor functions of tree-sitter's WebAssembly runtime, as Emscripten adds them to the options
 * object handed to `Parser.init`. Each reads and writes the cursor in the runtime's transfer buffer,
 * so a walk that calls only these keeps the cursor there and skips the binding's copying.
 */
export interface CursorRuntime {
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

const CURSOR_FUNCTIONS: readonly (keyof CursorRuntime)[] = [
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_delete_wasm',
];

/** The runtime's cursor functions, if `options` (what `Parser.init` received) holds them all. */
export function cursorRuntimeOf(options: object): CursorRuntime | undefined {
  const candidate = options as Partial<Record<keyof CursorRuntime, unknown>>;
  return CURSOR_FUNCTIONS.every((name) => typeof candidate[name] === 'function') ? (options as CursorRuntime) : undefined;
}

/**
 * What a copied node and tree-sitter's own node both answer. An editor reads tree-sitter's tree
 * directly for what each edit needs (directive comments, syntax problems, the top-level statements
 * it splits the file at), and copies the tree only for a whole-file analysis.
 */
export interface NodeView {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly isError: boolean;
  readonly hasError: boolean;
  readonly children: readonly (NodeView | null)[];
  readonly namedChildren: readonly (NodeView | null)[];
  readonly namedChildCount: number;
  namedChild(index: number): NodeView | null;
  childForFieldName(name: string): NodeView | null;
  descendantForIndex(start: number, end?: number): NodeView | null;
}

const NAMED = 1;
const MISSING = 2;
const HAS_ERROR = 4;
/** tree-sitter's symbol for an ERROR node. */
const ERROR_SYMBOL = 0xffff;
const NO_NODES: readonly SyntaxNode[] = [];

/** What a language's numbers mean: type names and whether they are named, by symbol; field ids by name. */
interface Vocabulary {
  readonly types: readonly (string | undefined)[];
  readonly fieldIds: ReadonlyMap<string, number>;
  /** NAMED for the symbols whose nodes are named, else 0 (every symbol a node can have). */
  readonly namedFlags: Uint8Array;
}

const vocabularies = new WeakMap<Language, Vocabulary>();

function vocabularyOf(language: Language): Vocabulary {
  let known = vocabularies.get(language);
  if (!known) {
    const fieldIds = new Map<string, number>();
    language.fields.forEach((name, id) => {
      if (name && id > 0) fieldIds.set(name, id);
    });
    const namedFlags = new Uint8Array(language.types.length);
    for (let symbol = 0; symbol < namedFlags.length; symbol++) namedFlags[symbol] = language.nodeTypeIsNamed(symbol) ? NAMED : 0;
    known = { types: language.types, fieldIds, namedFlags };
    vocabularies.set(language, known);
  }
  return known;
}

/** Node ids stay distinct across trees (an analysis keeps nodes of several files in one map). */
let nextIdBase = 1;

/** The arrays a walk fills, grown as needed. */
class Columns {
  size = 0;
  types: Uint16Array;
  fields: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  parents: Int32Array;
  /** The index after a node's last descendant: the nodes are in document (pre-)order. */
  afters: Int32Array;
  flags: Uint8Array;

  constructor(capacity: number) {
    this.types = new Uint16Array(capacity);
    this.fields = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.parents = new Int32Array(capacity);
    this.afters = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  grow(): void {
    const capacity = this.types.length * 2;
    const copy = <T extends Uint16Array | Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.types = copy(this.types, new Uint16Array(capacity));
    this.fields = copy(this.fields, new Uint16Array(capacity));
    this.starts = copy(this.starts, new Int32Array(capacity));
    this.ends = copy(this.ends, new Int32Array(capacity));
    this.parents = copy(this.parents, new Int32Array(capacity));
    this.afters = copy(this.afters, new Int32Array(capacity));
    this.flags = copy(this.flags, new Uint8Array(capacity));
  }

  /** The arrays cut to size. */
  trimmed(): this {
    const n = this.size;
    this.types = this.types.slice(0, n);
    this.fields = this.fields.slice(0, n);
    this.starts = this.starts.slice(0, n);
    this.ends = this.ends.slice(0, n);
    this.parents = this.parents.slice(0, n);
    this.afters = this.afters.slice(0, n);
    this.flags = this.flags.slice(0, n);
    return this;
  }
}

/** One walk's view of the current node and the moves, over the runtime or over the binding's cursor. */
interface Walker {
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  /** Writes the current node at `i` (all but its parent and extent). */
  record(columns: Columns, i: number): void;
}

/** Pre-order walk of every visible node into `columns`. */
function walkInto(walker: Walker, columns: Columns): void {
  let stack = new Int32Array(64);
  let depth = 0;
  for (;;) {
    const i = columns.size++;
    if (i === columns.types.length) columns.grow();
    walker.record(columns, i);
    columns.parents[i] = depth > 0 ? stack[depth - 1] : -1;
    if (walker.firstChild()) {
      if (depth === stack.length) {
        const deeper = new Int32Array(depth * 2);
        deeper.set(stack);
        stack = deeper;
      }
      stack[depth++] = i;
      continue;
    }
    columns.afters[i] = columns.size;
    while (!walker.nextSibling()) {
      if (depth === 0 || !walker.parent()) return;
      columns.afters[stack[--depth]] = columns.size;
    }
  }
}

/**
 * The walk through the runtime's functions. The binding's `walk()` leaves the new cursor in the
 * transfer buffer; nothing else runs until the walk ends, so it stays there. In a tree without
 * syntax errors no node is missing and whether a node is named follows from its symbol
 * (`namedFlags`), which spares two calls per node.
 */
function runtimeWalker(runtime: CursorRuntime, tree: number, namedFlags: Uint8Array | undefined): Walker {
  return {
    firstChild: () => runtime._ts_tree_cursor_goto_first_child_wasm(tree) === 1,
    nextSibling: () => runtime._ts_tree_cursor_goto_next_sibling_wasm(tree) === 1,
    parent: () => runtime._ts_tree_cursor_goto_parent_wasm(tree) === 1,
    record(columns, i) {
      const type = runtime._ts_tree_cursor_current_node_type_id_wasm(tree);
      columns.types[i] = type;
      columns.fields[i] = runtime._ts_tree_cursor_current_field_id_wasm(tree);
      columns.starts[i] = runtime._ts_tree_cursor_start_index_wasm(tree);
      columns.ends[i] = runtime._ts_tree_cursor_end_index_wasm(tree);
      columns.flags[i] = namedFlags
        ? namedFlags[type]
        : (runtime._ts_tree_cursor_current_node_is_named_wasm(tree) === 1 ? NAMED : 0) |
          (runtime._ts_tree_cursor_current_node_is_missing_wasm(tree) === 1 ? MISSING : 0);
    },
  };
}

/** The walk through the binding's public cursor, when the runtime's functions are not at hand. */
function bindingWalker(cursor: TreeCursor): Walker {
  return {
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
    record(columns, i) {
      columns.types[i] = cursor.nodeTypeId;
      columns.fields[i] = cursor.currentFieldId;
      columns.starts[i] = cursor.startIndex;
      columns.ends[i] = cursor.endIndex;
      columns.flags[i] = (cursor.nodeIsNamed ? NAMED : 0) | (cursor.nodeIsMissing ? MISSING : 0);
    },
  };
}

/**
 * Marks the nodes that are or contain a syntax error, as tree-sitter's nodes tell (a hidden
 * missing token counts too, which the walk does not see): only the subtrees that hold an error are
 * entered, so a local typo costs the path to it. The copy's children match tree-sitter's one to one.
 */
function markErrors(root: Node, columns: Columns): void {
  const pending: [Node, number][] = [[root, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, index] = next;
    columns.flags[index] |= HAS_ERROR;
    let child = columns.afters[index] > index + 1 ? index + 1 : -1;
    for (const kid of node.children) {
      if (child < 0) break;
      if (kid?.hasError) pending.push([kid, child]);
      child = columns.afters[child] < columns.afters[index] ? columns.afters[child] : -1;
    }
  }
}

export class SyntaxTree {
  /** Node objects made so far, by index (one per node, so `===` compares nodes). */
  private nodes: (SyntaxNode | undefined)[] | undefined;
  private lineStarts: Int32Array | undefined;
  /** Added to a node's index for its id. */
  readonly idBase: number;

  private constructor(
    /** The text tree-sitter parsed (`node.text` is a slice of it). */
    readonly text: string,
    private readonly vocabulary: Vocabulary,
    /** The arrays, read by this module's nodes. */
    public columns: Columns,
  ) {
    this.idBase = nextIdBase;
    nextIdBase += columns.size;
  }

  get rootNode(): SyntaxNode {
    return this.node(0);
  }

  /**
   * Copies tree-sitter's `tree` of `text`; the caller still owns (and frees) `tree`. The walk calls
   * the runtime's cursor functions directly when it has them (`runtime`), else the binding's cursor.
   */
  static copy(tree: Tree, text: string, runtime?: CursorRuntime): SyntaxTree {
    const root = tree.rootNode;
    const withErrors = root.hasError;
    const vocabulary = vocabularyOf(tree.language);
    const columns = new Columns(Math.max(64, text.length >> 2));
    // Nothing may call into the binding between here and the walk's end (see runtimeWalker).
    const cursor = tree.walk();
    if (runtime) {
      const address = (tree as unknown as { readonly 0: number })[0];
      try {
        walkInto(runtimeWalker(runtime, address, withErrors ? undefined : vocabulary.namedFlags), columns);
      } finally {
        // The binding's cursor object still holds the cursor as it was created; the runtime's copy
        // (in the transfer buffer) is the current one, and the one to free.
        runtime._ts_tree_cursor_delete_wasm(address);
      }
    } else {
      try {
        walkInto(bindingWalker(cursor), columns);
      } finally {
        cursor.delete();
      }
    }
    if (withErrors) markErrors(root, columns);
    return new SyntaxTree(text, vocabulary, columns);
  }

  /** Drops the arrays' spare room, for a tree kept for long (the imported modules of the project view). */
  trim(): this {
    this.columns = this.columns.trimmed();
    return this;
  }

  /** The number of nodes. */
  get size(): number {
    return this.columns.size;
  }

  /** The node at `index` (document order, the root at 0). */
  node(index: number): SyntaxNode {
    const nodes = (this.nodes ??= new Array<SyntaxNode | undefined>(this.columns.size));
    return (nodes[index] ??= new SyntaxNode(this, index));
  }

  /**
   * Lets the node objects made so far go (a tree kept for later analyses, once one is done with
   * it): the arrays stay, and a node asked for again is made again, with the same id.
   */
  forgetNodes(): void {
    this.nodes = undefined;
  }

  typeOf(index: number): string {
    return this.vocabulary.types[this.columns.types[index]] || 'ERROR';
  }

  fieldId(name: string): number | undefined {
    return this.vocabulary.fieldIds.get(name);
  }

  /** The index of the parent, or -1 for the root. */
  parentOf(index: number): number {
    return this.columns.parents[index];
  }

  /** The index after the last descendant: a node's subtree is `index` up to this, in document order. */
  subtreeEnd(index: number): number {
    return this.columns.afters[index];
  }

  startOf(index: number): number {
    return this.columns.starts[index];
  }

  endOf(index: number): number {
    return this.columns.ends[index];
  }

  /** The index of the first child, or -1 for a leaf. */
  firstChildOf(index: number): number {
    return this.columns.afters[index] > index + 1 ? index + 1 : -1;
  }

  /** The index of the next sibling, or -1 for the last child (or the root). */
  nextSiblingOf(index: number): number {
    const parent = this.columns.parents[index];
    const after = this.columns.afters[index];
    return parent >= 0 && after < this.columns.afters[parent] ? after : -1;
  }

  pointAt(offset: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { row: low, column: offset - starts[low] };
  }

  indexAt(point: Point): number {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    return point.row < starts.length ? starts[point.row] + point.column : this.text.length;
  }
}

function lineStartsOf(text: string): Int32Array {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return Int32Array.from(starts);
}

export class SyntaxNode {
  private childList: readonly SyntaxNode[] | undefined;
  private namedChildList: readonly SyntaxNode[] | undefined;

  constructor(
    readonly tree: SyntaxTree,
    /** Position in the tree's document order. */
    readonly index: number,
  ) {}

  /** Unique among the nodes of every tree copied in this process. */
  get id(): number {
    return this.tree.idBase + this.index;
  }

  get type(): string {
    return this.tree.typeOf(this.index);
  }

  get startIndex(): number {
    return this.tree.columns.starts[this.index];
  }

  get endIndex(): number {
    return this.tree.columns.ends[this.index];
  }

  get text(): string {
    return this.tree.text.slice(this.tree.columns.starts[this.index], this.tree.columns.ends[this.index]);
  }

  get startPosition(): Point {
    return this.tree.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.tree.pointAt(this.endIndex);
  }

  get isNamed(): boolean {
    return (this.tree.columns.flags[this.index] & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.columns.flags[this.index] & MISSING) !== 0;
  }

  get isError(): boolean {
    return this.tree.columns.types[this.index] === ERROR_SYMBOL;
  }

  /** Whether this node is, or contains, a syntax error or a missing node. */
  get hasError(): boolean {
    return (this.tree.columns.flags[this.index] & HAS_ERROR) !== 0;
  }

  get parent(): SyntaxNode | null {
    const parent = this.tree.columns.parents[this.index];
    return parent >= 0 ? this.tree.node(parent) : null;
  }

  /** Every child, anonymous tokens (`(`, `,`, `and`) included. */
  get children(): readonly SyntaxNode[] {
    if (!this.childList) {
      const list: SyntaxNode[] = [];
      for (let c = this.tree.firstChildOf(this.index); c >= 0; c = this.tree.nextSiblingOf(c)) list.push(this.tree.node(c));
      this.childList = list.length > 0 ? list : NO_NODES;
    }
    return this.childList;
  }

  get namedChildren(): readonly SyntaxNode[] {
    if (!this.namedChildList) {
      const flags = this.tree.columns.flags;
      const list: SyntaxNode[] = [];
      for (let c = this.tree.firstChildOf(this.index); c >= 0; c = this.tree.nextSiblingOf(c)) if (flags[c] & NAMED) list.push(this.tree.node(c));
      this.namedChildList = list.length > 0 ? list : NO_NODES;
    }
    return this.namedChildList;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): SyntaxNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChildren[0] ?? null;
  }

  /** The next named sibling that ends after this node: like tree-sitter, an empty one right here is passed over. */
  get nextNamedSibling(): SyntaxNode | null {
    const { flags, ends } = this.tree.columns;
    const end = ends[this.index];
    for (let s = this.tree.nextSiblingOf(this.index); s >= 0; s = this.tree.nextSiblingOf(s)) if (flags[s] & NAMED && ends[s] > end) return this.tree.node(s);
    return null;
  }

  /** The first child in the field `name` (an ERROR node has no fields, as in tree-sitter). */
  childForFieldName(name: string): SyntaxNode | null {
    const id = this.tree.fieldId(name);
    if (id === undefined || this.isError) return null;
    const fields = this.tree.columns.fields;
    for (let c = this.tree.firstChildOf(this.index); c >= 0; c = this.tree.nextSiblingOf(c)) if (fields[c] === id) return this.tree.node(c);
    return null;
  }

  /** Every child in the field `name`. */
  childrenForFieldName(name: string): SyntaxNode[] {
    const id = this.tree.fieldId(name);
    const found: SyntaxNode[] = [];
    if (id === undefined) return found;
    const fields = this.tree.columns.fields;
    for (let c = this.tree.firstChildOf(this.index); c >= 0; c = this.tree.nextSiblingOf(c)) if (fields[c] === id) found.push(this.tree.node(c));
    return found;
  }

  /** The descendants (not this node) of the given type or types, in document order. */
  descendantsOfType(types: string | readonly string[]): SyntaxNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const found: SyntaxNode[] = [];
    const end = this.tree.columns.afters[this.index];
    for (let i = this.index + 1; i < end; i++) if (wanted.includes(this.tree.typeOf(i))) found.push(this.tree.node(i));
    return found;
  }

  /**
   * The smallest node, anonymous ones included, that spans `start`–`end`, found as tree-sitter
   * finds it: descend into the first child that reaches the end and does not start after the start
   * (an empty child may end where the range starts).
   */
  descendantForIndex(start: number, end = start): SyntaxNode {
    const { starts, ends } = this.tree.columns;
    let node = this.index;
    for (let descended = true; descended;) {
      descended = false;
      for (let c = this.tree.firstChildOf(node); c >= 0; c = this.tree.nextSiblingOf(c)) {
        const childEnd = ends[c];
        if (childEnd < end) continue;
        if (starts[c] === childEnd ? childEnd < start : childEnd <= start) continue;
        if (start < starts[c]) break;
        node = c;
        descended = true;
        break;
      }
    }
    return this.tree.node(node);
  }

  descendantForPosition(point: Point): SyntaxNode {
    return this.descendantForIndex(this.tree.indexAt(point));
  }
}
