import { calleeOf } from './modeText';
import type { Rule } from './rule';

export const kerasUnfrozenBaseBatchNormTraining: Rule = {
  meta: {
    code: 'BN206',
    name: 'keras-unfrozen-base-bn-training',
    defaultSeverity: 'warning',
    summary:
      'A pretrained Keras base model with BatchNorm is called without training=False and later unfrozen: fine-tuning then updates its BatchNorm statistics.',
    fix: 'unsafe',
    needs: ['training'],
    docs: `# BN206 keras-unfrozen-base-bn-training

## What it does
Flags the call of a Keras base model, \`x = base_model(inputs)\`, made without \`training=False\`,
when the file later unfreezes that model for fine-tuning (\`base_model.trainable = True\`) and the
model provably holds BatchNormalization: a \`keras.applications\` model with BatchNorm
(\`ResNet50\`, \`Xception\`, \`EfficientNetB0\`, \`MobileNetV2\`, ...) or a same-file \`Sequential\` or
model class that builds one.
The unfreeze must act on the model the call ran: when the name is rebound to a new model in between
(a later notebook cell's \`base_model = EfficientNetB0(...)\`), the unfreeze belongs to that one.

## Why is this bad?
Setting \`trainable = False\` makes Keras run BatchNormalization in inference mode, so the first
phase of transfer learning (training a new head on a frozen base) is fine either way. Once the base
is unfrozen, a base called without \`training=False\` runs its BatchNorm layers in training mode:
they normalize with the statistics of each small fine-tuning batch and overwrite the moving mean
and variance learned on the pretraining data. The updates to the non-trainable statistics undo
what the model learned, and accuracy typically drops sharply in the first epochs of fine-tuning.
The Keras transfer-learning guide calls the base model with \`training=False\` for exactly this
reason, so its BatchNorm layers stay in inference mode even after unfreezing.

## Example
\`\`\`python
base_model = keras.applications.Xception(weights="imagenet", include_top=False)
base_model.trainable = False
inputs = keras.Input(shape=(150, 150, 3))
x = base_model(inputs)
...
base_model.trainable = True
model.fit(new_dataset, epochs=10)
\`\`\`

Use instead:
\`\`\`python
x = base_model(inputs, training=False)
\`\`\`

## Fix safety
Unsafe: adds \`training=False\` to the call. During the frozen phase nothing changes, but after
\`trainable = True\` the BatchNorm layers stop updating their statistics, which changes what
fine-tuning computes (that is the point, but it is a change in behaviour), so it is offered, never
applied automatically.

## References
- Keras developer guide, *Transfer learning & fine-tuning*, "Important notes about BatchNormalization layer" (Chollet).
- TensorFlow tutorial, *Transfer learning and fine-tuning*: "pass training = False when calling the base model".
`,
  },
  check({ model, report }) {
    for (const call of model.training?.unfrozenBaseCalls ?? []) {
      const name = call.model.name;
      report({
        message: `\`${name}\` is called without \`training=False\` and later unfrozen: pass \`training=False\`.`,
        explanation: `\`${name}\` holds BatchNorm (${call.model.evidence.description}) and is called without \`training=False\`, then unfrozen with \`${name}.trainable = True\`: fine-tuning will run its BatchNorm layers in training mode and overwrite the pretrained statistics. Call it with \`training=False\`.`,
        range: call.range,
        focus: calleeOf(model.text, call.range, model.language),
        related: [
          { range: call.unfreeze, message: 'the base model is unfrozen here' },
          { range: call.model.evidence.range, message: 'BatchNorm in the base model' },
        ],
        fixes:
          call.trainingArgumentOffset === undefined
            ? []
            : [
                {
                  title: 'Add training=False',
                  applicability: 'unsafe',
                  edits: [{ range: { start: call.trainingArgumentOffset, end: call.trainingArgumentOffset }, newText: ', training=False' }],
                },
              ],
      });
    }
  },
};
