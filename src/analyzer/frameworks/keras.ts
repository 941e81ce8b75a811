/**
 * Keras 3 and tf.keras 2: `keras.layers` signatures and defaults, plus TF1's
 * `tf.layers.batch_normalization`. Keras momentum is the weight of the old value (default 0.99).
 */
import type { ModeConventions } from './modes';
import { indexNames, indexSpecs, type FrameworkTable, type LayerSpec, type OpKind, type ParamSpec, type SignatureSource } from './types';

/** Keywords every Keras layer takes through `**kwargs` (base `Layer.__init__`, Keras 2.4 – 3 and tf.keras). */
const baseLayerKeywords = [
  'name',
  'dtype',
  'trainable',
  'input_shape',
  'batch_input_shape',
  'batch_size',
  'input_dim',
  'input_length',
  'autocast',
  'dynamic',
  'weights',
  'activity_regularizer',
  'seed',
  'input_spec',
  'implementation',
  'experimental_autocast',
  'dtype_policy',
];

/**
 * Keywords of the layers whose lists are complete: the union of Keras 2.4 – 3.x and tf.keras 2.x
 * (`keras/src/layers/{convolutional,core,normalization}`; tf.keras' DTensor `*_layout` keywords,
 * `conv_op`, Keras 3's LoRA and quantization options). Keras 1/2.0's legacy keywords (`bias`,
 * `border_mode`, ...) are not in it: see `keras1Keywords`.
 */
const complete: SignatureSource = { versions: 'Keras 2.4 – 3.x, tf.keras 2.x', source: 'keras/src/layers/{convolutional,core,normalization}' };
const weightLayouts = ['kernel_layout', 'bias_layout'];

/**
 * Keywords only Keras 1 (and Keras 2.0 – 2.3's legacy-argument support) understood. A file that
 * passes any of them to a Keras layer targets those versions, where other keywords (`bias=`) were
 * valid too: keyword checks stay silent there.
 */
export const keras1Keywords: ReadonlySet<string> = new Set([
  'border_mode',
  'subsample',
  'nb_filter',
  'nb_row',
  'nb_col',
  'init',
  'W_regularizer',
  'b_regularizer',
  'W_constraint',
  'b_constraint',
  'dim_ordering',
  'output_dim',
  'mode',
  'beta_init',
  'gamma_init',
  'atrous_rate',
  'pool_length',
  'filter_length',
  'subsample_length',
]);

const regularizers: ParamSpec[] = [
  { name: 'kernel_initializer', default: 'glorot_uniform' },
  { name: 'bias_initializer', default: 'zeros' },
  { name: 'kernel_regularizer', default: null },
  { name: 'bias_regularizer', default: null },
  { name: 'activity_regularizer', default: null },
  { name: 'kernel_constraint', default: null },
  { name: 'bias_constraint', default: null },
  { name: 'lora_rank', default: null },
];

function layer(name: string, role: LayerSpec['role'], params: ParamSpec[], extra: Partial<LayerSpec> = {}): LayerSpec {
  return { framework: 'keras', name, displayName: `layers.${name}`, role, params, extraKeywords: baseLayerKeywords, ...extra };
}

const convCore = (rank: number): ParamSpec[] => [
  { name: 'filters' },
  { name: 'kernel_size' },
  { name: 'strides', default: 1 },
  { name: 'padding', default: 'valid' },
  { name: 'data_format', default: null },
  { name: 'dilation_rate', default: 1 },
  { name: 'groups', default: 1 },
  { name: 'activation', default: null },
  { name: 'use_bias', default: true },
  ...regularizers,
  ...(rank ? [] : []),
];

const convExtras = { biasParam: 'use_bias', outFeaturesParam: 'filters', fusedActivationParam: 'activation' } as const;
/** Keras 2 separable and depthwise convs pass `**kwargs` on to `Conv`, which takes these too. */
const keras2ConvKeywords = ['kernel_initializer', 'kernel_regularizer', 'kernel_constraint', 'groups'];
const checked = { keywordsComplete: complete, extraKeywords: [...baseLayerKeywords, ...weightLayouts, 'conv_op'] };

