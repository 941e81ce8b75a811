// Bundles the CLI, its worker, the programmatic API, the language server, the extension and the webview with esbuild,
// and copies the tree-sitter WebAssembly files next to the bundles that load them.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');
// Under `npm pack` stdout must be the tarball's name alone (pre-commit's `language: node` reads it), so say nothing.
const say = process.env.npm_command === 'pack' ? () => {} : console.log;
fs.mkdirSync(dist, { recursive: true });

// typescript-estree brings the whole TypeScript compiler: it gets a bundle of its own, loaded on
// the first TS/JS file, so Python-only runs (and every CLI worker) do not pay for it.
const ESTREE = '@typescript-eslint/typescript-estree';

const node = {
  bundle: true,
  external: [ESTREE],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['src/cli/worker.ts'], outfile: 'dist/worker.js' },
  { entryPoints: ['src/node/api.ts'], outfile: 'dist/api.js' },
];
if (fs.existsSync(path.join(root, 'src/server/server.ts'))) {
  // `normlint server` (the language server), dispatched by bin/normlint.js.
  entries.push({ entryPoints: ['src/server/server.ts'], outfile: 'dist/server.js' });
}
if (fs.existsSync(path.join(root, 'src/extension/extension.ts'))) {
  // Minified (names kept for readable stack traces in the output channel): a smaller .vsix, a faster load.
  entries.push({ entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', ESTREE], minify: true, keepNames: true });
}
entries.push({ entryPoints: ['src/analyzer/typescript/estree-entry.ts'], outfile: 'dist/typescript-estree.js', external: [], minify: true, sourcemap: false });
const builds = entries.map((e) => ({ ...node, ...e }));
if (fs.existsSync(path.join(root, 'src/webview/main.ts'))) {
  builds.push({
    bundle: true,
    platform: 'browser',
    target: 'es2020',
    format: 'iife',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
  });
}

const wasmDir = path.join(root, 'node_modules/@vscode/tree-sitter-wasm/wasm');
for (const file of ['tree-sitter.wasm', 'tree-sitter-python.wasm']) fs.copyFileSync(path.join(wasmDir, file), path.join(dist, file));

const started = Date.now();
await Promise.all(builds.map((options) => build(options)));
if (!watch) say(`built ${builds.length} bundles into dist/ in ${Date.now() - started} ms`);

// The rule pages the extension ships and links to (docs/rules/*.md), from the rules' metadata.
const { generateDocs } = await import('./generate-docs.mjs');
const docs = await generateDocs();
if (docs.stale.length > 0) say(`regenerated ${docs.stale.join(', ')}`);
