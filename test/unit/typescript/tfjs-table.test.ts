/**
 * The TF.js table against the real signatures: every layer whose keys the table calls complete
 * (BN303 checks only those) must accept exactly the keys of its `*LayerArgs` interface in
 * @tensorflow/tfjs-layers' declaration files, inherited ones included. A key the table lacks would
 * make BN303 report valid code; a key it invents would hide a misspelling.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { TFJS_ROOT, tfjsTable } from '../../../src/analyzer/frameworks/tfjs';

const require = createRequire(import.meta.url);
const dist = join(dirname(require.resolve('@tensorflow/tfjs-layers/package.json')), 'dist');

interface Declared {
  readonly keys: readonly string[];
  readonly parents: readonly string[];
}

function declarationFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every exported interface of the package: its own property names and the interfaces it extends. */
function interfacesOf(files: readonly string[]): Map<string, Declared> {
  const interfaces = new Map<string, Declared>();
  for (const file of files) {
    const program = parse(readFileSync(file, 'utf8'), { range: true });
    for (const statement of program.body) {
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (declaration?.type !== 'TSInterfaceDeclaration') continue;
      const keys = declaration.body.body.flatMap((member) =>
        member.type === 'TSPropertySignature' && member.key.type === 'Identifier' ? [member.key.name] : [],
      );
      const parents = declaration.extends.flatMap((heritage) => (heritage.expression.type === 'Identifier' ? [heritage.expression.name] : []));
      interfaces.set(declaration.id.name, { keys, parents });
    }
  }
  return interfaces;
}

/** `export declare function conv2d(args: ConvLayerArgs): Conv2D;` → conv2d → ConvLayerArgs. */
function factoryArgumentTypes(file: string): Map<string, string> {
  const factories = new Map<string, string>();
  const aliases = new Map<string, string>();
  const program = parse(readFileSync(file, 'utf8'), { range: true });
  for (const statement of program.body) {
    const declaration: TSESTree.Node | null | undefined = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    // `export declare const maxPool1d: typeof maxPooling1d;`: an alias, read once every function is known.
    if (declaration?.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) {
        const type = d.id.type === 'Identifier' ? d.id.typeAnnotation?.typeAnnotation : undefined;
        if (d.id.type === 'Identifier' && type?.type === 'TSTypeQuery' && type.exprName.type === 'Identifier') aliases.set(d.id.name, type.exprName.name);
      }
    }
    if (declaration?.type !== 'TSDeclareFunction' || !declaration.id) continue;
    const param = declaration.params[0];
    const annotation = param?.type === 'Identifier' ? param.typeAnnotation?.typeAnnotation : undefined;
    if (annotation?.type === 'TSTypeReference' && annotation.typeName.type === 'Identifier') factories.set(declaration.id.name, annotation.typeName.name);
  }
  for (const [alias, target] of aliases) {
    const argsType = factories.get(target);
    if (argsType) factories.set(alias, argsType);
  }
  return factories;
}

function allKeys(name: string, interfaces: ReadonlyMap<string, Declared>, seen = new Set<string>()): Set<string> {
  const declared = interfaces.get(name);
  assert.ok(declared, `interface ${name} is declared in @tensorflow/tfjs-layers`);
  seen.add(name);
  const keys = new Set(declared.keys);
  for (const parent of declared.parents) if (!seen.has(parent)) for (const key of allKeys(parent, interfaces, seen)) keys.add(key);
  return keys;
}

describe('TF.js table against @tensorflow/tfjs-layers declarations', () => {
  const interfaces = interfacesOf(declarationFiles(dist));
  const factories = factoryArgumentTypes(join(dist, 'exports_layers.d.ts'));
  const completeSpecs = [...new Set(tfjsTable.layers.values())].filter((spec) => spec.keywordsComplete);

  it('reads the package: layer factories and their config interfaces', () => {
    assert.ok(factories.size > 50, `${factories.size} factories`);
    assert.equal(factories.get('batchNormalization'), 'BatchNormalizationLayerArgs');
    assert.ok(completeSpecs.length >= 10, `${completeSpecs.length} layers with complete keys`);
  });

  it('each complete layer accepts exactly the keys of its *LayerArgs interface', () => {
    const differences: string[] = [];
    for (const spec of completeSpecs) {
      const argsType = factories.get(spec.name);
      if (!argsType) {
        differences.push(`${spec.name}: no such factory in exports_layers.d.ts`);
        continue;
      }
      const real = allKeys(argsType, interfaces);
      const table = new Set([...spec.params.map((p) => p.name), ...(spec.extraKeywords ?? [])]);
      const missing = [...real].filter((k) => !table.has(k)).sort();
      const invented = [...table].filter((k) => !real.has(k)).sort();
      if (missing.length > 0) differences.push(`${spec.name} (${argsType}): the table lacks ${missing.join(', ')}`);
      if (invented.length > 0) differences.push(`${spec.name} (${argsType}): the package has no ${invented.join(', ')}`);
    }
    assert.deepEqual(differences, []);
  });

  it('every factory the table knows exists in the package', () => {
    const unknown = [...tfjsTable.layers.keys()].map((path) => path.slice(`${TFJS_ROOT}.layers.`.length)).filter((name) => !factories.has(name));
    assert.deepEqual(unknown, []);
  });
});
