import { keywordOrigin, keywordSynonyms } from '../frameworks/synonyms';
import type { LayerSpec } from '../frameworks/types';
import type { BoundArgument, LayerConstruction } from '../model/model';
import { usesKeras1 } from './chain';
import type { Rule } from './rule';
import type { Fix } from '../types';

const runtimeError: Record<LayerSpec['framework'], string> = {
  pytorch: 'raises `TypeError: __init__() got an unexpected keyword argument`',
  keras: 'raises `TypeError: Keyword argument not understood`',
  flax: 'raises `TypeError: __init__() got an unexpected keyword argument`',
  // tfjs-layers' constructors read only the keys they know (`args.useBias == null ? true : ...`) and never check for others.
  tfjs: 'runs anyway, because TF.js layers read only the config keys they know and ignore the rest without a warning; this setting never takes effect (tsc reports the key only in a type-checked object literal)',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The keyword the author most likely meant, if one stands out. */
export function suggestKeyword(spec: LayerSpec, keyword: string): string | undefined {
  const accepted = new Set([...spec.params.map((p) => p.name), ...(spec.extraKeywords ?? [])]);
  for (const candidate of keywordSynonyms[keyword] ?? []) if (accepted.has(candidate)) return candidate;
  const camel = snakeToCamel(keyword);
  if (camel !== keyword && accepted.has(camel)) return camel;
  const close = [...accepted].filter((p) => editDistance(p, keyword) <= Math.min(2, Math.floor(keyword.length / 3)));
  return close.length === 1 ? close[0] : undefined;
}

/** A call or a `partial(...)` binding, whichever wrote the keyword. */
type ArgumentHolder = Pick<LayerConstruction, 'spec' | 'args' | 'editor' | 'range'>;

/**
 * Keywords written at this holder (those a partial bound are reported once, at the partial), for
 * layers whose table lists every keyword; others may accept keywords the table does not know.
 */
function unknownKeywords(holder: ArgumentHolder): BoundArgument[] {
  if (!holder.spec.keywordsComplete || holder.spec.acceptsAnyKeyword) return [];
  return holder.args.filter((a) => a.keyword !== undefined && a.param === undefined && !a.fromPartial);
}

/**
 * The rename. Safe where the unknown keyword made the call raise (Python): no working program
 * changes. In TF.js the key was ignored, so the renamed one starts to take effect (`use_bias: false`
 * becomes `useBias: false` and the layer loses the bias it had): unsafe, said in the title.
 */
function renameFix(layer: ArgumentHolder, arg: BoundArgument, suggestion: string): Fix {
  const edits = layer.editor.renameKeyword(arg, suggestion);
  const title = `Rename \`${arg.keyword!}\` to \`${suggestion}\``;
  return layer.spec.framework === 'tfjs'
    ? { title: `${title} (the setting then takes effect)`, applicability: 'unsafe', edits }
    : { title, applicability: 'safe', edits };
}

export const wrongKeyword: Rule = {
  meta: {
    code: 'BN303',
    name: 'wrong-keyword-for-framework',
    defaultSeverity: 'error',
    summary: "A layer is given a keyword its constructor does not accept, often the other framework's name for it.",
    fix: 'safe',
    needs: ['layers'],
    docs: `# BN303 wrong-keyword-for-framework

## What it does
Flags a keyword that a layer's constructor does not accept: \`epsilon=\` on a PyTorch BatchNorm
(PyTorch calls it \`eps\`), \`eps=\` on Keras' \`BatchNormalization\` (\`epsilon\`), \`use_bias=\` on a
PyTorch convolution (\`bias\`), \`bias=\` on a Keras layer (\`use_bias\`), TF-Slim's \`decay=\` for
\`momentum\`, snake_case keys such as \`use_bias\` in a TF.js config (\`useBias\`), and plain typos.

Only layers whose keyword list the framework table knows completely are checked, each list being
the union over the versions it covers: PyTorch convolutions, \`Linear\`, BatchNorm, InstanceNorm,
\`LayerNorm\`, \`GroupNorm\` and dropout (torch 1.13 – 2.5); Keras \`Conv*D\`, \`Conv*DTranspose\`,
\`SeparableConv*D\`, \`DepthwiseConv*D\`, \`Dense\` and \`BatchNormalization\` (Keras 2.4 – 3.x and
tf.keras 2.x, with tf.keras' DTensor \`*_layout\` keywords); Flax \`Conv\`, \`ConvTranspose\`,
\`Dense\` and \`BatchNorm\` (flax.linen 0.7 – 0.12); TF.js convolutions, \`dense\`,
\`batchNormalization\`, \`layerNormalization\` and pooling (tfjs-layers 4.x, compared with its \`*LayerArgs\`
interfaces by a test). Any other layer is never flagged. A file that passes Keras 1 keywords
(\`border_mode\`, \`subsample\`, \`init\`, \`mode\`, ...) targets Keras 1/2.0, where \`bias=\` was still
accepted: its Keras layers are not checked.

## Why is this bad?
In Python the call raises \`TypeError\` when the model is built, often deep inside a training job
after data loading. In TF.js an unknown config key is silently ignored, which is worse: the
setting you wrote (say \`eps: 1e-3\`) never takes effect. (TF.js layer constructors read the keys
they know and nothing else; TypeScript's excess-property check catches the key only when the
config is an object literal in a type-checked \`.ts\` file, not in JavaScript, not through a spread
or a variable.)

## Example
\`\`\`python
bn = nn.BatchNorm2d(64, epsilon=1e-3)
\`\`\`

Use instead:
\`\`\`python
bn = nn.BatchNorm2d(64, eps=1e-3)
\`\`\`

## Fix
Renames the keyword in place when one accepted keyword clearly matches (a known cross-framework
synonym, the camelCase form, or a single close spelling) and it is not already given.

## Fix safety
Safe in Python: the call raised \`TypeError\`, so no working program changes. Unsafe in TF.js: the
key was ignored, so the renamed one starts to take effect. That is the author's evident intent,
but the model changes (\`use_bias: false\` becomes \`useBias: false\` and the layer loses the bias it
had until now), so the rename is offered as an unsafe fix, to review before applying.

## References
- PyTorch \`torch.nn.BatchNorm2d\`, Keras \`keras.layers.BatchNormalization\`, TF.js \`tf.layers.batchNormalization\` API docs.
`,
  },
  check({ model, report }) {
    const holders = [...model.layers, ...model.partials] as ArgumentHolder[];
    // Code written for Keras 1 (or 2.0's legacy arguments) passes keywords those versions took.
    const legacyKeras = usesKeras1(model);
    for (const layer of holders) {
      if (legacyKeras && layer.spec.framework === 'keras') continue;
      for (const arg of unknownKeywords(layer)) {
        const keyword = arg.keyword!;
        const suggestion = suggestKeyword(layer.spec, keyword);
        const alreadySet = suggestion !== undefined && layer.args.some((a) => a.param === suggestion);
        const origin = keywordOrigin[keyword];
        const use = `use \`${suggestion}\`${alreadySet ? ' (already given: remove this one)' : ''}.`;
        const hint = suggestion ? (origin ? ` \`${keyword}\` is ${origin}'s name; ${use}` : ` ${use[0].toUpperCase()}${use.slice(1)}`) : '';
        // Short: the unknown keyword and what to write instead; the consequence goes in the explanation.
        const instead = suggestion
          ? alreadySet
            ? `remove it (\`${suggestion}\` is already given)`
            : `use \`${suggestion}\``
          : layer.spec.framework === 'tfjs'
            ? 'it is ignored'
            : 'the call fails';
        report({
          message: `${layer.spec.displayName} has no keyword \`${keyword}\`: ${instead}.`,
          explanation: `${layer.spec.displayName} has no keyword \`${keyword}\`: the call ${runtimeError[layer.spec.framework]}.${hint}`,
          range: arg.keywordRange ?? arg.range,
          focus: arg.keywordRange ?? arg.range,
          related: [{ range: layer.range, message: `${layer.spec.displayName} call` }],
          fixes: suggestion && !alreadySet ? [renameFix(layer, arg, suggestion)] : [],
        });
      }
    }
  },
};
