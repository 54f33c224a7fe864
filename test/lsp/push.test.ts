/**
 * Pushed diagnostics for a client without pull support (Neovim 0.7 and many others):
 * `textDocument/publishDiagnostics`, debounced, re-published on every edit.
 */
import * as assert from 'assert';
import { brief, capabilities, TestClient } from './harness';

// A short Nghị định with planted defects: a duplicate khoản 2 (line 14), a khoản written `3)`
// (line 15), and Điều 3 right after Điều 1 (line 17).
const DRAFT = [
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
].join('\n');

const URI = 'file:///drafts/nd-push.vbpl';

describe('LSP push diagnostics (client without pull support)', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start(capabilities()); });
  after(async () => { await client.stop(); });

  it('announces no diagnosticProvider and incremental sync', () => {
    assert.strictEqual(client.result.capabilities.diagnosticProvider, undefined);
    assert.deepStrictEqual(client.result.capabilities.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes the planted defects on didOpen: codes, ranges, severities, source', async () => {
    await client.open(URI, DRAFT, 1);
    const p = await client.diagnostics(URI);
    assert.strictEqual(p.version, 1);
    assert.deepStrictEqual(brief(p.diagnostics), [
      'numbering-duplicate@14:0-14:2',
      'marker-style@15:0-15:2',
      'numbering-gap@17:0-17:6',
    ]);
    assert.deepStrictEqual(p.diagnostics.map((d) => d.severity), [1, 2, 1]);
    assert.deepStrictEqual(p.diagnostics.map((d) => d.source), ['dieu', 'dieu', 'dieu']);
    assert.match(p.diagnostics[2].message, /Thiếu Điều 2/);
  });

  it('carries related information (the first twin, the unit before the gap) and the fix in data', async () => {
    await client.flush();
    const [dup, marker, gap] = client.published.filter((p) => p.uri === URI).at(-1)!.diagnostics;
    assert.deepStrictEqual(dup.relatedInformation?.map((r) => [r.location.uri, r.location.range, r.message]), [
      [URI, { start: { line: 13, character: 0 }, end: { line: 13, character: 2 } }, 'khoản 2 đã có ở đây (first occurrence)'],
    ]);
    assert.deepStrictEqual(gap.relatedInformation?.map((r) => r.location.range), [
      { start: { line: 11, character: 0 }, end: { line: 11, character: 6 } },
    ]);
    assert.deepStrictEqual(marker.data, {
      version: 1,
      fix: {
        title: 'Sửa thành "3."', safe: true,
        edits: [{ range: { start: { line: 15, character: 0 }, end: { line: 15, character: 2 } }, newText: '3.' }],
      },
    });
    assert.strictEqual(dup.data, undefined);
  });

  it('re-publishes after an incremental didChange that introduces a defect', async () => {
    // Line 20 `b) Ủy ban…` becomes `f) Ủy ban…`: an invalid điểm letter.
    await client.change(URI, 2, [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 1 } }, text: 'f' }]);
    const p = await client.diagnostics(URI, 2);
    assert.deepStrictEqual(brief(p.diagnostics), [
      'numbering-duplicate@14:0-14:2',
      'marker-style@15:0-15:2',
      'numbering-gap@17:0-17:6',
      'point-invalid-letter@20:0-20:2',
    ]);
  });

  it('re-publishes after an edit that repairs the defects (positions follow inserted lines)', async () => {
    // Fix `f)` back to `b)`, then insert Điều 2 before Điều 3 (2 lines).
    await client.change(URI, 3, [
      { range: { start: { line: 20, character: 0 }, end: { line: 20, character: 1 } }, text: 'b' },
      { range: { start: { line: 17, character: 0 }, end: { line: 17, character: 0 } }, text: 'Điều 2. Giải thích từ ngữ\n\n' },
    ]);
    const p = await client.diagnostics(URI, 3);
    assert.deepStrictEqual(brief(p.diagnostics), ['numbering-duplicate@14:0-14:2', 'marker-style@15:0-15:2']);
  });

  it('debounces: of three quick edits only the last version is published', async () => {
    await client.flush();
    const before = client.pending(URI).length;
    // Three keystrokes replacing the duplicate `2.` on line 14 by `3.`, then `4`, then `3` again.
    await client.change(URI, 4, [{ range: { start: { line: 14, character: 0 }, end: { line: 14, character: 1 } }, text: '3' }]);
    await client.change(URI, 5, [{ range: { start: { line: 14, character: 0 }, end: { line: 14, character: 1 } }, text: '4' }]);
    await client.change(URI, 6, [{ range: { start: { line: 14, character: 0 }, end: { line: 14, character: 1 } }, text: '3' }]);
    const p = await client.diagnostics(URI);
    assert.strictEqual(p.version, 6);
    assert.strictEqual(before, 0);
    // Now khoản 1 2 3 3): the `3)` is a duplicate of khoản 3, and still a wrong marker.
    assert.deepStrictEqual(brief(p.diagnostics), ['marker-style@15:0-15:2', 'numbering-duplicate@15:0-15:2']);
  });

  it('clears the diagnostics of a closed document', async () => {
    await client.close(URI);
    const p = await client.diagnostics(URI);
    assert.deepStrictEqual(p.diagnostics, []);
  });

  it('checks every document the client sends, whatever its language id', async () => {
    const uri = 'file:///drafts/du-thao.txt';
    await client.open(uri, 'Điều 1. Phạm vi\nNội dung.\n\nĐiều 2. Đối tượng\n\nĐiều 2. Trùng\n', 1, 'plaintext');
    const p = await client.diagnostics(uri);
    assert.deepStrictEqual(brief(p.diagnostics), ['numbering-duplicate@5:0-5:6']);
  });

  it('re-checks the other open documents on an edit, publishing only those whose diagnostics changed', async () => {
    const a = 'file:///drafts/a.vbpl', b = 'file:///drafts/b.vbpl';
    await client.open(a, 'Điều 1. A\n\nĐiều 3. C\n', 1);
    await client.open(b, 'Điều 1. A\n\nĐiều 2. B\n', 1);
    assert.deepStrictEqual(brief((await client.diagnostics(a, 1)).diagnostics), ['numbering-gap@2:0-2:6']);
    assert.deepStrictEqual(brief((await client.diagnostics(b, 1)).diagnostics), []);
    await client.change(b, 2, [{ range: { start: { line: 2, character: 5 }, end: { line: 2, character: 6 } }, text: '4' }]);
    assert.deepStrictEqual(brief((await client.diagnostics(b, 2)).diagnostics), ['numbering-gap@2:0-2:6']);
    await client.flush();
    // `a` was re-checked but did not change: nothing new was published for it.
    assert.deepStrictEqual(client.pending(a), []);
  });

  it('re-publishes a document whose citation an edit in another document repairs or breaks', async () => {
    const nd = 'file:///drafts/nd-12.vbpl', tt = 'file:///drafts/tt-05.vbpl';
    const ndText = 'CHÍNH PHỦ\nSố: 12/2025/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định chi tiết\n\nĐiều 1. Phạm vi\n\nĐiều 2. Đối tượng\n';
    await client.open(nd, ndText, 1);
    await client.open(tt, 'BỘ TÀI CHÍNH\nSố: 5/2025/TT-BTC\n\nTHÔNG TƯ\nHướng dẫn\n\nĐiều 1. Phạm vi\n'
      + 'Thông tư này hướng dẫn Điều 3 của Nghị định số 12/2025/NĐ-CP.\n', 1);
    const before = await client.diagnostics(tt, 1);
    assert.deepStrictEqual(brief(before.diagnostics), ['ext-missing-target@7:23-7:60']);
    assert.deepStrictEqual(before.diagnostics[0].relatedInformation?.map((r) => r.location.uri), [nd]);
    // The Nghị định gains its Điều 3: the Thông tư, not edited, loses its error.
    await client.change(nd, 2, [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '\nĐiều 3. Hiệu lực\n' }]);
    assert.deepStrictEqual(brief((await client.diagnostics(nd, 2)).diagnostics), []);
    const after = await client.diagnostics(tt);
    assert.strictEqual(after.version, 1);
    assert.deepStrictEqual(brief(after.diagnostics), []);
    // Điều 3 renumbered to Điều 4: the citation breaks again.
    await client.change(nd, 3, [{ range: { start: { line: 10, character: 5 }, end: { line: 10, character: 6 } }, text: '4' }]);
    assert.deepStrictEqual(brief((await client.diagnostics(nd, 3)).diagnostics), ['numbering-gap@10:0-10:6']);
    assert.deepStrictEqual(brief((await client.diagnostics(tt)).diagnostics), ['ext-missing-target@7:23-7:60']);
    await client.close(nd);
    await client.close(tt);
  });

  it('logs nothing at error level during normal operation', () => {
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1).map((l) => l.message), []);
    assert.ok(client.alive);
  });
});
