/**
 * The copied syntax tree (python/syntaxTree.ts) answers as tree-sitter's own nodes do: every node,
 * every field, every offset's descendant, over the rule fixtures and texts with syntax errors,
 * copied both through the runtime's cursor functions and through the binding's cursor.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Node, Parser, Tree } from '@vscode/tree-sitter-wasm';
import { loadPythonParser, pythonCursorRuntime, textForParser } from '../../../src/analyzer/python/parser';
import { SyntaxTree, type SyntaxNode } from '../../../src/analyzer/python/syntaxTree';
import { compiledWasm } from '../../../src/node/analyzer';

const FIXTURES = path.join(__dirname, '../../fixtures');

function pythonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? pythonFiles(path.join(dir, e.name)) : e.name.endsWith('.py') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** Texts tree-sitter recovers from: errors, missing tokens, an unfinished call, CR line breaks, non-ASCII. */
const BROKEN = [
  'def f(:\n    return 1\n',
  'x = foo(1, 2\ny = 3\n',
  'class A:\n    def g(self)\n        pass\n',
  'if x:\npass\n',
  'import torch\nnet = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.BatchNorm2d(8)\n',
  'a = [1, 2,, 3]\nb = {1: }\n',
  'for x in :\n    y = x +\n',
  'print("unterminated)\nz = 1\n',
  'x = 1\r\ny = 2\rz = "é∑😀"\n# ünïcode comment\nw = f(a=1, *b, **c)\n',
  'lambda: (yield)\n@dec\ndef h(*, a, b=2, **k) -> int: ...\n',
  'def f():\n',
  'class A:\n    x = (1,\n',
  'with open(p) as f, g() as h\n    pass\n',
  'try:\n    x\nexcept\n',
];

function describeNode(node: Node | SyntaxNode | null): string {
  return node ? `${node.type}@${node.startIndex}-${node.endIndex}` : 'null';
}

/** Compares `copy` with `real` node by node, and returns how many nodes it compared. */
function compareTrees(real: Node, copy: SyntaxNode, fields: readonly string[], where: string): number {
  let compared = 0;
  const visit = (a: Node, b: SyntaxNode) => {
    compared++;
    const at = `${where}: ${describeNode(a)}`;
    assert.equal(describeNode(b), describeNode(a), at);
    assert.equal(b.isNamed, a.isNamed, `${at} isNamed`);
    assert.equal(b.isMissing, a.isMissing, `${at} isMissing`);
    assert.equal(b.isError, a.isError, `${at} isError`);
    assert.equal(b.hasError, a.hasError, `${at} hasError`);
    assert.equal(b.text, a.text, `${at} text`);
    assert.equal(b.startPosition.row, a.startPosition.row, `${at} row`);
    assert.equal(b.endPosition.row, a.endPosition.row, `${at} end row`);
    assert.equal(describeNode(b.parent), describeNode(a.parent), `${at} parent`);
    assert.equal(describeNode(b.nextNamedSibling), describeNode(a.nextNamedSibling), `${at} nextNamedSibling`);
    assert.deepEqual(b.namedChildren.map(describeNode), a.namedChildren.map(describeNode), `${at} namedChildren`);
    for (const field of fields) {
      assert.equal(describeNode(b.childForFieldName(field)), describeNode(a.childForFieldName(field)), `${at} field ${field}`);
      assert.deepEqual(b.childrenForFieldName(field).map(describeNode), a.childrenForFieldName(field).map(describeNode), `${at} fields ${field}`);
    }
    const kids = a.children;
    assert.equal(b.children.length, kids.length, `${at} child count`);
    kids.forEach((kid, i) => visit(kid!, b.children[i]));
  };
  visit(real, copy);
  return compared;
}

