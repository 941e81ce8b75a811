/**
 * Keras 3 and tf.keras 2: `keras.layers` signatures and defaults, plus TF1's
 * `tf.layers.batch_normalization`. Keras momentum is the weight of the old value (default 0.99).
 */
import { indexNames, indexSpecs, type FrameworkTable, type LayerSpec, type OpKind, type ParamSpec } from './types';

/** Keywords every Keras layer takes through `**kwargs` (base `Layer.__init__`). */
const baseLayerKeywords = [
  'name', 'dtype', 'trainable', 'input_shape', 'batch_input_shape', 'batch_size', 'input_dim', 'input_length',
  'autocast', 'dynamic', 'weights', 'activity_regularizer', 'seed', 'input_spec',
];

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

function convs(): LayerSpec[] {
  const out: LayerSpec[] = [];
  for (const rank of [1, 2, 3]) {
    out.push(layer(`Conv${rank}D`, 'conv', convCore(rank), { spatialRank: rank, ...convExtras }));
    out.push(layer(`Convolution${rank}D`, 'conv', convCore(rank), { spatialRank: rank, ...convExtras }));
    out.push(
      layer(
        `Conv${rank}DTranspose`,
        'conv',
        [
          { name: 'filters' }, { name: 'kernel_size' }, { name: 'strides', default: 1 }, { name: 'padding', default: 'valid' },
          { name: 'output_padding', default: null }, { name: 'data_format', default: null }, { name: 'dilation_rate', default: 1 },
          { name: 'activation', default: null }, { name: 'use_bias', default: true }, ...regularizers,
        ],
        { spatialRank: rank, ...convExtras },
      ),
    );
  }
  for (const rank of [1, 2]) {
    out.push(
      layer(
        `SeparableConv${rank}D`,
        'conv',
        [
          { name: 'filters' }, { name: 'kernel_size' }, { name: 'strides', default: 1 }, { name: 'padding', default: 'valid' },
          { name: 'data_format', default: null }, { name: 'dilation_rate', default: 1 }, { name: 'depth_multiplier', default: 1 },
          { name: 'activation', default: null }, { name: 'use_bias', default: true }, { name: 'depthwise_initializer', default: 'glorot_uniform' },
          { name: 'pointwise_initializer', default: 'glorot_uniform' }, { name: 'bias_initializer', default: 'zeros' },
          { name: 'depthwise_regularizer', default: null }, { name: 'pointwise_regularizer', default: null },
          { name: 'bias_regularizer', default: null }, { name: 'activity_regularizer', default: null },
          { name: 'depthwise_constraint', default: null }, { name: 'pointwise_constraint', default: null }, { name: 'bias_constraint', default: null },
        ],
        { spatialRank: rank, ...convExtras },
      ),
      layer(
        `DepthwiseConv${rank}D`,
        'conv',
        [
          { name: 'kernel_size' }, { name: 'strides', default: 1 }, { name: 'padding', default: 'valid' }, { name: 'depth_multiplier', default: 1 },
          { name: 'data_format', default: null }, { name: 'dilation_rate', default: 1 }, { name: 'activation', default: null },
          { name: 'use_bias', default: true }, { name: 'depthwise_initializer', default: 'glorot_uniform' }, { name: 'bias_initializer', default: 'zeros' },
          { name: 'depthwise_regularizer', default: null }, { name: 'bias_regularizer', default: null }, { name: 'activity_regularizer', default: null },
          { name: 'depthwise_constraint', default: null }, { name: 'bias_constraint', default: null },
        ],
        { spatialRank: rank, biasParam: 'use_bias', fusedActivationParam: 'activation' },
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
} as const;

const simple = (name: string, role: LayerSpec['role'], opKind: OpKind, params: ParamSpec[] = []) =>
  layer(name, role, params, { opKind });

const specs: LayerSpec[] = [
  ...convs(),
  layer('Dense', 'linear', [{ name: 'units' }, { name: 'activation', default: null }, { name: 'use_bias', default: true }, ...regularizers], {
    spatialRank: 0,
    biasParam: 'use_bias',
    outFeaturesParam: 'units',
    fusedActivationParam: 'activation',
  }),
  layer('BatchNormalization', 'batchnorm', batchNormParams, batchNormExtras),
  layer('SyncBatchNormalization', 'batchnorm', batchNormParams, batchNormExtras),
  layer('LayerNormalization', 'normalization', [{ name: 'axis', default: -1 }, { name: 'epsilon', default: 0.001 }], { opKind: 'normalization', epsParam: 'epsilon', acceptsAnyKeyword: true }),
  layer('GroupNormalization', 'normalization', [{ name: 'groups', default: 32 }, { name: 'axis', default: -1 }, { name: 'epsilon', default: 0.001 }], { opKind: 'normalization', epsParam: 'epsilon', acceptsAnyKeyword: true }),
  simple('Activation', 'activation', 'activation', [{ name: 'activation' }]),
  simple('ReLU', 'activation', 'activation', [{ name: 'max_value', default: null }, { name: 'negative_slope', default: 0 }, { name: 'threshold', default: 0 }]),
  simple('LeakyReLU', 'activation', 'activation', [{ name: 'negative_slope', default: 0.3 }]),
  simple('PReLU', 'activation', 'activation', [{ name: 'alpha_initializer', default: 'zeros' }, { name: 'alpha_regularizer', default: null }, { name: 'alpha_constraint', default: null }, { name: 'shared_axes', default: null }]),
  simple('ELU', 'activation', 'activation', [{ name: 'alpha', default: 1 }]),
  simple('Softmax', 'activation', 'activation', [{ name: 'axis', default: -1 }]),
  ...[1, 2, 3].flatMap((r) => [
    simple(`MaxPooling${r}D`, 'pool', 'pool', [{ name: 'pool_size', default: 2 }, { name: 'strides', default: null }, { name: 'padding', default: 'valid' }, { name: 'data_format', default: null }]),
    simple(`MaxPool${r}D`, 'pool', 'pool', [{ name: 'pool_size', default: 2 }, { name: 'strides', default: null }, { name: 'padding', default: 'valid' }, { name: 'data_format', default: null }]),
    simple(`AveragePooling${r}D`, 'pool', 'pool', [{ name: 'pool_size', default: 2 }, { name: 'strides', default: null }, { name: 'padding', default: 'valid' }, { name: 'data_format', default: null }]),
    simple(`AvgPool${r}D`, 'pool', 'pool', [{ name: 'pool_size', default: 2 }, { name: 'strides', default: null }, { name: 'padding', default: 'valid' }, { name: 'data_format', default: null }]),
    simple(`GlobalAveragePooling${r}D`, 'pool', 'flatten', [{ name: 'data_format', default: null }, { name: 'keepdims', default: false }]),
    simple(`GlobalMaxPooling${r}D`, 'pool', 'flatten', [{ name: 'data_format', default: null }, { name: 'keepdims', default: false }]),
    simple(`ZeroPadding${r}D`, 'padding', 'zero-pad', [{ name: 'padding', default: 1 }, { name: 'data_format', default: null }]),
    simple(`SpatialDropout${r}D`, 'dropout', 'dropout', [{ name: 'rate' }]),
    simple(`UpSampling${r}D`, 'pool', 'pool', [{ name: 'size', default: 2 }]),
  ]),
  simple('Dropout', 'dropout', 'dropout', [{ name: 'rate' }, { name: 'noise_shape', default: null }, { name: 'seed', default: null }]),
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
  params: [{ name: 'inputs' }, ...batchNormParams.filter((p) => !p.keywordOnly), { name: 'training', default: false }, { name: 'trainable', default: true }, { name: 'name', default: null }, { name: 'reuse', default: null }, { name: 'renorm', default: false }, { name: 'renorm_clipping', default: null }, { name: 'renorm_momentum', default: 0.99 }, { name: 'fused', default: null }, { name: 'virtual_batch_size', default: null }, { name: 'adjustment', default: null }],
  ...batchNormExtras,
};

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
  relu: 'activation', relu6: 'activation', elu: 'activation', selu: 'activation', gelu: 'activation', swish: 'activation',
  silu: 'activation', sigmoid: 'activation', tanh: 'activation', softmax: 'activation', leaky_relu: 'activation',
};

export const kerasTable: FrameworkTable = {
  framework: 'keras',
  layers: new Map([
    ...indexSpecs(kerasLayerPrefixes, specs),
    ...indexSpecs(['tensorflow.layers', 'tensorflow.compat.v1.layers'], [tf1BatchNorm]),
  ]),
  functions: new Map([
    ...indexNames(['tensorflow.nn', 'keras.activations', 'tensorflow.keras.activations', 'keras.ops'], activationFunctions),
    ...indexNames(['keras.layers', 'tensorflow.keras.layers'], { add: 'add' as OpKind, concatenate: 'concat' as OpKind }),
    ...indexNames(['tensorflow', 'keras.ops'], { reshape: 'reshape' as OpKind, concat: 'concat' as OpKind, add: 'add' as OpKind }),
  ]),
  tensorMethods: new Map(),
  sequentialContainers: new Set(['keras.Sequential', 'keras.models.Sequential', 'tensorflow.keras.Sequential', 'tensorflow.keras.models.Sequential', 'tf_keras.Sequential', 'tf_keras.models.Sequential']),
  moduleBaseClasses: new Set(['keras.Model', 'keras.models.Model', 'tensorflow.keras.Model', 'tensorflow.keras.models.Model', 'keras.layers.Layer', 'tensorflow.keras.layers.Layer', 'tf_keras.Model']),
};

/** `keras.applications` models whose networks hold BatchNormalization layers. */
const kerasApplicationsWithBatchNorm = [
  'ResNet50', 'ResNet101', 'ResNet152', 'ResNet50V2', 'ResNet101V2', 'ResNet152V2', 'InceptionV3', 'InceptionResNetV2',
  'MobileNet', 'MobileNetV2', 'MobileNetV3Small', 'MobileNetV3Large', 'DenseNet121', 'DenseNet169', 'DenseNet201', 'Xception',
  'NASNetMobile', 'NASNetLarge', ...[0, 1, 2, 3, 4, 5, 6, 7].map((b) => `EfficientNetB${b}`),
  'EfficientNetV2B0', 'EfficientNetV2B1', 'EfficientNetV2B2', 'EfficientNetV2B3', 'EfficientNetV2S', 'EfficientNetV2M', 'EfficientNetV2L',
];

export const kerasModelsWithBatchNorm: ReadonlySet<string> = new Set(
  ['keras.applications', 'tensorflow.keras.applications', 'tf_keras.applications'].flatMap((prefix) => kerasApplicationsWithBatchNorm.map((name) => `${prefix}.${name}`)),
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

/** Module paths of TF1 graph-mode optimizers (`tf.train.AdamOptimizer`): `minimize` builds a train op. */
export const tf1OptimizerModules: readonly string[] = ['tensorflow.train.', 'tensorflow.compat.v1.train.', 'tensorflow.contrib.opt.'];

/** `keras.Input(...)`: the symbolic input of a functional model. */
export const kerasInputs: ReadonlySet<string> = new Set(
  ['keras', 'keras.layers', 'tensorflow.keras', 'tensorflow.keras.layers', 'tf_keras', 'tf_keras.layers'].map((prefix) => `${prefix}.Input`),
);
