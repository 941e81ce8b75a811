/**
 * The Python front end: reads a tree-sitter tree in statement order, like a small abstract
 * interpreter, and builds the framework-neutral semantic model (layers, arguments, data flow).
 * Anything it cannot resolve becomes `unknown`, which never produces a finding.
 */
import {
  BranchFacts,
  branchConditions,
  joinBranches,
  constEqual,
  negateCondition,
  optionalItems,
  type BranchCondition,
  fusedActivation,
  recordEdge,
  withOp,
  withUse,
  type TensorUse,
} from '../model/dataflow';
import {
  isSequentialContainer,
  isModuleBaseClass,
  layerNamePattern,
  lookupFunctionOp,
  lookupLayer,
  lookupTensorMethodOp,
  membersOf,
  defaultCallResult,
  injectedModules,
  moduleInjectorNames,
  biasAttributes,
  checkpointMarkers,
  layerReach,
  forwardMethodNames,
  containerAppendMethods,
  layerBuildMethodNames,
} from '../frameworks/registry';
import { kerasFunctionalModel, kerasLayerApply, tf1Api } from '../frameworks/keras';
import { NORMALIZATION_CLASS_WORD } from '../frameworks/modeNames';
import { pytorchAddModule, pytorchFunctionalDropoutRate, pytorchModuleLists, pytorchNn, pytorchTable } from '../frameworks/pytorch';
import type { ConstValue, LayerSpec, OpKind } from '../frameworks/types';
import type { AttributeAssignment, BoundArgument, LayerConstruction, LayerEdge, PartialBinding, SemanticModel, TensorOp } from '../model/model';
import { escapeRegExp, LineIndex, OccurrenceIndex } from '../text';
import type { TextRange } from '../types';
import { modeConventions } from '../frameworks/modes';
import { isProjectPath, projectPath } from '../project/index';
import type { PythonProjectSession } from '../project/python';
import { edgesOfFile, placedAt } from '../project/session';
import { argumentListShape, pythonArgumentEditor } from './editor';
import { numberLiteral, stringLiteral } from './literals';
import { codeChildren, type SyntaxNode } from './parser';
import { callArgumentFor, parameterDefault } from './projectModels';
import {
  constOf,
  parameterOf,
  join,
  mergeSources,
  NO_SOURCES,
  tensorSources,
  truthOf,
  UNKNOWN,
  type ClassInfo,
  type FunctionInfo,
  type TensorSource,
  type Value,
} from './values';

/** The `sys.path` methods that add a folder to the import path. */
const SYS_PATH_EDITS: ReadonlySet<string> = new Set(['append', 'insert', 'extend']);

/** Roles whose layers start a new chain when a tensor passes through them. */
const PRODUCER_ROLES = new Set(['conv', 'linear', 'batchnorm', 'normalization', 'recurrent', 'attention', 'other']);

const PARTIAL_FUNCTIONS = new Set(['functools.partial']);
const ORDERED_DICT = new Set(['collections.OrderedDict', 'typing.OrderedDict', 'dict']);
const PYTHON_INITIALIZER = '__init__';
/** Methods whose evaluation defines a class's sub-layers before any forward pass: Python's initializer and the frameworks' own (`build`, `setup`). */
const isInitMethod = (name: string): boolean => name === PYTHON_INITIALIZER || layerBuildMethodNames().includes(name);
const MAX_CALL_DEPTH = 12;
/** Distinct argument bindings read per function; more calls reuse a reading with unknown arguments. */
const MAX_BINDINGS_PER_FUNCTION = 8;
/** Module-level statements shorter than this are always read (constants such as `BN_MOMENTUM = 0.1`). */
const INERT_STATEMENT_MIN_LENGTH = 2000;
/** What follows `nn` in a use of a submodule that builds no layer (`.functional`, `.init`). */
const LAYERLESS_SUBMODULE = new RegExp(
  String.raw`^\.(${(pytorchTable.pythonImports?.nonLayerModules ?? []).map((m) => m.slice(pytorchNn.module.length + 1)).join('|')})\b`,
);
/** Loops over a known list of modules are followed item by item up to this length. */
const MAX_UNROLLED_ITEMS = 32;

class Env {
  readonly vars: Map<string, Value>;
  /**
   * Lists and containers this scope may change in place. A branch owns none of its outer scope's:
   * it changes a copy, so `if bn: layers += [bn]` does not leak into the `else` branch.
   */
  private readonly owned = new Set<Value>();

  constructor(
    readonly parent?: Env,
    vars?: Map<string, Value>,
  ) {
    this.vars = vars ?? new Map<string, Value>();
  }

  own(value: Value): void {
    if (isContainer(value)) this.owned.add(value);
  }

  owns(value: Value): boolean {
    return this.owned.has(value);
  }

  /** Binds a name (a new list or container bound here may be changed in place). */
  bind(name: string, value: Value): void {
    this.vars.set(name, value);
    this.own(value);
  }
  lookup(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }
  /**
   * Code here may not run (an `if` arm, an `except` handler): what it adds to a shared container
   * (`self.body.add_module(...)`) is optional there.
   */
  conditional = false;
  /** When this branch runs, if the code controls it (`if batch_norm:`; the `else` gets `not batch_norm`). */
  condition?: BranchCondition;

  /** A scope for a block that runs after this one: a loop body, or (`conditional`) a branch. */
  fork(conditional = false, condition?: BranchCondition): Env {
    const child = new Env(this.parent, new Map(this.vars));
    child.conditional = this.conditional || conditional;
    child.condition = condition;
    return child;
  }
  /**
   * Replaces this env's bindings with the join of the given branch envs. Lists and containers take
   * `builder`'s value when given: a loop that builds layers is read as running (once). Returns the
   * containers that differ between branches (each as its branch values).
   */
  mergeFrom(branches: Env[], builder?: Env): { diverged: { name: string; values: Value[] }[]; conditions?: readonly [BranchCondition, BranchCondition] } {
    return joinBranches(
      this,
      branches,
      { valueIn: (branch, name) => branch.vars.get(name) ?? this.parent?.lookup(name) ?? UNKNOWN, isContainer, join },
      builder,
    );
  }
}

const isContainer = (value: Value) => value.kind === 'list' || value.kind === 'sequential';

interface FunctionFrame {
  returns: Value | undefined;
  self?: ClassInfo;
  /** The function being read (undefined at module and class level). */
  readonly fn?: FunctionInfo;
  /** Names a `global` statement made the module's. */
  globals?: Set<string>;
}

function rangeOf(node: SyntaxNode): TextRange {
  return { start: node.startIndex, end: node.endIndex };
}

export class PythonFrontEnd {
  /** Named children, comments left out. */
  private children(node: SyntaxNode | null | undefined): readonly SyntaxNode[] {
    return codeChildren(node, this.text);
  }

  private readonly layers: LayerConstruction[] = [];
  private readonly layersByNode = new Map<string, LayerConstruction>();
  private readonly edges: Map<string, LayerEdge>;
  private readonly partials = new Map<number, PartialBinding>();
  private readonly attributeAssignments = new Map<number, AttributeAssignment>();
  /** Function results by function and bound argument values. */
  private readonly functionResults = new Map<string, Value>();
  /** The layers that fed another layer while a memoized reading ran (by its key): what a reused reading does with its arguments. */
  private readonly fedByReading = new Map<string, ReadonlySet<LayerConstruction>>();
  /** Uses of layer outputs followed to the end of the file (see TensorUse). */
  private readonly uses: TensorUse[] = [];
  /** Layers built in a helper function or a method other than an initializer: their applications are uses. */
  private readonly builtInHelper = new Set<LayerConstruction>();
  /** Constants a function read on its own took from a parameter's default: the function and parameter. */
  private readonly ownDefaults = new WeakMap<Value, { readonly fn: number; readonly param: string }>();
  /** Layer arguments set from such a default, to settle once every call site is known (see settleOwnDefaults). */
  private readonly defaultedArguments: { readonly args: BoundArgument[]; readonly index: number; readonly fn: number; readonly param: string }[] = [];
  /** Per function: how many call sites of this file ran it, and what each parameter was given at the sites that gave it. */
  private readonly callSites = new Map<number, { sites: number; readonly given: Map<string, (ConstValue | undefined)[]> }>();
  private readonly inProgress = new Set<number>();
  private readonly classes: ClassInfo[] = [];
  private readonly functions: FunctionInfo[] = [];
  private readonly moduleEnv = new Env();
  private lineIndex: LineIndex | undefined;
  private depth = 0;

  /** Where `(` occurs: "can this subtree hold a call?" without copying its text. */
  readonly parens: OccurrenceIndex;

  /**
   * A file that never names a layer can construct none: its module level is read for the names it
   * declares (imports, classes, functions, aliases), which the mode analysis resolves, and nothing
   * else is evaluated.
   */
  private declarationsOnly: boolean;
  /** An imported file that names no layer: its constants are read, its calls (which build no layer here) are not. */
  private constantsOnly: boolean;

  /** Set when the file is read as part of a project: the session and this file's path in it. */
  readonly project?: { readonly session: PythonProjectSession; readonly file: string };
  /** An imported project file read for the analysed one (not the analysed file itself). */
  private readonly imported: boolean;

  constructor(
    private readonly text: string,
    readonly root: SyntaxNode,
    project?: { readonly session: PythonProjectSession; readonly file: string },
  ) {
    this.parens = OccurrenceIndex.of(text, '(');
    this.project = project;
    this.imported = project !== undefined && project.file !== project.session.file;
    const namesLayers = layerNamePattern().test(text);
    // An imported file's constants matter even where it names no layer (`HIDDEN = 256` in config.py).
    this.declarationsOnly = !this.imported && !namesLayers;
    this.constantsOnly = this.imported && !namesLayers;
    this.edges = project?.session.edges ?? new Map<string, LayerEdge>();
  }

  /** Reads the module level only (an imported project file: its definitions, constants and imports). */
  readModuleLevel(): void {
    this.block(this.root, this.moduleEnv, { returns: undefined });
  }

  build(): SemanticModel {
    this.readModuleLevel();
    // Classes and functions are read for the layers they build and wire.
    if (!this.declarationsOnly) {
      const { definitions, mentions } = this.layerRelevance();
      for (const cls of this.classes) if (definitions.has(cls.node.id)) this.evaluateClass(cls, mentions);
      // A function the file calls was read with the arguments of its calls.
      for (const fn of this.functions) if (!fn.owner && definitions.has(fn.node.id) && !this.evaluated.has(fn.node.id)) this.callFunction(fn, undefined);
    }
    this.settleOwnDefaults();
    // A helper's result that some call site lets out unchanged: the layer's output is used as it is there.
    for (const use of this.uses) if (!use.consumed) this.branches.exits.add(use.layer);
    const always = this.branches.conditionalExits.filter((exit) => this.alwaysExits(exit.when)).map((exit) => exit.layer);
    const conditional = this.branches.conditionalExits.filter((exit) => !always.includes(exit.layer));
    return {
      language: 'python',
      text: this.text,
      layers: this.layers,
      edges: this.ownEdges(),
      partials: [...this.partials.values()],
      attributeAssignments: [...this.attributeAssignments.values()],
      // An exit every call takes is an exit, whatever the condition says.
      branchExits: [...this.branches.exits, ...always],
      checkpointLoads: this.layers.length > 0 ? this.checkpointLoads() : [],
      unguardedBiasReads: this.layers.length > 0 ? this.unguardedBiasReads() : [],
      conditionalExits: conditional,
    };
  }

  /**
   * A layer that feeds a BatchNorm only under a flag parameter no call ever turns that way: every
   * call of the (top-level) function passes a literal, or keeps a literal default, on the exit's side
   * (`make_layers(cfg, batch_norm=False)` and nothing else, here and in the rest of the project).
   * Its conditional BN101 would change nothing anywhere. A call this file cannot read (`**kwargs`, a
   * variable), the function used otherwise than called, or another project file naming it: unknown.
   */
  private alwaysExits(when: BranchCondition): boolean {
    const fn = this.functions.find((f) => !f.owner && f.node.startIndex === when.scope.start && f.node.endIndex === when.scope.end);
    if (!fn || !/^[A-Za-z_]\w*$/.test(when.name)) return false;
    const params = codeChildren(fn.node.childForFieldName('parameters'), this.text);
    const param = params.find((p) => (p.type === 'identifier' ? p : p.childForFieldName('name'))?.text === when.name);
    // Positions before a `*args` or `*` are not where positional arguments land.
    if (
      !param ||
      params.slice(0, params.indexOf(param)).some((p) => !['identifier', 'default_parameter', 'typed_parameter', 'typed_default_parameter'].includes(p.type))
    )
      return false;
    const project = this.project;
    if (project) {
      const files = project.session.index.filesSpelling(fn.name);
      if (!files || files.some((file) => file !== project.file)) return false;
    }
    const truthy = (value: SyntaxNode | null | undefined): boolean | undefined => {
      if (!value) return undefined;
      if (value.type === 'true') return true;
      if (value.type === 'false' || value.type === 'none') return false;
      if (value.type === 'integer' || value.type === 'float') return Number(value.text.replace(/_/g, '')) !== 0;
      return undefined;
    };
    let calls = 0;
    for (const at of OccurrenceIndex.ofNames(this.text, [fn.name]).offsets) {
      const node = this.root.descendantForIndex(at, at + fn.name.length);
      if (!node || node.type !== 'identifier' || node.text !== fn.name) continue;
      const parent = node.parent;
      if (!parent || parent.type === 'comment' || parent.type === 'string') continue;
      if (parent.type === 'function_definition' && parent.childForFieldName('name')?.id === node.id) continue;
      if (parent.type !== 'call' || parent.childForFieldName('function')?.id !== node.id) return false;
      const args = codeChildren(parent.childForFieldName('arguments'), this.text);
      if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return false;
      const passed = callArgumentFor(fn.node, this.text, args, when.name);
      const flag = truthy(passed === null ? parameterDefault(fn.node, this.text, when.name) : passed);
      // The exit is taken when the flag is truthy (or falsy, for a negated condition) on every call.
      if (flag === undefined || flag !== !when.negated) return false;
      calls++;
    }
    return calls > 0;
  }

