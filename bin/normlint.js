#!/usr/bin/env node
'use strict';
// The CLI and the language server are bundled into dist/ by `npm run build` (run automatically by `npm install`).
// `normlint server` starts the language server (LSP over stdio; a `--stdio` flag, as clients pass it, is accepted).
if (process.argv[2] === 'server') require('../dist/server.js').startServer();
else require('../dist/cli.js').runCli();
