/**
 * Pulled diagnostics for a client that announces `textDocument.diagnostic` (VS Code): the
 * server answers `textDocument/diagnostic` and never pushes to that client.
 */
import * as assert from 'assert';
import type { DocumentDiagnosticReport, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { brief, capabilities, TestClient } from './harness';

const DRAFT = [
  'Điều 1. Phạm vi điều chỉnh', //   0
  '1. Khoản một.', //                1
  '1. Khoản trùng.', //              2
  '3) Khoản ba.', //                 3
  '', //                             4
  'Dieu 3. Đối tượng áp dụng', //    5
  'Nội dung.', //                    6
].join('\n');

const URI = 'file:///drafts/pull.vbpl';

function full(r: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  assert.strictEqual(r.kind, 'full');
  return r as FullDocumentDiagnosticReport;
}

describe('LSP pull diagnostics (client with pull support)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start(capabilities({ pull: true, configuration: true, refresh: true }), {
      configuration: { rules: {}, catalogs: [], include: [], trace: { server: 'off' } },
    });
  });
  after(async () => { await client.stop(); });

  it('announces a diagnosticProvider with inter-file dependencies', () => {
    assert.deepStrictEqual(client.result.capabilities.diagnosticProvider,
      { identifier: 'dieu', interFileDependencies: true, workspaceDiagnostics: false });
  });

  it('answers textDocument/diagnostic with the defects of the current text', async () => {
    await client.open(URI, DRAFT, 1);
    const r = full(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } }));
    assert.deepStrictEqual(brief(r.items), [
      'numbering-duplicate@2:0-2:2',
      'marker-style@3:0-3:2',
      'numbering-gap@5:0-5:6',
      'unaccented-keyword@5:0-5:4',
    ]);
    assert.strictEqual(typeof r.resultId, 'string');
    assert.deepStrictEqual(r.items[3].data, {
      version: 1,
      fix: { title: 'Sửa thành "Điều"', safe: true, edits: [{ range: r.items[3].range, newText: 'Điều' }] },
    });
  });

  it('answers "unchanged" to a re-pull with the current resultId', async () => {
    const first = full(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } }));
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic',
      { textDocument: { uri: URI }, previousResultId: first.resultId });
    assert.deepStrictEqual(again, { kind: 'unchanged', resultId: first.resultId });
  });

  it('answers a full report after an edit', async () => {
    const before = full(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } }));
    // `1. Khoản trùng.` → `2. Khoản trùng.`
    await client.change(URI, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '2' }]);
    const r = full(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic',
      { textDocument: { uri: URI }, previousResultId: before.resultId }));
    assert.notStrictEqual(r.resultId, before.resultId);
    assert.deepStrictEqual(brief(r.items), ['marker-style@3:0-3:2', 'numbering-gap@5:0-5:6', 'unaccented-keyword@5:0-5:4']);
  });

  it('never pushes to a pull client', async () => {
    await client.open('file:///drafts/other.vbpl', 'Điều 2. Sai số\n', 1);
    await client.flush();
    assert.deepStrictEqual(client.published, []);
  });

  it('asks for a refresh when a setting changes, and the re-pull applies it', async () => {
    const refreshed = client.nextRefresh();
    client.configuration = { rules: { 'marker-style': 'off', 'numbering-gap': 'hint' } };
    await client.changeConfiguration(null);
    await refreshed;
    const r = full(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: URI } }));
    assert.deepStrictEqual(brief(r.items), ['numbering-gap@5:0-5:6', 'unaccented-keyword@5:0-5:4']);
    assert.deepStrictEqual(r.items.map((d) => d.severity), [4, 3]);
  });

  it('does not ask for a refresh when an edit leaves the other documents\' diagnostics unchanged', async () => {
    await client.request('textDocument/diagnostic', { textDocument: { uri: 'file:///drafts/other.vbpl' } });
    const refreshes = client.refreshRequests;
    await client.change(URI, 3, [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'Thêm ' }]);
    await client.flush();
    assert.strictEqual(client.refreshRequests, refreshes);
  });

  it('asks for a refresh when an edit in one document changes another\'s diagnostics', async () => {
    const nd = 'file:///drafts/nd-12.vbpl', tt = 'file:///drafts/tt-05.vbpl';
    await client.open(nd, 'CHÍNH PHỦ\nSố: 12/2025/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định chi tiết\n\nĐiều 1. Phạm vi\n\nĐiều 2. Đối tượng\n', 1);
    await client.open(tt, 'BỘ TÀI CHÍNH\nSố: 5/2025/TT-BTC\n\nTHÔNG TƯ\nHướng dẫn\n\nĐiều 1. Phạm vi\n'
      + 'Thông tư này hướng dẫn Điều 3 của Nghị định số 12/2025/NĐ-CP.\n', 1);
    const before = full(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: tt } }));
    assert.deepStrictEqual(brief(before.items), ['ext-missing-target@7:23-7:60']);
    const refreshed = client.nextRefresh();
    await client.change(nd, 2, [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: '\nĐiều 3. Hiệu lực\n' }]);
    await refreshed;
    const after = full(await client.request<DocumentDiagnosticReport>('textDocument/diagnostic',
      { textDocument: { uri: tt }, previousResultId: before.resultId }));
    assert.deepStrictEqual(after.items, []);
  });

  it('answers an empty full report for a document it does not know', async () => {
    const r = await client.request('textDocument/diagnostic', { textDocument: { uri: 'file:///nowhere.vbpl' } });
    assert.deepStrictEqual(r, { kind: 'full', items: [] });
  });
});
