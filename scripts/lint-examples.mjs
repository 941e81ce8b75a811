// Lints the bundled examples/ with the built CLI. The examples contain bugs on purpose, so exit
// code 1 (findings) is the expected outcome here; only 2 (usage, config, internal error) fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, [path.join(root, 'bin/normlint.js'), 'examples', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (result.status === 1) console.log('\nnormlint found the mistakes planted in examples/ (exit code 1 means findings).');
process.exit(result.status === 0 || result.status === 1 ? 0 : result.status ?? 2);
