/**
 * `[tool.normlint]` in pyproject.toml: parsing, validation (errors name file, key and line),
 * which rules run on which file, and `exclude`.
 */
import assert from 'node:assert/strict';
import { ConfigError, isExcluded, parsePyprojectConfig, selectRules, validateConfig, type NormlintConfig } from '../../../src/analyzer/config/config';
import { allRules } from '../../../src/analyzer/rules';

const FILE = '/repo/pyproject.toml';
const CODES = allRules.map((r) => r.meta.code);

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e;
  }
  return assert.fail('no ConfigError was thrown');
}

const parse = (toml: string) => parsePyprojectConfig(toml, FILE);
const enabled = (config: NormlintConfig | undefined, relativePath?: string) => CODES.filter((c) => selectRules(config, relativePath).isEnabled(c));

describe('configuration', () => {
  describe('parsePyprojectConfig', () => {
    it('returns undefined when there is no [tool.normlint] table (so discovery walks on)', () => {
      for (const toml of ['', '[project]\nname = "demo"\n', '[tool.ruff]\nselect = ["E"]\n', '[tool.normlintx]\nselect = ["BN1"]\n', 'tool = 3\n']) {
        assert.equal(parse(toml), undefined, toml);
      }
    });

    it('an empty table is a valid configuration meaning "defaults"', () => {
      const config = parse('[project]\nname = "demo"\n\n[tool.normlint]\n');
      assert.ok(config);
      for (const key of ['select', 'ignore', 'perFileIgnores', 'severity', 'exclude'] as const) assert.equal(config[key], undefined, key);
      assert.deepEqual(enabled(config), CODES);
    });

    it('reads every key, in the table and sub-table forms the README shows', () => {
      const config = parse(
        [
          '[tool.normlint]',
          'select = ["BN", "redundant-bias-before-batchnorm"]',
          'ignore = ["BN304"]',
          'exclude = ["legacy/**", "*_pb2.py"]',
          '[tool.normlint.per-file-ignores]',
          '"tests/**" = ["BN101"]',
          '"scripts/*.py" = ["BN3", "BN401"]',
          '[tool.normlint.severity]',
          'BN101 = "info"',
          'bn401 = "off"',
          '',
        ].join('\n'),
      );
      assert.deepEqual(config, {
        select: ['BN', 'redundant-bias-before-batchnorm'],
        ignore: ['BN304'],
        perFileIgnores: { 'tests/**': ['BN101'], 'scripts/*.py': ['BN3', 'BN401'] },
        severity: { BN101: 'info', BN401: 'off' },
        exclude: ['legacy/**', '*_pb2.py'],
      });
    });

    it('reads inline tables, dotted keys and CRLF files alike', () => {
      const inline = parse('[tool.normlint]\nseverity = { BN101 = "error" }\nper-file-ignores = { "t/**" = ["BN3"] }\n');
      const dotted = parse('[tool]\nnormlint.severity.BN101 = "error"\nnormlint.per-file-ignores."t/**" = ["BN3"]\n');
      const crlf = parse('[tool.normlint]\r\nseverity = { BN101 = "error" }\r\nper-file-ignores = { "t/**" = ["BN3"] }\r\n');
      for (const config of [inline, dotted, crlf]) {
        assert.deepEqual(config?.severity, { BN101: 'error' });
        assert.deepEqual(config?.perFileIgnores, { 't/**': ['BN3'] });
      }
    });

    it('extend-select adds to select (or to all), extend-ignore adds to ignore', () => {
      assert.deepEqual(parse('[tool.normlint]\nselect = ["BN3"]\nextend-select = ["BN101"]\n')?.select, ['BN3', 'BN101']);
      assert.deepEqual(parse('[tool.normlint]\nextend-select = ["BN101"]\n')?.select, ['ALL', 'BN101']);
      assert.deepEqual(parse('[tool.normlint]\nignore = ["BN3"]\nextend-ignore = ["BN101"]\n')?.ignore, ['BN3', 'BN101']);
      assert.deepEqual(parse('[tool.normlint]\nextend-ignore = ["BN101"]\n')?.ignore, ['BN101']);
      const config = parse('[tool.normlint]\nselect = ["BN3"]\nextend-select = ["BN101"]\nextend-ignore = ["BN304"]\n');
      assert.deepEqual(
        enabled(config),
        CODES.filter((c) => c === 'BN101' || (c.startsWith('BN3') && c !== 'BN304')),
      );
    });

    it('accepts codes, prefixes, rule names, any letter case and ALL', () => {
      const config = parse('[tool.normlint]\nselect = ["ALL", "BN", "bn3", "BN101", "suspicious-epsilon"]\n');
      assert.deepEqual(config?.select, ['ALL', 'BN', 'bn3', 'BN101', 'suspicious-epsilon']);
    });

    describe('errors name the file, the key and the line', () => {
      it('invalid TOML: file and line of the error', () => {
        const e = configError(() => parse('[project]\nname = "demo"\n\n[tool.normlint]\nselect = ["BN101"\nignore = []\n'));
        assert.equal(e.file, FILE);
        assert.equal(e.line, 6);
        assert.equal(e.key, undefined);
        assert.match(e.message, /^\/repo\/pyproject\.toml:6: invalid TOML: /);
      });

      it('a duplicated key is invalid TOML, at its line', () => {
        const e = configError(() => parse('[tool.normlint]\nselect = ["BN1"]\nselect = ["BN3"]\n'));
        assert.equal(e.line, 3);
        assert.match(e.message, /invalid TOML/);
      });

      it('an unknown key', () => {
        const e = configError(() => parse('[tool.normlint]\nselect = ["BN1"]\n\nexlcude = ["x"]\n'));
        assert.deepEqual([e.file, e.key, e.line], [FILE, 'exlcude', 4]);
        assert.match(e.message, /^\/repo\/pyproject\.toml:4: \[tool\.normlint\] exlcude: unknown key \(expected one of: .*exclude/);
      });

      for (const key of ['select', 'ignore', 'extend-select', 'extend-ignore']) {
        it(`an unknown code in ${key}, on a multi-line array`, () => {
          const e = configError(() => parse(`[tool.other]\n${key} = ["XX"]\n\n[tool.normlint]\n${key} = [\n  "BN101",\n  "BN999",\n]\n`));
          assert.deepEqual([e.key, e.line], [key, 5], 'the line of the key in [tool.normlint], not in [tool.other]');
          assert.match(e.message, /unknown rule code or prefix "BN999"/);
        });
      }

      it('the line of the real key, not of a commented-out one', () => {
        const e = configError(() => parse('[tool.normlint]\n# select = ["BN101"]\nselect = ["BN9"]\n'));
        assert.equal(e.line, 3);
      });

      it('wrong types', () => {
        const cases: [string, string, number, RegExp][] = [
          ['[tool.normlint]\nselect = "BN101"\n', 'select', 2, /expected an array of rule codes/],
          ['[tool.normlint]\nignore = [101]\n', 'ignore', 2, /expected an array of rule codes/],
          ['[tool.normlint]\nexclude = "legacy"\n', 'exclude', 2, /expected an array of glob patterns/],
          ['[tool.normlint]\n\nexclude = [1, 2]\n', 'exclude', 3, /expected an array of glob patterns/],
          ['[tool.normlint]\nper-file-ignores = ["tests/**"]\n', 'per-file-ignores', 2, /expected a table/],
          ['[tool.normlint]\nper-file-ignores = { "tests/**" = "BN101" }\n', 'per-file-ignores', 2, /"tests\/\*\*" must map to an array/],
          ['[tool.normlint]\nseverity = "info"\n', 'severity', 2, /expected a table/],
        ];
        for (const [toml, key, line, message] of cases) {
          const e = configError(() => parse(toml));
          assert.deepEqual([e.key, e.line], [key, line], toml);
          assert.match(e.message, message);
        }
      });

      it('bad severity values and codes (inline table)', () => {
        const level = configError(() => parse('[tool.normlint]\nseverity = { BN101 = "loud" }\n'));
        assert.deepEqual([level.key, level.line], ['severity', 2]);
        assert.match(level.message, /"BN101" must be one of "error", "warning", "info", "hint", "off", got "loud"/);
        const notString = configError(() => parse('[tool.normlint]\nseverity = { BN101 = 3 }\n'));
        assert.match(notString.message, /got 3/);
        const code = configError(() => parse('[tool.normlint]\nseverity = { XY1 = "info" }\n'));
        assert.match(code.message, /unknown rule code "XY1"/);
      });

      it('an unknown code in per-file-ignores names the glob', () => {
        const e = configError(() => parse('[tool.normlint]\nper-file-ignores = { "tests/**" = ["BN101", "ZZ9"] }\n'));
        assert.deepEqual([e.key, e.line], ['per-file-ignores', 2]);
        assert.match(e.message, /unknown rule code or prefix "ZZ9" for "tests\/\*\*"/);
      });

      it('sub-table errors carry the line of the offending entry', () => {
        const severity = configError(() => parse('[tool.normlint]\nselect = ["BN"]\n\n[tool.normlint.severity]\nBN301 = "error"\nBN101 = "loud"\n'));
        assert.deepEqual([severity.key, severity.line], ['severity', 6]);
        const perFile = configError(() => parse('[tool.normlint.per-file-ignores]\n"src/**" = ["BN3"]\n"tests/**" = ["BN999"]\n'));
        assert.deepEqual([perFile.key, perFile.line], ['per-file-ignores', 3]);
      });
    });
  });

  describe('validateConfig', () => {
    it('rejects anything but a table', () => {
      for (const value of [null, 3, 'BN101', ['BN101'], true]) {
        const e = configError(() => validateConfig(value, FILE));
        assert.match(e.message, /expected a table/);
        assert.equal(e.file, FILE);
      }
    });

    it('asks the caller for the line of a bad key', () => {
      const asked: string[] = [];
      const e = configError(() => validateConfig({ select: ['BN1'], colour: 'red' }, 'cfg.toml', (key) => (asked.push(key), key === 'colour' ? 7 : undefined)));
      assert.deepEqual(asked, ['colour']);
      assert.equal(
        e.message,
        'cfg.toml:7: [tool.normlint] colour: unknown key (expected one of: select, ignore, per-file-ignores, severity, exclude, extend-select, extend-ignore)',
      );
      const noLine = configError(() => validateConfig({ colour: 'red' }, 'cfg.toml'));
      assert.match(noLine.message, /^cfg\.toml: \[tool\.normlint\] colour: /);
    });

    it('normalizes severity keys to upper case and keeps the rest as written', () => {
      assert.deepEqual(validateConfig({ severity: { bn101: 'hint' }, ignore: ['bn3'] }, FILE), {
        select: undefined,
        ignore: ['bn3'],
        perFileIgnores: undefined,
        severity: { BN101: 'hint' },
        exclude: undefined,
      });
    });
  });

  describe('selectRules', () => {
    it('enables every rule at its default severity without a configuration', () => {
      for (const config of [undefined, {}]) {
        const selection = selectRules(config);
        assert.deepEqual(enabled(config), CODES);
        assert.equal(selection.severityOf('BN101', 'warning'), 'warning');
        assert.equal(selection.severityOf('BN401', 'error'), 'error');
      }
    });

    it('select takes codes, prefixes, names, any case and ALL', () => {
      assert.deepEqual(
        enabled({ select: ['BN3'] }),
        CODES.filter((c) => c.startsWith('BN3')),
      );
      assert.deepEqual(
        enabled({ select: ['bn4'] }),
        CODES.filter((c) => c.startsWith('BN4')),
      );
      assert.deepEqual(enabled({ select: ['BN101', 'suspicious-epsilon'] }), ['BN101', 'BN304']);
      assert.deepEqual(enabled({ select: ['ALL'] }), CODES);
      assert.deepEqual(enabled({ select: [] }), [], 'an empty select selects nothing');
    });

    it('ignore wins over select', () => {
      assert.deepEqual(
        enabled({ select: ['BN3'], ignore: ['BN304', 'keras-momentum-in-pytorch-convention'] }),
        CODES.filter((c) => c.startsWith('BN3') && c !== 'BN304' && c !== 'BN302'),
      );
      assert.deepEqual(enabled({ ignore: ['BN'] }), []);
      assert.deepEqual(enabled({ select: ['BN101'], ignore: ['BN1'] }), []);
    });

    it('per-file-ignores match the path relative to the config folder, also by base name', () => {
      const config: NormlintConfig = { perFileIgnores: { 'tests/**': ['BN101'], 'test_*.py': ['BN3'], 'scripts/train.py': ['BN4'] } };
      const without = (...codes: string[]) => CODES.filter((c) => !codes.some((p) => c.startsWith(p)));
      assert.deepEqual(enabled(config, 'tests/unit/test_model.py'), without('BN101', 'BN3'));
      assert.deepEqual(enabled(config, 'tests/conftest.py'), without('BN101'));
      assert.deepEqual(enabled(config, 'pkg/test_layers.py'), without('BN3'));
      assert.deepEqual(enabled(config, 'scripts/train.py'), without('BN4'));
      assert.deepEqual(enabled(config, 'src/tests.py'), CODES);
      assert.deepEqual(enabled(config, 'other/scripts/train.py'), without('BN4'), 'a relative glob also matches deeper (as **/glob)');
      assert.deepEqual(enabled(config, '.hidden/tests/x.py'), without('BN101'), 'a folder glob matches at any depth, in dot folders too');
      assert.deepEqual(enabled(config, 'tests/.hidden/x.py'), without('BN101'), 'dotfiles match too');
      assert.deepEqual(enabled(config), CODES, 'no path, no per-file-ignores');
    });

    it('severity overrides the default, and "off" disables the rule', () => {
      const selection = selectRules({ severity: { BN101: 'error', BN401: 'hint', BN304: 'off' } });
      assert.equal(selection.severityOf('BN101', 'warning'), 'error');
      assert.equal(selection.severityOf('BN401', 'error'), 'hint');
      assert.equal(selection.severityOf('BN301', 'warning'), 'warning');
      assert.equal(selection.isEnabled('BN304'), false);
      assert.equal(selection.isEnabled('BN101'), true);
      assert.equal(selection.severityOf('BN304', 'warning'), 'warning', '"off" never becomes a severity');
    });

    it('severity keyed by prefix or rule name applies to the matching rules (or is rejected)', () => {
      let config: NormlintConfig | undefined;
      try {
        config = parse('[tool.normlint.severity]\nBN3 = "off"\nredundant-bias-before-batchnorm = "info"\n');
      } catch (e) {
        assert.ok(e instanceof ConfigError, 'rejecting the keys is fine too');
        return;
      }
      const selection = selectRules(config);
      assert.equal(selection.isEnabled('BN301'), false);
      assert.equal(selection.isEnabled('BN302'), false);
      assert.equal(selection.severityOf('BN101', 'warning'), 'info');
    });
  });

  describe('isExcluded', () => {
    it('is false without exclude globs', () => {
      assert.equal(isExcluded(undefined, 'a.py'), false);
      assert.equal(isExcluded({}, 'a.py'), false);
      assert.equal(isExcluded({ exclude: [] }, 'a.py'), false);
    });

    it('matches files and folders by glob, folder name or base name', () => {
      const config: NormlintConfig = { exclude: ['generated/**', 'legacy', '*_pb2.py', '.cache'] };
      const cases: [string, boolean][] = [
        ['generated/model.py', true],
        ['generated/deep/er/model.py', true],
        ['src/generated.py', false],
        ['legacy', true],
        ['legacy/old.py', true],
        ['pkg/legacy', true],
        ['legacyish/x.py', false],
        ['proto/model_pb2.py', true],
        ['model_pb2.pyi', false],
        ['.cache', true],
        ['.cache/x.py', true],
        ['src/model.py', false],
      ];
      for (const [relativePath, excluded] of cases) assert.equal(isExcluded(config, relativePath), excluded, relativePath);
    });
  });
});
