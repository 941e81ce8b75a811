/** Number formatting shared by messages and fixes in every language. */

/** Shortest decimal that reads well, without JS's binary noise for results like 1 - 0.9. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const rounded = Number(n.toPrecision(12));
  // 1e-5 reads better than 0.00001, and is a valid literal in Python and JavaScript alike.
  if (Math.abs(rounded) < 1e-3)
    return rounded
      .toExponential()
      .replace(/\.?0*e/, 'e')
      .replace('e-0', 'e-');
  return String(rounded);
}

/** `BN_MOMENTUM (= 0.1)` when the source text is not the literal itself. */
export function describeValue(valueText: string, value: number): string {
  return valueText === formatNumber(value) || Number(valueText) === value ? valueText : `${valueText} (= ${formatNumber(value)})`;
}
