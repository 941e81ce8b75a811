/**
 * Short messages and narrow focus ranges (issue 15, items 3 and 4), over every rule fixture with
 * every rule on: a Problems row shows the whole message, and the squiggle (the focus) lies inside
 * the file and inside the finding's primary range.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../../../src/analyzer/analyzer';
import { calleeOf, methodOf } from '../../../src/analyzer/rules/modeText';
import { findingFrom } from '../../../src/analyzer/rules/rule';
import type { Finding } from '../../../src/analyzer/types';
import { getAnalyzer } from '../../../src/node/analyzer';
import { FIXTURES, fixtureFiles, SOURCE_EXTENSIONS } from '../../support/fixtures';

/** The rules that give a short message, an explanation and a focus on every finding. */
const FOCUSED_RULES = new Set([
  'BN101',
  'BN102',
  'BN201',
  'BN202',
  'BN203',
  'BN204',
  'BN205',
  'BN206',
  'BN207',
  'BN301',
  'BN302',
  'BN303',
  'BN304',
  'BN401',
  'BN402',
  'BN403',
  'BN404',
  'BN405',
  'BN406',
]);
const MAX_MESSAGE = 100;

describe('short messages and focus ranges over all rule fixtures', () => {
  let analyzer: Analyzer;
  const all: { file: string; text: string; finding: Finding }[] = [];
  before(async () => {
    analyzer = await getAnalyzer();
    for (const file of fixtureFiles(path.join(FIXTURES, 'rules'), SOURCE_EXTENSIONS)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const finding of analyzer.analyze(text, { fileName: file }).findings) all.push({ file: path.relative(FIXTURES, file), text, finding });
    }
  });

  it('covers findings of every focused rule', () => {
    const seen = new Set(all.map((f) => f.finding.code));
    for (const code of FOCUSED_RULES) assert.ok(seen.has(code), `no fixture finding of ${code}`);
  });

  it(`focused rules: one-line messages of at most ${MAX_MESSAGE} characters, with a longer explanation`, () => {
    const bad = all
      .filter(({ finding }) => FOCUSED_RULES.has(finding.code))
      .filter(({ finding: f }) => f.message.length > MAX_MESSAGE || f.message.includes('\n') || !f.explanation || f.explanation.length <= f.message.length)
      .map(({ file, finding: f }) => `${file}: ${f.code} (${f.message.length} chars) ${f.message}`);
    assert.deepEqual(bad, []);
  });

  it('focused rules: every finding has a non-empty focus inside its primary range', () => {
    const bad = all
      .filter(({ finding }) => FOCUSED_RULES.has(finding.code))
      .filter(({ finding: f }) => !f.focus || f.focus.start >= f.focus.end || f.focus.start < f.range.start || f.focus.end > f.range.end)
      .map(({ file, finding: f }) => `${file}: ${f.code} range ${f.range.start}-${f.range.end} focus ${f.focus ? `${f.focus.start}-${f.focus.end}` : 'none'}`);
    assert.deepEqual(bad, []);
  });

  it('any rule: a focus, when given, lies within the file', () => {
    const bad = all
      .filter(({ text, finding: f }) => f.focus && (f.focus.start < 0 || f.focus.end > text.length || f.focus.start > f.focus.end))
      .map(({ file, finding: f }) => `${file}: ${f.code}`);
    assert.deepEqual(bad, []);
  });

  it('findingFrom drops a focus outside the primary range and keeps one inside', () => {
    const meta = { code: 'BN999', name: 'test-rule', defaultSeverity: 'warning', summary: '', fix: 'none', docs: '' } as const;
    const outside = findingFrom(meta, { message: 'm', range: { start: 10, end: 20 }, focus: { start: 5, end: 12 } });
    assert.equal(outside.focus, undefined);
    const inside = findingFrom(meta, { message: 'm', explanation: 'why', range: { start: 10, end: 20 }, focus: { start: 12, end: 15 } });
    assert.deepEqual(inside.focus, { start: 12, end: 15 });
    assert.equal(inside.explanation, 'why');
    assert.ok(!('explanation' in outside), 'no explanation key when the rule gives none');
  });

  it('calleeOf and methodOf: the callee of a call given as a range, the whole call when it is not a plain name', () => {
    const callee = (code: string, language: 'python' | 'typescript' = 'python') => {
      const range = calleeOf(code, { start: 0, end: code.length }, language);
      return code.slice(range.start, range.end);
    };
    assert.equal(callee('model(x)'), 'model');
    assert.equal(callee('torch.jit.trace(model, torch.randn(1, 3))'), 'torch.jit.trace');
    assert.equal(callee('tf.train.Adam(0.1).minimize(loss, name=")(")'), 'tf.train.Adam(0.1).minimize');
    assert.equal(callee('net(x,  # (a comment\n    y)'), 'net');
    assert.equal(callee('model.apply(vars, x, { training: true } /* ( */)', 'typescript'), 'model.apply');
    assert.equal(callee('models[0](x)'), 'models[0](x)');
    assert.equal(callee('model(x)[0]'), 'model(x)[0]');
    const method = (code: string) => {
      const range = methodOf(code, { start: 0, end: code.length }, 'python');
      return code.slice(range.start, range.end);
    };
    assert.equal(method('self.backbone.train()'), '.train');
    assert.equal(method('evaluate(model, loader)'), 'evaluate');
  });
});
