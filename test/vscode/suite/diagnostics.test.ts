/** Diagnostics of the planted defects: codes, lines, source, severities; a clean draft has none. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, dieu, lineOf, openDraft, waitForDiagnostics } from './helpers';

describe('diagnostics', () => {
  before(async () => { await dieu(); });

  it('reports the planted defects on their lines, with source dieu @smoke', async () => {
    const doc = await openDraft('defects.vbpl');
    const expected: Array<[string, number, vscode.DiagnosticSeverity]> = [
      ['marker-style', lineOf(doc, '3) Các cơ quan'), vscode.DiagnosticSeverity.Warning],
      ['numbering-duplicate', lineOf(doc, '2. Khoản là'), vscode.DiagnosticSeverity.Error],
      ['numbering-gap', lineOf(doc, 'Điều 5.'), vscode.DiagnosticSeverity.Error],
    ];
    const has = (ds: vscode.Diagnostic[], [code, line]: [string, number, unknown]): boolean =>
      ds.some((d) => codeOf(d) === code && d.range.start.line === line);
    const ds = await waitForDiagnostics(doc.uri, (all) => expected.every((e) => has(all, e)),
      expected.map(([c, l]) => `${c}@${l + 1}`).join(', '));
    for (const [code, line, severity] of expected) {
      const d = ds.find((x) => codeOf(x) === code && x.range.start.line === line)!;
      assert.strictEqual(d.source, 'dieu');
      assert.strictEqual(d.severity, severity, `${code}: severity ${d.severity}`);
      assert.ok(d.message.length > 0);
    }
    // The range sits on the marker: `3)`, the second `2.`, `Điều 5`.
    const style = ds.find((d) => codeOf(d) === 'marker-style')!;
    assert.strictEqual(doc.getText(style.range), '3)');
    const gap = ds.find((d) => codeOf(d) === 'numbering-gap')!;
    assert.match(doc.getText(gap.range), /^Điều 5/);
    assert.match(gap.message, /Điều 4/, 'the gap message names what is missing');
    const dup = ds.find((d) => codeOf(d) === 'numbering-duplicate')!;
    assert.ok(dup.relatedInformation?.some((r) => r.location.range.start.line === lineOf(doc, '2. Điều là')),
      `the duplicate points at the first twin: ${JSON.stringify(dup.relatedInformation)}`);
    // Nothing else is wrong with the draft (citations may add infos, never errors).
    const unexpected = ds.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning && !expected.some((e) => has([d], e)));
    assert.deepStrictEqual(unexpected, [], `unexpected diagnostics:\n  ${describeDiagnostics(unexpected)}`);
  });

  it('reports nothing on a clean draft', async () => {
    const doc = await openDraft('clean.vbpl');
    // The outline answers only after the server has the document; diagnostics came before.
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'dieu');
    assert.deepStrictEqual(ds.map(codeOf), [], describeDiagnostics(ds));
  });
});
