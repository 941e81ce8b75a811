/** Reads a source file as text the way Python would: UTF-8 (BOM allowed) or a PEP 263 coding cookie. */
import fs from 'node:fs';
import path from 'node:path';

// Decoding needs no Node API: it lives in the analyzer, shared with the browser extension.
export { decodeSource, SourceReadError, type SourceText } from '../analyzer/source-text';
import { decodeSource, SourceReadError, type SourceText } from '../analyzer/source-text';

/** What a file was when it was read: fixes are written only if it still is. */
export interface FileStamp {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
}

export interface SourceFile extends SourceText {
  /** The bytes as read, to check before writing that nobody changed the file meanwhile. */
  readonly bytes: Buffer;
  readonly stamp: FileStamp;
}

/** An OS error as a short phrase with its code: "permission denied (EACCES)". */
export function osMessage(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  if (!error?.code) return e instanceof Error ? e.message : String(e);
  // Node's message is "CODE: phrase, syscall 'path'": keep the phrase, the path is printed anyway.
  const phrase = /^[A-Z0-9_]+: ([^,]*)/.exec(error.message)?.[1] ?? error.message;
  return `${phrase} (${error.code})`;
}

function kindOf(stat: fs.BigIntStats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function stampOf(stat: fs.BigIntStats): FileStamp {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeNs: stat.mtimeNs };
}

function sameStamp(stat: fs.BigIntStats, stamp: FileStamp): boolean {
  return stat.dev === stamp.dev && stat.ino === stamp.ino && stat.size === stamp.size && stat.mtimeNs === stamp.mtimeNs;
}

function statForRead(file: string): fs.BigIntStats {
  try {
    return fs.statSync(file, { bigint: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new SourceReadError('broken symbolic link: its target does not exist');
    }
    throw new SourceReadError(`cannot read: ${osMessage(e)}`);
  }
}

/**
 * Reads a regular file of at most `maxBytes`. FIFOs, sockets and devices are refused from a stat,
 * without opening them (opening a FIFO blocks until someone writes to it).
 */
export function readSourceFile(file: string, maxBytes: number): SourceFile {
  const before = statForRead(file);
  if (!before.isFile()) throw new SourceReadError(`${kindOf(before)}, not a regular file: skipped`);
  if (before.size > BigInt(maxBytes))
    throw new SourceReadError(`file too large to analyze (${(Number(before.size) / 1048576).toFixed(1)} MB; the limit is ${maxBytes / 1048576} MB)`);
  let fd: number;
  try {
    // O_NONBLOCK: should the file have been swapped for a FIFO since the stat, the open still returns.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw new SourceReadError(`cannot read: ${osMessage(e)}`);
  }
  try {
    const stat = fs.fstatSync(fd, { bigint: true });
    if (!stat.isFile()) throw new SourceReadError(`${kindOf(stat)}, not a regular file: skipped`);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(fd);
    } catch (e) {
      throw new SourceReadError(`cannot read: ${osMessage(e)}`);
    }
    return { ...decodeSource(bytes), bytes, stamp: stampOf(stat) };
  } finally {
    fs.closeSync(fd);
  }
}

