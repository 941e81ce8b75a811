/**
 * "Disable BN101 for this line" as plain text edits (src/editor/suppress-edit.ts), shared by the
 * VS Code extension and the language server: the cases the extension's suite checks in VS Code.
 */
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/analyzer/fixes';
import type { SourceLanguage } from '../../../src/analyzer/model/model';
import { disableFileEdit, disableLineEdit } from '../../../src/editor/suppress-edit';
import { getAnalyzer } from '../../../src/node/analyzer';

/** The text after disabling BN101 for a finding from the start of `line` to the end of `endLine` (0-based). */
async function disabled(lines: string[], line: number, language: SourceLanguage = 'python', eol = '\n', endLine = line): Promise<string[] | undefined> {
  const text = lines.join(eol);
  const offsetOf = (n: number) => lines.slice(0, n).reduce((sum, l) => sum + l.length + eol.length, 0);
  const comments = language === 'python' ? (await getAnalyzer()).parse(text, 'python')?.comments : undefined;
  const edit = disableLineEdit(text, language, { start: offsetOf(line), end: offsetOf(endLine) + lines[endLine].length }, 'BN101', comments);
  return edit && applyEdits(text, [edit]).split(eol);
}

describe('disable-for-line edits (shared by the extension and the server)', () => {
  const layer = 'x = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))';

  it('Python: adds `# noqa: BN101`, or merges into a directive already on the line', async () => {
    assert.deepEqual(await disabled([layer], 0), [`${layer}  # noqa: BN101`]);
    assert.deepEqual(await disabled([`${layer}  # noqa: E501`], 0), [`${layer}  # noqa: E501, BN101`]);
    assert.deepEqual(await disabled([`${layer}  # normlint: disable=BN301`], 0), [`${layer}  # normlint: disable=BN301, BN101`]);
    assert.deepEqual(await disabled([`${layer}  # a comment`], 0), [`${layer}  # a comment  # noqa: BN101`]);
  });

  it('Python: nothing when the line is already silenced; after a line continuation, on the last line', async () => {
    assert.equal(await disabled([`${layer}  # noqa: BN101`], 0), undefined);
    assert.deepEqual(await disabled(['x = nn.Sequential( \\', '    nn.Linear(4, 8), nn.BatchNorm1d(8))'], 0, 'python', '\n', 1), [
      'x = nn.Sequential( \\',
      '    nn.Linear(4, 8), nn.BatchNorm1d(8))  # noqa: BN101',
    ]);
  });

  it('TS/JS: a `// normlint-disable-next-line` above, indented like the line, merged when one is there, CRLF kept', async () => {
    const call = '      tf.layers.dense({ units: 16, inputShape: [8] }),';
    assert.deepEqual(await disabled(['model.add([', call, ']);'], 1, 'typescript'), ['model.add([', '      // normlint-disable-next-line BN101', call, ']);']);
    assert.deepEqual(await disabled(['  // normlint-disable-next-line BN301', call], 1, 'typescript'), ['  // normlint-disable-next-line BN301, BN101', call]);
    assert.equal(await disabled(['  // normlint-disable-next-line BN101', call], 1, 'typescript'), undefined);
    assert.deepEqual(await disabled(['a', call], 1, 'typescript', '\r\n'), ['a', '      // normlint-disable-next-line BN101', call]);
  });

  it('disable for the file: after a shebang or encoding line, merged into a file directive already there', async () => {
    const file = async (lines: string[], language: SourceLanguage = 'python', eol = '\n') => {
      const text = lines.join(eol);
      const comments = language === 'python' ? (await getAnalyzer()).parse(text, 'python')?.comments : undefined;
      return applyEdits(text, [disableFileEdit(text, language, 'BN101', comments)]).split(eol);
    };
    assert.deepEqual(await file(['import torch', layer]), ['# normlint: disable-file=BN101', 'import torch', layer]);
    assert.deepEqual(await file(['#!/usr/bin/env python', '# -*- coding: utf-8 -*-', layer]), [
      '#!/usr/bin/env python',
      '# -*- coding: utf-8 -*-',
      '# normlint: disable-file=BN101',
      layer,
    ]);
    assert.deepEqual(await file(['# normlint: disable-file=BN301', layer]), ['# normlint: disable-file=BN301, BN101', layer]);
    assert.deepEqual(await file(['#!/usr/bin/env python']), ['#!/usr/bin/env python', '# normlint: disable-file=BN101', '']);
    assert.deepEqual(await file(['/* normlint-disable BN301 */', 'const a = 1;'], 'typescript', '\r\n'), [
      '/* normlint-disable BN301, BN101 */',
      'const a = 1;',
    ]);
    assert.deepEqual(await file(['const a = 1;'], 'typescript'), ['/* normlint-disable BN101 */', 'const a = 1;']);
  });
});
