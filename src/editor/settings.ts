/** The `normlint.*` editor settings, read the same way by the VS Code extension and the language server. */
import type { ConfigError, NormlintConfig, SeveritySetting } from '../analyzer/config/config';
import { allRules } from '../analyzer/rules';

export type RunMode = 'onType' | 'onSave';
export const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface Settings {
  readonly enable: boolean;
  readonly run: RunMode;
  /** Rule code → severity, prefixes and names already expanded to codes. */
  readonly severity: Readonly<Record<string, SeveritySetting>>;
  readonly exclude: readonly string[];
}

/** Settings from raw values (a client's JSON, `vscode.workspace.getConfiguration`); bad values fall back to the defaults. */
export function settingsFrom(get: (key: keyof Settings) => unknown): Settings {
  const severity = get('severity');
  const exclude = get('exclude');
  return {
    enable: get('enable') !== false,
    run: get('run') === 'onSave' ? 'onSave' : 'onType',
    severity: expandSeverity(typeof severity === 'object' && severity !== null ? (severity as Record<string, unknown>) : {}),
    exclude: (Array.isArray(exclude) ? exclude : []).filter((g): g is string => typeof g === 'string' && g.length > 0),
  };
}

/**
 * `{"BN3": "info", "BN301": "off"}` → one entry per rule code: an exact code or rule name beats a
 * prefix, a longer prefix beats a shorter one. Unknown keys and values are ignored.
 */
export function expandSeverity(raw: Readonly<Record<string, unknown>>): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  const entries = Object.entries(raw).filter((e): e is [string, SeveritySetting] => SEVERITIES.includes(e[1] as SeveritySetting));
  for (const rule of allRules) {
    let best: { weight: number; value: SeveritySetting } | undefined;
    for (const [key, value] of entries) {
      const upper = key.toUpperCase();
      const weight =
        upper === rule.meta.code || key === rule.meta.name
          ? 1000
          : rule.meta.code.startsWith(upper) && upper.length > 0
            ? upper.length
            : upper === 'ALL'
              ? 0.5
              : -1;
      if (weight >= 0 && (!best || weight > best.weight)) best = { weight, value };
    }
    if (best) out[rule.meta.code] = best.value;
  }
  return out;
}

/** What governs one document: the settings merged over the closest pyproject.toml's `[tool.normlint]`. */
export interface DocumentConfig {
  readonly settings: Settings;
  /** The merged configuration handed to the analyzer. */
  readonly config: NormlintConfig;
  /** Path relative to the configuration's folder, for `per-file-ignores`. */
  readonly relativePath?: string;
  /** The pyproject.toml that applies, if any. */
  readonly configFile?: string;
  /** Excluded by `normlint.exclude` or the file's `exclude`: not linted. */
  readonly excluded: boolean;
  /** The pyproject.toml was invalid: the settings alone apply. */
  readonly error?: ConfigError;
}
