// Generates the rule documentation from each rule's `meta` (the single source of truth):
//   docs/rules/<CODE>.md   the page (meta.docs), shipped in the extension and opened by its links
//   docs/rules/README.md   the index
//   package.json           contributes.configuration `normlint.severity` gets one property per rule
// Files are written only when their content changes. Run by scripts/build.mjs; `--check` exits 1
// instead of writing when something is out of date.
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The rules, loaded from the TypeScript sources (bundled in memory: no dependency on dist/). */
async function loadRules() {
  const result = await build({
    entryPoints: [path.join(root, 'src/analyzer/rules/index.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const module = { exports: {} };
  const require = createRequire(path.join(root, 'package.json'));
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(module, module.exports, require);
  return module.exports.allRules;
}

const FIX = { safe: 'safe fix', unsafe: 'unsafe fix (offered, never applied automatically)', none: 'no fix' };

function page(meta) {
  const lines = meta.docs.trimEnd().split('\n');
  // The title line first, then the facts every page shares.
  const facts = `> Default severity: **${meta.defaultSeverity}** · ${FIX[meta.fix]} · [all rules](README.md)`;
  return [lines[0], '', facts, ...lines.slice(1), ''].join('\n');
}

function index(rules) {
  return [
    '# NormLint rules',
    '',
    "Generated from the rules' own metadata by `scripts/generate-docs.mjs`; do not edit by hand.",
    '',
    '| code | name | default | fix | summary |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) => `| [${r.meta.code}](${r.meta.code}.md) | ${r.meta.name} | ${r.meta.defaultSeverity} | ${r.meta.fix} | ${r.meta.summary.replace(/\|/g, '\\|')} |`,
    ),
    '',
  ].join('\n');
}

function severityProperties(rules) {
  const props = {};
  for (const { meta } of rules) {
    props[meta.code] = {
      type: 'string',
      enum: ['error', 'warning', 'info', 'hint', 'off'],
      markdownDescription: `\`${meta.name}\`: ${meta.summary} Default: \`${meta.defaultSeverity}\`.`,
    };
  }
  return props;
}

export async function generateDocs({ check = false } = {}) {
  const rules = await loadRules();
  const outDir = path.join(root, 'docs/rules');
  fs.mkdirSync(outDir, { recursive: true });
  const wanted = new Map(rules.map((r) => [`${r.meta.code}.md`, page(r.meta)]));
  wanted.set('README.md', index(rules));
  const stale = [];
  const write = (file, text) => {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === text) return;
    stale.push(path.relative(root, file));
    if (!check) fs.writeFileSync(file, text);
  };
  for (const [name, text] of wanted) write(path.join(outDir, name), text);
  for (const name of fs.readdirSync(outDir)) {
    if (/^[A-Z]+\d+\.md$/.test(name) && !wanted.has(name)) {
      stale.push(`docs/rules/${name} (removed rule)`);
      if (!check) fs.rmSync(path.join(outDir, name));
    }
  }
  // The settings schema lists every rule, so the Settings editor offers each code.
  const pkgFile = path.join(root, 'package.json');
  const pkgText = fs.readFileSync(pkgFile, 'utf8');
  const pkg = JSON.parse(pkgText);
  const severity = pkg.contributes?.configuration?.properties?.['normlint.severity'];
  if (severity) {
    severity.properties = severityProperties(rules);
    write(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  }
  return { rules: rules.length, stale };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const check = process.argv.includes('--check');
  const { rules, stale } = await generateDocs({ check });
  if (check && stale.length > 0) {
    console.error(`out of date (run node scripts/generate-docs.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(`rule docs: ${rules} rules${stale.length ? `, updated ${stale.join(', ')}` : ', up to date'}`);
}
