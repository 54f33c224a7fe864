/**
 * Rename / renumber over the protocol (stdio, dist/server.js): prepareRename on a unit's
 * number, rename → one WorkspaceEdit across files (versioned documentChanges, or plain
 * changes), and the `dieu.renumber` command applied through workspace/applyEdit; refusals
 * come back as errors / messages, never as a partial edit.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type {
  ApplyWorkspaceEditParams, ClientCapabilities, ShowMessageParams, TextDocumentEdit, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { capabilities, TestClient } from './harness';

function withRename(opts: Parameters<typeof capabilities>[0] = {}, documentChanges = true): ClientCapabilities {
  const base = capabilities(opts);
  return {
    ...base,
    workspace: { ...base.workspace, applyEdit: true, workspaceEdit: { documentChanges }, executeCommand: {} },
    textDocument: { ...base.textDocument, rename: { prepareSupport: true } },
  };
}

/** Applies LSP text edits to a text (positions in UTF-16 units, `\n` line ends). */
function apply(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

function changed(before: string, after: string): string[] {
  const a = before.split('\n');
  return after.split('\n').flatMap((l, i) => (l === a[i] ? [] : [`${i}: ${l}`]));
}

const ND_LINES = [
  'CHÍNH PHỦ', //                                                          0
  'Số: 21/2031/NĐ-CP', //                                                  1
  'NGHỊ ĐỊNH', //                                                          2
  'Quy định thử nghiệm', //                                                3
  'Chương I', //                                                           4
  'QUY ĐỊNH CHUNG', //                                                     5
  'Điều 1. Phạm vi', //                                                    6
  'Theo khoản 2 Điều 3 và các Điều 3, 4 Nghị định này.', //                7
  'Điều 2. Điều mới chèn thêm', //                                          8
  'Điều 2. Đối tượng', //                                                  9
  'Điều 3. Nguyên tắc', //                                                10
  '1. Một, theo Điều 2.', //                                              11
  '2. Hai, theo khoản 1 Điều này.', //                                    12
  'Điều 4. Hiệu lực', //                                                  13
];
const ND = ND_LINES.join('\n');
// The same draft before the new Điều 2 was inserted.
const ND_PLAIN = ND_LINES.filter((_, i) => i !== 8).join('\n');

const TT = [
  'BỘ TÀI CHÍNH', 'Số: 08/2031/TT-BTC', 'THÔNG TƯ', 'Hướng dẫn', //           0-3
  'Điều 1. Phạm vi', //                                                      4
  'Hướng dẫn Điều 3 và Điều 4 Nghị định số 21/2031/NĐ-CP; Điều 3 của Luật Đất đai.', // 5
].join('\n');

describe('LSP rename and dieu.renumber', function () {
  this.timeout(20_000);
  let dir: string;
  let client: TestClient;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).toString();
  const applied: ApplyWorkspaceEditParams[] = [];
  const messages: ShowMessageParams[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-rename-'));
    // A closed draft of the workspace folder cites the Nghị định too.
    writeFileSync(path.join(dir, 'tt.vbpl'), TT);
    client = await TestClient.start(withRename(), { workspaceFolders: [pathToFileURL(dir).toString()] });
    client.conn.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => { applied.push(p); return { applied: true }; });
    client.conn.onNotification('window/showMessage', (p: ShowMessageParams) => { messages.push(p); });
    await client.open(uri('nd.vbpl'), ND_PLAIN, 1);
    await client.diagnostics(uri('nd.vbpl'), 1); // the folder has been searched
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces rename with prepare, and the dieu.renumber command', () => {
    assert.deepStrictEqual(client.result.capabilities.renameProvider, { prepareProvider: true });
    assert.deepStrictEqual(client.result.capabilities.executeCommandProvider?.commands, ['dieu.renumber']);
  });

  it('prepareRename: the number of a marker or of a citation; null on prose; an error on a Chương', async () => {
    const td = { uri: uri('nd.vbpl') };
    assert.deepStrictEqual(await client.request('textDocument/prepareRename', { textDocument: td, position: { line: 9, character: 2 } }),
      { range: { start: { line: 9, character: 5 }, end: { line: 9, character: 6 } }, placeholder: '3' });
    assert.deepStrictEqual(await client.request('textDocument/prepareRename', { textDocument: td, position: { line: 7, character: 18 } }),
      { range: { start: { line: 7, character: 18 }, end: { line: 7, character: 19 } }, placeholder: '3' });
    assert.strictEqual(await client.request('textDocument/prepareRename', { textDocument: td, position: { line: 11, character: 4 } }), null);
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: td, position: { line: 4, character: 7 } }),
      (e: Error) => /Điều, khoản, điểm/.test(e.message));
  });

  it('rename Điều 3 → 5: Điều 4 shifts to 6; one edit across the open and the closed file, versioned', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename',
      { textDocument: { uri: uri('nd.vbpl') }, position: { line: 9, character: 5 }, newName: 'Điều 5' });
    const docs = edit.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(docs.map((d) => d.textDocument), [{ uri: uri('nd.vbpl'), version: 1 }, { uri: uri('tt.vbpl'), version: null }]);
    assert.deepStrictEqual(changed(ND_PLAIN, apply(ND_PLAIN, docs[0].edits)), [
      '7: Theo khoản 2 Điều 5 và các Điều 5, 6 Nghị định này.',
      '9: Điều 5. Nguyên tắc',
      '12: Điều 6. Hiệu lực',
    ]);
    assert.deepStrictEqual(changed(TT, apply(TT, docs[1].edits)), [
      '5: Hướng dẫn Điều 5 và Điều 6 Nghị định số 21/2031/NĐ-CP; Điều 3 của Luật Đất đai.',
    ]);
  });

  it('rename refused (a number that is no Điều number): an error with the reason, no edit', async () => {
    await assert.rejects(client.request('textDocument/rename',
      { textDocument: { uri: uri('nd.vbpl') }, position: { line: 9, character: 5 }, newName: 'ba' }),
    (e: Error) => /"ba" không phải là số của Điều/.test(e.message));
  });

  it('dieu.renumber after inserting a Điều (cursor in it): applied through workspace/applyEdit', async () => {
    await client.change(uri('nd.vbpl'), 2, [{ text: ND }]);
    const result = await client.request<{ applied: boolean; edits: number; title: string }>('workspace/executeCommand', {
      command: 'dieu.renumber', arguments: [{ uri: uri('nd.vbpl'), position: { line: 8, character: 12 }, version: 2 }],
    });
    assert.strictEqual(result.applied, true);
    const last = applied.at(-1)!;
    assert.strictEqual(last.label, result.title);
    const docs = last.edit.documentChanges as TextDocumentEdit[];
    assert.deepStrictEqual(docs.map((d) => d.textDocument.version), [2, null]);
    assert.deepStrictEqual(changed(ND, apply(ND, docs[0].edits)), [
      '7: Theo khoản 2 Điều 4 và các Điều 4, 5 Nghị định này.',
      '9: Điều 3. Đối tượng',
      '10: Điều 4. Nguyên tắc',
      '11: 1. Một, theo Điều 3.',
      '13: Điều 5. Hiệu lực',
    ]);
    assert.deepStrictEqual(changed(TT, apply(TT, docs[1].edits)), [
      '5: Hướng dẫn Điều 4 và Điều 5 Nghị định số 21/2031/NĐ-CP; Điều 3 của Luật Đất đai.',
    ]);
    assert.strictEqual(result.edits, docs[0].edits.length + docs[1].edits.length);
  });

  it('dieu.renumber refused: no edit sent, the reason shown and returned', async () => {
    const before = applied.length;
    const result = await client.request<{ applied: boolean; refusal: { code: string; reason: string; uri: string } }>('workspace/executeCommand', {
      command: 'dieu.renumber', arguments: [{ uri: uri('nd.vbpl') }],
    });
    assert.strictEqual(result.applied, false);
    assert.strictEqual(result.refusal.code, 'ambiguous-duplicate');
    assert.strictEqual(applied.length, before);
    const shown = messages.at(-1)!;
    assert.strictEqual(shown.type, 1);
    assert.match(shown.message, /số 2 .*Đặt con trỏ vào đơn vị mới chèn/);
  });

  it('dieu.renumber on an older version of the document: refused as stale', async () => {
    const result = await client.request<{ applied: boolean; refusal: { code: string } }>('workspace/executeCommand', {
      command: 'dieu.renumber', arguments: [{ uri: uri('nd.vbpl'), position: { line: 8, character: 12 }, version: 1 }],
    });
    assert.deepStrictEqual([result.applied, result.refusal.code], [false, 'stale']);
  });

  it('a client without documentChanges gets plain changes', async () => {
    const plain = await TestClient.start(withRename({}, false));
    try {
      await plain.open('file:///tmp/plain.vbpl', ND_PLAIN, 3);
      const edit = await plain.request<WorkspaceEdit>('textDocument/rename',
        { textDocument: { uri: 'file:///tmp/plain.vbpl' }, position: { line: 12, character: 6 }, newName: '7' });
      assert.deepStrictEqual(edit.documentChanges, undefined);
      assert.deepStrictEqual(changed(ND_PLAIN, apply(ND_PLAIN, edit.changes!['file:///tmp/plain.vbpl'])), [
        '7: Theo khoản 2 Điều 3 và các Điều 3, 7 Nghị định này.',
        '12: Điều 7. Hiệu lực',
      ]);
    } finally {
      await plain.stop();
    }
  });
});
