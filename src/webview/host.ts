/**
 * The page's connection to VS Code: `acquireVsCodeApi()` inside a webview; outside one (the
 * browser test, a plain preview) a stand-in that keeps the state in sessionStorage (so a reload
 * restores it, as getState does in VS Code) and records posted messages on
 * `window.__normlintMessages`.
 */

import type { WebviewMessage } from './protocol';

interface VsCodeApi {
  getState(): unknown;
  setState(state: unknown): void;
  postMessage(message: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface Host {
  readonly inVsCode: boolean;
  getState(): unknown;
  setState(state: unknown): void;
  post(message: WebviewMessage): void;
  /** copies text: through the extension in VS Code, with the Clipboard API elsewhere */
  copy(text: string): Promise<void>;
}

const STORAGE_KEY = 'normlint.calculator.state';

declare global {
  interface Window {
    __normlintMessages?: WebviewMessage[];
  }
}

export function connectHost(): Host {
  if (typeof acquireVsCodeApi === 'function') {
    const api = acquireVsCodeApi();
    return {
      inVsCode: true,
      getState: () => api.getState(),
      setState: (state) => api.setState(state),
      post: (message) => api.postMessage(message),
      copy: (text) => Promise.resolve(api.postMessage({ type: 'copy', text } satisfies WebviewMessage)),
    };
  }
  const messages: WebviewMessage[] = [];
  window.__normlintMessages = messages;
  const storage = ((): Storage | undefined => {
    try {
      return window.sessionStorage;
    } catch {
      return undefined;
    }
  })();
  let memory: unknown;
  return {
    inVsCode: false,
    getState: () => {
      const saved = storage?.getItem(STORAGE_KEY);
      if (saved == null) return memory;
      try {
        return JSON.parse(saved) as unknown;
      } catch {
        return undefined;
      }
    },
    setState: (state) => {
      memory = state;
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify(state));
      } catch {
        /* quota, private mode */
      }
    },
    post: (message) => {
      messages.push(message);
    },
    copy: async (text) => {
      messages.push({ type: 'copy', text });
      await navigator.clipboard?.writeText(text).catch(() => undefined);
    },
  };
}
