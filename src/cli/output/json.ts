/**
 * The JSON output, a contract other tools read:
 *   {"version": 1, "findings": [{"file", "line", "column", "endLine", "endColumn", "code", "name",
 *     "severity", "message", "explanation", "focus": {"line", "column", "endLine", "endColumn"}, "fix"}]}
 * Positions are 1-based (columns in UTF-16 code units); notebook findings add "cell". `message` is
 * one short sentence, `explanation` the long text; `focus` is the narrow range of what is wrong,
 * inside the primary range (the same as it when a rule gives no narrower one).
 */
import type { FileReport } from '../../node/lint-file';

export const JSON_FORMAT_VERSION = 1;

export function formatJson(reports: readonly FileReport[]): string {
  const findings = reports.flatMap((report) =>
    report.findings.map((f) => ({
      file: report.displayPath,
      ...(f.cell !== undefined ? { cell: f.cell } : {}),
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      code: f.code,
      name: f.name,
      severity: f.severity,
      message: f.message,
      explanation: f.explanation ?? f.message,
      focus: f.focus ?? { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn },
      fix: f.fix
        ? {
            title: f.fix.title,
            applicability: f.fix.applicability,
            edits: f.fix.edits.map((e) => ({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, newText: e.newText })),
          }
        : null,
    })),
  );
  return `${JSON.stringify({ version: JSON_FORMAT_VERSION, findings }, null, 2)}\n`;
}