function convs(): LayerSpec[] {
  const out: LayerSpec[] = [];
  for (const rank of [1, 2, 3]) {
    out.push(layer(`Conv${rank}D`, 'conv', convCore(rank), { spatialRank: rank, ...convExtras, ...checked }));
    // Keras 1's name (an alias in Keras 2): its Keras 1 signature differs, so keywords are not checked.
    out.push(layer(`Convolution${rank}D`, 'conv', convCore(rank), { spatialRank: rank, ...convExtras }));
    out.push(
      layer(
        `Conv${rank}DTranspose`,
        'conv',
        [
          { name: 'filters' },
          { name: 'kernel_size' },
          { name: 'strides', default: 1 },
          { name: 'padding', default: 'valid' },
          { name: 'output_padding', default: null },
          { name: 'data_format', default: null },
          { name: 'dilation_rate', default: 1 },
          { name: 'activation', default: null },
          { name: 'use_bias', default: true },
          ...regularizers,
        ],
        { spatialRank: rank, ...convExtras, ...checked },
      ),
    );
  }
  for (const rank of [1, 2]) {
    out.push(
      layer(
        `SeparableConv${rank}D`,
        'conv',
        [
          { name: 'filters' },
          { name: 'kernel_size' },
          { name: 'strides', default: 1 },
          { name: 'padding', default: 'valid' },
          { name: 'data_format', default: null },
          { name: 'dilation_rate', default: 1 },
          { name: 'depth_multiplier', default: 1 },
          { name: 'activation', default: null },
          { name: 'use_bias', default: true },
          { name: 'depthwise_initializer', default: 'glorot_uniform' },
          { name: 'pointwise_initializer', default: 'glorot_uniform' },
          { name: 'bias_initializer', default: 'zeros' },
          { name: 'depthwise_regularizer', default: null },
          { name: 'pointwise_regularizer', default: null },
          { name: 'bias_regularizer', default: null },
          { name: 'activity_regularizer', default: null },
          { name: 'depthwise_constraint', default: null },
          { name: 'pointwise_constraint', default: null },
          { name: 'bias_constraint', default: null },
        ],
        { spatialRank: rank, ...convExtras, ...checked, extraKeywords: [...checked.extraKeywords, ...keras2ConvKeywords] },
      ),
      layer(
        `DepthwiseConv${rank}D`,
        'conv',
        [
          { name: 'kernel_size' },
          { name: 'strides', default: 1 },
          { name: 'padding', default: 'valid' },
          { name: 'depth_multiplier', default: 1 },
          { name: 'data_format', default: null },
          { name: 'dilation_rate', default: 1 },
          { name: 'activation', default: null },
          { name: 'use_bias', default: true },
          { name: 'depthwise_initializer', default: 'glorot_uniform' },
          { name: 'bias_initializer', default: 'zeros' },
          { name: 'depthwise_regularizer', default: null },
          { name: 'bias_regularizer', default: null },
          { name: 'activity_regularizer', default: null },
          { name: 'depthwise_constraint', default: null },
          { name: 'bias_constraint', default: null },
        ],
        {
          spatialRank: rank,
          biasParam: 'use_bias',
          fusedActivationParam: 'activation',
          ...checked,
          extraKeywords: [...checked.extraKeywords, ...keras2ConvKeywords],
        },
      ),
    );
  }
  return out;
}

