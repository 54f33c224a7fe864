/**
 * What a person sees, read from the workbench's DOM through the runner's endpoint
 * (DIEU_VSCODE_UI; skipped without it, e.g. under electron.js): the Problems panel, the
 * grammar's scopes under the cursor, the status bar; screenshots go to test-artifacts/.
 * Hover and go-to-definition checks belong here too once citations resolve.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, dieu, lineOf, openDraft, ui, UI_URL, waitForDiagnostics } from './helpers';

const label = (process.env.DIEU_VSCODE_LABEL || 'suite').replace(/\W+/g, '-');

describe('what a person sees', function () {
  before(async function () {
    if (!UI_URL) this.skip();
    await dieu();
  });

  it('the grammar colours a heading: Inspect Editor Tokens shows markup.heading.article.vbpl', async () => {
    const doc = await openDraft('defects.vbpl');
    const editor = await vscode.window.showTextDocument(doc);
    const line = lineOf(doc, 'Điều 1.');
    editor.selection = new vscode.Selection(line, 1, line, 1);
    await vscode.commands.executeCommand('editor.action.inspectTMScopes');
    const { text } = await ui({ action: 'text', selector: '.token-inspect-widget', contains: 'markup.heading.article.vbpl' });
    assert.match(text ?? '', /text\.vbpl/);
    await ui({ action: 'press', key: 'Escape' });
  });

  it('the Problems panel lists the planted defects (screenshot) @smoke', async () => {
    const doc = await openDraft('defects.vbpl');
    await waitForDiagnostics(doc.uri, (ds) => ['numbering-gap', 'numbering-duplicate', 'marker-style'].every((c) => ds.some((d) => codeOf(d) === c)),
      'the three planted defects');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const { text } = await ui({ action: 'text', selector: '.markers-panel', contains: 'numbering-gap' });
    for (const want of ['numbering-gap', 'numbering-duplicate', 'marker-style', 'dieu', 'defects.vbpl']) {
      assert.ok(text?.includes(want), `Problems panel lacks ${want}:\n${text}`);
    }
    const shot = await ui({ action: 'screenshot', name: `problems-${label}`, selector: '.markers-panel', contains: 'marker-style' });
    assert.ok(shot.path?.endsWith('.png'));
  });

  it('the status bar names the draft', async () => {
    await openDraft('defects.vbpl');
    const { text } = await ui({ action: 'text', selector: '.statusbar-item', contains: '99/2025/NĐ-CP' });
    assert.match(text ?? '', /Nghị định 99\/2025\/NĐ-CP/);
  });
});
