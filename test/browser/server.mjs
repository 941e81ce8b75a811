// Serves the calculator page the way the webview panel builds it (calculatorHtml from
// src/extension/calculator/html.ts), plus dist/webview.js, media/ and the test themes, on
// 127.0.0.1 with an OS-chosen port. Only files under dist/, media/ and test/browser/themes/ are served.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.map': 'application/json', '.png': 'image/png' };
const SERVED = [
  ['/dist/', 'dist'],
  ['/media/', 'media'],
  ['/themes/', 'test/browser/themes'],
];
// The body classes VS Code sets per theme kind (Light High Contrast gets both high-contrast classes).
export const THEMES = {
  dark: 'vscode-dark',
  light: 'vscode-light',
  'high-contrast': 'vscode-high-contrast',
  'high-contrast-light': 'vscode-high-contrast vscode-high-contrast-light',
};

/**
 * Starts the server. `page(options)` settings for the next page load: { theme, initialState }.
 * Each load gets a fresh nonce, as in the extension.
 */
export async function startServer() {
  const { calculatorHtml } = await tsImport('../../src/extension/calculator/html.ts', import.meta.url);
  let next = { theme: 'dark', initialState: undefined };
  const nonces = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const origin = `http://${req.headers.host}`;
      const nonce = crypto.randomBytes(18).toString('base64');
      nonces.push(nonce);
      const theme = THEMES[url.searchParams.get('theme') ?? next.theme] ? (url.searchParams.get('theme') ?? next.theme) : 'dark';
      let html = calculatorHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/dist/webview.js`,
        styleUri: `${origin}/media/calculator/calculator.css`,
        initialState: next.initialState,
      });
      // What VS Code adds to a webview: its default styles, the theme's variables and the body's theme class.
      html = html
        .replace(
          '<link rel="stylesheet"',
          `<link rel="stylesheet" href="${origin}/themes/vscode-defaults.css">\n  <link rel="stylesheet" href="${origin}/themes/${theme}.css">\n  <link rel="stylesheet"`,
        )
        .replace('<body>', `<body class="${THEMES[theme]}">`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const served = SERVED.find(([prefix]) => url.pathname.startsWith(prefix));
    const file = served && path.resolve(ROOT, served[1], decodeURIComponent(url.pathname.slice(served[0].length)));
    if (!file || !file.startsWith(path.join(ROOT, served[1]) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    origin: `http://127.0.0.1:${port}`,
    nonces,
    page(options = {}) {
      next = { theme: 'dark', initialState: undefined, ...options };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

// `node test/browser/server.mjs`: serve for a look by hand until Ctrl+C.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startServer();
  console.log(`calculator page at ${s.url} (themes: ?theme=dark|light|high-contrast)`);
}
