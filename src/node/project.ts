/**
 * Project indexes read from disk for the CLI and the API: one per project root, listing its Python
 * and TS/JS files once and reading each file's text on first use. A file's text is kept while its size and
 * modification time stay the same, so an edited file is read again (per file, not per project).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isProjectListedPath, isSkippedDirectory, MAX_PROJECT_FILE_BYTES, projectFileLanguage, projectPathLanguage } from '../analyzer/project/files';
import { ProjectIndex } from '../analyzer/project/index';

/** Re-exported for the CLI's own walk, which shares the project's skipped folders. */
export { SKIPPED_DIRECTORIES } from '../analyzer/project/files';

/** A root with more Python files than this is not indexed (a home folder, a whole disk); TS/JS files past it are left out. */
const MAX_PROJECT_FILES = 20000;

interface CachedText {
  readonly size: number;
  readonly mtimeMs: number;
  readonly text: string | undefined;
}

const indexes = new Map<string, ProjectIndex>();
const texts = new Map<string, CachedText>();

/** The index of the project rooted at `root` (a folder), built on first use; undefined if it cannot be listed. */
export function projectIndexFor(root: string): ProjectIndex | undefined {
  const absolute = path.resolve(root);
  const cached = indexes.get(absolute);
  if (cached) return cached;
  const files = listProjectFiles(absolute);
  if (!files) return undefined;
  const index = indexOver(absolute, files);
  indexes.set(absolute, index);
  return index;
}

/** A project index over a known listing (files relative to `absolute`, forward slashes). */
function indexOver(absolute: string, files: Iterable<string>): ProjectIndex {
  return new ProjectIndex(absolute, {
    files,
    notebooks: true,
    read: (relative) => readCached(path.join(absolute, relative)),
    locate: (fileName) => {
      const relative = path.relative(absolute, path.resolve(fileName));
      return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
    },
  });
}

/** A file created, changed or deleted on disk, as an editor's file watcher reports it. */
export interface ProjectFileChange {
  readonly file: string;
  readonly kind: 'created' | 'changed' | 'deleted';
}

/**
 * Brings the projects that hold these files up to date without listing their folders again: a
 * created project file joins the listing, a deleted one (or every file under a deleted folder)
 * leaves it. Each such project gets a new index, also for changed content, so that nothing an
 * analysis memoized per index outlives the change; texts are read again by modification time.
 */
export function projectFilesChanged(changes: readonly ProjectFileChange[]): void {
  for (const [root, index] of indexes) {
    const here = changes.flatMap((change) => {
      const relative = index.relativePath(change.file);
      return relative === undefined ? [] : [{ relative, kind: change.kind }];
    });
    if (here.length === 0) continue;
    const files = new Set(index.fileNames);
    for (const { relative, kind } of here) {
      if (kind === 'created' && isProjectListedPath(relative)) files.add(relative);
      if (kind !== 'deleted') continue;
      files.delete(relative);
      for (const file of files) if (file.startsWith(`${relative}/`)) files.delete(file);
    }
    indexes.set(root, indexOver(root, files));
  }
}

/** Forgets a project's file list (a file was added or removed); texts stay cached per file. */
export function forgetProject(root: string): void {
  indexes.delete(path.resolve(root));
}

function readCached(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    texts.delete(file);
    return undefined;
  }
  const cached = texts.get(file);
  if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.text;
  let text: string | undefined;
  try {
    text = stat.isFile() && stat.size <= MAX_PROJECT_FILE_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    text = undefined;
  }
  texts.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, text });
  return text;
}

/** The project's `.py` and TS/JS files relative to `root` (forward slashes), each folder entered once. */
function listProjectFiles(root: string): string[] | undefined {
  const files: string[] = [];
  let scripts = 0;
  const entered = new Set<string>();
  const walk = (dir: string, relative: string): boolean => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (entered.has(real)) return true;
      entered.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && !!fs.statSync(full, { throwIfNoEntry: false })?.isDirectory());
      if (isDirectory) {
        if (isSkippedDirectory(entry.name)) continue;
        if (!walk(full, child)) return false;
        continue;
      }
      const language = projectFileLanguage(entry.name);
      // Notebooks are listed for the callers of a project's functions; no import resolves to one.
      if (language === 'python' || entry.name.endsWith('.ipynb')) {
        files.push(child);
        if (files.length - scripts > MAX_PROJECT_FILES) return false;
      } else if (language === 'typescript' && scripts < MAX_PROJECT_FILES) {
        // Past the limit TS/JS files are left out (their imports stay unknown); Python files still count.
        files.push(child);
        scripts++;
      }
    }
    return true;
  };
  return walk(root, '') ? files : undefined;
}

/** The editor's or server's workspace folders, longest first: each is a project. */
let workspaceRoots: string[] = [];

export function setWorkspaceRoots(roots: readonly string[]): void {
  workspaceRoots = roots.map((root) => path.resolve(root)).sort((a, b) => b.length - a.length);
}

/** Files linted while missing from their project's listing: each leads to one listing again. */
const relisted = new Set<string>();

/**
 * The project of the workspace folder that holds `fileName`, if any (files outside stay alone).
 * A project file missing from the listing was created since (and the client reports no file
 * events, or lost them): the folder is listed again, once per such file.
 */
export function projectForFile(fileName: string): ProjectIndex | undefined {
  const file = path.resolve(fileName);
  const root = workspaceRoots.find((r) => file.startsWith(r.endsWith(path.sep) ? r : `${r}${path.sep}`));
  if (root === undefined) return undefined;
  const index = projectIndexFor(root);
  const relative = index?.relativePath(file);
  if (!index || relative === undefined || index.has(relative) || !projectPathLanguage(relative) || relisted.has(file)) return index;
  relisted.add(file);
  forgetProject(root);
  return projectIndexFor(root);
}
