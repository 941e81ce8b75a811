/**
 * Findings of one analyzed text placed on editor documents: `locate` maps an analyzed range to a
 * document location (a notebook's program range to a cell), whatever the editor's location type.
 */
import type { Applicability, Finding, TextRange } from '../analyzer/types';

export interface Placed<L> {
  readonly finding: Finding;
  readonly primary: L;
  readonly related: readonly (L & { readonly message: string })[];
  /** The fixes whose edits could all be placed. */
  readonly fixes: readonly { readonly title: string; readonly applicability: Applicability; readonly edits: readonly (L & { readonly newText: string })[] }[];
}

/** Findings whose primary range cannot be placed (in no cell) are dropped. */
export function placeFindings<L extends object>(findings: readonly Finding[], locate: (range: TextRange) => L | undefined): Placed<L>[] {
  const out: Placed<L>[] = [];
  for (const finding of findings) {
    const primary = locate(finding.range);
    if (!primary) continue;
    const related = finding.related.flatMap((r) => {
      const at = locate(r.range);
      return at ? [{ ...at, message: r.message }] : [];
    });
    const fixes = finding.fixes.flatMap((fix) => {
      const edits = fix.edits.map((e) => ({ at: locate(e.range), newText: e.newText }));
      return edits.every((e) => e.at)
        ? [{ title: fix.title, applicability: fix.applicability, edits: edits.map((e) => ({ ...e.at!, newText: e.newText })) }]
        : [];
    });
    out.push({ finding, primary, related, fixes });
  }
  return out;
}
