/**
 * Framework knowledge lives in `src/analyzer/frameworks/` (issue 13). This test reads every other
 * analyzer file with typescript-estree and looks for string literals, template pieces and regular
 * expressions that spell a framework's module path (`'torch.nn.ModuleList'`, `` `tensorflow` ``,
 * `/^flax\.linen/`): code, not comments. There must be none: such a name goes into a table.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse, simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import * as flax from '../../../src/analyzer/frameworks/flax';
import * as keras from '../../../src/analyzer/frameworks/keras';
import * as modeNames from '../../../src/analyzer/frameworks/modeNames';
import * as modes from '../../../src/analyzer/frameworks/modes';
import * as pytorch from '../../../src/analyzer/frameworks/pytorch';
import * as synonyms from '../../../src/analyzer/frameworks/synonyms';
import * as tfjs from '../../../src/analyzer/frameworks/tfjs';
import * as trainingNames from '../../../src/analyzer/frameworks/trainingNames';
import { FRAMEWORKS, LAYER_ROLES, OP_KINDS } from '../../../src/analyzer/frameworks/types';

const ROOT = path.resolve(__dirname, '../../..');
const ANALYZER = path.join(ROOT, 'src/analyzer');
const TABLES = path.join(ANALYZER, 'frameworks');

/** A framework's import path, whole or dotted on, or a prefix of one (`torch`, `tensorflow.keras.layers`, `torch.nn.`, `@tensorflow/tfjs`). */
const FRAMEWORK_PATH = /^(torch|torchvision|tensorflow|tf|keras|flax|jax|timm|transformers|@tensorflow\/tfjs[\w-]*)(\.[A-Za-z_]\w*)*\.?$/;
/** The analyzer's framework ids (`Framework` in frameworks/types.ts) are discriminators, not import paths. */
const FRAMEWORK_IDS = new Set(['keras', 'flax']);
/** A regular expression that spells a framework package. */
const FRAMEWORK_IN_PATTERN = /\b(torch|torchvision|tensorflow|keras|flax|jax)\b|@tensorflow|\btf\\?\./;

function analyzerFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === TABLES ? [] : analyzerFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The framework paths a text spells in string literals, template pieces and regular expressions, with their lines. */
function frameworkLiterals(text: string): string[] {
  const found: string[] = [];
  simpleTraverse(parse(text, { loc: true, comment: false }), {
    enter(node: TSESTree.Node) {
      if (node.type === 'Literal' && 'regex' in node && node.regex) {
        if (FRAMEWORK_IN_PATTERN.test(node.regex.pattern)) found.push(`/${node.regex.pattern}/@${node.loc.start.line}`);
        return;
      }
      const value = node.type === 'Literal' && typeof node.value === 'string' ? node.value : node.type === 'TemplateElement' ? node.value.cooked : undefined;
      if (typeof value === 'string' && FRAMEWORK_PATH.test(value) && !FRAMEWORK_IDS.has(value)) found.push(`${value}@${node.loc.start.line}`);
    },
  });
  return found;
}

describe('framework names stay in src/analyzer/frameworks/ (issue 13)', () => {
  it('finds literals and patterns, not comments, framework ids or prose', () => {
    const sample = [
      "// 'torch.nn' in a comment",
      "const a = 'torch.nn.ModuleList';",
      'const b = `${x}.nn`;',
      "const c = 'torchvision';",
      "const d = 'BatchNorm torch';",
      "const e = framework === 'keras';",
      'const f = /^flax\\.linen\\b/;',
      'const g = /^\\w+$/;',
      'const h = `torch.nn.${name}`;',
    ].join('\n');
    assert.deepEqual(frameworkLiterals(sample), ['torch.nn.ModuleList@2', 'torchvision@4', '/^flax\\.linen\\b/@7', 'torch.nn.@9']);
  });

  it('no analyzer file outside the tables spells a framework path', () => {
    const found = analyzerFiles(ANALYZER).flatMap((file) => frameworkLiterals(fs.readFileSync(file, 'utf8')).map((f) => `${path.relative(ROOT, file)}: ${f}`));
    assert.deepEqual(found, [], 'move these names into a table of src/analyzer/frameworks/');
  });
});

/**
 * Every string the framework tables hold: their exports, walked through objects, arrays, sets and
 * maps (layer, parameter and method names, markers, keywords, conventions). Spelled as a string
 * literal or a template piece in another analyzer file, such a string is a table's knowledge
 * written a second time.
 */
function tableStrings(): Set<string> {
  const strings = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    if (value === null || typeof value !== 'object' || value instanceof RegExp || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const [key, item] of value) {
        walk(key);
        walk(item);
      }
    } else if (value instanceof Set || Array.isArray(value)) {
      for (const item of value) walk(item);
    } else {
      for (const item of Object.values(value)) walk(item);
    }
  };
  for (const table of [pytorch, keras, flax, tfjs, modes, modeNames, trainingNames, synonyms]) walk(table);
  return strings;
}

/**
 * Table strings that are also the analyzer's own words. The framework ids, layer roles and op kinds
 * of frameworks/types.ts are its vocabulary by definition; the others are listed with what they
 * mean where the analyzer spells them. A new entry here needs the same kind of reason.
 */
