import { argumentFor } from '../model/model';
import { preservesShape } from './chain';
import type { Rule } from './rule';

export const featuresMismatch: Rule = {
  meta: {
    code: 'BN401',
    name: 'batchnorm-features-mismatch',
    defaultSeverity: 'error',
    summary: "A BatchNorm's num_features differs from the channels the layer feeding it produces.",
    fix: 'unsafe',
    docs: `# BN401 batchnorm-features-mismatch

## What it does
Flags a BatchNorm whose \`num_features\` differs from the number of channels (or features) produced
by the layer that feeds it (\`out_channels\` of a convolution, \`out_features\` of a \`Linear\`), when
both are constants the analyzer can resolve and only shape-preserving ops (activations, pooling,
dropout, padding, residual adds) sit between them. Data flow decides what feeds what, not the
order of declarations in \`__init__\`.

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

## Fix
Unsafe: sets \`num_features\` to the producer's count. The producer may be the one that is wrong.

## References
- PyTorch \`BatchNorm2d\`: "num_features – C from an expected input of size (N, C, H, W)".
`,
  },
  check({ model, report }) {
    for (const edge of model.edges) {
      const { from, to } = edge;
      if (to.spec.role !== 'batchnorm' || !to.spec.featuresParam || !from.spec.outFeaturesParam) continue;
      if (!preservesShape(edge)) continue;
      const produced = argumentFor(from, from.spec.outFeaturesParam).value;
      const expected = argumentFor(to, to.spec.featuresParam);
      if (typeof produced !== 'number' || typeof expected.value !== 'number' || produced === expected.value) continue;
      const fromPartial = expected.argument?.fromPartial !== undefined;
      report({
        message: `${to.spec.displayName} expects ${expected.value} features, but the ${from.spec.displayName} feeding it produces ${produced} (${from.spec.outFeaturesParam}=${produced}); PyTorch raises a RuntimeError on the first batch.`,
        range: to.range,
        related: [{ range: from.range, message: `${from.spec.displayName} producing ${produced} channels` }],
        fixes: fromPartial
          ? []
          : [{ title: `Set ${to.spec.featuresParam} to ${produced}`, applicability: 'unsafe', edits: to.editor.setArgument(to.spec.featuresParam, produced) }],
      });
    }
  },
};
