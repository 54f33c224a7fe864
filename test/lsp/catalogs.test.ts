/**
 * Catalogs in the language server: the bundled catalog, the files of `dieu.catalogs` (paths
 * relative to a workspace folder) and of `initializationOptions.catalogs`; what they change —
 * `ext-unknown-document`, `ext-repealed`, the hover card, completion of `Nghị định số `, the
 * link to a document's public page; reload on a change of the setting; a malformed line or an
 * unreadable file is one warning for the user, and the rest still loads.
 */
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CompletionList, DocumentLink, Hover, MarkupContent, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol/node';
import { capabilities, editorCapabilities, positionOf, span, TestClient } from './harness';

const MINE = [
  '{"number": "88/2024/NĐ-CP", "type": "Nghị định", "issuer": "Chính phủ", "date": "2024-07-15", "title": "Về quản lý hoạt động thử nghiệm", "status": "in-force", "url": "https://vbpl.example/88-2024-nd-cp"}',
  '{"number": "11/2010/NĐ-CP", "type": "Nghị định", "issuer": "Chính phủ", "date": "2010-02-24", "title": "Về quản lý hoạt động thử nghiệm", "status": "repealed", "replaced_by": ["88/2024/NĐ-CP"]}',
  'đây không phải JSON',
  '{"type": "Nghị định", "title": "thiếu số"}',
  '{"number": "86/2024/NĐ-CP", "type": "Nghị định", "issuer": "Chính phủ", "date": "2024-07-11", "title": "Về một việc khác"}',
].join('\n');

const OTHER = '{"number": "77/2019/NĐ-CP", "type": "Nghị định", "issuer": "Chính phủ", "date": "2019-10-10", "title": "Về việc có trong danh mục thứ hai"}\n';

const TT = [
  'BỘ KHOA HỌC VÀ CÔNG NGHỆ', //                                                           0
  'Số: 7/2025/TT-BKHCN', //                                                                1
  '', //                                                                                   2
  'THÔNG TƯ', //                                                                           3
  'Hướng dẫn hoạt động thử nghiệm', //                                                     4
  '', //                                                                                   5
  'Căn cứ Nghị định số 86/2024/NĐ-CP ngày 11 tháng 7 năm 2024 của Chính phủ;', //           6  in mine.jsonl
  'Căn cứ Nghị định số 11/2010/NĐ-CP ngày 24 tháng 02 năm 2010 của Chính phủ;', //          7  repealed (mine.jsonl)
  'Căn cứ Nghị định số 77/2019/NĐ-CP ngày 10 tháng 10 năm 2019 của Chính phủ;', //          8  only in other.jsonl
  'Căn cứ Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006;', //                           9  bundled (by name)
  '', //                                                                                  10
  'Điều 1. Phạm vi', //                                                                   11
  'Thông tư này hướng dẫn.', //                                                           12
  '', //                                                                                  13  ← typed on
];

const EXT = ['ext-unknown-document', 'ext-repealed', 'ext-mismatch'];
/** The ext-* diagnostics: `code@range`. */
function ext(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.filter((d) => EXT.includes(String(d.code))).map((d) => `${String(d.code)}@${span(d.range)}`);
}
function numberAt(line: number, number: string): string {
  const start = positionOf(TT, line, number);
  return `${line}:${start.character}-${line}:${start.character + number.length}`;
}

