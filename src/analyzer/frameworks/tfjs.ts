/**
 * TensorFlow.js (`@tensorflow/tfjs`, `-node`, `-node-gpu`, `-layers`): `tf.layers.*` factories and
 * their config keys, checked against tfjs-layers' source (layers/convolutional.ts,
 * convolutional_depthwise.ts, core.ts, normalization.ts, engine/topology.ts):
 *
 * - every factory takes one config object; a layer's constructor reads the keys it knows
 *   (`args.useBias == null ? true : args.useBias`) and never looks at the others, so an unknown or
 *   misspelled key is silently ignored at run time;
 * - conv and dense `useBias` default true; conv `dataFormat` defaults to 'channelsLast';
 * - `batchNormalization`: axis -1, momentum 0.99, epsilon 1e-3, and the moving statistics are
 *   updated as `moving − (moving − batch)·(1 − momentum)`, i.e. the Keras convention.
 *
 * Qualified names start with `@tensorflow/tfjs` whichever of the packages was imported (they all
 * export the same `layers` namespace); no Python import can produce such a name.
 */
import { indexNames, indexSpecs, type FrameworkTable, type LayerSpec, type OpKind, type ParamSpec, type SignatureSource } from './types';

/**
 * The layers whose config keys are complete (BN303 checks only these); test/unit/typescript/
 * tfjs-table.test.ts compares them with tfjs-layers' `*LayerArgs` interfaces.
 */
const complete: SignatureSource = { versions: '@tensorflow/tfjs-layers 4.x', source: 'dist/layers/*.d.ts `*LayerArgs` interfaces' };

/** The root every TF.js qualified name starts with. */
export const TFJS_ROOT = '@tensorflow/tfjs';

/** The browser global the script-tag build defines (`tf.layers.dense(...)` without an import). */
export const TFJS_GLOBAL = 'tf';

/** Text that names TensorFlow.js: a package import or the browser global (files without it are not parsed). */
export const MENTIONS_TFJS = new RegExp(`${TFJS_ROOT.replace(/[/.]/g, (c) => `\\${c}`)}|\\b${TFJS_GLOBAL}\\.`);

/** Packages whose exports are (a superset of) the `tf` namespace the analyzer knows. */
export const tfjsModules: ReadonlySet<string> = new Set([
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-core',
]);

/** `LayerArgs`, accepted by every layer (engine/topology.ts). */
const layerArgs = ['inputShape', 'batchInputShape', 'batchSize', 'dtype', 'name', 'trainable', 'weights', 'inputDType'];

const p = (name: string, defaultValue?: ParamSpec['default']): ParamSpec =>
  defaultValue === undefined ? { name, keywordOnly: true } : { name, default: defaultValue, keywordOnly: true };

function layer(name: string, role: LayerSpec['role'], params: ParamSpec[], extra: Partial<LayerSpec> = {}): LayerSpec {
  return { framework: 'tfjs', name, displayName: `tf.layers.${name}`, role, params, extraKeywords: layerArgs, ...extra };
}

/** `BaseConvLayerArgs`: shared by every convolution, including depthwise. */
const baseConv: ParamSpec[] = [
  p('kernelSize'),
  p('strides', 1),
  p('padding', 'valid'),
  p('dataFormat', 'channelsLast'),
  p('dilationRate', 1),
  p('activation', null),
  p('useBias', true),
  p('kernelInitializer', 'glorotNormal'),
  p('biasInitializer', 'zeros'),
  p('kernelConstraint', null),
  p('biasConstraint', null),
  p('kernelRegularizer', null),
  p('biasRegularizer', null),
  p('activityRegularizer', null),
];

/** `ConvLayerArgs` = base + `filters`. */
const conv: ParamSpec[] = [p('filters'), ...baseConv];

