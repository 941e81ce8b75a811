/**
 * What each framework's modules do with train/eval modes, as the mode analysis (python/modes.ts)
 * reads it: how models are built and in which mode they come back, which wrappers and methods hand
 * back the same module, which framework loops and hooks manage modes themselves, and which names
 * mark training and inference steps. Each framework keeps its section next to its layer table
 * (pytorch.ts, keras.ts, flax.ts); this file holds the shape and the registry.
 */
import { flaxModes } from './flax';
import { kerasModes } from './keras';
import { pytorchModes } from './pytorch';
import type { Framework } from './types';

/** A way of building a model, and the mode the model comes back in. */
export interface ModelConstructor {
  /** A qualified name, or a prefix ending in `.` that matches every name under it. */
  readonly name: string;
  /** `train`: a fresh module; `eval`: switched by the constructor (`from_pretrained`); `unknown`: as saved. */
  readonly mode: 'train' | 'eval' | 'unknown';
  /** For a prefix: the name must also end so (`.from_pretrained`). */
  readonly suffix?: string;
  /** Qualified-name words that exclude a prefix match (`torchvision.models.get_weight`). */
  readonly except?: readonly string[];
}

export interface ModeConventions {
  readonly framework: Framework;
  /** Top-level packages whose import makes a file use this framework. */
  readonly importRoots: readonly string[];
  /**
   * Text without which a file holds none of this framework's mode facts (a switch, a no-grad block,
   * a training step): the mode analysis' prefilter, before anything is parsed.
   */
  readonly markers: readonly string[];
  /** Base classes whose subclasses are models with a mode (qualified names). */
  readonly modelBaseClasses: ReadonlySet<string>;
  readonly modelConstructors: readonly ModelConstructor[];
  /** Sequential containers: a model whose contents the file spells out. */
  readonly containers: ReadonlySet<string>;
  /** Wrappers that return a module sharing its first argument's mode (`DataParallel(model)`). */
  readonly modeSharingWrappers: ReadonlySet<string>;
  /** Methods that return the module itself, mode unchanged (`model.to(device)`). */
  readonly modeSharingMethods: ReadonlySet<string>;
  /** Methods that load trained weights into a module (`load_state_dict`). */
  readonly weightLoaders: ReadonlySet<string>;
  /** Methods whose use marks a value as a model (`.parameters()`, `.state_dict()`). */
  readonly modelMethods: ReadonlySet<string>;
  /** Methods of a module that do not run its forward pass (`register_buffer`, `apply`). */
  readonly nonForwardMethods: ReadonlySet<string>;
  /** Context managers and decorators that turn gradients off (not modes). */
  readonly noGradContexts: ReadonlySet<string>;
  /** `set_grad_enabled(False)`-style contexts: no-grad when the first argument is False. */
  readonly gradToggleContexts: ReadonlySet<string>;
  /** Contexts that record gradients for a training step (`tf.GradientTape`). */
  readonly gradientTapes: ReadonlySet<string>;
  /** Exports that bake the current mode into a graph (`torch.jit.trace`). */
  readonly modeBakingExports: ReadonlySet<string>;
  /** Tensor factories whose results are dummy inputs of shape probes. */
  readonly probeTensors: ReadonlySet<string>;
  /** Context managers from the framework that put a model in eval for their block. */
  readonly evalContexts: ReadonlySet<string>;
  /** Hooks that the framework's own loop calls with the mode already set (Lightning's `validation_step`). */
  readonly selfManagedHooks: ReadonlySet<string>;
  /** Model methods the framework calls as training / inference steps (`train_step`, `test_step`). */
  readonly trainingStepMethods: ReadonlySet<string>;
  readonly inferenceStepMethods: ReadonlySet<string>;
  /** Library functions that recompute BatchNorm statistics in train mode on purpose (`update_bn`). */
  readonly statisticsRecalibrations: ReadonlySet<string>;
  /** Keyword arguments of a model call that select the mode per call (Keras `training=`): not this framework's call when absent from the set. */
  readonly perCallModeKeywords: ReadonlySet<string>;
  /** Methods whose call updates weights in a training step (`loss.backward()`, `opt.apply_gradients(...)`). */
  readonly trainingStepCalls: ReadonlySet<string>;
  /** Optimizer methods that update weights, when the receiver or first argument is named like an optimizer (`optimizer.step()`). */
  readonly optimizerSteps: ReadonlySet<string>;
  /** How code switches a model to eval mode, as text (a helper or context manager that spells one puts its model in eval). */
  readonly evalSwitches: readonly string[];
  /** How code freezes parameters, as text (`p.requires_grad = False`): a framework loop's `fit` may then train frozen BatchNorm. */
  readonly freezeSpellings: readonly string[];
  /** The weights a training step differentiates (`self.trainable_variables`). */
  readonly trainedWeights: readonly string[];
  /** Text of a gradient tape's code that makes it update weights (`.minimize(`), besides the trained weights. */
  readonly tapeUpdates: readonly string[];
}

