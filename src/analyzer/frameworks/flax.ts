/**
 * Flax: linen's `flax.linen` module fields (dataclass order) and NNX's `flax.nnx` constructor
 * parameters, with their defaults. Momentum uses the Keras convention in both.
 */
import type { ModeConventions } from './modes';
import { indexNames, indexSpecs, type FrameworkTable, type LayerSpec, type OpKind, type ParamSpec, type SignatureSource } from './types';

/** The modules whose field lists are complete (the union over these versions); BN303 checks only these. */
const complete: SignatureSource = { versions: 'flax.linen 0.7 – 0.12', source: 'flax/linen/{linear,normalization}.py dataclass fields' };

/** Every linen module is a dataclass that also takes these. */
const dataclassKeywords = ['parent', 'name'];

function module(name: string, role: LayerSpec['role'], params: ParamSpec[], extra: Partial<LayerSpec> = {}): LayerSpec {
  return { framework: 'flax', name, displayName: `nn.${name}`, role, params, extraKeywords: dataclassKeywords, ...extra };
}

const precision: ParamSpec[] = [
  { name: 'dtype', default: null },
  { name: 'param_dtype', default: 'float32' },
  { name: 'precision', default: null },
];

const specs: LayerSpec[] = [
  module(
    'Conv',
    'conv',
    [
      { name: 'features' },
      { name: 'kernel_size' },
      { name: 'strides', default: 1 },
      { name: 'padding', default: 'SAME' },
      { name: 'input_dilation', default: 1 },
      { name: 'kernel_dilation', default: 1 },
      { name: 'feature_group_count', default: 1 },
      { name: 'use_bias', default: true },
      { name: 'mask', default: null },
      ...precision,
      { name: 'kernel_init' },
      { name: 'bias_init' },
      { name: 'promote_dtype' },
      { name: 'conv_general_dilated', default: null },
      { name: 'conv_general_dilated_cls', default: null },
    ],
    { biasParam: 'use_bias', outFeaturesParam: 'features', keywordsComplete: complete },
  ),
  module(
    'ConvTranspose',
    'conv',
    [
      { name: 'features' },
      { name: 'kernel_size' },
      { name: 'strides', default: null },
      { name: 'padding', default: 'SAME' },
      { name: 'kernel_dilation', default: null },
      { name: 'use_bias', default: true },
      { name: 'mask', default: null },
      ...precision,
      { name: 'kernel_init' },
      { name: 'bias_init' },
      { name: 'transpose_kernel', default: false },
      { name: 'promote_dtype' },
      { name: 'preferred_element_type', default: null },
    ],
    { biasParam: 'use_bias', outFeaturesParam: 'features', keywordsComplete: complete },
  ),
  module(
    'Dense',
    'linear',
    [
      { name: 'features' },
      { name: 'use_bias', default: true },
      ...precision,
      { name: 'kernel_init' },
      { name: 'bias_init' },
      { name: 'promote_dtype' },
      { name: 'dot_general', default: null },
      { name: 'dot_general_cls', default: null },
    ],
    { biasParam: 'use_bias', outFeaturesParam: 'features', keywordsComplete: complete },
  ),
  module(
    'BatchNorm',
    'batchnorm',
    [
      { name: 'use_running_average', default: null },
      { name: 'axis', default: -1 },
      { name: 'momentum', default: 0.99 },
      { name: 'epsilon', default: 1e-5 },
      { name: 'dtype', default: null },
      { name: 'param_dtype', default: 'float32' },
      { name: 'use_bias', default: true },
      { name: 'use_scale', default: true },
      { name: 'bias_init' },
      { name: 'scale_init' },
      { name: 'axis_name', default: null },
      { name: 'axis_index_groups', default: null },
      { name: 'use_fast_variance', default: true },
      { name: 'force_float32_reductions', default: true },
    ],
    {
      momentum: { param: 'momentum', convention: 'keras' },
      epsParam: 'epsilon',
      keywordsComplete: complete,
      // A literal True in the constructor: every call normalizes by the running averages.
      frozenStatisticsWhen: { param: 'use_running_average', value: true },
    },
  ),
  module('LayerNorm', 'normalization', [{ name: 'epsilon', default: 1e-6 }], { acceptsAnyKeyword: true, opKind: 'normalization', epsParam: 'epsilon' }),
  module('GroupNorm', 'normalization', [{ name: 'num_groups', default: 32 }], { acceptsAnyKeyword: true, opKind: 'normalization' }),
  module('RMSNorm', 'normalization', [{ name: 'epsilon', default: 1e-6 }], { acceptsAnyKeyword: true, opKind: 'normalization' }),
  module('MultiHeadDotProductAttention', 'attention', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module('MultiHeadAttention', 'attention', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module('SelfAttention', 'attention', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module('RNN', 'recurrent', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module(
    'Dropout',
    'dropout',
    [{ name: 'rate' }, { name: 'broadcast_dims', default: [] }, { name: 'deterministic', default: null }, { name: 'rng_collection', default: 'dropout' }],
    { opKind: 'dropout' },
  ),
];

/**
 * NNX layers are plain classes built in `__init__` and called in `__call__`, like PyTorch modules:
 * `nnx.Conv(in_features, out_features, kernel_size, strides=1, *, ..., use_bias=True, rngs)`.
 * Their keyword lists change between releases (`rngs`, metadata and dtype options), so no keyword
 * is checked; the positional parameters and the defaults that rules read are those of flax 0.8–0.12.
 */
function nnxModule(name: string, role: LayerSpec['role'], positional: ParamSpec[], keywords: ParamSpec[], extra: Partial<LayerSpec> = {}): LayerSpec {
  return {
    framework: 'flax',
    name,
    displayName: `nnx.${name}`,
    role,
    params: [...positional, ...keywords.map((p) => ({ ...p, keywordOnly: true }))],
    acceptsAnyKeyword: true,
    ...extra,
  };
}

const nnxConvPositional: ParamSpec[] = [{ name: 'in_features' }, { name: 'out_features' }, { name: 'kernel_size' }];
const nnxConvExtra: Partial<LayerSpec> = { biasParam: 'use_bias', inFeaturesParam: 'in_features', outFeaturesParam: 'out_features' };

const nnxSpecs: LayerSpec[] = [
  nnxModule(
    'Conv',
    'conv',
    [...nnxConvPositional, { name: 'strides', default: 1 }],
    [
      { name: 'padding', default: 'SAME' },
      { name: 'use_bias', default: true },
    ],
    nnxConvExtra,
  ),
  nnxModule(
    'ConvTranspose',
    'conv',
    [...nnxConvPositional, { name: 'strides', default: null }],
    [
      { name: 'padding', default: 'SAME' },
      { name: 'use_bias', default: true },
    ],
    nnxConvExtra,
  ),
  nnxModule('Linear', 'linear', [{ name: 'in_features' }, { name: 'out_features' }], [{ name: 'use_bias', default: true }], {
    biasParam: 'use_bias',
    inFeaturesParam: 'in_features',
    outFeaturesParam: 'out_features',
  }),
  nnxModule(
    'BatchNorm',
    'batchnorm',
    [{ name: 'num_features' }],
    [
      { name: 'use_running_average', default: false },
      { name: 'axis', default: -1 },
      { name: 'momentum', default: 0.99 },
      { name: 'epsilon', default: 1e-5 },
      { name: 'use_bias', default: true },
      { name: 'use_scale', default: true },
    ],
    {
      featuresParam: 'num_features',
      momentum: { param: 'momentum', convention: 'keras' },
      epsParam: 'epsilon',
      frozenStatisticsWhen: { param: 'use_running_average', value: true },
    },
  ),
  nnxModule('LayerNorm', 'normalization', [{ name: 'num_features' }], [{ name: 'epsilon', default: 1e-6 }], { opKind: 'normalization', epsParam: 'epsilon' }),
  nnxModule('GroupNorm', 'normalization', [{ name: 'num_features' }], [{ name: 'num_groups', default: 32 }], { opKind: 'normalization' }),
  nnxModule('RMSNorm', 'normalization', [{ name: 'num_features' }], [{ name: 'epsilon', default: 1e-6 }], { opKind: 'normalization' }),
  nnxModule('MultiHeadAttention', 'attention', [], [], { sequenceOutput: {} }),
  nnxModule('RNN', 'recurrent', [], [], { sequenceOutput: {} }),
  nnxModule(
    'Dropout',
    'dropout',
    [{ name: 'rate' }],
    [
      { name: 'broadcast_dims', default: [] },
      { name: 'deterministic', default: false },
    ],
    { opKind: 'dropout' },
  ),
];

const functions: Record<string, OpKind> = {
  relu: 'activation',
  relu6: 'activation',
  gelu: 'activation',
  silu: 'activation',
  swish: 'activation',
  elu: 'activation',
  sigmoid: 'activation',
  tanh: 'activation',
  softmax: 'activation',
  leaky_relu: 'activation',
  log_softmax: 'activation',
  max_pool: 'pool',
  avg_pool: 'pool',
  pool: 'pool',
};

export const flaxTable: FrameworkTable = {
  framework: 'flax',
  layers: new Map([...indexSpecs(['flax.linen'], specs), ...indexSpecs(['flax.nnx'], nnxSpecs)]),
  functions: new Map([
    ...indexNames(['flax.linen', 'flax.nnx', 'jax.nn'], functions),
    ...indexNames<OpKind>(['jax.numpy'], { reshape: 'reshape', concatenate: 'concat' }),
  ]),
  tensorMethods: new Map(Object.entries({ reshape: 'reshape' as OpKind, transpose: 'reshape' as OpKind, astype: 'identity' as OpKind })),
  sequentialContainers: new Set(['flax.linen.Sequential', 'flax.nnx.Sequential']),
  moduleBaseClasses: new Set(['flax.linen.Module', 'flax.nnx.Module']),
  forwardMethod: '__call__',
  layerBuildMethods: ['setup'],
  // Linen's and NNX's convolutions always put channels last.
  channelLayout: { axisParam: 'axis' },
  checkpointLoaders: new Set(['restore_checkpoint', 'from_state_dict', 'restore']),
  pythonImports: { roots: ['flax', 'jax'], layerModules: ['flax.linen', 'flax.nnx'] },
};

// ---------------------------------------------------------------- train/eval modes

/** Flax: linen passes `use_running_average`/`deterministic` per call; NNX has its own `model.eval()` and `nnx.view`. */
export const flaxModes: ModeConventions = {
  framework: 'flax',
  importRoots: ['flax', 'jax', 'haiku', 'equinox'],
  // None of its own: a Flax file reaches the mode analysis through the others' words (`train_step`).
  markers: [],
  modelBaseClasses: new Set(['flax.linen.Module', 'flax.nnx.Module', 'flax.nnx.Optimizer']),
  modelConstructors: [],
  containers: new Set(['flax.linen.Sequential', 'flax.nnx.Sequential']),
  modeSharingWrappers: new Set(['flax.nnx.view']),
  modeSharingMethods: new Set(),
  weightLoaders: new Set([]),
  modelMethods: new Set(['apply', 'init']),
  nonForwardMethods: new Set(['init', 'bind', 'unbind']),
  noGradContexts: new Set(),
  gradToggleContexts: new Set(),
  gradientTapes: new Set(),
  modeBakingExports: new Set(),
  probeTensors: new Set(),
  evalContexts: new Set(),
  selfManagedHooks: new Set(),
  trainingStepMethods: new Set(),
  inferenceStepMethods: new Set(),
  statisticsRecalibrations: new Set(),
  perCallModeKeywords: new Set(['use_running_average', 'deterministic', 'train', 'is_training', 'mutable']),
  trainingStepCalls: new Set(),
  optimizerSteps: new Set(),
  evalSwitches: [],
  freezeSpellings: [],
  trainedWeights: [],
  tapeUpdates: [],
};

/** Training a linen module on single samples (BN403): how a batch of one and a BatchNorm update are written. */
const flaxModuleApply = 'apply';

export const flaxSingleSampleTraining = {
  /** `model.apply(variables, x, ...)`, `state.apply_fn(variables, x, ...)`: the input is the second argument. */
  applyMethods: new Set([flaxModuleApply, 'apply_fn']) as ReadonlySet<string>,
  /** Of those, the module's own method: its receiver is the model (`state.apply_fn`'s is the train state). */
  moduleApply: flaxModuleApply,
  /** `mutable=['batch_stats']`: the call updates BatchNorm's running statistics, so it trains them. */
  mutableKeyword: 'mutable',
  batchStatsCollection: 'batch_stats',
  /** `jnp.expand_dims(x, 0)` and `x[jnp.newaxis]`. */
  addBatchDimension: new Set(['jax.numpy.expand_dims']) as ReadonlySet<string>,
  dimensionKeyword: 'axis',
  newAxis: new Set(['jax.numpy.newaxis']) as ReadonlySet<string>,
} as const;

/**
 * Data-parallel training across devices (BN404): `jax.pmap` runs one copy of the step per device,
 * and a linen BatchNorm combines the devices' statistics only when given the pmapped axis's name.
 */
export const flaxDataParallel = {
  transforms: new Set(['jax.pmap']),
  /** The BatchNorm layers that take the axis name, and how a message names the transform. */
  batchNorms: new Set(['BatchNorm']),
  description: 'jax.pmap',
  /** The transform's keyword that names the mapped axis, and BatchNorm's that reduces over it. */
  axisNameParam: 'axis_name',
  batchNormSyncParam: 'axis_name',
} as const;
