/**
 * The new rules' contracts, pinned on small inputs: message, primary range, related locations and
 * fix titles (the fixtures pin which lines flag; this pins what the user reads).
 */
import assert from 'node:assert/strict';
import type { Analyzer } from '../../../src/analyzer/analyzer';
import { ruleByCode } from '../../../src/analyzer/rules';
import type { Finding } from '../../../src/analyzer/types';
import { getAnalyzer } from '../../../src/node/analyzer';

let analyzer: Analyzer;
before(async () => {
  analyzer = await getAnalyzer();
});

function findings(code: string, text: string, fileName = 'model.py'): Finding[] {
  const result = analyzer.analyze(text, { fileName, rules: [ruleByCode(code)!] });
  assert.deepEqual(result.ruleErrors, []);
  return [...result.findings];
}

/** The finding's visible parts: code, severity, message, explanation, the texts under the focus and the range, related texts, fix titles. */
function shape(text: string, f: Finding) {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    // The long text and the squiggle (issue 15), for the rules that give them.
    ...(f.explanation ? { explanation: f.explanation } : {}),
    ...(f.focus ? { focus: text.slice(f.focus.start, f.focus.end) } : {}),
    at: text.slice(f.range.start, f.range.end),
    related: f.related.map((r) => [text.slice(r.range.start, r.range.end), r.message]),
    fixes: f.fixes.map((x) => `${x.applicability}: ${x.title}`),
  };
}

describe('BN102 dropout-before-batchnorm (pinned)', () => {
  it('pins message, range, related location and the unsafe swap', () => {
    const text = 'import torch.nn as nn\nhead = nn.Sequential(nn.Linear(8, 4, bias=False), nn.Dropout(0.5), nn.BatchNorm1d(4))\n';
    const [f, ...rest] = findings('BN102', text);
    assert.equal(rest.length, 0);
    assert.deepEqual(shape(text, f), {
      code: 'BN102',
      severity: 'warning',
      message: 'nn.Dropout feeds nn.BatchNorm1d directly: move the dropout after it.',
      explanation:
        'nn.Dropout feeds straight into nn.BatchNorm1d: BatchNorm learns its running variance from dropped-out activations in training and applies it to undropped ones at inference ("variance shift"). Apply the dropout after the BatchNorm.',
      focus: 'nn.Dropout',
      at: 'nn.Dropout(0.5)',
      related: [['nn.BatchNorm1d(4)', 'nn.BatchNorm1d that receives the dropped-out activations']],
      fixes: ['unsafe: Move nn.Dropout after nn.BatchNorm1d'],
    });
  });

  it('offers no fix when the order is written in forward', () => {
    const text = [
      'import torch.nn as nn',
      'class M(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.fc = nn.Linear(8, 4)',
      '        self.drop = nn.Dropout()',
      '        self.bn = nn.BatchNorm1d(4)',
      '    def forward(self, x):',
      '        return self.bn(self.drop(self.fc(x)))',
      '',
    ].join('\n');
    const [f] = findings('BN102', text);
    assert.equal(shape(text, f).at, 'nn.Dropout()');
    assert.deepEqual(f.fixes, []);
  });
});

describe('BN405 batchnorm-in-sequence-model (pinned)', () => {
  it('pins message, range and related location', () => {
    const text = 'from tensorflow.keras import layers, Sequential\nm = Sequential([layers.LSTM(8, return_sequences=True), layers.BatchNormalization()])\n';
    const [f, ...rest] = findings('BN405', text);
    assert.equal(rest.length, 0);
    assert.deepEqual(shape(text, f), {
      code: 'BN405',
      severity: 'warning',
      message: "layers.BatchNormalization on layers.LSTM's timesteps: use LayerNorm instead.",
      explanation:
        'layers.BatchNormalization normalizes the per-timestep outputs of layers.LSTM: its batch statistics mix timesteps and padding and change with sequence length and batch composition. Use LayerNorm (or RMSNorm) in a sequence model.',
      focus: 'layers.BatchNormalization',
      at: 'layers.BatchNormalization()',
      related: [['layers.LSTM(8, return_sequences=True)', 'layers.LSTM whose per-timestep outputs are batch-normalized']],
      fixes: [],
    });
  });
});

