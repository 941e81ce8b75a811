import type { SmallBatchTraining } from '../model/training';
import { rangeContains } from '../text';
import { calleeOf } from './modeText';
import type { Rule } from './rule';

/** Long enough to quote `images[i].unsqueeze(0).to(device)`, short enough for a sentence. */
const MAX_QUOTED = 40;

function sizeText(batch: SmallBatchTraining, text: string): string {
  if (batch.source === 'single-sample' && batch.batchSizeRange) {
    const quoted = text.slice(batch.batchSizeRange.start, batch.batchSizeRange.end);
    return quoted.length <= MAX_QUOTED && !quoted.includes('\n')
      ? `batches of 1 (\`${quoted}\` adds a batch dimension of one)`
      : 'batches of 1 (single samples)';
  }
  if (batch.batchSizeRange) return `batches of ${batch.batchSize}`;
  return "batches of 1 (DataLoader's default batch_size)";
}

export const batchTooSmallForBatchNorm: Rule = {
  meta: {
    code: 'BN403',
    name: 'batch-too-small-for-batchnorm',
    defaultSeverity: 'info',
    summary: 'A model with BatchNorm is trained on batches of 4 or fewer samples (an error where PyTorch raises at batch size 1).',
    fix: 'none',
    needs: ['training'],
    docs: `# BN403 batch-too-small-for-batchnorm

## What it does
Flags the call that sets a tiny batch size for training a model that provably holds BatchNorm:
- PyTorch: \`loader = DataLoader(ds, batch_size=N)\` with N ≤ 4, or without \`batch_size\` (the
  default is 1), when the same function iterates \`loader\` in a loop that calls the model and runs
  \`.backward()\`;
- Keras: \`model.fit(..., batch_size=N)\` with N ≤ 4; TF.js: \`model.fit(xs, ys, {batchSize: N})\`;
- a training step on single samples: every call of the model in a loop (or function) that runs
  \`.backward()\` gets one input made a batch of one (\`model(x.unsqueeze(0))\`, \`model(x[None])\`,
  \`torch.unsqueeze(x, 0)\`, \`np.expand_dims(x, 0)\`, also through \`x = x.unsqueeze(0)\`), or a Keras
  \`model.train_on_batch(x[None], y)\` (TF.js: \`model.trainOnBatch(x.expandDims(0), y)\`), or a Flax
  linen step \`model.apply(variables, x[None], mutable=['batch_stats'])\` (also \`state.apply_fn\`,
  \`jnp.expand_dims(x, 0)\`): asking for the updated \`batch_stats\` is what a training step does, and
  only BatchNorm keeps that collection. The finding is on the model call. Calls under
  \`torch.no_grad()\`, calls with a second argument (a seq-first recurrent model's state) and loops
  that also run the model on other inputs are left alone.

The model must be known to hold BatchNorm, as in BN404 (a same-file class or \`Sequential\` that
constructs one, a torchvision or \`keras.applications\` model with BatchNorm). Nothing is reported
when the function puts the model in eval mode (or calls a \`freeze…\` method) without switching it
back with \`.train()\`, or, for Keras, when the file sets \`trainable = False\` on anything (Keras
BatchNorm then runs in inference mode).

Severity: **error** when the batch size is 1 and the model has a PyTorch \`BatchNorm1d\` right
after a linear layer, where PyTorch raises; **info** otherwise.

## Why is this bad?
BatchNorm normalizes with the mean and variance of the current batch. From 2–4 samples those
estimates are very noisy (the variance of \`N\` samples has a relative spread of about \`√(2/(N−1))\`),
the network trains on a moving target, and the running averages used at inference are poor. At
batch size 1, PyTorch raises \`ValueError: Expected more than 1 value per channel when training\`
when a channel has a single value (\`BatchNorm1d\` on \`(1, C)\`); with spatial dimensions each
sample is normalized by itself, which is instance normalization in training and something else at
inference. GroupNorm (Wu & He, 2018) does not depend on the batch size; freezing BatchNorm (eval
mode, using pretrained statistics) or larger batches are the other ways out. Accumulating
gradients over several small batches does not help: each BatchNorm still sees the small batch.
The calculator's Batch size section shows the spread for every batch size.

## Example
\`\`\`python
from torch.utils.data import DataLoader

loader = DataLoader(dataset, batch_size=2, shuffle=True)
for x, y in loader:
    loss = criterion(model(x), y)
    loss.backward()
\`\`\`

Use instead a batch size of 16 or more (or \`nn.GroupNorm\` in place of \`nn.BatchNorm2d\`):
\`\`\`python
loader = DataLoader(dataset, batch_size=32, shuffle=True)
\`\`\`

## Fix safety
No fix: the right batch size depends on memory, and replacing BatchNorm changes the model.

## References
- Ioffe, *Batch Renormalization* (2017), abstract: the effectiveness of batch normalization diminishes when the training minibatches are small.
- Wu & He, *Group Normalization* (ECCV 2018), Figure 1: BatchNorm's error grows quickly as the batch shrinks; GroupNorm's does not.
- PyTorch source, \`torch.nn.functional.batch_norm\` (\`_verify_batch_size\`): "Expected more than 1 value per channel when training".
`,
  },
  check({ model, report }) {
    for (const batch of model.training?.smallBatches ?? []) {
      const name = batch.model.name;
      const fails = batch.batchSize === 1 && batch.model.failsAtBatchOne;
      const message = fails
        ? `\`${name}\` is trained on batches of 1, where its ${batch.model.evidence.description} raises: use larger batches.`
        : `\`${name}\` has BatchNorm and is trained on batches of ${batch.batchSize}: use larger batches or GroupNorm.`;
      const explanation = fails
        ? `\`${name}\` is trained on ${sizeText(batch, model.text)}, and its ${batch.model.evidence.description} after a linear layer then sees one value per channel: PyTorch raises "Expected more than 1 value per channel when training". Use larger batches, or GroupNorm/LayerNorm.`
        : `\`${name}\` holds BatchNorm (${batch.model.evidence.description}) and is trained on ${sizeText(batch, model.text)}: batch statistics from so few samples are noisy${batch.batchSize === 1 ? ' (each sample is normalized by itself)' : ''}. Use larger batches, GroupNorm, or BatchNorm frozen in eval mode.`;
      report({
        message,
        explanation,
        range: batch.range,
        focus:
          batch.batchSizeRange && rangeContains(batch.range, batch.batchSizeRange) ? batch.batchSizeRange : calleeOf(model.text, batch.range, model.language),
        severity: fails ? 'error' : undefined,
        related: [
          { range: batch.model.evidence.range, message: 'BatchNorm in the trained model' },
          { range: batch.step, message: 'training step on these batches' },
          // `x = x.unsqueeze(0)` on an earlier line: the focus cannot point there, a related location can.
          ...(batch.source === 'single-sample' && batch.batchSizeRange && !rangeContains(batch.range, batch.batchSizeRange)
            ? [{ range: batch.batchSizeRange, message: 'a batch of one made here' }]
            : []),
        ],
      });
    }
  },
};
