/**
 * The TypeScript/JavaScript front end: reads a typescript-estree tree in statement order, like a
 * small abstract interpreter, and builds the framework-neutral semantic model for TensorFlow.js
 * code (layers, config keys, data flow) plus the TF.js mode facts (gradient scopes, model calls).
 * Anything it cannot resolve becomes `unknown`, which never produces a finding.
 */
import { BranchFacts, branchConditions, negateCondition, optionalItems, type BranchCondition, fusedActivation, recordEdge, withOp } from '../model/dataflow';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  isTfjsPackage,
  TFJS_GLOBAL,
  TFJS_ROOT,
  tfjsBatchTraining,
  tfjsEvaluateAndTrainMethods,
  tfjsApi,
  tfjsGradientFunctions,
  tfjsLayerCall,
  tfjsModelLoaders,
  tfjsOptimizerFactories,
  tfjsOptimizerGradientMethods,
  tfjsRunMethods,
  tfjsTable,
  tfjsTensorMethods,
  tfjsUnknownReceiverMethods,
} from '../frameworks/tfjs';
import type { LayerSpec, OpKind } from '../frameworks/types';
import type { AttributeAssignment, BoundArgument, LayerConstruction, LayerEdge, PartialBinding, TensorOp } from '../model/model';
import type { TextEdit, TextRange } from '../types';
import { isProjectPath, projectPath } from '../project/index';
import { edgesOfFile, placedAt } from '../project/session';
import type { TypeScriptProjectSession } from '../project/typescript';
import { appendConfigArgument, configEditor, insertProperty, type ObjectShape, type Trivia } from './editor';
import type { GradientApi, GradientScope, ModelCall, ModelCallMethod, ReceiverKind, TypeScriptSemanticModel } from './mode';
import {
  constOf,
  Env,
  hasBatchNorm,
  isPositional,
  isShorthandProp,
  isSymbolic,
  join,
  mergeSources,
  NO_SOURCES,
  rangeOf,
  tensorSources,
  UNKNOWN,
  type ClassInfo,
  type FunctionInfo,
  type ObjectLiteralInfo,
  type Prop,
  type TensorSource,
  type Value,
} from './values';

type Node = TSESTree.Node;

/** Roles whose layers start a new chain when a tensor passes through them. */
const PRODUCER_ROLES = new Set(['conv', 'linear', 'batchnorm', 'normalization', 'recurrent', 'attention', 'other']);
const MAX_CALL_DEPTH = 12;
/** Loops over a known list of layers are followed item by item up to this length. */
const MAX_UNROLLED_ITEMS = 32;

/** Indexed by any name the code calls. */
const GRADIENT_FUNCTIONS: Readonly<Record<string, GradientApi>> = tfjsGradientFunctions;
const OPTIMIZER_GRADIENT_METHODS: Readonly<Record<string, GradientApi>> = tfjsOptimizerGradientMethods;
/** Methods that run a model or layer on inputs and return its outputs. */
const RUN_METHODS: ReadonlySet<ModelCallMethod> = new Set(tfjsRunMethods);
const MODEL_METHODS: ReadonlySet<ModelCallMethod> = new Set([...tfjsRunMethods, ...tfjsEvaluateAndTrainMethods]);
/** Methods recorded on an object the analyzer cannot resolve: names specific enough to mean a model. */
const UNKNOWN_RECEIVER_METHODS = tfjsUnknownReceiverMethods;
/** Keys of AST nodes that never hold code worth evaluating. */
const SKIPPED_KEYS = new Set([
  'parent',
  'range',
  'loc',
  'type',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeArguments',
  'implements',
]);

interface Frame {
  /** The function being evaluated; undefined at module level. */
  readonly fn?: FunctionInfo;
  returns: Value | undefined;
  readonly self?: ClassInfo;
  /**
   * Layers a return under a condition lets out unchanged (`if (!useBn) return x;`), with where the
   * `fed` list stood: one that the code after it feeds to another layer is a branch exit.
   */
  earlyReturns?: { readonly layers: readonly LayerConstruction[]; readonly fedAt: number }[];
  /** A return the caller's constants decide was taken: the rest of the function does not run. */
  returned?: boolean;
}

interface EvaluatedArg {
  readonly node: Node;
  readonly value: Value;
  /** A spread argument (`...args`); `opaque` when its items are not known. */
  readonly spread?: boolean;
  readonly opaque?: boolean;
}

interface PendingModelCall {
  readonly node: TSESTree.CallExpression;
  readonly method: ModelCallMethod;
  readonly methodRange: TextRange;
  readonly receiver: Value;
  readonly receiverNode: Node;
  readonly args: readonly EvaluatedArg[];
  readonly enclosing?: FunctionInfo;
}

type MutableBound = { -readonly [K in keyof BoundArgument]: BoundArgument[K] };

/** What a module exports under a name: a binding of its own, a value, or another module's name (`export { x } from './m'`). */
type ExportSource = { readonly local: string } | { readonly value: Value } | { readonly path: string };

function unwrap(node: Node): Node {
  let n = node;
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSNonNullExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'TSTypeAssertion' ||
    n.type === 'TSInstantiationExpression' ||
    n.type === 'ChainExpression'
  ) {
    n = n.expression;
  }
  return n;
}

export function isTfjsModule(source: string): boolean {
  return isTfjsPackage(source);
}

export class TypeScriptFrontEnd {
  private readonly layers: LayerConstruction[] = [];
  private readonly layersByNode = new Map<Node, LayerConstruction>();
  private readonly edges: Map<string, LayerEdge>;
  private readonly attributeAssignments = new Map<number, AttributeAssignment>();
  private readonly literals = new Map<Node, ObjectLiteralInfo & { readonly ownProps: Prop[] }>();
  /** Which object literal each bound argument's property is written in. */
  private readonly argumentOrigins = new Map<BoundArgument, ObjectLiteralInfo>();
  private readonly functionsByNode = new Map<Node, FunctionInfo>();
  private readonly allFunctions: FunctionInfo[] = [];
  /** By function, or for imported code by call of the analysed file, function and argument values. */
  private readonly functionResults = new Map<Node | string, Value>();
  private readonly inProgress = new Set<Node>();
  private readonly classes: ClassInfo[] = [];
  /** Who calls whom (null: module-level code), for the mode facts. */
  private readonly callEdges = new Map<FunctionInfo | null, Set<FunctionInfo>>();
  private readonly gradientScopes: GradientScope[] = [];
  private readonly gradientScopeByCall = new Map<Node, number>();
  private readonly gradientRoots = new Map<FunctionInfo, number[]>();
  private readonly modelCalls = new Map<Node, PendingModelCall>();
  private readonly moduleEnv = new Env();
  private depth = 0;
  /** An imported project file read for the analysed one (not the analysed file itself). */
  private readonly imported: boolean;
  /** What the module exports (`export function`, `export { x as y } from`, `exports.x = `), by exported name. */
  private readonly exports = new Map<string, ExportSource>();
  /** `export * from './m'`: the project modules whose names this one re-exports. */
  readonly starExports: string[] = [];
  /** `module.exports = ...`: what `require` of this file returns. */
  private commonJsExports: Value | undefined;
  private readonly siteLayers = new Map<string, LayerConstruction>();

  constructor(
    private readonly text: string,
    private readonly program: TSESTree.Program,
    private readonly trivia: Trivia,
    /** Set when the file is read as part of a project: the session and this file's path in it. */
    private readonly project?: { readonly session: TypeScriptProjectSession; readonly file: string },
  ) {
    this.imported = project !== undefined && project.file !== project.session.file;
    this.edges = project?.session.edges ?? new Map<string, LayerEdge>();
    this.branches = project?.session.branches ?? new BranchFacts();
  }

  /** Reads the module level only (an imported project file: its definitions, constants, imports and exports). */
  readModuleLevel(): void {
    this.block(this.program.body, this.moduleEnv, { returns: undefined });
  }

  /** Whether a function was defined in this file (a function of another project file runs there). */
  defines(fn: FunctionInfo): boolean {
    return this.functionsByNode.get(fn.node) === fn;
  }

  /**
   * What the module exports under `name` (`default` included): a path for a re-export of another
   * module, undefined when it exports no such name (an `export *` may still hold it).
   */
  exportValue(name: string): Value | undefined {
    const source = this.exports.get(name);
    if (source)
      return 'local' in source ? (this.moduleEnv.lookup(source.local) ?? UNKNOWN) : 'path' in source ? { kind: 'path', path: source.path } : source.value;
    if (this.commonJsExports === undefined) return undefined;
    if (name === 'default') return this.commonJsExports;
    return this.commonJsExports.kind === 'object' ? this.commonJsExports.props.get(name)?.value : undefined;
  }

  build(): TypeScriptSemanticModel {
    this.readModuleLevel();
    // Code that nothing in the file calls still constructs layers: classes, exported functions, handlers.
    for (let i = 0; i < this.classes.length; i++) this.evaluateClass(this.classes[i]);
    for (let i = 0; i < this.allFunctions.length; i++) {
      const fn = this.allFunctions[i];
      if (!this.functionResults.has(fn.node)) this.callFunction(fn, [], undefined);
      if (i === this.allFunctions.length - 1) for (let j = 0; j < this.classes.length; j++) this.evaluateClass(this.classes[j]);
    }
    const partials = this.sharedConfigs();
    return {
      language: 'typescript',
      text: this.text,
      layers: this.layers,
      edges: this.project ? edgesOfFile(this.edges.values(), this.layers, this.project.session.placed) : [...this.edges.values()],
      partials,
      attributeAssignments: [...this.attributeAssignments.values()],
      branchExits: [...this.branches.exits],
      conditionalExits: this.branches.conditionalExits,
      tfjsModes: this.modeFacts(),
      definitions: this.definitions(),
    };
  }

