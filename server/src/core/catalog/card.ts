/**
 * Hover card of an external citation (DESIGN.md §5): type, number, date, issuer, title,
 * effective date, status, amended / replaced by, link — as data and as Markdown. Pure; the
 * LSP hover only places it.
 */
import type { ResolvedCitation } from '../citations/resolve';
import { numberKey } from '../docnumber';
import type { Span } from '../model';
import type { Workspace } from '../workspace';
import type { CatalogStatus } from './parse';
import { citedDocument } from './lookup';
import { issuerOfNumber, TYPE_DISPLAY } from './tables';

export interface ExternalCard {
  /** Where the facts come from: a catalog, a document of the workspace, or nowhere. */
  kind: 'catalog' | 'workspace' | 'unknown' | 'unresolved';
  /** The citation's span naming the document (norm offsets of the citing file). */
  span: Span;
  number?: string;
  type?: string;
  date?: string;
  issuer?: string;
  title?: string;
  effectiveDate?: string;
  status?: CatalogStatus;
  /** `Còn hiệu lực`, `Đã bị thay thế`, `Không rõ`… */
  statusLabel: string;
  amendedOrRepealedBy: string[];
  replacedBy: string[];
  /** Workspace documents that say they replace / repeal it. */
  repealedBy: Array<{ uri: string; span: Span; label?: string; verb: string }>;
  url?: string;
  /** Catalogs that list it (highest precedence first). */
  sources: string[];
  /** The workspace document, for `kind: 'workspace'`. */
  uri?: string;
  markdown: string;
  /** The same card without markup, for clients that take plain text. */
  plaintext: string;
}

/** The card of the external citation whose document part covers `offset` (a `norm` offset of `uri`). */
export function externalCardAt(ws: Workspace, uri: string, offset: number): ExternalCard | undefined {
  for (const r of ws.resolved(uri)) {
    const ref = r.citation.doc;
    if (!ref || offset < r.citation.span.start || offset > r.citation.span.end) continue;
    const card = externalCard(ws, uri, r);
    if (card) return card;
  }
  return undefined;
}

/** The card of one resolved citation of `uri`, or undefined when it names no other document. */
export function externalCard(ws: Workspace, uri: string, r: ResolvedCitation): ExternalCard | undefined {
  const p = ws.parsed(uri);
  if (!p) return undefined;
  const citing = p.documents[r.citation.docIndex];
  const doc = citedDocument(r, p.source.norm, citing, { catalog: ws.catalog, documents: ws.documents() });
  if (!doc) return undefined;
  const ref = doc.ref;
  const span = doc.kind !== 'unresolved' && doc.numberSpan ? doc.numberSpan : ref.span;
  const base = { span, amendedOrRepealedBy: [] as string[], replacedBy: [] as string[], repealedBy: [] as ExternalCard['repealedBy'], sources: [] as string[] };
  const typeOf = (t?: string): string | undefined => (t ? TYPE_DISPLAY[t] ?? t : undefined);
  let card: Omit<ExternalCard, 'markdown' | 'plaintext' | 'statusLabel'>;
  switch (doc.kind) {
    case 'unresolved':
      card = { ...base, kind: 'unresolved', type: typeOf(ref.type), title: ref.name, date: ref.date?.iso };
      break;
    case 'unknown':
      card = { ...base, kind: 'unknown', type: typeOf(ref.type), number: doc.number, date: ref.date?.iso, issuer: ref.issuer };
      break;
    case 'workspace': {
      const id = doc.loc.doc.identity;
      const number = id.number ?? doc.number;
      card = {
        ...base, kind: 'workspace', uri: doc.loc.uri, number, type: id.type ?? typeOf(ref.type), date: id.date, title: id.title,
        issuer: id.issuer ?? (number ? issuerOfNumber(number) : undefined),
      };
      break;
    }
    case 'catalog': {
      const e = doc.entry;
      card = {
        ...base, kind: 'catalog', number: e.number, type: e.type, date: e.date, issuer: e.issuer ?? issuerOfNumber(e.number), title: e.title,
        effectiveDate: e.effectiveDate, status: e.status, amendedOrRepealedBy: e.amendedOrRepealedBy, replacedBy: e.replacedBy, url: e.url,
        sources: e.sources,
      };
      break;
    }
  }
  if (card.number) {
    for (const st of ws.repeals().get(numberKey(card.number)) ?? []) {
      if (st.uri === uri && st.docIndex === r.citation.docIndex) continue;
      card.repealedBy.push({ uri: st.uri, span: st.span, label: st.label, verb: st.verb });
    }
  }
  const statusLabel = statusText(card);
  const full = { ...card, statusLabel };
  return { ...full, markdown: render(full, true), plaintext: render(full, false) };
}

