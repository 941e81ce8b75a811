/**
 * The shape of a framework table: everything the analyzer knows about a framework's layers lives in
 * one table per framework (pytorch.ts, keras.ts, flax.ts, tfjs.ts), never inside rules.
 */

export const FRAMEWORKS = ['pytorch', 'keras', 'flax', 'tfjs'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** A compile-time constant as the analyzer evaluates it; `null` is Python's None / JS null. */
export type ConstValue = number | string | boolean | null | readonly ConstValue[];

/** What a layer does to the tensor flowing through it, as far as the rules care. */
export const LAYER_ROLES = [
  'conv',
  'linear',
  'batchnorm',
  'normalization',
  'activation',
  'pool',
  'identity',
  'dropout',
  'flatten',
  'reshape',
  'padding',
  'add',
  'concat',
  'recurrent',
  'attention',
  'other',
] as const;
export type LayerRole = (typeof LAYER_ROLES)[number];

/**
 * What a tensor operation between two layers does. `preserving` ops keep a per-channel constant
 * per-channel constant (so a bias stays redundant) and keep the channel count.
 */
export const OP_KINDS = [
  'identity',
  'pool',
  'add',
  'scale',
  'activation',
  'dropout',
  'zero-pad',
  'pad',
  'flatten',
  'reshape',
  'concat',
  'normalization',
  'unknown',
] as const;
export type OpKind = (typeof OP_KINDS)[number];

export interface ParamSpec {
  readonly name: string;
  readonly default?: ConstValue;
  /** Python keyword-only (after `*`) or a config-object key in TF.js. */
  readonly keywordOnly?: boolean;
}

export type MomentumConvention = 'pytorch' | 'keras';

/** Which framework versions a complete keyword list reflects, and where it was read. */
export interface SignatureSource {
  readonly versions: string;
  readonly source: string;
}

export interface LayerSpec {
  readonly framework: Framework;
  /** How users write it, for messages: `nn.BatchNorm2d`, `layers.BatchNormalization`. */
  readonly displayName: string;
  /** The class or function name without its module. */
  readonly name: string;
  readonly role: LayerRole;
  /** Parameters in positional order (TF.js: config keys). */
  readonly params: readonly ParamSpec[];
  /** Keywords accepted besides `params` (Keras' base-layer `name`, `dtype`, ...). */
  readonly extraKeywords?: readonly string[];
  /** Keywords that are accepted but meaningless to check (anything goes through **kwargs). */
  readonly acceptsAnyKeyword?: boolean;
  /**
   * Set only when `params` + `extraKeywords` list every keyword the constructor accepts in every
   * version the table covers (their union): BN303 checks keywords of these layers only.
   */
  readonly keywordsComplete?: SignatureSource;
  /** Spatial dimensions of the data a conv produces or a BatchNorm expects (0 for Linear / BatchNorm1d on N×C). */
  readonly spatialRank?: number;
  /** BatchNorm1d accepts (N, C) and (N, C, L): the ranks it accepts beyond `spatialRank`. */
  readonly acceptsSpatialRanks?: readonly number[];
  readonly biasParam?: string;
  /** The parameter giving the number of channels or features the layer outputs. */
  readonly outFeaturesParam?: string;
  /** The parameter giving the number of channels or features the layer takes in. */
  readonly inFeaturesParam?: string;
  /** The parameter giving the number of features a normalization layer expects. */
  readonly featuresParam?: string;
  readonly momentum?: { readonly param: string; readonly convention: MomentumConvention };
  /**
   * A keyword value that makes a BatchNorm always normalize by its moving statistics, never the
   * batch's (TF2 Keras `trainable=False`, Flax `use_running_average=True`): the bias of a layer
   * before it is then not cancelled (BN101).
   */
  readonly frozenStatisticsWhen?: { readonly param: string; readonly value: boolean };
  readonly epsParam?: string;
  /** Keras/TF.js `activation=`: a fused nonlinearity applied after the layer. */
  readonly fusedActivationParam?: string;
  /** Kind of op this layer is when it sits between two layers of interest. */
  readonly opKind?: OpKind;
  /**
   * The layer outputs one vector per timestep (recurrent, attention, embedding layers), for BN405;
   * with `whenParam`, only when that parameter is true (Keras `return_sequences`); with
   * `lengthParam`, only when that parameter gives a length above 1 (an embedding can also embed
   * one id per sample).
   */
  readonly sequenceOutput?: { readonly whenParam?: string; readonly lengthParam?: string };
}

export interface FrameworkTable {
  readonly framework: Framework;
  /** Layer classes and functions, keyed by every qualified name that reaches them. */
  readonly layers: ReadonlyMap<string, LayerSpec>;
  /** Free functions on tensors (`torch.nn.functional.relu`) and what they do. */
  readonly functions: ReadonlyMap<string, OpKind>;
  /** Methods called on a tensor (`x.view(...)`, `x.relu()`). */
  readonly tensorMethods: ReadonlyMap<string, OpKind>;
  /** Qualified names of container constructors that apply their children in order. */
  readonly sequentialContainers: ReadonlySet<string>;
  /** Qualified names of model base classes (`torch.nn.Module`). */
  readonly moduleBaseClasses: ReadonlySet<string>;
  /** The method a model class defines to run its forward pass, which calling the model runs (`forward`, Keras' `call`). */
  readonly forwardMethod: string;
  /**
   * Where channels sit, for frameworks whose normalization layers take a channel axis: the
   * BatchNorm's axis parameter and, when the layers let code choose, the parameter and values
   * that put channels first or last (Keras' `data_format='channels_first'`). Absent: channels are
   * where the framework's layers always put them (PyTorch's dimension 1).
   */
  readonly channelLayout?: ChannelLayout;
  /** Methods besides `__init__` in which a model class builds its sub-layers (Keras' `build`, Flax's `setup`). */
  readonly layerBuildMethods?: readonly string[];
  /** Methods that append one layer to a sequential container in place (`seq.append(m)`, Keras' `model.add(layer)`). */
  readonly containerAppends?: readonly string[];
  /**
   * Calls whose result under the framework's default configuration is a constant that both the
   * layers and the code read alike (`keras.backend.image_data_format()` → 'channels_last': a
   * BatchNorm axis derived from it matches the layers' own default data format either way).
   */
  readonly defaultCallResults?: ReadonlyMap<string, ConstValue>;
  /**
   * Functions (by name, wherever they are imported from) that return the framework's modules as a
   * tuple: keras-applications' `backend, layers, models, utils = get_submodules_from_kwargs(kwargs)`.
   */
  readonly moduleInjectors?: ReadonlyMap<string, readonly string[]>;
  /**
   * What loads saved weights into a model: functions and methods by name (`load_state_dict`), or
   * by qualified name when the short name is common (`torch.load`). A fix that adds or removes a
   * parameter breaks loading such a checkpoint.
   */
  readonly checkpointLoaders?: ReadonlySet<string>;
  /** Keyword arguments that ask for pretrained weights (`pretrained=True`, `weights='imagenet'`). */
  readonly pretrainedArguments?: ReadonlyMap<string, ConstValue>;
  /**
   * The attribute a built layer keeps its bias in (`conv.bias`): `None`/absent once the bias is
   * turned off, so code that reads it unguarded (`nn.init.zeros_(m.bias)`) fails after BN101's fix.
   */
  readonly biasAttribute?: string;
  /** How the framework's Python packages lead to layers; absent for TF.js (see `PythonImports`). */
  readonly pythonImports?: PythonImports;
}

export interface ChannelLayout {
  readonly axisParam: string;
  readonly dataFormat?: { readonly param: string; readonly channelsFirst: string; readonly channelsLast: string };
}

/**
 * How a Python framework is imported. The front end reads code only when it names a module that
 * leads to layers, and the project index never takes a framework's own package for a project file.
 */
export interface PythonImports {
  /** Top-level packages that always mean the framework, even inside a checkout of it (`torch`). */
  readonly roots: readonly string[];
  /** Modules whose names lead to layers or containers (`torch.nn`, `flax.linen`), submodules included. */
  readonly layerModules: readonly string[];
  /** Submodules of those that build no layer (`torch.nn.functional`). */
  readonly nonLayerModules?: readonly string[];
}

/** Builds the qualified-name map of a table from module prefixes and specs. */
export function indexSpecs(prefixes: readonly string[], specs: readonly LayerSpec[]): Map<string, LayerSpec> {
  const map = new Map<string, LayerSpec>();
  for (const spec of specs) for (const prefix of prefixes) map.set(`${prefix}.${spec.name}`, spec);
  return map;
}

export function indexNames<T>(prefixes: readonly string[], entries: Readonly<Record<string, T>>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [name, value] of Object.entries(entries)) for (const prefix of prefixes) map.set(`${prefix}.${name}`, value);
  return map;
}
