import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, codesOf, fileUri, normlintDiagnostics, waitFor, waitForCodes } from './helpers';

async function openNotebook(relative: string): Promise<vscode.NotebookDocument> {
  const notebook = await vscode.workspace.openNotebookDocument(fileUri(relative));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}

suite('notebooks', () => {
  suiteTeardown(closeAllEditors);

  test('each cell gets its own diagnostics, analyzed with the cells before it', async () => {
    const notebook = await openNotebook('notebooks/train.ipynb');
    const [markdown, imports, model, , usage] = notebook.getCells();
    assert.equal(model.document.languageId, 'python');
    // BN_MOMENTUM = 0.9 is defined in the cell above the model.
    const diagnostics = await waitForCodes(model.document.uri, 'BN101,BN301');
    const bn101 = diagnostics.find((d) => codeOf(d) === 'BN101')!;
    assert.equal(model.document.getText(bn101.range), 'nn.Conv2d', 'the squiggle is on the callee, mapped into the cell');
    assert.equal(bn101.range.start.line, 3, 'line within the cell');
    assert.equal(model.document.getText(bn101.relatedInformation![0].location.range), 'nn.BatchNorm2d(16, momentum=BN_MOMENTUM)');
    assert.equal(bn101.relatedInformation![0].location.uri.toString(), model.document.uri.toString());
    const bn301 = diagnostics.find((d) => codeOf(d) === 'BN301')!;
    assert.match(bn301.message, /momentum=BN_MOMENTUM \(= 0\.9\)/);
    for (const cell of [markdown, imports, usage]) assert.equal(codesOf(cell.document.uri), '');
  });

  test('an edit in an earlier cell changes the findings of a later one', async () => {
    const notebook = await openNotebook('notebooks/train.ipynb');
    const [, imports, model] = notebook.getCells();
    await waitForCodes(model.document.uri, 'BN101,BN301');
    const edit = new vscode.WorkspaceEdit();
    const text = imports.document.getText();
    const at = text.indexOf('0.9');
    edit.replace(imports.document.uri, new vscode.Range(imports.document.positionAt(at), imports.document.positionAt(at + 3)), '0.1');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForCodes(model.document.uri, 'BN101');
    const undo = new vscode.WorkspaceEdit();
    undo.replace(imports.document.uri, new vscode.Range(imports.document.positionAt(at), imports.document.positionAt(at + 3)), '0.9');
    assert.ok(await vscode.workspace.applyEdit(undo));
    await waitForCodes(model.document.uri, 'BN101,BN301');
  });

  test('quick fixes, fix all and hovers work in cells', async () => {
    const notebook = await openNotebook('notebooks/train.ipynb');
    const [, , model] = notebook.getCells();
    const uri = model.document.uri;
    const [bn101] = (await waitForCodes(uri, 'BN101,BN301')).filter((d) => codeOf(d) === 'BN101');
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        bn101.relatedInformation![0].location.range.start.translate(0, 4),
      )) ?? [];
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(markdown, /\| momentum \| `0\.9` \(`BN_MOMENTUM`\) \|/, 'the hover resolves a constant from the cell above');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, bn101.range)) ?? [];
    const fix = actions.find((a) => a.title === 'Set bias=False');
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(model.document.getText(), /nn\.Conv2d\(3, 16, 3, padding=1, bias=False\)/);
    await waitForCodes(uri, 'BN301');
    // Undo through a fresh edit, then fix the whole notebook with the command.
    const restore = new vscode.WorkspaceEdit();
    const t = model.document.getText();
    const at = t.indexOf(', bias=False');
    restore.delete(uri, new vscode.Range(model.document.positionAt(at), model.document.positionAt(at + ', bias=False'.length)));
    assert.ok(await vscode.workspace.applyEdit(restore));
    await waitForCodes(uri, 'BN101,BN301');
    await vscode.window.showNotebookDocument(notebook);
    assert.ok((await vscode.commands.executeCommand<number>('normlint.fixAll', notebook.uri)) > 0);
    await waitForCodes(uri, 'BN301');
    assert.match(model.document.getText(), /bias=False/);
  });

  test('a cell removed from the notebook loses its diagnostics', async () => {
    const notebook = await openNotebook('notebooks/train.ipynb');
    const model = notebook.cellAt(2);
    const uri = model.document.uri;
    await waitFor(() => normlintDiagnostics(uri).length > 0, 'diagnostics on the model cell');
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.deleteCells(new vscode.NotebookRange(2, 3))]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForCodes(uri, '');
  });
});
