/**
 * Fixture files with expected findings written beside the lines, as in Ruff and ESLint:
 *     self.conv = nn.Conv2d(3, 16, 3)   # expect: BN101
 * A line without `expect:` must produce no finding. Expectations name the line a finding starts on.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../src/analyzer/types';
import { LineIndex } from '../../src/analyzer/text';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

/** The source files fixtures and examples are written in. */
export const SOURCE_EXTENSIONS = ['.py', '.ts', '.js', '.tsx', '.mjs', '.cjs', '.jsx'];

export interface Expectation {
  readonly line: number;
  readonly code: string;
}

const EXPECT = /(?:#|\/\/)\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)/;

export function expectationsIn(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const m = EXPECT.exec(line);
    if (m) for (const code of m[1].split(',')) out.push({ line: index + 1, code: code.trim() });
  });
  return out.sort(compare);
}

export function actualOf(text: string, findings: readonly Finding[]): Expectation[] {
  const lines = new LineIndex(text);
  return findings.map((f) => ({ line: lines.positionAt(f.range.start).line + 1, code: f.code })).sort(compare);
}

function compare(a: Expectation, b: Expectation): number {
  return a.line - b.line || a.code.localeCompare(b.code);
}

export function format(list: readonly Expectation[]): string[] {
  return list.map((e) => `${e.code} on line ${e.line}`);
}

/** Every fixture file under `dir`, skipping the `.fixed` snapshots. */
export function fixtureFiles(dir: string, extensions: readonly string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => extensions.some((e) => f.endsWith(e)) && !f.includes('.fixed.'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * What users see, pinned in a readable file beside the fixture (`name.py.snap`, like Ruff's
 * snapshots): per finding its range (1-based line:column, end exclusive), code, severity,
 * message, the source line with the range underlined, related locations and every fix's title
 * and applicability. Regenerated with UPDATE_SNAPSHOTS=1, reviewed in diffs.
 */
export function renderFindings(text: string, findings: readonly Finding[]): string {
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.positionAt(offset);
    return `${p.line + 1}:${p.column + 1}`;
  };
  const out: string[] = [];
  for (const f of findings) {
    const start = lines.positionAt(f.range.start);
    const end = lines.positionAt(f.range.end);
    const source = lines.lineText(start.line);
    const width = Math.max(1, (end.line === start.line ? end.column : source.length) - start.column);
    out.push(`${at(f.range.start)}-${at(f.range.end)} ${f.code} ${f.name} [${f.severity}]`);
    out.push(`  ${f.message}`);
    out.push(`  | ${source}`);
    out.push(`  | ${' '.repeat(start.column)}${'^'.repeat(width)}${end.line > start.line ? ' ...' : ''}`);
    if (f.focus) out.push(`  focus ${at(f.focus.start)}-${at(f.focus.end)}: \`${text.slice(f.focus.start, f.focus.end).replace(/\s*\n\s*/g, ' ')}\``);
    if (f.explanation) out.push(`  explanation: ${f.explanation}`);
    for (const r of f.related) out.push(`  related ${at(r.range.start)}-${at(r.range.end)}: ${r.message}`);
    for (const fix of f.fixes) out.push(`  fix (${fix.applicability}): ${fix.title}`);
    out.push('');
  }
  return out.length === 0 ? 'no findings\n' : out.join('\n');
}

export function findingsSnapshotPath(file: string): string {
  return `${file}.snap`;
}

export function fixedSnapshotPath(file: string): string {
  const ext = path.extname(file);
  return file.slice(0, -ext.length) + '.fixed' + ext;
}