  /** Named functions and classes in source order (`function buildGenerator`, `const critic = () => ...`, `class Generator`). */
  private definitions(): TypeScriptSemanticModel['definitions'] {
    const named = [
      ...this.allFunctions.flatMap((f) => (f.name ? [{ name: f.name, range: rangeOf(f.node) }] : [])),
      ...this.classes.map((c) => ({ name: c.name, range: rangeOf(c.node) })),
    ];
    return named.sort((a, b) => a.range.start - b.range.start);
  }

  // ---------------------------------------------------------------- statements

  private block(statements: readonly Node[], env: Env, frame: Frame): void {
    // Function declarations are hoisted: a call above the declaration reaches it.
    for (const s of statements) {
      const declaration = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
      if (declaration?.type === 'FunctionDeclaration' && declaration.id) {
        env.declare(declaration.id.name, this.functionValue(declaration, env, frame, declaration.id.name));
      }
    }
    for (const s of statements) {
      if (frame.returned) return;
      this.statement(s, env, frame);
    }
  }

  private statement(node: Node, env: Env, frame: Frame): void {
    switch (node.type) {
      case 'ExpressionStatement':
        this.expression(node.expression, env, frame);
        return;
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          const name = d.id.type === 'Identifier' ? d.id.name : undefined;
          const value = d.init ? this.expression(d.init, env, frame, name) : UNKNOWN;
          this.bindPattern(d.id, value, env, frame, true);
        }
        return;
      case 'FunctionDeclaration':
        if (node.id) env.declare(node.id.name, this.functionValue(node, env, frame, node.id.name));
        else this.functionValue(node, env, frame);
        return;
      case 'ClassDeclaration': {
        const cls = this.defineClass(node, env, frame);
        if (node.id) env.declare(node.id.name, cls);
        return;
      }
      case 'ImportDeclaration':
        this.importDeclaration(node, env);
        return;
      case 'TSImportEqualsDeclaration': {
        const ref = node.moduleReference;
        if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal' && typeof ref.expression.value === 'string') {
          env.declare(node.id.name, this.moduleValue(ref.expression.value));
        }
        return;
      }
      case 'ExportNamedDeclaration':
        if (node.declaration) this.statement(node.declaration, env, frame);
        if (this.project && env === this.moduleEnv) this.recordExports(node);
        return;
      case 'ExportDefaultDeclaration': {
        const d = node.declaration;
        if (
          d.type === 'FunctionDeclaration' ||
          d.type === 'ClassDeclaration' ||
          d.type === 'TSDeclareFunction' ||
          d.type === 'TSInterfaceDeclaration' ||
          d.type === 'VariableDeclaration'
        ) {
          this.statement(d, env, frame);
          if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') {
            const fn = d.type === 'FunctionDeclaration' ? this.functionsByNode.get(d) : undefined;
            this.exports.set('default', d.id ? { local: d.id.name } : { value: fn ? { kind: 'function', fn } : UNKNOWN });
          }
        } else {
          const value = this.expression(d, env, frame);
          this.exports.set('default', d.type === 'Identifier' ? { local: d.name } : { value });
        }
        return;
      }
      case 'TSExportAssignment':
        this.commonJsExports = this.expression(node.expression, env, frame);
        return;
      case 'IfStatement':
        this.ifStatement(node, env, frame);
        return;
      case 'ForOfStatement':
      case 'ForInStatement':
        this.forOf(node, env, frame);
        return;
      case 'ForStatement': {
        if (node.init) {
          if (node.init.type === 'VariableDeclaration') this.statement(node.init, env, frame);
          else this.expression(node.init, env, frame);
        }
        const body = env.fork();
        if (node.test) this.expression(node.test, body, frame);
        this.statement(node.body, body, frame);
        if (node.update) this.expression(node.update, body, frame);
        this.merge(env, [env.fork(), body], body);
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement': {
        const body = env.fork();
        this.expression(node.test, body, frame);
        this.statement(node.body, body, frame);
        this.merge(env, node.type === 'DoWhileStatement' ? [body] : [env.fork(), body], body);
        return;
      }
      case 'BlockStatement':
        this.block(node.body, env, frame);
        return;
      case 'StaticBlock':
        this.block(node.body, env, frame);
        return;
      case 'ReturnStatement': {
        const v = node.argument ? this.expression(node.argument, env, frame) : UNKNOWN;
        frame.returns = frame.returns === undefined ? v : join(frame.returns, v);
        if (env.conditional && frame.fn) (frame.earlyReturns ??= []).push({ layers: tensorSources(v).map((s) => s.layer), fedAt: this.branches.fed.length });
        return;
      }
      case 'TryStatement': {
        const body = env.fork();
        this.block(node.block.body, body, frame);
        const branches = [body];
        if (node.handler) {
          const handler = env.fork(true);
          if (node.handler.param) this.bindPattern(node.handler.param, UNKNOWN, handler, frame, true);
          this.block(node.handler.body.body, handler, frame);
          branches.push(handler);
        }
        this.merge(env, branches);
        if (node.finalizer) this.block(node.finalizer.body, env, frame);
        return;
      }
      case 'SwitchStatement': {
        this.expression(node.discriminant, env, frame);
        const branches: Env[] = [];
        for (const c of node.cases) {
          const branch = env.fork(true);
          if (c.test) this.expression(c.test, branch, frame);
          this.block(c.consequent, branch, frame);
          branches.push(branch);
        }
        if (!node.cases.some((c) => c.test === null)) branches.push(env.fork(true));
        this.merge(env, branches);
        return;
      }
      case 'LabeledStatement':
        this.statement(node.body, env, frame);
        return;
      case 'ThrowStatement':
        this.expression(node.argument, env, frame);
        return;
      case 'TSModuleDeclaration':
        if (node.body?.type === 'TSModuleBlock') this.block(node.body.body, new Env(env), frame);
        return;
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSEnumDeclaration':
      case 'TSDeclareFunction':
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
        return;
      case 'ExportAllDeclaration':
        if (this.project && env === this.moduleEnv && node.exportKind !== 'type') {
          const module = this.projectModule(node.source.value);
          if (node.exported) this.exports.set(exportedName(node.exported), { value: this.moduleValue(node.source.value) });
          else if (module !== undefined) this.starExports.push(module);
        }
        return;
      default:
        this.walkChildren(node, env, frame);
    }
  }

  private ifStatement(node: TSESTree.IfStatement, env: Env, frame: Frame): void {
    const test = this.expression(node.test, env, frame);
    if (this.imported && test.kind === 'const' && !Array.isArray(test.value)) {
      // Imported code runs with the caller's constants: `if (useBn)` with `false` passed takes one path.
      const taken = test.value ? node.consequent : node.alternate;
      if (taken) this.statement(taken, env, frame);
      const last = taken?.type === 'BlockStatement' ? taken.body[taken.body.length - 1] : taken;
      if (last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement') frame.returned = true;
      return;
    }
    // `if (flag) ... else ...` on a name the code controls (not an `else if` chain): each arm knows
    // when it runs. Not in imported code: a fix in the analysed file cannot name its parameters.
    const tested = node.alternate?.type === 'IfStatement' || this.imported ? undefined : controlledCondition(node.test, frame);
    const consequent = env.fork(true, tested);
    // What each path fed into another layer: a layer one path feeds on and another leaves as it is exits there.
    let start = this.branches.fed.length;
    this.statement(node.consequent, consequent, frame);
    const branches = [consequent];
    const fed = [this.branches.fedSince(start)];
    if (node.alternate) {
      const alternate = env.fork(true, tested && negateCondition(tested));
      start = this.branches.fed.length;
      this.statement(node.alternate, alternate, frame);
      branches.push(alternate);
      fed.push(this.branches.fedSince(start));
    } else {
      // `if (!ready) return;`: only the fall-through path reaches what follows.
      const last = node.consequent.type === 'BlockStatement' ? node.consequent.body[node.consequent.body.length - 1] : node.consequent;
      const exits = last !== undefined && ['ReturnStatement', 'ThrowStatement', 'ContinueStatement', 'BreakStatement'].includes(last.type);
      if (exits) branches.length = fed.length = 0;
      branches.push(env.fork(true, tested && negateCondition(tested)));
      fed.push(new Set());
    }
    this.branches.joinTensorPaths(
      branches.map((b) => ({ names: b.vars.keys(), get: (name: string) => b.lookup(name), set: (name: string, value: Value) => b.vars.set(name, value) })),
      fed,
      branchConditions(branches),
      (v): v is Extract<Value, { kind: 'tensor' }> => v?.kind === 'tensor',
    );
    this.merge(env, branches);
  }

  private forOf(node: TSESTree.ForOfStatement | TSESTree.ForInStatement, env: Env, frame: Frame): void {
    const iterated = this.expression(node.right, env, frame);
    const target = node.left.type === 'VariableDeclaration' ? node.left.declarations[0]?.id : node.left;
    const declare = node.left.type === 'VariableDeclaration';
    const body = env.fork();
    const items = node.type === 'ForOfStatement' && iterated.kind === 'array' && iterated.complete && isPositional(iterated) ? [...iterated.items] : undefined;
    const structural = (v: Value) => v.kind === 'layer' || v.kind === 'sequential' || v.kind === 'instance' || v.kind === 'model';
    if (items && items.length > 0 && items.length <= MAX_UNROLLED_ITEMS && items.some(structural)) {
      // `for (const layer of layers) x = layer.apply(x)` over a known list: follow each item in order.
      for (const item of items) {
        if (target) this.bindPattern(target, item, body, frame, declare);
        this.statement(node.body, body, frame);
      }
      this.merge(env, [body]);
      return;
    }
    const element = items && items.length > 0 ? items.reduce((a, b) => join(a, b)) : UNKNOWN;
    if (target) this.bindPattern(target, element, body, frame, declare);
    this.statement(node.body, body, frame);
    // The body may run zero times (but a list it builds is read as built).
    this.merge(env, [env.fork(), body], body);
  }

  /** `export function f`, `export const a = ...`, `export { a as b }`, `export { x as y } from './m'`. */
  private recordExports(node: TSESTree.ExportNamedDeclaration): void {
    if (node.exportKind === 'type') return;
    const d = node.declaration;
    if ((d?.type === 'FunctionDeclaration' || d?.type === 'ClassDeclaration') && d.id) this.exports.set(d.id.name, { local: d.id.name });
    if (d?.type === 'VariableDeclaration') for (const v of d.declarations) if (v.id.type === 'Identifier') this.exports.set(v.id.name, { local: v.id.name });
    for (const s of node.specifiers) {
      if (s.exportKind === 'type') continue;
      const local = exportedName(s.local);
      const exported = exportedName(s.exported);
      if (!node.source) this.exports.set(exported, { local });
      else {
        const module = this.projectModule(node.source.value);
        if (module !== undefined) this.exports.set(exported, { path: projectPath(module, [local]) });
        else this.exports.set(exported, { value: isTfjsModule(node.source.value) ? this.pathValue(`${TFJS_ROOT}.${local}`) : UNKNOWN });
      }
    }
  }

  /** `module.exports = v`, `module.exports.name = v`, `exports.name = v` at module level. */
  private recordCommonJsExport(target: Node, value: Value): void {
    if (target.type !== 'MemberExpression' || target.computed || target.property.type !== 'Identifier') return;
    const isModuleExports = (n: Node) =>
      n.type === 'MemberExpression' &&
      !n.computed &&
      n.object.type === 'Identifier' &&
      n.object.name === 'module' &&
      n.property.type === 'Identifier' &&
      n.property.name === 'exports';
    if (isModuleExports(target)) this.commonJsExports = value;
    else if (isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports')) {
      this.exports.set(target.property.name, { value });
    }
  }

  /** The project file a relative import names, when the file is read as part of a project. */
  private projectModule(source: string): string | undefined {
    return this.project?.session.index.resolveScript(source, this.project.file);
  }

  /**
   * A project path's meaning (an imported function or constant); unknown when it does not
   * resolve, so a name of a missing or unreadable project file never reaches a rule.
   */
  private projectValue(value: Value): Value {
    if (value.kind !== 'path' || !this.project || !isProjectPath(value.path)) return value;
    return this.project.session.resolve(value.path) ?? UNKNOWN;
  }

  private importDeclaration(node: TSESTree.ImportDeclaration, env: Env): void {
    const module = node.importKind === 'type' ? undefined : this.projectModule(node.source.value);
    if (module !== undefined) {
      for (const s of node.specifiers) {
        if (s.type === 'ImportNamespaceSpecifier') env.declare(s.local.name, { kind: 'path', path: projectPath(module) });
        else if (s.type === 'ImportDefaultSpecifier') env.declare(s.local.name, { kind: 'path', path: projectPath(module, ['default']) });
        else env.declare(s.local.name, s.importKind === 'type' ? UNKNOWN : { kind: 'path', path: projectPath(module, [exportedName(s.imported)]) });
      }
      return;
    }
    if (node.importKind === 'type' || !isTfjsModule(node.source.value)) {
      // Another module's `tf` shadows the browser global.
      for (const s of node.specifiers) env.declare(s.local.name, UNKNOWN);
      return;
    }
    for (const s of node.specifiers) {
      if (s.type === 'ImportNamespaceSpecifier' || s.type === 'ImportDefaultSpecifier') env.declare(s.local.name, { kind: 'path', path: TFJS_ROOT });
      else if (s.importKind !== 'type') {
        const imported = s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
        env.declare(s.local.name, this.pathValue(`${TFJS_ROOT}.${imported}`));
      }
    }
  }

  private moduleValue(source: string): Value {
    if (isTfjsModule(source)) return { kind: 'path', path: TFJS_ROOT };
    const module = this.projectModule(source);
    return module === undefined ? UNKNOWN : { kind: 'path', path: projectPath(module) };
  }

  private pathValue(path: string): Value {
    const spec = tfjsTable.layers.get(path);
    return spec ? { kind: 'ctor', spec } : { kind: 'path', path };
  }

  /** Binds a declaration or assignment target (identifier, member, destructuring pattern). */
  private bindPattern(target: Node, value: Value, env: Env, frame: Frame, declare: boolean, assignment?: TSESTree.AssignmentExpression): void {
    switch (target.type) {
      case 'Identifier':
        if (declare) env.declare(target.name, value);
        else env.assign(target.name, value);
        return;
      case 'MemberExpression': {
        const owner = this.expression(target.object, env, frame);
        const name = this.memberName(target, env, frame);
        if (name === undefined) return;
        if (owner.kind === 'instance') owner.cls.attributes.set(name, value);
        else if (owner.kind === 'object') {
          const prop = owner.props.get(name);
          if (prop) owner.props.set(name, { ...prop, value: UNKNOWN });
          else owner.opaque = true;
        } else if (owner.kind === 'layer' && assignment) this.recordAttributeAssignment(assignment, owner.layer.spec, name, value);
        return;
      }
      case 'ObjectPattern':
        for (const p of target.properties) {
          if (p.type === 'RestElement') {
            this.bindPattern(p.argument, UNKNOWN, env, frame, declare);
            continue;
          }
          const key = this.propertyKey(p, env, frame);
          this.bindPattern(p.value, key === undefined ? UNKNOWN : this.attributeOf(value, key), env, frame, declare);
        }
        return;
      case 'ArrayPattern':
        target.elements.forEach((element, i) => {
          if (!element) return;
          if (element.type === 'RestElement') this.bindPattern(element.argument, UNKNOWN, env, frame, declare);
          else this.bindPattern(element, value.kind === 'array' && isPositional(value) ? (value.items[i] ?? UNKNOWN) : UNKNOWN, env, frame, declare);
        });
        return;
      case 'AssignmentPattern': {
        const fallback = this.expression(target.right, env, frame);
        this.bindPattern(target.left, value.kind === 'unknown' ? fallback : value, env, frame, declare);
        return;
      }
      case 'RestElement':
        this.bindPattern(target.argument, UNKNOWN, env, frame, declare);
        return;
      case 'TSParameterProperty':
        this.bindPattern(target.parameter, value, env, frame, declare);
        return;
      default:
        if (target.type === 'TSAsExpression' || target.type === 'TSNonNullExpression' || target.type === 'TSSatisfiesExpression') {
          this.bindPattern(target.expression, value, env, frame, declare, assignment);
        }
    }
  }

  /** `bn.momentum = 0.99` on a BatchNormalization (TF.js reads the field on every call). */
  private recordAttributeAssignment(assignment: TSESTree.AssignmentExpression, spec: LayerSpec, attribute: string, value: Value): void {
    if (attribute !== spec.momentum?.param && attribute !== spec.epsParam) return;
    this.attributeAssignments.set(assignment.range[0], {
      attribute,
      range: rangeOf(assignment),
      valueRange: rangeOf(assignment.right),
      value: constOf(value),
      valueText: this.source(assignment.right),
      spec,
    });
  }

  // ---------------------------------------------------------------- functions and classes

  private functionValue(node: TSESTree.FunctionLike, env: Env, frame: Frame, name?: string): Value {
    let fn = this.functionsByNode.get(node);
    if (!fn) {
      fn = { name: name ?? node.id?.name, node, closure: env, self: node.type === 'ArrowFunctionExpression' ? frame.self : undefined };
      this.functionsByNode.set(node, fn);
      this.allFunctions.push(fn);
    }
    return { kind: 'function', fn };
  }

  /**
   * Evaluates a function body once (memoized) and returns what it returns. The first call's
   * arguments are bound when they are layers, models, objects or tensors (so `train(model)` sees
   * the model); constants stay unknown, since later calls may pass others. Imported code runs once
   * per call of the analysed file and argument values instead: its constants are the caller's
   * (`convBn(x, 64)` builds a conv with 64 filters), a missing argument takes the default.
   */
  private callFunction(fn: FunctionInfo, args: readonly Value[], caller: Frame | undefined, site?: Node): Value {
    if (this.project && !this.defines(fn)) return this.callImported(fn, args, site);
    if (caller && !this.imported) {
      const key = caller.fn ?? null;
      let callees = this.callEdges.get(key);
      if (!callees) this.callEdges.set(key, (callees = new Set()));
      callees.add(fn);
    }
    const memoKey = this.imported ? `${this.project!.session.callSite?.start}:${fn.node.range[0]}:${args.map((a) => valueKey(a)).join(',')}` : fn.node;
    const memo = this.functionResults.get(memoKey);
    if (memo) return memo;
    if (this.inProgress.has(fn.node) || this.depth >= MAX_CALL_DEPTH) return UNKNOWN;
    this.inProgress.add(fn.node);
    this.depth++;
    try {
      const env = new Env(fn.closure);
      const frame: Frame = { fn, returns: undefined, self: fn.self };
      fn.node.params.forEach((param, i) => {
        if (param.type === 'Identifier' && param.name === 'this') return;
        const arg = args[i];
        const missing = arg === undefined || (arg.kind === 'const' && arg.value === undefined);
        const value = arg === undefined ? NO_SOURCES : arg.kind === 'const' && !this.imported ? UNKNOWN : arg;
        if (param.type === 'AssignmentPattern') {
          // Evaluated for the layers it may construct; the parameter itself stays unknown (but for imported code).
          const fallback = this.expression(param.right, env, frame);
          this.bindPattern(param.left, this.imported && missing ? fallback : value, env, frame, true);
        } else if (param.type === 'RestElement') this.bindPattern(param.argument, UNKNOWN, env, frame, true);
        else this.bindPattern(param, value, env, frame, true);
      });
      const body = fn.node.body;
      if (body?.type === 'BlockStatement') this.block(body.body, env, frame);
      else if (body) frame.returns = this.expression(body, env, frame);
      for (const { layers, fedAt } of frame.earlyReturns ?? []) {
        const fedLater = new Set(this.branches.fed.slice(fedAt));
        for (const layer of layers) if (fedLater.has(layer)) this.branches.exits.add(layer);
      }
      const result = frame.returns ?? UNKNOWN;
      this.functionResults.set(memoKey, result);
      return result;
    } finally {
      this.depth--;
      this.inProgress.delete(fn.node);
    }
  }

  /**
   * Runs a function of another project file with this call's arguments. The analysed file's own
   * call marks where the layers built on its behalf show; without one (a callback handed to
   * unknown code) the imported code is not run.
   */
  private callImported(fn: FunctionInfo, args: readonly Value[], site: Node | undefined): Value {
    const session = this.project!.session;
    const home = session.homeOf(fn);
    if (!home || session.closed) return UNKNOWN;
    const outermost = !this.imported;
    if (outermost && !site) return UNKNOWN;
    if (outermost) session.callSite = rangeOf(site!);
    // The call depth carries over, so mutual calls between files end like recursion in one file.
    const homeDepth = home.depth;
    home.depth = Math.max(homeDepth, this.depth + 1);
    try {
      return session.shareable(home.callFunction(fn, args, undefined));
    } catch {
      // Code of another file that the front end cannot follow stays unknown.
      return UNKNOWN;
    } finally {
      home.depth = homeDepth;
      if (outermost) session.callSite = undefined;
    }
  }

  private defineClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, env: Env, frame: Frame, name?: string): Value {
    const superValue = node.superClass ? this.expression(node.superClass, env, frame) : UNKNOWN;
    const isLayer = (superValue.kind === 'path' && tfjsTable.moduleBaseClasses.has(superValue.path)) || (superValue.kind === 'class' && superValue.cls.isLayer);
    const cls: ClassInfo & { constructorFn?: FunctionInfo } = {
      name: node.id?.name ?? name ?? '<class>',
      node,
      superValue,
      attributes: new Map(),
      methods: new Map(),
      env,
      isLayer,
      constructed: false,
      containsBatchNorm: false,
    };
    for (const member of node.body.body) {
      if (member.type === 'MethodDefinition' || member.type === 'TSAbstractMethodDefinition') {
        const key = member.computed
          ? undefined
          : member.key.type === 'Identifier'
            ? member.key.name
            : member.key.type === 'Literal'
              ? String(member.key.value)
              : undefined;
        const fn: FunctionInfo = { name: key, node: member.value, closure: env, self: member.static ? undefined : cls };
        this.functionsByNode.set(member.value, fn);
        this.allFunctions.push(fn);
        if (member.kind === 'constructor') cls.constructorFn = fn;
        else if (!member.static && key) cls.methods.set(key, fn);
      } else if (member.type === 'PropertyDefinition' && member.static && member.value) {
        this.expression(member.value, env, frame);
      } else if (member.type === 'StaticBlock') {
        this.block(member.body, new Env(env), frame);
      }
    }
    this.classes.push(cls);
    return { kind: 'class', cls };
  }

  /** Runs field initializers and the constructor once (base classes first). */
  private instantiate(cls: ClassInfo, args: readonly Value[], caller: Frame | undefined): Value {
    if (!cls.constructed) {
      cls.constructed = true;
      if (cls.superValue.kind === 'class') this.instantiate(cls.superValue.cls, [], undefined);
      const ctor = (cls as { constructorFn?: FunctionInfo }).constructorFn;
      const fieldFrame: Frame = { fn: ctor, returns: undefined, self: cls };
      for (const member of cls.node.body.body) {
        if (member.type !== 'PropertyDefinition' || member.static || !member.value) continue;
        const key = member.computed ? undefined : member.key.type === 'Identifier' ? member.key.name : undefined;
        const value = this.expression(member.value, new Env(cls.env), fieldFrame);
        if (key) cls.attributes.set(key, value);
      }
      if (ctor) this.callFunction(ctor, args, caller);
    } else {
      const ctor = (cls as { constructorFn?: FunctionInfo }).constructorFn;
      if (ctor && caller) this.callFunction(ctor, args, caller);
    }
    return { kind: 'instance', cls };
  }

  private evaluateClass(cls: ClassInfo): void {
    this.instantiate(cls, [], undefined);
    // A custom layer's `build` makes its weights before `call` runs it.
    const order = [...(tfjsTable.layerBuildMethods ?? []), tfjsTable.forwardMethod];
    const methods = [...cls.methods.values()].sort((a, b) => rank(a.name) - rank(b.name));
    function rank(name: string | undefined): number {
      const i = order.indexOf(name ?? '');
      return i < 0 ? order.length : i;
    }
    for (const method of methods) if (!this.functionResults.has(method.node)) this.callFunction(method, [], undefined);
  }

  private classAttribute(cls: ClassInfo, name: string, seen = new Set<ClassInfo>()): Value | undefined {
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    const own = cls.attributes.get(name);
    if (own) return own;
    const method = cls.methods.get(name);
    if (method) return { kind: 'function', fn: method };
    return cls.superValue.kind === 'class' ? this.classAttribute(cls.superValue.cls, name, seen) : undefined;
  }

  // ---------------------------------------------------------------- expressions

  /** Where an op shows in the analysed file: here, or for imported code, the call that runs it. */
  private rangeHere(node: Node): TextRange {
    return (this.imported ? this.project!.session.callSite : undefined) ?? rangeOf(node);
  }

  private source(node: Node): string {
    return this.text.slice(node.range[0], node.range[1]);
  }

  private expression(node: Node | null | undefined, env: Env, frame: Frame, name?: string): Value {
    if (!node) return UNKNOWN;
    switch (node.type) {
      case 'Literal': {
        if ('regex' in node || 'bigint' in node) return UNKNOWN;
        const v = node.value;
        return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null ? { kind: 'const', value: v } : UNKNOWN;
      }
      case 'TemplateLiteral':
        if (node.expressions.length === 0) return { kind: 'const', value: node.quasis[0]?.value.cooked ?? '' };
        for (const e of node.expressions) this.expression(e, env, frame);
        return UNKNOWN;
      case 'Identifier': {
        const v = env.lookup(node.name);
        if (v) return this.projectValue(v);
        // The browser build defines a global `tf` (`<script src=".../tf.min.js">`).
        if (node.name === TFJS_GLOBAL) return { kind: 'path', path: TFJS_ROOT };
        return UNKNOWN;
      }
      case 'ThisExpression':
        return frame.self ? { kind: 'instance', cls: frame.self } : UNKNOWN;
      case 'MemberExpression': {
        const object = this.expression(node.object, env, frame);
        const key = this.memberName(node, env, frame);
        return key === undefined ? UNKNOWN : this.attributeOf(object, key);
      }
      case 'CallExpression':
        return this.call(node, env, frame);
      case 'NewExpression':
        return this.newExpression(node, env, frame);
      case 'ObjectExpression':
        return this.objectExpression(node, env, frame);
      case 'ArrayExpression': {
        const items: Value[] = [];
        let complete = true;
        for (const element of node.elements) {
          if (!element) items.push(UNKNOWN);
          else if (element.type === 'SpreadElement') {
            const inner = this.expression(element.argument, env, frame);
            if (inner.kind === 'array') {
              items.push(...inner.items);
              complete &&= inner.complete;
            } else complete = false;
          } else items.push(this.expression(element, env, frame));
        }
        return { kind: 'array', items, complete };
      }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return this.functionValue(node, env, frame, name);
      case 'ClassExpression':
        return this.defineClass(node, env, frame, name);
      case 'UnaryExpression': {
        const v = this.expression(node.argument, env, frame);
        if (v.kind !== 'const') return UNKNOWN;
        if (node.operator === '-' && typeof v.value === 'number') return { kind: 'const', value: -v.value };
        if (node.operator === '+' && typeof v.value === 'number') return v;
        if (node.operator === '!' && !Array.isArray(v.value)) return { kind: 'const', value: !v.value };
        return UNKNOWN;
      }
      case 'BinaryExpression': {
        const left = node.left.type === 'PrivateIdentifier' ? UNKNOWN : this.expression(node.left, env, frame);
        const right = this.expression(node.right, env, frame);
        return binary(node.operator, left, right);
      }
      case 'LogicalExpression': {
        const left = this.expression(node.left, env, frame);
        const right = this.expression(node.right, env, frame);
        if (left.kind === 'const' && !Array.isArray(left.value)) {
          const v = left.value;
          if (node.operator === '??') return v === null ? right : left;
          if (node.operator === '||') return v ? left : right;
          return v ? right : left;
        }
        return join(left, right);
      }
      case 'ConditionalExpression':
        this.expression(node.test, env, frame);
        return join(this.expression(node.consequent, env, frame), this.expression(node.alternate, env, frame));
      case 'AssignmentExpression': {
        const right = this.expression(node.right, env, frame, node.left.type === 'Identifier' ? node.left.name : undefined);
        let value = right;
        if (node.operator !== '=') {
          const current = node.left.type === 'Identifier' ? this.expression(node.left, env, frame) : UNKNOWN;
          value = ['??=', '||=', '&&='].includes(node.operator) ? join(current, right) : binary(node.operator.slice(0, -1), current, right);
        }
        this.bindPattern(node.left, value, env, frame, false, node);
        if (this.project && env === this.moduleEnv && node.operator === '=') this.recordCommonJsExport(node.left, value);
        return value;
      }
      case 'SequenceExpression': {
        let last: Value = UNKNOWN;
        for (const e of node.expressions) last = this.expression(e, env, frame);
        return last;
      }
      case 'AwaitExpression':
        return this.expression(node.argument, env, frame);
      case 'ImportExpression': {
        const s = this.expression(node.source, env, frame);
        return s.kind === 'const' && typeof s.value === 'string' ? this.moduleValue(s.value) : UNKNOWN;
      }
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        return this.expression(node.expression, env, frame, name);
      case 'SpreadElement':
        return this.expression(node.argument, env, frame);
      default:
        this.walkChildren(node, env, frame);
        return UNKNOWN;
    }
  }

  /** Evaluates whatever code a node holds (JSX, tagged templates, decorators, ...). */
  private walkChildren(node: Node, env: Env, frame: Frame): void {
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      const visit = (child: unknown) => {
        if (!child || typeof child !== 'object' || typeof (child as Node).type !== 'string') return;
        const c = child as Node;
        if (/Statement$|Declaration$/.test(c.type)) this.statement(c, env, frame);
        else this.expression(c, env, frame);
      };
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  }

  private memberName(node: TSESTree.MemberExpression, env: Env, frame: Frame): string | undefined {
    if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : `#${node.property.name}`;
    const key = this.expression(node.property, env, frame);
    return key.kind === 'const' && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
  }

  private propertyKey(p: TSESTree.Property, env: Env, frame: Frame): string | undefined {
    if (!p.computed) {
      if (p.key.type === 'Identifier') return p.key.name;
      if (p.key.type === 'Literal') return String(p.key.value);
      return undefined;
    }
    const key = this.expression(p.key, env, frame);
    return key.kind === 'const' && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
  }

  private attributeOf(object: Value, name: string): Value {
    switch (object.kind) {
      case 'path':
        return isProjectPath(object.path) ? this.projectValue({ kind: 'path', path: `${object.path}.${name}` }) : this.pathValue(`${object.path}.${name}`);
      case 'object':
        return object.props.get(name)?.value ?? UNKNOWN;
      case 'instance':
        return this.classAttribute(object.cls, name) ?? UNKNOWN;
      case 'array': {
        if (name === 'length') return object.complete && isPositional(object) ? { kind: 'const', value: object.items.length } : UNKNOWN;
        const index = Number(name);
        return Number.isInteger(index) && index >= 0 && object.complete && isPositional(object) ? (object.items[index] ?? UNKNOWN) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /**
   * An object literal: its properties in order, spreads merged in (a later key wins, as at run
   * time). A spread the analyzer cannot see into makes the object opaque, and the keys before it
   * unknown (the spread may override them).
   */
  private objectExpression(node: TSESTree.ObjectExpression, env: Env, frame: Frame): Value {
    let info = this.literals.get(node);
    const first = !info;
    if (!info) this.literals.set(node, (info = { node, range: rangeOf(node), text: this.text, users: new Set(), ownProps: [] }));
    const props = new Map<string, Prop>();
    let opaque = false;
    let onlyOwn = true;
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        onlyOwn = false;
        const v = this.expression(p.argument, env, frame);
        if (v.kind === 'object') {
          for (const [k, prop] of v.props) {
            props.delete(k);
            props.set(k, prop);
          }
          if (v.opaque) opaque = true;
        } else if (!(v.kind === 'const' && v.value === null)) {
          opaque = true;
          for (const [k, prop] of props) props.set(k, { ...prop, value: UNKNOWN });
        }
        continue;
      }
      const key = this.propertyKey(p, env, frame);
      const value = p.kind !== 'init' ? (this.expression(p.value, env, frame), UNKNOWN) : this.expression(p.value, env, frame, key);
      if (key === undefined) {
        opaque = true;
        continue;
      }
      const prop: Prop = { key, value, node: p, origin: info };
      props.delete(key);
      props.set(key, prop);
      if (first) info.ownProps.push(prop);
    }
    return { kind: 'object', props, opaque, literal: onlyOwn ? info : undefined };
  }

  // ---------------------------------------------------------------- calls

  private evaluateArguments(nodes: readonly TSESTree.CallExpressionArgument[], env: Env, frame: Frame): EvaluatedArg[] {
    const out: EvaluatedArg[] = [];
    for (const arg of nodes) {
      if (arg.type === 'SpreadElement') {
        const inner = this.expression(arg.argument, env, frame);
        if (inner.kind === 'array' && inner.complete) for (const item of inner.items) out.push({ node: arg, value: item, spread: true });
        else out.push({ node: arg, value: inner, spread: true, opaque: true });
      } else out.push({ node: arg, value: this.expression(arg, env, frame) });
    }
    return out;
  }

  private call(node: TSESTree.CallExpression, env: Env, frame: Frame): Value {
    const callee = unwrap(node.callee);
    if (callee.type === 'Identifier' && callee.name === 'require' && !env.has('require')) {
      const [first] = node.arguments;
      return first?.type === 'Literal' && typeof first.value === 'string' ? this.moduleValue(first.value) : UNKNOWN;
    }
    let calleeValue: Value;
    let object: Value | undefined;
    let method: string | undefined;
    if (callee.type === 'MemberExpression') {
      // The object is evaluated once: chained calls (`a.f().g().h()`) stay linear.
      object = this.expression(callee.object, env, frame);
      method = this.memberName(callee, env, frame);
    }
    calleeValue = callee.type === 'MemberExpression' || callee.type === 'Super' ? UNKNOWN : this.expression(callee, env, frame);
    const args = this.evaluateArguments(node.arguments, env, frame);
    if (object !== undefined && callee.type === 'MemberExpression') {
      const handled = method === undefined ? undefined : this.methodCall(node, callee, object, method, args, env, frame);
      if (handled) return handled;
      calleeValue = method === undefined ? UNKNOWN : this.attributeOf(object, method);
    }
    // `require('./conv')(x)`: a CommonJS module that exports one function.
    if (calleeValue.kind === 'path' && isProjectPath(calleeValue.path)) calleeValue = this.projectValue({ kind: 'path', path: `${calleeValue.path}.default` });
    switch (calleeValue.kind) {
      case 'ctor':
        return this.construct(node, calleeValue.spec, args, frame);
      case 'path':
        return this.pathCall(node, calleeValue.path, args, frame);
      case 'function':
        return this.callFunction(
          calleeValue.fn,
          args.map((a) => a.value),
          frame,
          node,
        );
      default:
        this.runCallbacks(args, frame);
        return this.opaqueOp(args[0]?.value, callee, node);
    }
  }

  private newExpression(node: TSESTree.NewExpression, env: Env, frame: Frame): Value {
    const callee = this.expression(node.callee, env, frame);
    const args = this.evaluateArguments(node.arguments, env, frame);
    if (callee.kind === 'class')
      return this.instantiate(
        callee.cls,
        args.map((a) => a.value),
        frame,
      );
    this.runCallbacks(args, frame);
    return UNKNOWN;
  }

  /**
   * Functions handed to code the analyzer does not know (`tf.tidy`, `setTimeout`, `.then`, fit
   * callbacks) are taken to run there and then, called from the current function.
   */
  private runCallbacks(args: readonly EvaluatedArg[], frame: Frame): void {
    for (const arg of args) {
      if (arg.value.kind === 'function') this.callFunction(arg.value.fn, [], frame);
      else if (arg.value.kind === 'object') {
        for (const prop of arg.value.props.values())
          if (prop.value.kind === 'function') this.callFunction(prop.value.fn, [], frame);
          else if (prop.value.kind === 'object') this.runCallbacks([{ node: arg.node, value: prop.value }], frame);
      }
    }
  }

  /** Unknown calls on a tensor break every chain through them. */
  private opaqueOp(input: Value | undefined, name: string | Node, node: Node): Value {
    if (!input || (input.kind !== 'tensor' && input.kind !== 'array')) return !input || input.kind === 'unknown' ? NO_SOURCES : UNKNOWN;
    const sources = tensorSources(input);
    if (input.kind === 'array' && sources.length === 0) return UNKNOWN;
    if (sources.length === 0) return input.kind === 'tensor' ? input : { kind: 'tensor', sources: [], bn: hasBatchNorm(input), symbolic: isSymbolic(input) };
    const op: TensorOp = { kind: 'unknown', name: typeof name === 'string' ? name : this.source(name), range: this.rangeHere(node) };
    return { kind: 'tensor', sources: sources.map((s) => withOp(s, op)), bn: hasBatchNorm(input), symbolic: isSymbolic(input) };
  }

  /** Calls on values the analyzer models: arrays, models, layers, optimizers, tensors. Undefined when not one of these. */
  private methodCall(
    node: TSESTree.CallExpression,
    callee: TSESTree.MemberExpression,
    object: Value,
    method: string,
    args: readonly EvaluatedArg[],
    env: Env,
    frame: Frame,
  ): Value | undefined {
    const first = args[0]?.value ?? UNKNOWN;
    const runs = RUN_METHODS.has(method as ModelCallMethod);
    switch (object.kind) {
      case 'array':
        return this.arrayMethod(node, callee.object, object, method, args, env, frame);
      case 'sequential':
        if (tfjsTable.containerAppends?.includes(method)) {
          this.addTo(
            callee.object,
            object,
            args.map((a) => a.value),
            env,
            node,
            frame,
          );
          return UNKNOWN;
        }
        break;
      case 'layer':
        if (!tfjsLayerCall.methods.has(method as ModelCallMethod)) return undefined;
        break;
      case 'instance':
        if (!object.cls.isLayer || object.cls.methods.has(method)) return undefined;
        break;
      case 'model':
        break;
      case 'optimizer':
      case 'unknown': {
        const api = OPTIMIZER_GRADIENT_METHODS[method];
        if (api && first.kind === 'function') {
          this.gradientScope(api, node, first, args.slice(1), frame);
          return UNKNOWN;
        }
        if (object.kind === 'optimizer') return undefined;
        if (!UNKNOWN_RECEIVER_METHODS.has(method as ModelCallMethod) || (method === tfjsLayerCall.functionApply && looksLikeFunctionApply(node)))
          return undefined;
        this.recordModelCall(node, callee, method as ModelCallMethod, object, args, frame);
        return undefined;
      }
      case 'tensor': {
        // A parameter the analyzer knows nothing about (bound to an empty tensor) may be a model.
        if (object.sources.length === 0 && !object.symbolic && UNKNOWN_RECEIVER_METHODS.has(method as ModelCallMethod)) {
          if (!(method === tfjsLayerCall.functionApply && looksLikeFunctionApply(node)))
            this.recordModelCall(node, callee, method as ModelCallMethod, UNKNOWN, args, frame);
          return undefined;
        }
        const kind = tfjsTensorMethods.get(method) ?? 'unknown';
        const op: TensorOp = { kind, name: method, range: this.rangeHere(node) };
        const others = args.map((a) => a.value).filter((v) => v.kind === 'tensor');
        const sources = kind === 'add' ? others.reduce((acc, v) => mergeSources(acc, tensorSources(v)), object.sources as TensorSource[]) : object.sources;
        return { kind: 'tensor', sources: sources.map((s) => withOp(s, op)), bn: object.bn || others.some(hasBatchNorm), symbolic: object.symbolic };
      }
      default:
        return undefined;
    }
    if (!MODEL_METHODS.has(method as ModelCallMethod)) return undefined;
    this.recordModelCall(node, callee, method as ModelCallMethod, object, args, frame);
    this.runCallbacks(args.slice(1), frame);
    return runs ? this.apply(object, first, node, frame) : UNKNOWN;
  }

  private arrayMethod(
    node: TSESTree.CallExpression,
    target: Node,
    array: Extract<Value, { kind: 'array' }>,
    method: string,
    args: readonly EvaluatedArg[],
    env: Env,
    frame: Frame,
  ): Value | undefined {
    const values = args.map((a) => a.value);
    switch (method) {
      case 'push': {
        if (args.some((a) => a.opaque)) this.writable(target, array, env).complete = false;
        this.addTo(target, array, values, env, node, frame);
        return UNKNOWN;
      }
      case 'unshift':
      case 'splice':
        array.complete = false;
        return UNKNOWN;
      case 'concat': {
        const items = [...array.items];
        let complete = array.complete;
        for (const v of values) {
          if (v.kind === 'array') {
            items.push(...v.items);
            complete &&= v.complete;
          } else items.push(v);
        }
        return { kind: 'array', items, complete };
      }
      case 'map':
      case 'flatMap':
      case 'forEach':
      case 'filter': {
        const callback = values[0];
        if (callback?.kind !== 'function') return undefined;
        const element = array.items.length > 0 && array.complete ? array.items.reduce((a, b) => join(a, b)) : UNKNOWN;
        // One evaluation stands for every item: the layers it builds, in one item's order.
        const result = this.callFunction(callback.fn, [element], frame);
        if (method === 'map') return { kind: 'array', items: [result], complete: false };
        if (method === 'flatMap') return { kind: 'array', items: result.kind === 'array' ? [...result.items] : [result], complete: false };
        if (method === 'filter') return { kind: 'array', items: [...array.items], complete: false };
        return UNKNOWN;
      }
      case 'slice':
      case 'reverse':
        return { kind: 'array', items: [...array.items], complete: false };
      default:
        return undefined;
    }
  }

  private pathCall(node: TSESTree.CallExpression, path: string, args: readonly EvaluatedArg[], frame: Frame): Value {
    const name = path.startsWith(`${TFJS_ROOT}.`) ? path.slice(TFJS_ROOT.length + 1) : undefined;
    const config = args[0]?.value;
    if (name === tfjsApi.sequential.factory) {
      const sequential: Extract<Value, { kind: 'sequential' }> = { kind: 'sequential', items: [], tail: NO_SOURCES };
      const items = config?.kind === 'object' ? config.props.get(tfjsApi.sequential.layersKey)?.value : undefined;
      // The container's own chain exists even if nothing in this file ever runs it.
      if (items?.kind === 'array') for (const item of items.items) this.appendToSequential(sequential, item, node, frame);
      return sequential;
    }
    if (name === tfjsApi.model.factory) {
      const outputs = config?.kind === 'object' ? config.props.get(tfjsApi.model.outputsKey)?.value : undefined;
      return { kind: 'model', outputs: outputs ?? UNKNOWN, loaded: false };
    }
    if (name !== undefined && tfjsApi.symbolicInputs.has(name)) return { kind: 'tensor', sources: [], bn: false, symbolic: true };
    if (name !== undefined && GRADIENT_FUNCTIONS[name] && args[0]?.value.kind === 'function') {
      this.gradientScope(GRADIENT_FUNCTIONS[name], node, args[0].value, args.slice(1), frame);
      return UNKNOWN;
    }
    if (name === tfjsApi.tidy) {
      const fn = [...args].reverse().find((a) => a.value.kind === 'function')?.value;
      return fn?.kind === 'function' ? this.callFunction(fn.fn, [], frame) : UNKNOWN;
    }
    if (name?.startsWith(tfjsApi.optimizerNamespace) && tfjsOptimizerFactories.has(name.slice(tfjsApi.optimizerNamespace.length))) return { kind: 'optimizer' };
    if (name !== undefined && tfjsModelLoaders.has(name)) return { kind: 'model', outputs: UNKNOWN, loaded: true };
    const op = tfjsTable.functions.get(path);
    if (op) return this.functionOp(node, op, path, args);
    this.runCallbacks(args, frame);
    return this.opaqueOp(config, path.replace(TFJS_ROOT, TFJS_GLOBAL), node);
  }

  private functionOp(node: TSESTree.CallExpression, op: OpKind, path: string, args: readonly EvaluatedArg[]): Value {
    const flat = args.flatMap((a) =>
      a.value.kind === 'tensor' ? [a.value] : a.value.kind === 'array' ? a.value.items.filter((i) => i.kind === 'tensor') : [],
    );
    const sources =
      op === 'add' || op === 'concat' ? flat.reduce<TensorSource[]>((acc, v) => mergeSources(acc, tensorSources(v)), []) : tensorSources(flat[0] ?? NO_SOURCES);
    const tensorOp: TensorOp = { kind: op, name: path.split('.').pop()!, range: this.rangeHere(node) };
    return {
      kind: 'tensor',
      sources: sources.map((s) => withOp(s, tensorOp)),
      bn: flat.some(hasBatchNorm),
      symbolic: flat.length > 0 && flat.every(isSymbolic),
    };
  }

  private gradientScope(
    api: GradientApi,
    node: TSESTree.CallExpression,
    fnValue: Extract<Value, { kind: 'function' }>,
    rest: readonly EvaluatedArg[],
    frame: Frame,
  ): void {
    let index = this.gradientScopeByCall.get(node);
    if (index === undefined) {
      index = this.gradientScopes.length;
      this.gradientScopeByCall.set(node, index);
      const fn = fnValue.fn;
      this.gradientScopes.push({ api, callRange: rangeOf(node), functionRange: rangeOf(fn.node), functionName: fn.name });
      const roots = this.gradientRoots.get(fn) ?? [];
      roots.push(index);
      this.gradientRoots.set(fn, roots);
    }
    // The function runs under the tape, not as an ordinary call from here.
    this.callFunction(fnValue.fn, [], undefined);
    this.runCallbacks(rest, frame);
  }

  private construct(node: TSESTree.CallExpression, spec: LayerSpec, args: readonly EvaluatedArg[], frame: Frame): Value {
    const siteKey = this.imported ? `${this.project!.session.callSite?.start}:${node.range[0]}:${args.map((a) => valueKey(a.value)).join(',')}` : undefined;
    let layer = siteKey === undefined ? this.layersByNode.get(node) : this.siteLayers.get(siteKey);
    if (!layer) {
      const bound: MutableBound[] = [];
      const literals = new Set<ObjectLiteralInfo>();
      const config = args[0];
      let opaque = false;
      if (config) {
        if (config.spread || config.value.kind !== 'object') opaque = true;
        else {
          for (const prop of config.value.props.values()) {
            const arg = this.bindProp(spec, prop);
            bound.push(arg);
            this.argumentOrigins.set(arg, prop.origin);
            literals.add(prop.origin);
          }
          opaque = config.value.opaque;
        }
      }
      const own = config && !config.spread && config.node.type === 'ObjectExpression' ? config.node : undefined;
      const referenced = !own && config?.value.kind === 'object' ? config.value.literal : undefined;
      const calleeNode = unwrap(node.callee);
      const created: LayerConstruction = {
        id: this.imported ? this.project!.session.foreignLayerId() : this.layers.length,
        spec,
        language: 'typescript',
        range: rangeOf(node),
        calleeRange: rangeOf(calleeNode),
        calleeText: this.source(calleeNode),
        args: bound,
        hasOpaqueArguments: opaque,
        editor: configEditor(
          this.trivia,
          {
            // A config written elsewhere is edited only if no other layer uses it.
            object: () => (own ? objectShape(own) : referenced && referenced.users.size === 1 ? objectShape(referenced.node) : undefined),
            emptyCall: args.length === 0 ? { insertAt: this.openParenEnd(node) } : undefined,
          },
          calleeNode.type === 'MemberExpression' ? rangeOf(calleeNode.property) : rangeOf(calleeNode),
          () => created.args,
        ),
      };
      layer = created;
      const session = this.imported ? this.project?.session : undefined;
      if (session?.callSite) {
        // Built for a call of the analysed file: it shows there, without a fix.
        layer = placedAt(created, session.callSite);
        session.placed.add(layer);
      } else session?.unplaced.add(layer);
      for (const literal of literals) literal.users.add(created);
      this.layers.push(layer);
      if (siteKey === undefined) this.layersByNode.set(node, created);
      else this.siteLayers.set(siteKey, layer);
    }
    if (frame.self && spec.role === 'batchnorm') frame.self.containsBatchNorm = true;
    return { kind: 'layer', layer };
  }

  private bindProp(spec: LayerSpec, prop: Prop): MutableBound {
    const known = spec.acceptsAnyKeyword || spec.params.some((p) => p.name === prop.key) || (spec.extraKeywords?.includes(prop.key) ?? false);
    return {
      param: known ? prop.key : undefined,
      keyword: prop.key,
      keywordRange: rangeOf(prop.node.key),
      valueRange: rangeOf(prop.node.value),
      range: rangeOf(prop.node),
      value: constOf(prop.value),
      // A config the analysed file passes to imported code is written in the analysed file.
      valueText: prop.origin.text.slice(prop.node.value.range[0], prop.node.value.range[1]),
    };
  }

  private openParenEnd(node: TSESTree.CallExpression): number {
    const from = node.typeArguments?.range[1] ?? node.callee.range[1];
    const open = this.text.indexOf('(', from);
    return open >= 0 && open < node.range[1] ? open + 1 : node.range[1] - 1;
  }

  /**
   * The array or model a name holds, ready to change: a branch that does not own it gets a copy,
   * bound to the name in the branch.
   */
  private writable<T extends Extract<Value, { kind: 'array' | 'sequential' }>>(target: Node, value: T, env: Env): T {
    if (target.type !== 'Identifier' || env.owns(value)) return value;
    const copy = { ...value, items: [...value.items] };
    return env.rebindLocal(target.name, copy) ? copy : value;
  }

  /**
   * Adds items to the array or model `target` holds (`layers.push(l)`, `model.add(l)`). A name's
   * is changed in a copy if this scope does not own it; one reached another way (`this.layers`) is
   * shared, so items added where the code may not run are optional: a choice with nothing.
   */
  private addTo(target: Node, container: Extract<Value, { kind: 'array' | 'sequential' }>, items: readonly Value[], env: Env, node: Node, frame: Frame): void {
    const changed = this.writable(target, container, env);
    const added = optionalItems(items, env.conditional && target.type !== 'Identifier', env.condition);
    if (changed.kind === 'array') changed.items.push(...added);
    else for (const item of added) this.appendToSequential(changed, item, node, frame);
  }

  /**
   * Joins branch scopes. A model built up in place (`model.add(...)`) that one branch extends with
   * a layer fed by `L` while another leaves `L` at its end makes `L` a branch exit.
   */
  private merge(env: Env, branches: Env[], builder?: Env): void {
    this.branches.containersJoined(env.mergeFrom(branches, builder), env.vars, this.edges, sequentialParts, layersIn, markSequentialTail);
  }

  /**
   * Which layers fed others, and the layers that leave a branch (BranchFacts is shared with the
   * other front end). One for the whole project session: a helper of another file that applies a
   * BatchNorm only under a condition it cannot decide lets this file's conv out unchanged.
   */
  private readonly branches: BranchFacts;

  /** Applies each option of a choice to the same input and joins what comes out (see BranchFacts). */
  private applyChoice(choice: Extract<Value, { kind: 'choice' }>, input: Value, node: Node, frame: Frame): Value {
    const outputs = this.branches.applyChoice(
      choice,
      (option) => option.reduce((output, item) => this.apply(item, output, node, frame), input),
      tensorSources,
      (value, map): Value => (value.kind === 'tensor' ? { ...value, sources: value.sources.map(map) } : value),
    );
    return outputs.reduce((a, b) => join(a, b));
  }

  private appendToSequential(sequential: Extract<Value, { kind: 'sequential' }>, item: Value, node: Node, frame: Frame): void {
    sequential.items.push(item);
    sequential.tail = this.apply(item, sequential.tail, node, frame);
  }

  /** Passes a tensor through a layer, model or container, recording which layer feeds which. */
  private apply(module: Value, input: Value, node: Node, frame: Frame): Value {
    switch (module.kind) {
      case 'choice':
        return this.applyChoice(module, input, node, frame);
      case 'sequential':
      case 'array': {
        let current = input;
        for (const item of module.items) current = this.apply(item, current, node, frame);
        return current;
      }
      case 'model':
        if (!module.loaded && (module.outputs.kind === 'tensor' || module.outputs.kind === 'array')) {
          return { kind: 'tensor', sources: tensorSources(module.outputs), bn: hasBatchNorm(module.outputs), symbolic: isSymbolic(input) };
        }
        return this.opaqueOp(input, 'model', node);
      case 'instance': {
        const call = module.cls.isLayer ? this.classAttribute(module.cls, 'call') : undefined;
        const result = call?.kind === 'function' ? this.callFunction(call.fn, [input], frame) : UNKNOWN;
        return result.kind === 'tensor' ? result : this.opaqueOp(input, module.cls.name, node);
      }
      case 'layer':
        break;
      default:
        return this.opaqueOp(input, 'module', node);
    }
    const layer = module.layer;
    const sources = tensorSources(input);
    const bn = hasBatchNorm(input) || layer.spec.role === 'batchnorm';
    const symbolic = isSymbolic(input);
    if (!PRODUCER_ROLES.has(layer.spec.role) && layer.spec.opKind) {
      const op: TensorOp = { kind: layer.spec.opKind, name: layer.calleeText, range: layer.range };
      return { kind: 'tensor', sources: sources.map((s) => withOp(s, op)), bn, symbolic };
    }
    for (const source of sources) {
      recordEdge(this.edges, source, layer);
      this.branches.fed.push(source.layer);
    }
    return { kind: 'tensor', sources: [{ layer, ops: fusedActivation(layer) }], bn, symbolic };
  }

  // ---------------------------------------------------------------- shared configs

  /**
   * A config object spread into (or passed to) several layers, `const bnConfig = {momentum: 0.9}`,
   * is like a `functools.partial`: what it sets is reported once, at the object, and its layers'
   * arguments are marked as coming from it.
   */
  private sharedConfigs(): PartialBinding[] {
    const partials: PartialBinding[] = [];
    for (const literal of this.literals.values()) {
      if (literal.users.size < 2) continue;
      const range = literal.range;
      for (const user of literal.users) {
        for (const arg of user.args) if (this.argumentOrigins.get(arg) === literal) (arg as MutableBound).fromPartial = range;
      }
      const spec = mergedSpec([...literal.users].map((u) => u.spec));
      const args: BoundArgument[] = literal.ownProps.map((p) => this.bindProp(spec, p));
      partials.push({
        spec,
        range,
        args,
        editor: configEditor(this.trivia, { object: () => objectShape(literal.node) }, range, () => args),
      });
    }
    return partials;
  }

  // ---------------------------------------------------------------- mode facts

  private recordModelCall(
    node: TSESTree.CallExpression,
    callee: TSESTree.MemberExpression,
    method: ModelCallMethod,
    receiver: Value,
    args: readonly EvaluatedArg[],
    frame: Frame,
  ): void {
    if (this.modelCalls.has(node)) return;
    this.modelCalls.set(node, { node, method, methodRange: rangeOf(callee.property), receiver, receiverNode: callee.object, args, enclosing: frame.fn });
  }

  private modeFacts(): TypeScriptSemanticModel['tfjsModes'] {
    const reach = (starts: Iterable<FunctionInfo | null>): Set<FunctionInfo | null> => {
      const seen = new Set<FunctionInfo | null>(starts);
      const queue = [...seen];
      while (queue.length) {
        for (const callee of this.callEdges.get(queue.pop()!) ?? []) {
          if (!seen.has(callee)) {
            seen.add(callee);
            queue.push(callee);
          }
        }
      }
      return seen;
    };
    const scopesOf = new Map<FunctionInfo, Set<number>>();
    for (const [root, indices] of this.gradientRoots) {
      for (const fn of reach([root])) {
        if (!fn) continue;
        const set = scopesOf.get(fn) ?? new Set();
        for (const i of indices) set.add(i);
        scopesOf.set(fn, set);
      }
    }
    const outside = reach([null]);
    const modelCalls: ModelCall[] = [];
    for (const pending of this.modelCalls.values()) {
      const fn = pending.enclosing;
      const scopes = fn ? [...(scopesOf.get(fn) ?? [])].sort((a, b) => a - b) : [];
      const isOutside = fn === undefined || outside.has(fn);
      modelCalls.push({
        method: pending.method,
        range: rangeOf(pending.node),
        methodRange: pending.methodRange,
        receiver: {
          kind: receiverKind(pending.receiver),
          text: this.source(pending.receiverNode),
          range: rangeOf(pending.receiverNode),
          containsBatchNorm: containsBatchNorm(pending.receiver, new Set()),
        },
        input: inputKind(pending.args[0]?.value),
        training: this.trainingOf(pending),
        context: scopes.length > 0 ? 'gradient' : isOutside ? 'inference' : 'unknown',
        gradientScopes: scopes,
        alsoOutsideGradient: scopes.length > 0 && isOutside,
        enclosingFunction: fn ? { name: fn.name, range: rangeOf(fn.node) } : undefined,
        setTraining: (value) => this.setTraining(pending, value),
        batchSize: batchSizeOf(pending),
        batchNorm: firstBatchNorm(pending.receiver),
      });
    }
    modelCalls.sort((a, b) => a.range.start - b.range.start);
    return { gradientScopes: this.gradientScopes, modelCalls };
  }

  private trainingOf(call: PendingModelCall): ModelCall['training'] {
    const absent = { given: 'absent', value: undefined, opaqueKwargs: false } as const;
    if (!tfjsLayerCall.methods.has(call.method)) return absent;
    const kwargs = call.args[1];
    if (!kwargs) return absent;
    const kwargsRange = rangeOf(kwargs.node);
    if (kwargs.value.kind !== 'object') return { given: 'expression', value: undefined, kwargsRange, opaqueKwargs: true };
    const prop = kwargs.value.props.get(tfjsLayerCall.trainingKey);
    if (!prop) return { ...absent, kwargsRange, opaqueKwargs: kwargs.value.opaque };
    const value = constOf(prop.value);
    return {
      given: typeof value === 'boolean' ? 'constant' : 'expression',
      value: typeof value === 'boolean' ? value : undefined,
      range: rangeOf(prop.node),
      valueRange: rangeOf(prop.node.value),
      kwargsRange,
      opaqueKwargs: kwargs.value.opaque,
    };
  }

  private setTraining(call: PendingModelCall, value: boolean): TextEdit[] {
    const property = `${tfjsLayerCall.trainingKey}: ${value}`;
    const kwargs = call.args[1];
    if (!kwargs) {
      const last = call.args[call.args.length - 1];
      return last && call.args.length === 1 && !last.spread ? appendConfigArgument(this.trivia, rangeOf(last.node), property) : [];
    }
    if (kwargs.node.type !== 'ObjectExpression' || kwargs.value.kind !== 'object') return [];
    const prop = kwargs.value.props.get(tfjsLayerCall.trainingKey);
    if (prop && prop.origin.node === kwargs.node) {
      return [isShorthandProp(prop) ? { range: rangeOf(prop.node), newText: property } : { range: rangeOf(prop.node.value), newText: String(value) }];
    }
    return insertProperty(this.trivia, objectShape(kwargs.node), property);
  }
}

