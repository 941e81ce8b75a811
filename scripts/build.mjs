// Bundles the CLI, its worker, the programmatic API, the language server, the extension (for Node and for the
// browser's web worker) and the webview with esbuild, and copies the tree-sitter WebAssembly files next to the
// bundles that load them.
import { build } from 'esbuild';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
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
  plugins: [treeSitterBinding()],
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
  entries.push({ entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode', ESTREE], minify: true, keepNames: true });
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

// The web extension (package.json `browser`: vscode.dev, github.dev). VS Code's web worker host evaluates
// CommonJS and offers no Node API. Node built-ins that only Node code paths name become empty modules:
// tree-sitter's loader (its Node branch; `ENVIRONMENT_IS_NODE` is false in a worker), and, in
// typescript-estree's own bundle, the TypeScript compiler's file-system and program APIs, which parsing one
// text never calls (`path` is path-browserify there, `process` a minimal object that says "browser").
// Any other built-in reaching the extension bundle fails the build.
const TREE_SITTER_JS = /[\\/]@vscode[\\/]tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/;
if (fs.existsSync(path.join(root, 'src/extension/web/main.ts'))) {
  const browser = { bundle: true, platform: 'browser', target: 'es2022', format: 'cjs', logLevel: 'warning', absWorkingDir: root, minify: true };
  builds.push({
    ...browser,
    entryPoints: ['src/extension/web/main.ts'],
    outfile: 'dist/web/extension.js',
    external: ['vscode', ESTREE],
    keepNames: true,
    sourcemap: true,
    plugins: [nodeBuiltinsForBrowser(TREE_SITTER_JS), treeSitterBinding({ inWorker: true })],
  });
  builds.push({
    ...browser,
    entryPoints: ['src/analyzer/typescript/estree-entry.ts'],
    outfile: 'dist/web/typescript-estree.js',
    plugins: [nodeBuiltinsForBrowser(/./)],
    inject: ['scripts/browser-process.mjs'],
  });
}

/** Node built-ins imported by files matching `from`: `path` → path-browserify, the rest empty modules. */
function nodeBuiltinsForBrowser(from) {
  const builtins = new Set(builtinModules);
  const pathBrowserify = createRequire(import.meta.url).resolve('path-browserify');
  return {
    name: 'node-builtins-for-browser',
    setup(b) {
      b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (!builtins.has(name) || !from.test(args.importer)) return undefined;
        return name === 'path' ? { path: pathBrowserify } : { path: name, namespace: 'empty-builtin' };
      });
      b.onLoad({ filter: /.*/, namespace: 'empty-builtin' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    },
  };
}

/**
 * Two edits to tree-sitter's JS binding (`tree-sitter.js`), made as it is bundled. Each fails the
 * build loudly if a new version of the binding no longer reads as expected.
 *
 * - Direct heap access (every bundle). The binding moves each node, cursor and count through a
 *   transfer buffer with Emscripten's generic `getValue`/`setValue`, which switch on a type string
 *   for every 4-byte field. The 32-bit ones go straight to the heap's DataView instead: the same
 *   little-endian access those helpers end in, at the same aligned address. On torch + torchvision
 *   this saves about a sixth of the analysis time (docs/performance.md). `Module.HEAP_DATA_VIEW` is
 *   replaced whenever the memory grows, so it is read at each access, never kept.
 * - No script URL (`inWorker`, the web build). The loader asks for its own script URL when it loads,
 *   from `__filename` or `document.currentScript`, and throws "Unable to determine script URL" in a
 *   worker, which has neither. NormLint hands it the compiled WebAssembly
 *   (src/analyzer/python/parser.ts), so it never needs the URL: the web build tells it there is none.
 */
function treeSitterBinding({ inWorker = false } = {}) {
  const EAGER = 'var _scriptName = getCurrentScriptUrl();';
  return {
    name: 'tree-sitter-binding',
    setup(b) {
      b.onLoad({ filter: TREE_SITTER_JS }, async (args) => {
        let text = await fs.promises.readFile(args.path, 'utf8');
        const fail = (what) => {
          throw new Error(`${args.path}: ${what}; update treeSitterBinding() in scripts/build.mjs`);
        };
        const before = text;
        text = rewriteCalls(text, 'C.setValue', (a) => (a[2] === '"i32"' ? `C.HEAP_DATA_VIEW.setInt32((${a[0]}) >> 2 << 2, ${a[1]}, true)` : undefined));
        text = rewriteCalls(text, 'C.getValue', (a) => (a[1] === '"i32"' ? `C.HEAP_DATA_VIEW.getInt32((${a[0]}) >> 2 << 2, true)` : undefined));
        const direct = text.split('C.HEAP_DATA_VIEW.').length - 1;
        if (direct < 40 || text.includes('C.setValue(') || !before.includes('Module["HEAP_DATA_VIEW"] = HEAP_DATA_VIEW = new DataView('))
          fail(`expected its 32-bit C.getValue/C.setValue calls and Module.HEAP_DATA_VIEW (rewrote ${direct})`);
        if (inWorker) {
          if (!text.includes(EAGER)) fail(`"${EAGER}" not found`);
          text = text.replace(EAGER, 'var _scriptName = undefined;');
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
}

/**
 * Replaces each call `name(...)` in `text` by what `rewrite` makes of its arguments (as source
 * text, split at top-level commas); calls it returns undefined for stay as they are.
 */
function rewriteCalls(text, name, rewrite) {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(`${name}(`); at >= 0; at = text.indexOf(`${name}(`, from)) {
    const args = [];
    let depth = 1;
    let start = at + name.length + 1;
    let i = start;
    for (; depth > 0; i++) {
      const ch = text[i];
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') depth--;
      if ((ch === ',' && depth === 1) || depth === 0) {
        args.push(text.slice(start, i).trim());
        start = i + 1;
      }
    }
    const replacement = rewrite(args);
    out += text.slice(from, at) + (replacement ?? text.slice(at, i));
    from = i;
  }
  return out + text.slice(from);
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
