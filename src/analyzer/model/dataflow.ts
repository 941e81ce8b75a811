/** Data-flow helpers shared by the front ends: where a tensor came from, and what happened to it since. */
import type { ConstValue, OpKind } from '../frameworks/types';
import type { LayerConstruction, LayerEdge, TensorOp } from './model';

/** One candidate origin of a tensor: the last layer it went through and the ops since. */
export interface TensorSource {
  readonly layer: LayerConstruction;
  readonly ops: readonly TensorOp[];
}

/** Enough candidates to follow real branches, few enough that pathological code stays linear. */
const MAX_SOURCES = 8;

const samePath = (a: readonly TensorOp[], b: readonly TensorOp[]) => a.length === b.length && a.every((op, i) => op === b[i]);

export function mergeSources(a: readonly TensorSource[], b: readonly TensorSource[]): TensorSource[] {
  const out = [...a];
  for (const s of b) {
    if (out.length >= MAX_SOURCES) break;
    if (!out.some((o) => o.layer === s.layer && samePath(o.ops, s.ops))) out.push(s);
  }
  return out;
}

export function withOp(source: TensorSource, op: TensorOp): TensorSource {
  return { layer: source.layer, ops: [...source.ops, op] };
}

export function constEqual(a: ConstValue, b: ConstValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => constEqual(x, b[i]!));
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
 * One position of a list, array or model where branches each added their own items (`if bn:
 * layers += [conv, bn] else: layers += [conv]`): exactly one option runs.
 */
export interface Choice<T> {
  readonly kind: 'choice';
  readonly options: readonly (readonly T[])[];
}

function sharedPrefix<T>(a: readonly T[], b: readonly T[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  return shared;
}

/** Items that two branches share (a common prefix), then a choice between what each added. */
export function joinItems<T>(a: readonly T[], b: readonly T[]): (T | Choice<T>)[] {
  const shared = sharedPrefix(a, b);
  if (shared === a.length && shared === b.length) return [...a];
  return [...a.slice(0, shared), { kind: 'choice', options: [a.slice(shared), b.slice(shared)] }];
}

/**
 * Branch exits of a choice whose options were applied to the same input: a layer that one option
 * fed into another layer while another option let it out unchanged.
 */
export function choiceExits(runs: readonly { readonly outputs: readonly TensorSource[]; readonly fed: ReadonlySet<LayerConstruction> }[]): LayerConstruction[] {
  const exits: LayerConstruction[] = [];
  runs.forEach((run, i) => {
    for (const source of run.outputs) if (runs.some((other, j) => j !== i && other.fed.has(source.layer))) exits.push(source.layer);
  });
  return exits;
}

/**
 * Branch exits where containers built up in place (`model.add(...)`) part ways: a layer at the
 * end of one branch's container that another branch extended with a layer it feeds.
 */
export function containerExits<T>(
  containers: readonly { readonly items: readonly T[]; readonly tail: readonly TensorSource[] }[],
  edges: Iterable<LayerEdge>,
  layersOf: (items: readonly T[]) => readonly LayerConstruction[],
): LayerConstruction[] {
  const allEdges = [...edges];
  const exits: LayerConstruction[] = [];
  containers.forEach((a, i) => {
    containers.forEach((b, j) => {
      if (i === j) return;
      const added = new Set(layersOf(b.items.slice(sharedPrefix(a.items, b.items))));
      const fedByB = new Set(allEdges.filter((e) => added.has(e.to)).map((e) => e.from));
      for (const source of a.tail) if (fedByB.has(source.layer)) exits.push(source.layer);
    });
  });
  return exits;
}
