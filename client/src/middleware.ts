/**
 * Language client middleware: what crosses the protocol as plain JSON but a VS Code command
 * wants as objects.
 *
 * - Code lens “được viện dẫn N lần”: the server names `editor.action.showReferences` with
 *   arguments `[uri, position, locations]` as JSON (any LSP client can show the title); VS
 *   Code's command needs a `Uri`, a `Position` and `Location`s, so they are converted here.
 * - `dieu.renumber` (the server's command, which the client registers as a VS Code command):
 *   run from the command palette it has no argument; the active editor's document, cursor
 *   and version are filled in, and what was done is said in the status bar.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const SHOW_REFERENCES = 'editor.action.showReferences';
export const RENUMBER = 'dieu.renumber';

interface JsonPosition { line: number; character: number }
interface JsonRange { start: JsonPosition; end: JsonPosition }

function isPosition(p: unknown): p is JsonPosition {
  return !!p && typeof (p as JsonPosition).line === 'number' && typeof (p as JsonPosition).character === 'number';
}

function isRange(r: unknown): r is JsonRange {
  return !!r && isPosition((r as JsonRange).start) && isPosition((r as JsonRange).end);
}

function toPosition(p: JsonPosition | vscode.Position): vscode.Position {
  return p instanceof vscode.Position ? p : new vscode.Position(p.line, p.character);
}

function toUri(u: unknown): vscode.Uri | undefined {
  if (u instanceof vscode.Uri) return u;
  if (typeof u !== 'string') return undefined;
  try { return vscode.Uri.parse(u, true); } catch { return undefined; }
}

function toLocation(l: unknown): vscode.Location | undefined {
  if (l instanceof vscode.Location) return l;
  const o = l as { uri?: unknown; range?: unknown } | undefined;
  const uri = toUri(o?.uri);
  if (!uri || !isRange(o?.range)) return undefined;
  return new vscode.Location(uri, new vscode.Range(toPosition(o!.range.start), toPosition(o!.range.end)));
}

/**
 * `editor.action.showReferences` arguments as VS Code wants them; anything else unchanged.
 * Exported for the tests.
 */
export function convertLensCommand(command: vscode.Command | undefined): vscode.Command | undefined {
  if (!command || command.command !== SHOW_REFERENCES || !Array.isArray(command.arguments)) return command;
  const [uri, position, locations] = command.arguments as unknown[];
  const u = toUri(uri);
  if (!u || !(position instanceof vscode.Position || isPosition(position)) || !Array.isArray(locations)) return command;
  const locs = locations.map(toLocation).filter((l): l is vscode.Location => !!l);
  return { ...command, arguments: [u, toPosition(position), locs] };
}

function convertLens(lens: vscode.CodeLens): vscode.CodeLens {
  const command = convertLensCommand(lens.command);
  if (command !== lens.command) lens.command = command;
  return lens;
}

/** `{uri, position, version}` of the active editor, for `dieu.renumber` run without arguments. */
function renumberArgs(): unknown[] | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  const p = editor.selection.active;
  return [{ uri: doc.uri.toString(), position: { line: p.line, character: p.character }, version: doc.version }];
}

export function middleware(): Middleware {
  return {
    provideCodeLenses: async (document, token, next) => {
      const lenses = await next(document, token);
      return lenses?.map(convertLens);
    },
    resolveCodeLens: async (lens, token, next) => {
      const resolved = await next(lens, token);
      return resolved ? convertLens(resolved) : resolved;
    },
    executeCommand: async (command, args, next) => {
      if (command !== RENUMBER) return next(command, args);
      const filled = args.length ? args : renumberArgs();
      if (!filled) {
        void vscode.window.showWarningMessage('dieu: hãy mở một dự thảo để đánh số lại (open a draft to renumber)');
        return undefined;
      }
      const result = await next(command, filled) as { applied?: boolean; title?: string } | undefined;
      if (result?.applied && result.title) vscode.window.setStatusBarMessage(`dieu: ${result.title}`, 5000);
      return result;
    },
  };
}
