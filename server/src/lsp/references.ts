/**
 * Find references (`textDocument/references`): every citation, in any draft of the
 * workspace, of the unit whose heading marker is under the cursor (`Điều 15`, `2.`, `b)`) —
 * `khoản 3 Điều này`, `Điều 15 Nghị định này`, `khoản 2 Điều 15 của Nghị định số …` from
 * another file alike; a citation of a unit inside counts (`khoản 2 Điều 15` cites Điều 15).
 * On a citation: the references of what it cites. On a document's number or type line in its
 * header, or on the part of a citation naming a document: every citation naming that
 * document (`… này` excepted). `includeDeclaration` adds the unit's marker / the document's number.
 *
 * All from the workspace's one reference index (`Workspace.references`).
 */
import type { Location, ReferenceParams } from 'vscode-languageserver/node';
import { citationAt, citationsOf, documentAt, markerAt, onDocumentPart, targetsAt, touches } from '../core/citations/at';
import type { DocNode, Span, Unit } from '../core/model';
import type { Workspace } from '../core/workspace';
import { atPosition, citedDoc, documentSelection, rangeIn } from './definition';
import { guard } from './guard';
import type { Feature } from './session';

interface Place { uri: string; span: Span }

/** Citations of a unit (and of the units inside it), with its marker first when asked. */
export function unitReferences(ws: Workspace, uri: string, units: readonly Unit[], includeDeclaration: boolean): Place[] {
  const out: Place[] = [];
  for (const u of units) {
    if (includeDeclaration) out.push({ uri, span: u.marker });
    for (const c of citationsOf(u, (x) => ws.references(x))) out.push({ uri: c.uri, span: c.span });
  }
  return out;
}

/** Citations naming `doc` (by number, name or `nêu trên`; not `… này`). */
export function documentReferences(ws: Workspace, doc: DocNode): Place[] {
  const out: Place[] = [];
  for (const uri of [...ws.uris()].sort()) {
    for (const r of ws.resolved(uri)) {
      const d = r.citation.doc;
      if (!d || d.nay || citedDoc(r)?.doc !== doc) continue;
      out.push({ uri, span: d.span });
    }
  }
  return out;
}

/** Where a document is declared and in which file (`Số: 12/2025/NĐ-CP`). */
function documentFile(ws: Workspace, doc: DocNode): string | undefined {
  for (const uri of ws.uris()) if (ws.parsed(uri)?.documents.includes(doc)) return uri;
  return undefined;
}

export function referencesAt(ws: Workspace, uri: string, offset: number, includeDeclaration: boolean): Place[] {
  const p = ws.parsed(uri);
  if (!p) return [];
  const r = citationAt(ws.resolved(uri), offset);
  if (r) {
    const loc = citedDoc(r);
    if (!loc) return [];
    if (onDocumentPart(r, offset)) {
      const decl = includeDeclaration ? [{ uri: loc.uri, span: documentSelection(loc.doc) }] : [];
      return [...decl, ...documentReferences(ws, loc.doc)];
    }
    const units = targetsAt(r, offset).map((t) => t.unit).filter((u): u is Unit => !!u);
    return unitReferences(ws, loc.uri, units, includeDeclaration);
  }
  const u = markerAt(p.documents, offset);
  if (u) return unitReferences(ws, uri, [u], includeDeclaration);
  const doc = documentAt(p.documents, offset);
  const id = doc?.identity;
  if (doc && id && ((id.numberSpan && touches(id.numberSpan, offset)) || (id.typeSpan && touches(id.typeSpan, offset)))) {
    const decl = includeDeclaration ? [{ uri: documentFile(ws, doc) ?? uri, span: documentSelection(doc) }] : [];
    return [...decl, ...documentReferences(ws, doc)];
  }
  return [];
}

export function toLocations(ws: Workspace, places: readonly Place[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const pl of places) {
    const key = `${pl.uri}#${pl.span.start}-${pl.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const range = rangeIn(ws, pl.uri, pl.span);
    if (range) out.push({ uri: pl.uri, range });
  }
  return out;
}

export const referencesFeature: Feature = {
  capabilities: () => ({ referencesProvider: true }),
  register({ connection, ws, log }) {
    connection.onReferences(guard(log, 'references', null, (params: ReferenceParams) => {
      const at = atPosition(ws, params?.textDocument?.uri, params?.position);
      if (!at) return null;
      return toLocations(ws, referencesAt(ws, at.uri, at.offset, !!params.context?.includeDeclaration));
    }));
  },
};
