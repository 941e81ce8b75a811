/** Data-flow helpers shared by the front ends: where a tensor came from, and what happened to it since. */
import type { ConstValue, OpKind } from '../frameworks/types';
import type { TextRange } from '../types';
import type { LayerConstruction, LayerEdge, TensorOp } from './model';

/** One candidate origin of a tensor: the last layer it went through and the ops since. */
export interface TensorSource {
  readonly layer: LayerConstruction;
  readonly ops: readonly TensorOp[];
  /** The uses this output is tracked for (a helper's result at one call site): fed to a layer, each is consumed. */
  readonly uses?: readonly TensorUse[];
}

/**
 * One use of a layer's output that a front end follows: a helper's result at one of its call
 * sites, or an application of a layer a helper built. A use that never reaches another layer
 * leaves what the file wires (the model's output, a list, an unknown call): the bias matters there.
 */
export interface TensorUse {
  readonly layer: LayerConstruction;
  consumed: boolean;
}

/** The source with one more tracked use. */
export function withUse(source: TensorSource, use: TensorUse): TensorSource {
  return { ...source, uses: [...(source.uses ?? []), use] };
}

/** Enough candidates to follow real branches, few enough that pathological code stays linear. */
const MAX_SOURCES = 8;

const samePath = (a: readonly TensorOp[], b: readonly TensorOp[]) => a.length === b.length && a.every((op, i) => op === b[i]);

export function mergeSources(a: readonly TensorSource[], b: readonly TensorSource[]): TensorSource[] {
  const out = [...a];
  for (const s of b) {
    const same = out.findIndex((o) => o.layer === s.layer && samePath(o.ops, s.ops));
    // The same origin twice: one source carries both's uses on.
    if (same >= 0) {
      const uses = s.uses?.filter((u) => !out[same].uses?.includes(u)) ?? [];
      if (uses.length > 0) out[same] = { ...out[same], uses: [...(out[same].uses ?? []), ...uses] };
    } else if (out.length < MAX_SOURCES) out.push(s);
  }
  return out;
}

export function withOp(source: TensorSource, op: TensorOp): TensorSource {
  return source.uses ? { layer: source.layer, ops: [...source.ops, op], uses: source.uses } : { layer: source.layer, ops: [...source.ops, op] };
}

// Array.isArray narrows a readonly array to any[]: this keeps the element type.
const isConstArray = (value: ConstValue): value is readonly ConstValue[] => Array.isArray(value);

export function constEqual(a: ConstValue, b: ConstValue): boolean {
  if (isConstArray(a) && isConstArray(b)) return a.length === b.length && a.every((x, i) => constEqual(x, b[i]));
  return a === b;
}

/** Keras/TF.js `activation=` applies a nonlinearity inside the layer, after its bias. */
export function fusedActivation(layer: LayerConstruction): TensorOp[] {
  const param = layer.spec.fusedActivationParam;
  if (!param) return [];
  const arg = [...layer.args].reverse().find((a) => a.param === param);
  if (!arg) return layer.hasOpaqueArguments ? [{ kind: 'unknown', name: param }] : [];
  if (arg.value === null || arg.value === 'linear') return [];
  const kind: OpKind = arg.value === undefined ? 'unknown' : 'activation';
  return [{ kind, name: `${param}=${arg.valueText}`, range: arg.range }];
}

/** Records that `source` feeds `to`, keeping every distinct path and the most direct one as `through`. */
export function recordEdge(edges: Map<string, LayerEdge>, source: TensorSource, to: LayerConstruction): void {
  const key = `${source.layer.id}>${to.id}`;
  const existing = edges.get(key);
  if (!existing) {
    edges.set(key, { from: source.layer, to, through: source.ops, paths: [source.ops] });
    return;
  }
  if (existing.paths.some((path) => samePath(path, source.ops)) || existing.paths.length >= MAX_SOURCES) return;
  const through = existing.through.length > source.ops.length ? source.ops : existing.through;
  edges.set(key, { ...existing, through, paths: [...existing.paths, source.ops] });
}

/**
 * A branch condition the code controls: a parameter or attribute (`batch_norm`, `self.use_bn`),
 * possibly negated, tested in the function whose source spans `scope`.
 */
export interface BranchCondition {
  /** The name as written (`batch_norm`, `self.use_bn`, `this.useBn`). */
  readonly name: string;
  readonly negated: boolean;
  readonly scope: TextRange;
}

