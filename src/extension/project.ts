/**
 * Keeps a project index warm per workspace folder, so an open file's imports of other project
 * files resolve (issue 11). Only the `vscode` workspace API: the Python files are listed and read
 * ahead once, then kept current from a file watcher; an open document's text wins over the disk.
 */
import * as vscode from 'vscode';
import { ProjectIndex } from '../analyzer/project/index';

/** A folder with more Python files than this is read only up to it (a checkout of a whole framework). */
const MAX_FILES = 5000;
/** Larger files are not kept (the analyzer skips generated code of this size anyway). */
const MAX_BYTES = 2 * 1024 * 1024;
const EXCLUDED = '**/{node_modules,.git,.hg,.svn,.venv,venv,.tox,.nox,site-packages,__pycache__,build,dist}/**';

interface FolderProject {
  readonly folder: vscode.WorkspaceFolder;
  readonly texts: Map<string, string>;
  index: ProjectIndex;
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
export function startWorkspaceProjects(onDidChange: () => void): vscode.Disposable {
  current?.dispose();
  current = new WorkspaceProjects(onDidChange);
  return current;
}

class WorkspaceProjects implements vscode.Disposable {
  private readonly projects = new Map<string, FolderProject>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(private readonly onDidChange: () => void) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
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
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(fileName));
    return folder && this.projects.get(folder.uri.toString())?.index;
  }

  private async warm(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const live = new Set(folders.map((f) => f.uri.toString()));
    for (const key of this.projects.keys()) if (!live.has(key)) this.projects.delete(key);
    let added = false;
    for (const folder of folders) {
      if (this.projects.has(folder.uri.toString())) continue;
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.py'), EXCLUDED, MAX_FILES);
      const texts = new Map<string, string>();
      for (const uri of uris) {
        const text = await readText(uri);
        const relative = relativeTo(folder, uri);
        if (text !== undefined && relative !== undefined) texts.set(relative, text);
      }
      if (this.disposed) return;
      this.projects.set(folder.uri.toString(), { folder, texts, index: indexOf(folder, texts) });
      added = true;
    }
    if (added && !this.disposed) this.onDidChange();
  }

  private async read(uri: vscode.Uri, created: boolean): Promise<void> {
    const project = this.projectOf(uri);
    const relative = project && relativeTo(project.folder, uri);
    if (!project || relative === undefined) return;
    const text = await readText(uri);
    if (this.disposed || (!created && text !== undefined && project.texts.get(relative) === text)) return;
    if (text === undefined) project.texts.delete(relative);
    else project.texts.set(relative, text);
    // A new index, also for new content: analyses cached against the old one are stale.
    project.index = indexOf(project.folder, project.texts);
    this.onDidChange();
  }

  private removed(uri: vscode.Uri): void {
    const project = this.projectOf(uri);
    const relative = project && relativeTo(project.folder, uri);
    if (!project || relative === undefined || !project.texts.delete(relative)) return;
    project.index = indexOf(project.folder, project.texts);
    this.onDidChange();
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

function indexOf(folder: vscode.WorkspaceFolder, texts: ReadonlyMap<string, string>): ProjectIndex {
  return new ProjectIndex(folder.uri.path, {
    files: texts.keys(),
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

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.byteLength > MAX_BYTES ? undefined : new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
