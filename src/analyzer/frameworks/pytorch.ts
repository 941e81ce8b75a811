/** PyTorch: `torch.nn` layer signatures and defaults (torch 1.13 – 2.x), functional ops, tensor methods. */
import type { ModeConventions } from './modes';
import { indexNames, indexSpecs, type FrameworkTable, type LayerSpec, type OpKind, type ParamSpec, type SignatureSource } from './types';

const device: ParamSpec[] = [
  { name: 'device', default: null },
  { name: 'dtype', default: null },
];

/** The layers whose keyword lists are complete (BN303 checks only these); the rest may take more. */
const complete: SignatureSource = { versions: 'torch 1.13 – 2.5', source: 'torch/nn/modules/{conv,linear,batchnorm,instancenorm,normalization,dropout}.py' };

function conv(rank: number, transpose: boolean, lazy: boolean): LayerSpec {
  const name = `${lazy ? 'Lazy' : ''}Conv${transpose ? 'Transpose' : ''}${rank}d`;
  const params: ParamSpec[] = [
    ...(lazy ? [] : [{ name: 'in_channels' }]),
    { name: 'out_channels' },
    { name: 'kernel_size' },
    { name: 'stride', default: 1 },
    { name: 'padding', default: 0 },
    ...(transpose
      ? [
          { name: 'output_padding', default: 0 },
          { name: 'groups', default: 1 },
          { name: 'bias', default: true },
          { name: 'dilation', default: 1 },
        ]
      : [
          { name: 'dilation', default: 1 },
          { name: 'groups', default: 1 },
          { name: 'bias', default: true },
        ]),
    { name: 'padding_mode', default: 'zeros' },
    ...device,
  ];
  return {
    framework: 'pytorch',
    name,
    displayName: `nn.${name}`,
    role: 'conv',
    params,
    spatialRank: rank,
    biasParam: 'bias',
    outFeaturesParam: 'out_channels',
    inFeaturesParam: lazy ? undefined : 'in_channels',
    keywordsComplete: complete,
  };
}

function linear(lazy: boolean): LayerSpec {
  const name = lazy ? 'LazyLinear' : 'Linear';
  const params: ParamSpec[] = [...(lazy ? [] : [{ name: 'in_features' }]), { name: 'out_features' }, { name: 'bias', default: true }, ...device];
  return {
    framework: 'pytorch',
    name,
    displayName: `nn.${name}`,
    role: 'linear',
    params,
    spatialRank: 0,
    biasParam: 'bias',
    outFeaturesParam: 'out_features',
    inFeaturesParam: lazy ? undefined : 'in_features',
    keywordsComplete: complete,
  };
}

const bnTail: ParamSpec[] = [
  { name: 'eps', default: 1e-5 },
  { name: 'momentum', default: 0.1 },
  { name: 'affine', default: true },
  { name: 'track_running_stats', default: true },
];

function batchNorm(rank: 1 | 2 | 3, lazy: boolean): LayerSpec {
  const name = `${lazy ? 'Lazy' : ''}BatchNorm${rank}d`;
  return {
    framework: 'pytorch',
    name,
    displayName: `nn.${name}`,
    role: 'batchnorm',
    params: [...(lazy ? [] : [{ name: 'num_features' }]), ...bnTail, ...device],
    // BatchNorm1d takes (N, C) after a Linear and (N, C, L) after a Conv1d.
    spatialRank: rank === 1 ? 0 : rank,
    acceptsSpatialRanks: rank === 1 ? [0, 1] : [rank],
    featuresParam: lazy ? undefined : 'num_features',
    momentum: { param: 'momentum', convention: 'pytorch' },
    epsParam: 'eps',
    keywordsComplete: complete,
  };
}

/** The private base classes people test with `isinstance(m, _BatchNorm)` (mmcv, detectron2). */
const batchNormBase = (name: string): LayerSpec => ({
  framework: 'pytorch',
  name,
  displayName: name,
  role: 'batchnorm',
  params: [{ name: 'num_features' }, ...bnTail, ...device],
  momentum: { param: 'momentum', convention: 'pytorch' },
  epsParam: 'eps',
});

