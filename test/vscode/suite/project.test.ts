import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codesOf, fileUri, normlintDiagnostics, openEditor, waitFor, writeFile } from './helpers';

const BLOCKS = 'import torch.nn as nn\n\n\ndef bn_relu(c):\n    return [nn.BatchNorm2d(c), nn.ReLU()]\n';
const MAIN = 'import torch.nn as nn\nfrom blocks import bn_relu\n\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), *bn_relu(8))\n';

suite('project (imports of other workspace files)', () => {
  suiteTeardown(async () => {
    await closeAllEditors();
    // Later suites count the workspace's files and findings.
    await vscode.workspace.fs.delete(fileUri('project'), { recursive: true, useTrash: false });
  });

  test('a helper of another file puts a BatchNorm after this file’s conv; editing that file updates the finding', async () => {
    await writeFile('project/blocks.py', BLOCKS);
    const uri = await writeFile('project/main.py', MAIN);
    const editor = await openEditor(uri);
    // Edits the document until its codes are `expected` (each edit lints it again).
    const lintUntil = (expected: string, what: string) =>
      waitFor(async () => {
        if (codesOf(uri) === expected) return true;
        await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
        await new Promise((resolve) => setTimeout(resolve, 300));
        return codesOf(uri) === expected;
      }, what);
    // The folder is read on the first lint, in the background: a later lint sees it.
    await lintUntil('BN101', 'BN101 from the imported helper');
    const [bn101] = normlintDiagnostics(uri);
    assert.equal(editor.document.getText(bn101.relatedInformation![0].location.range), 'bn_relu(8)');
    // The imported file changes on disk (no BatchNorm any more): the next lint reads it again.
    await writeFile('project/blocks.py', BLOCKS.replace('nn.BatchNorm2d(c), ', ''));
    await lintUntil('', 'no finding once the helper has no BatchNorm');
  });
});
