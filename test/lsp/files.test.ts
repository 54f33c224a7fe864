/**
 * Drafts on disk that are not open: citations resolve against every draft of the workspace
 * folders (`*.vbpl`, `*.vbpl.md`, plus `dieu.include`), kept current by file events.
 */
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { brief, capabilities, TestClient } from './harness';

function nghiDinh(number: string, articles: number): string {
  const body = Array.from({ length: articles }, (_, i) => `Điều ${i + 1}. Nội dung ${i + 1}\n`).join('\n');
  return `CHÍNH PHỦ\nSố: ${number}\n\nNGHỊ ĐỊNH\nQuy định chi tiết\n\n${body}`;
}

// The Thông tư being drafted (open in the editor, never saved) cites three Nghị định.
const TT = [
  'BỘ TÀI CHÍNH', //                                                          0
  'Số: 5/2025/TT-BTC', //                                                     1
  '', //                                                                      2
  'THÔNG TƯ', //                                                              3
  'Hướng dẫn', //                                                             4
  '', //                                                                      5
  'Điều 1. Phạm vi', //                                                       6
  'Thông tư này hướng dẫn Điều 3 của Nghị định số 12/2025/NĐ-CP.', //         7  (nd-12.vbpl)
  'Thông tư này hướng dẫn Điều 2 của Nghị định số 13/2025/NĐ-CP.', //         8  (ghi-chu.txt: opt-in)
  'Thông tư này hướng dẫn Điều 2 của Nghị định số 14/2025/NĐ-CP.', //         9  (node_modules, .git: never)
].join('\n');

/** Only the cross-document codes: `ext-unknown-document` (info) may join later, with a catalog. */
function missing(p: PublishDiagnosticsParams): string[] {
  return brief(p.diagnostics.filter((d) => d.code === 'ext-missing-target'));
}

describe('LSP workspace drafts on disk', () => {
  let dir: string;
  let client: TestClient;
  let ttUri: string;
  const file = (name: string) => path.join(dir, name);
  const uri = (name: string) => pathToFileURL(file(name)).toString();

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dieu-lsp-'));
    writeFileSync(file('nd-12.vbpl'), nghiDinh('12/2025/NĐ-CP', 2));
    writeFileSync(file('ghi-chu.txt'), nghiDinh('13/2025/NĐ-CP', 1));
    for (const hidden of ['node_modules/x', '.git']) {
      mkdirSync(file(hidden), { recursive: true });
      writeFileSync(file(`${hidden}/nd-14.vbpl`), nghiDinh('14/2025/NĐ-CP', 1));
    }
    client = await TestClient.start(capabilities({ watch: true }), { workspaceFolders: [pathToFileURL(dir).toString()] });
    ttUri = uri('tt-05.vbpl');
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a citation against a closed draft of the workspace folder', async () => {
    await client.open(ttUri, TT, 1);
    const p = await client.diagnostics(ttUri, 1);
    assert.deepStrictEqual(missing(p), ['ext-missing-target@7:23-7:60']);
    const related = p.diagnostics.find((d) => d.code === 'ext-missing-target')!.relatedInformation!;
    assert.deepStrictEqual(related.map((r) => r.location.uri), [uri('nd-12.vbpl')]);
  });

  it('asks the client to watch the draft globs', () => {
    const watch = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepStrictEqual(watch.at(-1)?.registerOptions, { watchers: [{ globPattern: '**/*.vbpl' }, { globPattern: '**/*.vbpl.md' }] });
  });

  it('re-reads a draft changed on disk and re-publishes the documents citing it', async () => {
    writeFileSync(file('nd-12.vbpl'), nghiDinh('12/2025/NĐ-CP', 3));
    await client.watchedFiles([{ uri: uri('nd-12.vbpl'), type: 2 }]);
    const p = await client.diagnostics(ttUri, 1);
    assert.deepStrictEqual(missing(p), []);
  });

  it('reads the files of dieu.include once the setting names them', async () => {
    await client.changeConfiguration({ dieu: { include: ['**/*.txt'] } });
    const p = await client.diagnostics(ttUri, 1);
    assert.deepStrictEqual(missing(p), ['ext-missing-target@8:23-8:60']);
    assert.deepStrictEqual(client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').at(-1)?.registerOptions,
      { watchers: [{ globPattern: '**/*.vbpl' }, { globPattern: '**/*.vbpl.md' }, { globPattern: '**/*.txt' }] });
  });

  it('prefers the editor\'s text of an open draft, and reads the disk again when it is closed', async () => {
    await client.open(uri('nd-12.vbpl'), nghiDinh('12/2025/NĐ-CP', 1), 1);
    assert.deepStrictEqual(missing(await client.diagnostics(ttUri, 1)), ['ext-missing-target@7:23-7:60', 'ext-missing-target@8:23-8:60']);
    await client.close(uri('nd-12.vbpl'));
    assert.deepStrictEqual(missing(await client.diagnostics(ttUri, 1)), ['ext-missing-target@8:23-8:60']);
  });

  it('forgets a draft deleted on disk', async () => {
    unlinkSync(file('ghi-chu.txt'));
    await client.watchedFiles([{ uri: uri('ghi-chu.txt'), type: 3 }]);
    assert.deepStrictEqual(missing(await client.diagnostics(ttUri, 1)), []);
  });

  it('never read node_modules or dot folders (Nghị định 14/2025 stayed unknown)', async () => {
    await client.flush();
    const all = client.published.filter((p) => p.uri === ttUri).flatMap((p) => missing(p));
    assert.ok(!all.some((b) => b.startsWith('ext-missing-target@9:')), all.join('\n'));
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1), []);
  });
});
