/**
 * Citations in the editor (DESIGN §5): hover shows the cited unit's text, go to definition
 * lands on the exact khoản, find references lists who cites a Điều, the code lens “được viện
 * dẫn N lần” opens those references (its JSON arguments converted by the client's
 * middleware), and workspace symbol search finds a Điều of any draft. The server announces
 * all of these: a test that finds its capability missing fails, it does not skip.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { dieu, lineOf, openDraft, ui, UI_URL } from './helpers';

type Caps = { hoverProvider?: unknown; definitionProvider?: unknown; referencesProvider?: unknown; codeLensProvider?: unknown; workspaceSymbolProvider?: unknown };

async function capabilities(): Promise<Caps> {
  const { api } = await dieu();
  const client = api.client as { initializeResult?: { capabilities?: Caps } } | undefined;
  return client?.initializeResult?.capabilities ?? {};
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

/** Retries a provider call until it answers (the server may still be reading the drafts). */
async function until<T>(what: string, call: () => Thenable<T>, ok: (r: T) => boolean, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await call();
    if (ok(r)) return r;
    if (Date.now() > end) assert.fail(`${what}: no answer within ${timeoutMs} ms; last: ${JSON.stringify(r)}`);
    await new Promise((res) => setTimeout(res, 200));
  }
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

  it('the server announces hover, definition, references, code lens and workspace symbols', async () => {
    const c = await capabilities();
    for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'codeLensProvider', 'workspaceSymbolProvider'] as const) {
      assert.ok(c[k], `${k} missing from the server's capabilities: ${JSON.stringify(c)}`);
    }
  });

  it('hover on "khoản 2 Điều 1" shows the cited khoản', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    assert.match(hoverText(hovers), /áp dụng đối với các đơn vị tham gia/, `hover: ${hoverText(hovers)}`);
  });

  it('go to definition of "khoản 2 Điều 1" lands on that khoản', async () => {
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
    assert.ok(defs && defs.length > 0, 'no definition');
    const d = defs[0];
    const uri = 'targetUri' in d ? d.targetUri : d.uri;
    const range = 'targetRange' in d ? (d.targetSelectionRange ?? d.targetRange) : d.range;
    assert.strictEqual(uri.toString(), doc.uri.toString());
    assert.strictEqual(range.start.line, lineOf(doc, '2. Quy chế này áp dụng'));
  });

  it('find references on "Điều 1" lists the citation in Điều 2', async () => {
    const heading = new vscode.Position(lineOf(doc, 'Điều 1.'), 2);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, heading);
    const cited = lineOf(doc, '1. Đơn vị nêu tại');
    assert.ok(refs.some((r) => r.uri.toString() === doc.uri.toString() && r.range.start.line === cited),
      `references: ${refs.map((r) => `${r.uri.path}:${r.range.start.line}`).join(', ')}`);
  });

  it('the code lens "được viện dẫn 1 lần" on Điều 1 runs editor.action.showReferences with VS Code objects', async () => {
    const lenses = await until('code lens', () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri),
      (l) => !!l?.some((x) => x.command?.title.startsWith('được viện dẫn')));
    const lens = lenses.find((x) => x.command?.title.startsWith('được viện dẫn'))!;
    assert.strictEqual(lens.range.start.line, lineOf(doc, 'Điều 1.'));
    assert.strictEqual(lens.command!.title, 'được viện dẫn 1 lần');
    assert.strictEqual(lens.command!.command, 'editor.action.showReferences');
    const [uri, position, locations] = lens.command!.arguments as [unknown, unknown, unknown[]];
    assert.ok(uri instanceof vscode.Uri, `uri argument: ${JSON.stringify(uri)}`);
    assert.ok(position instanceof vscode.Position, `position argument: ${JSON.stringify(position)}`);
    assert.ok(locations.length === 1 && locations[0] instanceof vscode.Location, `locations: ${JSON.stringify(locations)}`);
    assert.strictEqual((locations[0] as vscode.Location).range.start.line, lineOf(doc, '1. Đơn vị nêu tại'));
    // What a click does: with JSON arguments VS Code's command would throw.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    if (UI_URL) {
      // The peek view of the references: the citing line (Monaco draws spaces as U+00A0).
      const { text } = await ui({ action: 'text', selector: '.zone-widget', contains: 'Locations (1)' });
      assert.match((text ?? '').replace(/\u00a0/g, ' '), /citations\.vbpl[^]*Đơn vị nêu tại khoản 2 Điều 1/);
      await ui({ action: 'press', key: 'Escape' });
    }
  });

  it('workspace symbol search "dieu 5" finds Điều 5 of a draft not open in the editor', async () => {
    const symbols = await until('workspace symbols', () => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'dieu 5'),
      (s) => !!s?.some((x) => x.name.startsWith('Điều 5')));
    const dieu5 = symbols.find((x) => x.name.startsWith('Điều 5'))!;
    assert.strictEqual(dieu5.name, 'Điều 5. Trách nhiệm thi hành');
    assert.ok(dieu5.location.uri.path.endsWith('/defects.vbpl'), dieu5.location.uri.path);
    assert.strictEqual(dieu5.kind, vscode.SymbolKind.Class);
    // Only whole numbers: no Điều 15 or 50 sneaks in, and every hit is a Điều 5 (or the documents).
    assert.ok(symbols.filter((x) => x.name.startsWith('Điều')).every((x) => /^Điều 5\b/.test(x.name)), symbols.map((x) => x.name).join(' | '));
  });

  it('hover on a law the bundled catalog lists shows its card (the catalog ships beside dist/) @smoke', async () => {
    const defects = await openDraft('defects.vbpl', false);
    const line = lineOf(defects, 'Căn cứ Luật Tổ chức Chính phủ');
    const pos = new vscode.Position(line, defects.lineAt(line).text.indexOf('Tổ chức') + 2);
    const hovers = await until('catalog card', () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', defects.uri, pos),
      (h) => /nguồn: bundled/.test(hoverText(h)));
    assert.match(hoverText(hovers), /^\*\*Luật số 63\/2025\/QH15\*\* — Quốc hội/);
  });

  it('the hover widget shows it too (screenshot)', async function () {
    if (!UI_URL) this.skip();
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    const shot = await ui({ action: 'screenshot', name: `hover-${process.env.DIEU_VSCODE_LABEL ?? 'suite'}`, selector: '.monaco-hover', contains: 'các đơn vị tham gia' });
    assert.match(shot.text ?? '', /các đơn vị tham gia/);
    await ui({ action: 'press', key: 'Escape' });
  });
});
