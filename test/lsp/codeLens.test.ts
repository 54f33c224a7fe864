/**
 * Code lens over the protocol: “được viện dẫn N lần” on each cited Điều heading, counting
 * citations from every draft (open or on disk) and of the Điều's khoản; the command lists
 * them (`editor.action.showReferences`: uri, position, locations); none on a Điều nobody
 * cites; counts follow edits in another file.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeLens, Location } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, positionOf, span, TestClient } from './harness';

const ND = [
  'CHÍNH PHỦ', //                                                            0
  'Số: 12/2025/NĐ-CP', //                                                    1
  '', //                                                                     2
  'NGHỊ ĐỊNH', //                                                            3
  'Quy định về an toàn hệ thống', //                                         4
  '', //                                                                     5
  'Điều 1. Phạm vi điều chỉnh', //                                           6
  'Nghị định này quy định theo khoản 2 Điều 3.', //                          7
  '', //                                                                     8
  'Điều 2. Đối tượng áp dụng', //                                            9
  'Cơ quan, tổ chức có liên quan.', //                                      10
  '', //                                                                    11
  'Điều 3. Nguyên tắc', //                                                  12
  '1. Công khai.', //                                                       13
  '2. Minh bạch; trừ trường hợp tại khoản 1 Điều này.', //                  14
];
const TT = [
  'BỘ TÀI CHÍNH', //                                                         0
  'Số: 5/2025/TT-BTC', //                                                    1
  '', //                                                                     2
  'THÔNG TƯ', //                                                             3
  'Hướng dẫn', //                                                            4
  '', //                                                                     5
  'Điều 1. Phạm vi', //                                                      6
  'Thông tư này hướng dẫn Điều 3 của Nghị định số 12/2025/NĐ-CP.', //        7
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
  'Các sở thực hiện Điều 1 Nghị định số 12/2025/NĐ-CP.', //                  7
];

describe('LSP code lens', () => {
  let dir: string;
  let client: TestClient;
  let nd: string, tt: string, qd: string;
  const name = (uri: string) => (uri === nd ? 'nd' : uri === tt ? 'tt' : uri === qd ? 'qd' : uri);
  const lenses = async (uri: string) => {
    const list = await client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } });
    return (list ?? []).map((l) => `${span(l.range)} ${l.command?.title}`);
  };

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-codelens-'));
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

  it('announces codeLensProvider', () => {
    assert.deepStrictEqual(client.result.capabilities.codeLensProvider, { resolveProvider: false });
  });

  it('a lens on each cited Điều: citations from three files, of the Điều and its khoản; none on Điều 2', async () => {
    assert.deepStrictEqual(await lenses(nd), [
      '6:0-6:6 được viện dẫn 1 lần', //  qd-07 (on disk)
      '12:0-12:6 được viện dẫn 3 lần', // khoản 2 Điều 3, khoản 1 Điều này, tt-05
    ]);
    assert.deepStrictEqual(await lenses(tt), []);
  });

  it('the command shows the references: editor.action.showReferences(uri, position, locations)', async () => {
    const list = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: nd } });
    const cmd = list[1].command!;
    assert.strictEqual(cmd.command, 'editor.action.showReferences');
    const [uri, position, locations] = cmd.arguments as [string, { line: number; character: number }, Location[]];
    assert.strictEqual(uri, nd);
    assert.deepStrictEqual(position, { line: 12, character: 0 });
    const at = (lines: string[], line: number, needle: string) => {
      const s = positionOf(lines, line, needle).character;
      return `${line}:${s}-${line}:${s + needle.length}`;
    };
    assert.deepStrictEqual(locations.map((l) => `${name(l.uri)} ${span(l.range)}`), [
      `nd ${at(ND, 7, 'khoản 2 Điều 3')}`,
      `nd ${at(ND, 14, 'khoản 1 Điều này')}`,
      `tt ${at(TT, 7, 'Điều 3 của Nghị định số 12/2025/NĐ-CP')}`,
    ]);
  });

  it('counts follow an edit in another draft', async () => {
    const line = TT[7];
    await client.change(tt, 2, [{ range: { start: { line: 7, character: line.indexOf('3 của') }, end: { line: 7, character: line.indexOf('3 của') + 1 } }, text: '2' }]);
    assert.deepStrictEqual(await lenses(nd), [
      '6:0-6:6 được viện dẫn 1 lần',
      '9:0-9:6 được viện dẫn 1 lần',
      '12:0-12:6 được viện dẫn 2 lần',
    ]);
  });

  it('nothing for unknown documents', async () => {
    assert.strictEqual(await client.request('textDocument/codeLens', { textDocument: { uri: 'file:///x.vbpl' } }), null);
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1), []);
  });
});
