/** Suppression comments: what a comment says (parseDirective) and which findings it covers (buildSuppressions). */
import assert from 'node:assert/strict';
import { buildSuppressions, parseDirective, type SourceComment } from '../../../src/analyzer/suppressions';
import { LineIndex } from '../../../src/analyzer/text';
import type { Finding } from '../../../src/analyzer/types';

const ALL = ['*'];

describe('suppressions', () => {
  describe('parseDirective', () => {
    const cases: [string, ReturnType<typeof parseDirective>][] = [
      ['# noqa', { scope: 'line', codes: ALL }],
      ['#noqa', { scope: 'line', codes: ALL }],
      ['# NOQA', { scope: 'line', codes: ALL }],
      ['# noqa: BN101', { scope: 'line', codes: ['BN101'] }],
      ['# noqa:BN101,BN301', { scope: 'line', codes: ['BN101', 'BN301'] }],
      ['# noqa: bn101, BN301 ', { scope: 'line', codes: ['BN101', 'BN301'] }],
      ['# noqa: E501', { scope: 'line', codes: ['E501'] }],
      ['# type: ignore  # noqa: BN101', { scope: 'line', codes: ['BN101'] }],
      ['# normlint: disable=BN101', { scope: 'line', codes: ['BN101'] }],
      ['# normlint: disable=BN101,BN3', { scope: 'line', codes: ['BN101', 'BN3'] }],
      ['# normlint: disable', { scope: 'line', codes: ALL }],
      ['// normlint-disable-line BN101', { scope: 'line', codes: ['BN101'] }],
      ['// normlint-disable-line', { scope: 'line', codes: ALL }],
      ['// normlint-disable-next-line BN101, BN301', { scope: 'next-line', codes: ['BN101', 'BN301'] }],
      ['// normlint-disable-next-line BN101 -- the bias is needed here', { scope: 'next-line', codes: ['BN101'] }],
      ['/* normlint-disable BN101 */', { scope: 'file', codes: ['BN101'] }],
      ['/* normlint-disable */', { scope: 'file', codes: ALL }],
    ];
    for (const [comment, expected] of cases) {
      it(`${comment} → ${JSON.stringify(expected)}`, () => assert.deepEqual(parseDirective(comment), expected));
    }

    it('ignores comments that only mention the words', () => {
      for (const comment of ['# just a comment', '# see the noqa docs', '# normlint is great', '# TODO: add normlint later', '// disable the bias', '#']) {
        assert.equal(parseDirective(comment), undefined, comment);
      }
    });

    it('# normlint: disable-file=CODES is file-wide and keeps its codes', () => {
      assert.deepEqual(parseDirective('# normlint: disable-file=BN101'), { scope: 'file', codes: ['BN101'] });
      assert.deepEqual(parseDirective('# normlint: disable-file=BN101, BN3'), { scope: 'file', codes: ['BN101', 'BN3'] });
      assert.deepEqual(parseDirective('# normlint: disable-file'), { scope: 'file', codes: ALL });
    });
  });

  describe('buildSuppressions', () => {
    /** The comments of a text: each `#` or `//` to the end of its line, or a block comment. */
    function commentsOf(text: string): SourceComment[] {
      return [...text.matchAll(/\/\*.*?\*\/|(?:#|\/\/)[^\r\n]*/g)].map((m) => ({ text: m[0], range: { start: m.index, end: m.index + m[0].length } }));
    }

    function finding(code: string, text: string, needle: string, endNeedle?: string): Finding {
      const start = text.indexOf(needle);
      assert.ok(start >= 0, needle);
      const end = endNeedle ? text.indexOf(endNeedle, start) + endNeedle.length : start + needle.length;
      return { code, name: code.toLowerCase(), severity: 'warning', message: 'm', range: { start, end }, related: [], fixes: [] };
    }

    function suppressed(text: string, ...findings: Finding[]): boolean[] {
      const s = buildSuppressions(commentsOf(text), new LineIndex(text));
      return findings.map((f) => s.isSuppressed(f));
    }

    it('a line comment covers findings starting on its line, for its codes', () => {
      const text = [
        'a = conv_a(x)  # noqa: BN101',
        'b = conv_b(x)  # noqa',
        'c = conv_c(x)  # noqa: E501',
        'd = conv_d(x)',
        'e = conv_e(x)  # normlint: disable=BN3',
      ].join('\n');
      assert.deepEqual(
        suppressed(
          text,
          finding('BN101', text, 'conv_a(x)'),
          finding('BN301', text, 'conv_a(x)'),
          finding('BN402', text, 'conv_b(x)'),
          finding('BN101', text, 'conv_c(x)'),
          finding('BN101', text, 'conv_d(x)'),
          finding('BN3', text, 'conv_e(x)'),
          finding('BN301', text, 'conv_e(x)'),
        ),
        [true, false, true, false, false, true, false],
      );
    });

    it('covers a multi-line finding from its first or its last line, not from a middle line', () => {
      const text = [
        'a = Conv2d(  # noqa: BN101',
        '    3, 8, 3',
        ')',
        'b = Conv2d(',
        '    3, 8, 3',
        ')  # noqa: BN101',
        'c = Conv2d(',
        '    3, 8, 3  # noqa: BN101',
        ')',
      ].join('\n');
      const a = finding('BN101', text, 'Conv2d(  #', ')');
      const b = finding('BN101', text, 'Conv2d(\n    3, 8, 3\n)  #', ')');
      const c = finding('BN101', text, 'Conv2d(\n    3, 8, 3  #', '\n)');
      assert.deepEqual(suppressed(text, a, b, c), [true, true, false]);
    });

    it('counts lines the same with CRLF line endings', () => {
      const text = 'a = conv_a(x)\r\nb = conv_b(x)  # noqa: BN101\r\nc = conv_c(x)\r\n';
      assert.deepEqual(suppressed(text, finding('BN101', text, 'conv_a'), finding('BN101', text, 'conv_b'), finding('BN101', text, 'conv_c')), [
        false,
        true,
        false,
      ]);
    });

    it('next-line directives cover only the following line', () => {
      const text = ['// normlint-disable-next-line BN101', 'const a = conv(x);', 'const b = conv(y);'].join('\n');
      assert.deepEqual(suppressed(text, finding('BN101', text, 'conv(x)'), finding('BN101', text, 'conv(y)'), finding('BN301', text, 'conv(x)')), [
        true,
        false,
        false,
      ]);
    });

    it('file-wide directives cover every line, for their codes only', () => {
      const text = ['const a = conv(x);', '/* normlint-disable BN101 */', 'const b = conv(y);'].join('\n');
      assert.deepEqual(suppressed(text, finding('BN101', text, 'conv(x)'), finding('BN101', text, 'conv(y)'), finding('BN301', text, 'conv(y)')), [
        true,
        true,
        false,
      ]);
    });

    it('ignores ordinary comments and suppresses nothing without comments', () => {
      const text = 'a = conv(x)  # a convolution, noqa-free\nb = conv(y)\n';
      assert.deepEqual(suppressed(text, finding('BN101', text, 'conv(x)'), finding('BN101', text, 'conv(y)')), [false, false]);
      const s = buildSuppressions([], new LineIndex(text));
      assert.equal(s.isSuppressed(finding('BN101', text, 'conv(x)')), false);
    });

    it('a Python disable-file comment covers the whole file', () => {
      const text = '# normlint: disable-file=BN101\na = conv(x)\nb = conv(y)\n';
      assert.deepEqual(suppressed(text, finding('BN101', text, 'conv(x)'), finding('BN101', text, 'conv(y)'), finding('BN301', text, 'conv(y)')), [
        true,
        true,
        false,
      ]);
    });
  });
});
