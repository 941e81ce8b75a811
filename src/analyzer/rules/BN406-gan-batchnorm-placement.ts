import type { LayerConstruction, LayerEdge, SemanticModel } from '../model/model';
import type { GanPart } from '../model/training';
import { rangeContains } from '../text';
import type { Rule } from './rule';

const isProducer = (layer: LayerConstruction) => layer.spec.role === 'conv' || layer.spec.role === 'linear';
/** Layers that may follow the output BatchNorm of a generator: its final nonlinearity (Tanh) and the like. */
const isTrailing = (layer: LayerConstruction) => layer.spec.role === 'activation' || layer.spec.role === 'identity' || layer.spec.role === 'dropout';
const direct = (edge: LayerEdge) => edge.paths.every((path) => path.every((op) => op.kind === 'identity'));

/** The layers of one GAN part, in source order; none when the part is nested in a part of the other kind. */
function layersOf(model: SemanticModel, part: GanPart, parts: readonly GanPart[]): LayerConstruction[] {
  if (parts.some((other) => other.kind !== part.kind && (rangeContains(other.range, part.range) || rangeContains(part.range, other.range)))) return [];
  return model.layers.filter((l) => rangeContains(part.range, l.range)).sort((a, b) => a.range.start - b.range.start);
}

/** Generator: the BatchNorm right after its last conv/linear layer, with only activations after it and no layer fed by it. */
function generatorOutputBatchNorm(
  model: SemanticModel,
  layers: readonly LayerConstruction[],
): { batchNorm: LayerConstruction; producer: LayerConstruction } | undefined {
  const last = [...layers].reverse().find((l) => !isTrailing(l));
  if (last?.spec.role !== 'batchnorm' || model.edges.some((e) => e.from === last)) return undefined;
  const feeding = model.edges.filter((e) => e.to === last);
  if (feeding.length !== 1 || !isProducer(feeding[0].from) || !direct(feeding[0]) || !layers.includes(feeding[0].from)) return undefined;
  return { batchNorm: last, producer: feeding[0].from };
}

/** Discriminator: the BatchNorm right after its first layer, a conv/linear layer that no layer feeds. */
function discriminatorInputBatchNorm(
  model: SemanticModel,
  layers: readonly LayerConstruction[],
): { batchNorm: LayerConstruction; producer: LayerConstruction } | undefined {
  const first = layers[0];
  if (!first || !isProducer(first) || model.edges.some((e) => e.to === first)) return undefined;
  const out = model.edges.filter((e) => e.from === first);
  if (out.length !== 1 || out[0].to.spec.role !== 'batchnorm' || !direct(out[0]) || !layers.includes(out[0].to)) return undefined;
  return { batchNorm: out[0].to, producer: first };
}

export const ganBatchNormPlacement: Rule = {
  meta: {
    code: 'BN406',
    name: 'gan-batchnorm-placement',
    defaultSeverity: 'info',
    summary: "A GAN applies BatchNorm to the generator's output layer or the discriminator's input layer, against the DCGAN guideline.",
    fix: 'none',
    needs: ['layers', 'training'],
    docs: `# BN406 gan-batchnorm-placement

## What it does
In a file that defines both sides of a GAN (classes or functions named like \`Generator\` /
\`build_generator\` and \`Discriminator\` / \`Critic\`; data generators such as \`DataGenerator\`
do not count), flags:
- a BatchNorm on the **generator's output layer**: the generator's last conv/linear layer feeds
  a BatchNorm directly, and only activations (the final \`Tanh\`) follow it;
- a BatchNorm on the **discriminator's input layer**: the discriminator's first layer, a
  conv/linear layer that takes the image, feeds a BatchNorm directly.

PyTorch, Keras, Flax and TF.js, in \`Sequential\` containers (\`tf.sequential\`), \`model.add(...)\` chains and
\`forward\`/\`call\`.
Anything the data flow does not show plainly (another layer in between, a BatchNorm whose output
goes on to another layer, a first layer that is fed by something) is not reported.

## Why is this bad?
Radford et al. found that applying batch normalization to all layers "resulted in sample
oscillation and model instability", and that this was avoided by not applying it to the
generator output layer and the discriminator input layer. At the generator's output, BatchNorm
forces every batch of generated images to the same per-channel mean and spread, which real
images do not share, and couples the samples of a batch; at the discriminator's input, it
normalizes away the very statistics by which real and generated batches differ. Later GAN
recipes keep the same rule (or replace BatchNorm in the discriminator altogether).

## Example
\`\`\`python
class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(100, 64, 4, 1, 0, bias=False), nn.BatchNorm2d(64), nn.ReLU(True),
            nn.ConvTranspose2d(64, 3, 4, 2, 1, bias=False), nn.BatchNorm2d(3), nn.Tanh(),
        )
\`\`\`

Use instead (the output layer without BatchNorm, its bias back on):
\`\`\`python
class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(100, 64, 4, 1, 0, bias=False), nn.BatchNorm2d(64), nn.ReLU(True),
            nn.ConvTranspose2d(64, 3, 4, 2, 1), nn.Tanh(),
        )
\`\`\`

## Fix safety
No fix: removing the layer changes the model and its checkpoints; the bias of the layer before it
usually has to come back too.

## References
- Radford, Metz & Chintala, *Unsupervised Representation Learning with Deep Convolutional Generative Adversarial Networks* (DCGAN, ICLR 2016), §3: "not applying batchnorm to the generator output layer and the discriminator input layer".
- PyTorch DCGAN tutorial (pytorch.org/tutorials/beginner/dcgan_faces_tutorial.html): the generator ends in ConvTranspose2d + Tanh, the discriminator starts with Conv2d + LeakyReLU.
`,
  },
  check({ model, report }) {
    const parts = model.training?.ganParts ?? [];
    const seen = new Set<LayerConstruction>();
    for (const part of parts) {
      const layers = layersOf(model, part, parts);
      const found = part.kind === 'generator' ? generatorOutputBatchNorm(model, layers) : discriminatorInputBatchNorm(model, layers);
      if (!found || seen.has(found.batchNorm)) continue;
      seen.add(found.batchNorm);
      const where = part.kind === 'generator' ? "the generator's output layer" : "the discriminator's input layer";
      report({
        message: `${found.batchNorm.spec.displayName} on ${part.kind === 'generator' ? "the generator's output" : "the discriminator's input"}: DCGAN leaves it off there; remove it.`,
        explanation: `${found.batchNorm.spec.displayName} normalizes ${where} (\`${part.name}\`): DCGAN leaves BatchNorm off the generator output and the discriminator input, where it makes training oscillate and unstable. Remove it there.`,
        range: found.batchNorm.range,
        focus: found.batchNorm.calleeRange,
        related: [{ range: found.producer.range, message: part.kind === 'generator' ? "the generator's output layer" : "the discriminator's input layer" }],
      });
    }
  },
};
