import { kerasSequentialAdd } from '../frameworks/keras';
import { VARIANCE_PRESERVING_DROPOUT_WORD, VARIANCE_PRESERVING_DROPOUTS } from '../frameworks/modeNames';
import { dropoutRate, type LayerConstruction, type LayerEdge, type SemanticModel } from '../model/model';
import type { ConstValue } from '../frameworks/types';
import type { Fix, TextRange } from '../types';
import { calleeOf } from './modeText';
import type { Rule } from './rule';

/**
 * Dropout variants designed to keep their input's mean and variance (SELU networks): no variance
 * shift, nothing to report.
 */
const VARIANCE_PRESERVING = VARIANCE_PRESERVING_DROPOUTS;

interface Use {
  readonly edge: LayerEdge;
  /** Only identity ops follow the Dropout on this path, and the path ends in a BatchNorm. */
  readonly straightIntoBatchNorm: boolean;
}

/** A dropout: a layer (the front ends give its op the construction's range) or a functional call (`F.dropout(x)`). */
interface Dropout {
  readonly range: TextRange;
  readonly displayName: string;
  /** The callee (`nn.Dropout`, `F.dropout`): what the finding points at. */
  readonly focus: TextRange;
  readonly layer?: LayerConstruction;
  /** A functional dropout's rate as written (see TensorOp). */
  readonly rate?: number | 'unknown';
}

/** Every place each dropout appears on a path between two layers, keyed by where it is written. */
function dropoutUses(model: SemanticModel): Map<number, { dropout: Dropout; uses: Use[] }> {
  const layers = new Map(model.layers.filter((l) => l.spec.role === 'dropout').map((l) => [l.range.start, l]));
  const uses = new Map<number, { dropout: Dropout; uses: Use[] }>();
  for (const edge of model.edges) {
    for (const path of edge.paths) {
      path.forEach((op, i) => {
        if (op.kind !== 'dropout' || !op.range) return;
        const layer = layers.get(op.range.start);
        const name = layer ? layer.spec.name : op.name;
        if (VARIANCE_PRESERVING.has(name) || name.includes(VARIANCE_PRESERVING_DROPOUT_WORD)) return;
        const callText = model.text.slice(op.range.start, op.range.end);
        const dropout: Dropout = layer
          ? { range: layer.range, displayName: layer.spec.displayName, focus: layer.calleeRange, layer }
          : {
              range: op.range,
              displayName: callText.slice(0, callText.indexOf('(')).trim() || op.name,
              focus: calleeOf(model.text, op.range, model.language),
              ...(op.rate !== undefined ? { rate: op.rate } : {}),
            };
        const entry = uses.get(op.range.start) ?? { dropout, uses: [] };
        entry.uses.push({
          edge,
          straightIntoBatchNorm:
            edge.to.spec.role === 'batchnorm' && !path.some((step) => step.condition) && path.slice(i + 1).every((after) => after.kind === 'identity'),
        });
        uses.set(op.range.start, entry);
      });
    }
  }
  return uses;
}

/** A line of the text between two constructions without its trailing comment (only punctuation and comments can sit there). */
function withoutComment(line: string, language: SemanticModel['language']): string {
  const at = line.indexOf(language === 'python' ? '#' : '//');
  return (at >= 0 ? line.slice(0, at) : line).trim();
}

/**
 * Swaps the two constructions when they are neighbours in one plain sequence: items of a list or a
 * call (`nn.Sequential(..., nn.Dropout(0.5), nn.BatchNorm1d(64), ...)`), or two consecutive
 * `model.add(...)` statements. Comments stay on their lines; anything else between the two (another
 * statement, a layer) and there is no fix.
 */
function moveAfterFix(model: SemanticModel, dropout: LayerConstruction, batchNorm: LayerConstruction): Fix[] {
  const text = model.text;
  if (dropout.partialRange || batchNorm.partialRange || dropout.range.end > batchNorm.range.start) return [];
  const lines = text.slice(dropout.range.end, batchNorm.range.start).split('\n');
  const code = lines.map((line) => withoutComment(line, model.language));
  const lineStart = text.lastIndexOf('\n', dropout.range.start - 1) + 1;
  const before = text.slice(lineStart, dropout.range.start);
  const isNeighbourItem = code.join('') === ',';
  // `model.add(Dropout(...))` and, on the next line with the same indentation, `model.add(BatchNorm(...))`.
  const isNextAdd =
    before.trimStart().endsWith(`.${kerasSequentialAdd}(`) && lines.length === 2 && (code[0] === ')' || code[0] === ');') && lines[1] === before;
  if (!isNeighbourItem && !isNextAdd) return [];
  const dropoutText = text.slice(dropout.range.start, dropout.range.end);
  const batchNormText = text.slice(batchNorm.range.start, batchNorm.range.end);
  return [
    {
      title: `Move ${dropout.spec.displayName} after ${batchNorm.spec.displayName}`,
      applicability: 'unsafe',
      edits: [
        { range: dropout.range, newText: batchNormText },
        { range: batchNorm.range, newText: dropoutText },
      ],
    },
  ];
}

