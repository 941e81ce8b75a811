/**
 * A real LSP client for the protocol tests: `normlint server` started as a process (from the
 * sources, through tsx) and spoken to over stdio with vscode-languageserver-protocol.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  type Registration,
  type RegistrationParams,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../../..');
/** The CLI's fixture (two findings after non-ASCII text) serves the server tests too. */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface StartOptions {
  readonly capabilities?: ClientCapabilities;
  readonly folders?: readonly WorkspaceFolder[];
  readonly initializationOptions?: unknown;
  /** Answers `workspace/configuration` (only asked when `capabilities.workspace.configuration`). */
  readonly configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown;
  /** How to start the server (node arguments); defaults to the sources through tsx. */
  readonly command?: readonly string[];
}

/** The capabilities of a plain client: diagnostics pushed, versioned edits, no file watching. */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    hover: { contentFormat: ['markdown'] },
  },
  workspace: { workspaceEdit: { documentChanges: true } },
  window: { workDoneProgress: true },
};

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly progress: unknown[] = [];
  /** What the server registered dynamically (`client/registerCapability`). */
  readonly registrations: Registration[] = [];
  private readonly waiters: (() => void)[] = [];
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    this.connection = createProtocolConnection(child.stdout!, child.stdin!);
    child.stderr!.on('data', (d) => (this.stderr += d));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, params);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    this.connection.onNotification('$/progress', (params: unknown) => {
      this.progress.push(params);
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const command = options.command ?? ['--import', 'tsx', '-e', "require('./src/server/server.ts').startServer()", '--', 'server', '--stdio'];
    const child = spawn(process.execPath, [...command], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const client = new TestClient(child);
    if (options.configuration) {
      client.connection.onRequest('workspace/configuration', (params: { items: { section?: string; scopeUri?: string }[] }) =>
        params.items.map((i) => options.configuration!(i.section, i.scopeUri)),
      );
    }
    const result = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? PUSH_CLIENT,
      workspaceFolders: options.folders ? [...options.folders] : null,
      initializationOptions: options.initializationOptions,
    });
    client.initializeResult = result;
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  initializeResult: Awaited<ReturnType<ProtocolConnection['sendRequest']>> | undefined;

  async open(uri: string, text: string, languageId = 'python', version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Waits until the diagnostics pushed for `uri` satisfy `accept` (10 s at most). */
  async diagnostics(
    uri: string,
    accept: (d: readonly Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const params = this.published.get(uri);
      if (params && accept(params.diagnostics, params)) return params.diagnostics;
      const left = deadline - Date.now();
      assert.ok(
        left > 0,
        `no matching diagnostics for ${uri}; last: ${JSON.stringify(params?.diagnostics.map((d) => d.code))}\nserver stderr:\n${this.stderr}`,
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    setTimeout(() => this.child.kill(), 2000).unref();
    await exited;
    this.connection.dispose();
  }
}

export const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();
