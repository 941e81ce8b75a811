/** The Python front end as the analyzer sees it: text in, semantic model + comments + syntax problems out. */
import type { Parser } from '@vscode/tree-sitter-wasm';
import type { SemanticModel } from '../model/model';
import type { FrontEnd, FrontEndResult } from '../frontend';
import type { SourceComment } from '../suppressions';
import type { InputProblem } from '../types';
import { PythonFrontEnd } from './frontend';
import { PythonModeAnalysis } from './modes';
import { withPythonTree, type SyntaxNode } from './parser';

const MAX_SYNTAX_PROBLEMS = 5;

function syntaxProblems(root: SyntaxNode): InputProblem[] {
  const problems: InputProblem[] = [];
  // Only subtrees that contain an error are entered, so clean files cost nothing here.
  const visit = (node: SyntaxNode) => {
    if (problems.length >= MAX_SYNTAX_PROBLEMS) return;
    if (node.isMissing) {
      problems.push({ message: `syntax error: missing ${node.type}`, range: { start: node.startIndex, end: node.endIndex } });
      return;
    }
    if (node.isError) {
      const snippet = node.text.split(/\r?\n/)[0]!.slice(0, 40);
      problems.push({ message: `syntax error near ${JSON.stringify(snippet)}`, range: { start: node.startIndex, end: Math.max(node.endIndex, node.startIndex) } });
      return;
    }
    for (const child of node.children) if (child?.hasError || child?.isMissing) visit(child);
  };
  if (root.hasError) visit(root);
  return problems;
}

/**
 * Comments that can carry a directive: each occurrence of `noqa`/`normlint` in the text is looked
 * up in the tree, and kept only if it sits in a comment (not in a string or a name).
 */
function directiveComments(root: SyntaxNode, text: string): SourceComment[] {
  const found = new Map<number, SourceComment>();
  for (const word of ['noqa', 'normlint']) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      const node = root.descendantForIndex(at);
      if (node?.type === 'comment' && !found.has(node.startIndex)) {
        found.set(node.startIndex, { text: node.text, range: { start: node.startIndex, end: node.endIndex } });
      }
    }
  }
  return [...found.values()];
}

/** Names a file must mention for any layer to resolve: every framework import starts with one. */
const FRAMEWORK_WORDS = ['torch', 'keras', 'flax', 'tensorflow', 'jax'];

export function createPythonFrontEnd(parser: Parser): FrontEnd {
  return {
    language: 'python',
    parse(text: string): FrontEndResult {
      return withPythonTree(parser, text, (tree) => {
        const root = tree.rootNode;
        const mentionsFramework = FRAMEWORK_WORDS.some((w) => text.includes(w));
        let model = emptyModel(text);
        if (mentionsFramework) {
          const front = new PythonFrontEnd(text, root);
          model = { ...front.build(), modes: PythonModeAnalysis.analyze(text, root, front) };
        }
        return {
          model,
          comments: directiveComments(root, text),
          problems: syntaxProblems(root),
        };
      });
    },
  };
}

function emptyModel(text: string): SemanticModel {
  return { language: 'python', text, layers: [], edges: [], partials: [], attributeAssignments: [] };
}