const batchNormParams: ParamSpec[] = [
  { name: 'axis', default: -1 },
  { name: 'momentum', default: 0.99 },
  { name: 'epsilon', default: 0.001 },
  { name: 'center', default: true },
  { name: 'scale', default: true },
  { name: 'beta_initializer', default: 'zeros' },
  { name: 'gamma_initializer', default: 'ones' },
  { name: 'moving_mean_initializer', default: 'zeros' },
  { name: 'moving_variance_initializer', default: 'ones' },
  { name: 'beta_regularizer', default: null },
  { name: 'gamma_regularizer', default: null },
  { name: 'beta_constraint', default: null },
  { name: 'gamma_constraint', default: null },
  // Keras 3
  { name: 'synchronized', default: false, keywordOnly: true },
  // tf.keras 2
  { name: 'renorm', default: false, keywordOnly: true },
  { name: 'renorm_clipping', default: null, keywordOnly: true },
  { name: 'renorm_momentum', default: 0.99, keywordOnly: true },
  { name: 'fused', default: null, keywordOnly: true },
  { name: 'virtual_batch_size', default: null, keywordOnly: true },
  { name: 'adjustment', default: null, keywordOnly: true },
];

const batchNormExtras = {
  momentum: { param: 'momentum', convention: 'keras' },
  epsParam: 'epsilon',
  // TF2 Keras runs a non-trainable BatchNormalization in inference mode.
  frozenStatisticsWhen: { param: 'trainable', value: false },
} as const;
const batchNormChecked = {
  keywordsComplete: complete,
  extraKeywords: [...baseLayerKeywords, 'beta_layout', 'gamma_layout', 'moving_mean_layout', 'moving_variance_layout'],
};

const simple = (name: string, role: LayerSpec['role'], opKind: OpKind, params: ParamSpec[] = []) => layer(name, role, params, { opKind });

/** MaxPooling/AveragePooling (and their MaxPool/AvgPool aliases) in every rank share one signature. */
const poolingParams: ParamSpec[] = [
  { name: 'pool_size', default: 2 },
  { name: 'strides', default: null },
  { name: 'padding', default: 'valid' },
  { name: 'data_format', default: null },
];

