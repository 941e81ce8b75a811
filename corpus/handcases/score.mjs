#!/usr/bin/env node
// Scores NormLint's CLI against hand-written cases: every `# expect: BNxxx` (or `// expect:`)
// comment names a finding expected on that line. Usage: node score.mjs [folder] [--cli path]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const cliIdx = args.indexOf('--cli');
const repoRoot = resolve(here, '../..');
const cli = cliIdx >= 0 ? resolve(args[cliIdx + 1]) : join(repoRoot, 'bin/normlint.js');
const root = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--cli') ?? here);
const EXT = /\.(py|ipynb|ts|js)$/;
const EXPECT = /(?:#|\/\/)\s*expect:\s*(BN\d{3}(?:\s*,\s*BN\d{3})*)/;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return EXT.test(name) && name !== 'score.mjs' ? [p] : [];
  });
}

// Lines as the CLI numbers them: [label, line] pairs. A notebook's findings carry `cell` (1-based,
// counting every cell) and a line within that cell, so its lines are labelled "cell N line M".
function sourceLines(file) {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.ipynb')) return text.split('\n').map((l, i) => [String(i + 1), l]);
  return JSON.parse(text).cells.flatMap((c, ci) =>
    (Array.isArray(c.source) ? c.source.join('') : c.source)
      .split('\n')
      .map((l, i) => [`${ci + 1}:${i + 1}`, l]),
  );
}

const files = walk(root);
const expected = [];
for (const f of files) {
  sourceLines(f).forEach(([at, line]) => {
    const m = EXPECT.exec(line);
    if (m) for (const code of m[1].split(/\s*,\s*/)) expected.push({ file: f, line: at, code, text: line.trim() });
  });
}

let out;
try {
  out = execFileSync('node', [cli, '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 1 << 28 });
} catch (e) {
  out = e.stdout; // exit 1 = findings
}
const report = JSON.parse(out);
const findings = report.findings.map((f) => ({
  ...f,
  file: resolve(f.file),
  line: f.cell ? `${f.cell}:${f.line}` : String(f.line),
}));
const key = (f, l, c) => `${f}\0${l}\0${c}`;
const foundKeys = new Set(findings.map((f) => key(f.file, f.line, f.code)));
const expKeys = new Set(expected.map((e) => key(e.file, e.line, e.code)));

const perRule = new Map();
const row = (code) => {
  if (!perRule.has(code)) perRule.set(code, { expected: 0, found: 0, missed: [], unexpected: [] });
  return perRule.get(code);
};
for (const e of expected) {
  const r = row(e.code);
  r.expected++;
  if (foundKeys.has(key(e.file, e.line, e.code))) r.found++;
  else r.missed.push(`${relative(root, e.file)}:${e.line}  ${e.text}`);
}
for (const f of findings) {
  if (!expKeys.has(key(f.file, f.line, f.code)))
    row(f.code).unexpected.push(`${relative(root, f.file)}:${f.line}  ${f.message}`);
}
if (report.errors?.length) console.log('CLI errors:', JSON.stringify(report.errors, null, 1));

const codes = [...perRule.keys()].sort();
console.log('rule   expected found missed unexpected');
let tot = { e: 0, f: 0, m: 0, u: 0 };
for (const c of codes) {
  const r = perRule.get(c);
  console.log(`${c}  ${String(r.expected).padStart(8)} ${String(r.found).padStart(5)} ${String(r.missed.length).padStart(6)} ${String(r.unexpected.length).padStart(10)}`);
  tot = { e: tot.e + r.expected, f: tot.f + r.found, m: tot.m + r.missed.length, u: tot.u + r.unexpected.length };
}
console.log(`total  ${String(tot.e).padStart(8)} ${String(tot.f).padStart(5)} ${String(tot.m).padStart(6)} ${String(tot.u).padStart(10)}`);
for (const c of codes) {
  const r = perRule.get(c);
  for (const m of r.missed) console.log(`MISSED     ${c} ${m}`);
  for (const u of r.unexpected) console.log(`UNEXPECTED ${c} ${u}`);
}
