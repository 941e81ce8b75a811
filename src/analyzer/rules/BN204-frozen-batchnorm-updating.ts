import { lineBreakOf } from '../text';
import { calleeOf, insertLines, methodOf } from './modeText';
import type { Rule } from './rule';

export const frozenBatchNormStillUpdating: Rule = {
  meta: {
    code: 'BN204',
    name: 'frozen-batchnorm-still-updating',
    defaultSeverity: 'info',
    summary: 'Parameters were frozen with requires_grad=False, but .train() puts their BatchNorm layers back to updating running statistics.',
    fix: 'unsafe',
    needs: ['modes'],
    docs: `# BN204 frozen-batchnorm-still-updating

## What it does
Flags \`.train()\` on a model when the file freezes its parameters (or a part such as
\`model.backbone\`) with \`requires_grad = False\` / \`requires_grad_(False)\` and never puts the
BatchNorm modules back in eval mode (no \`isinstance(m, nn.BatchNorm2d)\` loop calling \`m.eval()\`,
no \`freeze_bn\`-style method, no \`train()\` override that does it). The remedy counts right after
the \`.train()\` too, also as a loop over the frozen parts (\`for i in range(k): net.convnets[i].eval()\`
for parts frozen as \`net.convnets[i]\`); it must cover every frozen part (\`net.convnets[0].eval()\`
alone does not). A plain class's own \`train()\` method (a continual-learning learner that is no
\`nn.Module\`) is a \`train()\` override: \`self.train()\` runs it, and when it puts parts back in eval
and trains nothing itself, the file is silent.

It also flags a framework loop that trains such a model: Lightning's \`trainer.fit(model)\` (or
\`model.fit(...)\`), which calls \`model.train()\` itself, when the model is frozen by name or is an
instance of a same-file class whose methods freeze \`self.X\`, and no method of the class puts
those modules back in eval (\`self.backbone.eval()\` in \`on_train_epoch_start\`). A training
function of another project file counts as such a loop when it switches the model it is given to
train before its training steps (\`engine.train(model=model, ...)\`, whose \`train_step\` calls
\`model.train()\`).

It also flags the forward call of a frozen model in a training loop when nothing ever calls
\`.train()\`: a pretrained or loaded model is in training mode from the start (a linear probe
written as a plain loop), so its frozen BatchNorm layers update with every batch.

And it flags a part a module's \`forward\` runs under \`torch.no_grad()\` as a frozen feature
extractor (\`with torch.no_grad(): features = self.resnet(images)\`), when that part provably holds
BatchNorm (a BatchNorm layer, or a torchvision network that has them, built in \`__init__\`) and the
class never puts it in eval (no \`self.resnet.eval()\`, no \`train()\` override). The squiggle is on
that call.

Only where BatchNorm can be: the file builds a BatchNorm layer (also through a class of another
project file), calls a model-zoo builder whose networks have them (\`models.resnet50()\`), names such
a network for a builder that takes names (\`timm.create_model("resnet50")\`, \`--arch resnet18\`),
or imports a project file that spells one. A frozen BERT, CLIP ViT or MLP, or a checkpoint of
unknown make in a file that shows none of these, has no running statistics to drift: silent.

A freeze belongs to the model the name held when it was made: after \`net = models.resnet50()\`
rebinds the name to a fresh network (a later notebook cell), training that network is not reported.

## Why is this bad?
\`requires_grad=False\` stops gradient updates of γ and β, but BatchNorm's running mean and variance
are buffers updated by every forward pass in training mode. After \`.train()\`, the "frozen"
backbone's statistics drift toward the fine-tuning data, often with small batches, which quietly
destroys what pretraining learned. This is the classic fine-tuning trap with detection and
segmentation backbones.

## Example
\`\`\`python
for p in model.backbone.parameters():
    p.requires_grad = False
model.train()
\`\`\`

Use instead:
\`\`\`python
model.train()
for module in model.backbone.modules():
    if isinstance(module, nn.modules.batchnorm._BatchNorm):
        module.eval()
\`\`\`

## Fix
Inserts, after \`.train()\`, a loop that calls \`.eval()\` on every BatchNorm module of the
model. Remember to repeat it after every later \`.train()\` (or override \`train()\` in the model).

## Fix safety
No fix for a part run under no_grad in \`forward\`: the remedy is a \`train()\` override in the
class. No fix at a framework loop's \`fit\`: the loop switches to train inside, so a line after the call
comes too late; override \`train()\` or use a hook. For a frozen model that trains without any
\`.train()\`, the loop goes before the training loop, unsafe for the same reasons. Elsewhere unsafe: whether *all* BatchNorms should stop updating is a design decision (a partly frozen model
may want its unfrozen head's BatchNorm to keep learning), and it changes what training computes.
Not reported for a network that has no BatchNorm (a torchvision ViT, Swin or ConvNeXt), when the file also unfreezes the same parameters (\`requires_grad = True\`, an
\`unfreeze()\`, a GAN toggling its discriminator), when the freeze cannot precede the
\`.train()\`, or when BatchNorm is already kept in eval.

## References
- torchvision's \`FrozenBatchNorm2d\` and detectron2's \`FrozenBatchNorm2d\` docs.
`,
  },
  check({ model, report }) {
    const lineBreak = lineBreakOf(model.text);
    for (const call of model.modes?.frozenTrainCalls ?? []) {
      if (call.batchNormKeptInEval) continue;
      if (call.noGradForward) {
        // The fix belongs in the class (a `train()` override): too much to write for the user.
        report({
          message: `\`${call.model}\` under no_grad still updates its BatchNorm in train mode: keep it in eval.`,
          explanation: `The module's forward runs \`${call.model}\` under \`torch.no_grad()\`, as a frozen feature extractor, but no_grad does not switch modes: whenever the module is in training mode, the BatchNorm layers of \`${call.model}\` normalize by each batch and their running statistics drift toward the new data, so the "frozen" part changes. Put it in eval mode for good: override \`train()\` to call \`super().train(mode)\` and then \`${call.model}.eval()\`.`,
          range: call.range,
          focus: calleeOf(model.text, call.range, model.language),
        });
        continue;
      }
      if (call.frameworkLoop) {
        // The loop calls `.train()` inside: a line after it comes too late, so no fix.
        report({
          message: `This loop puts \`${call.model}\` in train mode: its frozen BatchNorm layers update again.`,
          explanation: `The framework's training loop calls \`${call.model}.train()\` before training, which switches every BatchNorm back to updating its running statistics, although this file freezes the model's parameters with requires_grad=False: the frozen layers' statistics will drift toward the fine-tuning data. Keep the frozen BatchNorm modules in eval from inside the loop: override the model's \`train()\` or switch them in a hook such as Lightning's \`on_train_epoch_start\`.`,
          range: call.range,
          focus: calleeOf(model.text, call.range, model.language),
        });
        continue;
      }
      const keepInEval = (title: string) => [
        {
          title,
          applicability: 'unsafe' as const,
          edits: [
            insertLines(
              call.after,
              [
                `for module in ${call.model}.modules():`,
                `    if isinstance(module, ${call.torchNnName}.modules.batchnorm._BatchNorm):`,
                '        module.eval()',
              ],
              lineBreak,
            ),
          ],
        },
      ];
      if (call.neverSwitched) {
        report({
          message: `\`${call.model}\` is frozen but trains in train mode: its BatchNorm statistics still update.`,
          explanation: `\`${call.model}\` has been in training mode since it was built or loaded, and this loop trains with it although the file freezes its parameters with requires_grad=False: requires_grad does not stop BatchNorm, whose running statistics drift toward the training batches of this loop, so the "frozen" layers change. Put the frozen BatchNorm modules in eval before the loop (and again after any later \`.train()\`).`,
          range: call.range,
          focus: calleeOf(model.text, call.range, model.language),
          fixes: keepInEval('Keep BatchNorm modules in eval before the training loop'),
        });
        continue;
      }
      report({
        message: `\`${call.model}.train()\` makes frozen BatchNorm layers update again: set them to eval after it.`,
        explanation: `\`${call.model}.train()\` switches every BatchNorm back to updating its running statistics, although this file freezes the model's parameters with requires_grad=False: the frozen layers' statistics will drift toward the fine-tuning data. Put the BatchNorm modules back in eval after \`.train()\`.`,
        range: call.range,
        focus: methodOf(model.text, call.range, model.language),
        fixes: keepInEval('Keep BatchNorm modules in eval after .train()'),
      });
    }
  },
};
