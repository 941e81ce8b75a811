/** The fix engine's refusals: overlapping edits, duplicated lines, results that no longer parse. */
import assert from 'node:assert/strict';
import { applyEdits, applyFindingFixes, checkFixRoundTrip, fixUntilStable } from '../../../src/analyzer/fixes';
import type { Finding, Fix, InputProblem, TextEdit } from '../../../src/analyzer/types';

const edit = (start: number, end: number, newText: string): TextEdit => ({ range: { start, end }, newText });

function finding(start: number, edits: TextEdit[], applicability: Fix['applicability'] = 'safe', code = 'BN999'): Finding {
  return {
    code,
    name: 'test',
    severity: 'warning',
    message: 'm',
    range: { start, end: start + 1 },
    related: [],
    fixes: [{ title: 'fix', applicability, edits }],
  };
}

describe('fix engine', () => {
  describe('applyEdits', () => {
    it('applies edits in offset order', () => {
      assert.equal(applyEdits('abcdef', [edit(4, 5, 'E'), edit(0, 1, 'A'), edit(2, 2, '+')]), 'Ab+cdEf');
    });
    it('refuses overlapping edits instead of applying half of them', () => {
      assert.throws(() => applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 4, 'y')]), RangeError);
      assert.throws(() => applyEdits('abcdef', [edit(2, 2, 'x'), edit(2, 2, 'y')]), /overlap/);
    });
    it('refuses edits outside the text', () => {
      assert.throws(() => applyEdits('abc', [edit(2, 9, 'x')]), /outside the text/);
    });
  });

  describe('applyFindingFixes', () => {
    it('refuses a fix whose own edits overlap, and applies the others', () => {
      const text = 'a = 1\nb = 2\n';
      const result = applyFindingFixes(text, [finding(0, [edit(0, 3, 'x'), edit(1, 5, 'y')]), finding(6, [edit(6, 7, 'c')])], false);
      assert.equal(result.text, 'a = 1\nc = 2\n');
      assert.equal(result.applied, 1);
      assert.deepEqual(
        result.refused.map((r) => r.reason),
        ['overlapping-edits'],
      );
    });
    it('defers a fix that overlaps another fix to the next pass (not a refusal)', () => {
      const result = applyFindingFixes('abc', [finding(0, [edit(0, 2, 'X')]), finding(1, [edit(1, 3, 'Y')])], false);
      assert.equal(result.text, 'Xc');
      assert.equal(result.deferred, 1);
      assert.deepEqual(result.refused, []);
    });
    it('refuses a fix that inserts a line identical to the line below it', () => {
      const text = 'for x in data:\n    model.train()\n    step(x)\n';
      const at = text.indexOf('    model.train()');
      const result = applyFindingFixes(text, [finding(at, [edit(at, at, '    model.train()\n')])], false);
      assert.equal(result.text, text);
      assert.deepEqual(
        result.refused.map((r) => [r.code, r.reason]),
        [['BN999', 'duplicate-line']],
      );
    });
    it('refuses a fix that inserts a line identical to the line above it (CRLF too)', () => {
      const text = 'model.eval()\r\npredict(x)\r\n';
      const at = text.indexOf('\r\npredict');
      const result = applyFindingFixes(text, [finding(0, [edit(at, at, '\r\nmodel.eval()')])], false);
      assert.equal(result.text, text);
      assert.equal(result.refused[0]?.reason, 'duplicate-line');
    });
    it('accepts an inserted line that differs from its neighbours, and a rewrite of a line that has a twin', () => {
      const text = 'x = f(x)\nx = f(x)\n';
      const inserted = applyFindingFixes(text, [finding(0, [edit(9, 9, 'model.eval()\n')])], false);
      assert.equal(inserted.text, 'x = f(x)\nmodel.eval()\nx = f(x)\n');
      // Rewriting a line (no line added) is not an insertion, even when the result repeats its neighbour.
      const rewritten = applyFindingFixes('x = g(x)\nx = f(x)\n', [finding(0, [edit(4, 5, 'f')])], false);
      assert.equal(rewritten.text, 'x = f(x)\nx = f(x)\n');
      assert.deepEqual(rewritten.refused, []);
    });
    it('leaves unsafe fixes alone unless asked', () => {
      const findings = [finding(0, [edit(0, 1, 'B')], 'unsafe')];
      assert.equal(applyFindingFixes('a', findings, false).text, 'a');
      assert.equal(applyFindingFixes('a', findings, true).text, 'B');
    });
  });

  describe('fixUntilStable', () => {
    /** A toy language: a line is a syntax error when it has an unbalanced parenthesis. */
    function analyzeToy(text: string): { findings: Finding[]; problems: InputProblem[] } {
      const problems: InputProblem[] = [];
      const findings: Finding[] = [];
      let offset = 0;
      for (const line of text.split('\n')) {
        if ((line.match(/\(/g)?.length ?? 0) !== (line.match(/\)/g)?.length ?? 0))
          problems.push({ message: 'unbalanced', range: { start: offset, end: offset + line.length } });
        const bad = line.indexOf('bad');
        if (bad >= 0) findings.push(finding(offset + bad, [edit(offset + bad, offset + bad + 3, line.includes('break') ? 'good(' : 'good')]));
        offset += line.length + 1;
      }
      return { findings, problems };
    }

    it('refuses a fix whose result does not parse, and still applies the others', () => {
      const text = 'bad\nbad break\nok\n';
      const result = fixUntilStable(text, analyzeToy, false);
      assert.equal(result.text, 'good\nbad break\nok\n');
      assert.equal(result.applied, 1);
      assert.deepEqual(
        result.refused.map((r) => [r.offset, r.reason]),
        [[4, 'breaks-parse']],
      );
    });
    it('keeps the parse check off when the callback returns only findings (no problems to compare)', () => {
      const result = fixUntilStable('bad break\n', (t) => analyzeToy(t).findings, false);
      assert.equal(result.text, 'good( break\n');
    });
    it('a fix that keeps inserting its line stops after the first time', () => {
      // The "rule" always asks for a model.eval() line before predict(), like BN201 did on every run.
      const analyze = (text: string) => {
        const at = text.indexOf('predict(');
        return [finding(at, [edit(at, at, 'model.eval()\n')])];
      };
      const result = fixUntilStable('predict(x)\n', analyze, false);
      assert.equal(result.text, 'model.eval()\npredict(x)\n');
      assert.equal(result.applied, 1);
      assert.equal(result.refused[0]?.reason, 'duplicate-line');
    });
  });

  describe('checkFixRoundTrip', () => {
    /** Findings per line: `old` asks to become `new`; `new` is fine; `worse` is a finding without a fix. */
    const toyRule = (rewrite: string) => (text: string) => {
      const findings: Finding[] = [];
      let offset = 0;
      for (const line of text.split('\n')) {
        if (line === 'old') findings.push(finding(offset, [edit(offset, offset + 3, rewrite)]));
        if (line === 'worse') findings.push({ ...finding(offset, []), code: 'BN998', message: 'worse' });
        offset += line.length + 1;
      }
      return { findings, problems: [] };
    };

    it('passes a fix that removes its finding and is idempotent', () => {
      const report = checkFixRoundTrip('old\nkeep\n', toyRule('new'));
      assert.equal(report.fixed, 'new\nkeep\n');
      assert.deepEqual(
        [report.applied, report.remaining.length, report.introduced.length, report.secondPassChanges, report.breaksParse],
        [1, 0, 0, false, false],
      );
    });
    it('reports a fixed finding that remains, a new finding, and a second pass that changes the text', () => {
      assert.equal(checkFixRoundTrip('old\n', toyRule('old')).remaining.length, 1);
      assert.deepEqual(
        checkFixRoundTrip('old\n', toyRule('worse')).introduced.map((f) => f.code),
        ['BN998'],
      );
      // A fix that keeps appending (never a duplicate line): passes run out, a second run changes the text again.
      let n = 0;
      const growing = (text: string) => ({ findings: [finding(0, [edit(text.length, text.length, `x${n++}`)])], problems: [] });
      assert.equal(checkFixRoundTrip('a', growing).secondPassChanges, true);
    });
  });
});