export function negateCondition(condition: BranchCondition): BranchCondition {
  return { ...condition, negated: !condition.negated };
}

/** The conditions of an `if`/`else` pair of branch scopes, when both are known (else undefined). */
export function branchConditions(branches: readonly { readonly condition?: BranchCondition }[]): [BranchCondition, BranchCondition] | undefined {
  const [first, second] = branches;
  return branches.length === 2 && first?.condition && second?.condition ? [first.condition, second.condition] : undefined;
}

/** A scope as the branch join sees it: its own bindings, and the condition its branch runs under. */
export interface BranchScope<V> {
  readonly vars: Map<string, V>;
  readonly condition?: BranchCondition;
}

/**
 * Sets in `scope` the names its branches (forks) assigned to the join of their values, for both
 * front ends' scopes. Containers take `builder`'s value when given: a loop that builds layers is
 * read as running (once). Returns the containers that differ between branches (each as its
 * branch values), and the branches' conditions when both are known.
 */
export function joinBranches<V extends { readonly kind: string }, S extends BranchScope<V>>(
  scope: BranchScope<V> & { own(value: V): void },
  branches: readonly S[],
  read: {
    /** A name's value as a branch sees it (its own binding, or the scope's). */
    readonly valueIn: (branch: S, name: string) => V;
    readonly isContainer: (value: V) => boolean;
    readonly join: (a: V, b: V, conditions?: readonly [BranchCondition, BranchCondition]) => V;
  },
  builder?: S,
): { diverged: { name: string; values: V[] }[]; conditions?: readonly [BranchCondition, BranchCondition] } {
  const names = new Set<string>();
  for (const branch of branches) for (const name of branch.vars.keys()) names.add(name);
  const diverged: { name: string; values: V[] }[] = [];
  const conditions = branchConditions(branches);
  for (const name of names) {
    const values = branches.map((branch) => read.valueIn(branch, name));
    let merged = values.reduce((a, b) => read.join(a, b, conditions));
    const built = builder?.vars.get(name);
    if (built && read.isContainer(built)) merged = built;
    else if (values.some((v) => v.kind === 'sequential' && v !== values[0])) diverged.push({ name, values });
    const before = scope.vars.get(name);
    scope.vars.set(name, merged);
    // What the branches built (copies, joins) now belongs to this scope.
    if (merged !== before) scope.own(merged);
  }
  return { diverged, conditions };
}

/** Every item's constant, or undefined when one has none (a tuple or list of constants as one constant). */
export function constItems<V>(items: readonly V[], constOf: (item: V) => ConstValue | undefined): ConstValue[] | undefined {
  const out: ConstValue[] = [];
  for (const item of items) {
    const c = constOf(item);
    if (c === undefined) return undefined;
    out.push(c);
  }
  return out;
}

/**
 * What `addTo` appends for items added to a container shared with code that may not run: the
 * items themselves where the code always runs, else a choice between them and nothing (with the
 * branch's condition when the code controls it).
 */
export function optionalItems<T>(items: readonly T[], optional: boolean, when: BranchCondition | undefined): (T | Choice<T>)[] {
  if (!optional || items.length === 0) return [...items];
  return when ? [{ kind: 'choice', options: [items, []], conditions: [when, negateCondition(when)] }] : [{ kind: 'choice', options: [items, []] }];
}

export function sameCondition(a: BranchCondition, b: BranchCondition): boolean {
  return a.name === b.name && a.negated === b.negated && a.scope.start === b.scope.start;
}

/**
 * One position of a list, array or model where branches each added their own items (`if bn:
 * layers += [conv, bn] else: layers += [conv]`): exactly one option runs. `conditions`, when
 * known, say when each option runs.
 */
export interface Choice<T> {
  readonly kind: 'choice';
  readonly options: readonly (readonly T[])[];
  readonly conditions?: readonly BranchCondition[];
}

