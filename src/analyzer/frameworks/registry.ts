/** One place to ask "what is this qualified name?" across every framework table. */
import { flaxTable } from './flax';
import { kerasTable } from './keras';
import { pytorchTable } from './pytorch';
import type { ChannelLayout, ConstValue, Framework, FrameworkTable, LayerSpec, OpKind } from './types';

const tables: FrameworkTable[] = [pytorchTable, kerasTable, flaxTable];

/** Extra tables (TF.js) register themselves here so this module does not depend on them. */
export function registerFrameworkTable(table: FrameworkTable): void {
  if (!tables.includes(table)) tables.push(table);
  namePattern = undefined;
  moduleMethods = undefined;
}

interface ModuleMethods {
  readonly forward: readonly string[];
  readonly builds: readonly string[];
  readonly appends: ReadonlySet<string>;
}
let moduleMethods: ModuleMethods | undefined;

function moduleMethodNames(): ModuleMethods {
  moduleMethods ??= {
    forward: [...new Set(tables.map((t) => t.forwardMethod))],
    builds: [...new Set(tables.flatMap((t) => t.layerBuildMethods ?? []))],
    appends: new Set(tables.flatMap((t) => t.containerAppends ?? [])),
  };
  return moduleMethods;
}

/** The methods model classes define for their forward pass, in table order (`forward`, `call`, `__call__`). */
export function forwardMethodNames(): readonly string[] {
  return moduleMethodNames().forward;
}

/** The methods besides `__init__` in which model classes build their sub-layers (`build`, `setup`). */
export function layerBuildMethodNames(): readonly string[] {
  return moduleMethodNames().builds;
}

/** The methods that append a layer to a sequential container (`append`, `add`). */
export function containerAppendMethods(): ReadonlySet<string> {
  return moduleMethodNames().appends;
}

let namePattern: RegExp | undefined;

/**
 * Matches any known layer class, function or container name (`Conv2d`, `BatchNormalization`,
 * `Sequential`) as a whole word. Every way of reaching a layer (import, attribute, alias, partial)
 * spells its name somewhere in the file, so a file without a match cannot construct one: a cheap
 * test before any evaluation.
 */
export function layerNamePattern(): RegExp {
  if (!namePattern) {
    const names = new Set<string>();
    const shortName = (key: string) => key.slice(key.lastIndexOf('.') + 1);
    for (const table of tables) {
      for (const key of table.layers.keys()) names.add(shortName(key));
      for (const key of table.sequentialContainers) names.add(shortName(key));
    }
    namePattern = new RegExp(`\\b(?:${[...names].join('|')})\\b`);
  }
  return namePattern;
}

/**
 * Library-internal module paths people sometimes import from (`torch.nn.modules.batchnorm.BatchNorm2d`)
 * reach the same spec as the public path.
 */
const internalModulePaths: [RegExp, string][] = [
  [/^torch\.nn\.modules\.[a-z_]+\./, 'torch.nn.'],
  [/^keras\.src\.layers\.[a-z_.]+\./, 'keras.layers.'],
  [/^(tensorflow\.)?keras\.layers\.[a-z_]+\./, 'keras.layers.'],
  [/^tensorflow\.python\.keras\.layers\.[a-z_]+\./, 'keras.layers.'],
  [/^flax\.linen\.[a-z_]+\./, 'flax.linen.'],
];

function canonical(qualifiedName: string): string | undefined {
  for (const [pattern, replacement] of internalModulePaths) {
    if (pattern.test(qualifiedName)) return qualifiedName.replace(pattern, replacement);
  }
  return undefined;
}

export function lookupLayer(qualifiedName: string): LayerSpec | undefined {
  for (const table of tables) {
    const spec = table.layers.get(qualifiedName);
    if (spec) return spec;
  }
  const alternative = canonical(qualifiedName);
  return alternative ? lookupLayer(alternative) : undefined;
}

export function lookupFunctionOp(qualifiedName: string): OpKind | undefined {
  for (const table of tables) {
    const op = table.functions.get(qualifiedName);
    if (op) return op;
  }
  return undefined;
}

