/**
 * Proof that this is the browser's web worker extension host and that NormLint runs in it: the test
 * copy of the extension has a `browser` entry and no `main`, and VS Code runs an extension's tests
 * in the host that runs the extension.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, fileUri, measure, openEditor, waitForCodes } from '../suite/helpers';

suite('web worker extension host', () => {
  test('the extension runs here, in a web worker without Node APIs, and lints Python and TypeScript', async () => {
    const scope = globalThis as { WorkerGlobalScope?: new () => unknown; process?: unknown; require?: unknown };
    assert.equal(typeof scope.WorkerGlobalScope, 'function', 'a worker global scope');
    assert.ok(globalThis instanceof scope.WorkerGlobalScope!, 'this code runs in a web worker');
    assert.equal(typeof scope.process, 'undefined', 'no Node `process`');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} runs in this extension host`);
    const manifest = extension.packageJSON as { main?: string; browser?: string };
    assert.equal(manifest.main, undefined, 'the test copy has no Node entry');
    assert.equal(manifest.browser, './dist/web/extension.js');
    const started = performance.now();
    const normlint = await api();
    assert.ok(extension.isActive);
    const uri = fileUri('models/pytorch_cnn.py');
    await openEditor(uri);
    await waitForCodes(uri, 'BN101,BN101,BN101,BN301,BN303,BN304,BN401,BN402');
    const loadMs = normlint.engineLoadMs();
    assert.ok(loadMs !== undefined, 'the analyzer loaded');
    measure('web worker: activation to first diagnostics (Python)', performance.now() - started, 'ms', `analyzer load ${loadMs.toFixed(0)} ms`);
    // The TypeScript parser starts on the first TS/JS file.
    const typescript = performance.now();
    const model = fileUri('web/model.ts');
    await openEditor(model);
    await waitForCodes(model, 'BN302');
    measure('web worker: first TypeScript diagnostics (starts the TypeScript parser)', performance.now() - typescript, 'ms');
  });
});
