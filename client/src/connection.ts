/**
 * The language client's life cycle: start, stop, restart (one at a time), and the document
 * selector built from the `vbpl` language plus the `dieu.include` globs.
 */
import * as vscode from 'vscode';
import {
  type DocumentSelector, LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind,
} from 'vscode-languageclient/node';
import { middleware } from './middleware';

export const LANGUAGE_ID = 'vbpl';

/** The `dieu.include` setting, cleaned: non-empty strings only. */
export function includeGlobs(): string[] {
  const raw = vscode.workspace.getConfiguration('dieu').get<unknown>('include');
  return Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}

// A glob of `dieu.include` as VS Code matches it: globs starting with `**/` and absolute ones
// apply to any path; others (`drafts/*.txt`) are relative to each workspace folder, as in
// the CLI's config.
export function includePatterns(glob: string): vscode.GlobPattern[] {
  if (glob.startsWith('**/') || glob.startsWith('/')) return [glob];
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.length ? folders.map((f) => new vscode.RelativePattern(f, glob)) : [`**/${glob}`];
}

export function documentSelector(include: readonly string[]): DocumentSelector {
  return [
    { language: LANGUAGE_ID, scheme: 'file' },
    { language: LANGUAGE_ID, scheme: 'untitled' },
    ...include.flatMap(includePatterns).map((pattern) => ({ scheme: 'file', pattern })),
  ] as DocumentSelector;
}

/** The `dieu.*` settings as plain JSON (what the server also receives on configuration changes). */
export function currentSettings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('dieu');
  return { rules: c.get('rules') ?? {}, catalogs: c.get('catalogs') ?? [], include: includeGlobs() };
}

export class ServerConnection implements vscode.Disposable {
  client: LanguageClient | undefined;
  selector: DocumentSelector = documentSelector([]);
  /** Start/stop/restart run one after another, never interleaved. */
  private queue: Promise<unknown> = Promise.resolve();
  private started: Promise<void> = Promise.resolve();
  private watchers: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.OutputChannel) {}

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(why: string): Promise<void> {
    return this.enqueue(async () => {
      this.output.appendLine(`[dieu] restarting the language server (${why})`);
      await this.doStop();
      await this.doStart();
    });
  }

  /** Resolves once the latest start has finished (successfully or not). */
  async ready(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.started;
  }

  dispose(): void {
    void this.stop();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.catch(() => undefined).then(task);
    this.queue = next;
    return next;
  }

  private async doStart(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const include = includeGlobs();
    this.selector = documentSelector(include);
    const fileGlobs: vscode.GlobPattern[] = ['**/*.vbpl', '**/*.vbpl.md', ...include.flatMap(includePatterns)];
    this.watchers = fileGlobs.map((g) => vscode.workspace.createFileSystemWatcher(g));
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.selector,
      outputChannel: this.output,
      synchronize: {
        configurationSection: 'dieu',
        fileEvents: this.watchers as vscode.FileSystemWatcher[],
      },
      initializationOptions: { settings: currentSettings() },
      diagnosticCollectionName: 'dieu',
      // Code lens arguments to VS Code objects; dieu.renumber from the palette.
      middleware: middleware(),
    };
    // The id `dieu` makes the client read `dieu.trace.server`.
    const client = new LanguageClient('dieu', 'dieu', serverOptions, clientOptions);
    this.client = client;
    this.started = client.start();
    await this.started;
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    if (!client) return;
    try {
      await client.dispose(3000);
    } catch (err) {
      this.output.appendLine(`[dieu] stopping the server: ${String(err)}`);
    }
  }
}
