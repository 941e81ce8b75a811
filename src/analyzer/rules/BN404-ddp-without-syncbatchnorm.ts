import { pytorchNn, pytorchSyncBatchNormConversion } from '../frameworks/pytorch';
import { LARGE_PER_PROCESS_BATCH } from '../model/training';
import { calleeOf } from './modeText';
import type { Rule } from './rule';

export const ddpWithoutSyncBatchNorm: Rule = {
  meta: {
    code: 'BN404',
    name: 'ddp-without-syncbatchnorm',
    defaultSeverity: 'info',
    summary:
      'A model with BatchNorm is trained on several devices (DistributedDataParallel, jax.pmap, a Keras MirroredStrategy) without synchronized BatchNorm: each device normalizes with its own small batch.',
    fix: 'unsafe',
    needs: ['training'],
    docs: `# BN404 ddp-without-syncbatchnorm

## What it does
Flags \`torch.nn.parallel.DistributedDataParallel(model, ...)\` when \`model\` provably holds
BatchNorm and the file never converts it with \`nn.SyncBatchNorm.convert_sync_batchnorm(model)\`.
"Provably" means every assignment to the variable in that function builds a same-file model
class or \`nn.Sequential\` that constructs a BatchNorm (also through nested same-file classes), or a
torchvision builder whose network has BatchNorm (\`resnet50\`, \`efficientnet_b0\`, \`vgg16_bn\`, ...;
the detection models use frozen BatchNorm and are not counted); \`model = model.cuda()\` and
\`.to(...)\` keep what the variable is. A model built in the call itself
(\`DistributedDataParallel(Net().cuda(), ...)\`) is judged by the same constructors. A model imported from another file or passed in as a
parameter is not known, and nothing is reported.

Nothing is reported either when the per-process batch is provably large: the DataLoaders in the
wrapping function (those given a \`sampler\`, the distributed ones, when there are such) all have a
\`batch_size\` of ${LARGE_PER_PROCESS_BATCH} or more. The size may be an integer, a name assigned once, an argparse
option's default (\`args.batch_size\`), also through a \`**kwargs\` dict. A global batch divided by
a world size the code does not fix (\`args.batch_size // args.world_size\`) counts as spread over 8
processes, one node of 8 GPUs: 256 // world_size is 32 per process. Why ${LARGE_PER_PROCESS_BATCH}: in Wu & He's
measurements (Group Normalization, 2018, Fig. 1) ResNet-50 with BatchNorm is as accurate on ImageNet
with 16 images per GPU as with 32, and degrades from 8 on; SyncBatchNorm would only add
communication there. A known per-process batch below that is named in the message.

The same trap in JAX and Keras: a Flax linen \`nn.BatchNorm\` built without \`axis_name\` in a file
that trains under \`jax.pmap(..., axis_name='batch')\` (also \`functools.partial(jax.pmap,
axis_name=...)\`), and a Keras \`BatchNormalization\` built without \`synchronized=True\` in a file
that creates a \`tf.distribute.MirroredStrategy\`, \`MultiWorkerMirroredStrategy\` or
\`TPUStrategy\`. These are reported at the BatchNorm construction (every construction of it in the
file must lack the argument). A pmap without a literal axis name, a BatchNorm with
\`use_running_average=True\` everywhere, and a Keras file whose per-replica batch is provably large
(\`64 * strategy.num_replicas_in_sync\`, the distribution guides' idiom) are silent.

A file that mentions SyncBatchNorm in any way (a \`--sync-bn\` flag, \`convert_syncbn_model\`, a
\`"SyncBN"\` config, SyncBatchNorm layers) has made its choice, and nothing is reported.

## Why is this bad?
DistributedDataParallel runs one copy of the model per process, and a plain BatchNorm computes its
mean and variance over that process's batch only. With 8 GPUs and a global batch of 64, every
BatchNorm sees 8 samples: noisy statistics, worse accuracy, and running statistics that differ
between processes (only rank 0's usually get saved). \`SyncBatchNorm\` reduces the statistics over
all processes, so BatchNorm behaves as with the global batch. It costs one all-reduce per
BatchNorm layer, so with large per-GPU batches keeping plain BatchNorm can be a sound choice:
this is a note, not a warning.

## Example
\`\`\`python
import torchvision
from torch.nn.parallel import DistributedDataParallel

model = torchvision.models.resnet50().to(rank)
model = DistributedDataParallel(model, device_ids=[rank])
\`\`\`

Use instead:
\`\`\`python
model = torchvision.models.resnet50()
model = nn.SyncBatchNorm.convert_sync_batchnorm(model).to(rank)
model = DistributedDataParallel(model, device_ids=[rank])
\`\`\`

In Flax, under \`jax.pmap\`:
\`\`\`python
import jax
import flax.linen as nn

class ConvBlock(nn.Module):
    train: bool = True

    @nn.compact
    def __call__(self, x):
        x = nn.Conv(64, (3, 3), use_bias=False)(x)
        return nn.BatchNorm(use_running_average=not self.train)(x)

p_train_step = jax.pmap(train_step, axis_name="batch")
\`\`\`

Use instead:
\`\`\`python
        return nn.BatchNorm(use_running_average=not self.train, axis_name="batch")(x)
\`\`\`

## Fix safety
Flax and Keras: unsafe. With \`axis_name\` the layer reduces its batch statistics over that axis,
which raises an unbound-axis error when the module trains outside the pmapped function (a
training-mode call without the axis); \`synchronized=True\` raises TypeError before Keras 2.12. Both
change what training computes and add communication.

PyTorch: unsafe: inserts \`model = nn.SyncBatchNorm.convert_sync_batchnorm(model)\` on the line before the
wrapping statement, or, for a model built in the call, wraps that expression in
\`nn.SyncBatchNorm.convert_sync_batchnorm(...)\` (only where the file imports \`torch.nn\`). It changes what training computes (and adds communication), SyncBatchNorm
works only on GPUs with an initialized process group, and a module moved to a device before the
conversion keeps the new layers' buffers on that device only because \`convert_sync_batchnorm\`
copies them; so it is offered, never applied automatically.

## References
- PyTorch documentation, \`torch.nn.SyncBatchNorm\` and \`convert_sync_batchnorm\`.
- Flax documentation, \`flax.linen.BatchNorm\` (\`axis_name\`), and its ImageNet example (\`axis_name='batch'\` under \`jax.pmap\`).
- Keras documentation, \`BatchNormalization\` (\`synchronized\`), and TensorFlow's distributed training guide.
- Peng et al., *MegDet: A Large Mini-Batch Object Detector* (CVPR 2018), §4: cross-GPU batch normalization.
- Wu & He, *Group Normalization* (ECCV 2018), Fig. 1: BatchNorm's ImageNet error by images per GPU.
- Wu & Johnson, *Rethinking "Batch" in BatchNorm* (2021), §5: per-GPU batch statistics in distributed training.
`,
  },
  check({ model, report }) {
    for (const wrap of model.training?.distributedWraps ?? []) {
      if (wrap.syncBatchNormInFile) continue;
      const batch = wrap.perProcessBatch;
      if (batch && batch.size >= LARGE_PER_PROCESS_BATCH) continue;
      // A divided global batch is only a lower guess of the per-process one: not a number to name.
      const known = batch && !batch.divided ? batch.size : undefined;
      const name = wrap.model.name;
      // A model built in the call itself is converted in place: `DistributedDataParallel(nn.SyncBatchNorm.convert_sync_batchnorm(Net().cuda()))`.
      const inline = wrap.inline;
      const converter = `${inline?.nn ?? pytorchNn.aliases[0]}.${pytorchSyncBatchNormConversion}`;
      const conversion = inline ? `${converter}(${model.text.slice(inline.range.start, inline.range.end)})` : `${name} = ${converter}(${name})`;
      const advice = inline ? 'convert it in the call' : 'convert first';
      report({
        message:
          known === undefined
            ? `\`${name}\`'s BatchNorm sees per-GPU batches under DDP: use SyncBatchNorm if they are small.`
            : `\`${name}\`'s BatchNorm sees per-GPU batches of ${known} under DDP: use SyncBatchNorm.`,
        explanation:
          known === undefined
            ? `\`${name}\` holds BatchNorm (${wrap.model.evidence.description}) and is wrapped in DistributedDataParallel without SyncBatchNorm: each process normalizes with the statistics of its own per-GPU batch. If those batches are small, ${advice}: \`${conversion}\`.`
            : `\`${name}\` holds BatchNorm (${wrap.model.evidence.description}) and is wrapped in DistributedDataParallel without SyncBatchNorm: each process normalizes with the statistics of its own batch of ${known}, too few for reliable statistics (below ${LARGE_PER_PROCESS_BATCH}). ${advice[0].toUpperCase()}${advice.slice(1)}: \`${conversion}\`.`,
        range: wrap.range,
        focus: calleeOf(model.text, wrap.range, model.language),
        related: [
          { range: wrap.model.evidence.range, message: 'BatchNorm in the wrapped model' },
          ...(known === undefined ? [] : [{ range: batch!.range, message: 'Per-process batch size' }]),
        ],
        fixes: inline?.nn
          ? [
              {
                title: 'Convert BatchNorm to SyncBatchNorm before wrapping',
                applicability: 'unsafe',
                edits: [
                  { range: { start: inline.range.start, end: inline.range.start }, newText: `${converter}(` },
                  { range: { start: inline.range.end, end: inline.range.end }, newText: ')' },
                ],
              },
            ]
          : wrap.conversion
            ? [
                {
                  title: 'Convert BatchNorm to SyncBatchNorm before wrapping',
                  applicability: 'unsafe',
                  edits: [{ range: { start: wrap.conversion.offset, end: wrap.conversion.offset }, newText: wrap.conversion.text }],
                },
              ]
            : [],
      });
    }
    for (const replica of model.training?.replicaBatchNorms ?? []) {
      const layer = replica.batchNorm;
      const argument = `${replica.sync.param}=${typeof replica.sync.value === 'string' ? `'${replica.sync.value}'` : 'True'}`;
      const where = replica.framework === 'flax' ? 'device' : 'replica';
      const batch = replica.perReplicaBatch;
      report({
        message:
          batch === undefined
            ? `\`${layer.spec.name}\` sees per-${where} batches under ${replica.parallel.description}: pass \`${argument}\` if they are small.`
            : `\`${layer.spec.name}\` sees per-${where} batches of ${batch} under ${replica.parallel.description}: pass \`${argument}\`.`,
        explanation:
          replica.framework === 'flax'
            ? `This BatchNorm has no \`axis_name\`, and the file trains under \`jax.pmap\` over the axis '${replica.sync.value}': each device normalizes with the mean and variance of its own share of the batch, and the devices' running averages drift apart. With \`${argument}\` it reduces the statistics over all devices, as the Flax ImageNet example does.`
            : `This BatchNormalization is not synchronized, and the file replicates training with ${replica.parallel.description}: each replica normalizes with the statistics of its own share of the global batch${batch === undefined ? '' : ` (${batch})`}. With \`${argument}\` (Keras 2.12 and later; \`SyncBatchNormalization\` before) the statistics are reduced over all replicas.`,
        range: layer.range,
        focus: layer.calleeRange,
        related: [{ range: replica.parallel.range, message: replica.framework === 'flax' ? 'Training mapped over devices' : 'Distribution strategy' }],
        fixes: [
          {
            title: `Pass ${argument}`,
            applicability: 'unsafe',
            edits: layer.editor.setArgument(replica.sync.param, replica.sync.value),
          },
        ],
      });
    }
  },
};
