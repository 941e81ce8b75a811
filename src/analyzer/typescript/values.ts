/** Abstract values the TypeScript front end tracks while it reads a file in order. */
import { constEqual, constItems, joinBranches, joinItems, mergeSources, type BranchCondition, type Choice, type TensorSource } from '../model/dataflow';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ConstValue, LayerSpec } from '../frameworks/types';
import type { LayerConstruction } from '../model/model';
import type { TextRange } from '../types';

export type { TensorSource };
export { mergeSources };

/** An object literal written in the file, shared by every value built from it. */
export interface ObjectLiteralInfo {
  readonly node: TSESTree.ObjectExpression;
  readonly range: TextRange;
  /** The text of the file it is written in. */
  readonly text: string;
  /** Layer constructions whose config includes a property written here. */
  readonly users: Set<LayerConstruction>;
}

/** One property of an object value, with where it is written (ranges are read from the node when needed). */
export interface Prop {
  readonly key: string;
  readonly value: Value;
  readonly node: TSESTree.Property;
  readonly origin: ObjectLiteralInfo;
}

export const rangeOf = (node: { readonly range: readonly [number, number] }): TextRange => ({ start: node.range[0], end: node.range[1] });

/** `{momentum}`: the key is also the value. */
export const isShorthandProp = (prop: Prop): boolean => prop.node.shorthand || prop.node.key.range[0] === prop.node.value.range[0];

export interface FunctionInfo {
  readonly name?: string;
  readonly node: TSESTree.FunctionLike;
  /** The scope the function closes over. */
  readonly closure: Env;
  /** `this` inside it: the class for methods, and for arrow functions written inside methods. */
  readonly self?: ClassInfo;
}

export interface ClassInfo {
  readonly name: string;
  readonly node: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  readonly superValue: Value;
  readonly attributes: Map<string, Value>;
  readonly methods: Map<string, FunctionInfo>;
  readonly constructorFn?: FunctionInfo;
  readonly env: Env;
  /** Extends `tf.layers.Layer`, `tf.LayersModel` or a class of this file that does. */
  readonly isLayer: boolean;
  constructed: boolean;
  /** A BatchNormalization was constructed while evaluating the class. */
  containsBatchNorm: boolean;
}

export type Value =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'const'; readonly value: ConstValue }
  /** A module or a name inside one that is not a known layer (`@tensorflow/tfjs.train.adam`). */
  | { readonly kind: 'path'; readonly path: string }
  /** A layer factory: `tf.layers.conv2d`. */
  | { readonly kind: 'ctor'; readonly spec: LayerSpec }
  | { readonly kind: 'layer'; readonly layer: LayerConstruction }
  /** `tf.sequential()`: `tail` is what it outputs for an unknown input, applied as items are added. */
  | { readonly kind: 'sequential'; readonly items: Value[]; tail: Value }
  /** `tf.model({inputs, outputs})`, or a model loaded from disk (`outputs` unknown). */
  | { readonly kind: 'model'; readonly outputs: Value; readonly loaded: boolean }
  | { readonly kind: 'object'; readonly props: Map<string, Prop>; opaque: boolean; readonly literal?: ObjectLiteralInfo }
  | { readonly kind: 'array'; readonly items: Value[]; complete: boolean }
  /**
   * `bn`: a BatchNormalization is on some path that produced it; `symbolic`: it comes from
   * `tf.input(...)` (graph construction with the functional API, not a computation).
   */
  | { readonly kind: 'tensor'; readonly sources: readonly TensorSource[]; readonly bn: boolean; readonly symbolic?: boolean }
  | { readonly kind: 'function'; readonly fn: FunctionInfo }
  | { readonly kind: 'class'; readonly cls: ClassInfo }
  | { readonly kind: 'instance'; readonly cls: ClassInfo }
  | { readonly kind: 'optimizer' }
  | Choice<Value>;

export const UNKNOWN: Value = { kind: 'unknown' };
export const NO_SOURCES: Value = { kind: 'tensor', sources: [], bn: false };

/**
 * A scope. A branch (`fork`) is a copy-on-write overlay of the scope it forks: it sees that scope's
 * bindings and records only its own writes, so `if`s and loops cost what they assign, not the size
 * of the scope (a minified bundle's top-level scope can hold thousands of names).
 */
export class Env {
  readonly vars = new Map<string, Value>();
  constructor(
    readonly parent?: Env,
    /** The scope this branch was forked from (same level as this one). */
    private readonly base?: Env,
  ) {}
  private local(name: string): Value | undefined {
    return this.vars.get(name) ?? this.base?.local(name);
  }
  private hasLocal(name: string): boolean {
    return this.vars.has(name) || (this.base?.hasLocal(name) ?? false);
  }
  lookup(name: string): Value | undefined {
    return this.local(name) ?? this.parent?.lookup(name);
  }
  has(name: string): boolean {
    return this.hasLocal(name) || (this.parent?.has(name) ?? false);
  }
  declare(name: string, value: Value): void {
    this.vars.set(name, value);
    this.own(value);
  }
  /** `x = v`: updates the scope that declares `x` (this one if none does). */
  assign(name: string, value: Value): void {
    const target = this.declaringScope(name) ?? this;
    target.vars.set(name, value);
    target.own(value);
  }