const specs: LayerSpec[] = [
  ...convs(),
  layer('Dense', 'linear', [{ name: 'units' }, { name: 'activation', default: null }, { name: 'use_bias', default: true }, ...regularizers], {
    spatialRank: 0,
    biasParam: 'use_bias',
    outFeaturesParam: 'units',
    fusedActivationParam: 'activation',
    keywordsComplete: complete,
    extraKeywords: [...baseLayerKeywords, ...weightLayouts, 'lora_alpha', 'quantization_config'],
  }),
  layer('BatchNormalization', 'batchnorm', batchNormParams, { ...batchNormExtras, ...batchNormChecked }),
  layer('SyncBatchNormalization', 'batchnorm', batchNormParams, { ...batchNormExtras, ...batchNormChecked }),
  layer(
    'LayerNormalization',
    'normalization',
    [
      { name: 'axis', default: -1 },
      { name: 'epsilon', default: 0.001 },
    ],
    { opKind: 'normalization', epsParam: 'epsilon', acceptsAnyKeyword: true },
  ),
  layer(
    'GroupNormalization',
    'normalization',
    [
      { name: 'groups', default: 32 },
      { name: 'axis', default: -1 },
      { name: 'epsilon', default: 0.001 },
    ],
    { opKind: 'normalization', epsParam: 'epsilon', acceptsAnyKeyword: true },
  ),
  simple('Activation', 'activation', 'activation', [{ name: 'activation' }]),
  simple('ReLU', 'activation', 'activation', [
    { name: 'max_value', default: null },
    { name: 'negative_slope', default: 0 },
    { name: 'threshold', default: 0 },
  ]),
  simple('LeakyReLU', 'activation', 'activation', [{ name: 'negative_slope', default: 0.3 }]),
  simple('PReLU', 'activation', 'activation', [
    { name: 'alpha_initializer', default: 'zeros' },
    { name: 'alpha_regularizer', default: null },
    { name: 'alpha_constraint', default: null },
    { name: 'shared_axes', default: null },
  ]),
  simple('ELU', 'activation', 'activation', [{ name: 'alpha', default: 1 }]),
  simple('Softmax', 'activation', 'activation', [{ name: 'axis', default: -1 }]),
  ...[1, 2, 3].flatMap((r) => [
    simple(`MaxPooling${r}D`, 'pool', 'pool', poolingParams),
    simple(`MaxPool${r}D`, 'pool', 'pool', poolingParams),
    simple(`AveragePooling${r}D`, 'pool', 'pool', poolingParams),
    simple(`AvgPool${r}D`, 'pool', 'pool', poolingParams),
    simple(`GlobalAveragePooling${r}D`, 'pool', 'flatten', [
      { name: 'data_format', default: null },
      { name: 'keepdims', default: false },
    ]),
    simple(`GlobalMaxPooling${r}D`, 'pool', 'flatten', [
      { name: 'data_format', default: null },
      { name: 'keepdims', default: false },
    ]),
    simple(`ZeroPadding${r}D`, 'padding', 'zero-pad', [
      { name: 'padding', default: 1 },
      { name: 'data_format', default: null },
    ]),
    simple(`SpatialDropout${r}D`, 'dropout', 'dropout', [{ name: 'rate' }]),
    simple(`UpSampling${r}D`, 'pool', 'pool', [{ name: 'size', default: 2 }]),
  ]),
  simple('Dropout', 'dropout', 'dropout', [{ name: 'rate' }, { name: 'noise_shape', default: null }, { name: 'seed', default: null }]),
  // Multiplicative and additive noise change the variance in training only, as Dropout does (the rate, or stddev, first).
  simple('GaussianDropout', 'dropout', 'dropout', [{ name: 'rate' }, { name: 'seed', default: null }]),
  simple('GaussianNoise', 'dropout', 'dropout', [{ name: 'stddev' }, { name: 'seed', default: null }]),
  simple('AlphaDropout', 'dropout', 'dropout', [{ name: 'rate' }, { name: 'noise_shape', default: null }, { name: 'seed', default: null }]),
  simple('Flatten', 'flatten', 'flatten', [{ name: 'data_format', default: null }]),
  simple('Reshape', 'reshape', 'reshape', [{ name: 'target_shape' }]),
  simple('Permute', 'reshape', 'reshape', [{ name: 'dims' }]),
  simple('Add', 'add', 'add'),
  simple('Concatenate', 'concat', 'concat', [{ name: 'axis', default: -1 }]),
  layer('LSTM', 'recurrent', [], { acceptsAnyKeyword: true, opKind: 'unknown', sequenceOutput: { whenParam: 'return_sequences' } }),
  layer('GRU', 'recurrent', [], { acceptsAnyKeyword: true, opKind: 'unknown', sequenceOutput: { whenParam: 'return_sequences' } }),
  layer('SimpleRNN', 'recurrent', [], { acceptsAnyKeyword: true, opKind: 'unknown', sequenceOutput: { whenParam: 'return_sequences' } }),
  layer('MultiHeadAttention', 'attention', [], { acceptsAnyKeyword: true, opKind: 'unknown', sequenceOutput: {} }),
  layer('Embedding', 'other', [], { acceptsAnyKeyword: true, opKind: 'unknown', sequenceOutput: { lengthParam: 'input_length' } }),
];

/** TF1's functional batch norm: `tf.layers.batch_normalization(inputs, axis=-1, momentum=0.99, ...)`. */
const tf1BatchNorm: LayerSpec = {
  framework: 'keras',
  name: 'batch_normalization',
  displayName: 'tf.layers.batch_normalization',
  role: 'batchnorm',
  params: [
    { name: 'inputs' },
    ...batchNormParams.filter((p) => !p.keywordOnly),
    { name: 'training', default: false },
    { name: 'trainable', default: true },
    { name: 'name', default: null },
    { name: 'reuse', default: null },
    { name: 'renorm', default: false },
    { name: 'renorm_clipping', default: null },
    { name: 'renorm_momentum', default: 0.99 },
    { name: 'fused', default: null },
    { name: 'virtual_batch_size', default: null },
    { name: 'adjustment', default: null },
  ],
  ...batchNormExtras,
};

