/**
 * What users see for the layer analysis of issue 11: messages, ranges and fix titles of the
 * call-site, conditional-layer, symbol and fix-safety cases (the fixtures pin lines and fixed text).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../../src/analyzer/analyzer';
import { allRules } from '../../src/analyzer/rules';
import { getAnalyzer } from '../../src/node/analyzer';
import { FIXTURES } from '../support/fixtures';

describe('layer analysis: what users see', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await getAnalyzer();
  });

  const findings = (fixture: string, code: string) => {
    const file = path.join(FIXTURES, 'rules', fixture);
    const text = fs.readFileSync(file, 'utf8');
    const rules = allRules.filter((r) => r.meta.code === code);
    return analyzer.analyze(text, { fileName: file, rules }).findings.map((f) => ({
      text: text.slice(f.range.start, f.range.end),
      message: f.message,
      explanation: f.explanation,
      focus: f.focus && text.slice(f.focus.start, f.focus.end),
      fix: f.fixes[0] && { title: f.fixes[0].title, applicability: f.fixes[0].applicability },
    }));
  };

  it('a conditional layer gets bias=not <flag>, safe, once for all call sites', () => {
    const [generator] = findings('BN101/conditional.py', 'BN101');
    assert.equal(generator?.text, 'nn.Linear(in_feat, out_feat)');
    assert.equal(generator?.message, "nn.Linear's bias is redundant where a BatchNorm follows: set `bias=not normalize`.");
    assert.equal(generator?.focus, 'nn.Linear');
    assert.equal(
      generator?.explanation,
      'nn.Linear has a bias that the nn.BatchNorm1d after it cancels when `normalize` holds: BatchNorm subtracts the per-channel mean. Where no BatchNorm follows (`not normalize`) the bias is needed. Set `bias=not normalize`.',
    );
    assert.deepEqual(generator?.fix, { title: 'Set bias=not normalize', applicability: 'safe' });
  });

  it('TF.js writes the condition its own way', () => {
    const conditional = findings('BN101/tfjs_branches.ts', 'BN101').find((f) => f.fix?.title.includes('!'));
    assert.deepEqual(conditional?.fix, { title: 'Set useBias: !useBn', applicability: 'safe' });
  });

  it('a file that loads a checkpoint gets the fix as unsafe, with the reason in the title', () => {
    const [conv] = findings('BN101/checkpoint.py', 'BN101');
    assert.deepEqual(conv?.fix, {
      title: 'Set bias=False (unsafe: removes a parameter, so a checkpoint this file loads no longer matches the model)',
      applicability: 'unsafe',
    });
  });

  it('a value from a caller is reported where it takes effect, without a literal fix', () => {
    const [bn] = findings('BN301/call_sites.py', 'BN301');
    assert.equal(bn?.text, 'nn.BatchNorm2d(oup, momentum=momentum)');
    assert.equal(bn?.message, 'momentum=momentum (= 0.9) looks like a Keras-style value: in PyTorch that is 0.1.');
    assert.equal(bn?.focus, 'momentum=momentum');
    assert.match(bn?.explanation ?? '', /^momentum=momentum \(= 0\.9\) on nn\.BatchNorm2d looks like a Keras-convention value/);
    assert.equal(bn?.fix, undefined);
  });

  it('a BatchNorm sized by the producer input name is reported as likely, naming both', () => {
    const [bn2] = findings('BN401/symbols.py', 'BN401');
    assert.equal(bn2?.text, 'nn.BatchNorm1d(hidden_dim)');
    assert.equal(bn2?.message, 'nn.BatchNorm1d(hidden_dim) likely expects the wrong number of features: use `out_dim`.');
    assert.equal(bn2?.focus, 'nn.BatchNorm1d');
    assert.equal(
      bn2?.explanation,
      'nn.BatchNorm1d(hidden_dim) likely expects the wrong number of features: the nn.Linear feeding it takes `hidden_dim` features in and produces `out_dim` (out_features=out_dim). Unless the two are always equal, PyTorch raises a RuntimeError on the first batch; use `out_dim`.',
    );
    assert.equal(bn2?.fix, undefined);
  });

  it('eps given the channel count by name', () => {
    const [eps] = findings('BN304/symbols.py', 'BN304');
    assert.equal(eps?.text, 'n');
    assert.equal(eps?.message, 'eps=n passes the channel count as ε: pass only `n`.');
    assert.match(eps?.explanation ?? '', /^eps=n on nn\.BatchNorm2d is the same name as num_features/);
  });

  it('keywords of layers whose signature the table does not know completely are never reported', () => {
    const reported = findings('BN303/versions.py', 'BN303').map((f) => f.text);
    assert.deepEqual(reported, ['bias', 'eps']);
  });
});
