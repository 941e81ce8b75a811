/**
 * Rules declare what they read (`meta.needs`), analyses no enabled rule needs are skipped, and the
 * prefilter skips texts that cannot give a finding before parsing them.
 */
import assert from 'node:assert/strict';
import type { Analyzer } from '../../../src/analyzer/analyzer';
import { mayHaveFindings } from '../../../src/analyzer/python';
import { allRules } from '../../../src/analyzer/rules';
import { getAnalyzer } from '../../../src/node/analyzer';

const MODEL = [
  'import torch.nn as nn',
  '',
  'conv = nn.Conv2d(3, 8, 3)',
  'block = nn.Sequential(conv, nn.BatchNorm2d(8, momentum=0.9))',
  '',
  'def evaluate(model, x):',
  '    return model(x)',
  '',
].join('\n');

describe('rule needs and the prefilter', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await getAnalyzer();
  });

  it('every rule declares at least one analysis, and only known ones', () => {
    for (const rule of allRules) {
      assert.ok(rule.meta.needs.length > 0, rule.meta.code);
      for (const need of rule.meta.needs) assert.ok(['layers', 'modes', 'training'].includes(need), `${rule.meta.code}: ${need}`);
    }
  });

  it('a selection of rules finds what the same rules find with every rule on', () => {
    const all = analyzer.analyze(MODEL, { fileName: 'm.py' }).findings.map((f) => f.code);
    assert.ok(all.includes('BN101') && all.includes('BN301'), all.join());
    for (const code of ['BN101', 'BN301']) {
      const alone = analyzer.analyze(MODEL, { fileName: 'm.py', config: { select: [code] } }).findings.map((f) => f.code);
      assert.deepEqual(alone, [code]);
    }
  });

  it('the prefilter passes a text per what the enabled rules read', () => {
    assert.equal(mayHaveFindings(MODEL, new Set(['layers'])), true);
    // No framework import: nothing can resolve.
    assert.equal(mayHaveFindings('x = Conv2d(3, 8, 3)\nmodel.eval()\n', new Set(['layers', 'modes', 'training'])), false);
    // A framework, but no layer name: the layer rules cannot fire; a mode marker opens the mode analysis.
    const modeOnly = 'import torch\n\ndef run(model, x):\n    with torch.no_grad():\n        return model(x)\n';
    assert.equal(mayHaveFindings(modeOnly, new Set(['layers'])), false);
    assert.equal(mayHaveFindings(modeOnly, new Set(['modes'])), true);
  });

  it('skipped texts are not parsed: no syntax problem is reported for them, while a parsed one reports it', () => {
    const broken = 'def f(:\n    pass\n';
    assert.deepEqual(analyzer.analyze(broken, { fileName: 'b.py' }).problems, []);
    assert.ok(analyzer.analyze(`import torch.nn as nn\nbn = nn.BatchNorm2d(4)\n${broken}`, { fileName: 'b.py' }).problems.length > 0);
    // Editors asking for the parse itself (hovers, suppression edits) always get it.
    assert.ok((analyzer.parse(broken, 'python')?.problems.length ?? 0) > 0);
  });

  it('with every rule off nothing is analyzed', () => {
    const result = analyzer.analyze(MODEL, { fileName: 'm.py', config: { select: ['BN101'], ignore: ['BN101'] } });
    assert.deepEqual(result, { findings: [], problems: [], ruleErrors: [] });
  });
});
