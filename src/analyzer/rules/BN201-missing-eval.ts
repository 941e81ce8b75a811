import { pytorchModeSwitchCalls, pytorchModeSwitchMethods } from '../frameworks/pytorch';
import type { ModelCall, ModeToken } from '../model/modes';
import { lineBreakOf } from '../text';
import { calleeOf, describeOrigin, insertLines } from './modeText';
import type { ReportedFinding, Rule } from './rule';

const EVAL_CALL = pytorchModeSwitchCalls.evalWithoutArguments;
const TRAIN_CALL = pytorchModeSwitchCalls.trainWithoutArguments;
/** `.train()` or `.train(True)`, spaced any way. */
const TRAIN_CALL_WITHOUT_FALSE = new RegExp(String.raw`^\.${pytorchModeSwitchMethods.train}\s*\(\s*(True)?\s*\)$`);

/** `model.train()` written in the evaluation code itself, right before the model runs there. */
const switchedToTrainForEvaluation = (t: ModeToken) => t.mode === 'train' && t.via === 'switch' && t.inInference === true;

/**
 * `model.train()` and then one forward pass of a single sample under no_grad, outside any loop, in
 * a file that trains nothing (a demo predicting one image): no statistics pass (that loops over
 * batches), and BatchNorm normalizes the one input by its own statistics.
 */
const trainedForOnePass = (t: ModeToken, call: ModelCall, fileTrains: boolean) =>
  t.mode === 'train' &&
  t.via === 'switch' &&
  !t.trainedSince &&
  !t.fresh &&
  !fileTrains &&
  call.oneSample === true &&
  call.inLoop !== true &&
  call.contexts.has('no-grad');