  /**
   * Reads of a layer's bias attribute (`m.bias`, `self.conv.bias.data`) that nothing guards with a
   * `... is not None` / `is None` test (in the read's own condition, an enclosing `if`, or the left
   * side of an `and`). A class's own bias (`self.bias` in a class that assigns `self.bias`) is its
   * business: BN101 never removes it.
   */
  private unguardedBiasReads(): TextRange[] {
    const names = biasAttributes();
    const found: TextRange[] = [];
    for (const at of OccurrenceIndex.of(this.text, [...names]).offsets) {
      const node = this.root.descendantForIndex(at);
      const attribute = node?.parent;
      if (node?.type !== 'identifier' || node.startIndex !== at || !names.has(node.text)) continue;
      if (attribute?.type !== 'attribute' || attribute.childForFieldName('attribute')?.startIndex !== at) continue;
      // `x.bias = ...` and `del x.bias` write; `x.bias is None` tests.
      const parent = attribute.parent;
      if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === attribute.id) continue;
      if (parent?.type === 'delete_statement' || (parent?.type === 'comparison_operator' && this.testsNone(parent))) continue;
      if (this.guardedByNoneTest(attribute) || this.ownBias(attribute) || this.readOfNormBias(attribute)) continue;
      found.push(rangeOf(attribute));
    }
    return found;
  }

  /** `a is None`, `a is not None`, `a == None`, `a != None`. */
  private testsNone(comparison: SyntaxNode): boolean {
    return this.children(comparison).some((c) => c.type === 'none');
  }

  /** A test of a bias attribute against None in a condition that decides whether `node` runs. */
  private guardedByNoneTest(node: SyntaxNode): boolean {
    const biasNoneTest = (condition: SyntaxNode | null | undefined): boolean =>
      this.someNode(
        condition,
        (n) =>
          (n.type === 'comparison_operator' && this.testsNone(n) && this.children(n).some((c) => c.type === 'attribute')) ||
          // `hasattr(m, "bias")`, `getattr(m, "bias", None)`: a check the analysis cannot see through.
          (n.type === 'call' && ['hasattr', 'getattr'].includes(n.childForFieldName('function')?.text ?? '')),
      );
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type === 'function_definition' || parent.type === 'class_definition') return false;
      if (
        (parent.type === 'if_statement' || parent.type === 'elif_clause' || parent.type === 'while_statement') &&
        biasNoneTest(parent.childForFieldName('condition'))
      )
        return true;
      if (parent.type === 'conditional_expression' && biasNoneTest(this.children(parent)[1])) return true;
      // `m.bias is not None and m.bias.sum()`: the right side runs only after the test.
      if (parent.type === 'boolean_operator' && parent.childForFieldName('right')?.id === child.id && biasNoneTest(parent.childForFieldName('left')))
        return true;
    }
    return false;
  }

  /**
   * In the arm of an `if`/`elif` that picked a normalization layer (`isinstance(m, nn.BatchNorm2d)`,
   * `classname.find("BatchNorm") != -1`): that layer's bias, which BN101 never removes.
   */
  private readOfNormBias(node: SyntaxNode): boolean {
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type === 'function_definition' || parent.type === 'class_definition') return false;
      const isArm = (parent.type === 'if_statement' || parent.type === 'elif_clause') && parent.childForFieldName('consequence')?.id === child.id;
      if (!isArm) continue;
      const stack = [parent.childForFieldName('condition')].filter((n): n is SyntaxNode => !!n);
      while (stack.length > 0) {
        const current = stack.pop()!;
        if (current.type === 'string_content' && NORMALIZATION_CLASS_WORD.test(current.text)) return true;
        if (current.type === 'identifier' || current.type === 'attribute') {
          const value = this.resolveName(current);
          if (value.kind === 'ctor' && (value.spec.role === 'batchnorm' || value.spec.role === 'normalization')) return true;
          if (current.type === 'attribute') continue;
        }
        stack.push(...this.children(current));
      }
      return false;
    }
    return false;
  }

  /** `self.bias` read in a class that assigns `self.bias` itself: its own parameter, not a layer's. */
  private ownBias(attribute: SyntaxNode): boolean {
    if (attribute.childForFieldName('object')?.text !== 'self') return false;
    let cls = attribute.parent;
    while (cls && cls.type !== 'class_definition') cls = cls.parent;
    if (!cls) return false;
    const name = attribute.childForFieldName('attribute')?.text;
    return this.someNode(cls, (n) => {
      const left = n.type === 'assignment' ? n.childForFieldName('left') : null;
      return left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' && left.childForFieldName('attribute')?.text === name;
    });
  }

  /** Edges this file's findings may rest on (see `edgesOfFile`). */
  private ownEdges(): LayerEdge[] {
    const placed = this.project?.session.placed;
    return placed ? edgesOfFile(this.edges.values(), this.layers, placed) : [...this.edges.values()];
  }

  /**
   * Calls that load saved weights and arguments that ask for pretrained ones: each occurrence of a
   * marker's name is looked up in the tree and kept only where it is that call or keyword.
   */
  private checkpointLoads(): TextRange[] {
    const { loaders, arguments: pretrained } = checkpointMarkers();
    const shortNames = new Set([...loaders].map((l) => l.slice(l.lastIndexOf('.') + 1)));
    const found: TextRange[] = [];
    const occurrences = OccurrenceIndex.of(this.text, [...shortNames, ...pretrained.keys()]);
    for (const at of occurrences.offsets) {
      const node = this.root.descendantForIndex(at);
      if (node?.type !== 'identifier' || node.startIndex !== at) continue;
      const name = node.text;
      const parent = node.parent;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.startIndex === at && pretrained.has(name)) {
        // A literal or a name only: evaluating anything else now could construct layers.
        const valueNode = parent.childForFieldName('value');
        const literal = valueNode && ['true', 'false', 'string', 'identifier'].includes(valueNode.type);
        const value = literal ? this.expression(valueNode, this.moduleEnv, { returns: undefined }) : UNKNOWN;
        if (value.kind === 'const' && constEqual(value.value, pretrained.get(name)!)) found.push(rangeOf(parent));
        continue;
      }
      const callee = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === at ? parent : node;
      const call = callee.parent;
      if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== callee.startIndex) continue;
      const resolved = this.resolveName(callee);
      if (loaders.has(name) || (resolved.kind === 'path' && loaders.has(resolved.path))) found.push(rangeOf(call));
    }
    return found;
  }

  private relevantMentions?: { size: number; index: OccurrenceIndex };

  /**
   * A large module-level statement (a table of test cases, a generated mapping) that mentions no
   * name through which a layer can be reached is skipped; what it assigns stays unknown. Naming
   * same-file functions does not count: each is evaluated on its own (with unknown arguments,
   * exactly as a call from the table would be).
   */
  private isInertModuleStatement(node: SyntaxNode): boolean {
    if (node.endIndex - node.startIndex < INERT_STATEMENT_MIN_LENGTH) return false;
    if (this.relevantMentions?.size !== this.moduleEnv.vars.size) {
      this.relevantMentions = { size: this.moduleEnv.vars.size, index: this.mentionsOf(this.relevantNames()) };
    }
    if (this.relevantMentions.index.within(node.startIndex, node.endIndex)) return false;
    const assignment = this.children(node)[0];
    if (assignment?.type === 'assignment') this.bindTarget(assignment.childForFieldName('left'), UNKNOWN, this.moduleEnv, { returns: undefined });
    return true;
  }

  /**
   * The top-level classes and functions that can build or wire a layer: those naming a layer-ish
   * module or binding directly, and, to a fixpoint, those naming such a class or function (each
   * round is one scan of the file for the names found in the round before). `mentions` tells
   * whether a span names any of them.
   */
  private layerRelevance(): { definitions: Set<number>; mentions: (node: SyntaxNode) => boolean } {
    const definitions = [
      ...this.classes.map((c) => ({ id: c.node.id, name: c.name, node: c.node })),
      ...this.functions.filter((f) => !f.owner).map((f) => ({ id: f.node.id, name: f.name, node: f.node })),
    ];
    const relevant = new Set<number>();
    const rounds: OccurrenceIndex[] = [];
    for (let names = this.relevantNames(); names.length > 0;) {
      const round = this.mentionsOf(names);
      rounds.push(round);
      const found: string[] = [];
      for (const d of definitions) {
        if (relevant.has(d.id) || !round.within(d.node.startIndex, d.node.endIndex)) continue;
        relevant.add(d.id);
        found.push(d.name);
      }
      names = found;
    }
    return { definitions: relevant, mentions: (node) => rounds.some((round) => round.within(node.startIndex, node.endIndex)) };
  }

  /**
   * Where the names are used, except in `torch.nn`'s submodules that build no layer
   * (`nn.functional.relu`) and in Sphinx cross-references (:class:`~torch.nn.Conv2d`), which no
   * code can contain.
   */
  private mentionsOf(names: readonly string[]): OccurrenceIndex {
    const text = this.text;
    return OccurrenceIndex.ofNames(text, names, (start, end) => {
      const before = text[start - 1];
      return before !== '~' && before !== '`' && !LAYERLESS_SUBMODULE.test(text.slice(end, end + 12));
    });
  }

  /**
   * Module-level names through which code can reach a layer: layer classes and partials, containers,
   * layer-ish modules (`nn`, `layers`, `torch.nn` through `torch`). Code that mentions none of them
   * (nor a same-file definition that does) cannot construct or wire a layer. (`partial` and
   * `OrderedDict` alone build nothing: what they wrap is reached through one of these names.)
   */
  private relevantNames(): string[] {
    // A function that receives the framework's modules (`get_submodules_from_kwargs`) can build layers.
    const names: string[] = moduleInjectorNames();
    for (const [name, value] of this.moduleEnv.vars) {
      if (value.kind === 'path') {
        const p = value.path;
        // A project definition may build or wire layers: code that names it is read.
        if (isProjectPath(p)) names.push(name);
        // Modules and names that lead to layers or containers (the tables' `pythonImports`); functional ops alone build none.
        const reach = layerReach(p);
        if (reach && 'whole' in reach) names.push(name);
        else if (reach) names.push(...reach.attributes.map((attribute) => `${name}.${attribute}`));
      } else if (!['unknown', 'const', 'tensor', 'class', 'function'].includes(value.kind)) names.push(name);
    }
    return names;
  }

  /**
   * What a name or dotted name means through the module's imports and definitions: a path
   * (`torch.no_grad`), a layer class, a same-file class or function. Names only: never evaluates calls.
   */
  resolveName(node: SyntaxNode | null | undefined): Value {
    if (!node || (node.type !== 'identifier' && node.type !== 'attribute')) return UNKNOWN;
    if (node.type === 'identifier') return this.moduleEnv.lookup(node.text) ?? UNKNOWN;
    const object = this.resolveName(node.childForFieldName('object'));
    const attribute = node.childForFieldName('attribute')?.text ?? '';
    // Names only: a project path stays a path here (the mode analysis reads this file's own classes).
    if (object.kind === 'path' && isProjectPath(object.path)) return { kind: 'path', path: `${object.path}.${attribute}` };
    return object.kind === 'unknown' ? UNKNOWN : this.attributeOf(object, attribute);
  }

  /** What a name means at module level after the whole file was read. */
  moduleValue(name: string): Value | undefined {
    return this.moduleEnv.lookup(name);
  }

  private moduleConstantsCache?: Map<string, SyntaxNode>;

  /**
   * Module-level names bound once in the whole file, by a top-level assignment (`use_attn = True`,
   * `data_augmentation = True`): configuration constants, each with the expression it is bound
   * to. Any other binding anywhere (a loop target, `global`, an assignment in a function) makes the
   * name a variable. The layer and the mode analyses both decide branches on them.
   */
  private moduleConstants(): ReadonlyMap<string, SyntaxNode> {
    return (this.moduleConstantsCache ??= this.boundOnce('file'));
  }

  /** The module constant `name` (see moduleConstants); the whole-file walk runs only for a name a module statement assigns. */
  moduleConstant(name: string): SyntaxNode | undefined {
    return this.topLevelAssigned().has(name) ? this.moduleConstants().get(name) : undefined;
  }

  /** The module constant `name`'s value when it is `True` or `False` (see constantFlags). */
  constantFlag(name: string): boolean | undefined {
    return this.topLevelAssigned().has(name) ? this.constantFlags().get(name) : undefined;
  }

  private topLevelAssignedCache?: Set<string>;

  /**
   * The names the module's own assignment statements bind (`name = ...`): the only names
   * moduleConstants can hold. Reading the module's statements is cheap; its walk of the whole
   * tree is not, and most files never need it.
   */
  private topLevelAssigned(): ReadonlySet<string> {
    if (this.topLevelAssignedCache) return this.topLevelAssignedCache;
    const names = new Set<string>();
    for (const statement of this.children(this.root))
      for (const c of this.children(statement)) {
        if (c.type !== 'assignment') continue;
        const left = c.childForFieldName('left');
        if (left?.type === 'identifier') names.add(left.text);
      }
    return (this.topLevelAssignedCache = names);
  }

  private moduleSingleBindingsCache?: Map<string, SyntaxNode>;

  /**
   * Module-level names bound by exactly one module-level assignment (`rnn_layer = nn.RNN(...)` in a
   * notebook cell), each with its value. Unlike moduleConstants, a function's parameters and locals
   * of the same name do not count (they bind other scopes); a `global` statement anywhere does.
   * What a module-level use of the name refers to, whatever the file's functions do.
   */
  moduleSingleBindings(): ReadonlyMap<string, SyntaxNode> {
    return (this.moduleSingleBindingsCache ??= this.boundOnce('module'));
  }

  /**
   * Names assigned once, with their values. `file`: counting every binding of the file, functions'
   * parameters and locals included, and only top-level statements' values (moduleConstants).
   * `module`: counting the module scope's bindings (and `global` statements), any module-level
   * assignment's value (moduleSingleBindings).
   */
  private boundOnce(scope: 'file' | 'module'): Map<string, SyntaxNode> {
    const bindings = new Map<string, number>();
    const values = new Map<string, SyntaxNode>();
    const bind = (target: SyntaxNode | null | undefined) => {
      for (const name of this.identifiersIn(target)) bindings.set(name, (bindings.get(name) ?? 0) + 1);
    };
    // `depth`: the children's depth below the module (a top-level assignment is at 2, in its statement).
    const visit = (n: SyntaxNode, depth: number, inFunction: boolean) => {
      for (const c of this.children(n)) {
        const type = c.type;
        const counted = scope === 'file' || !inFunction;
        // Field lookups are calls into WebAssembly: only the node types that have the field ask.
        const left = type === 'assignment' ? c.childForFieldName('left') : null;
        if (type === 'global_statement') bind(c);
        else if (counted) {
          if (type === 'assignment') bind(left);
          else if (type === 'augmented_assignment' || type === 'for_statement' || type === 'for_in_clause') bind(c.childForFieldName('left'));
          else if (type === 'named_expression') bind(c.childForFieldName('name'));
          else if (type === 'nonlocal_statement' || type === 'as_pattern_target') bind(c);
          else if (type === 'function_definition') bind(c.childForFieldName(scope === 'file' ? 'parameters' : 'name'));
          else if (scope === 'module' && type === 'class_definition') bind(c.childForFieldName('name'));
          else if (scope === 'module' && (type === 'import_statement' || type === 'import_from_statement')) bind(c);
        }
        if (left?.type === 'identifier' && (scope === 'file' ? depth === 2 : !inFunction)) {
          const right = c.childForFieldName('right');
          if (right) values.set(left.text, right);
        }
        visit(c, depth + 1, inFunction || type === 'function_definition' || type === 'class_definition' || type === 'lambda');
      }
    };
    visit(this.root, 1, false);
    for (const name of [...values.keys()]) if (bindings.get(name) !== 1) values.delete(name);
    return values;
  }

  /** The module constants bound to `True` or `False` (see moduleConstants). */
  private constantFlags(): ReadonlyMap<string, boolean> {
    if (this.constantFlagsCache) return this.constantFlagsCache;
    const flags = new Map<string, boolean>();
    for (const [name, value] of this.moduleConstants()) if (value.type === 'true' || value.type === 'false') flags.set(name, value.type === 'true');
    return (this.constantFlagsCache = flags);
  }

  private constantFlagsCache?: Map<string, boolean>;

  /** The identifiers an expression or binding target mentions (keyword arguments by their values). */
  identifiersIn(node: SyntaxNode | null | undefined): string[] {
    if (!node) return [];
    if (node.type === 'identifier') return [node.text];
    if (node.type === 'keyword_argument') return this.identifiersIn(node.childForFieldName('value'));
    return this.children(node).flatMap((c) => this.identifiersIn(c));
  }

  private classesByNode?: Map<number, ClassInfo>;

  /** The class a `class_definition` node defines, if the module-level pass read it. */
  classInfo(node: SyntaxNode): ClassInfo | undefined {
    if (this.classesByNode?.size !== this.classes.length) this.classesByNode = new Map(this.classes.map((c) => [c.node.id, c]));
    return this.classesByNode.get(node.id);
  }

  get layerConstructions(): readonly LayerConstruction[] {
    return this.layers;
  }

  private lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  // ---------------------------------------------------------------- statements

  private block(node: SyntaxNode, env: Env, frame: FunctionFrame): void {
    for (const statement of this.children(node)) {
      try {
        this.statement(statement, env, frame);
      } catch (error) {
        // Thousands of nested calls exhaust the stack of this recursive reader: skip that
        // statement, report it, and keep analyzing the rest of the file.
        if (!(error instanceof RangeError)) throw error;
        if (!this.tooDeep.some((r) => r.start <= statement.startIndex && statement.endIndex <= r.end)) this.tooDeep.push(rangeOf(statement));
      }
    }
  }

  /** Statements skipped because their expressions nest too deeply to analyze. */
  readonly tooDeep: TextRange[] = [];

  private statement(node: SyntaxNode, env: Env, frame: FunctionFrame): void {
    switch (node.type) {
      case 'expression_statement':
        if (env === this.moduleEnv && this.isInertModuleStatement(node)) return;
        for (const child of this.children(node)) this.expressionStatement(child, env, frame);
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.importStatement(node, env);
        return;
      case 'function_definition':
        this.defineFunction(node, env, [], frame.self);
        return;
      case 'class_definition':
        this.defineClass(node, env);
        return;
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        const decorators = this.children(node)
          .filter((c) => c.type === 'decorator')
          .map((d) => this.qualifiedNameOf(this.children(d)[0], env) ?? this.children(d)[0]?.text ?? '');
        for (const d of this.children(node)) if (d.type === 'decorator') this.expression(this.children(d)[0], env, frame);
        if (definition?.type === 'function_definition') this.defineFunction(definition, env, decorators, frame.self);
        else if (definition?.type === 'class_definition') this.defineClass(definition, env);
        return;
      }
      case 'if_statement':
        this.ifStatement(node, env, frame);
        return;
      case 'for_statement':
      case 'while_statement': {
        let iterated: Value = UNKNOWN;
        if (node.type === 'for_statement') {
          iterated = this.expression(node.childForFieldName('right'), env, frame);
        } else this.expression(node.childForFieldName('condition'), env, frame);
        const body = env.fork();
        // A snapshot: the body may append to the list it iterates over. Alternatives are not unrolled.
        const listed =
          iterated.kind === 'sequential' || iterated.kind === 'tuple' || (iterated.kind === 'list' && iterated.complete) ? iterated.items : undefined;
        const items = listed && !listed.some((item) => item.kind === 'choice') ? [...listed] : undefined;
        if (items && items.length > 0 && items.length <= MAX_UNROLLED_ITEMS) {
          // `for layer in self.layers: x = layer(x)` over a known ModuleList: follow each item in order.
          for (const item of items) {
            this.bindTarget(node.childForFieldName('left'), item, body, frame);
            this.block(node.childForFieldName('body')!, body, frame);
          }
          this.merge(env, [body]);
          return;
        }
        const element = iterated.kind === 'list' && iterated.element?.kind === 'layer' ? iterated.element : UNKNOWN;
        if (node.type === 'for_statement') this.bindTarget(node.childForFieldName('left'), element, body, frame);
        if (node.childForFieldName('body')) this.block(node.childForFieldName('body')!, body, frame);
        const alternative = node.childForFieldName('alternative');
        if (alternative) this.block(alternative, body, frame);
        // The body may run zero times.
        this.merge(env, [env.fork(), body], body);
        return;
      }
      case 'try_statement': {
        const branches: Env[] = [];
        const body = env.fork();
        for (const part of this.children(node)) {
          if (part.type === 'block') this.block(part, body, frame);
          else if (part.type === 'else_clause') this.block(part.childForFieldName('body') ?? part, body, frame);
        }
        branches.push(body);
        for (const part of this.children(node)) {
          if (part.type === 'except_clause' || part.type === 'except_group_clause') {
            const handler = env.fork(true);
            for (const c of this.children(part)) if (c.type === 'block') this.block(c, handler, frame);
            branches.push(handler);
          }
        }
        this.merge(env, branches);
        this.preferFallbackClasses(env, branches);
        for (const part of this.children(node)) {
          if (part.type === 'finally_clause') for (const c of this.children(part)) if (c.type === 'block') this.block(c, env, frame);
        }
        return;
      }
      case 'with_statement': {
        for (const clause of this.children(node)) {
          if (clause.type === 'with_clause') {
            for (const item of this.children(clause)) {
              const value = item.childForFieldName('value');
              if (value?.type === 'as_pattern') {
                const v = this.expression(this.children(value)[0], env, frame);
                const target = value.childForFieldName('alias');
                if (target) this.bindTarget(this.children(target)[0] ?? target, v, env, frame);
              } else this.expression(value, env, frame);
            }
          }
        }
        const body = node.childForFieldName('body');
        if (body) this.block(body, env, frame);
        return;
      }
      case 'global_statement':
        // `global layers` then `layers = ...`: the function assigns the module's name.
        for (const name of this.children(node)) if (name.type === 'identifier') (frame.globals ??= new Set()).add(name.text);
        return;
      case 'return_statement': {
        const value = this.children(node)[0];
        const v = value ? this.expression(value, env, frame) : { kind: 'const' as const, value: null };
        frame.returns = frame.returns === undefined ? v : join(frame.returns, v);
        this.auxiliaryOutputs(v, frame);
        return;
      }
      case 'block':
      // Statements tree-sitter could not fit into the grammar keep their own structure inside.
      case 'ERROR':
        this.block(node, env, frame);
        return;
      default:
        // assert, raise, delete, global, print, ...: still evaluate what they contain.
        for (const child of this.children(node)) this.expression(child, env, frame);
    }
  }

  private ifStatement(node: SyntaxNode, env: Env, frame: FunctionFrame): void {
    // `if backend.image_data_format() == 'channels_last':` runs one arm under the framework's
    // default configuration, as the same test in a conditional expression does.
    const alternatives = node.childrenForFieldName('alternative').filter((a) => a !== null);
    const known =
      alternatives.length <= 1 && alternatives[0]?.type !== 'elif_clause'
        ? this.defaultConfigurationTest(node.childForFieldName('condition'), env, frame)
        : undefined;
    if (known !== undefined) {
      const body = known ? node.childForFieldName('consequence') : alternatives[0]?.childForFieldName('body');
      if (body) this.block(body, env, frame);
      return;
    }
    this.branchingIf(node, env, frame);
  }

  /**
   * The value of `<framework call> == '<literal>'` (or `!=`) where the call returns a constant under
   * the framework's default configuration (`keras.backend.image_data_format()`); undefined otherwise.
   */
  private defaultConfigurationTest(condition: SyntaxNode | null, env: Env, frame: FunctionFrame): boolean | undefined {
    if (condition?.type !== 'comparison_operator') return undefined;
    const [left, right, more] = this.children(condition);
    if (more || !left || !right) return undefined;
    const call = left.type === 'call' ? left : right.type === 'call' ? right : undefined;
    const literal = call === left ? right : left;
    if (!call || literal.type !== 'string') return undefined;
    const callee = this.qualifiedNameOf(call.childForFieldName('function') ?? undefined, env);
    if (!callee || defaultCallResult(callee) === undefined) return undefined;
    const value = this.expression(condition, env, frame);
    return value.kind === 'const' && typeof value.value === 'boolean' ? value.value : undefined;
  }

  private branchingIf(node: SyntaxNode, env: Env, frame: FunctionFrame): void {
    const branches: Env[] = [];
    let hasElse = false;
    // `if flag: ... else: ...` on a name the code controls: each arm knows when it runs.
    const alternatives = node.childrenForFieldName('alternative').filter((a) => a !== null);
    const hasElif = alternatives.some((a) => a.type === 'elif_clause');
    const tested = hasElif ? undefined : this.controlledCondition(node.childForFieldName('condition'), frame);
    // A condition known here (`if USE_BN:` on a module constant) decides: only the arm that runs
    // carries its bindings on (both arms still record their layers). A condition on the function's
    // parameters or `self` stays open: a helper read for one call site must not decide for the others.
    let decided: boolean | undefined;
    // What each path fed into another layer: a layer one path feeds on and another leaves as it is exits there.
    const fed: Set<LayerConstruction>[] = [];
    const arm = (condition: SyntaxNode | null, body: SyntaxNode | null) => {
      const when = tested && (branches.length === 0 ? tested : negateCondition(tested));
      const branchEnv = env.fork(true, when);
      const start = this.branches.fed.length;
      if (condition) {
        const value = this.expression(condition, env, frame);
        if (
          branches.length === 0 &&
          !hasElif &&
          !tested &&
          value.kind === 'const' &&
          typeof value.value === 'boolean' &&
          !this.readsParameters(condition, frame) &&
          this.readsSettledNames(condition, env, frame)
        )
          decided = value.value;
        this.narrow(condition, branchEnv);
      }
      if (body) this.block(body, branchEnv, frame);
      branches.push(branchEnv);
      fed.push(this.branches.fedSince(start));
    };
    arm(node.childForFieldName('condition'), node.childForFieldName('consequence'));
    for (const alt of node.childrenForFieldName('alternative')) {
      if (!alt) continue;
      if (alt.type === 'elif_clause') arm(alt.childForFieldName('condition'), alt.childForFieldName('consequence'));
      else {
        hasElse = true;
        arm(null, alt.childForFieldName('body'));
      }
    }
    if (!hasElse) {
      // `if not isinstance(m, nn.BatchNorm2d): continue` narrows `m` for the rest of the block.
      const condition = node.childForFieldName('condition');
      const consequence = this.children(node.childForFieldName('consequence'));
      const exits = ['return_statement', 'continue_statement', 'raise_statement', 'break_statement'].includes(consequence[consequence.length - 1]?.type ?? '');
      const fallthrough = env.fork(true, tested && negateCondition(tested));
      if (exits && branches.length === 1) {
        // The branch never reaches what follows, so only the fall-through path continues.
        branches.length = 0;
        fed.length = 0;
        const guarded = condition?.type === 'not_operator' ? condition.childForFieldName('argument') : null;
        if (guarded) this.narrow(guarded, fallthrough);
      }
      branches.push(fallthrough);
      fed.push(new Set());
    }
    // With two paths left (the arm and the else or the fall-through), only the one that runs goes on;
    // a layer the other arm feeds on is used as it is on the path that runs.
    const deadPath = decided !== undefined && branches.length === 2 ? (decided ? 1 : 0) : undefined;
    this.branches.joinTensorPaths(
      branches.map((b) => ({ names: b.vars.keys(), get: (name: string) => b.vars.get(name), set: (name: string, value: Value) => b.vars.set(name, value) })),
      fed,
      branchConditions(branches),
      (v): v is Extract<Value, { kind: 'tensor' }> => v?.kind === 'tensor',
      deadPath,
    );
    if (deadPath !== undefined) branches.splice(deadPath, 1);
    this.merge(env, branches);
  }

  /** Whether an expression reads `self` or a parameter of the function being read. */
  private readsParameters(expression: SyntaxNode, frame: FunctionFrame): boolean {
    const names = new Set(frame.fn ? this.parameterNames(frame.fn) : []);
    names.add('self');
    return this.someNode(expression, (n) => n.type === 'identifier' && names.has(n.text));
  }

  /**
   * Whether the constants a condition reads hold their value wherever it is read: a function reads
   * a module name's final value, which stands for every call only when the file binds it once (a
   * `global` rebinding in another function may run first).
   */
  private readsSettledNames(condition: SyntaxNode, env: Env, frame: FunctionFrame): boolean {
    if (!frame.fn) return true;
    return this.identifiersIn(condition).every(
      (name) => env.vars.has(name) || this.moduleEnv.lookup(name)?.kind !== 'const' || this.moduleConstant(name) !== undefined,
    );
  }

  /** Whether `root` or a node under it passes `test` (iterative: deep code must not overflow the stack). */
  private someNode(root: SyntaxNode | null | undefined, test: (node: SyntaxNode) => boolean): boolean {
    const stack = root ? [root] : [];
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (test(current)) return true;
      stack.push(...this.children(current));
    }
    return false;
  }

  /**
   * `return out, embedding` from a model's forward pass: each layer output returned beside another
   * leaves the model there (a loss reads it), so its bias is needed whatever else it feeds.
   */
  private auxiliaryOutputs(returned: Value, frame: FunctionFrame): void {
    if (returned.kind !== 'tuple' || returned.items.length < 2 || !frame.fn?.owner || !forwardMethodNames().includes(frame.fn.name)) return;
    for (const item of returned.items) for (const source of tensorSources(item)) if (source.ops.length === 0) this.branches.exits.add(source.layer);
  }

  /**
   * A condition the code controls, as a fix can write it: a parameter of the function being read
   * (`batch_norm`) or an attribute of `self` (`self.use_bn`), possibly under `not`.
   */
  private controlledCondition(condition: SyntaxNode | null, frame: FunctionFrame): BranchCondition | undefined {
    const fn = frame.fn;
    if (!condition || !fn) return undefined;
    if (condition.type === 'parenthesized_expression') return this.controlledCondition(this.children(condition)[0] ?? null, frame);
    if (condition.type === 'not_operator') {
      const inner = this.controlledCondition(condition.childForFieldName('argument'), frame);
      return inner && negateCondition(inner);
    }
    const scope = rangeOf(fn.node);
    if (condition.type === 'identifier' && this.parameterNames(fn).includes(condition.text)) return { name: condition.text, negated: false, scope };
    if (condition.type === 'attribute' && frame.self && condition.childForFieldName('object')?.text === 'self' && condition.childForFieldName('attribute')) {
      return { name: `self.${condition.childForFieldName('attribute')!.text}`, negated: false, scope };
    }
    return undefined;
  }

  private parameterNames(fn: FunctionInfo): string[] {
    return this.children(fn.node.childForFieldName('parameters')).flatMap((param) => {
      const nameNode = param.type === 'identifier' ? param : (param.childForFieldName('name') ?? this.children(param)[0]);
      return nameNode?.type === 'identifier' ? [nameNode.text] : [];
    });
  }

  /** `isinstance(m, nn.BatchNorm2d)` (or `type(m) is ...`) narrows `m` in the branch it guards. */
  private narrow(condition: SyntaxNode, env: Env): void {
    if (condition.type === 'boolean_operator' && condition.child(1)?.type === 'and') {
      this.narrow(condition.childForFieldName('left')!, env);
      this.narrow(condition.childForFieldName('right')!, env);
      return;
    }
    const guard = this.typeGuard(condition, env);
    if (guard) env.vars.set(guard.name, { kind: 'guarded', spec: guard.spec });
  }

  /** The variable and layer class a type test checks, when every class it names is a known layer. */
  private typeGuard(condition: SyntaxNode, env: Env): { name: string; spec: LayerSpec } | undefined {
    let subject: string | undefined;
    let classes: SyntaxNode | undefined;
    if (condition.type === 'call' && condition.childForFieldName('function')?.text === 'isinstance') {
      const [variable, types] = this.children(condition.childForFieldName('arguments'));
      if (variable?.type === 'identifier') subject = variable.text;
      classes = types;
    } else if (condition.type === 'comparison_operator') {
      // `type(m) is nn.BatchNorm2d`, `type(m) == ...`, `type(m) in (A, B)`
      const [left, right] = this.children(condition);
      const operator = condition.children.find((c) => c && !c.isNamed)?.type;
      const tested = left ? this.expression(left, env, { returns: undefined }) : UNKNOWN;
      if (tested.kind === 'type-of' && ['is', '==', 'in'].includes(operator ?? '')) {
        subject = tested.subject;
        classes = right;
      }
    }
    if (!subject || !classes) return undefined;
    const candidates = ['tuple', 'parenthesized_expression', 'list', 'set'].includes(classes.type) ? this.children(classes) : [classes];
    const specs = candidates.map((c) => this.expression(c, env, { returns: undefined })).flatMap((v) => (v.kind === 'ctor' ? [v.spec] : []));
    return specs[0] && specs.length === candidates.length ? { name: subject, spec: specs[0] } : undefined;
  }

  private expressionStatement(node: SyntaxNode, env: Env, frame: FunctionFrame): void {
    if (node.type === 'assignment') {
      const right = node.childForFieldName('right');
      const value = right ? this.expression(right, env, frame) : UNKNOWN;
      // `a = b = x` nests assignments on the right.
      this.bindTarget(node.childForFieldName('left'), value, env, frame);
      return;
    }
    if (node.type === 'augmented_assignment') {
      const left = node.childForFieldName('left');
      const operator = node.childForFieldName('operator')?.text;
      const right = this.expression(node.childForFieldName('right'), env, frame);
      const current = this.expression(left, env, frame);
      if (operator === '+=' && current.kind === 'list') {
        if ((right.kind === 'list' || right.kind === 'tuple') && current.complete) this.addTo(left, current, right.items, env, node);
        else if (right.kind !== 'list' && right.kind !== 'tuple') (this.writable(left, current, env) as { complete: boolean }).complete = false;
        return;
      }
      if (operator === '+=' && current.kind === 'sequential' && (right.kind === 'list' || right.kind === 'tuple')) {
        this.addTo(left, current, right.items, env, node);
        return;
      }
      this.bindTarget(left, this.binary(operator?.slice(0, -1) ?? '', current, right), env, frame);
      return;
    }
    this.expression(node, env, frame);
  }

  private bindTarget(target: SyntaxNode | null, value: Value, env: Env, frame: FunctionFrame): void {
    if (!target) return;
    switch (target.type) {
      case 'identifier':
        if (frame.globals?.has(target.text)) this.moduleEnv.bind(target.text, value);
        else env.bind(target.text, value);
        return;
      case 'attribute': {
        const object = target.childForFieldName('object');
        const attribute = target.childForFieldName('attribute')?.text ?? '';
        const owner = object ? this.expression(object, env, frame) : UNKNOWN;
        if (owner.kind === 'instance' || (object?.text === 'self' && frame.self)) {
          const cls = owner.kind === 'instance' ? owner.cls : frame.self!;
          // A container built right here belongs to this scope: what this branch adds to it is not optional.
          if (!cls.attributes.has(attribute) && !valueIsBound(env, value)) env.own(value);
          cls.attributes.set(attribute, value);
        }
        this.recordAttributeAssignment(target, owner, attribute, value);
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list': {
        const targets = this.children(target);
        const items = value.kind === 'tuple' || value.kind === 'list' ? value.items : [];
        targets.forEach((t, i) => this.bindTarget(t, items.length === targets.length ? items[i] : UNKNOWN, env, frame));
        return;
      }
      case 'subscript':
        this.expression(target, env, frame);
        return;
      default:
        return;
    }
  }

  private recordAttributeAssignment(target: SyntaxNode, owner: Value, attribute: string, value: Value): void {
    const spec = owner.kind === 'guarded' ? owner.spec : owner.kind === 'layer' ? owner.layer.spec : undefined;
    if (!spec || (attribute !== spec.momentum?.param && attribute !== spec.epsParam)) return;
    const assignment = target.parent;
    const right = assignment?.childForFieldName('right');
    if (!assignment || !right) return;
    this.attributeAssignments.set(assignment.startIndex, {
      attribute,
      range: rangeOf(assignment),
      valueRange: rangeOf(right),
      value: constOf(value),
      valueText: right.text,
      spec,
    });
  }

  private importStatement(node: SyntaxNode, env: Env): void {
    if (node.type === 'import_statement') {
      for (const name of node.childrenForFieldName('name')) {
        if (!name) continue;
        if (name.type === 'aliased_import') {
          const path = name.childForFieldName('name')!.text;
          env.vars.set(name.childForFieldName('alias')!.text, { kind: 'path', path: this.projectModulePath(path) ?? path });
        } else {
          // `import torch.nn` binds `torch`.
          const top = name.text.split('.')[0];
          env.vars.set(top, { kind: 'path', path: this.projectModulePath(top) ?? top });
        }
      }
      return;
    }
    const moduleName = node.childForFieldName('module_name');
    if (!moduleName) return;
    const base = moduleName.type === 'relative_import' ? this.relativeModulePath(moduleName) : (this.projectModulePath(moduleName.text) ?? moduleName.text);
    // A relative import outside a project names nothing this file can know.
    if (base === undefined) return;
    if (this.children(node).some((c) => c.type === 'wildcard_import')) {
      if (isProjectPath(base)) {
        for (const name of this.project!.session.moduleNames(base)) env.vars.set(name, { kind: 'path', path: `${base}.${name}` });
        return;
      }
      // `from keras.layers import *`: every name the tables know in that module.
      for (const [name, path] of membersOf(base)) env.vars.set(name, this.pathValue(path));
      return;
    }
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      const imported = name.type === 'aliased_import' ? name.childForFieldName('name')!.text : name.text;
      const local = name.type === 'aliased_import' ? name.childForFieldName('alias')!.text : imported;
      env.vars.set(local, this.pathValue(`${base}.${imported}`));
    }
  }

  /** The project path of a module an absolute import names, when it is a project file. */
  private projectModulePath(dotted: string): string | undefined {
    const index = this.project?.session.index;
    const module = index?.resolveAbsolute(dotted, this.project!.file) ?? (this.addsToSysPath() ? index?.resolveOnAddedPath(dotted) : undefined);
    return module === undefined ? undefined : this.importsProjectModule(projectPath(module));
  }

  /** `from ..pkg import x`: the project path of `..pkg`, when the file is part of a project. */
  private relativeModulePath(node: SyntaxNode): string | undefined {
    if (!this.project) return undefined;
    const level = node.children.find((c) => c?.type === 'import_prefix')?.text.length ?? 0;
    const dotted = node.children.find((c) => c?.type === 'dotted_name')?.text ?? '';
    const module = this.project.session.index.resolveRelative(level, dotted, this.project.file);
    return module === undefined ? undefined : this.importsProjectModule(projectPath(module));
  }

  private sysPathEdits?: boolean;

  /** Whether the file edits the import path (`sys.path.append(...)`, `sys.path.insert(...)`). */
  private addsToSysPath(): boolean {
    this.sysPathEdits ??=
      this.text.includes('sys.path') &&
      this.root.descendantsOfType('call').some((call) => {
        const callee = call?.childForFieldName('function');
        const target = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
        return (
          target?.type === 'attribute' &&
          target.text.replace(/\s+/g, '') === 'sys.path' &&
          SYS_PATH_EDITS.has(callee!.childForFieldName('attribute')?.text ?? '')
        );
      });
    return this.sysPathEdits;
  }

  /**
   * A file that names no layer still runs what it calls from the project's other files
   * (`model = architecture.get_model()` in a training script, `blocks.stem(x)` in the builder it
   * calls): the layers they build for it are what its model holds.
   */
  private importsProjectModule(path: string): string {
    if (this.imported) this.constantsOnly = false;
    else this.declarationsOnly = false;
    return path;
  }

  /**
   * A project path's meaning (the imported definition or constant); unknown when it does not
   * resolve, so a name of a missing or unreadable project file never reaches a rule.
   */
  private projectValue(value: Value): Value {
    if (value.kind !== 'path' || !this.project || !isProjectPath(value.path)) return value;
    return this.project.session.resolve(value.path) ?? UNKNOWN;
  }

  /**
   * What a `with` statement does to gradients: 'off' for `torch.no_grad()` / `torch.inference_mode()`,
   * 'toggle' for `torch.set_grad_enabled(...)` (off or on, as its argument says); undefined otherwise.
   */
  gradientContextOf(withStatement: SyntaxNode): 'off' | 'toggle' | undefined {
    let found: 'toggle' | undefined;
    for (const clause of this.children(withStatement)) {
      if (clause.type !== 'with_clause') continue;
      for (const item of this.children(clause)) {
        const value = item.childForFieldName('value');
        const expression = value?.type === 'as_pattern' ? this.children(value)[0] : value;
        const callee = expression?.type === 'call' ? this.resolveName(expression.childForFieldName('function')) : undefined;
        if (callee?.kind !== 'path') continue;
        if (modeConventions().some((c) => c.noGradContexts.has(callee.path))) return 'off';
        if (modeConventions().some((c) => c.gradToggleContexts.has(callee.path))) found = 'toggle';
      }
    }
    return found;
  }

  /** How the module names `torch.nn` in code a fix inserts (`nn`, `torch_nn`, `torch.nn`); undefined without a torch import. */
  torchNnName(): string | undefined {
    for (const candidate of pytorchNn.aliases) {
      const value = this.moduleValue(candidate);
      if (value?.kind === 'path' && value.path === pytorchNn.module) return candidate;
    }
    const torch = this.moduleValue(pytorchNn.root);
    return torch?.kind === 'path' && torch.path === pytorchNn.root ? pytorchNn.module : undefined;
  }

  /** The text of the file this front end reads. */
  get sourceText(): string {
    return this.text;
  }

  /** What a project path (`@project[model.py].Net`) names, read from that file; unknown outside a project. */
  projectDefinition(path: string): Value {
    return this.projectValue({ kind: 'path', path });
  }

  /** A class's bases, those imported from other project files resolved. */
  private basesOf(cls: ClassInfo): Value[] {
    return cls.bases.map((base) => this.projectValue(base));
  }

  /** Whether `cls` derives from a class of the project or another class of this file derives from it. */
  private inHierarchy(cls: ClassInfo): boolean {
    const derives = (sub: ClassInfo, base: ClassInfo | undefined) =>
      this.basesOf(sub).some((b) => b.kind === 'class' && (base === undefined || b.cls === base));
    return derives(cls, undefined) || this.classes.some((other) => other !== cls && derives(other, cls));
  }

  /** A name or dotted name that refers to another project file (its path value, unresolved). */
  private importedName(node: SyntaxNode, env: Env): Value | undefined {
    let value: Value | undefined;
    if (node.type === 'identifier') value = env.lookup(node.text);
    else if (node.type === 'attribute') {
      const object = this.importedName(node.childForFieldName('object')!, env);
      value = object?.kind === 'path' ? { kind: 'path', path: `${object.path}.${node.childForFieldName('attribute')?.text}` } : undefined;
    }
    return value?.kind === 'path' && isProjectPath(value.path) ? value : undefined;
  }

  /** Module-level names (for `from module import *` of a project file). */
  moduleNames(): string[] {
    return [...this.moduleEnv.vars.keys()].filter((name) => !name.startsWith('_'));
  }

  private pathValue(path: string): Value {
    const spec = lookupLayer(path);
    if (spec) return { kind: 'ctor', spec, boundArgs: [], boundPositional: 0 };
    return { kind: 'path', path };
  }

  private defineFunction(node: SyntaxNode, env: Env, decorators: string[], owner: ClassInfo | undefined): void {
    const name = node.childForFieldName('name')?.text ?? '<function>';
    const fn: FunctionInfo = { name, node, owner, decorators, home: this };
    if (!owner) this.functions.push(fn);
    env.vars.set(name, { kind: 'function', fn });
  }

  private defineClass(node: SyntaxNode, env: Env): void {
    // A base from another project file stays its (project) path: read only when a lookup needs it,
    // and the mode analysis, which reads this file's classes on their own, sees its name.
    const bases = this.children(node.childForFieldName('superclasses'))
      .filter((b) => b.type !== 'keyword_argument')
      .map((b) => (this.project && this.importedName(b, env)) || this.expression(b, env, { returns: undefined }));
    const cls: ClassInfo = { name: node.childForFieldName('name')?.text ?? '<class>', node, bases, attributes: new Map(), methods: new Map(), home: this };
    const classEnv = new Env(env);
    const body = node.childForFieldName('body');
    for (const statement of this.children(body)) {
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (definition?.type === 'function_definition') {
        const decorators =
          statement.type === 'decorated_definition'
            ? this.children(statement)
                .filter((c) => c.type === 'decorator')
                .map((d) => this.qualifiedNameOf(this.children(d)[0], env) ?? this.children(d)[0]?.text ?? '')
            : [];
        const name = definition.childForFieldName('name')?.text ?? '';
        cls.methods.set(name, { name, node: definition, owner: cls, decorators, home: this });
      } else {
        // Class-level fields (Flax dataclass attributes, Keras class constants).
        this.statement(statement, classEnv, { returns: undefined, self: cls });
        for (const [k, v] of classEnv.vars) cls.attributes.set(k, v);
      }
    }
    this.classes.push(cls);
    env.vars.set(cls.name, { kind: 'class', cls });
  }

  /**
   * Runs the initializers, which define the sub-layers, then each other method that can build or
   * wire a layer: one naming a layer-ish name, or using a sub-layer or container (`self.conv1`).
   * Other methods (a test class's hundreds of test cases) are not read.
   */
  private evaluateClass(cls: ClassInfo, mentions: (node: SyntaxNode) => boolean): void {
    const methods = [...cls.methods.values()];
    for (const method of methods) if (isInitMethod(method.name)) this.callFunction(method, undefined);
    let usesSubLayer: RegExp | undefined;
    for (const method of methods) {
      if (isInitMethod(method.name)) continue;
      usesSubLayer ??= selfAttributePattern(this.layerishAttributes(cls, new Set()));
      if (mentions(method.node) || usesSubLayer.test(method.node.text)) this.callFunction(method, undefined);
    }
  }

  /** Attributes of a class (and its same-file bases) that may hold a layer, container or module. */
  private layerishAttributes(cls: ClassInfo, seen: Set<ClassInfo>): string[] {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const names: string[] = [];
    for (const [name, value] of cls.attributes) {
      if (value.kind !== 'unknown' && value.kind !== 'const' && value.kind !== 'tensor' && value.kind !== 'path') names.push(name);
    }
    for (const base of this.basesOf(cls)) if (base.kind === 'class') names.push(...this.layerishAttributes(base.cls, seen));
    return names;
  }

  /**
   * Evaluates a function body with the arguments of a call (constants, layer classes, partials,
   * tensors; defaults for the rest) and returns what it returns, memoized by the bound values. A
   * call without arguments (`args` undefined: a definition read on its own) binds only defaults.
   * Past MAX_BINDINGS_PER_FUNCTION distinct bindings a function is read with unknown arguments.
   */
  private callFunction(fn: FunctionInfo, args: EvaluatedArguments | undefined): Value {
    if (fn.home && fn.home !== this) return this.callImported(fn, fn.home, args);
    const id = fn.node.id;
    if (this.inProgress.has(id) || this.depth >= MAX_CALL_DEPTH) return UNKNOWN;
    // A method reads the sub-layers `__init__` defines: a module-level `Net()(x)` can reach
    // `forward` before the class's own evaluation, so the initializers run first.
    if (fn.owner && !isInitMethod(fn.name)) {
      const runFirst = (name: string) => {
        const init = this.classMethod(fn.owner!, name);
        if (init && init !== fn && !this.evaluated.has(init.node.id)) this.callFunction(init, undefined);
      };
      runFirst(PYTHON_INITIALIZER);
      for (const name of layerBuildMethodNames()) runFirst(name);
    }
    let bindings = this.bindParameters(fn, args);
    if (args) this.recordCallSite(id, bindings.given);
    // Imported code builds one set of layers per call of the analysed file: each shows at its call.
    const site = this.imported ? `@${this.project!.session.callSite?.start}` : '';
    let key = `${id}${site}:${bindings.key}`;
    let memo = this.functionResults.get(key);
    if (memo) return this.reused(key, args, memo);
    const seen = this.bindingsSeen.get(id) ?? 0;
    if (seen >= MAX_BINDINGS_PER_FUNCTION) {
      bindings = this.bindParameters(fn, { positional: [], keywords: [], opaque: true });
      key = `${id}${site}:${bindings.key}`;
      memo = this.functionResults.get(key);
      if (memo) return this.reused(key, args, memo);
    }
    this.bindingsSeen.set(id, seen + 1);
    this.evaluated.add(id);
    this.inProgress.add(id);
    this.depth++;
    const fedBefore = this.branches.fed.length;
    try {
      const env = new Env(this.moduleEnv);
      const frame: FunctionFrame = { returns: undefined, self: fn.owner, fn };
      for (const [name, value] of bindings.values) env.vars.set(name, value);
      const body = fn.node.childForFieldName('body');
      if (body) this.block(body, env, frame);
      const result = frame.returns ?? { kind: 'const', value: null };
      // A helper read on its own returns to no caller: what it returns is used where it is called.
      // A forward pass's result is the model's output (or fed on by the module that calls it).
      // A layer output either returns beside what it fed here (`f1 = x` before the BatchNorm, then
      // `return [f1, f2]`; `return self.bn(y) + y`) goes on past that BatchNorm: its bias is needed.
      const fed = this.branches.fedSince(fedBefore);
      if (!args) {
        if (!forwardMethodNames().includes(fn.name)) for (const source of tensorSources(result)) for (const use of source.uses ?? []) use.consumed = true;
        // One leaving a branch under a condition the code controls is that branch's exit, recorded at the `if`.
        for (const source of nestedSources(result)) if (fed.has(source.layer) && !source.ops.some((op) => op.condition)) this.branches.exits.add(source.layer);
        // Classes related by inheritance share sub-layers but each forward is its own model's
        // output: a subclass feeding a base's layer into a BatchNorm does not make its bias
        // redundant where the base (or a sibling) returns it.
        if (forwardMethodNames().includes(fn.name) && fn.owner && this.inHierarchy(fn.owner))
          for (const source of nestedSources(result)) this.branches.exits.add(source.layer);
      }
      this.functionResults.set(key, result);
      this.fedByReading.set(key, fed);
      return result;
    } finally {
      this.depth--;
      this.inProgress.delete(id);
    }
  }

  /**
   * A memoized reading reused for a call with the same bindings: a tracked use passed in reaches
   * a layer exactly when the same layer fed one in that reading.
   */
  private reused(key: string, args: EvaluatedArguments | undefined, result: Value): Value {
    const fed = this.fedByReading.get(key);
    for (const arg of [...(args?.positional ?? []), ...(args?.keywords ?? [])])
      for (const source of tensorSources(arg.value)) if (fed?.has(source.layer)) for (const use of source.uses ?? []) use.consumed = true;
    return result;
  }

  /**
   * A helper's result at this call site (or the output of `only`, a helper-built layer, applied
   * here): each layer output in it becomes a tracked use.
   */
  private tracked(value: Value, only?: LayerConstruction): Value {
    if (value.kind !== 'tensor') return value;
    return {
      kind: 'tensor',
      sources: value.sources.map((source) => {
        if (!source.layer.spec.biasParam || (only && source.layer !== only)) return source;
        const use: TensorUse = { layer: source.layer, consumed: false };
        this.uses.push(use);
        return withUse(source, use);
      }),
    };
  }

  /** The call of this file that runs imported code (a project helper, constructor or method). */
  private currentCall: SyntaxNode | undefined;

  /**
   * Runs a function of another project file with this call's arguments. The analysed file's own
   * call marks where the layers built on its behalf show; without one (a definition read on its
   * own) the imported code is not run.
   */
  private callImported(fn: FunctionInfo, home: PythonFrontEnd, args: EvaluatedArguments | undefined): Value {
    const session = this.project?.session;
    if (!session || session.closed) return UNKNOWN;
    const outermost = !this.imported;
    if (outermost && !this.currentCall) return UNKNOWN;
    if (outermost) session.callSite = rangeOf(this.currentCall!);
    // The call depth carries over, so mutual calls between files end like recursion in one file.
    const homeDepth = home.depth;
    home.depth = Math.max(homeDepth, this.depth + 1);
    try {
      return home.callFunction(fn, args);
    } catch {
      // Code of another file that the front end cannot follow stays unknown.
      return UNKNOWN;
    } finally {
      home.depth = homeDepth;
      if (outermost) session.callSite = undefined;
    }
  }

  /** Functions read at least once (a definition called in the file is not read again on its own). */
  private readonly evaluated = new Set<number>();
  private readonly bindingsSeen = new Map<number, number>();

  /**
   * What each parameter holds for a call: the argument passed by position or keyword, else the
   * default (evaluated at module level, as Python does), else a tensor of unknown origin. Constants
   * remember the parameter they came through. `key` identifies the binding for memoization.
   */
  private bindParameters(fn: FunctionInfo, args: EvaluatedArguments | undefined): { values: Map<string, Value>; key: string; given: Map<string, Value> } {
    const values = new Map<string, Value>();
    const given = new Map<string, Value>();
    const keyParts: string[] = [];
    const params = this.children(fn.node.childForFieldName('parameters'));
    const hasSelf = fn.owner !== undefined && !fn.decorators.some((d) => d.endsWith('staticmethod'));
    let positionalIndex = 0;
    let positionalOpen = true;
    const positional = args?.positional ?? [];
    // A spread we cannot see into leaves every later positional parameter unknown.
    const firstOpaque = positional.findIndex((a) => a.opaque);
    const knownPositional = firstOpaque < 0 ? positional : positional.slice(0, firstOpaque);
    params.forEach((param, index) => {
      const type = param.type;
      if (type === 'list_splat_pattern' || type === 'keyword_separator') positionalOpen = false;
      if (type === 'list_splat_pattern' || type === 'dictionary_splat_pattern' || type === 'keyword_separator' || type === 'positional_separator') return;
      const nameNode = type === 'identifier' ? param : (param.childForFieldName('name') ?? this.children(param)[0]);
      if (!nameNode || nameNode.type !== 'identifier') return;
      const name = nameNode.text;
      if (index === 0 && hasSelf) {
        values.set(name, { kind: 'instance', cls: fn.owner });
        return;
      }
      let value: Value | undefined;
      if (positionalOpen && positionalIndex < knownPositional.length) value = knownPositional[positionalIndex].value;
      const viaSpread = positionalOpen && firstOpaque >= 0 && positionalIndex >= firstOpaque;
      if (positionalOpen) positionalIndex++;
      value ??= args?.keywords.find((k) => (k.keyword ?? k.keywordNode?.text) === name)?.value;
      if (value !== undefined) given.set(name, value);
      const defaultNode = param.childForFieldName('value');
      let ownDefault = false;
      if (value === undefined && defaultNode) {
        const defaultValue = this.expression(defaultNode, this.moduleEnv, { returns: undefined });
        // `**kwargs` or a spread at the call may set it: only the call site knows.
        if (!viaSpread && !args?.opaque) value = defaultValue;
        ownDefault = !args;
      }
      if (value === undefined || value.kind === 'unknown') value = NO_SOURCES;
      if (value.kind === 'const') {
        const origin = ownDefault ? { fn: fn.node.id, param: name } : this.ownDefaults.get(value);
        value = { kind: 'const', value: value.value, parameter: name };
        if (origin) this.ownDefaults.set(value, origin);
      }
      values.set(name, value);
      keyParts.push(bindingKey(value));
    });
    return { values, key: keyParts.join(','), given };
  }

  private recordCallSite(fn: number, given: ReadonlyMap<string, Value>): void {
    const entry = this.callSites.get(fn) ?? { sites: 0, given: new Map<string, (ConstValue | undefined)[]>() };
    entry.sites++;
    for (const [param, value] of given) entry.given.set(param, [...(entry.given.get(param) ?? []), constOf(value)]);
    this.callSites.set(fn, entry);
  }

  /**
   * A layer argument a function read on its own took from a parameter's default describes no code
   * of this file when every call site of the file gives that parameter (`DepthWiseConv2d(...,
   * bias=False)` at each): it takes the value they all give, or none when they differ.
   */
  private settleOwnDefaults(): void {
    for (const { args, index, fn, param } of this.defaultedArguments) {
      const entry = this.callSites.get(fn);
      const given = entry?.given.get(param);
      if (!entry || !given || given.length < entry.sites) continue;
      const first = given[0];
      const agreed = given.every((v) => v !== undefined && first !== undefined && constEqual(v, first)) ? first : undefined;
      args[index] = { ...args[index], value: agreed };
    }
  }

  // ---------------------------------------------------------------- expressions

  /** The qualified name an expression refers to (`nn.BatchNorm2d` → `torch.nn.BatchNorm2d`). */
  private qualifiedNameOf(node: SyntaxNode | undefined, env: Env): string | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier') {
      const v = env.lookup(node.text);
      return v?.kind === 'path' ? v.path : v?.kind === 'ctor' && v.boundArgs.length === 0 ? undefined : undefined;
    }
    if (node.type === 'attribute') {
      const base = this.qualifiedNameOf(node.childForFieldName('object') ?? undefined, env);
      return base ? `${base}.${node.childForFieldName('attribute')?.text}` : undefined;
    }
    if (node.type === 'call') return this.qualifiedNameOf(node.childForFieldName('function') ?? undefined, env);
    return undefined;
  }

  private expression(node: SyntaxNode | null | undefined, env: Env, frame: FunctionFrame): Value {
    if (!node) return UNKNOWN;
    const type = node.type;
    // Without a layer in the file only names matter (to the mode analysis): calls, literals and
    // containers are not evaluated at all.
    if (this.declarationsOnly && type !== 'identifier' && type !== 'attribute') return UNKNOWN;
    if (this.constantsOnly && (type === 'call' || type === 'lambda' || type.endsWith('comprehension') || type === 'generator_expression')) return UNKNOWN;
    switch (type) {
      case 'integer':
      case 'float': {
        const n = numberLiteral(node.text);
        return n === undefined ? UNKNOWN : { kind: 'const', value: n };
      }
      case 'true':
        return { kind: 'const', value: true };
      case 'false':
        return { kind: 'const', value: false };
      case 'none':
        return { kind: 'const', value: null };
      case 'string': {
        // Only an f-string with `{` can hold code worth evaluating.
        const text = node.text;
        if (text.includes('{')) for (const c of this.children(node)) if (c.type === 'interpolation') this.expression(this.children(c)[0], env, frame);
        const s = stringLiteral(text);
        return s === undefined ? UNKNOWN : { kind: 'const', value: s };
      }
      case 'identifier': {
        const name = node.text;
        if (name === 'self' && frame.self) return env.lookup('self') ?? { kind: 'instance', cls: frame.self };
        const value = env.lookup(name);
        return value ? this.projectValue(value) : UNKNOWN;
      }
      case 'attribute':
        return this.attribute(node, env, frame);
      case 'parenthesized_expression':
        return this.expression(this.children(node)[0], env, frame);
      case 'not_operator': {
        // Only a constant of the code itself: `bias=not batch_norm` on a parameter stays open (BN101's own fix).
        const argument = this.expression(node.childForFieldName('argument'), env, frame);
        const truth = parameterOf(argument) === undefined ? truthOf(argument) : undefined;
        return truth === undefined ? UNKNOWN : { kind: 'const', value: !truth };
      }
      case 'unary_operator': {
        const v = this.expression(node.childForFieldName('argument'), env, frame);
        const op = node.childForFieldName('operator')?.text;
        if (v.kind === 'const' && typeof v.value === 'number') return { ...v, value: op === '-' ? -v.value : op === '+' ? v.value : ~v.value };
        return v.kind === 'tensor' ? v : UNKNOWN;
      }
      case 'binary_operator': {
        const left = this.expression(node.childForFieldName('left'), env, frame);
        const right = this.expression(node.childForFieldName('right'), env, frame);
        const op = node.childForFieldName('operator')?.text ?? '';
        return this.binary(op, left, right, node);
      }
      case 'tuple':
      case 'expression_list':
        return { kind: 'tuple', items: this.children(node).map((c) => this.expression(c, env, frame)) };
      case 'list': {
        const items: Value[] = [];
        let complete = true;
        for (const c of this.children(node)) {
          if (c.type === 'list_splat') {
            const inner = this.expression(this.children(c)[0], env, frame);
            if (inner.kind === 'list' || inner.kind === 'tuple') items.push(...inner.items);
            else complete = false;
          } else items.push(this.expression(c, env, frame));
        }
        return { kind: 'list', items, complete };
      }
      case 'call':
        return this.call(node, env, frame);
      case 'conditional_expression': {
        const [a, condition, b] = this.children(node);
        const tested = this.expression(condition, env, frame);
        // A condition known here (a constant, a call site's argument) picks its side. A parameter's
        // own default (the function read on its own) is one configuration of many, as for an `if`
        // on it: `128 if deep_base else 64` may be either, like the layers its `if deep_base:` builds.
        if (tested.kind === 'const' && typeof tested.value === 'boolean' && !this.ownDefaults.has(tested))
          return this.expression(tested.value ? a : b, env, frame);
        return join(this.expression(a, env, frame), this.expression(b, env, frame));
      }
      case 'comparison_operator': {
        const [left, right, more] = this.children(node);
        const a = this.expression(left, env, frame);
        const b = this.expression(right, env, frame);
        const operator = node.children.find((c) => c && !c.isNamed)?.type;
        if (more || a.kind !== 'const' || b.kind !== 'const' || (operator !== '==' && operator !== '!=')) return UNKNOWN;
        const equal = constEqual(a.value, b.value);
        return { kind: 'const', value: operator === '==' ? equal : !equal };
      }
      case 'keyword_argument':
        return this.expression(node.childForFieldName('value'), env, frame);
      case 'subscript': {
        // `self.bns[i]` with `i` known (a loop over `enumerate(self.convs)`): that module of a known
        // list. Only modules: a constant read this way (`channels[3]`) could pair readings of a
        // helper made for different call sites.
        const object = this.expression(node.childForFieldName('value'), env, frame);
        const indices = node.childrenForFieldName('subscript').filter((n) => n !== null);
        const index = indices.length === 1 ? this.expression(indices[0], env, frame) : UNKNOWN;
        const items = knownItems(object);
        if (items && index.kind === 'const' && typeof index.value === 'number' && Number.isInteger(index.value)) {
          const item = items[index.value < 0 ? items.length + index.value : index.value];
          if (item && SUBSCRIPTED_MODULES.has(item.kind)) return item;
        }
        if (indices.length !== 1) for (const c of indices) this.expression(c, env, frame);
        return UNKNOWN;
      }
      case 'lambda':
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        // Evaluated once for the layers they construct; their result has unknown length.
        const scope = env.fork();
        const [body, ...clauses] = this.children(node);
        for (const c of clauses) this.expression(c, scope, frame);
        const element = node.type === 'lambda' ? UNKNOWN : this.expression(body, scope, frame);
        if (node.type === 'lambda') for (const c of this.children(node)) this.expression(c, scope, frame);
        return node.type === 'list_comprehension' ? { kind: 'list', items: [], complete: false, element } : UNKNOWN;
      }
      default:
        // Without a call inside, nothing in this subtree constructs a layer or has an effect.
        if (this.parens.within(node.startIndex, node.endIndex)) for (const c of this.children(node)) this.expression(c, env, frame);
        return UNKNOWN;
    }
  }

  private attribute(node: SyntaxNode, env: Env, frame: FunctionFrame): Value {
    const object = this.expression(node.childForFieldName('object'), env, frame);
    return this.attributeOf(object, node.childForFieldName('attribute')?.text ?? '');
  }

  private attributeOf(object: Value, name: string): Value {
    switch (object.kind) {
      case 'path':
        return isProjectPath(object.path) ? this.projectValue({ kind: 'path', path: `${object.path}.${name}` }) : this.pathValue(`${object.path}.${name}`);
      case 'instance': {
        const attr = this.classAttribute(object.cls, name);
        if (attr) return attr;
        const method = this.classMethod(object.cls, name);
        return method ? { kind: 'function', fn: method } : UNKNOWN;
      }
      case 'class': {
        const attr = this.classAttribute(object.cls, name);
        return attr ?? UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private classAttribute(cls: ClassInfo, name: string, seen = new Set<ClassInfo>()): Value | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    const own = cls.attributes.get(name);
    if (own) return own;
    for (const base of this.basesOf(cls))
      if (base.kind === 'class') {
        const inherited = this.classAttribute(base.cls, name, seen);
        if (inherited) return inherited;
      }
    return undefined;
  }

  private classMethod(cls: ClassInfo, name: string, seen = new Set<ClassInfo>()): FunctionInfo | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    const own = cls.methods.get(name);
    if (own) return own;
    for (const base of this.basesOf(cls))
      if (base.kind === 'class') {
        const inherited = this.classMethod(base.cls, name, seen);
        if (inherited) return inherited;
      }
    return undefined;
  }

  private binary(op: string, left: Value, right: Value, node?: SyntaxNode): Value {
    if (left.kind === 'const' && right.kind === 'const' && typeof left.value === 'number' && typeof right.value === 'number') {
      const a = left.value;
      const b = right.value;
      const result =
        op === '+'
          ? a + b
          : op === '-'
            ? a - b
            : op === '*'
              ? a * b
              : op === '/'
                ? b === 0
                  ? NaN
                  : a / b
                : op === '//'
                  ? b === 0
                    ? NaN
                    : Math.floor(a / b)
                  : op === '%'
                    ? b === 0
                      ? NaN
                      : a % b
                    : op === '**'
                      ? a ** b
                      : NaN;
      if (!Number.isFinite(result)) return UNKNOWN;
      const parameter = left.parameter ?? right.parameter;
      return parameter ? { kind: 'const', value: result, parameter } : { kind: 'const', value: result };
    }
    if (op === '+' && (left.kind === 'list' || left.kind === 'tuple') && (right.kind === 'list' || right.kind === 'tuple')) {
      return {
        kind: 'list',
        items: [...left.items, ...right.items],
        complete: (left.kind !== 'list' || left.complete) && (right.kind !== 'list' || right.complete),
      };
    }
    // `[conv, bn, relu] * 2` repeats the same layer objects: each use chains as written.
    const repeats = (v: Value) => v.kind === 'const' && typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0 && v.value <= 64;
    const repeated = op === '*' && repeats(right) ? left : op === '*' && repeats(left) ? right : undefined;
    if (repeated && (repeated.kind === 'tuple' || (repeated.kind === 'list' && repeated.complete))) {
      const times = ((repeated === left ? right : left) as { value: number }).value;
      return { kind: 'list', items: Array.from({ length: times }, () => repeated.items).flat(), complete: true };
    }
    if (left.kind === 'tensor' || right.kind === 'tensor') {
      // A residual add keeps both inputs' channels; so does scaling by a number (`residual * 0.1`,
      // `x / 2`), which keeps a per-channel constant one. Other arithmetic is not followed.
      const byNumber = (v: Value) => v.kind === 'const' && typeof v.value === 'number' && v.value !== 0;
      const scales = (op === '*' && (byNumber(left) || byNumber(right))) || (op === '/' && left.kind === 'tensor' && byNumber(right));
      const kind: OpKind = op === '+' ? 'add' : scales ? 'scale' : 'unknown';
      const tensorOp: TensorOp = { kind, name: op, range: node ? rangeOf(node) : undefined };
      return { kind: 'tensor', sources: mergeSources(tensorSources(left), tensorSources(right)).map((s) => withOp(s, tensorOp)) };
    }
    return UNKNOWN;
  }

  // ---------------------------------------------------------------- calls

  private call(node: SyntaxNode, env: Env, frame: FunctionFrame): Value {
    const calleeNode = node.childForFieldName('function');
    const argsNode = node.childForFieldName('arguments');
    const calleeType = calleeNode?.type;
    if (calleeType === 'identifier' && calleeNode!.text === 'type' && !env.lookup('type')) {
      const [subject, more] = this.children(argsNode);
      if (subject?.type === 'identifier' && !more) return { kind: 'type-of', subject: subject.text };
    }
    let callee: Value;
    if (calleeNode && calleeType === 'attribute') {
      // The object is evaluated once: chained calls (`a.f().g().h()`) stay linear.
      const object = this.expression(calleeNode.childForFieldName('object'), env, frame);
      const method = this.methodCall(node, calleeNode, object, argsNode, env, frame);
      if (method) return method;
      callee = this.attributeOf(object, calleeNode.childForFieldName('attribute')?.text ?? '');
    } else callee = this.expression(calleeNode, env, frame);
    const args = this.evaluateArguments(argsNode, env, frame);
    // `backend, layers, models, utils = get_submodules_from_kwargs(kwargs)` (keras-applications).
    const calledName =
      calleeType === 'attribute' ? calleeNode!.childForFieldName('attribute')?.text : calleeType === 'identifier' ? calleeNode!.text : undefined;
    // Known by name whether the helper is unknown or read from another project file (`from . import get_submodules_from_kwargs`).
    const fromElsewhere = callee.kind === 'unknown' || (callee.kind === 'function' && callee.fn.home !== this);
    const injected = fromElsewhere && calledName ? injectedModules(calledName) : undefined;
    if (injected) return { kind: 'tuple', items: injected.map((path) => ({ kind: 'path', path }) as const) };
    if (callee.kind === 'unknown' && calleeType === 'identifier' && (calledName === 'enumerate' || calledName === 'zip') && !env.lookup(calledName))
      return pairedItems(calledName, args);
    if (callee.kind === 'unknown' && calleeType === 'identifier' && calledName === 'list' && !env.lookup(calledName)) return listCall(args);
    this.currentCall = node;
    try {
      return this.callValue(node, calleeNode, callee, args, frame);
    } finally {
      this.currentCall = undefined;
    }
  }

  private callValue(node: SyntaxNode, calleeNode: SyntaxNode | null, callee: Value, args: EvaluatedArguments, frame: FunctionFrame): Value {
    switch (callee.kind) {
      case 'ctor':
        return this.construct(node, callee, args, frame.fn);
      case 'path':
        return this.pathCall(node, callee.path, args);
      case 'layer': {
        const output = this.apply(callee, args.positional[0]?.value ?? NO_SOURCES, node);
        return this.builtInHelper.has(callee.layer) ? this.tracked(output, callee.layer) : output;
      }
      case 'sequential':
        return this.apply(callee, args.positional[0]?.value ?? NO_SOURCES, node);
      case 'function':
        return this.tracked(this.callFunction(callee.fn, args));
      case 'class': {
        // The constructor runs with this call's arguments (`Block(64, bn_momentum=0.0)`).
        const init = this.classMethod(callee.cls, '__init__');
        if (init) this.callFunction(init, args);
        return { kind: 'instance', cls: callee.cls };
      }
      case 'instance': {
        const output = this.forwardOutput(callee.cls);
        return output ? this.tracked(output) : this.opaqueOp(args.positional[0]?.value, calleeNode?.text ?? 'call', node);
      }
      default:
        return this.opaqueOp(args.positional[0]?.value, calleeNode?.text ?? 'call', node);
    }
  }

  /** What a same-file module's forward pass outputs (its last layers), when it outputs a tensor. */
  private forwardOutput(cls: ClassInfo): Extract<Value, { kind: 'tensor' }> | undefined {
    const forward = forwardMethodNames().reduce<FunctionInfo | undefined>((found, name) => found ?? this.classMethod(cls, name), undefined);
    const result = forward ? this.callFunction(forward, undefined) : UNKNOWN;
    return result.kind === 'tensor' ? result : undefined;
  }

  /** Unknown calls on a tensor break every chain through them. */
  private opaqueOp(input: Value | undefined, name: string, node: SyntaxNode): Value {
    if (!input || input.kind !== 'tensor') return input?.kind === 'unknown' || !input ? NO_SOURCES : UNKNOWN;
    const op: TensorOp = { kind: 'unknown', name, range: rangeOf(node) };
    return { kind: 'tensor', sources: input.sources.map((s) => withOp(s, op)) };
  }

  /** `layers.append(m)`, `model.add(m)`, `x.view(...)`, `self.add_module(name, m)`; undefined when not one of these. */
  private methodCall(node: SyntaxNode, callee: SyntaxNode, object: Value, argsNode: SyntaxNode | null, env: Env, frame: FunctionFrame): Value | undefined {
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (object.kind === 'path' || object.kind === 'instance' || object.kind === 'class') return undefined;
    const args = this.evaluateArguments(argsNode, env, frame);
    const first = args.positional[0]?.value ?? UNKNOWN;
    if (object.kind === 'list') {
      const target = callee.childForFieldName('object');
      if (method === 'append') this.addTo(target, object, [first], env, node);
      else if (method === 'extend' && (first.kind === 'list' || first.kind === 'tuple')) this.addTo(target, object, first.items, env, node);
      else if (method === 'insert') (this.writable(target, object, env) as { complete: boolean }).complete = false;
      return UNKNOWN;
    }
    if (object.kind === 'sequential') {
      const target = callee.childForFieldName('object');
      if (containerAppendMethods().has(method)) this.addTo(target, object, [first], env, node);
      else if (method === pytorchAddModule) this.addTo(target, object, [args.positional[1]?.value ?? UNKNOWN], env, node);
      return UNKNOWN;
    }
    if (method === pytorchAddModule && callee.childForFieldName('object')?.text === 'self' && frame.self) {
      const name = constOf(first);
      if (typeof name === 'string') frame.self.attributes.set(name, args.positional[1]?.value ?? UNKNOWN);
      return UNKNOWN;
    }
    if (object.kind === 'layer' && method === kerasLayerApply) {
      return this.apply(object, first, node);
    }
    if (object.kind === 'tensor') {
      const kind = lookupTensorMethodOp(method) ?? 'unknown';
      const op: TensorOp = { kind, name: method, range: rangeOf(node) };
      const others = args.positional.map((a) => a.value).filter((v) => v.kind === 'tensor');
      const sources = kind === 'add' ? others.reduce((acc, v) => mergeSources(acc, tensorSources(v)), object.sources as TensorSource[]) : object.sources;
      return { kind: 'tensor', sources: sources.map((s) => withOp(s, op)) };
    }
    return UNKNOWN;
  }

  /**
   * The dict literal a `**config` spreads, when every key is a string and the file cannot have
   * changed it: written right there, or a module constant (bound once) that the file uses only
   * in such spreads, so no `config['momentum'] = ...` or `config.update(...)` rewrites it.
   */
  private spreadDictionary(spread: SyntaxNode | undefined): SyntaxNode | undefined {
    let dictionary = spread;
    if (spread?.type === 'identifier') {
      dictionary = this.moduleConstant(spread.text);
      if (dictionary && !this.onlySpread(spread.text, dictionary)) return undefined;
    }
    if (dictionary?.type !== 'dictionary') return undefined;
    const literalKeys = this.children(dictionary).every(
      (pair) => pair.type === 'pair' && stringLiteral(pair.childForFieldName('key')?.text ?? '') !== undefined,
    );
    return literalKeys ? dictionary : undefined;
  }

  private readonly spreadOnly = new Map<string, boolean>();

  /** Whether every mention of `name` is `**name` or the binding of `dictionary` (see spreadDictionary). */
  private onlySpread(name: string, dictionary: SyntaxNode): boolean {
    let only = this.spreadOnly.get(name);
    if (only === undefined) {
      const binding = dictionary.parent?.childForFieldName('left');
      only = OccurrenceIndex.ofNames(this.text, [name]).offsets.every((at) => {
        const node = this.root.descendantForIndex(at);
        if (!node) return false;
        if (node.type !== 'identifier' || node.text !== name) return node.type === 'comment' || node.type === 'string' || node.type === 'string_content';
        return node.id === binding?.id || node.parent?.type === 'dictionary_splat';
      });
      this.spreadOnly.set(name, only);
    }
    return only;
  }

  private evaluateArguments(argsNode: SyntaxNode | null, env: Env, frame: FunctionFrame): EvaluatedArguments {
    const positional: EvaluatedArgument[] = [];
    const keywords: EvaluatedArgument[] = [];
    let opaque = false;
    // Each `.type` is a call into WebAssembly: read once per node.
    const generator = argsNode?.type === 'generator_expression';
    for (const arg of this.children(argsNode)) {
      const type = arg.type;
      if (type === 'keyword_argument') {
        const nameNode = arg.childForFieldName('name');
        const valueNode = arg.childForFieldName('value');
        keywords.push({ node: arg, valueNode: valueNode ?? arg, keywordNode: nameNode ?? undefined, value: this.expression(valueNode, env, frame) });
      } else if (type === 'list_splat') {
        const inner = this.expression(this.children(arg)[0], env, frame);
        if ((inner.kind === 'list' && inner.complete) || inner.kind === 'tuple') {
          for (const item of inner.items) positional.push({ node: arg, valueNode: arg, value: item, spread: true });
        } else {
          opaque = true;
          positional.push({ node: arg, valueNode: arg, value: inner, spread: true, opaque: true });
        }
      } else if (type === 'dictionary_splat') {
        const spread = this.children(arg)[0];
        const dictionary = this.spreadDictionary(spread);
        if (dictionary) {
          for (const pair of this.children(dictionary)) {
            const keyNode = pair.childForFieldName('key')!;
            const valueNode = pair.childForFieldName('value') ?? pair;
            keywords.push({
              node: pair,
              valueNode,
              keyword: stringLiteral(keyNode.text),
              value: this.expression(valueNode, env, frame),
              fromDict: rangeOf(dictionary),
            });
          }
        } else {
          this.expression(spread, env, frame);
          opaque = true;
        }
      } else if (generator) {
        this.expression(argsNode, env, frame);
        opaque = true;
        break;
      } else {
        positional.push({ node: arg, valueNode: arg, value: this.expression(arg, env, frame) });
      }
    }
    return { positional, keywords, opaque };
  }

  private pathCall(node: SyntaxNode, path: string, args: EvaluatedArguments): Value {
    const byDefault = defaultCallResult(path);
    if (byDefault !== undefined) return { kind: 'const', value: byDefault };
    // `keras.Model(inputs, outputs)`: a layer output among the outputs is the model's, and its bias is needed there.
    if (isModuleBaseClass(path) && path.endsWith(kerasFunctionalModel.classSuffix)) {
      const outputs =
        args.positional[kerasFunctionalModel.outputsPosition]?.value ??
        args.keywords.find((k) => (k.keyword ?? k.keywordNode?.text) === kerasFunctionalModel.outputsKeyword)?.value;
      for (const source of outputs ? nestedSources(outputs) : []) this.branches.exits.add(source.layer);
    }
    if (PARTIAL_FUNCTIONS.has(path)) {
      const target = args.positional[0]?.value;
      if (target?.kind !== 'ctor') return UNKNOWN;
      const bound = this.bindArguments(
        target.spec,
        { positional: args.positional.slice(1), keywords: args.keywords, opaque: args.opaque },
        target.boundPositional,
        undefined,
      );
      const partialRange = rangeOf(node);
      const all = [...target.boundArgs, ...bound.map((a) => ({ ...a, fromPartial: partialRange }))];
      if (bound.length > 0 && !this.partials.has(node.startIndex)) {
        const shape = argumentListShape(node.childForFieldName('arguments'));
        const calleeNode = node.childForFieldName('function')!;
        this.partials.set(node.startIndex, {
          spec: target.spec,
          range: partialRange,
          args: bound,
          editor: pythonArgumentEditor(
            this.text,
            () => this.lines(),
            shape,
            lastNameRange(calleeNode),
            () => bound,
          ),
        });
      }
      return { kind: 'ctor', spec: target.spec, boundArgs: all, partialRange, boundPositional: target.boundPositional + args.positional.length - 1 };
    }
    if (isSequentialContainer(path)) {
      const items: Value[] = [];
      for (const arg of args.positional) {
        const v = arg.value;
        // nn.Sequential(OrderedDict([...])) and keras.Sequential([...]) take one collection.
        if (args.positional.length === 1 && (v.kind === 'list' || v.kind === 'tuple')) items.push(...v.items.map(namedItem));
        else items.push(namedItem(v));
      }
      // The container's own chain exists even if nothing in this file ever calls it.
      const sequential: Extract<Value, { kind: 'sequential' }> = { kind: 'sequential', items: [], tail: NO_SOURCES };
      for (const item of items) this.appendToSequential(sequential, item, node);
      return sequential;
    }
    if (ORDERED_DICT.has(path)) {
      const v = args.positional[0]?.value;
      return v?.kind === 'list' || v?.kind === 'tuple' ? { kind: 'list', items: v.items.map(namedItem), complete: true } : UNKNOWN;
    }
    if (pytorchModuleLists.has(path)) {
      const v = args.positional[0]?.value;
      // `nn.ModuleList()` filled by `append` afterwards.
      if (!v && args.keywords.length === 0 && !args.opaque) return { kind: 'list', items: [], complete: true };
      return v?.kind === 'list' ? v : UNKNOWN;
    }
    const op = lookupFunctionOp(path);
    if (op) {
      const sources = operandSources(
        op,
        [...args.positional, ...args.keywords].map((a) => a.value),
      );
      const tensorOp: TensorOp = { kind: op, name: path.split('.').pop()!, range: rangeOf(node), ...(op === 'dropout' ? functionalRate(args) : {}) };
      return { kind: 'tensor', sources: sources.map((s) => withOp(s, tensorOp)) };
    }
    return this.opaqueOp(args.positional[0]?.value, path, node);
  }

  private construct(node: SyntaxNode, ctor: Extract<Value, { kind: 'ctor' }>, args: EvaluatedArguments, scope: FunctionInfo | undefined): Value {
    const own = this.bindArguments(ctor.spec, args, ctor.boundPositional, undefined);
    const bound = [...ctor.boundArgs, ...own];
    // One construction per call and distinct argument values: a helper called with other
    // arguments builds another layer at the same place.
    const key = `${node.startIndex}:${ctor.spec.framework}.${ctor.spec.name}:${args.opaque}:${JSON.stringify(bound.map((a) => [a.param ?? a.keyword, a.value, a.viaParameter]))}`;
    const callSite = this.imported ? this.project!.session.callSite : undefined;
    let layer = this.layersByNode.get(callSite ? `${key}@${callSite.start}` : key);
    if (!layer) {
      const calleeNode = node.childForFieldName('function')!;
      const argsNode = node.childForFieldName('arguments');
      layer = {
        id: this.imported ? this.project!.session.foreignLayerId() : this.layers.length,
        spec: ctor.spec,
        language: 'python',
        range: rangeOf(node),
        calleeRange: rangeOf(calleeNode),
        calleeText: calleeNode.text,
        args: bound,
        hasOpaqueArguments: args.opaque,
        partialRange: ctor.partialRange,
        editor: pythonArgumentEditor(
          this.text,
          () => this.lines(),
          argumentListShape(argsNode),
          lastNameRange(calleeNode),
          () => bound,
        ),
        scope: scope ? rangeOf(scope.node) : undefined,
      };
      if (callSite) {
        layer = placedAt(layer, callSite);
        this.project!.session.placed.add(layer);
      }
      if (scope && !(scope.owner && isInitMethod(scope.name))) this.builtInHelper.add(layer);
      this.recordDefaultedArguments(bound, ctor.boundArgs.length, args);
      this.layers.push(layer);
      this.layersByNode.set(callSite ? `${key}@${callSite.start}` : key, layer);
    }
    // TF1's functional `tf.layers.batch_normalization(inputs, ...)` constructs and applies at once.
    if (ctor.spec.params[0]?.name === tf1Api.functionalInput) {
      const input = layer.args.find((a) => a.param === tf1Api.functionalInput);
      const inputValue = input ? (args.positional[0]?.value ?? args.keywords.find((k) => k.keywordNode?.text === tf1Api.functionalInput)?.value) : undefined;
      return this.apply({ kind: 'layer', layer }, inputValue ?? NO_SOURCES, node);
    }
    return { kind: 'layer', layer };
  }

  /** Notes the arguments (from `offset` in `bound`) whose value is a default of a function read on its own. */
  private recordDefaultedArguments(bound: BoundArgument[], offset: number, args: EvaluatedArguments): void {
    // In bindArguments' order: positional arguments up to the first opaque one, then keywords.
    const opaque = args.positional.findIndex((a) => a.opaque);
    const positional = opaque < 0 ? args.positional : args.positional.slice(0, opaque);
    const values = [...positional.map((a) => (a.spread ? undefined : a.value)), ...args.keywords.map((k) => k.value)];
    values.forEach((value, i) => {
      const origin = value && this.ownDefaults.get(value);
      if (origin && bound[offset + i]) this.defaultedArguments.push({ args: bound, index: offset + i, ...origin });
    });
  }

  /** Binds call arguments to parameters by position and keyword, evaluating each to a constant. */
  private bindArguments(spec: LayerSpec, args: EvaluatedArguments, positionalOffset: number, fromPartial: TextRange | undefined): BoundArgument[] {
    const bound: BoundArgument[] = [];
    const positionalParams = spec.params.filter((p) => !p.keywordOnly);
    let index = positionalOffset;
    for (const arg of args.positional) {
      if (arg.opaque) break;
      const param = positionalParams[index];
      bound.push({
        param: param?.name,
        valueRange: rangeOf(arg.valueNode),
        range: rangeOf(arg.node),
        value: arg.spread ? undefined : constOf(arg.value),
        valueText: arg.valueNode.text,
        fromPartial,
        positionalIndex: index,
        viaParameter: arg.spread ? undefined : parameterOf(arg.value),
        valueName: arg.spread ? undefined : nameText(arg.valueNode),
      });
      index++;
    }
    for (const kw of args.keywords) {
      const keyword = kw.keyword ?? kw.keywordNode?.text ?? '';
      const known = spec.acceptsAnyKeyword || spec.params.some((p) => p.name === keyword) || spec.extraKeywords?.includes(keyword);
      // A dict's key the table does not know is the dict's business (it may configure other layers too).
      if (kw.fromDict && !known) continue;
      bound.push({
        param: known ? keyword : undefined,
        keyword,
        fromDict: kw.fromDict,
        keywordRange: kw.keywordNode ? rangeOf(kw.keywordNode) : undefined,
        valueRange: rangeOf(kw.valueNode),
        range: rangeOf(kw.node),
        value: constOf(kw.value),
        valueText: kw.valueNode.text,
        fromPartial,
        viaParameter: parameterOf(kw.value),
        valueName: nameText(kw.valueNode),
      });
    }
    return bound;
  }

  /**
   * The list or container a name holds, ready to change: a branch (or a function) that does not own
   * it gets a copy, bound to the name in its own scope.
   */
  private writable<T extends Extract<Value, { kind: 'list' | 'sequential' }>>(target: SyntaxNode | null | undefined, value: T, env: Env): T {
    if (target?.type !== 'identifier' || env.owns(value)) return value;
    const copy = { ...value, items: [...value.items] };
    env.bind(target.text, copy);
    return copy;
  }

  /**
   * Adds items to the list or container `target` holds (`layers.append(m)`, `layers += [...]`,
   * `model.add(m)`). A name's container is changed in a copy if this scope does not own it; one
   * reached through an attribute (`self.body`) is shared, so items added where the code may not run
   * are optional: a choice with nothing.
   */
  private addTo(
    target: SyntaxNode | null | undefined,
    container: Extract<Value, { kind: 'list' | 'sequential' }>,
    items: readonly Value[],
    env: Env,
    node: SyntaxNode,
  ): void {
    const changed = this.writable(target, container, env);
    // A container this branch built itself (`self.down = nn.Sequential()` in the same `if`) is one path.
    const added = optionalItems(items, env.conditional && !env.owns(container) && target?.type !== 'identifier', env.condition);
    if (changed.kind === 'list') changed.items.push(...added);
    else for (const item of added) this.appendToSequential(changed, item, node);
  }

  private appendToSequential(sequential: Extract<Value, { kind: 'sequential' }>, item: Value, node: SyntaxNode): void {
    sequential.items.push(item);
    sequential.tail = this.apply(item, sequential.tail, node);
  }

  /** Passes a tensor through a layer or container, recording which layer feeds which. */
  private apply(module: Value, input: Value, node: SyntaxNode): Value {
    if (module.kind === 'choice') return this.applyChoice(module, input, node);
    if (module.kind === 'sequential') {
      let current = input;
      for (const item of module.items) current = this.apply(item, current, node);
      return current;
    }
    if (module.kind === 'list' || module.kind === 'tuple') {
      let current = input;
      for (const item of module.items) current = this.apply(item, current, node);
      return current;
    }
    const sources = input.kind === 'tensor' ? input.sources : [];
    // A same-file module inside a container (`keras.Sequential([Conv2Plus1D(...), LayerNormalization()])`) outputs what its forward does.
    const forward = module.kind === 'instance' ? this.forwardOutput(module.cls) : undefined;
    if (forward) return forward;
    if (module.kind !== 'layer') {
      const op: TensorOp = { kind: 'unknown', name: 'module', range: rangeOf(node) };
      return { kind: 'tensor', sources: sources.map((s) => withOp(s, op)) };
    }
    const layer = module.layer;
    const opKind = layer.spec.opKind;
    if (!PRODUCER_ROLES.has(layer.spec.role) && opKind) {
      const op: TensorOp = { kind: opKind, name: layer.calleeText, range: layer.range };
      // A merge layer applied to its inputs (`layers.Add()([inputs, attn])`) carries each input on.
      const merged = (input.kind === 'list' || input.kind === 'tuple') && MERGE_OPS.has(opKind) ? operandSources(opKind, [input]) : sources;
      return { kind: 'tensor', sources: merged.map((s) => withOp(s, op)) };
    }
    for (const source of sources) {
      recordEdge(this.edges, source, layer);
      this.branches.fed.push(source.layer);
      for (const use of source.uses ?? []) use.consumed = true;
    }
    return { kind: 'tensor', sources: [{ layer, ops: fusedActivation(layer) }] };
  }

  /**
   * Joins branch scopes. A container built up in place (`model.add(...)`) that one branch extends
   * with a layer fed by `L` while another leaves `L` at its end makes `L` a branch exit.
   */
  private merge(env: Env, branches: Env[], builder?: Env): void {
    this.branches.containersJoined(env.mergeFrom(branches, builder), env.vars, this.edges, sequentialParts, layersIn, markSequentialTail);
  }

  /**
   * `try: N = OptionalPackage.SyncBN` / `except: N = nn.BatchNorm2d`: the optional import is meant as a
   * drop-in for the framework class the handler falls back to, so the name stands for that class.
   */
  private preferFallbackClasses(env: Env, [body, ...handlers]: Env[]): void {
    for (const [name, value] of body.vars) {
      if (value.kind !== 'path' || env.vars.get(name)?.kind !== 'unknown') continue;
      const fallbacks = handlers.map((h) => h.vars.get(name)).filter((v) => v !== undefined);
      const first = fallbacks[0];
      if (first?.kind === 'ctor' && fallbacks.every((v) => join(v, first) === first)) env.bind(name, first);
    }
  }

  /** Which layers fed others, and the layers that leave a branch: shared with the other front end. */
  private readonly branches = new BranchFacts();

  /** Applies each option of a choice to the same input and joins what comes out (see BranchFacts). */
  private applyChoice(choice: Extract<Value, { kind: 'choice' }>, input: Value, node: SyntaxNode): Value {
    const outputs = this.branches.applyChoice(
      choice,
      (option) => option.reduce((output, item) => this.apply(item, output, node), input),
      tensorSources,
      (value, map): Value => (value.kind === 'tensor' ? { kind: 'tensor', sources: value.sources.map(map) } : value),
    );
    return outputs.reduce((a, b) => join(a, b), NO_SOURCES);
  }
}