export function encodeSource(text: string, encoding: SourceText['encoding']): Buffer {
  const body =
    encoding.name === 'utf-8'
      ? Buffer.from(text, 'utf8')
      : encoding.name === 'windows-1252' || encoding.name === 'iso-8859-1' || encoding.name === 'latin1'
        ? Buffer.from(text, 'latin1')
        : undefined;
  if (!body) throw new SourceReadError(`cannot write ${encoding.name}: only UTF-8 and Latin-1 files are fixed in place`);
  return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Fixes were not written because the file is not as it was read, or is read-only: a warning, not a fault. */
export class WriteSkipped extends Error {
  override name = 'WriteSkipped';
}

/** Writing failed for an ordinary reason (permissions, disk full, read-only file system): the OS says which. */
export class SourceWriteError extends Error {
  override name = 'SourceWriteError';
}

const CHANGED = 'changed on disk while being fixed: fixes not written (run again)';

/** Throws WriteSkipped unless `target` is still the regular, writable file with the bytes that were read. */
function checkUnchanged(target: string, read: SourceFile): fs.BigIntStats {
  const stat = fs.statSync(target, { bigint: true, throwIfNoEntry: false });
  if (!stat) throw new WriteSkipped('deleted while being fixed: fixes not written');
  if (!sameStamp(stat, read.stamp)) throw new WriteSkipped(CHANGED);
  // Root may write anything, so the mode bits decide, not access(2): a mode-444 file stays as it is.
  if ((stat.mode & 0o222n) === 0n)
    throw new WriteSkipped(`read-only file (mode ${(stat.mode & 0o7777n).toString(8)}): fixes not written; make it writable to fix it`);
  return stat;
}

/**
 * Replaces a file's content with `data`, keeping what makes it that file: a symbolic link stays a
 * link (its target is written), hard links stay linked, owner, group and mode stay. Nothing is
 * written if the file changed since it was read (size, modification time or content), so a
 * concurrent edit is never lost. Usually a temporary file next to the target is renamed over it,
 * so a crash never leaves a half-written file; a hard-linked file, or one whose owner this process
 * cannot give to a new file, or one in a folder it cannot create files in, is rewritten in place.
 */
export function replaceSourceFile(file: string, read: SourceFile, data: Buffer): void {
  let target: string;
  try {
    target = fs.realpathSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new WriteSkipped('deleted while being fixed: fixes not written');
    throw new SourceWriteError(`cannot write fixes: ${osMessage(e)}`);
  }
  const stat = checkUnchanged(target, read);
  let current: Buffer;
  try {
    current = fs.readFileSync(target);
  } catch (e) {
    throw new SourceWriteError(`cannot write fixes: ${osMessage(e)}`);
  }
  if (!current.equals(read.bytes)) throw new WriteSkipped(CHANGED);
  if (stat.nlink > 1n || !replaceByRename(target, stat, read, data)) rewriteInPlace(target, read.bytes, data);
}

/** Temp file + rename; false when the temp file cannot be made to look like the original (then: in place). */
function replaceByRename(target: string, stat: fs.BigIntStats, read: SourceFile, data: Buffer): boolean {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.normlint-${process.pid}-${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return false;
    throw new SourceWriteError(`cannot write fixes: ${osMessage(e)}`);
  }
  let renamed = false;
  try {
    try {
      const own = fs.fstatSync(fd, { bigint: true });
      if (own.uid !== stat.uid || own.gid !== stat.gid) fs.fchownSync(fd, Number(stat.uid), Number(stat.gid));
    } catch {
      return false; // not ours to give away: keep the owner by writing in place
    }
    try {
      // chmod after chown: chown clears set-user-ID bits. Set explicitly: the umask would reduce it.
      fs.fchmodSync(fd, Number(stat.mode & 0o7777n));
      fs.writeFileSync(fd, data);
      fs.closeSync(fd);
      fd = -1;
      checkUnchanged(target, read);
      fs.renameSync(temp, target);
      renamed = true;
      return true;
    } catch (e) {
      if (e instanceof WriteSkipped) throw e;
      throw new SourceWriteError(`cannot write fixes: ${osMessage(e)}`);
    }
  } finally {
    if (fd >= 0) fs.closeSync(fd);
    if (!renamed) fs.rmSync(temp, { force: true });
  }
}

/** Overwrites the file through one descriptor after a last content check; on failure puts the old bytes back. */
function rewriteInPlace(target: string, original: Buffer, data: Buffer): void {
  let fd: number;
  try {
    fd = fs.openSync(target, 'r+');
  } catch (e) {
    throw new SourceWriteError(`cannot write fixes: ${osMessage(e)}`);
  }
  try {
    if (!fs.readFileSync(fd).equals(original)) throw new WriteSkipped(CHANGED);
    try {
      writeAll(fd, data);
      fs.ftruncateSync(fd, data.length);
    } catch (e) {
      try {
        writeAll(fd, original);
        fs.ftruncateSync(fd, original.length);
      } catch {
        /* the first error is the one to report */
      }
      throw new SourceWriteError(`cannot write fixes: ${osMessage(e)}`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let offset = 0; offset < data.length;) offset += fs.writeSync(fd, data, offset, data.length - offset, offset);
}
