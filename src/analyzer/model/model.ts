/**
 * The framework-neutral semantic model that sits between the parsers and the rules.
 * The Python and TypeScript front ends both produce it; rules only ever read it.
 */
import type { ConstValue, LayerSpec, OpKind } from '../frameworks/types';
import type { TextEdit, TextRange } from '../types';
import type { BranchCondition } from './dataflow';
import type { ModeFacts } from './modes';
import type { TrainingFacts } from './training';

export type SourceLanguage = 'python' | 'typescript';

/** One argument as written, bound to the parameter it fills. */
export interface BoundArgument {
  /** The parameter it binds to; undefined when the constructor has no such parameter. */
  readonly param: string | undefined;
  /** The keyword (or object key) as written; undefined for a positional argument. */
  readonly keyword?: string;
  readonly keywordRange?: TextRange;
  readonly valueRange: TextRange;
  /** The whole argument (`momentum=0.9`, `momentum: 0.9`), for deletions. */
  readonly range: TextRange;
  /** The evaluated constant; `undefined` when it does not resolve (never produces a finding). */
  readonly value: ConstValue | undefined;
  /** The value's source text, for messages. */
  readonly valueText: string;
  /** Set when the value is written as a name or attribute chain (`hidden_dim`, `self.width`): that text. */
  readonly valueName?: string;
  /** Set when the argument came from a `functools.partial(...)`/alias rather than this call. */
  readonly fromPartial?: TextRange;
  /**
   * Set when a `**config` dict literal sets the argument (the dict): it may configure other layers
   * too, so no fix rewrites it, and findings point at the call.
   */
  readonly fromDict?: TextRange;
  readonly positionalIndex?: number;
  /**
   * The function parameter the value came through (`momentum=bn_momentum`, bound at a call site or
   * by the parameter's default): the value depends on the caller, so no fix rewrites it as a literal.
   */
  readonly viaParameter?: string;
}

/** Edits a construction's arguments in the construction's own language and formatting. */
export interface ArgumentEditor {
  /** Sets `param` to the literal `value`: replaces an explicit argument or inserts a keyword. */
  setArgument(param: string, value: ConstValue): TextEdit[];
  /** Sets `param` to an expression written in this language (`not batch_norm`). */
  setArgumentCode(param: string, code: string): TextEdit[];
  /** A condition as this language writes it (`not batch_norm` / `!batchNorm`). */
  conditionCode(condition: BranchCondition): string;
  /** Renames a keyword (or object key) in place. */
  renameKeyword(argument: BoundArgument, newName: string): TextEdit[];
  /** Replaces the callee's last name (`BatchNorm1d` → `BatchNorm2d`). */
  replaceCalleeName(newName: string): TextEdit[];
  /** A constant as this language writes it (`False` / `false`). */
  literal(value: ConstValue): string;
  /** An argument as this language writes it (`bias=False` / `useBias: false`), for messages. */
  argumentText(param: string, value: ConstValue): string;
}

export interface LayerConstruction {
  readonly id: number;
  readonly spec: LayerSpec;
  readonly language: SourceLanguage;
  /** The whole call, e.g. `nn.Conv2d(3, 16, 3)`: the primary range of most findings. */
  readonly range: TextRange;
  /** The callee as written (`nn.Conv2d`, `BN`, `norm_layer`). */
  readonly calleeRange: TextRange;
  readonly calleeText: string;
  readonly args: readonly BoundArgument[];
  /** `*args`/`**kwargs`/spread we cannot see into: missing arguments may be set there. */
  readonly hasOpaqueArguments: boolean;
  /** Where the constructor was bound by `functools.partial(...)`, if it was. */
  readonly partialRange?: TextRange;
  readonly editor: ArgumentEditor;
  /** The function (or method) whose code constructs it; undefined at module level or when unknown. */
  readonly scope?: TextRange;
}

/** What happens to a tensor between two layers. */
export interface TensorOp {
  readonly kind: OpKind;
  readonly name: string;
  readonly range?: TextRange;
  /** Set on the step where a tensor leaves a branch that runs only when `condition` holds. */
  readonly condition?: BranchCondition;
  /** A functional dropout's rate as written: a number, or `unknown` (a parameter, a config entry); absent for the default. */
  readonly rate?: number | 'unknown';
}

