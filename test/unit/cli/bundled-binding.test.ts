/**
 * The bundles carry an edited tree-sitter binding (scripts/build.mjs, `treeSitterBinding`: its
 * 32-bit transfers go straight to the WebAssembly heap). The unit tests load the package as
 * published; this test holds the bundled CLI to the same results on every rule fixture.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { getAnalyzer } from '../../../src/node/api';
import { buildOnce, normlint, parseJsonOutput, ROOT } from './helpers';

const RULE_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? pythonFiles(full) : entry.name.endsWith('.py') ? [full] : [];
  });
}

describe('the bundled tree-sitter binding', function () {
  this.timeout(120_000);
  before(() => buildOnce());

  it('gives the bundled CLI the findings the source analyzer gives, on every rule fixture', async () => {
    const files = pythonFiles(RULE_FIXTURES).sort();
    assert.ok(files.length > 200, `expected the rule fixtures, found ${files.length} files`);
    const run = normlint(['--format', 'json', '--no-project', ...files.map((f) => path.relative(ROOT, f))], { cwd: ROOT });
    const bundled = parseJsonOutput(run).findings.map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.code} ${f.message}`);

    const analyzer = await getAnalyzer();
    const source = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const at = (offset: number) => {
        const before = text.slice(0, offset).split('\n');
        return `${before.length}:${before[before.length - 1].length + 1}`;
      };
      return analyzer
        .analyze(text, { fileName: file })
        .findings.map((f) => `${path.relative(ROOT, file)}:${at(f.range.start)}-${at(f.range.end)} ${f.code} ${f.message}`);
    });
    assert.ok(source.length > 300, `expected the fixtures' findings, found ${source.length}`);
    assert.deepEqual([...bundled].sort(), [...source].sort());
  });
});
