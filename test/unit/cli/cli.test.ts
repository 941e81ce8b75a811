/**
 * The `normlint` command as users run it: the built bin/normlint.js in a child process, on
 * temporary copies of fixtures. Exit codes, stdout/stderr, the JSON and SARIF contracts, fixing,
 * folders, notebooks, bad input, configuration, suppressions and worker threads.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyPatch } from 'diff';
import { allRules, ruleByCode } from '../../../src/analyzer/rules';
import {
  ANSI,
  applyJsonEdits,
  buildOnce,
  CLI_FIXTURES,
  copyFixture,
  EXAMPLES,
  normlint,
  parseJsonOutput,
  ROOT,
  stripAnsi,
  TempDirs,
  unprivileged,
  write,
  type JsonFinding,
} from './helpers';

const MODEL = path.join(CLI_FIXTURES, 'model.py');
const NOTEBOOK = path.join(CLI_FIXTURES, 'training.ipynb');
const SUPPRESSIONS = path.join(CLI_FIXTURES, 'suppressions.py');
const SYNTAX_ERROR = path.join(CLI_FIXTURES, 'syntax_error.py');
const CLEAN = path.join(EXAMPLES, 'resnet_block.py');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const FINDING_KEYS = ['code', 'column', 'endColumn', 'endLine', 'explanation', 'file', 'fix', 'focus', 'line', 'message', 'name', 'severity'];
const FINDING_LINE = /^(.+?):(\d+):(\d+): (BN\d{3}) (.+)$/;

/** Where the planted mistakes of test/fixtures/cli/model.py are, computed from its text. */
function modelExpectations(text: string) {
  const lines = text.split('\n');
  const conv = 'nn.Conv2d(3, channels, kernel_size=3, padding=1)';
  const bn = 'nn.BatchNorm2d(channels, momentum=0.99)';
  const convLine = lines.findIndex((l) => l.includes(`self.conv = ${conv}`));
  const bnLine = lines.findIndex((l) => l.includes(`self.bn = ${bn}`));
  assert.ok(convLine >= 0 && bnLine >= 0, 'fixture changed');
  const convCol = lines[convLine].indexOf(conv); // UTF-16 units, as the contract says
  const bnCol = lines[bnLine].indexOf(bn);
  const momentumCol = lines[bnLine].indexOf('0.99');
  const momentumArgCol = lines[bnLine].indexOf('momentum=0.99');
  return {
    lines,
    conv: { line: convLine + 1, column: convCol + 1, endLine: convLine + 1, endColumn: convCol + 1 + conv.length },
    // The narrow ranges: the callee `nn.Conv2d`, the argument `momentum=0.99`.
    convFocus: { line: convLine + 1, column: convCol + 1, endLine: convLine + 1, endColumn: convCol + 1 + 'nn.Conv2d'.length },
    bnFocus: { line: bnLine + 1, column: momentumArgCol + 1, endLine: bnLine + 1, endColumn: momentumArgCol + 1 + 'momentum=0.99'.length },
    // The fix inserts before the closing parenthesis.
    convFix: { line: convLine + 1, column: convCol + conv.length, endLine: convLine + 1, endColumn: convCol + conv.length, newText: ', bias=False' },
    bn: { line: bnLine + 1, column: bnCol + 1, endLine: bnLine + 1, endColumn: bnCol + 1 + bn.length },
    bnFix: { line: bnLine + 1, column: momentumCol + 1, endLine: bnLine + 1, endColumn: momentumCol + 1 + '0.99'.length, newText: '0.01' },
    /** The model text after the safe fix, and after both fixes. */
    safeFixed: text.replace(`self.conv = ${conv}`, `self.conv = ${conv.slice(0, -1)}, bias=False)`),
    allFixed: text.replace(`self.conv = ${conv}`, `self.conv = ${conv.slice(0, -1)}, bias=False)`).replace(bn, bn.replace('0.99', '0.01')),
  };
}

function only(findings: readonly JsonFinding[], ...codes: string[]): JsonFinding[] {
  return findings.filter((f) => codes.includes(f.code));
}

