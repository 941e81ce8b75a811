'use strict';
// Runs mocha inside the VS Code extension host. For an `extensionTestsPath` entry, e.g.
//
//   // test/vscode/suite/index.ts (compiled to CommonJS)
//   import * as path from 'node:path';
//   export function run(): Promise<void> {
//     const root = process.env.VSCODE_HARNESS_REPO_ROOT ?? path.resolve(__dirname, '<up to the repo>');
//     return require(path.join(root, 'test/vscode/harness/mocha-runner.cjs'))
//       .runMocha({ dir: __dirname, ui: 'tdd' });
//   }
//
// VS Code calls run() and takes a resolved promise as success, a rejected one as failure.
// Mocha is loaded from the repo's node_modules (a devDependency), not from the extension.
// Works the same under @vscode/test-electron. Environment knobs (the extension host inherits
// the environment of run.mjs): MOCHA_GREP (only tests whose title matches), MOCHA_TIMEOUT (ms).
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const REPO_ROOT = path.resolve(__dirname, '../../..');

function loadMocha() {
  const req = createRequire(path.join(REPO_ROOT, 'package.json'));
  const mod = req('mocha'); // mocha >= 11 is ESM with a CJS build; Node 20.19+ can require either
  return mod.default || mod;
}

function findTests(dir, pattern) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...findTests(p, pattern));
    } else if (pattern.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/**
 * @param {object} o
 * @param {string[]} [o.files]  test files (absolute paths)
 * @param {string} [o.dir]      or: a folder searched recursively for files matching o.pattern
 * @param {RegExp} [o.pattern]  default /\.test\.c?js$/
 * @param {'bdd'|'tdd'} [o.ui]  default 'bdd'
 * @param {number} [o.timeout]  per-test timeout in ms (default 30000, or $MOCHA_TIMEOUT)
 * @param {string} [o.reporter] default 'spec'
 * @returns {Promise<void>} rejects when any test failed
 */
function runMocha(o = {}) {
  const Mocha = loadMocha();
  const files = o.files || (o.dir ? findTests(o.dir, o.pattern || /\.test\.c?js$/) : []);
  if (!files.length) return Promise.reject(new Error(`no test files found (${o.dir || 'no files given'})`));
  const mocha = new Mocha({
    ui: o.ui || 'bdd',
    color: false, // the output is read as plain text (CI logs)
    reporter: o.reporter || 'spec',
    timeout: Number(process.env.MOCHA_TIMEOUT) || o.timeout || 30000,
    grep: process.env.MOCHA_GREP || o.grep,
  });
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats || {};
        const passed = s.passes ?? mocha.suite.total() - failures;
        // plain closing line understood by CI ("N passed, N failed")
        console.log(`${passed} passed, ${failures} failed${s.pending ? `, ${s.pending} skipped` : ''}`);
        const fail = (msg) => {
          const e = new Error(msg);
          e.stack = msg;
          reject(e);
        }; // mocha already reported
        if (failures) fail(`${failures} test(s) failed`);
        else if (!passed) fail('no test ran');
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}

module.exports = { runMocha, loadMocha, REPO_ROOT };