const separable: ParamSpec[] = [
  ...conv,
  p('depthMultiplier', 1),
  p('depthwiseInitializer', 'glorotUniform'),
  p('pointwiseInitializer', 'glorotUniform'),
  p('depthwiseRegularizer', null),
  p('pointwiseRegularizer', null),
  p('depthwiseConstraint', null),
  p('pointwiseConstraint', null),
];

const depthwise: ParamSpec[] = [
  ...baseConv,
  p('depthMultiplier', 1),
  p('depthwiseInitializer', 'glorotNormal'),
  p('depthwiseConstraint', null),
  p('depthwiseRegularizer', null),
];

const convExtras = { biasParam: 'useBias', outFeaturesParam: 'filters', fusedActivationParam: 'activation', keywordsComplete: complete } as const;

const batchNormParams: ParamSpec[] = [
  p('axis', -1),
  p('momentum', 0.99),
  p('epsilon', 0.001),
  p('center', true),
  p('scale', true),
  p('betaInitializer', 'zeros'),
  p('gammaInitializer', 'ones'),
  p('movingMeanInitializer', 'zeros'),
  p('movingVarianceInitializer', 'ones'),
  p('betaConstraint', null),
  p('gammaConstraint', null),
  p('betaRegularizer', null),
  p('gammaRegularizer', null),
];

/** Layers whose config the analyzer does not check key by key (anything goes, nothing is flagged). */
const opaque = (name: string, role: LayerSpec['role'], opKind: OpKind) => layer(name, role, [], { opKind, acceptsAnyKeyword: true });

/** `Pooling1DLayerArgs` has no `dataFormat` (1-D pooling is always channels-last); 2-D and 3-D pooling do. */
const pooling = (name: string, opKind: OpKind = 'pool') => {
  const dataFormat = name.endsWith('1d') ? [] : [p('dataFormat', 'channelsLast')];
  return layer(name, 'pool', [p('poolSize', 2), p('strides', null), p('padding', 'valid'), ...dataFormat], { opKind, keywordsComplete: complete });
};

