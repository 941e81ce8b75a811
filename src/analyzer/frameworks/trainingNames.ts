/**
 * The words each part of the training-setup analysis (python/training.ts) starts from, whatever the
 * framework: a part runs only when the text spells, for each group, one of its words.
 * python/document.ts keeps the statements that spell them together when it splits a file. A new
 * framework adds its words to the parts its code can reach (`pmap` and `MirroredStrategy` both
 * replicate a step across devices).
 */
export const TRAINING_TEXT_GATES = {
  ddp: [['DistributedDataParallel']],
  replicas: [['pmap', 'MirroredStrategy', 'TPUStrategy']],
  loader: [['DataLoader']],
  fit: [['.fit(']],
  singleSample: [
    ['unsqueeze', '[None', 'newaxis', 'expand_dims'],
    ['backward', 'train_on_batch', 'batch_stats'],
  ],
  unfrozen: [['trainable']],
  tf1: [['batch_norm'], ['minimize', 'apply_gradients']],
  gan: [['generator'], ['discriminator', 'critic']],
} as const satisfies Record<string, readonly (readonly string[])[]>;

export type TrainingGate = keyof typeof TRAINING_TEXT_GATES;

/** Gates whose words match in any case: they are model names (`Generator`, `netD_critic`). */
export const CASE_INSENSITIVE_TRAINING_GATES: ReadonlySet<TrainingGate> = new Set(['gan']);