/** Words in a function's name that make it a deliberate BatchNorm-statistics pass (`update_bn_stats`, `recalibrate_bn`). */
export const STATISTICS_RECALIBRATION_WORDS: ReadonlySet<string> = new Set(['recalibrate', 'recompute', 'precise', 'reestimate', 'recalibration']);
/** Name parts that, together with `bn`/`batchnorm`, make a function a statistics pass (`update_bn`, `reset_bn_stats`). */
export const STATISTICS_UPDATE_WORDS: ReadonlySet<string> = new Set([
  'update',
  'reset',
  'refresh',
  'calibrate',
  'adapt',
  'recalibrate',
  'recompute',
  'precise',
]);

/**
 * Top-level packages whose classes and factories are not the project's own models: a call of a
 * name imported from anywhere else (`from models import vgg19`) may build one, when the file also
 * uses the result like a module (`.parameters()`, `.state_dict()`).
 */
export const NON_PROJECT_PACKAGES: ReadonlySet<string> = new Set([
  'numpy',
  'scipy',
  'sklearn',
  'pandas',
  'PIL',
  'cv2',
  'skimage',
  'matplotlib',
  'xgboost',
  'lightgbm',
  'catboost',
  'transformers',
  'diffusers',
  'datasets',
  'tokenizers',
  'tqdm',
  'collections',
  'functools',
  'itertools',
  'logging',
  'argparse',
  'os',
  'sys',
  'copy',
  'random',
  'time',
  'json',
  'pathlib',
  'typing',
  'dataclasses',
  'abc',
  'tensorboardX',
  // Third-party PyTorch model zoos: not the project's code (MONAI's networks mostly normalize by instance).
  'monai',
  'wandb',
  'mlflow',
]);

/** Model methods that run the forward pass (`model.generate(...)` under no_grad is inference too). */
export const FORWARD_METHODS: ReadonlySet<string> = new Set(['forward', 'generate']);

/** Adding a framework: write its section beside its layer table and list it here. */
const conventions: readonly ModeConventions[] = [pytorchModes, kerasModes, flaxModes];

export function modeConventions(): readonly ModeConventions[] {
  return conventions;
}

export function modeConventionsOf(framework: Framework): ModeConventions | undefined {
  return conventions.find((c) => c.framework === framework);
}

/** The constructor entry a qualified name matches, if any. */
export function lookupModelConstructor(qualifiedName: string): { framework: Framework; constructor: ModelConstructor } | undefined {
  for (const table of conventions) {
    for (const constructor of table.modelConstructors) {
      const matches = constructor.name.endsWith('.')
        ? qualifiedName.startsWith(constructor.name) && qualifiedName.endsWith(constructor.suffix ?? '')
        : qualifiedName === constructor.name;
      if (matches && !constructor.except?.some((w) => qualifiedName.includes(w))) return { framework: table.framework, constructor };
    }
  }
  return undefined;
}

/** The framework whose model base class this is. */
export function frameworkOfModelBase(qualifiedName: string): Framework | undefined {
  return conventions.find((c) => c.modelBaseClasses.has(qualifiedName))?.framework;
}

export function anyConvention(pick: (c: ModeConventions) => ReadonlySet<string>, name: string): boolean {
  return conventions.some((c) => pick(c).has(name));
}