function positions(findings: readonly JsonFinding[]): string[] {
  return findings.map((f) => `${f.file}${f.cell !== undefined ? `#${f.cell}` : ''}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.code}`);
}

describe('normlint CLI (built bin/normlint.js, spawned)', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  before(() => buildOnce());
  afterEach(() => temp.cleanup());

  // ------------------------------------------------------------------ exit codes, info options
  describe('exit codes and informational options', () => {
    it('exits 0 on a clean file and says so', () => {
      const dir = temp.make();
      copyFixture(CLEAN, dir, 'resnet_block.py');
      const run = normlint(['resnet_block.py'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, 'All checks passed.\n');
      assert.equal(run.stderr, '');
    });

    it('exits 1 when there are findings', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      const run = normlint(['model.py'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /^model\.py:\d+:\d+: BN101 /m);
    });

    it('exits 2 on an unknown option, naming it, with nothing on stdout', () => {
      const run = normlint(['--frobnicate', 'x.py']);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--frobnicate/);
      assert.match(run.stderr, /normlint --help/);
      assert.equal(run.stdout, '');
    });

    it('exits 2 on an unknown --select or --ignore code, naming it', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      for (const option of ['--select', '--ignore']) {
        const run = normlint([option, 'BN101,XY999', 'model.py'], { cwd: dir });
        assert.equal(run.status, 2, `${option}: ${run.stderr}`);
        assert.match(run.stderr, /unknown rule code or prefix "XY999"/);
        assert.equal(run.stdout, '', 'nothing is linted');
      }
    });

    it('exits 2 on a bad --format or --jobs', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      const format = normlint(['--format', 'xml', 'model.py'], { cwd: dir });
      assert.equal(format.status, 2);
      assert.match(format.stderr, /--format must be text, json or sarif, not "xml"/);
      assert.equal(format.stdout, '');
      const jobs = normlint(['--jobs', '0', 'model.py'], { cwd: dir });
      assert.equal(jobs.status, 2);
      assert.match(jobs.stderr, /--jobs/);
    });

    it('exits 2 on an invalid configuration, before linting anything', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      write(dir, 'pyproject.toml', '[tool.normlint]\nselect = ["BN101"]\ncolour = "red"\n');
      const run = normlint(['model.py'], { cwd: dir });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /invalid configuration: .*pyproject\.toml:3: \[tool\.normlint\] colour: unknown key/);
      assert.equal(run.stdout, '');
    });

    it('--version and -V print the package version', () => {
      for (const flag of ['--version', '-V']) {
        const run = normlint([flag]);
        assert.equal(run.status, 0);
        assert.equal(run.stdout, `normlint ${VERSION}\n`);
      }
    });

    it('--help prints the usage with every documented option', () => {
      const run = normlint(['--help']);
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^normlint \S+: /);
      assert.match(run.stdout, /Usage: normlint \[options\] \[paths\.\.\.\]/);
      for (const option of [
        '--select',
        '--ignore',
        '--fix',
        '--unsafe-fixes',
        '--diff',
        '--format',
        '--config',
        '--stdin-filename',
        '--jobs',
        '--quiet',
        '--no-color',
        '--explain',
        '--list-rules',
        '--version',
        '--help',
      ]) {
        assert.ok(run.stdout.includes(option), `--help does not mention ${option}`);
      }
      assert.match(run.stdout, /Exit codes: 0 .*1 .*2 /);
    });

    it('--explain BN101 prints the rule documentation page (any letter case)', () => {
      const docs = ruleByCode('BN101')!.meta.docs;
      const pages = ['BN101', 'bn101'].map((code) => {
        const run = normlint(['--explain', code]);
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout, docs.endsWith('\n') ? docs : `${docs}\n`);
        return run.stdout;
      });
      const page = pages[0];
      assert.match(page, /^# BN101 redundant-bias-before-batchnorm\n/);
      for (const heading of ['## What it does', '## Why is this bad?', '## Example', '## Fix', '## References']) {
        assert.ok(page.includes(`\n${heading}\n`), `missing section ${heading}`);
      }
    });

    it('--explain with an unknown code exits 2 and lists the known codes', () => {
      const run = normlint(['--explain', 'BN999']);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /unknown rule "BN999"/);
      for (const rule of allRules) assert.ok(run.stderr.includes(rule.meta.code), `${rule.meta.code} not listed`);
    });

    it('--list-rules prints one line per rule: code, name, default severity, summary', () => {
      const run = normlint(['--list-rules']);
      assert.equal(run.status, 0);
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.length, allRules.length);
      lines.forEach((line, i) => {
        const meta = allRules[i].meta;
        const [code, name, severity] = line.split(/\s+/);
        assert.deepEqual([code, name, severity], [meta.code, meta.name, meta.defaultSeverity]);
        assert.ok(line.endsWith(meta.summary), line);
      });
    });
  });

  // ------------------------------------------------------------------ text output
  describe('text output', () => {
    it('prints `path:line:col: CODE message` per finding and a summary, without colors when piped', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'pkg/model.py');
      const exp = modelExpectations(fs.readFileSync(MODEL, 'utf8'));
      const run = normlint(['--select', 'BN101,BN301', 'pkg/model.py'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.doesNotMatch(run.stdout, ANSI);
      const lines = run.stdout.trimEnd().split('\n');
      assert.deepEqual(
        lines.slice(0, -1).map((l) => {
          const m = FINDING_LINE.exec(l);
          assert.ok(m, `not a finding line: ${l}`);
          return `${m[1]}:${m[2]}:${m[3]}: ${m[4]}`;
        }),
        [`pkg/model.py:${exp.conv.line}:${exp.conv.column}: BN101`, `pkg/model.py:${exp.bn.line}:${exp.bn.column}: BN301`],
      );
      assert.ok(lines[0].endsWith("nn.Conv2d's bias is cancelled by the BatchNorm after it: set `bias=False`."), 'the short message follows the code');
      assert.equal(lines.at(-1), 'Found 2 problems (1 fixable with --fix, 1 more with --unsafe-fixes).');
    });

    it('--quiet prints only the finding lines', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      const run = normlint(['-q', '--select', 'BN101,BN301', 'model.py'], { cwd: dir, env: { FORCE_COLOR: '1' } });
      assert.equal(run.status, 1);
      const lines = stripAnsi(run.stdout).trimEnd().split('\n');
      assert.equal(lines.length, 2, run.stdout);
      for (const line of lines) assert.match(line, FINDING_LINE);
      const clean = normlint(['--quiet', CLEAN]);
      assert.equal(clean.status, 0);
      assert.equal(clean.stdout, '', 'no "All checks passed." with --quiet');
    });

    it('--no-color and NO_COLOR keep plain text', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      const plain = normlint(['--no-color', 'model.py'], { cwd: dir });
      const noColorEnv = normlint(['model.py'], { cwd: dir, env: { NO_COLOR: '1' } });
      for (const run of [plain, noColorEnv]) {
        assert.equal(run.status, 1);
        assert.doesNotMatch(run.stdout, ANSI);
        assert.doesNotMatch(run.stdout, /^\s*\d*\s*\|/m, 'no code frame without colors');
      }
    });

    it('with FORCE_COLOR=1, each finding gets a code frame underlining its focus', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      const exp = modelExpectations(fs.readFileSync(MODEL, 'utf8'));
      const run = normlint(['--select', 'BN101', 'model.py'], { cwd: dir, env: { FORCE_COLOR: '1' } });
      assert.equal(run.status, 1);
      assert.match(run.stdout, ANSI);
      const out = stripAnsi(run.stdout).split('\n');
      const header = out.findIndex((l) => l.startsWith(`model.py:${exp.conv.line}:${exp.conv.column}: BN101 `));
      assert.ok(header >= 0, run.stdout);
      const gutter = String(exp.conv.line).length;
      const sourceRow = out[header + 2];
      const caretRow = out[header + 3];
      assert.equal(out[header + 1], `${' '.repeat(gutter)} |`);
      assert.equal(sourceRow, `${exp.conv.line} | ${exp.lines[exp.conv.line - 1]}`);
      const carets = caretRow.slice(gutter + 3);
      assert.equal(carets.indexOf('^'), exp.convFocus.column - 1, 'underline starts at the callee');
      assert.equal(carets.trim(), '^'.repeat(exp.convFocus.endColumn - exp.convFocus.column), 'underline covers the callee `nn.Conv2d`');
      assert.equal(out[header + 4], `${' '.repeat(gutter)} = fix (safe): Set bias=False`);
    });

    it('FORCE_COLOR=0 gives the plain layout', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      const run = normlint(['model.py'], { cwd: dir, env: { FORCE_COLOR: '0' } });
      assert.equal(run.status, 1);
      assert.doesNotMatch(run.stdout, ANSI);
      assert.doesNotMatch(run.stdout, /^\s*\d*\s*\|/m, 'no code frame');
    });
  });

  // ------------------------------------------------------------------ JSON
  describe('JSON output', () => {
    it('has exactly the documented shape, with 1-based UTF-16 positions computed from the text', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'models/model.py');
      const text = fs.readFileSync(MODEL, 'utf8');
      const exp = modelExpectations(text);
      // The fixture puts an astral character before the call on the same line: UTF-16 columns differ from code points.
      const prefix = exp.lines[exp.conv.line - 1].slice(0, exp.conv.column - 1);
      assert.notEqual([...prefix].length, prefix.length, 'fixture should have a surrogate pair before the call');

      const run = normlint(['--format', 'json', 'models/model.py'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      const out = parseJsonOutput(run);
      assert.deepEqual(Object.keys(out).sort(), ['findings', 'version']);
      assert.equal(out.version, 1);
      assert.ok(Array.isArray(out.findings));
      for (const f of out.findings) {
        assert.deepEqual(Object.keys(f).sort(), FINDING_KEYS, JSON.stringify(f));
        assert.equal(f.file, 'models/model.py', 'the path as given: relative stays relative');
        for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(f[k]) && f[k] >= 1, `${k} not 1-based`);
        assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn > f.column));
        const rule = ruleByCode(f.code);
        assert.ok(rule, `unknown code ${f.code}`);
        assert.equal(f.name, rule.meta.name);
        assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity));
        assert.equal(typeof f.message, 'string');
        assert.ok(f.message.length > 10);
        assert.equal(typeof f.explanation, 'string');
        assert.ok(f.explanation.length >= f.message.length);
        assert.deepEqual(Object.keys(f.focus).sort(), ['column', 'endColumn', 'endLine', 'line']);
        const before = (a: { line: number; column: number }, b: { line: number; column: number }) =>
          a.line < b.line || (a.line === b.line && a.column <= b.column);
        assert.ok(
          before(f, f.focus) && before({ line: f.focus.endLine, column: f.focus.endColumn }, { line: f.endLine, column: f.endColumn }),
          'the focus lies inside the primary range',
        );
        if (f.fix !== null) {
          assert.deepEqual(Object.keys(f.fix).sort(), ['applicability', 'edits', 'title']);
          assert.ok(['safe', 'unsafe'].includes(f.fix.applicability));
          assert.ok(f.fix.edits.length > 0);
          for (const e of f.fix.edits) {
            assert.deepEqual(Object.keys(e).sort(), ['column', 'endColumn', 'endLine', 'line', 'newText']);
            for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) assert.ok(Number.isInteger(e[k]) && e[k] >= 1);
            assert.equal(typeof e.newText, 'string');
          }
        }
      }
      const bn101 = only(out.findings, 'BN101');
      const bn301 = only(out.findings, 'BN301');
      assert.equal(bn101.length, 1);
      assert.equal(bn301.length, 1);
      assert.deepEqual({ line: bn101[0].line, column: bn101[0].column, endLine: bn101[0].endLine, endColumn: bn101[0].endColumn }, exp.conv);
      assert.deepEqual(bn101[0].focus, exp.convFocus);
      assert.equal(bn101[0].message, "nn.Conv2d's bias is cancelled by the BatchNorm after it: set `bias=False`.");
      assert.match(bn101[0].explanation, /^nn\.Conv2d has a bias that the nn\.BatchNorm2d right after it cancels: BatchNorm subtracts the per-channel mean/);
      assert.deepEqual(bn101[0].fix, { title: 'Set bias=False', applicability: 'safe', edits: [exp.convFix] });
      assert.equal(bn101[0].severity, 'warning');
      assert.equal(bn101[0].name, 'redundant-bias-before-batchnorm');
      assert.deepEqual({ line: bn301[0].line, column: bn301[0].column, endLine: bn301[0].endLine, endColumn: bn301[0].endColumn }, exp.bn);
      assert.deepEqual(bn301[0].focus, exp.bnFocus);
      assert.equal(bn301[0].fix?.applicability, 'unsafe', 'the unsafe fix is shown when there is no safe one');
      assert.deepEqual(bn301[0].fix?.edits, [exp.bnFix]);
      // The edits, applied at their JSON positions, give exactly the fixed text.
      assert.equal(applyJsonEdits(text, [exp.convFix]), exp.safeFixed);
      assert.equal(applyJsonEdits(text, [...bn101[0].fix.edits, ...bn301[0].fix.edits]), exp.allFixed);
    });

    it('names files as reached from the arguments: relative file, folder walk, absolute', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'a/b/model.py');
      const relative = parseJsonOutput(normlint(['--format', 'json', 'a/b/model.py'], { cwd: dir }));
      const folder = parseJsonOutput(normlint(['--format', 'json', 'a'], { cwd: dir }));
      const absolute = parseJsonOutput(normlint(['--format', 'json', path.join(dir, 'a/b/model.py')], { cwd: ROOT }));
      assert.deepEqual([...new Set(relative.findings.map((f) => f.file))], ['a/b/model.py']);
      assert.deepEqual([...new Set(folder.findings.map((f) => f.file))], [path.join('a', 'b', 'model.py')]);
      assert.deepEqual([...new Set(absolute.findings.map((f) => f.file))], [path.join(dir, 'a/b/model.py')]);
    });

    it('prints {"version": 1, "findings": []} for a clean file and stays valid JSON when a file is broken', () => {
      const dir = temp.make();
      copyFixture(CLEAN, dir, 'clean.py');
      write(dir, 'broken.ipynb', '{"cells": [');
      const clean = normlint(['--format', 'json', 'clean.py'], { cwd: dir });
      assert.equal(clean.status, 0);
      assert.deepEqual(JSON.parse(clean.stdout), { version: 1, findings: [] });
      const broken = normlint(['--format', 'json', 'clean.py', 'broken.ipynb'], { cwd: dir });
      assert.equal(broken.status, 1);
      assert.deepEqual(JSON.parse(broken.stdout), { version: 1, findings: [] });
      assert.match(broken.stderr, /broken\.ipynb/);
    });

    it('gives "fix": null for a finding without a fix', () => {
      const dir = temp.make();
      const text = 'import torch.nn as nn\n\nbn = nn.BatchNorm2d(8, eps=0.5)\n';
      write(dir, 'eps.py', text);
      const out = parseJsonOutput(normlint(['--format', 'json', '--select', 'BN304', 'eps.py'], { cwd: dir }));
      assert.equal(out.findings.length, 1);
      const [f] = out.findings;
      assert.deepEqual(Object.keys(f).sort(), FINDING_KEYS);
      assert.equal(f.code, 'BN304');
      assert.equal(f.fix, null);
      assert.equal(f.line, 3);
      assert.ok(f.column >= 1 && f.column <= text.split('\n')[2].indexOf('0.5') + 1, 'starts on the call or its eps argument');
    });
  });

  // ------------------------------------------------------------------ SARIF
  describe('SARIF output', () => {
    type Region = { startLine: number; startColumn: number; endLine: number; endColumn: number };
    const LEVELS = ['none', 'note', 'warning', 'error'];

    function checkMessage(m: unknown, where: string): void {
      assert.ok(m && typeof m === 'object', `${where}: message object required`);
      assert.equal(typeof (m as { text?: unknown }).text, 'string', `${where}: message.text required`);
      assert.ok((m as { text: string }).text.length > 0, `${where}: empty message`);
    }

    function checkRegion(r: Region, where: string): void {
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
        assert.ok(Number.isInteger(r[k]) && r[k] >= 1, `${where}: ${k} must be an integer >= 1, got ${r[k]}`);
      }
      assert.ok(r.endLine >= r.startLine, `${where}: endLine < startLine`);
      if (r.endLine === r.startLine) assert.ok(r.endColumn >= r.startColumn, `${where}: endColumn < startColumn`);
    }

    function checkUri(uri: unknown, where: string): void {
      assert.equal(typeof uri, 'string', `${where}: artifactLocation.uri required`);
      // A URI reference (RFC 3986): no spaces, no backslashes; resolving it keeps the path.
      assert.doesNotMatch(uri as string, /[\s\\]/, `${where}: not a URI reference: ${uri as string}`);
      assert.doesNotThrow(() => new URL(uri as string, 'file:///base/'));
    }

    function checkPhysicalLocation(p: { artifactLocation?: { uri?: unknown }; region?: Region }, where: string): void {
      assert.ok(p.artifactLocation, `${where}: artifactLocation required`);
      checkUri(p.artifactLocation.uri, where);
      assert.ok(p.region, `${where}: region`);
      checkRegion(p.region, `${where}.region`);
    }

    /** No SARIF validator is installed: the 2.1.0 schema's required properties and constraints, by hand. */

    function validateSarif(log: any): void {
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif.*2\.1\.0/);
      assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
      // The schema has no nullable properties.
      const walk = (v: unknown, at: string) => {
        assert.notEqual(v, null, `null at ${at}`);
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
        else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) walk(x, `${at}.${k}`);
      };
      walk(log, '$');
      const run = log.runs[0];
      assert.equal(run.columnKind, 'utf16CodeUnits');
      const driver = run.tool?.driver;
      assert.ok(driver, 'runs[0].tool.driver required');
      assert.equal(driver.name, 'normlint');
      assert.equal(driver.version, VERSION);
      assert.ok(Array.isArray(driver.rules));
      assert.deepEqual(
        driver.rules.map((r: { id: string }) => r.id),
        allRules.map((r) => r.meta.code),
        'every rule, in order',
      );
      driver.rules.forEach((rule: Record<string, any>, i: number) => {
        const meta = allRules[i].meta;
        assert.equal(rule.id, meta.code);
        assert.equal(rule.name, meta.name);
        assert.deepEqual(rule.shortDescription, { text: meta.summary });
        checkMessage(rule.fullDescription, `${rule.id}.fullDescription`);
        checkMessage(rule.help, `${rule.id}.help`);
        assert.equal(rule.help.text, meta.docs);
        assert.ok(LEVELS.includes(rule.defaultConfiguration?.level), `${rule.id}: defaultConfiguration.level`);
      });
      assert.ok(Array.isArray(run.results), 'results present (possibly empty)');
      run.results.forEach((result: Record<string, any>, i: number) => {
        const where = `results[${i}]`;
        checkMessage(result.message, where);
        assert.equal(typeof result.ruleId, 'string');
        assert.ok(Number.isInteger(result.ruleIndex) && result.ruleIndex >= 0, `${where}: ruleIndex`);
        assert.equal(driver.rules[result.ruleIndex].id, result.ruleId, `${where}: ruleIndex points at another rule`);
        assert.ok(LEVELS.includes(result.level), `${where}: level`);
        assert.ok(Array.isArray(result.locations) && result.locations.length >= 1);
        for (const loc of result.locations) checkPhysicalLocation(loc.physicalLocation, `${where}.locations`);
        const ids = new Set<number>();
        for (const rel of result.relatedLocations ?? []) {
          assert.ok(Number.isInteger(rel.id) && rel.id >= 0 && !ids.has(rel.id), `${where}: relatedLocations ids unique, >= 0`);
          ids.add(rel.id);
          checkMessage(rel.message, `${where}.relatedLocations`);
          checkPhysicalLocation(rel.physicalLocation, `${where}.relatedLocations`);
        }
        for (const fix of result.fixes ?? []) {
          checkMessage(fix.description, `${where}.fixes.description`);
          assert.ok(Array.isArray(fix.artifactChanges) && fix.artifactChanges.length >= 1, `${where}: fix.artifactChanges`);
          for (const change of fix.artifactChanges) {
            checkUri(change.artifactLocation?.uri, `${where}.fixes`);
            assert.ok(Array.isArray(change.replacements) && change.replacements.length >= 1);
            for (const rep of change.replacements) {
              checkRegion(rep.deletedRegion, `${where}.fixes.deletedRegion`);
              if (rep.insertedContent !== undefined) assert.equal(typeof rep.insertedContent.text, 'string');
            }
          }
        }
      });
    }

    it('is SARIF 2.1.0 with every rule and results that match the JSON output', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'src/model.py');
      copyFixture(path.join(EXAMPLES, 'pytorch_cnn.py'), dir, 'src/cnn.py');
      copyFixture(NOTEBOOK, dir, 'training.ipynb');
      const args = ['src', 'training.ipynb'];
      const sarifRun = normlint(['--format', 'sarif', ...args], { cwd: dir });
      assert.equal(sarifRun.status, 1, sarifRun.stderr);
      const log = JSON.parse(sarifRun.stdout);
      validateSarif(log);
      const json = parseJsonOutput(normlint(['--format', 'json', ...args], { cwd: dir })).findings;
      const results = log.runs[0].results as Record<string, any>[];
      assert.equal(results.length, json.length);
      assert.ok(results.length >= 10);
      results.forEach((r, i) => {
        const f = json[i];
        assert.equal(r.ruleId, f.code);
        assert.equal(r.message.text, f.message);
        assert.equal(r.level, f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'note');
        assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, f.file.split(path.sep).join('/'));
        // The result's region is the focus; the primary range follows as a related location whenever it differs.
        assert.deepEqual(r.locations[0].physicalLocation.region, {
          startLine: f.focus.line,
          startColumn: f.focus.column,
          endLine: f.focus.endLine,
          endColumn: f.focus.endColumn,
        });
        const primary = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
        if (JSON.stringify(r.locations[0].physicalLocation.region) !== JSON.stringify(primary))
          assert.ok(
            r.relatedLocations.some((l: { physicalLocation: { region: Region } }) => JSON.stringify(l.physicalLocation.region) === JSON.stringify(primary)),
            'the primary range is a related location',
          );
        if (f.cell !== undefined) assert.equal(r.properties?.cell, f.cell);
        if (f.fix && f.cell === undefined) {
          assert.deepEqual(
            r.fixes[0].artifactChanges[0].replacements.map((rep: { deletedRegion: Region; insertedContent: { text: string } }) => ({
              ...rep.deletedRegion,
              text: rep.insertedContent.text,
            })),
            f.fix.edits.map((e) => ({ startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn, text: e.newText })),
          );
        }
      });
      // Spot-check one result's region against the fixture text.
      const exp = modelExpectations(fs.readFileSync(MODEL, 'utf8'));
      const bn101 = results.find((r) => r.ruleId === 'BN101' && r.locations[0].physicalLocation.artifactLocation.uri === 'src/model.py');
      assert.deepEqual(bn101?.locations[0].physicalLocation.region, {
        startLine: exp.convFocus.line,
        startColumn: exp.convFocus.column,
        endLine: exp.convFocus.endLine,
        endColumn: exp.convFocus.endColumn,
      });
      assert.deepEqual(bn101?.relatedLocations[0].physicalLocation.region, {
        startLine: exp.conv.line,
        startColumn: exp.conv.column,
        endLine: exp.conv.endLine,
        endColumn: exp.conv.endColumn,
      });
    });

    it('is valid with no results, and uses file: URIs for absolute paths', () => {
      const dir = temp.make();
      const clean = copyFixture(CLEAN, dir, 'clean.py');
      const empty = normlint(['--format', 'sarif', clean]);
      assert.equal(empty.status, 0);
      const log = JSON.parse(empty.stdout);
      validateSarif(log);
      assert.deepEqual(log.runs[0].results, []);
      const model = copyFixture(MODEL, dir, 'model.py');
      const abs = JSON.parse(normlint(['--format', 'sarif', model]).stdout);
      validateSarif(abs);
      for (const r of abs.runs[0].results) assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, `file://${model}`);
    });

    it('percent-encodes relative artifact URIs', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'my models/model #1.py');
      const log = JSON.parse(normlint(['--format', 'sarif', 'my models'], { cwd: dir }).stdout);
      assert.ok(log.runs[0].results.length > 0);
      for (const r of log.runs[0].results) {
        const uri = r.locations[0].physicalLocation.artifactLocation.uri as string;
        assert.equal(decodeURIComponent(new URL(uri, 'file:///base/').pathname), '/base/my models/model #1.py');
      }
      validateSarif(log);
    });
  });

  // ------------------------------------------------------------------ --fix, --diff, stdin
  describe('--fix, --diff and stdin', () => {
    it('--fix applies safe fixes only; the file re-lints without them; no temporary files are left', () => {
      const dir = temp.make();
      const file = copyFixture(MODEL, dir, 'model.py');
      const exp = modelExpectations(fs.readFileSync(MODEL, 'utf8'));
      const run = normlint(['--fix', '--select', 'BN101,BN301', 'model.py'], { cwd: dir });
      assert.equal(run.status, 1, 'the unsafe finding remains');
      assert.match(run.stdout, /^Fixed 1 problem\.$/m);
      assert.match(run.stdout, /^Found 1 problem \(1 more with --unsafe-fixes\)\.$/m);
      assert.equal(fs.readFileSync(file, 'utf8'), exp.safeFixed);
      assert.deepEqual(fs.readdirSync(dir), ['model.py']);
      const after = parseJsonOutput(normlint(['--format', 'json', 'model.py'], { cwd: dir }));
      assert.deepEqual(only(after.findings, 'BN101'), []);
      assert.deepEqual(
        only(after.findings, 'BN301').map((f) => f.line),
        [exp.bn.line],
      );
      // Fixing again changes nothing.
      normlint(['--fix', 'model.py'], { cwd: dir });
      assert.equal(fs.readFileSync(file, 'utf8'), exp.safeFixed);
    });

    it('--fix --unsafe-fixes applies unsafe fixes too and exits 0 when nothing remains', () => {
      const dir = temp.make();
      const file = copyFixture(MODEL, dir, 'model.py');
      const exp = modelExpectations(fs.readFileSync(MODEL, 'utf8'));
      const run = normlint(['--fix', '--unsafe-fixes', '--select', 'BN101,BN301', 'model.py'], { cwd: dir });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.equal(run.stdout, 'Fixed 2 problems.\n');
      assert.equal(fs.readFileSync(file, 'utf8'), exp.allFixed);
      assert.equal(normlint(['--select', 'BN101,BN301', 'model.py'], { cwd: dir }).status, 0);
    });

    it('--fix preserves CRLF line endings and a UTF-8 BOM', () => {
      const dir = temp.make();
      const text = fs.readFileSync(MODEL, 'utf8');
      const exp = modelExpectations(text);
      const crlf = (s: string) => s.replace(/\n/g, '\r\n');
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      const file = write(dir, 'model.py', Buffer.concat([bom, Buffer.from(crlf(text), 'utf8')]));
      const run = normlint(['--fix', 'model.py'], { cwd: dir });
      assert.match(run.stdout, /Fixed 1 problem/);
      const bytes = fs.readFileSync(file);
      assert.deepEqual(bytes, Buffer.concat([bom, Buffer.from(crlf(exp.safeFixed), 'utf8')]));
      // And positions on a CRLF + BOM file are the same as on the plain file.
      const json = parseJsonOutput(normlint(['--format', 'json', '--select', 'BN301', 'model.py'], { cwd: dir }));
      assert.deepEqual(positions(json.findings), [`model.py:${exp.bn.line}:${exp.bn.column}-${exp.bn.endLine}:${exp.bn.endColumn} BN301`]);
    });

    const latin1Source = (cookie: string) =>
      Buffer.concat([
        Buffer.from(`# -*- coding: ${cookie} -*-\nimport torch.nn as nn\n\n# Auteur : `, 'latin1'),
        Buffer.from([0xc9, 0x6c, 0xe9, 0x6f, 0x6e, 0x6f, 0x72, 0x65, 0x20, 0xb5, 0xb0, 0xe0, 0xff, 0x20, 0x80, 0x93, 0x9f]), // "Éléonore µ°àÿ" and C1 controls
        Buffer.from('\nLABEL = "', 'latin1'),
        Buffer.from([0xe9, 0x74, 0xe9]), // "été"
        Buffer.from('"\nstem = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n', 'latin1'),
      ]);
    const latin1Fixed = (source: Buffer) => Buffer.from(source.toString('latin1').replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=False)'), 'latin1');

    it('--fix keeps a Latin-1 file (coding cookie iso-8859-1) byte for byte outside the fix', () => {
      const dir = temp.make();
      const source = latin1Source('iso-8859-1');
      const file = write(dir, 'legacy.py', source);
      const run = normlint(['--fix', 'legacy.py'], { cwd: dir });
      assert.match(run.stdout, /Fixed 1 problem/, run.stderr);
      assert.deepEqual(fs.readFileSync(file), latin1Fixed(source));
    });

    it('--fix keeps a Latin-1 file whose cookie says "latin-1"', () => {
      const dir = temp.make();
      const source = latin1Source('latin-1');
      const file = write(dir, 'legacy.py', source);
      const run = normlint(['--fix', 'legacy.py'], { cwd: dir });
      assert.equal(run.stderr, '');
      assert.match(run.stdout, /Fixed 1 problem/);
      assert.deepEqual(fs.readFileSync(file), latin1Fixed(source));
    });

    it('--fix keeps the file mode of an executable script', () => {
      const dir = temp.make();
      const file = copyFixture(MODEL, dir, 'train.py');
      fs.chmodSync(file, 0o755);
      normlint(['--fix', 'train.py'], { cwd: dir, umask: '022' });
      assert.equal(fs.readFileSync(file, 'utf8'), modelExpectations(fs.readFileSync(MODEL, 'utf8')).safeFixed);
      assert.equal(fs.statSync(file).mode & 0o7777, 0o755);
    });

    it('--fix keeps a group-writable file mode whatever the umask', () => {
      const dir = temp.make();
      const file = copyFixture(MODEL, dir, 'model.py');
      fs.chmodSync(file, 0o664);
      normlint(['--fix', 'model.py'], { cwd: dir, umask: '022' });
      assert.equal(fs.readFileSync(file, 'utf8'), modelExpectations(fs.readFileSync(MODEL, 'utf8')).safeFixed);
      assert.equal(fs.statSync(file).mode & 0o7777, 0o664);
    });

    it('--diff prints a unified diff of the safe fixes, writes nothing and exits 1', () => {
      const dir = temp.make();
      const file = copyFixture(MODEL, dir, 'model.py');
      const before = fs.readFileSync(file);
      const text = before.toString('utf8');
      const exp = modelExpectations(text);
      const run = normlint(['--diff', 'model.py'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.deepEqual(fs.readFileSync(file), before, 'the file is untouched');
      assert.deepEqual(fs.readdirSync(dir), ['model.py']);
      assert.match(run.stdout, /^--- model\.py\n\+\+\+ model\.py\n@@ -\d+,\d+ \+\d+,\d+ @@/);
      assert.match(run.stdout, /^-.*self\.conv = nn\.Conv2d\(3, channels, kernel_size=3, padding=1\)$/m);
      assert.match(run.stdout, /^\+.*self\.conv = nn\.Conv2d\(3, channels, kernel_size=3, padding=1, bias=False\)$/m);
      assert.doesNotMatch(run.stdout, /momentum=0\.01/, 'no unsafe fix without --unsafe-fixes');
      assert.equal(applyPatch(text, run.stdout), exp.safeFixed, 'the diff applies to the original and gives the --fix result');
      assert.equal(run.stderr, '1 file would be changed.\n');

      const unsafe = normlint(['--diff', '--unsafe-fixes', 'model.py'], { cwd: dir });
      assert.equal(unsafe.status, 1);
      assert.equal(applyPatch(text, unsafe.stdout), exp.allFixed);
      assert.deepEqual(fs.readFileSync(file), before);
    });

    it('--diff exits 0 with an empty diff when there is nothing to fix', () => {
      const dir = temp.make();
      copyFixture(CLEAN, dir, 'clean.py');
      // BN304 has findings but no fix: still nothing to change.
      write(dir, 'eps.py', 'import torch.nn as nn\nbn = nn.BatchNorm2d(8, eps=0.5)\n');
      const run = normlint(['--diff', 'clean.py', 'eps.py'], { cwd: dir });
      assert.equal(run.status, 0, run.stdout);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, 'No fixes to apply.\n');
    });

    it('lints stdin with `-` under the --stdin-filename name', () => {
      const text = fs.readFileSync(MODEL, 'utf8');
      const exp = modelExpectations(text);
      const run = normlint(['--format', 'json', '--select', 'BN101,BN301', '-', '--stdin-filename', 'pkg/net.py'], { input: text });
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(positions(parseJsonOutput(run).findings), [
        `pkg/net.py:${exp.conv.line}:${exp.conv.column}-${exp.conv.endLine}:${exp.conv.endColumn} BN101`,
        `pkg/net.py:${exp.bn.line}:${exp.bn.column}-${exp.bn.endLine}:${exp.bn.endColumn} BN301`,
      ]);
      const clean = normlint(['-'], { input: fs.readFileSync(CLEAN) });
      assert.equal(clean.status, 0);
    });

    it('--fix - prints the fixed source (line endings kept) and the remaining findings on stderr', () => {
      const text = fs.readFileSync(MODEL, 'utf8');
      const exp = modelExpectations(text);
      const run = normlint(['--fix', '--select', 'BN101,BN301', '-', '--stdin-filename', 'net.py'], { input: text });
      assert.equal(run.status, 1);
      assert.equal(run.stdout, exp.safeFixed);
      assert.match(run.stderr, new RegExp(`^net\\.py:${exp.bn.line}:${exp.bn.column}: BN301 `, 'm'));
      const crlf = normlint(['--fix', '--unsafe-fixes', '--select', 'BN101,BN301', '-'], { input: text.replace(/\n/g, '\r\n') });
      assert.equal(crlf.status, 0, crlf.stderr);
      assert.equal(crlf.stdout, exp.allFixed.replace(/\n/g, '\r\n'));
      assert.equal(crlf.stderr, '');
    });

    it('--fix - on a Latin-1 source prints the same bytes back, with the fix', () => {
      const source = latin1Source('latin1');
      const run = normlint(['--fix', '-'], { input: source, binaryStdout: true });
      assert.equal(run.stdout, latin1Fixed(source).toString('latin1'));
    });

    it('reports stdin that is not valid UTF-8 like a file', () => {
      const bytes = Buffer.from('import torch.nn as nn\nx = "\xff\xfe"\n', 'latin1');
      const run = normlint(['-'], { input: bytes });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /cannot decode/);
    });
  });

  // ------------------------------------------------------------------ folders
  describe('folders', () => {
    it('recurses, skipping .git, node_modules, __pycache__ and virtual environments (by pyvenv.cfg), honouring exclude', () => {
      const dir = temp.make();
      const planted = 'import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n';
      const linted = ['top.py', 'pkg/a.py', 'pkg/sub/deep/b.py', 'pkg/c.pyi', 'notes/exp.ipynb', 'scripts/.hidden/h.py'];
      const skipped = [
        '.git/hooks/x.py',
        'node_modules/pkg/x.py',
        'pkg/__pycache__/x.py',
        'py311-env/lib/x.py', // a virtualenv with an unusual name (found by its pyvenv.cfg)
        '.venv/lib/x.py',
        'generated/x.py',
        'pkg/legacy/old.py',
        'pkg/vendor_x.py',
      ];
      for (const f of [...linted, ...skipped]) {
        if (f.endsWith('.ipynb')) copyFixture(NOTEBOOK, dir, f);
        else write(dir, f, planted);
      }
      write(dir, 'py311-env/pyvenv.cfg', 'home = /usr/bin\nversion = 3.11.4\n');
      write(dir, 'pkg/data.txt', planted);
      write(dir, 'pyproject.toml', '[tool.normlint]\nexclude = ["generated/**", "legacy", "pkg/vendor_*.py"]\n');
      const run = normlint(['--format', 'json', '--select', 'BN101', '.'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      const files = [...new Set(parseJsonOutput(run).findings.map((f) => f.file.split(path.sep).join('/')))].sort();
      assert.deepEqual(files, [...linted].sort());

      // Explicitly named files are linted even when excluded or under a skipped folder; duplicates count once.
      const explicit = normlint(['--format', 'json', '--select', 'BN101', 'generated/x.py', 'pkg/legacy/old.py', 'generated/x.py', 'node_modules/pkg/x.py'], {
        cwd: dir,
      });
      assert.deepEqual(
        parseJsonOutput(explicit).findings.map((f) => f.file),
        ['generated/x.py', 'pkg/legacy/old.py', 'node_modules/pkg/x.py'],
      );
    });

    it('reports a missing path on stderr, lints the rest and exits 1', () => {
      const dir = temp.make();
      copyFixture(CLEAN, dir, 'clean.py');
      const run = normlint(['nope.py', 'clean.py'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /^error: nope\.py: no such file or directory$/m);
      assert.equal(run.stdout, '1 file could not be analyzed.\n', 'never "All checks passed." when a path was not linted');
    });
  });

  // ------------------------------------------------------------------ notebooks
  describe('notebooks', () => {
    interface Cell {
      cell_type: string;
      source: string[];
    }
    const notebookText = () => fs.readFileSync(NOTEBOOK, 'utf8');
    const cellsOf = (text: string) => (JSON.parse(text) as { cells: Cell[] }).cells;

    /** Where the fixture's planted mistakes are, by cell (1-based among all cells) and line within it. */
    function notebookExpectations() {
      const cells = cellsOf(notebookText());
      const locate = (needle: string) => {
        const index = cells.findIndex((c) => c.cell_type === 'code' && c.source.join('').includes(needle));
        assert.ok(index >= 0, `fixture lost ${needle}`);
        const lines = cells[index].source.join('').split('\n');
        const line = lines.findIndex((l) => l.includes(needle));
        return { cell: index + 1, line: line + 1, column: lines[line].indexOf(needle) + 1 };
      };
      return {
        stemConv: locate('nn.Conv2d(3, 32, kernel_size=3, padding=1)'),
        netConv: locate('nn.Conv2d(32, 64, 3, padding=1)'),
        netBn: locate('nn.BatchNorm2d(64, momentum=0.99)'),
      };
    }

    it('reports findings with their cell (1-based among all cells) and position within the cell', () => {
      const dir = temp.make();
      copyFixture(NOTEBOOK, dir, 'notebooks/training.ipynb');
      const exp = notebookExpectations();
      const cells = cellsOf(notebookText());
      assert.equal(cells[0].cell_type, 'markdown', 'fixture: markdown cells come first, so cell numbers differ from code-cell numbers');
      const run = normlint(['--format', 'json', 'notebooks/training.ipynb'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.equal(run.stderr, '', 'magics (%matplotlib, !pip, %%time, %%bash) are not syntax errors');
      const findings = parseJsonOutput(run).findings;
      for (const f of findings) {
        assert.deepEqual(Object.keys(f).sort(), [...FINDING_KEYS, 'cell'].sort());
        assert.equal(cells[f.cell! - 1]?.cell_type, 'code', 'findings are in code cells');
      }
      const at = (p: { cell: number; line: number; column: number }, code: string) => `${code} cell ${p.cell} ${p.line}:${p.column}`;
      assert.deepEqual(
        only(findings, 'BN101', 'BN301').map((f) => `${f.code} cell ${f.cell} ${f.line}:${f.column}`),
        [
          // The stem's conv and norm are defined in one cell and chained in a later %%time cell.
          at(exp.stemConv, 'BN101'),
          at(exp.netConv, 'BN101'),
          at(exp.netBn, 'BN301'),
        ],
      );
      // Nothing from the %%bash cell, whose text merely looks like Python.
      const bashCell = cells.findIndex((c) => c.source[0]?.startsWith('%%bash')) + 1;
      assert.ok(bashCell > 0);
      assert.ok(!findings.some((f) => f.cell === bashCell));
      // Fix edits are positioned within the cell too.
      const stemFix = only(findings, 'BN101').find((f) => f.cell === exp.stemConv.cell)!.fix!;
      const stemSource = cells[exp.stemConv.cell - 1].source.join('');
      assert.equal(applyJsonEdits(stemSource, stemFix.edits), stemSource.replace('padding=1)', 'padding=1, bias=False)'));

      const text = normlint(['--select', 'BN101', 'notebooks/training.ipynb'], { cwd: dir });
      assert.match(text.stdout, new RegExp(`^notebooks/training\\.ipynb:cell ${exp.stemConv.cell}:${exp.stemConv.line}:${exp.stemConv.column}: BN101 `, 'm'));
    });

    /** The fixture's text with some source lines (JSON string literals) replaced. */
    function withReplacedSources(text: string, replacements: [string, string][]): string {
      let out = text;
      for (const [from, to] of replacements) {
        const literal = JSON.stringify(from).slice(1, -1);
        assert.ok(out.includes(literal), `fixture lost ${from}`);
        out = out.replace(literal, JSON.stringify(to).slice(1, -1));
      }
      return out;
    }
    const SAFE_NOTEBOOK_FIXES: [string, string][] = [
      ['nn.Conv2d(3, 32, kernel_size=3, padding=1)', 'nn.Conv2d(3, 32, kernel_size=3, padding=1, bias=False)'],
      ['nn.Conv2d(32, 64, 3, padding=1)', 'nn.Conv2d(32, 64, 3, padding=1, bias=False)'],
    ];

    it('--fix edits only the fixed lines: valid JSON, same indentation, other cells untouched', () => {
      const dir = temp.make();
      const file = copyFixture(NOTEBOOK, dir, 'training.ipynb');
      const original = notebookText();
      const run = normlint(['--fix', '--select', 'BN101,BN301', 'training.ipynb'], { cwd: dir });
      assert.equal(run.status, 1, 'BN301 (unsafe) remains');
      assert.match(run.stdout, /Fixed 2 problems/);
      const fixed = fs.readFileSync(file, 'utf8');
      assert.equal(fixed, withReplacedSources(original, SAFE_NOTEBOOK_FIXES), 'byte-identical apart from the two fixed lines');
      const before = cellsOf(original);
      const after = cellsOf(fixed);
      const changed = after.map((c, i) => (JSON.stringify(c) === JSON.stringify(before[i]) ? 0 : i + 1)).filter(Boolean);
      const exp = notebookExpectations();
      assert.deepEqual(changed, [exp.stemConv.cell, exp.netConv.cell]);

      const unsafe = normlint(['--fix', '--unsafe-fixes', '--select', 'BN101,BN301', 'training.ipynb'], { cwd: dir });
      assert.equal(unsafe.status, 0, unsafe.stdout);
      assert.equal(
        fs.readFileSync(file, 'utf8'),
        withReplacedSources(original, [...SAFE_NOTEBOOK_FIXES, ['nn.BatchNorm2d(64, momentum=0.99)', 'nn.BatchNorm2d(64, momentum=0.01)']]),
      );
    });

    it('--fix keeps a two-space-indented notebook two-space-indented', () => {
      const dir = temp.make();
      const twoSpaces = `${JSON.stringify(JSON.parse(notebookText()), null, 2)}\n`;
      const file = write(dir, 'nb.ipynb', twoSpaces);
      normlint(['--fix', '--select', 'BN101', 'nb.ipynb'], { cwd: dir });
      assert.equal(fs.readFileSync(file, 'utf8'), withReplacedSources(twoSpaces, SAFE_NOTEBOOK_FIXES));
    });

    it('--fix keeps CRLF line endings of a notebook', () => {
      const dir = temp.make();
      const crlf = notebookText().replace(/\n/g, '\r\n');
      const file = write(dir, 'nb.ipynb', crlf);
      normlint(['--fix', '--select', 'BN101', 'nb.ipynb'], { cwd: dir });
      assert.equal(fs.readFileSync(file, 'utf8'), withReplacedSources(crlf, SAFE_NOTEBOOK_FIXES));
    });

    it('still reports a model class after a later cell calls the model', () => {
      const dir = temp.make();
      const notebook = JSON.parse(notebookText()) as { cells: unknown[] };
      notebook.cells.push({
        cell_type: 'code',
        execution_count: 7,
        id: 'd8a3f7b0',
        metadata: {},
        outputs: [],
        source: ['logits = model(features)\n', 'logits.shape'],
      });
      write(dir, 'nb.ipynb', `${JSON.stringify(notebook, null, 1)}\n`);
      const exp = notebookExpectations();
      const findings = parseJsonOutput(normlint(['--format', 'json', '--select', 'BN101,BN301', 'nb.ipynb'], { cwd: dir })).findings;
      assert.deepEqual(
        findings.map((f) => `${f.code} ${f.cell}:${f.line}`),
        [`BN101 ${exp.stemConv.cell}:${exp.stemConv.line}`, `BN101 ${exp.netConv.cell}:${exp.netConv.line}`, `BN301 ${exp.netBn.cell}:${exp.netBn.line}`],
      );
    });

    it('reports broken notebooks (invalid JSON, no cells) on stderr, lints the other files, exits 1', () => {
      const dir = temp.make();
      write(dir, 'a_truncated.ipynb', notebookText().slice(0, 500));
      write(dir, 'b_nocells.ipynb', '{"metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n');
      copyFixture(NOTEBOOK, dir, 'c_good.ipynb');
      copyFixture(CLEAN, dir, 'd_clean.py');
      const run = normlint(['--format', 'json', '--select', 'BN101', '.'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /a_truncated\.ipynb: broken notebook: not valid JSON/);
      assert.match(run.stderr, /b_nocells\.ipynb: broken notebook: .*no "cells"/);
      assert.deepEqual([...new Set(parseJsonOutput(run).findings.map((f) => f.file))], ['c_good.ipynb']);
      // Only broken notebooks and clean files: still exit 1, "could not be read".
      const onlyBroken = normlint(['a_truncated.ipynb', 'd_clean.py'], { cwd: dir });
      assert.equal(onlyBroken.status, 1);
      assert.match(onlyBroken.stderr, /a_truncated\.ipynb/);
    });

    it('lints a notebook whose outputs make it larger than the source size limit', () => {
      const dir = temp.make();
      const notebook = JSON.parse(notebookText()) as { cells: { outputs?: unknown[] }[] };
      const image = Buffer.alloc(4_500_000, 7).toString('base64');
      notebook.cells.at(-1)!.outputs!.push({ data: { 'image/png': image, 'text/plain': ['<Figure>'] }, metadata: {}, output_type: 'display_data' });
      write(dir, 'big.ipynb', `${JSON.stringify(notebook, null, 1)}\n`);
      assert.ok(fs.statSync(path.join(dir, 'big.ipynb')).size > 5_000_000);
      const run = normlint(['--format', 'json', '--select', 'BN101', 'big.ipynb'], { cwd: dir });
      assert.equal(run.stderr, '');
      assert.equal(only(parseJsonOutput(run).findings, 'BN101').length, 2);
    });
  });

  // ------------------------------------------------------------------ bad input
  describe('bad input', () => {
    it('reports a binary file named .py and goes on with the others', () => {
      const dir = temp.make();
      // NUL bytes that are valid UTF-8, and bytes that are not.
      write(
        dir,
        'a_nul.py',
        Buffer.concat([Buffer.from('import torch\n'), Buffer.from([0, 1, 2, 3, 0, 0x7f, 0x45, 0x4c, 0x46]), Buffer.from('\nm = nn.Conv2d(3, 8, 3)\n')]),
      );
      write(dir, 'b_elf.py', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0xff, 0xfe, 0x80, 0x90, 0xc3, 0x28]));
      copyFixture(MODEL, dir, 'c_model.py');
      const run = normlint(['--format', 'json', '.'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /a_nul\.py.*binary file/);
      assert.match(run.stderr, /b_elf\.py: cannot decode/);
      const files = new Set(parseJsonOutput(run).findings.map((f) => f.file));
      assert.deepEqual([...files], ['c_model.py']);
    });

    it('passes an empty file and a comment-only file', () => {
      const dir = temp.make();
      write(dir, 'empty.py', '');
      write(dir, 'comments.py', '# import torch.nn as nn\n# nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n');
      const run = normlint(['empty.py', 'comments.py'], { cwd: dir });
      assert.equal(run.status, 0);
      assert.equal(run.stdout, 'All checks passed.\n');
      assert.equal(run.stderr, '');
    });

    it('reports syntax errors and still gives findings before and after the broken part', () => {
      const dir = temp.make();
      copyFixture(SYNTAX_ERROR, dir, 'broken.py');
      const lines = fs.readFileSync(SYNTAX_ERROR, 'utf8').split('\n');
      const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
      const run = normlint(['--format', 'json', '--select', 'BN101,BN301', 'broken.py'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stderr, new RegExp(`^warning: broken\\.py:${lineOf('shape = (1, 2))')}:\\d+: syntax error`, 'm'));
      assert.match(run.stderr, /findings may be incomplete/);
      const found = parseJsonOutput(run).findings.map((f) => `${f.code}@${f.line}`);
      assert.deepEqual(found, [`BN101@${lineOf('before = ')}`, `BN301@${lineOf('momentum=0.99')}`, `BN101@${lineOf('after = ')}`]);
      assert.ok(lineOf('after = ') > lineOf('def broken(x)'), 'the last finding comes after the broken part');
    });

    it('reports and skips a very large generated file, and lints the others', () => {
      const dir = temp.make();
      const head = 'import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n';
      const row = 'WEIGHTS_0000 = [0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0]\n';
      write(dir, 'a_generated.py', head + row.repeat(Math.ceil(5_000_000 / row.length)));
      copyFixture(MODEL, dir, 'b_model.py');
      const run = normlint(['--format', 'json', '--select', 'BN101', '.'], { cwd: dir });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /a_generated\.py.*too large/);
      assert.deepEqual([...new Set(parseJsonOutput(run).findings.map((f) => f.file))], ['b_model.py'], 'the big file is skipped, not analyzed');
    });

    it('reports an unreadable file and goes on (run as nobody when root: root reads a chmod-000 file)', () => {
      const dir = temp.make();
      fs.chmodSync(dir, 0o755);
      const secret = copyFixture(MODEL, dir, 'a_secret.py');
      fs.chmodSync(copyFixture(CLEAN, dir, 'b_clean.py'), 0o644);
      fs.chmodSync(secret, 0o000);
      const run = normlint(['.'], { cwd: dir, ...unprivileged() });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /a_secret\.py: cannot read: permission denied/);
      assert.equal(run.stdout, '1 file could not be analyzed.\n');
    });

    it('reports a file that is not valid UTF-8 (no coding cookie), exits 1 and lints the others', () => {
      const dir = temp.make();
      write(
        dir,
        'a_latin.py',
        Buffer.concat([
          Buffer.from('import torch.nn as nn\nname = "'),
          Buffer.from([0xe9, 0x74, 0xe9]),
          Buffer.from('"\nm = nn.BatchNorm2d(8, momentum=0.99)\n'),
        ]),
      );
      copyFixture(CLEAN, dir, 'b_clean.py');
      const clean = normlint(['a_latin.py', 'b_clean.py'], { cwd: dir });
      assert.equal(clean.status, 1, 'a file that could not be read makes the run fail');
      assert.match(clean.stderr, /a_latin\.py: cannot decode as utf-8/);
      copyFixture(MODEL, dir, 'c_model.py');
      const json = parseJsonOutput(normlint(['--format', 'json', '.'], { cwd: dir }));
      assert.deepEqual([...new Set(json.findings.map((f) => f.file))], ['c_model.py']);
    });
  });

  // ------------------------------------------------------------------ configuration
  describe('configuration', () => {
    it('honours select, ignore, per-file-ignores, severity and exclude from [tool.normlint]', () => {
      const dir = temp.make();
      write(
        dir,
        'pyproject.toml',
        [
          '[project]',
          'name = "demo"',
          '',
          '[tool.normlint]',
          'select = ["BN1", "BN3"]',
          'ignore = ["BN304"]',
          'exclude = ["generated/**"]',
          '',
          '[tool.normlint.per-file-ignores]',
          '"tests/**" = ["BN101"]',
          '',
          '[tool.normlint.severity]',
          'BN301 = "error"',
          'BN303 = "off"',
          '',
        ].join('\n'),
      );
      copyFixture(path.join(EXAMPLES, 'pytorch_cnn.py'), dir, 'src/cnn.py'); // BN101 BN301 BN303 BN304 BN401 BN402
      copyFixture(MODEL, dir, 'tests/test_model.py'); // BN101 BN301
      copyFixture(MODEL, dir, 'generated/model.py');
      const run = normlint(['--format', 'json', '.'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      const findings = parseJsonOutput(run).findings;
      const byFile = (file: string) => [...new Set(findings.filter((f) => f.file === file).map((f) => `${f.code}:${f.severity}`))].sort();
      assert.deepEqual(byFile(path.join('src', 'cnn.py')), ['BN101:warning', 'BN301:error'], 'BN303 off, BN304 ignored, BN4 not selected');
      assert.deepEqual(byFile(path.join('tests', 'test_model.py')), ['BN301:error'], 'BN101 ignored under tests/');
      assert.ok(!findings.some((f) => f.file.includes('generated')), 'excluded');

      // --select replaces the config's select, --ignore adds to its ignore; per-file-ignores still apply.
      const override = parseJsonOutput(normlint(['--format', 'json', '--select', 'BN4', '--ignore', 'BN402', 'src', 'tests'], { cwd: dir })).findings;
      assert.deepEqual([...new Set(override.map((f) => `${f.file}:${f.code}`))], [`${path.join('src', 'cnn.py')}:BN401`]);
    });

    it('uses the closest pyproject.toml with a [tool.normlint] table, skipping ones without it', () => {
      const dir = temp.make();
      write(dir, 'repo/pyproject.toml', '[tool.normlint]\nignore = ["BN301"]\n');
      write(dir, 'repo/app/pyproject.toml', '[project]\nname = "app"\n\n[tool.ruff]\nline-length = 100\n');
      copyFixture(MODEL, dir, 'repo/app/models/model.py');
      write(dir, 'repo/lib/pyproject.toml', '[tool.normlint]\nselect = ["BN301"]\n');
      copyFixture(MODEL, dir, 'repo/lib/model.py');
      const findings = only(parseJsonOutput(normlint(['--format', 'json', 'repo'], { cwd: dir })).findings, 'BN101', 'BN301');
      const codes = (file: string) => findings.filter((f) => f.file === path.join('repo', ...file.split('/'))).map((f) => f.code);
      assert.deepEqual(codes('app/models/model.py'), ['BN101'], 'repo/pyproject.toml governs (app has no table)');
      assert.deepEqual(codes('lib/model.py'), ['BN301'], 'the closest table wins and is not merged with the outer one');
      // Discovery starts from the file, not from the working directory.
      const fromElsewhere = only(
        parseJsonOutput(normlint(['--format', 'json', path.join(dir, 'repo/lib/model.py')], { cwd: ROOT })).findings,
        'BN101',
        'BN301',
      );
      assert.deepEqual(
        fromElsewhere.map((f) => f.code),
        ['BN301'],
      );
    });

    const INVALID: { name: string; toml: string; expect: RegExp }[] = [
      { name: 'bad TOML', toml: '[project]\nname = "x"\n\n[tool.normlint]\nselect = ["BN101"\nignore = []\n', expect: /pyproject\.toml:6: invalid TOML/ },
      {
        name: 'an unknown key',
        toml: '[tool.normlint]\nselect = ["BN1"]\n\nexlcude = ["x"]\n',
        expect: /pyproject\.toml:4: \[tool\.normlint\] exlcude: unknown key/,
      },
      {
        name: 'an unknown code',
        toml: '[tool.normlint]\nselect = ["BN1"]\nignore = [\n  "BN301",\n  "BN999",\n]\n',
        expect: /pyproject\.toml:3: \[tool\.normlint\] ignore: unknown rule code or prefix "BN999"/,
      },
      {
        name: 'a bad severity value',
        toml: '[tool.normlint]\nseverity = { BN101 = "loud" }\n',
        expect: /pyproject\.toml:2: \[tool\.normlint\] severity: "BN101" must be one of .*got "loud"/,
      },
      { name: 'a wrong type', toml: '[tool.normlint]\n\nselect = "BN101"\n', expect: /pyproject\.toml:3: \[tool\.normlint\] select: expected an array/ },
    ];
    for (const { name, toml, expect } of INVALID) {
      it(`exits 2 on ${name}, naming the file, key and line`, () => {
        const dir = temp.make();
        const config = write(dir, 'proj/pyproject.toml', toml);
        copyFixture(MODEL, dir, 'proj/model.py');
        const run = normlint(['proj'], { cwd: dir });
        assert.equal(run.status, 2, run.stdout);
        assert.equal(run.stdout, '', 'nothing is linted');
        assert.ok(run.stderr.includes(config), `the file is named: ${run.stderr}`);
        assert.match(run.stderr, expect);
      });
    }

    it('names the line of an invalid value in a [tool.normlint.severity] or per-file-ignores sub-table', () => {
      const dir = temp.make();
      copyFixture(MODEL, dir, 'model.py');
      write(dir, 'pyproject.toml', '[tool.normlint]\nselect = ["BN"]\n\n[tool.normlint.severity]\nBN301 = "error"\nBN101 = "loud"\n');
      const severity = normlint(['model.py'], { cwd: dir });
      assert.equal(severity.status, 2);
      assert.match(severity.stderr, /pyproject\.toml:6: \[tool\.normlint\] severity: "BN101"/);
      write(dir, 'pyproject.toml', '[tool.normlint]\nselect = ["BN"]\n\n[tool.normlint.per-file-ignores]\n"tests/**" = ["BN999"]\n');
      const perFile = normlint(['model.py'], { cwd: dir });
      assert.equal(perFile.status, 2);
      assert.match(perFile.stderr, /pyproject\.toml:5: \[tool\.normlint\] per-file-ignores: /);
    });

    it('--config FILE governs every file, with exclude relative to its folder', () => {
      const dir = temp.make();
      write(dir, 'normlint-ci.toml', '[tool.normlint]\nselect = ["BN301"]\nexclude = ["proj/skip/**"]\n');
      write(dir, 'proj/pyproject.toml', '[tool.normlint]\nselect = ["BN101"]\n');
      copyFixture(MODEL, dir, 'proj/a/model.py');
      copyFixture(MODEL, dir, 'proj/skip/model.py');
      const run = normlint(['--format', 'json', '--config', 'normlint-ci.toml', 'proj'], { cwd: dir });
      assert.equal(run.status, 1, run.stderr);
      assert.deepEqual(
        parseJsonOutput(run).findings.map((f) => `${f.file}:${f.code}`),
        [`${path.join('proj', 'a', 'model.py')}:BN301`],
      );
      const plainToml = write(dir, 'ci/empty.toml', '[project]\nname = "x"\n');
      const empty = normlint(['--format', 'json', '--config', plainToml, 'proj/a/model.py'], { cwd: dir });
      assert.deepEqual(
        [...new Set(only(parseJsonOutput(empty).findings, 'BN101', 'BN301').map((f) => f.code))].sort(),
        ['BN101', 'BN301'],
        'a --config without the table means defaults, not proj/pyproject.toml',
      );
      const missing = normlint(['--config', 'ci/nope.toml', 'proj'], { cwd: dir });
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /ci\/nope\.toml.*cannot read/);
    });

    it('applies per-file-ignores to stdin through --stdin-filename', () => {
      const dir = temp.make();
      write(dir, 'pyproject.toml', '[tool.normlint.per-file-ignores]\n"tests/**" = ["BN101", "BN301"]\n');
      const text = fs.readFileSync(MODEL, 'utf8');
      const ignored = normlint(['--select', 'BN101,BN301', '-', '--stdin-filename', 'tests/test_model.py'], { cwd: dir, input: text });
      assert.equal(ignored.status, 0, ignored.stdout);
      const linted = normlint(['--select', 'BN101,BN301', '-', '--stdin-filename', 'src/model.py'], { cwd: dir, input: text });
      assert.equal(linted.status, 1);
      assert.match(linted.stdout, /^src\/model\.py:\d+:\d+: BN101 /m);
    });
  });

  // ------------------------------------------------------------------ suppressions
  describe('suppression comments', () => {
    /** For each BN101/BN301 site in the fixture: its line, the variable it is assigned to, and the code. */
    function sites(text: string) {
      const out: { line: number; variable: string; code: string }[] = [];
      let variable = '';
      const lines = text.split('\n');
      const code = lines.indexOf('import torch.nn as nn'); // the docstring above mentions the same words
      assert.ok(code > 0);
      lines.forEach((l, i) => {
        if (i <= code) return;
        variable = /^(\w+) = /.exec(l)?.[1] ?? variable;
        if (l.includes('nn.Conv2d(')) out.push({ line: i + 1, variable, code: 'BN101' });
        if (l.includes('momentum=0.99')) out.push({ line: i + 1, variable, code: 'BN301' });
      });
      return out;
    }

    it('honours # noqa, # noqa: CODE, # normlint: disable=CODE, on the first or last line of a multi-line call', () => {
      const dir = temp.make();
      copyFixture(SUPPRESSIONS, dir, 'sup.py');
      const text = fs.readFileSync(SUPPRESSIONS, 'utf8');
      const all = sites(text);
      assert.ok(all.some((s) => s.variable.startsWith('quiet_')) && all.some((s) => s.variable.startsWith('flagged_')));
      const run = normlint(['--format', 'json', '--select', 'BN101,BN301', 'sup.py'], { cwd: dir });
      const found = parseJsonOutput(run).findings.map((f) => `${f.code}@${f.line}`);
      const expected = all.filter((s) => s.variable.startsWith('flagged_')).map((s) => `${s.code}@${s.line}`);
      assert.deepEqual(found, expected);

      // The same file with the comments' effect checked against an unsuppressed run.
      const stripped = text.replace(/ {2}#[^\n]*/g, ''); // every trailing comment (the "# noqa" string stays)
      assert.ok(stripped.includes('"# noqa"'));
      write(dir, 'bare.py', stripped);
      const bare = parseJsonOutput(normlint(['--format', 'json', '--select', 'BN101,BN301', 'bare.py'], { cwd: dir })).findings;
      assert.equal(bare.length, all.length, 'without the comments every site is reported');
    });

    it('honours an upper-case # NOQA', () => {
      const dir = temp.make();
      write(
        dir,
        'sup.py',
        'import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))  # NOQA: BN101\nk = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))  # NOQA\n',
      );
      const run = normlint(['--select', 'BN101', 'sup.py'], { cwd: dir });
      assert.equal(run.status, 0, run.stdout);
    });

    it("# normlint: disable-file=OTHER leaves the file's findings alone", () => {
      const dir = temp.make();
      write(dir, 'sup.py', `# normlint: disable-file=BN304\n${fs.readFileSync(SUPPRESSIONS, 'utf8')}`);
      const findings = parseJsonOutput(normlint(['--format', 'json', '--select', 'BN101', 'sup.py'], { cwd: dir })).findings;
      assert.ok(findings.length >= 5);
    });

    it('# normlint: disable-file=BN101 suppresses BN101 in the whole file, and only BN101', () => {
      const dir = temp.make();
      write(dir, 'sup.py', `# normlint: disable-file=BN101\n${fs.readFileSync(SUPPRESSIONS, 'utf8')}`);
      const findings = parseJsonOutput(normlint(['--format', 'json', '--select', 'BN101,BN301', 'sup.py'], { cwd: dir })).findings;
      assert.deepEqual([...new Set(findings.map((f) => f.code))], ['BN301']);
    });
  });

  // ------------------------------------------------------------------ worker threads
  describe('worker threads', () => {
    it('gives the same JSON with --jobs 1 and --jobs 2 on ~60 files', () => {
      const dir = temp.make();
      const model = fs.readFileSync(MODEL, 'utf8');
      const cnn = fs.readFileSync(path.join(EXAMPLES, 'pytorch_cnn.py'), 'utf8');
      const keras = fs.readFileSync(path.join(EXAMPLES, 'keras_model.py'), 'utf8');
      const clean = fs.readFileSync(CLEAN, 'utf8');
      for (let i = 0; i < 60; i++) {
        const source = [model, cnn, keras, clean][i % 4].replace(/\b16\b/g, String(8 + i)).replace(/\b32\b/g, String(8 + 2 * i));
        write(dir, `pkg${i % 3}/m${String(i).padStart(2, '0')}.py`, source);
      }
      copyFixture(NOTEBOOK, dir, 'pkg0/notebook.ipynb');
      const one = normlint(['--format', 'json', '--jobs', '1', '.'], { cwd: dir });
      const two = normlint(['--format', 'json', '--jobs', '2', '.'], { cwd: dir });
      assert.equal(one.status, 1, one.stderr);
      assert.equal(two.status, 1, two.stderr);
      assert.equal(two.stderr, one.stderr);
      assert.equal(two.stdout, one.stdout, 'identical output, in the same order');
      const findings = parseJsonOutput(one).findings;
      assert.equal(new Set(findings.map((f) => f.file)).size, 46, '45 files with findings + the notebook');
      assert.ok(findings.length >= 150, `only ${findings.length} findings`);
      const files = findings.map((f) => f.file);
      assert.deepEqual(files, [...files].sort(), 'files in walk order');
    });
  });
});