const specs: LayerSpec[] = [
  layer('conv1d', 'conv', conv, { spatialRank: 1, ...convExtras }),
  layer('conv2d', 'conv', conv, { spatialRank: 2, ...convExtras }),
  layer('conv3d', 'conv', conv, { spatialRank: 3, ...convExtras }),
  layer('conv2dTranspose', 'conv', conv, { spatialRank: 2, ...convExtras }),
  layer('conv3dTranspose', 'conv', conv, { spatialRank: 3, ...convExtras }),
  layer('separableConv2d', 'conv', separable, { spatialRank: 2, ...convExtras }),
  layer('depthwiseConv2d', 'conv', depthwise, { spatialRank: 2, biasParam: 'useBias', fusedActivationParam: 'activation', keywordsComplete: complete }),
  layer(
    'dense',
    'linear',
    [
      p('units'),
      p('activation', null),
      p('useBias', true),
      p('kernelInitializer', 'glorotNormal'),
      p('biasInitializer', 'zeros'),
      p('inputDim', null),
      p('kernelConstraint', null),
      p('biasConstraint', null),
      p('kernelRegularizer', null),
      p('biasRegularizer', null),
      p('activityRegularizer', null),
    ],
    { spatialRank: 0, biasParam: 'useBias', outFeaturesParam: 'units', fusedActivationParam: 'activation', keywordsComplete: complete },
  ),
  layer('batchNormalization', 'batchnorm', batchNormParams, {
    momentum: { param: 'momentum', convention: 'keras' },
    epsParam: 'epsilon',
    keywordsComplete: complete,
  }),
  layer(
    'layerNormalization',
    'normalization',
    [
      p('axis', -1),
      p('epsilon', 0.001),
      p('center', true),
      p('scale', true),
      p('betaInitializer', 'zeros'),
      p('gammaInitializer', 'ones'),
      p('betaRegularizer', null),
      p('gammaRegularizer', null),
    ],
    { opKind: 'normalization', epsParam: 'epsilon', keywordsComplete: complete },
  ),
  layer('activation', 'activation', [p('activation')], { opKind: 'activation' }),
  layer('reLU', 'activation', [p('maxValue', null)], { opKind: 'activation' }),
  layer('leakyReLU', 'activation', [p('alpha', 0.3)], { opKind: 'activation' }),
  layer('prelu', 'activation', [p('alphaInitializer', 'zeros'), p('alphaRegularizer', null), p('alphaConstraint', null), p('sharedAxes', null)], {
    opKind: 'activation',
  }),
  layer('elu', 'activation', [p('alpha', 1)], { opKind: 'activation' }),
  layer('softmax', 'activation', [p('axis', -1)], { opKind: 'activation' }),
  layer('thresholdedReLU', 'activation', [p('theta', 1)], { opKind: 'activation' }),
  ...[
    'maxPooling1d',
    'maxPooling2d',
    'maxPooling3d',
    'maxPool1d',
    'maxPool2d',
    'averagePooling1d',
    'averagePooling2d',
    'averagePooling3d',
    'avgPool1d',
    'avgPool2d',
    'avgPool3d',
    'avgPooling1d',
    'avgPooling2d',
    'avgPooling3d',
  ].map((n) => pooling(n)),
  ...['globalAveragePooling1d', 'globalAveragePooling2d', 'globalMaxPooling1d', 'globalMaxPooling2d', 'globalMaxPool1d', 'globalMaxPool2d'].map((n) =>
    layer(n, 'pool', [p('dataFormat', 'channelsLast')], { opKind: 'flatten' }),
  ),
  layer('upSampling2d', 'pool', [p('size', [2, 2]), p('dataFormat', 'channelsLast'), p('interpolation', 'nearest')], { opKind: 'pool' }),
  layer('zeroPadding2d', 'padding', [p('padding', 1), p('dataFormat', 'channelsLast')], { opKind: 'zero-pad' }),
  layer('dropout', 'dropout', [p('rate'), p('noiseShape', null), p('seed', null)], { opKind: 'dropout' }),
  layer('spatialDropout1d', 'dropout', [p('rate'), p('seed', null)], { opKind: 'dropout' }),
  // tfjs-layers `noise.d.ts`: the rate (the noise's stddev) first, as BN102 reads it.
  layer('gaussianNoise', 'dropout', [p('stddev')], { opKind: 'dropout', keywordsComplete: complete }),
  layer('gaussianDropout', 'dropout', [p('rate')], { opKind: 'dropout', keywordsComplete: complete }),
  layer('alphaDropout', 'dropout', [p('rate'), p('noiseShape', null)], { opKind: 'dropout', keywordsComplete: complete }),
  layer('flatten', 'flatten', [p('dataFormat', 'channelsLast')], { opKind: 'flatten' }),
  layer('reshape', 'reshape', [p('targetShape')], { opKind: 'reshape' }),
  layer('permute', 'reshape', [p('dims')], { opKind: 'reshape' }),
  opaque('repeatVector', 'reshape', 'reshape'),
  opaque('cropping2D', 'padding', 'unknown'),
  layer('add', 'add', [], { opKind: 'add' }),
  layer('concatenate', 'concat', [p('axis', -1)], { opKind: 'concat' }),
  ...['average', 'maximum', 'minimum', 'multiply', 'dot'].map((n) => opaque(n, 'other', 'unknown')),
  ...['lstm', 'gru', 'simpleRNN', 'rnn'].map((n) =>
    layer(n, 'recurrent', [], { opKind: 'unknown', acceptsAnyKeyword: true, sequenceOutput: { whenParam: 'returnSequences' } }),
  ),
  ...['convLstm2d', 'bidirectional', 'timeDistributed'].map((n) => opaque(n, 'recurrent', 'unknown')),
  layer('embedding', 'other', [], { opKind: 'unknown', acceptsAnyKeyword: true, sequenceOutput: { lengthParam: 'inputLength' } }),
  ...['masking', 'inputLayer', 'rescaling', 'resizing', 'centerCrop', 'categoryEncoding'].map((n) => opaque(n, 'other', 'unknown')),
];

