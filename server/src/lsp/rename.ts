/**
 * Rename and renumber (DESIGN.md §5): the LSP face of `core/renumber.ts`.
 *
 * - `textDocument/prepareRename` on a unit's marker (`Điều 6`, `3.`, `b)`) or on a number
 *   inside a citation: the number's range and text. Anything else: null (nothing to rename);
 *   a marker that cannot be renamed (a Chương, a khoản outside any Điều): an error saying why.
 * - `textDocument/rename`: the unit gets the typed number (`7`, `Điều 7`, `15a`, `b)`); its
 *   following siblings shift by the same step when they would otherwise collide or run
 *   backwards; every citation in the workspace that names a moved unit is rewritten. One
 *   WorkspaceEdit across files — `documentChanges` with versions when the client takes them.
 *   A refused plan is an error response with the reason and where (nothing is edited).
 * - `workspace/executeCommand` `dieu.renumber` with one argument `{uri, position?, version?,
 *   scope?, suffixes?}`: renumbers every sequence of the document 1..n (Điều across the
 *   document, khoản per Điều, điểm per khoản) and applies it with `workspace/applyEdit`.
 *   `position` (the cursor) marks the unit the drafter just inserted when its number is
 *   written twice; `version` refuses if the document changed since; `scope: "dieu"` renumbers
 *   the Điều only; `suffixes: "number"` gives `Điều 15a` a plain number (default: kept).
 *   Answers `{applied, title?, edits?, refusal?}`; a refusal is also shown to the user.
 */
