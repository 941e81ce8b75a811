import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, normlintDiagnostics, openEditor, readFile, setText, waitFor, waitForCodes, withSetting, writeFile } from './helpers';

const MODEL = `import torch.nn as nn
from tensorflow.keras import layers


class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.bn = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, bias=False)
        self.bn2 = nn.BatchNorm2d(8, momentum=0.99)
        self.conv3 = nn.Conv2d(8, 16, 3, bias=False)
        self.bn3 = nn.BatchNorm2d(8)
        self.conv4 = nn.Conv2d(16, 16, 3, bias=False)
        self.bn4 = nn.BatchNorm1d(16, epsilon=1e-3)

    def forward(self, x):
        x = self.bn(self.conv(x))
        x = self.bn2(self.conv2(x))
        x = self.bn3(self.conv3(x))
        return self.bn4(self.conv4(x))


def keras_block(x):
    x = layers.Conv2D(8, 3, use_bias=False)(x)
    return layers.BatchNormalization(momentum=0.1)(x)
`;

/** Each rule's fix: the action's title, whether it is preferred (safe), and the line before → after. */
const FIXES = [
  { code: 'BN101', title: 'Set bias=False', preferred: true, before: 'nn.Conv2d(3, 8, 3)', after: 'nn.Conv2d(3, 8, 3, bias=False)' },
  { code: 'BN301', title: 'Change momentum to 0.01 (1 − 0.99) (unsafe)', preferred: false, before: 'momentum=0.99', after: 'momentum=0.01' },
  { code: 'BN302', title: 'Change momentum to 0.9 (1 − 0.1) (unsafe)', preferred: false, before: 'momentum=0.1)', after: 'momentum=0.9)' },
  { code: 'BN303', title: 'Rename `epsilon` to `eps`', preferred: true, before: 'epsilon=1e-3', after: 'eps=1e-3' },
  { code: 'BN401', title: 'Set num_features to 16 (unsafe)', preferred: false, before: 'self.bn3 = nn.BatchNorm2d(8)', after: 'self.bn3 = nn.BatchNorm2d(16)' },
  { code: 'BN402', title: 'Replace with BatchNorm2d (unsafe)', preferred: false, before: 'nn.BatchNorm1d(16,', after: 'nn.BatchNorm2d(16,' },
];

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

