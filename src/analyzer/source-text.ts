/** Source bytes to text the way Python reads a file: UTF-8 (BOM allowed) or a PEP 263 coding cookie.
 * No Node API here, so that the browser extension decodes files exactly as the CLI does. */
export interface SourceText {
  readonly text: string;
  /** Everything needed to write the file back byte-for-byte alike. */
  readonly encoding: { readonly name: string; readonly bom: boolean };
}

export class SourceReadError extends Error {
  override name = 'SourceReadError';
}

/** PEP 263: a `coding[:=]` comment on line 1 or 2. */
function codingCookie(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 400)).split(/\r?\n/).slice(0, 2);
  for (const line of head) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

/** Python codec names that the WHATWG decoder spells differently. */
const PYTHON_CODEC_ALIASES: Readonly<Record<string, string>> = {
  'latin-1': 'latin1',
  latin_1: 'latin1',
  l1: 'latin1',
  'iso-8859-1': 'latin1',
  iso8859_1: 'latin1',
  cp1252: 'windows-1252',
  'utf-8-sig': 'utf-8',
};

export function decodeSource(bytes: Uint8Array): SourceText {
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
