/**
 * The fix round trip over every rule fixture and every example, with all rules on (as `--fix`
 * runs them): safe fixes, then unsafe ones; the result parses, every fixed finding is gone, no
 * new finding appears, a second application changes nothing, and no statement a fix inserts reads
 * a name that may be unbound where it runs (Python). `npm run fix-check -- PATHS`
 * runs the same check over any tree.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Parser } from '@vscode/tree-sitter-wasm';
import type { Analyzer } from '../../../src/analyzer/analyzer';
import { checkFixRoundTrip } from '../../../src/analyzer/fixes';
import { unboundInsertedReads } from '../../../src/analyzer/python/bindings';
import { loadPythonParser } from '../../../src/analyzer/python/parser';
import { compiledWasm, getAnalyzer } from '../../../src/node/analyzer';
import { FIXTURES, fixtureFiles, SOURCE_EXTENSIONS } from '../../support/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const files = [...fixtureFiles(path.join(FIXTURES, 'rules'), SOURCE_EXTENSIONS), ...fixtureFiles(path.join(ROOT, 'examples'), SOURCE_EXTENSIONS)];

describe('fix round trip (all rules, every fixture and example)', () => {
  let analyzer: Analyzer;
  let parser: Parser;
  before(async () => {
    analyzer = await getAnalyzer();
    parser = await loadPythonParser(compiledWasm);
  });

  it('covers the fixtures and the examples', () => {
    assert.ok(files.some((f) => f.includes(`${path.sep}examples${path.sep}`)));
    assert.ok(files.filter((f) => f.startsWith(FIXTURES)).length >= 40);
  });

  for (const file of files) {
    it(path.relative(ROOT, file), () => {
      const text = fs.readFileSync(file, 'utf8');
      const report = checkFixRoundTrip(text, (t) => analyzer.analyze(t, { fileName: file }));
      const describe = (list: readonly { code: string; message: string }[]) => list.map((f) => `${f.code}: ${f.message}`);
      assert.deepEqual(report.refused, [], 'the engine refused fixes');
      assert.equal(report.breaksParse, false, 'the fixed file has new syntax errors');
      assert.deepEqual(describe(report.remaining), [], 'fixable findings remain after fixing');
      assert.deepEqual(describe(report.introduced), [], 'fixing introduced new findings');
      assert.equal(report.secondPassChanges, false, 'a second application changed the text');
      if (file.endsWith('.py')) {
        const unbound = unboundInsertedReads(parser, text, report.fixed).map((r) => `line ${r.line}: ${r.name}`);
        assert.deepEqual(unbound, [], 'an inserted statement reads a name that may be unbound there');
      }
    });
  }
});