/** What identifies an argument for a call of imported code: constants by value, tensors by the layers they come from. */
function valueKey(value: Value, depth = 0): string {
  if (depth > 4) return '…';
  switch (value.kind) {
    case 'const':
      return JSON.stringify(value.value) ?? 'undefined';
    case 'tensor':
      return `t${value.sources.map((s) => s.layer.id).join('|')}`;
    case 'object':
      return `{${[...value.props].map(([k, p]) => `${k}:${valueKey(p.value, depth + 1)}`).join(';')}}`;
    case 'array':
      return `[${value.items.map((item) => valueKey(item, depth + 1)).join(';')}]`;
    case 'layer':
      return `l${value.layer.id}`;
    default:
      return value.kind;
  }
}

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

function binary(operator: string, left: Value, right: Value): Value {
  if (left.kind !== 'const' || right.kind !== 'const') return UNKNOWN;
  const a = left.value;
  const b = right.value;
  if (operator === '+' && typeof a === 'string' && typeof b === 'string') return { kind: 'const', value: a + b };
  if (typeof a !== 'number' || typeof b !== 'number') return UNKNOWN;
  const result =
    operator === '+'
      ? a + b
      : operator === '-'
        ? a - b
        : operator === '*'
          ? a * b
          : operator === '/'
            ? a / b
            : operator === '%'
              ? a % b
              : operator === '**'
                ? a ** b
                : NaN;
  return Number.isFinite(result) ? { kind: 'const', value: result } : UNKNOWN;
}