/** TF1's functional conv and dense layers: `tf.layers.conv2d(inputs, filters, kernel_size, ...)`. */
const tf1Functional: LayerSpec[] = [
  ...[1, 2, 3].map((rank): LayerSpec => ({
    framework: 'keras',
    name: `conv${rank}d`,
    displayName: `tf.layers.conv${rank}d`,
    role: 'conv',
    params: [
      { name: 'inputs' },
      ...convCore(rank).filter((p) => p.name !== 'groups' && p.name !== 'lora_rank'),
      { name: 'trainable', default: true },
      { name: 'name', default: null },
      { name: 'reuse', default: null },
    ],
    spatialRank: rank,
    ...convExtras,
  })),
  // `tf.layers.conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding='valid', ...)` (TF 1.x has no 1-D one).
  ...[2, 3].map((rank): LayerSpec => ({
    framework: 'keras',
    name: `conv${rank}d_transpose`,
    displayName: `tf.layers.conv${rank}d_transpose`,
    role: 'conv',
    params: [
      { name: 'inputs' },
      { name: 'filters' },
      { name: 'kernel_size' },
      { name: 'strides', default: 1 },
      { name: 'padding', default: 'valid' },
      { name: 'data_format', default: 'channels_last' },
      { name: 'activation', default: null },
      { name: 'use_bias', default: true },
      ...regularizers.filter((p) => p.name !== 'lora_rank'),
      { name: 'trainable', default: true },
      { name: 'name', default: null },
      { name: 'reuse', default: null },
    ],
    spatialRank: rank,
    ...convExtras,
  })),
  {
    framework: 'keras',
    name: 'dense',
    displayName: 'tf.layers.dense',
    role: 'linear',
    params: [
      { name: 'inputs' },
      { name: 'units' },
      { name: 'activation', default: null },
      { name: 'use_bias', default: true },
      ...regularizers.filter((p) => p.name !== 'lora_rank'),
      { name: 'trainable', default: true },
      { name: 'name', default: null },
      { name: 'reuse', default: null },
    ],
    spatialRank: 0,
    biasParam: 'use_bias',
    outFeaturesParam: 'units',
    fusedActivationParam: 'activation',
  },
];

const tf1LayerPrefixes = ['tensorflow.layers', 'tensorflow.compat.v1.layers'];

/** Every module path through which people reach `keras.layers`. */
export const kerasLayerPrefixes = [
  'keras.layers',
  'tensorflow.keras.layers',
  'tf_keras.layers',
  'keras.src.layers',
  'tensorflow.python.keras.layers',
  'tensorflow.compat.v1.keras.layers',
  'tensorflow.compat.v2.keras.layers',
  'tensorflow.keras.layers.experimental',
  'keras.layers.experimental',
];

const activationFunctions: Record<string, OpKind> = {
  relu: 'activation',
  relu6: 'activation',
  elu: 'activation',
  selu: 'activation',
  gelu: 'activation',
  swish: 'activation',
  silu: 'activation',
  sigmoid: 'activation',
  tanh: 'activation',
  softmax: 'activation',
  leaky_relu: 'activation',
};

/** A layer's or model's forward method (`def call(self, inputs, training=None)`), and the keyword that picks its mode per call. */
export const kerasCallMethod = 'call';
export const kerasTrainingKeyword = 'training';

/** `model.add(layer)`: appends a layer to a `Sequential`. */
export const kerasSequentialAdd = 'add';

