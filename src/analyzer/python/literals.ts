/** Python literals: reading them from syntax nodes and writing them back as source text. */
import type { ConstValue } from '../frameworks/types';
import { formatNumber } from '../numbers';

/** The value of a Python integer or float literal, or undefined (imaginary, malformed). */
export function numberLiteral(text: string): number | undefined {
  const t = text.replace(/_/g, '').toLowerCase();
  if (t.endsWith('j')) return undefined;
  if (/^0[xob]/.test(t)) {
    const radix = t[1] === 'x' ? 16 : t[1] === 'o' ? 8 : 2;
    const n = parseInt(t.slice(2), radix);
    return Number.isNaN(n) ? undefined : n;
  }
  const n = Number(t);
  return Number.isNaN(n) ? undefined : n;
}

/**
 * The value of a plain string literal from its source text (prefix, quotes, body: cheaper than
 * visiting its child nodes); f-strings and other interpolations do not resolve.
 */
export function stringLiteral(text: string): string | undefined {
  const opening = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text);
  if (!opening) return undefined;
  const [, prefix, quote] = opening;
  if (!text.endsWith(quote) || text.length < opening[0].length + quote.length) return undefined;
  const body = text.slice(opening[0].length, text.length - quote.length);
  if (/[fF]/.test(prefix) && body.includes('{')) return undefined;
  return body;
}

/** Source text for a constant, as Python writes it. */
export function pythonLiteral(value: ConstValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return JSON.stringify(value).replace(/^"|"$/g, "'");
  const items = value.map(pythonLiteral);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}