  /** The innermost scope, from this one outwards, that declares `name`. */
  private declaringScope(name: string): Env | undefined {
    return this.hasLocal(name) ? this : this.parent?.declaringScope(name);
  }
  /**
   * Arrays and models this scope may change in place. A branch owns none of the scope it forks: it
   * changes a copy, so `if (bn) layers.push(bn)` does not leak into the `else` branch.
   */
  private readonly owned = new Set<Value>();
  own(value: Value): void {
    if (value.kind === 'array' || value.kind === 'sequential') this.owned.add(value);
  }
  owns(value: Value): boolean {
    return this.owned.has(value);
  }
  /** Binds a copy of a container in this branch, if the name belongs to this function's scope. */
  rebindLocal(name: string, value: Value): boolean {
    if (!this.hasLocal(name)) return false;
    this.vars.set(name, value);
    this.own(value);
    return true;
  }
  /** Code here may not run (an `if` arm, a `catch`, a `case`): what it adds to a shared model is optional. */
  conditional = false;
  /** A scope for a block that runs after this one: a loop body, or (`conditional`) a branch. */
  /** When this branch runs, if the code controls it (`if (batchNorm)`; the `else` gets `!batchNorm`). */
  condition?: BranchCondition;

  fork(conditional = false, condition?: BranchCondition): Env {
    const child = new Env(this.parent, this);
    child.conditional = this.conditional || conditional;
    child.condition = condition;
    return child;
  }
  /**
   * Sets the names the branches (forks of this scope) assigned to the join of their values. Arrays
   * and models take `builder`'s value when given: a loop that builds layers is read as running
   * (once). Returns the models that differ between branches (each as its branch values).
   */
  mergeFrom(branches: Env[], builder?: Env): { diverged: { name: string; values: Value[] }[]; conditions?: readonly [BranchCondition, BranchCondition] } {
    return joinBranches(this, branches, { valueIn: (branch, name) => branch.lookup(name) ?? UNKNOWN, isContainer, join }, builder);
  }
}

const isContainer = (value: Value) => value.kind === 'array' || value.kind === 'sequential';

export function constOf(value: Value): ConstValue | undefined {
  if (value.kind === 'const') return value.value;
  return value.kind === 'array' && value.complete ? constItems(value.items, constOf) : undefined;
}

export function tensorSources(value: Value): readonly TensorSource[] {
  if (value.kind === 'tensor') return value.sources;
  if (value.kind === 'array') return value.items.reduce<TensorSource[]>((acc, item) => mergeSources(acc, tensorSources(item)), []);
  if (value.kind === 'choice') return value.options.flat().reduce<TensorSource[]>((acc, item) => mergeSources(acc, tensorSources(item)), []);
  return [];
}

export function isSymbolic(value: Value): boolean {
  if (value.kind === 'tensor') return value.symbolic === true;
  if (value.kind === 'array') return value.items.length > 0 && value.items.every(isSymbolic);
  if (value.kind === 'choice') return value.options.flat().length > 0 && value.options.flat().every(isSymbolic);
  return false;
}

export function hasBatchNorm(value: Value): boolean {
  if (value.kind === 'tensor') return value.bn;
  if (value.kind === 'array') return value.items.some(hasBatchNorm);
  if (value.kind === 'choice') return value.options.flat().some(hasBatchNorm);
  return false;
}

/** Whether an array's items are listed one per position (no branch-dependent part). */
export function isPositional(array: { readonly items: readonly Value[] }): boolean {
  return !array.items.some((item) => item.kind === 'choice');
}

/**
 * The value after two branches meet. Constants must agree (else unknown, so no finding rests on a
 * guess); for structural values an unknown or null side is ignored (`let model = null; if (...)
 * model = tf.sequential()`).
 */
export function join(a: Value, b: Value, conditions?: readonly [BranchCondition, BranchCondition]): Value {
  if (a === b) return a;
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', items: joinItems(a.items, b.items, conditions), complete: a.complete && b.complete };
  if (a.kind === 'sequential' && b.kind === 'sequential')
    return { kind: 'sequential', items: joinItems(a.items, b.items, conditions), tail: join(a.tail, b.tail) };
  if (a.kind === 'tensor' || b.kind === 'tensor') {
    return {
      kind: 'tensor',
      sources: mergeSources(tensorSources(a), tensorSources(b)),
      bn: hasBatchNorm(a) || hasBatchNorm(b),
      symbolic: isSymbolic(a) && isSymbolic(b),
    };
  }
  if (a.kind === 'const' && b.kind === 'const') return constEqual(a.value, b.value) ? a : UNKNOWN;
  const placeholder = (v: Value) => v.kind === 'unknown' || (v.kind === 'const' && v.value === null);
  const structural = (v: Value) =>
    v.kind === 'ctor' ||
    v.kind === 'layer' ||
    v.kind === 'sequential' ||
    v.kind === 'model' ||
    v.kind === 'class' ||
    v.kind === 'instance' ||
    v.kind === 'function' ||
    v.kind === 'optimizer';
  if (placeholder(a) && structural(b)) return b;
  if (placeholder(b) && structural(a)) return a;
  if (a.kind === 'path' && b.kind === 'path' && a.path === b.path) return a;
  if (a.kind === 'ctor' && b.kind === 'ctor' && a.spec === b.spec) return a;
  if (a.kind === 'optimizer' && b.kind === 'optimizer') return a;
  return UNKNOWN;
}
