/**
 * Which files make up a project, the same for every adapter: the CLI and the API walk the disk,
 * the editor asks VS Code for them. Python and TS/JS sources, outside folders never worth reading.
 * Names only: nothing here touches the file system.
 */
import type { SourceLanguage } from '../model/model';

/** Folders never worth linting: VCS data, virtual environments, caches, dependencies, build output. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.ipynb_checkpoints',
  'site-packages',
  '.eggs',
  'build',
  'dist',
  '.vscode-test',
]);

/** The Python files of a project. */
export const PYTHON_FILE_EXTENSIONS: readonly string[] = ['.py'];
/** The TS/JS files a relative import can name (declaration files hold no code to read). */
export const SCRIPT_FILE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const DECLARATION_FILE = /\.d\.[mc]?ts$/;

/**
 * Notebooks are listed beside the project's files for the callers of its functions (a library's
 * `fit(model)` called from a notebook); no import resolves to one.
 */
export const NOTEBOOK_FILE_EXTENSION = '.ipynb';

/** Larger files are never read for their definitions (the analyzer skips generated code of this size anyway). */
export const MAX_PROJECT_FILE_BYTES = 2 * 1024 * 1024;

/** A folder skipped with everything in it: one of the above, or hidden (`.cache`, `.idea`). */
export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name) || name.startsWith('.');
}

/** The language of a project file, by its name; undefined for any other file. */
export function projectFileLanguage(name: string): SourceLanguage | undefined {
  if (PYTHON_FILE_EXTENSIONS.some((e) => name.endsWith(e))) return 'python';
  if (SCRIPT_FILE_EXTENSIONS.some((e) => name.endsWith(e)) && !DECLARATION_FILE.test(name)) return 'typescript';
  return undefined;
}

/**
 * The language of a file given by its path inside the project (forward slashes), or undefined when
 * it is no project file or lies in a skipped folder.
 */
export function projectPathLanguage(relativePath: string): SourceLanguage | undefined {
  const parts = relativePath.split('/');
  const name = parts.pop();
  if (!name || parts.some(isSkippedDirectory)) return undefined;
  return projectFileLanguage(name);
}

/**
 * Whether a path inside the project (forward slashes) names a file the project index lists: a
 * Python or TS/JS file, or a notebook, outside skipped folders.
 */
export function isProjectListedPath(relativePath: string): boolean {
  return projectPathLanguage(relativePath) !== undefined || isProjectNotebookPath(relativePath);
}

/** A notebook outside skipped folders, by its path inside the project. */
export function isProjectNotebookPath(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const name = parts.pop();
  return !!name && name.endsWith(NOTEBOOK_FILE_EXTENSION) && !parts.some(isSkippedDirectory);
}
