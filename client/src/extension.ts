/**
 * The VS Code extension: starts the dieu language server (dist/server.js) and adds what only
 * an editor has — commands, a status bar item, the responsibility matrix view. All analysis lives in the server; this file
 * only wires it up (DESIGN.md §5–6).
 */
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { includeGlobs, ServerConnection } from './connection';
import { lintWorkspace } from './lint';
import { EXPORT_RESPONSIBILITIES, ResponsibilityView, SHOW_RESPONSIBILITIES } from './responsibilities';
import { StatusItem } from './status';

/** What `activate` returns (`extensions.getExtension('dieu-vn.dieu').exports`); the tests use it. */
export interface DieuApi {
  /** The running client, once started (undefined while restarting). */
  readonly client: LanguageClient | undefined;
  /** Resolves when the current client has started (after activation or a restart). */
  ready(): Promise<void>;
  /** The status bar item's current text and tooltip. */
  status(): { text: string; tooltip: string; visible: boolean };
  /** Fires when the status bar item changes. */
  readonly onDidChangeStatus: vscode.Event<void>;
}

let connection: ServerConnection | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DieuApi> {
  const output = vscode.window.createOutputChannel('dieu');
  context.subscriptions.push(output);

  connection = new ServerConnection(context, output);
  context.subscriptions.push(connection);

  const status = new StatusItem(() => connection?.selector ?? []);
  context.subscriptions.push(status);

  const responsibilities = new ResponsibilityView(() => connection?.client, () => connection?.ready() ?? Promise.resolve(), output);
  context.subscriptions.push(responsibilities);

  context.subscriptions.push(
    vscode.commands.registerCommand('dieu.restartServer', async () => {
      await connection?.restart('command');
      vscode.window.setStatusBarMessage('dieu: đã khởi động lại máy chủ (server restarted)', 3000);
    }),
    vscode.commands.registerCommand('dieu.lintWorkspace', () => lintWorkspace(output)),
    vscode.commands.registerCommand(SHOW_RESPONSIBILITIES, () => responsibilities.show()),
    vscode.commands.registerCommand(EXPORT_RESPONSIBILITIES, async (format?: unknown) => {
      const chosen = format === 'csv' || format === 'markdown' ? format
        : (await vscode.window.showQuickPick([{ label: 'CSV', format: 'csv' as const }, { label: 'Markdown', format: 'markdown' as const }],
          { placeHolder: 'Xuất ma trận trách nhiệm dưới dạng (export the responsibility matrix as)' }))?.format;
      return chosen ? responsibilities.export(chosen) : undefined;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector is fixed when a client starts: a new `dieu.include` needs a new client.
      if (e.affectsConfiguration('dieu.include')) void connection?.restart('dieu.include changed');
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      // Relative dieu.include globs are anchored in the workspace folders.
      if (includeGlobs().some((g) => !g.startsWith('**/') && !g.startsWith('/'))) void connection?.restart('workspace folders changed');
    }),
  );

  // Activation must not fail because the server could not start: the error is in the output
  // channel and the client keeps trying (restart command).
  connection.start().catch((err) => output.appendLine(`[dieu] could not start the server: ${String(err)}`));

  return {
    get client() { return connection?.client; },
    ready: () => connection?.ready() ?? Promise.resolve(),
    status: () => status.snapshot(),
    onDidChangeStatus: status.onDidChange,
  };
}

export async function deactivate(): Promise<void> {
  await connection?.stop();
  connection = undefined;
}
