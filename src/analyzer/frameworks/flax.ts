/** Flax linen: `flax.linen` module fields (dataclass order) and defaults. Momentum uses the Keras convention. */
import { indexNames, indexSpecs, type FrameworkTable, type LayerSpec, type OpKind, type ParamSpec } from './types';

/** Every linen module is a dataclass that also takes these. */
const dataclassKeywords = ['parent', 'name'];

function module(name: string, role: LayerSpec['role'], params: ParamSpec[], extra: Partial<LayerSpec> = {}): LayerSpec {
  return { framework: 'flax', name, displayName: `nn.${name}`, role, params, extraKeywords: dataclassKeywords, ...extra };
}

const precision: ParamSpec[] = [{ name: 'dtype', default: null }, { name: 'param_dtype', default: 'float32' }, { name: 'precision', default: null }];

const specs: LayerSpec[] = [
  module(
    'Conv',
    'conv',
    [
      { name: 'features' }, { name: 'kernel_size' }, { name: 'strides', default: 1 }, { name: 'padding', default: 'SAME' },
      { name: 'input_dilation', default: 1 }, { name: 'kernel_dilation', default: 1 }, { name: 'feature_group_count', default: 1 },
      { name: 'use_bias', default: true }, { name: 'mask', default: null }, ...precision, { name: 'kernel_init' }, { name: 'bias_init' },
      { name: 'conv_general_dilated', default: null }, { name: 'conv_general_dilated_cls', default: null },
    ],
    { biasParam: 'use_bias', outFeaturesParam: 'features' },
  ),
  module(
    'ConvTranspose',
    'conv',
    [
      { name: 'features' }, { name: 'kernel_size' }, { name: 'strides', default: null }, { name: 'padding', default: 'SAME' },
      { name: 'kernel_dilation', default: null }, { name: 'use_bias', default: true }, { name: 'mask', default: null }, ...precision,
      { name: 'kernel_init' }, { name: 'bias_init' }, { name: 'transpose_kernel', default: false },
    ],
    { biasParam: 'use_bias', outFeaturesParam: 'features' },
  ),
  module(
    'Dense',
    'linear',
    [{ name: 'features' }, { name: 'use_bias', default: true }, ...precision, { name: 'kernel_init' }, { name: 'bias_init' }, { name: 'dot_general', default: null }, { name: 'dot_general_cls', default: null }],
    { biasParam: 'use_bias', outFeaturesParam: 'features' },
  ),
  module(
    'BatchNorm',
    'batchnorm',
    [
      { name: 'use_running_average', default: null }, { name: 'axis', default: -1 }, { name: 'momentum', default: 0.99 },
      { name: 'epsilon', default: 1e-5 }, { name: 'dtype', default: null }, { name: 'param_dtype', default: 'float32' },
      { name: 'use_bias', default: true }, { name: 'use_scale', default: true }, { name: 'bias_init' }, { name: 'scale_init' },
      { name: 'axis_name', default: null }, { name: 'axis_index_groups', default: null }, { name: 'use_fast_variance', default: true },
      { name: 'force_float32_reductions', default: true },
    ],
    { momentum: { param: 'momentum', convention: 'keras' }, epsParam: 'epsilon' },
  ),
  module('LayerNorm', 'normalization', [{ name: 'epsilon', default: 1e-6 }], { acceptsAnyKeyword: true, opKind: 'normalization', epsParam: 'epsilon' }),
  module('GroupNorm', 'normalization', [{ name: 'num_groups', default: 32 }], { acceptsAnyKeyword: true, opKind: 'normalization' }),
  module('RMSNorm', 'normalization', [{ name: 'epsilon', default: 1e-6 }], { acceptsAnyKeyword: true, opKind: 'normalization' }),
  module('MultiHeadDotProductAttention', 'attention', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module('MultiHeadAttention', 'attention', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module('SelfAttention', 'attention', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module('RNN', 'recurrent', [], { acceptsAnyKeyword: true, sequenceOutput: {} }),
  module('Dropout', 'dropout', [{ name: 'rate' }, { name: 'broadcast_dims', default: [] }, { name: 'deterministic', default: null }, { name: 'rng_collection', default: 'dropout' }], { opKind: 'dropout' }),
];

const functions: Record<string, OpKind> = {
  relu: 'activation', relu6: 'activation', gelu: 'activation', silu: 'activation', swish: 'activation', elu: 'activation',
  sigmoid: 'activation', tanh: 'activation', softmax: 'activation', leaky_relu: 'activation', log_softmax: 'activation',
  max_pool: 'pool', avg_pool: 'pool', pool: 'pool',
};

export const flaxTable: FrameworkTable = {
  framework: 'flax',
  layers: indexSpecs(['flax.linen'], specs),
  functions: new Map([...indexNames(['flax.linen', 'jax.nn'], functions), ...indexNames(['jax.numpy'], { reshape: 'reshape' as OpKind, concatenate: 'concat' as OpKind })]),
  tensorMethods: new Map(Object.entries({ reshape: 'reshape' as OpKind, transpose: 'reshape' as OpKind, astype: 'identity' as OpKind })),
  sequentialContainers: new Set(['flax.linen.Sequential']),
  moduleBaseClasses: new Set(['flax.linen.Module']),
};
