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
    await vscode.workspace.fs.delete(fileUri('unwatched'), { recursive: true, useTrash: false });
    await vscode.workspace.getConfiguration('files').update('watcherExclude', undefined, vscode.ConfigurationTarget.Workspace);
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

  test('files the file watcher never reported are found when one of them is opened', async function () {
    this.timeout(100000);
    // The watcher is told to skip this folder: its files reach the extension as a lost event would
    // (inotify misses files written into a folder it does not watch yet, as a checkout does).
    await vscode.workspace.getConfiguration('files').update('watcherExclude', { '**/unwatched/**': true }, vscode.ConfigurationTarget.Workspace);
    // The folder is read before these files exist: this finding needs another file of the project.
    await waitForCodes((await openEditor('tfjs-project/model.ts')).document.uri, 'BN101', 45000);
    await writeFile('unwatched/blocks.py', BLOCKS);
    const uri = await writeFile('unwatched/main.py', MAIN);
    await openEditor(uri);
    await waitForCodes(uri, 'BN101', 45000);
    const [bn101] = normlintDiagnostics(uri);
    assert.match(bn101.relatedInformation![0].location.uri.path, /unwatched\/main\.py$/);
  });
});
