/** The extension-host test entry (dist/test/vscode/index.js): runs every *.test.js beside it with mocha. */
import * as path from 'node:path';

export function run(): Promise<void> {
  const root = process.env.VSCODE_HARNESS_REPO_ROOT ?? path.resolve(__dirname, '../../..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runner = require(path.join(root, 'test/vscode/harness/mocha-runner.cjs')) as { runMocha(o: object): Promise<void> };
  return runner.runMocha({ dir: __dirname, ui: 'tdd', timeout: 30000 });
}