describe('BN404 ddp-without-syncbatchnorm (pinned)', () => {
  const text = [
    'import torch.nn as nn',
    'import torchvision',
    'from torch.nn.parallel import DistributedDataParallel as DDP',
    'def main(rank):',
    '    model = torchvision.models.resnet18().cuda(rank)',
    '    model = DDP(model, device_ids=[rank])',
    '',
  ].join('\n');

  it('pins message, range, related location and the unsafe conversion', () => {
    const [f, ...rest] = findings('BN404', text);
    assert.equal(rest.length, 0);
    assert.deepEqual(shape(text, f), {
      code: 'BN404',
      severity: 'info',
      message: "`model`'s BatchNorm sees per-GPU batches under DDP: use SyncBatchNorm if they are small.",
      explanation:
        '`model` holds BatchNorm (torchvision.models.resnet18) and is wrapped in DistributedDataParallel without SyncBatchNorm: each process normalizes with the statistics of its own per-GPU batch. If those batches are small, convert first: `model = nn.SyncBatchNorm.convert_sync_batchnorm(model)`.',
      focus: 'DDP',
      at: 'DDP(model, device_ids=[rank])',
      related: [['torchvision.models.resnet18()', 'BatchNorm in the wrapped model']],
      fixes: ['unsafe: Convert BatchNorm to SyncBatchNorm before wrapping'],
    });
    assert.deepEqual(
      f.fixes[0].edits.map((e) => e.newText),
      ['    model = nn.SyncBatchNorm.convert_sync_batchnorm(model)\n'],
    );
  });

  it('is silent once the file handles SyncBatchNorm (a flag, a conversion)', () => {
    const flagged = text.replace('    model = DDP', '    if args.sync_bn:\n        pass\n    model = DDP');
    assert.deepEqual(findings('BN404', flagged), []);
  });
});

describe('BN403 batch-too-small-for-batchnorm (pinned)', () => {
  const script = (loader: string) =>
    [
      'import torch.nn as nn',
      'from torch.utils.data import DataLoader',
      'def train(ds):',
      '    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))',
      `    loader = ${loader}`,
      '    for x in loader:',
      '        model(x).sum().backward()',
      '',
    ].join('\n');

  it('is an error at batch size 1 when PyTorch raises', () => {
    const text = script('DataLoader(ds, batch_size=1)');
    const [f, ...rest] = findings('BN403', text);
    assert.equal(rest.length, 0);
    assert.deepEqual(shape(text, f), {
      code: 'BN403',
      severity: 'error',
      message: '`model` is trained on batches of 1, where its nn.BatchNorm1d raises: use larger batches.',
      explanation:
        '`model` is trained on batches of 1, and its nn.BatchNorm1d after a linear layer then sees one value per channel: PyTorch raises "Expected more than 1 value per channel when training". Use larger batches, or GroupNorm/LayerNorm.',
      focus: '1',
      at: 'DataLoader(ds, batch_size=1)',
      related: [
        ['nn.BatchNorm1d(8)', 'BatchNorm in the trained model'],
        ['model(x).sum().backward()', 'training step on these batches'],
      ],
      fixes: [],
    });
  });

  it('is a note for batch sizes 2 to 4, silent from 5', () => {
    const text = script('DataLoader(ds, batch_size=3)');
    const [f] = findings('BN403', text);
    assert.equal(f.severity, 'info');
    assert.equal(f.message, '`model` has BatchNorm and is trained on batches of 3: use larger batches or GroupNorm.');
    assert.equal(
      f.explanation,
      '`model` holds BatchNorm (nn.BatchNorm1d) and is trained on batches of 3: batch statistics from so few samples are noisy. Use larger batches, GroupNorm, or BatchNorm frozen in eval mode.',
    );
    assert.equal(text.slice(f.focus!.start, f.focus!.end), '3');
    assert.deepEqual(findings('BN403', script('DataLoader(ds, batch_size=5)')), []);
  });
});

