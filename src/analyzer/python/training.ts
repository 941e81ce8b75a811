/**
 * Training-setup facts for Python (BN403, BN404), read from the tree with the front end's name
 * resolution: DistributedDataParallel wraps, DataLoader and Keras `fit` batch sizes, and whether
 * the model they concern provably holds BatchNorm. Only what holds in one function's straight
 * reading is reported; anything the analysis cannot follow leaves no fact (and so no finding).
 */
import { AXIS_REORDER_NAMES, MEMORY_LAYOUT_METHOD } from '../frameworks/modeNames';
import { CASE_INSENSITIVE_TRAINING_GATES, TRAINING_TEXT_GATES, type TrainingGate } from '../frameworks/trainingNames';
import {
  pytorchAddBatchDimension,
  pytorchAxisReorders,
  pytorchDataLoaderArguments,
  pytorchDataLoaders,
  pytorchDistributedWrappers,
  pytorchForwardMethod,
  pytorchModelsWithBatchNorm,
  pytorchModes,
  pytorchModeSwitchMethods,
  pytorchSameModuleMethods,
  pytorchSyncBatchNormConversion,
  pytorchSyncBatchNormWords,
} from '../frameworks/pytorch';
import {
  kerasAddBatchDimension,
  kerasInputs,
  kerasModelsWithBatchNorm,
  kerasSingleBatchTrainingMethods,
  tf1BatchNormFunctions,
  kerasReplicaStrategies,
  tf1Api,
  tf1OptimizerModules,
  tf1OptimizerUpdates,
  tf1UpdateOpsWords,
  kerasFit,
  kerasTrainableFlag,
  kerasTrainingKeyword,
} from '../frameworks/keras';
import { flaxDataParallel, flaxSingleSampleTraining } from '../frameworks/flax';
import { isSequentialContainer } from '../frameworks/registry';
import type { LayerConstruction, LayerEdge } from '../model/model';
import { ASSUMED_WORLD_SIZE, ganParts, LARGE_PER_PROCESS_BATCH, SMALL_BATCH } from '../model/training';
import type {
  BatchNormModel,
  DistributedWrap,
  PerProcessBatch,
  ReplicaBatchNorm,
  SequenceIntoBatchNorm,
  SmallBatchTraining,
  Tf1TrainOp,
  TrainingFacts,
  UnfrozenBaseCall,
} from '../model/training';
import type { TextRange } from '../types';
import { escapeRegExp, rangeContains } from '../text';
import type { PythonFrontEnd } from './frontend';
import { stringLiteral } from './literals';
import type { SyntaxNode, SyntaxTree } from './parser';
import type { ClassInfo } from './values';

/** `layer.trainable = ...`: the attribute that freezes or unfreezes a Keras layer or model. */
const TRAINABLE_ATTRIBUTE = `.${kerasTrainableFlag}`;
/** A PyTorch training step's update call (`loss.backward()`): where a step's forward passes end. */
const PYTORCH_STEP_CALLS = pytorchModes.trainingStepCalls;

const rangeOf = (node: SyntaxNode): TextRange => ({ start: node.startIndex, end: node.endIndex });
const kids = (node: SyntaxNode | null | undefined): SyntaxNode[] => (node ? node.namedChildren.filter((c): c is SyntaxNode => c !== null) : []);

