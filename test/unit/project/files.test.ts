/** Which files make up a project: one list for the CLI's walk and the editor's file search and watcher. */
import assert from 'node:assert/strict';
import { isSkippedDirectory, projectFileLanguage, projectPathLanguage } from '../../../src/analyzer/project/files';

describe('project files', () => {
  it('Python and TS/JS sources by name; declaration files and other files are none', () => {
    const languages = Object.fromEntries(
      ['a.py', 'a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.d.ts', 'a.d.mts', 'a.ipynb', 'a.json', 'a.pyc', 'py'].map((n) => [
        n,
        projectFileLanguage(n) ?? '-',
      ]),
    );
    assert.deepEqual(languages, {
      'a.py': 'python',
      'a.ts': 'typescript',
      'a.tsx': 'typescript',
      'a.mts': 'typescript',
      'a.cts': 'typescript',
      'a.js': 'typescript',
      'a.jsx': 'typescript',
      'a.mjs': 'typescript',
      'a.cjs': 'typescript',
      'a.d.ts': '-',
      'a.d.mts': '-',
      'a.ipynb': '-',
      'a.json': '-',
      'a.pyc': '-',
      py: '-',
    });
  });

  it('a path inside a skipped or hidden folder is no project file, wherever that folder lies', () => {
    assert.equal(projectPathLanguage('models/blocks.py'), 'python');
    assert.equal(projectPathLanguage('web/src/model.ts'), 'typescript');
    for (const path of [
      'node_modules/pkg/index.js',
      'web/node_modules/pkg/index.js',
      'dist/bundle.js',
      'a/build/x.py',
      '.venv/lib/x.py',
      '.cache/x.ts',
      'pkg/__pycache__/x.py',
    ]) {
      assert.equal(projectPathLanguage(path), undefined, path);
    }
    assert.ok(isSkippedDirectory('.idea') && isSkippedDirectory('site-packages') && !isSkippedDirectory('models'));
  });
});
