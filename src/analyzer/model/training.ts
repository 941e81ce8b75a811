/**
 * Training-setup facts (BN403, BN404): how a model is wrapped for distributed training and which
 * batch size it is trained with. Front ends compute them from calls they can resolve; rules decide.
 */
import type { TextRange } from '../types';
import type { LayerConstruction } from './model';

/** Why the analyzer believes a model holds BatchNorm. */
export interface BatchNormEvidence {
  /** A BatchNorm construction in the model's class or container, or the torchvision builder call. */
  readonly range: TextRange;
  /** How users would read it in a message: `nn.BatchNorm2d`, `torchvision.models.resnet50`. */
  readonly description: string;
}

/** A model variable bound (on every path the analysis sees) to a model that provably holds BatchNorm. */
export interface BatchNormModel {
  readonly name: string;
  readonly framework: 'pytorch' | 'keras' | 'flax';
  readonly evidence: BatchNormEvidence;
  /** A `BatchNorm1d` on (batch, features) after a linear layer: PyTorch raises at batch size 1 in training. */
  readonly failsAtBatchOne: boolean;
}

/** `DistributedDataParallel(model, ...)` on a model with BatchNorm. */
export interface DistributedWrap {
  readonly range: TextRange;
  readonly model: BatchNormModel;
  /** The file converts to or builds SyncBatchNorm somewhere (on any path): nothing to say. */
  readonly syncBatchNormInFile: boolean;
  /** Where `model = nn.SyncBatchNorm.convert_sync_batchnorm(model)` goes: a line before the wrapping statement. */
  readonly conversion?: { readonly offset: number; readonly text: string };
  /** The wrapped model built in the call itself (`DistributedDataParallel(Net().cuda())`), and how the file spells `torch.nn`. */
  readonly inline?: { readonly range: TextRange; readonly nn?: string };
  /** The batch each process trains on, when the DataLoaders beside the wrap give it (see PerProcessBatch). */
  readonly perProcessBatch?: PerProcessBatch;
}

/**
 * The per-process batch of a DDP script: the smallest `batch_size` of the DataLoaders in the
 * wrapping function (the distributed-sampler ones when there are such). `divided`: the code splits
 * a known global batch by a world size it does not know (`args.batch_size // world_size`); `size`
 * is then the global batch over ASSUMED_WORLD_SIZE.
 */
export interface PerProcessBatch {
  readonly size: number;
  readonly divided: boolean;
  /** The `batch_size` expression of that DataLoader (or of the dict its `**kwargs` come from). */
  readonly range: TextRange;
}

/**
 * Per-process batches of this size and up estimate BatchNorm's statistics well: in Wu & He (Group
 * Normalization, 2018, Fig. 1) ResNet-50's ImageNet error with BatchNorm is flat from 32 down to 16
 * images per GPU and rises from 8 on. SyncBatchNorm would only add communication there.
 */
export const LARGE_PER_PROCESS_BATCH = 16;

/**
 * A global batch divided by an unknown world size is read as spread over this many processes (one
 * node of 8 GPUs, the usual single-node launch): 256 // world_size counts as 32 per process.
 */
export const ASSUMED_WORLD_SIZE = 8;

/** Batch sizes at or below this are worth a BN403 finding. */
export const SMALL_BATCH = 4;

/** A model with BatchNorm trained on batches of a known, small size. */
export interface SmallBatchTraining {
  /**
   * The `DataLoader(...)` or `fit(...)` call that sets the batch size, or the training call on a
   * single sample (`model(x.unsqueeze(0))`, `model.train_on_batch(x[None], ...)`).
   */
  readonly range: TextRange;
  readonly batchSize: number;
  /** The `batch_size=` argument or the expression that adds a batch dimension of one; undefined when the DataLoader default (1) applies. */
  readonly batchSizeRange?: TextRange;
  readonly source: 'dataloader' | 'keras-fit' | 'single-sample';
  readonly model: BatchNormModel;
  /** The training step (backward/fit) that uses those batches. */
  readonly step: TextRange;
}

/**
 * Keras transfer learning: `x = base_model(inputs)` without `training=False` on a base model with
 * BatchNorm that the file later unfreezes (`base_model.trainable = True`).
 */
