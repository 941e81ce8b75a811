import { argumentFor, type BoundArgument, type LayerConstruction, type LayerEdge } from '../model/model';
import type { TextRange } from '../types';
import { preservesShape, tfjsBatchNormAxis } from './chain';
import type { ReportedFinding, Rule } from './rule';

/** Built by the same call of the same function (`conv_bn(inp, oup)` building both): paired exactly. */
function builtTogether(a: LayerConstruction, b: LayerConstruction): boolean {
  return a.scope !== undefined && b.scope !== undefined && a.scope.start === b.scope.start && a.scope.end === b.scope.end;
}

/** Another construction at the same place (another call of its class or helper) that produces another count than `count`, or one not known. */
function builtAlsoOtherwise(layer: LayerConstruction, count: number, layers: readonly LayerConstruction[]): boolean {
  const param = layer.spec.outFeaturesParam;
  return (
    param !== undefined &&
    layers.some(
      (other) =>
        other !== layer &&
        other.spec === layer.spec &&
        other.range.start === layer.range.start &&
        other.range.end === layer.range.end &&
        argumentFor(other, param).value !== count,
    )
  );
}

export const featuresMismatch: Rule = {
  meta: {
    code: 'BN401',
    name: 'batchnorm-features-mismatch',
    defaultSeverity: 'error',
    summary: "A BatchNorm's num_features differs from the channels the layer feeding it produces.",
    fix: 'unsafe',
    needs: ['layers'],
    docs: `# BN401 batchnorm-features-mismatch

## What it does
Flags a BatchNorm whose \`num_features\` differs from the number of channels (or features) produced
by the layer that feeds it (\`out_channels\` of a convolution, \`out_features\` of a \`Linear\`), when
both are constants the analyzer can resolve and only shape-preserving ops (activations, pooling,
dropout, padding, residual adds) sit between them. Data flow decides what feeds what, not the
order of declarations in \`__init__\`. A \`Linear\` keeps leading dimensions, so on (batch, length,
features) input a \`BatchNorm1d\` after it normalizes the length: a count after a \`Linear\` is
reported when it is a literal or when some layer of the file takes in or puts out that many
features (\`Linear(512, 256)\` then \`BatchNorm1d(512)\`), not when it is a name that may hold a
sequence length (\`BatchNorm1d(SEQ_LEN)\` with \`SEQ_LEN = 50\`). A count chosen by a parameter's default
(\`self.inplanes = 128 if deep_base else 64\`) is not taken as the count: the same parameter may
choose the layers too (\`if deep_base:\` a stem ending in 128 channels, else one of 64), and a
mismatch must hold on one path, not across two. Nor is a layer of a module class the file builds
with different widths in different places (\`PointConv(1536, 2048)\` in one class, \`PointConv(8, 48)\`
in another) when the BatchNorm is not built beside it: the analysis does not tell those instances
apart.

## Why is this bad?
PyTorch only notices when the first batch arrives: \`RuntimeError: running_mean should contain 64
elements not 128\`, often after minutes of data loading, or never in a code path your tests skip.

## Example
\`\`\`python
self.conv = nn.Conv2d(3, 64, 3)
self.bn = nn.BatchNorm2d(128)
\`\`\`

Use instead:
\`\`\`python
self.bn = nn.BatchNorm2d(64)
\`\`\`

In TF.js (\`tf.layers.batchNormalization\`) the feature count is taken from the input, so it can
only go wrong through \`axis\`: the rule flags an \`axis\` that selects a dimension other than the
producer's channels, e.g. \`axis: 1\` after a \`channelsLast\` \`conv2d\` (whose output is
\`[batch, height, width, channels]\`), or the default \`axis: -1\` after a \`channelsFirst\` one.
TF.js accepts it silently and learns one mean and variance per row instead of per channel.

## Fix
Sets \`num_features\` to the producer's count (none when the count comes from a caller or a
\`partial\`). TF.js: sets \`axis\` to the producer's channel axis (\`-1\`, or \`1\` for \`channelsFirst\`).

## Fix safety
Always unsafe: the producer may be the one that is wrong, and the BatchNorm's parameters change
shape, so a checkpoint saved from the old model no longer loads.

## References
- PyTorch \`BatchNorm2d\`: "num_features – C from an expected input of size (N, C, H, W)".
`,
  },
  check({ model, report }) {
    for (const edge of model.edges) {
      const { from, to } = edge;
      const tfjs = tfjsBatchNormAxis(edge);
      if (tfjs) {
        // The features are the input's size along `axis`: wrong when `axis` is not the channel axis.
        const { layout, axis, index, channelAxisText } = tfjs;
        // An axis outside the tensor is BN402's.
        if (index < 0 || index >= layout.rank || index === layout.channelAxis) continue;
        report({
          message: `${to.spec.displayName} normalizes axis ${axis.value} (\`${layout.dims[index]}\`), not the channels: use \`axis: ${channelAxisText}\`.`,
          explanation: `${to.spec.displayName} normalizes axis ${axis.value}${axis.isDefault ? ' (the default)' : ''}, which is \`${layout.dims[index]}\` in the [${layout.dims.join(', ')}] output of the ${from.spec.displayName} feeding it: it learns one mean and variance per index along \`${layout.dims[index]}\` instead of per channel (axis ${layout.channelAxis}). Use \`axis: ${channelAxisText}\`.`,
          range: to.range,
          focus: axisFocus(to, axis.argument),
          related: [{ range: from.range, message: `${from.spec.displayName} with its channels on axis ${layout.channelAxis}` }],
          fixes: tfjs.fixes,
        });
        continue;
      }
      if (to.spec.role !== 'batchnorm' || !to.spec.featuresParam || !from.spec.outFeaturesParam) continue;
      if (!preservesShape(edge)) continue;
      const produced = argumentFor(from, from.spec.outFeaturesParam).value;
      const expected = argumentFor(to, to.spec.featuresParam);
      if (typeof produced !== 'number' || typeof expected.value !== 'number' || produced === expected.value) {
        const byName = mismatchByName(edge);
        if (byName) report(byName);
        continue;
      }
      if (expected.argument?.valueName && sequenceAxisCount(edge, expected.value, model.layers)) continue;
      // The same construction also built with another width (a class built with other arguments
      // elsewhere: its instances share the attributes the wiring reads): which width feeds here is unknown.
      if (!builtTogether(from, to) && builtAlsoOtherwise(from, produced, model.layers)) continue;
      // A count set by a partial or passed in by a caller is not this call's to rewrite.
      const fromPartial =
        expected.argument?.fromPartial !== undefined || expected.argument?.fromDict !== undefined || expected.argument?.viaParameter !== undefined;
      report({
        message: `${to.spec.displayName} expects ${expected.value} features, but the ${from.spec.displayName} feeding it produces ${produced}.`,
        explanation: `${to.spec.displayName} expects ${expected.value} features, but the ${from.spec.displayName} feeding it produces ${produced} (${from.spec.outFeaturesParam}=${produced}); PyTorch raises a RuntimeError on the first batch.`,
        range: to.range,
        focus: to.calleeRange,
        related: [{ range: from.range, message: `${from.spec.displayName} producing ${produced} channels` }],
        fixes: fromPartial
          ? []
          : [{ title: `Set ${to.spec.featuresParam} to ${produced}`, applicability: 'unsafe', edits: to.editor.setArgument(to.spec.featuresParam, produced) }],
      });
    }
  },
};

