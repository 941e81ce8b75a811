/**
 * Workspace lint: every lintable file under the workspace folders, found as the CLI finds files
 * (pyproject `exclude`, virtual environments and caches skipped), read from disk and linted by the
 * CLI's own lintFile. Open documents are left to the caller (their text is newer than the disk's).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver/node';
import type { Analyzer } from '../analyzer/analyzer';
import { isExcluded } from '../analyzer/config/config';
import { collectFiles } from '../cli/files';
import { lintFile, type ReportedFinding } from '../node/lint-file';
import { filePathOf, type ServerConfigs } from './config';
import { docsUrl, SEVERITY } from './lint';

export interface WorkspaceFile {
  readonly uri: string;
  readonly file: string;
  /** Changes when the file or the configuration changes: the pull-diagnostics result id. */
  readonly resultId: string;
}

/** The files a workspace lint covers, per folder, without the excluded ones and notebooks. */
export async function workspaceFiles(configs: ServerConfigs): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  for (const folder of configs.folders) {
    const root = filePathOf(folder.uri);
    if (!root) continue;
    const settings = await configs.settingsFor(folder.uri);
    if (!settings.enable) continue;
    const files = collectFiles([root], configs.resolverFor(root), true, () => undefined);
    for (const { file } of files) {
      // Closed notebooks have no cell documents to put diagnostics on: they are linted once opened.
      if (path.extname(file).toLowerCase() === '.ipynb') continue;
      const relative = path.relative(root, file).split(path.sep).join('/');
      if (settings.exclude.length > 0 && isExcluded({ exclude: settings.exclude }, relative)) continue;
      let stamp = '';
      try {
        const stat = fs.statSync(file);
        stamp = `${stat.mtimeMs}:${stat.size}`;
      } catch {
        continue;
      }
      out.push({ uri: pathToFileURL(file).href, file, resultId: `${stamp}#${configs.generation}` });
    }
  }
  return out;
}

function reportedToDiagnostic(f: ReportedFinding, uri: string): Diagnostic {
  const range = (s: { line: number; column: number; endLine: number; endColumn: number }) => ({
    start: { line: s.line - 1, character: s.column - 1 },
    end: { line: s.endLine - 1, character: s.endColumn - 1 },
  });
  return {
    range: range(f),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsUrl(f.code) },
    source: 'normlint',
    message: f.message,
    ...(f.related.length > 0 ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: range(r) }, message: r.message })) } : {}),
  };
}

/** One closed file's diagnostics, from disk. */
export async function lintClosedFile(analyzer: Analyzer, configs: ServerConfigs, entry: WorkspaceFile): Promise<Diagnostic[]> {
  const config = await configs.forUri(entry.uri);
  if (!config.settings.enable || config.excluded) return [];
  const report = lintFile(analyzer, {
    file: entry.file,
    displayPath: entry.file,
    config: { config: config.config, file: config.configFile, root: config.configFile ? path.dirname(config.configFile) : path.dirname(entry.file) },
    fix: 'none',
    dryRun: true,
  });
  return report.findings.map((f) => reportedToDiagnostic(f, entry.uri));
}

/** Lets pending messages (a `$/cancelRequest`, a newer edit) through between files. */
export function yieldToEvents(token?: CancellationToken): Promise<boolean> {
  return new Promise((resolve) => setImmediate(() => resolve(token?.isCancellationRequested ?? false)));
}
