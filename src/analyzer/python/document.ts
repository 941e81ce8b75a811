/**
 * An open Python document for editors: the previous tree is edited and re-parsed (tree-sitter's
 * incremental parse), and the file is split into parts the analysis can process apart.
 *
 * Why parts are independent: the analysis of a statement reads what the names it mentions are
 * bound to. A part is a set of top-level statements closed under that relation (a statement that
 * mentions a name another statement binds is in its part), and every part also holds the file's
 * imports and docstrings, which bind nothing another statement defines. What the front end decides
 * from the whole text rather than from names (checkpoint loads make BN101's fix unsafe anywhere in
 * the file; training-setup gates such as "the file mentions a discriminator") is tied together by
 * marker words: every statement that spells one is in the same part.
 */
import type { Parser, Tree } from '@vscode/tree-sitter-wasm';
import { pytorchFreeze, pytorchModeSwitchCalls } from '../frameworks/pytorch';
import { biasAttributes, checkpointMarkers } from '../frameworks/registry';
import { trainingGateWords } from './training';
import type { AnalysisContext, AnalysisNeed, DocumentLayout, DocumentParser, FrontEndResult, TextPart, TextSegment } from '../frontend';
import { copyPythonTree, textForParser, type SyntaxNode } from './parser';
import type { NodeView } from './syntaxTree';
import { lowerBound } from '../text';

/** Statements every part holds: they bind only imported names (or nothing). */
const SHARED_STATEMENTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);
const DEFINITIONS = new Set(['class_definition', 'function_definition', 'decorated_definition']);

/** Python's keywords: words every statement spells, which bind nothing. */
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type'.split(
    ' ',
  ),
);

const ASCII_WORD = /[A-Za-z_][A-Za-z0-9_]*/g;
const UNICODE_WORD = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/gu;

/**
 * Words whose mere presence in the text changes what the analysis does elsewhere in the file.
 * Checkpoint loaders, pretrained arguments and reads of a layer's bias make BN101's fix unsafe for
 * every layer of the file, so a file that spells one outside its imports is analyzed whole. The training analysis' gates
 * (python/training.ts) and BN204's freeze and train calls relate statements that need not name
 * each other: statements that spell one of those are put in one part. Matched case-insensitively.
 */
let markers: { wholeFile: readonly string[]; together: readonly string[] } | undefined;
function fileWideMarkers(): { wholeFile: readonly string[]; together: readonly string[] } {
  if (markers) return markers;
  const { loaders, arguments: pretrained } = checkpointMarkers();
  // An unguarded read of a layer's bias (`nn.init.zeros_(m.bias)`) makes BN101's fix unsafe anywhere in the file too.
  const biasReads = [...biasAttributes()].map((attribute) => `.${attribute}`);
  const wholeFile = [...new Set([...[...loaders].map((l) => l.slice(l.lastIndexOf('.') + 1)), ...pretrained.keys(), ...biasReads].map((w) => w.toLowerCase()))];
  // The training analysis' gate words, and BN204's freeze and train calls.
  const together = [...trainingGateWords, pytorchFreeze.attribute, pytorchModeSwitchCalls.train];
  return (markers = { wholeFile, together });
}

interface StatementWords {
  readonly words: ReadonlySet<string>;
  /** Spells a word that relates it to other statements that spell one. */
  readonly marked: boolean;
  /** Spells a word that concerns the whole file. */
  readonly wholeFile: boolean;
}

interface Statement {
  readonly start: number;
  readonly end: number;
  /** Names other statements may mention to reach this one. */
  readonly binds: readonly string[];
  readonly words: ReadonlySet<string>;
  readonly marked: boolean;
}

export class PythonDocument implements DocumentParser {
  /** tree-sitter's tree, kept for the next incremental parse. */
  private tree: Tree | undefined;
  private parsedText = '';
  /** Words and markers per statement text, kept between updates (most statements do not change). */
  private wordCache = new Map<string, StatementWords>();

  constructor(
    private readonly parser: Parser,
    private readonly build: (
      text: string,
      parserText: string,
      root: SyntaxNode,
      needs?: ReadonlySet<AnalysisNeed>,
      context?: AnalysisContext,
    ) => FrontEndResult,
    private readonly surface: (text: string, root: NodeView) => Pick<FrontEndResult, 'comments' | 'problems'>,
  ) {}

  update(text: string): DocumentLayout {
    const parserText = textForParser(text);
    const previous = this.tree;
    if (previous) previous.edit(editBetween(this.parsedText, parserText));
    let tree = this.parser.parse(parserText, previous);
    previous?.delete();
    this.tree = undefined;
    // Error recovery may differ between an incremental and a fresh parse (a syntax error reported near
    // another token): a text with errors is parsed afresh, so the result is always analyze()'s.
    if (tree && previous && tree.rootNode.hasError) {
      tree.delete();
      tree = this.parser.parse(parserText);
    }
    if (!tree) throw new Error('tree-sitter returned no tree');
    this.tree = tree;
    this.parsedText = parserText;
    // Each edit reads tree-sitter's tree itself; only a whole-file analysis needs the copy.
    const root = tree.rootNode;
    const { comments, problems } = this.surface(text, root);
    let copy: SyntaxNode | undefined;
    return {
      comments,
      problems,
      parts: root.hasError ? undefined : this.parts(text, root),
      whole: (needs, context) => this.build(text, parserText, (copy ??= copyPythonTree(tree, parserText).rootNode), needs, context),
    };
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.wordCache.clear();
  }

