/** Mocha's browser build, set up before any test file registers its suites (imported first by index.ts). */
import 'mocha/mocha.js';

/** `--grep` of test/vscode/run-all.mjs, compiled in (a worker has no environment to read MOCHA_GREP from). */
declare const NORMLINT_MOCHA_GREP: string;

// Without a grep, the edit-latency measurement (13 s) is left to the Node host: the same code path, and
// the whole suite has a time budget.
const filter = NORMLINT_MOCHA_GREP ? { grep: NORMLINT_MOCHA_GREP } : { grep: /^diagnostics latency from an edit/, invert: true };
mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30000, ...filter });