/**
 * `self.name` for any of the names (never matches when there are none): a lexical prefilter for
 * methods that use a sub-layer. Deciding what the code means is still the tree's job.
 */
function selfAttributePattern(names: readonly string[]): RegExp {
  if (names.length === 0) return /(?!)/;
  const escaped = [...new Set(names)].map(escapeRegExp);
  return new RegExp(`\\bself\\s*\\.\\s*(?:${escaped.join('|')})(?!\\w)`);
}

/** A sequential container's items and the tensors leaving it. */
function sequentialParts(value: Value): { items: readonly Value[]; tail: readonly TensorSource[] } | undefined {
  return value.kind === 'sequential' ? { items: value.items, tail: tensorSources(value.tail) } : undefined;
}

/** Marks the tensors leaving a joined sequential container (see BranchFacts.containersJoined). */
function markSequentialTail(value: Value | undefined, mark: (source: TensorSource) => TensorSource): void {
  const tail = value?.kind === 'sequential' ? value.tail : undefined;
  if (value?.kind === 'sequential' && tail?.kind === 'tensor') value.tail = { kind: 'tensor', sources: tail.sources.map(mark) };
}

/** The layers among container items, including those inside nested containers and choices. */
const SUBSCRIPTED_MODULES: ReadonlySet<Value['kind']> = new Set(['layer', 'sequential', 'instance', 'list']);

