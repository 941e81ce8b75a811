#!/usr/bin/env node
// The headless Neovim test of `npm test`: Debian's neovim (installed when missing) runs its built-in
// LSP client against the built `bin/normlint.js server` (lsp-test.lua), then the results are checked:
// diagnostics with codes on a fixture, a code action applied by Neovim that changes the file, and the
// timings (server start → first diagnostics on a 2,000-line file; edit → updated diagnostics).
// Ends with one "N passed, N failed" line.
//   node test/lsp/neovim/run.mjs [--edits 20]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const { values: args } = parseArgs({ options: { edits: { type: 'string', default: '20' } } });

const install = spawnSync('bash', [path.join(here, '..', 'install-debian-packages.sh'), 'neovim'], { stdio: 'inherit' });
if (install.status !== 0) {
  console.log('neovim could not be installed\n0 passed, 1 failed');
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist', 'server.js')))
  spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

/** A 2,000-line PyTorch file: blocks like real model code, a BN101 and a BN301 in every fourth. */
function bigFile(lines = 2000) {
  const out = ['"""A long model file for timing the language server."""', 'import torch', 'import torch.nn as nn', ''];
  for (let i = 0; out.length < lines - 20; i++) {
    const planted = i % 4 === 0;
    out.push(
      '',
      `class Block${i}(nn.Module):`,
      `    """Block ${i}: convolution, batch norm, activation."""`,
      '',
      '    def __init__(self, channels: int = 16):',
      '        super().__init__()',
      `        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1${planted ? '' : ', bias=False'})`,
      `        self.bn = nn.BatchNorm2d(channels, momentum=${planted ? '0.99' : '0.1'})`,
      '        self.act = nn.ReLU(inplace=True)',
      '        self.drop = nn.Dropout(0.1)',
      '',
      '    def forward(self, x: torch.Tensor) -> torch.Tensor:',
      '        y = self.conv(x)',
      '        y = self.bn(y)',
      '        y = self.act(y)',
      '        return self.drop(y) + x',
      '',
    );
  }
  while (out.length < lines) out.push('');
  return `${out.join('\n')}\n`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-nvim-'));
const fixture = path.join(dir, 'model.py');
const big = path.join(dir, 'big_model.py');
fs.copyFileSync(path.join(root, 'test', 'fixtures', 'cli', 'model.py'), fixture);
fs.writeFileSync(big, bigFile());
const resultsFile = path.join(dir, 'results.json');
const env = {
  ...process.env,
  NORMLINT_CMD: JSON.stringify([process.execPath, path.join(root, 'bin', 'normlint.js'), 'server', '--stdio']),
  NORMLINT_FIXTURE: fixture,
  NORMLINT_BIG: big,
  NORMLINT_EDITS: args.edits,
  NORMLINT_RESULTS: resultsFile,
  XDG_STATE_HOME: path.join(dir, 'state'),
  XDG_CACHE_HOME: path.join(dir, 'cache'),
  XDG_DATA_HOME: path.join(dir, 'data'),
};
const started = Date.now();
const nvim = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(here, 'lsp-test.lua')], { cwd: dir, env, encoding: 'utf8', timeout: 180000 });
const results = fs.existsSync(resultsFile)
  ? JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
  : { error: `nvim exited ${nvim.status ?? nvim.signal} without results\n${nvim.stdout}\n${nvim.stderr}` };
console.log(
  `neovim ${spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]} ran in ${((Date.now() - started) / 1000).toFixed(1)} s; steps: ${(results.steps ?? []).join(', ')}`,
);

let passed = 0;
let failed = 0;
function check(name, condition, detail) {
  if (condition) passed++;
  else failed++;
  console.log(`  ${condition ? '✔' : '✘'} ${name}${condition ? '' : `: ${detail}`}`);
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
check('neovim ran the whole script', !results.error, results.error);
check('diagnostics appear with their codes', JSON.stringify(results.codes) === '["BN101","BN301"]', JSON.stringify(results.codes));
const [momentumMenu = [], biasMenu = []] = results.menus ?? [];
check(
  'the code action menu marks the unsafe fix',
  momentumMenu.includes('Change momentum to 0.01 (1 − 0.99) (unsafe)') && momentumMenu.includes('Disable BN301 for this line'),
  JSON.stringify(momentumMenu),
);
check(
  'the menu on the BN101 line: its safe fix, disable, fix all',
  JSON.stringify(biasMenu) === JSON.stringify(['Set bias=False', 'Disable BN101 for this line', 'Fix all safe NormLint problems']),
  JSON.stringify(biasMenu),
);
check('the picked code action changed the buffer', /padding=1, bias=False\)$/.test(results.line_after ?? ''), results.line_after);
check('the fixed finding disappears', JSON.stringify(results.codes_after_fix) === '["BN301"]', JSON.stringify(results.codes_after_fix));
check('the file on disk has the fix after :write', fs.readFileSync(fixture, 'utf8').includes('padding=1, bias=False)'), 'not saved');
check('every timed edit updated the diagnostics', (results.edit_ms ?? []).length === Number(args.edits), `${(results.edit_ms ?? []).length} of ${args.edits}`);
if (results.start_to_first_diagnostics_ms !== undefined) {
  console.log(
    `  measured: server start → first diagnostics on a 2,000-line file (${results.big_count} diagnostics): ${results.start_to_first_diagnostics_ms.toFixed(0)} ms`,
  );
}
if (results.edit_ms?.length) {
  const sorted = [...results.edit_ms].sort((a, b) => a - b);
  console.log(
    `  measured: edit → updated diagnostics, ${sorted.length} edits: median ${median(sorted).toFixed(0)} ms, min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)} ms`,
  );
}
// The analysis alone on the same file and edits (in this process), to tell server overhead from analysis time.
const { analyze } = await import(path.join(root, 'dist', 'api.js'));
const bigText = fs.readFileSync(big, 'utf8');
await analyze(bigText, { fileName: big });
const analysisMs = [];
for (let i = 0; i < Number(args.edits); i++) {
  const t0 = performance.now();
  await analyze(i % 2 === 0 ? bigText.replace('momentum=0.99', 'momentum=0.01') : bigText, { fileName: big });
  analysisMs.push(performance.now() - t0);
}
console.log(
  `  measured: analysis alone of the same file: median ${median(analysisMs).toFixed(0)} ms (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
);
const lspLog = path.join(dir, 'cache', 'nvim', 'lsp.log');
if (failed > 0 && fs.existsSync(lspLog)) console.log(`Neovim's LSP log (last lines):\n${fs.readFileSync(lspLog, 'utf8').split('\n').slice(-30).join('\n')}`);
fs.rmSync(dir, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