export const kerasTable: FrameworkTable = {
  framework: 'keras',
  layers: new Map([
    ...indexSpecs(kerasLayerPrefixes, specs),
    // TF1's `tf.layers` (also through `tf.compat.v1`): Keras layer classes and functional layers.
    ...indexSpecs(
      tf1LayerPrefixes,
      specs.filter((spec) => !spec.keywordsComplete),
    ),
    ...indexSpecs(
      tf1LayerPrefixes,
      specs.filter((spec) => spec.keywordsComplete).map(({ keywordsComplete: _, ...spec }) => spec),
    ),
    ...indexSpecs(tf1LayerPrefixes, [tf1BatchNorm, ...tf1Functional]),
  ]),
  functions: new Map([
    ...indexNames(['tensorflow.nn', 'keras.activations', 'tensorflow.keras.activations', 'keras.ops'], activationFunctions),
    ...indexNames<OpKind>(['keras.layers', 'tensorflow.keras.layers'], { add: 'add', concatenate: 'concat' }),
    ...indexNames<OpKind>(['tensorflow', 'keras.ops'], { reshape: 'reshape', concat: 'concat', add: 'add' }),
  ]),
  tensorMethods: new Map(),
  sequentialContainers: new Set([
    'keras.Sequential',
    'keras.models.Sequential',
    'tensorflow.keras.Sequential',
    'tensorflow.keras.models.Sequential',
    'tf_keras.Sequential',
    'tf_keras.models.Sequential',
  ]),
  moduleBaseClasses: new Set([
    'keras.Model',
    'keras.models.Model',
    'tensorflow.keras.Model',
    'tensorflow.keras.models.Model',
    'keras.layers.Layer',
    'tensorflow.keras.layers.Layer',
    'tf_keras.Model',
  ]),
  forwardMethod: kerasCallMethod,
  layerBuildMethods: ['build'],
  containerAppends: [kerasSequentialAdd],
  channelLayout: { axisParam: 'axis', dataFormat: { param: 'data_format', channelsFirst: 'channels_first', channelsLast: 'channels_last' } },
  defaultCallResults: new Map(
    ['keras.backend', 'tensorflow.keras.backend', 'tf_keras.backend', 'keras.config'].map((m) => [`${m}.image_data_format`, 'channels_last']),
  ),
  // keras-applications (and keras.applications 2.2) receive Keras' modules from the caller.
  moduleInjectors: new Map([['get_submodules_from_kwargs', ['keras.backend', 'keras.layers', 'keras.models', 'keras.utils']]]),
  biasAttribute: 'bias',
  checkpointLoaders: new Set(['load_weights', 'load_model']),
  pretrainedArguments: new Map([['weights', 'imagenet']]),
  // TF1's `tf.layers` and `tf.compat.v1.layers` build layers too.
  pythonImports: {
    roots: ['tensorflow', 'keras', 'tf_keras'],
    layerModules: ['keras', 'tensorflow.keras', 'tf_keras', 'tensorflow.layers', 'tensorflow.compat'],
  },
};

/**
 * How TF1 graph code reaches the API (BN207's fix spells it): `tf` or `tensorflow` bound to
 * `tensorflow` or to `tensorflow.compat.v1`, and `tf.layers.batch_normalization` as a layer.
 */
export const tf1Api = {
  moduleNames: ['tf', 'tensorflow'],
  root: 'tensorflow',
  v1: 'tensorflow.compat.v1',
  batchNormalization: { name: 'batch_normalization', path: 'tensorflow.layers.batch_normalization' },
  /** The keyword that switches a batch norm to training: `tf.layers.batch_normalization(training=)`, slim's `is_training=`. */
  trainingKeyword: { layers: 'training', slim: 'is_training' },
  /** The first parameter of TF1's functional layers (`tf.layers.batch_normalization(inputs, ...)`), which build and apply at once. */
  functionalInput: 'inputs',
} as const;

/** `layer.apply(x)`: Keras 2's spelling of calling a layer on its input. */
export const kerasLayerApply = 'apply';

/** `keras.Model(inputs, outputs)`: a functional model, by its class name's ending, and where its outputs are given. */
export const kerasFunctionalModel = { classSuffix: 'Model', outputsKeyword: 'outputs', outputsPosition: 1 } as const;

// ---------------------------------------------------------------- train/eval modes

const kerasRoots = ['keras', 'tensorflow.keras', 'tf_keras'];

