/**
 * The TS/JS rule fixtures' fix round trips, beyond what rules.test.ts checks with the analyzer:
 * every reviewed `.fixed` snapshot parses with typescript-estree itself (no recovery), and the
 * fixes of every rule applied together leave no fixable finding and no duplicated key.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixUntilStable } from '../../../src/analyzer/fixes';
import { estreeParse } from '../../../src/analyzer/typescript/parser';
import { getAnalyzer } from '../../../src/node/analyzer';
import { FIXTURES, fixedSnapshotPath } from '../../support/fixtures';

const TS_JS = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const files = fs
  .readdirSync(path.join(FIXTURES, 'rules'), { recursive: true, encoding: 'utf8' })
  .filter((f) => TS_JS.test(f))
  .sort()
  .map((f) => path.join(FIXTURES, 'rules', f));

const strictParse = (text: string, file: string) =>
  estreeParse()(text, { range: true, loc: true, comment: true, jsx: /\.(tsx|jsx)$/.test(file), errorOnUnknownASTType: false, tokens: false });

describe('TypeScript front end: TS/JS fixtures', () => {
  it('exist in TypeScript, ES-module JavaScript and CommonJS for the TF.js rules', () => {
    const names = files.map((f) => path.relative(path.join(FIXTURES, 'rules'), f));
    for (const code of ['BN101', 'BN301', 'BN302', 'BN303', 'BN304', 'BN401', 'BN402'])
      assert.ok(
        names.some((n) => n.startsWith(`${code}/`) && n.endsWith('.ts')),
        `${code} has no .ts fixture`,
      );
    for (const ext of ['.cjs', '.mjs', '.js', '.tsx'])
      assert.ok(
        names.some((n) => n.endsWith(ext)),
        `no ${ext} fixture`,
      );
  });

  for (const file of files) {
    const name = path.relative(FIXTURES, file);
    it(`${name} parses with typescript-estree`, () => strictParse(fs.readFileSync(file, 'utf8'), file));
    if (file.includes('.fixed.')) continue;
    it(`${name}: all rules' fixes together leave a file that parses, with no fixable finding left`, async () => {
      const analyzer = await getAnalyzer();
      const text = fs.readFileSync(file, 'utf8');
      const analyzeAll = (t: string) => analyzer.analyze(t, { fileName: file });
      const fixed = fixUntilStable(text, (t) => analyzeAll(t).findings, true).text;
      strictParse(fixed, file);
      const after = analyzeAll(fixed);
      assert.deepEqual(after.problems, []);
      assert.deepEqual(
        after.findings.filter((f) => f.fixes.some((x) => x.edits.length > 0)).map((f) => f.message),
        [],
      );
      // No object literal ends up with the same key twice (a rename and an insertion of one key).
      assert.doesNotMatch(fixed, /useBias: false,[^\n}]*useBias/);
      if (fs.existsSync(fixedSnapshotPath(file))) strictParse(fs.readFileSync(fixedSnapshotPath(file), 'utf8'), file);
    });
  }
});
