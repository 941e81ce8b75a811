import { describeValue, formatNumber } from '../numbers';
import { convertMomentum, describeWindow, momentumSettings, updateRule } from './momentum';
import type { Rule } from './rule';

export const kerasMomentumInPytorchConvention: Rule = {
  meta: {
    code: 'BN302',
    name: 'keras-momentum-in-pytorch-convention',
    defaultSeverity: 'warning',
    summary: 'A Keras, Flax or TF.js BatchNorm momentum below 0.5: probably a PyTorch-convention value.',
    fix: 'unsafe',
    needs: ['layers'],
    docs: `# BN302 keras-momentum-in-pytorch-convention

## What it does
Flags a Keras/tf.keras \`BatchNormalization\` (also TF1's \`tf.layers.batch_normalization\`), a Flax
\`nn.BatchNorm\` or a TF.js \`tf.layers.batchNormalization\` whose \`momentum\` is below 0.5 (0.5 updates the same in both conventions).

## Why is this bad?
In Keras, TF.js and Flax, momentum is the weight of the *old* value:
\`moving = m·moving + (1 − m)·batch\`, default 0.99. PyTorch uses the opposite convention
(\`running = (1 − m)·running + m·batch\`, default 0.1). A PyTorch value such as 0.1 pasted into Keras
keeps only 10% of the history at every step: the moving statistics follow the last batch or two
(effective window ≈ \`1/(1 − m)\` ≈ 1.1 batches instead of ≈ 100), and inference is normalized with
noisy, unrepresentative statistics.

## Example
\`\`\`python
x = layers.BatchNormalization(momentum=0.1)(x)
\`\`\`

Use instead:
\`\`\`python
x = layers.BatchNormalization(momentum=0.9)(x)   # PyTorch momentum 0.1 in Keras' convention
\`\`\`

## Fix
Replaces \`m\` with \`1 − m\`. None when the value comes from a caller (a parameter).

## Fix safety
Always unsafe: it changes how fast the moving statistics follow the batches, on purpose, and so
what the model computes at inference. Test code sometimes sets \`momentum=0\` on purpose (to make
the moving statistics equal the last batch): the finding stays, since the rule cannot tell intent
from a slip; silence it there with \`# noqa: BN302\` (or \`per-file-ignores\` for a test folder).

## References
- Keras \`BatchNormalization\` docs (momentum: "Momentum for the moving average").
- Flax \`nn.BatchNorm\` docs: \`momentum: decay rate for the exponential moving average of the batch statistics\`.
`,
  },
  check({ model, report }) {
    for (const setting of momentumSettings(model)) {
      // 0.5 updates the same in both conventions: it cannot be the other framework's value.
      if (setting.convention !== 'keras' || setting.value >= 0.5 || setting.value < 0) continue;
      const meant = convertMomentum(setting.value);
      const given = describeValue(setting.valueText, setting.value);
      report({
        message: `momentum=${given} looks like a PyTorch-style value: here that is ${formatNumber(meant)}.`,
        explanation:
          `momentum=${given} on ${setting.spec.displayName} looks like a PyTorch-convention value. ` +
          `Here it means ${updateRule(setting.value, 'keras', 'moving')} (averaging over ${describeWindow(setting.value, 'keras')}), ` +
          `while PyTorch's momentum=${formatNumber(setting.value)} means ${updateRule(setting.value, 'pytorch')} (${describeWindow(setting.value, 'pytorch')}). ` +
          `You probably meant momentum=${formatNumber(meant)}; the default is 0.99.`,
        range: setting.range,
        focus: setting.focus,
        // 1 − m = 1 would freeze the statistics: no mechanical fix.
        fixes:
          meant === setting.value || meant === 1 || !setting.replaceWith
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
