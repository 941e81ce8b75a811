/**
 * The naming conventions the train/eval mode analysis (python/modes.ts) reads code by: what a
 * model, an evaluation function, a BatchNorm freezer, held-out data and a statistics pass are
 * called. Framework-neutral words of training code, kept in one table instead of in the analysis.
 */
import { pytorchNn, pytorchTrackRunningStats } from './pytorch';
import type { LayerSpec } from './types';

/** Parameter names that say "this is a model" even before it is used like one. */
export const MODEL_PARAMETER_NAME: RegExp =
  /^(model|net|network|classifier|encoder|decoder|backbone|generator|discriminator|student|teacher|critic|actor)$|_(model|net)$|^(model|net)_([a-z]{1,3}|\d+|ema|without_ddp|student|teacher)$/;
/** Name endings that make a model-like parameter name something else (`model_fn`, `model_path`, `net_config`). */
export const NOT_A_MODEL_SUFFIX: RegExp =
  /_(fn|func|function|factory|builder|cls|class|type|name|names|path|dir|file|url|cfg|config|conf|kwargs|args|params|id|str|dict|list|output|outputs|out|state|ckpt|checkpoint|weights|processor|tokenizer)$/;

/** A framework loop's training method (`trainer.fit(model)` in Lightning, `model.fit(x, y)` in Keras), and its call as text. */
export const FRAMEWORK_LOOP_METHOD = 'fit';
export const FRAMEWORK_LOOP_CALL = `.${FRAMEWORK_LOOP_METHOD}(`;

/** Words in a function name that make it inference code. */
export const INFERENCE_WORDS: ReadonlySet<string> = new Set([
  'evaluate',
  'evaluation',
  'eval',
  'validate',
  'validation',
  'val',
  'valid',
  'test',
  'predict',
  'prediction',
  'infer',
  'inference',
]);

/** Text that marks code resetting or recomputing BatchNorm statistics on purpose. */
export const STATISTICS_MARKERS: readonly string[] = ['reset_running_stats', '.momentum =', 'running_mean'];
/** Names of methods that put BatchNorm layers back in eval (deliberate BN freezing). */
export const BN_FREEZE_NAME: RegExp = /(^|_)(freeze|fix|set|keep)_?(bn|batch_?norms?|norms?)(_eval)?($|_)|^(bn|norm)_eval$|eval_bn/i;

/** Data split words of held-out loaders (`val_loader`, `X_test`, `testdataloader`). */
export const HELD_OUT_WORDS: ReadonlySet<string> = new Set(['val', 'valid', 'validation', 'test', 'testing', 'holdout', 'eval']);
/** A split word glued to a data word (`testdataloader`, `valset`). */
export const GLUED_HELD_OUT: RegExp =
  /^(val|valid|validation|test|testing|eval)(data|dataloader|loader|loaders|set|dataset|iter|iterator|batch|batches|ds|dl|images|imgs|inputs)$/;

/** Qualified names of callables that build no network layers (data augmentation pipelines). */
export const NOT_A_LAYER_PATH: RegExp = /^torchvision\.transforms\./;

