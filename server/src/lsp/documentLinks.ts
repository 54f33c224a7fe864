/**
 * Document links (`textDocument/documentLink`): a citation naming a document of another
 * draft of the workspace (`Nghị định số 12/2025/NĐ-CP`, `Luật Công nghệ thông tin`) links to
 * that file, at the document's header (`file:///…/nd-12.vbpl#L2`). A document outside the
 * workspace links to its public page when a catalog gives one (`externalLink`).
 * `… này` and documents of the same file get none: go to definition covers them.
 */
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver/node';
import type { RawDocRef } from '../../../grammar/citations';
import { citedDocument } from '../core/catalog/lookup';
import type { ResolvedCitation } from '../core/citations/resolve';
import type { Span } from '../core/model';
import type { Workspace } from '../core/workspace';
import { documentSelection } from './definition';
import { guard } from './guard';
import { fileLabel } from './hover';
import type { Feature } from './session';
import { documentSymbolName } from './symbols';

/**
 * The URL of a document outside the workspace: the `url` of its catalog entry (the link the
 * hover card's "Toàn văn" shows, e.g. a vbpl.vn page), found by number or by name as the
 * card finds it; none for a document no catalog lists, or listed without a link.
 */
export function externalLink(_ref: RawDocRef, ctx: { ws: Workspace; uri: string; resolved: ResolvedCitation }): string | undefined {
  const p = ctx.ws.parsed(ctx.uri);
  if (!p || !ctx.ws.catalog) return undefined;
  const r = ctx.resolved;
  const doc = citedDocument(r, p.source.norm, p.documents[r.citation.docIndex], { catalog: ctx.ws.catalog, documents: ctx.ws.documents() });
  const url = doc?.kind === 'catalog' ? doc.entry.url : undefined;
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** The words naming the document: `Nghị định số 12/2025/NĐ-CP` without `của` and the date. */
function namingSpan(ref: RawDocRef): Span {
  const start = ref.typeSpan?.start ?? ref.span.start;
  const end = ref.numberSpan?.end ?? ref.nameSpan?.end ?? ref.typeSpan?.end ?? ref.span.end;
  return end > start ? { start, end } : ref.span;
}

export function documentLinks(ws: Workspace, uri: string): DocumentLink[] {
  const p = ws.parsed(uri);
  if (!p) return [];
  const out: DocumentLink[] = [];
  for (const r of ws.resolved(uri)) {
    const ref = r.citation.doc;
    if (!ref || ref.nay || ref.neuTren) continue;
    const span = namingSpan(ref);
    const range = p.source.range(span.start, span.end);
    if (r.target.kind === 'workspace') {
      const loc = r.target.loc;
      const tp = ws.parsed(loc.uri);
      if (!tp) continue;
      const line = tp.source.positionAt(documentSelection(loc.doc).start).line;
      out.push({ range, target: `${loc.uri}#L${line + 1}`, tooltip: `Mở ${documentSymbolName(loc.doc)} (${fileLabel(loc.uri)})` });
    } else if (r.target.kind === 'external') {
      const url = externalLink(r.target.ref, { ws, uri, resolved: r });
      if (url) out.push({ range, target: url, tooltip: 'Mở văn bản' });
    }
  }
  return out;
}

export const documentLinksFeature: Feature = {
  capabilities: () => ({ documentLinkProvider: { resolveProvider: false } }),
  register({ connection, ws, log }) {
    connection.onDocumentLinks(guard(log, 'documentLink', null, (params: DocumentLinkParams) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !ws.has(uri)) return null;
      return documentLinks(ws, uri);
    }));
  },
};
