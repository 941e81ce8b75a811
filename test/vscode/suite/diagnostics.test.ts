import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generatedModelFile } from '../../support/generated';
import {
  api,
  closeAllEditors,
  codeOf,
  codesOf,
  measure,
  median,
  nextLint,
  normlintDiagnostics,
  openEditor,
  rangeOf,
  waitFor,
  waitForCodes,
  writeFile,
} from './helpers';

const CNN_CODES = 'BN101,BN101,BN101,BN301,BN303,BN304,BN401,BN402';

suite('diagnostics', () => {
  suiteTeardown(closeAllEditors);

  test('appear on open with codes, ranges, severities, docs links and related locations', async () => {
    const editor = await openEditor('models/pytorch_cnn.py');
    const document = editor.document;
    const diagnostics = await waitForCodes(document.uri, CNN_CODES);
    for (const d of diagnostics) {
      assert.equal(d.source, 'normlint');
      assert.ok(typeof d.code === 'object', 'code carries a docs target');
      const target = (d.code as { target: vscode.Uri }).target;
      assert.equal(target.scheme, 'command');
      assert.equal(target.path, 'normlint.showDocumentation');
      assert.deepEqual(JSON.parse(target.query), [codeOf(d)]);
    }
    const bn101 = diagnostics.find((d) => codeOf(d) === 'BN101' && d.range.start.line === 14)!;
    assert.ok(bn101, 'BN101 on conv1 (line 15)');
    // The squiggle covers what is wrong (the layer's callee), not the whole call; the message is one short sentence.
    assert.equal(document.getText(bn101.range), 'nn.Conv2d');
    assert.equal(bn101.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(bn101.message, "nn.Conv2d's bias is cancelled by the BatchNorm after it: set `bias=False`.");
    for (const d of diagnostics.filter((d) => ['BN101', 'BN301', 'BN302', 'BN303', 'BN304', 'BN401', 'BN402'].includes(codeOf(d)))) {
      assert.ok(d.message.length <= 100, `${codeOf(d)} message of ${d.message.length} characters: ${d.message}`);
    }
    // The other half of the story: the BatchNorm that makes the bias redundant.
    assert.equal(bn101.relatedInformation?.length, 1);
    assert.equal(bn101.relatedInformation[0].location.uri.toString(), document.uri.toString());
    assert.equal(document.getText(bn101.relatedInformation[0].location.range), 'norm_layer(32)');
    const bn401 = diagnostics.find((d) => codeOf(d) === 'BN401')!;
    assert.equal(document.getText(bn401.range), 'nn.BatchNorm2d');
    assert.equal(bn401.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(bn401.relatedInformation![0].location.range), 'nn.Conv2d(32, 64, kernel_size=3, padding=1, bias=False)');
    // pyproject.toml sets BN304 to info.
    assert.equal(diagnostics.find((d) => codeOf(d) === 'BN304')!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(diagnostics.find((d) => codeOf(d) === 'BN303')!.severity, vscode.DiagnosticSeverity.Error);
    // UTF-16 offsets: the range starts at the column VS Code counts.
    assert.equal(bn101.range.start.character, 21);
  });

  test('columns are UTF-16, also after non-ASCII text', async () => {
    const uri = await writeFile(
      'scratch/unicode.py',
      'import torch.nn as nn\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 8, 3)  # 𝛃 é\n        self.bn = nn.BatchNorm2d(8)  # ✓ 𝛃\n\n    def forward(self, x):\n        return self.bn(self.conv(x))\n',
    );
    const editor = await openEditor(uri);
    const [d] = await waitForCodes(uri, 'BN101');
    assert.equal(editor.document.getText(d.range), 'nn.Conv2d');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('update on edit, and a burst of edits is linted once', async () => {
    const editor = await openEditor('models/clean.py');
    const document = editor.document;
    await waitFor(() => normlintDiagnostics(document.uri).length === 0 && document.getText().includes('bias=False'), 'clean file linted');
    const normlint = await api();
    const lints: number[] = [];
    const changes: number[] = [];
    let lastLintStarted = 0;
    // The lint of the open can still be on its way (a clean file shows no diagnostics before it): only typing's lints count.
    let typingStarted = Infinity;
    const sub = normlint.onDidLint((e) => {
      if (e.key === document.uri.toString() && e.timing && e.timing.requestedAt >= typingStarted) {
        // Only typing's lints are counted (a project file written by another test can relint it too).
        if (e.timing.reason === 'edit') lints.push(e.timing.debounceMs);
        lastLintStarted = Math.max(lastLintStarted, e.timing.startedAt);
      }
    });
    const changeSub = vscode.workspace.onDidChangeTextDocument((e) => e.document === document && changes.push(performance.now()));
    try {
      // Typing ", bias=True" character by character where ", bias=False" was.
      typingStarted = performance.now();
      await editor.edit((b) => b.delete(rangeOf(document, ', bias=False')));
      changes.length = 0;
      const base = document.offsetAt(rangeOf(document, 'padding=1').end);
      let k = 0;
      for (const ch of ', bias=True') await editor.edit((b) => b.insert(document.positionAt(base + k++), ch));
      // Not satisfied by a lint of a prefix (", bias=" is a finding too): the finding comes from a lint started after the last keystroke.
      await waitFor(() => codesOf(document.uri) === 'BN101' && lastLintStarted >= changes.at(-1)!, 'BN101 on the typed text');
      // A lint starts only after a pause as long as the debounce: at most one per such pause, plus the last.
      const shortest = Math.min(...lints);
      const pauses = changes.slice(1).filter((t, i) => t - changes[i] >= shortest).length;
      // (+1 for the deletion before the typing.)
      assert.ok(
        lints.length <= pauses + 2,
        `11 edits with ${pauses} pause(s) of ${shortest} ms or more caused ${lints.length} lints: the debounce does not work`,
      );
      assert.ok(document.getText().includes('padding=1, bias=True)'));
      const d = normlintDiagnostics(document.uri)[0];
      // The squiggle is on the callee; the explicit `bias=True` is what the fix rewrites.
      assert.equal(document.getText(d.range), 'nn.Conv2d');
      assert.equal(d.range.start.line, rangeOf(document, 'bias=True').start.line);
      await editor.edit((b) => b.replace(rangeOf(document, 'bias=True'), 'bias=False'));
      await waitForCodes(document.uri, '');
    } finally {
      sub.dispose();
      changeSub.dispose();
    }
  });

  test('the typing debounce adapts: a small file is linted sooner than the longest debounce', async () => {
    const uri = await writeFile('scratch/small.py', 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))\n');
    const editor = await openEditor(uri);
    await waitForCodes(uri, 'BN101');
    const debounces: number[] = [];
    const edits = [
      (b: vscode.TextEditorEdit) => b.insert(rangeOf(editor.document, 'nn.Linear(4, 8').end, ', bias=False'),
      (b: vscode.TextEditorEdit) => b.delete(rangeOf(editor.document, ', bias=False')),
    ];
    for (const edit of edits) {
      const lint = await nextLint(uri, () => editor.edit(edit));
      debounces.push(lint.timing!.debounceMs);
      assert.ok(lint.timing!.debounceMs < 150, `debounce ${lint.timing!.debounceMs} ms after a ${lint.timing!.analysisMs.toFixed(1)} ms analysis`);
    }
    await waitForCodes(uri, 'BN101');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('cleared when the document closes', async () => {
    const uri = await writeFile('scratch/closing.py', 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))\n');
    // Opened as a person opens it (not through openTextDocument, whose document VS Code keeps
    // alive for minutes after its editor closes), so closing the editor closes the document.
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitForCodes(uri, 'BN101');
    const closed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === uri.toString()) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await closed;
    await waitForCodes(uri, '');
  });

  test('latency from an edit to updated diagnostics on a 2,000-line file', async () => {
    const uri = await writeFile('scratch/big_model.py', generatedModelFile(2000));
    let opened: Promise<vscode.TextEditor> | undefined;
    const first = await nextLint(uri, () => (opened = openEditor(uri)));
    const editor = await opened!;
    const document = editor.document;
    assert.equal(document.lineCount, 2001);
    await waitForCodes(uri, '');
    const totals: number[] = [];
    const parts = { edit: [] as number[], debounce: [] as number[], analysis: [] as number[], lint: [] as number[], event: [] as number[] };
    const debounces: number[] = [];
    for (let i = 0; i < 24; i++) {
      // Toggle the bias of the first block's conv: the finding appears, then disappears.
      const [from, to, expected] = i % 2 === 0 ? ['bias=False', 'bias=True', 'BN101'] : ['bias=True', 'bias=False', ''];
      const range = rangeOf(document, `padding=1, ${from}`, 0);
      // Edit → onDidChangeDiagnostics with the new findings, as an extension listening for them sees it.
      const changed = new Promise<number>((resolve) => {
        const sub = vscode.languages.onDidChangeDiagnostics((e) => {
          if (e.uris.some((u) => u.toString() === uri.toString()) && codesOf(uri) === expected) {
            sub.dispose();
            resolve(performance.now());
          }
        });
      });
      const t0 = performance.now();
      const lint = await nextLint(uri, () => editor.edit((b) => b.replace(range, `padding=1, ${to}`)));
      const t1 = await Promise.race([
        changed,
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no diagnostics change after edit ${i}`)), 15000)),
      ]);
      const timing = lint.timing!;
      assert.ok(timing, 'a lint started by the edit carries its timing');
      totals.push(t1 - t0);
      parts.edit.push(timing.requestedAt - t0);
      parts.debounce.push(timing.startedAt - timing.requestedAt);
      parts.analysis.push(timing.analysisMs);
      parts.lint.push(timing.publishedAt - timing.startedAt - timing.analysisMs);
      parts.event.push(t1 - timing.publishedAt);
      debounces.push(timing.debounceMs);
      // A pause between edits, as between two bursts of typing.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const m = (xs: number[]) => median(xs).toFixed(1);
    measure(
      'edit -> onDidChangeDiagnostics, 2,000-line file',
      median(totals),
      'ms',
      `median of ${totals.length} edits: edit reaches the extension ${m(parts.edit)} ms, debounce ${m(parts.debounce)} ms (chosen ${m(debounces)} ms), analysis ${m(parts.analysis)} ms, rest of the lint ${m(parts.lint)} ms, publish -> event ${m(parts.event)} ms`,
    );
    measure('analysis of the 2,000-line file (first lint, then edits)', median(parts.analysis), 'ms', `first lint ${first.durationMs.toFixed(1)} ms`);
    // The debounce follows the analysis time (the budget is ≤ 100 ms end to end on an idle machine; shared CI hosts are slower).
    assert.ok(median(debounces) <= Math.max(20, median(parts.analysis) * 1.5 + 5), `debounce ${m(debounces)} ms for analyses of ${m(parts.analysis)} ms`);
    assert.ok(median(totals) < 2000, `median latency ${median(totals)} ms`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
