/**
 * A minimal LSP client for protocol tests: spawns `node dist/server.js --stdio` (the bundle
 * an editor runs; or `--node-ipc`, `--pipe`, `--socket`) and talks JSON-RPC to it. Notifications are recorded as they arrive, so a
 * test waits for the one it expects (`diagnostics(uri, version)`) without ever sleeping.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import {
  createProtocolConnection, DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification,
  InitializeRequest, IPCMessageReader, IPCMessageWriter, LogMessageNotification, PublishDiagnosticsNotification,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter, createClientPipeTransport, createClientSocketTransport,
  generateRandomPipeName, type ClientCapabilities, type MessageReader, type MessageWriter, type InitializeResult, type LogMessageParams, type ProtocolConnection,
  type PublishDiagnosticsParams, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

/** What VS Code 1.100 announces, minus what does not matter here. */
export function capabilities(opts: { pull?: boolean; configuration?: boolean; refresh?: boolean; watch?: boolean } = {}): ClientCapabilities {
  return {
    workspace: {
      workspaceFolders: true,
      ...(opts.watch ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
      configuration: opts.configuration ?? false,
      didChangeConfiguration: { dynamicRegistration: opts.configuration ?? false },
      workspaceEdit: { documentChanges: true },
      ...(opts.refresh ? { diagnostics: { refreshSupport: true } } : {}),
    },
    textDocument: {
      synchronization: { didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, dataSupport: true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      foldingRange: { lineFoldingOnly: true },
      codeAction: { dataSupport: true, isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } } },
      ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
  };
}

export interface StartOptions {
  initializationOptions?: unknown;
  /** Answer to `workspace/configuration` from the start. */
  configuration?: unknown;
  /** Folder URIs of the workspace. */
  workspaceFolders?: string[];
  env?: NodeJS.ProcessEnv;
  /** How the server is reached (default `stdio`; VS Code's client uses `node-ipc`). */
  transport?: 'stdio' | 'node-ipc' | 'pipe' | 'socket';
}

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns the server on `transport`; resolves once the two ends can talk. */
async function connect(transport: NonNullable<StartOptions['transport']>, env: NodeJS.ProcessEnv): Promise<[ChildProcess, MessageReader, MessageWriter]> {
  const run = (arg: string, stdio: Array<'pipe' | 'ipc'>) => spawn(process.execPath, [SERVER, arg], { env: { ...process.env, ...env }, stdio });
  switch (transport) {
    case 'stdio': {
      const child = run('--stdio', ['pipe', 'pipe', 'pipe']);
      return [child, new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)];
    }
    case 'node-ipc': {
      const child = run('--node-ipc', ['pipe', 'pipe', 'pipe', 'ipc']);
      return [child, new IPCMessageReader(child), new IPCMessageWriter(child)];
    }
    case 'pipe': {
      const name = generateRandomPipeName();
      const t = await createClientPipeTransport(name);
      const child = run(`--pipe=${name}`, ['pipe', 'pipe', 'pipe']);
      const [reader, writer] = await t.onConnected();
      return [child, reader, writer];
    }
    case 'socket': {
      const port = await freePort();
      const t = await createClientSocketTransport(port);
      const child = run(`--socket=${port}`, ['pipe', 'pipe', 'pipe']);
      const [reader, writer] = await t.onConnected();
      return [child, reader, writer];
    }
  }
}

interface Waiter { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** `window/showMessage` notifications and `window/showMessageRequest`s (answered with no choice), in order. */
  readonly shownMessages: Array<{ type: number; message: string }> = [];
  /** Answer to `workspace/configuration` for section `dieu`. */
  configuration: unknown = null;
  configurationRequests = 0;
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  refreshRequests = 0;
  stderr = '';
  exited: number | null | undefined;
  result!: InitializeResult;
  /** uri → index in `published` after the last notification returned by `diagnostics()`. */
  private readonly consumed = new Map<string, number>();
  private waiters: Waiter[] = [];
  private refreshWaiters: Array<() => void> = [];

  private constructor(readonly child: ChildProcess, readonly conn: ProtocolConnection) {}

