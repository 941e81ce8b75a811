import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fileUri, normlintDiagnostics, openEditor, waitForCodes, writeFile } from './helpers';

const BLOCKS = 'import torch.nn as nn\n\n\ndef bn_relu(c):\n    return [nn.BatchNorm2d(c), nn.ReLU()]\n';
const MAIN = 'import torch.nn as nn\nfrom blocks import bn_relu\n\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), *bn_relu(8))\n';

suite('project (imports of other workspace files)', () => {
  suiteTeardown(async () => {
    await closeAllEditors();
    // Later suites count the workspace's files and findings.
    await vscode.workspace.fs.delete(fileUri('project'), { recursive: true, useTrash: false });
  });

  test('a helper of another file puts a BatchNorm after this file’s conv; editing that file updates the finding', async function () {
    this.timeout(100000);
    await writeFile('project/blocks.py', BLOCKS);
    const uri = await writeFile('project/main.py', MAIN);
    const editor = await openEditor(uri);
    // The folder is read on the first lint, in the background; once read, open files are linted
    // again on their own. File-watcher events can lag on a loaded machine, hence the long wait.
    await waitForCodes(uri, 'BN101', 45000);
    const [bn101] = normlintDiagnostics(uri);
    assert.equal(editor.document.getText(bn101.relatedInformation![0].location.range), 'bn_relu(8)');
    // The imported file changes on disk (no BatchNorm any more): this file is linted again, unedited.
    await writeFile('project/blocks.py', BLOCKS.replace('nn.BatchNorm2d(c), ', ''));
    await waitForCodes(uri, '', 45000);
    assert.equal(editor.document.isDirty, false);
  });
});
