/**
 * Completion over the protocol: while a citation is typed (`Điều `, `khoản 2 Điều `,
 * `khoản | Điều 3`, `điểm `, `Điều | của Nghị định số …` of another draft, `Nghị định số `),
 * and snippets for the next Chương / Điều / khoản / điểm at a line start — snippets for VS
 * Code, plain text for a client without them.
 */
import * as assert from 'assert';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, TestClient } from './harness';

const ND = [
  'CHÍNH PHỦ', //                                                            0
  'Số: 12/2025/NĐ-CP', //                                                    1
  '', //                                                                     2
  'NGHỊ ĐỊNH', //                                                            3
  'Quy định về an toàn hệ thống thông tin', //                               4
  '', //                                                                     5
  'Điều 1. Phạm vi điều chỉnh', //                                           6
  'Nội dung.', //                                                            7
  'Điều 2. Bảo đảm tương thích', //                                          8
  '1. Hệ thống phải tương thích.', //                                        9
  '2. Chủ quản có trách nhiệm:', //                                         10
  'a) Kiểm tra;', //                                                        11
  'b) Báo cáo.', //                                                         12
];
const TT = [
  'BỘ TÀI CHÍNH', //                                                         0
  'Số: 5/2025/TT-BTC', //                                                    1
  '', //                                                                     2
  'THÔNG TƯ', //                                                             3
  'Hướng dẫn về an toàn hệ thống', //                                        4
  '', //                                                                     5
  'Chương I', //                                                             6
  'QUY ĐỊNH CHUNG', //                                                       7
  'Điều 1. Phạm vi', //                                                      8
  'Thông tư này hướng dẫn.', //                                              9
  'Điều 2. Đối tượng áp dụng', //                                           10
  '1. Cơ quan nhà nước.', //                                                11
  '2. Tổ chức có liên quan:', //                                            12
  'a) Doanh nghiệp;', //                                                    13
  'b) Hợp tác xã.', //                                                      14
  '', //                                                                    15  ← the line being typed
];
const EDIT_LINE = 15;

