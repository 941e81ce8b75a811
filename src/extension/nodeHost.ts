/** The Node extension host: the analyzer and pyproject.toml come from the local disk, as for the CLI. */
import path from 'node:path';
import { ConfigResolver, relativeToConfig } from '../node/config-discovery';
import type { ExtensionHost, LocalConfigs } from './host';

function localConfigs(): LocalConfigs {
  const resolvers = new Map<string, ConfigResolver>();
  return {
    forFile(folder, file) {
      const root = folder ?? path.dirname(file);
      let resolver = resolvers.get(root);
      if (!resolver) resolvers.set(root, (resolver = new ConfigResolver(root)));
      return resolver.forFile(file);
    },
    relative: (folder, file) => relativeToConfig({ config: {}, root: folder }, file),
  };
}

export const nodeHost: ExtensionHost = {
  name: 'Node',
  // `import()` keeps the parser's modules out of the activation path (esbuild evaluates them on first use).
  loadAnalyzer: async () => (await import('../node/analyzer')).getAnalyzer(),
  localConfigs,
};
