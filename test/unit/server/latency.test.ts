/**
 * `normlint server` on a 2,000-line file, as an editor sees it: server start to first
 * diagnostics, and an edit to its updated diagnostics (median of 20 edits). The figures are
 * printed, not asserted against a budget: speed is judged on an idle machine (GUIDE.md), and this
 * one is shared. The server runs from the bundle (dist/, `npm run build`) when it is there, as
 * users start it, else from the sources.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { generatedModelFile } from '../../support/generated';
import { codes, ROOT, TestClient } from './client';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('normlint server latency on a 2,000-line file', function () {
  this.timeout(60000);

  it('prints start -> first diagnostics and edit -> diagnostics', async () => {
    const bundled = fs.existsSync(path.join(ROOT, 'dist', 'server.js'));
    const started = performance.now();
    const client = await TestClient.start(bundled ? { command: [path.join(ROOT, 'bin', 'normlint.js'), 'server', '--stdio'] } : {});
    try {
      const uri = 'file:///tmp/normlint-latency/big_model.py';
      const text = generatedModelFile(2000);
      await client.open(uri, text);
      await client.diagnostics(uri, (_d, p) => p.version === 1);
      const firstMs = performance.now() - started;
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('bias=False'));
      const column = lines[line].indexOf('bias=False') + 'bias='.length;
      const times: number[] = [];
      for (let version = 2; version < 22; version++) {
        // Toggle the first conv's bias: the BN101 finding appears, then goes.
        const [from, to] = version % 2 === 0 ? ['False', 'True'] : ['True', 'False'];
        const t0 = performance.now();
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column + from.length } }, text: to }],
        });
        const diagnostics = await client.diagnostics(uri, (_d, p) => p.version === version);
        times.push(performance.now() - t0);
        assert.deepEqual(codes(diagnostics), to === 'True' ? ['BN101'] : []);
      }
      console.log(
        `      normlint server (${bundled ? 'dist bundle' : 'sources via tsx'}), 2,000-line file: start -> first diagnostics ${firstMs.toFixed(0)} ms; ` +
          `edit -> diagnostics median ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${times.length} edits)`,
      );
    } finally {
      await client.stop();
    }
  });
});