/** Keras has no module-wide mode: each call takes `training=`, and `fit`/`evaluate`/`predict` set it. */
export const kerasModes: ModeConventions = {
  framework: 'keras',
  importRoots: ['tensorflow', 'keras', 'tf_keras'],
  markers: ['GradientTape', 'train_step', 'test_step', 'training=True', 'apply_gradients'],
  modelBaseClasses: new Set([...kerasRoots.flatMap((r) => [`${r}.Model`, `${r}.models.Model`, `${r}.layers.Layer`, `${r}.Layer`]), 'keras.src.models.Model']),
  modelConstructors: [
    ...kerasRoots.map((r) => ({ name: `${r}.applications.`, mode: 'train' as const })),
    ...kerasRoots.flatMap((r) =>
      [`${r}.Sequential`, `${r}.models.Sequential`, `${r}.Model`, `${r}.models.Model`].map((name) => ({ name, mode: 'train' as const })),
    ),
    ...kerasRoots.flatMap((r) => [`${r}.models.load_model`, `${r}.saving.load_model`].map((name) => ({ name, mode: 'unknown' as const }))),
  ],
  containers: new Set(kerasRoots.flatMap((r) => [`${r}.Sequential`, `${r}.models.Sequential`, `${r}.Model`, `${r}.models.Model`, `${r}.models.load_model`])),
  modeSharingWrappers: new Set(),
  modeSharingMethods: new Set(),
  weightLoaders: new Set(['load_weights']),
  modelMethods: new Set(['fit', 'compile', 'predict', 'evaluate', 'summary', 'trainable_variables', 'save_weights', 'load_weights']),
  nonForwardMethods: new Set(['build', 'compile', 'summary', 'add', 'add_weight', 'add_loss', 'add_metric', 'save', 'save_weights', 'load_weights']),
  noGradContexts: new Set(),
  gradToggleContexts: new Set(),
  gradientTapes: new Set(['tensorflow.GradientTape', 'tensorflow.autodiff.GradientTape']),
  modeBakingExports: new Set(),
  probeTensors: new Set(),
  evalContexts: new Set(),
  selfManagedHooks: new Set(),
  trainingStepMethods: new Set(['train_step']),
  inferenceStepMethods: new Set(['test_step', 'predict_step']),
  statisticsRecalibrations: new Set(),
  perCallModeKeywords: new Set([kerasTrainingKeyword]),
  trainingStepCalls: new Set(['apply_gradients', 'minimize']),
  optimizerSteps: new Set(),
  evalSwitches: [],
  freezeSpellings: [],
  trainedWeights: ['trainable_variables', 'trainable_weights'],
  tapeUpdates: ['.minimize('],
};

/**
 * `keras.applications` models whose networks hold BatchNormalization layers, each with the
 * submodule that also exports it (`keras.applications.resnet50.ResNet50`).
 */
const kerasApplicationsWithBatchNorm: readonly (readonly [submodules: readonly string[], names: readonly string[]])[] = [
  [['resnet', 'resnet50'], ['ResNet50']],
  [['resnet'], ['ResNet101', 'ResNet152']],
  [['resnet_v2'], ['ResNet50V2', 'ResNet101V2', 'ResNet152V2']],
  [['inception_v3'], ['InceptionV3']],
  [['inception_resnet_v2'], ['InceptionResNetV2']],
  [['mobilenet'], ['MobileNet']],
  [['mobilenet_v2'], ['MobileNetV2']],
  [['mobilenet_v3'], ['MobileNetV3Small', 'MobileNetV3Large']],
  [['densenet'], ['DenseNet121', 'DenseNet169', 'DenseNet201']],
  [['xception'], ['Xception']],
  [['nasnet'], ['NASNetMobile', 'NASNetLarge']],
  [['efficientnet'], [0, 1, 2, 3, 4, 5, 6, 7].map((b) => `EfficientNetB${b}`)],
  [['efficientnet_v2'], ['B0', 'B1', 'B2', 'B3', 'S', 'M', 'L'].map((size) => `EfficientNetV2${size}`)],
];

export const kerasModelsWithBatchNorm: ReadonlySet<string> = new Set(
  ['keras.applications', 'tensorflow.keras.applications', 'tf_keras.applications'].flatMap((prefix) =>
    kerasApplicationsWithBatchNorm.flatMap(([submodules, names]) =>
      names.flatMap((name) => [`${prefix}.${name}`, ...submodules.map((submodule) => `${prefix}.${submodule}.${name}`)]),
    ),
  ),
);

