import { preservesShape } from './chain';
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

## Why is this bad?
PyTorch checks the input's rank at run time: \`ValueError: expected 4D input (got 2D input)\`.
The error appears only when that code path first runs.

## Example
\`\`\`python
nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm1d(16))
\`\`\`

Use instead:
\`\`\`python
nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16))
\`\`\`

## Fix
Unsafe: replaces the class with the matching one (\`BatchNorm2d\`, keeping a \`Lazy\` prefix).

## References
- PyTorch \`BatchNorm1d/2d/3d\` docs (Shape sections).
`,
  },
  check({ model, report }) {
    for (const edge of model.edges) {
      const { from, to } = edge;
      const accepted = to.spec.acceptsSpatialRanks;
      const produced = from.spec.spatialRank;
      if (to.spec.role !== 'batchnorm' || !accepted || produced === undefined) continue;
      if (from.spec.framework !== to.spec.framework || !preservesShape(edge) || accepted.includes(produced)) continue;
      const right = to.spec.name.replace(/\dd$/, `${Math.max(produced, 1)}d`);
      // Only `nn.BatchNorm1d` is safe to rename: an alias or a bare import would need a new import.
      const renamable = to.calleeText.includes('.') && to.calleeText.endsWith(to.spec.name);
      report({
        message: `${to.spec.displayName} expects ${accepted.map(dimensionName).join(' or ')} input, but the ${from.spec.displayName} feeding it produces ${dimensionName(produced)}: use ${right}. PyTorch raises a ValueError on the first batch.`,
        range: to.range,
        related: [{ range: from.range, message: `${from.spec.displayName} producing ${dimensionName(produced)}` }],
        fixes: renamable ? [{ title: `Replace with ${right}`, applicability: 'unsafe', edits: to.editor.replaceCalleeName(right) }] : [],
      });
    }
  },
};