/** The items of a list, tuple or container whose items are all known (no branch's choice among them). */
function knownItems(value: Value): readonly Value[] | undefined {
  const items = value.kind === 'sequential' || value.kind === 'tuple' || (value.kind === 'list' && value.complete) ? value.items : undefined;
  return items && !items.some((item) => item.kind === 'choice') ? items : undefined;
}

/**
 * `enumerate(items)` and `zip(a, b)` over known lists of the same length (parallel ModuleLists
 * filled in one loop): tuples of the index or the other lists' items, position by position.
 */
function pairedItems(name: 'enumerate' | 'zip', args: EvaluatedArguments): Value {
  if (args.keywords.length > 0 || args.opaque) return UNKNOWN;
  const lists = args.positional.map((a) => knownItems(a.value));
  if (lists.length === 0 || lists.some((l) => !l) || (name === 'enumerate' && lists.length !== 1)) return UNKNOWN;
  const known = lists as (readonly Value[])[];
  const length = known[0].length;
  if (known.some((l) => l.length !== length) || length > MAX_UNROLLED_ITEMS) return UNKNOWN;
  const items: Value[] = [];
  for (let i = 0; i < length; i++)
    items.push({ kind: 'tuple', items: name === 'enumerate' ? [{ kind: 'const', value: i }, known[0][i]] : known.map((l) => l[i]) });
  return { kind: 'list', items, complete: true };
}

