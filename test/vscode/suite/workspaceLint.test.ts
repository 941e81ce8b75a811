import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codesOf, fileUri, measure, normlintDiagnostics } from './helpers';

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
    assert.match(notebookDiagnostics[0]!.message, /^\[cell 2, line 2\] nn\.Linear has a bias/);
    // Excluded by pyproject.toml.
    assert.equal(codesOf(fileUri('legacy/old_model.py')), '');
    // Everything the Problems panel shows comes from here.
    const all = vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => d.source === 'normlint'));
    assert.ok(all.some(([uri]) => uri.toString() === unopened.toString()));
  });
});
