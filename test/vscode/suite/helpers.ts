/**
 * Helpers for the real-VS-Code suite: the extension, drafts of the test workspace, waiting on
 * events (never on sleeps), and the runner's loopback endpoint for what a person sees.
 *
 * Adding a test: a `describe` in a new `*.test.ts` here; call `dieu()` in `before`, open drafts
 * with `openDraft`/`copyDraft`, and wait for the server with `waitForDiagnostics` or
 * `api.ready()`. Tests tagged `@smoke` in their title also run against the installed .vsix.
 */
import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dieu-vn.dieu';

export interface DieuApi {
  readonly client: unknown;
  ready(): Promise<void>;
  status(): { text: string; tooltip: string; visible: boolean };
  readonly onDidChangeStatus: vscode.Event<void>;
}

/** Resolves once the status bar item satisfies `pred` (checked now and on each change). */
export function waitForStatus(api: DieuApi, pred: (s: ReturnType<DieuApi['status']>) => boolean, what: string, timeoutMs = 15000): Promise<ReturnType<DieuApi['status']>> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const s = api.status();
      if (!pred(s)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(s);
    };
    const sub = api.onDidChangeStatus(check);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for the status bar item to ${what}; it is ${JSON.stringify(api.status())}`));
    }, timeoutMs);
    check();
  });
}

/** The extension, activated; fails clearly when VS Code did not load it (e.g. engines too new). */
export async function dieu(): Promise<{ ext: vscode.Extension<DieuApi>; api: DieuApi }> {
  const ext = vscode.extensions.getExtension<DieuApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (known: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ') || 'none'})`);
  const api = await ext.activate();
  try {
    await api.ready();
  } catch (err) {
    throw new Error(`the extension activated, but the dieu language server did not start (its log follows the run): ${String(err)}`);
  }
  return { ext, api };
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is not open');
  return folder.uri;
}

export function draftUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

export async function openDraft(name: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(draftUri(name));
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

let copies = 0;
const copied: vscode.Uri[] = [];
/**
 * A fresh copy of a workspace draft, so that a test that edits it leaves the others alone.
 * Call `removeCopies()` in an `after`/`afterEach` hook.
 */
export async function copyDraft(name: string, show = true): Promise<vscode.TextDocument> {
  const dot = name.indexOf('.');
  const copy = `${name.slice(0, dot)}-copy${++copies}${name.slice(dot)}`;
  await vscode.workspace.fs.copy(draftUri(name), draftUri(copy), { overwrite: true });
  copied.push(draftUri(copy));
  return openDraft(copy, show);
}

/** Closes the copies' editors (discarding edits) and deletes the files. */
export async function removeCopies(): Promise<void> {
  const gone = new Set(copied.splice(0).map((u) => u.toString()));
  if (gone.size === 0) return;
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && gone.has(t.input.uri.toString()));
  for (const t of tabs) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === (t.input as vscode.TabInputText).uri.toString());
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  const left = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && gone.has(t.input.uri.toString()));
  if (left.length) await vscode.window.tabGroups.close(left);
  for (const u of gone) await vscode.workspace.fs.delete(vscode.Uri.parse(u), { useTrash: false });
}

/** 0-based line of the first line that starts with `prefix` (after the first `from` lines). */
export function lineOf(doc: vscode.TextDocument, prefix: string, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(prefix)) return i;
  assert.fail(`no line starting with ${JSON.stringify(prefix)} in ${doc.uri.path}`);
}

export function dieuDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dieu');
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${codeOf(d)} [${d.source}] ${d.message}`).join('\n  ');
}

/**
 * Resolves with the document's dieu diagnostics as soon as `pred` holds — checked now and on
 * every `languages.onDidChangeDiagnostics` for the URI; rejects after `timeoutMs` with what
 * was there.
 */
export function waitForDiagnostics(
  uri: vscode.Uri, pred: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const check = (): boolean => {
      const ds = dieuDiagnostics(uri);
      if (!pred(ds)) return false;
      done();
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path}; dieu diagnostics now:\n  ${describeDiagnostics(dieuDiagnostics(uri))}`));
    }, timeoutMs);
    function done(): void {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** Waits for a diagnostic with `code` on `line` (0-based). */
export async function waitForCode(uri: vscode.Uri, code: string, line: number): Promise<vscode.Diagnostic> {
  const ds = await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === code && d.range.start.line === line),
    `${code} on line ${line + 1}`);
  return ds.find((d) => codeOf(d) === code && d.range.start.line === line)!;
}

/** Flattens DocumentSymbol trees (or SymbolInformation lists) into names. */
export function symbolNames(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined): string[] {
  const out: string[] = [];
  const walk = (s: vscode.DocumentSymbol | vscode.SymbolInformation): void => {
    out.push(s.name);
    if ('children' in s) for (const c of s.children ?? []) walk(c);
  };
  for (const s of symbols ?? []) walk(s);
  return out;
}

/** The runner's endpoint (DIEU_VSCODE_UI), or undefined when the runner has none (electron.js). */
export const UI_URL = process.env.DIEU_VSCODE_UI;

export interface UiRequest {
  /** `frameText`: like `text`, inside any frame (a webview's content). */
  action: 'text' | 'screenshot' | 'press' | 'frameText';
  selector?: string;
  contains?: string;
  name?: string;
  key?: string;
  timeout?: number;
}

/** Asks the runner to read the DOM or take a screenshot, while the workbench is still alive. */
export function ui(req: UiRequest): Promise<{ text?: string; path?: string }> {
  assert.ok(UI_URL, 'no DIEU_VSCODE_UI endpoint');
  const body = JSON.stringify(req);
  return new Promise((resolve, reject) => {
    const r = http.request(`${UI_URL}/`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { data += c; });
      res.on('end', () => {
        try {
          const json = JSON.parse(data) as { error?: string; text?: string; path?: string };
          if (res.statusCode !== 200) reject(new Error(`ui ${req.action} ${req.selector ?? ''}: ${json.error ?? res.statusCode}`));
          else resolve(json);
        } catch (err) {
          reject(err);
        }
      });
    });
    r.on('error', reject);
    r.end(body);
  });
}
