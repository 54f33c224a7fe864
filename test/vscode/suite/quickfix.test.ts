/** Quick fixes: `3)` used as a khoản marker becomes `3.`, and its diagnostic goes away. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, copyDraft, dieu, lineOf, removeCopies, waitForCode, waitForDiagnostics } from './helpers';

describe('quick fixes', () => {
  before(async () => { await dieu(); });
  after(removeCopies);

  it('marker-style: "3)" → "3." and the diagnostic disappears', async () => {
    const doc = await copyDraft('defects.vbpl');
    const line = lineOf(doc, '3) Các cơ quan');
    const diag = await waitForCode(doc.uri, 'marker-style', line);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
    const fix = fixes.find((a) => a.diagnostics?.some((d) => codeOf(d) === 'marker-style')) ?? fixes.find((a) => a.title.includes('3.'));
    assert.ok(fix, `no quick fix for marker-style; offered: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'applyEdit failed');
    assert.ok(doc.lineAt(line).text.startsWith('3. Các cơ quan'), `line is now ${JSON.stringify(doc.lineAt(line).text)}`);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'marker-style' && d.range.start.line === line)
      && ds.some((d) => codeOf(d) === 'numbering-gap'), 'marker-style to disappear (other defects staying)');
  });
});
