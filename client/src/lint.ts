/**
 * `dieu.lintWorkspace`: opens every draft of the workspace (*.vbpl, *.vbpl.md and the
 * `dieu.include` globs) so that the server checks it and its diagnostics appear in the
 * Problems panel. Opening is enough: the language client sends each document to the server.
 */
import * as vscode from 'vscode';
import { includeGlobs } from './connection';

const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_FILES = 2000;

export async function lintWorkspace(output: vscode.OutputChannel): Promise<number> {
  const patterns = ['**/*.vbpl', '**/*.vbpl.md', ...includeGlobs()];
  const found = await Promise.all(patterns.map((p) => vscode.workspace.findFiles(p, EXCLUDE, MAX_FILES)));
  const uris = new Map<string, vscode.Uri>();
  for (const list of found) for (const u of list) uris.set(u.toString(), u);
  let opened = 0;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'dieu: đang kiểm tra (linting)…' },
    async (progress) => {
      for (const uri of uris.values()) {
        try {
          await vscode.workspace.openTextDocument(uri);
          opened++;
        } catch (err) {
          output.appendLine(`[dieu] cannot open ${uri.fsPath}: ${String(err)}`);
        }
        progress.report({ message: `${opened}/${uris.size}` });
      }
    },
  );
  output.appendLine(`[dieu] lintWorkspace: ${opened} file(s) sent to the server`);
  vscode.window.setStatusBarMessage(`dieu: đã kiểm tra ${opened} tệp (${opened} file(s) checked)`, 5000);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  return opened;
}
