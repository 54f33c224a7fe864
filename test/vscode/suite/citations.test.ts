/**
 * Citations in the editor (DESIGN §5): hover shows the cited unit's text, go to definition
 * lands on the exact khoản. Each test skips itself until the server announces the feature
 * (hoverProvider / definitionProvider), so they switch on when the server gains it.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { dieu, lineOf, openDraft, ui, UI_URL } from './helpers';

type Caps = { hoverProvider?: unknown; definitionProvider?: unknown };

async function capabilities(): Promise<Caps> {
  const { api } = await dieu();
  const client = api.client as { initializeResult?: { capabilities?: Caps } } | undefined;
  return client?.initializeResult?.capabilities ?? {};
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

describe('citations', () => {
  let doc: vscode.TextDocument;
  let at: vscode.Position;

  before(async () => {
    await dieu();
    doc = await openDraft('citations.vbpl');
    const line = lineOf(doc, '1. Đơn vị nêu tại');
    at = new vscode.Position(line, doc.lineAt(line).text.indexOf('khoản 2') + 2);
  });

  it('hover on "khoản 2 Điều 1" shows the cited khoản', async function () {
    if (!(await capabilities()).hoverProvider) this.skip();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    assert.match(hoverText(hovers), /áp dụng đối với các đơn vị tham gia/, `hover: ${hoverText(hovers)}`);
  });

  it('go to definition of "khoản 2 Điều 1" lands on that khoản', async function () {
    if (!(await capabilities()).definitionProvider) this.skip();
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
    assert.ok(defs && defs.length > 0, 'no definition');
    const d = defs[0];
    const uri = 'targetUri' in d ? d.targetUri : d.uri;
    const range = 'targetRange' in d ? (d.targetSelectionRange ?? d.targetRange) : d.range;
    assert.strictEqual(uri.toString(), doc.uri.toString());
    assert.strictEqual(range.start.line, lineOf(doc, '2. Quy chế này áp dụng'));
  });

  it('the hover widget shows it too (screenshot)', async function () {
    if (!UI_URL || !(await capabilities()).hoverProvider) this.skip();
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    const shot = await ui({ action: 'screenshot', name: `hover-${process.env.DIEU_VSCODE_LABEL ?? 'suite'}`, selector: '.monaco-hover', contains: 'các đơn vị tham gia' });
    assert.match(shot.text ?? '', /các đơn vị tham gia/);
    await ui({ action: 'press', key: 'Escape' });
  });
});
