import { kerasTrainingKeyword } from '../frameworks/keras';
import type { ModelCall } from '../model/modes';
import { calleeOf } from './modeText';
import type { Rule } from './rule';

/** The keyword that sets the call's mode: Keras' `training`, or the model's own flag (`is_training`) when its `call` takes no `training`. */
function flagOf(call: ModelCall): string {
  return call.training === undefined ? (call.model.trainingFlag ?? kerasTrainingKeyword) : kerasTrainingKeyword;
}

function trainingText(call: ModelCall, value: boolean): string {
  return call.editor?.argumentText(flagOf(call), value) ?? `${flagOf(call)}=${value ? 'True' : 'False'}`;
}

function inTape(call: ModelCall): boolean {
  return call.contexts.has('gradient-tape');
}

function inInference(call: ModelCall): boolean {
  return !inTape(call) && call.contexts.has('keras-inference');
}

export const kerasTrainingFlag: Rule = {
  meta: {
    code: 'BN203',
    name: 'keras-training-flag',
    defaultSeverity: 'warning',
    summary: 'A Keras model is called without training=True in a custom training step, or with training=True in inference code.',
    fix: 'unsafe',
    needs: ['modes'],
    docs: `# BN203 keras-training-flag

## What it does
In custom Keras/TF training code (and TF.js: \`model.apply(x, {training: true})\` inside
\`tf.variableGrads\`/\`tf.grads\`/\`optimizer.minimize\` functions), flags a call of a model or layer that may contain BatchNorm or
Dropout:

- inside \`with tf.GradientTape() as tape:\` or a \`train_step\` override, **without \`training=True\`**
  (a positional \`True\` as the second argument counts), and
- in inference code (\`test_step\`, \`predict_step\`, functions named like evaluate/predict/test, outside
  any tape) **with \`training=True\`**.

Not flagged: an explicit \`training=False\` inside a tape (the Keras transfer-learning guide's way to
fine-tune with BatchNorm kept in inference mode); \`model.fit/evaluate/predict\`, which set the flag themselves; same-file layers whose
\`call(..., training=None)\` handles \`None\` itself. Deliberate test-time training is rare: silence it
with a suppression comment.

## Why is this bad?
Calling a Keras model directly (\`model(x)\`) defaults to inference behaviour: BatchNorm normalizes
with its moving statistics **and never updates them**, Dropout is off. In a custom training loop the
model then trains without batch statistics and its moving mean/variance stay at their initial
values (0 and 1), so the model that looked fine in training is wrong at inference. The reverse,
\`training=True\` at evaluation time, normalizes with batch statistics and updates the moving
averages with validation data.

## Example
\`\`\`python
with tf.GradientTape() as tape:
    logits = model(x)
    loss = loss_fn(y, logits)
grads = tape.gradient(loss, model.trainable_variables)
\`\`\`

Use instead:
\`\`\`python
with tf.GradientTape() as tape:
    logits = model(x, training=True)
\`\`\`

## Fix
Adds \`training=True\`, or changes \`training=True\` to \`training=False\` in inference code. For a
same-file model whose \`call\` takes its own flag (\`def call(self, x, is_training=False)\`) and no
\`training\`, it adds that flag instead: Keras drops a \`training=\` its \`call\` does not accept.

## Fix safety
Unsafe: the flag switches BatchNorm to batch statistics (or back) and Dropout on (or off), which is
the intended change but a change of what the step computes, so \`--fix\` alone does not apply it.
It edits only the \`training\` argument of the reported call (or the model's own flag, such as
\`is_training=\`, when the call passes one), keeping every other argument, and a second \`--fix\`
finds nothing to change. It is reported only for Keras models and layers
(a Keras class, \`keras.Sequential\`/\`Model\`, \`keras.applications\`, or a class overriding
\`train_step\`/\`test_step\`/\`predict_step\` in a file that imports TensorFlow and not PyTorch, even
when its base class is the project's; or a model that a function of the file returns
(\`return keras.Model(inputs, outputs)\`), or a function or Keras model class of another project
file builds, when the layers built for it include BatchNormalization or Dropout:
\`from resnet import resnet18; model = resnet18()\`, also a module found only through a folder the
script adds to \`sys.path\`, when the project has one module of that name; in a \`train_step\` override also
the sub-models the class's \`__init__\` stores, built there (\`self.generator = build_generator()\`) or handed
to it by a construction in the file (\`GAN(build_generator(), 64)\`), when the step trains their weights) in a \`train_step\` override
or a tape whose code takes gradients of trainable variables (TF.js: inside \`tf.variableGrads\`,
\`tf.grads\` or \`optimizer.minimize\`), so the change is the one the Keras guide prescribes. In
TF.js a model built in another module is checked only when this file builds BatchNormalization or
Dropout layers: without the flag TF.js runs both in inference mode, which changes nothing for a
model without them (a dense-only VAE).

## References
- Keras guide "Writing a training loop from scratch": "pass training=True ... when calling the model".
- Keras \`BatchNormalization\` docs on the \`training\` argument.
`,
  },
  check({ model, report }) {
    for (const call of model.modes?.modelCalls ?? []) {
      if (call.model.framework !== 'keras' || !call.model.mayContainNormOrDropout || call.handlesTrainingNone) continue;
      const value = call.training?.value;
      // An explicit training=False in a tape is Keras' documented way to fine-tune with frozen BatchNorm.
      if (inTape(call) && call.training === undefined) {
        report({
          message: `\`${call.model.text}\` is called without \`${trainingText(call, true)}\` in gradient code: pass \`${trainingText(call, true)}\`.`,
          explanation: `\`${call.model.text}\` is called without ${trainingText(call, true)} inside gradient code, so it runs in inference mode: any BatchNorm layer normalizes with moving statistics that never update, and any Dropout is off. Pass \`${trainingText(call, true)}\`.`,
          range: call.range,
          focus: calleeOf(model.text, call.range, model.language),
          fixes: call.editor
            ? [{ title: `Pass ${trainingText(call, true)}`, applicability: 'unsafe', edits: call.editor.setArgument(flagOf(call), true) }]
            : [],
        });
      } else if (inInference(call) && value === true) {
        report({
          message: `\`${call.model.text}\` is called with \`${trainingText(call, true)}\` in inference code: pass \`${trainingText(call, false)}\`.`,
          explanation: `\`${call.model.text}\` is called with ${trainingText(call, true)} in inference code, so it runs in training mode: any BatchNorm layer normalizes with batch statistics and updates its moving averages with this data, and any Dropout is active. Pass \`${trainingText(call, false)}\`.`,
          range: call.range,
          focus: calleeOf(model.text, call.range, model.language),
          fixes: call.editor
            ? [{ title: `Pass ${trainingText(call, false)}`, applicability: 'unsafe', edits: call.editor.setArgument(kerasTrainingKeyword, false) }]
            : [],
        });
      }
    }
  },
};
