/**
 * The extension-host suite in VS Code's web worker extension host, bundled by test/vscode/run-all.mjs
 * into the test copy of the extension (test/index.js there), so that VS Code runs it in the host that
 * runs the extension. A worker has no file system to search: the test files are imported here.
 * The suites shared with the Node host use no Node API (node:assert is the `assert` package here).
 * calculator.test.ts passes here too, but runs in the Node host only: its webview code is the same
 * in both hosts, and the whole suite has a time budget.
 */
import './setup';
import './host.test';
import '../suite/diagnostics.test';
import '../suite/codeActions.test';
import '../suite/settings.test';
import '../suite/workspaceLint.test';
import '../suite/typescript.test';
import '../suite/hover.test';
import '../suite/notebook.test';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      // The plain closing line test/vscode/run-all.mjs and CI read ("N passed, N failed"), as in the Node host.
      console.log(`${passed} passed, ${failures} failed${runner.stats?.pending ? `, ${runner.stats.pending} skipped` : ''}`);
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else if (!passed) reject(new Error('no test ran'));
      else resolve();
    });
  });
}
