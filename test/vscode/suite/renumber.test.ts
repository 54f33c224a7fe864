/**
 * `dieu.renumber` from the command palette: no arguments there, so the client's middleware
 * fills in the active draft, the cursor and the version; the server applies one edit through
 * `workspace/applyEdit` (Điều 5, 6 → 4, 5; the twin khoản 2 under the cursor → 3).
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { copyDraft, dieu, lineOf, removeCopies } from './helpers';

describe('renumber', () => {
  before(async () => { await dieu(); });
  after(removeCopies);

  it('dieu.renumber without arguments renumbers the active draft from the cursor', async () => {
    const doc = await copyDraft('defects.vbpl');
    const editor = await vscode.window.showTextDocument(doc);
    const twin = lineOf(doc, '2. Khoản là đơn vị');
    editor.selection = new vscode.Selection(twin, 0, twin, 0);
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === doc.uri.toString() && e.contentChanges.length) { sub.dispose(); resolve(); }
      });
    });
    const result = await vscode.commands.executeCommand<{ applied: boolean; title?: string; refusal?: { reason: string } }>('dieu.renumber');
    assert.ok(result?.applied, `not applied: ${JSON.stringify(result)}`);
    await changed;
    assert.strictEqual(doc.lineAt(twin).text, '3. Khoản là đơn vị nằm trong Điều.');
    assert.ok(doc.getText().includes('Điều 4. Trách nhiệm thi hành'), doc.getText());
    assert.ok(doc.getText().includes('Điều 5. Hiệu lực thi hành'), doc.getText());
  });
});
