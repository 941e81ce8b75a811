/** Reads a source file as text the way Python would: UTF-8 (BOM allowed) or a PEP 263 coding cookie. */
import fs from 'node:fs';

export interface SourceText {
  readonly text: string;
  /** Everything needed to write the file back byte-for-byte alike. */
  readonly encoding: { readonly name: string; readonly bom: boolean };
}

export class SourceReadError extends Error {
  override name = 'SourceReadError';
}

/** PEP 263: a `coding[:=]` comment on line 1 or 2. */
function codingCookie(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n/).slice(0, 2);
  for (const line of head) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1]!.toLowerCase();
  }
  return undefined;
}

/** Python codec names that the WHATWG decoder spells differently. */
const PYTHON_CODEC_ALIASES: Readonly<Record<string, string>> = {
  'latin-1': 'latin1', latin_1: 'latin1', l1: 'latin1', 'iso-8859-1': 'latin1', iso8859_1: 'latin1', cp1252: 'windows-1252', 'utf-8-sig': 'utf-8',
};

export function decodeSource(bytes: Buffer): SourceText {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const cookie = codingCookie(body);
  const aliased = cookie ? (PYTHON_CODEC_ALIASES[cookie] ?? cookie) : undefined;
  const name = !aliased || aliased === 'utf-8' || aliased === 'utf8' || aliased === 'utf_8' ? 'utf-8' : aliased.replace(/_/g, '-');
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(name, { fatal: true });
  } catch {
    throw new SourceReadError(`unsupported source encoding "${cookie}"`);
  }
  try {
    return { text: decoder.decode(body), encoding: { name: decoder.encoding, bom } };
  } catch {
    throw new SourceReadError(`cannot decode as ${name}${cookie ? ' (from its coding comment)' : ''}: the file is not text in that encoding`);
  }
}

export function readSource(file: string): SourceText {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SourceReadError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? String(e)})`);
  }
  return decodeSource(bytes);
}

export function encodeSource(text: string, encoding: SourceText['encoding']): Buffer {
  const body = encoding.name === 'utf-8' ? Buffer.from(text, 'utf8') : encoding.name === 'windows-1252' || encoding.name === 'iso-8859-1' || encoding.name === 'latin1' ? Buffer.from(text, 'latin1') : undefined;
  if (!body) throw new SourceReadError(`cannot write ${encoding.name}: only UTF-8 and Latin-1 files are fixed in place`);
  return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Writes next to the target, then renames over it: a crash never leaves a half-written file. */
export function writeFileAtomic(file: string, data: Buffer): void {
  const temp = `${file}.normlint-${process.pid}-${Date.now()}.tmp`;
  try {
    const mode = fs.statSync(file).mode;
    fs.writeFileSync(temp, data);
    // Set explicitly: a mode given to writeFileSync is reduced by the umask.
    fs.chmodSync(temp, mode & 0o7777);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
