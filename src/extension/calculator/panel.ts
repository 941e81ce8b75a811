/**
 * The normalization calculator's webview panel: one instance, revealed if already open, prefilled
 * from a BatchNorm call, restored after a reload by a WebviewPanelSerializer.
 *
 *   registerCalculatorPanel(context)   // in activate()
 *
 * Registers:
 * - `normlint.openCalculator` (argument: `{ framework?, eps?, momentum?, label?, batchSize? }`, e.g. from a
 *   hover's `command:normlint.openCalculator?<encoded JSON>` link; `batchSize` (BN403) opens the Batch
 *   size section with that batch size highlighted; a Uri from an explorer/editor
 *   context menu guesses the framework from the file). Resolves to `{ viewType, state }`, the state
 *   once the webview has applied the prefill (used by the tests).
 * - a WebviewPanelSerializer for `normlint.calculator` (activation event `onWebviewPanel:normlint.calculator`).
 * - outside production mode only: `normlint.calculator.inspect`, returning the panel's status for tests.
 */

import * as vscode from 'vscode';
import { parseWebviewMessage, type ExtensionMessage } from '../../webview/protocol';
import { parsePrefill, sanitizeState, type CalculatorState, type Framework, type Prefill } from '../../webview/state';
import { calculatorHtml } from './html';

export const CALCULATOR_VIEW_TYPE = 'normlint.calculator';
export const OPEN_CALCULATOR_COMMAND = 'normlint.openCalculator';
export const INSPECT_CALCULATOR_COMMAND = 'normlint.calculator.inspect';

const TITLE = 'NormLint: Normalization Calculator';
/** How long the command waits for the webview to apply a prefill before resolving anyway. */
const PREFILL_TIMEOUT_MS = 15_000;

/** What `normlint.openCalculator` resolves to. */
export interface OpenCalculatorResult {
  readonly viewType: string;
  /** the webview's state after the prefill (or the last state it reported); undefined if it never answered */
  readonly state: CalculatorState | undefined;
}

