/**
 * Suppression comments. The front ends find the comments (with the real parser); this module
 * reads what a comment says:
 *   Python:  `# noqa`, `# noqa: BN101, BN301`, `# normlint: disable=BN101`, `# normlint: disable-file=BN101`
 *   TS/JS:   `// normlint-disable-line BN101`, `// normlint-disable-next-line BN101`, `/* normlint-disable BN101 *\/`
 * A directive without codes suppresses every rule.
 */
import type { LineIndex } from './text';
import type { Finding, TextRange } from './types';

export interface SourceComment {
  readonly text: string;
  readonly range: TextRange;
}

export interface Suppressions {
  isSuppressed(finding: Finding): boolean;
}

const ALL = '*';

function codes(list: string | undefined): string[] {
  if (!list || !list.trim()) return [ALL];
  return list
    .split(/[\s,]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => /^[A-Z]+\d*$/.test(c));
}

interface Directive {
  readonly scope: 'line' | 'next-line' | 'file';
  readonly codes: string[];
}

/** The directive a comment carries, if any. Exported for the extension's "disable for this line". */
export function parseDirective(comment: string): Directive | undefined {
  const body = comment.replace(/^(#|\/\/|\/\*)\s*/, '').replace(/\*\/$/, '');
  // A directive can follow other text in the same comment: `# type: ignore  # noqa: BN101`.
  const noqa = /(?:^|#\s*)noqa(?::\s*([A-Za-z0-9,\s]+))?/i.exec(body);
  if (noqa) return { scope: 'line', codes: codes(noqa[1]) };
  const python = /normlint:\s*(disable-file|disable)(?:=([A-Za-z0-9,\s]+))?/i.exec(body);
  if (python) return { scope: python[1] === 'disable-file' ? 'file' : 'line', codes: codes(python[2]) };
  const js = /normlint-(disable-next-line|disable-line|disable)\b([A-Za-z0-9,\s]*)/i.exec(body);
  if (js) {
    const scope = js[1] === 'disable-next-line' ? 'next-line' : js[1] === 'disable-line' ? 'line' : 'file';
    return { scope, codes: codes(js[2]?.split('--')[0]) };
  }
  return undefined;
}

export function buildSuppressions(comments: readonly SourceComment[], lines: LineIndex): Suppressions {
  const byLine = new Map<number, string[]>();
  const fileWide: string[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment.text);
    if (!directive) continue;
    if (directive.scope === 'file') {
      fileWide.push(...directive.codes);
      continue;
    }
    const line = lines.positionAt(comment.range.start).line + (directive.scope === 'next-line' ? 1 : 0);
    byLine.set(line, [...(byLine.get(line) ?? []), ...directive.codes]);
  }
  const covers = (list: readonly string[] | undefined, code: string) => !!list && (list.includes(ALL) || list.includes(code));
  return {
    isSuppressed(finding) {
      if (covers(fileWide, finding.code)) return true;
      // A comment on the first or the last line of a multi-line call counts, as in Ruff.
      const first = lines.positionAt(finding.range.start).line;
      const last = lines.positionAt(finding.range.end).line;
      return covers(byLine.get(first), finding.code) || covers(byLine.get(last), finding.code);
    },
  };
}
