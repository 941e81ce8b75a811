import * as assert from 'node:assert/strict';
import { closeAllEditors, fileUri, openEditor, readFile, waitForCodes, writeFile } from './helpers';

// The fixture folder workspace/tfjs-project: blocks.ts holds helpers that model.ts and train.js import.
const BLOCKS = 'tfjs-project/blocks.ts';

suite('project (imports of other workspace files, TS/JS)', () => {
  let blocks: string;
  suiteSetup(async () => {
    blocks = await readFile(fileUri(BLOCKS));
  });
  suiteTeardown(async () => {
    await writeFile(BLOCKS, blocks);
    await closeAllEditors();
  });

  test('a helper of another .ts file puts a BatchNorm after this file’s conv; editing that file on disk updates the finding', async function () {
    this.timeout(100000);
    const editor = await openEditor('tfjs-project/model.ts');
    const { uri } = editor.document;
    // The folder is read on the first lint of any file, in the background; file-watcher events can
    // lag on a loaded machine, hence the long waits.
    const [bn101] = await waitForCodes(uri, 'BN101', 45000);
    // The squiggle is on the conv's callee (its focus), in this file.
    assert.equal(editor.document.getText(bn101.range), 'tf.layers.conv2d');
    assert.equal(bn101.range.start.line, 6);
    const [related] = bn101.relatedInformation ?? [];
    assert.equal(related?.location.uri.toString(), uri.toString());
    assert.equal(editor.document.getText(related.location.range), 'bnRelu(x)');
    assert.equal(related.message, 'tf.layers.batchNormalization that makes the bias redundant');
    // The helper changes on disk (no BatchNorm any more): this file is linted again, unedited.
    const withoutBatchNorm = blocks.replace(
      'const normalized = tf.layers.batchNormalization().apply(x);\n  return tf.layers.reLU().apply(normalized)',
      'return tf.layers.reLU().apply(x)',
    );
    assert.notEqual(withoutBatchNorm, blocks);
    await writeFile(BLOCKS, withoutBatchNorm);
    await waitForCodes(uri, '', 45000);
    // And back.
    await writeFile(BLOCKS, blocks);
    await waitForCodes(uri, 'BN101', 45000);
    assert.equal(editor.document.isDirty, false);
  });

  test('a .js file requiring the same helpers: only the conv whose bias the other file’s BatchNorm cancels is flagged', async function () {
    this.timeout(60000);
    const editor = await openEditor('tfjs-project/train.js');
    const { document } = editor;
    assert.equal(document.languageId, 'javascript');
    // One finding, in the same analysis that sees the project (without it, bnRelu is unknown: no finding at all).
    const [bn101] = await waitForCodes(document.uri, 'BN101', 45000);
    // The last conv (c); the one without a bias (a) and the one before a Dropout helper (b) stay silent.
    assert.equal(bn101.range.start.line, 12);
    assert.equal(document.getText(bn101.relatedInformation![0].location.range), 'bnRelu(c)');
  });
});