/** What `normlint.calculator.inspect` returns (tests only). */
export interface CalculatorInspection {
  readonly open: boolean;
  readonly visible: boolean;
  /** how many times the page has loaded (first open, re-shown after being hidden, reloaded) */
  readonly loads: number;
  readonly state: CalculatorState | undefined;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

class CalculatorPanel {
  static current: CalculatorPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private state: CalculatorState | undefined;
  private loads = 0;
  private seq = 0;
  /** prefill not yet acknowledged by the webview; re-sent on every 'ready' until it is */
  private pending: { seq: number; prefill: Prefill } | undefined;
  private readonly waiters = new Map<number, (state: CalculatorState | undefined) => void>();
  private readonly stateListeners = new Set<() => void>();

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    initialState?: CalculatorState,
  ) {
    this.state = initialState;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'calculator', 'icon-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'calculator', 'icon-dark.svg'),
    };
    panel.webview.html = this.html(initialState);
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message), null, this.disposables);
  }

  static show(extensionUri: vscode.Uri): CalculatorPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (CalculatorPanel.current) {
      CalculatorPanel.current.panel.reveal(undefined, false);
      return CalculatorPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(CALCULATOR_VIEW_TYPE, TITLE, column, {
      ...webviewOptions(extensionUri),
      enableFindWidget: true,
      retainContextWhenHidden: false, // the page keeps its state with setState and restores it when shown
    });
    try {
      CalculatorPanel.current = new CalculatorPanel(panel, extensionUri);
    } catch (error) {
      panel.dispose();
      throw error;
    }
    return CalculatorPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown): void {
    if (CalculatorPanel.current) {
      // one instance: a second restored panel is closed
      panel.dispose();
      return;
    }
    CalculatorPanel.current = new CalculatorPanel(panel, extensionUri, sanitizeState(state));
  }

  /** Sends a prefill; resolves with the state once the webview has applied it (or after a timeout). */
  prefill(prefill: Prefill): Promise<CalculatorState | undefined> {
    const seq = ++this.seq;
    this.pending = { seq, prefill };
    const applied = new Promise<CalculatorState | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(seq);
        resolve(this.state);
      }, PREFILL_TIMEOUT_MS);
      this.waiters.set(seq, (state) => {
        clearTimeout(timer);
        resolve(state);
      });
    });
    this.post({ type: 'prefill', seq, prefill });
    return applied;
  }

  inspect(): CalculatorInspection {
    return { open: true, visible: this.panel.visible, loads: this.loads, state: this.state };
  }

  /** Resolves at the next state the webview reports (or after `timeoutMs`). */
  nextState(timeoutMs: number): Promise<CalculatorState | undefined> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.stateListeners.delete(done);
        resolve(this.state);
      };
      const timer = setTimeout(done, timeoutMs);
      this.stateListeners.add(done);
    });
  }

  private html(initialState: CalculatorState | undefined): string {
    const webview = this.panel.webview;
    return calculatorHtml({
      cspSource: webview.cspSource,
      nonce: webviewNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'calculator', 'calculator.css')).toString(),
      initialState,
    });
  }

  private post(message: ExtensionMessage): void {
    // A hidden or still-loading page drops it; the pending prefill is sent again on 'ready'.
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // anything malformed is ignored
    switch (message.type) {
      case 'ready':
        this.loads++;
        if (this.pending) this.post({ type: 'prefill', ...this.pending });
        break;
      case 'state':
        this.state = message.state;
        if (message.ack !== undefined) {
          if (this.pending && message.ack >= this.pending.seq) this.pending = undefined;
          for (const [seq, resolve] of [...this.waiters]) {
            if (seq <= message.ack) {
              this.waiters.delete(seq);
              resolve(message.state);
            }
          }
        }
        for (const listener of [...this.stateListeners]) listener();
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => {
          vscode.window.setStatusBarMessage('NormLint: copied to the clipboard', 3000);
        });
        break;
    }
  }

  private dispose(): void {
    if (CalculatorPanel.current === this) CalculatorPanel.current = undefined;
    for (const [, resolve] of this.waiters) resolve(this.state);
    this.waiters.clear();
    for (const listener of [...this.stateListeners]) listener();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

const FRAMEWORK_PATTERNS: readonly [Framework, RegExp][] = [
  ['tfjs', /@tensorflow\/tfjs/],
  ['flax', /\b(?:import\s+flax|from\s+flax\b)/],
  ['pytorch', /\b(?:import\s+torch|from\s+torch\b)/],
  ['keras', /\b(?:import\s+(?:keras|tensorflow)|from\s+(?:keras|tensorflow)\b)/],
];

/** The framework a model file imports (for the editor / explorer context menus, which pass its Uri). */
async function frameworkOfFile(uri: vscode.Uri): Promise<Framework | undefined> {
  try {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const document = open ?? (await vscode.workspace.openTextDocument(uri));
    const text = document.getText().slice(0, 200_000);
    return FRAMEWORK_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
  } catch {
    return undefined;
  }
}

async function prefillFromArgument(arg: unknown): Promise<Prefill | undefined> {
  if (arg instanceof vscode.Uri) {
    const framework = await frameworkOfFile(arg);
    return framework ? { framework, label: vscode.workspace.asRelativePath(arg) } : undefined;
  }
  // A command URI's argument arrives JSON-parsed, possibly as a one-element array.
  return parsePrefill(Array.isArray(arg) ? arg[0] : arg);
}

/** Registers the calculator's command, its panel serializer and (outside production) a test hook. */
export function registerCalculatorPanel(context: vscode.ExtensionContext): void {
  const extensionUri = context.extensionUri;
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_CALCULATOR_COMMAND, async (arg?: unknown): Promise<OpenCalculatorResult> => {
      const prefill = await prefillFromArgument(arg);
      const panel = CalculatorPanel.show(extensionUri);
      const state = prefill ? await panel.prefill(prefill) : panel.inspect().state;
      return { viewType: CALCULATOR_VIEW_TYPE, state };
    }),
    vscode.window.registerWebviewPanelSerializer(CALCULATOR_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        CalculatorPanel.revive(panel, extensionUri, state);
        return Promise.resolve();
      },
    }),
    {
      dispose: () => {
        CalculatorPanel.current?.panel.dispose();
      },
    },
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(
      vscode.commands.registerCommand(INSPECT_CALCULATOR_COMMAND, async (options?: { waitForState?: number }): Promise<CalculatorInspection> => {
        const panel = CalculatorPanel.current;
        if (!panel) return { open: false, visible: false, loads: 0, state: undefined };
        const wait = typeof options?.waitForState === 'number' ? Math.min(Math.max(options.waitForState, 0), 30_000) : 0;
        if (wait > 0) await panel.nextState(wait);
        return panel.inspect();
      }),
    );
  }
}

/** A fresh script nonce for the page's CSP: 18 random bytes, base64 (Web Crypto: both extension hosts have it). */
function webviewNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}
