/**
 * What governs one document: the `normlint.*` settings merged over the `[tool.normlint]` table of
 * the closest pyproject.toml (found exactly as the CLI finds it). Settings win over the file, as
 * in Ruff's editor integration: a severity set in settings replaces the file's.
 */
import * as vscode from 'vscode';
import { ConfigError, isExcluded, type NormlintConfig } from '../analyzer/config/config';
import { decodeSource } from '../analyzer/source-text';
import { expandSeverity, settingsFrom, type DocumentConfig, type RunMode, type Settings } from '../editor/settings';
import { escapeRegExp } from '../analyzer/text';
import type { ExtensionHost, LocalConfigs } from './host';
import type { Log, LogLevel } from './log';
import { relativeUriPath, WorkspaceConfigs, type WorkspaceConfig } from './workspaceConfigs';

export { expandSeverity };

export const SECTION = 'normlint';
export type { DocumentConfig, RunMode, Settings };

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return settingsFrom((key) => c.get(key));
}

export function readLogLevel(): LogLevel {
  const level = vscode.workspace.getConfiguration(SECTION).get<string>('logLevel', 'info');
  return (['off', 'error', 'warn', 'info', 'debug'] as const).find((l) => l === level) ?? 'info';
}

/** Documents whose settings alone apply: nothing on any disk to look for a pyproject.toml around. */
const SETTINGS_ONLY_SCHEMES = new Set(['untitled', 'vscode-notebook-cell']);

/**
 * Resolves and caches configurations; `reset()` when a pyproject.toml changes. Local files in the
 * Node host are looked up synchronously, as by the CLI; every other document (the browser host,
 * virtual file systems) needs `ready(uri)` first, and has the settings alone until then.
 */
export class ConfigService implements vscode.Disposable {
  private local: LocalConfigs | undefined;
  private workspace = new WorkspaceConfigs();
  /** Invalid pyproject.toml files, shown in Problems at the offending key. */
  private readonly configErrors = vscode.languages.createDiagnosticCollection('normlint-config');
  private readonly reported = new Set<string>();

  constructor(
    private readonly log: Log,
    private readonly host: Pick<ExtensionHost, 'localConfigs'>,
  ) {
    this.local = host.localConfigs?.();
  }

  reset(): void {
    this.local = this.host.localConfigs?.();
    this.workspace = new WorkspaceConfigs();
    this.configErrors.clear();
    this.reported.clear();
  }

  private isLocal(uri: vscode.Uri): boolean {
    return this.local !== undefined && uri.scheme === 'file';
  }

  /** Finds the pyproject.toml of a document that is not on the local disk (a no-op for local files). */
  async ready(uri: vscode.Uri): Promise<void> {
    if (this.isLocal(uri) || SETTINGS_ONLY_SCHEMES.has(uri.scheme)) return;
    const found = await this.workspace.load(uri);
    if (found.error && found.file) this.reportConfigError(found.error, found.file);
  }

  /** The configuration for a document or file URI (`scope` decides resource-scoped settings). */
  forUri(uri: vscode.Uri, scope: vscode.ConfigurationScope | undefined = uri): DocumentConfig {
    const settings = readSettings(scope);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const withSettings = (base: NormlintConfig): NormlintConfig => ({ ...base, severity: { ...base.severity, ...settings.severity } });
    const local = this.isLocal(uri) ? this.local : undefined;
    // `normlint.exclude` globs are relative to the workspace folder.
    const folderRelative = !folder ? uri.path : local ? local.relative(folder.uri.fsPath, uri.fsPath) : relativeUriPath(folder.uri.path, uri.path);
    const settingsExcluded = settings.exclude.length > 0 && isExcluded({ exclude: settings.exclude }, folderRelative);
    const found: WorkspaceConfig = local ? this.localConfig(local, uri, folder) : (this.workspace.peek(uri) ?? { config: {}, relativePath: folderRelative });
    if (found.error) {
      // Lint with the settings alone while the file is broken, as Ruff's server does.
      return { settings, config: withSettings({}), relativePath: folderRelative, excluded: settingsExcluded, error: found.error };
    }
    return {
      settings,
      config: withSettings(found.config),
      relativePath: found.relativePath,
      configFile: found.file && (found.file.scheme === 'file' ? found.file.fsPath : found.file.toString(true)),
      excluded: settingsExcluded || isExcluded(found.config, found.relativePath),
    };
  }

  private localConfig(local: LocalConfigs, uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): WorkspaceConfig {
    try {
      const loaded = local.forFile(folder?.uri.fsPath, uri.fsPath);
      return {
        config: loaded.config,
        file: loaded.file !== undefined ? vscode.Uri.file(loaded.file) : undefined,
        relativePath: local.relative(loaded.root, uri.fsPath),
      };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.reportConfigError(e, vscode.Uri.file(e.file));
      return { config: {}, relativePath: '', error: e };
    }
  }

  /** Logs an invalid pyproject.toml once and shows it in Problems, at the offending line. */
  private reportConfigError(error: ConfigError, file: vscode.Uri): void {
    if (this.reported.has(error.message)) return;
    this.reported.add(error.message);
    this.log.error(`invalid configuration, using the editor settings alone: ${error.message}`);
    const show = (text: string | undefined) => {
      if (!this.reported.has(error.message)) return; // reset meanwhile
      const line = error.line !== undefined ? error.line - 1 : text !== undefined ? lineOfError(error, text) : 0;
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, 1000),
        `NormLint configuration: ${error.message.replace(`${error.file}${error.line ? `:${error.line}` : ''}: `, '')}`,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'normlint';
      this.configErrors.set(file, [diagnostic]);
    };
    if (error.line !== undefined) show(undefined);
    else
      vscode.workspace.fs.readFile(file).then(
        (bytes) => show(decodeSource(bytes).text),
        () => show(undefined),
      );
  }

  dispose(): void {
    this.configErrors.dispose();
  }
}

/** Where in the file an error without a line points: the entry it quotes, else its table or key. */
function lineOfError(error: ConfigError, text: string): number {
  const lines = text.split(/\r?\n/);
  const quoted = /"([^"]+)"/.exec(error.message.slice(error.message.indexOf(': ') + 2))?.[1];
  const patterns = [
    ...(quoted ? [new RegExp(`^\\s*"?${escapeRegExp(quoted)}"?\\s*=`)] : []),
    ...(error.key
      ? [new RegExp(`^\\s*\\[\\s*tool\\.normlint\\.${escapeRegExp(error.key)}\\s*\\]`), new RegExp(`^\\s*"?${escapeRegExp(error.key)}"?\\s*=`)]
      : []),
  ];
  for (const pattern of patterns) {
    const index = lines.findIndex((l) => pattern.test(l));
    if (index >= 0) return index;
  }
  return 0;
}