function objectShape(node: TSESTree.ObjectExpression): ObjectShape {
  return { range: rangeOf(node), items: node.properties.map(rangeOf) };
}

/** `fn.apply(thisArg, args)`, not a model: a `this`/`null` first argument, or an array (or `arguments`) second. */
function looksLikeFunctionApply(node: TSESTree.CallExpression): boolean {
  const [first, second] = node.arguments;
  if (!first) return true;
  if (
    first.type === 'ThisExpression' ||
    (first.type === 'Literal' && first.value === null) ||
    (first.type === 'Identifier' && (first.name === 'undefined' || first.name === 'arguments'))
  )
    return true;
  return second !== undefined && (second.type === 'ArrayExpression' || (second.type === 'Identifier' && second.name === 'arguments'));
}

/**
 * A condition the code controls, as a fix can write it: a parameter of the function being read
 * (`batchNorm`) or a property of `this` (`this.useBn`), possibly under `!`.
 */
function controlledCondition(test: TSESTree.Expression, frame: Frame): BranchCondition | undefined {
  const fn = frame.fn;
  if (!fn) return undefined;
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const inner = controlledCondition(test.argument, frame);
    return inner && negateCondition(inner);
  }
  const scope = { start: fn.node.range[0], end: fn.node.range[1] };
  const paramName = (p: TSESTree.Parameter) =>
    p.type === 'Identifier' ? p.name : p.type === 'AssignmentPattern' && p.left.type === 'Identifier' ? p.left.name : undefined;
  if (test.type === 'Identifier' && fn.node.params.some((p) => paramName(p) === test.name)) {
    return { name: test.name, negated: false, scope };
  }
  if (test.type === 'MemberExpression' && !test.computed && test.object.type === 'ThisExpression' && test.property.type === 'Identifier' && frame.self) {
    return { name: `this.${test.property.name}`, negated: false, scope };
  }
  return undefined;
}

