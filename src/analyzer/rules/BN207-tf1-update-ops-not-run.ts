import { calleeOf } from './modeText';
import type { Rule } from './rule';

export const tf1UpdateOpsNotRun: Rule = {
  meta: {
    code: 'BN207',
    name: 'tf1-update-ops-not-run',
    defaultSeverity: 'warning',
    summary: 'A TF1 train op is built without running the UPDATE_OPS of graph-mode batch norm: the moving mean and variance never change.',
    fix: 'unsafe',
    needs: ['training'],
    docs: `# BN207 tf1-update-ops-not-run

## What it does
Flags \`optimizer.minimize(...)\` / \`optimizer.apply_gradients(...)\` on a TF1 optimizer
(\`tf.train.*Optimizer\`, \`tf.compat.v1.train.*\`) in a file that builds a graph batch norm
switching between training and inference (\`tf.layers.batch_normalization(..., training=is_training)\`,
\`tf.compat.v1.layers.batch_normalization\`, \`tf.contrib.layers.batch_norm(..., is_training=...)\`,
\`slim.batch_norm\` called so or passed as \`normalizer_fn\` with an \`is_training=...\` argument
or \`normalizer_params={'is_training': ...}\` in the file) and never runs its update ops.

Nothing is reported when the file mentions \`UPDATE_OPS\`, \`update_ops\`,
\`control_dependencies\`, \`create_train_op\` (slim's and contrib's train-op helpers add the
dependency) or \`updates_collections\` anywhere, when the mode is a literal (\`training=True\`
everywhere never uses the moving statistics; \`False\`, or no \`training\` for
\`tf.layers.batch_normalization\`, never updates them), also through a parameter with a literal default
that every call of its function in the file keeps (\`def generator(z, training=True)\`, never called
with \`training=False\`), or when the batch norm and the optimizer
live in different files.

## Why is this bad?
In graph mode, batch normalization does not update its moving mean and variance as a side effect
of the forward pass: it adds the assignment ops to the \`tf.GraphKeys.UPDATE_OPS\` collection, and
nothing runs them unless the train op depends on them. Training still normalizes with batch
statistics and looks fine, but the moving statistics keep their initial values (mean 0,
variance 1), so the model evaluated or exported for inference (\`training=False\`) produces
garbage. The TensorFlow documentation of \`tf.compat.v1.layers.batch_normalization\` spells out
the required \`control_dependencies\`.

## Example
\`\`\`python
x = tf.layers.batch_normalization(x, training=is_training)
...
train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
\`\`\`

Use instead:
\`\`\`python
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
\`\`\`

## Fix safety
Unsafe: wraps the (one-line) train-op statement in
\`with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):\`. The collection is
read when the statement runs, so batch norms built after it would still be missed, and running the
updates changes what the program computes; it is offered, never applied automatically.

## References
- TensorFlow API documentation, \`tf.compat.v1.layers.batch_normalization\`: "the moving_mean and moving_variance need to be updated ... add them as a dependency to the train_op".
- TensorFlow API documentation, \`tf.compat.v1.get_collection\` and \`tf.GraphKeys.UPDATE_OPS\`.
`,
  },
  check({ model, report }) {
    for (const op of model.training?.tf1TrainOps ?? []) {
      report({
        message: "This train op does not run the batch norm's UPDATE_OPS: wrap it in tf.control_dependencies.",
        explanation: `This train op does not run the UPDATE_OPS that \`${op.batchNormName}\` adds in graph mode: the moving mean and variance never change, so the model is wrong at inference. Build it inside \`with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):\`.`,
        range: op.range,
        focus: calleeOf(model.text, op.range, model.language),
        related: [{ range: op.batchNorm, message: 'batch norm whose update ops are not run' }],
        fixes: op.wrap
          ? [{ title: 'Run the UPDATE_OPS before the train op', applicability: 'unsafe', edits: [{ range: op.wrap.range, newText: op.wrap.text }] }]
          : [],
      });
    }
  },
};