  static async start(caps: ClientCapabilities, opts: StartOptions = {}): Promise<TestClient> {
    const [child, reader, writer] = await connect(opts.transport ?? 'stdio', opts.env ?? {});
    const conn = createProtocolConnection(reader, writer);
    const c = new TestClient(child, conn);
    if (opts.configuration !== undefined) c.configuration = opts.configuration;
    child.stderr?.on('data', (d: Buffer) => { c.stderr += d.toString(); });
    child.on('exit', (code) => { c.exited = code; });
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => { c.published.push(p); c.wake(); });
    conn.onNotification(LogMessageNotification.type, (p) => { c.logs.push(p); });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => { c.shownMessages.push({ type: p.type, message: p.message }); });
    conn.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
      c.configurationRequests++;
      return params.items.map((i) => (i.section === 'dieu' ? c.configuration : null));
    });
    conn.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      c.registrations.push(...p.registrations.map((r) => ({ method: r.method, registerOptions: r.registerOptions })));
      return null;
    });
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      c.shownMessages.push({ type: p.type, message: p.message });
      return null;
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      c.refreshRequests++;
      const ws = c.refreshWaiters;
      c.refreshWaiters = [];
      ws.forEach((w) => w());
      return null;
    });
    conn.listen();
    c.result = await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, capabilities: caps, initializationOptions: opts.initializationOptions,
      workspaceFolders: opts.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return c;
  }

  get alive(): boolean { return this.exited === undefined; }

  async open(uri: string, text: string, version = 1, languageId = 'vbpl'): Promise<void> {
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async watchedFiles(changes: Array<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    await this.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** Runs the server's pending diagnostics work now; answers after it is published. */
  flush(): Promise<null> {
    return this.request('dieu/flushDiagnostics', null);
  }

  /**
   * The next `publishDiagnostics` for `uri` (with `version`, when given) not yet returned by an
   * earlier call; notifications for `uri` before it are skipped.
   */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => {
      this.waiters.push({ uri, version, resolve });
      this.wake();
    });
  }

  /** Notifications for `uri` received and not yet consumed by `diagnostics()`. */
  pending(uri: string): PublishDiagnosticsParams[] {
    return this.published.slice(this.consumed.get(uri) ?? 0).filter((p) => p.uri === uri);
  }

  nextRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  private wake(): void {
    for (const w of [...this.waiters]) {
      for (let i = this.consumed.get(w.uri) ?? 0; i < this.published.length; i++) {
        const p = this.published[i];
        if (p.uri !== w.uri || (w.version !== undefined && p.version !== w.version)) continue;
        this.consumed.set(w.uri, i + 1);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(p);
        break;
      }
    }
  }

  async stop(): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
      try {
        await this.conn.sendRequest(ShutdownRequest.type);
        await this.conn.sendNotification(ExitNotification.type);
      } catch { /* already gone */ }
      const timer = setTimeout(() => this.child.kill(), 2000);
      await exited;
      clearTimeout(timer);
    }
    this.conn.dispose();
  }
}

/** Codes and ranges of diagnostics, compactly: `numbering-gap@17:0-17:7`. */
export function brief(diags: Array<{ code?: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>): string[] {
  return diags.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

/**
 * What a rich editor (VS Code) announces for the citation features on top of `capabilities()`:
 * Markdown hovers and completion docs, definition links, snippets, semantic tokens. With
 * `rich: false`, a plain client: plain text, `Location`s, no snippets.
 */
export function editorCapabilities(opts: Parameters<typeof capabilities>[0] = {}, rich = true): ClientCapabilities {
  const base = capabilities(opts);
  return {
    ...base,
    textDocument: {
      ...base.textDocument,
      hover: { contentFormat: rich ? ['markdown', 'plaintext'] : ['plaintext'] },
      definition: { linkSupport: rich },
      references: {},
      codeLens: {},
      documentLink: { tooltipSupport: rich },
      completion: { completionItem: { snippetSupport: rich, documentationFormat: rich ? ['markdown', 'plaintext'] : ['plaintext'] } },
      semanticTokens: {
        requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'],
        overlappingTokenSupport: false, multilineTokenSupport: false,
      },
    },
  };
}

/** The position of the `nth` (0-based) occurrence of `needle` on line `line` of `lines`, moved `delta` characters. */
export function positionOf(lines: readonly string[], line: number, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = lines[line].indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not on line ${line}: ${lines[line]}`);
  return { line, character: at + delta };
}

/** `line:character-line:character` of a range, compactly. */
export function span(r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
