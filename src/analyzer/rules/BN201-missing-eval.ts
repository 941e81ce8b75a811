import type { ModelCall, ModeToken } from '../model/modes';
import { LineIndex, lineBreakOf } from '../text';
import { calleeOf, describeOrigin, insertLines } from './modeText';
import type { Rule } from './rule';

function isInference(call: ModelCall): boolean {
  if (call.contexts.has('training-loop')) return false;
  return call.kind === 'jit-export' || call.contexts.has('no-grad') || call.contexts.has('inference-function');
}

/**
 * The modes that are certainly not eval: a fresh model or a training routine left it in training
 * mode, or (in a function named as evaluation code) a caller in this file that never switches it.
 * An explicit `model.train()` in the same function is deliberate (re-estimating BatchNorm
 * statistics under no_grad, as torch.optim.swa_utils.update_bn does), and a mode nothing here can
 * know (a loaded model, a parameter of a helper no caller here reaches) is not reported: the
 * linter stays silent when it cannot tell.
 */
function offendingModes(call: ModelCall): ModeToken[] {
  // A parameter's mode counts when the file shows a caller, or the function evaluates over data
  // (a loop); a one-off helper (`predict(model, x)`) is left to its callers elsewhere.
  const evaluationCode = call.kind === 'jit-export' || call.contexts.has('inference-function');
  const callerMatters = evaluationCode && !call.callerSwitchesToEval && (call.callerSeen === true || call.repeated === true);
  // A fresh model with its initial weights (a shape smoke test) computes nothing its mode could spoil.
  return call.modes.filter((t) => (t.mode === 'train' && t.via !== 'switch' && !t.fresh) || (t.mode === 'caller' && callerMatters));
}

function reasonOf(token: ModeToken, call: ModelCall, text: string, lines: LineIndex): string {
  return token.mode === 'caller' ? `no caller in this file switches \`${call.model.text}\` to eval before this function` : describeOrigin(token, text, lines);
}

