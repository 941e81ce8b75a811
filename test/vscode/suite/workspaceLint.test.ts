import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, codesOf, fileUri, measure, normlintDiagnostics, waitFor, waitForCodes, withSetting } from './helpers';

interface Summary {
  files: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  durationMs: number;
}

suite('workspace lint', () => {
  test('"NormLint: Lint Workspace" fills Problems with files that were never opened', async () => {
    const unopened = fileUri('unopened/resnet_block.py');
    const closedNotebook = fileUri('notebooks/closed.ipynb');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'the file is not open');
    assert.equal(codesOf(unopened), '');
    const summary = await vscode.commands.executeCommand<Summary>('normlint.lintWorkspace');
    measure('workspace lint', summary.durationMs, 'ms', `${summary.files} files, ${summary.findings} findings`);
    assert.equal(summary.cancelled, false);
    assert.ok(summary.files >= 6, `linted ${summary.files} files`);
    assert.equal(codesOf(unopened), 'BN101,BN301');
    const bn101 = normlintDiagnostics(unopened).find((d) => codeOf(d) === 'BN101')!;
    assert.equal(bn101.range.start.line, 7);
    assert.equal(bn101.range.start.character, 21);
    // A closed notebook: findings on the file, named by cell.
    const notebookDiagnostics = normlintDiagnostics(closedNotebook);
    assert.equal(notebookDiagnostics.length, 1);
    assert.match(notebookDiagnostics[0].message, /^\[cell 2, line 2\] nn\.Linear's bias is cancelled/);
    // Excluded by pyproject.toml.
    assert.equal(codesOf(fileUri('legacy/old_model.py')), '');
    // Everything the Problems panel shows comes from here.
    const all = vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => d.source === 'normlint'));
    assert.ok(all.some(([uri]) => uri.toString() === unopened.toString()));
  });

  test('an opened notebook shows its findings once, on its cells; closing it brings the file-level result back', async () => {
    const closedNotebook = fileUri('notebooks/closed.ipynb');
    await vscode.commands.executeCommand('normlint.lintWorkspace');
    assert.equal(normlintDiagnostics(closedNotebook).length, 1);
    await vscode.commands.executeCommand('vscode.open', closedNotebook);
    const notebook = await waitFor(() => vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === closedNotebook.toString()), 'the notebook open');
    const cell = notebook.cellAt(1).document.uri;
    await waitForCodes(cell, 'BN101');
    // Every NormLint diagnostic of this notebook, wherever it sits: one, on the cell (not a stale copy at cell 1).
    await waitFor(() => normlintDiagnostics(closedNotebook).length === 0, 'the file-level copy hidden while the notebook is open');
    const ofNotebook = vscode.languages
      .getDiagnostics()
      .filter(([uri]) => uri.path === closedNotebook.path)
      .flatMap(([uri, ds]) => ds.filter((d) => d.source === 'normlint').map((d) => ({ uri, d })));
    assert.equal(ofNotebook.length, 1, ofNotebook.map((x) => x.uri.toString()).join(', '));
    assert.equal(ofNotebook[0].uri.toString(), cell.toString());
    const closed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidCloseNotebookDocument((n) => {
        if (n.uri.toString() === closedNotebook.toString()) {
          sub.dispose();
          resolve();
        }
      });
    });
    await closeAllEditors();
    await closed;
    await waitFor(() => normlintDiagnostics(closedNotebook).length === 1, 'the workspace result back on the closed notebook');
  });

  test('results of a file opened and closed again stay, and follow later severity changes', async () => {
    const unopened = fileUri('unopened/resnet_block.py');
    await vscode.commands.executeCommand('normlint.lintWorkspace');
    assert.equal(codesOf(unopened), 'BN101,BN301');
    await vscode.commands.executeCommand('vscode.open', unopened);
    await waitForCodes(unopened, 'BN101,BN301');
    const closed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === unopened.toString()) {
          sub.dispose();
          resolve();
        }
      });
    });
    await closeAllEditors();
    await closed;
    // Still there after the close (and after the linter has had time to clear it).
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(codesOf(unopened), 'BN101,BN301');
    const severityOf = (code: string) => normlintDiagnostics(unopened).find((d) => codeOf(d) === code)?.severity;
    assert.equal(severityOf('BN301'), vscode.DiagnosticSeverity.Warning);
    await withSetting('normlint', 'severity', { BN301: 'error', BN101: 'off' }, async () => {
      await waitFor(
        () => codesOf(unopened) === 'BN301' && severityOf('BN301') === vscode.DiagnosticSeverity.Error,
        `BN301 as an error and BN101 off on the closed file (have ${codesOf(unopened)})`,
      );
    });
    await waitForCodes(unopened, 'BN101,BN301');
    assert.equal(severityOf('BN301'), vscode.DiagnosticSeverity.Warning);
  });
});