const syncBatchNorm: LayerSpec = {
  framework: 'pytorch',
  name: 'SyncBatchNorm',
  displayName: 'nn.SyncBatchNorm',
  role: 'batchnorm',
  params: [{ name: 'num_features' }, ...bnTail, { name: 'process_group', default: null }, ...device],
  featuresParam: 'num_features',
  momentum: { param: 'momentum', convention: 'pytorch' },
  epsParam: 'eps',
  keywordsComplete: complete,
};

function instanceNorm(rank: 1 | 2 | 3, lazy: boolean): LayerSpec {
  const name = `${lazy ? 'Lazy' : ''}InstanceNorm${rank}d`;
  return {
    framework: 'pytorch',
    name,
    displayName: `nn.${name}`,
    role: 'normalization',
    params: [
      ...(lazy ? [] : [{ name: 'num_features' }]),
      { name: 'eps', default: 1e-5 },
      { name: 'momentum', default: 0.1 },
      { name: 'affine', default: false },
      { name: 'track_running_stats', default: false },
      ...device,
    ],
    momentum: { param: 'momentum', convention: 'pytorch' },
    epsParam: 'eps',
    opKind: 'normalization',
    keywordsComplete: complete,
  };
}

function simple(name: string, role: LayerSpec['role'], opKind: OpKind, params: ParamSpec[] = [], extra: Partial<LayerSpec> = {}): LayerSpec {
  return { framework: 'pytorch', name, displayName: `nn.${name}`, role, params, opKind, ...extra };
}

const inplace: ParamSpec = { name: 'inplace', default: false };

const activations: LayerSpec[] = [
  simple('ReLU', 'activation', 'activation', [inplace]),
  simple('ReLU6', 'activation', 'activation', [inplace]),
  simple('LeakyReLU', 'activation', 'activation', [{ name: 'negative_slope', default: 0.01 }, inplace]),
  simple('PReLU', 'activation', 'activation', [{ name: 'num_parameters', default: 1 }, { name: 'init', default: 0.25 }, ...device]),
  simple('ELU', 'activation', 'activation', [{ name: 'alpha', default: 1.0 }, inplace]),
  simple('CELU', 'activation', 'activation', [{ name: 'alpha', default: 1.0 }, inplace]),
  simple('SELU', 'activation', 'activation', [inplace]),
  simple('GELU', 'activation', 'activation', [{ name: 'approximate', default: 'none' }]),
  simple('SiLU', 'activation', 'activation', [inplace]),
  simple('Mish', 'activation', 'activation', [inplace]),
  simple('Sigmoid', 'activation', 'activation'),
  simple('Tanh', 'activation', 'activation'),
  simple('Hardswish', 'activation', 'activation', [inplace]),
  simple('Hardsigmoid', 'activation', 'activation', [inplace]),
  simple('Hardtanh', 'activation', 'activation', [{ name: 'min_val', default: -1 }, { name: 'max_val', default: 1 }, inplace]),
  simple('Softplus', 'activation', 'activation', [
    { name: 'beta', default: 1 },
    { name: 'threshold', default: 20 },
  ]),
  simple('Softsign', 'activation', 'activation'),
  simple('Softmax', 'activation', 'activation', [{ name: 'dim', default: null }]),
  simple('LogSoftmax', 'activation', 'activation', [{ name: 'dim', default: null }]),
  simple('GLU', 'activation', 'reshape', [{ name: 'dim', default: -1 }]),
  simple('Threshold', 'activation', 'activation', [{ name: 'threshold' }, { name: 'value' }, inplace]),
];