import {
  LSPErrorCodes, MessageType, ResponseError, ShowMessageNotification, type ClientCapabilities, type Connection,
  type OptionalVersionedTextDocumentIdentifier, type PrepareRenameParams, type Range, type RenameParams, type ServerCapabilities,
  type TextDocumentEdit, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import {
  isPlanCurrent, planRename, planRenumber, renameSiteAt, staleRefusal, type RenumberPlan, type RenumberRefusal,
} from '../core/renumber';
import type { Workspace } from '../core/workspace';
import type { OpenDocuments } from './documents';
import { guard, type Logger } from './guard';

export const RENUMBER_COMMAND = 'dieu.renumber';

export interface RenumberArgs {
  uri: string;
  position?: { line: number; character: number };
  version?: number;
  scope?: 'all' | 'dieu';
  /** `keep` (default): `Điều 15a` stays between 15 and 16; `number`: it gets a plain number. */
  suffixes?: 'keep' | 'number';
}

export interface RenumberCommandResult {
  applied: boolean;
  title?: string;
  /** Text edits in the workspace edit (markers and citation numbers). */
  edits?: number;
  refusal?: { code: string; reason: string; uri?: string; range?: Range };
}

/** The plan as an LSP WorkspaceEdit: versioned `documentChanges` (open documents) when the client takes them. */
export function toWorkspaceEdit(plan: RenumberPlan, docs: OpenDocuments, documentChanges: boolean): WorkspaceEdit {
  const uris = Object.keys(plan.changes);
  if (!documentChanges) return { changes: Object.fromEntries(uris.map((u) => [u, plan.changes[u] as TextEdit[]])) };
  return {
    documentChanges: uris.map((uri): TextDocumentEdit => {
      const textDocument: OptionalVersionedTextDocumentIdentifier = { uri, version: docs.get(uri)?.version ?? null };
      return { textDocument, edits: plan.changes[uri] as TextEdit[] };
    }),
  };
}

/** `reason (file:line:col)` — where the refusal points, for a message box. */
export function describeRefusal(r: RenumberRefusal): string {
  const where = r.location ? ` (${r.location.uri}:${r.location.range.start.line + 1}:${r.location.range.start.character + 1})` : '';
  const more = r.more?.length ? ` (+${r.more.length} vấn đề khác / more)` : '';
  return `${r.reason}${where}${more}`;
}

function refused(r: RenumberRefusal): never {
  throw new ResponseError(LSPErrorCodes.RequestFailed, describeRefusal(r), { code: r.code, location: r.location });
}

/** The open documents' texts are what the workspace holds (they always are, unless mid-update). */
function inSync(ws: Workspace, docs: OpenDocuments, plan: RenumberPlan): boolean {
  if (!isPlanCurrent(ws, plan)) return false;
  for (const uri of Object.keys(plan.changes)) {
    const d = docs.get(uri);
    if (d && d.getText() !== ws.text(uri)) return false;
  }
  return true;
}

export function prepareRename(ws: Workspace, docs: OpenDocuments, params: PrepareRenameParams): { range: Range; placeholder: string } | null {
  const uri = params?.textDocument?.uri;
  const p = docs.get(uri) ? ws.parsed(uri) : undefined;
  if (!p || !params.position) return null;
  const site = renameSiteAt(ws, uri, p.source.offsetAt(params.position));
  if (!site) return null;
  if (!('unit' in site)) refused(site);
  return { range: site.range, placeholder: site.label };
}

export function rename(ws: Workspace, docs: OpenDocuments, params: RenameParams, documentChanges: boolean): WorkspaceEdit | null {
  const uri = params?.textDocument?.uri;
  const p = docs.get(uri) ? ws.parsed(uri) : undefined;
  if (!p || !params.position || typeof params.newName !== 'string') return null;
  const site = renameSiteAt(ws, uri, p.source.offsetAt(params.position));
  if (!site) return null;
  if (!('unit' in site)) refused(site);
  const plan = planRename(ws, site.unitUri, site.unit, params.newName, { shift: 'auto' });
  if (!plan.ok) refused(plan);
  if (!inSync(ws, docs, plan)) refused(staleRefusal());
  return toWorkspaceEdit(plan, docs, documentChanges);
}

function argsOf(raw: unknown): RenumberArgs | undefined {
  const a = (Array.isArray(raw) ? raw[0] : raw) as Partial<RenumberArgs> | string | undefined;
  if (typeof a === 'string') return { uri: a };
  if (!a || typeof a !== 'object' || typeof a.uri !== 'string') return undefined;
  return a as RenumberArgs;
}

/** Plans `dieu.renumber`; the edit to apply, or the refusal. */
export function renumberCommand(ws: Workspace, docs: OpenDocuments, rawArgs: unknown, documentChanges: boolean):
  { plan: RenumberPlan; edit: WorkspaceEdit } | { refusal: RenumberRefusal } {
  const args = argsOf(rawArgs);
  if (!args) {
    return { refusal: { ok: false, code: 'not-found', reason: `${RENUMBER_COMMAND}: cần đối số {uri} của văn bản (missing argument {uri})` } };
  }
  const p = ws.parsed(args.uri);
  if (!p) return { refusal: { ok: false, code: 'not-found', reason: `Văn bản ${args.uri} không thuộc workspace của dieu (not a draft of the workspace)` } };
  const open = docs.get(args.uri);
  if (typeof args.version === 'number' && open && open.version !== args.version) return { refusal: staleRefusal() };
  const position = args.position && typeof args.position.line === 'number' ? args.position : undefined;
  const plan = planRenumber(ws, args.uri, {
    scope: args.scope === 'dieu' ? 'dieu' : 'all',
    suffixes: args.suffixes === 'number' ? 'number' : 'keep',
    inserted: position ? p.source.offsetAt(position) : undefined,
  });
  if (!plan.ok) return { refusal: plan };
  if (!inSync(ws, docs, plan)) return { refusal: staleRefusal() };
  return { plan, edit: toWorkspaceEdit(plan, docs, documentChanges) };
}

/** A message box without buttons: `window/showMessage` (a notification: nothing to wait for). */
function show(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

async function executeRenumber(connection: Connection, ws: Workspace, docs: OpenDocuments, rawArgs: unknown, documentChanges: boolean): Promise<RenumberCommandResult> {
  const r = renumberCommand(ws, docs, rawArgs, documentChanges);
  if ('refusal' in r) {
    const f = r.refusal;
    show(connection, MessageType.Error, `dieu: ${describeRefusal(f)}`);
    return { applied: false, refusal: { code: f.code, reason: f.reason, uri: f.location?.uri, range: f.location?.range } };
  }
  const edits = Object.values(r.plan.changes).reduce((n, l) => n + l.length, 0);
  if (!edits) {
    show(connection, MessageType.Info, `dieu: ${r.plan.title}`);
    return { applied: false, title: r.plan.title, edits: 0 };
  }
  const res = await connection.workspace.applyEdit({ label: r.plan.title, edit: r.edit });
  if (!res.applied) {
    const reason = res.failureReason ?? 'trình soạn thảo không áp dụng (the editor did not apply the edit)';
    show(connection, MessageType.Error, `dieu: ${reason}`);
    return { applied: false, title: r.plan.title, edits, refusal: { code: 'not-applied', reason } };
  }
  return { applied: true, title: r.plan.title, edits };
}

/** What the session hands a feature (the shape of session.ts's `FeatureContext`). */
interface Context {
  connection: Connection;
  ws: Workspace;
  docs: OpenDocuments;
  log: Logger;
  caps(): ClientCapabilities;
}

/** Registered by server.ts among the session's features. */
export const renameFeature = {
  capabilities: (caps: ClientCapabilities): ServerCapabilities => ({
    renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
    executeCommandProvider: { commands: [RENUMBER_COMMAND] },
  }),
  register({ connection, ws, docs, log, caps }: Context): void {
    const documentChanges = () => !!caps().workspace?.workspaceEdit?.documentChanges;
    connection.onPrepareRename(guard(log, 'prepareRename', null, (params) => prepareRename(ws, docs, params)));
    connection.onRenameRequest(guard(log, 'rename', null, (params) => rename(ws, docs, params, documentChanges())));
    connection.onExecuteCommand(guard(log, 'executeCommand', null as RenumberCommandResult | null, async (params) => {
      if (params?.command !== RENUMBER_COMMAND) return null;
      return executeRenumber(connection, ws, docs, params.arguments, documentChanges());
    }));
  },
};
