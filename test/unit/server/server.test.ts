/**
 * `normlint server` at the protocol level: a real LSP client over stdio against the server process.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  WorkspaceDiagnosticRequest,
  type CodeAction,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { codes, FIXTURES, PUSH_CLIENT, TestClient, uriOf } from './client';

const MODEL = path.join(FIXTURES, 'model.py');
const MODEL_TEXT = fs.readFileSync(MODEL, 'utf8');
const MODEL_URI = uriOf(MODEL);

/** The edits a workspace edit makes to one document. */
function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? [])
    .filter((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri)
    .flatMap((c) => c.edits as TextEdit[]);
  return [...fromChanges, ...fromDocumentChanges];
}

function applied(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'python', 1, text), edits);
}

function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('normlint server (LSP over stdio)', function () {
  this.timeout(30000);
  const clients: TestClient[] = [];
  const start = async (options?: Parameters<typeof TestClient.start>[0]) => {
    const client = await TestClient.start(options);
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });

  describe('with a client that takes pushed diagnostics', () => {
    let client: TestClient;
    beforeEach(async () => {
      client = await start();
    });

    it('announces incremental sync, notebooks, code action kinds, hover; no pull diagnostics', () => {
      const capabilities = (client.initializeResult as { capabilities: Record<string, unknown> }).capabilities;
      assert.deepEqual(capabilities['textDocumentSync'], { openClose: true, change: 2, save: { includeText: false } });
      assert.deepEqual((capabilities['codeActionProvider'] as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.normlint']);
      assert.equal(capabilities['hoverProvider'], true);
      assert.ok(capabilities['notebookDocumentSync']);
      assert.equal(capabilities['diagnosticProvider'], undefined);
    });

    it('pushes diagnostics with codes, source, docs link and UTF-16 ranges', async () => {
      await client.open(MODEL_URI, MODEL_TEXT, 'python', 7);
      const diagnostics = await client.diagnostics(MODEL_URI);
      assert.deepEqual(codes(diagnostics), ['BN101', 'BN301']);
      assert.equal(client.published.get(MODEL_URI)!.version, 7);
      const bn101 = diagnostics.find((d) => d.code === 'BN101')!;
      assert.equal(bn101.source, 'normlint');
      assert.equal(bn101.severity, 2);
      // The narrow range of what is wrong: the callee `nn.Conv2d`, where the CLI's JSON puts its `focus`
      // (line 11, column 44, 1-based; the line holds "😀" before it), inside the primary range (columns 44-92).
      assert.deepEqual(bn101.range, { start: { line: 10, character: 43 }, end: { line: 10, character: 52 } });
      assert.equal(bn101.message, "nn.Conv2d's bias is cancelled by the BatchNorm after it: set `bias=False`.");
      const bn301 = diagnostics.find((d) => d.code === 'BN301')!;
      const bnLine = MODEL_TEXT.split('\n')[11];
      assert.deepEqual(bn301.range, {
        start: { line: 11, character: bnLine.indexOf('momentum=0.99') },
        end: { line: 11, character: bnLine.indexOf('momentum=0.99') + 'momentum=0.99'.length },
      });
      const page = fileURLToPath(bn101.codeDescription!.href);
      assert.match(page, /docs[\\/]rules[\\/]BN101\.md$/);
      assert.ok(fs.existsSync(page), `${page} exists`);
      assert.equal(bn101.relatedInformation?.[0]?.message, 'nn.BatchNorm2d that makes the bias redundant');
    });

    it('follows incremental edits: a line inserted above moves the finding, a fixed value clears it', async () => {
      await client.open(MODEL_URI, MODEL_TEXT);
      await client.diagnostics(MODEL_URI);
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: MODEL_URI, version: 2 },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# a comment\n' }],
      });
      let diagnostics = await client.diagnostics(MODEL_URI, (_d, p) => p.version === 2);
      assert.equal(diagnostics.find((d) => d.code === 'BN101')!.range.start.line, 11);
      const momentum = MODEL_TEXT.split('\n')[11].indexOf('0.99');
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: MODEL_URI, version: 3 },
        contentChanges: [{ range: { start: { line: 12, character: momentum }, end: { line: 12, character: momentum + 4 } }, text: '0.01' }],
      });
      diagnostics = await client.diagnostics(MODEL_URI, (_d, p) => p.version === 3);
      assert.deepEqual(codes(diagnostics), ['BN101']);
    });

    it('offers each fix with its applicability, disable-for-line, and fix-all', async () => {
      await client.open(MODEL_URI, MODEL_TEXT);
      const diagnostics = await client.diagnostics(MODEL_URI);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: MODEL_URI },
        range: { start: { line: 10, character: 0 }, end: { line: 11, character: 0 } },
        context: { diagnostics },
      })) as CodeAction[];
      const titles = actions.map((a) => `${a.kind}: ${a.title}${a.isPreferred ? ' *' : ''}`);
      assert.deepEqual(titles, [
        'quickfix: Set bias=False *',
        'quickfix: Change momentum to 0.01 (1 − 0.99) (unsafe)',
        'quickfix: Disable BN101 for this line',
        'quickfix: Disable BN301 for this line',
        'source.fixAll.normlint: Fix all safe NormLint problems',
      ]);
      const lines = (action: string) => applied(MODEL_TEXT, editsFor(actions.find((a) => a.title === action)!.edit, MODEL_URI)).split('\n');
      assert.match(lines('Set bias=False')[10], /nn\.Conv2d\(3, channels, kernel_size=3, padding=1, bias=False\)$/);
      assert.match(lines('Disable BN101 for this line')[10], /padding=1\)  # noqa: BN101$/);
      // The versioned edit names the document version it was computed for.
      const edit = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
      assert.equal(edit.textDocument.version, 1);

      const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: MODEL_URI },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.deepEqual(
        fixAll.map((a) => a.kind),
        ['source.fixAll.normlint'],
      );
      const fixed = applied(MODEL_TEXT, editsFor(fixAll[0].edit, MODEL_URI));
      assert.match(fixed, /padding=1, bias=False\)/);
      assert.match(fixed, /momentum=0\.99/, 'the unsafe fix is not part of fix-all');
    });

    it('merges "disable for this line" into an existing noqa comment', async () => {
      const text = MODEL_TEXT.replace('padding=1)\n', 'padding=1)  # noqa: E501\n');
      await client.open(MODEL_URI, text);
      const diagnostics = await client.diagnostics(MODEL_URI);
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: MODEL_URI },
        range: diagnostics[0].range,
        context: { diagnostics: diagnostics.filter((d) => d.code === 'BN101'), only: ['quickfix'] },
      })) as CodeAction[];
      const disable = actions.find((a) => a.title === 'Disable BN101 for this line')!;
      assert.match(applied(text, editsFor(disable.edit, MODEL_URI)).split('\n')[10], /  # noqa: E501, BN101$/);
    });

    it('explains a finding on hover, with the docs link', async () => {
      await client.open(MODEL_URI, MODEL_TEXT);
      await client.diagnostics(MODEL_URI);
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MODEL_URI }, position: { line: 11, character: 30 } });
      const value = (hover!.contents as { kind: string; value: string }).value;
      assert.match(value, /\*\*NormLint \[BN301\]\(file:\/\/.*BN301\.md\)\*\* `pytorch-momentum-in-keras-convention`/);
      assert.match(value, /Fix \(unsafe\): Change momentum to 0\.01/);
      // The short message, then the explanation.
      assert.match(
        value,
        /momentum=0\.99 looks like a Keras-style value: in PyTorch that is 0\.01\.\n\nmomentum=0\.99 on nn\.BatchNorm2d looks like a Keras-convention value\. PyTorch updates/,
      );
      const nothing = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: MODEL_URI }, position: { line: 0, character: 0 } });
      assert.equal(nothing, null);
    });

    it("applies workspace/didChangeConfiguration with the extension's setting names", async () => {
      await client.open(MODEL_URI, MODEL_TEXT);
      await client.diagnostics(MODEL_URI, (d) => d.length === 2);
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { normlint: { severity: { BN101: 'off', BN3: 'error' } } },
      });
      const diagnostics = await client.diagnostics(MODEL_URI, (d) => d.length === 1);
      assert.deepEqual(codes(diagnostics), ['BN301']);
      assert.equal(diagnostics[0].severity, 1);
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { normlint: { enable: false } } });
      await client.diagnostics(MODEL_URI, (d) => d.length === 0);
    });

    it('clears diagnostics when the document closes', async () => {
      await client.open(MODEL_URI, MODEL_TEXT);
      await client.diagnostics(MODEL_URI, (d) => d.length === 2);
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: MODEL_URI } });
      await client.diagnostics(MODEL_URI, (d) => d.length === 0);
    });
  });

  it('asks workspace/configuration per folder when the client supports it', async () => {
    const asked: (string | undefined)[] = [];
    const client = await start({
      capabilities: { ...PUSH_CLIENT, workspace: { ...PUSH_CLIENT.workspace, configuration: true } },
      folders: [{ uri: uriOf(FIXTURES), name: 'fixtures' }],
      configuration: (section, scopeUri) => {
        asked.push(`${section} ${scopeUri}`);
        return { severity: { BN301: 'off' } };
      },
    });
    await client.open(MODEL_URI, MODEL_TEXT);
    assert.deepEqual(codes(await client.diagnostics(MODEL_URI)), ['BN101']);
    assert.deepEqual(asked, [`normlint ${uriOf(FIXTURES)}`]);
  });

  it('finds pyproject.toml like the CLI, and reloads it when it changes', async () => {
    const dir = tempWorkspace({ 'pyproject.toml': '[tool.normlint]\nignore = ["BN301"]\n', 'pkg/model.py': MODEL_TEXT });
    const uri = uriOf(path.join(dir, 'pkg/model.py'));
    const client = await start({ folders: [{ uri: uriOf(dir), name: 'ws' }] });
    await client.open(uri, MODEL_TEXT);
    assert.deepEqual(codes(await client.diagnostics(uri)), ['BN101']);
    // Edited behind the editor's back: the server watches the file itself (this client cannot).
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.normlint]\nignore = ["BN101"]\n');
    await client.diagnostics(uri, (d) => codes(d).join() === 'BN301');
    // An invalid file: reported on the file, linting goes on with the settings alone.
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.normlint]\nignore = "BN101"\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(dir, 'pyproject.toml')), type: 2 }] });
    assert.deepEqual(codes(await client.diagnostics(uri, (d) => d.length === 2)), ['BN101', 'BN301']);
    const configErrors = await client.diagnostics(uriOf(path.join(dir, 'pyproject.toml')));
    assert.match(String(configErrors[0].message), /^NormLint configuration: .*ignore/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lints notebooks through notebookDocument sync, one program across cells', async () => {
    const client = await start();
    const notebook = 'file:///tmp/train.ipynb';
    const cell = (n: number) => `vscode-notebook-cell:/tmp/train.ipynb#cell${n}`;
    const cells = ['import torch.nn as nn\n', '# Notes', 'bn = nn.BatchNorm2d(16, momentum=0.99)\n'];
    await client.connection.sendNotification('notebookDocument/didOpen', {
      notebookDocument: {
        uri: notebook,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: cells.map((_, i) => ({ kind: i === 1 ? 1 : 2, document: cell(i) })),
      },
      cellTextDocuments: cells.map((text, i) => ({ uri: cell(i), languageId: i === 1 ? 'markdown' : 'python', version: 1, text })),
    });
    const diagnostics = await client.diagnostics(cell(2));
    assert.deepEqual(codes(diagnostics), ['BN301']);
    assert.equal(diagnostics[0].range.start.line, 0);
    await client.connection.sendNotification('notebookDocument/didChange', {
      notebookDocument: { uri: notebook, version: 2 },
      change: {
        cells: {
          textContent: [
            {
              document: { uri: cell(2), version: 2 },
              changes: [{ range: { start: { line: 0, character: 33 }, end: { line: 0, character: 37 } }, text: '0.01' }],
            },
          ],
        },
      },
    });
    await client.diagnostics(cell(2), (d) => d.length === 0);
  });

  describe('with a client that pulls diagnostics (LSP 3.17)', () => {
    const PULL_CLIENT = {
      ...PUSH_CLIENT,
      textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false } },
      workspace: { ...PUSH_CLIENT.workspace, diagnostics: { refreshSupport: true } },
    };

    it('answers textDocument/diagnostic, with result ids, and pushes nothing', async () => {
      const client = await start({ capabilities: PULL_CLIENT });
      assert.deepEqual((client.initializeResult as { capabilities: { diagnosticProvider: unknown } }).capabilities.diagnosticProvider, {
        identifier: 'normlint',
        interFileDependencies: false,
        workspaceDiagnostics: true,
      });
      await client.open(MODEL_URI, MODEL_TEXT);
      const first = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: MODEL_URI } });
      assert.equal(first.kind, 'full');
      assert.deepEqual(codes(first.kind === 'full' ? first.items : []), ['BN101', 'BN301']);
      const again = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: MODEL_URI }, previousResultId: first.resultId });
      assert.equal(again.kind, 'unchanged');
      assert.equal(client.published.size, 0);
    });

    it('answers textDocument/diagnostic for a notebook cell, from the whole notebook', async () => {
      const client = await start({ capabilities: PULL_CLIENT });
      const cell = (n: number) => `vscode-notebook-cell:/tmp/pull.ipynb#cell${n}`;
      const cells = ['import torch.nn as nn\n', 'bn = nn.BatchNorm2d(16, momentum=0.99)\n'];
      await client.connection.sendNotification('notebookDocument/didOpen', {
        notebookDocument: {
          uri: 'file:///tmp/pull.ipynb',
          notebookType: 'jupyter-notebook',
          version: 1,
          cells: cells.map((_, i) => ({ kind: 2, document: cell(i) })),
        },
        cellTextDocuments: cells.map((text, i) => ({ uri: cell(i), languageId: 'python', version: 1, text })),
      });
      const report = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: cell(1) } });
      assert.deepEqual(codes(report.kind === 'full' ? report.items : []), ['BN301']);
      const first = await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: cell(0) } });
      assert.deepEqual(first.kind === 'full' ? first.items : undefined, []);
    });

    it('answers workspace/diagnostic for closed files (pyproject exclude respected) with work-done progress', async () => {
      const dir = tempWorkspace({
        'pyproject.toml': '[tool.normlint]\nexclude = ["legacy/**"]\n',
        'src/model.py': MODEL_TEXT,
        'src/clean.py': 'import torch\n',
        'legacy/old.py': MODEL_TEXT,
      });
      const client = await start({ capabilities: PULL_CLIENT, folders: [{ uri: uriOf(dir), name: 'ws' }] });
      const report = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [], workDoneToken: 'lint-1' });
      const byFile = Object.fromEntries(report.items.map((i) => [path.relative(dir, fileURLToPath(i.uri)), i.kind === 'full' ? codes(i.items) : i.kind]));
      assert.deepEqual(byFile, { 'src/clean.py': [], 'src/model.py': ['BN101', 'BN301'] });
      const kinds = client.progress.filter((p) => (p as { token: string }).token === 'lint-1').map((p) => (p as { value: { kind: string } }).value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('holds a workspace/diagnostic request while nothing changed (a long poll), answers when a file changes', async () => {
      const dir = tempWorkspace({ 'src/model.py': MODEL_TEXT, 'src/clean.py': 'import torch\n' });
      const client = await start({ capabilities: PULL_CLIENT, folders: [{ uri: uriOf(dir), name: 'ws' }] });
      const first = await client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
      const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
      let answered = false;
      const second = client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }).then((r) => ((answered = true), r));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(answered, false, 'nothing changed: the request waits');
      const uri = uriOf(path.join(dir, 'src/clean.py'));
      await client.open(uri, MODEL_TEXT);
      const report = await second;
      const clean = report.items.find((i) => i.uri === uri)!;
      assert.equal(clean.kind, 'full');
      assert.deepEqual(codes(clean.kind === 'full' ? clean.items : []), ['BN101', 'BN301']);
      assert.equal(report.items.find((i) => i.uri.endsWith('model.py'))!.kind, 'unchanged');
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('cancels a workspace lint on $/cancelRequest', async () => {
      const dir = tempWorkspace(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`m${i}.py`, MODEL_TEXT])));
      const client = await start({ capabilities: PULL_CLIENT, folders: [{ uri: uriOf(dir), name: 'ws' }] });
      const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
      const source = new CancellationTokenSource();
      const request = client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] }, source.token);
      source.cancel();
      await assert.rejects(request, (e: { code?: number }) => e.code === -32800);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });

  it('normlint.lintWorkspace pushes diagnostics of closed files', async () => {
    const dir = tempWorkspace({ 'a.py': MODEL_TEXT, 'b.ts': 'export const x = 1;\n' });
    const client = await start({ folders: [{ uri: uriOf(dir), name: 'ws' }] });
    const summary = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'normlint.lintWorkspace', arguments: [] });
    assert.deepEqual(summary, { files: 2, diagnostics: 2 });
    assert.deepEqual(codes(await client.diagnostics(uriOf(path.join(dir, 'a.py')))), ['BN101', 'BN301']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
