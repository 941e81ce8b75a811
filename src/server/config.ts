/**
 * What governs one document in the language server: the client's `normlint.*` settings (the VS Code
 * extension's names) merged over the `[tool.normlint]` table of the closest pyproject.toml, found as
 * the CLI finds it. Settings win over the file, as in Ruff's server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import { ConfigError, isExcluded, type NormlintConfig } from '../analyzer/config/config';
import { settingsFrom, type DocumentConfig, type Settings } from '../editor/settings';

export type { DocumentConfig };
import { ConfigResolver, relativeToConfig, type LoadedConfig } from '../node/config-discovery';

/** The `normlint` section of what a client sends: `{normlint: {...}}`, `{settings: {...}}` or the section itself. */
export function settingsSection(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const object = raw as Record<string, unknown>;
  const inner = object['normlint'] ?? object['settings'];
  if (typeof inner === 'object' && inner !== null) return settingsSection(inner) ?? (inner as Record<string, unknown>);
  return object;
}

export function filePathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export class ServerConfigs {
  folders: readonly WorkspaceFolder[] = [];
  /** Settings pushed by the client (initializationOptions, workspace/didChangeConfiguration). */
  private pushed: Record<string, unknown> | undefined;
  private readonly settingsByScope = new Map<string, Promise<Settings>>();
  private resolvers = new Map<string, ConfigResolver>();
  /** pyproject.toml files in use → their modification time when read, to notice edits. */
  private readonly configFiles = new Map<string, number>();
  private readonly watchers = new Map<string, fs.FSWatcher>();

  constructor(
    private readonly connection: Connection,
    /** Whether the client answers `workspace/configuration`. */
    private readonly canPullSettings: boolean,
    /** Whether to watch pyproject.toml files ourselves (the client cannot watch files for us). */
    private readonly watchFiles: boolean,
    /** Called when a pyproject.toml in use changed: everything open is linted again. */
    private readonly onConfigFileChanged: () => void,
    private readonly onConfigError: (error: ConfigError) => void,
  ) {}

  /** Bumped whenever settings or configuration files change: part of pull-diagnostic result ids. */
  generation = 0;

  setPushedSettings(raw: unknown): void {
    this.pushed = settingsSection(raw);
    this.settingsChanged();
  }

  /** Settings are asked for again on next use. */
  settingsChanged(): void {
    this.settingsByScope.clear();
    this.generation++;
  }

  /** Every pyproject.toml is read again on next use (one changed, was created or deleted). */
  resetConfigFiles(): void {
    this.resolvers = new Map();
    this.configFiles.clear();
    this.generation++;
  }

  /** True (and everything re-read) when a pyproject.toml in use changed since it was read. */
  private reloadIfChanged(): boolean {
    for (const [file, mtime] of this.configFiles) {
      if (mtimeOf(file) !== mtime) {
        this.resetConfigFiles();
        return true;
      }
    }
    return false;
  }

  folderOf(uri: string): WorkspaceFolder | undefined {
    return this.folders
      .filter((f) => uri === f.uri || uri.startsWith(f.uri.endsWith('/') ? f.uri : `${f.uri}/`))
      .sort((a, b) => b.uri.length - a.uri.length)[0];
  }

  async settingsFor(uri: string): Promise<Settings> {
    const scope = this.folderOf(uri)?.uri ?? '';
    let settings = this.settingsByScope.get(scope);
    if (!settings) {
      settings = this.fetchSettings(scope || uri);
      this.settingsByScope.set(scope, settings);
    }
    return settings;
  }

  private async fetchSettings(scopeUri: string): Promise<Settings> {
    let section: Record<string, unknown> | undefined;
    if (this.canPullSettings) {
      try {
        section = settingsSection(await this.connection.workspace.getConfiguration({ scopeUri, section: 'normlint' }));
      } catch (e) {
        this.connection.console.warn(`workspace/configuration failed, using pushed settings: ${String(e)}`);
      }
    }
    // Clients answer null for a section they do not know: the pushed settings then apply.
    const raw = { ...this.pushed, ...section };
    return settingsFrom((key) => raw[key]);
  }

  async forUri(uri: string): Promise<DocumentConfig> {
    const settings = await this.settingsFor(uri);
    const withSettings = (base: NormlintConfig): NormlintConfig => ({ ...base, severity: { ...base.severity, ...settings.severity } });
    const folder = this.folderOf(uri);
    const folderPath = folder && filePathOf(folder.uri);
    const file = filePathOf(uri);
    const relativeTo = (root: string | undefined, target: string) => (root ? path.relative(root, target) : target).split(path.sep).join('/');
    const settingsExcluded = (relative: string) => settings.exclude.length > 0 && isExcluded({ exclude: settings.exclude }, relative);
    if (!file) {
      // Untitled and virtual documents: the settings alone (pyproject.toml is read from disk).
      const relative = new URL(uri).pathname.replace(/^\//, '');
      return { settings, config: withSettings({}), relativePath: relative, excluded: settingsExcluded(relative) };
    }
    if (this.reloadIfChanged()) this.onConfigFileChanged();
    const root = folderPath ?? path.dirname(file);
    const excludedBySettings = settingsExcluded(relativeTo(folderPath, file));
    let loaded: LoadedConfig;
    try {
      loaded = this.resolverFor(root).forFile(file);
      if (loaded.file) this.noticeConfigFile(loaded.file);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.noticeConfigFile(e.file);
      this.onConfigError(e);
      // Lint with the settings alone while the file is broken, as Ruff's server does.
      return { settings, config: withSettings({}), relativePath: relativeTo(root, file), excluded: excludedBySettings, error: e };
    }
    const relativePath = relativeToConfig(loaded, file);
    return {
      settings,
      config: withSettings(loaded.config),
      relativePath,
      configFile: loaded.file,
      excluded: excludedBySettings || isExcluded(loaded.config, relativePath),
    };
  }

  resolverFor(root: string): ConfigResolver {
    let resolver = this.resolvers.get(root);
    if (!resolver) this.resolvers.set(root, (resolver = new ConfigResolver(root)));
    return resolver;
  }

  /**
   * Remembers a pyproject.toml in use, to notice edits behind our back: its modification time is
   * checked on every use, and it is watched when the client cannot watch files for us.
   */
  private noticeConfigFile(file: string): void {
    if (!this.configFiles.has(file)) this.configFiles.set(file, mtimeOf(file));
    if (!this.watchFiles || this.watchers.has(file)) return;
    try {
      // Editors save in several steps (truncate, write, rename): one reload once they are done.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const watcher = fs.watch(file, { persistent: false }, () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          if (this.reloadIfChanged()) this.onConfigFileChanged();
        }, 50);
      });
      watcher.on('error', () => this.watchers.delete(file));
      this.watchers.set(file, watcher);
    } catch {
      // Not watchable (network drive): the modification time check still catches edits.
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
