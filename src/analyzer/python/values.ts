/** Abstract values the Python front end tracks while it reads a file in order. */
import { constEqual, constItems, joinItems, mergeSources, type BranchCondition, type Choice, type TensorSource } from '../model/dataflow';
import type { ConstValue, LayerSpec } from '../frameworks/types';
import type { BoundArgument, LayerConstruction } from '../model/model';
import type { TextRange } from '../types';
import type { PythonFrontEnd } from './frontend';
import type { SyntaxNode } from './parser';

export type { TensorSource };
export { mergeSources };

export interface FunctionInfo {
  readonly name: string;
  readonly node: SyntaxNode;
  readonly owner?: ClassInfo;
  readonly decorators: readonly string[];
  /** The front end of the file that defines it (another project file's, for an imported one). */
  readonly home?: PythonFrontEnd;
}

export interface ClassInfo {
  readonly name: string;
  readonly node: SyntaxNode;
  /** As written: a base imported from another project file is its (project) path, resolved on use. */
  readonly bases: readonly Value[];
  readonly attributes: Map<string, Value>;
  readonly methods: Map<string, FunctionInfo>;
  /** The front end of the file that defines it. */
  readonly home?: PythonFrontEnd;
}

export type Value =
  | { readonly kind: 'unknown' }
  /** `parameter`: the function parameter the constant came through (a call site or a default), so no fix rewrites it as a literal. */
  | { readonly kind: 'const'; readonly value: ConstValue; readonly parameter?: string }
  /** An imported module or a name inside one that is not a known layer (`torch.nn`, `torch.optim.SGD`). */
  | { readonly kind: 'path'; readonly path: string }
  /** A layer class, possibly with arguments bound by `functools.partial`. */
  | {
      readonly kind: 'ctor';
      readonly spec: LayerSpec;
      readonly boundArgs: readonly BoundArgument[];
      readonly partialRange?: TextRange;
      readonly boundPositional: number;
    }
  | { readonly kind: 'layer'; readonly layer: LayerConstruction }
  /** `tail` is what the container outputs for an unknown input: its own chain, applied as items are added. */
  | { readonly kind: 'sequential'; readonly items: Value[]; tail: Value }
  /** `element`: what every item of a comprehension-built list is, when items are not listed. */
  | { readonly kind: 'list'; readonly items: Value[]; readonly complete: boolean; readonly element?: Value }
  | { readonly kind: 'tuple'; readonly items: readonly Value[] }
  | { readonly kind: 'tensor'; readonly sources: readonly TensorSource[] }
  | { readonly kind: 'function'; readonly fn: FunctionInfo }
  | { readonly kind: 'class'; readonly cls: ClassInfo }
  | { readonly kind: 'instance'; readonly cls: ClassInfo }
  /** `type(m)`, kept so a later `t is nn.BatchNorm2d` can narrow `m`. */
  | { readonly kind: 'type-of'; readonly subject: string }
  /** A loop variable narrowed by `isinstance(m, nn.BatchNorm2d)`. */
  | { readonly kind: 'guarded'; readonly spec: LayerSpec }
  | Choice<Value>;

export const UNKNOWN: Value = { kind: 'unknown' };
export const NO_SOURCES: Value = { kind: 'tensor', sources: [] };

export function constOf(value: Value): ConstValue | undefined {
  if (value.kind === 'const') return value.value;
  return value.kind === 'tuple' || (value.kind === 'list' && value.complete) ? constItems(value.items, constOf) : undefined;
}

/** Python's truth value of a constant (`not x`, `if x:`); undefined for anything else. */
export function truthOf(value: Value): boolean | undefined {
  if (value.kind !== 'const') return undefined;
  const v = value.value;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  return Array.isArray(v) ? v.length > 0 : undefined;
}

/** The parameter a constant (or any item of a constant tuple or list) came through, if any. */
export function parameterOf(value: Value): string | undefined {
  if (value.kind === 'const') return value.parameter;
  if (value.kind === 'tuple' || value.kind === 'list') {
    for (const item of value.items) {
      const parameter = parameterOf(item);
      if (parameter) return parameter;
    }
  }
  return undefined;
}

export function tensorSources(value: Value): readonly TensorSource[] {
  if (value.kind === 'tensor') return value.sources;
  return [];
}

/**
 * The value after two branches meet. Constants must agree (else unknown, so no finding rests on a
 * guess); for layer classes an unknown or None side is ignored, which follows the common
 * `if norm_layer is None: norm_layer = nn.BatchNorm2d` default.
 */
export function join(a: Value, b: Value, conditions?: readonly [BranchCondition, BranchCondition]): Value {
  if (a === b) return a;
  if (a.kind === 'list' && b.kind === 'list') {
    return {
      kind: 'list',
      items: joinItems(a.items, b.items, conditions),
      complete: a.complete && b.complete,
      element: a.element === b.element ? a.element : undefined,
    };
  }
  if (a.kind === 'sequential' && b.kind === 'sequential')
    return { kind: 'sequential', items: joinItems(a.items, b.items, conditions), tail: join(a.tail, b.tail) };
  if (a.kind === 'tensor' || b.kind === 'tensor') return { kind: 'tensor', sources: mergeSources(tensorSources(a), tensorSources(b)) };
  if (a.kind === 'const' && b.kind === 'const') return constEqual(a.value, b.value) ? a : UNKNOWN;
  const placeholder = (v: Value) => v.kind === 'unknown' || (v.kind === 'const' && v.value === null);
  const structural = (v: Value) =>
    v.kind === 'ctor' || v.kind === 'layer' || v.kind === 'sequential' || v.kind === 'class' || v.kind === 'instance' || v.kind === 'function';
  if (placeholder(a) && structural(b)) return b;
  if (placeholder(b) && structural(a)) return a;
  if (a.kind === 'path' && b.kind === 'path' && a.path === b.path) return a;
  if (a.kind === 'ctor' && b.kind === 'ctor' && a.spec === b.spec && a.boundArgs.length === 0 && b.boundArgs.length === 0) return a;
  return UNKNOWN;
}
