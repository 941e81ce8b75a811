/** Mode analysis across notebook cells: `.eval()` in an earlier cell counts; findings name their cell. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeNotebook } from '../../src/analyzer/notebook';
import { getAnalyzer } from '../../src/node/analyzer';

describe('notebook mode analysis', () => {
  it('accepts .eval() from an earlier cell and flags the model never switched, in its own cell', async () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../fixtures/notebooks/eval_in_earlier_cell.ipynb'), 'utf8');
    const analysis = analyzeNotebook(await getAnalyzer(), text, { fileName: 'eval_in_earlier_cell.ipynb' });
    const bn201 = analysis.findings.filter((f) => f.finding.code === 'BN201');
    assert.deepEqual(
      bn201.map((f) => [f.cell.index + 1, f.cell.source.slice(f.finding.range.start, f.finding.range.end)]),
      [[5, 'other(torch.randn(1, 3, 224, 224))']],
    );
    // The fix inserts `other.eval()` in that cell, before its no_grad block.
    const edit = bn201[0].finding.fixes[0].edits[0];
    assert.equal(edit.newText, 'other.eval()\n');
    assert.equal(bn201[0].cell.source.slice(0, edit.range.start), 'other = torchvision.models.resnet34(weights="IMAGENET1K_V1")\n');
  });
});

describe('notebook messages', () => {
  it('name a line by its cell, not by its place in the cells joined', async () => {
    const code = (...lines: string[]) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: lines });
    const cells = [
      { cell_type: 'markdown', metadata: {}, source: ['# Evaluation\n'] },
      code('import torch\n', 'import torchvision\n'),
      code('model = torchvision.models.resnet18(weights="DEFAULT")\n'),
      code(
        'def evaluate(model, loader):\n',
        '    model.train()\n',
        '    with torch.no_grad():\n',
        '        for x, y in loader:\n',
        '            out = model(x)\n',
      ),
    ];
    const text = JSON.stringify({ cells, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 });
    const analysis = analyzeNotebook(await getAnalyzer(), text, { fileName: 'messages.ipynb' });
    const bn201 = analysis.findings.filter((f) => f.finding.code === 'BN201');
    assert.equal(bn201.length, 1);
    assert.equal(bn201[0].cell.index + 1, 4);
    // `model.train()` is line 2 of cell 4 (line 6 of the joined program).
    assert.match(bn201[0].finding.message, /`model\.train\(\)` on line 2 of cell 4:/);
  });
});