const ANALYZER_VOCABULARY: ReadonlySet<string> = new Set<string>([...FRAMEWORKS, ...LAYER_ROLES, ...OP_KINDS]);
const NEUTRAL_WORDS: ReadonlyMap<string, string> = new Map([
  ['train', "a mode (the model's `'train' | 'eval'`)"],
  ['eval', 'a mode'],
  ['inference', 'an execution context (typescript/mode.ts)'],
  ['layers', "an analysis a rule needs (`needs: ['layers']`)"],
  ['training', 'an analysis a rule needs'],
  ['sequential', "a front end's value kind"],
  ['model', "a front end's value kind"],
  ['none', 'a finding field left empty (no fix, no evidence)'],
  ['call', 'a tree-sitter node type'],
  ['interpolation', 'a tree-sitter node type'],
  ['name', 'a tree-sitter field'],
  ['value', 'a tree-sitter field'],
  ['parameters', 'a tree-sitter field'],
  ['type', 'a tree-sitter field, an ESTree key'],
  ['parent', 'an ESTree key'],
  ['init', "an ESTree property's kind"],
  ['length', "JavaScript's array length"],
  ['float', "Python's builtin"],
  ['input', "Python's builtin"],
  ['len', "Python's builtin"],
  ['max', "Python's builtin"],
  ['min', "Python's builtin"],
  ['append', "Python's list method"],
  ['generator', 'a GAN part (model/training.ts)'],
  ['discriminator', 'a GAN part'],
  ['critic', 'a GAN part'],
  ['json', "a notebook's format"],
  ['time', 'a notebook cell magic'],
  ['index', "a module file's name (`index.ts`)"],
  ['build', 'a build-output folder the project view skips'],
  ['device', "a message's word (a Flax replica)"],
  ['steps', "a message's name for a tensor dimension"],
  ['units', "a message's name for a tensor dimension"],
]);

/** The table strings and, for regular expressions, the parts of the dotted ones (`Sequential` of `torch.nn.Sequential`). */
function tableNames(strings: ReadonlySet<string>): Set<string> {
  const names = new Set(strings);
  for (const value of strings) for (const part of value.split('.')) if (part.length >= 3) names.add(part);
  return names;
}

/**
 * What a node spells: a string literal's value or a template piece, whole; or the names in a
 * regular expression (`/(Sequential|ModuleList)$/` spells `Sequential` and `ModuleList`; escapes
 * such as `\w` and names shorter than three letters left out).
 */
function spelled(node: TSESTree.Node): { readonly whole: readonly string[]; readonly names: readonly string[] } {
  if (node.type === 'Literal' && 'regex' in node && node.regex)
    return { whole: [], names: (node.regex.pattern.replace(/\\[A-Za-z]/g, ' ').match(/[A-Za-z_]\w*/g) ?? []).filter((name) => name.length >= 3) };
  if (node.type === 'Literal' && typeof node.value === 'string') return { whole: [node.value], names: [] };
  if (node.type === 'TemplateElement' && node.value.cooked) return { whole: [node.value.cooked], names: [] };
  return { whole: [], names: [] };
}

/** The table strings a node spells, less the analyzer's own words. */
function tableStringsIn(node: TSESTree.Node, strings: ReadonlySet<string>, names: ReadonlySet<string>): string[] {
  const { whole, names: patternNames } = spelled(node);
  return [...whole.filter((s) => strings.has(s)), ...patternNames.filter((n) => names.has(n))].filter(
    (s) => !ANALYZER_VOCABULARY.has(s) && !NEUTRAL_WORDS.has(s),
  );
}

/** The table strings each analyzer file outside the tables spells as a string literal, a whole template piece or a name in a pattern (types aside). */
function tableStringsSpelled(): Map<string, Set<string>> {
  const strings = tableStrings();
  const names = tableNames(strings);
  const found = new Map<string, Set<string>>();
  for (const file of analyzerFiles(ANALYZER)) {
    const relative = path.relative(ROOT, file);
    simpleTraverse(parse(fs.readFileSync(file, 'utf8'), { comment: false }), {
      enter(node: TSESTree.Node, parent: TSESTree.Node | undefined) {
        // `ModelCall['batchSize']`, `'train' | 'eval'`: a type names a key or a value, it reads no code.
        if (parent?.type === 'TSLiteralType') return;
        for (const value of tableStringsIn(node, strings, names)) found.set(relative, (found.get(relative) ?? new Set()).add(value));
      },
    });
  }
  return found;
}

describe('framework knowledge stays in its tables (issue 13)', () => {
  it('collects the strings of every table', () => {
    const strings = tableStrings();
    for (const word of ['.eval()', 'requires_grad_', 'backward', 'GradientTape', 'DataLoader', 'trainOnBatch', 'forward', 'channels_first', 'dataFormat'])
      assert.ok(strings.has(word), word);
  });

  it('finds table strings in literals, template pieces and regular expressions', () => {
    const sabotage = ["const f = cls.methods.get('forward');", 'const c = `${model}.eval()`;', 'const s = /(Sequential|ModuleList)$/;'].join('\n');
    const strings = tableStrings();
    const names = tableNames(strings);
    const hits: string[] = [];
    simpleTraverse(parse(sabotage, {}), {
      enter(node: TSESTree.Node) {
        hits.push(...tableStringsIn(node, strings, names));
      },
    });
    assert.deepEqual(hits, ['forward', '.eval()', 'Sequential', 'ModuleList']);
  });

  it('no analyzer file outside the tables spells one', () => {
    const found = [...tableStringsSpelled()].flatMap(([file, words]) => [...words].map((w) => `${file}: '${w}'`));
    assert.deepEqual(found, [], "read these from the framework tables (or, if one is the analyzer's own word, list it in NEUTRAL_WORDS with its meaning)");
  });

  it('lists no neutral word that no table holds', () => {
    const strings = tableStrings();
    assert.deepEqual(
      [...NEUTRAL_WORDS.keys()].filter((w) => !strings.has(w)),
      [],
    );
  });
});
