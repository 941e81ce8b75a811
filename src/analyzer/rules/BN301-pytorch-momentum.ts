import { describeValue, formatNumber } from '../numbers';
import { convertMomentum, describeWindow, momentumSettings, updateRule } from './momentum';
import type { Rule } from './rule';

export const pytorchMomentumInKerasConvention: Rule = {
  meta: {
    code: 'BN301',
    name: 'pytorch-momentum-in-keras-convention',
    defaultSeverity: 'warning',
    summary: 'A PyTorch BatchNorm momentum above 0.5: probably a Keras-convention value.',
    fix: 'unsafe',
    needs: ['layers'],
    docs: `# BN301 pytorch-momentum-in-keras-convention

## What it does
Flags a PyTorch BatchNorm (\`BatchNorm1d/2d/3d\`, \`SyncBatchNorm\`, \`Lazy*\`, \`InstanceNorm*\`) whose
\`momentum\` is above 0.5 and below 1, wherever it is set: in the call, in a \`functools.partial(...)\`, or by
assigning \`module.momentum = x\` to a module known (or \`isinstance\`-checked) to be a BatchNorm, or
in a dict literal spread into the call (\`BatchNorm2d(c, **_BATCH_NORM_PARAMS)\`, the dict bound once
at module level and used only in such spreads, so nothing rewrites it in between).
A layer that keeps no running statistics never reads its momentum and is not flagged: an
\`InstanceNorm*\` without \`track_running_stats=True\`, a BatchNorm with \`track_running_stats=False\`.

## Why is this bad?
The two frameworks use opposite conventions:

| framework | update | default |
|---|---|---|
| PyTorch | \`running = (1 − m)·running + m·batch\` | \`m = 0.1\` |
| Keras, TF.js, Flax | \`moving = m·moving + (1 − m)·batch\` | \`m = 0.99\` |

A Keras value such as 0.99 pasted into PyTorch makes the running statistics almost a copy of the
last batch: the effective averaging window is about \`1/m\` ≈ 1 batch instead of ≈ 100. Training
looks fine (it uses batch statistics), but evaluation normalizes with the statistics of whichever
batch came last, and accuracy after \`model.eval()\` becomes noisy or collapses.

\`momentum=None\` is valid: a cumulative average over all batches.

## Example
\`\`\`python
bn = nn.BatchNorm2d(64, momentum=0.99)
\`\`\`

Use instead:
\`\`\`python
bn = nn.BatchNorm2d(64, momentum=0.01)   # Keras momentum 0.99 in PyTorch's convention
\`\`\`

## Fix
Replaces \`m\` with \`1 − m\`. None when the value comes from a caller (a parameter) or from a
\`**\` dict, which may configure other layers too.

Exactly 0.5 and 1.0 are not flagged: 0.5 updates the same in both conventions, and 1.0 (each
batch's statistics become the running ones) is a deliberate PyTorch choice, while as a Keras value
it would freeze the statistics, which nobody means.

## Fix safety
Always unsafe: it changes how fast the running statistics follow the batches, on purpose, and so
what the model computes in eval mode. Check which averaging window you want before applying it.

## References
- PyTorch \`BatchNorm2d\` docs: "This momentum argument is different from one used in optimizer classes and the conventional notion of momentum."
- Keras \`BatchNormalization\` docs: \`moving_mean = moving_mean * momentum + mean(batch) * (1 - momentum)\`.
`,
  },
  check({ model, report }) {
    for (const setting of momentumSettings(model)) {
      // 0.5 updates the same in both conventions: it cannot be the other framework's value. Nor can
      // 1.0: in Keras it would freeze the statistics, which nobody writes; in PyTorch it keeps each
      // batch's statistics, a deliberate choice (meta-learning, tests of the update rule).
      if (setting.convention !== 'pytorch' || setting.value <= 0.5 || setting.value >= 1) continue;
      const meant = convertMomentum(setting.value);
      const given = describeValue(setting.valueText, setting.value);
      report({
        message: `momentum=${given} looks like a Keras-style value: in PyTorch that is ${formatNumber(meant)}.`,
        explanation:
          `momentum=${given} on ${setting.spec.displayName} looks like a Keras-convention value. ` +
          `PyTorch updates ${updateRule(setting.value, 'pytorch')} (averaging over ${describeWindow(setting.value, 'pytorch')}), ` +
          `while Keras' momentum=${formatNumber(setting.value)} means ${updateRule(setting.value, 'keras', 'moving')} (${describeWindow(setting.value, 'keras')}). ` +
          `You probably meant momentum=${formatNumber(meant)}; PyTorch's default is 0.1.`,
        range: setting.range,
        focus: setting.focus,
        // 1 − m = 0 would freeze the statistics: no mechanical fix.
        fixes:
          meant === setting.value || meant === 0 || !setting.replaceWith
            ? []
            : [
                {
                  title: `Change momentum to ${formatNumber(meant)} (1 − ${formatNumber(setting.value)})`,
                  applicability: 'unsafe',
                  edits: setting.replaceWith(meant),
                },
              ],
      });
    }
  },
};