/**
 * TF1 batch norm functions that put their moving-average updates in the UPDATE_OPS collection
 * (`tf.layers.batch_normalization` is also a layer spec above; contrib/slim's `batch_norm` only here).
 */
export const tf1BatchNormFunctions: ReadonlySet<string> = new Set([
  'tensorflow.layers.batch_normalization',
  'tensorflow.compat.v1.layers.batch_normalization',
  'tensorflow.contrib.layers.batch_norm',
  'tensorflow.contrib.slim.batch_norm',
  'tensorflow.contrib.layers.python.layers.layers.batch_norm',
  'tf_slim.batch_norm',
  'tf_slim.layers.batch_norm',
]);

/** Words (lower case) that show a TF1 file runs batch norm's update ops, or makes them unnecessary. */
export const tf1UpdateOpsWords: readonly string[] = ['update_ops', 'control_dependencies', 'create_train_op', 'updates_collections'];

/** Module paths of TF1 graph-mode optimizers (`tf.train.AdamOptimizer`): `minimize` builds a train op. */
export const tf1OptimizerModules: readonly string[] = ['tensorflow.train.', 'tensorflow.compat.v1.train.', 'tensorflow.contrib.opt.'];

/** TF1 optimizer methods that build the training op (`opt.minimize(loss)`): it must depend on batch norm's update ops. */
export const tf1OptimizerUpdates: ReadonlySet<string> = new Set(['minimize', 'apply_gradients']);

/**
 * Keras' freeze flag: `layer.trainable = False` or `trainable=False` at construction. A frozen
 * BatchNormalization runs in inference mode (TF2), whatever batch it is given.
 */
export const kerasTrainableFlag = 'trainable';

/** `model.fit(x, y, batch_size=...)`: Keras' training loop, and the keyword that sets its batch. */
export const kerasFit = { methods: new Set(['fit']) as ReadonlySet<string>, batchSizeKeyword: 'batch_size' } as const;

/** Keras model methods that run one training step on exactly the batch they are given. */
export const kerasSingleBatchTrainingMethods: ReadonlySet<string> = new Set(['train_on_batch']);

/** `np.expand_dims(x, 0)`, `tf.expand_dims(x, axis=0)`: a batch of one from a sample. */
export const kerasAddBatchDimension = {
  functions: new Set(['numpy.expand_dims', 'tensorflow.expand_dims']) as ReadonlySet<string>,
  dimensionKeyword: 'axis',
} as const;

/** `keras.Input(...)`: the symbolic input of a functional model. */
export const kerasInputs: ReadonlySet<string> = new Set(
  ['keras', 'keras.layers', 'tensorflow.keras', 'tensorflow.keras.layers', 'tf_keras', 'tf_keras.layers'].map((prefix) => `${prefix}.Input`),
);

/**
 * Distribution strategies that replicate a Keras model over devices (BN404). Each replica's
 * BatchNormalization normalizes with its own share of the batch unless built with
 * `synchronized=True` (Keras 2.12+; `SyncBatchNormalization` before), like PyTorch without SyncBatchNorm.
 */
export const kerasReplicaStrategies = {
  strategies: new Set(
    ['MirroredStrategy', 'MultiWorkerMirroredStrategy', 'experimental.MultiWorkerMirroredStrategy', 'TPUStrategy', 'experimental.TPUStrategy'].map(
      (name) => `tensorflow.distribute.${name}`,
    ),
  ),
  /** The layers that synchronize only on request (`SyncBatchNormalization` always does). */
  batchNorms: new Set(['BatchNormalization']),
  /** `global_batch = 64 * strategy.num_replicas_in_sync`: 64 per replica. */
  replicaCountAttribute: 'num_replicas_in_sync',
  batchNormSyncParam: 'synchronized',
} as const;
