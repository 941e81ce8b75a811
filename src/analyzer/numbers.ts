/** Number formatting shared by messages and fixes in every language. */

/** Shortest decimal that reads well, without JS's binary noise for results like 1 - 0.9. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(12)));
}
