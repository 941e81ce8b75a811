/** Small DOM helpers (no framework; every text goes in as textContent, never as HTML). */

import { exact, fmt } from './format';

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`calculator page: missing #${id}`);
  return element as T;
}

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A number for display, with its exact value in data-value (read by the tests). */
export function num(value: number, tag: 'span' | 'td' = 'span', extra: Record<string, string> = {}): HTMLElement {
  const element = h(tag, { class: 'n', 'data-value': exact(value), ...extra }, fmt(value));
  if (!Number.isFinite(value)) element.classList.add('nonfinite');
  return element;
}

export function setNumber(element: HTMLElement, value: number | null): void {
  if (value === null) {
    element.textContent = '—';
    element.removeAttribute('data-value');
    return;
  }
  element.textContent = fmt(value);
  element.setAttribute('data-value', exact(value));
  element.classList.toggle('nonfinite', !Number.isFinite(value));
}

export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}

export function replaceChildren(element: Element, ...children: Child[]): void {
  clear(element);
  append(element, children);
}

const hints = new WeakMap<HTMLElement, Node[]>();

/** A field's message line: its hint from the page, or an error (marking the field invalid). */
export function fieldMessage(input: HTMLElement, error: string | null): void {
  const message = document.getElementById(`${input.id}-msg`);
  input.setAttribute('aria-invalid', error ? 'true' : 'false');
  if (!message) return;
  if (!hints.has(message))
    hints.set(
      message,
      [...message.childNodes].map((n) => n.cloneNode(true)),
    );
  if (error) {
    message.textContent = error;
    message.classList.add('error');
  } else if (message.classList.contains('error')) {
    message.classList.remove('error');
    replaceChildren(message, ...hints.get(message)!.map((n) => n.cloneNode(true)));
  }
}

/** A status line: text, and whether it reports an error. */
export function setStatus(element: HTMLElement, text: string, error = false): void {
  element.textContent = text;
  element.classList.toggle('error', error);
}

/** A table body from rows of cells. */
export function fillBody(table: HTMLTableElement, rows: Node[][]): void {
  const body = table.tBodies[0] ?? table.createTBody();
  clear(body);
  for (const cells of rows) {
    const tr = h('tr');
    append(tr, cells);
    body.appendChild(tr);
  }
}

/** A section that cannot compute: the message in its status line, its outputs emptied (tables keep their heads). */
export function showFailure(status: HTMLElement, message: string, outputs: readonly Element[]): void {
  setStatus(status, message, true);
  for (const output of outputs) {
    if (output instanceof HTMLTableElement) fillBody(output, []);
    else clear(output);
  }
}