function isInference(call: ModelCall): boolean {
  // Under no_grad inside a training loop (validation each epoch) only an explicit `.train()` there is a mistake we can tell.
  if (call.contexts.has('training-loop')) return call.contexts.has('no-grad') && call.modes.some(switchedToTrainForEvaluation);
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
function offendingModes(call: ModelCall, fileTrains: boolean): ModeToken[] {
  // A parameter's mode counts when the file shows a caller, or the function evaluates over data
  // (a loop); a one-off helper (`predict(model, x)`) is left to its callers elsewhere.
  const evaluationCode = call.kind === 'jit-export' || call.contexts.has('inference-function');
  // A function that can switch the model to train itself (`if train: model.train()` beside
  // `if not train: model.eval()`) picks the mode on purpose; the paths it leaves to its caller are
  // not evidence of a mistake. (A lone conditional `eval()` still leaves the caller's mode.)
  const switchesItself = call.modes.some((t) => t.via === 'switch' && t.mode === 'train');
  const callerMatters = evaluationCode && !switchesItself && !call.callerSwitchesToEval && (call.callerSeen === true || call.repeated === true);
  // A fresh model with its initial weights (a shape smoke test) computes nothing its mode could spoil.
  return call.modes.filter(
    (t) =>
      (t.mode === 'train' && (t.via !== 'switch' || t.trainedSince === true) && !t.fresh) ||
      switchedToTrainForEvaluation(t) ||
      trainedForOnePass(t, call, fileTrains) ||
      (t.mode === 'caller' && callerMatters),
  );
}

function reasonOf(token: ModeToken, call: ModelCall, text: string, describeLine: (offset: number) => string): string {
  return token.mode === 'caller'
    ? `no caller in this file switches \`${call.model.text}\` to eval before this function`
    : describeOrigin(token, text, describeLine);
}

/**
 * `model.train()` inside the evaluation code: the fix is to switch to eval there instead. Unsafe:
 * code after the evaluation may rely on that line to put the model back in training mode.
 */
function explicitTrainFinding(
  call: ModelCall,
  switches: readonly ModeToken[],
  briefly: string,
  text: string,
  describeLine: (offset: number) => string,
): ReportedFinding {
  const name = call.model.text;
  const where = switches.map((t) => describeOrigin(t, text, describeLine)).join(', ');
  const edits = switches.flatMap((t) => {
    const written = text.slice(t.origin!.start, t.origin!.end);
    const method = written.lastIndexOf(`.${pytorchModeSwitchMethods.train}`);
    return method > 0 && TRAIN_CALL_WITHOUT_FALSE.test(written.slice(method))
      ? [{ range: { start: t.origin!.start + method, end: t.origin!.end }, newText: EVAL_CALL }]
      : [];
  });
  return {
    message: `\`${name}\` ${briefly} in training mode set by ${where}: use \`${name}.eval()\`.`,
    explanation: `\`${name}\` ${briefly} right after ${where} switched it to training mode inside the evaluation code: any BatchNorm layer normalizes each batch by its own statistics and updates its running averages with this data, and any Dropout stays active. \`torch.no_grad()\` does not switch modes. Use \`${name}.eval()\` there, and \`${name}.train()\` where training resumes.`,
    range: call.range,
    focus: calleeOf(text, call.range, 'python'),
    related: switches.map((t) => ({ range: t.origin!, message: 'switched to training mode inside the evaluation' })),
    fixes:
      edits.length === switches.length
        ? [{ title: `Replace ${name}.train() with ${name}.eval() (training after this may rely on it)`, applicability: 'unsafe', edits }]
        : [],
  };
}

/**
 * A held-out batch evaluated inline in the loop that trains the model, with nothing switching it
 * to eval: the model is in training mode there (the loop trains it), unless a caller left it in eval.
 */
function heldOutFinding(call: ModelCall, at: NonNullable<ModelCall['heldOutEvaluation']>, text: string, lineBreak: string): ReportedFinding | undefined {
  const trainingOnly = call.modes.length > 0 && call.modes.every((t) => t.mode === 'train' || (t.mode === 'caller' && !call.callerSwitchesToEval));
  if (!trainingOnly) return undefined;
  const name = call.model.text;
  return {
    message: `\`${name}\` runs held-out data in train mode in its training loop: call \`${name}.eval()\` first.`,
    explanation: `\`${name}\` is called on a batch from a validation/test loader inside the loop that trains it, and nothing switches it to eval mode there: any BatchNorm layer normalizes the held-out batch by its own statistics and updates its running averages with it, and any Dropout stays active, so the reported numbers are not the model's. Call \`${name}.eval()\` before evaluating and \`${name}.train()\` after.`,
    range: call.range,
    focus: calleeOf(text, call.range, 'python'),
    fixes: [
      {
        title: `Insert ${name}${EVAL_CALL} before the evaluation and ${name}${TRAIN_CALL} after it`,
        applicability: 'unsafe',
        edits: [insertLines(at.before, [`${name}${EVAL_CALL}`], lineBreak), insertLines(at.after, [`${name}${TRAIN_CALL}`], lineBreak)],
      },
    ],
  };
}

export const missingEval: Rule = {
  meta: {
    code: 'BN201',
    name: 'missing-eval-before-inference',
    defaultSeverity: 'warning',
    summary: 'A model that may hold BatchNorm or Dropout is used for inference without model.eval() on every path.',
    fix: 'unsafe',
    needs: ['modes'],
    docs: `# BN201 missing-eval-before-inference

## What it does
Flags a call of a PyTorch model that may contain BatchNorm or Dropout, in inference code, when
\`model.eval()\` (or \`model.train(False)\`) is not called on every path that reaches the call within
the file. Inference code is:

- the body of \`with torch.no_grad():\`, \`with torch.inference_mode():\`, \`with torch.set_grad_enabled(False):\`,
  or a function decorated with \`@torch.no_grad()\` / \`@torch.inference_mode()\`;
- a function named like \`evaluate\`, \`eval\`, \`validate\`, \`val\`, \`valid\`, \`test\`, \`predict\`, \`infer\`, \`inference\`;
- a function the file calls with held-out data (\`valid_loader\`, \`test_loader\`) that it loops over,
  training nothing (\`compute_accuracy(model, valid_loader)\`);
- \`torch.jit.trace(model, ...)\` / \`torch.jit.script(model)\`: exporting in training mode bakes
  batch-statistics normalization and active dropout into the exported graph.

It also flags \`model.train()\` written inside the evaluation code itself (under \`no_grad\`, or in an
evaluation function that trains nothing) before the model runs there, also in a validation block
inside the epoch loop: the evaluation then runs in training mode.

And it flags evaluation written inline in a training loop: the model called on a batch from a
loader named like val/test (\`val_loader\`, \`testdataloader\`, \`X_test\`) inside a statement of the
loop that trains nothing, while the same loop trains the model and nothing switches it to eval.

Models are recognised by construction as well as by class: a value built by a name imported from
the project's own modules (\`from models import vgg19\`; \`net = vgg19()\`) is a model when the file
also uses it like one (\`net.parameters()\`, \`.state_dict()\`, \`.eval()\`), and a parameter of any name is
a model when a call in the file passes it a module-level one; such guessed models' fixes are unsafe.
\`model.generate(...)\` runs the forward pass like \`model(...)\`.

Paths are followed through branches, loops, \`with\`, \`try\` and early returns, and through functions
of the same file: an \`evaluate(model, loader)\` is fine when every caller in the file calls
\`model.eval()\` before calling it, or when a helper it calls switches the model. With a project in
view, an evaluation function no caller in its own file reaches is judged by the calls of the
project's other files: fine when each of them hands it a model switched to eval there
(\`net.eval(); evaluate(net, loader)\` in \`train.py\` for \`evaluate\` in \`utils.py\`), reported when
one hands it the model it trains; such a file is read even when it spells no mode switch itself. A notebook cell
that defines a function again owns the calls after it. A same-file factory's result
(\`model, loss_fn, optimizer = get_model()\`) is the model it builds there, with what it holds and its mode.

A fresh model stays a shape smoke test only until a training step trains it, and a \`model.train()\`
followed by training steps is a switch for training: a script that trains a model and then evaluates
it under \`no_grad\` in the same scope is flagged. A top-level function nothing in the file calls (a
Flask, Gradio or Streamlit handler) finds a module-level model as the module level left it, when
nothing in the file switches that model or hands it to other code, or when the module level
switched it to eval and nothing switches it to train. A function the file calls runs a
module-level model it reads by name in the mode each call leaves it (\`model.eval()\` in one
notebook cell, \`evaluate(loader)\` in a later one: silent).

Not flagged: a model known to hold neither BatchNorm nor Dropout; a model put in training mode
with \`model.train()\` before the inference code starts (re-estimating BatchNorm statistics under
\`no_grad\`, as \`torch.optim.swa_utils.update_bn\` does, is deliberate, and so is a \`.train()\`
inside a pass that resets momentum or running statistics; but a single sample run once after
\`model.train()\` in a file that trains nothing, \`model(image.unsqueeze(0))\`, is reported: no
statistics pass looks like that); \`with eval_mode(model):\`-style
context managers; unit tests (\`test_*\` functions, \`Test*\` classes); a shape probe or sampling
inside a training loop; PyTorch Lightning's \`validation_step\`/\`test_step\`/\`predict_step\` (Lightning
switches modes itself), Keras' \`fit/evaluate/predict\`; \`torch.onnx.export\`, which exports in eval
mode by default (\`training=TrainingMode.EVAL\`). Also silent when the linter cannot know: a model
loaded whole (\`torch.load\`, mode as saved), a fresh model with its initial weights (a shape smoke
test), a parameter of a one-off helper that no caller in the file reaches, a value that is not a
PyTorch module (Keras, Flax, a plain function), a module of unknown make applied to another model's
output and a second value (\`psnr_model(sr, gt)\`: a metric or a loss); and for guards and passes that are deliberate:
\`assert not model.training\`, \`if model.training: raise\`, same-file context managers that switch
to eval, functions that recompute BatchNorm statistics (\`update_bn_stats\`, \`reset_running_stats\`),
an evaluation that takes its mode from a training-flag parameter (\`def test(model, train):
if train: model.train()\`), and a torchvision detection model built with trained weights run in
train mode for its validation losses (Faster R-CNN v1, Mask/Keypoint R-CNN, RetinaNet, FCOS: their
BatchNorm is frozen and they have no Dropout; the v2 Faster R-CNN's heads have BatchNorm). A model of another project file counts as holding neither when that
file's class provably builds only mode-free layers (convolutions, linear layers, activations), or
when its only Dropout is applied under a flag the construction leaves at its off default
(\`MLP(400, 200, 5)\` with \`dropout=False\`). A parameter that every call fills with a
mode-free value (a lambda, a model holding neither, an instance of such a project class, or a
caller's parameter given only such values) holds neither; with a project in view (the CLI, the
API, the editor and the server) the calls of the project's other files and notebooks count too, and a file that hands the
function on or imports it under another name leaves it unknown. A name bound in the arms of a branch may hold what any arm binds; an
\`if\` on a configuration constant (a module-level \`use_attn = True\` never rebound) follows only the
arm that runs.
Held-out data is named so (\`val_loader\`, \`X_test\`); a number about the split (\`valid_size\`,
\`val_idx\`, \`val_loss\`) is not; a subscript with a string key names the split by its key
(\`loaders['train']\` is training data).
Modes follow values: \`Net().eval().to(device)\`, \`DataParallel(model)\`, \`from_pretrained\` (eval),
a same-file loader that returns the model after \`.eval()\`. They follow callers too: a method that
\`self.decision_function\` calls right after \`self.net.eval()\` runs \`self.net\` in eval; in
\`def validate(net): net.eval(); ... model(x)\` where every call is \`validate(model)\`, \`model\` is
in eval. Putting the part that holds the layers in eval counts for the whole (\`model.net.eval()\`,
then \`model(x)\` on a wrapper), unless the model itself is switched to train afterwards. A
method's parameter (a hook such as \`inference_forward(self, batch, net)\`) is given by the class's
framework or base class, which picks the mode: without a caller in the file it is not reported.
A same-file decorator that switches the function's model argument to eval (\`def eval_mode(fn):
def wrapper(model, *a): model.eval(); ...\`) runs the decorated function in eval, and when it restores
the mode afterwards the caller's mode is unchanged.
Comments decide nothing (a commented-out \`# model.eval()\` is not code).

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
Always unsafe: switching to eval changes what the evaluation computes (that is the point), so
\`--fix\` alone never applies it; \`--unsafe-fixes\` or the editor's quick fix does. Where the
model is known to be a PyTorch module (built from a same-file \`nn.Module\` class,
\`nn.Sequential\`, torchvision, timm, a wrapper of one), the line goes after every binding of the
model's name that precedes the call (never before \`net = ...\`, which would raise
\`UnboundLocalError\`), into code that runs whenever the call runs, and once: afterwards the call is
reached in eval, so a second \`--fix\` changes nothing. No fix is offered when the call's own
statement binds the name, or when the function tests it against \`None\` (an unguarded \`.eval()\`
would raise there). For a \`model.train()\` inside the evaluation the fix replaces it with
\`model.eval()\`, always unsafe: code after the evaluation may rely on that line to put the model
back in training mode (add \`model.train()\` where training resumes, see BN202). For inline
evaluation in a training loop the fix inserts \`model.eval()\` before the evaluating statement and
\`model.train()\` after it, unsafe: a \`continue\`/\`break\` inside it would skip the \`train()\`. When the model is only guessed from its name or its use (a parameter
called \`model\`), \`.eval()\` may not exist on it or may mean something else: check it first. The fix
does not switch the model back to training afterwards: when training follows in the same run, add
\`model.train()\` there (BN202).

## References
- PyTorch docs, \`nn.Module.eval\`: "This has an effect only on certain modules... e.g. Dropout, BatchNorm".
- PyTorch docs, "Locally disabling gradient computation": "no_grad ... is not a mechanism to switch to evaluation mode".
`,
  },
  check({ model, report, describeLine }) {
    const calls = model.modes?.modelCalls ?? [];
    if (calls.length === 0) return;
    const lineBreak = lineBreakOf(model.text);
    const fileTrains = (model.modes?.trainingSteps.length ?? 0) > 0;
    for (const call of calls) {
      if (call.model.framework !== 'pytorch' || !call.model.mayContainNormOrDropout) continue;
      // A guessed module scoring another model's output (`psnr_model(sr, gt)`) is a metric or a loss.
      if (call.scoresOutputOf && !call.model.known) continue;
      if (call.heldOutEvaluation && !isInference(call)) {
        const finding = heldOutFinding(call, call.heldOutEvaluation, model.text, lineBreak);
        if (finding) report(finding);
        continue;
      }
      if (!isInference(call)) continue;
      const offending = offendingModes(call, fileTrains);
      if (offending.length === 0) continue;
      // "may" only when some path does reach the call in eval.
      const state = offending.length === call.modes.length ? 'in training mode' : 'in training mode on some paths';
      const reason = offending.map((t) => reasonOf(t, call, model.text, describeLine)).join('; ');
      const where =
        call.kind === 'jit-export'
          ? 'is exported'
          : call.contexts.has('no-grad')
            ? 'is called under no_grad/inference_mode'
            : 'is called in an evaluation function';
      const briefly = call.kind === 'jit-export' ? 'is exported' : call.contexts.has('no-grad') ? 'runs under no_grad' : 'runs for evaluation';
      const explicit = offending.filter((t) => switchedToTrainForEvaluation(t) || trainedForOnePass(t, call, fileTrains));
      if (explicit.length > 0) {
        report(explicitTrainFinding(call, explicit, briefly, model.text, describeLine));
        continue;
      }
      report({
        message: `\`${call.model.text}\` ${briefly} ${state}: call \`${call.model.text}.eval()\` first.`,
        explanation: `\`${call.model.text}\` ${where} ${state}: call \`${call.model.text}.eval()\` first (${reason}). any BatchNorm layer uses the batch's statistics and updates its running averages, and any Dropout stays active; \`torch.no_grad()\` does not switch modes.`,
        range: call.range,
        focus: calleeOf(model.text, call.range, model.language),
        related: offending.flatMap((t) => (t.origin ? [{ range: t.origin, message: 'the model is left in training mode here' }] : [])),
        fixes: call.evalInsertion
          ? [
              {
                title: `Insert ${call.model.text}${EVAL_CALL}`,
                applicability: 'unsafe',
                edits: [insertLines(call.evalInsertion, [`${call.model.text}${EVAL_CALL}`], lineBreak)],
              },
            ]
          : [],
      });
    }
  },
};
