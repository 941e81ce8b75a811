/** `normlint server` treats each workspace folder as a project: an open file sees its imports' definitions. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType, type DidChangeWatchedFilesRegistrationOptions } from 'vscode-languageserver-protocol';
import { FIXTURES } from '../../support/fixtures';
import { codes, PUSH_CLIENT, TestClient, uriOf } from '../server/client';

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

  describe('files created after the folder was read', () => {
    const BLOCKS = 'import torch.nn as nn\n\n\ndef bn_relu(c):\n    return [nn.BatchNorm2d(c), nn.ReLU()]\n';
    const MAIN = 'import torch.nn as nn\nfrom blocks import bn_relu\n\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), *bn_relu(8))\n';
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-server-project-'));
      fs.writeFileSync(path.join(dir, 'other.py'), 'import torch.nn as nn\n');
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a file the client reports created is read, and open files that import it are linted again', async () => {
      const watching = { ...PUSH_CLIENT, workspace: { ...PUSH_CLIENT.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
      client = await TestClient.start({ folders: [{ uri: uriOf(dir), name: 'project' }], capabilities: watching });
      const main = path.join(dir, 'main.py');
      fs.writeFileSync(main, MAIN);
      await client.open(uriOf(main), MAIN);
      // blocks.py does not exist yet: nothing follows the conv.
      assert.deepEqual(codes(await client.diagnostics(uriOf(main))), []);
      // The server asked to be told about project files, not only pyproject.toml.
      const watchers = client.registrations.flatMap((r) =>
        r.method === DidChangeWatchedFilesNotification.method ? (r.registerOptions as DidChangeWatchedFilesRegistrationOptions).watchers : [],
      );
      assert.deepEqual(
        watchers.map((w) => w.globPattern),
        ['**/pyproject.toml', '**/*.{py,ts,tsx,mts,cts,js,jsx,mjs,cjs,ipynb}'],
      );
      fs.writeFileSync(path.join(dir, 'blocks.py'), BLOCKS);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: uriOf(path.join(dir, 'blocks.py')), type: FileChangeType.Created }],
      });
      assert.deepEqual(codes(await client.diagnostics(uriOf(main), (d) => d.length > 0)), ['BN101']);
      // Changed content and a deletion update the listing in place (no walk of the folder): the finding follows.
      const blocks = path.join(dir, 'blocks.py');
      const changed = async (type: FileChangeType) =>
        client!.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(blocks), type }] });
      fs.writeFileSync(blocks, BLOCKS.replace('nn.BatchNorm2d(c), ', ''));
      await changed(FileChangeType.Changed);
      assert.deepEqual(codes(await client.diagnostics(uriOf(main), (d) => d.length === 0)), []);
      fs.writeFileSync(blocks, BLOCKS);
      await changed(FileChangeType.Changed);
      assert.deepEqual(codes(await client.diagnostics(uriOf(main), (d) => d.length > 0)), ['BN101']);
      fs.rmSync(blocks);
      await changed(FileChangeType.Deleted);
      assert.deepEqual(codes(await client.diagnostics(uriOf(main), (d) => d.length === 0)), []);
    });

    it('without file events, a file opened that the listing does not hold has the folder listed again', async () => {
      client = await TestClient.start({ folders: [{ uri: uriOf(dir), name: 'project' }] });
      const other = path.join(dir, 'other.py');
      await client.open(uriOf(other), fs.readFileSync(other, 'utf8'));
      await client.diagnostics(uriOf(other));
      // Both written after the folder was listed; the client (Neovim 0.7, say) sends no file events.
      fs.writeFileSync(path.join(dir, 'blocks.py'), BLOCKS);
      const main = path.join(dir, 'main.py');
      fs.writeFileSync(main, MAIN);
      await client.open(uriOf(main), MAIN);
      assert.deepEqual(codes(await client.diagnostics(uriOf(main), (d) => d.length > 0)), ['BN101']);
    });
  });
});
