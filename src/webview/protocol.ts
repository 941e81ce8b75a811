/**
 * Messages between the calculator webview and the extension, with type guards used on every
 * message received, on both sides. Pure TypeScript (no DOM, no vscode API).
 */

import { parsePrefill, sanitizeState, type CalculatorState, type Prefill } from './state';

/** Webview -> extension. */
export type WebviewMessage =
  /** the page has loaded (sent on every load: first open, after being hidden, after a reload) */
  | { readonly type: 'ready' }
  /** the current state; `ack` is the seq of the prefill it includes, if it answers one */
  | { readonly type: 'state'; readonly state: CalculatorState; readonly ack?: number }
  /** put text on the clipboard (a code snippet from the converter) */
  | { readonly type: 'copy'; readonly text: string };

/** Extension -> webview. */
export type ExtensionMessage = { readonly type: 'prefill'; readonly seq: number; readonly prefill: Prefill };

export const MAX_COPY_LENGTH = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Validates a message from the webview. Returns the message with its state sanitized, or
 * undefined for anything malformed (unknown type, wrong field types, oversized text).
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'state':
      if (!isRecord(value.state)) return undefined;
      if (value.ack !== undefined && !isSeq(value.ack)) return undefined;
      return { type: 'state', state: sanitizeState(value.state), ...(value.ack !== undefined ? { ack: value.ack } : {}) };
    case 'copy':
      if (typeof value.text !== 'string' || value.text.length === 0 || value.text.length > MAX_COPY_LENGTH) return undefined;
      return { type: 'copy', text: value.text };
    default:
      return undefined;
  }
}

/** Validates a message from the extension (or anything else that posts to the page). */
export function parseExtensionMessage(value: unknown): ExtensionMessage | undefined {
  if (!isRecord(value) || value.type !== 'prefill' || !isSeq(value.seq)) return undefined;
  const prefill = parsePrefill(value.prefill);
  return prefill ? { type: 'prefill', seq: value.seq, prefill } : undefined;
}
