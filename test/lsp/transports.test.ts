/**
 * The server runs on every transport vscode-languageserver offers: `--stdio` (most editors),
 * `--node-ipc` (the VS Code client's TransportKind.ipc), `--pipe`, `--socket`; without one it
 * says how to call it instead of dying with a stack trace.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { brief, capabilities, SERVER, TestClient, type StartOptions } from './harness';

const DRAFT = 'Điều 1. Phạm vi\n\nĐiều 3. Đối tượng\n';

describe('LSP transports', () => {
  for (const transport of ['stdio', 'node-ipc', 'pipe', 'socket'] as Array<NonNullable<StartOptions['transport']>>) {
    it(`serves diagnostics over --${transport}`, async () => {
      const client = await TestClient.start(capabilities(), { transport });
      try {
        assert.strictEqual(client.result.serverInfo?.name, 'dieu-language-server');
        const uri = `file:///drafts/${transport}.vbpl`;
        await client.open(uri, DRAFT, 1);
        assert.deepStrictEqual(brief((await client.diagnostics(uri, 1)).diagnostics), ['numbering-gap@2:0-2:6']);
      } finally {
        await client.stop();
      }
      assert.strictEqual(client.exited, 0);
    });
  }

  it('prints its usage and exits 2 without a transport', () => {
    const r = spawnSync(process.execPath, [SERVER], { encoding: 'utf8' });
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(r.stderr, 'usage: dieu-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n');
  });
});
