/**
 * Whether a model class defined in another project file may hold BatchNorm or Dropout (issue 10:
 * `from model import Net` where Net is convolutions only needs no eval()). Read from that file's
 * syntax through its own front end's names, so it answers only while the project session is open.
 * Anything it cannot see through (a third-party builder, a module passed in, an unknown base)
 * counts as "may": silence needs proof.
 */
import { kerasCallMethod, kerasTrainingKeyword } from '../frameworks/keras';
import { isPytorchPath, pytorchTrackRunningStats } from '../frameworks/pytorch';
import { isProjectPath } from '../project/index';
import { PLAIN_DATA_BUILTINS } from './builtins';
import {
  isModeFreeTorchLayer,
  MODE_FREE_TORCH_PATH,
  MODULE_CONTAINER_NAME,
  MODEL_ZOO_PATH,
  normalizationTracksStatistics,
  sequenceLayerDropsOut,
} from '../frameworks/modeNames';
import { frameworkOfModelBase, modeConventionsOf } from '../frameworks/modes';
import type { PythonFrontEnd } from './frontend';
import { codeChildren, type SyntaxNode } from './parser';
import type { LayerSpec } from '../frameworks/types';
import type { LayerConstruction } from '../model/model';
import type { TextRange } from '../types';
import type { ClassInfo, Value } from './values';

/** Helpers and classes followed from one class, at most. */
const MAX_DEFINITIONS = 40;

/** How a construction of the class passes its arguments: positional count and keyword names (`opaque` with `*args`/`**kwargs`). */
export interface ConstructionArguments {
  readonly positional: number;
  readonly keywords: ReadonlySet<string>;
  readonly opaque: boolean;
  /** The construction's arguments, and whether one of them (read in the caller's file) provably holds no BatchNorm or Dropout. */
  readonly modeFreeArgument?: { readonly args: readonly SyntaxNode[]; readonly test: (argument: SyntaxNode) => boolean };
}

export function projectClassMayHoldModeLayers(cls: ClassInfo, construction?: ConstructionArguments): boolean {
  const off = construction ? switchedOffAttributes(cls.node, cls.home!.sourceText, construction) : new Set<string>();
  const seen = new Set<SyntaxNode['id']>();
  const definitionMayHold = (node: SyntaxNode, home: PythonFrontEnd): boolean => {
    if (seen.has(node.id)) return false;
    if (seen.size >= MAX_DEFINITIONS) return true;
    seen.add(node.id);
    const text = home.sourceText;
    const offHere = node.id === cls.node.id ? off : new Set<string>();
    const mayHold = (value: Value, n: SyntaxNode): boolean => {
      switch (value.kind) {
        case 'ctor': {
          const { spec } = value;
          if (spec.role === 'batchnorm' || spec.role === 'dropout') return true;
          if (spec.framework !== 'pytorch' || isModeFreeTorchLayer(spec.name)) return false;
          // A layer class handed on unbuilt (`norm_layer=nn.InstanceNorm2d`) may be built in any way.
          if (!isCalled(n)) return true;
          // A recurrent or attention layer that applies dropout (`nn.TransformerEncoderLayer`, `nn.LSTM(dropout=0.2)`).
          if (spec.role === 'recurrent' || spec.role === 'attention') return dropsOutAsCalled(spec.name, n.parent!, text);
          // `nn.InstanceNorm2d(c, affine=True)` keeps no running statistics.
          if (spec.role === 'normalization') return tracksStatisticsAsCalled(spec, n.parent!, text);
          return true;
        }
        case 'class':
          return definitionMayHold(value.cls.node, value.cls.home ?? home);
        case 'function':
          return n.parent?.type === 'call' && n.parent.childForFieldName('function')?.id === n.id && definitionMayHold(value.fn.node, value.fn.home ?? home);
        case 'path': {
          const path = value.path;
          if (isProjectPath(path)) return mayHold(home.projectDefinition(path), n);
          if (MODEL_ZOO_PATH.test(path)) return true;
          if (isPytorchPath(path)) return isCalled(n) && !MODE_FREE_TORCH_PATH.test(path);
          // Another library's builder stored as a sub-module (`self.backbone = EfficientNet.from_name(...)`).
          return isCalled(n) && storedOnSelf(n);
        }
        case 'unknown':
          // `self.block = make_block(...)` with a maker we cannot see (`self.size = len(data)` is no maker).
          return isCalled(n) && n.type === 'identifier' && !PLAIN_DATA_BUILTINS.has(n.text) && storedOnSelf(n);
        default:
          return false;
      }
    };
    const visit = (n: SyntaxNode): boolean => {
      if (n.type === 'identifier' || n.type === 'attribute') {
        // The outermost name of a dotted one (`nn.BatchNorm2d`, not `nn`).
        if (n.parent?.type === 'attribute' && n.parent.childForFieldName('object')?.id === n.id) return false;
        if (n.type === 'attribute' && n.childForFieldName('object')?.text.startsWith('self')) return false;
        // `self.dropout_layer = nn.Dropout(p)` applied only under a flag this construction leaves off.
        if (offHere.size > 0 && isCalled(n) && offHere.has(assignedAttribute(n.parent!) ?? '')) return false;
        return mayHold(home.resolveName(n), n);
      }
      return codeChildren(n, text).some(visit);
    };
    if (node.type === 'class_definition' && classBasesMayHold(node, home, definitionMayHold)) return true;
    return (
      visit(node.childForFieldName('body') ?? node) ||
      (node.type === 'class_definition' && passedModulesMayHold(node, text, node.id === cls.node.id ? construction?.modeFreeArgument : undefined))
    );
  };
  return definitionMayHold(cls.node, cls.home!);
}

