import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Finding } from '../../../src/analyzer/types';
import { locateFindings } from '../../../src/extension/diagnostics';
import { explanationMarkdown } from '../../../src/extension/hover';
import { closeAllEditors, openEditor, rangeOf, waitForCodes } from './helpers';

/** Our hover's Markdown at a position (other extensions' hovers are ignored). */
async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<{ markdown: string; hover: vscode.Hover } | undefined> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  for (const hover of hovers) {
    const markdown = hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    if (/batch normalization|normalization|convolution|dense layer/.test(markdown) && markdown.includes('command:normlint.')) return { markdown, hover };
  }
  return undefined;
}

/** The arguments of a `command:<id>?<args>` link in the Markdown. */
function commandArgs(markdown: string, id: string): unknown[] {
  const m = new RegExp(`\\(command:${id.replace('.', '\\.')}\\?([^ )]+)`).exec(markdown);
  assert.ok(m, `no ${id} link in:\n${markdown}`);
  return JSON.parse(decodeURIComponent(m[1]));
}

suite('hover', () => {
  suiteTeardown(closeAllEditors);

  test('on a PyTorch BatchNorm: formula, convention, translated momentum, window, eps, links', async () => {
    const editor = await openEditor('models/pytorch_cnn.py');
    const document = editor.document;
    await waitForCodes(document.uri, 'BN101,BN101,BN101,BN301,BN303,BN304,BN401,BN402');
    const at = rangeOf(document, 'nn.BatchNorm2d(128)').start.translate(0, 5);
    const found = await hoverAt(document.uri, at);
    assert.ok(found, 'a NormLint hover on nn.BatchNorm2d');
    const { markdown, hover } = found;
    assert.match(markdown, /\*\*nn\.BatchNorm2d\*\* · PyTorch batch normalization/);
    assert.ok(markdown.includes('y = (x − E[x]) / √(Var[x] + ε) · γ + β'), 'the formula');
    assert.match(markdown, /\| convention \| PyTorch: `momentum` weighs the \*\*new batch\*\* \|/);
    assert.match(markdown, /\| momentum \| `0\.1` \(default\) \|/);
    assert.match(markdown, /\| same in Keras\/Flax\/TF\.js \| `momentum=0\.9` \|/);
    assert.match(markdown, /\| averaging window \| about 10 batches/);
    assert.match(markdown, /\| eps \| `1e-5` \(default\) \|/);
    assert.match(markdown, /running = 0\.9·running \+ 0\.1·batch/);
    assert.match(markdown, /input from \| nn\.Conv2d \(line 17\)/);
    for (const code of ['BN301', 'BN304', 'BN401', 'BN402'])
      assert.deepEqual(commandArgs(markdown.slice(markdown.indexOf(`[${code}]`)), 'normlint.showDocumentation'), [code]);
    assert.deepEqual(commandArgs(markdown, 'normlint.openCalculator'), [{ framework: 'pytorch', momentum: 0.1, eps: 1e-5 }]);
    // Trusted for our two commands only.
    const content = hover.contents[0] as vscode.MarkdownString;
    assert.deepEqual(content.isTrusted, { enabledCommands: ['normlint.openCalculator', 'normlint.showDocumentation'] });
    assert.equal(document.getText(hover.range), 'nn.BatchNorm2d');
  });

  test('on a partial(...) with a Keras-style momentum, and on an explicit eps', async () => {
    const editor = await openEditor('models/pytorch_cnn.py');
    const document = editor.document;
    const partial = await hoverAt(document.uri, rangeOf(document, 'partial(nn.BatchNorm2d').start.translate(0, 3));
    assert.ok(partial);
    assert.match(partial.markdown, /\| momentum \| `0\.99` \(set here\) \|/);
    assert.match(partial.markdown, /\| same in Keras\/Flax\/TF\.js \| `momentum=0\.01` \|/);
    assert.match(partial.markdown, /\| averaging window \| about 1 batch /);
    assert.match(partial.markdown, /\| eps \| `1e-3` \(set here; default 1e-5\) \|/);
    const bn4 = await hoverAt(document.uri, rangeOf(document, '0.9)').start);
    assert.ok(bn4, 'hovering an argument shows its layer');
    assert.match(bn4.markdown, /\*\*nn\.BatchNorm1d\*\*/);
    assert.match(bn4.markdown, /\| eps \| `0\.9` \(set here; default 1e-5\) \|/);
  });

  test('on a Keras BatchNormalization: the other convention, translated to PyTorch', async () => {
    const editor = await openEditor('models/keras_model.py');
    const document = editor.document;
    const found = await hoverAt(document.uri, rangeOf(document, 'BatchNormalization(momentum=0.99').start.translate(0, 2));
    assert.ok(found);
    assert.match(found.markdown, /\*\*layers\.BatchNormalization\*\* · Keras batch normalization/);
    assert.match(found.markdown, /\| convention \| Keras, Flax, TF\.js: `momentum` weighs the \*\*old value\*\* \|/);
    assert.match(found.markdown, /\| update \| moving = 0\.99·moving \+ 0\.01·batch \|/);
    assert.match(found.markdown, /\| same in PyTorch \| `momentum=0\.01` \|/);
    assert.match(found.markdown, /\| averaging window \| about 100 batches/);
    assert.match(found.markdown, /\| epsilon \| `1e-3` \(set here; default 0\.001\) \|/);
    assert.deepEqual(commandArgs(found.markdown, 'normlint.openCalculator'), [{ framework: 'keras', momentum: 0.99, eps: 0.001 }]);
    const named = await hoverAt(document.uri, rangeOf(document, 'BatchNormalization(momentum=BN_MOMENTUM').start.translate(0, 2));
    assert.match(named!.markdown, /\| momentum \| `0\.1` \(`BN_MOMENTUM`\) \|/);
  });

  test('on a conv feeding a BatchNorm: its bias, and BN101', async () => {
    const editor = await openEditor('models/pytorch_cnn.py');
    const document = editor.document;
    const found = await hoverAt(document.uri, rangeOf(document, 'nn.Conv2d(3, 32').start.translate(0, 4));
    assert.ok(found);
    assert.match(found.markdown, /\*\*nn\.Conv2d\*\* · PyTorch convolution/);
    // Over the squiggle (the callee, BN101's focus): BN101's explanation comes first.
    assert.match(found.markdown, /^\*\*BN101\*\* · nn\.Conv2d has a bias that the \S+ right after it cancels: BatchNorm subtracts the per-channel mean/);
    assert.ok(found.markdown.includes('y = W ⋆ x + b'));
    assert.match(found.markdown, /\| bias \| `True` \(default\) \|/);
    assert.match(found.markdown, /\| output into \| norm_layer|\| output into \| nn\.BatchNorm2d \(line 16\): its mean subtraction cancels this bias/);
    assert.deepEqual(commandArgs(found.markdown, 'normlint.showDocumentation'), ['BN101']);
    assert.ok(!found.markdown.includes('openCalculator'), 'no calculator link on a conv');
    assert.equal(await hoverAt(document.uri, rangeOf(document, 'F.max_pool2d').start), undefined, 'no hover elsewhere');
  });

  test('a finding with a narrow `focus` and a long `explanation`: squiggle on the focus, explanation in the hover', async () => {
    const text = 'bn = nn.BatchNorm2d(\n    64,\n    momentum=0.99,\n)\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: text });
    const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    const base: Finding = {
      code: 'BN301',
      name: 'pytorch-momentum-in-keras-convention',
      severity: 'warning',
      message: 'Momentum 0.99 looks like a Keras value.',
      range: at('nn.BatchNorm2d(\n    64,\n    momentum=0.99,\n)'),
      related: [],
      fixes: [],
    };
    const locate = (r: { start: number; end: number }) => ({
      uri: document.uri,
      range: new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)),
    });
    const withFocus: Finding = { ...base, focus: at('momentum=0.99'), explanation: 'PyTorch weighs the new batch with momentum; Keras weighs the old value.' };
    const [plain, focused] = locateFindings([base, withFocus], locate);
    // Without a focus: the squiggle is the primary range (all four lines).
    assert.equal(document.getText(plain.diagnostic.range), text.slice(base.range.start, base.range.end));
    // With one: the squiggle is the argument; the finding keeps its primary range (fixes, suppressions).
    assert.equal(document.getText(focused.diagnostic.range), 'momentum=0.99');
    assert.equal(document.getText(focused.range), text.slice(base.range.start, base.range.end));
    assert.equal(focused.diagnostic.message, 'Momentum 0.99 looks like a Keras value.');
    assert.match(
      explanationMarkdown([{ code: 'BN301', explanation: 'PyTorch weighs the new batch with momentum; Keras weighs the old value.' }]),
      /^\*\*BN301\*\* · PyTorch weighs the new batch .*\[BN301\]\(command:normlint\.showDocumentation/,
    );
  });

  test('on a DataLoader with a batch too small for BatchNorm: a link to the Batch size section, prefilled', async () => {
    const text = [
      'import torch',
      'import torch.nn as nn',
      'from torch.utils.data import DataLoader',
      '',
      '',
      'class Segmenter(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.conv = nn.Conv2d(3, 8, 3, bias=False)',
      '        self.bn = nn.BatchNorm2d(8)',
      '',
      '    def forward(self, x):',
      '        return self.bn(self.conv(x))',
      '',
      '',
      'def train(dataset):',
      '    model = Segmenter()',
      '    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
      '    loader = DataLoader(dataset, batch_size=2, shuffle=True)',
      '    for x, y in loader:',
      '        optimizer.zero_grad()',
      '        model(x).mean().backward()',
      '        optimizer.step()',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: text });
    await vscode.window.showTextDocument(document);
    await waitForCodes(document.uri, 'BN403');
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        document.positionAt(text.indexOf('DataLoader(dataset') + 3),
      )) ?? [];
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(markdown, /See why in the calculator's Batch size section/);
    assert.deepEqual(commandArgs(markdown, 'normlint.openCalculator'), [{ framework: 'pytorch', batchSize: 2, label: 'DataLoader(batch_size=2) on line 19' }]);
  });
});