/** `tf.relu(x)`, `tf.add(a, b)`: free functions on tensors. */
const functions: Record<string, OpKind> = {
  relu: 'activation',
  relu6: 'activation',
  elu: 'activation',
  selu: 'activation',
  leakyRelu: 'activation',
  prelu: 'activation',
  sigmoid: 'activation',
  tanh: 'activation',
  softmax: 'activation',
  logSoftmax: 'activation',
  softplus: 'activation',
  add: 'add',
  addN: 'add',
  concat: 'concat',
  reshape: 'reshape',
  transpose: 'reshape',
  squeeze: 'reshape',
  expandDims: 'reshape',
  maxPool: 'pool',
  avgPool: 'pool',
  dropout: 'dropout',
  pad: 'pad',
  clone: 'identity',
  cast: 'identity',
  identity: 'identity',
};

/**
 * TF.js training calls and their batch: `model.fit(x, y, {batchSize})` (default 32) and
 * `model.trainOnBatch(x, y)` on an input made a batch of one with `x.expandDims()` (axis 0 by
 * default) or `tf.expandDims(x, 0)` (the namespace function takes the tensor first).
 */
export const tfjsBatchTraining = {
  fitMethod: 'fit',
  fitBatchSizeKey: 'batchSize',
  singleBatchMethod: 'trainOnBatch',
  addBatchDimension: 'expandDims',
} as const;

/**
 * `x.relu()`, `x.add(y)`: tensor methods. Kept out of the registered table's `tensorMethods`, which
 * the registry shares with the Python front end (`x.softmax()` in PyTorch must stay unknown there);
 * the TypeScript front end reads this map directly.
 */
export const tfjsTensorMethods: ReadonlyMap<string, OpKind> = new Map<string, OpKind>(
  Object.entries({
    relu: 'activation',
    relu6: 'activation',
    elu: 'activation',
    selu: 'activation',
    leakyRelu: 'activation',
    sigmoid: 'activation',
    tanh: 'activation',
    softmax: 'activation',
    logSoftmax: 'activation',
    add: 'add',
    reshape: 'reshape',
    transpose: 'reshape',
    squeeze: 'reshape',
    expandDims: 'reshape',
    flatten: 'flatten',
    clone: 'identity',
    cast: 'identity',
    asType: 'identity',
    toFloat: 'identity',
  } satisfies Record<string, OpKind>),
);

/** Keras' channel layout, in camel case: BatchNorm's `axis` and the layers' `dataFormat: 'channelsFirst'`. */
export const tfjsChannelLayout = {
  axisParam: 'axis',
  dataFormat: { param: 'dataFormat', channelsFirst: 'channelsFirst', channelsLast: 'channelsLast' },
} as const;

export const tfjsTable: FrameworkTable = {
  framework: 'tfjs',
  layers: indexSpecs([`${TFJS_ROOT}.layers`], specs),
  functions: indexNames([TFJS_ROOT], functions),
  tensorMethods: new Map(),
  sequentialContainers: new Set([`${TFJS_ROOT}.sequential`]),
  moduleBaseClasses: new Set([`${TFJS_ROOT}.layers.Layer`, `${TFJS_ROOT}.LayersModel`, `${TFJS_ROOT}.Sequential`]),
  forwardMethod: 'call',
  layerBuildMethods: ['build'],
  containerAppends: ['add'],
  channelLayout: tfjsChannelLayout,
};

/** The keys of a first layer's config that give the rank of its input (`inputShape: [28, 28, 1]`, `inputDim: 784`). */
export const tfjsInputShapeKeys = { inputShape: 'inputShape', batchInputShape: 'batchInputShape', inputDim: 'inputDim' } as const;