/** The `track_running_stats=` of a normalization layer's call, read from its literal keyword (anything else counts as unknown). */
function tracksStatisticsAsCalled(spec: LayerSpec, call: SyntaxNode, text: string): boolean {
  const args = codeChildren(call.childForFieldName('arguments'), text);
  const opaque = args.some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat');
  const positional = args.filter((a) => a.type !== 'keyword_argument').length;
  const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === pytorchTrackRunningStats)?.childForFieldName('value');
  const givenPositionally = positional > spec.params.findIndex((p) => p.name === pytorchTrackRunningStats);
  const track = givenPositionally ? 'unknown' : keyword ? (keyword.type === 'false' ? false : keyword.type === 'true' ? true : 'unknown') : undefined;
  return normalizationTracksStatistics(spec, track, opaque);
}

/** The `dropout=` of a recurrent or attention layer's call, read from its literal keyword (anything else counts as unknown). */
function dropsOutAsCalled(name: string, call: SyntaxNode, text: string): boolean {
  const args = codeChildren(call.childForFieldName('arguments'), text);
  const opaque = args.some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat');
  const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'dropout')?.childForFieldName('value');
  const literal = keyword && (keyword.type === 'integer' || keyword.type === 'float') ? Number(keyword.text) : undefined;
  const value = keyword === undefined || keyword === null ? undefined : literal === 0 ? 0 : 'unknown';
  return sequenceLayerDropsOut(name, value, opaque);
}

function isCalled(n: SyntaxNode): boolean {
  return n.parent?.type === 'call' && n.parent.childForFieldName('function')?.id === n.id;
}

/** `self.x` for a call that is the whole value of `self.x = call`. */
function assignedAttribute(call: SyntaxNode): string | undefined {
  const parent = call.parent;
  return parent?.type === 'assignment' && parent.childForFieldName('right')?.id === call.id ? parent.childForFieldName('left')?.text : undefined;
}

/**
 * Attributes (`self.dropout_layer`) every use of which outside `__init__` sits under `if self.F:`,
 * where `__init__` sets `self.F = P` from a parameter whose default is off (`dropout=False`, 0,
 * None) and the construction does not pass P (MultiBench's `MLP(400, 200, 5)`).
 */