/**
 * A Linear keeps every leading dimension: on (batch, length, features) input it feeds a
 * BatchNorm1d (batch, length, out), which normalizes dimension 1, the length. A count there that
 * no layer of the file takes in or puts out may be that length, so the mismatch holds only on
 * (batch, features) input, which nothing proves. The caller asks this only for a count written as
 * a name (`BatchNorm1d(SEQ_LEN)`); a literal (`BatchNorm1d(128)` after `Linear(784, 256)`) is
 * taken as a feature count.
 */
function sequenceAxisCount(edge: LayerEdge, count: number, layers: readonly LayerConstruction[]): boolean {
  const { from, to } = edge;
  if (from.spec.spatialRank !== 0 || !to.spec.acceptsSpatialRanks?.includes(1)) return false;
  const featureCounts = layers.flatMap((layer) =>
    [layer.spec.inFeaturesParam, layer.spec.outFeaturesParam].flatMap((param) => (param ? [argumentFor(layer, param).value] : [])),
  );
  return !featureCounts.includes(count);
}

/**
 * `nn.Linear(hidden_dim, out_dim)` feeding `nn.BatchNorm1d(hidden_dim)`: the BatchNorm is sized by
 * the producer's input count, by name, while the producer's output has another name. Likely wrong
 * whatever the values (both defaults may happen to be equal); reported as likely, naming both.
 */
function mismatchByName(edge: LayerEdge): ReportedFinding | undefined {
  const { from, to } = edge;
  if (!from.spec.inFeaturesParam || !from.spec.outFeaturesParam || !to.spec.featuresParam) return undefined;
  // Names mean the same only in the same function.
  if (!from.scope || from.scope.start !== to.scope?.start || from.scope.end !== to.scope.end) return undefined;
  const name = (layer: LayerConstruction, param: string) => {
    const argument = argumentFor(layer, param).argument;
    return argument && !argument.fromPartial ? argument.valueName : undefined;
  };
  const input = name(from, from.spec.inFeaturesParam);
  const output = name(from, from.spec.outFeaturesParam);
  const expected = name(to, to.spec.featuresParam);
  if (!input || !output || !expected || expected !== input || input === output) return undefined;
  return {
    message: `${to.spec.displayName}(${expected}) likely expects the wrong number of features: use \`${output}\`.`,
    explanation: `${to.spec.displayName}(${expected}) likely expects the wrong number of features: the ${from.spec.displayName} feeding it takes \`${input}\` features in and produces \`${output}\` (${from.spec.outFeaturesParam}=${output}). Unless the two are always equal, PyTorch raises a RuntimeError on the first batch; use \`${output}\`.`,
    range: to.range,
    focus: to.calleeRange,
    related: [{ range: from.range, message: `${from.spec.displayName} producing \`${output}\` features` }],
  };
}

/** What a wrong TF.js `axis` finding points at: the `axis` argument when the call writes it, else (a default, a shared config) the callee. */
export function axisFocus(layer: LayerConstruction, axis: BoundArgument | undefined): TextRange {
  const written = axis && !axis.fromPartial && layer.range.start <= axis.range.start && axis.range.end <= layer.range.end;
  return written ? axis.range : layer.calleeRange;
}