/** Every node of a subtree, without recursion (deeply nested code must not overflow the stack). */
function descendants(root: SyntaxNode, skipNestedScopes = false): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    if (skipNestedScopes && node !== root && (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda')) continue;
    const children = kids(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

function scopeOf(node: SyntaxNode): SyntaxNode {
  let current = node.parent;
  while (current && current.type !== 'function_definition' && current.type !== 'module') current = current.parent;
  return current ?? node;
}

function callArguments(call: SyntaxNode): { positional: SyntaxNode[]; keywords: Map<string, SyntaxNode>; opaque: boolean } {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  let opaque = false;
  for (const arg of kids(call.childForFieldName('arguments'))) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') opaque = true;
    else if (arg.type !== 'comment') positional.push(arg);
  }
  return { positional, keywords, opaque };
}

/** A plain positive integer literal. */
function integerOf(node: SyntaxNode | undefined): number | undefined {
  if (node?.type !== 'integer') return undefined;
  const value = Number(node.text.replace(/_/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

/** `x.cuda().to(device)` → `x`: moves and casts return the same module. */
function withoutMoves(node: SyntaxNode | null | undefined): SyntaxNode | null | undefined {
  let current = node;
  while (current?.type === 'call') {
    const callee = current.childForFieldName('function');
    if (callee?.type !== 'attribute' || !pytorchSameModuleMethods.has(callee.childForFieldName('attribute')?.text ?? '')) break;
    current = callee.childForFieldName('object');
  }
  return current;
}

/** Every word a gate reads (frameworks/trainingNames.ts), for splitting files (lower case). */
export const trainingGateWords: readonly string[] = [
  ...new Set(Object.values(TRAINING_TEXT_GATES).flatMap((groups) => groups.flat().map((w) => w.toLowerCase()))),
];

/** The first words of the gates matched in any case, as one pattern: the text is lower-cased only when it spells one. */
const CASE_INSENSITIVE_FIRST_WORDS = new RegExp(
  [...CASE_INSENSITIVE_TRAINING_GATES].flatMap((gate) => TRAINING_TEXT_GATES[gate][0].map(escapeRegExp)).join('|'),
  'i',
);

const TRAINING_GATES = Object.keys(TRAINING_TEXT_GATES) as TrainingGate[];

/** The parts of the analysis a text can need, by the names each part starts from. */
function textGates(text: string): Record<TrainingGate, boolean> {
  const lower = CASE_INSENSITIVE_FIRST_WORDS.test(text) ? text.toLowerCase() : undefined;
  const open = (gate: TrainingGate) => {
    const anyCase = CASE_INSENSITIVE_TRAINING_GATES.has(gate);
    const haystack = anyCase ? lower : text;
    return haystack !== undefined && TRAINING_TEXT_GATES[gate].every((group) => group.some((word) => haystack.includes(anyCase ? word.toLowerCase() : word)));
  };
  return Object.fromEntries(TRAINING_GATES.map((gate) => [gate, open(gate)])) as Record<TrainingGate, boolean>;
}

export class PythonTrainingAnalysis {
  /**
   * False when `analyze` can find nothing in the text: no name a part starts from, and no layer
   * (the BatchNorm-after-sequence part needs layers, whose names the front end's prefilter tests).
   */
  static mayFindFactsWithoutLayers(text: string): boolean {
    return Object.values(textGates(text)).some(Boolean);
  }

  private readonly calls: SyntaxNode[] = [];
  /** Class and function definitions, in source order. */
  readonly definitions: SyntaxNode[] = [];
  /** Assignments by their target's text (`model`, `base.trainable`), so lookups stay linear in big files. */
  private readonly assignmentsTo = new Map<string, SyntaxNode[]>();
  private syncMarked = false;
  /** The file runs the update ops itself, or lets a helper do it (UPDATE_OPS, control_dependencies, create_train_op, updates_collections). */
  private updateOpsHandled = false;
  private readonly batchNormLayers: LayerConstruction[];

  private constructor(
    private readonly text: string,
    private readonly front: PythonFrontEnd,
    private readonly edges: readonly LayerEdge[],
    private readonly root: SyntaxNode,
  ) {
    this.batchNormLayers = front.layerConstructions.filter((l) => l.spec.role === 'batchnorm');
    // One pass over the tree's arrays: only calls, definitions and assignments become node objects;
    // names and strings are read from the text by offset, and only when the text spells a marker.
    const lowerText = text.toLowerCase();
    const markersSpelled = [...pytorchSyncBatchNormWords, ...tf1UpdateOpsWords].some((m) => lowerText.includes(m));
    const tree = root.tree;
    for (let i = root.index, end = tree.subtreeEnd(root.index); i < end; i++) {
      const type = tree.typeOf(i);
      if (type === 'call') this.calls.push(tree.node(i));
      else if (type === 'class_definition' || type === 'function_definition') this.definitions.push(tree.node(i));
      else if (type === 'assignment') this.indexAssignment(tree.node(i));
      else if (markersSpelled && (type === 'identifier' || (type === 'string_content' && !isDocstringPart(tree, i)))) {
        // Docstrings (a string statement) describe; they do not mark what the code does.
        const lower = text.slice(tree.startOf(i), tree.endOf(i)).toLowerCase();
        this.syncMarked ||= pytorchSyncBatchNormWords.some((m) => lower.includes(m));
        this.updateOpsHandled ||= tf1UpdateOpsWords.some((m) => lower.includes(m));
      }
    }
  }

  private indexAssignment(node: SyntaxNode): void {
    const left = node.childForFieldName('left');
    if (!left) return;
    const key = this.text.slice(left.startIndex, left.endIndex);
    const list = this.assignmentsTo.get(key);
    if (list) list.push(node);
    else this.assignmentsTo.set(key, [node]);
  }

  static analyze(text: string, root: SyntaxNode, front: PythonFrontEnd, edges: readonly LayerEdge[]): TrainingFacts {
    // Each part runs only when the file spells the name it starts from (as the front end's own
    // prefilter); most files need none, and then the tree is not walked at all.
    const gates = {
      ...textGates(text),
      sequence:
        front.layerConstructions.some((l) => l.spec.framework === 'pytorch' && l.spec.sequenceOutput) &&
        front.layerConstructions.some((l) => l.spec.role === 'batchnorm'),
    };
    if (!Object.values(gates).some(Boolean))
      return { distributedWraps: [], replicaBatchNorms: [], smallBatches: [], unfrozenBaseCalls: [], tf1TrainOps: [], ganParts: [], sequenceIntoBatchNorm: [] };
    const analysis = new PythonTrainingAnalysis(text, front, edges, root);
    return {
      distributedWraps: gates.ddp ? analysis.distributedWraps() : [],
      replicaBatchNorms: gates.replicas ? analysis.replicaBatchNorms() : [],
      smallBatches: [
        ...(gates.loader ? analysis.dataLoaderBatches() : []),
        ...(gates.fit ? analysis.kerasFitBatches() : []),
        ...(gates.singleSample ? analysis.singleSampleSteps() : []),
      ],
      unfrozenBaseCalls: gates.unfrozen ? analysis.unfrozenBaseCalls() : [],
      tf1TrainOps: gates.tf1 ? analysis.tf1TrainOps() : [],
      ganParts: gates.gan ? ganParts(analysis.definitions.map((d) => ({ name: d.childForFieldName('name')?.text ?? '', range: rangeOf(d) }))) : [],
      sequenceIntoBatchNorm: gates.sequence ? analysis.sequenceIntoBatchNorm() : [],
    };
  }

  private pathOf(callee: SyntaxNode | null): string | undefined {
    const value = this.front.resolveName(callee);
    return value.kind === 'path' ? value.path : undefined;
  }

  // --- Which models hold BatchNorm -------------------------------------------------------------

  /** The BatchNorm layers constructed inside a same-file class, or inside classes it constructs. */
  private classBatchNorms(cls: ClassInfo, seen: Set<ClassInfo>): LayerConstruction[] {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const range = rangeOf(cls.node);
    const own = this.batchNormLayers.filter((l) => rangeContains(range, l.range));
    const nested = this.calls
      .filter((c) => rangeContains(range, rangeOf(c)))
      .flatMap((c) => {
        const v = this.front.resolveName(c.childForFieldName('function'));
        return v.kind === 'class' ? this.classBatchNorms(v.cls, seen) : [];
      });
    return [...own, ...nested];
  }

  private modelFromConstructor(call: SyntaxNode, name: string): BatchNormModel | undefined {
    const callee = call.childForFieldName('function');
    const value = this.front.resolveName(callee);
    let layers: LayerConstruction[] = [];
    if (value.kind === 'class') layers = this.classBatchNorms(value.cls, new Set());
    else if (value.kind === 'path' && isSequentialContainer(value.path)) layers = this.batchNormLayers.filter((l) => rangeContains(rangeOf(call), l.range));
    else if (value.kind === 'path' && (pytorchModelsWithBatchNorm.has(value.path) || kerasModelsWithBatchNorm.has(value.path))) {
      return {
        name,
        framework: pytorchModelsWithBatchNorm.has(value.path) ? 'pytorch' : 'keras',
        evidence: { range: rangeOf(call), description: callee!.text },
        failsAtBatchOne: false,
      };
    }
    if (layers.length === 0) return undefined;
    const first = layers[0];
    const set = new Set(layers);
    const failsAtBatchOne = this.edges.some(
      (e) =>
        set.has(e.to) &&
        e.to.spec.framework === 'pytorch' &&
        e.to.spec.spatialRank === 0 &&
        e.from.spec.role === 'linear' &&
        e.paths.every((p) => p.every((op) => op.kind !== 'reshape' && op.kind !== 'unknown')),
    );
    const framework =
      first.spec.framework === 'pytorch' || first.spec.framework === 'keras' || first.spec.framework === 'flax' ? first.spec.framework : undefined;
    if (!framework) return undefined;
    return { name, framework, evidence: { range: first.range, description: first.spec.displayName }, failsAtBatchOne };
  }

  /**
   * What `name` holds at `before` within `scope`: every assignment to it there must construct a
   * model with BatchNorm (moves like `model = model.cuda()` keep it). A parameter, a global, an
   * import or any other assignment and the answer is unknown.
   */
  private batchNormModel(name: string, scope: SyntaxNode, before: number): BatchNormModel | undefined {
    const scopeRange = rangeOf(scope);
    const bindings = (this.assignmentsTo.get(name) ?? []).filter(
      (a) => a.endIndex <= before && rangeContains(scopeRange, rangeOf(a)) && scopeOf(a).id === scope.id,
    );
    let found: BatchNormModel | undefined;
    for (const assignment of bindings) {
      const right = withoutMoves(assignment.childForFieldName('right'));
      if (right?.type === 'identifier' && right.text === name) continue;
      if (right?.type !== 'call') return undefined;
      const model = this.modelFromConstructor(right, name);
      if (!model) return undefined;
      found ??= model;
    }
    return found;
  }

  /** `model`, `model.cuda()`, `model.to(rank)`: the variable a wrapped expression names. */
  private rootName(node: SyntaxNode | null | undefined): string | undefined {
    const inner = withoutMoves(node);
    return inner?.type === 'identifier' ? inner.text : undefined;
  }

  // --- BN404: DistributedDataParallel without SyncBatchNorm ------------------------------------

  private distributedWraps(): DistributedWrap[] {
    const out: DistributedWrap[] = [];
    for (const call of this.calls) {
      const path = this.pathOf(call.childForFieldName('function'));
      if (!path || !pytorchDistributedWrappers.has(path)) continue;
      const args = callArguments(call);
      const wrapped = args.positional[0] ?? args.keywords.get('module');
      const name = this.rootName(wrapped);
      // `DistributedDataParallel(Net().cuda(), ...)`: the model is built in the call itself.
      const built = name ? undefined : withoutMoves(wrapped);
      if (!name && built?.type !== 'call') continue;
      const model = name ? this.batchNormModel(name, scopeOf(call), call.startIndex) : this.modelFromConstructor(built!, built!.text);
      if (!model) continue;
      const perProcessBatch = this.perProcessBatch(call);
      const nn = this.front.torchNnName();
      out.push({
        range: rangeOf(call),
        model,
        syncBatchNormInFile: this.syncMarked,
        ...(name ? { conversion: this.conversionBefore(call, name) } : { inline: { range: rangeOf(wrapped), ...(nn ? { nn } : {}) } }),
        ...(perProcessBatch ? { perProcessBatch } : {}),
      });
    }
    return out;
  }

  /**
   * BatchNorm layers built without cross-device statistics in a file that replicates training over
   * devices: a linen `BatchNorm` without `axis_name` beside `jax.pmap(..., axis_name='batch')`, a
   * Keras `BatchNormalization` without `synchronized=True` beside a `MirroredStrategy()`. A pmap
   * without a literal axis name gives no name to add, and nothing is reported for it.
   */
  private replicaBatchNorms(): ReplicaBatchNorm[] {
    const out: ReplicaBatchNorm[] = [];
    let pmap: { call: SyntaxNode; axis: string } | undefined;
    let strategy: SyntaxNode | undefined;
    for (const call of this.calls) {
      const callee = call.childForFieldName('function');
      const path = this.pathOf(callee);
      if (path && kerasReplicaStrategies.strategies.has(path)) strategy ??= call;
      // `jax.pmap(step, axis_name='batch')`, also as `functools.partial(jax.pmap, axis_name='batch')`.
      const args = callArguments(call);
      const transform =
        path && flaxDataParallel.transforms.has(path)
          ? call
          : args.positional.some((a) => flaxDataParallel.transforms.has(this.pathOf(a) ?? ''))
            ? call
            : undefined;
      const axisNode = transform ? args.keywords.get(flaxDataParallel.axisNameParam) : undefined;
      const axis = axisNode && stringLiteral(axisNode.text);
      if (transform && axis !== undefined) pmap ??= { call: transform, axis };
    }
    if (!pmap && !strategy) return out;
    const perReplicaBatch = strategy && this.perReplicaBatch();
    const seen = new Map<number, LayerConstruction[]>();
    for (const layer of this.batchNormLayers) seen.set(layer.range.start, [...(seen.get(layer.range.start) ?? []), layer]);
    for (const evaluations of seen.values()) {
      const layer = evaluations[0];
      // Every evaluation (once per call site of its class or helper) must lack the argument.
      const lacks = (param: string) => evaluations.every((l) => !l.hasOpaqueArguments && !l.args.some((a) => a.param === param));
      if (pmap && layer.spec.framework === 'flax' && flaxDataParallel.batchNorms.has(layer.spec.name) && lacks(flaxDataParallel.batchNormSyncParam)) {
        // `use_running_average=True` everywhere: the layer never normalizes by batch statistics.
        const frozen = layer.spec.frozenStatisticsWhen;
        if (frozen && evaluations.every((l) => l.args.some((a) => a.param === frozen.param && a.value === frozen.value))) continue;
        out.push({
          batchNorm: layer,
          framework: 'flax',
          parallel: { range: rangeOf(pmap.call), description: flaxDataParallel.description },
          sync: { param: flaxDataParallel.batchNormSyncParam, value: pmap.axis },
        });
      } else if (
        strategy &&
        layer.spec.framework === 'keras' &&
        kerasReplicaStrategies.batchNorms.has(layer.spec.name) &&
        lacks(kerasReplicaStrategies.batchNormSyncParam)
      ) {
        if (perReplicaBatch !== undefined && perReplicaBatch >= LARGE_PER_PROCESS_BATCH) continue;
        const name = this.pathOf(strategy.childForFieldName('function'))!.split('.').pop()!;
        out.push({
          batchNorm: layer,
          framework: 'keras',
          parallel: { range: rangeOf(strategy), description: name },
          sync: { param: kerasReplicaStrategies.batchNormSyncParam, value: true },
          ...(perReplicaBatch !== undefined ? { perReplicaBatch } : {}),
        });
      }
    }
    return out;
  }

  /**
   * The per-replica batch of a Keras strategy script, from `N * strategy.num_replicas_in_sync` with a
   * literal N (the idiom of the TensorFlow distribution guides); the smallest such N in the file.
   */
  private perReplicaBatch(): number | undefined {
    let smallest: number | undefined;
    for (const node of descendants(this.root)) {
      if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.text !== '*') continue;
      const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')];
      const replicas = (n: SyntaxNode | null) =>
        n?.type === 'attribute' && n.childForFieldName('attribute')?.text === kerasReplicaStrategies.replicaCountAttribute;
      const factor = replicas(right) ? integerOf(left ?? undefined) : replicas(left) ? integerOf(right ?? undefined) : undefined;
      if (factor !== undefined) smallest = Math.min(smallest ?? factor, factor);
    }
    return smallest;
  }

  /**
   * The smallest batch of the DataLoaders in the wrapping function (those given a `sampler`, the
   * distributed ones, when there are such); undefined when there is none or one's size is unknown.
   */
  private perProcessBatch(wrap: SyntaxNode): PerProcessBatch | undefined {
    const scope = scopeOf(wrap);
    const loaders = this.calls.filter((c) => scopeOf(c).id === scope.id && pytorchDataLoaders.has(this.pathOf(c.childForFieldName('function')) ?? ''));
    const sampled = loaders.filter((c) => this.loaderArgument(c, pytorchDataLoaderArguments.sampler, scope) !== undefined);
    let smallest: PerProcessBatch | undefined;
    for (const loader of sampled.length > 0 ? sampled : loaders) {
      const sizeNode = this.loaderArgument(loader, pytorchDataLoaderArguments.batchSize, scope, pytorchDataLoaderArguments.batchSizePosition);
      const batch = sizeNode && this.batchSizeOf(sizeNode, scope, 0);
      if (!batch) return undefined;
      if (!smallest || batch.size < smallest.size) smallest = { ...batch, range: rangeOf(sizeNode) };
    }
    return smallest;
  }

  /** A DataLoader argument given by keyword, by position, or in a `**kwargs` dict built in the function (`dict(batch_size=...)`). */
  private loaderArgument(call: SyntaxNode, name: string, scope: SyntaxNode, position?: number): SyntaxNode | undefined {
    const args = callArguments(call);
    const direct = args.keywords.get(name) ?? (position === undefined ? undefined : args.positional[position]);
    if (direct) return direct;
    for (const splat of kids(call.childForFieldName('arguments'))) {
      const dictName = splat.type === 'dictionary_splat' ? kids(splat)[0] : undefined;
      const right = dictName?.type === 'identifier' ? this.onlyAssignment(dictName.text, scope)?.childForFieldName('right') : undefined;
      if (right?.type === 'call' && right.childForFieldName('function')?.text === 'dict') {
        const value = callArguments(right).keywords.get(name);
        if (value) return value;
      } else if (right?.type === 'dictionary') {
        const pair = kids(right).find((p) => p.type === 'pair' && stringLiteral(p.childForFieldName('key')?.text ?? '') === name);
        if (pair?.childForFieldName('value')) return pair.childForFieldName('value')!;
      }
    }
    return undefined;
  }

  /** The one assignment to `name` in `scope` (a function, or the module), if there is exactly one. */
  private onlyAssignment(name: string, scope: SyntaxNode): SyntaxNode | undefined {
    const assignments = (this.assignmentsTo.get(name) ?? []).filter((a) => scopeOf(a).id === scope.id);
    return assignments.length === 1 ? assignments[0] : undefined;
  }

  /**
   * A batch size as the code writes it: an integer, a name assigned once (in the function or the
   * module), an argparse option's default (`args.batch_size`), `int(...)`, or a division: by an
   * integer, or by a world size the code does not fix (`args.batch_size // args.world_size`),
   * which is read as ASSUMED_WORLD_SIZE processes.
   */
  private batchSizeOf(node: SyntaxNode, scope: SyntaxNode, depth: number): Omit<PerProcessBatch, 'range'> | undefined {
    if (depth > 4) return undefined;
    const literal = integerOf(node);
    if (literal !== undefined) return literal > 0 ? { size: literal, divided: false } : undefined;
    switch (node.type) {
      case 'parenthesized_expression':
        return kids(node)[0] && this.batchSizeOf(kids(node)[0], scope, depth + 1);
      case 'identifier': {
        const assignment = this.onlyAssignment(node.text, scope) ?? this.onlyAssignment(node.text, scopeOf(scope));
        const right = assignment?.childForFieldName('right');
        return right ? this.batchSizeOf(right, scope, depth + 1) : undefined;
      }
      case 'attribute': {
        const size = this.argparseDefault(node.childForFieldName('attribute')?.text ?? '');
        return size === undefined ? undefined : { size, divided: false };
      }
      case 'call': {
        const args = callArguments(node);
        const inner = args.positional[0];
        return node.childForFieldName('function')?.text === 'int' && inner && args.positional.length === 1
          ? this.batchSizeOf(inner, scope, depth + 1)
          : undefined;
      }
      case 'binary_operator': {
        const operator = node.childForFieldName('operator')?.text;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if ((operator !== '//' && operator !== '/') || !left || !right) return undefined;
        const total = this.batchSizeOf(left, scope, depth + 1);
        if (!total || total.divided) return undefined;
        const divisor = integerOf(right);
        if (divisor !== undefined) return divisor > 0 && total.size >= divisor ? { size: Math.floor(total.size / divisor), divided: false } : undefined;
        return { size: Math.floor(total.size / ASSUMED_WORLD_SIZE), divided: true };
      }
      default:
        return undefined;
    }
  }

  /** The integer default of the one argparse option whose destination is `dest` (`--batch-size` → `batch_size`). */
  private argparseDefault(dest: string): number | undefined {
    const found: (number | undefined)[] = [];
    for (const call of this.calls) {
      if (call.childForFieldName('function')?.type !== 'attribute' || this.calledMethod(call)?.method !== 'add_argument') continue;
      const args = callArguments(call);
      const explicit = args.keywords.get('dest');
      const names = explicit ? [explicit] : args.positional;
      const option = names.map((n) => stringLiteral(n.text)).find((o) => o !== undefined && (explicit || o.startsWith('--')));
      if (option === undefined || option.replace(/^-+/, '').replace(/-/g, '_') !== dest) continue;
      found.push(integerOf(args.keywords.get('default')));
    }
    return found.length === 1 ? found[0] : undefined;
  }

  /** The line `name = nn.SyncBatchNorm.convert_sync_batchnorm(name)` before the statement holding `call`. */
  private conversionBefore(call: SyntaxNode, name: string): DistributedWrap['conversion'] {
    let statement: SyntaxNode | null = call;
    while (statement && statement.parent?.type !== 'block' && statement.parent?.type !== 'module') statement = statement.parent;
    if (!statement) return undefined;
    const lineStart = this.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
    const indent = this.text.slice(lineStart, statement.startIndex);
    if (indent.trim() !== '') return undefined;
    const nn = this.front.torchNnName();
    if (!nn) return undefined;
    const newline = this.text.includes('\r\n') ? '\r\n' : '\n';
    return { offset: lineStart, text: `${indent}${name} = ${nn}.${pytorchSyncBatchNormConversion}(${name})${newline}` };
  }

  /** How the file spells `torch.nn`: `nn` when imported so, else `torch.nn`; none without an import. */

  // --- BN403: training on tiny batches ---------------------------------------------------------

  private calledMethod(call: SyntaxNode): { object: string; method: string } | undefined {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return undefined;
    return { object: callee.childForFieldName('object')?.text ?? '', method: callee.childForFieldName('attribute')?.text ?? '' };
  }

  /**
   * `loader = DataLoader(ds, batch_size=2)` (or no batch_size: 1), then in the same function a
   * `for ... in loader` loop (also through `enumerate`/`tqdm`) that calls a model with BatchNorm and
   * runs `.backward()`. A model switched to eval in that function (and not back) is not training BN.
   */
  private *dataLoaderBatches(): Generator<SmallBatchTraining> {
    for (const call of this.calls) {
      const path = this.pathOf(call.childForFieldName('function'));
      if (!path || !pytorchDataLoaders.has(path)) continue;
      const args = callArguments(call);
      if (args.opaque || args.keywords.has(pytorchDataLoaderArguments.batchSampler) || args.positional.length > 2) continue;
      const sizeNode = args.keywords.get(pytorchDataLoaderArguments.batchSize) ?? args.positional[pytorchDataLoaderArguments.batchSizePosition];
      const batchSize = sizeNode ? integerOf(sizeNode) : 1;
      if (batchSize === undefined || batchSize < 1 || batchSize > SMALL_BATCH) continue;
      const assignment = call.parent;
      if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.type !== 'identifier') continue;
      const loader = assignment.childForFieldName('left')!.text;
      const scope = scopeOf(call);
      for (const loop of descendants(scope, true)) {
        if (loop.type !== 'for_statement' || loop.startIndex < call.endIndex) continue;
        const iterated = loop.childForFieldName('right');
        if (!iterated || !descendants(iterated).some((n) => n.type === 'identifier' && n.text === loader)) continue;
        const body = loop.childForFieldName('body');
        if (!body) continue;
        const bodyCalls = this.calls.filter((c) => rangeContains(rangeOf(body), rangeOf(c)));
        const step = bodyCalls.find((c) => PYTORCH_STEP_CALLS.has(this.calledMethod(c)?.method ?? ''));
        if (!step) continue;
        const modelCall = bodyCalls.find((c) => c.childForFieldName('function')?.type === 'identifier');
        const names = [
          ...new Set(bodyCalls.flatMap((c) => (c.childForFieldName('function')?.type === 'identifier' ? [c.childForFieldName('function')!.text] : []))),
        ];
        const model = names.map((n) => this.batchNormModel(n, scope, loop.startIndex)).find((m) => m !== undefined);
        if (!modelCall || !model || this.switchedToEval(model.name, scope)) continue;
        yield { range: rangeOf(call), batchSize, batchSizeRange: sizeNode ? rangeOf(sizeNode) : undefined, source: 'dataloader', model, step: rangeOf(step) };
        break;
      }
    }
  }

  /**
   * `x.unsqueeze(0)`, `torch.unsqueeze(x, 0)`, `x[None]`, `x[np.newaxis, ...]`, `np.expand_dims(x, 0)`
   * (also through moves such as `.to(device)`): an expression whose first dimension is one.
   */
  private addsBatchOfOne(node: SyntaxNode | null | undefined): boolean {
    const inner = withoutMoves(node);
    if (!inner) return false;
    const isZero = (arg: SyntaxNode | undefined) => integerOf(arg) === 0;
    if (inner.type === 'subscript') {
      const first = inner.childForFieldName('subscript');
      if (first?.type === 'none') return true;
      const path = first && (first.type === 'attribute' || first.type === 'identifier') ? this.pathOf(first) : undefined;
      return path !== undefined && (pytorchAddBatchDimension.newAxis.has(path) || flaxSingleSampleTraining.newAxis.has(path));
    }
    if (inner.type !== 'call') return false;
    const callee = inner.childForFieldName('function');
    const args = callArguments(inner);
    if (callee?.type === 'attribute' && pytorchAddBatchDimension.methods.has(callee.childForFieldName('attribute')?.text ?? '')) {
      // A method on a module path (`torch.unsqueeze`) is handled below; on a value it is the tensor method.
      if (this.pathOf(callee) === undefined) return isZero(args.positional[0] ?? args.keywords.get(pytorchAddBatchDimension.dimensionKeyword));
    }
    const path = this.pathOf(callee);
    if (path && pytorchAddBatchDimension.functions.has(path)) return isZero(args.positional[1] ?? args.keywords.get(pytorchAddBatchDimension.dimensionKeyword));
    if (path && kerasAddBatchDimension.functions.has(path)) return isZero(args.positional[1] ?? args.keywords.get(kerasAddBatchDimension.dimensionKeyword));
    if (path && flaxSingleSampleTraining.addBatchDimension.has(path))
      return isZero(args.positional[1] ?? args.keywords.get(flaxSingleSampleTraining.dimensionKeyword));
    return false;
  }

  /**
   * The expression that makes `arg` a batch of one at `before`: `arg` itself, or, for a name, its
   * last assignment in `within` before that point (`x = x.unsqueeze(0)` then `model(x)`).
   */
  private batchOfOneSource(arg: SyntaxNode | undefined, within: SyntaxNode, before: number): SyntaxNode | undefined {
    if (!arg) return undefined;
    if (this.addsBatchOfOne(arg)) return arg;
    if (arg.type !== 'identifier') return undefined;
    const region = rangeOf(within);
    const last = (this.assignmentsTo.get(arg.text) ?? []).filter((a) => a.endIndex <= before && rangeContains(region, rangeOf(a))).at(-1);
    const right = last?.childForFieldName('right');
    return right && this.addsBatchOfOne(right) ? right : undefined;
  }

  /** The innermost loop body around `node` inside `scope`, else the scope itself. */
  private stepRegion(node: SyntaxNode, scope: SyntaxNode): SyntaxNode {
    for (let current = node.parent; current && current.id !== scope.id; current = current.parent) {
      if (current.type === 'for_statement' || current.type === 'while_statement') return current.childForFieldName('body') ?? current;
    }
    return scope;
  }

  /** Inside `with torch.no_grad():` or `torch.inference_mode()` within `scope`. */
  private withoutGradients(node: SyntaxNode, scope: SyntaxNode): boolean {
    for (let current = node.parent; current && current.id !== scope.id; current = current.parent)
      if (current.type === 'with_statement' && this.front.gradientContextOf(current) === 'off') return true;
    return false;
  }

  /**
   * Training on single samples made into a batch of one:
   * - PyTorch: every call of a model with BatchNorm in a loop body (or function) that runs
   *   `.backward()` passes one argument that adds a batch dimension of one (`model(x.unsqueeze(0))`);
   *   a seq-first recurrent call passes its state too, and is left alone;
   * - Keras: `model.train_on_batch(x[None], ...)` / `np.expand_dims(x, 0)`.
   */
  private *singleSampleSteps(): Generator<SmallBatchTraining> {
    const reported = new Set<number>();
    for (const call of this.calls) {
      const callee = call.childForFieldName('function');
      const method = this.calledMethod(call);
      // Cheap tests first: most calls of a big file are none of the three shapes.
      const flax = method !== undefined && flaxSingleSampleTraining.applyMethods.has(method.method);
      const keras = method !== undefined && kerasSingleBatchTrainingMethods.has(method.method);
      if (!callee || (!flax && !keras && callee.type !== 'identifier')) continue;
      const args = callArguments(call);
      if (!flax && !keras && (args.opaque || args.positional.length !== 1 || args.keywords.size > 0)) continue;
      const scope = scopeOf(call);
      if (flax) {
        const step = this.flaxSingleSampleStep(call, method, args, scope);
        if (step) yield step;
        continue;
      }
      if (keras) {
        const source = this.batchOfOneSource(args.positional[0] ?? args.keywords.get('x'), scope, call.startIndex);
        const model = source && this.batchNormModel(method.object, scope, call.startIndex);
        if (!source || !model || model.framework !== 'keras' || this.freezesKerasLayers()) continue;
        yield { range: rangeOf(call), batchSize: 1, batchSizeRange: rangeOf(source), source: 'single-sample', model, step: rangeOf(call) };
        continue;
      }
      const region = this.stepRegion(call, scope);
      if (reported.has(region.id) || this.withoutGradients(call, scope)) continue;
      const source = this.batchOfOneSource(args.positional[0], region, call.startIndex);
      if (!source) continue;
      const model = this.batchNormModel(callee.text, scope, call.startIndex);
      if (!model || model.framework !== 'pytorch' || this.switchedToEval(model.name, scope)) continue;
      const regionCalls = this.calls.filter((c) => rangeContains(rangeOf(region), rangeOf(c)));
      const step = regionCalls.find((c) => c.endIndex > call.endIndex && PYTORCH_STEP_CALLS.has(this.calledMethod(c)?.method ?? ''));
      if (!step) continue;
      // Every forward pass of this model in the step must be on a batch of one: a batched pass beside
      // it (training on batches, a single-sample pass for a picture) says nothing about the training batch.
      const forwards = regionCalls.filter(
        (c) => c.childForFieldName('function')?.type === 'identifier' && c.childForFieldName('function')!.text === callee.text,
      );
      if (!forwards.every((c) => this.batchOfOneSource(callArguments(c).positional[0], region, c.startIndex) !== undefined)) continue;
      reported.add(region.id);
      yield { range: rangeOf(call), batchSize: 1, batchSizeRange: rangeOf(source), source: 'single-sample', model, step: rangeOf(step) };
    }
  }

  /**
   * Flax linen: `model.apply(variables, x[None], mutable=['batch_stats'])` (or `state.apply_fn`).
   * Asking for the updated `batch_stats` is what a training step does, and only BatchNorm keeps
   * that collection; the model's own BatchNorm is named when a same-file class builds it.
   */
  private flaxSingleSampleStep(
    call: SyntaxNode,
    method: { object: string; method: string },
    args: ReturnType<typeof callArguments>,
    scope: SyntaxNode,
  ): SmallBatchTraining | undefined {
    const mutable = args.keywords.get(flaxSingleSampleTraining.mutableKeyword);
    const collections = mutable?.type === 'list' || mutable?.type === 'tuple' ? kids(mutable) : mutable ? [mutable] : [];
    const batchStats = collections.find((c) => c.type === 'string' && c.text.slice(1, -1) === flaxSingleSampleTraining.batchStatsCollection);
    if (!batchStats || args.opaque) return undefined;
    const source = this.batchOfOneSource(args.positional[1], scope, call.startIndex);
    if (!source) return undefined;
    // `model` of `model.apply`, bound in the step or (a step nested in functions) in a scope around it.
    let named: BatchNormModel | undefined;
    for (let outer: SyntaxNode = scope; method.method === flaxSingleSampleTraining.moduleApply && !named; outer = scopeOf(outer)) {
      named = this.batchNormModel(method.object, outer, outer === scope ? call.startIndex : outer.endIndex);
      if (outer.type === 'module' || (this.assignmentsTo.get(method.object) ?? []).some((a) => scopeOf(a).id === outer.id)) break;
    }
    const model: BatchNormModel = named ?? {
      name: `${method.object}.${method.method}`,
      framework: 'flax',
      evidence: { range: rangeOf(batchStats), description: "its updated 'batch_stats'" },
      failsAtBatchOne: false,
    };
    return { range: rangeOf(call), batchSize: 1, batchSizeRange: rangeOf(source), source: 'single-sample', model, step: rangeOf(call) };
  }

  /** `model.eval()` (or a BatchNorm freezer) in the function and no `model.train()` in it. */
  private switchedToEval(name: string, scope: SyntaxNode): boolean {
    const range = rangeOf(scope);
    const methods = this.calls
      .filter((c) => rangeContains(range, rangeOf(c)))
      .map((c) => this.calledMethod(c))
      .filter((m) => m !== undefined && m.object === name);
    const evals = methods.some((m) => m!.method === pytorchModeSwitchMethods.eval || m!.method.includes('freeze'));
    return evals && !methods.some((m) => m!.method === pytorchModeSwitchMethods.train);
  }

  // --- BN405: PyTorch sequence outputs unpacked from a tuple --------------------------------------

  /** `self.name` in a method of `cls`: the layer the attribute holds. */
  private selfLayer(node: SyntaxNode | null | undefined, cls: ClassInfo): LayerConstruction | undefined {
    if (node?.type !== 'attribute' || node.childForFieldName('object')?.text !== 'self') return undefined;
    const value = cls.attributes.get(node.childForFieldName('attribute')?.text ?? '');
    return value?.kind === 'layer' ? value.layer : undefined;
  }

  /**
   * `x.transpose(1, 2)`, `x.permute(0, 2, 1).contiguous()`, `torch.transpose(x, 1, 2)`: the reordered
   * names; a residual sum is reordered as a whole (`(x + h).transpose(1, 2)`: both `x` and `h`).
   */
  private reorderedNames(node: SyntaxNode): string[] {
    let current: SyntaxNode | null | undefined = node;
    let reordered = false;
    while (current?.type === 'call') {
      const callee = current.childForFieldName('function');
      const path = this.pathOf(callee);
      if (path && pytorchAxisReorders.has(path)) {
        reordered = true;
        current = callArguments(current).positional[0];
        continue;
      }
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      if (!method || !AXIS_REORDER_NAMES.has(method)) return [];
      reordered ||= method !== MEMORY_LAYOUT_METHOD;
      current = callee!.childForFieldName('object');
    }
    return reordered && current ? summedNames(current) : [];
  }

  /** The sequence layer whose full output `right` is: `self.lstm(x)` unpacked first, or `self.lstm(x)[0]`. */
  private sequenceOutputOf(left: SyntaxNode, right: SyntaxNode, cls: ClassInfo): { name: string; layer: LayerConstruction } | undefined {
    let call = right;
    let target = left;
    if (right.type === 'subscript' && right.childForFieldName('subscript')?.text === '0') call = right.childForFieldName('value')!;
    else if (left.type === 'pattern_list' || left.type === 'tuple_pattern') target = kids(left)[0]!;
    else return undefined;
    if (call?.type !== 'call' || target?.type !== 'identifier') return undefined;
    const layer = this.selfLayer(call.childForFieldName('function'), cls);
    return layer && layer.spec.framework === 'pytorch' && layer.spec.sequenceOutput ? { name: target.text, layer } : undefined;
  }

  private sequenceIntoBatchNorm(): SequenceIntoBatchNorm[] {
    const out: SequenceIntoBatchNorm[] = [];
    for (const classNode of this.definitions.filter((d) => d.type === 'class_definition')) {
      const cls = this.front.classInfo(classNode);
      const forward = cls?.methods.get(pytorchForwardMethod);
      if (!cls || !forward) continue;
      // Names holding a sequence layer's output, and whether its axes were reordered; reassigned otherwise, forgotten.
      const sequences = new Map<string, { layer: LayerConstruction; reordered: boolean }>();
      const handled = new Set<number>();
      const firstSequence = (names: readonly string[]) => names.map((name) => sequences.get(name)).find((found) => found !== undefined);
      const visitCall = (node: SyntaxNode) => {
        if (handled.has(node.id)) return;
        handled.add(node.id);
        const batchNorm = this.selfLayer(node.childForFieldName('function'), cls);
        const arg = callArguments(node).positional[0];
        if (batchNorm?.spec.role !== 'batchnorm' || !arg) return;
        const direct = arg.type === 'identifier' ? sequences.get(arg.text) : undefined;
        const source = direct?.reordered ? direct : firstSequence(this.reorderedNames(arg));
        if (source) out.push({ source: source.layer, batchNorm });
      };
      for (const node of descendants(forward.node, true)) {
        if (node.type === 'call') visitCall(node);
        else if (node.type === 'assignment') {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (!left || !right) continue;
          // The right side reads the names before the assignment rebinds them.
          for (const call of descendants(right, true)) if (call.type === 'call') visitCall(call);
          const produced = this.sequenceOutputOf(left, right, cls);
          const from = firstSequence(this.reorderedNames(right));
          // `y = x + h`: a residual sum over a sequence is still one vector per timestep.
          const summed = from ? undefined : firstSequence(summedNames(right));
          const names = left.type === 'identifier' ? [left.text] : kids(left).map((k) => k.text);
          for (const name of names) sequences.delete(name);
          if (produced) sequences.set(produced.name, { layer: produced.layer, reordered: false });
          else if (from && left.type === 'identifier') sequences.set(left.text, { layer: from.layer, reordered: true });
          else if (summed && left.type === 'identifier') sequences.set(left.text, summed);
        }
      }
    }
    return out;
  }

  // --- BN206: Keras base model called without training=False, then unfrozen ---------------------

  /** `name.trainable = True` assignments in the whole file (fine-tuning often happens in another function). */
  private unfreezes(name: string): SyntaxNode[] {
    return (this.assignmentsTo.get(`${name}.trainable`) ?? []).filter((a) => a.childForFieldName('right')?.type === 'true');
  }

  /** `inputs = keras.Input(...)`, then `x = layer(inputs)`, ...: the value is a symbolic tensor of a model being built. */
  private derivesFromKerasInput(node: SyntaxNode, scope: SyntaxNode, before: number, depth: number): boolean {
    if (depth > 12) return false;
    if (node.type === 'identifier') {
      const binding = (this.assignmentsTo.get(node.text) ?? []).filter((a) => a.endIndex <= before && scopeOf(a).id === scope.id).pop();
      const right = binding?.childForFieldName('right');
      return right ? this.derivesFromKerasInput(right, scope, binding!.startIndex, depth + 1) : false;
    }
    if (node.type !== 'call') return false;
    const path = this.pathOf(node.childForFieldName('function'));
    if (path !== undefined && kerasInputs.has(path)) return true;
    return callArguments(node).positional.some((arg) => this.derivesFromKerasInput(arg, scope, before, depth + 1));
  }

  private unfrozenBaseCalls(): UnfrozenBaseCall[] {
    const out: UnfrozenBaseCall[] = [];
    const unfrozen = [...this.assignmentsTo.keys()].filter((k) => k.endsWith(TRAINABLE_ATTRIBUTE)).map((k) => k.slice(0, -TRAINABLE_ATTRIBUTE.length));
    if (unfrozen.length === 0) return [];
    for (const call of this.calls) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'identifier' || !unfrozen.includes(callee.text)) continue;
      // The unfreeze must act on the model this call ran: a rebinding in between (a later notebook
      // cell's `base_model = EfficientNetB0(...)`) makes it another model's.
      const rebindings = (this.assignmentsTo.get(callee.text) ?? []).filter((a) => a.startIndex > call.endIndex && scopeOf(a).id === scopeOf(call).id);
      const unfreeze = this.unfreezes(callee.text).find((a) => a.startIndex > call.endIndex && !rebindings.some((r) => r.startIndex < a.startIndex));
      if (!unfreeze) continue;
      const args = callArguments(call);
      if (args.opaque || args.positional.length !== 1 || args.keywords.has(kerasTrainingKeyword)) continue;
      // Only a call that builds the model (on a symbolic `keras.Input`) matters; `base(images)` to
      // look at feature shapes runs once and is not part of what fine-tuning trains.
      if (!this.derivesFromKerasInput(args.positional[0], scopeOf(call), call.startIndex, 0)) continue;
      const model = this.batchNormModel(callee.text, scopeOf(call), call.startIndex);
      if (model?.framework !== 'keras') continue;
      const argumentList = call.childForFieldName('arguments');
      const last = kids(argumentList)
        .filter((k) => k.type !== 'comment')
        .pop();
      out.push({ range: rangeOf(call), model, unfreeze: rangeOf(unfreeze), trainingArgumentOffset: last?.endIndex });
    }
    return out;
  }

  // --- BN207: TF1 train op without the batch norm update ops ----------------------------------

  /**
   * A graph-mode batch norm that switches between training and inference: its `training`
   * (`is_training` for contrib/slim) argument is an expression, not a literal. With a literal the
   * moving statistics are either never updated and never used, or never used at all. A
   * `normalizer_fn=slim.batch_norm` reference counts when some call passes `is_training=<expression>`
   * (usually `slim.arg_scope`).
   */
  private switchingTf1BatchNorm(): { node: SyntaxNode; name: string } | undefined {
    const isSwitch = (node: SyntaxNode | undefined) =>
      node !== undefined && node.type !== 'true' && node.type !== 'false' && node.type !== 'none' && !this.fixedFlagParameter(node);
    for (const call of this.calls) {
      const callee = call.childForFieldName('function');
      const path = this.tf1Path(callee);
      if (!path) continue;
      const keywords = callArguments(call).keywords;
      const flag = path.endsWith(tf1Api.batchNormalization.name) ? tf1Api.trainingKeyword.layers : tf1Api.trainingKeyword.slim;
      if (isSwitch(keywords.get(flag))) return { node: call, name: callee!.text };
    }
    // `is_training=flag`, or slim's `normalizer_params={'is_training': flag}` for `normalizer_fn=slim.batch_norm`.
    const switchesTraining = (c: SyntaxNode) =>
      [...callArguments(c).keywords].some(
        ([keyword, value]) =>
          (keyword === tf1Api.trainingKeyword.slim && isSwitch(value)) ||
          (value.type === 'dictionary' &&
            kids(value).some(
              (pair) =>
                pair.type === 'pair' &&
                stringLiteral(pair.childForFieldName('key')?.text ?? '') === tf1Api.trainingKeyword.slim &&
                isSwitch(pair.childForFieldName('value') ?? undefined),
            )),
      );
    if (!this.calls.some(switchesTraining)) return undefined;
    for (const call of this.calls) {
      for (const value of callArguments(call).keywords.values()) {
        const path = this.tf1Path(value);
        if (path && !path.endsWith(tf1Api.batchNormalization.name)) return { node: value, name: value.text };
      }
    }
    return undefined;
  }

  /**
   * `training=training` where `training` is a parameter with a literal default (`def generator(z,
   * training=True)`) that every call of its function in the file leaves at the default or sets to
   * the same literal: the flag never switches (a GAN whose batch norms always train).
   */
  private fixedFlagParameter(node: SyntaxNode): boolean {
    if (node.type !== 'identifier') return false;
    let fn: SyntaxNode | null = node.parent;
    while (fn && fn.type !== 'function_definition') fn = fn.parent;
    const params = fn ? kids(fn.childForFieldName('parameters')) : [];
    const index = params.findIndex(
      (p) => (p.type === 'default_parameter' || p.type === 'typed_default_parameter') && p.childForFieldName('name')?.text === node.text,
    );
    const fallback = params[index]?.childForFieldName('value')?.type;
    if (!fn || index < 0 || (fallback !== 'true' && fallback !== 'false')) return false;
    const name = fn.childForFieldName('name')?.text;
    // Rebinding the parameter in the body, or a method (called through an object), is not followed.
    if (!name || fn.parent?.parent?.type === 'class_definition') return false;
    return this.calls.every((call) => {
      if (call.childForFieldName('function')?.text !== name) return true;
      const args = callArguments(call);
      if (args.opaque) return false;
      const given = args.keywords.get(node.text) ?? args.positional[index];
      return given === undefined || given.type === fallback;
    });
  }

  private tf1Path(node: SyntaxNode | null | undefined): string | undefined {
    if (node?.type !== 'identifier' && node?.type !== 'attribute') return undefined;
    const value = this.front.resolveName(node);
    const path =
      value.kind === 'path'
        ? value.path
        : value.kind === 'ctor' && value.spec.name === tf1Api.batchNormalization.name
          ? tf1Api.batchNormalization.path
          : undefined;
    return path && tf1BatchNormFunctions.has(path) ? path : undefined;
  }

  /** `tf.train.AdamOptimizer(...)` inline, or a variable bound to one in the same function. */
  private isTf1Optimizer(node: SyntaxNode | null | undefined, scope: SyntaxNode, before: number): boolean {
    if (node?.type === 'call') {
      const path = this.pathOf(node.childForFieldName('function'));
      return path !== undefined && tf1OptimizerModules.some((m) => path.startsWith(m));
    }
    if (node?.type !== 'identifier') return false;
    const bindings = (this.assignmentsTo.get(node.text) ?? []).filter((a) => a.endIndex <= before && scopeOf(a).id === scope.id);
    return bindings.length > 0 && bindings.every((a) => this.isTf1Optimizer(a.childForFieldName('right'), scope, a.startIndex));
  }

  private tf1TrainOps(): Tf1TrainOp[] {
    if (this.updateOpsHandled) return [];
    const batchNorm = this.switchingTf1BatchNorm();
    if (!batchNorm) return [];
    const out: Tf1TrainOp[] = [];
    for (const call of this.calls) {
      const callee = call.childForFieldName('function');
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      if (method === undefined || !tf1OptimizerUpdates.has(method)) continue;
      if (!this.isTf1Optimizer(callee!.childForFieldName('object'), scopeOf(call), call.startIndex)) continue;
      out.push({ range: rangeOf(call), batchNorm: rangeOf(batchNorm.node), batchNormName: batchNorm.name, wrap: this.controlDependencyWrap(call) });
    }
    return out;
  }

  /** The one-line statement holding `call`, re-indented inside `with tf.control_dependencies(UPDATE_OPS):`. */
  private controlDependencyWrap(call: SyntaxNode): Tf1TrainOp['wrap'] {
    let statement: SyntaxNode | null = call;
    while (statement && statement.parent?.type !== 'block' && statement.parent?.type !== 'module') statement = statement.parent;
    if (!statement || statement.type !== 'expression_statement') return undefined;
    const lineStart = this.text.lastIndexOf('\n', statement.startIndex - 1) + 1;
    const indent = this.text.slice(lineStart, statement.startIndex);
    const code = this.text.slice(statement.startIndex, statement.endIndex);
    if (indent.trim() !== '' || code.includes('\n')) return undefined;
    const tf = this.tensorflowName();
    if (!tf) return undefined;
    const unit = indent.includes('\t') ? '\t' : '    ';
    const newline = this.text.includes('\r\n') ? '\r\n' : '\n';
    return {
      range: { start: lineStart, end: statement.endIndex },
      text: `${indent}with ${tf}.control_dependencies(${tf}.get_collection(${tf}.GraphKeys.UPDATE_OPS)):${newline}${indent}${unit}${code}`,
    };
  }

  /** How the file reaches the TF1 API: `tf` bound to `tensorflow.compat.v1` or to TF1's `tensorflow`. */
  private tensorflowName(): string | undefined {
    for (const candidate of tf1Api.moduleNames) {
      const v = this.front.moduleValue(candidate);
      if (v?.kind === 'path' && v.path === tf1Api.v1) return candidate;
      if (v?.kind === 'path' && v.path === tf1Api.root)
        return this.calls.some((c) => this.pathOf(c.childForFieldName('function'))?.startsWith(`${tf1Api.v1}.`))
          ? `${candidate}${tf1Api.v1.slice(tf1Api.root.length)}`
          : candidate;
    }
    return undefined;
  }

  /** `x.trainable = False` or `trainable=False` anywhere in the file. */
  private freezesKerasLayers(): boolean {
    const isFalse = (node: SyntaxNode | null | undefined) => node?.type === 'false';
    return (
      [...this.assignmentsTo].some(([target, list]) => target.endsWith(TRAINABLE_ATTRIBUTE) && list.some((a) => isFalse(a.childForFieldName('right')))) ||
      this.calls.some((c) => isFalse(callArguments(c).keywords.get(kerasTrainableFlag)))
    );
  }

  /** `model.fit(x, y, batch_size=2)` on a Keras model with BatchNorm, in a file that freezes nothing. */
  private *kerasFitBatches(): Generator<SmallBatchTraining> {
    for (const call of this.calls) {
      const method = this.calledMethod(call);
      if (method === undefined || !kerasFit.methods.has(method.method)) continue;
      const sizeNode = callArguments(call).keywords.get(kerasFit.batchSizeKeyword);
      const batchSize = integerOf(sizeNode);
      if (batchSize === undefined || batchSize < 1 || batchSize > SMALL_BATCH) continue;
      const model = this.batchNormModel(method.object, scopeOf(call), call.startIndex);
      // `layer.trainable = False` puts Keras BatchNorm in inference mode: its batch size no longer matters.
      if (!model || this.freezesKerasLayers()) continue;
      yield { range: rangeOf(call), batchSize, batchSizeRange: rangeOf(sizeNode!), source: 'keras-fit', model, step: rangeOf(call) };
    }
  }
}

/** The names a residual sum adds up (`x + h`, `(x + h)`), or the one name an expression is. */
function summedNames(node: SyntaxNode): string[] {
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'parenthesized_expression') return kids(node).length === 1 ? summedNames(kids(node)[0]) : [];
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.text !== '+') return [];
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return left && right ? [...summedNames(left), ...summedNames(right)] : [];
}

/** Whether the node at `index` is the content of a string that is a statement of its own (a docstring). */
function isDocstringPart(tree: SyntaxTree, index: number): boolean {
  const string = tree.parentOf(index);
  const statement = string >= 0 ? tree.parentOf(string) : -1;
  return statement >= 0 && tree.typeOf(statement) === 'expression_statement';
}
