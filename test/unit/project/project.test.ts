/**
 * The project index (issue 11, "the whole project"): imports of other project files resolve to
 * their definitions; files outside the project, missing files, cycles and syntax errors stay unknown.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Analyzer } from '../../../src/analyzer/analyzer';
import { ProjectIndex } from '../../../src/analyzer/project/index';
import { getAnalyzer } from '../../../src/node/analyzer';
import { forgetProject, projectIndexFor } from '../../../src/node/project';
import { actualOf, expectationsIn, FIXTURES, fixtureFiles, format } from '../../support/fixtures';

const PROJECT = path.join(FIXTURES, 'project', 'basic');

describe('project index', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await getAnalyzer();
  });

  const analyze = (file: string, project: ProjectIndex | undefined) => {
    const text = fs.readFileSync(file, 'utf8');
    return { text, result: analyzer.analyze(text, { fileName: file, project }) };
  };

  for (const file of fixtureFiles(PROJECT, ['.py'])) {
    it(`${path.relative(PROJECT, file)}: the expected findings with the project in view`, () => {
      const { text, result } = analyze(file, projectIndexFor(PROJECT));
      assert.deepEqual(result.ruleErrors, []);
      assert.deepEqual(format(actualOf(text, result.findings)), format(expectationsIn(text)));
    });
  }

  it('judges a parameter by its callers in other files only when the index lists the notebooks too', () => {
    const file = path.join(PROJECT, 'engine', 'heads.py');
    const lines = (project: ProjectIndex) => actualOf(fs.readFileSync(file, 'utf8'), analyze(file, project).result.findings).map((f) => `${f.code}@${f.line}`);
    assert.deepEqual(lines(projectIndexFor(PROJECT)!), ['BN201@31', 'BN201@44']);
    // An index without the notebooks (the editor's) cannot see every caller: as for a file alone, fit_head stays reported.
    const full = projectIndexFor(PROJECT)!;
    const withoutNotebooks = new ProjectIndex(PROJECT, {
      files: [...full.fileNames].filter((f) => !f.endsWith('.ipynb')),
      read: (relative) => fs.readFileSync(path.join(PROJECT, relative), 'utf8'),
    });
    assert.deepEqual(lines(withoutNotebooks), ['BN201@18', 'BN201@31', 'BN201@44']);
  });

  it('without the project, imported helpers and constants stay unknown', () => {
    const { text, result } = analyze(path.join(PROJECT, 'train.py'), undefined);
    const lines = actualOf(text, result.findings).map((f) => `${f.code}@${f.line}`);
    // Only the in-file Linear → BatchNorm1d pairs remain.
    assert.deepEqual(lines, ['BN101@17', 'BN101@27']);
  });

  it('a layer another file builds shows at this file’s call, without a fix of its own', () => {
    const { text, result } = analyze(path.join(PROJECT, 'train.py'), projectIndexFor(PROJECT));
    const [stem] = result.findings;
    assert.equal(text.slice(stem.range.start, stem.range.end), 'nn.Conv2d(3, WIDTH, 3)');
    assert.equal(stem.message, "nn.Conv2d's bias is cancelled by the BatchNorm after it: set `bias=False`.");
    assert.deepEqual(
      stem.related.map((r) => [text.slice(r.range.start, r.range.end), r.message]),
      [['bn_relu(WIDTH)', 'nn.BatchNorm2d that makes the bias redundant']],
    );
    assert.deepEqual(
      stem.fixes.map((f) => f.title),
      ['Set bias=False'],
    );
    const [head, neck] = result.findings.filter((f) => f.code === 'BN401');
    assert.equal(head?.message, 'nn.BatchNorm1d expects 128 features, but the nn.Linear feeding it produces 256.');
    // A layer of the other file: reported at this file's call (whose argument is wrong), with no fix.
    assert.equal(text.slice(neck.range.start, neck.range.end), 'norm_head(32)');
    assert.equal(neck.message, 'nn.BatchNorm1d expects 32 features, but the nn.Linear feeding it produces 64.');
    assert.deepEqual(neck.fixes, []);
  });

  it('resolves absolute, relative, package and namespace imports like Python', () => {
    const files = ['app/main.py', 'app/util.py', 'pkg/__init__.py', 'pkg/sub/mod.py', 'ns/leaf.py', 'torch/nn.py'];
    const index = new ProjectIndex('/p', { files, read: () => '' });
    assert.equal(index.relativePath('/p/app/main.py'), 'app/main.py');
    assert.equal(index.relativePath('/elsewhere/x.py'), undefined);
    // The script's own folder first, then the folders above it.
    assert.equal(index.resolveAbsolute('util', 'app/main.py'), 'app/util.py');
    assert.equal(index.resolveAbsolute('pkg.sub.mod', 'app/main.py'), 'pkg/sub/mod.py');
    assert.equal(index.resolveAbsolute('pkg', 'app/main.py'), 'pkg/__init__.py');
    assert.equal(index.resolveAbsolute('ns', 'app/main.py'), 'ns/');
    assert.equal(index.resolveAbsolute('numpy', 'app/main.py'), undefined);
    // A framework's name always means the framework.
    assert.equal(index.resolveAbsolute('torch.nn', 'app/main.py'), undefined);
    assert.equal(index.resolveRelative(1, 'mod', 'pkg/sub/other.py'), 'pkg/sub/mod.py');
    assert.equal(index.resolveRelative(2, '', 'pkg/sub/mod.py'), 'pkg/__init__.py');
    assert.equal(index.resolveRelative(3, 'x', 'pkg/sub/mod.py'), undefined);
    assert.equal(index.submodule('pkg/__init__.py', 'sub'), 'pkg/sub/');
    assert.equal(index.submodule('ns/', 'leaf'), 'ns/leaf.py');
    assert.equal(index.submodule('app/util.py', 'x'), undefined);
  });

  it('finds a module through a folder added to sys.path only when the project has exactly one of that name', () => {
    const files = ['nb/train.py', 'src/utils/architecture.py', 'src/heads/__init__.py', 'a/config.py', 'b/config.py', 'torch/nn.py'];
    const index = new ProjectIndex('/p', { files, read: () => '' });
    assert.equal(index.resolveOnAddedPath('architecture'), 'src/utils/architecture.py');
    assert.equal(index.resolveOnAddedPath('heads'), 'src/heads/__init__.py');
    // Two candidates: which one the added folder holds is unknown.
    assert.equal(index.resolveOnAddedPath('config'), undefined);
    assert.equal(index.resolveOnAddedPath('missing'), undefined);
    assert.equal(index.resolveOnAddedPath('torch.nn'), undefined);
  });

  it('finds the files that spell a name as a whole word, in notebooks too', () => {
    const texts: Record<string, string | undefined> = {
      'a.py': 'from engine import train_model\ntrain_model(net)\n',
      'b.py': 'train_model_fast(net)  # another name\n',
      'c.ipynb': '{"cells": [{"cell_type": "code", "source": "import engine\\ntrain_model(net)"}]}',
      'd.ts': 'train_model(net);',
      'e.py': 'def 训练(net): pass\n训练(net)\n',
    };
    // The first words are searched for, later ones read from a word index: both must answer alike.
    for (const earlierLookups of [0, 100]) {
      const index = new ProjectIndex('/p', { files: Object.keys(texts), read: (f) => texts[f] });
      for (let i = 0; i < earlierLookups; i++) index.filesSpelling(`filler${i}`);
      // `\\n` in a notebook's JSON ends a line: the word after it counts. TS/JS files are not searched.
      assert.deepEqual(index.filesSpelling('train_model'), ['a.py', 'c.ipynb']);
      assert.deepEqual(index.filesSpelling('train_model_fast'), ['b.py']);
      assert.deepEqual(index.filesSpelling('engine'), ['a.py', 'c.ipynb']);
      assert.deepEqual(index.filesSpelling('nimport'), []);
      assert.deepEqual(index.filesSpelling('net'), ['a.py', 'b.py', 'c.ipynb', 'e.py']);
      assert.deepEqual(index.filesSpelling('missing'), []);
      assert.deepEqual(index.filesSpelling('训练'), ['e.py']);
      const unreadable = new ProjectIndex('/p', { files: ['a.py', 'x.py'], read: (f) => (f === 'a.py' ? texts[f] : undefined) });
      for (let i = 0; i < earlierLookups; i++) unreadable.filesSpelling(`filler${i}`);
      // A file that cannot be read may spell it: no answer rather than a wrong one.
      assert.equal(unreadable.filesSpelling('train_model'), undefined);
    }
  });

  it('reads an imported file again once it changed on disk, and sees new files after forgetProject', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'normlint-project-'));
    try {
      fs.writeFileSync(path.join(dir, 'blocks.py'), 'import torch.nn as nn\ndef head(c):\n    return [nn.ReLU()]\n');
      const main = path.join(dir, 'main.py');
      fs.writeFileSync(main, 'import torch.nn as nn\nfrom blocks import head\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), *head(8))\n');
      assert.equal(analyze(main, projectIndexFor(dir)).result.findings.length, 0);
      fs.writeFileSync(path.join(dir, 'blocks.py'), 'import torch.nn as nn\ndef head(c):\n    return [nn.BatchNorm2d(c), nn.ReLU()]\n');
      // A different size: the cached text is stale whatever the clock's resolution.
      assert.deepEqual(
        analyze(main, projectIndexFor(dir)).result.findings.map((f) => f.code),
        ['BN101'],
      );
      fs.writeFileSync(path.join(dir, 'extra.py'), 'import torch.nn as nn\nBN = nn.BatchNorm2d\n');
      fs.writeFileSync(main, 'import torch.nn as nn\nfrom extra import BN\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), BN(8))\n');
      assert.equal(analyze(main, projectIndexFor(dir)).result.findings.length, 0);
      forgetProject(dir);
      assert.deepEqual(
        analyze(main, projectIndexFor(dir)).result.findings.map((f) => f.code),
        ['BN101'],
      );
    } finally {
      forgetProject(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
