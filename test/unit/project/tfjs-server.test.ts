/** `normlint server` treats each workspace folder as a project for TS/JS files too. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../../support/fixtures';
import { codes, TestClient, uriOf } from '../server/client';

const PROJECT = path.join(FIXTURES, 'project', 'tfjs');

describe('normlint server with a TS/JS workspace folder as the project', function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('reports what helpers of other files of the folder cause, at this file’s call', async () => {
    client = await TestClient.start({ folders: [{ uri: uriOf(PROJECT), name: 'project' }] });
    const file = path.join(PROJECT, 'train.ts');
    const uri = uriOf(file);
    await client.open(uri, fs.readFileSync(file, 'utf8'), 'typescript');
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(codes(diagnostics), ['BN101', 'BN101', 'BN101', 'BN101', 'BN101', 'BN101', 'BN101', 'BN101', 'BN401', 'BN401']);
    // The BatchNorm of blocks.ts shows at this file's call (`bnAxis(a, 1)` on line 30).
    const call = diagnostics.find((d) => d.code === 'BN401' && d.range.start.line === 29);
    assert.deepEqual(call?.range, { start: { line: 29, character: 4 }, end: { line: 29, character: 16 } });
  });
});
