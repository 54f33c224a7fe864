/**
 * Outline and breadcrumbs: `textDocument/documentSymbol`.
 *
 * Phần → Chương → Mục → Tiểu mục → Điều → khoản → điểm, named as a lawyer cites them
 * (`Điều 5. Phạm vi điều chỉnh`, `khoản 2`, `điểm a`). A file holding several documents
 * (a Quyết định and the Quy chế it issues) gets one node per document above its units.
 * range = the unit's whole span, selectionRange = its marker; offsets are converted with the
 * file's SourceText, so NFD text, CRLF and a BOM give positions in the text as the user has it.
 */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import { UNIT_NAMES, type DocNode, type Unit, type UnitKind } from '../core/model';
import type { Parsed } from '../core/parse';
import type { Range } from '../core/text';

const KIND: Record<UnitKind, SymbolKind> = {
  phan: SymbolKind.Package,
  chuong: SymbolKind.Module,
  muc: SymbolKind.Namespace,
  tieumuc: SymbolKind.Namespace,
  dieu: SymbolKind.Class,
  khoan: SymbolKind.Field,
  diem: SymbolKind.EnumMember,
  heading: SymbolKind.Module,
};

const MAX_NAME = 120;
const MAX_DETAIL = 80;

function clip(s: string, max: number): string {
  const t = s.replace(/[*_#]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

export function unitSymbolName(u: Unit): string {
  const label = u.num.label || '?';
  const title = u.title ? clip(u.title, MAX_NAME) : '';
  switch (u.kind) {
    case 'khoan': return `khoản ${label}`;
    case 'diem': return `điểm ${label}`;
    case 'heading': return title ? `${label}. ${title}` : `${label}.`;
    default: return title ? `${UNIT_NAMES[u.kind]} ${label}. ${title}` : `${UNIT_NAMES[u.kind]} ${label}`;
  }
}

export function documentSymbolName(doc: DocNode): string {
  const id = doc.identity;
  const type = id.type ?? 'Văn bản';
  if (id.number) return `${type} ${id.number}`;
  if (id.title) return clip(`${type} ${id.title}`, MAX_NAME);
  return `${type} (${doc.index + 1})`;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function symbol(name: string, detail: string | undefined, kind: SymbolKind, range: Range, selection: Range, children: DocumentSymbol[]): DocumentSymbol {
  // Clients reject a selectionRange outside the range (VS Code throws).
  const selectionRange = contains(range, selection) ? selection : { start: range.start, end: range.start };
  const s: DocumentSymbol = { name: name || '?', kind, range, selectionRange, children };
  if (detail) s.detail = detail;
  return s;
}

function unitSymbol(p: Parsed, u: Unit): DocumentSymbol {
  const detail = u.text ? clip(u.text, MAX_DETAIL) : undefined;
  return symbol(unitSymbolName(u), detail, KIND[u.kind] ?? SymbolKind.Object,
    p.source.range(u.span.start, u.span.end), p.source.range(u.marker.start, u.marker.end),
    u.children.map((c) => unitSymbol(p, c)));
}

export function documentSymbols(p: Parsed): DocumentSymbol[] {
  const perDoc = p.documents.map((d) => d.units.map((u) => unitSymbol(p, u)));
  if (p.documents.length <= 1) return perDoc[0] ?? [];
  return p.documents.map((d, i) => {
    const sel = d.identity.typeSpan ?? d.identity.numberSpan ?? { start: d.span.start, end: d.span.start };
    const detail = d.identity.number && d.identity.title ? clip(d.identity.title, MAX_DETAIL) : undefined;
    return symbol(documentSymbolName(d), detail, SymbolKind.File, p.source.range(d.span.start, d.span.end),
      p.source.range(sel.start, sel.end), perDoc[i]);
  });
}

/** Flat form for clients without `hierarchicalDocumentSymbolSupport`. */
export function flattenSymbols(uri: string, symbols: DocumentSymbol[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const walk = (list: DocumentSymbol[], container: string | undefined) => {
    for (const s of list) {
      const info: SymbolInformation = { name: s.name, kind: s.kind, location: { uri, range: s.range } };
      if (container) info.containerName = container;
      out.push(info);
      if (s.children) walk(s.children, s.name);
    }
  };
  walk(symbols, undefined);
  return out;
}
