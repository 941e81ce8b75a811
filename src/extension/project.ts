/**
 * Keeps a project index warm per workspace folder, so an open file's imports of other project
 * files resolve (issue 11): Python and TS/JS files alike. Only the `vscode` workspace API: the
 * project files are listed and read ahead once, then kept current from a file watcher; an open
 * document's text wins over the disk. Which files count is shared with the CLI (analyzer/project/files).
 */
import * as vscode from 'vscode';
import type { SourceLanguage } from '../analyzer/model/model';
import { notebookCodeOnly } from '../analyzer/notebook';
import {
  isProjectNotebookPath,
  MAX_PROJECT_FILE_BYTES,
  NOTEBOOK_FILE_EXTENSION,
  projectPathLanguage,
  PYTHON_FILE_EXTENSIONS,
  SCRIPT_FILE_EXTENSIONS,
  SKIPPED_DIRECTORIES,
} from '../analyzer/project/files';
import { ProjectIndex } from '../analyzer/project/index';
import type { Log } from './log';

/**
 * A folder with more project files than this is read only up to it (a checkout of a whole
 * framework): Python files first, then TS/JS files up to what is left, and no notebooks.
 */
const MAX_FILES = 5000;
/** Files read at once while the folder is first read. */
const READ_CONCURRENCY = 16;
const PYTHON_FILES = filesWith(PYTHON_FILE_EXTENSIONS);
const SCRIPT_FILES = filesWith(SCRIPT_FILE_EXTENSIONS);
/** Notebooks count for the callers of the project's functions, as in the CLI (kept as their code cells only). */
const PROJECT_FILES = filesWith([...PYTHON_FILE_EXTENSIONS, ...SCRIPT_FILE_EXTENSIONS, NOTEBOOK_FILE_EXTENSION]);
/** The CLI's skipped folders, hidden ones included (results are checked again by name: `projectPathLanguage`). */
const EXCLUDED = `**/{${[...SKIPPED_DIRECTORIES, '.*'].join(',')}}/**`;

function filesWith(extensions: readonly string[]): string {
  return `**/*.{${extensions.map((e) => e.slice(1)).join(',')}}`;
}

/** Which languages' files changed: open files of those languages may import them. */
export type ProjectChange = ReadonlySet<SourceLanguage>;

interface FolderProject {
  readonly folder: vscode.WorkspaceFolder;
  /** Project files by path relative to the folder; undefined for one listed that cannot be read (too large), as in the CLI. */
  readonly texts: Map<string, string | undefined>;
  /** The folder held more than MAX_FILES project files: files missing from `texts` are expected, notebooks are not listed. */
  readonly capped: boolean;
  index: ProjectIndex;
  /** A re-listing of the folder under way (see `noticeUnknown`). */
  relisting?: Promise<void>;
}

interface FolderListing {
  /** Project files by path relative to the folder. */
  readonly files: Map<string, vscode.Uri>;
  readonly capped: boolean;
}

let current: WorkspaceProjects | undefined;

/** The project of the workspace folder holding `fileName`, once it was read; undefined otherwise. */
export function workspaceProjectFor(fileName: string): ProjectIndex | undefined {
  return current?.projectFor(fileName);
}

/**
 * Starts keeping the workspace's projects warm (disposed with the extension). `onDidChange` runs
 * once the folder was first read and whenever a project file changes on disk, so open files that
 * import it are linted again without being edited.
 */
export function startWorkspaceProjects(log: Log, onDidChange: (change: ProjectChange) => void): vscode.Disposable {
  current?.dispose();
  current = new WorkspaceProjects(log, onDidChange);
  return current;
}

class WorkspaceProjects implements vscode.Disposable {
  private readonly projects = new Map<string, FolderProject>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** Open files the index did not know: each leads to at most one re-listing of its folder. */
  private readonly noticed = new Set<string>();

