/**
 * Find references over the protocol: who cites a Điều / khoản — in this file ("khoản 3 Điều
 * này", "Điều 2 Nghị định này"), in another open draft and in a draft on disk; from a
 * citation, the references of its target; from a document's number, every citation naming the
 * document; `includeDeclaration` honoured.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Location } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, positionOf, span, TestClient } from './harness';

const ND = [
  'CHÍNH PHỦ', //                                                            0
  'Số: 12/2025/NĐ-CP', //                                                    1
  '', //                                                                     2
  'NGHỊ ĐỊNH', //                                                            3
  'Quy định về bảo đảm an toàn hệ thống thông tin', //                       4
  '', //                                                                     5
  'Điều 1. Phạm vi điều chỉnh', //                                           6
  'Nghị định này quy định theo khoản 3 Điều 2; xem Điều 2 Nghị định này.', //  7
  '', //                                                                     8
  'Điều 2. Nguyên tắc', //                                                   9
  '1. Công khai.', //                                                       10
  '2. Minh bạch.', //                                                       11
  '3. Đúng thẩm quyền; trừ trường hợp tại khoản 1 Điều này.', //            12
  '4. Áp dụng khoản 3 Điều này.', //                                        13
];
const TT = [
  'BỘ TÀI CHÍNH', //                                                         0
  'Số: 5/2025/TT-BTC', //                                                    1
  '', //                                                                     2
  'THÔNG TƯ', //                                                             3
  'Hướng dẫn', //                                                            4
  '', //                                                                     5
  'Điều 1. Phạm vi', //                                                      6
  'Thông tư này hướng dẫn khoản 3 Điều 2 của Nghị định số 12/2025/NĐ-CP.', // 7
  'Điều 2. Áp dụng', //                                                      8
  'Áp dụng các Điều 1 và 2 Nghị định số 12/2025/NĐ-CP.', //                  9
];
// On disk only.
const QD = [
  'ỦY BAN NHÂN DÂN TỈNH A', //                                               0
  'Số: 7/2025/QĐ-UBND', //                                                   1
  '', //                                                                     2
  'QUYẾT ĐỊNH', //                                                           3
  'Về việc thực hiện', //                                                    4
  '', //                                                                     5
  'Điều 1. Thực hiện', //                                                    6
  'Các sở thực hiện khoản 3 Điều 2 Nghị định số 12/2025/NĐ-CP.', //          7
];

describe('LSP find references', () => {
  let dir: string;
  let client: TestClient;
  let nd: string, tt: string, qd: string;
  const name = (uri: string) => (uri === nd ? 'nd' : uri === tt ? 'tt' : uri === qd ? 'qd' : uri);
  const refs = async (uri: string, position: { line: number; character: number }, includeDeclaration = false) => {
    const locs = await client.request<Location[] | null>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
    return (locs ?? []).map((l) => `${name(l.uri)} ${span(l.range)}`);
  };
  const at = (lines: string[], line: number, needle: string, nth = 0) => {
    const s = positionOf(lines, line, needle, 0, nth).character;
    return `${line}:${s}-${line}:${s + needle.length}`;
  };

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-references-'));
    writeFileSync(path.join(dir, 'qd-07.vbpl'), QD.join('\n'));
    nd = pathToFileURL(path.join(dir, 'nd-12.vbpl')).toString();
    tt = pathToFileURL(path.join(dir, 'tt-05.vbpl')).toString();
    qd = pathToFileURL(path.join(dir, 'qd-07.vbpl')).toString();
    client = await TestClient.start(editorCapabilities(), { workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.open(nd, ND.join('\n'));
    await client.open(tt, TT.join('\n'));
    await client.flush();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces referencesProvider', () => {
    assert.strictEqual(client.result.capabilities.referencesProvider, true);
  });

  it('on a khoản marker: "khoản 3 Điều này", this file and two others (one on disk), sorted by file', async () => {
    assert.deepStrictEqual(await refs(nd, { line: 12, character: 0 }), [
      `nd ${at(ND, 7, 'khoản 3 Điều 2')}`,
      `nd ${at(ND, 13, 'khoản 3 Điều này')}`,
      `qd ${at(QD, 7, 'khoản 3 Điều 2 Nghị định số 12/2025/NĐ-CP')}`,
      `tt ${at(TT, 7, 'khoản 3 Điều 2 của Nghị định số 12/2025/NĐ-CP')}`,
    ]);
  });

  it('includeDeclaration puts the marker first', async () => {
    const withDecl = await refs(nd, { line: 12, character: 1 }, true);
    assert.strictEqual(withDecl[0], 'nd 12:0-12:2');
    assert.strictEqual(withDecl.length, 5);
  });

  it('on a Điều heading: citations of the Điều and of its khoản, each once', async () => {
    assert.deepStrictEqual(await refs(nd, { line: 9, character: 2 }), [
      `nd ${at(ND, 7, 'khoản 3 Điều 2')}`,
      `nd ${at(ND, 7, 'Điều 2 Nghị định này')}`,
      `nd ${at(ND, 12, 'khoản 1 Điều này')}`,
      `nd ${at(ND, 13, 'khoản 3 Điều này')}`,
      `qd ${at(QD, 7, 'khoản 3 Điều 2 Nghị định số 12/2025/NĐ-CP')}`,
      `tt ${at(TT, 7, 'khoản 3 Điều 2 của Nghị định số 12/2025/NĐ-CP')}`,
      `tt ${at(TT, 9, '2', 0)}`, // `2` of `các Điều 1 và 2`
    ]);
  });

  it('on a citation: the references of what it cites, from another file', async () => {
    const fromTt = await refs(tt, positionOf(TT, 7, 'khoản 3', 2), true);
    assert.deepStrictEqual(fromTt, ['nd 12:0-12:2', ...await refs(nd, { line: 12, character: 0 })]);
  });

  it('on the document number in a header, or on a citation\'s document part: every citation naming it', async () => {
    const expected = [
      `qd ${at(QD, 7, 'Nghị định số 12/2025/NĐ-CP')}`,
      `tt ${at(TT, 7, 'của Nghị định số 12/2025/NĐ-CP')}`,
      `tt ${at(TT, 9, 'Nghị định số 12/2025/NĐ-CP')}`,
    ];
    assert.deepStrictEqual(await refs(nd, positionOf(ND, 1, '12/2025', 3)), expected);
    assert.deepStrictEqual(await refs(tt, positionOf(TT, 9, '12/2025', 3), true), [`nd ${at(ND, 1, '12/2025/NĐ-CP')}`, ...expected]);
  });

  it('nothing on prose or for an unknown document', async () => {
    assert.deepStrictEqual(await refs(nd, positionOf(ND, 10, 'Công khai')), []);
    assert.strictEqual(await client.request('textDocument/references', { textDocument: { uri: 'file:///x.vbpl' }, position: { line: 0, character: 0 } }), null);
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1), []);
  });
});
