/** The Python front end as the analyzer sees it: text in, semantic model + comments + syntax problems out. */
import type { Parser } from '@vscode/tree-sitter-wasm';
import type { SemanticModel } from '../model/model';
import { layerNamePattern, moduleInjectorNames } from '../frameworks/registry';
import { modeConventions } from '../frameworks/modes';
import type { AnalysisContext, AnalysisNeed, FrontEnd, FrontEndResult } from '../frontend';
import type { SourceComment } from '../suppressions';
import type { InputProblem } from '../types';
import { PythonDocument } from './document';
import { PythonFrontEnd } from './frontend';
import { projectSession, type PythonProjectSession } from '../project/python';
import { PythonModeAnalysis } from './modes';
import { PythonTrainingAnalysis } from './training';
import { parsePython, textForParser, type SyntaxNode } from './parser';
import type { NodeView } from './syntaxTree';

const MAX_SYNTAX_PROBLEMS = 5;

function syntaxProblems(root: NodeView): InputProblem[] {
  const problems: InputProblem[] = [];
  const report = (node: NodeView, message: string) =>
    problems.push({ message, range: { start: node.startIndex, end: Math.max(node.endIndex, node.startIndex) } });
  // Only subtrees that contain an error are entered, so clean files cost nothing here.
  const visit = (node: NodeView) => {
    if (problems.length >= MAX_SYNTAX_PROBLEMS) return;
    if (node.isMissing) {
      report(node, `syntax error: missing ${node.type}`);
      return;
    }
    const kids = node.children.filter((c): c is NodeView => c !== null);
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
function directiveComments(root: NodeView, text: string): SourceComment[] {
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

let frameworkWords: readonly string[] | undefined;

/**
 * Names a file must spell for any rule to apply: the packages whose import makes a file use a
 * framework (every framework table lists them), and the functions that hand out a framework's
 * modules (keras-applications' `get_submodules_from_kwargs`).
 */
function namesOfFrameworks(): readonly string[] {
  return (frameworkWords ??= [...new Set([...modeConventions().flatMap((c) => c.importRoots), ...moduleInjectorNames()])]);
}

const ALL_NEEDS: ReadonlySet<AnalysisNeed> = new Set(['layers', 'modes', 'training']);

/**
 * The prefilter, before parsing: whether the text can give any finding to rules that read `needs`.
 * Each analysis has a gate on names its results start from (layer names for the layer graph, the
 * mode markers, the training analysis' names), and a file that opens none gives nothing; it is not
 * parsed, so its syntax errors are not reported either.
 */
export function mayHaveFindings(text: string, needs: ReadonlySet<AnalysisNeed> = ALL_NEEDS): boolean {
  if (!namesOfFrameworks().some((w) => text.includes(w))) return false;
  const layers = (needs.has('layers') || needs.has('training')) && layerNamePattern().test(text);
  return (
    (needs.has('layers') && layers) ||
    (needs.has('modes') && PythonModeAnalysis.mayFindFacts(text)) ||
    (needs.has('training') && (layers || PythonTrainingAnalysis.mayFindFactsWithoutLayers(text)))
  );
}

export function createPythonFrontEnd(parser: Parser): FrontEnd {
  return {
    language: 'python',
    parse(text: string, fileName?: string, needs?: ReadonlySet<AnalysisNeed>, context?: AnalysisContext): FrontEndResult {
      // Asked for what rules read (an analysis): the prefilter may skip the text. Asked for everything
      // (a hover, a suppression edit): the text is parsed whatever it holds.
      if (needs && !mayHaveFindings(text, needs)) return { model: emptyModel(text), comments: [], problems: [] };
      const parserText = textForParser(text);
      const project = projectSession(parser, context?.project, fileName);
      const tree = project ? project.analysedTree(text) : parsePython(parser, parserText);
      return analyzeTree(text, parserText, tree.rootNode, needs, project);
    },
    openDocument: () =>
      new PythonDocument(
        parser,
        (text, parserText, root, needs, context) => analyzeTree(text, parserText, root, needs, projectSession(parser, context?.project, context?.fileName)),
        surface,
      ),
    mayHaveFindings,
  };
}

/** What the whole tree tells without the semantic model: directive comments and syntax problems. */
function surface(text: string, root: NodeView): Pick<FrontEndResult, 'comments' | 'problems'> {
  return { comments: directiveComments(root, text), problems: syntaxProblems(root) };
}

/** `project`: the session that resolves imports of the project's other files, when there is a project. */
function analyzeTree(
  text: string,
  parserText: string,
  root: SyntaxNode,
  needs: ReadonlySet<AnalysisNeed> = ALL_NEEDS,
  project?: PythonProjectSession,
): FrontEndResult {
  let model = emptyModel(text);
  const problems = syntaxProblems(root);
  if (namesOfFrameworks().some((w) => text.includes(w))) {
    const front = new PythonFrontEnd(text, root, project && { session: project, file: project.file });
    const analyze = () => {
      const built = front.build();
      project?.registerAnalysed(front);
      model = { ...built, ...(needs.has('modes') ? { modes: PythonModeAnalysis.analyze(text, root, front) } : {}) };
      // Hook for BN403/BN404 (python/training.ts): training-setup facts beside the mode facts.
      if (needs.has('training')) model = { ...model, training: PythonTrainingAnalysis.analyze(parserText, root, front, built.edges) };
    };
    if (project) project.run(analyze);
    else analyze();
    for (const range of front.tooDeep) problems.push({ message: 'expression nested too deeply to analyze: this statement was skipped', range });
  }
  return { model, comments: directiveComments(root, text), problems };
}

function emptyModel(text: string): SemanticModel {
  return { language: 'python', text, layers: [], edges: [], partials: [], attributeAssignments: [] };
}
