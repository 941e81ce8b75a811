/** The public `analyze(text, options)` validates its arguments: TypeErrors that name the field. */
import assert from 'node:assert/strict';
import { getAnalyzer } from '../../../src/node/analyzer';
import { analyze, parsePyprojectConfig, selectRules } from '../../../src/node/api';

const MODEL = 'import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.BatchNorm2d(8, momentum=0.9))\n';

describe('analyze(text, options) input validation', () => {
  const rejects = (promise: Promise<unknown>, message: RegExp) => assert.rejects(promise, (e: unknown) => e instanceof TypeError && message.test(e.message));

  it('non-string text is a TypeError naming the field', async () => {
    await rejects(analyze(42 as unknown as string), /^text must be a string, got 42$/);
    await rejects(analyze(Buffer.from('x') as unknown as string), /^text must be a string, got a Buffer$/);
    await rejects(analyze(undefined as unknown as string), /^text must be a string, got undefined$/);
  });

  it('a string where an array of codes belongs is an error, not "every rule disabled"', async () => {
    await rejects(
      analyze(MODEL, { config: { ignore: 'BN401' as unknown as string[] } }),
      /^options\.config\.ignore must be an array of rule codes.*got "BN401"$/,
    );
    // The same config reaching the analyzer without the API entry point fails too (selectRules checks it).
    const analyzer = await getAnalyzer();
    assert.throws(() => analyzer.analyze(MODEL, { config: { ignore: 'BN401' as unknown as string[] } }), /config\.ignore must be an array/);
  });

  it('selectors that match no rule are named', async () => {
    await rejects(analyze(MODEL, { config: { select: ['XX999'] } }), /options\.config\.select\[0\]: "XX999" matches no rule/);
    await rejects(analyze(MODEL, { config: { select: ['BN9'] } }), /"BN9" matches no rule/);
    await rejects(analyze(MODEL, { config: { ignore: ['no-such-rule'] } }), /options\.config\.ignore\[0\]: "no-such-rule" matches no rule/);
    await rejects(analyze(MODEL, { config: { ignore: [''] } }), /"" matches no rule/);
    await rejects(
      analyze(MODEL, { config: { perFileIgnores: { 'tests/**': ['BN999'] } } }),
      /options\.config\.perFileIgnores\["tests\/\*\*"\]\[0\]: "BN999" matches no rule/,
    );
    await rejects(analyze(MODEL, { config: { severity: { XX1: 'info' } } }), /options\.config\.severity key: "XX1" matches no rule/);
  });

  it('an unknown severity is an error, not a finding with severity "fatal"', async () => {
    await rejects(
      analyze(MODEL, { config: { severity: { BN101: 'fatal' as 'error' } } }),
      /^options\.config\.severity\["BN101"\] must be one of "error", "warning", "info", "hint", "off", got "fatal"$/,
    );
    await rejects(analyze(MODEL, { config: { severity: 'fatal' as unknown as Record<string, 'error'> } }), /options\.config\.severity must be an object/);
  });

  it('unknown or mistyped options are named', async () => {
    await rejects(
      analyze(MODEL, { filename: 'x.py' } as unknown as { fileName: string }),
      /options has an unknown key "filename" \(expected one of: fileName,/,
    );
    await rejects(analyze(MODEL, { config: { 'per-file-ignores': {} } as unknown as object }), /options\.config has an unknown key "per-file-ignores"/);
    await rejects(analyze(MODEL, { language: 'rust' as 'python' }), /options\.language must be one of "python", "typescript", got "rust"/);
    await rejects(analyze(MODEL, { rules: ['BN101'] as unknown as [] }), /options\.rules\[0\] must be a rule/);
    await rejects(analyze(MODEL, null as unknown as object), /options must be an object, got null/);
  });

  it('valid options still work: names, prefixes, ALL, severities', async () => {
    const all = await analyze(MODEL);
    assert.deepEqual([...new Set(all.findings.map((f) => f.code))].sort(), ['BN101', 'BN301']);
    const some = await analyze(MODEL, {
      fileName: 'm.py',
      config: { select: ['ALL'], ignore: ['redundant-bias-before-batchnorm'], severity: { BN3: 'error' } },
    });
    assert.deepEqual(
      some.findings.map((f) => [f.code, f.severity]),
      [['BN301', 'error']],
    );
    assert.equal(selectRules({ select: ['bn1'] }).isEnabled('BN101'), true);
    const byName = await analyze(MODEL, { config: { severity: { 'redundant-bias-before-batchnorm': 'info' } } });
    assert.deepEqual(
      byName.findings.map((f) => [f.code, f.severity]),
      [
        ['BN101', 'info'],
        ['BN301', 'warning'],
      ],
    );
  });

  it('a pyproject config copied with overrides (as the CLI and the extension do) still validates', () => {
    const loaded = parsePyprojectConfig('[tool.normlint.severity]\nredundant-bias-before-batchnorm = "off"\n', 'pyproject.toml')!;
    const copied = { ...loaded, select: ['BN1'] };
    assert.equal(selectRules(copied).isEnabled('BN101'), false);
  });
});