/** Ops whose result carries every operand on (`x + y`, `concatenate([a, b])`). */
const MERGE_OPS: ReadonlySet<OpKind> = new Set(['add', 'concat']);

/** The sources an op's result carries on: every tensor operand's (in lists too) for a merge, else the first's. */
function operandSources(op: OpKind, operands: readonly Value[]): readonly TensorSource[] {
  const flat = operands.flatMap((v) => (v.kind === 'tensor' ? [v] : v.kind === 'list' || v.kind === 'tuple' ? v.items.filter((i) => i.kind === 'tensor') : []));
  return MERGE_OPS.has(op) ? flat.reduce<TensorSource[]>((acc, v) => mergeSources(acc, tensorSources(v)), []) : tensorSources(flat[0] ?? NO_SOURCES);
}

/** The tensors a value holds, in tuples and lists too (`return inputs, [f1, f2]`). */
function nestedSources(value: Value): readonly TensorSource[] {
  if (value.kind === 'tuple' || value.kind === 'list') return value.items.flatMap(nestedSources);
  return tensorSources(value);
}

function layersIn(items: readonly Value[]): LayerConstruction[] {
  return items.flatMap((item) => {
    if (item.kind === 'layer') return [item.layer];
    if (item.kind === 'sequential' || item.kind === 'list' || item.kind === 'tuple') return layersIn(item.items);
    if (item.kind === 'choice') return item.options.flatMap(layersIn);
    return [];
  });
}

