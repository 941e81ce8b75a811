/** The CLI lints a folder as one project: imports between its files resolve (and `--no-project` reads files alone). */
import assert from 'node:assert/strict';
import path from 'node:path';
import { buildOnce, normlint, parseJsonOutput } from '../cli/helpers';
import { FIXTURES } from '../../support/fixtures';

const PROJECT = path.join(FIXTURES, 'project', 'basic');

describe('normlint CLI on a project folder (built bin/normlint.js, spawned)', function () {
  this.timeout(120_000);
  before(() => buildOnce());

  const findings = (args: string[], cwd = PROJECT) => {
    const run = normlint(['--format', 'json', ...args], { cwd });
    assert.equal(run.status, 1, run.stderr);
    return parseJsonOutput(run).findings.map((f) => `${f.file}:${f.line} ${f.code}${f.fix ? '' : ' (no fix)'}`);
  };

  // evaluate.py: the classes of models/nets.py that hold BatchNorm or Dropout (or may).
  const evaluated = [38, 39, 40, 41, 42, 43, 45, 46].map((line) => `evaluate.py:${line} BN201`);
  const withProject = [
    // engine/heads.py: loops judged by their callers in other files (heads_main.py, callbacks.py, sampling.ipynb).
    'engine/heads.py:31 BN201',
    'engine/heads.py:44 BN201',
    ...evaluated,
    'finetune.py:15 BN204 (no fix)',
    'finetune.py:59 BN202',
    'keras_path_train.py:17 BN203',
    'keras_train.py:22 BN203',
    'keras_train.py:35 BN203',
    'models/vgg.py:10 BN101',
    'probes/image_probe.py:11 BN204',
    // scoring.py: an evaluation helper without markers, judged by its caller in unet_train.py.
    'scoring.py:8 BN201',
    'train.py:13 BN101',
    'train.py:15 BN101',
    'train.py:17 BN401',
    'train.py:19 BN101',
    'train.py:21 BN401 (no fix)',
    'train.py:23 BN301',
    'train.py:27 BN101',
    // trainer.py: a trainer class's models from models/nets.py; only the one keeping running statistics.
    'trainer.py:26 BN201',
  ];

  it('resolves imports between the files of a folder argument', () => {
    assert.deepEqual(findings(['.']).sort(), withProject);
  });

  it('takes a named file’s folder as its project', () => {
    assert.deepEqual(
      findings(['train.py']),
      withProject.filter((f) => f.startsWith('train.py')),
    );
  });

  it('sees the same from a parent folder, in worker threads', () => {
    const parent = path.dirname(PROJECT);
    const found = findings(['--jobs', '2', 'basic'], parent).sort();
    assert.deepEqual(
      found,
      withProject.map((f) => `basic/${f}`),
    );
  });

  it('--no-project reads each file alone', () => {
    // Read alone, every imported class may hold BatchNorm or Dropout, and the other file's routines set no mode.
    const alone = [36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46].map((line) => `evaluate.py:${line} BN201`);
    const routines = ['finetune.py:30 BN201', 'finetune.py:39 BN201'];
    const trainer = ['trainer.py:25 BN201', 'trainer.py:26 BN201'];
    const loops = [18, 31, 44].map((line) => `engine/heads.py:${line} BN201`);
    // vendored/: a relative import the project cannot resolve is unknown code; read alone, it may be a project model.
    const vendored = 'vendored/convert_weights.py:12 BN201';
    assert.deepEqual(findings(['--no-project', '.']).sort(), [...loops, ...alone, ...routines, 'train.py:17 BN101', 'train.py:27 BN101', ...trainer, vendored]);
  });
});
