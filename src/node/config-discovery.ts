/**
 * Finds the configuration for a file the way Ruff does: the closest `pyproject.toml` above it
 * that has a `[tool.normlint]` table. Shared by the CLI and the extension.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parsePyprojectConfig, type NormlintConfig } from '../analyzer/config/config';
import { osMessage } from './read-source';

export interface LoadedConfig {
  readonly config: NormlintConfig;
  /** The config file, or undefined for the built-in defaults. */
  readonly file?: string;
  /** Paths in `per-file-ignores` and `exclude` are relative to this folder. */
  readonly root: string;
}

/** A configuration file's text; an unreadable one (permissions, a folder by that name) is a ConfigError naming it. */
function readConfigText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read: ${osMessage(e)}`, file);
  }
}

export function loadConfigFile(file: string): LoadedConfig {
  const text = readConfigText(file);
  const config = parsePyprojectConfig(text, file);
  // An explicit --config without the table is still a valid (empty) configuration.
  return { config: config ?? {}, file, root: path.dirname(path.resolve(file)) };
}

/** Anything that says which configuration governs a file. */
export interface ConfigSource {
  forFile(filePath: string): LoadedConfig;
}

/** A single configuration for every file (`--config FILE`). */
export function fixedConfig(loaded: LoadedConfig): ConfigSource {
  return { forFile: () => loaded };
}

export class ConfigResolver implements ConfigSource {
  private readonly byDirectory = new Map<string, LoadedConfig | undefined>();

  constructor(private readonly fallbackRoot: string = process.cwd()) {}

  /** The configuration governing `filePath`; throws ConfigError for an invalid file. */
  forFile(filePath: string): LoadedConfig {
    return this.forDirectory(path.dirname(path.resolve(filePath))) ?? { config: {}, root: this.fallbackRoot };
  }

  private forDirectory(dir: string): LoadedConfig | undefined {
    if (this.byDirectory.has(dir)) return this.byDirectory.get(dir);
    let found: LoadedConfig | undefined;
    const candidate = path.join(dir, 'pyproject.toml');
    if (fs.existsSync(candidate)) {
      const config = parsePyprojectConfig(readConfigText(candidate), candidate);
      if (config) found = { config, file: candidate, root: dir };
    }
    if (!found) {
      const parent = path.dirname(dir);
      found = parent !== dir ? this.forDirectory(parent) : undefined;
    }
    this.byDirectory.set(dir, found);
    return found;
  }
}

/** `file` relative to the config's folder, with forward slashes, for globs. */
export function relativeToConfig(loaded: LoadedConfig, file: string): string {
  return path.relative(loaded.root, path.resolve(file)).split(path.sep).join('/');
}