/** One spec standing for the several layer kinds a shared config is given to. */
function mergedSpec(specs: readonly LayerSpec[]): LayerSpec {
  const unique = [...new Set(specs)];
  if (unique.length === 1) return unique[0];
  const base = unique.find((s) => s.role === 'batchnorm') ?? unique[0];
  const params = new Map<string, LayerSpec['params'][number]>();
  for (const s of unique) for (const p of s.params) if (!params.has(p.name)) params.set(p.name, p);
  // Only what every user leaves at its own meaning is checked: momentum and epsilon stay the BatchNorm's.
  const ownParam = (name: string) => base.params.find((p) => p.name === name) ?? params.get(name)!;
  return {
    ...base,
    displayName: unique.map((s) => s.displayName).join('/'),
    params: [...params.keys()].map(ownParam),
    extraKeywords: [...new Set(unique.flatMap((s) => s.extraKeywords ?? []))],
    acceptsAnyKeyword: unique.some((s) => s.acceptsAnyKeyword),
    // Keys are checked only when every layer sharing the config has a complete list.
    keywordsComplete: unique.every((s) => s.keywordsComplete) ? base.keywordsComplete : undefined,
  };
}

function inputKind(value: Value | undefined): ModelCall['input'] {
  if (!value) return 'unknown';
  if (isSymbolic(value)) return 'symbolic';
  return value.kind === 'tensor' && value.sources.length > 0 ? 'tensor' : 'unknown';
}

