/**
 * Editor sessions (src/analyzer/session.ts): after any sequence of edits, a session's result is
 * exactly `analyze()`'s on the same text. Random edits (seeded) of every Python fixture and
 * example: changed numbers and flags, renamed names, lines inserted, deleted, duplicated and moved,
 * stray characters that break the syntax, and undo to earlier texts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { AnalysisResult, Analyzer } from '../../../src/analyzer/analyzer';
import { editBetween } from '../../../src/analyzer/python/document';
import { getAnalyzer } from '../../../src/node/analyzer';
import { FIXTURES, fixtureFiles } from '../../support/fixtures';

const ROOT = path.resolve(__dirname, '../../..');
const files = [...fixtureFiles(path.join(FIXTURES, 'rules'), ['.py']), ...fixtureFiles(path.join(ROOT, 'examples'), ['.py'])];

/** A small deterministic generator (mulberry32), so a failure is reproducible. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const pick = <T>(r: (n: number) => number, list: readonly T[]): T => list[r(list.length)];

/** One random edit of a Python text. */
function randomEdit(text: string, r: (n: number) => number): string {
  const lines = text.split('\n');
  const line = r(lines.length);
  const replaceMatch = (pattern: RegExp, replacement: (m: string) => string): string => {
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) return text;
    const m = pick(r, matches);
    return text.slice(0, m.index) + replacement(m[0]) + text.slice(m.index + m[0].length);
  };
  switch (r(9)) {
    case 0:
      return replaceMatch(/\b\d+(\.\d+)?\b/g, () => pick(r, ['0', '1', '3', '0.1', '0.99', '1e-5', '64', '128']));
    case 1:
      return replaceMatch(/\b(True|False)\b/g, (m) => (m === 'True' ? 'False' : 'True'));
    case 2: {
      // Rename one occurrence of a name to another name of the file: links or unlinks statements.
      const names = [...new Set(text.match(/\b[A-Za-z_]\w*\b/g) ?? [])];
      return names.length ? replaceMatch(/\b[A-Za-z_]\w*\b/g, () => pick(r, names)) : text;
    }
    case 3:
      lines.splice(line, 0, '');
      return lines.join('\n');
    case 4:
      lines.splice(line, 1);
      return lines.join('\n');
    case 5:
      lines.splice(line, 0, lines[r(lines.length)]);
      return lines.join('\n');
    case 6: {
      const [moved] = lines.splice(line, 1);
      lines.splice(r(lines.length + 1), 0, moved);
      return lines.join('\n');
    }
    case 7: {
      const at = r(text.length + 1);
      return text.slice(0, at) + pick(r, ['(', ':', ' ', 'x', '\n', '#', '"', 'é']) + text.slice(at);
    }
    default: {
      const at = r(text.length + 1);
      return text.slice(0, at) + text.slice(at + 1 + r(8));
    }
  }
}

function comparable(result: AnalysisResult) {
  return { findings: result.findings, problems: result.problems, ruleErrors: result.ruleErrors.map((e) => e.code) };
}

describe('analysis sessions (incremental analysis for editors)', () => {
  let analyzer: Analyzer;
  /** Edits after which the session re-analyzed some parts and kept the others. */
  let partialSteps = 0;
  before(async () => {
    analyzer = await getAnalyzer();
  });

  it('covers the fixtures and the examples', () => {
    assert.ok(files.filter((f) => f.startsWith(FIXTURES)).length >= 40);
    assert.ok(files.some((f) => f.includes(`${path.sep}examples${path.sep}`)));
  });

  for (const [index, file] of files.entries()) {
    it(`random edits of ${path.relative(ROOT, file)} give analyze()'s result`, () => {
      const r = random(index + 1);
      const original = fs.readFileSync(file, 'utf8');
      const options = { fileName: file };
      const session = analyzer.openSession('python');
      const history = [original];
      let text = original;
      try {
        for (let step = 0; step < 16; step++) {
          text = r(6) === 0 ? pick(r, history) : randomEdit(text, r);
          history.push(text);
          assert.deepEqual(comparable(session.analyze(text, options)), comparable(analyzer.analyze(text, options)), `step ${step}`);
          if (session.lastRun.analyzedParts < session.lastRun.parts) partialSteps++;
        }
      } finally {
        session.dispose();
      }
    });
  }

  it('the random edits exercised re-analysis of some parts with the others kept', () => {
    // The count depends on which files the seeds land on (about 80 of some 900 edits): enough to exercise it.
    assert.ok(partialSteps >= 60, `only ${partialSteps} edits re-analyzed part of a file`);
  });

  it('every file analyzed part by part gives the whole analysis', () => {
    let split = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const session = analyzer.openSession('python', { alwaysByPart: true });
      try {
        assert.deepEqual(comparable(session.analyze(text, { fileName: file })), comparable(analyzer.analyze(text, { fileName: file })), file);
        if (session.lastRun.parts > 1) split++;
      } finally {
        session.dispose();
      }
    }
    assert.ok(split >= 20, `only ${split} files were split into parts`);
  });

  it('re-analyzes only the part an edit touches', () => {
    const block = (i: number) =>
      `class Block${i}(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(8, 8, 3, bias=False)\n        self.bn = nn.BatchNorm2d(8)\n\n    def forward(self, x):\n        return self.bn(self.conv(x))\n\n\n`;
    const text = `import torch.nn as nn\n\n\n${Array.from({ length: 30 }, (_, i) => block(i)).join('')}`;
    const session = analyzer.openSession('python');
    try {
      assert.deepEqual(session.analyze(text).findings, []);
      assert.equal(session.lastRun.parts, 30);
      const edited = text.replace(
        'Block7(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(8, 8, 3, bias=False)',
        (m) => m.replace('bias=False', 'bias=True'),
      );
      const result = session.analyze(edited);
      assert.deepEqual(
        result.findings.map((f) => f.code),
        ['BN101'],
      );
      assert.deepEqual(session.lastRun, { parts: 30, analyzedParts: 1 });
      assert.deepEqual(result, analyzer.analyze(edited));
      // A class that uses another joins its part.
      const joined = edited.replace('class Block3(nn.Module):', 'class Block3(Block2):');
      session.analyze(joined);
      assert.equal(session.lastRun.parts, 29);
    } finally {
      session.dispose();
    }
  });

  it('keeps a file whole where a checkpoint load makes every layer matter', () => {
    const text = 'import torch\nimport torch.nn as nn\n\n\nclass A(nn.Module):\n    pass\n\n\ndef load(m):\n    m.load_state_dict(torch.load("w.pt"))\n';
    const session = analyzer.openSession('python');
    try {
      session.analyze(text);
      assert.equal(session.lastRun.parts, 0);
    } finally {
      session.dispose();
    }
  });

  it('describes an edit by the span between the common prefix and suffix', () => {
    assert.deepEqual(editBetween('ab\ncd\nef', 'ab\ncXd\nef'), {
      startIndex: 4,
      oldEndIndex: 4,
      newEndIndex: 5,
      startPosition: { row: 1, column: 1 },
      oldEndPosition: { row: 1, column: 1 },
      newEndPosition: { row: 1, column: 2 },
    });
    assert.deepEqual(editBetween('aaa', 'aa'), {
      startIndex: 2,
      oldEndIndex: 3,
      newEndIndex: 2,
      startPosition: { row: 0, column: 2 },
      oldEndPosition: { row: 0, column: 3 },
      newEndPosition: { row: 0, column: 2 },
    });
  });
});
