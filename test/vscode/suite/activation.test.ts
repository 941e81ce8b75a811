import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allRules } from '../../../src/analyzer/rules';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import type { NormlintApi } from '../../../src/extension/extension';
import { api, EXTENSION_ID, fileUri, measure, nextLint, openEditor } from './helpers';

suite('activation and packaging', () => {
  test('activates quickly; the analyzer loads lazily, once', async () => {
    const extension = vscode.extensions.getExtension<NormlintApi>(EXTENSION_ID)!;
    const normlint = await api();
    assert.ok(extension.isActive);
    measure('activation: activate()', normlint.activationMs, 'ms');
    assert.ok(normlint.activationMs < 1000, `activate() took ${normlint.activationMs} ms`);
    // Loading the bundle itself (parse + evaluate, what VS Code does before calling activate):
    // a fresh copy of the module, so the cached one is not reused.
    const bundle = path.join(extension.extensionPath, 'dist', 'extension.js');
    const fresh = new Module(bundle, module);
    fresh.filename = bundle;
    fresh.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
    const source = fs.readFileSync(bundle, 'utf8');
    const t0 = performance.now();
    (fresh as unknown as { _compile(code: string, file: string): void })._compile(source, bundle);
    measure('activation: loading dist/extension.js', performance.now() - t0, 'ms', `${(source.length / 1048576).toFixed(1)} MB bundle`);
    assert.equal(typeof (fresh.exports as { activate?: unknown }).activate, 'function');
    // Nothing was linted yet, so the parser has not been loaded; the first Python file loads it.
    assert.equal(normlint.engineLoadMs(), undefined, 'the analyzer loaded at activation');
    const uri = fileUri('models/clean.py');
    const t1 = performance.now();
    let opened: Promise<vscode.TextEditor> | undefined;
    await nextLint(uri, () => (opened = openEditor(uri)));
    const editor = await opened!;
    const loadMs = normlint.engineLoadMs();
    assert.ok(loadMs !== undefined);
    measure('first lint after activation (loads the parser)', performance.now() - t1, 'ms', `analyzer load ${loadMs.toFixed(0)} ms`);
    await nextLint(uri, () => editor.edit((b) => b.insert(new vscode.Position(0, 0), '# x\n')));
    assert.equal(normlint.engineLoadMs(), loadMs, 'loaded once');
    await nextLint(uri, () => vscode.commands.executeCommand('workbench.action.files.revert'));
    assert.ok(!editor.document.isDirty);
  });

  test('registers its commands', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const id of ['normlint.fixAll', 'normlint.lintWorkspace', 'normlint.showOutput', 'normlint.showDocumentation', 'normlint.openCalculator']) {
      assert.ok(commands.has(id), `${id} is not registered`);
    }
  });

  test('package.json: activation, capabilities, commands and a severity setting for every rule', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    for (const language of ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact']) {
      assert.ok(pkg.activationEvents.includes(`onLanguage:${language}`), `no onLanguage:${language}`);
    }
    assert.ok(pkg.activationEvents.includes('onNotebook:jupyter-notebook'));
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:normlint.calculator'));
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
    const titles = Object.fromEntries(
      pkg.contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]),
    );
    assert.equal(titles['normlint.openCalculator'], 'NormLint: Open Normalization Calculator');
    assert.equal(titles['normlint.lintWorkspace'], 'NormLint: Lint Workspace');
    const properties = pkg.contributes.configuration.properties;
    for (const key of ['normlint.enable', 'normlint.run', 'normlint.severity', 'normlint.exclude', 'normlint.logLevel']) {
      assert.ok(properties[key]?.markdownDescription || properties[key]?.description, `${key} has no description`);
    }
    assert.deepEqual(properties['normlint.run'].enum, ['onType', 'onSave']);
    assert.deepEqual(Object.keys(properties['normlint.severity'].properties).sort(), allRules.map((r) => r.meta.code).sort());
  });

  test('ships a documentation page for every rule', async () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    for (const rule of allRules) {
      const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'docs', 'rules', `${rule.meta.code}.md`))).toString('utf8');
      assert.ok(text.startsWith(`# ${rule.meta.code} ${rule.meta.name}`), `docs/rules/${rule.meta.code}.md is stale`);
    }
  });
});
