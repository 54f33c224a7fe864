/** Settings reach the server: `dieu.rules` turns a rule off and back on; `dieu.include` adds files. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, copyDraft, dieu, lineOf, openDraft, removeCopies, waitForCode, waitForDiagnostics } from './helpers';

describe('settings', () => {
  before(async () => { await dieu(); });
  afterEach(async () => {
    const c = vscode.workspace.getConfiguration('dieu');
    await c.update('rules', undefined, vscode.ConfigurationTarget.Global);
    await c.update('include', undefined, vscode.ConfigurationTarget.Global);
    await removeCopies();
  });

  it('dieu.rules {"marker-style": "off"} removes marker-style diagnostics, and back', async () => {
    const doc = await copyDraft('defects.vbpl');
    const line = lineOf(doc, '3) Các cơ quan');
    await waitForCode(doc.uri, 'marker-style', line);
    await vscode.workspace.getConfiguration('dieu').update('rules', { 'marker-style': 'off' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d) === 'marker-style') && ds.some((d) => codeOf(d) === 'numbering-gap'),
      'marker-style to disappear (numbering-gap staying)');
    await vscode.workspace.getConfiguration('dieu').update('rules', undefined, vscode.ConfigurationTarget.Global);
    await waitForCode(doc.uri, 'marker-style', line);
  });

  it('dieu.rules changes a severity', async () => {
    const doc = await copyDraft('defects.vbpl');
    const line = lineOf(doc, 'Điều 5.');
    await waitForCode(doc.uri, 'numbering-gap', line);
    await vscode.workspace.getConfiguration('dieu').update('rules', { 'numbering-gap': 'hint' }, vscode.ConfigurationTarget.Global);
    const ds = await waitForDiagnostics(doc.uri,
      (all) => all.some((d) => codeOf(d) === 'numbering-gap' && d.severity === vscode.DiagnosticSeverity.Hint),
      'numbering-gap as a hint');
    assert.ok(ds.some((d) => codeOf(d) === 'marker-style' && d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('dieu.include ["*.txt"] makes .txt files drafts (the client restarts)', async () => {
    // A relative glob: anchored in the workspace folder, as in the CLI's config.
    await vscode.workspace.getConfiguration('dieu').update('include', ['*.txt'], vscode.ConfigurationTarget.Global);
    const doc = await openDraft('included.txt');
    assert.notStrictEqual(doc.languageId, 'vbpl', 'a .txt keeps its own language');
    await waitForCode(doc.uri, 'numbering-gap', lineOf(doc, 'Điều 3.'));
  });
});
