import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

/**
 * The injection grammar, tokenized by the same TextMate engine VS Code uses (vscode-textmate and
 * vscode-oniguruma from this VS Code's own installation) over its built-in Python and TS grammars.
 */

type Any = any;

async function loadRegistry(): Promise<{ tokenize(scope: string, line: string): { text: string; scopes: string[] }[] }> {
  const appRoot = vscode.env.appRoot;
  const req = (name: string) => require(path.join(appRoot, 'node_modules', name)); // eslint-disable-line @typescript-eslint/no-require-imports
  const textmate = req('vscode-textmate');
  const oniguruma = req('vscode-oniguruma');
  const wasm = fs.readFileSync(path.join(appRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri.fsPath;
  const grammars: Record<string, string> = {
    'source.python': path.join(appRoot, 'extensions/python/syntaxes/MagicPython.tmLanguage.json'),
    'source.ts': path.join(appRoot, 'extensions/typescript-basics/syntaxes/TypeScript.tmLanguage.json'),
    'source.js': path.join(appRoot, 'extensions/javascript/syntaxes/JavaScript.tmLanguage.json'),
    'normlint.suppression.injection': path.join(extensionPath, 'syntaxes/normlint-suppression.injection.json'),
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => (grammars[scope] ? textmate.parseRawGrammar(fs.readFileSync(grammars[scope], 'utf8'), grammars[scope]) : null),
    getInjections: (scope: string) => (['source.python', 'source.ts', 'source.js'].includes(scope) ? ['normlint.suppression.injection'] : []),
  });
  const loaded = new Map<string, Any>();
  for (const scope of ['source.python', 'source.ts', 'source.js']) loaded.set(scope, await registry.loadGrammar(scope));
  return {
    tokenize(scope, line) {
      const { tokens } = loaded.get(scope).tokenizeLine(line, textmate.INITIAL);
      return tokens.map((t: Any) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    },
  };
}

suite('suppression comment grammar', () => {
  let tokenize: (scope: string, line: string) => { text: string; scopes: string[] }[];
  suiteSetup(async () => {
    tokenize = (await loadRegistry()).tokenize;
  });

  /** The innermost NormLint scope of the token with this text, or undefined. */
  function scopeOf(scope: string, line: string, text: string): string | undefined {
    const token = tokenize(scope, line).find((t) => t.text === text);
    assert.ok(token, `no token "${text}" in ${JSON.stringify(tokenize(scope, line).map((t) => t.text))}`);
    return token.scopes.filter((s) => s.endsWith('.normlint')).pop();
  }

  test('Python: # noqa: BN101, E501 and # normlint: disable=… / disable-file=…', () => {
    const line = 'x = nn.Conv2d(3, 8, 3)  # noqa: BN101, E501';
    assert.equal(scopeOf('source.python', line, 'noqa'), 'keyword.control.directive.noqa.normlint');
    assert.equal(scopeOf('source.python', line, 'BN101'), 'constant.language.rule-code.normlint');
    assert.equal(scopeOf('source.python', line, 'E501'), 'constant.other.rule-code.normlint');
    const disable = 'bn = nn.BatchNorm2d(8, momentum=0.99)  # type: ignore  # normlint: disable=BN301,BN304';
    assert.equal(scopeOf('source.python', disable, 'normlint'), 'keyword.control.directive.normlint');
    assert.equal(scopeOf('source.python', disable, 'disable'), 'keyword.control.directive.disable.normlint');
    assert.equal(scopeOf('source.python', disable, 'BN304'), 'constant.language.rule-code.normlint');
    assert.equal(scopeOf('source.python', '# normlint: disable-file=BN3', 'disable-file'), 'keyword.control.directive.disable.normlint');
    assert.equal(scopeOf('source.python', '# normlint: disable-file=BN3', 'BN3'), 'constant.language.rule-code.normlint');
  });

  test('not outside comments, nor in other words', () => {
    assert.equal(
      tokenize('source.python', 's = "# noqa: BN101"').some((t) => t.scopes.some((s) => s.endsWith('.normlint'))),
      false,
    );
    assert.equal(
      tokenize('source.python', 'noqa = 1  # the noqa_count').some((t) => t.scopes.some((s) => s.endsWith('.normlint'))),
      false,
    );
  });

  test('TypeScript and JavaScript: // normlint-disable-next-line, -line, /* normlint-disable */', () => {
    for (const scope of ['source.ts', 'source.js']) {
      const next = '// normlint-disable-next-line BN101, BN302';
      assert.equal(scopeOf(scope, next, 'normlint-disable-next-line'), 'keyword.control.directive.normlint');
      assert.equal(scopeOf(scope, next, 'BN302'), 'constant.language.rule-code.normlint');
      assert.equal(
        scopeOf(scope, 'const bn = tf.layers.batchNormalization({ momentum: 0.1 }); // normlint-disable-line BN302', 'normlint-disable-line'),
        'keyword.control.directive.normlint',
      );
      assert.equal(scopeOf(scope, '/* normlint-disable BN101 */', 'normlint-disable'), 'keyword.control.directive.normlint');
    }
  });
});