/** `list()` is a new empty list, `list([conv, bn])` / `list((conv, bn))` a new list of the same items. */
function listCall(args: EvaluatedArguments): Value {
  const [first, more] = args.positional;
  if (args.keywords.length > 0 || args.opaque || more) return UNKNOWN;
  if (!first) return { kind: 'list', items: [], complete: true };
  const v = first.value;
  if (v.kind === 'list') return { ...v, items: [...v.items] };
  return v.kind === 'tuple' ? { kind: 'list', items: [...v.items], complete: true } : UNKNOWN;
}

/** The text of a name or attribute chain of names (`hidden_dim`, `self.width`); undefined for anything else. */
function nameText(node: SyntaxNode): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  return object && nameText(object) !== undefined ? node.text : undefined;
}

/** Whether a name in scope already holds the value (an alias, not a container built here). */
function valueIsBound(env: Env, value: Value): boolean {
  for (let scope: Env | undefined = env; scope; scope = scope.parent) for (const v of scope.vars.values()) if (v === value) return true;
  return false;
}

/** What a bound parameter value contributes to a memo key: constants and layer classes by value, the rest by kind. */
function bindingKey(value: Value): string {
  switch (value.kind) {
    case 'const':
      return JSON.stringify(value.value);
    case 'ctor':
      return `${value.spec.framework}.${value.spec.name}(${JSON.stringify(value.boundArgs.map((a) => [a.param, a.value]))})`;
    case 'layer':
      return `layer${value.layer.id}`;
    case 'tensor':
      return `tensor[${value.sources.map((s) => `${s.layer.id}/${s.ops.length}`).join(' ')}]`;
    case 'function':
      return `fn${value.fn.node.id}`;
    case 'class':
    case 'instance':
      return `${value.kind}${value.cls.node.id}`;
    case 'path':
      return value.path;
    default:
      return value.kind;
  }
}

