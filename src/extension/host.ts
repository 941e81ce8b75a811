/**
 * What differs between the extension's two hosts: Node (desktop VS Code, remote windows) and the
 * browser's web worker (vscode.dev, github.dev). Everything else is the same code in both; the
 * entry points (extension.ts for Node, web/extension.ts for the browser) each pass their host.
 */
import type { Analyzer } from '../analyzer/analyzer';
import type { LoadedConfig } from '../node/config-discovery';

export interface ExtensionHost {
  /** For the log: which host this is. */
  readonly name: string;
  /** Loads the analyzer (the parser's WebAssembly, the TypeScript front end) once, on the first lint. */
  loadAnalyzer(): Promise<Analyzer>;
  /**
   * Configuration discovery on the local disk for `file:` documents, exactly as the CLI finds it
   * (Node only). Without it, and for every other scheme, pyproject.toml is found through
   * `vscode.workspace.fs` (see workspaceConfigs.ts).
   */
  readonly localConfigs?: () => LocalConfigs;
}

/** A local configuration lookup; a fresh one after each reset (pyproject.toml or settings changed). */
export interface LocalConfigs {
  /** The configuration governing a file (`folder`: its workspace folder); throws ConfigError for an invalid file. */
  forFile(folder: string | undefined, file: string): LoadedConfig;
  /** `file` relative to `folder`, with forward slashes, for globs. */
  relative(folder: string, file: string): string;
}
