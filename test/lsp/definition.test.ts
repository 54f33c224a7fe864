/**
 * Go to definition on citations over the protocol: to the exact Điều / khoản / điểm (the
 * unit as target, its marker as selection), in this file, in another open draft and in a
 * draft on disk; on the words naming a document, to its start; plain `Location`s for a client
 * without link support; positions right in an NFD + CRLF draft.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Location, LocationLink } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, positionOf, span, TestClient } from './harness';

// On disk only: the Nghị định being cited (never opened in the editor).
const ND = [
  'CHÍNH PHỦ', //                                                            0
  'Số: 12/2025/NĐ-CP', //                                                    1
  'Hà Nội, ngày 02 tháng 3 năm 2025', //                                     2
  '', //                                                                     3
  'NGHỊ ĐỊNH', //                                                            4
  'Quy định về bảo đảm an toàn hệ thống thông tin', //                       5
  '', //                                                                     6
  'Điều 1. Phạm vi điều chỉnh', //                                           7
  'Nghị định này quy định việc bảo đảm an toàn.', //                         8
  '', //                                                                     9
  'Điều 2. Bảo đảm tương thích', //                                         10
  '1. Hệ thống phải tương thích.', //                                       11
  '2. Chủ quản hệ thống có trách nhiệm:', //                                12
  'a) Kiểm tra định kỳ;', //                                                13
  'b) Báo cáo kết quả.', //                                                 14
];
const TT = [
  'BỘ TÀI CHÍNH', //                                                         0
  'Số: 5/2025/TT-BTC', //                                                    1
  '', //                                                                     2
  'THÔNG TƯ', //                                                             3
  'Hướng dẫn về an toàn hệ thống', //                                        4
  '', //                                                                     5
  'Điều 1. Phạm vi', //                                                      6
  'Thông tư này hướng dẫn điểm b khoản 2 Điều 2 của Nghị định số 12/2025/NĐ-CP.', // 7
  '', //                                                                     8
  'Điều 2. Áp dụng', //                                                      9
  '1. Áp dụng các Điều 1 và 2 Nghị định số 12/2025/NĐ-CP.', //               10
  '2. Không áp dụng Điều 99 của Nghị định số 12/2025/NĐ-CP.', //            11
  '3. Thực hiện theo Điều 5 của Luật Công nghệ thông tin.', //              12
  '4. Thực hiện theo khoản 1 Điều này và Điều 1 Thông tư này.', //          13
];
// Open, NFD with CRLF: every position must be counted in the text as the user has it.
const NFD_LINES = [
  'Điều 1. Phạm vi', //                                                      0
  'Quy chế này áp dụng theo khoản 2 Điều 2.', //                             1
  'Điều 2. Nguyên tắc', //                                                   2
  '1. Công khai.', //                                                        3
  '2. Minh bạch và đúng thẩm quyền.', //                                     4
].map((l) => l.normalize('NFD'));

type Link = LocationLink;

describe('LSP go to definition', () => {
  let dir: string;
  let client: TestClient;
  let plainClient: TestClient;
  let nd: string, tt: string, nfd: string;
  const define = <T = Link[]>(c: TestClient, uri: string, position: { line: number; character: number }) =>
    c.request<T | null>('textDocument/definition', { textDocument: { uri }, position });

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-definition-'));
    writeFileSync(path.join(dir, 'nd-12.vbpl'), ND.join('\n'));
    nd = pathToFileURL(path.join(dir, 'nd-12.vbpl')).toString();
    tt = pathToFileURL(path.join(dir, 'tt-05.vbpl')).toString();
    nfd = pathToFileURL(path.join(dir, 'quy-che.vbpl')).toString();
    const folders = [pathToFileURL(dir).toString()];
    client = await TestClient.start(editorCapabilities(), { workspaceFolders: folders });
    plainClient = await TestClient.start(editorCapabilities({}, false), { workspaceFolders: folders });
    for (const c of [client, plainClient]) {
      await c.open(tt, TT.join('\n'));
      await c.open(nfd, NFD_LINES.join('\r\n'));
      await c.flush();
    }
  });
  after(async () => {
    await client.stop();
    await plainClient.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces definitionProvider', () => {
    assert.strictEqual(client.result.capabilities.definitionProvider, true);
  });

  it('lands on the exact điểm of a draft on disk: target = the điểm, selection = its marker', async () => {
    const links = await define(client, tt, positionOf(TT, 7, 'khoản 2', 3));
    assert.deepStrictEqual(links!.map((l) => [l.targetUri, span(l.targetRange), span(l.targetSelectionRange), span(l.originSelectionRange!)]), [
      [nd, '14:0-14:19', '14:0-14:2', `7:${TT[7].indexOf('điểm b')}-7:${TT[7].indexOf(' của')}`],
    ]);
  });

  it('on a number of a list, that Điều; on the shared words, all of them', async () => {
    const one = await define(client, tt, positionOf(TT, 10, '2 Nghị'));
    assert.deepStrictEqual(one!.map((l) => [span(l.targetSelectionRange), span(l.originSelectionRange!)]),
      [['10:0-10:6', `10:${TT[10].indexOf('2 Nghị')}-10:${TT[10].indexOf('2 Nghị') + 1}`]]);
    assert.strictEqual(span(one![0].targetRange), '10:0-14:19');
    const all = await define(client, tt, positionOf(TT, 10, 'các Điều', 1));
    assert.deepStrictEqual(all!.map((l) => span(l.targetSelectionRange)), ['7:0-7:6', '10:0-10:6']);
  });

  it('on the words naming the document, to its start (its number in the header)', async () => {
    const links = await define(client, tt, positionOf(TT, 7, 'Nghị định số', 3));
    assert.deepStrictEqual(links!.map((l) => [l.targetUri, span(l.targetSelectionRange), l.targetRange.start.line]), [[nd, '1:4-1:17', 0]]);
    assert.strictEqual(span(links![0].originSelectionRange!), `7:${TT[7].indexOf('của')}-7:${TT[7].length - 1}`);
  });

  it('"khoản 1 Điều này" and "Điều 1 Thông tư này" stay in the file', async () => {
    const k = await define(client, tt, positionOf(TT, 13, 'khoản 1'));
    assert.deepStrictEqual(k!.map((l) => [l.targetUri, span(l.targetSelectionRange)]), [[tt, '10:0-10:2']]);
    const d = await define(client, tt, positionOf(TT, 13, 'Điều 1', 5));
    assert.deepStrictEqual(d!.map((l) => [l.targetUri, span(l.targetSelectionRange)]), [[tt, '6:0-6:6']]);
  });

  it('nothing for a missing Điều, a document outside the workspace, or prose', async () => {
    assert.strictEqual(await define(client, tt, positionOf(TT, 11, 'Điều 99', 5)), null);
    assert.strictEqual(await define(client, tt, positionOf(TT, 12, 'Điều 5', 5)), null);
    assert.strictEqual(await define(client, tt, positionOf(TT, 12, 'Thực hiện')), null);
  });

  it('plain Locations (range = the marker) for a client without link support', async () => {
    const locs = await define<Location[]>(plainClient, tt, positionOf(TT, 7, 'điểm b'));
    assert.deepStrictEqual(locs!.map((l) => [l.uri, span(l.range)]), [[nd, '14:0-14:2']]);
  });

  it('counts positions in the NFD + CRLF text as the user has it', async () => {
    const line1 = NFD_LINES[1];
    const links = await define(client, nfd, { line: 1, character: line1.indexOf('Điều 2'.normalize('NFD')) + 2 });
    assert.deepStrictEqual(links!.map((l) => [span(l.targetSelectionRange), span(l.targetRange), span(l.originSelectionRange!)]), [[
      `4:0-4:2`,
      `4:0-4:${NFD_LINES[4].length}`,
      `1:${line1.indexOf('khoản 2'.normalize('NFD'))}-1:${line1.length - 1}`,
    ]]);
  });
});
