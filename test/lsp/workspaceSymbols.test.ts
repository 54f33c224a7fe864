/**
 * Workspace symbols over the protocol: Điều titles, Chương, document numbers and titles of
 * every draft of the workspace (open or on disk), found by queries typed without diacritics,
 * numbers matched as numbers.
 */
import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, span, TestClient } from './harness';

/** A Nghị định of 150 Điều in two Chương; Điều 15 is about compatibility. */
function nghiDinh(): string {
  const dieu = (i: number) => `Điều ${i}. ${i === 15 ? 'Bảo đảm tương thích của hệ thống' : `Nội dung số ${i}`}\nNội dung.\n`;
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => dieu(a + k)).join('\n');
  return [
    'CHÍNH PHỦ', 'Số: 12/2025/NĐ-CP', '', 'NGHỊ ĐỊNH', 'Quy định về ứng dụng công nghệ thông tin', '',
    'Chương I', 'QUY ĐỊNH CHUNG', '', range(1, 100), 'Chương II', 'TỔ CHỨC THỰC HIỆN', '', range(101, 150),
  ].join('\n');
}
const QD = [
  'ỦY BAN NHÂN DÂN TỈNH A', //                                               0
  'Số: 7/2025/QĐ-UBND', //                                                   1
  '', //                                                                     2
  'QUYẾT ĐỊNH', //                                                           3
  'Về việc bảo đảm an toàn thông tin', //                                    4
  '', //                                                                     5
  'Điều 1. Trách nhiệm bảo đảm an toàn', //                                  6
  'Nội dung.', //                                                            7
];

describe('LSP workspace symbols', () => {
  let dir: string;
  let client: TestClient;
  let nd: string, qd: string;
  const find = async (query: string) => {
    const list = await client.request<SymbolInformation[] | null>('workspace/symbol', { query });
    return (list ?? []).map((s) => `${s.name}${s.location.uri === qd ? ' @qd' : ''}`);
  };

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-symbols-'));
    writeFileSync(path.join(dir, 'qd-07.vbpl'), QD.join('\n'));
    nd = pathToFileURL(path.join(dir, 'nd-12.vbpl')).toString();
    qd = pathToFileURL(path.join(dir, 'qd-07.vbpl')).toString();
    client = await TestClient.start(editorCapabilities(), { workspaceFolders: [pathToFileURL(dir).toString()] });
    await client.open(nd, nghiDinh());
    await client.flush();
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('announces workspaceSymbolProvider', () => {
    assert.strictEqual(client.result.capabilities.workspaceSymbolProvider, true);
  });

  it('"dieu 15" finds Điều 15 first, never Điều 115 or 150', async () => {
    const found = await find('dieu 15');
    assert.strictEqual(found[0], 'Điều 15. Bảo đảm tương thích của hệ thống');
    assert.ok(!found.some((n) => /Điều 1(15|50)\./.test(n)), found.join('\n'));
    assert.deepStrictEqual(await find('Điều 15'), found);
  });

  it('each symbol carries its place: the marker of the Điều, its kind and document', async () => {
    const list = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'dieu 15 bao' });
    assert.strictEqual(list.length, 1);
    const s = list[0];
    assert.strictEqual(s.kind, SymbolKind.Class);
    assert.strictEqual(s.location.uri, nd);
    const line = nghiDinh().split('\n').indexOf('Điều 15. Bảo đảm tương thích của hệ thống');
    assert.strictEqual(span(s.location.range), `${line}:0-${line}:${'Điều 15'.length}`);
    assert.strictEqual(s.containerName, 'Nghị định 12/2025/NĐ-CP (nd-12.vbpl)');
  });

  it('"bao dam" finds titles in every draft, the one on disk included', async () => {
    assert.deepStrictEqual(await find('bao dam'), [
      'Quyết định 7/2025/QĐ-UBND — Về việc bảo đảm an toàn thông tin @qd',
      'Điều 15. Bảo đảm tương thích của hệ thống',
      'Điều 1. Trách nhiệm bảo đảm an toàn @qd',
    ]);
  });

  it('document numbers, with or without diacritics and spaces', async () => {
    const doc = 'Nghị định 12/2025/NĐ-CP — Quy định về ứng dụng công nghệ thông tin';
    assert.strictEqual((await find('12/2025/ND-CP'))[0], doc);
    assert.strictEqual((await find('nghị định 12/2025'))[0], doc);
    assert.strictEqual((await find('QĐ-UBND'))[0], 'Quyết định 7/2025/QĐ-UBND — Về việc bảo đảm an toàn thông tin @qd');
  });

  it('Chương by name, and the initials of a title', async () => {
    assert.deepStrictEqual(await find('chuong to chuc'), ['Chương II. TỔ CHỨC THỰC HIỆN']);
    assert.strictEqual((await find('bdtt'))[0], 'Điều 15. Bảo đảm tương thích của hệ thống');
  });

  it('an NFD query matches as well', async () => {
    assert.strictEqual((await find('Điều 15'.normalize('NFD')))[0], 'Điều 15. Bảo đảm tương thích của hệ thống');
  });

  it('an empty query lists symbols (documents first), capped', async () => {
    const all = await find('');
    assert.ok(all.length > 100 && all.length <= 200, String(all.length));
    assert.match(all[0], /^Nghị định 12\/2025\/NĐ-CP/);
    assert.deepStrictEqual(await find('zzzz khong co'), []);
  });
});
