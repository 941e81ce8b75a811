/**
 * The CLI and real files: special files, links, owners, modes, write faults, files that cannot be
 * analyzed, `--diff` that patch and git apply, notebooks not saved by Jupyter. Runs the built CLI as
 * a process; as root (CI), permission cases run the CLI as `nobody`, so nothing is skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildOnce, CLI_FIXTURES, normlint, parseJsonOutput, TempDirs, unprivileged, write } from './helpers';

const MODEL = path.join(CLI_FIXTURES, 'model.py');
const modelText = () => fs.readFileSync(MODEL, 'utf8');
/** The fixture after the safe fixes (BN101's `bias=False`), as `--fix` writes it. */
const safeFixed = (text: string) =>
  text.replace('nn.Conv2d(3, channels, kernel_size=3, padding=1)', 'nn.Conv2d(3, channels, kernel_size=3, padding=1, bias=False)');
const SMALL_MODEL = 'import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n';
const SMALL_FIXED = SMALL_MODEL.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=False)');

function run(command: string, args: readonly string[], cwd: string, input?: string): void {
  const result = spawnSync(command, args, { cwd, input, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Files (relative paths) and their text under `dir`. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, entry);
    if (fs.lstatSync(full).isFile()) out[entry] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

describe('normlint CLI and the file system (spawned)', function () {
  this.timeout(120_000);
  const temp = new TempDirs();
  before(buildOnce);
  afterEach(() => temp.cleanup());

  describe('special files are reported, never opened', () => {
    it('a FIFO named on the command line does not hang: reported, the rest linted, exit 1', () => {
      const dir = temp.make();
      run('mkfifo', ['pipe.py'], dir);
      write(dir, 'model.py', SMALL_MODEL);
      const result = normlint(['--format', 'json', 'pipe.py', 'model.py'], { cwd: dir, timeoutMs: 30_000 });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /^error: pipe\.py: a FIFO, not a regular file: skipped$/m);
      assert.deepEqual(
        parseJsonOutput(result).findings.map((f) => `${f.file}:${f.code}`),
        ['model.py:BN101'],
      );
      const text = normlint(['pipe.py'], { cwd: dir, timeoutMs: 30_000 });
      assert.equal(text.stdout, '1 file could not be analyzed.\n');
    });

    it('FIFOs, sockets and devices in folders (and linked to) are named with their kind', async () => {
      const dir = temp.make();
      run('mkfifo', ['pipe.py'], dir);
      fs.symlinkSync('/dev/null', path.join(dir, 'device.py'));
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(path.join(dir, 'socket.py'), resolve));
      try {
        write(dir, 'model.py', SMALL_MODEL);
        const result = normlint(['.'], { cwd: dir, timeoutMs: 30_000 });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /^error: device\.py: a character device, not a regular file: skipped$/m);
        assert.match(result.stderr, /^error: pipe\.py: a FIFO, not a regular file: skipped$/m);
        assert.match(result.stderr, /^error: socket\.py: a socket, not a regular file: skipped$/m);
        assert.match(result.stdout, /^model\.py:2:\d+: BN101 /m);
        assert.match(result.stdout, /^3 files could not be analyzed\.$/m);
        // --fix leaves them alone too.
        assert.equal(normlint(['--fix', '.'], { cwd: dir, timeoutMs: 30_000 }).status, 1);
        assert.equal(fs.readFileSync(path.join(dir, 'model.py'), 'utf8'), SMALL_FIXED);
        assert.ok(fs.lstatSync(path.join(dir, 'pipe.py')).isFIFO());
      } finally {
        server.close();
      }
    });
  });

  describe('symbolic links', () => {
    it('--fix on a link writes the target and keeps the link', () => {
      const dir = temp.make();
      const target = write(dir, 'real/model.py', modelText());
      fs.symlinkSync(path.join('real', 'model.py'), path.join(dir, 'link.py'));
      const result = normlint(['--fix', '--select', 'BN101', 'link.py'], { cwd: dir });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.ok(fs.lstatSync(path.join(dir, 'link.py')).isSymbolicLink(), 'still a link');
      assert.equal(fs.readlinkSync(path.join(dir, 'link.py')), path.join('real', 'model.py'));
      assert.equal(fs.readFileSync(target, 'utf8'), safeFixed(modelText()));
      assert.deepEqual(fs.readdirSync(path.join(dir, 'real')), ['model.py'], 'no temporary file left');
    });

    it('in folders, links to files and folders are followed once; a loop ends; a broken link is reported', () => {
      const dir = temp.make();
      const outside = temp.make();
      write(outside, 'shared.py', SMALL_MODEL);
      write(dir, 'proj/a.py', SMALL_MODEL);
      fs.symlinkSync(path.join(outside, 'shared.py'), path.join(dir, 'proj/linked.py'));
      fs.symlinkSync(outside, path.join(dir, 'proj/vendor'));
      fs.symlinkSync('..', path.join(dir, 'proj/loop'));
      fs.symlinkSync('a.py', path.join(dir, 'proj/same.py'));
      fs.symlinkSync('missing.py', path.join(dir, 'proj/broken.py'));
      const result = normlint(['--format', 'json', 'proj'], { cwd: dir, timeoutMs: 30_000 });
      assert.equal(result.status, 1);
      // Each real file once, under the first name reached (sorted walk).
      assert.deepEqual(
        parseJsonOutput(result)
          .findings.map((f) => f.file)
          .sort(),
        [path.join('proj', 'a.py'), path.join('proj', 'linked.py')],
      );
      assert.match(result.stderr, /^error: proj\/broken\.py: broken symbolic link/m);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    });
  });

  describe('--fix keeps what makes a file that file', () => {
    it('hard links stay linked and all show the fix', () => {
      const dir = temp.make();
      const file = write(dir, 'model.py', modelText());
      fs.linkSync(file, path.join(dir, 'other-name.py'));
      const inode = fs.statSync(file).ino;
      assert.equal(normlint(['--fix', '--select', 'BN101', 'model.py'], { cwd: dir }).status, 0);
      assert.equal(fs.statSync(file).ino, inode);
      assert.equal(fs.statSync(file).nlink, 2);
      assert.equal(fs.readFileSync(path.join(dir, 'other-name.py'), 'utf8'), safeFixed(modelText()));
    });

    it('owner, group and mode stay (a file chowned to another user)', () => {
      const dir = temp.make();
      const file = write(dir, 'model.py', modelText());
      const isRoot = process.getuid?.() === 0;
      const [uid, gid] = isRoot ? [1234, 5678] : [process.getuid!(), process.getgid!()];
      fs.chownSync(file, uid, gid);
      fs.chmodSync(file, 0o640);
      assert.equal(normlint(['--fix', '--select', 'BN101', 'model.py'], { cwd: dir }).status, 0);
      const stat = fs.statSync(file);
      assert.deepEqual([stat.uid, stat.gid, stat.mode & 0o7777], [uid, gid, 0o640]);
      assert.equal(fs.readFileSync(file, 'utf8'), safeFixed(modelText()));
    });

    it('run by a user who may write the file but not give it away, the owner stays', () => {
      const user = unprivileged();
      const dir = temp.make();
      fs.chmodSync(dir, 0o777);
      const file = write(dir, 'model.py', modelText());
      fs.chmodSync(file, 0o666);
      const owner = fs.statSync(file).uid;
      const result = normlint(['--fix', '--select', 'BN101', 'model.py'], { cwd: dir, ...user });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(fs.statSync(file).uid, owner);
      assert.equal(fs.readFileSync(file, 'utf8'), safeFixed(modelText()));
      assert.deepEqual(fs.readdirSync(dir), ['model.py']);
    });

    it('a read-only file (mode 444) is not written, even by root: a warning, exit 1', () => {
      const dir = temp.make();
      const file = write(dir, 'model.py', modelText());
      fs.chmodSync(file, 0o444);
      const result = normlint(['--fix', '--select', 'BN101', 'model.py'], { cwd: dir });
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'warning: model.py: read-only file (mode 444): fixes not written; make it writable to fix it\n');
      assert.match(result.stdout, /^model\.py:\d+:\d+: BN101 /m, 'the finding is still there');
      assert.match(result.stdout, /^1 file could not be fixed\.$/m);
      assert.doesNotMatch(result.stdout, /Fixed/);
      assert.equal(fs.readFileSync(file, 'utf8'), modelText());
      assert.equal(fs.statSync(file).mode & 0o777, 0o444);
    });
  });

  describe('write faults are ordinary errors', () => {
    it('a read-only folder: a writable file is fixed in place; a file the user may not write is an error', () => {
      const user = unprivileged();
      const dir = temp.make();
      fs.chmodSync(dir, 0o755);
      const writable = write(dir, 'ro/writable.py', SMALL_MODEL);
      const locked = write(dir, 'ro/locked.py', SMALL_MODEL);
      fs.chmodSync(writable, 0o666);
      fs.chmodSync(locked, 0o644);
      fs.chmodSync(path.join(dir, 'ro'), 0o555);
      const result = normlint(['--fix', 'ro'], { cwd: dir, ...user });
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'error: ro/locked.py: cannot write fixes: permission denied (EACCES)\n');
      assert.doesNotMatch(result.stderr + result.stdout, /internal error/);
      assert.match(result.stdout, /^Fixed 1 problem\.$/m);
      assert.match(result.stdout, /^1 file could not be fixed\.$/m);
      assert.equal(fs.readFileSync(writable, 'utf8'), SMALL_FIXED);
      assert.equal(fs.readFileSync(locked, 'utf8'), SMALL_MODEL);
      assert.deepEqual(fs.readdirSync(path.join(dir, 'ro')).sort(), ['locked.py', 'writable.py']);
    });

    /** The size limit `ulimit -f BLOCKS` sets under /bin/sh, measured (shells count blocks differently). */
    function fileSizeLimit(dir: string, blocks: number): number {
      spawnSync('/bin/sh', ['-c', `trap '' XFSZ; ulimit -f ${blocks}; head -c 100000 /dev/zero > probe`], { cwd: dir });
      const size = fs.statSync(path.join(dir, 'probe')).size;
      fs.rmSync(path.join(dir, 'probe'));
      return size;
    }

    it('a write that fails midway (no space: file size limit) leaves the file as it was, no temp file, exit 1', () => {
      const dir = temp.make();
      const limit = fileSizeLimit(dir, 2);
      // A file just under the limit, which the fix (", bias=False") pushes over it.
      const padded = `${SMALL_MODEL}#${'x'.repeat(limit - SMALL_MODEL.length - 3)}\n`;
      assert.equal(Buffer.byteLength(padded), limit - 1);
      const plain = write(dir, 'plain.py', padded);
      const linked = write(dir, 'linked.py', padded);
      fs.linkSync(linked, path.join(dir, 'linked-too.py')); // rewritten in place: restored on failure
      const result = normlint(['--fix', 'plain.py', 'linked.py'], { cwd: dir, shell: "trap '' XFSZ; ulimit -f 2" });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(result.stderr, /^error: plain\.py: cannot write fixes: file too large \(EFBIG\)$/m);
      assert.match(result.stderr, /^error: linked\.py: cannot write fixes: file too large \(EFBIG\)$/m);
      assert.doesNotMatch(result.stderr, /internal error/);
      assert.equal(fs.readFileSync(plain, 'utf8'), padded);
      assert.equal(fs.readFileSync(linked, 'utf8'), padded);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['linked-too.py', 'linked.py', 'plain.py']);
    });

    it('an unreadable file and an unreadable folder are named with the OS reason', () => {
      const user = unprivileged();
      const dir = temp.make();
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(write(dir, 'secret.py', SMALL_MODEL), 0o600);
      write(dir, 'closed/inside.py', SMALL_MODEL);
      fs.chmodSync(path.join(dir, 'closed'), 0o700);
      write(dir, 'open.py', SMALL_MODEL);
      fs.chmodSync(path.join(dir, 'open.py'), 0o644);
      const result = normlint(['.'], { cwd: dir, ...user });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /^error: closed: cannot read folder: permission denied \(EACCES\)$/m);
      assert.match(result.stderr, /^error: secret\.py: cannot read: permission denied \(EACCES\)$/m);
      assert.match(result.stdout, /^open\.py:2:\d+: BN101 /m);
      assert.match(result.stdout, /^2 files could not be analyzed\.$/m);
    });

    it('a pyproject.toml that is a folder or unreadable is a configuration error naming it, not an internal error', () => {
      const dir = temp.make();
      fs.chmodSync(dir, 0o755);
      write(dir, 'a/model.py', SMALL_MODEL);
      fs.mkdirSync(path.join(dir, 'a/pyproject.toml'));
      const folder = normlint(['a'], { cwd: dir });
      assert.equal(folder.status, 2);
      assert.equal(
        folder.stderr,
        `normlint: invalid configuration: ${path.join(dir, 'a/pyproject.toml')}: cannot read: illegal operation on a directory (EISDIR)\n`,
      );
      write(dir, 'b/model.py', SMALL_MODEL);
      fs.chmodSync(write(dir, 'b/pyproject.toml', '[tool.normlint]\n'), 0o600);
      const unreadable = normlint(['b'], { cwd: dir, ...unprivileged() });
      assert.equal(unreadable.status, 2);
      assert.match(unreadable.stderr, /^normlint: invalid configuration: .*b\/pyproject\.toml: cannot read: permission denied \(EACCES\)$/m);
      assert.doesNotMatch(folder.stderr + unreadable.stderr, /internal error/);
    });
  });

  describe('files that cannot be analyzed are named, and the run fails', () => {
    it('too large, binary (NUL byte), too deeply nested: each named with its reason; never "All checks passed."', () => {
      const dir = temp.make();
      write(dir, 'big.py', `x = 1\n${'# filler line of a generated file\n'.repeat(200_000)}`);
      write(dir, 'nul.py', 'import torch\nx = "\0"\n');
      write(dir, 'deep.py', `import torch.nn as nn\nx = ${'('.repeat(3000)}nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))${')'.repeat(3000)}\n`);
      // Workers run with the main thread's stack: what is too deep is the same in either.
      for (const jobs of [[], ['--jobs', '1'], ['--jobs', '2']]) {
        const result = normlint([...jobs, 'big.py', 'nul.py', 'deep.py'], { cwd: dir });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /^error: big\.py: file too large to analyze \(6\.\d M characters; the limit is 4 M\)$/m);
        assert.match(result.stderr, /^error: nul\.py: binary file \(a NUL byte on line 2\): not analyzed$/m);
        assert.match(result.stderr, /^warning: deep\.py:2:1: expression nested too deeply to analyze: this statement was skipped/m, `with ${jobs.join(' ')}`);
        assert.equal(result.stdout, '2 files could not be analyzed.\n1 file could only partly be analyzed (see the warnings).\n');
      }
    });

    it('a file too large to read is refused from its size, without reading it', () => {
      const dir = temp.make();
      const file = path.join(dir, 'huge.py');
      fs.writeFileSync(file, 'x = 1\n');
      fs.truncateSync(file, 64 * 1024 * 1024); // sparse: 64 MB of NUL bytes on disk costs nothing
      const result = normlint(['huge.py'], { cwd: dir });
      assert.equal(result.status, 1);
      assert.match(result.stderr, /^error: huge\.py: file too large to analyze \(64\.0 MB; the limit is 12 MB\)$/m);
    });

    it('broken notebooks ({"cells":[null]}, a non-text source) are reported, exit 1, not "All checks passed."', () => {
      const dir = temp.make();
      write(dir, 'null.ipynb', '{"cells":[null]}');
      write(dir, 'number.ipynb', '{"cells":[{"cell_type":"code","source":[1]}]}');
      const result = normlint(['null.ipynb', 'number.ipynb'], { cwd: dir });
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        'error: null.ipynb: broken notebook: cell 1 is not an object\nerror: number.ipynb: broken notebook: cell 1: "source" is neither a string nor a list of strings\n',
      );
      assert.equal(result.stdout, '2 files could not be analyzed.\n');
    });
  });

  describe('--diff applies with patch -p0 and git apply -p0', () => {
    const NAMES = ['plain.py', 'with space.py', 'tab\there.py', 'new\nline.py', 'quote"back\\slash.py', 'café.py', 'sub dir/x.py'];

    function setUp(): string {
      const dir = temp.make();
      for (const name of NAMES) write(dir, name, SMALL_MODEL);
      write(dir, 'clean.py', 'x = 1\n');
      return dir;
    }

    it('headers are --- NAME / +++ NAME, quoted as git quotes them', () => {
      const dir = setUp();
      const result = normlint(['--diff', '.'], { cwd: dir });
      assert.equal(result.status, 1);
      const headers = result.stdout.split('\n').filter((l) => l.startsWith('--- '));
      assert.deepEqual(headers.sort(), [
        '--- "caf\\303\\251.py"',
        '--- "new\\nline.py"',
        '--- "quote\\"back\\\\slash.py"',
        '--- "tab\\there.py"',
        '--- plain.py',
        '--- sub dir/x.py\t',
        '--- with space.py\t',
      ]);
      for (const header of headers) assert.ok(result.stdout.includes(`${header}\n+++ ${header.slice(4)}\n@@ `), header);
      assert.equal(fs.readFileSync(path.join(dir, 'plain.py'), 'utf8'), SMALL_MODEL, 'nothing written');
    });

    for (const [tool, args] of [
      ['patch', ['-p0', '--batch', '--silent']],
      ['git', ['apply', '-p0']],
    ] as const) {
      it(`${tool} ${args.join(' ')} gives what --fix writes`, () => {
        const dir = setUp();
        const diff = normlint(['--diff', '.'], { cwd: dir }).stdout;
        run(tool, args, dir, diff);
        const patched = tree(dir);
        const fixedDir = setUp();
        normlint(['--fix', '.'], { cwd: fixedDir });
        assert.deepEqual(patched, tree(fixedDir));
        assert.equal(patched['with space.py'], SMALL_FIXED);
      });
    }
  });

  describe('notebooks not saved by Jupyter', () => {
    /** Python's json.dumps(notebook, separators=(",", ":")): minified, non-ASCII as \uXXXX. */
    const pythonJson = (value: unknown) => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const notebook = {
      nbformat: 4,
      metadata: { kernelspec: { name: 'python3', language: 'python' }, title: 'Modèle — données' },
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Modèle 😀\n'] },
        {
          cell_type: 'code',
          metadata: {},
          outputs: [],
          execution_count: null,
          source: ['import torch.nn as nn\n', '# modèle: données\n', 'm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n', 'print("é")'],
        },
        {
          cell_type: 'code',
          metadata: {},
          outputs: [],
          execution_count: null,
          source: 'k = nn.Sequential(nn.Conv2d(8, 8, 3), nn.BatchNorm2d(8))  # «string source»\n',
        },
      ],
      nbformat_minor: 5,
    };

    it('--fix rewrites only the fixed lines of the source strings; every other byte stays', () => {
      const dir = temp.make();
      const original = pythonJson(notebook);
      const file = write(dir, 'nb.ipynb', original);
      const result = normlint(['--fix', '--select', 'BN101', 'nb.ipynb'], { cwd: dir });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /^Fixed 2 problems\.$/m);
      const line = 'm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))\n';
      const text = notebook.cells[2].source as string;
      const expected = original
        .replace(pythonJson(line), pythonJson(line.replace('(3, 8, 3)', '(3, 8, 3, bias=False)')))
        .replace(pythonJson(text), pythonJson(text.replace('(8, 8, 3)', '(8, 8, 3, bias=False)')));
      assert.notEqual(expected, original);
      assert.equal(fs.readFileSync(file, 'utf8'), expected);
    });

    it('a notebook with raw UTF-8 and its own spacing keeps them', () => {
      const dir = temp.make();
      const original = `{ "cells" : [ {"cell_type":"code", "source" : [ "import torch.nn as nn\\n" ,  "m = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))  # é\\n" ] } ] ,"metadata":{} }`;
      const file = write(dir, 'nb.ipynb', original);
      assert.equal(normlint(['--fix', 'nb.ipynb'], { cwd: dir }).status, 0);
      assert.equal(fs.readFileSync(file, 'utf8'), original.replace('nn.Conv2d(3, 8, 3)', 'nn.Conv2d(3, 8, 3, bias=False)'));
    });
  });
});
