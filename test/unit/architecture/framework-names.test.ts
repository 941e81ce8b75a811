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
import { kerasFit, kerasTrainableFlag, tf1OptimizerUpdates, tf1UpdateOpsWords } from '../../../src/analyzer/frameworks/keras';
import { modeConventions } from '../../../src/analyzer/frameworks/modes';
import {
  pytorchFreeze,
  pytorchModeSwitchCalls,
  pytorchNoGradName,
  pytorchSameModuleMethods,
  pytorchSyncBatchNormWords,
} from '../../../src/analyzer/frameworks/pytorch';
import { tfjsEvaluateAndTrainMethods, tfjsRunMethods } from '../../../src/analyzer/frameworks/tfjs';
import { TRAINING_TEXT_GATES } from '../../../src/analyzer/frameworks/trainingNames';

const ROOT = path.resolve(__dirname, '../../..');
const ANALYZER = path.join(ROOT, 'src/analyzer');
const TABLES = path.join(ANALYZER, 'frameworks');

/** A framework's import path, whole or dotted on (`torch`, `tensorflow.keras.layers`, `@tensorflow/tfjs`). */
const FRAMEWORK_PATH = /^(torch|torchvision|tensorflow|tf|keras|flax|jax|timm|transformers|@tensorflow\/tfjs[\w-]*)(\.[A-Za-z_]\w*)*$/;
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
    ].join('\n');
    assert.deepEqual(frameworkLiterals(sample), ['torch.nn.ModuleList@2', 'torchvision@4', '/^flax\\.linen\\b/@7']);
  });

  it('no analyzer file outside the tables spells a framework path', () => {
    const found = analyzerFiles(ANALYZER).flatMap((file) => frameworkLiterals(fs.readFileSync(file, 'utf8')).map((f) => `${path.relative(ROOT, file)}: ${f}`));
    assert.deepEqual(found, [], 'move these names into a table of src/analyzer/frameworks/');
  });
});

/**
 * Words the tables list that name a framework's API and nothing else: the mode markers and the
 * switch, freeze and step spellings (`.eval()`, `requires_grad_`, `backward`), the training gates'
 * words, the TF.js model methods. Spelled as a string literal in another analyzer file, such a word
 * is the table's knowledge written a second time.
 */
function tableWords(): Set<string> {
  const words = new Set<string>();
  const add = (list: Iterable<string>) => {
    for (const word of list) words.add(word);
  };
  for (const c of modeConventions()) {
    for (const list of [c.markers, c.evalSwitches, c.freezeSpellings, c.trainedWeights, c.tapeUpdates, c.trainingStepCalls, c.optimizerSteps]) add(list);
    for (const list of [c.weightLoaders, c.selfManagedHooks, c.trainingStepMethods, c.inferenceStepMethods]) add(list);
  }
  for (const groups of Object.values(TRAINING_TEXT_GATES)) for (const group of groups) add(group);
  add([...Object.values(pytorchModeSwitchCalls), ...Object.values(pytorchFreeze), ...pytorchSyncBatchNormWords, ...pytorchSameModuleMethods]);
  add([...tf1UpdateOpsWords, ...tf1OptimizerUpdates, ...kerasFit.methods, kerasTrainableFlag, pytorchNoGradName]);
  add([...tfjsRunMethods, ...tfjsEvaluateAndTrainMethods]);
  return words;
}

/** Table words that are also the analyzer's own vocabulary, with what they mean there. */
const NEUTRAL_WORDS: ReadonlyMap<string, string> = new Map([
  ['call', 'a tree-sitter node type'],
  ['train', "a mode (the model's `'train' | 'eval'`)"],
  ['float', "Python's builtin"],
  ['generator', 'a GAN part (model/training.ts)'],
  ['discriminator', 'a GAN part'],
  ['critic', 'a GAN part'],
]);

/**
 * Table words some files still spell: the framework method `apply` (a layer called through it in
 * Keras, Flax and TF.js, PyTorch's `Module.apply(fn)`). Moving it is the next step; a word or a
 * file not listed here fails, and so does an entry no longer needed.
 */
const NOT_YET_MOVED: Readonly<Record<string, readonly string[]>> = {
  'src/analyzer/python/frontend.ts': ['apply'],
  'src/analyzer/python/modes.ts': ['apply'],
  'src/analyzer/python/training.ts': ['apply'],
  'src/analyzer/typescript/frontend.ts': ['apply'],
  'src/analyzer/typescript/index.ts': ['apply'],
};

/** The table words each analyzer file outside the tables spells as a string literal. */
function tableWordsSpelled(): Map<string, Set<string>> {
  const words = tableWords();
  const found = new Map<string, Set<string>>();
  for (const file of analyzerFiles(ANALYZER)) {
    const relative = path.relative(ROOT, file);
    simpleTraverse(parse(fs.readFileSync(file, 'utf8'), { comment: false }), {
      enter(node: TSESTree.Node) {
        if (node.type !== 'Literal' || typeof node.value !== 'string' || !words.has(node.value) || NEUTRAL_WORDS.has(node.value)) return;
        found.set(relative, (found.get(relative) ?? new Set()).add(node.value));
      },
    });
  }
  return found;
}

describe('framework API words stay in their tables (issue 13)', () => {
  it('collects the words from the tables', () => {
    const words = tableWords();
    for (const word of ['.eval()', 'requires_grad_', 'backward', 'GradientTape', 'DataLoader', 'trainOnBatch', 'update_ops']) assert.ok(words.has(word), word);
  });

  it('no analyzer file outside the tables spells one, beyond the listed ones still to move', () => {
    const found = tableWordsSpelled();
    const unexpected = [...found].flatMap(([file, words]) => [...words].filter((w) => !NOT_YET_MOVED[file]?.includes(w)).map((w) => `${file}: '${w}'`));
    assert.deepEqual(unexpected, [], 'read these words from the framework tables');
    const stale = Object.entries(NOT_YET_MOVED).flatMap(([file, words]) => words.filter((w) => !found.get(file)?.has(w)).map((w) => `${file}: '${w}'`));
    assert.deepEqual(stale, [], 'no longer spelled there: remove them from NOT_YET_MOVED');
  });
});
