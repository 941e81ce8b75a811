import { AXIS_REORDER_NAMES } from '../frameworks/modeNames';
import { argumentFor, type LayerConstruction, type LayerEdge, type TensorOp } from '../model/model';
import type { Rule } from './rule';

/** Reorders of the axes: the tensor still holds one vector per timestep. */
const AXIS_REORDERS = AXIS_REORDER_NAMES;

const isAxisReorder = (op: TensorOp) => op.kind === 'reshape' && AXIS_REORDERS.has(op.name.slice(op.name.lastIndexOf('.') + 1));

/** Ops after which a sequence is still a sequence of per-timestep vectors (no pooling, flattening, indexing). */
function keepsTimesteps(op: TensorOp): boolean {
  if (op.kind === 'reshape') return isAxisReorder(op);
  return op.kind === 'identity' || op.kind === 'activation' || op.kind === 'dropout' || op.kind === 'add';
}

/**
 * The layer provably outputs one vector per timestep: a Keras RNN only with `return_sequences=True`,
 * a Keras/TF.js embedding only with an input length above 1.
 */
function outputsSequence(layer: LayerConstruction): boolean {
  const sequence = layer.spec.sequenceOutput;
  if (!sequence) return false;
  if (sequence.whenParam !== undefined && argumentFor(layer, sequence.whenParam).value !== true) return false;
  if (sequence.lengthParam !== undefined) {
    const length = argumentFor(layer, sequence.lengthParam).value;
    if (typeof length !== 'number' || length <= 1) return false;
  }
  return true;
}

/**
 * PyTorch's BatchNorm1d wants channels in dim 1, so it can only take a (batch, time, features)
 * sequence through a `transpose`/`permute`; without one on the path the input is a per-sample
 * vector (an embedding of one id per sample) or the code fails anyway.
 */
function normalizesSequence(edge: LayerEdge): boolean {
  if (edge.to.spec.role !== 'batchnorm' || !outputsSequence(edge.from)) return false;
  const channelsFirst = edge.to.spec.framework === 'pytorch';
  return edge.paths.every((path) => path.every(keepsTimesteps) && (!channelsFirst || path.some(isAxisReorder)));
}

export const batchNormInSequenceModel: Rule = {
  meta: {
    code: 'BN405',
    name: 'batchnorm-in-sequence-model',
    defaultSeverity: 'warning',
    summary: 'A BatchNorm normalizes the per-timestep outputs of a recurrent, attention or embedding layer, where LayerNorm is the right choice.',
    fix: 'none',
    needs: ['layers', 'training'],
    docs: `# BN405 batchnorm-in-sequence-model

## What it does
Flags a BatchNorm applied to the per-timestep outputs of a sequence layer: PyTorch \`nn.LSTM\`,
\`nn.GRU\`, \`nn.RNN\`, \`nn.MultiheadAttention\`, \`nn.Transformer{Encoder,Decoder}[Layer]\`,
\`nn.Embedding\`; Keras \`LSTM\`/\`GRU\`/\`SimpleRNN\` with \`return_sequences=True\`,
\`MultiHeadAttention\`, \`Embedding\`; Flax \`nn.RNN\`, \`nn.MultiHeadDotProductAttention\`,
\`nn.SelfAttention\`; TF.js \`lstm\`/\`gru\`/\`simpleRNN\`/\`rnn\` with \`returnSequences: true\`,
\`embedding\`. A Keras or TF.js embedding counts only with \`input_length\`/\`inputLength\` above
1 (an embedding of one id per sample is a plain vector). PyTorch's \`BatchNorm1d\` takes a
\`(batch, time, features)\` sequence only through a \`transpose\`/\`permute\`, so one must be on the way. A residual sum over the sequence (\`layers.Add()([inputs, attn])\`,
\`(x + h).transpose(1, 2)\`) is still one vector per timestep.

The data flow decides, as in BN101. Between the two only identities, activations, dropout,
residual adds and axis reorders (\`transpose\`, \`permute\`) may sit. PyTorch's recurrent and
attention layers return tuples; in \`forward\`, \`out, _ = self.lstm(x)\` and \`self.attn(q, k, v)[0]\`
are followed to a BatchNorm through reorders. Nothing is reported for a CNN
front end that feeds a BatchNorm before the recurrent layer, for a BatchNorm on a pooled,
flattened or indexed final vector (\`GlobalAveragePooling1D\`, \`out[:, -1]\`, the last hidden
state), or for a Keras RNN without \`return_sequences=True\`.

## Why is this bad?
BatchNorm estimates one mean and variance per feature over the batch *and every timestep*. In a
sequence model that mixes positions with different statistics, counts padding as data (so the
statistics depend on how much padding a batch happens to have), and makes every output depend on
the other sequences in the batch. At inference, with different lengths or a batch of one, the
running statistics no longer match. Layer normalization normalizes each timestep over its own
features, independent of batch and length, which is why recurrent networks and Transformers use
it (Ba et al., 2016; Vaswani et al., 2017).

## Example
\`\`\`python
self.embed = nn.Embedding(vocab, 256)
self.norm = nn.BatchNorm1d(256)

def forward(self, tokens):
    return self.norm(self.embed(tokens).transpose(1, 2))
\`\`\`

Use instead:
\`\`\`python
self.norm = nn.LayerNorm(256)

def forward(self, tokens):
    return self.norm(self.embed(tokens))
\`\`\`

## Fix safety
No fix: LayerNorm takes different arguments and normalizes a different axis (the \`transpose\`
around a \`BatchNorm1d\` has to go too), and a trained checkpoint's BatchNorm statistics have no
LayerNorm counterpart.

## References
- Ba, Kiros & Hinton, *Layer Normalization* (2016), §1 and §6: batch normalization is hard to apply to recurrent networks; layer normalization does not depend on the batch.
- Shen et al., *PowerNorm: Rethinking Batch Normalization in Transformers* (ICML 2020): batch statistics of NLP data fluctuate strongly, which degrades BatchNorm in Transformers.
- Vaswani et al., *Attention Is All You Need* (2017): every sub-layer is followed by layer normalization.
`,
  },
  check({ model, report }) {
    const pairs = model.edges.filter(normalizesSequence).map((edge) => ({ from: edge.from, to: edge.to }));
    // PyTorch recurrent/attention layers return tuples; the training facts follow `out, _ = self.lstm(x)`.
    for (const { source, batchNorm } of model.training?.sequenceIntoBatchNorm ?? []) {
      if (!pairs.some((p) => p.from === source && p.to === batchNorm)) pairs.push({ from: source, to: batchNorm });
    }
    for (const { from, to } of pairs) {
      report({
        message: `${to.spec.displayName} on ${from.spec.displayName}'s timesteps: use LayerNorm instead.`,
        explanation: `${to.spec.displayName} normalizes the per-timestep outputs of ${from.spec.displayName}: its batch statistics mix timesteps and padding and change with sequence length and batch composition. Use LayerNorm (or RMSNorm) in a sequence model.`,
        range: to.range,
        focus: to.calleeRange,
        related: [{ range: from.range, message: `${from.spec.displayName} whose per-timestep outputs are batch-normalized` }],
      });
    }
  },
};
