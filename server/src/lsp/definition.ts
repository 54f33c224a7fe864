/**
 * Go to definition (`textDocument/definition`) on a citation: to the exact Điều / khoản /
 * điểm it names, in this file or another draft of the workspace (`LocationLink`: target =
 * the whole unit, selection = its marker `Điều 27` / `2.` / `b)`); on a number of a list
 * (`2` in `khoản 1, 2 và 3 Điều này`) to that one, elsewhere on the citation to all of them.
 * On the part naming a document (`Nghị định số 12/2025/NĐ-CP`, `Luật Công nghệ thông tin`,
 * `Quy chế này`) of a document of the workspace: to that document's start.
 *
 * Clients without `linkSupport` get plain `Location`s (range = the marker).
 * Also home of the small position helpers the other citation features share.
 */
import type { DefinitionParams, Location, LocationLink, Position } from 'vscode-languageserver/node';
import { citationAt, onDocumentPart, targetsAt } from '../core/citations/at';
import type { DocLocation, ResolvedCitation } from '../core/citations/resolve';
import type { DocNode, Span, Unit } from '../core/model';
import type { Parsed } from '../core/parse';
import type { Range } from '../core/text';
import type { Workspace } from '../core/workspace';
import { guard } from './guard';
import type { Feature } from './session';

/** The parsed file and the `norm` offset of a request's position, or undefined when the file is unknown. */
export function atPosition(ws: Workspace, uri: unknown, position: Position | undefined): { p: Parsed; uri: string; offset: number } | undefined {
  if (typeof uri !== 'string' || !ws.has(uri) || !position || typeof position.line !== 'number') return undefined;
  const p = ws.parsed(uri);
  if (!p) return undefined;
  return { p, uri, offset: p.source.offsetAt(position) };
}

/** Range of a `norm` span of a workspace file. */
export function rangeIn(ws: Workspace, uri: string, span: Span): Range | undefined {
  const p = ws.parsed(uri);
  return p ? p.source.range(span.start, span.end) : undefined;
}

/** The document a citation names, when its text is in the workspace. */
export function citedDoc(r: ResolvedCitation): DocLocation | undefined {
  return r.target.kind === 'local' || r.target.kind === 'workspace' ? r.target.loc : undefined;
}

/** A unit's span without the blank lines after it (they belong to nothing). */
export function unitRange(p: Parsed, u: Unit): Range {
  const s = p.source.norm;
  let end = Math.min(u.span.end, s.length);
  while (end > u.marker.end && /\s/.test(s[end - 1])) end--;
  return p.source.range(u.span.start, Math.max(end, u.marker.end));
}

/** Where a document "is": its number in the header, else its type line, else its first character. */
export function documentSelection(doc: DocNode): Span {
  return doc.identity.numberSpan ?? doc.identity.typeSpan ?? { start: doc.span.start, end: doc.span.start };
}

function link(origin: Range, targetUri: string, target: Range, selection: Range): LocationLink {
  return { originSelectionRange: origin, targetUri, targetRange: target, targetSelectionRange: selection };
}

/** Definitions at `offset` of `uri`, as links (the caller flattens them for older clients). */
export function definitionLinks(ws: Workspace, uri: string, offset: number): LocationLink[] {
  const p = ws.parsed(uri);
  if (!p) return [];
  const r = citationAt(ws.resolved(uri), offset);
  if (!r) return [];
  const loc = citedDoc(r);
  if (!loc) return [];
  const tp = ws.parsed(loc.uri);
  if (!tp) return [];
  if (onDocumentPart(r, offset)) {
    const d = r.citation.doc!;
    const sel = documentSelection(loc.doc);
    return [link(p.source.range(d.span.start, d.span.end), loc.uri, tp.source.range(loc.doc.span.start, loc.doc.span.end), tp.source.range(sel.start, sel.end))];
  }
  const out: LocationLink[] = [];
  for (const t of targetsAt(r, offset)) {
    if (!t.unit) continue;
    const origin = t.span.start === r.citation.span.start && t.span.end === r.citation.span.end ? levelsSpan(r) : t.span;
    out.push(link(p.source.range(origin.start, origin.end), loc.uri, unitRange(tp, t.unit), tp.source.range(t.unit.marker.start, t.unit.marker.end)));
  }
  return out;
}

/** The part of a citation naming units (`khoản 2 Điều 5` of `khoản 2 Điều 5 của Luật …`). */
export function levelsSpan(r: ResolvedCitation): Span {
  const c = r.citation;
  if (!c.doc || !c.levels.length) return c.span;
  let end = c.span.start;
  for (const l of c.levels) {
    end = Math.max(end, l.kwSpan.end, l.nay?.end ?? 0, ...l.items.map((i) => (i.rangeTo ?? i).span.end));
  }
  return { start: c.span.start, end: Math.min(end, c.span.end) };
}

export function toLocations(links: LocationLink[]): Location[] {
  return links.map((l) => ({ uri: l.targetUri, range: l.targetSelectionRange }));
}

export const definitionFeature: Feature = {
  capabilities: () => ({ definitionProvider: true }),
  register({ connection, ws, log, caps }) {
    connection.onDefinition(guard(log, 'definition', null, (params: DefinitionParams) => {
      const at = atPosition(ws, params?.textDocument?.uri, params?.position);
      if (!at) return null;
      const links = definitionLinks(ws, at.uri, at.offset);
      if (!links.length) return null;
      return caps().textDocument?.definition?.linkSupport ? links : toLocations(links);
    }));
  },
};