function switchedOffAttributes(node: SyntaxNode, text: string, construction: ConstructionArguments): Set<string> {
  const out = new Set<string>();
  if (construction.opaque) return out;
  const methods = codeChildren(node.childForFieldName('body'), text).filter((d) => d.type === 'function_definition');
  const init = methods.find((d) => d.childForFieldName('name')?.text === '__init__');
  if (!init) return out;
  const offParams = new Set<string>();
  codeChildren(init.childForFieldName('parameters'), text).forEach((param, i) => {
    const defaultValue = param.childForFieldName('value');
    const name = param.childForFieldName('name')?.text;
    const off = defaultValue && (defaultValue.type === 'false' || defaultValue.type === 'none' || defaultValue.text === '0');
    // Index i counts `self`: the construction's positional arguments fill parameters 1..positional.
    if (name && off && i > construction.positional && !construction.keywords.has(name)) offParams.add(name);
  });
  const flags = new Set<string>();
  const uses = new Map<string, SyntaxNode[]>();
  const visit = (n: SyntaxNode, inInit: boolean): void => {
    if (inInit && n.type === 'assignment') {
      const right = n.childForFieldName('right');
      if (right?.type === 'identifier' && offParams.has(right.text)) flags.add(n.childForFieldName('left')?.text ?? '');
    }
    if (!inInit && n.type === 'attribute' && n.childForFieldName('object')?.text === 'self') {
      const list = uses.get(n.text);
      if (list) list.push(n);
      else uses.set(n.text, [n]);
    }
    for (const c of codeChildren(n, text)) visit(c, inInit);
  };
  for (const method of methods) visit(method, method.id === init.id);
  const underOffFlag = (use: SyntaxNode) => {
    for (let p: SyntaxNode | null = use.parent; p && p.type !== 'function_definition'; p = p.parent) {
      const consequence = p.parent?.type === 'if_statement' && p.parent.childForFieldName('consequence')?.id === p.id;
      if (consequence && flags.has(p.parent!.childForFieldName('condition')?.text ?? '')) return true;
    }
    return false;
  };
  for (const [attribute, list] of uses) if (list.every(underOffFlag)) out.add(attribute);
  return out;
}

/** The call of `n` is (part of) the value of `self.x = ...`. */
function storedOnSelf(n: SyntaxNode): boolean {
  for (let p: SyntaxNode | null = n.parent; p; p = p.parent) {
    if (p.type === 'assignment') return p.childForFieldName('left')?.text.startsWith('self.') === true;
    if (p.type === 'block' || p.type === 'expression_statement') return false;
  }
  return false;
}

/** A base the class inherits layers from: a project or same-file class that may hold them, or a base no one can read. */
function classBasesMayHold(node: SyntaxNode, home: PythonFrontEnd, definitionMayHold: (node: SyntaxNode, home: PythonFrontEnd) => boolean): boolean {
  for (const base of codeChildren(node.childForFieldName('superclasses'), home.sourceText)) {
    if (base.type === 'keyword_argument') continue;
    let value = home.resolveName(base);
    if (value.kind === 'path' && isProjectPath(value.path)) value = home.projectDefinition(value.path);
    if (value.kind === 'class') {
      if (definitionMayHold(value.cls.node, value.cls.home ?? home)) return true;
    } else if (value.kind !== 'path' || !MODE_FREE_TORCH_PATH.test(value.path)) return true;
  }
  return false;
}

/**
 * The `__init__` parameters a class stores as sub-modules: `self.head = head` where `head` has no
 * constant default and the class calls `self.head(...)`, or `nn.Sequential(*layers)` over one. A module
 * handed in may hold anything (`dropout=False`, `p=0.1` are settings, not modules).
 */
