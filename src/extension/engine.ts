/**
 * The analyzer, loaded lazily and once: activation only registers providers; the WebAssembly
 * parser is read on the first lint. How it loads depends on the extension host (Node or the
 * browser's web worker): the entry point hands its loader to `setAnalyzerLoader`.
 */
import type { AnalysisResult, AnalyzeOptions, Analyzer } from '../analyzer/analyzer';
import type { FrontEndResult } from '../analyzer/frontend';
import type { SourceLanguage } from '../analyzer/model/model';
import type { AnalysisSession } from '../analyzer/session';

export interface Engine {
  readonly analyzer: Analyzer;
  readonly loadMs: number;
  supports(language: SourceLanguage): boolean;
  analyze(text: string, options: AnalyzeOptions): AnalysisResult;
  /** `analyze` for an open document (`key`): re-analyzes only what its edits can change (analyzer sessions). */
  analyzeDocument(key: string, text: string, options: AnalyzeOptions & { language: SourceLanguage }): AnalysisResult;
  /** Forgets an open document's session. */
  closeDocument(key: string): void;
  /** The front end's view of a text (semantic model, directive comments), cached per key. */
  parse(text: string, language: SourceLanguage, cacheKey?: string, fileName?: string): FrontEndResult | undefined;
}

let loading: Promise<Engine> | undefined;
let loaded: Engine | undefined;
let loadAnalyzer: (() => Promise<Analyzer>) | undefined;

/** How this host loads the analyzer (called once, at activation). */
export function setAnalyzerLoader(loader: () => Promise<Analyzer>): void {
  loadAnalyzer = loader;
}

export function loadEngine(): Promise<Engine> {
  loading ??= (async () => {
    const started = performance.now();
    if (!loadAnalyzer) throw new Error('no analyzer loader: the extension was not activated');
    const analyzer = await loadAnalyzer();
    loaded = createEngine(analyzer, performance.now() - started);
    return loaded;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/** The engine when it is already loaded (synchronous paths: code actions, hovers). */
export function loadedEngine(): Engine | undefined {
  return loaded;
}

function createEngine(analyzer: Analyzer, loadMs: number): Engine {
  const cache = new Map<string, { text: string; result: FrontEndResult }>();
  const sessions = new Map<string, { language: SourceLanguage; session: AnalysisSession }>();
  const closeDocument = (key: string) => {
    sessions.get(key)?.session.dispose();
    sessions.delete(key);
  };
  return {
    analyzer,
    loadMs,
    supports: (language) => analyzer.supports(language),
    analyze: (text, options) => analyzer.analyze(text, options),
    analyzeDocument(key, text, options) {
      if (sessions.get(key)?.language !== options.language) closeDocument(key);
      let open = sessions.get(key);
      if (!open) sessions.set(key, (open = { language: options.language, session: analyzer.openSession(options.language) }));
      return open.session.analyze(text, options);
    },
    closeDocument,
    parse(text, language, cacheKey, fileName) {
      const key = `${language}:${cacheKey ?? ''}`;
      const hit = cacheKey !== undefined ? cache.get(key) : undefined;
      if (hit && hit.text === text) return hit.result;
      // The TS/JS front end reads the file name (JSX or not); the Python one ignores it.
      const result = analyzer.parse(text, language, fileName);
      if (!result) return undefined;
      if (cacheKey !== undefined) {
        cache.delete(key);
        cache.set(key, { text, result });
        if (cache.size > 16) cache.delete(cache.keys().next().value!);
      }
      return result;
    },
  };
}
