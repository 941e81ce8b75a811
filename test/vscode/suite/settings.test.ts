import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api,
  closeAllEditors,
  codeOf,
  codesOf,
  fileUri,
  nextLint,
  normlintDiagnostics,
  openEditor,
  readFile,
  waitFor,
  waitForCodes,
  withSetting,
  writeFile,
} from './helpers';

const CNN_CODES = 'BN101,BN101,BN101,BN301,BN303,BN304,BN401,BN402';

suite('settings and pyproject.toml', () => {
  let uri: vscode.Uri;
  suiteSetup(async () => {
    uri = fileUri('models/pytorch_cnn.py');
    await openEditor(uri);
    await waitForCodes(uri, CNN_CODES);
  });
  suiteTeardown(closeAllEditors);

  test('normlint.severity overrides the default and pyproject.toml, by code and by prefix', async () => {
    await withSetting('normlint', 'severity', { BN101: 'error', BN304: 'hint' }, async () => {
      await waitFor(
        () =>
          normlintDiagnostics(uri)
            .filter((d) => codeOf(d) === 'BN101')
            .every((d) => d.severity === vscode.DiagnosticSeverity.Error),
        'BN101 as error',
      );
      assert.equal(normlintDiagnostics(uri).find((d) => codeOf(d) === 'BN304')!.severity, vscode.DiagnosticSeverity.Hint);
    });
    await waitFor(() => normlintDiagnostics(uri).find((d) => codeOf(d) === 'BN101')?.severity === vscode.DiagnosticSeverity.Warning, 'BN101 back to warning');
    await withSetting('normlint', 'severity', { BN4: 'off', BN3: 'info' }, async () => {
      await waitForCodes(uri, 'BN101,BN101,BN101,BN301,BN303,BN304');
      assert.ok(
        normlintDiagnostics(uri)
          .filter((d) => codeOf(d).startsWith('BN3'))
          .every((d) => d.severity === vscode.DiagnosticSeverity.Information),
      );
    });
    await waitForCodes(uri, CNN_CODES);
  });

  test('normlint.enable turns it off and on; the status item says so', async () => {
    const normlint = await api();
    // BN303, BN401 and BN402 are errors: the icon is the most severe finding's, as in Problems.
    await waitFor(() => normlint.status().text === '$(error) NormLint: 8', `status "$(error) NormLint: 8" (is "${normlint.status().text}")`);
    await withSetting('normlint', 'severity', { BN4: 'off', BN303: 'warning' }, async () => {
      await waitFor(() => normlint.status().text === '$(warning) NormLint: 6', `status "$(warning) NormLint: 6" (is "${normlint.status().text}")`);
    });
    await withSetting('normlint', 'enable', false, async () => {
      await waitForCodes(uri, '');
      await waitFor(() => normlint.status().text === '$(circle-slash) NormLint', `status disabled (is "${normlint.status().text}")`);
      assert.match(normlint.status().tooltip, /normlint\.enable/);
    });
    await waitForCodes(uri, CNN_CODES);
  });

  test('normlint.run = onSave: no lint while typing, a lint on save', async () => {
    const editor = await openEditor(uri);
    const document = editor.document;
    const normlint = await api();
    // The setting change itself lints the open documents once.
    await nextLint(uri, () => vscode.workspace.getConfiguration('normlint').update('run', 'onSave', vscode.ConfigurationTarget.Workspace));
    let lints = 0;
    const sub = normlint.onDidLint((e) => e.key === uri.toString() && lints++);
    try {
      await editor.edit((b) => b.replace(document.lineAt(14).range, '        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1, bias=False)'));
      // A negative check needs a window: four debounce periods without a lint.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(lints, 0, 'no lint while typing');
      assert.equal(codesOf(uri), CNN_CODES);
      await nextLint(uri, () => document.save());
      await waitForCodes(uri, 'BN101,BN101,BN301,BN303,BN304,BN401,BN402');
    } finally {
      sub.dispose();
      await editor.edit((b) => b.replace(document.lineAt(14).range, '        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1)'));
      await document.save();
      await vscode.workspace.getConfiguration('normlint').update('run', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForCodes(uri, CNN_CODES);
  });

  test('normlint.exclude keeps matching files unlinted', async () => {
    const excluded = await writeFile('generated/model_pb2.py', 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))\n');
    await withSetting('normlint', 'exclude', ['generated/**'], async () => {
      const lint = await nextLint(excluded, () => openEditor(excluded));
      assert.match(lint.skipped ?? '', /excluded/);
      assert.equal(codesOf(excluded), '');
    });
    await waitForCodes(excluded, 'BN101');
  });

  test('pyproject.toml [tool.normlint] applies and is reloaded when it changes; an invalid one is reported', async () => {
    const pyproject = fileUri('pyproject.toml');
    const original = await readFile(pyproject);
    try {
      await writeFile('pyproject.toml', original.replace('exclude = ["legacy/**"]', 'exclude = ["legacy/**"]\nignore = ["BN101"]'));
      await waitForCodes(uri, 'BN301,BN303,BN304,BN401,BN402');
      // `exclude` in pyproject.toml: the legacy file is not linted even when open.
      const legacy = fileUri('legacy/old_model.py');
      const lint = await nextLint(legacy, () => openEditor(legacy));
      assert.match(lint.skipped ?? '', /excluded/);
      // Broken: reported on pyproject.toml at the key, and the files are linted with the settings alone.
      await writeFile('pyproject.toml', original.replace('BN304 = "info"', 'BN304 = "loud"'));
      const problem = await waitFor(
        () => vscode.languages.getDiagnostics(pyproject).find((d) => d.source === 'normlint'),
        'the configuration error on pyproject.toml',
      );
      assert.match(problem.message, /severity.*"BN304" must be one of/);
      assert.equal(problem.range.start.line, 8, 'on the BN304 line');
      await waitFor(
        () => normlintDiagnostics(uri).find((d) => codeOf(d) === 'BN304')?.severity === vscode.DiagnosticSeverity.Warning,
        'BN304 at its default severity',
      );
      assert.equal(codesOf(uri), CNN_CODES);
    } finally {
      await writeFile('pyproject.toml', original);
    }
    await waitFor(() => vscode.languages.getDiagnostics(pyproject).length === 0, 'the configuration error cleared');
    await waitFor(() => normlintDiagnostics(uri).find((d) => codeOf(d) === 'BN304')?.severity === vscode.DiagnosticSeverity.Information, 'BN304 as info again');
  });
});