suite('code actions', () => {
  suiteTeardown(closeAllEditors);

  test('each quick fix applies and gives the expected text; the safe one is preferred', async () => {
    const uri = await writeFile('scratch/fixes.py', MODEL);
    const editor = await openEditor(uri);
    const document = editor.document;
    await waitForCodes(uri, 'BN101,BN301,BN302,BN303,BN401,BN402');
    for (const fix of FIXES) {
      if (document.getText() !== MODEL) {
        await setText(document, MODEL);
        await waitForCodes(uri, 'BN101,BN301,BN302,BN303,BN401,BN402');
      }
      const diagnostic = normlintDiagnostics(uri).find((d) => codeOf(d) === fix.code)!;
      const actions = await actionsAt(uri, diagnostic.range);
      const action = actions.find((a) => a.title === fix.title);
      assert.ok(action, `${fix.code}: no "${fix.title}" among ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(action.kind?.value, 'quickfix');
      assert.equal(!!action.isPreferred, fix.preferred, `${fix.code}: isPreferred`);
      assert.ok(action.edit, `${fix.code}: the action carries its edit`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.equal(document.getText(), MODEL.replace(fix.before, fix.after), `${fix.code}: text after the fix`);
      await waitFor(
        () => !normlintDiagnostics(uri).some((d) => codeOf(d) === fix.code && d.range.start.line === diagnostic.range.start.line),
        `${fix.code} gone after its fix`,
      );
    }
    await setText(document, MODEL);
    await document.save();
  });

  test('"Disable BN101 for this line" adds a comment, or merges into an existing # noqa', async () => {
    const source = [
      'import torch.nn as nn',
      '',
      'a = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))',
      'b = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))  # noqa: E501',
      'c = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))  # normlint: disable=BN301',
      'd = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))  # a comment',
      '',
    ].join('\n');
    const uri = await writeFile('scratch/disable.py', source);
    const editor = await openEditor(uri);
    const document = editor.document;
    await waitForCodes(uri, 'BN101,BN101,BN101,BN101');
    const expected = [
      'import torch.nn as nn',
      '',
      'a = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))  # noqa: BN101',
      'b = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))  # noqa: E501, BN101',
      'c = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))  # normlint: disable=BN301, BN101',
      'd = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))  # a comment  # noqa: BN101',
      '',
    ];
    for (const line of [2, 3, 4, 5]) {
      const diagnostic = normlintDiagnostics(uri).find((d) => d.range.start.line === line);
      assert.ok(diagnostic, `a finding on line ${line + 1}`);
      const action = (await actionsAt(uri, diagnostic.range)).find((a) => a.title === 'Disable BN101 for this line');
      assert.ok(action?.edit, `line ${line + 1}: a disable action`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.equal(document.lineAt(line).text, expected[line]);
      // The analyzer reads the comment it wrote: the finding is gone.
      await waitFor(() => !normlintDiagnostics(uri).some((d) => d.range.start.line === line), `line ${line + 1} silenced`);
    }
    assert.equal(document.getText(), expected.join('\n'));
    await waitForCodes(uri, '');
    await document.save();
  });

  test('"Show documentation for BN101" opens the rule page in the Markdown preview', async () => {
    const uri = await writeFile('scratch/docs.py', 'import torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n');
    await openEditor(uri);
    const [diagnostic] = await waitForCodes(uri, 'BN101');
    const action = (await actionsAt(uri, diagnostic.range)).find((a) => a.title === 'Show documentation for BN101');
    assert.ok(action?.command, 'a documentation action');
    assert.equal(action.command.command, 'normlint.showDocumentation');
    assert.deepEqual(action.command.arguments, ['BN101']);
    // The same command the diagnostic's code link runs.
    const target = (diagnostic.code as { target: vscode.Uri }).target;
    const page = await vscode.commands.executeCommand<vscode.Uri>(target.path, ...JSON.parse(target.query));
    assert.ok(page?.path.endsWith('/docs/rules/BN101.md'), `opened ${page?.toString()}`);
    assert.match(await readFile(page), /^# BN101 redundant-bias-before-batchnorm/);
    const preview = await waitFor(
      () =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)),
      'a Markdown preview tab',
    );
    assert.match(preview.label, /BN101/);
    await closeAllEditors();
  });

  test('"NormLint: Fix All in File" applies every safe fix and leaves unsafe ones', async () => {
    const uri = await writeFile('scratch/fix_all.py', MODEL);
    const editor = await openEditor(uri);
    await waitForCodes(uri, 'BN101,BN301,BN302,BN303,BN401,BN402');
    const edits = await vscode.commands.executeCommand<number>('normlint.fixAll');
    assert.ok(edits > 0);
    assert.equal(editor.document.getText(), MODEL.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=False)').replace('epsilon=1e-3', 'eps=1e-3'));
    await waitForCodes(uri, 'BN301,BN302,BN401,BN402');
    await editor.document.save();
  });

  test('source.fixAll.normlint is offered, and editor.codeActionsOnSave fixes the file on save', async () => {
    const uri = await writeFile('scratch/fix_on_save.py', MODEL);
    const editor = await openEditor(uri);
    const document = editor.document;
    await waitForCodes(uri, 'BN101,BN301,BN302,BN303,BN401,BN402');
    const fixAll = (await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll')).filter((a) => a.kind?.value === 'source.fixAll.normlint');
    assert.equal(fixAll.length, 1, 'one source.fixAll.normlint action');
    assert.equal((await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'quickfix')).filter((a) => a.kind?.value === 'source.fixAll.normlint').length, 0);
    await withSetting('editor', 'codeActionsOnSave', { 'source.fixAll.normlint': 'explicit' }, async () => {
      // A change, then Ctrl+S as a person would.
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
      assert.ok(document.isDirty);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor(() => !document.isDirty, 'the save');
      const fixed = `# edited\n${MODEL.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=False)').replace('epsilon=1e-3', 'eps=1e-3')}`;
      assert.equal(document.getText(), fixed);
      assert.equal(await readFile(uri), fixed, 'the fixed text is what was saved');
      await waitForCodes(uri, 'BN301,BN302,BN401,BN402');
    });
    // Without the setting, saving changes nothing.
    await editor.edit((b) => b.replace(new vscode.Range(1, 0, 1, document.lineAt(1).text.length), 'import torch.nn as nn  # again'));
    await editor.edit((b) => b.replace(new vscode.Range(8, 0, 8, document.lineAt(8).text.length), '        self.conv = nn.Conv2d(3, 8, 3)'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor(() => !document.isDirty, 'the second save');
    assert.match(document.getText(), /self\.conv = nn\.Conv2d\(3, 8, 3\)\n/);
    await waitForCodes(uri, 'BN101,BN301,BN302,BN401,BN402');
  });

  test('the menu marks unsafe fixes, offers "Fix all NormLint problems in file" and runs it', async () => {
    const uri = await writeFile('scratch/menu.py', MODEL);
    const editor = await openEditor(uri);
    await waitForCodes(uri, 'BN101,BN301,BN302,BN303,BN401,BN402');
    const bn301 = normlintDiagnostics(uri).find((d) => codeOf(d) === 'BN301')!;
    const titles = (await actionsAt(uri, bn301.range)).map((a) => a.title);
    assert.ok(titles.includes('Change momentum to 0.01 (1 − 0.99) (unsafe)'), titles.join(' | '));
    assert.ok(!titles.includes('Change momentum to 0.01 (1 − 0.99)'), 'an unsafe fix is never shown without the mark');
    const fixAll = (await actionsAt(uri, bn301.range)).find((a) => a.title === 'Fix all NormLint problems in file (safe fixes)');
    assert.ok(fixAll?.command, titles.join(' | '));
    assert.equal(fixAll.kind?.value, 'quickfix');
    await vscode.commands.executeCommand(fixAll.command.command, ...(fixAll.command.arguments ?? []));
    assert.equal(editor.document.getText(), MODEL.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=False)').replace('epsilon=1e-3', 'eps=1e-3'));
    await waitForCodes(uri, 'BN301,BN302,BN401,BN402');
    // Only unsafe fixes left: no "fix all" to offer.
    const after = (await actionsAt(uri, normlintDiagnostics(uri).find((d) => codeOf(d) === 'BN301')!.range)).map((a) => a.title);
    assert.ok(!after.some((t) => t.startsWith('Fix all')), after.join(' | '));
    await editor.document.save();
  });

  test('"Disable BN101 for this file" adds a file-wide directive, after a shebang, or merges into one', async () => {
    const body =
      'import torch.nn as nn\na = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8, momentum=0.9))\nb = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))\n';
    const uri = await writeFile('scratch/disable_file.py', `#!/usr/bin/env python\n${body}`);
    const editor = await openEditor(uri);
    const document = editor.document;
    await waitForCodes(uri, 'BN101,BN101,BN301');
    const disable = async (code: string) => {
      const diagnostic = normlintDiagnostics(uri).find((d) => codeOf(d) === code)!;
      const action = (await actionsAt(uri, diagnostic.range)).find((a) => a.title === `Disable ${code} for this file`);
      assert.ok(action?.edit, `a "Disable ${code} for this file" action`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
    };
    await disable('BN101');
    assert.equal(document.getText(), `#!/usr/bin/env python\n# normlint: disable-file=BN101\n${body}`);
    await waitForCodes(uri, 'BN301');
    await disable('BN301');
    assert.equal(document.getText(), `#!/usr/bin/env python\n# normlint: disable-file=BN101, BN301\n${body}`);
    await waitForCodes(uri, '');
    await document.save();
    // TS/JS: a block comment at the top.
    const ts = await writeFile(
      'scratch/disable_file.ts',
      "import * as tf from '@tensorflow/tfjs';\nconst bn = tf.layers.batchNormalization({ momentum: 0.1 });\n",
    );
    const tsEditor = await openEditor(ts);
    const [bn302] = await waitForCodes(ts, 'BN302');
    const action = (await actionsAt(ts, bn302.range)).find((a) => a.title === 'Disable BN302 for this file');
    assert.ok(action?.edit);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.match(tsEditor.document.getText(), /^\/\* normlint-disable BN302 \*\/\nimport/);
    await waitForCodes(ts, '');
    await tsEditor.document.save();
  });
});
