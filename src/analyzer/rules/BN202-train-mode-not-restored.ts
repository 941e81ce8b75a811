import { PYTORCH_WRAPPED_MODULE_SUFFIX, pytorchModeSwitchCalls } from '../frameworks/pytorch';
import type { TextRange } from '../types';
import { lineBreakOf } from '../text';
import { calleeOf, insertLines, methodOf } from './modeText';
import type { Rule } from './rule';

const inside = (outer: TextRange, inner: TextRange) => inner.start >= outer.start && inner.end <= outer.end;

/** `model` for `model.eval()` or `model.module.train(False)` (spaces and `.module` left out), as the model analysis names it. */
function receiverOf(text: string, call: TextRange): string {
  const written = text.slice(call.start, call.end).replace(/\s+/g, '');
  const method = Math.max(written.lastIndexOf(pytorchModeSwitchCalls.eval), written.lastIndexOf(pytorchModeSwitchCalls.train));
  return (method > 0 ? written.slice(0, method) : written).replace(PYTORCH_WRAPPED_MODULE_SUFFIX, '');
}

export const trainModeNotRestored: Rule = {
  meta: {
    code: 'BN202',
    name: 'train-mode-not-restored',
    defaultSeverity: 'warning',
    summary: 'A training loop switches the model to eval (to validate) and the next training step can run without model.train().',
    fix: 'unsafe',
    needs: ['modes'],
    docs: `# BN202 train-mode-not-restored

## What it does
Flags the point inside a training loop (a loop whose body calls \`.backward()\` or
\`optimizer.step()\`, directly or through a function of the same file) where the model is switched to
eval mode — an inline \`model.eval()\` or a call to an evaluation routine that calls it — when the
next training step can be reached without \`model.train()\`. This includes mid-epoch validation
every N steps when \`model.train()\` is only called before the loop or at the start of each epoch.
Closures count as functions do: an evaluation closure of \`main()\` that another closure of
\`main()\` calls mid-epoch acts on \`main()\`'s model.
A module that trains itself (a Keras-style \`fit\` method that calls \`self.train()\` and runs a
training step) is the model in its own methods: a \`self.evaluate()\` that calls \`self.eval()\`
counts, also in a base class whose BatchNorm or Dropout come from a subclass.

Not flagged: a model known to hold neither BatchNorm nor Dropout (it trains the same in eval
mode); \`model.train()\` re-issued before each step; evaluation routines that save and restore
the mode (\`was_training = model.training ... model.train(was_training)\`, or \`model.train()\` in a
\`finally\` the \`return\` leaves through); deliberate BatchNorm
freezing that calls \`.eval()\` only on BatchNorm submodules; a model the loop does not train (an
evaluation-only wrapper sharing the trained encoder, built in training mode but neither run with
gradients in the loop nor handed to a call outside no_grad there); and an alias of the model (\`net_ = net.module\`, bound after the step) for a
switch written on the model itself; and models handed by unpacking (\`run_epoch(*state, epoch)\`) to a
function that switches the mode of a parameter: which model it switches is not known.

## Why is this bad?
After the first validation, every later epoch trains with BatchNorm normalizing by its frozen
running statistics (which no longer update) and with Dropout switched off. Training still runs and
the loss still goes down, so the bug is easy to miss; the model simply trains worse.

## Example
\`\`\`python
model.train()
for epoch in range(epochs):
    for x, y in train_loader:
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    evaluate(model, val_loader)   # calls model.eval()
\`\`\`

Use instead:
\`\`\`python
for epoch in range(epochs):
    model.train()
    for x, y in train_loader:
        ...
    evaluate(model, val_loader)
\`\`\`

## Fix
Inserts \`model.train()\` right after the call to the evaluation routine, or, after an inline
\`model.eval()\` (which the evaluation code follows), at the top of the loop body.

## Fix safety
Unsafe, because it changes what the next training steps compute (in training mode, as
intended), so \`--fix\` alone does not apply it. It is placed with care: the finding exists only
when a training step of the same loop is reached after the switch
to eval, so the inserted line runs on that path before the step, after the name is bound (after
an evaluation routine, it is used on the line before; at the top of the loop body, only when the
name is bound on every path to the loop, so a model bound only under an \`if\` gets no fix), and once: afterwards no eval reaches the step and a second
\`--fix\` changes nothing. The only behaviour it changes is the one reported: the next steps train
in training mode. It is not offered for models the loop does not train (a frozen encoder kept in
eval, an EMA copy), which are not reported at all.

## References
- PyTorch docs, \`nn.Module.train\` / \`nn.Module.eval\`.
`,
  },
  check({ model, report, describeLine }) {
    const steps = model.modes?.trainingSteps ?? [];
    if (steps.length === 0) return;
    const lineBreak = lineBreakOf(model.text);
    const reported = new Set<number>();
    for (const step of steps) {
      for (const { model: ref, modes, calledInLoop, trainedInLoop, boundBeforeLoop } of step.models) {
        // Without BatchNorm or Dropout, training in eval mode computes the same.
        if (!ref.mayContainNormOrDropout) continue;
        // Only a model this loop trains: put in train mode here, or run with gradients in the loop.
        // A frozen encoder kept in eval, or an EMA copy that is only evaluated, is not; nor is a model
        // only built in training mode (a few-shot evaluator sharing the trained encoder).
        if (!modes.some((t) => (t.mode === 'train' && (!t.fresh || trainedInLoop === true)) || (t.mode === 'caller' && calledInLoop === true))) continue;
        for (const token of modes) {
          // `if phase == 'train': model.train() else: model.eval()` with the step under `if phase == 'train':`.
          const exclusive = token.guard && step.guards?.some((g) => g.condition === token.guard!.condition && g.holds !== token.guard!.holds);
          if (
            token.mode !== 'eval' ||
            // An inline switch of another name (an alias bound later, `net_ = net.module`) is that name's.
            (token.via === 'switch' && token.origin && receiverOf(model.text, token.origin) !== ref.text) ||
            token.byTrainingRoutine ||
            token.chosenForTraining ||
            exclusive ||
            !token.origin ||
            !inside(step.loop, token.origin) ||
            reported.has(token.origin.start)
          )
            continue;
          reported.add(token.origin.start);
          // After an evaluation routine, train() goes right after the call; after an inline
          // eval() the evaluation code follows it, so train() goes to the top of the loop body.
          const loop = [...step.loops].reverse().find((l) => inside(l.range, token.origin!));
          // At the top of the loop body the name must already be bound on every path (not only under an `if`).
          const at = token.via === 'switch' ? (boundBeforeLoop === false ? undefined : loop?.bodyTop) : token.after;
          const call = model.text.slice(token.origin.start, token.origin.end).split('\n')[0];
          const restore = `${ref.text}${pytorchModeSwitchCalls.trainWithoutArguments}`;
          report({
            message: `\`${ref.text}\` can reach a training step in eval mode: call \`${restore}\` after evaluating.`,
            explanation: `\`${call}\` switches \`${ref.text}\` to eval mode inside the training loop, and the training step on ${describeLine(step.range.start)} can run again without \`${restore}\`: BatchNorm would keep using frozen running statistics and Dropout would stay off. Call \`${restore}\` after evaluating.`,
            range: token.origin,
            focus: token.via === 'switch' ? methodOf(model.text, token.origin, model.language) : calleeOf(model.text, token.origin, model.language),
            related: [
              { range: step.range, message: 'training step reached in eval mode' },
              { range: { start: step.loop.start, end: Math.min(step.loop.end, step.loop.start + 1) }, message: 'the training loop' },
            ],
            fixes: at
              ? [
                  {
                    title: token.via === 'switch' ? `Insert ${restore} at the top of the loop body` : `Insert ${restore} after evaluating`,
                    applicability: 'unsafe',
                    edits: [insertLines(at, [restore], lineBreak)],
                  },
                ]
              : [],
          });
        }
      }
    }
  },
};
