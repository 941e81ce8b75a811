/** `normlint server` treats each workspace folder as a project: an open file sees its imports' definitions. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from '../../support/fixtures';
import { codes, TestClient, uriOf } from '../server/client';

const PROJECT = path.join(FIXTURES, 'project', 'basic');

describe('normlint server with a workspace folder as the project', function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('reports what imports from other files of the folder cause', async () => {
    client = await TestClient.start({ folders: [{ uri: uriOf(PROJECT), name: 'project' }] });
    const file = path.join(PROJECT, 'train.py');
    const uri = uriOf(file);
    await client.open(uri, fs.readFileSync(file, 'utf8'));
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(codes(diagnostics), ['BN101', 'BN101', 'BN101', 'BN101', 'BN301', 'BN401', 'BN401']);
    // The layer of blocks.py shows at this file's call (`norm_head(32)` on line 21).
    const neck = diagnostics.find((d) => d.code === 'BN401' && d.range.start.line === 20);
    assert.deepEqual(neck?.range, { start: { line: 20, character: 54 }, end: { line: 20, character: 67 } });
  });

  it('without a workspace folder, the file is read alone', async () => {
    client = await TestClient.start();
    const file = path.join(PROJECT, 'train.py');
    const uri = uriOf(file);
    await client.open(uri, fs.readFileSync(file, 'utf8'));
    assert.deepEqual(codes(await client.diagnostics(uri, (d) => d.length > 0)), ['BN101', 'BN101']);
  });
});
