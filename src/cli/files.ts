/** Which files a run covers: files and folders from the arguments, recursing like Ruff does. */
import fs from 'node:fs';
import path from 'node:path';
import { isExcluded } from '../analyzer/config/config';
import { relativeToConfig, type ConfigSource } from '../node/config-discovery';
import { SKIPPED_DIRECTORIES } from '../node/project';
import { osMessage } from '../node/read-source';

export interface FileEntry {
  readonly file: string;
  /** The path as reached from the arguments. */
  readonly displayPath: string;
  /** The project it belongs to: the folder argument it was found under, or a named file's own folder. */
  readonly projectRoot: string;
}

export function isLintable(file: string, withTypeScript: boolean): boolean {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.py' || ext === '.ipynb' || ext === '.pyi') return true;
  return withTypeScript && ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'].includes(ext) && !file.endsWith('.d.ts');
}

/** A folder is a virtual environment when it has a `pyvenv.cfg`, whatever its name. */
function isVirtualEnvironment(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}

/**
 * The files to lint under `args`. In folders, symbolic links are followed (to files and folders),
 * each folder entered once by its real path, so a link back up the tree cannot loop. FIFOs,
 * sockets and devices with a lintable name are kept, for the reader to report without opening
 * them. Paths that cannot be read at all go to `onUnreadable` with the reason.
 */
export function collectFiles(
  args: readonly string[],
  configs: ConfigSource,
  withTypeScript: boolean,
  onUnreadable: (displayPath: string, reason: string) => void,
): FileEntry[] {
  const out: FileEntry[] = [];
  const seen = new Set<string>();
  const entered = new Set<string>();
  const add = (file: string, displayPath: string, real: string, projectRoot: string) => {
    if (seen.has(real)) return;
    seen.add(real);
    out.push({ file, displayPath, projectRoot });
  };
  const realPath = (file: string) => {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file); // a broken link: the reader reports it
    }
  };
  const walk = (dir: string, display: string, realDir: string, projectRoot: string) => {
    if (entered.has(realDir)) return;
    entered.add(realDir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      onUnreadable(display, `cannot read folder: ${osMessage(e)}`);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const shown = path.join(display, entry.name);
      const isLink = entry.isSymbolicLink();
      const real = isLink ? realPath(full) : path.join(realDir, entry.name);
      const isDirectory = isLink ? !!fs.statSync(full, { throwIfNoEntry: false })?.isDirectory() : entry.isDirectory();
      if (isDirectory) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isVirtualEnvironment(full)) continue;
        const loaded = configs.forFile(path.join(full, '_'));
        if (isExcluded(loaded.config, relativeToConfig(loaded, full))) continue;
        walk(full, shown, real, projectRoot);
      } else if (isLintable(entry.name, withTypeScript)) {
        const loaded = configs.forFile(full);
        if (!isExcluded(loaded.config, relativeToConfig(loaded, full))) add(full, shown, real, projectRoot);
      }
    }
  };
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      onUnreadable(arg, code === 'ENOENT' ? 'no such file or directory' : osMessage(e));
      continue;
    }
    // Explicitly named files are linted even if excluded or unusual, as in Ruff (unless --force-exclude).
    if (stat.isDirectory()) walk(arg, arg, realPath(arg), arg);
    else add(arg, arg, realPath(arg), path.dirname(arg));
  }
  return out;
}
