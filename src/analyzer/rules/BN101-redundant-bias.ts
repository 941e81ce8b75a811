import { channelLayoutOf } from '../frameworks/registry';
import type { OpKind } from '../frameworks/types';
import { negateCondition, sameCondition, type BranchCondition } from '../model/dataflow';
import { argumentFor, type LayerConstruction, type LayerEdge } from '../model/model';
import { rangeContains } from '../text';
import { suggestKeyword } from './BN303-wrong-keyword';
import { usesKeras1 } from './chain';
import type { Rule } from './rule';

/** Ops after which a per-channel constant is still a per-channel constant, so BatchNorm still cancels it. */
const CONSTANT_PRESERVING: ReadonlySet<OpKind> = new Set(['identity', 'pool', 'add', 'scale']);

/** Keras channel axis: -1 unless `data_format='channels_first'`. */
function channelAxesAgree(edge: LayerEdge): boolean {
  const { from, to } = edge;
  const layout = channelLayoutOf(to.spec.framework);
  if (!layout) return true;
  const axis = argumentFor(to, layout.axisParam).value;
  const format = channelLayoutOf(from.spec.framework)?.dataFormat;
  const dataFormat = format && from.spec.params.some((p) => p.name === format.param) ? argumentFor(from, format.param).value : null;
  if (axis === undefined || dataFormat === undefined) return false;
  const channelsFirst = dataFormat !== null && dataFormat === format?.channelsFirst;
  const rank = (from.spec.spatialRank ?? 0) + 2;
  const channelAxis = channelsFirst ? 1 : rank - 1;
  if (typeof axis !== 'number') return false;
  return axis === channelAxis || axis === channelAxis - rank || (axis === -1 && !channelsFirst);
}

