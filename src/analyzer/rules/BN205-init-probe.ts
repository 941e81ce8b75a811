import { pytorchModeSwitchCalls, pytorchTrainingAttribute } from '../frameworks/pytorch';
import { lineBreakOf } from '../text';
import { calleeOf } from './modeText';
import type { Rule } from './rule';

export const initProbePollutesStatistics: Rule = {
  meta: {
    code: 'BN205',
    name: 'batchnorm-stats-polluted-by-probe',
    defaultSeverity: 'info',
    summary: "A forward pass in __init__ on a dummy tensor updates BatchNorm's running statistics.",
    fix: 'unsafe',
    needs: ['modes'],
    docs: `# BN205 batchnorm-stats-polluted-by-probe

## What it does
Flags a forward pass made in a module's \`__init__\` — commonly on \`torch.zeros(...)\` or
\`torch.randn(...)\` to infer a flattened size — while the module is in training mode (the default),
when the module may contain BatchNorm. A probe of a part the code put in eval first (\`self.body.eval()\` before
\`self.body(torch.zeros(...))\`) is silent, as after \`self.eval()\`. So is a probe of a part built only of layers
without BatchNorm (the conv stack a BatchNorm classifier is sized from).

## Why is this bad?
In training mode every forward pass updates BatchNorm's running mean and variance, even inside
\`torch.no_grad()\`. The probe feeds them zeros or noise before training even starts, and
\`num_batches_tracked\` counts it. With the default momentum the damage fades, but with
\`momentum=None\` (cumulative average) or short training it stays, and a model evaluated right after
construction (tests, sanity checks) is already off.

## Example
\`\`\`python
def __init__(self):
    super().__init__()
    self.features = nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16), nn.ReLU())
    n = self.features(torch.zeros(1, 3, 32, 32)).numel()
\`\`\`

Use instead:
\`\`\`python
    was_training = self.training
    self.eval()
    n = self.features(torch.zeros(1, 3, 32, 32)).numel()
    self.train(was_training)
\`\`\`

## Fix
Wraps the statement with a save, \`self.eval()\` and a restore of the mode.

## Fix safety
Unsafe: it runs only in the module's own \`__init__\` (where \`self\` is bound and is a
\`torch.nn.Module\`) and the probe's output is the same shape in either mode, but
\`self.train(was_training)\` sets every sub-module to the module's own mode: a sub-module passed in
already in eval mode (a frozen backbone) comes out in train mode. Check that none is. Only calls that reach a forward pass are reported (\`self(x)\`,
\`self.forward(x)\`, a sub-module this \`__init__\` assigned), never bookkeeping such as
\`register_buffer\`, \`apply\` or \`to\`. After the fix the probe runs in eval, so a second
\`--fix\` changes nothing.

## References
- PyTorch docs, \`BatchNorm2d\`: running estimates are updated in training mode.
`,
  },
  check({ model, report }) {
    const lineBreak = lineBreakOf(model.text);
    for (const probe of model.modes?.initProbes ?? []) {
      const endOfStatementLine = model.text.indexOf('\n', probe.statement.end);
      const afterOffset = endOfStatementLine < 0 ? model.text.length : endOfStatementLine + 1;
      const trailing = endOfStatementLine < 0 ? lineBreak : '';
      report({
        message: 'This forward pass in __init__ updates BatchNorm running statistics: run it in eval mode.',
        explanation:
          'This forward pass runs in __init__ while the module is in training mode: BatchNorm updates its running statistics with the dummy tensor (also under torch.no_grad()). Switch to eval for the probe and restore the mode afterwards.',
        range: probe.range,
        focus: calleeOf(model.text, probe.range, model.language),
        fixes: [
          {
            title: 'Run the probe in eval mode and restore the mode',
            applicability: 'unsafe',
            edits: [
              {
                range: { start: probe.lineStart, end: probe.lineStart },
                newText: `${probe.indent}was_training = self.${pytorchTrainingAttribute}${lineBreak}${probe.indent}self${pytorchModeSwitchCalls.evalWithoutArguments}${lineBreak}`,
              },
              {
                range: { start: afterOffset, end: afterOffset },
                newText: `${trailing}${probe.indent}self${pytorchModeSwitchCalls.train}was_training)${lineBreak}`,
              },
            ],
          },
        ],
      });
    }
  },
};
