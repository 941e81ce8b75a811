/**
 * The text indexes behind the analyzer's prefilters: a wrong answer here silently skips code that
 * matters (a missed finding) or reads code that cannot (lost speed), so each rule of matching is pinned.
 */
import assert from 'node:assert/strict';
import { LineIndex, OccurrenceIndex } from '../../../src/analyzer/text';

describe('OccurrenceIndex', () => {
  it('finds every occurrence of one or several needles, in order', () => {
    const index = OccurrenceIndex.of('a(b(c) d.eval( e(', ['(', '.eval(']);
    assert.deepEqual(index.offsets, [1, 3, 8, 13, 16]);
  });

  it('answers span questions by binary search: [start, end)', () => {
    const index = OccurrenceIndex.of('x(y)  z(w)', '(');
    assert.equal(index.within(0, 1), false, 'end is exclusive');
    assert.equal(index.within(0, 2), true);
    assert.equal(index.within(2, 7), false);
    assert.equal(index.within(7, 8), true, 'start is inclusive');
    assert.equal(index.within(8, 100), false);
    assert.equal(index.firstAtOrAfter(2), 1);
    assert.equal(OccurrenceIndex.of('', '(').isEmpty, true);
  });

  it('collects the matches of a global regular expression', () => {
    assert.deepEqual(OccurrenceIndex.ofMatches('a.eval() b.train()', /\.eval\(|\.train\(/g).offsets, [1, 10]);
  });

  describe('ofNames', () => {
    const text = 'import torch.nn as nn\nx = nn.Conv2d(1, 2, 3)\nchannel = 1\ny = self.nn\nnn_layers = 2\ntorch.nn.functional.relu(x)\n';

    it('finds whole names, dotted ones included, not parts of longer names nor attributes', () => {
      const offsets = OccurrenceIndex.ofNames(text, ['nn']).offsets;
      assert.deepEqual(
        offsets.map((o) => text.slice(o - 1, o + 3)),
        [' nn\n', ' nn.'],
        'the alias and its use; not `channel`, `self.nn`, `nn_layers` or `torch.nn`',
      );
      const dotted = OccurrenceIndex.ofNames(text, ['torch.nn']).offsets;
      assert.equal(dotted.length, 2);
    });

    it('lets the caller reject an occurrence by what surrounds it', () => {
      const offsets = OccurrenceIndex.ofNames(text, ['torch.nn'], (_start, end) => !text.startsWith('.functional', end)).offsets;
      assert.deepEqual(offsets, [text.indexOf('torch.nn')]);
    });

    it('gives the same answer by plain search (few names) and by regular expression (many)', () => {
      const few = ['nn', 'torch.nn', 'x'];
      const many = [...few, 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];
      assert.ok(many.length > 8);
      assert.deepEqual(OccurrenceIndex.ofNames(text, many).offsets, OccurrenceIndex.ofNames(text, few).offsets);
      const accept = (start: number) => text[start - 1] !== '(';
      assert.deepEqual(OccurrenceIndex.ofNames(text, many, accept).offsets, OccurrenceIndex.ofNames(text, few, accept).offsets);
    });

    it('returns nothing for no names', () => {
      assert.equal(OccurrenceIndex.ofNames(text, []).isEmpty, true);
    });
  });
});

describe('LineIndex', () => {
  it('maps offsets and positions over LF, CRLF and CR line breaks', () => {
    const lines = new LineIndex('a\r\nbc\rd\ne');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(4), { line: 1, column: 1 });
    assert.deepEqual(lines.positionAt(6), { line: 2, column: 0 });
    assert.equal(lines.offsetAt({ line: 3, column: 0 }), 8);
    assert.equal(lines.lineText(1), 'bc');
    assert.equal(lines.lineEnd(0), 1, 'before the CRLF');
  });

  it('clamps offsets outside the text', () => {
    const lines = new LineIndex('ab\ncd');
    assert.deepEqual(lines.positionAt(-5), { line: 0, column: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 1, column: 2 });
  });
});
