/** Mocha's browser build, set up before any test file registers its suites (imported first by index.ts). */
import 'mocha/mocha.js';

mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30000 });
