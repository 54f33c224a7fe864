/**
 * Document links over the protocol: a citation naming a document of another draft (by
 * number or by name; open or on disk) links to that file at the document's header; `… này`,
 * documents of the same file and documents outside the workspace get none.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { DocumentLink } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, positionOf, span, TestClient } from './harness';

// On disk only: a Luật cited by name, and a Nghị định cited by number.
const LUAT = [
  'QUỐC HỘI', //                                                             0
  'Luật số: 67/2006/QH11', //                                                1
  'Hà Nội, ngày 29 tháng 6 năm 2006', //                                     2
  '', //                                                                     3
  'LUẬT', //                                                                 4
  'CÔNG NGHỆ THÔNG TIN', //                                                  5
  '', //                                                                     6
  'Điều 1. Phạm vi điều chỉnh', //                                           7
];
const ND = [
  'CHÍNH PHỦ', //                                                            0
  '', //                                                                     1
  'Số: 12/2025/NĐ-CP', //                                                    2
  '', //                                                                     3
  'NGHỊ ĐỊNH', //                                                            4
  'Quy định chi tiết', //                                                    5
  '', //                                                                     6
  'Điều 1. Phạm vi', //                                                      7
];
const TT = [
  'BỘ TÀI CHÍNH', //                                                         0
  'Số: 5/2025/TT-BTC', //                                                    1
  '', //                                                                     2
  'THÔNG TƯ', //                                                             3
  'Hướng dẫn', //                                                            4
  '', //                                                                     5
  'Căn cứ Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006;', //            6
  'Căn cứ Nghị định số 12/2025/NĐ-CP ngày 02 tháng 3 năm 2025 của Chính phủ;', // 7
  '', //                                                                     8
  'Điều 1. Phạm vi', //                                                      9
  'Thông tư này hướng dẫn Điều 1 của Nghị định số 12/2025/NĐ-CP và Nghị định số 99/2020/NĐ-CP.', // 10
];

describe('LSP document links', () => {
  let dir: string;
  let client: TestClient;
  let tt: string, nd: string, luat: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-links-'));
    writeFileSync(path.join(dir, 'luat-cntt.vbpl'), LUAT.join('\n'));
    writeFileSync(path.join(dir, 'nd-12.vbpl'), ND.join('\n'));
    luat = pathToFileURL(path.join(dir, 'luat-cntt.vbpl')).toString();
    nd = pathToFileURL(path.join(dir, 'nd-12.vbpl')).toString();
    tt = pathToFileURL(path.join(dir, 'tt-05.vbpl')).toString();
    client = await TestClient.start(editorCapabilities(), { workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.open(tt, TT.join('\n'));
    await client.flush();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces documentLinkProvider', () => {
    assert.deepStrictEqual(client.result.capabilities.documentLinkProvider, { resolveProvider: false });
  });

  it('links the words naming a workspace document to its file, at its header', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: tt } });
    const range = (line: number, from: string, to: string) => `${line}:${positionOf(TT, line, from).character}-${line}:${positionOf(TT, line, to).character + to.length}`;
    assert.deepStrictEqual(links.map((l) => [span(l.range), l.target, l.tooltip]), [
      [range(6, 'Luật', 'thông tin'), `${luat}#L2`, 'Mở Luật 67/2006/QH11 (luat-cntt.vbpl)'],
      [range(7, 'Nghị định', '12/2025/NĐ-CP'), `${nd}#L3`, 'Mở Nghị định 12/2025/NĐ-CP (nd-12.vbpl)'],
      [range(10, 'Nghị định số 12', '12/2025/NĐ-CP'), `${nd}#L3`, 'Mở Nghị định 12/2025/NĐ-CP (nd-12.vbpl)'],
    ]);
  });

  it('none in a file that cites only itself and documents outside the workspace', async () => {
    assert.deepStrictEqual(await client.request('textDocument/documentLink', { textDocument: { uri: nd } }), []);
    assert.strictEqual(await client.request('textDocument/documentLink', { textDocument: { uri: 'file:///x.vbpl' } }), null);
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1), []);
  });
});