function pools(): LayerSpec[] {
  const out: LayerSpec[] = [];
  for (const rank of [1, 2, 3]) {
    out.push(
      simple(`MaxPool${rank}d`, 'pool', 'pool', [
        { name: 'kernel_size' },
        { name: 'stride', default: null },
        { name: 'padding', default: 0 },
        { name: 'dilation', default: 1 },
        { name: 'return_indices', default: false },
        { name: 'ceil_mode', default: false },
      ]),
      simple(`AvgPool${rank}d`, 'pool', 'pool', [
        { name: 'kernel_size' },
        { name: 'stride', default: null },
        { name: 'padding', default: 0 },
        { name: 'ceil_mode', default: false },
        { name: 'count_include_pad', default: true },
        ...(rank > 1 ? [{ name: 'divisor_override', default: null }] : []),
      ]),
      simple(`AdaptiveAvgPool${rank}d`, 'pool', 'pool', [{ name: 'output_size' }]),
      simple(`AdaptiveMaxPool${rank}d`, 'pool', 'pool', [{ name: 'output_size' }, { name: 'return_indices', default: false }]),
      simple(`Dropout${rank}d`, 'dropout', 'dropout', [{ name: 'p', default: 0.5 }, inplace], { keywordsComplete: complete }),
      simple(`ReflectionPad${rank}d`, 'padding', 'pad', [{ name: 'padding' }]),
      simple(`ReplicationPad${rank}d`, 'padding', 'pad', [{ name: 'padding' }]),
      simple(`ConstantPad${rank}d`, 'padding', 'zero-pad', [{ name: 'padding' }, { name: 'value' }]),
    );
    if (rank !== 3) out.push(simple(`ZeroPad${rank}d`, 'padding', 'zero-pad', [{ name: 'padding' }]));
  }
  out.push(simple('ZeroPad3d', 'padding', 'zero-pad', [{ name: 'padding' }]));
  return out;
}

