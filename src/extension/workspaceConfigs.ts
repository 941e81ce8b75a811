/**
 * pyproject.toml discovery through `vscode.workspace.fs`, for the browser (vscode.dev, github.dev)
 * and for virtual file systems in any host. Same rule as the CLI: the closest pyproject.toml above
 * the file that has a `[tool.normlint]` table; the walk stops at the workspace folder, since above
 * it a virtual file system (a GitHub repository) has nothing to read. Asynchronous: `load` first,
 * then `peek` answers synchronously (code actions and hovers cannot wait).
 */
import * as vscode from 'vscode';
import { ConfigError, parsePyprojectConfig, type NormlintConfig } from '../analyzer/config/config';
import { decodeSource } from '../analyzer/source-text';

export interface WorkspaceConfig {
  readonly config: NormlintConfig;
  /** The pyproject.toml that applies; undefined: none (the defaults). */
  readonly file?: vscode.Uri;
  /** The file's path relative to the pyproject.toml's folder (or the workspace folder), for globs. */
  readonly relativePath: string;
  /** The pyproject.toml was invalid. */
  readonly error?: ConfigError;
}

interface Found {
  readonly config?: NormlintConfig;
  readonly file: vscode.Uri;
  readonly error?: ConfigError;
}

/** `to` relative to the folder `from` (both URI paths), with forward slashes. */
export function relativeUriPath(from: string, to: string): string {
  const base = from.split('/').filter(Boolean);
  const target = to.split('/').filter(Boolean);
  let common = 0;
  while (common < base.length && common < target.length && base[common] === target[common]) common++;
  return [...base.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

/** A name for messages: the path for local files, the URI otherwise. */
export function displayName(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

export class WorkspaceConfigs {
  /** By folder URI: the closest configuration at or above it (undefined: none). */
  private readonly byDirectory = new Map<string, Promise<Found | undefined>>();
  /** By document URI, once loaded. */
  private readonly loaded = new Map<string, WorkspaceConfig>();

  /** Finds the configuration of `uri` (once; `peek` then answers). */
  async load(uri: vscode.Uri): Promise<WorkspaceConfig> {
    const known = this.loaded.get(uri.toString());
    if (known) return known;
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    const found = await this.forDirectory(vscode.Uri.joinPath(uri, '..'), folder);
    const root = found?.file ? vscode.Uri.joinPath(found.file, '..') : folder;
    const result: WorkspaceConfig = {
      config: found?.config ?? {},
      file: found?.file,
      relativePath: root ? relativeUriPath(root.path, uri.path) : uri.path,
      error: found?.error,
    };
    this.loaded.set(uri.toString(), result);
    return result;
  }

  /** The configuration when `load` has found it. */
  peek(uri: vscode.Uri): WorkspaceConfig | undefined {
    return this.loaded.get(uri.toString());
  }

  private forDirectory(dir: vscode.Uri, folder: vscode.Uri | undefined): Promise<Found | undefined> {
    const key = dir.toString();
    let found = this.byDirectory.get(key);
    if (!found) {
      found = (async () => {
        const own = await readConfig(vscode.Uri.joinPath(dir, 'pyproject.toml'));
        if (own) return own;
        const insideFolder = folder !== undefined && dir.path.startsWith(`${folder.path.replace(/\/$/, '')}/`);
        return insideFolder ? this.forDirectory(vscode.Uri.joinPath(dir, '..'), folder) : undefined;
      })();
      this.byDirectory.set(key, found);
    }
    return found;
  }
}

/** A pyproject.toml with a `[tool.normlint]` table, or an invalid one; undefined when absent or without the table. */
async function readConfig(file: vscode.Uri): Promise<Found | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(file);
    if ((stat.type & vscode.FileType.File) === 0) return undefined;
  } catch {
    return undefined;
  }
  const name = displayName(file);
  try {
    const { text } = decodeSource(await vscode.workspace.fs.readFile(file));
    const config = parsePyprojectConfig(text, name);
    return config ? { config, file } : undefined;
  } catch (e) {
    const error = e instanceof ConfigError ? e : new ConfigError(`cannot read: ${e instanceof Error ? e.message : String(e)}`, name);
    return { file, error };
  }
}
