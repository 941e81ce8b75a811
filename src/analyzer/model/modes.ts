/**
 * Train/eval mode facts: where models are called, in which execution context, and which modes can
 * reach each point. Front ends compute them with a flow analysis over their language's control
 * flow; the mode rules (BN201–BN205) decide what is a mistake.
 */
import type { Framework } from '../frameworks/types';
import type { ArgumentEditor } from './model';
import type { TextRange } from '../types';

/** Where a model's mode came from on one path. */
export interface ModeToken {
  /** `caller`: nothing in this function set it, so it is whatever the caller left. */
  readonly mode: 'train' | 'eval' | 'caller' | 'unknown';
  /** The `.eval()`/`.train()` call, or the call to the routine that switched it. */
  readonly origin?: TextRange;
  /** Where a line can go right after the statement holding `origin`. */
  readonly after?: InsertionPoint;
  /** `switch`: an inline `.eval()`/`.train()`; `routine`: a call to a function that switched it. */
  readonly via?: 'switch' | 'routine';
  /** Set by a routine that trains the model itself: whatever mode it leaves is that routine's concern. */
  readonly byTrainingRoutine?: boolean;
  /** A model built here with its initial weights and none loaded since: its outputs mean nothing yet (a shape smoke test). */
  readonly fresh?: boolean;
  /** The `if` condition the switch sits under (innermost), and whether it holds there (`else`: false). */
  readonly guard?: BranchGuard;
  /** A `.train()` the model has trained after (a training step followed it): a switch for training, not for a statistics pass. */
  readonly trainedSince?: boolean;
  /** A `.train()` written in inference code (under no_grad, or in an evaluation function) that is not a BatchNorm-statistics pass. */
  readonly inInference?: boolean;
  /** An `.eval()` in one arm of an `if`/`elif` whose other arm calls `.train()`: the code picks the mode to train in (a linear probe). */
  readonly chosenForTraining?: boolean;
}

/** A branch condition as written (whitespace removed), and whether it holds on the branch. */
export interface BranchGuard {
  readonly condition: string;
  readonly holds: boolean;
}

export interface InsertionPoint {
  /** Offset of the start of the line to insert before (the text is inserted there, ending in a line break). */
  readonly offset: number;
  readonly indent: string;
}

export interface ModelRef {
  /** The model as written at the call, normalized (`model.module` → `model`). */
  readonly text: string;
  readonly framework: Framework;
  /** False only when the model is known to hold no BatchNorm and no Dropout. */
  readonly mayContainNormOrDropout: boolean;
  /** Known to be a module of `framework` (built from a known class or factory), not guessed from a name or a method use. */
  readonly known?: boolean;
  /** The model's own training flag when its `call` takes no `training` (`is_training`): what a fix passes. */
  readonly trainingFlag?: string;
}

export type ExecutionContext =
  /** `torch.no_grad()` / `torch.inference_mode()` / `torch.set_grad_enabled(False)`, as a block or decorator. */
  | 'no-grad'
  /** A function named like evaluate/validate/test/predict/infer. */
  | 'inference-function'
  /** Inside a loop that runs training steps (backward or optimizer.step). */
  | 'training-loop'
  /** `with tf.GradientTape()` or a Keras `train_step`. */
  | 'gradient-tape'
  /** Keras `test_step` / `predict_step` or an inference-named function outside any tape. */
  | 'keras-inference';

