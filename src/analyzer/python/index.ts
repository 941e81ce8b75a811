/** The Python front end as the analyzer sees it: text in, semantic model + comments + syntax problems out. */
import type { Parser, Query } from '@vscode/tree-sitter-wasm';
import { Query as TreeSitterQuery } from '@vscode/tree-sitter-wasm';
import type { FrontEnd, FrontEndResult } from '../frontend';
import type { SourceComment } from '../suppressions';
import type { InputProblem } from '../types';
import { PythonFrontEnd } from './frontend';
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

export function createPythonFrontEnd(parser: Parser): FrontEnd {
  let commentQuery: Query | undefined;
  const comments = (root: SyntaxNode, text: string): SourceComment[] => {
    // Most files carry no directive: skip the query unless one can be there.
    if (!text.includes('noqa') && !text.includes('normlint')) return [];
    commentQuery ??= new TreeSitterQuery(parser.language!, '(comment) @comment');
    return commentQuery
      .captures(root)
      .map((c) => c.node)
      .filter((n) => n.text.includes('noqa') || n.text.includes('normlint'))
      .map((n) => ({ text: n.text, range: { start: n.startIndex, end: n.endIndex } }));
  };
  return {
    language: 'python',
    parse(text: string): FrontEndResult {
      return withPythonTree(parser, text, (tree) => {
        const root = tree.rootNode;
        return {
          model: new PythonFrontEnd(text, root).build(),
          comments: comments(root, text),
          problems: syntaxProblems(root),
        };
      });
    },
  };
}
