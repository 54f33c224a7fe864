/**
 * Outline (documentSymbol), folding ranges and quick fixes over the protocol.
 */
import * as assert from 'assert';
import type { CodeAction, DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol/node';
import { brief, capabilities, TestClient } from './harness';

const LINES = [
  'CHÍNH PHỦ', //                                0
  'Số: 12/2025/NĐ-CP', //                        1
  '', //                                         2
  'NGHỊ ĐỊNH', //                                3
  'Quy định chi tiết một số điều', //            4
  '', //                                         5
  'Căn cứ Luật Tổ chức Chính phủ;', //           6
  '', //                                         7
  'Chương I', //                                 8
  'QUY ĐỊNH CHUNG', //                           9
  '', //                                        10
  'Điều 1. Phạm vi điều chỉnh', //              11
  '1. Nghị định này quy định chi tiết.', //     12
  '2. Nghị định này áp dụng.', //               13
  '2. Khoản trùng số.', //                      14
  '3) Khoản viết sai dấu.', //                  15
  '', //                                        16
  'Điều 3. Đối tượng áp dụng', //               17
  '1. Cơ quan nhà nước.', //                    18
  'a) Bộ, cơ quan ngang bộ;', //                19
  'b) Ủy ban nhân dân các cấp.', //             20
];
const DRAFT = LINES.join('\n');

// One file, two documents: a Quyết định and the Quy chế it issues (after its own header
// block), whose Điều 2 quotes amended text over two lines.
const MULTI_LINES = [
  'ỦY BAN NHÂN DÂN TỈNH A', //                                                     0
  'Số: 15/2025/QĐ-UBND', //                                                        1
  '', //                                                                           2
  'QUYẾT ĐỊNH', //                                                                 3
  'Ban hành Quy chế làm việc', //                                                  4
  '', //                                                                           5
  'Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban.', //       6
  'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.', //                          7
  '', //                                                                           8
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', //                                         9
  'Độc lập - Tự do - Hạnh phúc', //                                               10
  '', //                                                                          11
  'QUY CHẾ', //                                                                   12
  'Làm việc của Ủy ban nhân dân tỉnh', //                                         13
  '', //                                                                          14
  'Chương I', //                                                                  15
  'QUY ĐỊNH CHUNG', //                                                            16
  '', //                                                                          17
  'Điều 1. Phạm vi điều chỉnh', //                                                18
  '1. Quy chế này quy định chế độ làm việc.', //                                  19
  '2. Quy chế này áp dụng đối với thành viên:', //                                20
  'a) Chủ tịch;', //                                                              21
  'b) Phó Chủ tịch.', //                                                          22
  '', //                                                                          23
  'Điều 2. Sửa đổi quy định cũ', //                                               24
  'Sửa đổi khoản 1 Điều 5 Quy chế cũ như sau:', //                                25
  '“Điều 5. Nội dung mới', //                                                     26
  '1. Được sửa đổi.”', //                                                         27
];
const MULTI = MULTI_LINES.join('\n');

const URI = 'file:///drafts/nd-features.vbpl';
const MULTI_URI = 'file:///drafts/qd-quy-che.vbpl';

/** `name [kind] range | selection`, indented by depth: the whole outline as compact lines. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  const r = (x: DocumentSymbol['range']) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} [${s.kind}] ${r(s.range)} | ${r(s.selectionRange)}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

/** `line:character` at the end of a line of `lines`. */
function eol(lines: string[], line: number): string {
  return `${line}:${lines[line].length}`;
}

describe('LSP outline, folding and quick fixes', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start(capabilities());
    await client.open(URI, DRAFT, 1);
    await client.open(MULTI_URI, MULTI, 1);
  });
  after(async () => { await client.stop(); });

  it('announces documentSymbol, foldingRange and codeAction providers', () => {
    const c = client.result.capabilities;
    assert.deepStrictEqual(c.documentSymbolProvider, { label: 'dieu' });
    assert.strictEqual(c.foldingRangeProvider, true);
    assert.deepStrictEqual(c.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.dieu'], resolveProvider: false });
  });

  it('outlines a Nghị định: Chương → Điều → khoản → điểm, range = unit, selection = marker', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepStrictEqual(outline(symbols), [
      `Chương I. QUY ĐỊNH CHUNG [2] 8:0-${eol(LINES, 20)} | 8:0-8:8`,
      `  Điều 1. Phạm vi điều chỉnh [5] 11:0-${eol(LINES, 15)} | 11:0-11:6`,
      `    khoản 1 [8] 12:0-${eol(LINES, 12)} | 12:0-12:2`,
      `    khoản 2 [8] 13:0-${eol(LINES, 13)} | 13:0-13:2`,
      `    khoản 2 [8] 14:0-${eol(LINES, 14)} | 14:0-14:2`,
      `    khoản 3 [8] 15:0-${eol(LINES, 15)} | 15:0-15:2`,
      `  Điều 3. Đối tượng áp dụng [5] 17:0-${eol(LINES, 20)} | 17:0-17:6`,
      `    khoản 1 [8] 18:0-${eol(LINES, 20)} | 18:0-18:2`,
      `      điểm a [22] 19:0-${eol(LINES, 19)} | 19:0-19:2`,
      `      điểm b [22] 20:0-${eol(LINES, 20)} | 20:0-20:2`,
    ]);
    // The first line of a khoản's text is its detail.
    assert.strictEqual(symbols[0].children![0].children![0].detail, 'Nghị định này quy định chi tiết.');
  });

  it('outlines a file of two documents with one node per document', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: MULTI_URI } });
    assert.deepStrictEqual(outline(symbols), [
      `Quyết định 15/2025/QĐ-UBND [1] 0:0-${eol(MULTI_LINES, 7)} | 3:0-3:10`,
      `  Điều 1 [5] 6:0-${eol(MULTI_LINES, 6)} | 6:0-6:6`,
      `  Điều 2 [5] 7:0-${eol(MULTI_LINES, 7)} | 7:0-7:6`,
      `Quy chế Làm việc của Ủy ban nhân dân tỉnh [1] 9:0-${eol(MULTI_LINES, 27)} | 12:0-12:7`,
      `  Chương I. QUY ĐỊNH CHUNG [2] 15:0-${eol(MULTI_LINES, 27)} | 15:0-15:8`,
      `    Điều 1. Phạm vi điều chỉnh [5] 18:0-${eol(MULTI_LINES, 22)} | 18:0-18:6`,
      `      khoản 1 [8] 19:0-${eol(MULTI_LINES, 19)} | 19:0-19:2`,
      `      khoản 2 [8] 20:0-${eol(MULTI_LINES, 22)} | 20:0-20:2`,
      `        điểm a [22] 21:0-${eol(MULTI_LINES, 21)} | 21:0-21:2`,
      `        điểm b [22] 22:0-${eol(MULTI_LINES, 22)} | 22:0-22:2`,
      `    Điều 2. Sửa đổi quy định cũ [5] 24:0-${eol(MULTI_LINES, 27)} | 24:0-24:6`,
    ]);
    assert.strictEqual(symbols[0].detail, 'Ban hành Quy chế làm việc');
    assert.strictEqual(symbols[0].children![0].detail, 'Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban.');
  });

  it('gives flat SymbolInformation to a client without hierarchical support', async () => {
    const caps = capabilities();
    delete caps.textDocument!.documentSymbol;
    const flat = await TestClient.start(caps);
    try {
      await flat.open(URI, DRAFT, 1);
      const symbols = await flat.request<Array<{ name: string; containerName?: string; location: { uri: string } }>>(
        'textDocument/documentSymbol', { textDocument: { uri: URI } });
      assert.deepStrictEqual(symbols.slice(0, 3).map((s) => [s.name, s.containerName, s.location.uri]), [
        ['Chương I. QUY ĐỊNH CHUNG', undefined, URI],
        ['Điều 1. Phạm vi điều chỉnh', 'Chương I. QUY ĐỊNH CHUNG', URI],
        ['khoản 1', 'Điều 1. Phạm vi điều chỉnh', URI],
      ]);
      assert.strictEqual(symbols.length, 10);
    } finally {
      await flat.stop();
    }
  });

  it('folds the preamble (as imports) and every unit of two lines or more', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepStrictEqual(ranges, [
      { startLine: 0, endLine: 6, kind: 'imports' },
      { startLine: 8, endLine: 20 },
      { startLine: 11, endLine: 15 },
      { startLine: 17, endLine: 20 },
      { startLine: 18, endLine: 20 },
    ]);
  });

  it('folds each document of a file, and quoted amended text', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: MULTI_URI } });
    assert.deepStrictEqual(ranges, [
      { startLine: 0, endLine: 7 },
      { startLine: 9, endLine: 27 },
      { startLine: 15, endLine: 27 },
      { startLine: 18, endLine: 22 },
      { startLine: 20, endLine: 22 },
      { startLine: 24, endLine: 27 },
      { startLine: 26, endLine: 27 },
    ]);
  });

  it('offers the `3)` → `3.` quick fix from the diagnostic\'s data, preferred (safe)', async () => {
    const published = await client.diagnostics(URI, 1);
    const marker = published.diagnostics.find((d) => d.code === 'marker-style')!;
    const range = { start: { line: 15, character: 0 }, end: { line: 15, character: 2 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range, context: { diagnostics: [marker], only: ['quickfix'] },
    });
    assert.deepStrictEqual(actions, [{
      title: 'Sửa thành "3."', kind: 'quickfix', isPreferred: true, diagnostics: [marker],
      edit: { documentChanges: [{ textDocument: { uri: URI, version: 1 }, edits: [{ range, newText: '3.' }] }] },
    }]);
  });

  it('offers the same fix when the client sends no diagnostics (computed from the current text)', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range: { start: { line: 15, character: 1 }, end: { line: 15, character: 1 } }, context: { diagnostics: [] },
    });
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics?.map((d) => d.code)]), [
      ['Sửa thành "3."', 'quickfix', true, ['marker-style']],
    ]);
  });

  it('uses a fix carried in data only when it was computed for the current version', async () => {
    const range = { start: { line: 15, character: 0 }, end: { line: 15, character: 2 } };
    const carried = (version: number, title: string) => ({
      range, code: 'marker-style', source: 'dieu', message: 'm',
      data: { version, fix: { title, safe: false, edits: [{ range, newText: 'X' }] } },
    });
    const current = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range, context: { diagnostics: [carried(1, 'từ data')] },
    });
    assert.deepStrictEqual(current.map((a) => [a.title, a.isPreferred]), [['từ data', false]]);
    const stale = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range, context: { diagnostics: [carried(0, 'cũ')] },
    });
    assert.deepStrictEqual(stale.map((a) => [a.title, a.isPreferred]), [['Sửa thành "3."', true]]);
  });

  it('offers nothing where no diagnostic has a fix', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range: { start: { line: 14, character: 0 }, end: { line: 14, character: 2 } }, context: { diagnostics: [] },
    });
    assert.deepStrictEqual(actions, []);
  });

  it('offers fix-all of the safe fixes only when asked for source.fixAll', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepStrictEqual(actions.map((a) => [a.kind, a.edit?.documentChanges]), [
      ['source.fixAll.dieu', [{ textDocument: { uri: URI, version: 1 }, edits: [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 2 } }, newText: '3.' }] }]],
    ]);
  });

  it('applying the quick fix removes the diagnostic', async () => {
    await client.change(URI, 2, [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 2 } }, text: '3.' }]);
    const p = await client.diagnostics(URI, 2);
    assert.deepStrictEqual(brief(p.diagnostics), ['numbering-duplicate@14:0-14:2', 'numbering-gap@17:0-17:6']);
  });

  it('answers null for a document it does not know', async () => {
    const uri = 'file:///nowhere.vbpl';
    assert.strictEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), null);
    assert.strictEqual(await client.request('textDocument/foldingRange', { textDocument: { uri } }), null);
    assert.deepStrictEqual(await client.request('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] },
    }), []);
  });
});
