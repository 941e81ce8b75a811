/** Mocha's browser build, set up before any test file registers its suites (imported first by index.ts). */
import 'mocha/mocha.js';

// The edit-latency measurement (13 s) runs in the Node host only: the same code path, and the suite's time budget.
mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30000, grep: /^diagnostics latency from an edit/, invert: true });
