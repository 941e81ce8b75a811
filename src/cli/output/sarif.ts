/** SARIF 2.1.0 output with every rule's metadata and help text, for code-scanning dashboards. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { allRules } from '../../analyzer/rules';
import type { Severity } from '../../analyzer/types';
import type { FileReport, Span } from '../../node/lint-file';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * A fingerprint that survives unrelated edits (lines inserted above, reindentation): the rule, the
 * file and the finding's source line with whitespace collapsed, never its line number; the n-th
 * identical line of a file gets its own. GitHub code scanning matches alerts across runs on it
 * (upload-sarif adds its own primaryLocationLineHash beside it).
 */
function fingerprints(report: FileReport): string[] {
  const seen = new Map<string, number>();
  return report.findings.map((f) => {
    const key = [f.code, report.displayPath.split(path.sep).join('/'), f.sourceLine.trim().replace(/\s+/g, ' ')].join('\0');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return `${createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32)}:${occurrence + 1}`;
  });
}

export function formatSarif(reports: readonly FileReport[], version: string): string {
  const rules: ReportingDescriptor[] = allRules.map((rule) => ({
    id: rule.meta.code,
    name: rule.meta.name,
    shortDescription: { text: rule.meta.summary },
    fullDescription: {
      text:
        rule.meta.docs
          .split('\n## ')[1]
          ?.replace(/^What it does\n/, '')
          .trim() ?? rule.meta.summary,
    },
    help: { text: rule.meta.docs, markdown: rule.meta.docs },
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
    properties: { fix: rule.meta.fix },
  }));
  const results: Result[] = reports.flatMap((report) => {
    const stable = fingerprints(report);
    return report.findings.map((f, index): Result => {
      // A relative URI reference: percent-encoded so `#` and `?` in names are not read as fragment or query.
      const uri = path.isAbsolute(report.displayPath)
        ? pathToFileURL(report.displayPath).href
        : encodeURI(report.displayPath.split(path.sep).join('/')).replace(/[#?]/g, (c) => encodeURIComponent(c));
      const region = (span: Span) => ({ startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn });
      // The result points at what is wrong (the focus); the whole construct comes first among the related locations.
      const narrowed =
        f.focus && (f.focus.line !== f.line || f.focus.column !== f.column || f.focus.endLine !== f.endLine || f.focus.endColumn !== f.endColumn);
      const related = [
        ...(narrowed
          ? [{ line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, message: 'The whole construct this finding is about' }]
          : []),
        ...f.related,
      ];
      return {
        ruleId: f.code,
        ruleIndex: allRules.findIndex((r) => r.meta.code === f.code),
        level: LEVEL[f.severity],
        message: { text: f.message },
        partialFingerprints: { 'normlint/v1': stable[index] },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(f.focus ?? f) } }],
        relatedLocations: related.map((r, i) => ({
          id: i,
          message: { text: r.message },
          physicalLocation: { artifactLocation: { uri }, region: region(r) },
        })),
        ...(f.cell !== undefined || f.explanation
          ? { properties: { ...(f.cell !== undefined ? { cell: f.cell } : {}), ...(f.explanation ? { explanation: f.explanation } : {}) } }
          : {}),
        ...(f.fix && f.cell === undefined
          ? {
              fixes: [
                {
                  description: { text: `${f.fix.title} (${f.fix.applicability})` },
                  artifactChanges: [
                    {
                      artifactLocation: { uri },
                      replacements: f.fix.edits.map((e) => ({
                        deletedRegion: region(e),
                        insertedContent: { text: e.newText },
                      })),
                    },
                  ],
                },
              ],
            }
          : {}),
      };
    });
  });
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'normlint', version, semanticVersion: version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