/** `OrderedDict` entries are `(name, module)` tuples; the module is what the container applies. */
function namedItem(v: Value): Value {
  return v.kind === 'tuple' && v.items.length === 2 ? v.items[1] : v;
}

function lastNameRange(callee: SyntaxNode): TextRange {
  if (callee.type === 'attribute') {
    const attr = callee.childForFieldName('attribute');
    if (attr) return rangeOf(attr);
  }
  return rangeOf(callee);
}

interface EvaluatedArgument {
  readonly node: SyntaxNode;
  readonly valueNode: SyntaxNode;
  readonly keywordNode?: SyntaxNode;
  /** A keyword set by a `**config` dict literal (its key); `fromDict` is the dict. */
  readonly keyword?: string;
  readonly fromDict?: TextRange;
  readonly value: Value;
  readonly spread?: boolean;
  readonly opaque?: boolean;
}

/** `F.dropout(x, p=rate)` or `F.dropout(x, rate)`: the rate as written, for BN102. */
function functionalRate(args: EvaluatedArguments): { rate?: number | 'unknown' } {
  const given =
    args.keywords.find((a) => a.keywordNode?.text === pytorchFunctionalDropoutRate.keyword)?.value ??
    args.positional[pytorchFunctionalDropoutRate.position]?.value;
  if (!given) return args.opaque ? { rate: 'unknown' } : {};
  return { rate: given.kind === 'const' && typeof given.value === 'number' ? given.value : 'unknown' };
}

interface EvaluatedArguments {
  readonly positional: EvaluatedArgument[];
  readonly keywords: EvaluatedArgument[];
  readonly opaque: boolean;
}

export type { ConstValue };
