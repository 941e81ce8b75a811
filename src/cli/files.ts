/** Which files a run covers: files and folders from the arguments, recursing like Ruff does. */
import fs from 'node:fs';
import path from 'node:path';
import { isExcluded } from '../analyzer/config/config';
import { relativeToConfig, type ConfigSource } from '../node/config-discovery';

/** Folders never worth linting: VCS data, virtual environments, caches, dependencies. */
const SKIPPED_DIRECTORIES = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', '.ipynb_checkpoints', 'site-packages', '.eggs', 'build', 'dist', '.vscode-test',
]);

export interface FileEntry {
  readonly file: string;
  /** The path as reached from the arguments. */
  readonly displayPath: string;
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

export function collectFiles(
  args: readonly string[],
  configs: ConfigSource,
  withTypeScript: boolean,
  onMissing: (arg: string) => void,
): FileEntry[] {
  const out: FileEntry[] = [];
  const seen = new Set<string>();
  const add = (file: string, displayPath: string) => {
    const real = path.resolve(file);
    if (seen.has(real)) return;
    seen.add(real);
    out.push({ file, displayPath });
  };
  const walk = (dir: string, display: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      onMissing(display);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const shown = path.join(display, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || isVirtualEnvironment(full)) continue;
        const loaded = configs.forFile(path.join(full, '_'));
        if (isExcluded(loaded.config, relativeToConfig(loaded, full))) continue;
        walk(full, shown);
      } else if (entry.isFile() && isLintable(entry.name, withTypeScript)) {
        const loaded = configs.forFile(full);
        if (!isExcluded(loaded.config, relativeToConfig(loaded, full))) add(full, shown);
      }
    }
  };
  for (const arg of args) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch {
      onMissing(arg);
      continue;
    }
    // Explicitly named files are linted even if excluded or unusual, as in Ruff (unless --force-exclude).
    if (stat.isDirectory()) walk(arg, arg);
    else add(arg, arg);
  }
  return out;
}
