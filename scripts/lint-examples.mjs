// `npm run examples`: lints the bundled examples/ with the built CLI and checks that it finds
// exactly the mistakes planted there, as pinned by the `# expect: CODE` (`// expect: CODE` in
// TS/JS) comments beside their lines, the same convention as the rule fixtures. Exit 0 when the
// findings match, 1 when a planted finding disappeared or an unplanned one appeared, 2 when the
// CLI itself failed (usage, config, internal error). Extra arguments go to the displayed run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin/normlint.js');

const shown = spawnSync(process.execPath, [cli, 'examples', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (shown.status !== 0 && shown.status !== 1) process.exit(shown.status ?? 2);

const json = spawnSync(process.execPath, [cli, 'examples', '--format', 'json'], { cwd: root, encoding: 'utf8' });
if (json.status !== 0 && json.status !== 1) {
  process.stderr.write(json.stderr);
  process.exit(json.status ?? 2);
}
const actual = JSON.parse(json.stdout).findings.map((f) => `${f.file.split(path.sep).join('/')}:${f.line} ${f.code}`);

const EXPECT = /(?:#|\/\/)\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)/;
const expected = [];
for (const name of fs.readdirSync(path.join(root, 'examples')).sort()) {
  const text = fs.readFileSync(path.join(root, 'examples', name), 'utf8');
  text.split(/\r?\n/).forEach((line, i) => {
    const m = EXPECT.exec(line);
    if (m) for (const code of m[1].split(',')) expected.push(`examples/${name}:${i + 1} ${code.trim()}`);
  });
}

const missing = expected.filter((e) => !actual.includes(e));
const unexpected = actual.filter((a) => !expected.includes(a));
if (missing.length || unexpected.length) {
  console.error(`\nexamples/ no longer shows the planted mistakes as pinned by its expect: comments.`);
  for (const m of missing) console.error(`  missing:    ${m}`);
  for (const u of unexpected) console.error(`  unexpected: ${u}`);
  process.exit(1);
}
console.log(`\nnormlint found exactly the ${expected.length} mistakes planted in examples/ (the expect: comments).`);
