/**
 * `--fix` never overwrites an edit made while it ran: lintFile in-process, with a hook that edits
 * the file between reading it and writing the fixes (a spawned CLI could not hit that moment reliably).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../../../src/analyzer/analyzer';
import { getAnalyzer } from '../../../src/node/analyzer';
import { lintFile, type LintTask } from '../../../src/node/lint-file';
import { TempDirs, write } from './helpers';

const SOURCE = 'import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n';
const FIXED = SOURCE.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=False)');
const NOTEBOOK = JSON.stringify(
  { cells: [{ cell_type: 'code', metadata: {}, source: SOURCE.split(/(?<=\n)/) }], metadata: {}, nbformat: 4, nbformat_minor: 5 },
  null,
  1,
);

describe('--fix and concurrent edits (lintFile in-process)', () => {
  const temp = new TempDirs();
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await getAnalyzer();
  });
  afterEach(() => temp.cleanup());

  const task = (file: string): LintTask => ({
    file,
    displayPath: path.basename(file),
    config: { config: {}, root: path.dirname(file) },
    fix: 'safe',
    dryRun: false,
  });

  it('writes the fixes when nothing changed meanwhile (the hook runs)', () => {
    const file = write(temp.make(), 'model.py', SOURCE);
    let called = 0;
    const report = lintFile(analyzer, task(file), { beforeWrite: () => called++ });
    assert.equal(called, 1);
    assert.equal(report.notWritten, undefined);
    assert.equal(report.fixesApplied, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
  });

  it('an append made while fixing is kept: fixes skipped with a warning, findings of the file as read', () => {
    const file = write(temp.make(), 'model.py', SOURCE);
    const report = lintFile(analyzer, task(file), { beforeWrite: (f) => fs.appendFileSync(f, 'extra = 1\n') });
    assert.deepEqual(report.notWritten, { reason: 'changed on disk while being fixed: fixes not written (run again)', isFault: false });
    assert.equal(report.fixesApplied, 0);
    assert.deepEqual(
      report.findings.map((f) => f.code),
      ['BN101'],
    );
    assert.equal(fs.readFileSync(file, 'utf8'), `${SOURCE}extra = 1\n`);
  });

  it('a same-size edit with the old modification time put back is caught by the content check', () => {
    const file = write(temp.make(), 'model.py', SOURCE);
    const report = lintFile(analyzer, task(file), {
      beforeWrite: (f) => {
        const { atime, mtime } = fs.statSync(f);
        fs.writeFileSync(f, SOURCE.replace('m = ', 'n = '));
        fs.utimesSync(f, atime, mtime);
      },
    });
    assert.equal(report.notWritten?.isFault, false);
    assert.equal(fs.readFileSync(file, 'utf8'), SOURCE.replace('m = ', 'n = '));
  });

  it('a file replaced by an editor (new inode, same text) is not overwritten', () => {
    const file = write(temp.make(), 'model.py', SOURCE);
    const report = lintFile(analyzer, task(file), {
      beforeWrite: (f) => {
        fs.writeFileSync(`${f}.new`, `${SOURCE}# saved\n`);
        fs.renameSync(`${f}.new`, f);
      },
    });
    assert.match(report.notWritten?.reason ?? '', /changed on disk/);
    assert.equal(fs.readFileSync(file, 'utf8'), `${SOURCE}# saved\n`);
  });

  it('a file deleted while being fixed stays deleted', () => {
    const dir = temp.make();
    const file = write(dir, 'model.py', SOURCE);
    const report = lintFile(analyzer, task(file), { beforeWrite: (f) => fs.rmSync(f) });
    assert.deepEqual(report.notWritten, { reason: 'deleted while being fixed: fixes not written', isFault: false });
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a notebook edited while being fixed is kept as edited', () => {
    const file = write(temp.make(), 'nb.ipynb', NOTEBOOK);
    const report = lintFile(analyzer, task(file), { beforeWrite: (f) => fs.appendFileSync(f, '\n') });
    assert.match(report.notWritten?.reason ?? '', /changed on disk/);
    assert.equal(fs.readFileSync(file, 'utf8'), `${NOTEBOOK}\n`);
  });

  it('a hard-linked file (rewritten in place) edited meanwhile is kept as edited', () => {
    const dir = temp.make();
    const file = write(dir, 'model.py', SOURCE);
    fs.linkSync(file, path.join(dir, 'link.py'));
    const report = lintFile(analyzer, task(file), { beforeWrite: (f) => fs.appendFileSync(f, '# mine\n') });
    assert.match(report.notWritten?.reason ?? '', /changed on disk/);
    assert.equal(fs.readFileSync(path.join(dir, 'link.py'), 'utf8'), `${SOURCE}# mine\n`);
  });
});
