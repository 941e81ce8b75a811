/**
 * What governs one document: the `normlint.*` settings merged over the `[tool.normlint]` table of
 * the closest pyproject.toml (found exactly as the CLI finds it). Settings win over the file, as
 * in Ruff's editor integration: a severity set in settings replaces the file's.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { ConfigError, isExcluded, type NormlintConfig } from '../analyzer/config/config';
import { expandSeverity, settingsFrom, type DocumentConfig, type RunMode, type Settings } from '../editor/settings';
import { escapeRegExp } from '../analyzer/text';
import { ConfigResolver, relativeToConfig } from '../node/config-discovery';
import type { Log, LogLevel } from './log';

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

/** Resolves and caches configurations; `reset()` when a pyproject.toml changes. */
export class ConfigService implements vscode.Disposable {
  private resolvers = new Map<string, ConfigResolver>();
  /** Invalid pyproject.toml files, shown in Problems at the offending key. */
  private readonly configErrors = vscode.languages.createDiagnosticCollection('normlint-config');
  private readonly reported = new Set<string>();

  constructor(private readonly log: Log) {}

  reset(): void {
    this.resolvers = new Map();
    this.configErrors.clear();
    this.reported.clear();
  }

  /** The configuration for a document or file URI (`scope` decides resource-scoped settings). */
  forUri(uri: vscode.Uri, scope: vscode.ConfigurationScope | undefined = uri): DocumentConfig {
    const settings = readSettings(scope);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const withSettings = (base: NormlintConfig): NormlintConfig => ({ ...base, severity: { ...base.severity, ...settings.severity } });
    const settingsExcluded = (file: string) => {
      if (settings.exclude.length === 0) return false;
      const relative = folder ? path.relative(folder.uri.fsPath, file).split(path.sep).join('/') : file.split(path.sep).join('/');
      return isExcluded({ exclude: settings.exclude }, relative);
    };
    if (uri.scheme !== 'file') {
      // Virtual file systems and untitled documents: the settings alone (pyproject.toml is read from disk).
      const relative = folder ? path.posix.relative(folder.uri.path, uri.path) : uri.path;
      return {
        settings,
        config: withSettings({}),
        relativePath: relative,
        excluded: settings.exclude.length > 0 && isExcluded({ exclude: settings.exclude }, relative),
      };
    }
    const file = uri.fsPath;
    const root = folder?.uri.fsPath ?? path.dirname(file);
    let resolver = this.resolvers.get(root);
    if (!resolver) this.resolvers.set(root, (resolver = new ConfigResolver(root)));
    try {
      const loaded = resolver.forFile(file);
      const relativePath = relativeToConfig(loaded, file);
      return {
        settings,
        config: withSettings(loaded.config),
        relativePath,
        configFile: loaded.file,
        excluded: settingsExcluded(file) || isExcluded(loaded.config, relativePath),
      };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      this.reportConfigError(e);
      // Lint with the settings alone while the file is broken, as Ruff's server does.
      return {
        settings,
        config: withSettings({}),
        relativePath: path.relative(root, file).split(path.sep).join('/'),
        excluded: settingsExcluded(file),
        error: e,
      };
    }
  }

  private reportConfigError(error: ConfigError): void {
    if (this.reported.has(error.message)) return;
    this.reported.add(error.message);
    this.log.error(`invalid configuration, using the editor settings alone: ${error.message}`);
    const line = error.line !== undefined ? error.line - 1 : lineOfError(error);
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(line, 0, line, 1000),
      `NormLint configuration: ${error.message.replace(`${error.file}${error.line ? `:${error.line}` : ''}: `, '')}`,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'normlint';
    this.configErrors.set(vscode.Uri.file(error.file), [diagnostic]);
  }

  dispose(): void {
    this.configErrors.dispose();
  }
}

/** Where in the file an error without a line points: the entry it quotes, else its table or key. */
function lineOfError(error: ConfigError): number {
  let lines: string[];
  try {
    lines = fs.readFileSync(error.file, 'utf8').split(/\r?\n/);
  } catch {
    return 0;
  }
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
