/**
 * Every rule's fixtures: the findings match the `expect:` comments exactly (line and code, the
 * readable source of truth), what users see (message, range, fix titles) matches the `.snap` file
 * beside the fixture, and the fixes round-trip
 * (applied: the fixable findings are gone, the file still parses, a second application changes
 * nothing, and the result matches the reviewed `.fixed` snapshot).
 * Regenerate both kinds of snapshot after a deliberate change: UPDATE_SNAPSHOTS=1 npx mocha test/unit/rules.test.ts
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../../src/analyzer/analyzer';
import { fixUntilStable } from '../../src/analyzer/fixes';
import { allRules } from '../../src/analyzer/rules';
import { getAnalyzer } from '../../src/node/analyzer';
import {
  actualOf,
  expectationsIn,
  FIXTURES,
  findingsSnapshotPath,
  fixedSnapshotPath,
  fixtureFiles,
  format,
  renderFindings,
  SOURCE_EXTENSIONS,
} from '../support/fixtures';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

describe('rule fixtures', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await getAnalyzer();
  });

  for (const rule of allRules) {
    const code = rule.meta.code;
    describe(`${code} ${rule.meta.name}`, () => {
      const files = fixtureFiles(path.join(FIXTURES, 'rules', code), SOURCE_EXTENSIONS);
      it('has fixtures that flag and look-alikes that must not', () => {
        assert.ok(files.length > 0, `no fixtures in test/fixtures/rules/${code}`);
        const all = files.map((f) => fs.readFileSync(f, 'utf8'));
        assert.ok(
          all.some((t) => expectationsIn(t).some((e) => e.code === code)),
          'no fixture expects a finding',
        );
        const codeLines = all.reduce((n, t) => n + t.split('\n').filter((l) => /\w\(/.test(l) && !/expect:/.test(l)).length, 0);
        assert.ok(codeLines > 0, 'no look-alike lines without expectations');
      });
      for (const file of files) {
        const name = path.relative(FIXTURES, file);
        const analyzeOnly = (text: string) => analyzer.analyze(text, { fileName: file, rules: [rule] });
        it(`${name}: findings match the expect comments`, () => {
          const text = fs.readFileSync(file, 'utf8');
          const result = analyzeOnly(text);
          assert.deepEqual(result.ruleErrors, []);
          assert.deepEqual(format(actualOf(text, result.findings)), format(expectationsIn(text).filter((e) => e.code === code)));
        });
        it(`${name}: messages, ranges and fix titles match the .snap file`, () => {
          const text = fs.readFileSync(file, 'utf8');
          const rendered = renderFindings(text, analyzeOnly(text).findings);
          const snapshot = findingsSnapshotPath(file);
          if (UPDATE) fs.writeFileSync(snapshot, rendered);
          assert.ok(
            fs.existsSync(snapshot),
            `missing snapshot ${path.relative(FIXTURES, snapshot)} (run UPDATE_SNAPSHOTS=1 npx mocha test/unit/rules.test.ts and review it)`,
          );
          assert.equal(rendered, fs.readFileSync(snapshot, 'utf8'));
        });
        it(`${name}: fixes round-trip`, function () {
          const text = fs.readFileSync(file, 'utf8');
          const before = analyzeOnly(text);
          if (!before.findings.some((f) => f.fixes.length > 0)) {
            assert.ok(!fs.existsSync(fixedSnapshotPath(file)), 'snapshot exists but nothing is fixable');
            this.skip();
          }
          const fixed = fixUntilStable(text, analyzeOnly, true);
          assert.deepEqual(fixed.refused, [], 'the fix engine refused fixes');
          const after = analyzeOnly(fixed.text);
          assert.deepEqual(
            after.findings.filter((f) => f.fixes.length > 0).map((f) => f.message),
            [],
            'fixable findings remain after fixing',
          );
          assert.ok(after.problems.length <= before.problems.length, `fix introduced syntax errors: ${JSON.stringify(after.problems)}`);
          assert.equal(fixUntilStable(fixed.text, analyzeOnly, true).text, fixed.text, 'second application changed the text');
          const snapshot = fixedSnapshotPath(file);
          if (UPDATE) fs.writeFileSync(snapshot, fixed.text);
          assert.ok(fs.existsSync(snapshot), `missing snapshot ${path.relative(FIXTURES, snapshot)} (run with UPDATE_SNAPSHOTS=1 and review it)`);
          assert.equal(fixed.text, fs.readFileSync(snapshot, 'utf8'));
        });
      }
    });
  }
});