describe('BN206 keras-unfrozen-base-bn-training (pinned)', () => {
  it('pins message, range, related locations and the fix', () => {
    const text = [
      'from tensorflow import keras',
      'base = keras.applications.ResNet50(include_top=False)',
      'base.trainable = False',
      'inputs = keras.Input(shape=(224, 224, 3))',
      'x = base(inputs)',
      'base.trainable = True',
      '',
    ].join('\n');
    const [f, ...rest] = findings('BN206', text);
    assert.equal(rest.length, 0);
    assert.deepEqual(shape(text, f), {
      code: 'BN206',
      severity: 'warning',
      message: '`base` is called without `training=False` and later unfrozen: pass `training=False`.',
      explanation:
        '`base` holds BatchNorm (keras.applications.ResNet50) and is called without `training=False`, then unfrozen with `base.trainable = True`: fine-tuning will run its BatchNorm layers in training mode and overwrite the pretrained statistics. Call it with `training=False`.',
      focus: 'base',
      at: 'base(inputs)',
      related: [
        ['base.trainable = True', 'the base model is unfrozen here'],
        ['keras.applications.ResNet50(include_top=False)', 'BatchNorm in the base model'],
      ],
      fixes: ['unsafe: Add training=False'],
    });
  });
});

describe('BN207 tf1-update-ops-not-run (pinned)', () => {
  it('pins message, range, related location and the wrapping fix', () => {
    const text = [
      'import tensorflow.compat.v1 as tf',
      'h = tf.layers.batch_normalization(x, training=is_training)',
      'train_op = tf.train.AdamOptimizer(0.1).minimize(loss)',
      '',
    ].join('\n');
    const [f, ...rest] = findings('BN207', text);
    assert.equal(rest.length, 0);
    assert.deepEqual(shape(text, f), {
      code: 'BN207',
      severity: 'warning',
      message: "This train op does not run the batch norm's UPDATE_OPS: wrap it in tf.control_dependencies.",
      explanation:
        'This train op does not run the UPDATE_OPS that `tf.layers.batch_normalization` adds in graph mode: the moving mean and variance never change, so the model is wrong at inference. Build it inside `with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):`.',
      focus: 'tf.train.AdamOptimizer(0.1).minimize',
      at: 'tf.train.AdamOptimizer(0.1).minimize(loss)',
      related: [['tf.layers.batch_normalization(x, training=is_training)', 'batch norm whose update ops are not run']],
      fixes: ['unsafe: Run the UPDATE_OPS before the train op'],
    });
    assert.deepEqual(
      f.fixes[0].edits.map((e) => e.newText),
      ['with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):\n    train_op = tf.train.AdamOptimizer(0.1).minimize(loss)'],
    );
  });
});

describe('BN406 gan-batchnorm-placement (pinned)', () => {
  it("pins message, range and related location for the generator's output", () => {
    const text = [
      'import torch.nn as nn',
      'class Generator(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.main = nn.Sequential(nn.ConvTranspose2d(100, 3, 4), nn.BatchNorm2d(3), nn.Tanh())',
      'class Critic(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.main = nn.Sequential(nn.Conv2d(3, 64, 4), nn.LeakyReLU(0.2), nn.Conv2d(64, 1, 4))',
      '',
    ].join('\n');
    const [f, ...rest] = findings('BN406', text);
    assert.equal(rest.length, 0);
    assert.deepEqual(shape(text, f), {
      code: 'BN406',
      severity: 'info',
      message: "nn.BatchNorm2d on the generator's output: DCGAN leaves it off there; remove it.",
      explanation:
        "nn.BatchNorm2d normalizes the generator's output layer (`Generator`): DCGAN leaves BatchNorm off the generator output and the discriminator input, where it makes training oscillate and unstable. Remove it there.",
      focus: 'nn.BatchNorm2d',
      at: 'nn.BatchNorm2d(3)',
      related: [['nn.ConvTranspose2d(100, 3, 4)', "the generator's output layer"]],
      fixes: [],
    });
  });

  it('is silent without both sides of a GAN in the file', () => {
    const text =
      'import torch.nn as nn\nclass Generator(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.main = nn.Sequential(nn.ConvTranspose2d(100, 3, 4), nn.BatchNorm2d(3), nn.Tanh())\n';
    assert.deepEqual(findings('BN406', text), []);
  });
});
