/**
 * Hover on citations (DESIGN.md §5) over the protocol: the cited unit's heading and text
 * (from this file, another open draft, or a draft on disk), one number of a list, a missing
 * target, a document outside the workspace; on a heading marker, who cites it. Markdown for
 * VS Code, plain text for a client without it.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, positionOf, span, TestClient } from './harness';

const ND = [
  'CHÍNH PHỦ', //                                                            0
  'Số: 12/2025/NĐ-CP', //                                                    1
  'Hà Nội, ngày 02 tháng 3 năm 2025', //                                     2
  '', //                                                                     3
  'NGHỊ ĐỊNH', //                                                            4
  'Quy định về bảo đảm an toàn hệ thống thông tin', //                       5
  '', //                                                                     6
  'Chương I', //                                                             7
  'QUY ĐỊNH CHUNG', //                                                       8
  '', //                                                                     9
  'Điều 1. Phạm vi điều chỉnh', //                                          10
  'Nghị định này quy định việc bảo đảm an toàn theo khoản 2 Điều 3.', //    11
  '', //                                                                    12
  'Điều 2. Đối tượng áp dụng', //                                           13
  '1. Cơ quan nhà nước.', //                                                14
  '2. Tổ chức, cá nhân có liên quan đến khoản 1 Điều này.', //              15
  '', //                                                                    16
  'Chương II', //                                                           17
  'BẢO ĐẢM AN TOÀN', //                                                     18
  '', //                                                                    19
  'Điều 3. Bảo đảm tương thích của hệ thống', //                            20
  '1. Hệ thống phải tương thích với các chuẩn.', //                         21
  '2. Chủ quản hệ thống có trách nhiệm:', //                                22
  'a) Kiểm tra định kỳ;', //                                                23
  'b) Báo cáo kết quả kiểm tra.', //                                        24
  '3. Áp dụng khoản 1, 2 và 5 Điều này.', //                                25
  '', //                                                                    26
  'Điều 4. Hiệu lực', //                                                    27
  'Nghị định này có hiệu lực từ ngày ký.', //                               28
];
const TT = [
  'BỘ TÀI CHÍNH', //                                                         0
  'Số: 5/2025/TT-BTC', //                                                    1
  '', //                                                                     2
  'THÔNG TƯ', //                                                             3
  'Hướng dẫn về an toàn hệ thống', //                                        4
  '', //                                                                     5
  'Điều 1. Phạm vi', //                                                      6
  'Thông tư này hướng dẫn khoản 2 Điều 3 của Nghị định số 12/2025/NĐ-CP.', // 7
  '', //                                                                     8
  'Điều 2. Áp dụng', //                                                      9
  '1. Không áp dụng Điều 99 của Nghị định số 12/2025/NĐ-CP.', //            10
  '2. Thực hiện theo Điều 5 của Luật An ninh mạng ngày 12 tháng 6 năm 2018.', // 11  (in no catalog)
  '3. Thực hiện theo khoản 1 Điều này.', //                                 12
];
// On disk only (never opened): cites Điều 3 of the Nghị định too.
const QD = [
  'ỦY BAN NHÂN DÂN TỈNH A', //                                               0
  'Số: 7/2025/QĐ-UBND', //                                                   1
  '', //                                                                     2
  'QUYẾT ĐỊNH', //                                                           3
  'Về việc thực hiện', //                                                    4
  '', //                                                                     5
  'Điều 1. Thực hiện', //                                                    6
  'Các sở thực hiện Điều 3 Nghị định số 12/2025/NĐ-CP.', //                  7
];

function text(h: Hover | null): string {
  assert.ok(h, 'no hover');
  return (h.contents as MarkupContent).value;
}

describe('LSP hover on citations', () => {
  let dir: string;
  let client: TestClient;
  let plainClient: TestClient;
  let nd: string, tt: string;
  const hover = (c: TestClient, uri: string, position: { line: number; character: number }) =>
    c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-hover-'));
    writeFileSync(path.join(dir, 'qd-07.vbpl'), QD.join('\n'));
    nd = pathToFileURL(path.join(dir, 'nd-12.vbpl')).toString();
    tt = pathToFileURL(path.join(dir, 'tt-05.vbpl')).toString();
    const folders = [pathToFileURL(dir).toString()];
    client = await TestClient.start(editorCapabilities(), { workspaceFolders: folders });
    plainClient = await TestClient.start(editorCapabilities({}, false), { workspaceFolders: folders });
    for (const c of [client, plainClient]) {
      await c.open(nd, ND.join('\n'));
      await c.open(tt, TT.join('\n'));
      await c.flush(); // the folder has been searched: qd-07.vbpl is in the workspace
    }
  });
  after(async () => {
    await client.stop();
    await plainClient.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces hoverProvider', () => {
    assert.strictEqual(client.result.capabilities.hoverProvider, true);
  });

  it('shows the cited khoản of another draft: heading, document, text and its điểm', async () => {
    const h = await hover(client, tt, positionOf(TT, 7, 'Điều 3', 2));
    assert.strictEqual((h!.contents as MarkupContent).kind, 'markdown');
    assert.strictEqual(text(h), [
      '**Khoản 2 Điều 3** — Điều 3. Bảo đảm tương thích của hệ thống',
      '_Trong Nghị định 12/2025/NĐ-CP — nd-12.vbpl_',
      'Chủ quản hệ thống có trách nhiệm:',
      '- **a)** Kiểm tra định kỳ;\n- **b)** Báo cáo kết quả kiểm tra.',
    ].join('\n\n'));
    // The range is the part naming the unit, not the document after it.
    assert.strictEqual(span(h!.range!), `7:${TT[7].indexOf('khoản 2')}-7:${TT[7].indexOf(' của')}`);
  });

  it('answers anywhere inside the citation, its last character included', async () => {
    const first = await hover(client, nd, positionOf(ND, 11, 'khoản 2'));
    const last = await hover(client, nd, positionOf(ND, 11, 'Điều 3', 'Điều 3'.length));
    assert.match(text(first), /^\*\*Khoản 2 Điều 3\*\*/);
    assert.strictEqual(text(last), text(first));
    assert.strictEqual(await hover(client, nd, positionOf(ND, 11, 'theo', 1)), null);
  });

  it('on one number of a list, shows that target only', async () => {
    const h = await hover(client, nd, positionOf(ND, 25, '2 và'));
    assert.match(text(h), /^\*\*Khoản 2 Điều 3\*\*/);
    assert.strictEqual(span(h!.range!), `25:${ND[25].indexOf('2 và')}-25:${ND[25].indexOf('2 và') + 1}`);
    const missing = await hover(client, nd, positionOf(ND, 25, '5 Điều'));
    assert.strictEqual(text(missing), '**Khoản 5 Điều 3** — không tìm thấy\n\nKhông có khoản 5 Điều 3 trong văn bản này.');
  });

  it('on the words a list shares, shows every target, the missing one said so', async () => {
    const h = text(await hover(client, nd, positionOf(ND, 25, 'khoản 1', 2)));
    assert.match(h, /\*\*Khoản 1 Điều 3\*\*[^]*\*\*Khoản 2 Điều 3\*\*[^]*\*\*Khoản 5 Điều 3\*\* — không tìm thấy/);
  });

  it('"khoản 1 Điều này" shows the khoản of the Điều it stands in', async () => {
    const h = text(await hover(client, nd, positionOf(ND, 15, 'khoản 1', 3)));
    assert.strictEqual(h, '**Khoản 1 Điều 2** — Điều 2. Đối tượng áp dụng\n\nCơ quan nhà nước.');
  });

  it('a Điều missing from a known document of the workspace', async () => {
    const h = text(await hover(client, tt, positionOf(TT, 10, 'Điều 99', 5)));
    assert.strictEqual(h, '**Điều 99** — không tìm thấy\n\nKhông có Điều 99 trong Nghị định 12/2025/NĐ-CP (nd-12.vbpl).');
  });

  it('a document outside the workspace: the card of what the citation says', async () => {
    const onUnit = text(await hover(client, tt, positionOf(TT, 11, 'Điều 5', 1)));
    assert.match(onUnit, /^\*\*Điều 5\*\* — của văn bản ngoài không gian làm việc/);
    const onDoc = await hover(client, tt, positionOf(TT, 11, 'An ninh'));
    assert.strictEqual(text(onDoc).split('\n\n').slice(0, 2).join('\n\n'), [
      '**Luật An ninh mạng** — văn bản ngoài không gian làm việc',
      '**Loại văn bản:** Luật  \n**Ngày ban hành:** 12/06/2018  \n**Tên:** An ninh mạng',
    ].join('\n\n'));
    assert.strictEqual(span(onDoc!.range!), `11:${TT[11].indexOf('của Luật')}-11:${TT[11].indexOf('.', 60)}`);
  });

  it('on the document part of a citation of a workspace document: its identity', async () => {
    const h = text(await hover(client, tt, positionOf(TT, 7, '12/2025')));
    assert.match(h, /^\*\*Nghị định 12\/2025\/NĐ-CP\*\* — văn bản trong không gian làm việc/);
    assert.match(h, /\*\*Trích yếu:\*\* Quy định về bảo đảm an toàn hệ thống thông tin/);
    assert.match(h, /\*\*Tệp:\*\* nd-12\.vbpl/);
  });

  it('on a Điều heading: cited N times, and where — other files and the closed draft on disk included', async () => {
    const h = await hover(client, nd, { line: 20, character: 3 });
    assert.strictEqual(span(h!.range!), '20:0-20:6');
    const lines = text(h).split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), ['**Điều 3. Bảo đảm tương thích của hệ thống**', '', 'Được viện dẫn 4 lần:']);
    assert.deepStrictEqual(lines.slice(4).map((l) => l.replace(/\]\(file:[^)]*#L(\d+)\)/, '](#L$1)')), [
      '- [nd-12.vbpl:12](#L12) «khoản 2 Điều 3» — tại Điều 1',
      '- [nd-12.vbpl:26](#L26) «khoản 1, 2 và 5 Điều này» — tại khoản 3 Điều 3',
      '- [qd-07.vbpl:8](#L8) «Điều 3 Nghị định số 12/2025/NĐ-CP» — tại Điều 1',
      '- [tt-05.vbpl:8](#L8) «khoản 2 Điều 3 của Nghị định số 12/2025/NĐ-CP» — tại Điều 1',
    ]);
  });

  it('on a khoản marker, and on a Điều nobody cites', async () => {
    assert.match(text(await hover(client, nd, { line: 22, character: 0 })), /^\*\*Khoản 2 Điều 3\*\*[^]*Được viện dẫn 3 lần:/);
    assert.strictEqual(text(await hover(client, nd, { line: 27, character: 1 })), '**Điều 4. Hiệu lực**\n\nChưa được viện dẫn.');
  });

  it('on the document\'s own number in its header: how many citations name it', async () => {
    const h = await hover(client, nd, positionOf(ND, 1, '12/2025', 2));
    assert.strictEqual(text(h), '**Nghị định 12/2025/NĐ-CP**\n\nĐược viện dẫn 3 lần trong không gian làm việc.');
    assert.strictEqual(span(h!.range!), `1:4-1:${ND[1].length}`);
  });

  it('plain text for a client without Markdown', async () => {
    const h = await hover(plainClient, tt, positionOf(TT, 7, 'Điều 3', 2));
    assert.strictEqual((h!.contents as MarkupContent).kind, 'plaintext');
    assert.strictEqual(text(h), [
      'Khoản 2 Điều 3 — Điều 3. Bảo đảm tương thích của hệ thống',
      'Trong Nghị định 12/2025/NĐ-CP — nd-12.vbpl',
      'Chủ quản hệ thống có trách nhiệm:',
      '  a) Kiểm tra định kỳ;\n  b) Báo cáo kết quả kiểm tra.',
    ].join('\n\n'));
    const marker = text(await hover(plainClient, nd, { line: 20, character: 0 }));
    assert.match(marker, /^Điều 3\. Bảo đảm tương thích của hệ thống\n\nĐược viện dẫn 4 lần:\n\n {2}nd-12\.vbpl:12 «khoản 2 Điều 3» — tại Điều 1\n/);
  });

  it('follows edits: a citation changed in one draft changes the hover in another', async () => {
    await client.change(tt, 2, [{ range: { start: { line: 7, character: TT[7].indexOf('2 Điều 3') }, end: { line: 7, character: TT[7].indexOf('2 Điều 3') + 1 } }, text: '1' }]);
    const h = text(await hover(client, tt, positionOf(TT, 7, 'Điều 3', 2)));
    assert.match(h, /^\*\*Khoản 1 Điều 3\*\*[^]*Hệ thống phải tương thích với các chuẩn\./);
    assert.match(text(await hover(client, nd, { line: 22, character: 0 })), /Được viện dẫn 2 lần:/);
  });

  it('nothing on prose, on unknown files, on nonsense parameters', async () => {
    assert.strictEqual(await hover(client, nd, { line: 28, character: 20 }), null);
    assert.strictEqual(await hover(client, 'file:///nowhere.vbpl', { line: 0, character: 0 }), null);
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: null, position: null }), null);
    assert.strictEqual(await hover(client, nd, { line: 999, character: 999 }), null);
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1), []);
  });
});
