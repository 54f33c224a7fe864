/**
 * Quick fixes from the core's `Diagnostic.fix` (wrong marker `3)` → `3.`, unaccented keyword
 * `Dieu` → `Điều`, …): `quickfix` actions, preferred when the fix is safe (the ones
 * `dieu lint --fix` applies). On request (`only: source.fixAll`), every safe fix of the file
 * in one action.
 *
 * A diagnostic the client sends back carries its fix in `data` (diagnostics.ts); it is used as
 * is when computed for the document's current version. Otherwise (stale, or a client that
 * drops `data`) the fix is taken from a fresh check of the current text.
 */
import {
  CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Fix } from '../core/diagnostics';
import type { Range } from '../core/text';
import type { Workspace } from '../core/workspace';
import { SOURCE, toLspDiagnostic, type DiagnosticData } from './diagnostics';
import type { OpenDocuments } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dieu`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionContext {
  ws: Workspace;
  docs: OpenDocuments;
  /** The client accepts versioned `documentChanges` in a WorkspaceEdit. */
  documentChanges: boolean;
}

function kindMatches(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === '' || kind === o || kind.startsWith(`${o}.`));
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function key(d: { code?: unknown; range: Range }): string {
  return `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

function isFix(x: unknown): x is Fix {
  const f = x as Fix;
  return !!f && typeof f.title === 'string' && Array.isArray(f.edits)
    && f.edits.every((e) => e && typeof e.newText === 'string' && e.range && e.range.start && e.range.end);
}

export function codeActions(params: CodeActionParams, ctx: CodeActionContext): CodeAction[] {
  const uri = params?.textDocument?.uri;
  const doc = ctx.docs.get(uri);
  if (!doc || !ctx.ws.has(uri)) return [];
  const only = params.context?.only;
  const edit = (edits: TextEdit[]): WorkspaceEdit => (ctx.documentChanges
    ? { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] }
    : { changes: { [uri]: edits } });
  const out: CodeAction[] = [];

  if (kindMatches(CodeActionKind.QuickFix, only)) {
    const seen = new Set<string>();
    const quickFix = (diag: LspDiagnostic, fix: Fix) => {
      const k = key(diag);
      if (seen.has(k)) return;
      seen.add(k);
      out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: fix.safe, edit: edit(fix.edits) });
    };
    for (const d of params.context?.diagnostics ?? []) {
      const data = d?.data as DiagnosticData | undefined;
      if (d?.source === SOURCE && data && data.version === doc.version && isFix(data.fix)) quickFix(d, data.fix);
    }
    const sent = new Map((params.context?.diagnostics ?? []).filter((d) => d?.source === SOURCE && d.range).map((d) => [key(d), d]));
    for (const d of ctx.ws.diagnostics(uri)) {
      if (!d.fix || !intersects(d.range, params.range)) continue;
      quickFix(sent.get(key(d)) ?? toLspDiagnostic(d, doc.version), d.fix);
    }
  }

  // Fix-all only when asked for explicitly (source actions menu, editor.codeActionsOnSave).
  if (only?.length && kindMatches(FIX_ALL_KIND, only)) {
    const edits: TextEdit[] = [];
    for (const d of ctx.ws.diagnostics(uri)) if (d.fix?.safe) edits.push(...d.fix.edits);
    edits.sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
    // Overlapping edits make the whole WorkspaceEdit invalid: keep the first of each overlap.
    const kept: TextEdit[] = [];
    for (const e of edits) {
      const last = kept[kept.length - 1];
      if (last && before(e.range.start, last.range.end)) continue;
      kept.push(e);
    }
    if (kept.length) out.push({ title: 'Sửa tất cả lỗi có cách sửa an toàn (dieu: fix all safe)', kind: FIX_ALL_KIND, edit: edit(kept) });
  }
  return out;
}
