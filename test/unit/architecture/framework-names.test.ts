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
