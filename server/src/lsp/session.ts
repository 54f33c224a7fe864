/**
 * The language server's wiring: capabilities, settings, and one thin adapter per feature
 * (documents.ts, diagnostics.ts, symbols.ts, folding.ts, codeActions.ts). All analysis comes
 * from the core `Workspace`; nothing here parses or checks.
 */
import {
  DidChangeConfigurationNotification, TextDocumentSyncKind, type ClientCapabilities, type Connection,
  type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { Workspace } from '../core/workspace';
import { CODE_ACTION_KINDS, codeActions } from './codeActions';
import { layerSettings, readSettings, sameSettings, type Settings } from './config';
import { DiagnosticsService } from './diagnostics';
import { OpenDocuments } from './documents';
import { foldingRanges } from './folding';
import { describeError, guard, type Logger } from './guard';
import { documentSymbols, flattenSymbols } from './symbols';

/** Custom request: run pending diagnostics work now; answers once it is published. */
export const FLUSH_DIAGNOSTICS = 'dieu/flushDiagnostics';

export interface SessionOptions {
  /** Debounce of pushed diagnostics (ms). */
  diagnosticsDelay?: number;
  /** How long diagnostics wait for the client's first configuration answer (ms). */
  configTimeout?: number;
}

export function startSession(connection: Connection, options: SessionOptions = {}): void {
  const log: Logger = connection.console;
  const ws = new Workspace();
  let caps: ClientCapabilities = {};
  let initSettings: Partial<Settings> = {};
  let settings: Settings = layerSettings();
  let diagnostics: DiagnosticsService | undefined;
  let configReady: Promise<void> = Promise.resolve();
  let resolveConfig: () => void = () => {};

  const docs = new OpenDocuments(ws, log, {
    changed: (uri) => diagnostics?.changed(uri),
    closed: (uri) => diagnostics?.closed(uri),
  });

  const supportsConfiguration = () => !!caps.workspace?.configuration;

  const apply = (next: Settings) => {
    const changed = !sameSettings(settings, next);
    settings = next;
    ws.options = { ...ws.options, rules: next.rules };
    if (changed) diagnostics?.refreshAll();
  };

  const fetchConfiguration = async () => {
    try {
      const raw: unknown = await connection.workspace.getConfiguration('dieu');
      apply(layerSettings(initSettings, readSettings(raw, log, 'workspace/configuration')));
    } catch (e) {
      log.warn(`dieu: could not read the configuration: ${describeError(e)}`);
    }
  };

  connection.onInitialize(guard(log, 'initialize', { capabilities: {} } as InitializeResult, (params: InitializeParams): InitializeResult => {
    caps = params.capabilities ?? {};
    initSettings = readSettings(params.initializationOptions, log, 'initializationOptions');
    apply(layerSettings(initSettings));
    if (supportsConfiguration()) {
      configReady = new Promise<void>((resolve) => {
        resolveConfig = resolve;
        // A client that never answers must not hold diagnostics back for ever.
        setTimeout(resolve, options.configTimeout ?? 3000).unref();
      });
    }
    const pull = !!caps.textDocument?.diagnostic;
    diagnostics = new DiagnosticsService(connection, docs, ws, log, {
      mode: pull ? 'pull' : 'push',
      delay: options.diagnosticsDelay ?? 200,
      refreshSupport: !!caps.workspace?.diagnostics?.refreshSupport,
      ready: () => configReady,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'dieu' },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        ...(pull ? { diagnosticProvider: { identifier: 'dieu', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'dieu-language-server' },
    };
  }));

  connection.onInitialized(guard(log, 'initialized', undefined, async () => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'dieu' })
        .catch((e) => log.warn(`dieu: could not register for configuration changes: ${describeError(e)}`));
    }
    if (supportsConfiguration()) {
      await fetchConfiguration();
      resolveConfig();
    }
  }));

  connection.onDidChangeConfiguration(guard(log, 'didChangeConfiguration', undefined, async (params) => {
    if (supportsConfiguration()) {
      await fetchConfiguration();
      return;
    }
    // Push-style clients send the settings themselves, under `dieu` or as the object itself.
    const raw = params?.settings as Record<string, unknown> | null | undefined;
    const section = raw && typeof raw === 'object' && 'dieu' in raw ? raw.dieu : raw;
    apply(layerSettings(initSettings, readSettings(section, log, 'didChangeConfiguration')));
  }));

  connection.languages.diagnostics.on(guard(log, 'textDocument/diagnostic', { kind: 'full', items: [] }, (params, token) =>
    diagnostics && diagnostics.mode === 'pull' ? diagnostics.pull(params, token) : { kind: 'full', items: [] }));

  connection.onRequest(FLUSH_DIAGNOSTICS, guard(log, FLUSH_DIAGNOSTICS, null, async () => {
    await diagnostics?.flush();
    return null;
  }));

  connection.onDocumentSymbol(guard(log, 'documentSymbol', null, (params) => {
    const uri = params?.textDocument?.uri;
    const p = docs.get(uri) ? ws.parsed(uri) : undefined;
    if (!p) return null;
    const symbols = documentSymbols(p);
    return caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flattenSymbols(uri, symbols);
  }));

  connection.onFoldingRanges(guard(log, 'foldingRange', null, (params) => {
    const uri = params?.textDocument?.uri;
    const p = docs.get(uri) ? ws.parsed(uri) : undefined;
    if (!p) return null;
    return foldingRanges(p, caps.textDocument?.foldingRange?.rangeLimit);
  }));

  connection.onCodeAction(guard(log, 'codeAction', [], (params) =>
    codeActions(params, { ws, docs, documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges })));

  connection.onShutdown(() => diagnostics?.dispose());

  docs.listen(connection);
}