export const redundantBias: Rule = {
  meta: {
    code: 'BN101',
    name: 'redundant-bias-before-batchnorm',
    defaultSeverity: 'warning',
    summary: 'A convolution or dense layer has a bias that the BatchNorm right after it cancels.',
    fix: 'safe',
    needs: ['layers'],
    docs: `# BN101 redundant-bias-before-batchnorm

## What it does
Flags a convolution or linear/dense layer whose bias is on (explicitly or by default) when its
output goes straight into a BatchNorm on the same channels: PyTorch \`Conv1d/2d/3d\`,
\`ConvTranspose*\`, \`Linear\` and their \`Lazy*\` forms; Keras \`Conv*D\`, \`Conv*DTranspose\`,
\`SeparableConv*D\`, \`DepthwiseConv*D\`, \`Dense\`; Flax \`nn.Conv\`, \`nn.Dense\`; TF.js
\`tf.layers.conv2d\`, \`dense\` and friends.

The chain is judged on data flow (what \`forward\`/\`call\` really feeds into what), not on the order
of declarations. Identity, max/average pooling, a residual add of another tensor and scaling by a
number (\`residual * 0.1\`, \`x / 2\`: the bias becomes another per-channel constant) keep the bias
redundant; a nonlinearity, dropout, zero padding, a fused Keras \`activation=\` other than linear,
or a reshape that mixes channels break the chain, and nothing is reported. Nor is a BatchNorm that always
normalizes by its moving statistics (TF2 Keras \`BatchNormalization(trainable=False)\`, Flax
\`nn.BatchNorm(use_running_average=True)\` written in the constructor): it subtracts no batch mean,
so the bias before it still shifts the output.

Branches are followed: a layer is reported only when every path from it reaches the BatchNorm
that way, or when the paths differ by a condition the code controls. torchvision's VGG builds each
conv once and follows it with \`BatchNorm2d\` only \`if batch_norm\`; without it the ReLU follows
directly and the bias is needed, so the fix there is \`bias=not batch_norm\`, which keeps the bias
exactly where no BatchNorm follows. The condition must be a parameter or a \`self\` attribute tested
in the function that builds the layer (\`if flag:\` / \`else:\`, or \`if not flag:\`); on any other
condition (\`if v > 64:\`, an \`elif\` chain) nothing is reported. A container built inside one
branch (\`if stride != 1: self.down = nn.Sequential(); self.down.add_module(...)\`) is one path.

Helpers and constructors are read with the arguments of each call (defaults included, also when
forwarded through several levels, and layer factories such as \`norm_layer=nn.BatchNorm2d\` or
\`partial(nn.BatchNorm2d, ...)\`). The layers one line of code builds for different calls are judged
together, since a fix there changes them all. So a layer a helper builds is reported only when
every use of the helper feeds a BatchNorm: a helper function's result at each call site, a same-file
module's output wherever it is called or placed in a container, and each application of a layer a
helper returned (\`self.to_rgb = conv3x3(64, 3)\`). If one use leaves the output as it is (the
model's output, a LayerNormalization, a list the analysis does not follow), the bias is needed
there and nothing is reported. The same holds for a layer output that a function feeds into a
BatchNorm and also returns as it is (an encoder's feature levels: \`f1 = x\` before the BatchNorm,
\`return inputs, [f1, f2]\`; a forward's \`return self.bn(y) + y\`), and for a layer output among a
Keras \`Model(inputs, outputs)\`'s outputs.

Parallel \`ModuleList\`s filled in one loop are paired position by position where \`forward\`
pairs them (\`for i, conv in enumerate(self.convs): bn = self.bns[i]\`, or \`zip(self.convs,
self.bns)\`); lists that a branch fills only on some iterations are not.

## Why is this bad?
BatchNorm subtracts the per-channel batch mean: \`x̂ = (x − μ_B) / √(σ²_B + ε)\`. A bias \`b\` adds the
same constant to every value of a channel, so it moves \`μ_B\` by exactly \`b\` and disappears in the
subtraction; BatchNorm's own \`β\` already provides the shift. The bias costs parameters, memory,
optimizer state and a little compute, and receives gradients that are always zero in expectation.

## Example
\`\`\`python
self.conv = nn.Conv2d(64, 128, 3, padding=1)   # bias=True by default
self.bn = nn.BatchNorm2d(128)

def forward(self, x):
    return F.relu(self.bn(self.conv(x)))
\`\`\`

Use instead:
\`\`\`python
self.conv = nn.Conv2d(64, 128, 3, padding=1, bias=False)
\`\`\`

## Fix
Sets \`bias=False\` (PyTorch) or \`use_bias=False\` (Keras, Flax; \`useBias: false\` in TF.js),
replacing an explicit value or adding the keyword in the call's own layout; \`bias=not flag\` for a
conditional layer. No fix when the bias comes from a caller (\`bias=bias\`), from a \`partial\`, or in
Keras 1 code (which spells it \`bias=False\`).

## Fix safety
The fix is safe: the BatchNorm removes the bias exactly, so the model computes the same function
(in training and in eval mode) and keeps running. It is marked unsafe when the file loads saved
weights (\`load_state_dict\`, \`torch.load\`, \`pretrained=True\`, \`from_pretrained\`, Keras
\`load_weights\`/\`load_model\`/\`weights='imagenet'\`, Flax checkpoint restores): removing the
parameter removes a \`*.bias\` entry from the model's state: a strict load of an existing checkpoint
then fails, and a non-strict one (\`strict=False\`, many training frameworks' checkpointers) drops the
trained bias silently, so in eval mode the output shifts by γ·b/σ (the running mean still holds the
bias). It is also unsafe when the file reads a layer's bias without checking it for \`None\`
(\`nn.init.zeros_(m.bias)\` in an init loop, \`m.bias.data.fill_(0)\`): with the bias off that read
raises. Only the file itself is checked: a checkpoint loaded, or a bias read, in another module is
not seen.

## References
- Ioffe & Szegedy, *Batch Normalization* (2015), §3.2: "the bias b can be ignored since its effect will be canceled by the subsequent mean subtraction".
- PyTorch performance tuning guide: "Disable bias for convolutions directly followed by a batch norm".
`,
  },
  check({ model, report }) {
    // A BatchNorm that always normalizes by its moving statistics (`trainable=False` in TF2 Keras,
    // `use_running_average=True` in Flax) subtracts no batch mean: the bias before it stays.
    const frozenStatistics = (bn: LayerConstruction) => {
      const frozen = bn.spec.frozenStatisticsWhen;
      return frozen !== undefined && bn.args.some((a) => (a.param ?? a.keyword) === frozen.param && a.value === frozen.value);
    };
    const cancelsBias = (edge: LayerEdge) =>
      edge.to.spec.role === 'batchnorm' && !frozenStatistics(edge.to) && edge.paths.every((path) => path.every((op) => CONSTANT_PRESERVING.has(op.kind)));
    // A helper called with different arguments builds several layers at one place in the code; a
    // fix there changes them all, so they are judged together, by the place.
    const place = (layer: LayerConstruction) => `${layer.range.start}:${layer.range.end}`;
    // Where the bias is needed: a layer whose output also goes somewhere the BatchNorm does not
    // cancel it (another layer, a nonlinearity on one branch, or out of the chain on another
    // branch) needs it there. `always`: on a path no condition of the code describes; `when`: on
    // the path where a condition it controls holds (`if batch_norm: ... else: ...`).
    const needed = new Map<string, { always: boolean; when: BranchCondition[] }>();
    const need = (layer: LayerConstruction, when?: BranchCondition) => {
      const entry = needed.get(place(layer)) ?? { always: false, when: [] };
      if (when) entry.when.push(when);
      else entry.always = true;
      needed.set(place(layer), entry);
    };
    for (const edge of model.edges) {
      if (cancelsBias(edge)) continue;
      const conditions = edge.paths.map((path) => path.filter((op) => op.condition).map((op) => op.condition!));
      if (conditions.every((c) => c.length === 1)) for (const [c] of conditions) need(edge.from, c);
      else need(edge.from);
    }
    for (const layer of model.branchExits ?? []) need(layer);
    for (const exit of model.conditionalExits ?? []) need(exit.layer, exit.when);
    const reported = new Set<string>();
    // Keras 1 spells the keyword `bias`: `use_bias=` would not be understood there.
    const legacyKeras = usesKeras1(model);
    // Removing a bias removes a `*.bias` entry from the model's state: loading saved weights into it then fails.
    const loadsCheckpoint = (model.checkpointLoads?.length ?? 0) > 0;
    // `nn.init.zeros_(m.bias)` over every conv: with the bias off, `m.bias` is None and the call raises.
    const readsBias = (model.unguardedBiasReads?.length ?? 0) > 0;
    const unsafeBecause = loadsCheckpoint
      ? 'removes a parameter, so a checkpoint this file loads no longer matches the model'
      : readsBias
        ? "this file reads a layer's bias without checking for None, which fails once it is off"
        : undefined;
    for (const edge of model.edges) {
      const { from, to } = edge;
      if (!from.spec.biasParam || !cancelsBias(edge) || reported.has(place(from))) continue;
      const elsewhere = needed.get(place(from));
      // The bias is needed exactly where one condition holds, and that condition can be written at the layer.
      const when = elsewhere && !elsewhere.always ? elsewhere.when[0] : undefined;
      if (elsewhere && (!when || !elsewhere.when.every((c) => sameCondition(c, when)) || !rangeContains(when.scope, from.range))) continue;
      const bias = argumentFor(from, from.spec.biasParam);
      if (bias.value !== true) continue;
      // `use_bias: false` in TF.js, `bias=False` in Keras: BN303's rename is the fix; adding the
      // right keyword here as well would write it twice.
      if (from.args.some((a) => a.param === undefined && a.keyword !== undefined && suggestKeyword(from.spec, a.keyword) === from.spec.biasParam)) continue;
      if (!channelAxesAgree(edge)) continue;
      // Different channel counts mean a different bug (BN401), not a redundant bias.
      if (from.spec.outFeaturesParam && to.spec.featuresParam) {
        const out = argumentFor(from, from.spec.outFeaturesParam).value;
        const features = argumentFor(to, to.spec.featuresParam).value;
        if (typeof out === 'number' && typeof features === 'number' && out !== features) continue;
      }
      reported.add(place(from));
      const param = from.spec.biasParam;
      // A bias passed in by a caller (`bias=bias`) is the caller's to change.
      const fixable =
        !bias.argument?.fromPartial && !bias.argument?.fromDict && !bias.argument?.viaParameter && !(legacyKeras && from.spec.framework === 'keras');
      const setting = when ? `${param}${from.language === 'python' ? '=' : ': '}${from.editor.conditionCode(when)}` : from.editor.argumentText(param, false);
      const message = when
        ? `${from.spec.displayName}'s bias is redundant where a BatchNorm follows: set \`${setting}\`.`
        : `${from.spec.displayName}'s bias is cancelled by the BatchNorm after it: set \`${setting}\`.`;
      const explanation = when
        ? `${from.spec.displayName} has a bias that the ${to.spec.displayName} after it cancels when \`${from.editor.conditionCode(negateCondition(when))}\` holds: BatchNorm subtracts the per-channel mean. Where no BatchNorm follows (\`${from.editor.conditionCode(when)}\`) the bias is needed. Set \`${setting}\`.`
        : `${from.spec.displayName} has a bias that the ${to.spec.displayName} right after it cancels: BatchNorm subtracts the per-channel mean, so the bias only adds parameters. Set \`${setting}\`.`;
      report({
        message,
        explanation,
        range: from.range,
        focus: from.calleeRange,
        related: [{ range: to.range, message: `${to.spec.displayName} that makes the bias redundant` }],
        fixes: fixable
          ? [
              {
                title: `Set ${setting}${unsafeBecause ? ` (unsafe: ${unsafeBecause})` : ''}`,
                applicability: unsafeBecause ? 'unsafe' : 'safe',
                edits: when ? from.editor.setArgumentCode(param, from.editor.conditionCode(when)) : from.editor.setArgument(param, false),
              },
            ]
          : [],
      });
    }
  },
};