export function lookupTensorMethodOp(method: string): OpKind | undefined {
  for (const table of tables) {
    const op = table.tensorMethods.get(method);
    if (op) return op;
  }
  return undefined;
}

export function isSequentialContainer(qualifiedName: string): boolean {
  return tables.some((t) => t.sequentialContainers.has(qualifiedName));
}

/** Where a framework's layers put channels, if its normalization layers take a channel axis (see `FrameworkTable`). */
export function channelLayoutOf(framework: Framework): ChannelLayout | undefined {
  return tables.find((t) => t.framework === framework)?.channelLayout;
}

export function isModuleBaseClass(qualifiedName: string): boolean {
  return tables.some((t) => t.moduleBaseClasses.has(qualifiedName));
}

/**
 * The names a star import of `modulePath` binds that the tables know (`from keras.layers import *`):
 * layers, containers, base classes and functions directly inside it, by their short names.
 */
export function membersOf(modulePath: string): Map<string, string> {
  const members = new Map<string, string>();
  const prefix = `${modulePath}.`;
  for (const table of tables) {
    const keys = [...table.layers.keys(), ...table.functions.keys(), ...table.sequentialContainers, ...table.moduleBaseClasses];
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length);
      if (!name.includes('.')) members.set(name, key);
    }
  }
  return members;
}

/** Constants a framework call returns under its default configuration (`keras.backend.image_data_format()`). */
export function defaultCallResult(qualifiedName: string): ConstValue | undefined {
  for (const table of tables) {
    const value = table.defaultCallResults?.get(qualifiedName);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Functions that return framework modules (`get_submodules_from_kwargs(kwargs)`), by their name. */
export function injectedModules(functionName: string): readonly string[] | undefined {
  for (const table of tables) {
    const modules = table.moduleInjectors?.get(functionName);
    if (modules) return modules;
  }
  return undefined;
}

export function moduleInjectorNames(): string[] {
  return tables.flatMap((table) => [...(table.moduleInjectors?.keys() ?? [])]);
}

/** Every table's checkpoint loaders and pretrained-weight arguments (see FrameworkTable). */
/** The attributes built layers keep their bias in, across the registered frameworks. */
export function biasAttributes(): ReadonlySet<string> {
  return new Set(tables.flatMap((t) => (t.biasAttribute ? [t.biasAttribute] : [])));
}

export function checkpointMarkers(): { loaders: ReadonlySet<string>; arguments: ReadonlyMap<string, ConstValue> } {
  const loaders = new Set<string>();
  const args = new Map<string, ConstValue>();
  for (const table of tables) {
    for (const loader of table.checkpointLoaders ?? []) loaders.add(loader);
    for (const [name, value] of table.pretrainedArguments ?? []) args.set(name, value);
  }
  return { loaders, arguments: args };
}

/** Packages that are never a project's own, though not a framework of the tables. */
const COMMON_LIBRARY_ROOTS = ['numpy'];

/** Top-level packages that always mean a library, even inside a checkout of it (`torch`, `numpy`). */
export function isLibraryRoot(name: string): boolean {
  return COMMON_LIBRARY_ROOTS.includes(name) || tables.some((t) => t.pythonImports?.roots.includes(name));
}

const underModule = (path: string, module: string) => path === module || path.startsWith(`${module}.`);

/**
 * What a module-level name bound to a path leads to, for the front end's relevance test: `whole`
 * when code that names it may build layers (`nn`, `keras.layers`), the attribute names that lead to
 * layers when it is a framework's root package (`torch` → `nn`), or nothing (`torch.nn.functional`).
 */
export function layerReach(path: string): { whole: true } | { attributes: string[] } | undefined {
  const imports = tables.flatMap((t) => (t.pythonImports ? [t.pythonImports] : []));
  if (imports.some((i) => i.nonLayerModules?.some((m) => underModule(path, m)))) return undefined;
  if (imports.some((i) => i.layerModules.some((m) => underModule(path, m)))) return { whole: true };
  const attributes = imports.flatMap((i) => i.layerModules.filter((m) => m.startsWith(`${path}.`)).map((m) => m.slice(path.length + 1).split('.')[0]));
  return attributes.length > 0 ? { attributes: [...new Set(attributes)] } : undefined;
}