function statusText(c: Omit<ExternalCard, 'markdown' | 'plaintext' | 'statusLabel'>): string {
  if (c.kind === 'unknown') return 'Không có trong workspace và các danh mục';
  if (c.kind === 'unresolved') return 'Không xác định được văn bản';
  if (c.repealedBy.length) return c.repealedBy.some((r) => r.verb === 'thay thế') ? 'Đã bị thay thế (theo văn bản trong workspace)' : 'Hết hiệu lực (theo văn bản trong workspace)';
  if (c.replacedBy.length) return 'Đã bị thay thế';
  switch (c.status) {
    case 'in-force': return 'Còn hiệu lực';
    case 'partly-in-force': return 'Còn hiệu lực một phần';
    case 'repealed': return 'Hết hiệu lực';
    case 'not-yet-in-force': return 'Chưa có hiệu lực';
    default: return c.kind === 'workspace' ? 'Văn bản trong workspace' : 'Không rõ (danh mục không ghi)';
  }
}

function vn(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function render(c: Omit<ExternalCard, 'markdown' | 'plaintext'>, markdown: boolean): string {
  const esc = markdown ? md : (x: string) => x;
  const head = [c.type, c.number ? `số ${c.number}` : c.title].filter(Boolean).join(' ') || 'Văn bản';
  const lines = [`${markdown ? `**${esc(head)}**` : head}${c.issuer ? ` — ${esc(c.issuer)}` : ''}`];
  if (c.title && c.number) lines.push('', esc(c.title));
  const rows: Array<[string, string | undefined]> = [
    ['Ngày ban hành', vn(c.date)],
    ['Ngày hiệu lực', vn(c.effectiveDate)],
    ['Tình trạng', c.statusLabel],
    ['Thay thế bởi', c.replacedBy.length ? c.replacedBy.join(', ') : undefined],
    ['Sửa đổi, bổ sung hoặc bãi bỏ một phần bởi', c.amendedOrRepealedBy.length ? c.amendedOrRepealedBy.join(', ') : undefined],
    ...c.repealedBy.map((r): [string, string] => [r.verb === 'thay thế' ? 'Bị thay thế theo' : r.verb === 'bãi bỏ' ? 'Bị bãi bỏ theo' : 'Hết hiệu lực theo', r.label ?? r.uri]),
  ];
  const shown = rows.filter((r): r is [string, string] => !!r[1]);
  if (shown.length) {
    lines.push('', ...(markdown ? ['| | |', '|---|---|', ...shown.map(([k, v]) => `| ${k} | ${esc(v)} |`)] : shown.map(([k, v]) => `${k}: ${v}`)));
  }
  const foot: string[] = [];
  if (c.url) foot.push(markdown ? `[Toàn văn](${c.url})` : `Toàn văn: ${c.url}`);
  if (c.sources.length) foot.push(`nguồn: ${c.sources.map(esc).join(', ')}`);
  if (foot.length) lines.push('', foot.join(markdown ? ' · ' : '\n'));
  return lines.join('\n');
}
