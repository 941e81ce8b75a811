/**
 * Training/inference mode facts for TF.js, the input of BN203's TF.js analogue. Kept apart from the
 * framework-neutral model until the mode analysis defines how mode facts appear there: a rule reads
 * them with `tfjsModeFacts(model)`.
 *
 * In TF.js a BatchNormalization layer normalizes with batch statistics and updates its moving
 * averages only when it is called with `training: true` (`kwargs['training'] == null ? false : ...`
 * in tfjs-layers/src/layers/normalization.ts). `model.fit` sets it; `model.apply(x)`, `predict`
 * and `execute` do not. So:
 *  - `model.apply(x)` without `{training: true}` inside a function whose gradient is taken
 *    (`tf.variableGrads`, `tf.grad(s)`, `tf.valueAndGrad(s)`, `optimizer.minimize`,
 *    `optimizer.computeGradients`) trains with inference-mode BatchNorm and never updates it;
 *  - `{training: true}` in inference code normalizes with batch statistics and moves the averages.
 */
import type { TfjsGradientApi, TfjsModelMethod } from '../frameworks/tfjs';
import type { LayerConstruction, SemanticModel } from '../model/model';
import type { TextEdit, TextRange } from '../types';

export type GradientApi = TfjsGradientApi;

/** A function whose body runs under a gradient tape. */
export interface GradientScope {
  readonly api: GradientApi;
  /** The call that takes the function: `tf.variableGrads(() => ...)`, `optimizer.minimize(lossFn)`. */
  readonly callRange: TextRange;
  /** The function the gradient is taken through: the inline arrow, or the declaration passed by name. */
  readonly functionRange: TextRange;
  readonly functionName?: string;
}

/** Methods that run a model or layer (and, for `fit`/`trainOnBatch`, train it): frameworks/tfjs.ts lists them. */
export type ModelCallMethod = TfjsModelMethod;

/**
 * What the object a method is called on is:
 * - `layer`: a `tf.layers.*` layer; `sequential`: `tf.sequential(...)`; `functional`: `tf.model(...)`;
 * - `custom-layer`: an instance of a class in this file that extends `tf.layers.Layer`/`tf.LayersModel`;
 * - `loaded`: `tf.loadLayersModel(...)`/`tf.loadGraphModel(...)`;
 * - `unknown`: anything else (a parameter, an import). `.apply` on an unknown object is recorded only
 *   when it does not look like `Function.prototype.apply(thisArg, args)`.
 */
export type ReceiverKind = 'layer' | 'sequential' | 'functional' | 'custom-layer' | 'loaded' | 'unknown';

export interface ModelCall {
  readonly method: ModelCallMethod;
  /** The whole call. */
  readonly range: TextRange;
  /** The method name (`apply` in `model.apply(x)`). */
  readonly methodRange: TextRange;
  readonly receiver: {
    readonly kind: ReceiverKind;
    readonly text: string;
    readonly range: TextRange;
    /** Whether a BatchNormalization runs inside it; undefined when the analyzer cannot tell. */
    readonly containsBatchNorm: boolean | undefined;
  };
  /**
   * The first argument: `symbolic` when it comes from `tf.input(...)` (building a functional model,
   * where no training flag applies), `tensor` when it is the output of layers of this file.
   */
  readonly input: 'symbolic' | 'tensor' | 'unknown';
  /** The `training` key of the call's kwargs (`apply`/`call` only; always absent for the others). */
  readonly training: {
    /** `absent`: no kwargs or no `training` key; `constant`: a value the analyzer resolved; `expression`: anything else. */
    readonly given: 'absent' | 'constant' | 'expression';
    readonly value: boolean | undefined;
    /** The `training: ...` property, when given. */
    readonly range?: TextRange;
    readonly valueRange?: TextRange;
    /** The kwargs argument, when the call has one. */
    readonly kwargsRange?: TextRange;
    /** The kwargs may set `training` where the analyzer cannot see (a spread, a variable). */
    readonly opaqueKwargs: boolean;
  };
  /**
   * Where the call runs, from the file's call graph: `gradient` when a gradient scope reaches it
   * (directly or through functions it calls), `inference` when only code outside any gradient
   * scope reaches it (module-level code and what it calls), `unknown` otherwise (a function never
   * called in this file: exported, a class method, an event handler).
   */
  readonly context: 'gradient' | 'inference' | 'unknown';
  /** Indices into `gradientScopes` of the scopes that reach the call. */
  readonly gradientScopes: readonly number[];
  /** Also reached from code outside every gradient scope (a helper shared by training and inference). */
  readonly alsoOutsideGradient: boolean;
  /** The innermost function the call is written in. */
  readonly enclosingFunction?: { readonly name?: string; readonly range: TextRange };
  /**
   * The batch a training call (`fit`, `trainOnBatch`) provably uses: `fit`'s `{batchSize: N}`, or a
   * `trainOnBatch` input made a batch of one (`x.expandDims(0)`, `tf.expandDims(x, 0)`).
   */
  readonly batchSize?: { readonly value: number; readonly range: TextRange };
  /** The first BatchNormalization inside the receiver, when it provably holds one. */
  readonly batchNorm?: LayerConstruction;
  /**
   * Edits that make the call pass `training: value`: sets the key in a kwargs object literal, or
   * adds `{training: value}` as the second argument. Empty when the kwargs is not a literal.
   */
  setTraining(value: boolean): TextEdit[];
}

export interface TfjsModeFacts {
  readonly gradientScopes: readonly GradientScope[];
  readonly modelCalls: readonly ModelCall[];
}

/** The semantic model the TypeScript front end builds: the neutral model plus the TF.js mode facts. */
export interface TypeScriptSemanticModel extends SemanticModel {
  readonly tfjsModes: TfjsModeFacts;
  /** Named functions and classes, in source order (GAN parts are read from their names). */
  readonly definitions: readonly { readonly name: string; readonly range: TextRange }[];
}

/** The TF.js mode facts of a model, when it came from the TypeScript front end. */
export function tfjsModeFacts(model: SemanticModel): TfjsModeFacts | undefined {
  return (model as Partial<TypeScriptSemanticModel>).tfjsModes;
}