describe('LSP catalogs', () => {
  let dir: string;
  let uri: string;
  let client: TestClient;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-catalogs-'));
    mkdirSync(path.join(dir, 'danh-muc'));
    writeFileSync(path.join(dir, 'danh-muc', 'mine.jsonl'), MINE);
    writeFileSync(path.join(dir, 'danh-muc', 'other.jsonl'), OTHER);
    uri = pathToFileURL(path.join(dir, 'tt-07.vbpl')).toString();
    client = await TestClient.start(editorCapabilities({ configuration: true }), {
      workspaceFolders: [pathToFileURL(dir).toString()],
      configuration: { catalogs: ['danh-muc/mine.jsonl', 'danh-muc/missing.jsonl'] },
    });
    await client.open(uri, TT.join('\n'), 1);
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the first diagnostics already know the catalogs: unknown only what no catalog lists, repealed what one says is', async () => {
    const p = await client.diagnostics(uri, 1);
    assert.deepStrictEqual(ext(p), [
      `ext-repealed@${numberAt(7, '11/2010/NĐ-CP')}`,
      `ext-unknown-document@${numberAt(8, '77/2019/NĐ-CP')}`,
    ]);
    const repealed = p.diagnostics.find((d) => d.code === 'ext-repealed')!;
    assert.strictEqual(repealed.severity, 2);
    assert.match(repealed.message, /88\/2024\/NĐ-CP/);
    assert.strictEqual(p.diagnostics.find((d) => d.code === 'ext-unknown-document')!.severity, 3);
  });

  it('a malformed line and a missing file: one warning for the user, each problem in the log, the rest loaded', () => {
    const shown = client.shownMessages.filter((m) => m.type === 2);
    assert.strictEqual(shown.length, 1, JSON.stringify(client.shownMessages));
    assert.match(shown[0].message, /"danh-muc\/missing\.jsonl".*không có tệp này \(no such file\)/);
    assert.match(shown[0].message, /"danh-muc\/mine\.jsonl": 2 dòng sai định dạng đã bỏ qua \(dòng 3: [^;]+; dòng 4: [^)]*number/);
    const logged = client.logs.filter((l) => l.type === 2).map((l) => l.message);
    assert.ok(logged.some((m) => m.includes('danh-muc/mine.jsonl:3:')), logged.join('\n'));
    assert.ok(logged.some((m) => m.includes('danh-muc/mine.jsonl:4:')), logged.join('\n'));
    assert.ok(logged.some((m) => m.includes('missing.jsonl')), logged.join('\n'));
    const info = client.logs.filter((l) => l.type === 3).map((l) => l.message).find((m) => m.startsWith('dieu: catalogs loaded'));
    assert.match(info ?? '', /danh-muc\/mine\.jsonl, bundled — \d+ documents/);
  });

  it('hover on a number a catalog lists: its card (title, date, status, link, source)', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TT, 6, '86/2024', 3) });
    const md = (h.contents as MarkupContent).value;
    assert.strictEqual((h.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /^\*\*Nghị định số 86\/2024\/NĐ-CP\*\* — Chính phủ\n\nVề một việc khác\n/);
    assert.match(md, /\| Ngày ban hành \| 11\/07\/2024 \|/);
    assert.match(md, /nguồn: danh-muc\/mine\.jsonl/);
    const repealed = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TT, 7, '11/2010', 3) });
    assert.match((repealed.contents as MarkupContent).value, /\| Tình trạng \| Đã bị thay thế \|[^]*\| Thay thế bởi \| 88\/2024\/NĐ-CP \|/);
    // The bundled catalog finds a law cited by name and date.
    const law = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(TT, 9, 'Công nghệ', 2) });
    assert.match((law.contents as MarkupContent).value, /^\*\*Luật số 67\/2006\/QH11\*\* — Quốc hội[^]*nguồn: bundled/);
  });

  it('completion of "Nghị định số ": the catalogs\' Nghị định, newest first', async () => {
    const line = 'Căn cứ Nghị định số ';
    await client.change(uri, 2, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } }, text: line }]);
    const r = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri }, position: { line: 13, character: line.length }, context: { triggerKind: 2, triggerCharacter: ' ' },
    });
    const sorted = r.items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    const mine = sorted.filter((i) => ['88/2024/NĐ-CP', '86/2024/NĐ-CP', '11/2010/NĐ-CP'].includes(i.label));
    assert.deepStrictEqual(mine.map((i) => `${i.label} | ${i.detail} | ${i.labelDetails?.description}`), [
      '88/2024/NĐ-CP | Nghị định 88/2024/NĐ-CP | Về quản lý hoạt động thử nghiệm',
      '86/2024/NĐ-CP | Nghị định 86/2024/NĐ-CP | Về một việc khác',
      '11/2010/NĐ-CP | Nghị định 11/2010/NĐ-CP | Về quản lý hoạt động thử nghiệm',
    ]);
    assert.deepStrictEqual((mine[0].textEdit as TextEdit).range, { start: { line: 13, character: line.length }, end: { line: 13, character: line.length } });
    assert.match((mine[0].documentation as MarkupContent).value, /danh mục: danh-muc\/mine\.jsonl/);
    // Only Nghị định: no Luật of the bundled catalog.
    assert.ok(!sorted.some((i) => /QH1\d/.test(i.label)), sorted.map((i) => i.label).join(' '));
    // Typed on: the catalogs' part narrows to the numbers that start so, replacing what is typed.
    await client.change(uri, 3, [{ range: { start: { line: 13, character: line.length }, end: { line: 13, character: line.length } }, text: '88/' }]);
    const typed = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 13, character: line.length + 3 } });
    const fromCatalogs = typed.items.filter((i) => i.kind === 18 /* Reference: a catalog's */);
    assert.deepStrictEqual(fromCatalogs.map((i) => i.label), ['88/2024/NĐ-CP']);
    assert.deepStrictEqual((fromCatalogs[0].textEdit as TextEdit).range.start, { line: 13, character: line.length });
    await client.change(uri, 4, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: line.length + 3 } }, text: '' }]);
  });

  it('document link: a catalog entry with a url links to it', async () => {
    await client.change(uri, 5, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } }, text: 'Theo Nghị định số 88/2024/NĐ-CP.' }]);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepStrictEqual(links.map((l) => [span(l.range), l.target]), [
      [`13:5-13:${'Theo Nghị định số 88/2024/NĐ-CP'.length}`, 'https://vbpl.example/88-2024-nd-cp'],
    ]);
    await client.change(uri, 6, [{ range: { start: { line: 13, character: 0 }, end: { line: 13, character: 32 } }, text: '' }]);
  });

  it('reloads when dieu.catalogs changes: a second file, the missing one dropped', async () => {
    await client.flush();
    for (let n = client.pending(uri).length; n > 0; n--) await client.diagnostics(uri); // what the edits above published
    client.configuration = { catalogs: ['danh-muc/mine.jsonl', path.join(dir, 'danh-muc', 'other.jsonl')] };
    await client.changeConfiguration(null);
    const p = await client.diagnostics(uri);
    assert.deepStrictEqual(ext(p), [`ext-repealed@${numberAt(7, '11/2010/NĐ-CP')}`]);
    // The same malformed lines are not shown again.
    assert.strictEqual(client.shownMessages.filter((m) => /mine\.jsonl/.test(m.message)).length, 1);
  });
});