export function passedModuleParameters(node: SyntaxNode, text: string): Set<string> {
  const stored = new Set<string>();
  const init = initOf(node, text);
  if (!init) return stored;
  const passed = new Set<string>();
  for (const param of codeChildren(init.childForFieldName('parameters'), text)) {
    const name = parameterName(param);
    const defaultValue = param.childForFieldName('value');
    const constant = defaultValue !== null && ['integer', 'float', 'true', 'false', 'string'].includes(defaultValue.type);
    if (name !== undefined && name !== 'self' && !constant) passed.add(name);
  }
  // A stored argument is a module when the class calls it (`self.encoder(x)`); `self.num_layers = num_layers` is a setting.
  const callees: string[] = [];
  const collect = (n: SyntaxNode): void => {
    if (n.type === 'call') callees.push(n.childForFieldName('function')?.text ?? '');
    for (const c of codeChildren(n, text)) collect(c);
  };
  collect(node);
  const calledLikeModule = (attribute: string) => callees.some((callee) => callee === attribute || callee.startsWith(`${attribute}.`));
  const visit = (n: SyntaxNode): void => {
    if (n.type === 'assignment' && n.childForFieldName('left')?.text.startsWith('self.')) {
      const right = n.childForFieldName('right');
      if (right?.type === 'identifier' && passed.has(right.text) && calledLikeModule(n.childForFieldName('left')!.text)) stored.add(right.text);
      if (right?.type === 'call' && MODULE_CONTAINER_NAME.test(right.childForFieldName('function')?.text ?? ''))
        for (const a of codeChildren(right.childForFieldName('arguments'), text)) {
          const name = a.text.replace(/^\*/, '');
          if (passed.has(name)) stored.add(name);
        }
    }
    if (n.type !== 'function_definition' || n.id === init.id) for (const c of codeChildren(n, text)) visit(c);
  };
  visit(init);
  return stored;
}

/**
 * Whether a class's stored modules (see `passedModuleParameters`) may hold BatchNorm or Dropout: any
 * of them, unless this construction gives each one a value its caller proves mode-free (d2l's
 * `RNNModel(nn.LSTM(...), ...)`).
 */
export function passedModulesMayHold(node: SyntaxNode, text: string, given?: ConstructionArguments['modeFreeArgument']): boolean {
  const stored = passedModuleParameters(node, text);
  if (stored.size === 0) return false;
  const init = initOf(node, text)!;
  return [...stored].some((param) => {
    if (!given) return true;
    const argument = callArgumentFor(init, text, given.args, param);
    // Not passed: the default applies, and only `None` is provably no module.
    if (argument === null) return parameterDefault(init, text, param)?.type !== 'none';
    return argument === undefined || !given.test(argument);
  });
}

function initOf(classNode: SyntaxNode, text: string): SyntaxNode | undefined {
  return codeChildren(classNode.childForFieldName('body'), text).find(
    (d) => d.type === 'function_definition' && d.childForFieldName('name')?.text === '__init__',
  );
}

export function parameterDefault(definition: SyntaxNode, text: string, name: string): SyntaxNode | null {
  const param = codeChildren(definition.childForFieldName('parameters'), text).find((p) => parameterName(p) === name);
  return param?.childForFieldName('value') ?? null;
}

function parameterName(param: SyntaxNode): string | undefined {
  if (param.type === 'identifier') return param.text;
  const name = param.childForFieldName('name') ?? (param.type === 'typed_parameter' ? param.firstNamedChild : null);
  return name?.type === 'identifier' ? name.text : undefined;
}

/**
 * The argument a call of a function (or a class, by its `__init__`) passes for parameter `name`:
 * the value node, `null` when it passes none (the default applies), undefined when that cannot be
 * told (`*args`/`**kwargs` in the call, or a parameter after `*args`).
 */
