/**
 * Settings: `dieu.rules` read through `workspace/configuration` (VS Code), or given as
 * `initializationOptions` / pushed in `didChangeConfiguration` (other editors).
 */
import * as assert from 'assert';
import { brief, capabilities, TestClient } from './harness';

const DRAFT = [
  'Điều 1. Phạm vi điều chỉnh', //   0
  '1. Khoản một.', //                1
  '1. Khoản trùng.', //              2
  '3) Khoản ba.', //                 3
  '', //                             4
  'Điều 3. Đối tượng áp dụng', //    5
].join('\n');

const URI = 'file:///drafts/config.vbpl';

type Brief = Array<[string, number | undefined]>;
function codesAndSeverities(p: { diagnostics: Array<{ code?: unknown; severity?: number }> }): Brief {
  return p.diagnostics.map((d) => [String(d.code), d.severity]);
}

describe('LSP settings through workspace/configuration', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start(capabilities({ configuration: true }), {
      configuration: { rules: { 'numbering-gap': 'warning' }, catalogs: [], include: [], trace: { server: 'verbose' } },
    });
  });
  after(async () => { await client.stop(); });

  it('applies the configured severities to the very first diagnostics', async () => {
    await client.open(URI, DRAFT, 1);
    const p = await client.diagnostics(URI, 1);
    assert.deepStrictEqual(codesAndSeverities(p), [['numbering-duplicate', 1], ['marker-style', 2], ['numbering-gap', 2]]);
    assert.strictEqual(client.configurationRequests, 1);
  });

  it('turning a rule off removes its diagnostics (re-published without an edit)', async () => {
    client.configuration = { rules: { 'marker-style': 'off' } };
    await client.changeConfiguration(null);
    const p = await client.diagnostics(URI, 1);
    assert.deepStrictEqual(codesAndSeverities(p), [['numbering-duplicate', 1], ['numbering-gap', 1]]);
  });

  it('logs invalid entries by name and ignores only them', async () => {
    client.configuration = { rules: { 'no-such-rule': 'off', 'numbering-gap': 'loud', 'numbering-duplicate': 'info' } };
    await client.changeConfiguration(null);
    const p = await client.diagnostics(URI, 1);
    assert.deepStrictEqual(codesAndSeverities(p), [['numbering-duplicate', 3], ['marker-style', 2], ['numbering-gap', 1]]);
    const warnings = client.logs.filter((l) => l.type === 2).map((l) => l.message);
    assert.ok(warnings.some((m) => m.includes('"no-such-rule"')), warnings.join('\n'));
    assert.ok(warnings.some((m) => m.includes('"numbering-gap"') && m.includes('"loud"')), warnings.join('\n'));
  });
});

describe('LSP settings from initializationOptions (editors without workspace/configuration)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start(capabilities(), {
      initializationOptions: { rules: { 'numbering-duplicate': 'hint' }, catalogs: [], include: ['**/*.txt'] },
    });
  });
  after(async () => { await client.stop(); });

  it('applies initializationOptions.rules', async () => {
    await client.open(URI, DRAFT, 1);
    const p = await client.diagnostics(URI, 1);
    assert.deepStrictEqual(codesAndSeverities(p), [['numbering-duplicate', 4], ['marker-style', 2], ['numbering-gap', 1]]);
    assert.strictEqual(client.configurationRequests, 0);
  });

  it('leaves unrelated settings without effect (nothing re-published)', async () => {
    await client.changeConfiguration({ editor: { tabSize: 2 } });
    await client.flush();
    assert.deepStrictEqual(brief(client.pending(URI).flatMap((p) => p.diagnostics)), []);
  });

  it('applies settings pushed in didChangeConfiguration under "dieu"', async () => {
    await client.changeConfiguration({ dieu: { rules: { 'numbering-duplicate': 'off', 'numbering-gap': 'info' } } });
    const p = await client.diagnostics(URI, 1);
    assert.deepStrictEqual(codesAndSeverities(p), [['marker-style', 2], ['numbering-gap', 3]]);
  });

  it('keeps the initializationOptions for keys a pushed setting does not name', async () => {
    await client.changeConfiguration({ dieu: { include: [] } });
    const p = await client.diagnostics(URI, 1);
    assert.deepStrictEqual(codesAndSeverities(p), [['numbering-duplicate', 4], ['marker-style', 2], ['numbering-gap', 1]]);
  });
});
