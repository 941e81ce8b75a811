import type { LayerSpec } from '../frameworks/types';
import { formatNumber } from '../numbers';
import type { TextRange } from '../types';
import type { Rule } from './rule';

interface EpsilonSetting {
  readonly spec: LayerSpec;
  readonly value: number;
  readonly valueText: string;
  readonly range: TextRange;
  readonly positionalIndex?: number;
}

/** The short message and the long explanation of a suspicious ε; undefined when it is fine. */
function describe(setting: EpsilonSetting): { message: string; explanation: string } | undefined {
  const { spec, value, valueText } = setting;
  const param = spec.epsParam!;
  if (value <= 0) {
    const message = `${param}=${valueText} is not positive: a constant channel gives ${value === 0 ? 'inf/NaN' : 'NaN'}; use e.g. 1e-5.`;
    return {
      message,
      explanation: `${param}=${valueText} on ${spec.displayName}: with ε ≤ 0, a channel whose batch values are all equal divides by √(0 + ε) = ${value === 0 ? '0 and produces inf/NaN' : 'the square root of a negative number and produces NaN'}. Use a small positive value such as 1e-5.`,
    };
  }
  if (value < 0.1) return undefined;
  const default_ = spec.params.find((p) => p.name === param)?.default;
  const positional =
    setting.positionalIndex !== undefined && spec.framework === 'pytorch'
      ? ` It is the second positional argument: ${spec.displayName}(num_features, eps, momentum, ...) takes eps there, not momentum; a Keras-style momentum passed positionally ends up here.`
      : '';
  const message = positional
    ? `${param}=${valueText} is unusually large: the second positional argument is eps, not momentum.`
    : `${param}=${valueText} is unusually large for ε (the default is ${typeof default_ === 'number' ? formatNumber(default_) : 'much smaller'}).`;
  return {
    message,
    explanation: `${param}=${valueText} on ${spec.displayName} is unusually large: it is added to every channel's variance, so x̂ = (x − μ) / √(σ² + ${formatNumber(value)}) shrinks activations whose variance is below ~${formatNumber(value)} instead of normalizing them.${positional} The default is ${typeof default_ === 'number' ? formatNumber(default_) : 'much smaller'}.`,
  };
}

export const suspiciousEpsilon: Rule = {
  meta: {
    code: 'BN304',
    name: 'suspicious-epsilon',
    defaultSeverity: 'warning',
    summary: 'A BatchNorm epsilon of zero or less, or of 0.1 or more.',
    fix: 'none',
    needs: ['layers'],
    docs: `# BN304 suspicious-epsilon

## What it does
Flags a normalization layer's epsilon (\`eps\` in PyTorch, \`epsilon\` in Keras, Flax and TF.js'
\`tf.layers.batchNormalization\`/\`layerNormalization\` configs) that is zero or negative, or 0.1 and
above, whether set in the call, in a \`partial(...)\` or a shared TF.js config object, or by assignment.

## Why is this bad?
\`x̂ = (x − μ_B) / √(σ²_B + ε)\`. ε exists so the division stays finite when a channel's variance is
zero (a dead ReLU channel, padding, a constant image region):

- \`ε ≤ 0\`: such a channel produces \`inf\` or \`NaN\`, which then spreads through the whole network.
- \`ε ≥ 0.1\`: ε dominates small variances, so the layer no longer normalizes them. The classic
  cause is a Keras-style momentum passed as PyTorch's *second positional* argument:
  \`nn.BatchNorm2d(64, 0.9)\` sets \`eps=0.9\`, not \`momentum=0.9\`, because the signature is
  \`BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)\`.

## Example
\`\`\`python
bn = nn.BatchNorm2d(64, 0.9)
\`\`\`

Use instead:
\`\`\`python
bn = nn.BatchNorm2d(64, momentum=0.1)   # Keras momentum 0.9 in PyTorch's convention
\`\`\`

## Fix
None offered: whether the value was meant as a momentum (and in which convention) needs a human.

## Fix safety
No fix, so nothing to apply automatically.

## References
- PyTorch \`BatchNorm2d\` signature; Keras \`BatchNormalization\` (\`epsilon=0.001\`).
`,
  },
  check({ model, report }) {
    const settings: EpsilonSetting[] = [];
    const collect = (
      spec: LayerSpec,
      args: readonly {
        param?: string;
        value?: unknown;
        valueText: string;
        range: TextRange;
        valueRange: TextRange;
        positionalIndex?: number;
        fromPartial?: TextRange;
        fromDict?: TextRange;
      }[],
    ) => {
      if (!spec.epsParam) return;
      for (const arg of args) {
        if (arg.param !== spec.epsParam || typeof arg.value !== 'number' || arg.fromPartial || arg.fromDict) continue;
        settings.push({ spec, value: arg.value, valueText: arg.valueText, range: arg.range, positionalIndex: arg.positionalIndex });
      }
    };
    for (const layer of model.layers) collect(layer.spec, layer.args);
    for (const partial of model.partials) collect(partial.spec, partial.args);
    for (const assignment of model.attributeAssignments) {
      if (assignment.attribute !== assignment.spec.epsParam || typeof assignment.value !== 'number') continue;
      settings.push({ spec: assignment.spec, value: assignment.value, valueText: assignment.valueText, range: assignment.valueRange });
    }
    for (const setting of settings) {
      const described = describe(setting);
      if (described) report({ ...described, range: setting.range, focus: setting.range });
    }
    // `nn.BatchNorm2d(n, n)`: the channel count again, in eps's place, whatever its value.
    for (const layer of model.layers) {
      const { spec } = layer;
      if (!spec.epsParam || !spec.featuresParam) continue;
      const eps = layer.args.find((a) => a.param === spec.epsParam && !a.fromPartial);
      const features = layer.args.find((a) => a.param === spec.featuresParam && !a.fromPartial);
      if (!eps?.valueName || eps.valueName !== features?.valueName || typeof eps.value === 'number') continue;
      report({
        message: `${spec.epsParam}=${eps.valueText} passes the channel count as ε: pass only \`${features.valueText}\`.`,
        explanation: `${spec.epsParam}=${eps.valueText} on ${spec.displayName} is the same name as ${spec.featuresParam}: a channel count as ε is added to every channel's variance and flattens the normalization. ${spec.displayName}(${spec.featuresParam}, ${spec.epsParam}, momentum, ...) takes ε second; pass only \`${features.valueText}\`.`,
        range: eps.range,
        focus: eps.range,
      });
    }
  },
};