  constructor(
    private readonly log: Log,
    private readonly onDidChange: (change: ProjectChange) => void,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(PROJECT_FILES);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => void this.read(uri, false)),
      watcher.onDidCreate((uri) => void this.read(uri, true)),
      watcher.onDidDelete((uri) => this.removed(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => (this.warming = this.warm().catch(() => undefined))),
    );
  }

  /** Read on the first lint, not at activation: until then a file is linted alone. */
  private warming: Promise<void> | undefined;

  projectFor(fileName: string): ProjectIndex | undefined {
    this.warming ??= this.warm().catch(() => undefined);
    const uri = vscode.Uri.file(fileName);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const project = folder && this.projects.get(folder.uri.toString());
    if (project) this.noticeUnknown(project, uri);
    return project?.index;
  }

  /**
   * A project file that is linted but missing from the index means the file watcher lost events
   * (inotify misses files written into a folder it has not watched yet, as a checkout or a script
   * does): the folder is listed again, once per such file, and files the watcher never reported
   * are read.
   */
  private noticeUnknown(project: FolderProject, uri: vscode.Uri): void {
    const relative = relativeTo(project.folder, uri);
    if (relative === undefined || project.capped || project.texts.has(relative) || !changedLanguage(relative)) return;
    if (this.noticed.has(uri.toString())) return;
    this.noticed.add(uri.toString());
    project.relisting ??= this.relist(project)
      .catch((e) => this.log.info(`project ${project.folder.name}: listing again failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (project.relisting = undefined));
  }

  private async relist(project: FolderProject): Promise<void> {
    const { files } = await this.listFolder(project.folder);
    const added = [...files].filter(([relative]) => !project.texts.has(relative));
    const gone = [...project.texts.keys()].filter((relative) => !files.has(relative));
    const texts = await this.readAll(added);
    if (this.disposed || this.projects.get(project.folder.uri.toString()) !== project) return;
    for (const relative of gone) project.texts.delete(relative);
    for (const [relative, text] of texts) project.texts.set(relative, text);
    if (gone.length === 0 && texts.size === 0) return;
    this.log.info(`project ${project.folder.name}: ${texts.size} files added and ${gone.length} removed that the file watcher had not reported`);
    project.index = indexOf(project.folder, project.texts, project.capped);
    this.onDidChange(new Set([...gone, ...texts.keys()].map((relative) => changedLanguage(relative)!)));
  }

  private async warm(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const live = new Set(folders.map((f) => f.uri.toString()));
    for (const key of this.projects.keys()) if (!live.has(key)) this.projects.delete(key);
    const added = new Set<SourceLanguage>();
    for (const folder of folders) {
      if (this.projects.has(folder.uri.toString())) continue;
      const started = performance.now();
      const { files, capped } = await this.listFolder(folder);
      const listed = performance.now();
      const texts = await this.readAll(files);
      if (this.disposed) return;
      const ms = (from: number, to: number) => `${(to - from).toFixed(0)} ms`;
      if (capped) this.log.info(`project ${folder.name}: more than ${MAX_FILES} files; the rest stay out of the project (their imports stay unknown)`);
      this.log.info(`project ${folder.name}: ${texts.size} files listed in ${ms(started, listed)}, read in ${ms(listed, performance.now())}`);
      this.projects.set(folder.uri.toString(), { folder, texts, capped, index: indexOf(folder, texts, capped) });
      for (const relative of texts.keys()) added.add(changedLanguage(relative)!);
    }
    if (added.size > 0 && !this.disposed) this.onDidChange(added);
  }

  /** The folder's project files: Python files first, then TS/JS files up to the cap. */
  private async listFolder(folder: vscode.WorkspaceFolder): Promise<FolderListing> {
    const find = (pattern: string, max: number) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), EXCLUDED, max);
    let uris = await find(PROJECT_FILES, MAX_FILES + 1);
    const capped = uris.length > MAX_FILES;
    if (capped) {
      const python = await find(PYTHON_FILES, MAX_FILES);
      uris = [...python, ...(python.length < MAX_FILES ? await find(SCRIPT_FILES, MAX_FILES - python.length) : [])];
    }
    const files = new Map<string, vscode.Uri>();
    for (const uri of uris) {
      const relative = relativeTo(folder, uri);
      if (relative !== undefined && changedLanguage(relative)) files.set(relative, uri);
    }
    return { files, capped };
  }

  /** The texts of the given files, a few at a time; undefined for files that cannot be read. */
  private async readAll(files: Iterable<[string, vscode.Uri]>): Promise<Map<string, string | undefined>> {
    const wanted = [...files];
    const texts = new Map<string, string | undefined>();
    for (let at = 0; at < wanted.length && !this.disposed; at += READ_CONCURRENCY) {
      const batch = wanted.slice(at, at + READ_CONCURRENCY);
      const read = await Promise.all(batch.map(([, uri]) => readText(uri, this.log)));
      batch.forEach(([relative], i) => texts.set(relative, read[i]));
    }
    return texts;
  }

  private async read(uri: vscode.Uri, created: boolean): Promise<void> {
    const project = this.projectOf(uri);
    const relative = project && relativeTo(project.folder, uri);
    const language = relative !== undefined ? changedLanguage(relative) : undefined;
    if (!project || relative === undefined || !language) return;
    const text = await readText(uri, this.log);
    if (this.disposed || (!created && project.texts.has(relative) && project.texts.get(relative) === text)) return;
    // One that cannot be read stays listed: what it may import or call is unknown, not absent.
    project.texts.set(relative, text);
    // A new index, also for new content: analyses cached against the old one are stale.
    project.index = indexOf(project.folder, project.texts, project.capped);
    this.onDidChange(new Set([language]));
  }

  private removed(uri: vscode.Uri): void {
    const project = this.projectOf(uri);
    const relative = project && relativeTo(project.folder, uri);
    const language = relative !== undefined ? changedLanguage(relative) : undefined;
    if (!project || relative === undefined || !language || !project.texts.delete(relative)) return;
    project.index = indexOf(project.folder, project.texts, project.capped);
    this.onDidChange(new Set([language]));
  }

  private projectOf(uri: vscode.Uri): FolderProject | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && this.projects.get(folder.uri.toString());
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.projects.clear();
    if (current === this) current = undefined;
  }
}

/** The language whose open files a change of this project file may concern (a notebook's: Python); undefined for other files. */
function changedLanguage(relative: string): SourceLanguage | undefined {
  return projectPathLanguage(relative) ?? (isProjectNotebookPath(relative) ? 'python' : undefined);
}

function indexOf(folder: vscode.WorkspaceFolder, texts: ReadonlyMap<string, string | undefined>, capped: boolean): ProjectIndex {
  return new ProjectIndex(folder.uri.path, {
    files: texts.keys(),
    // A capped listing may miss callers anywhere: the analysis then keeps to the file's own.
    notebooks: !capped,
    read: (relative) => {
      // Unsaved edits of an open file count, as in the file itself.
      const uri = vscode.Uri.joinPath(folder.uri, relative).toString();
      return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.getText() ?? texts.get(relative);
    },
    locate: (fileName) => relativeTo(folder, vscode.Uri.file(fileName)),
  });
}

function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string | undefined {
  const base = folder.uri.path.replace(/\/$/, '');
  return uri.path.startsWith(`${base}/`) ? uri.path.slice(base.length + 1) : undefined;
}

/** A file's text (a notebook's code cells only); undefined, with a log line, when it cannot be read or is too large to keep. */
async function readText(uri: vscode.Uri, log: Log): Promise<string | undefined> {
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_PROJECT_FILE_BYTES) {
      log.info(`project: ${uri.toString(true)} left out (${(size / 1024 / 1024).toFixed(1)} MB, over ${MAX_PROJECT_FILE_BYTES / 1024 / 1024} MB)`);
      return undefined;
    }
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return uri.path.endsWith(NOTEBOOK_FILE_EXTENSION) ? notebookCodeOnly(text) : text;
  } catch (e) {
    log.info(`project: ${uri.toString(true)} left out (cannot be read: ${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}
