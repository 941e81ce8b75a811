/**
 * The normalization calculator's webview panel in a real VS Code: the command opens one panel of
 * viewType normlint.calculator, a BatchNorm call's hover link prefills its framework, eps and
 * momentum (the page applies the prefill and reports its state back), the state survives the
 * panel being hidden, and malformed arguments are ignored.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CalculatorInspection, OpenCalculatorResult } from '../../../src/extension/calculator/panel';
import { api, closeAllEditors, fileUri, openEditor, rangeOf, waitFor } from './helpers';

const OPEN = 'normlint.openCalculator';
const INSPECT = 'normlint.calculator.inspect';
const VIEW_TYPE = 'normlint.calculator';

function calculatorTabs(): vscode.Tab[] {
  // VS Code reports a webview's viewType with an internal prefix ("mainThreadWebview-").
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(VIEW_TYPE));
}

const open = (arg?: unknown): Thenable<OpenCalculatorResult> => vscode.commands.executeCommand<OpenCalculatorResult>(OPEN, arg);
const inspect = (waitForState?: number): Thenable<CalculatorInspection> =>
  vscode.commands.executeCommand<CalculatorInspection>(INSPECT, waitForState ? { waitForState } : undefined);

/** The `command:normlint.openCalculator?...` link in the hover at `needle`, and its arguments. */
async function hoverCalculatorArgs(relative: string, needle: string): Promise<unknown[]> {
  const editor = await openEditor(relative);
  const position = rangeOf(editor.document, needle).start.translate(0, 1);
  const link = await waitFor(async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    return /\(command:normlint\.openCalculator\?([^\s)"]+)/.exec(text)?.[1];
  }, `a calculator link in the hover on ${needle} in ${relative}`);
  const args = JSON.parse(decodeURIComponent(link)) as unknown;
  return Array.isArray(args) ? args : [args];
}

suite('normalization calculator panel', () => {
  suiteSetup(async () => {
    await api();
    await closeAllEditors();
  });

  suiteTeardown(async () => {
    await closeAllEditors();
  });

  test('the command opens one webview panel of viewType normlint.calculator, revealed when run again', async () => {
    const result = await open();
    assert.equal(result.viewType, VIEW_TYPE);
    await waitFor(() => calculatorTabs().length === 1, 'the calculator tab');
    const first = await inspect(15000);
    assert.ok(first.open && first.visible, 'the panel is open and visible');
    assert.ok(first.loads >= 1, 'the page loaded and said ready');
    assert.ok(first.state, 'the page reported its state');
    assert.equal(calculatorTabs()[0].label, 'NormLint: Normalization Calculator');
    await open();
    await open({});
    assert.equal(calculatorTabs().length, 1, 'still a single panel');
  });

  test("opening with a BatchNorm's values prefills its framework, eps and momentum", async () => {
    const { state } = await open({ framework: 'pytorch', eps: 0.001, momentum: 0.99 });
    assert.ok(state, 'the page answered the prefill');
    assert.equal(state.framework, 'pytorch');
    assert.equal(state.explorer.eps, '0.001');
    assert.equal(state.batch.eps, '0.001');
    assert.equal(state.convert.eps, '0.001');
    assert.equal(state.running.momentum, '0.99');
    assert.equal(state.convert.momentum, '0.99');
    assert.deepEqual(state.prefill, { framework: 'pytorch', eps: 0.001, momentum: 0.99 });
    assert.deepEqual((await inspect()).state, state, 'the extension keeps what the page reported');
    assert.equal(calculatorTabs().length, 1);
  });

  test("the hover on a BatchNorm call links to the calculator with that layer's values", async () => {
    const args = await hoverCalculatorArgs('models/keras_model.py', 'BatchNormalization(momentum=0.99, epsilon=1e-3)');
    assert.deepEqual(args[0], { framework: 'keras', momentum: 0.99, eps: 0.001 });
    const { state } = await vscode.commands.executeCommand<OpenCalculatorResult>(OPEN, ...args);
    assert.ok(state);
    assert.equal(state.framework, 'keras');
    assert.equal(state.explorer.eps, '0.001');
    assert.equal(state.running.momentum, '0.99');

    const partial = await hoverCalculatorArgs('models/pytorch_cnn.py', 'BatchNorm2d, eps=1e-3, momentum=0.99');
    assert.deepEqual(partial[0], { framework: 'pytorch', momentum: 0.99, eps: 0.001 });
    const prefilled = (await vscode.commands.executeCommand<OpenCalculatorResult>(OPEN, ...partial)).state;
    assert.equal(prefilled?.framework, 'pytorch');
    assert.equal(prefilled?.explorer.eps, '0.001');
    assert.equal(prefilled?.running.momentum, '0.99');
    assert.equal(calculatorTabs().length, 1, 'the same panel is reused');
  });

  test("from the editor context menu (a file URI) it picks the file's framework", async () => {
    const { state } = await open(fileUri('models/keras_model.py'));
    assert.equal(state?.framework, 'keras');
    assert.equal(state?.prefill?.label, 'models/keras_model.py');
    const torch = await open(fileUri('models/pytorch_cnn.py'));
    assert.equal(torch.state?.framework, 'pytorch');
  });

  test('malformed arguments are ignored', async () => {
    await open({ framework: 'pytorch', eps: 0.001, momentum: 0.99 });
    for (const bad of [{ framework: 'caffe', eps: 'x', momentum: 5 }, { eps: -1 }, { momentum: Number.NaN }, 'eps=1', 42, [null]]) {
      const { state } = await open(bad);
      assert.equal(state?.explorer.eps, '0.001', `after ${JSON.stringify(bad)}`);
      assert.equal(state?.running.momentum, '0.99');
      assert.equal(state?.framework, 'pytorch');
    }
  });

  test('the state survives the panel being hidden (the page reloads and restores it)', async () => {
    await open({ framework: 'flax', eps: 0.0002, momentum: 0.9 });
    const before = await inspect();
    assert.equal(before.state?.explorer.eps, '0.0002');
    // Another editor in the panel's group hides it; the page is discarded (no retainContextWhenHidden).
    const document = await vscode.workspace.openTextDocument(fileUri('pyproject.toml'));
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await waitFor(async () => !(await inspect()).visible, 'the panel to be hidden');
    const revealed = inspect(15000);
    await open();
    await waitFor(async () => (await inspect()).loads > before.loads, 'the page to load again', 15000);
    const after = await revealed;
    assert.ok(after.visible);
    assert.equal(after.state?.framework, 'flax');
    assert.equal(after.state?.explorer.eps, '0.0002');
    assert.equal(after.state?.running.momentum, '0.9');
    assert.equal(calculatorTabs().length, 1);
  });

  test('a serializer is registered for normlint.calculator (the panel comes back after a reload)', () => {
    assert.throws(() => vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, { deserializeWebviewPanel: async () => undefined }), /already registered/i);
  });

  test('closing the panel ends it; the command opens a fresh one', async () => {
    const tab = calculatorTabs()[0];
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab);
    await waitFor(async () => !(await inspect()).open, 'the panel to close');
    assert.equal(calculatorTabs().length, 0);
    const { state } = await open({ framework: 'tfjs', momentum: 0.95 });
    assert.equal(state?.framework, 'tfjs');
    assert.equal(state?.running.momentum, '0.95');
    assert.equal(calculatorTabs().length, 1);
  });
});