function receiverKind(value: Value): ReceiverKind {
  switch (value.kind) {
    case 'layer':
      return 'layer';
    case 'sequential':
      return 'sequential';
    case 'model':
      return value.loaded ? 'loaded' : 'functional';
    case 'instance':
      return 'custom-layer';
    default:
      return 'unknown';
  }
}

/** `{batchSize: 2}` of `fit`, or 1 for `trainOnBatch(x.expandDims(0), ...)` / `tf.expandDims(x, 0)`. */
function batchSizeOf(call: PendingModelCall): ModelCall['batchSize'] {
  if (call.method === tfjsBatchTraining.fitMethod) {
    const config = call.args[2]?.value;
    const size = config?.kind === 'object' && !config.opaque ? config.props.get(tfjsBatchTraining.fitBatchSizeKey) : undefined;
    const value = size?.value.kind === 'const' ? size.value.value : undefined;
    return typeof value === 'number' && Number.isSafeInteger(value) ? { value, range: rangeOf(size!.node.value) } : undefined;
  }
  if (call.method !== tfjsBatchTraining.singleBatchMethod) return undefined;
  const input = call.args[0]?.node;
  if (input?.type !== 'CallExpression' || input.callee.type !== 'MemberExpression' || input.callee.computed) return undefined;
  if (input.callee.property.type !== 'Identifier' || input.callee.property.name !== tfjsBatchTraining.addBatchDimension) return undefined;
  // `x.expandDims(axis = 0)` on a tensor; `tf.expandDims(x, axis = 0)` on the namespace.
  const axis = input.arguments.length <= 1 ? input.arguments[0] : input.arguments[1];
  const isZero = axis === undefined || (axis.type === 'Literal' && axis.value === 0);
  return isZero && input.arguments.length <= 2 ? { value: 1, range: rangeOf(input) } : undefined;
}

