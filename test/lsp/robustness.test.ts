/**
 * Bad input never kills the server: binary files, lone surrogates, a 2 MB line, nonsense
 * parameters, edits outside the text. After each, the server still answers.
 */
import * as assert from 'assert';
import { brief, capabilities, TestClient } from './harness';

const GOOD = 'Điều 1. Phạm vi\n\nĐiều 3. Đối tượng\n';

describe('LSP robustness', () => {
  let client: TestClient;
  before(async () => { client = await TestClient.start(capabilities()); });
  after(async () => { await client.stop(); });

  async function stillAnswers(): Promise<void> {
    const uri = `file:///drafts/good-${client.published.length}.vbpl`;
    await client.open(uri, GOOD, 1);
    const p = await client.diagnostics(uri, 1);
    assert.deepStrictEqual(brief(p.diagnostics), ['numbering-gap@2:0-2:6']);
    assert.ok(client.alive, client.stderr);
  }

  it('survives a binary file (every byte value, NULs, lone CRs)', async () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + 13) % 256));
    const uri = 'file:///drafts/binary.vbpl';
    await client.open(uri, bytes.toString('latin1'), 1);
    const p = await client.diagnostics(uri, 1);
    assert.ok(Array.isArray(p.diagnostics));
    assert.ok(Array.isArray(await client.request('textDocument/documentSymbol', { textDocument: { uri } })));
    assert.ok(Array.isArray(await client.request('textDocument/foldingRange', { textDocument: { uri } })));
    await stillAnswers();
  });

  it('survives lone surrogates and control characters around headings', async () => {
    const uri = 'file:///drafts/surrogates.vbpl';
    await client.open(uri, '\ud800Điều 1.\u0000 Tên\udc00\n1) \u0007\ud83d\n\u2028Điều \ud800 2.\r\r\n'.repeat(500), 1);
    await client.diagnostics(uri, 1);
    assert.ok(Array.isArray(await client.request('textDocument/documentSymbol', { textDocument: { uri } })));
    await stillAnswers();
  });

  it('survives a 2 MB line', async () => {
    const uri = 'file:///drafts/huge-line.vbpl';
    await client.open(uri, `Điều 1. Tên\n${'x'.repeat(2_000_000)}\nĐiều 3. Sau`, 1);
    const p = await client.diagnostics(uri, 1);
    assert.deepStrictEqual(brief(p.diagnostics), ['numbering-gap@2:0-2:6']);
    await stillAnswers();
  });

  it('turns an exception in a handler into a logged error and an empty answer', async () => {
    // A document with a fix, and a request without a range: the handler trips over the null.
    const uri = 'file:///drafts/with-fix.vbpl';
    await client.open(uri, 'Điều 1. Phạm vi\n1) Nội dung.\n', 1);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: null, context: null });
    assert.deepStrictEqual(actions, []);
    const errors = client.logs.filter((l) => l.type === 1).map((l) => l.message);
    assert.strictEqual(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], /^dieu: codeAction failed: TypeError/);
    await stillAnswers();
  });

  it('survives requests with missing or nonsense parameters', async () => {
    assert.strictEqual(await client.request('textDocument/documentSymbol', {}), null);
    assert.strictEqual(await client.request('textDocument/foldingRange', { textDocument: { uri: 42 } }), null);
    assert.deepStrictEqual(await client.request('textDocument/codeAction', { textDocument: null }), []);
    await assert.rejects(client.request('dieu/noSuchMethod', {}), /Unhandled method/);
    await stillAnswers();
  });

  it('survives edits outside the text and edits of documents never opened', async () => {
    const uri = 'file:///drafts/edits.vbpl';
    await client.open(uri, GOOD, 1);
    await client.diagnostics(uri, 1);
    await client.change(uri, 2, [{ range: { start: { line: 1_000_000, character: 5 }, end: { line: 1_000_001, character: 0 } }, text: '\nĐiều 5. Cuối' }]);
    const p = await client.diagnostics(uri, 2);
    assert.deepStrictEqual(brief(p.diagnostics), ['numbering-gap@2:0-2:6', 'numbering-gap@4:0-4:6']);
    await client.change('file:///drafts/never-opened.vbpl', 2, [{ text: 'Điều 9.' }]);
    await client.close('file:///drafts/never-opened.vbpl');
    await stillAnswers();
  });

  it('has written nothing to stderr (stdout is the protocol; logs go through the connection)', () => {
    assert.strictEqual(client.stderr, '');
  });
});
