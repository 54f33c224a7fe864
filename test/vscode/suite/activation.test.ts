/** The extension loads, activates, claims its files and contributes its commands. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { codeOf, dieu, lineOf, openDraft, waitForCode, waitForDiagnostics, waitForStatus } from './helpers';

describe('extension', () => {
  it('is loaded and activates @smoke', async () => {
    const { ext } = await dieu();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(ext.packageJSON.publisher, 'dieu-vn');
    // The runner says which copy is under test: the project, or the installed .vsix.
    const want = process.env.DIEU_EXTENSION_PATH;
    if (want) assert.strictEqual(fs.realpathSync(ext.extensionPath), fs.realpathSync(want));
  });

  it('opens *.vbpl as language vbpl @smoke', async () => {
    const doc = await openDraft('defects.vbpl');
    assert.strictEqual(doc.languageId, 'vbpl');
  });

  it('opens *.vbpl.md as vbpl, not markdown', async () => {
    const doc = await openDraft('notes.vbpl.md', false);
    assert.strictEqual(doc.languageId, 'vbpl');
  });

  it('contributes dieu.lintWorkspace and dieu.restartServer', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['dieu.lintWorkspace', 'dieu.restartServer']) assert.ok(commands.includes(c), `command ${c} missing`);
    // Titles and setting descriptions come from package.nls.json (English) / package.nls.vi.json.
    const { ext } = await dieu();
    const raw = fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8');
    const keys = [...raw.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 4, 'package.json has no %placeholders%');
    for (const nls of ['package.nls.json', 'package.nls.vi.json']) {
      const table = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, nls), 'utf8')) as Record<string, string>;
      for (const k of keys) assert.ok(table[k], `${nls} lacks ${k}`);
    }
    const en = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const contributed = ext.packageJSON.contributes.commands as Array<{ command: string; title: string }>;
    const lint = contributed.find((c) => c.command === 'dieu.lintWorkspace');
    assert.strictEqual(lint?.title, en['command.lintWorkspace.title'], 'VS Code did not resolve the title from package.nls.json');
  });

  it('shows the document and its problem count in the status bar', async () => {
    const { api } = await dieu();
    const doc = await openDraft('defects.vbpl');
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0, 'any dieu diagnostic');
    const s = await waitForStatus(api, (st) => st.visible && st.text.includes('99/2025/NĐ-CP') && !/\$\(error\) 0\b/.test(st.text),
      'name 99/2025/NĐ-CP and count the errors');
    assert.match(s.tooltip, /lỗi/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('dieu.restartServer starts a new client and diagnostics come back', async () => {
    const { api } = await dieu();
    const doc = await openDraft('defects.vbpl');
    await waitForCode(doc.uri, 'numbering-gap', lineOf(doc, 'Điều 5.'));
    const before = api.client;
    await vscode.commands.executeCommand('dieu.restartServer');
    await api.ready();
    assert.ok(api.client, 'no client after the restart');
    assert.notStrictEqual(api.client, before, 'the client was not replaced');
    await waitForCode(doc.uri, 'numbering-gap', lineOf(doc, 'Điều 5.'));
  });

  it('dieu.lintWorkspace opens every draft of the workspace', async () => {
    const n = await vscode.commands.executeCommand<number>('dieu.lintWorkspace');
    assert.ok(typeof n === 'number' && n >= 3, `lintWorkspace reported ${n} file(s)`);
    const open = vscode.workspace.textDocuments.map((d) => d.uri.path.split('/').pop());
    for (const f of ['defects.vbpl', 'clean.vbpl', 'notes.vbpl.md']) assert.ok(open.includes(f), `${f} was not opened (open: ${open.join(', ')})`);
    const clean = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/clean.vbpl'))!;
    assert.deepStrictEqual(vscode.languages.getDiagnostics(clean.uri).filter((d) => d.source === 'dieu').map(codeOf), []);
  });
});