export function callArgumentFor(definition: SyntaxNode, definitionText: string, args: readonly SyntaxNode[], name: string): SyntaxNode | null | undefined {
  const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
  if (keyword) return keyword.childForFieldName('value') ?? undefined;
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  const params = codeChildren(definition.childForFieldName('parameters'), definitionText);
  const isMethod = definition.parent?.parent?.type === 'class_definition' || definition.parent?.parent?.parent?.type === 'class_definition';
  let position = 0;
  let keywordOnly = false;
  for (const param of params) {
    if (param.type === 'dictionary_splat_pattern') return undefined;
    if (param.type === 'list_splat_pattern' || param.type === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    if (param.type === 'positional_separator') continue;
    const paramName = parameterName(param);
    if (paramName === undefined) return undefined;
    // A method's first parameter is its instance.
    if (isMethod && param === params[0]) continue;
    if (paramName === name) {
      if (keywordOnly) return null;
      const positional = args.filter((a) => a.type !== 'keyword_argument');
      return positional.length > position ? positional[position] : null;
    }
    position++;
  }
  return undefined;
}

/**
 * A definition (of this or another project file) that builds a Keras model: a Keras model class, or a function whose every
 * `return` hands back one (`def resnet18(): return ResNet([2, 2, 2, 2])`, `return keras.Model(inputs,
 * outputs)`). What layers it builds the front end already shows at the caller's call.
 */
export function isKerasModelBuilder(definition: Value): boolean {
  const kerasClass = (cls: ClassInfo, depth: number): boolean =>
    depth < 4 &&
    takesTrainingFlag(cls) &&
    cls.bases.some(
      (base) => (base.kind === 'path' && frameworkOfModelBase(base.path) === 'keras') || (base.kind === 'class' && kerasClass(base.cls, depth + 1)),
    );
  if (definition.kind === 'class') return kerasClass(definition.cls, 0);
  if (definition.kind !== 'function' || !definition.fn.home) return false;
  const home = definition.fn.home;
  const returned: SyntaxNode[] = [];
  const assigned = new Map<string, SyntaxNode[]>();
  const collect = (n: SyntaxNode): void => {
    if (n.type === 'return_statement') returned.push(codeChildren(n, home.sourceText)[0]);
    else if (n.type !== 'function_definition' && n.type !== 'class_definition') {
      const left = n.type === 'assignment' ? n.childForFieldName('left') : null;
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && right) assigned.set(left.text, [...(assigned.get(left.text) ?? []), right]);
      for (const c of codeChildren(n, home.sourceText)) collect(c);
    }
  };
  for (const c of codeChildren(definition.fn.node.childForFieldName('body'), home.sourceText)) collect(c);
  const returnsKerasModel = (value: SyntaxNode | undefined): boolean => {
    // `model = tf.keras.Sequential([...]); return model`: every binding of the name in the function builds one.
    if (value?.type === 'identifier') {
      const bindings = assigned.get(value.text) ?? [];
      return bindings.length > 0 && bindings.every((right) => right.type === 'call' && returnsKerasModel(right));
    }
    if (value?.type !== 'call') return false;
    const built = home.resolveName(value.childForFieldName('function'));
    if (built.kind === 'class') return kerasClass(built.cls, 0);
    return built.kind === 'path' && modeConventionsOf('keras')?.containers.has(built.path) === true;
  };
  return returned.length > 0 && returned.every(returnsKerasModel);
}

/**
 * The layers the project's files built while running code for the analysed file's call at `site`
 * (the front end places them at that call: their whole range is the call's), also those of files
 * the called definition reaches in turn (`utils.get_model()` calling `blocks.stem(...)`).
 */
export function layersBuiltFor(placed: Iterable<LayerConstruction>, site: TextRange): LayerConstruction[] {
  const at = (r: TextRange) => r.start === site.start && r.end === site.end;
  return [...placed].filter((l) => at(l.range) && at(l.calleeRange));
}

/** A `call` that takes Keras' `training` (or no flag of its own): `call(self, x, is_training=False)` sets its mode its own way. */
function takesTrainingFlag(cls: ClassInfo): boolean {
  const call = cls.methods.get(kerasCallMethod);
  if (!call) return true;
  const text = cls.home?.sourceText ?? '';
  const names = codeChildren(call.node.childForFieldName('parameters'), text).map(
    (p) => (p.type === 'identifier' ? p : p.childForFieldName('name'))?.text ?? p.text,
  );
  return names.includes(kerasTrainingKeyword) || names.length <= 2;
}