/** Qualified names of model zoos whose models may hold BatchNorm or Dropout. */
export const MODEL_ZOO_PATH: RegExp = /^(torchvision\.models|timm|transformers|keras\.applications|tensorflow\.keras\.applications)\./;
/** Text of a function that can build or load a model (a cheap test before walking it). */
export const MODEL_BUILDING_TEXT: RegExp =
  /torchvision|timm|hub\.load|torch\.load|jit\.load|from_pretrained|applications|Sequential|Model\(|load_model|DataParallel/;
/** Constructor keywords that load trained weights (`pretrained=True`, `weights=...`, `checkpoint=...`). */
export const PRETRAINED_KEYWORD: RegExp = /pretrain|weights|checkpoint|ckpt/i;
/** Receivers of `.step()` that are optimizers or gradient scalers (`optimizer.step()`, `scaler.step(opt)`). */
export const OPTIMIZER_NAME: RegExp = /optim|opt\b|opt_|_opt|scaler/i;
/** A first argument of `.step(...)` naming an optimizer (`scaler.step(optimizer)`). */
export const OPTIMIZER_ARGUMENT: RegExp = /optim/i;

/**
 * Keyword names of a model's own training flag (`call(self, x, is_training=False)` forwarding it to
 * its layers' `training=`): a Keras call passing one has decided its mode.
 */
export const CUSTOM_TRAINING_FLAG: RegExp = /^(is_?)?train(ing)?(_?mode|_?phase)?$|^phase_?train$/i;

/**
 * PyTorch names whose modules compute the same in train and eval mode (no BatchNorm, no dropout
 * inside), and tensor functions outside `torch.nn`: building one adds nothing a mode switch changes.
 * Anything else under `torch.nn` (a Transformer layer, an RNN with `dropout=`) may.
 */
export const MODE_FREE_TORCH_PATH: RegExp = new RegExp(
  [
    String.raw`^torch\.nn\.(init|utils|parameter)\.`,
    String.raw`^torch\.nn\.functional\.(?!(dropout\w*|alpha_dropout|feature_alpha_dropout|batch_norm)$)\w+$`,
    String.raw`^torch\.nn\.(ReLU6?|LeakyReLU|PReLU|RReLU|ELU|SELU|CELU|GELU|SiLU|Mish|Sigmoid|Tanh|Hardtanh|Hardswish|Hardsigmoid|Softplus|Softmax2?d?|LogSoftmax|Softsign|Tanhshrink|Threshold|GLU|Identity|Flatten|Unflatten|PixelShuffle|PixelUnshuffle|Upsample|UpsamplingNearest2d|UpsamplingBilinear2d|(Adaptive)?(Max|Avg)Pool[123]d|LPPool[12]d|MaxUnpool[123]d|(Zero|Constant|Reflection|Replication|Circular)Pad[123]d|Linear|Bilinear|LazyLinear|(Lazy)?Conv(Transpose)?[123]d|Embedding|EmbeddingBag|LayerNorm|GroupNorm|LocalResponseNorm|CosineSimilarity|PairwiseDistance|Fold|Unfold|ChannelShuffle|Sequential|ModuleList|ModuleDict|Parameter|ParameterList|ParameterDict|Module|\w+Loss)$`,
    String.raw`^torch\.(?!nn\.|hub\.|load$|jit\.load$|package\.|fx\.)\w+(\.\w+)*$`,
  ].join('|'),
);

/** Names of sequential containers, in every framework (`nn.Sequential`, `keras.Sequential`). */
export const SEQUENTIAL_CONTAINER_NAME = /Sequential$/;
/** Names of containers of modules: sequential ones and PyTorch's `ModuleList`/`ModuleDict`. */
export const MODULE_CONTAINER_NAME = /(Sequential|ModuleList|ModuleDict)$/;
/** A context manager named for evaluation (`eval_mode(model)`, `evaluating(net)`). */
export const EVAL_CONTEXT_NAME = /eval/i;
/** A string naming a normalization class (`'BatchNorm' in classname`), in a condition on a module's type. */
export const NORMALIZATION_CLASS_WORD = /Norm/;

/** Whether a `torch.nn` layer, by its class name (`ReLU`, `Conv2d`), computes the same in both modes. */
export function isModeFreeTorchLayer(name: string): boolean {
  return MODE_FREE_TORCH_PATH.test(`${pytorchNn.module}.${name}`);
}

/** Model-zoo builders whose networks hold BatchNorm layers (torchvision's ResNet family, DenseNet, MobileNet, EfficientNet, Inception, RegNet, ShuffleNet, MNASNet, VGG *_bn). */
export const BATCHNORM_ZOO_PATH: RegExp =
  /^torchvision\.models\.(resnet\d+|resnext\w+|wide_resnet\w+|densenet\d+|mobilenet_v[23]\w*|efficientnet_\w+|inception_v3|googlenet|regnet_\w+|shufflenet_\w+|mnasnet\w+|vgg\d+_bn)$/;

/**
 * Network names that model-zoo builders taking a name (`timm.create_model('resnet50')`,
 * `torch.hub.load(repo, 'resnet18')`, `EfficientNet.from_pretrained('efficientnet-b0')`, a
 * project's `get_convnet('resnet32')`) give to families built with BatchNorm layers.
 */
export const BATCHNORM_NETWORK_NAME: RegExp =
  /^(?:[\w-]+[/.:])?(?:resnet|resnext|wide_resnet|seresnet|se_resnet|densenet|efficientnet|mobilenet|inception|regnet|mnasnet|shufflenet|vgg\d+_bn|darknet|cspdarknet|hrnet|xception|dla\d|dpn\d|ghostnet|mixnet|res2net|resnest)[\w.-]*$/i;

/** How a project file that builds BatchNorm spells it: a BatchNorm layer or a zoo family that has them. */
export const BATCHNORM_SPELLING: RegExp =
  /BatchNorm|batch_norm|\b(?:resnet|resnext|wide_resnet|densenet|efficientnet|mobilenet|inception|regnet|mnasnet|shufflenet|vgg\d+_bn|darknet|hrnet|xception)/i;

/** Model-zoo builders whose networks hold no BatchNorm layer (torchvision's ViT, Swin, ConvNeXt: LayerNorm; AlexNet, plain VGG, SqueezeNet; Hugging Face transformers, and its `AutoModel*`, which load transformers nearly always). */
export const NO_BATCHNORM_ZOO_PATH: RegExp =
  /^torchvision\.models\.(vit_\w+|swin_\w+|convnext_\w+|alexnet|vgg\d+|squeezenet\w+)$|^transformers\.\w*(Bert|GPT|Roberta|T5|Bart|XLNet|XLM|Electra|Albert|Llama|Mistral|OPT|Bloom|Falcon|Whisper|Wav2Vec2|ViT|DeiT|Swin|Beit|CLIP)\w*(\.from_pretrained)?$|^transformers\.AutoModel\w*\.from_pretrained$/;

/**
 * torchvision detection models whose BatchNorm is all frozen when built with trained weights
 * (`weights=`, `weights_backbone=`, `pretrained=True`): the backbone then takes FrozenBatchNorm2d
 * and the heads have neither BatchNorm nor Dropout, so train mode changes no statistics (code runs
 * them in train mode on purpose, for their validation losses). The v2 variants and SSDlite keep
 * BatchNorm in their heads or backbones and are not here.
 */
export const FROZEN_BATCHNORM_WHEN_TRAINED_PATH: RegExp =
  /^torchvision\.models\.detection\.(\w+\.)?(fasterrcnn_resnet50_fpn|fasterrcnn_mobilenet_v3_large_fpn|fasterrcnn_mobilenet_v3_large_320_fpn|maskrcnn_resnet50_fpn|keypointrcnn_resnet50_fpn|retinanet_resnet50_fpn|fcos_resnet50_fpn)$/;

/** Words that make a held-out name a number about the split, not its data (`valid_size`, `val_loss`, `val_idx`). */
export const HELD_OUT_QUANTITY_WORDS: ReadonlySet<string> = new Set([
  'size',
  'sizes',
  'ratio',
  'frac',
  'fraction',
  'split',
  'pct',
  'percent',
  'portion',
  'num',
  'count',
  'len',
  'length',
  'steps',
  'freq',
  'frequency',
  'every',
  'interval',
  'loss',
  'losses',
  'acc',
  'accuracy',
  'score',
  'metric',
  'metrics',
  'min',
  'max',
  'best',
  'idx',
  'index',
]);

/**
 * Whether a PyTorch recurrent or attention layer applies dropout (which only training mode does):
 * built with a `dropout` that is not 0, or a Transformer layer left at its default of 0.1. An
 * `nn.GRU` without `dropout=` computes the same in both modes. `dropout`: the value as written
 * (`undefined` when not given, `'unknown'` when it cannot be read); `opaque`: `**kwargs` may set it.
 */
export function sequenceLayerDropsOut(name: string, dropout: number | 'unknown' | undefined, opaque: boolean): boolean {
  if (dropout !== undefined) return dropout !== 0;
  return opaque || name.startsWith('Transformer');
}

/**
 * Whether a normalization layer that keeps running statistics only when asked (PyTorch's
 * `nn.InstanceNorm2d(track_running_stats=True)`) depends on the mode: by the value as written
 * (`undefined` when not given, `'unknown'` when it cannot be read), else by the table's default.
 * `opaque`: `**kwargs` may set it. A layer without such a parameter is taken to depend on it.
 */
export function normalizationTracksStatistics(spec: LayerSpec, track: boolean | 'unknown' | undefined, opaque: boolean): boolean {
  const param = spec.params.find((p) => p.name === pytorchTrackRunningStats);
  if (!param) return true;
  if (track !== undefined) return track !== false;
  return opaque || param.default !== false;
}

/** The same, read from a layer's bound arguments (the last binding wins, as a call's keyword over a partial's). */
export function boundNormalizationTracksStatistics(
  spec: LayerSpec,
  args: readonly { readonly param?: string; readonly value?: unknown }[],
  opaque: boolean,
): boolean {
  const track = [...args].reverse().find((a) => a.param === pytorchTrackRunningStats);
  return normalizationTracksStatistics(spec, track === undefined ? undefined : typeof track.value === 'boolean' ? track.value : 'unknown', opaque);
}

/**
 * Dropout layers built to keep their input's mean and variance (SELU networks): no variance shift
 * before a BatchNorm (BN102), in every framework's spelling.
 */
export const VARIANCE_PRESERVING_DROPOUTS: ReadonlySet<string> = new Set(['AlphaDropout', 'FeatureAlphaDropout', 'alphaDropout']);
/** The word that marks the functional forms of those (`F.alpha_dropout`, `F.feature_alpha_dropout`). */
export const VARIANCE_PRESERVING_DROPOUT_WORD = 'alpha';

/** `x.contiguous()`: copies a tensor into its axes' order in memory, and reorders nothing. */
export const MEMORY_LAYOUT_METHOD = 'contiguous';

/**
 * Ops and methods that only reorder a tensor's axes (`x.transpose(1, 2)`, `x.permute(0, 2, 1)`,
 * Keras `Permute`): a sequence stays one vector per timestep through them (BN405). The chain's
 * `.contiguous()` passes through too.
 */
export const AXIS_REORDER_NAMES: ReadonlySet<string> = new Set(['transpose', 'permute', 'swapaxes', 'Permute', MEMORY_LAYOUT_METHOD]);