export const dropoutBeforeBatchNorm: Rule = {
  meta: {
    code: 'BN102',
    name: 'dropout-before-batchnorm',
    defaultSeverity: 'warning',
    summary: 'A Dropout layer feeds straight into a BatchNorm: the variance BatchNorm sees in training differs from the one at inference.',
    fix: 'unsafe',
    needs: ['layers'],
    docs: `# BN102 dropout-before-batchnorm

## What it does
Flags a Dropout layer whose output goes straight into a BatchNorm: PyTorch \`nn.Dropout\`,
\`nn.Dropout1d/2d/3d\` and the functional \`F.dropout(...)\` family; Keras \`Dropout\`, \`SpatialDropout*D\`; Flax \`nn.Dropout\`; TF.js
\`tf.layers.dropout\`, \`spatialDropout1d\`, \`gaussianNoise\`, \`gaussianDropout\`.

The chain is judged on data flow, as in BN101: what \`forward\`/\`call\` or a \`Sequential\` really
feeds into what. Nothing is reported when anything but an identity sits between the two (an
activation, a convolution, a residual add), when the Dropout's output also goes elsewhere, or
when a branch skips the BatchNorm (\`if batch_norm: layers.append(...)\`). Alpha dropout, which is
built to keep its input's mean and variance, is not reported, nor is a Dropout whose rate is 0
wherever the file builds it (\`dropout_rate=0.\` by default and never set: the identity), nor one
whose rate no construction in the file gives a value (a required \`dropout_rate\` argument filled
from a configuration: configurable dropout is often switched off), nor a functional dropout
whose rate is such a value (\`F.dropout(y, p=self.drop_rate)\`).

A branch on a module constant runs as the file sets it: with \`data_augmentation = True\` bound
once at module level, \`if not data_augmentation: y = Dropout(0.2)(y)\` builds no Dropout and
nothing is reported. A name the file binds more than once (a \`global\` rebinding in a function,
a loop variable) is not a constant, and both paths count.

## Why is this bad?
In training, Dropout zeroes a fraction \`p\` of the activations and scales the rest by \`1/(1−p)\`;
at inference it passes them through unchanged. The mean is the same in both modes, the variance is
not: for an activation with mean μ and variance σ², training mode gives \`(σ² + μ²)/(1−p) − μ²\`
instead of \`σ²\`. BatchNorm's running variance is collected in training mode and applied in eval
mode, so at inference it normalizes with the wrong variance, and every layer after it sees
activations on a different scale than it was trained on. Li et al. call this the "variance shift"
and show that it costs accuracy; the usual remedy is to apply Dropout only after the last
BatchNorm (or after BatchNorm within a block).

## Example
\`\`\`python
head = nn.Sequential(nn.Linear(512, 256), nn.Dropout(0.5), nn.BatchNorm1d(256), nn.ReLU())
\`\`\`

Use instead:
\`\`\`python
head = nn.Sequential(nn.Linear(512, 256), nn.BatchNorm1d(256), nn.Dropout(0.5), nn.ReLU())
\`\`\`

## Fix safety
Unsafe: when the Dropout and the BatchNorm are neighbours in one plain sequence (items of a
\`Sequential\` or a list, or two consecutive \`model.add(...)\` calls) the fix swaps them. That
changes what the model computes (a trained checkpoint's BatchNorm statistics no longer match), so
it is offered, never applied automatically. Orders written in \`forward\`/\`call\` get no fix.

## References
- Li, Chen, Hu & Yang, *Understanding the Disharmony between Dropout and Batch Normalization by Variance Shift*, CVPR 2019.
- Ioffe & Szegedy, *Batch Normalization* (2015), §3.4: BatchNorm "reduces the need for Dropout".
`,
  },
  check({ model, report }) {
    // Layers whose output leaves on some branch, with or without a condition the code controls.
    const exits = new Set([...(model.branchExits ?? []), ...(model.conditionalExits ?? []).map((exit) => exit.layer)]);
    // The rate each construction of a Dropout evaluates to (a definition read alone, and once per call of the file's own).
    const rates = new Map<number, (ConstValue | undefined)[]>();
    for (const layer of model.layers) {
      if (layer.spec.role !== 'dropout') continue;
      rates.set(layer.range.start, [...(rates.get(layer.range.start) ?? []), dropoutRate(layer)]);
    }
    // A rate of 0 wherever the file shows it (`dropout_rate=0.` by default, never set): the Dropout is the identity.
    const identity = (start: number) => {
      const known = (rates.get(start) ?? []).filter((r) => typeof r === 'number');
      return known.length > 0 && known.every((r) => r === 0);
    };
    // A rate no construction here gives a value (a required parameter, a config entry) may well be 0:
    // configurable dropout is often off (WRN/DenseNet `drop_rate`), so the file alone cannot tell.
    const unknownRate = (start: number) => rates.get(start)?.every((r) => typeof r !== 'number') === true;
    for (const { dropout, uses } of dropoutUses(model).values()) {
      if (identity(dropout.range.start) || unknownRate(dropout.range.start)) continue;
      // A functional dropout (`F.dropout(y, p=self.drop_rate)`) whose rate is 0 or not known here.
      if (dropout.rate === 0 || dropout.rate === 'unknown') continue;
      // Every path through this Dropout must end straight in a BatchNorm, on no branch that skips it.
      if (!uses.every((use) => use.straightIntoBatchNorm && !exits.has(use.edge.from))) continue;
      const batchNorms = [...new Set(uses.map((use) => use.edge.to))];
      if (batchNorms.length !== 1) continue;
      const batchNorm = batchNorms[0];
      report({
        message: `${dropout.displayName} feeds ${batchNorm.spec.displayName} directly: move the dropout after it.`,
        explanation: `${dropout.displayName} feeds straight into ${batchNorm.spec.displayName}: BatchNorm learns its running variance from dropped-out activations in training and applies it to undropped ones at inference ("variance shift"). Apply the dropout after the BatchNorm.`,
        range: dropout.range,
        focus: dropout.focus,
        related: [{ range: batchNorm.range, message: `${batchNorm.spec.displayName} that receives the dropped-out activations` }],
        fixes: dropout.layer ? moveAfterFix(model, dropout.layer, batchNorm) : [],
      });
    }
  },
};