describe('LSP completion', () => {
  let client: TestClient;
  let plainClient: TestClient;
  const ND_URI = 'file:///drafts/nd-12.vbpl';
  const TT_URI = 'file:///drafts/tt-05.vbpl';
  const versions = new Map<TestClient, number>();

  before(async () => {
    client = await TestClient.start(editorCapabilities());
    plainClient = await TestClient.start(editorCapabilities({}, false));
    for (const c of [client, plainClient]) {
      await c.open(ND_URI, ND.join('\n'));
      await c.open(TT_URI, TT.join('\n'));
      versions.set(c, 1);
    }
  });
  after(async () => {
    await client.stop();
    await plainClient.stop();
  });

  /**
   * Types `line` (the cursor at `|`, else at its end) as the Thông tư's last line and asks for
   * completion, as triggered by the space typed (`trigger`) or explicitly.
   */
  async function complete(line: string, opts: { trigger?: boolean; c?: TestClient } = {}): Promise<CompletionItem[]> {
    const c = opts.c ?? client;
    const cursor = line.includes('|') ? line.indexOf('|') : line.length;
    const text = line.replace('|', '');
    const v = versions.get(c)! + 1;
    versions.set(c, v);
    await c.change(TT_URI, v, [{ range: { start: { line: EDIT_LINE, character: 0 }, end: { line: EDIT_LINE + 1, character: 0 } }, text }]);
    const context = opts.trigger ? { triggerKind: 2, triggerCharacter: ' ' } : { triggerKind: 1 };
    const r = await c.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: TT_URI }, position: { line: EDIT_LINE, character: cursor }, context });
    return r?.items ?? [];
  }
  const labels = (items: CompletionItem[]) => items.map((i) => `${i.label} ${i.detail ?? ''}`.trim());

  it('announces completion triggered by a space', () => {
    assert.deepStrictEqual(client.result.capabilities.completionProvider, { triggerCharacters: [' '], resolveProvider: false });
  });

  it('"Điều " in a sentence → the Điều of this document with their titles', async () => {
    const items = await complete('Áp dụng theo Điều ', { trigger: true });
    assert.deepStrictEqual(labels(items), ['1 Điều 1. Phạm vi', '2 Điều 2. Đối tượng áp dụng']);
    assert.deepStrictEqual((items[1].textEdit as TextEdit).range, { start: { line: EDIT_LINE, character: 18 }, end: { line: EDIT_LINE, character: 18 } });
    assert.strictEqual((items[0].documentation as { kind: string; value: string }).value, 'Thông tư này hướng dẫn.');
  });

  it('"khoản 2 Điều 1" half typed → replaces the number typed so far', async () => {
    const items = await complete('Theo khoản 2 Điều 1');
    assert.deepStrictEqual(labels(items), ['1 Điều 1. Phạm vi', '2 Điều 2. Đối tượng áp dụng']);
    const edit = items[0].textEdit as TextEdit;
    assert.deepStrictEqual([edit.range.start.character, edit.range.end.character, edit.newText], [18, 19, '1']);
  });

  it('"khoản | Điều 2" → the khoản of Điều 2; "khoản " alone → those of the Điều it stands in', async () => {
    assert.deepStrictEqual(labels(await complete('Theo khoản | Điều 2 Thông tư này.', { trigger: true })),
      ['1 khoản 1 Điều 2', '2 khoản 2 Điều 2']);
    assert.deepStrictEqual(labels(await complete('3. Trừ trường hợp tại khoản ', { trigger: true })),
      ['1 khoản 1 Điều 2', '2 khoản 2 Điều 2']);
  });

  it('"điểm " → the điểm of the khoản it stands in', async () => {
    assert.deepStrictEqual(labels(await complete('c) Đơn vị nêu tại điểm ', { trigger: true })),
      ['a điểm a khoản 2 Điều 2', 'b điểm b khoản 2 Điều 2']);
  });

  it('"Điều | của Nghị định số …" → the Điều of that draft, named', async () => {
    assert.deepStrictEqual(labels(await complete('Theo Điều | của Nghị định số 12/2025/NĐ-CP.', { trigger: true })), [
      '1 Điều 1. Phạm vi điều chỉnh — Nghị định 12/2025/NĐ-CP',
      '2 Điều 2. Bảo đảm tương thích — Nghị định 12/2025/NĐ-CP',
    ]);
    assert.deepStrictEqual(labels(await complete('Theo khoản | Điều 2 của Nghị định số 12/2025/NĐ-CP.', { trigger: true })),
      ['1 khoản 1 Điều 2 — Nghị định 12/2025/NĐ-CP', '2 khoản 2 Điều 2 — Nghị định 12/2025/NĐ-CP']);
  });

  it('"Nghị định số " → the numbers of the workspace, those of the same type first', async () => {
    const items = await complete('Căn cứ Nghị định số ', { trigger: true });
    items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    // The workspace's documents first; then the catalogs' (the bundled one here), Nghị định only.
    const fromCatalogs = items.filter((i) => i.kind === 18 /* Reference */);
    assert.deepStrictEqual(labels(items.slice(0, items.length - fromCatalogs.length)), ['12/2025/NĐ-CP Nghị định 12/2025/NĐ-CP', '5/2025/TT-BTC Thông tư 5/2025/TT-BTC']);
    assert.deepStrictEqual(items.slice(2), fromCatalogs);
    assert.ok(fromCatalogs.every((i) => i.detail?.startsWith('Nghị định ')), labels(fromCatalogs).join('\n'));
    assert.strictEqual(items[0].labelDetails?.description, 'Quy định về an toàn hệ thống thông tin');
    const typed = await complete('Căn cứ Nghị định số 12/20');
    assert.deepStrictEqual((typed[0].textEdit as TextEdit).range.start.character, 'Căn cứ Nghị định số '.length);
  });

  it('at a line start: snippets for the next Điều, Chương, khoản and điểm', async () => {
    const items = await complete('', {});
    assert.deepStrictEqual(labels(items), [
      'Điều 3. Điều mới (số tiếp theo)',
      'Chương II Chương mới (số tiếp theo)',
      'khoản 3. khoản mới của Điều 2',
      'điểm c) điểm mới của khoản 2 Điều 2',
    ]);
    assert.deepStrictEqual(items.map((i) => (i.textEdit as TextEdit).newText), [
      'Điều 3. ${1:Tên điều}\n$0', 'Chương II\n${1:TÊN CHƯƠNG}\n$0', '3. $0', 'c) $0',
    ]);
    assert.ok(items.every((i) => i.insertTextFormat === 2));
    const typed = await complete('Đi');
    assert.deepStrictEqual((typed[0].textEdit as TextEdit).range.start.character, 0);
  });

  it('"Điều " typed at a line start → the next number of a heading', async () => {
    const items = await complete('Điều ', { trigger: true });
    assert.deepStrictEqual(items.map((i) => [i.label, (i.textEdit as TextEdit).newText]), [['3.', '3. ${1:Tên điều}']]);
  });

  it('plain text instead of snippets for a client without them', async () => {
    const items = await complete('', { c: plainClient });
    assert.deepStrictEqual(items.map((i) => (i.textEdit as TextEdit).newText), ['Điều 3. ', 'Chương II\n', '3. ', 'c) ']);
    assert.ok(items.every((i) => i.insertTextFormat === 1));
    const docs = await complete('Áp dụng theo Điều ', { trigger: true, c: plainClient });
    assert.strictEqual(docs[0].documentation, 'Thông tư này hướng dẫn.');
  });

  it('nothing on a space in prose, on indentation, or on a lower-case type word', async () => {
    assert.deepStrictEqual(await complete('Thông tư này hướng dẫn ', { trigger: true }), []);
    assert.deepStrictEqual(await complete('  ', { trigger: true }), []);
    assert.deepStrictEqual(await complete('theo quy định số ', { trigger: true }), []);
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1), []);
  });
});