/** The first BatchNormalization in a model's items (source order), when the model is a container the analysis reads. */
function firstBatchNorm(value: Value): LayerConstruction | undefined {
  if (value.kind !== 'sequential') return undefined;
  return layersIn(value.items)
    .filter((l) => l.spec.role === 'batchnorm')
    .sort((a, b) => a.range.start - b.range.start)[0];
}

/** A sequential container's items and the tensors leaving it. */
function sequentialParts(value: Value): { items: readonly Value[]; tail: readonly TensorSource[] } | undefined {
  return value.kind === 'sequential' ? { items: value.items, tail: tensorSources(value.tail) } : undefined;
}

/** Marks the tensors leaving a joined sequential container (see BranchFacts.containersJoined). */
function markSequentialTail(value: Value | undefined, mark: (source: TensorSource) => TensorSource): void {
  const tail = value?.kind === 'sequential' ? value.tail : undefined;
  if (value?.kind === 'sequential' && tail?.kind === 'tensor') value.tail = { ...tail, sources: tail.sources.map(mark) };
}

/** The layers among a model's or array's items, including nested ones and those in choices. */
function layersIn(items: readonly Value[]): LayerConstruction[] {
  return items.flatMap((item) => {
    if (item.kind === 'layer') return [item.layer];
    if (item.kind === 'sequential' || item.kind === 'array') return layersIn(item.items);
    return item.kind === 'choice' ? item.options.flatMap(layersIn) : [];
  });
}

function containsBatchNorm(value: Value, seen: Set<Value>): boolean | undefined {
  if (seen.has(value)) return false;
  seen.add(value);
  switch (value.kind) {
    case 'layer':
      return value.layer.spec.role === 'batchnorm';
    case 'choice':
    case 'sequential':
    case 'array': {
      let unknown = false;
      for (const item of value.kind === 'choice' ? value.options.flat() : value.items) {
        const c = containsBatchNorm(item, seen);
        if (c === true) return true;
        if (c === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    }
    case 'model':
      return value.loaded || (value.outputs.kind !== 'tensor' && value.outputs.kind !== 'array') ? undefined : hasBatchNorm(value.outputs) || undefined;
    case 'instance':
      return value.cls.containsBatchNorm || [...value.cls.attributes.values()].some((v) => containsBatchNorm(v, seen) === true) || undefined;
    default:
      return undefined;
  }
}
