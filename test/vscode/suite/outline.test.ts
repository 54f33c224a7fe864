/** Outline (document symbols) and folding come from the server. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { dieu, lineOf, openDraft, symbolNames } from './helpers';

describe('outline and folding', () => {
  before(async () => { await dieu(); });

  it('the outline names every Điều with its title @smoke', async () => {
    const doc = await openDraft('clean.vbpl');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = symbolNames(symbols);
    for (const [n, title] of [['1', 'Phạm vi điều chỉnh'], ['2', 'Nguyên tắc'], ['3', 'Hiệu lực thi hành']]) {
      assert.ok(names.some((s) => s.startsWith(`Điều ${n}`) && s.includes(title)),
        `no symbol "Điều ${n}. ${title}" in ${JSON.stringify(names)}`);
    }
    assert.ok(names.some((s) => /Chương I\b/.test(s)), `no symbol for Chương I in ${JSON.stringify(names)}`);
    // Điều nest under their Chương.
    const chuong = (symbols ?? []).find((s) => /Chương I\b/.test(s.name)) ?? (symbols ?? []).flatMap((s) => s.children ?? []).find((s) => /Chương I\b/.test(s.name));
    if (chuong && 'children' in chuong) assert.ok(symbolNames(chuong.children).some((s) => /Điều 1\b/.test(s)), 'Điều 1 is not inside Chương I');
  });

  it('folds each Chương and Điều', async () => {
    const doc = await openDraft('clean.vbpl');
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    assert.ok(ranges && ranges.length > 0, 'no folding ranges');
    const dieu1 = lineOf(doc, 'Điều 1.');
    const dieu2 = lineOf(doc, 'Điều 2.');
    const chuong1 = lineOf(doc, 'Chương I');
    const lastOfDieu1 = lineOf(doc, '2. Thông tư này áp dụng');
    const r1 = ranges.find((r) => r.start === dieu1);
    assert.ok(r1, `no range starts at Điều 1 (line ${dieu1}): ${JSON.stringify(ranges)}`);
    assert.ok(r1.end >= lastOfDieu1 && r1.end < dieu2, `Điều 1 folds ${r1.start}–${r1.end}, expected to end at ${lastOfDieu1}…${dieu2 - 1}`);
    const rc = ranges.find((r) => r.start === chuong1);
    assert.ok(rc && rc.end >= lastOfDieu1, `no range for Chương I covering its Điều: ${JSON.stringify(ranges)}`);
  });
});
