import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, fileUri, normlintDiagnostics, openEditor, waitForCodes, writeFile } from './helpers';

const BLOCKS = 'import torch.nn as nn\n\n\ndef bn_relu(c):\n    return [nn.BatchNorm2d(c), nn.ReLU()]\n';
const MAIN = 'import torch.nn as nn\nfrom blocks import bn_relu\n\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), *bn_relu(8))\n';
const NETS = [
  'import torch.nn as nn',
  '',
  '',
  'class Head(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(4, 2)',
  '',
  '    def forward(self, x):',
  '        return self.fc(x)',
  '',
  '',
  'class BNHead(Head):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.bn = nn.BatchNorm1d(2)',
  '',
  '    def forward(self, x):',
  '        return self.bn(self.fc(x))',
  '',
].join('\n');
const LOOP = (name: string) => [
  `def ${name}(model, train_loader, valid_loader):`,
  '    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)',
  '    for epoch in range(10):',
  '        for x, y in train_loader:',
  '            optimizer.zero_grad()',
  '            torch.nn.functional.cross_entropy(model(x), y).backward()',
  '            optimizer.step()',
  '        with torch.no_grad():',
  '            for x, y in valid_loader:',
  `                print(model(x).argmax(1).eq(y).float().mean())  # ${name} eval`,
];
const LOOPS = ['import torch', '', '', ...LOOP('fit_head'), '', '', ...LOOP('fit_bn'), ''].join('\n');
const NOTEBOOK_CODE = [
  'from callers_nets import BNHead, Head\n',
  'from callers_loops import fit_bn, fit_head\n',
  'head = Head()\n',
  'fit_head(head, [], [])\n',
  'bn_head = BNHead()\n',
  'fit_bn(bn_head, [], [])\n',
];

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

  test('calls in the folder’s notebooks count, as in the CLI: a loop the notebook only gives a model without BatchNorm is silent', async function () {
    this.timeout(100000);
    // The notebook's outputs are dropped when it is read; its code cells are what counts.
    const cells = [
      { cell_type: 'markdown', metadata: {}, source: ['# Heads'] },
      { cell_type: 'code', metadata: {}, execution_count: 1, outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }], source: NOTEBOOK_CODE },
    ];
    await writeFile('project/callers_nets.py', NETS);
    await writeFile('project/callers.ipynb', JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1));
    const uri = await writeFile('project/callers_loops.py', LOOPS);
    await openEditor(uri);
    // Alone, both loops may run a model with BatchNorm; with the notebook's calls in view, only fit_bn does.
    const [bn201] = await waitForCodes(uri, 'BN201', 45000);
    assert.equal(
      bn201.range.start.line,
      LOOPS.split('\n').findIndex((line) => line.includes('# fit_bn eval')),
    );
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
