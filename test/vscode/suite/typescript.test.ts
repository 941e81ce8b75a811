import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, normlintDiagnostics, openEditor, rangeOf, waitFor, waitForCodes } from './helpers';

suite('TypeScript and JavaScript (TensorFlow.js)', () => {
  suiteTeardown(closeAllEditors);

  test('a .ts file: diagnostics and the hover with the TF.js convention', async () => {
    const editor = await openEditor('web/model.ts');
    const document = editor.document;
    assert.equal(document.languageId, 'typescript');
    const [bn302] = await waitForCodes(document.uri, 'BN302');
    assert.equal(document.getText(bn302.range), 'momentum: BN_MOMENTUM', 'the squiggle is on the momentum argument');
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        rangeOf(document, 'batchNormalization').start.translate(0, 3),
      )) ?? [];
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(markdown, /TensorFlow\.js batch normalization/);
    assert.match(markdown, /\| same in PyTorch \| `momentum=0\.9` \|/);
  });

  test('a .tsx file: "Disable BN101 for this line" writes // normlint-disable-next-line above it', async () => {
    const editor = await openEditor('web/Viewer.tsx');
    const document = editor.document;
    assert.equal(document.languageId, 'typescriptreact');
    const [bn101] = await waitForCodes(document.uri, 'BN101');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, bn101.range)) ?? [];
    assert.ok(
      actions.some((a) => a.isPreferred && a.edit),
      `a preferred fix among ${actions.map((a) => a.title).join(' | ')}`,
    );
    const disable = actions.find((a) => a.title === 'Disable BN101 for this line');
    assert.ok(disable?.edit);
    const line = bn101.range.start.line;
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.equal(document.lineAt(line).text, '      // normlint-disable-next-line BN101');
    assert.equal(document.lineAt(line + 1).text, '      tf.layers.dense({ units: 16, inputShape: [8] }),');
    await waitFor(() => !normlintDiagnostics(document.uri).some((d) => codeOf(d) === 'BN101'), 'BN101 silenced');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