export const missingEval: Rule = {
  meta: {
    code: 'BN201',
    name: 'missing-eval-before-inference',
    defaultSeverity: 'warning',
    summary: 'A model that may hold BatchNorm or Dropout is used for inference without model.eval() on every path.',
    fix: 'safe',
    needs: ['modes'],
    docs: `# BN201 missing-eval-before-inference

## What it does
Flags a call of a PyTorch model that may contain BatchNorm or Dropout, in inference code, when
\`model.eval()\` (or \`model.train(False)\`) is not called on every path that reaches the call within
the file. Inference code is:

- the body of \`with torch.no_grad():\`, \`with torch.inference_mode():\`, \`with torch.set_grad_enabled(False):\`,
  or a function decorated with \`@torch.no_grad()\` / \`@torch.inference_mode()\`;
- a function named like \`evaluate\`, \`eval\`, \`validate\`, \`val\`, \`valid\`, \`test\`, \`predict\`, \`infer\`, \`inference\`;
- \`torch.jit.trace(model, ...)\` / \`torch.jit.script(model)\`: exporting in training mode bakes
  batch-statistics normalization and active dropout into the exported graph.

Paths are followed through branches, loops, \`with\`, \`try\` and early returns, and through functions
of the same file: an \`evaluate(model, loader)\` is fine when every caller in the file calls
\`model.eval()\` before calling it, or when a helper it calls switches the model.

Not flagged: a model known to hold neither BatchNorm nor Dropout; a model put in training mode
explicitly with \`model.train()\` in the same function (re-estimating BatchNorm statistics under
\`no_grad\`, as \`torch.optim.swa_utils.update_bn\` does, is deliberate); \`with eval_mode(model):\`-style
context managers; unit tests (\`test_*\` functions, \`Test*\` classes); a shape probe or sampling
inside a training loop; PyTorch Lightning's \`validation_step\`/\`test_step\`/\`predict_step\` (Lightning
switches modes itself), Keras' \`fit/evaluate/predict\`; \`torch.onnx.export\`, which exports in eval
mode by default (\`training=TrainingMode.EVAL\`). Also silent when the linter cannot know: a model
loaded whole (\`torch.load\`, mode as saved), a fresh model with its initial weights (a shape smoke
test), a parameter of a one-off helper that no caller in the file reaches, a value that is not a
PyTorch module (Keras, Flax, a plain function); and for guards and passes that are deliberate:
\`assert not model.training\`, \`if model.training: raise\`, same-file context managers that switch
to eval, functions that recompute BatchNorm statistics (\`update_bn_stats\`, \`reset_running_stats\`).
Modes follow values: \`Net().eval().to(device)\`, \`DataParallel(model)\`, \`from_pretrained\` (eval),
a same-file loader that returns the model after \`.eval()\`.

## Why is this bad?
In training mode BatchNorm normalizes each batch with that batch's own mean and variance (and
keeps updating its running statistics with your validation data), and Dropout zeroes activations
at random. Validation numbers become noisy, batch-size dependent and usually worse, and nothing
crashes.

**\`torch.no_grad()\` and \`torch.inference_mode()\` do not switch modes.** They only stop gradient
tracking. You need both: \`model.eval()\` for the layers' behaviour, \`no_grad\` for speed and memory.

## Example
\`\`\`python
def validate(model, loader):
    with torch.no_grad():
        for x, y in loader:
            loss = criterion(model(x), y)
\`\`\`

Use instead:
\`\`\`python
def validate(model, loader):
    model.eval()
    with torch.no_grad():
        for x, y in loader:
            loss = criterion(model(x), y)
\`\`\`

## Fix
Inserts \`model.eval()\` on its own line, at the block's indentation, before the \`no_grad\`
block (or at the top of the function). If training continues afterwards, see BN202.

## Fix safety
Safe when the model is known to be a PyTorch module (built from a same-file \`nn.Module\` class,
\`nn.Sequential\`, torchvision, timm, a wrapper of one): the line goes after every binding of the
model's name that precedes the call (never before \`net = ...\`, which would raise
\`UnboundLocalError\`), into code that runs whenever the call runs, and once: afterwards the call is
reached in eval, so a second \`--fix\` changes nothing. No fix is offered when the call's own
statement binds the name. Unsafe when the model is only guessed from its name or its use (a
parameter called \`model\`): \`.eval()\` may not exist on it or may mean something else. The fix
does not switch the model back to training afterwards: when training follows in the same run, add
\`model.train()\` there (BN202).

## References
- PyTorch docs, \`nn.Module.eval\`: "This has an effect only on certain modules... e.g. Dropout, BatchNorm".
- PyTorch docs, "Locally disabling gradient computation": "no_grad ... is not a mechanism to switch to evaluation mode".
`,
  },
  check({ model, report }) {
    const calls = model.modes?.modelCalls ?? [];
    if (calls.length === 0) return;
    const lines = new LineIndex(model.text);
    const lineBreak = lineBreakOf(model.text);
    for (const call of calls) {
      if (call.model.framework !== 'pytorch' || !call.model.mayContainNormOrDropout || !isInference(call)) continue;
      const offending = offendingModes(call);
      if (offending.length === 0) continue;
      // "may" only when some path does reach the call in eval.
      const state = offending.length === call.modes.length ? 'in training mode' : 'in training mode on some paths';
      const reason = offending.map((t) => reasonOf(t, call, model.text, lines)).join('; ');
      const where =
        call.kind === 'jit-export'
          ? 'is exported'
          : call.contexts.has('no-grad')
            ? 'is called under no_grad/inference_mode'
            : 'is called in an evaluation function';
      const briefly = call.kind === 'jit-export' ? 'is exported' : call.contexts.has('no-grad') ? 'runs under no_grad' : 'runs for evaluation';
      report({
        message: `\`${call.model.text}\` ${briefly} ${state}: call \`${call.model.text}.eval()\` first.`,
        explanation: `\`${call.model.text}\` ${where} ${state}: call \`${call.model.text}.eval()\` first (${reason}). BatchNorm uses the batch's statistics and updates its running averages, and Dropout stays active; \`torch.no_grad()\` does not switch modes.`,
        range: call.range,
        focus: calleeOf(model.text, call.range, model.language),
        related: offending.flatMap((t) => (t.origin ? [{ range: t.origin, message: 'the model is left in training mode here' }] : [])),
        fixes: call.evalInsertion
          ? [
              {
                title: `Insert ${call.model.text}.eval()`,
                applicability: call.model.known ? 'safe' : 'unsafe',
                edits: [insertLines(call.evalInsertion, [`${call.model.text}.eval()`], lineBreak)],
              },
            ]
          : [],
      });
    }
  },
};
