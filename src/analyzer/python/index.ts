/** The Python front end as the analyzer sees it: text in, semantic model + comments + syntax problems out. */
import type { Parser } from '@vscode/tree-sitter-wasm';
import type { SemanticModel } from '../model/model';
import type { FrontEnd, FrontEndResult } from '../frontend';
import type { SourceComment } from '../suppressions';
import type { InputProblem } from '../types';
import { PythonFrontEnd } from './frontend';
import { projectSession } from '../project/python';
import type { ProjectIndex } from '../project/index';
import { PythonModeAnalysis } from './modes';
import { PythonTrainingAnalysis } from './training';
import { withPythonTree, type SyntaxNode } from './parser';

const MAX_SYNTAX_PROBLEMS = 5;

function syntaxProblems(root: SyntaxNode): InputProblem[] {
  const problems: InputProblem[] = [];
  const report = (node: SyntaxNode, message: string) =>
    problems.push({ message, range: { start: node.startIndex, end: Math.max(node.endIndex, node.startIndex) } });
  // Only subtrees that contain an error are entered, so clean files cost nothing here.
  const visit = (node: SyntaxNode) => {
    if (problems.length >= MAX_SYNTAX_PROBLEMS) return;
    if (node.isMissing) {
      report(node, `syntax error: missing ${node.type}`);
      return;
    }
    const kids = node.children.filter((c): c is SyntaxNode => c !== null);
    if (node.isError) {
      // An ERROR node often wraps intact statements: point at what is broken inside it, not at
      // the whole region (for a module-level ERROR that would be line 1).
      const before = problems.length;
      for (const child of kids) if (child.hasError || child.isMissing) visit(child);
      if (problems.length > before) return;
      const culprit = kids.find((c) => !c.isNamed || !/statement|definition$/.test(c.type)) ?? node;
      report(culprit, `syntax error near ${JSON.stringify(culprit.text.split(/\r?\n/)[0].slice(0, 40))}`);
      return;
    }
    for (const child of kids) if (child.hasError || child.isMissing) visit(child);
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
  // Case-insensitive like Ruff (`# NOQA`); each hit is confirmed to sit in a comment node.
  for (const match of text.matchAll(/noqa|normlint/gi)) {
    const node = root.descendantForIndex(match.index);
    if (node?.type === 'comment' && !found.has(node.startIndex)) {
      found.set(node.startIndex, { text: node.text, range: { start: node.startIndex, end: node.endIndex } });
    }
  }
  return [...found.values()];
}

/** Names a file must mention for any layer to resolve: every framework import starts with one. */
const FRAMEWORK_WORDS = ['torch', 'keras', 'flax', 'tensorflow', 'jax'];

export function createPythonFrontEnd(parser: Parser): FrontEnd {
  return {
    language: 'python',
    parse(text: string, fileName?: string, context?: { readonly project?: ProjectIndex }): FrontEndResult {
      // Python accepts classic-Mac CR-only line breaks; tree-sitter does not. Same length, same offsets.
      const parserText = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
      return withPythonTree(parser, parserText, (tree) => {
        const root = tree.rootNode;
        const mentionsFramework = FRAMEWORK_WORDS.some((w) => text.includes(w));
        let model = emptyModel(text);
        const problems = syntaxProblems(root);
        if (mentionsFramework) {
          const session = projectSession(parser, context?.project, fileName);
          const front = new PythonFrontEnd(text, root, session && { session, file: session.file });
          const analyze = () => {
            const built = front.build();
            model = { ...built, modes: PythonModeAnalysis.analyze(text, root, front) };
            // Hook for BN403/BN404 (python/training.ts): training-setup facts beside the mode facts.
            model = { ...model, training: PythonTrainingAnalysis.analyze(parserText, root, front, built.edges) };
          };
          if (session) session.run(analyze);
          else analyze();
          for (const range of front.tooDeep) problems.push({ message: 'expression nested too deeply to analyze: this statement was skipped', range });
        }
        return { model, comments: directiveComments(root, text), problems };
      });
    },
  };
}

function emptyModel(text: string): SemanticModel {
  return { language: 'python', text, layers: [], edges: [], partials: [], attributeAssignments: [] };
}