export interface UnfrozenBaseCall {
  /** The base-model call. */
  readonly range: TextRange;
  readonly model: BatchNormModel;
  /** The `base_model.trainable = True` assignment. */
  readonly unfreeze: TextRange;
  /** Where `, training=False` goes (after the last argument); none when it cannot be placed. */
  readonly trainingArgumentOffset?: number;
}

/** A TF1 train op (`optimizer.minimize(loss)`) in a file with graph-mode batch norm and no UPDATE_OPS dependency. */
export interface Tf1TrainOp {
  /** The `minimize(...)`/`apply_gradients(...)` call. */
  readonly range: TextRange;
  /** The batch norm call that adds update ops. */
  readonly batchNorm: TextRange;
  readonly batchNormName: string;
  /** Replaces the train-op statement with the same statement inside `with tf.control_dependencies(...)`. */
  readonly wrap?: { readonly range: TextRange; readonly text: string };
}

/** A class or function that builds one side of a GAN, in a file that builds both sides. */
export interface GanPart {
  readonly kind: 'generator' | 'discriminator';
  readonly name: string;
  /** The whole class or function definition. */
  readonly range: TextRange;
}

/**
 * `out, _ = self.lstm(x)` then `self.bn(out.transpose(1, 2))` in a PyTorch `forward`: a sequence
 * layer whose output reaches a BatchNorm through tuple unpacking or indexing, which layer edges
 * do not follow. Only axis reorders lie between.
 */
export interface SequenceIntoBatchNorm {
  readonly source: LayerConstruction;
  readonly batchNorm: LayerConstruction;
}

/**
 * A BatchNorm built without cross-device statistics in a file that trains replicas of its model on
 * several devices (`jax.pmap`, a Keras `MirroredStrategy`): each device normalizes with its own batch.
 */
export interface ReplicaBatchNorm {
  readonly batchNorm: LayerConstruction;
  readonly framework: 'flax' | 'keras';
  /** The `jax.pmap(...)` or strategy call, and how users would read it in a message. */
  readonly parallel: { readonly range: TextRange; readonly description: string };
  /** The argument that makes it synchronize: `axis_name` with the pmapped axis's name, `synchronized=True`. */
  readonly sync: { readonly param: string; readonly value: string | boolean };
  /** The batch each replica trains on, when the code gives it (`64 * strategy.num_replicas_in_sync`). */
  readonly perReplicaBatch?: number;
}

export interface TrainingFacts {
  readonly distributedWraps: readonly DistributedWrap[];
  /** BN404 in JAX and Keras: see ReplicaBatchNorm. */
  readonly replicaBatchNorms?: readonly ReplicaBatchNorm[];
  readonly smallBatches: readonly SmallBatchTraining[];
  readonly unfrozenBaseCalls: readonly UnfrozenBaseCall[];
  readonly tf1TrainOps: readonly Tf1TrainOp[];
  /** Empty unless the file defines both a generator and a discriminator (or critic). */
  readonly ganParts: readonly GanPart[];
  readonly sequenceIntoBatchNorm: readonly SequenceIntoBatchNorm[];
}

/** `Generator`, `DCGANGenerator`, `build_generator`, `make_discriminator_model`, `Critic`: the word as a name part. */
function ganKind(name: string): GanPart['kind'] | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\d]+/);
  // A data generator (`DataGenerator`, `data_generator`, `ImageDataGenerator`) feeds batches, it is not a network.
  if (words.includes('data') || words.includes('batch')) return undefined;
  if (words.includes('generator')) return 'generator';
  if (words.includes('discriminator') || words.includes('critic')) return 'discriminator';
  return undefined;
}

/** Classes and functions (in source order) named as GAN parts; none unless both sides are there. */
export function ganParts(definitions: readonly { readonly name: string; readonly range: TextRange }[]): GanPart[] {
  const parts: GanPart[] = [];
  for (const { name, range } of definitions) {
    const kind = ganKind(name);
    if (kind) parts.push({ kind, name, range });
  }
  const both = parts.some((p) => p.kind === 'generator') && parts.some((p) => p.kind === 'discriminator');
  return both ? parts : [];
}
