/** Human output: `path:line:col: CODE message`, with a code frame when the terminal has colors. */
import { styleText } from 'node:util';
import type { FileReport, ReportedFinding } from '../../node/lint-file';

type Style = Parameters<typeof styleText>[0];

export interface TextOptions {
  readonly color: boolean;
  readonly quiet: boolean;
}

function location(report: FileReport, f: { line: number; column: number; cell?: number }): string {
  return `${report.displayPath}:${f.cell !== undefined ? `cell ${f.cell}:` : ''}${f.line}:${f.column}`;
}

function codeFrame(f: ReportedFinding, paint: (s: Style, t: string) => string): string {
  const gutter = String(f.line).length;
  const pad = ' '.repeat(gutter);
  const line = f.sourceLine.replace(/\t/g, ' ');
  // Underline what is wrong (the focus) when it starts on the finding's first line, else the primary range.
  const span = f.focus && f.focus.line === f.line ? f.focus : f;
  const start = Math.min(span.column - 1, line.length);
  const end = span.endLine === span.line ? Math.max(start + 1, Math.min(span.endColumn - 1, line.length)) : line.length;
  const underline = ' '.repeat(start) + '^'.repeat(Math.max(1, end - start));
  const rows = [
    `${pad} ${paint('blue', '|')}`,
    `${paint('blue', String(f.line))} ${paint('blue', '|')} ${line}`,
    `${pad} ${paint('blue', '|')} ${paint(f.severity === 'error' ? 'red' : 'yellow', underline)}`,
  ];
  if (f.fix) rows.push(`${pad} ${paint('blue', '=')} ${paint('cyan', `fix (${f.fix.applicability})`)}: ${f.fix.title}`);
  return rows.join('\n');
}

export function formatText(reports: readonly FileReport[], options: TextOptions): { stdout: string; stderr: string } {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  const err: string[] = [];
  let count = 0;
  let safe = 0;
  let unsafe = 0;
  let fixed = 0;
  for (const report of reports) {
    if (report.error) err.push(`${paint('red', 'error')}: ${report.displayPath}: ${report.error}`);
    if (report.notWritten)
      err.push(`${report.notWritten.isFault ? paint('red', 'error') : paint('yellow', 'warning')}: ${report.displayPath}: ${report.notWritten.reason}`);
    for (const p of report.problems) err.push(`${paint('yellow', 'warning')}: ${location(report, p)}: ${p.message} (findings may be incomplete)`);
    for (const e of report.ruleErrors) err.push(`${paint('red', 'internal error')}: ${report.displayPath}: rule ${e.code} failed: ${e.message.split('\n')[0]}`);
    fixed += report.fixesApplied;
    for (const f of report.findings) {
      count++;
      if (f.fix?.applicability === 'safe') safe++;
      else if (f.fix) unsafe++;
      out.push(`${paint('bold', location(report, f))}: ${paint(f.severity === 'error' ? 'red' : 'yellow', paint('bold', f.code))} ${f.message}`);
      if (options.color && !options.quiet) out.push(codeFrame(f, paint), '');
    }
  }
  if (!options.quiet) {
    if (fixed > 0) out.push(`Fixed ${fixed} problem${fixed === 1 ? '' : 's'}.`);
    if (count > 0) {
      const hints = [safe > 0 ? `${safe} fixable with --fix` : '', unsafe > 0 ? `${unsafe} more with --unsafe-fixes` : ''].filter(Boolean);
      out.push(`Found ${count} problem${count === 1 ? '' : 's'}${hints.length ? ` (${hints.join(', ')})` : ''}.`);
    }
    const plural = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    const unanalyzed = reports.filter((r) => r.error).length;
    const partial = reports.filter((r) => !r.error && r.problems.length > 0).length;
    const unwritten = reports.filter((r) => r.notWritten).length;
    if (unanalyzed > 0) out.push(`${plural(unanalyzed)} could not be analyzed.`);
    if (partial > 0) out.push(`${plural(partial)} could only partly be analyzed (see the warnings).`);
    if (unwritten > 0) out.push(`${plural(unwritten)} could not be fixed.`);
    if (count === 0 && fixed === 0 && unanalyzed + partial + unwritten === 0) out.push('All checks passed.');
  }
  return { stdout: out.length ? `${out.join('\n')}\n` : '', stderr: err.length ? `${err.join('\n')}\n` : '' };
}
