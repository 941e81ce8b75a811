/** `--diff` output: unified diffs that `patch -p0` and `git apply -p0` both apply. */
import { createTwoFilesPatch } from 'diff';

const C_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/**
 * A file name for a `---`/`+++` line, as git writes it: in double quotes with C escapes (octal for
 * control characters and non-ASCII bytes) when it holds any; otherwise as is, followed by a tab
 * when it holds a space, so that patch does not take the rest of the name for a timestamp.
 */
export function diffHeaderName(name: string): string {
  if (!/[\x00-\x1f\x7f-\uffff"\\]/.test(name)) return name.includes(' ') ? `${name}\t` : name;
  let quoted = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const char = String.fromCharCode(byte);
    quoted += C_ESCAPES[char] ?? (byte < 0x20 || byte >= 0x7f ? `\\${byte.toString(8).padStart(3, '0')}` : char);
  }
  return `"${quoted}"`;
}

/** The diff of one file, with no a/ b/ prefixes (as Ruff prints): both sides name the file as given. */
export function unifiedDiff(displayPath: string, original: string, fixed: string): string {
  const patch = createTwoFilesPatch('file', 'file', original, fixed, undefined, undefined, { context: 3 });
  const hunks = patch.slice(patch.indexOf('\n@@') + 1);
  const name = diffHeaderName(displayPath);
  return `--- ${name}\n+++ ${name}\n${hunks}`;
}