export interface ModelCall {
  /** The primary range: the model call, or the `torch.jit.trace(...)`/`script(...)` call. */
  readonly range: TextRange;
  readonly kind: 'call' | 'jit-export';
  readonly model: ModelRef;
  readonly contexts: ReadonlySet<ExecutionContext>;
  /** The modes that can reach the call within its function. */
  readonly modes: readonly ModeToken[];
  /** For a `caller` mode: some caller in the file switches the model to eval before calling. */
  readonly callerSwitchesToEval: boolean;
  /** For a `caller` mode: some call in the file reaches the function with a model for this parameter. */
  readonly callerSeen?: boolean;
  /** For a `caller` mode: the call repeats (a loop or comprehension), evaluation over a data set rather than a one-off helper. */
  readonly repeated?: boolean;
  /** The call sits in a loop or comprehension of its function (whoever gives the model). */
  readonly inLoop?: boolean;
  /** The input is provably a batch of one sample (`x.unsqueeze(0)`, `x[None]`, `torch.randn(1, ...)`). */
  readonly oneSample?: boolean;
  /** Where `model.eval()` would go: before the inference block, or at the top of the function. */
  readonly evalInsertion?: InsertionPoint;
  /** Keras: the `training` argument as written (positional second argument counts). */
  readonly training?: { readonly value: boolean | undefined; readonly range: TextRange };
  /** A same-file Keras layer whose `call` treats `training=None` itself. */
  readonly handlesTrainingNone: boolean;
  readonly editor?: ArgumentEditor;
  /**
   * Inline evaluation in a training loop: the call runs on a batch from a held-out loader (named
   * like val/test), inside a statement of the loop that trains nothing, while the same loop trains
   * the model. Where `.eval()` goes before that statement and `.train()` after it.
   */
  readonly heldOutEvaluation?: { readonly before: InsertionPoint; readonly after: InsertionPoint };
  /**
   * The call scores another model's output against a second value (`psnr(sr, gt)`, `lpips(fake,
   * real)`): the model named here (`g_model`) produced an argument, so this one is a metric or a loss.
   */
  readonly scoresOutputOf?: string;
}

/** A backward pass or optimizer step inside a loop, with the modes each model can be in there. */
export interface TrainingStep {
  readonly range: TextRange;
  /** The outermost training loop around the step. */
  readonly loop: TextRange;
  /** Every loop around the step, outermost first, with where a line goes at the top of its body. */
  readonly loops: readonly { readonly range: TextRange; readonly bodyTop: InsertionPoint }[];
  /** `calledInLoop`: the loop runs the model's forward pass with gradients on (it is being trained there). */
  /**
   * `trainedInLoop`: the loop trains this value (forward with gradients, or handed to a call outside no_grad).
   * `boundBeforeLoop`: its name is bound on every path to the loop, so a fix can name it at the top of the loop body.
   */
  readonly models: readonly {
    readonly model: ModelRef;
    readonly modes: readonly ModeToken[];
    readonly calledInLoop?: boolean;
    readonly trainedInLoop?: boolean;
    readonly boundBeforeLoop?: boolean;
  }[];
  /** The `if` conditions around the step within its function (`if phase == 'train':`). */
  readonly guards?: readonly BranchGuard[];
}

/** `.train()` on a model whose parameters (some or all) were frozen with requires_grad=False. */
export interface FrozenModelTrainCall {
  readonly range: TextRange;
  readonly model: string;
  readonly after: InsertionPoint;
  /** The file puts BatchNorm modules back in eval somewhere (a freeze_bn method, an isinstance loop). */
  readonly batchNormKeptInEval: boolean;
  /** The module name `torch.nn` is bound to in the file (`nn`), for the fix. */
  readonly torchNnName: string;
  /** The call is a framework loop that switches the model to train itself (Lightning's `trainer.fit(model)`): nothing can be inserted after it. */
  readonly frameworkLoop?: boolean;
  /** Not a `.train()`: a training loop runs the frozen model in the train mode it was built in; no `.train()` anywhere on the way. `after` is before the loop. */
  readonly neverSwitched?: boolean;
  /** Not a `.train()`: the model's forward runs `model` (a part, `self.resnet`) under no_grad, as if frozen, and nothing keeps it in eval. */
  readonly noGradForward?: boolean;
}

/** A forward pass in `__init__` of a module that may hold BatchNorm, while it is in training mode. */
export interface InitProbe {
  readonly range: TextRange;
  /** The whole statement holding the probe, and its indentation, for the save/eval/restore fix. */
  readonly statement: TextRange;
  readonly indent: string;
  readonly lineStart: number;
}

export interface ModeFacts {
  readonly modelCalls: readonly ModelCall[];
  readonly trainingSteps: readonly TrainingStep[];
  readonly frozenTrainCalls: readonly FrozenModelTrainCall[];
  readonly initProbes: readonly InitProbe[];
}

export const NO_MODE_FACTS: ModeFacts = { modelCalls: [], trainingSteps: [], frozenTrainCalls: [], initProbes: [] };
