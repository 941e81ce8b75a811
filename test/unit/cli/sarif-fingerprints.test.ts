/** SARIF partialFingerprints: stable across unrelated edits, distinct for distinct findings. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { formatSarif } from '../../../src/cli/output/sarif';
import { getAnalyzer } from '../../../src/node/analyzer';
import { lintFile } from '../../../src/node/lint-file';

const MODEL = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'cli', 'model.py'), 'utf8');

async function fingerprintsOf(text: string, displayPath = 'pkg/model.py'): Promise<{ code: string; line: number; fingerprint: string }[]> {
  const report = lintFile(await getAnalyzer(), {
    displayPath,
    stdinBytes: Buffer.from(text),
    config: { config: {}, root: process.cwd() },
    fix: 'none',
    dryRun: true,
  });
  const log = JSON.parse(formatSarif([report], '0.0.0')) as Log;
  return log.runs[0].results!.map((r) => ({
    code: r.ruleId!,
    line: r.locations![0].physicalLocation!.region!.startLine!,
    fingerprint: r.partialFingerprints!['normlint/v1'],
  }));
}

describe('SARIF partialFingerprints', () => {
  it('gives every result a fingerprint, distinct per finding', async () => {
    const results = await fingerprintsOf(MODEL);
    assert.deepEqual(
      results.map((r) => r.code),
      ['BN101', 'BN301'],
    );
    assert.equal(new Set(results.map((r) => r.fingerprint)).size, 2);
    for (const r of results) assert.match(r.fingerprint, /^[0-9a-f]{32}:1$/);
  });

  it('keeps the fingerprint when lines are inserted above the finding', async () => {
    const before = await fingerprintsOf(MODEL);
    const inserted = await fingerprintsOf(MODEL.replace('import torch\n', 'import torch\nimport math  # an unrelated edit\n\n'));
    assert.deepEqual(
      inserted.map((r) => r.line),
      before.map((r) => r.line + 2),
    );
    assert.deepEqual(
      inserted.map((r) => r.fingerprint),
      before.map((r) => r.fingerprint),
    );
  });

  it("changes the fingerprint when the finding's own line changes, or the file is another", async () => {
    const before = await fingerprintsOf(MODEL);
    const edited = await fingerprintsOf(MODEL.replace('momentum=0.99', 'momentum=0.98'));
    assert.equal(edited[0].fingerprint, before[0].fingerprint);
    assert.notEqual(edited[1].fingerprint, before[1].fingerprint);
    const elsewhere = await fingerprintsOf(MODEL, 'pkg/other.py');
    assert.notEqual(elsewhere[0].fingerprint, before[0].fingerprint);
  });

  it('tells identical lines apart by occurrence', async () => {
    const layer = '        self.bn = nn.BatchNorm2d(channels, momentum=0.99)\n';
    const twice = MODEL.replace(layer, layer + layer);
    const results = (await fingerprintsOf(twice)).filter((r) => r.code === 'BN301');
    assert.equal(results.length, 2);
    assert.deepEqual(
      results.map((r) => r.fingerprint.split(':')[1]),
      ['1', '2'],
    );
    assert.notEqual(results[0].fingerprint, results[1].fingerprint);
  });
});