/** The TF.js functions the TS front end evaluates by name (the path after `@tensorflow/tfjs.`). */
export const tfjsApi = {
  /** `tf.layers.dense(...)`: the namespace of the layer factories. */
  layersNamespace: 'layers',
  /** `tf.sequential({layers: [...]})`, grown by `model.add(layer)` (`containerAppends`). */
  sequential: { factory: 'sequential', layersKey: 'layers' },
  /** `tf.model({inputs, outputs})`: a functional model, whose outputs are its last layers'. */
  model: { factory: 'model', outputsKey: 'outputs' },
  /** `tf.input({shape})`: a symbolic tensor that builds a graph, no data. */
  symbolicInputs: new Set(['input', 'layers.input']) as ReadonlySet<string>,
  /** `tf.tidy(fn)`: runs `fn` at once. */
  tidy: 'tidy',
  /** `tf.train.adam(...)`: the optimizers' namespace (`tfjsOptimizerFactories`). */
  optimizerNamespace: 'train.',
} as const;

/**
 * Where TF.js code computes gradients (BN203 in TF.js): the `tf.*` functions that run a function
 * under a gradient tape, by name, and the optimizer methods that do (each with the API as messages name it).
 */
export const tfjsGradientFunctions = {
  grad: 'tf.grad',
  grads: 'tf.grads',
  valueAndGrad: 'tf.valueAndGrad',
  valueAndGrads: 'tf.valueAndGrads',
  variableGrads: 'tf.variableGrads',
} as const;
export const tfjsOptimizerGradientMethods = {
  minimize: 'optimizer.minimize',
  computeGradients: 'optimizer.computeGradients',
} as const;
export type TfjsGradientApi =
  (typeof tfjsGradientFunctions)[keyof typeof tfjsGradientFunctions] | (typeof tfjsOptimizerGradientMethods)[keyof typeof tfjsOptimizerGradientMethods];

/** Methods that run a model or layer on inputs and return its outputs. */
export const tfjsRunMethods = ['apply', 'call', 'predict', 'predictOnBatch', 'execute', 'executeAsync'] as const;
/** Methods that evaluate a model on data, or (`fit`, `fitDataset`, `trainOnBatch`) train it. */
export const tfjsEvaluateAndTrainMethods = ['evaluate', 'evaluateDataset', 'fit', 'fitDataset', 'trainOnBatch'] as const;
export type TfjsModelMethod = (typeof tfjsRunMethods)[number] | (typeof tfjsEvaluateAndTrainMethods)[number];
/**
 * `layer.apply(x, {training: true})`, `model.call(x, kwargs)`: the methods that run a layer or
 * model with a kwargs object, the key that sets its mode there, and (`Function.prototype.apply`)
 * the method a plain function shares a name with.
 */
export const tfjsLayerCall = { methods: new Set<TfjsModelMethod>(['apply', 'call']), trainingKey: 'training', functionApply: 'apply' } as const;
/** `model.fit(x, y, {batchSize})`: the training loop whose batch size BN403 reads. */
export const tfjsFitMethod: TfjsModelMethod = 'fit';
/** Of those, the names specific enough to mean a model when called on an object the analyzer cannot resolve. */
export const tfjsUnknownReceiverMethods: ReadonlySet<TfjsModelMethod> = new Set(['apply', 'predict', 'predictOnBatch', 'fit', 'fitDataset', 'trainOnBatch']);

/** `tf.train.*` optimizer factories, and the functions that load a saved model. */
export const tfjsOptimizerFactories: ReadonlySet<string> = new Set(['sgd', 'momentum', 'adam', 'adamax', 'adagrad', 'adadelta', 'rmsprop']);
export const tfjsModelLoaders: ReadonlySet<string> = new Set(['loadLayersModel', 'loadGraphModel', 'loadModel']);

/** A module specifier of TF.js: the known packages, or any `@tensorflow/tfjs-*` one. */
export function isTfjsPackage(source: string): boolean {
  return tfjsModules.has(source) || /^@tensorflow\/tfjs(-[\w-]+)?$/.test(source);
}