describe('LSP catalogs from initializationOptions (editors without workspace/configuration)', () => {
  let dir: string;
  let client: TestClient;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-catalogs-init-'));
    writeFileSync(path.join(dir, 'other.jsonl'), OTHER);
    client = await TestClient.start(capabilities(), {
      workspaceFolders: [pathToFileURL(dir).toString()],
      initializationOptions: { catalogs: ['other.jsonl'] },
    });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads them, with the bundled catalog, before the first diagnostics', async () => {
    const u = pathToFileURL(path.join(dir, 'tt.vbpl')).toString();
    await client.open(u, TT.join('\n'), 1);
    const p = await client.diagnostics(u, 1);
    // 77/2019 is in other.jsonl; 86/2024 and 11/2010 only in the first suite's file.
    assert.deepStrictEqual(ext(p), [
      `ext-unknown-document@${numberAt(6, '86/2024/NĐ-CP')}`,
      `ext-unknown-document@${numberAt(7, '11/2010/NĐ-CP')}`,
    ]);
    assert.deepStrictEqual(client.shownMessages, []);
  });
});

describe('LSP catalogs changed on disk', () => {
  let dir: string;
  let client: TestClient;
  let catalogPath: string;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-catalogs-watch-'));
    catalogPath = path.join(dir, 'mine.jsonl');
    writeFileSync(catalogPath, OTHER);
    client = await TestClient.start(capabilities({ configuration: true, watch: true }), {
      workspaceFolders: [pathToFileURL(dir).toString()],
      configuration: { catalogs: ['mine.jsonl'] },
    });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the client to watch the catalog files beside the drafts, and reads one again when it changes', async () => {
    const u = pathToFileURL(path.join(dir, 'tt.vbpl')).toString();
    await client.open(u, TT.join('\n'), 1);
    const first = await client.diagnostics(u, 1);
    assert.ok(ext(first).includes(`ext-unknown-document@${numberAt(6, '86/2024/NĐ-CP')}`), ext(first).join(', '));
    const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern));
    assert.ok(watchers.includes(catalogPath.split(path.sep).join('/')), watchers.join(', '));
    assert.ok(watchers.includes('**/*.vbpl'), watchers.join(', '));
    // The catalog gains 86/2024: the draft's unknown-document goes, without an edit.
    writeFileSync(catalogPath, `${OTHER}${MINE.split('\n')[4]}\n`);
    await client.watchedFiles([{ uri: pathToFileURL(catalogPath).toString(), type: 2 }]);
    const after = await client.diagnostics(u, 1);
    assert.ok(!ext(after).includes(`ext-unknown-document@${numberAt(6, '86/2024/NĐ-CP')}`), ext(after).join(', '));
  });
});
