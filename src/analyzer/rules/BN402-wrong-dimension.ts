import { pytorchLayerForRank } from '../frameworks/pytorch';
import { axisFocus } from './BN401-features-mismatch';
import { preservesShape, tfjsBatchNormAxis } from './chain';
import type { Rule } from './rule';

function dimensionName(spatialRank: number): string {
  return spatialRank === 0 ? '(N, C)' : spatialRank === 1 ? '(N, C, L)' : spatialRank === 2 ? '(N, C, H, W)' : '(N, C, D, H, W)';
}

export const wrongDimension: Rule = {
  meta: {
    code: 'BN402',
    name: 'batchnorm-wrong-dimension',
    defaultSeverity: 'error',
    summary: 'A BatchNorm of the wrong dimensionality for the layer feeding it (BatchNorm1d after Conv2d, ...).',
    fix: 'unsafe',
    needs: ['layers'],
    docs: `# BN402 batchnorm-wrong-dimension

## What it does
Flags a PyTorch BatchNorm whose dimensionality does not match the tensor the previous layer
produces: \`BatchNorm1d\` after \`Conv2d\`, \`BatchNorm2d\` after \`Linear\` or \`Conv1d\`, \`BatchNorm3d\`
after \`Conv2d\`, and so on. A reshape, flatten or unknown call in between (which can restore the
rank) silences it.

| producer | output | BatchNorm |
|---|---|---|
| \`Linear\` | (N, C) | \`BatchNorm1d\` |
| \`Conv1d\` | (N, C, L) | \`BatchNorm1d\` |
| \`Conv2d\` | (N, C, H, W) | \`BatchNorm2d\` |
| \`Conv3d\` | (N, C, D, H, W) | \`BatchNorm3d\` |

In TF.js, \`tf.layers.batchNormalization\` accepts any rank, so the rule flags an \`axis\` outside the
tensor the producer makes: \`axis: 3\` after a \`dense\` layer whose output is \`[batch, units]\`
(known when the dense layer has an \`inputShape\`), or \`axis: 4\` after a \`conv2d\`.

## Why is this bad?
PyTorch checks the input's rank at run time: \`ValueError: expected 4D input (got 2D input)\`.
The error appears only when that code path first runs. TF.js throws when the model is built:
\`ValueError: Axis 3 of input tensor should have a defined dimension but the layer received an
input with shape [null,10]\`.

## Example
\`\`\`python
nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm1d(16))
\`\`\`

Use instead:
\`\`\`python
nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16))
\`\`\`

## Fix
Replaces the class with the matching one (\`BatchNorm2d\`, keeping a \`Lazy\` prefix). TF.js: sets
\`axis\` to the producer's channel axis (\`-1\`, or \`1\` for \`channelsFirst\`).

## Fix safety
Always unsafe: the input's rank may be what is wrong (a missing reshape), and the fixed layer
normalizes different axes, which changes what the model computes.

## References
- PyTorch \`BatchNorm1d/2d/3d\` docs (Shape sections).
`,
  },
  check({ model, report }) {
    for (const edge of model.edges) {
      const { from, to } = edge;
      const tfjs = tfjsBatchNormAxis(edge);
      if (tfjs) {
        const { layout, axis, index, channelAxisText } = tfjs;
        if (index >= 0 && index < layout.rank) continue;
        report({
          message: `${to.spec.displayName} axis ${axis.value} is outside the rank-${layout.rank} input: use \`axis: ${channelAxisText}\`.`,
          explanation: `${to.spec.displayName} normalizes axis ${axis.value}, but the ${from.spec.displayName} feeding it produces a rank-${layout.rank} tensor [${layout.dims.join(', ')}]: TF.js throws a ValueError ("Axis ${index} of input tensor should have a defined dimension") when the model is built. Use \`axis: ${channelAxisText}\` for the channels.`,
          range: to.range,
          focus: axisFocus(to, axis.argument),
          related: [{ range: from.range, message: `${from.spec.displayName} producing [${layout.dims.join(', ')}]` }],
          fixes: tfjs.fixes,
        });
        continue;
      }
      const accepted = to.spec.acceptsSpatialRanks;
      const produced = from.spec.spatialRank;
      if (to.spec.role !== 'batchnorm' || !accepted || produced === undefined) continue;
      if (from.spec.framework !== to.spec.framework || !preservesShape(edge) || accepted.includes(produced)) continue;
      const right = pytorchLayerForRank(to.spec.name, Math.max(produced, 1));
      // Only `nn.BatchNorm1d` is safe to rename: an alias or a bare import would need a new import.
      const renamable = to.calleeText.includes('.') && to.calleeText.endsWith(to.spec.name);
      report({
        message: `${to.spec.displayName} after ${from.spec.displayName}, which produces ${dimensionName(produced)}: use ${right}.`,
        explanation: `${to.spec.displayName} expects ${accepted.map(dimensionName).join(' or ')} input, but the ${from.spec.displayName} feeding it produces ${dimensionName(produced)}: use ${right}. PyTorch raises a ValueError on the first batch.`,
        range: to.range,
        focus: to.calleeRange,
        related: [{ range: from.range, message: `${from.spec.displayName} producing ${dimensionName(produced)}` }],
        fixes: renamable ? [{ title: `Replace with ${right}`, applicability: 'unsafe', edits: to.editor.replaceCalleeName(right) }] : [],
      });
    }
  },
};
