/** Data-flow helpers shared by the front ends: where a tensor came from, and what happened to it since. */
import type { ConstValue, OpKind } from '../frameworks/types';
import type { LayerConstruction, TensorOp } from './model';

/** One candidate origin of a tensor: the last layer it went through and the ops since. */
export interface TensorSource {
  readonly layer: LayerConstruction;
  readonly ops: readonly TensorOp[];
}

/** Enough candidates to follow real branches, few enough that pathological code stays linear. */
const MAX_SOURCES = 8;

export function mergeSources(a: readonly TensorSource[], b: readonly TensorSource[]): TensorSource[] {
  const out = [...a];
  for (const s of b) {
    if (out.length >= MAX_SOURCES) break;
    if (!out.some((o) => o.layer === s.layer && o.ops.length === s.ops.length && o.ops.every((op, i) => op === s.ops[i]))) out.push(s);
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