/** `from` feeds `to`, possibly through ops; judged on data flow, not declaration order. */
export interface LayerEdge {
  readonly from: LayerConstruction;
  readonly to: LayerConstruction;
  /** The most direct path: the ops between the two layers on it. */
  readonly through: readonly TensorOp[];
  /** Every distinct path seen between the two layers (branches can add ops on one of them). */
  readonly paths: readonly (readonly TensorOp[])[];
}

/** A `partial(nn.BatchNorm2d, momentum=0.99)` or similar binding that is never called in this file. */
export interface PartialBinding {
  readonly spec: LayerSpec;
  readonly range: TextRange;
  readonly args: readonly BoundArgument[];
  readonly editor: ArgumentEditor;
}

/** `bn.momentum = 0.99` where the object is (or is guarded to be) a normalization layer. */
export interface AttributeAssignment {
  readonly attribute: string;
  readonly range: TextRange;
  readonly valueRange: TextRange;
  readonly value: ConstValue | undefined;
  readonly valueText: string;
  /** The layer spec the object is known to be (directly or through an `isinstance` guard). */
  readonly spec: LayerSpec;
}

export interface SemanticModel {
  readonly language: SourceLanguage;
  readonly text: string;
  readonly layers: readonly LayerConstruction[];
  readonly edges: readonly LayerEdge[];
  /** Partial bindings of layer constructors that carry arguments (their calls appear in `layers`). */
  readonly partials: readonly PartialBinding[];
  readonly attributeAssignments: readonly AttributeAssignment[];
  /**
   * Layers whose output feeds a layer on one branch and, on another branch, leaves what this file
   * wires (VGG's `make_layers`: a conv followed by a BatchNorm only `if batch_norm`).
   */
  readonly branchExits?: readonly LayerConstruction[];
  /**
   * Branch exits on the path where a condition the code controls holds (`when`): the layer feeds a
   * layer only where it does not (`if batch_norm: [conv, bn] else: [conv]` exits when `not batch_norm`).
   */
  readonly conditionalExits?: readonly { readonly layer: LayerConstruction; readonly when: BranchCondition }[];
  /**
   * Where the file loads saved weights (`load_state_dict`, `torch.load`, `pretrained=True`,
   * `load_weights`): a fix that changes a model's parameters may break that load.
   */
  readonly checkpointLoads?: readonly TextRange[];
  /**
   * Reads of a layer's bias attribute that no `is not None` check guards (`nn.init.zeros_(m.bias)`,
   * `m.bias.data.fill_(0)`): with the bias turned off they raise, so BN101's fix is unsafe there.
   */
  readonly unguardedBiasReads?: readonly TextRange[];
  /** Train/eval mode facts for the mode rules; empty for front ends that do not compute them. */
  readonly modes?: ModeFacts;
  /** Training-setup facts (DDP wrapping, batch sizes) for BN403/BN404; Python only. */
  readonly training?: TrainingFacts;
}

/** The value a parameter has in a construction: explicit, from a partial, or the spec's default. */
export interface ResolvedArgument {
  readonly value: ConstValue | undefined;
  readonly argument?: BoundArgument;
  /** True when neither the call nor a partial sets it and the spec default applies. */
  readonly isDefault: boolean;
}

export function argumentFor(
  layer: { readonly spec: LayerSpec; readonly args: readonly BoundArgument[]; readonly hasOpaqueArguments?: boolean },
  param: string,
): ResolvedArgument {
  // The last binding wins: a call's keyword overrides the same keyword in a partial.
  for (let i = layer.args.length - 1; i >= 0; i--) {
    const arg = layer.args[i];
    if (arg.param === param) return { value: arg.value, argument: arg, isDefault: false };
  }
  if (layer.hasOpaqueArguments) return { value: undefined, isDefault: false };
  const spec = layer.spec.params.find((p) => p.name === param);
  return { value: spec?.default, isDefault: true };
}

/**
 * A Dropout's rate in a construction (every framework's table lists it first: `p`, `rate`); undefined
 * when it cannot be read (a parameter, `**kwargs`).
 */
export function dropoutRate(layer: LayerConstruction): ConstValue | undefined {
  const rate = layer.spec.params[0]?.name;
  return rate === undefined ? undefined : argumentFor(layer, rate).value;
}