function sharedPrefix<T>(a: readonly T[], b: readonly T[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  return shared;
}

/** Items that two branches share (a common prefix), then a choice between what each added. */
export function joinItems<T>(a: readonly T[], b: readonly T[], conditions?: readonly [BranchCondition, BranchCondition]): (T | Choice<T>)[] {
  const shared = sharedPrefix(a, b);
  if (shared === a.length && shared === b.length) return [...a];
  const choice: Choice<T> = conditions
    ? { kind: 'choice', options: [a.slice(shared), b.slice(shared)], conditions }
    : { kind: 'choice', options: [a.slice(shared), b.slice(shared)] };
  return [...a.slice(0, shared), choice];
}

/**
 * Branch exits of a choice whose options were applied to the same input: a layer that one option
 * fed into another layer while another option let it out unchanged.
 */
export function choiceExits(
  runs: readonly { readonly outputs: readonly TensorSource[]; readonly fed: ReadonlySet<LayerConstruction> }[],
  conditions?: readonly BranchCondition[],
): { layer: LayerConstruction; option: number; when?: BranchCondition }[] {
  const exits: { layer: LayerConstruction; option: number; when?: BranchCondition }[] = [];
  runs.forEach((run, i) => {
    for (const source of run.outputs)
      if (runs.some((other, j) => j !== i && other.fed.has(source.layer))) exits.push({ layer: source.layer, option: i, when: conditions?.[i] });
  });
  return exits;
}

/**
 * What branches tell about the layer graph, shared by the front ends: which layers fed another
 * layer (in order), and the layers that leave a branch unchanged while another branch feeds them on.
 */
/** What a join of branch scopes reports: the containers that differ, each as its branch values. */
export interface JoinedBranches<V> {
  readonly diverged: readonly { readonly name: string; readonly values: readonly V[] }[];
  readonly conditions?: readonly BranchCondition[];
}

export class BranchFacts {
  /** Layers that fed another layer, in order: what a branch fed is a slice of it. */
  readonly fed: LayerConstruction[] = [];
  /** Exits on a path whose condition cannot be expressed: the layer's output is used as it is there. */
  readonly exits = new Set<LayerConstruction>();
  readonly conditionalExits: { layer: LayerConstruction; when: BranchCondition }[] = [];

  /**
   * Applies each option of a choice to the same input (`applyOption`) and returns each option's
   * output. A layer that one option feeds into another layer while another option lets it out
   * unchanged is a branch exit; when the option's condition is known, the tensor leaving it is
   * marked with that condition, so later uses of it can be told apart.
   */
  applyChoice<V, O>(
    choice: { readonly options: readonly O[]; readonly conditions?: readonly BranchCondition[] },
    applyOption: (option: O) => V,
    sourcesOf: (value: V) => readonly TensorSource[],
    mapSources: (value: V, map: (source: TensorSource) => TensorSource) => V,
  ): V[] {
    const runs = choice.options.map((option) => {
      const start = this.fed.length;
      const output = applyOption(option);
      return { output, fed: new Set(this.fed.slice(start)) };
    });
    return this.recordExits(
      runs.map((r) => r.output),
      runs.map((r) => r.fed),
      choice.conditions,
      sourcesOf,
      mapSources,
    );
  }

  /**
   * For each name the paths of an `if` left bound to different tensors, records the exits (see
   * recordExits) and rebinds each path's value with its leaving sources marked. `paths` are the
   * paths in order (arm, then `else` or fall-through), `fed` what each fed, `deadPath` one a
   * decided condition never runs.
   */
  joinTensorPaths<V extends { readonly kind: string }, T extends V & { readonly sources: readonly TensorSource[] }>(
    paths: readonly { readonly names: Iterable<string>; readonly get: (name: string) => V | undefined; readonly set: (name: string, value: V) => void }[],
    fed: readonly ReadonlySet<LayerConstruction>[],
    conditions: readonly BranchCondition[] | undefined,
    isTensor: (value: V | undefined) => value is T,
    deadPath?: number,
  ): void {
    if (paths.length < 2) return;
    const names = new Set(paths.flatMap((p) => [...p.names]));
    for (const name of names) {
      const values = paths.map((p) => p.get(name));
      if (values.every((v) => v === values[0]) || !values.every(isTensor)) continue;
      const marked = this.recordExits(
        values,
        fed,
        conditions,
        (v) => v.sources,
        (v, map) => ({ ...v, sources: v.sources.map(map) }),
        deadPath,
      );
      marked.forEach((value, i) => {
        if (value !== values[i]) paths[i].set(name, value);
      });
    }
  }

  /** The layers fed since `start` (a length of `fed` taken before a branch ran). */
  fedSince(start: number): Set<LayerConstruction> {
    return new Set(this.fed.slice(start));
  }

  /**
   * The same for the arms of an `if` that left a name bound to different tensors (`x = conv(x)`,
   * then `if c: x = bn(x)`): the conv leaves unchanged on the path that skips the arm. `values` is
   * the name's value at the end of each arm, `fed` what each arm fed (`fedSince` of its start).
   * Returns the values with the sources leaving under a known condition marked. A path that never
   * runs (`deadPath`: its condition is decided) lets nothing out.
   */
  private recordExits<V>(
    values: readonly V[],
    fed: readonly ReadonlySet<LayerConstruction>[],
    conditions: readonly BranchCondition[] | undefined,
    sourcesOf: (value: V) => readonly TensorSource[],
    mapSources: (value: V, map: (source: TensorSource) => TensorSource) => V,
    deadPath?: number,
  ): V[] {
    const outputs = [...values];
    const runs = values.map((value, i) => ({ outputs: i === deadPath ? [] : sourcesOf(value), fed: fed[i] }));
    for (const exit of choiceExits(runs, conditions)) {
      const when = exit.when;
      if (!when) {
        this.exits.add(exit.layer);
        continue;
      }
      this.conditionalExits.push({ layer: exit.layer, when });
      outputs[exit.option] = mapSources(outputs[exit.option], (s) => (s.layer === exit.layer ? leavingBranch(s, when) : s));
    }
    return outputs;
  }

  /**
   * After a branch join: for each name whose container the branches built differently (its value
   * in each branch), records where they part and hands `markTail` the joined container (its value
   * in `joined`) with the marking for its tail: what leaves one branch's container unchanged
   * carries that branch's condition on.
   */
  containersJoined<V>(
    { diverged, conditions }: JoinedBranches<V>,
    joined: ReadonlyMap<string, V>,
    edges: { values(): Iterable<LayerEdge> },
    containerOf: (value: V) => { readonly items: readonly V[]; readonly tail: readonly TensorSource[] } | undefined,
    layersOf: (items: readonly V[]) => readonly LayerConstruction[],
    markTail: (container: V | undefined, mark: (source: TensorSource) => TensorSource) => void,
  ): void {
    for (const { name, values } of diverged) {
      const containers = values.flatMap((value) => containerOf(value) ?? []);
      markTail(joined.get(name), this.containersParted(containers, edges.values(), layersOf, containers.length === values.length ? conditions : undefined));
    }
  }

  /**
   * Records the exits of containers that branches built up differently (see containerExits), the
   * i-th container built where `conditions[i]` holds. Returns, for the conditional exits, the
   * marking the joined container's tail needs (see leavingBranch).
   */
  containersParted<T>(
    containers: readonly { readonly items: readonly T[]; readonly tail: readonly TensorSource[] }[],
    edges: Iterable<LayerEdge>,
    layersOf: (items: readonly T[]) => readonly LayerConstruction[],
    conditions?: readonly BranchCondition[],
  ): (source: TensorSource) => TensorSource {
    const marks = new Map<LayerConstruction, BranchCondition>();
    for (const exit of containerExits(containers, edges, layersOf)) {
      const when = conditions?.[exit.container];
      if (!when) this.exits.add(exit.layer);
      else if (!marks.has(exit.layer)) {
        this.conditionalExits.push({ layer: exit.layer, when });
        marks.set(exit.layer, when);
      }
    }
    return (source) => {
      const when = marks.get(source.layer);
      return when ? leavingBranch(source, when) : source;
    };
  }
}

/** Marks a tensor leaving a branch that runs only when `when` holds. */
export function leavingBranch(source: TensorSource, when: BranchCondition): TensorSource {
  return withOp(source, { kind: 'identity', name: 'branch', condition: when });
}

/**
 * Branch exits where containers built up in place (`model.add(...)`) part ways: a layer at the
 * end of one branch's container (`container`: its index) that another branch extended with a
 * layer it feeds.
 */
export function containerExits<T>(
  containers: readonly { readonly items: readonly T[]; readonly tail: readonly TensorSource[] }[],
  edges: Iterable<LayerEdge>,
  layersOf: (items: readonly T[]) => readonly LayerConstruction[],
): { layer: LayerConstruction; container: number }[] {
  const allEdges = [...edges];
  const exits: { layer: LayerConstruction; container: number }[] = [];
  containers.forEach((a, i) => {
    containers.forEach((b, j) => {
      if (i === j) return;
      const added = new Set(layersOf(b.items.slice(sharedPrefix(a.items, b.items))));
      const fedByB = new Set(allEdges.filter((e) => added.has(e.to)).map((e) => e.from));
      for (const source of a.tail) if (fedByB.has(source.layer)) exits.push({ layer: source.layer, container: i });
    });
  });
  return exits;
}