  private parts(text: string, root: NodeView): TextPart[] | undefined {
    const shared: { start: number; end: number }[] = [];
    const statements: Statement[] = [];
    const unicode = /[^\x00-\x7f]/.test(text);
    const words = new Map<string, StatementWords>();
    for (const node of root.namedChildren) {
      if (!node || node.type === 'comment') continue;
      const start = node.startIndex;
      const end = node.endIndex;
      // A statement that shares its line with another (`a = 1; b = 2`) keeps the file whole.
      if (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) return undefined;
      if (SHARED_STATEMENTS.has(node.type) || isDocstring(node)) {
        shared.push({ start, end });
        continue;
      }
      const source = text.slice(start, end);
      let known = this.wordCache.get(source) ?? words.get(source);
      if (!known) {
        const found = new Set<string>();
        for (const match of source.matchAll(unicode ? UNICODE_WORD : ASCII_WORD)) if (!KEYWORDS.has(match[0])) found.add(match[0]);
        const lower = source.toLowerCase();
        const { wholeFile, together } = fileWideMarkers();
        known = { words: found, marked: together.some((m) => lower.includes(m)), wholeFile: wholeFile.some((m) => lower.includes(m)) };
      }
      words.set(source, known);
      if (known.wholeFile) return undefined;
      statements.push({ start, end, binds: bindings(node, known.words), words: known.words, marked: known.marked });
    }
    this.wordCache = words;
    if (statements.length < 2) return undefined;
    const groups = connectedStatements(statements);
    if (groups.length < 2) return undefined;
    const lineBreaks = new LineBreaks(text);
    return groups.map((group) =>
      partText(
        text,
        lineBreaks,
        [...shared, ...group].sort((a, b) => a.start - b.start),
      ),
    );
  }
}

function isDocstring(node: NodeView): boolean {
  if (node.type !== 'expression_statement' || node.namedChildCount !== 1) return false;
  const type = node.namedChild(0)?.type;
  return type === 'string' || type === 'concatenated_string';
}

/** The names a top-level statement binds for others: a definition its name, an assignment its targets, anything else every word it spells. */
function bindings(node: NodeView, words: ReadonlySet<string>): readonly string[] {
  if (DEFINITIONS.has(node.type)) {
    const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    const name = definition?.childForFieldName('name')?.text;
    return name ? [name] : [...words];
  }
  const assignment = node.type === 'expression_statement' && node.namedChildCount === 1 ? node.namedChild(0) : null;
  if (assignment?.type === 'assignment' || assignment?.type === 'augmented_assignment') {
    const left = assignment.childForFieldName('left')?.text;
    if (left) return [...left.matchAll(/[^\W\d]\w*/gu)].map((m) => m[0]);
  }
  return [...words];
}

/** Groups statements that mention each other's names, or that spell a file-wide marker. */
function connectedStatements(statements: readonly Statement[]): Statement[][] {
  const parent = statements.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const binders = new Map<string, number[]>();
  statements.forEach((s, i) => {
    for (const name of s.binds) {
      const list = binders.get(name);
      if (list) list.push(i);
      else binders.set(name, [i]);
    }
  });
  let marked: number | undefined;
  statements.forEach((s, i) => {
    for (const word of s.words) for (const b of binders.get(word) ?? []) union(i, b);
    if (s.marked) {
      if (marked === undefined) marked = i;
      else union(i, marked);
    }
  });
  const groups = new Map<number, Statement[]>();
  statements.forEach((s, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(s);
    else groups.set(root, [s]);
  });
  return [...groups.values()];
}

/** The offsets of the line-break characters of a text, to copy a gap's breaks and nothing else. */
class LineBreaks {
  private readonly positions: number[] = [];
  readonly onlyNewlines: boolean;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.positions.push(i);
    this.onlyNewlines = !text.includes('\r');
    if (!this.onlyNewlines) {
      this.positions.length = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) this.positions.push(i);
      }
    }
  }

  /** The line-break characters of `text[start, end)`, in order. */
  between(start: number, end: number): string {
    const from = lowerBound(this.positions, start);
    const to = lowerBound(this.positions, end);
    if (this.onlyNewlines) return '\n'.repeat(to - from);
    let out = '';
    for (let i = from; i < to; i++) out += this.text[this.positions[i]];
    return out;
  }
}

function partText(text: string, lineBreaks: LineBreaks, pieces: readonly { start: number; end: number }[]): TextPart {
  const segments: TextSegment[] = [];
  let out = '';
  let documentEnd = 0;
  for (const piece of pieces) {
    out += lineBreaks.between(documentEnd, piece.start);
    segments.push({ partStart: out.length, documentStart: piece.start, length: piece.end - piece.start });
    out += text.slice(piece.start, piece.end);
    documentEnd = piece.end;
  }
  out += lineBreaks.between(documentEnd, text.length);
  return { text: out, segments };
}

/** The edit that turns `before` into `after`: the span between their common prefix and suffix. */
export function editBetween(before: string, after: string): Parameters<Tree['edit']>[0] {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix < shorter - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return {
    startIndex: start,
    oldEndIndex: before.length - suffix,
    newEndIndex: after.length - suffix,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, before.length - suffix),
    newEndPosition: pointAt(after, after.length - suffix),
  };
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
