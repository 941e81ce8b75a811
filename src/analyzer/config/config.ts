/**
 * NormLint configuration: what `[tool.normlint]` in pyproject.toml means, validated, and how it
 * decides which rules run on a file. Pure: finding and reading the file is the adapters' job.
 */
import picomatch from 'picomatch';
import { parse as parseToml, TomlError } from 'smol-toml';
import { array, fail, literal, object, optional, record, string, type Schema } from '../../validate';
import { allRules } from '../rules';
import type { Rule } from '../rules/rule';
import type { Severity } from '../types';

export type SeveritySetting = Severity | 'off';

export interface NormlintConfig {
  /** Rule codes or prefixes to enable (`BN1`, `BN301`, `ALL`); default: every rule. */
  readonly select?: readonly string[];
  /** Rule codes or prefixes to disable; wins over `select`. */
  readonly ignore?: readonly string[];
  /** Glob → codes ignored in matching files (paths relative to the config file's folder). */
  readonly perFileIgnores?: Readonly<Record<string, readonly string[]>>;
  readonly severity?: Readonly<Record<string, SeveritySetting>>;
  /** Globs of files and folders not to lint. */
  readonly exclude?: readonly string[];
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly key?: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${key ? `[tool.normlint] ${key}: ` : ''}${message}`);
    this.name = 'ConfigError';
  }
}

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];
const KNOWN_KEYS = new Set(['select', 'ignore', 'per-file-ignores', 'severity', 'exclude', 'extend-select', 'extend-ignore']);

/** `ALL`, a code or code prefix (`BN3`, case-insensitive) or a rule name that matches at least one rule. */
function isSelector(s: string): boolean {
  return s === 'ALL' || (s !== '' && allRules.some((r) => r.meta.code.startsWith(s.toUpperCase()) || r.meta.name === s));
}

const selector: Schema<string> = (value, field) => {
  const text = string(value, field);
  if (!isSelector(text))
    throw new TypeError(
      `${field}: ${JSON.stringify(text)} matches no rule (expected "ALL", a rule code such as "BN101", a prefix such as "BN3", or a rule name)`,
    );
  return text;
};
const selectors = array(selector, 'an array of rule codes, e.g. ["BN101", "BN3"]');

/**
 * The schema of a `NormlintConfig` given through the API (camelCase keys; `[tool.normlint]` in
 * pyproject.toml is read by `parsePyprojectConfig`, which also reports line numbers).
 */
export const normlintConfigSchema: Schema<NormlintConfig> = object({
  select: optional(selectors),
  ignore: optional(selectors),
  perFileIgnores: optional(record(selectors, 'an object of glob: [rule codes]')),
  severity: optional((value, field) => {
    const table = record(literal(SEVERITIES), `an object of rule code: ${SEVERITIES.map((s) => `"${s}"`).join(' | ')}`)(value, field);
    // Rule names may come upper-cased (as parsePyprojectConfig stores them) or as written.
    const isUpperCasedName = (key: string) => allRules.some((r) => r.meta.name.toUpperCase() === key);
    for (const key of Object.keys(table)) if (!isUpperCasedName(key)) selector(key, `${field} key`);
    return table;
  }),
  exclude: optional(array(string, 'an array of glob patterns')),
});

/** Configs already checked, so the per-file `selectRules` does not re-validate a shared config. */
const checkedConfigs = new WeakSet<NormlintConfig>();

/** Throws a TypeError naming the field unless `config` is a valid NormlintConfig (or undefined). */
export function checkConfig(config: unknown, field = 'config'): NormlintConfig | undefined {
  if (config === undefined) return undefined;
  if (typeof config === 'object' && config !== null && checkedConfigs.has(config)) return config;
  if (typeof config !== 'object' || config === null) fail(field, 'an object', config);
  normlintConfigSchema(config, field);
  checkedConfigs.add(config);
  return config;
}

/**
 * The line of `key = ` inside the `[tool.normlint]` table, for error messages; with `entry`, the
 * line of that entry inside the `[tool.normlint.<key>]` sub-table when it is written that way.
 */
function lineOfKey(text: string, key: string, entry?: string): number | undefined {
  const lines = text.split(/\r?\n/);
  if (entry !== undefined) {
    let inSubTable = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line.startsWith('[')) inSubTable = line.replace(/\s/g, '') === `[tool.normlint.${key}]`;
      else if (inSubTable && (line.startsWith(`${entry} `) || line.startsWith(`${entry}=`) || line.startsWith(`"${entry}"`) || line.startsWith(`'${entry}'`)))
        return i + 1;
    }
  }
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('[')) {
      // `[tool.normlint.severity]` is where the `severity` key's content lives.
      if (new RegExp(`^\\[\\s*tool\\.normlint\\.${key.replace(/[-.]/g, '\\$&')}\\s*\\]`).test(line)) return i + 1;
      inTable = /^\[\s*tool\.normlint(\.[^\]]+)?\s*\]/.test(line);
    }
    if (inTable && (line.startsWith(`${key} `) || line.startsWith(`${key}=`) || line.startsWith(`"${key}"`))) return i + 1;
  }
  return undefined;
}

/**
 * Reads `[tool.normlint]` from pyproject.toml text. Returns undefined when the file has no such
 * table (so discovery keeps walking up, as Ruff does); throws ConfigError naming file, key and line.
 */
export function parsePyprojectConfig(text: string, file: string): NormlintConfig | undefined {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text);
  } catch (e) {
    if (e instanceof TomlError) throw new ConfigError(`invalid TOML: ${e.message.split('\n')[0]}`, file, undefined, e.line);
    throw new ConfigError(`invalid TOML: ${String(e)}`, file);
  }
  const tool = document['tool'] as Record<string, unknown> | undefined;
  const table = tool?.['normlint'];
  if (table === undefined) return undefined;
  return validateConfig(table, file, (key, entry) => lineOfKey(text, key, entry));
}

export function validateConfig(table: unknown, file: string, lineOf: (key: string, entry?: string) => number | undefined = () => undefined): NormlintConfig {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) throw new ConfigError('expected a table', file);
  const raw = table as Record<string, unknown>;
  const fail = (key: string, message: string, entry?: string): never => {
    throw new ConfigError(message, file, key, lineOf(key, entry));
  };
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) fail(key, `unknown key (expected one of: ${[...KNOWN_KEYS].join(', ')})`);
  }
  const codeList = (key: string): string[] | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return fail(key, 'expected an array of rule codes, e.g. ["BN101", "BN3"]');
    for (const code of value) if (!isSelector(code)) fail(key, `unknown rule code or prefix "${code}"`);
    return value;
  };
  const stringList = (key: string): string[] | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return fail(key, 'expected an array of glob patterns');
    return value;
  };
  const select = codeList('select');
  const extendSelect = codeList('extend-select');
  const ignore = codeList('ignore');
  const extendIgnore = codeList('extend-ignore');
  let perFileIgnores: Record<string, string[]> | undefined;
  if (raw['per-file-ignores'] !== undefined) {
    const value = raw['per-file-ignores'];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('per-file-ignores', 'expected a table of glob = [codes]');
    perFileIgnores = {};
    for (const [glob, codes] of Object.entries(value as Record<string, unknown>)) {
      if (!Array.isArray(codes) || !codes.every((c) => typeof c === 'string')) fail('per-file-ignores', `"${glob}" must map to an array of rule codes`, glob);
      for (const code of codes as string[]) if (!isSelector(code)) fail('per-file-ignores', `unknown rule code or prefix "${code}" for "${glob}"`, glob);
      perFileIgnores[glob] = codes as string[];
    }
  }
  let severity: Record<string, SeveritySetting> | undefined;
  if (raw['severity'] !== undefined) {
    const value = raw['severity'];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      fail('severity', 'expected a table of CODE = "error" | "warning" | "info" | "hint" | "off"');
    severity = {};
    for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
      if (!isSelector(code)) fail('severity', `unknown rule code "${code}"`, code);
      if (!SEVERITIES.includes(level as SeveritySetting))
        fail('severity', `"${code}" must be one of ${SEVERITIES.map((s) => `"${s}"`).join(', ')}, got ${JSON.stringify(level)}`, code);
      severity[code.toUpperCase()] = level as SeveritySetting;
    }
  }
  const config: NormlintConfig = {
    select: select || extendSelect ? [...(select ?? ['ALL']), ...(extendSelect ?? [])] : undefined,
    ignore: ignore || extendIgnore ? [...(ignore ?? []), ...(extendIgnore ?? [])] : undefined,
    perFileIgnores,
    severity,
    exclude: stringList('exclude'),
  };
  checkedConfigs.add(config);
  return config;
}

function matches(selector: string, code: string, name: string): boolean {
  return selector === 'ALL' || code.startsWith(selector.toUpperCase()) || selector === name;
}

/** The severity set for a rule: by its code, else the longest matching prefix (`BN3`), else its name. */
function severitySetting(config: NormlintConfig | undefined, code: string): SeveritySetting | undefined {
  const table = config?.severity;
  if (!table) return undefined;
  if (table[code]) return table[code];
  const prefix = Object.keys(table)
    .filter((k) => k !== 'ALL' && code.startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix) return table[prefix];
  const name = allRules.find((r) => r.meta.code === code)?.meta.name;
  // pyproject.toml severity keys are upper-cased when read; API configs keep the name as written.
  return (name && (table[name] ?? table[name.toUpperCase()])) || table['ALL'];
}

/** Which rules run on one file, and at what severity. */
export interface RuleSelection {
  isEnabled(code: string): boolean;
  severityOf(code: string, fallback: Severity): Severity;
}

/**
 * `relativePath` is the file's path relative to the config's folder, with forward slashes; it
 * decides `per-file-ignores`.
 */
export function selectRules(config: NormlintConfig | undefined, relativePath?: string): RuleSelection {
  // A malformed config (`ignore: 'BN401'`) must fail loudly, not spread into letters that match every rule.
  checkConfig(config);
  const fileIgnores: string[] = [];
  if (config?.perFileIgnores && relativePath !== undefined) {
    for (const [glob, codes] of Object.entries(config.perFileIgnores)) {
      if (picomatch.isMatch(relativePath, glob, { dot: true }) || picomatch.isMatch(relativePath, `**/${glob}`, { dot: true })) fileIgnores.push(...codes);
    }
  }
  const nameOf = (code: string) => allRules.find((r) => r.meta.code === code)?.meta.name ?? '';
  return {
    isEnabled(code) {
      const name = nameOf(code);
      const selected = (config?.select ?? ['ALL']).some((s) => matches(s, code, name));
      const ignored = [...(config?.ignore ?? []), ...fileIgnores].some((s) => matches(s, code, name));
      return selected && !ignored && severitySetting(config, code) !== 'off';
    },
    severityOf(code, fallback) {
      const setting = severitySetting(config, code);
      return setting && setting !== 'off' ? setting : fallback;
    },
  };
}

/** True when `relativePath` (forward slashes) falls under one of the `exclude` globs. */
export function isExcluded(config: NormlintConfig | undefined, relativePath: string): boolean {
  if (!config?.exclude?.length) return false;
  return config.exclude.some(
    (glob) =>
      picomatch.isMatch(relativePath, glob, { dot: true }) ||
      picomatch.isMatch(relativePath, `**/${glob}`, { dot: true }) ||
      picomatch.isMatch(relativePath, `${glob}/**`, { dot: true }),
  );
}

const ruleSchema: Schema<Rule> = (value, field) => {
  const rule = value as Partial<Rule> | null;
  return typeof rule === 'object' && rule !== null && typeof rule.check === 'function' && typeof rule.meta?.code === 'string'
    ? (rule as Rule)
    : fail(field, 'a rule (an entry of allRules)', value);
};

/** The schema of `analyze(text, options)`'s options. */
const analyzeOptionsSchema = object({
  fileName: optional(string),
  relativePath: optional(string),
  config: (value: unknown, field: string) => checkConfig(value, field),
  language: optional(literal(['python', 'typescript'] as const)),
  rules: optional(array(ruleSchema, 'an array of rules')),
});

/**
 * Checks the public `analyze(text, options)` arguments: a TypeError naming the field for a
 * non-string text, an unknown option, an option of the wrong type, or a rule selector that
 * matches no rule.
 */
export function checkAnalyzeArguments(text: unknown, options: unknown): asserts text is string {
  string(text, 'text');
  if (options !== undefined) analyzeOptionsSchema(options, 'options');
}
