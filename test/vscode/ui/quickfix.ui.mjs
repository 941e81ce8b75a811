// The packaged extension (.vsix) as a person uses it, through the workbench:
// open a model file, see the squiggles and the Problems entries, read the hover, apply the
// "Set bias=False" quick fix with the keyboard (Ctrl+.), save, and check the file's text on disk;
// then follow a rule code link from the Problems panel to its documentation.
// Screenshots go to test-output/ (normlint-*.png).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const FILE = 'models/pytorch_cnn.py';
const CONV1 = 'self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1)';
const FIXED = 'self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1, bias=False)';

export default async function ({ page, vscode, screenshot, step, workspace }) {
  const editorLines = page.locator('.editor-instance .monaco-editor .view-lines').first();

  /** Moves the cursor with "Go to Line/Column" (Ctrl+G), as a keyboard user does. */
  async function goTo(line, column) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`); // Go to Line is Quick Open with the ":" prefix
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  step(`open ${FILE}`);
  await vscode.openFile(FILE);
  await editorLines.locator('.view-line', { hasText: CONV1 }).waitFor();

  step('squiggles and the status bar item appear');
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
  await page.locator('.monaco-editor .squiggly-error').first().waitFor();
  await page.locator('.statusbar-item', { hasText: 'NormLint: 8' }).waitFor();

  step('the Problems panel lists the findings with their codes');
  const rows = await vscode.problems();
  const bn101 = rows.filter({ hasText: "nn.Conv2d's bias is cancelled by the BatchNorm after it" }).first();
  await bn101.waitFor();
  assert.match(await bn101.innerText(), /BN101/);
  await rows.filter({ hasText: 'BN401' }).first().waitFor();
  await rows.filter({ hasText: 'BN301' }).first().waitFor();
  await screenshot('normlint-problems');

  step('the hover on nn.BatchNorm2d explains the layer (Ctrl+K Ctrl+I)');
  await editorLines.click();
  await goTo(18, 25);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover', { hasText: 'PyTorch batch normalization' });
  await hover.waitFor();
  await hover.getByText('momentum=0.9', { exact: false }).first().waitFor();
  await screenshot('normlint-hover');
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden' });

  step('Ctrl+. on the conv offers "Set bias=False" first; Enter applies it');
  await goTo(15, 22);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor();
  const wanted = menu.locator('.monaco-list-row', { hasText: 'Set bias=False' });
  await wanted.waitFor();
  await menu.locator('.monaco-list-row', { hasText: 'Disable BN101 for this line' }).waitFor();
  await menu.locator('.monaco-list-row', { hasText: 'Show documentation for BN101' }).waitFor();
  await menu.locator('.monaco-list-row', { hasText: 'Fix all NormLint problems in file (safe fixes)' }).waitFor();
  await menu.locator('.monaco-list-row', { hasText: 'Disable BN101 for this file' }).waitFor();
  // Keyboard only: move the focus down to the fix if another action is focused first.
  for (let i = 0; i < 10 && !(await menu.locator('.monaco-list-row.focused', { hasText: 'Set bias=False' }).count()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await menu.locator('.monaco-list-row.focused', { hasText: 'Set bias=False' }).waitFor();
  await screenshot('normlint-quickfix');
  await page.keyboard.press('Enter');
  await editorLines.locator('.view-line', { hasText: FIXED }).waitFor();

  step('save (Ctrl+S) and check the text on disk');
  await page.keyboard.press('Control+S');
  const file = path.join(workspace, FILE);
  let onDisk = '';
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    onDisk = fs.readFileSync(file, 'utf8');
    if (onDisk.includes(FIXED)) break;
  }
  assert.ok(onDisk.includes(FIXED), `the saved file has the fix:\n${onDisk}`);
  assert.ok(!onDisk.includes(`${CONV1}\n`), 'the unfixed line is gone');
  await page.locator('.statusbar-item', { hasText: 'NormLint: 7' }).waitFor();
  await rows.filter({ hasText: "nn.Conv2d's bias is cancelled by the BatchNorm after it" }).first().waitFor({ state: 'detached' });
  await screenshot('normlint-fixed');

  step('a Keras layer: the other convention, translated (hover with the keyboard)');
  await vscode.openFile('models/keras_model.py');
  await editorLines.locator('.view-line', { hasText: 'BatchNormalization(momentum=0.99' }).waitFor();
  await editorLines.click();
  await goTo(14, 20);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const kerasHover = page.locator('.monaco-hover', { hasText: 'Keras batch normalization' });
  await kerasHover.waitFor();
  await kerasHover.getByText('about 100 batches', { exact: false }).first().waitFor();
  await screenshot('normlint-hover-keras');
  await page.keyboard.press('Escape');

  step('the rule code in Problems links to the rule page');
  const link = rows.filter({ hasText: 'BN401' }).first().locator('.code-link, a', { hasText: 'BN401' }).first();
  await link.click();
  await page.locator('.tabs-container .tab', { hasText: 'BN401' }).first().waitFor();
  const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await preview.locator('h1', { hasText: 'BN401' }).waitFor();
  await screenshot('normlint-docs');
}
