/**
 * The responsibility matrix view: `dieu.showResponsibilities` opens a webview of agency ×
 * task from the server's `dieu/responsibilities` (responsibilities.vbpl, a draft on disk that
 * is not open, gives two Bộ leading one task), and `dieu.exportResponsibilities` gives the
 * same matrix as CSV or Markdown in a new untitled document.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { dieu, ui, UI_URL } from './helpers';

const label = (process.env.DIEU_VSCODE_LABEL || 'suite').replace(/\W+/g, '-');

function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('dieu.responsibilities'));
}

/** The tab model reaches the extension host a moment after the panel opens: waits on its events. */
function waitForTabs(n: number, timeoutMs = 10000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      if (webviewTabs().length !== n) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve();
      return true;
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      sub.dispose();
      const all = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => `${t.label} (${t.input?.constructor?.name ?? '?'}${t.input instanceof vscode.TabInputWebview ? ` ${t.input.viewType}` : ''})`);
      reject(new Error(`expected ${n} responsibility view tab(s); tabs: ${all.join(', ')}`));
    }, timeoutMs);
    check();
  });
}

describe('responsibility matrix', () => {
  before(async () => { await dieu(); });
  after(async () => {
    const tabs = webviewTabs();
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  });

  it('dieu.showResponsibilities opens the matrix, overlaps highlighted', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['dieu.showResponsibilities', 'dieu.exportResponsibilities', 'dieu.renumber']) assert.ok(commands.includes(c), `command ${c} missing`);
    const summary = await vscode.commands.executeCommand<{ tasks: number; agencies: number; overlaps: number }>('dieu.showResponsibilities');
    assert.ok(summary && summary.tasks >= 3 && summary.agencies >= 3, JSON.stringify(summary));
    assert.strictEqual(summary.overlaps, 1, JSON.stringify(summary));
    await waitForTabs(1);
    // Twice: the same view again, not a second one.
    await vscode.commands.executeCommand('dieu.showResponsibilities');
    await waitForTabs(1);
    if (UI_URL) {
      const { text } = await ui({ action: 'frameText', selector: 'tr.overlap', contains: 'cán bộ, công chức' });
      assert.match(text ?? '', /chồng chéo/);
      const head = await ui({ action: 'frameText', selector: 'thead', contains: 'Bộ Nội vụ' });
      assert.match(head.text ?? '', /Bộ Tài chính/);
      await ui({ action: 'screenshot', name: `responsibilities-${label}` });
    }
  });

  it('dieu.exportResponsibilities gives CSV and Markdown documents', async () => {
    const csv = await vscode.commands.executeCommand<vscode.TextDocument>('dieu.exportResponsibilities', 'csv');
    assert.ok(csv.isUntitled);
    assert.match(csv.getText(), /^#,Nhiệm vụ,Vị trí,/);
    assert.match(csv.getText(), /xây dựng cơ sở dữ liệu quốc gia về cán bộ/);
    const md = await vscode.commands.executeCommand<vscode.TextDocument>('dieu.exportResponsibilities', 'markdown');
    assert.strictEqual(md.languageId, 'markdown');
    assert.match(md.getText(), /^# Ma trận trách nhiệm/);
    assert.match(md.getText(), /⚠ CT/);
    for (const d of [csv, md]) {
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