describe('SyntaxTree (the copied tree answers as tree-sitter does)', () => {
  let parser: Parser;
  before(async () => {
    parser = await loadPythonParser(compiledWasm);
  });

  const withTree = (text: string, use: (tree: Tree, parserText: string) => void) => {
    const parserText = textForParser(text);
    const tree = parser.parse(parserText)!;
    try {
      use(tree, parserText);
    } finally {
      tree.delete();
    }
  };

  it('the runtime offers the cursor functions, so the fast copy is the one analyses get', () => {
    assert.ok(pythonCursorRuntime());
  });

  it('every node and field of every fixture, and of broken texts, both ways of copying', () => {
    const texts = [...pythonFiles(FIXTURES).map((f) => fs.readFileSync(f, 'utf8')), ...BROKEN];
    let nodes = 0;
    for (const [i, text] of texts.entries()) {
      withTree(text, (tree, parserText) => {
        // Every field of every node is many calls into tree-sitter: a sixth of the fixtures, and every broken text.
        const fields = i % 6 === 0 || i >= texts.length - BROKEN.length ? tree.language.fields.filter((f): f is string => !!f) : [];
        for (const runtime of [pythonCursorRuntime(), undefined]) {
          const copy = SyntaxTree.copy(tree, parserText, runtime);
          const compared = compareTrees(tree.rootNode, copy.rootNode, fields, `text ${i} (${runtime ? 'runtime' : 'binding'})`);
          assert.equal(copy.size, compared, `text ${i}: node count`);
          nodes += compared;
        }
      });
    }
    assert.ok(nodes > 100_000, `${nodes} nodes compared`);
  });

  it('descendantForIndex at every offset and over ranges, as tree-sitter descends', () => {
    const texts = [...pythonFiles(path.join(FIXTURES, 'rules/BN201')).map((f) => fs.readFileSync(f, 'utf8')), ...BROKEN];
    for (const [i, text] of texts.entries()) {
      withTree(text, (tree, parserText) => {
        const copy = SyntaxTree.copy(tree, parserText, pythonCursorRuntime());
        for (let at = 0; at <= parserText.length; at++) {
          assert.equal(describeNode(copy.rootNode.descendantForIndex(at)), describeNode(tree.rootNode.descendantForIndex(at)), `text ${i} at ${at}`);
          for (const length of [1, 3, 17]) {
            const end = Math.min(at + length, parserText.length);
            assert.equal(
              describeNode(copy.rootNode.descendantForIndex(at, end)),
              describeNode(tree.rootNode.descendantForIndex(at, end)),
              `text ${i} at ${at}-${end}`,
            );
          }
        }
      });
    }
  });

  it('an ERROR node has no fields; the known differences stay as documented', () => {
    withTree("if'':\n elif e=='':\n", (tree, text) => {
      const copy = SyntaxTree.copy(tree, text, pythonCursorRuntime());
      const error = copy.rootNode.descendantsOfType('ERROR')[0];
      assert.ok(error, 'the text has an ERROR node');
      assert.equal(error.childForFieldName('alternative'), null);
    });
    withTree('match x:\n    case 1:\n        pass\n', (tree, text) => {
      const copy = SyntaxTree.copy(tree, text, pythonCursorRuntime());
      const match = copy.rootNode.namedChildren[0];
      assert.equal(match.type, 'match_statement');
      // tree-sitter's own childForFieldName reaches through the aliased block; its cursor does not.
      assert.equal(describeNode(tree.rootNode.namedChildren[0]!.childForFieldName('alternative')), 'case_clause@13-33');
      assert.equal(match.childForFieldName('alternative'), null);
      assert.equal(match.childForFieldName('body')?.childForFieldName('alternative')?.type, 'case_clause');
    });
  });

  it('ids are distinct across trees, and one node is one object', () => {
    withTree('a = 1\n', (tree, text) => {
      const first = SyntaxTree.copy(tree, text);
      const second = SyntaxTree.copy(tree, text);
      assert.notEqual(first.rootNode.id, second.rootNode.id);
      assert.equal(first.rootNode.namedChildren[0].parent, first.rootNode);
      assert.equal(first.rootNode.descendantForIndex(0), first.rootNode.namedChildren[0].namedChildren[0].childForFieldName('left'));
    });
  });
});