const specs: LayerSpec[] = [
  ...[1, 2, 3].flatMap((r) => [conv(r, false, false), conv(r, true, false), conv(r, false, true), conv(r, true, true)]),
  linear(false),
  linear(true),
  ...([1, 2, 3] as const).flatMap((r) => [batchNorm(r, false), batchNorm(r, true), instanceNorm(r, false), instanceNorm(r, true)]),
  syncBatchNorm,
  batchNormBase('_BatchNorm'),
  batchNormBase('_NormBase'),
  simple(
    'LayerNorm',
    'normalization',
    'normalization',
    [{ name: 'normalized_shape' }, { name: 'eps', default: 1e-5 }, { name: 'elementwise_affine', default: true }, { name: 'bias', default: true }, ...device],
    { epsParam: 'eps', keywordsComplete: complete },
  ),
  simple(
    'GroupNorm',
    'normalization',
    'normalization',
    [{ name: 'num_groups' }, { name: 'num_channels' }, { name: 'eps', default: 1e-5 }, { name: 'affine', default: true }, ...device],
    { epsParam: 'eps', keywordsComplete: complete },
  ),
  simple('RMSNorm', 'normalization', 'normalization', [
    { name: 'normalized_shape' },
    { name: 'eps', default: null },
    { name: 'elementwise_affine', default: true },
    ...device,
  ]),
  simple('LocalResponseNorm', 'normalization', 'normalization', [
    { name: 'size' },
    { name: 'alpha', default: 1e-4 },
    { name: 'beta', default: 0.75 },
    { name: 'k', default: 1 },
  ]),
  ...activations,
  ...pools(),
  simple('Identity', 'identity', 'identity', [], { acceptsAnyKeyword: true }),
  simple('Dropout', 'dropout', 'dropout', [{ name: 'p', default: 0.5 }, inplace], { keywordsComplete: complete }),
  simple('AlphaDropout', 'dropout', 'dropout', [{ name: 'p', default: 0.5 }, inplace]),
  simple('Flatten', 'flatten', 'flatten', [
    { name: 'start_dim', default: 1 },
    { name: 'end_dim', default: -1 },
  ]),
  simple('Unflatten', 'reshape', 'reshape', [{ name: 'dim' }, { name: 'unflattened_size' }]),
  simple('PixelShuffle', 'reshape', 'reshape', [{ name: 'upscale_factor' }]),
  simple('Upsample', 'pool', 'pool', [
    { name: 'size', default: null },
    { name: 'scale_factor', default: null },
    { name: 'mode', default: 'nearest' },
    { name: 'align_corners', default: null },
    { name: 'recompute_scale_factor', default: null },
  ]),
  simple('LSTM', 'recurrent', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('GRU', 'recurrent', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('RNN', 'recurrent', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('MultiheadAttention', 'attention', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('TransformerEncoderLayer', 'attention', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('TransformerDecoderLayer', 'attention', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('TransformerEncoder', 'attention', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('TransformerDecoder', 'attention', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  simple('Embedding', 'other', 'unknown', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
];

const functional: Record<string, OpKind> = {
  relu: 'activation',
  relu_: 'activation',
  relu6: 'activation',
  leaky_relu: 'activation',
  elu: 'activation',
  selu: 'activation',
  celu: 'activation',
  gelu: 'activation',
  silu: 'activation',
  mish: 'activation',
  sigmoid: 'activation',
  tanh: 'activation',
  hardswish: 'activation',
  hardsigmoid: 'activation',
  hardtanh: 'activation',
  softplus: 'activation',
  softmax: 'activation',
  log_softmax: 'activation',
  prelu: 'activation',
  glu: 'reshape',
  max_pool1d: 'pool',
  max_pool2d: 'pool',
  max_pool3d: 'pool',
  avg_pool1d: 'pool',
  avg_pool2d: 'pool',
  avg_pool3d: 'pool',
  adaptive_avg_pool1d: 'pool',
  adaptive_avg_pool2d: 'pool',
  adaptive_avg_pool3d: 'pool',
  adaptive_max_pool1d: 'pool',
  adaptive_max_pool2d: 'pool',
  adaptive_max_pool3d: 'pool',
  interpolate: 'pool',
  upsample: 'pool',
  dropout: 'dropout',
  dropout1d: 'dropout',
  dropout2d: 'dropout',
  dropout3d: 'dropout',
  alpha_dropout: 'dropout',
  pad: 'zero-pad',
  batch_norm: 'normalization',
  layer_norm: 'normalization',
  group_norm: 'normalization',
  instance_norm: 'normalization',
};

const torchFunctions: Record<string, OpKind> = {
  relu: 'activation',
  relu_: 'activation',
  sigmoid: 'activation',
  tanh: 'activation',
  flatten: 'flatten',
  reshape: 'reshape',
  cat: 'concat',
  concat: 'concat',
  stack: 'concat',
  add: 'add',
  max_pool2d: 'pool',
  avg_pool1d: 'pool',
  dropout: 'dropout',
  squeeze: 'reshape',
  unsqueeze: 'reshape',
  transpose: 'reshape',
  permute: 'reshape',
};

const tensorMethods: Record<string, OpKind> = {
  relu: 'activation',
  relu_: 'activation',
  sigmoid: 'activation',
  tanh: 'activation',
  clamp: 'activation',
  clamp_: 'activation',
  clamp_min: 'activation',
  view: 'reshape',
  reshape: 'reshape',
  flatten: 'flatten',
  permute: 'reshape',
  transpose: 'reshape',
  squeeze: 'reshape',
  unsqueeze: 'reshape',
  contiguous: 'identity',
  clone: 'identity',
  float: 'identity',
  half: 'identity',
  double: 'identity',
  to: 'identity',
  type: 'identity',
  add: 'add',
  add_: 'add',
};

const nnPrefixes = ['torch.nn', 'torch.nn.modules'];

export const pytorchTable: FrameworkTable = {
  framework: 'pytorch',
  layers: indexSpecs(nnPrefixes, specs),
  functions: new Map([...indexNames(['torch.nn.functional'], functional), ...indexNames(['torch'], torchFunctions)]),
  tensorMethods: new Map(Object.entries(tensorMethods)),
  sequentialContainers: new Set(['torch.nn.Sequential', 'torch.nn.modules.Sequential', 'torch.nn.modules.container.Sequential']),
  moduleBaseClasses: new Set(['torch.nn.Module', 'torch.nn.modules.Module', 'torch.nn.modules.module.Module']),
  forwardMethod: 'forward',
  containerAppends: ['append'],
  biasAttribute: 'bias',
  checkpointLoaders: new Set(['load_state_dict', 'load_state_dict_from_url', 'load_url', 'from_pretrained', 'torch.load', 'torch.hub.load']),
  pretrainedArguments: new Map([['pretrained', true]]),
  pythonImports: {
    roots: ['torch', 'torchvision'],
    layerModules: ['torch.nn'],
    nonLayerModules: ['torch.nn.functional', 'torch.nn.init', 'torch.nn.utils', 'torch.nn.parameter'],
  },
};

/** `torch.nn` and the names files bind it to (`from torch import nn`), for code a fix inserts. */
export const pytorchNn = { module: 'torch.nn', root: 'torch', aliases: ['nn', 'torch_nn'] } as const;

/** A name of PyTorch itself (`torch`, `torch.optim.SGD`), not of another library. */
export function isPytorchPath(path: string): boolean {
  return path === pytorchNn.root || path.startsWith(`${pytorchNn.root}.`);
}

/** `nn.ModuleList` by every qualified name: a list of sub-modules applied as the code decides. */
export const pytorchModuleLists: ReadonlySet<string> = new Set(['torch.nn.ModuleList', 'torch.nn.modules.container.ModuleList']);

/** Functions that reorder a tensor's axes (BN405: a sequence's (batch, time, features) turned channel-first). */
export const pytorchAxisReorders: ReadonlySet<string> = new Set(['torch.transpose', 'torch.permute']);

// ---------------------------------------------------------------- train/eval modes

/** Module methods that move or cast a module and return it (`model.cuda()`). */
const torchModuleMovesAndCasts = ['to', 'cuda', 'cpu', 'float', 'half', 'double', 'bfloat16', 'to_empty'];
/** Module methods that return the module itself, its mode unchanged. */
const torchModuleMethodsReturningSelf = [...torchModuleMovesAndCasts, 'type', 'requires_grad_', 'share_memory'];

/**
 * PyTorch's mode-switching methods, keyed by the mode each switches to: `m.train()` (eval with
 * `False`) and `m.eval()`. The keys are the analyzer's names for the two modes; the values are
 * the methods' names, which happen to be the same words.
 */
export const pytorchModeSwitchMethods = { train: 'train', eval: 'eval' } as const;

/** `model.module`: the model a `DataParallel`/DDP wrapper holds, the same model for mode purposes (`model.module.eval()`). */
export const PYTORCH_WRAPPED_MODULE_SUFFIX = /(\.module)+$/;

/** A dimension-specific layer named for another rank (`BatchNorm2d` → `BatchNorm1d`). */
export function pytorchLayerForRank(name: string, spatialRank: number): string {
  return name.replace(/\dd$/, `${spatialRank}d`);
}

/** `m.train(mode=False)`: the one parameter of `train`. */
export const pytorchTrainModeKeyword = 'mode';

/** The same switches as code spells them: `m.train(...)` and `m.eval()`, for tests of text before its tree. */
export const pytorchModeSwitchCalls = {
  train: `.${pytorchModeSwitchMethods.train}(`,
  eval: `.${pytorchModeSwitchMethods.eval}(`,
  trainWithoutArguments: `.${pytorchModeSwitchMethods.train}()`,
  evalWithoutArguments: `.${pytorchModeSwitchMethods.eval}()`,
} as const;

/** The method a module defines for its forward pass, which calling the module runs. */
export const pytorchForwardMethod = pytorchTable.forwardMethod;

/** `model.apply(fn)`: calls `fn` on every submodule (`model.apply(freeze_bn)`), not a forward pass. */
export const pytorchModuleApply = 'apply';

/** Module methods that list its parameters (`model.parameters()`), as optimizers and freezing loops read them. */
export const pytorchParameterMethods: ReadonlySet<string> = new Set(['parameters', 'named_parameters']);

/** `self.add_module(name, module)` and `seq.add_module(name, module)`: registers a named child. */
export const pytorchAddModule = 'add_module';

/** The normalization keyword that, when False, makes the layer normalize by batch statistics in both modes. */
export const pytorchTrackRunningStats = 'track_running_stats';

/** How PyTorch freezes parameters: the attribute (`p.requires_grad = False`) and the in-place method (`m.requires_grad_(False)`). */
export const pytorchFreeze = { attribute: 'requires_grad', method: 'requires_grad_' } as const;
/** The same, as code spells freezing (`p.requires_grad = False`, `m.requires_grad_(False)`). */
const pytorchFreezeSpellings = [`${pytorchFreeze.method}(False)`, `.${pytorchFreeze.attribute} = False`];

/** Tensor factories that make dummy inputs (`torch.zeros(1, 3, 224, 224)`); each also has a `_like` form. */
export const pytorchTensorFactories: readonly string[] = ['randn', 'rand', 'zeros', 'ones', 'empty'];

/**
 * A model input of one sample, as PyTorch code writes it: `x.unsqueeze(0)`, or a factory with a
 * leading 1 (`torch.randn(1, 3, 224, 224)`). BN201 reads such a call as a single-sample inference.
 */
export const pytorchOneSampleInputs = {
  batchDimensionMethod: 'unsqueeze',
  factories: new Set(pytorchTensorFactories) as ReadonlySet<string>,
} as const;

/** `F.dropout(x, p=0.5)`: the functional dropout's rate, by keyword or as the second positional argument. */
export const pytorchFunctionalDropoutRate = { keyword: 'p', position: 1 } as const;

/** The training-mode flag every module carries (`model.training`), read to save and restore a mode. */
export const pytorchTrainingAttribute = 'training';

/** `nn.SyncBatchNorm.convert_sync_batchnorm(model)`, after the name `torch.nn` is bound to. */
export const pytorchSyncBatchNormConversion = 'SyncBatchNorm.convert_sync_batchnorm';

/** The name of PyTorch's no-grad context (`with torch.no_grad():`), for a test of a method's text before its tree. */
export const pytorchNoGradName = 'no_grad';

export const pytorchModes: ModeConventions = {
  framework: 'pytorch',
  importRoots: [
    'torch',
    'torchvision',
    'timm',
    'pytorch_lightning',
    'lightning',
    'torchaudio',
    'torchtext',
    'segmentation_models_pytorch',
    'detectron2',
    'mmcv',
    'mmdet',
  ],
  markers: [
    pytorchModeSwitchCalls.eval,
    pytorchModeSwitchCalls.train,
    pytorchNoGradName,
    'inference_mode',
    'set_grad_enabled',
    'backward(',
    '.step(',
    'jit.',
    ...pytorchFreezeSpellings,
  ],
  modelBaseClasses: new Set([
    'torch.nn.Module',
    'torch.nn.modules.Module',
    'torch.nn.modules.module.Module',
    'pytorch_lightning.LightningModule',
    'lightning.LightningModule',
    'lightning.pytorch.LightningModule',
  ]),
  modelConstructors: [
    { name: 'torchvision.models.', mode: 'train', except: ['weights', 'Weights', '.get_', '.list_', '_utils'] },
    { name: 'timm.create_model', mode: 'train' },
    { name: 'torch.hub.load', mode: 'unknown' },
    { name: 'torch.load', mode: 'unknown' },
    { name: 'torch.jit.load', mode: 'unknown' },
    // Hugging Face's from_pretrained calls model.eval() before returning.
    { name: 'transformers.', suffix: '.from_pretrained', mode: 'eval', except: ['Tokenizer', 'Processor', 'FeatureExtractor', 'Config'] },
    { name: 'diffusers.', suffix: '.from_pretrained', mode: 'eval', except: ['Scheduler', 'Pipeline'] },
  ],
  containers: new Set(['torch.nn.Sequential', 'torch.nn.modules.Sequential', 'torch.nn.modules.container.Sequential']),
  modeSharingWrappers: new Set([
    'torch.nn.DataParallel',
    'torch.nn.parallel.DataParallel',
    'torch.nn.parallel.DistributedDataParallel',
    'torch.nn.parallel.distributed.DistributedDataParallel',
    'torch.nn.DistributedDataParallel',
    'torch.nn.SyncBatchNorm.convert_sync_batchnorm',
    'torch.compile',
  ]),
  modeSharingMethods: new Set(torchModuleMethodsReturningSelf),
  weightLoaders: new Set(['load_state_dict', 'load_checkpoint', 'load_pretrained', 'init_weights_from', 'from_pretrained']),
  modelMethods: new Set([
    pytorchModeSwitchMethods.eval,
    pytorchModeSwitchMethods.train,
    ...pytorchParameterMethods,
    'state_dict',
    'load_state_dict',
    'to',
    'cuda',
    'modules',
    'named_modules',
  ]),
  nonForwardMethods: new Set([
    ...torchModuleMethodsReturningSelf,
    'register_buffer',
    'register_parameter',
    'register_module',
    'add_module',
    'apply',
    'eval',
    'train',
    'parameters',
    'named_parameters',
    'buffers',
    'named_buffers',
    'children',
    'named_children',
    'modules',
    'named_modules',
    'state_dict',
    'load_state_dict',
    'zero_grad',
    'register_forward_hook',
    'register_forward_pre_hook',
    'register_full_backward_hook',
    'register_backward_hook',
    'get_submodule',
    'get_parameter',
    'get_buffer',
    'extra_repr',
    'reset_parameters',
    'init_weights',
    '_init_weights',
    'initialize',
  ]),
  noGradContexts: new Set([
    'torch.no_grad',
    'torch.inference_mode',
    'torch.autograd.no_grad',
    'torch.autograd.grad_mode.no_grad',
    'torch.autograd.inference_mode',
  ]),
  gradToggleContexts: new Set(['torch.set_grad_enabled', 'torch.autograd.set_grad_enabled']),
  gradientTapes: new Set(),
  // Tracing records the ops of the current mode (BatchNorm's batch statistics in train mode);
  // `torch.jit.script` compiles `self.training` as an attribute, so a scripted model still switches.
  modeBakingExports: new Set(['torch.jit.trace', 'torch.jit.trace_module']),
  probeTensors: new Set([
    'torch.zeros',
    'torch.randn',
    'torch.ones',
    'torch.rand',
    'torch.empty',
    'torch.zeros_like',
    'torch.randn_like',
    'torch.ones_like',
    'torch.rand_like',
  ]),
  evalContexts: new Set(),
  selfManagedHooks: new Set(['validation_step', 'test_step', 'predict_step', 'validation_epoch_end', 'test_epoch_end', 'on_validation_epoch_end']),
  trainingStepMethods: new Set(['training_step']),
  inferenceStepMethods: new Set(['validation_step', 'test_step', 'predict_step']),
  statisticsRecalibrations: new Set(['torch.optim.swa_utils.update_bn']),
  perCallModeKeywords: new Set(),
  trainingStepCalls: new Set(['backward']),
  optimizerSteps: new Set(['step']),
  evalSwitches: [pytorchModeSwitchCalls.evalWithoutArguments, `${pytorchModeSwitchCalls.train}False)`, `${pytorchModeSwitchCalls.train}mode=False)`],
  freezeSpellings: pytorchFreezeSpellings,
  trainedWeights: [],
  tapeUpdates: [],
};

/**
 * torchvision model builders whose networks hold trainable BatchNorm layers (the detection models,
 * built on FrozenBatchNorm2d, are left out), keyed by every module path that reaches them.
 */
const torchvisionBatchNormModels: Record<string, readonly string[]> = {
  resnet: [
    'resnet18',
    'resnet34',
    'resnet50',
    'resnet101',
    'resnet152',
    'resnext50_32x4d',
    'resnext101_32x8d',
    'resnext101_64x4d',
    'wide_resnet50_2',
    'wide_resnet101_2',
  ],
  densenet: ['densenet121', 'densenet161', 'densenet169', 'densenet201'],
  mobilenetv2: ['mobilenet_v2'],
  mobilenetv3: ['mobilenet_v3_large', 'mobilenet_v3_small'],
  efficientnet: [
    'efficientnet_b0',
    'efficientnet_b1',
    'efficientnet_b2',
    'efficientnet_b3',
    'efficientnet_b4',
    'efficientnet_b5',
    'efficientnet_b6',
    'efficientnet_b7',
    'efficientnet_v2_s',
    'efficientnet_v2_m',
    'efficientnet_v2_l',
  ],
  regnet: [
    'x_400mf',
    'x_800mf',
    'x_1_6gf',
    'x_3_2gf',
    'x_8gf',
    'x_16gf',
    'x_32gf',
    'y_400mf',
    'y_800mf',
    'y_1_6gf',
    'y_3_2gf',
    'y_8gf',
    'y_16gf',
    'y_32gf',
    'y_128gf',
  ].map((n) => `regnet_${n}`),
  inception: ['inception_v3'],
  googlenet: ['googlenet'],
  vgg: ['vgg11_bn', 'vgg13_bn', 'vgg16_bn', 'vgg19_bn'],
  shufflenetv2: ['shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0'],
  mnasnet: ['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3'],
};

export const pytorchModelsWithBatchNorm: ReadonlySet<string> = new Set(
  Object.entries(torchvisionBatchNormModels).flatMap(([family, names]) =>
    names.flatMap((n) => [`torchvision.models.${n}`, `torchvision.models.${family}.${n}`]),
  ),
);

/** `torch.nn.parallel.DistributedDataParallel` and the paths that reach it. */
export const pytorchDistributedWrappers: ReadonlySet<string> = new Set([
  'torch.nn.parallel.DistributedDataParallel',
  'torch.nn.parallel.distributed.DistributedDataParallel',
]);

/**
 * Methods that return the module they are called on, moved, cast or put in train mode: after
 * `model = model.cuda()` the name holds the same model (the training-setup analysis follows them).
 */
export const pytorchSameModuleMethods: ReadonlySet<string> = new Set([...torchModuleMovesAndCasts, pytorchModeSwitchMethods.train]);

/** Words (lower case) of names and strings that show a file handles synchronized BatchNorm itself: flags, converters, configs. */
export const pytorchSyncBatchNormWords: readonly string[] = ['syncbatchnorm', 'sync_bn', 'syncbn', 'convert_sync', 'sync_batchnorm'];

/** Data loaders whose `batch_size` (default 1) sets the batch a training loop sees. */
export const pytorchDataLoaders: ReadonlySet<string> = new Set(['torch.utils.data.DataLoader', 'torch.utils.data.dataloader.DataLoader']);

/**
 * A data loader's arguments: its batch size (`batch_size=`, or the second positional argument,
 * index 1), and the samplers (`sampler=`, one per process under DDP; `batch_sampler=`, which sets
 * the batches itself).
 */
export const pytorchDataLoaderArguments = { batchSize: 'batch_size', batchSizePosition: 1, sampler: 'sampler', batchSampler: 'batch_sampler' } as const;

/**
 * What turns one sample into a batch of one: `torch.unsqueeze(x, 0)` and the tensor method
 * `x.unsqueeze(0)` (dimension as the second/first argument or `dim=`), and indexing with `None`
 * (`x[None]`, `x[None, ...]`, `x[np.newaxis]`).
 */
export const pytorchAddBatchDimension = {
  functions: new Set(['torch.unsqueeze']) as ReadonlySet<string>,
  methods: new Set(['unsqueeze', 'unsqueeze_']) as ReadonlySet<string>,
  dimensionKeyword: 'dim',
  /** Paths that mean "new axis" inside a subscript, besides the literal `None`. */
  newAxis: new Set(['numpy.newaxis', 'torch.newaxis']) as ReadonlySet<string>,
} as const;
