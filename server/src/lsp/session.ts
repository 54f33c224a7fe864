/**
 * The language server's wiring: capabilities, settings, and one thin adapter per feature
 * (documents.ts, diagnostics.ts, symbols.ts, folding.ts, codeActions.ts). All analysis comes
 * from the core `Workspace`; nothing here parses or checks.
 */
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, type ClientCapabilities,
  type Connection, type Disposable, type InitializeParams, type InitializeResult, type ServerCapabilities,
} from 'vscode-languageserver/node';
import { Workspace } from '../core/workspace';
import { CatalogLoader } from './catalogs';
import { CODE_ACTION_KINDS, codeActions } from './codeActions';
import { layerSettings, readSettings, sameSettings, type Settings } from './config';
import { DiagnosticsService } from './diagnostics';
import { OpenDocuments } from './documents';
import { foldingRanges } from './folding';
import { describeError, guard, type Logger } from './guard';
import { DiskFiles } from './files';
import { documentSymbols, flattenSymbols } from './symbols';

/** Custom request: run pending diagnostics work now; answers once it is published. */
export const FLUSH_DIAGNOSTICS = 'dieu/flushDiagnostics';

/** What a feature adapter (hover.ts, definition.ts, …) gets to register its handlers. */
export interface FeatureContext {
  connection: Connection;
  ws: Workspace;
  docs: OpenDocuments;
  log: Logger;
  /** The client's capabilities (known once `initialize` has run, i.e. in every handler). */
  caps(): ClientCapabilities;
}

/**
 * One LSP feature, registered by server.ts: the capabilities it announces (given the
 * client's) and its handlers. Features added this way need no change to this file.
 */
export interface Feature {
  capabilities(caps: ClientCapabilities): ServerCapabilities;
  register(ctx: FeatureContext): void;
}

export interface SessionOptions {
  /** Feature adapters beyond the built-in ones (diagnostics, outline, folding, quick fixes). */
  features?: readonly Feature[];
  /** Debounce of pushed diagnostics (ms). */
  diagnosticsDelay?: number;
  /** How long diagnostics wait for the client's first configuration answer, the first
   * search of the workspace folders and the first load of the catalogs (ms). */
  startTimeout?: number;
  /** Path of the catalog shipped with dieu (`catalog/bundled.jsonl`); none when undefined. */
  bundledCatalog?: string;
}

/**
 * Settings in `initializationOptions`: `{rules, catalogs, include}` as such, or wrapped as
 * `{settings: {...}}` (what the dieu VS Code client sends) or `{dieu: {...}}`.
 */
function initializationSettings(o: unknown): unknown {
  if (!o || typeof o !== 'object') return o;
  const r = o as Record<string, unknown>;
  if (r.settings && typeof r.settings === 'object') return r.settings;
  if (r.dieu && typeof r.dieu === 'object') return r.dieu;
  return o;
}

export function startSession(connection: Connection, options: SessionOptions = {}): void {
  const log: Logger = connection.console;
  const ws = new Workspace();
  let caps: ClientCapabilities = {};
  let initSettings: Partial<Settings> = {};
  let settings: Settings = layerSettings();
  let diagnostics: DiagnosticsService | undefined;
  /** Resolves when diagnostics can start: settings read, workspace folders searched. */
  let ready: Promise<void> = Promise.resolve();
  let resolveReady: () => void = () => {};
  let initialized = false;
  let watcherRegistration: Promise<Disposable> | undefined;
  let folders: string[] = [];

  const files = new DiskFiles(ws, log, () => diagnostics?.externalChange());
  const catalogs = new CatalogLoader(ws, connection, log, options.bundledCatalog, () => diagnostics?.externalChange(),
    () => { if (initialized) void watchFiles(); });
  const docs = new OpenDocuments(ws, log, {
    opened: (uri) => files.opened(uri),
    changed: (uri) => diagnostics?.changed(uri),
    closed: (uri) => {
      // A draft of the workspace stays in it (read back from disk); any other file leaves.
      if (!files.closed(uri)) ws.delete(uri);
      diagnostics?.closed(uri);
    },
  });

  const supportsConfiguration = () => !!caps.workspace?.configuration;

  /** Asks the client to watch the draft globs and the catalog files (dynamic registration). */
  const watchFiles = async () => {
    if (!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    const old = watcherRegistration;
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type,
      { watchers: [...files.globs(), ...catalogs.watchGlobs()].map((globPattern) => ({ globPattern })) });
    (await old?.catch(() => undefined))?.dispose();
    await watcherRegistration.catch((e) => log.warn(`dieu: could not watch files: ${describeError(e)}`));
  };

  const apply = (next: Settings) => {
    const previous = settings;
    settings = next;
    ws.options = { ...ws.options, rules: next.rules };
    if (!sameSettings(previous, next)) diagnostics?.refreshAll();
    if (initialized && JSON.stringify(previous.include) !== JSON.stringify(next.include)) {
      void files.scan(next.include).then(watchFiles).catch((e) => log.error(`dieu: search of the workspace failed: ${describeError(e)}`));
    }
    // A changed `dieu.catalogs` loads the catalogs again (the loader skips an unchanged list).
    if (initialized) void catalogs.load(next.catalogs, folders);
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
    initSettings = readSettings(initializationSettings(params.initializationOptions), log, 'initializationOptions');
    apply(layerSettings(initSettings));
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    files.setFolders(folders);
    ready = new Promise<void>((resolve) => {
      resolveReady = resolve;
      // A client that never answers, or a huge folder, must not hold diagnostics back for ever.
      setTimeout(resolve, options.startTimeout ?? 5000).unref();
    });
    const pull = !!caps.textDocument?.diagnostic;
    diagnostics = new DiagnosticsService(connection, docs, ws, log, {
      mode: pull ? 'pull' : 'push',
      delay: options.diagnosticsDelay ?? 200,
      refreshSupport: !!caps.workspace?.diagnostics?.refreshSupport,
      ready: () => ready,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'dieu' },
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        ...(pull ? { diagnosticProvider: { identifier: 'dieu', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        ...Object.assign({}, ...(options.features ?? []).map((f) => f.capabilities(caps))) as ServerCapabilities,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dieu-language-server' },
    };
  }));

  connection.onInitialized(guard(log, 'initialized', undefined, async () => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: 'dieu' })
        .catch((e) => log.warn(`dieu: could not register for configuration changes: ${describeError(e)}`));
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(guard(log, 'didChangeWorkspaceFolders', undefined, async (e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        files.setFolders(folders);
        void catalogs.load(settings.catalogs, folders); // relative catalog paths are looked up in the folders
        await files.scan(settings.include);
      }));
    }
    try {
      if (supportsConfiguration()) await fetchConfiguration();
    } finally {
      initialized = true; // from now on, a change of dieu.include searches the folders again
    }
    // Catalogs load beside the search of the folders, after `initialize` has been answered;
    // the first diagnostics wait for both (bounded by startTimeout) rather than report every
    // cited document unknown and take it back a moment later.
    const catalogsLoaded = catalogs.load(settings.catalogs, folders);
    try {
      await watchFiles();
      await files.scan(settings.include);
    } finally {
      await catalogsLoaded;
      resolveReady();
    }
  }));

  connection.onDidChangeWatchedFiles(guard(log, 'didChangeWatchedFiles', undefined, (params) =>
    files.fileEvents(catalogs.fileEvents(params?.changes))));

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

  const context: FeatureContext = { connection, ws, docs, log, caps: () => caps };
  for (const f of options.features ?? []) f.register(context);

  connection.onShutdown(() => diagnostics?.dispose());

  docs.listen(connection);
}
