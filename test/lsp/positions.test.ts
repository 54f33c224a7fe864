/**
 * Positions are those of the text as the user has it (DESIGN.md §1): a draft saved in NFD
 * (each Vietnamese letter = base + combining marks, longer in UTF-16 than NFC), with CRLF line
 * ends and a BOM. The core matches on NFC; every range must land back on the original text.
 */
import * as assert from 'assert';
import type { CodeAction, DocumentSymbol, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { brief, capabilities, TestClient } from './harness';

const LINES = [
  'Điều 2. Phạm vi điều chỉnh', //                                0  gap: Điều 1 missing
  '1. Nội dung thứ nhất.', //                                     1
  '1. Nội dung trùng lặp ở đây.', //                              2  duplicate khoản 1
  '3) Nội dung thứ ba.', //                                       3  `3)` for a khoản
  '', //                                                          4
  '**Điều 4. Đối tượng áp dụng**', //                             5  gap: Điều 3 missing
  'CỦA ỦY BAN NHÂN DÂN TỈNH Điều 6. Tổ chức thực hiện', //        6  run together mid-line; gap: Điều 5
  'Nghị định này có hiệu lực.', //                                7
].map((l) => l.normalize('NFD'));
const TEXT = `\ufeff${LINES.join('\r\n')}\r\n`;
const URI = 'file:///drafts/nfd-crlf-bom.vbpl';

/** `line:start-line:end` of the first occurrence of `needle` (written in NFC) on a line of the NFD text. */
function at(line: number, needle: string): string {
  const n = needle.normalize('NFD');
  const start = LINES[line].indexOf(n);
  assert.ok(start >= 0, `${needle} not on line ${line}`);
  return `${line}:${start}-${line}:${start + n.length}`;
}

describe('LSP positions in an NFD + CRLF + BOM draft', () => {
  let client: TestClient;
  before(async () => {
    assert.notStrictEqual(LINES[0].length, LINES[0].normalize('NFC').length, 'the test text must be NFD');
    client = await TestClient.start(capabilities());
    await client.open(URI, TEXT, 1);
  });
  after(async () => { await client.stop(); });

  it('puts diagnostics on the UTF-16 characters of the original text (BOM not counted)', async () => {
    const p = await client.diagnostics(URI, 1);
    assert.deepStrictEqual(brief(p.diagnostics), [
      `numbering-gap@${at(0, 'Điều 2')}`, //       0:0-0:8, not 0:1-0:7 (BOM) nor 0:0-0:6 (NFC); the period is not the marker's
      `numbering-duplicate@${at(2, '1.')}`,
      `marker-style@${at(3, '3)')}`,
      `numbering-gap@${at(5, 'Điều 4')}`, //       5:2-5:10 after `**`
      `numbering-gap@${at(6, 'Điều 6')}`, //       6:30-6:38 after NFD capitals
    ]);
    assert.deepStrictEqual(brief(p.diagnostics).map((b) => b.replace(/^[a-z-]+@/, '')), ['0:0-0:8', '2:0-2:2', '3:0-3:2', '5:2-5:10', '6:30-6:38']);
  });

  it('puts a mid-line heading\'s outline entry after the NFD text before it', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const dieu6 = symbols.find((s) => s.name === 'Điều 6. Tổ chức thực hiện')!;
    const r = dieu6.selectionRange;
    assert.strictEqual(`${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`, at(6, 'Điều 6'));
    assert.strictEqual(r.start.character, 30);
    assert.deepStrictEqual(symbols.map((s) => s.name), ['Điều 2. Phạm vi điều chỉnh', 'Điều 4. Đối tượng áp dụng', 'Điều 6. Tổ chức thực hiện']);
  });

  it('folds by the original lines', async () => {
    const ranges = await client.request('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepStrictEqual(ranges, [{ startLine: 0, endLine: 3 }, { startLine: 5, endLine: 6 }, { startLine: 6, endLine: 7 }]);
  });

  it('gives the `3)` fix on the right line (CRLF), and applying it clears the warning', async () => {
    const range = { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range, context: { diagnostics: [] } });
    assert.strictEqual(actions.length, 1);
    const edits = (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits;
    assert.deepStrictEqual(edits, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } }, newText: '3.' }]);
    await client.change(URI, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    const p = await client.diagnostics(URI, 2);
    assert.deepStrictEqual(brief(p.diagnostics), [
      `numbering-gap@${at(0, 'Điều 2')}`, `numbering-duplicate@${at(2, '1.')}`, `numbering-gap@${at(5, 'Điều 4')}`,
      `numbering-gap@${at(6, 'Điều 6')}`,
    ]);
  });

  it('keeps positions right after an incremental edit inside NFD text', async () => {
    // Replace `Phạm vi` (NFD) on line 0 by `Nội dung`: the title changes, positions after it shift.
    const from = LINES[0].indexOf('Phạm vi'.normalize('NFD'));
    const to = from + 'Phạm vi'.normalize('NFD').length;
    await client.change(URI, 3, [{ range: { start: { line: 0, character: from }, end: { line: 0, character: to } }, text: 'Nội dung'.normalize('NFD') }]);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.strictEqual(symbols[0].name, 'Điều 2. Nội dung điều chỉnh');
    assert.deepStrictEqual(symbols[0].selectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }); // `Điều 2` in NFD: 8 UTF-16 units
  });
});
