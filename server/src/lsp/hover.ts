/**
 * Hover (`textDocument/hover`):
 * - on a citation of a unit whose text is known (this file or another draft of the
 *   workspace): the cited unit's heading (`**Điều 27. Đầu tư …**`, the document's name when it
 *   is another one) and its text, trimmed, its khoản/điểm as a short list; on one number of a
 *   list (`2` in `khoản 1, 2 và 3 Điều này`) that target only;
 * - a target missing from a known document: says so;
 * - a document outside the workspace: a card of what the citation says (type, number, date,
 *   issuer) — `externalHover`, the seam where the catalog's full card plugs in;
 * - on a unit's heading marker (`Điều 15`, `2.`, `b)`): how many times, and where, it is cited;
 *   on a document's number in its header: how many citations name it.
 *
 * Markdown for clients that take it, plain text otherwise. Everything comes from the
 * workspace's caches and binary searches (core/citations/at.ts): nothing is parsed here.
 */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { RawDocRef } from '../../../grammar/citations';
import { citationAt, citationsOf, documentAt, markerAt, onDocumentPart, targetsAt, touches, unitsOfKind, type Citing } from '../core/citations/at';
import type { ResolvedCitation, ResolvedTarget } from '../core/citations/resolve';
import { externalCard } from '../core/catalog/card';
import { typeName } from '../core/identity';
import { UNIT_NAMES, type DocNode, type Span, type Unit } from '../core/model';
import type { Parsed } from '../core/parse';
import type { Workspace } from '../core/workspace';
import { atPosition, citedDoc, levelsSpan } from './definition';
import { guard } from './guard';
import { documentReferences } from './references';
import type { Feature } from './session';
import { documentSymbolName, unitSymbolName } from './symbols';

// ---------------------------------------------------------------------------------------
// Rich text: blocks rendered as Markdown or as plain text.

export type Block =
  /** `**text** — note` */
  | { kind: 'heading'; text: string; note?: string }
  /** Paragraphs, one per line of `text`. */
  | { kind: 'text'; text: string; italic?: boolean }
  | { kind: 'list'; items: Array<{ lead: string; text?: string; href?: string }>; more?: string }
  | { kind: 'fields'; rows: Array<[string, string]> }
  /** Ready-made content (e.g. a catalog card that renders itself). */
  | { kind: 'raw'; markdown: string; plaintext: string }
  | { kind: 'rule' };

/** Escapes what Markdown would read as markup (legal text has `*`, `_`, `|` tables, `[1]`…). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|~]/g, '\\$&').replace(/^(\s*)([#+]|\d+[.)])/gm, (_m, sp: string, lead: string) => `${sp}${lead.replace(/[#+.)]/g, '\\$&')}`);
}

export function render(blocks: readonly Block[], markdown: boolean): string {
  const md = (s: string) => (markdown ? escapeMarkdown(s) : s);
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(markdown ? `**${md(b.text)}**${b.note ? ` — ${md(b.note)}` : ''}` : `${b.text}${b.note ? ` — ${b.note}` : ''}`);
        break;
      case 'text': {
        const paras = b.text.split('\n').filter((l) => l.trim());
        if (!paras.length) break;
        out.push(paras.map((l) => (markdown && b.italic ? `_${md(l)}_` : md(l))).join(markdown ? '\n\n' : '\n'));
        break;
      }
      case 'list': {
        const lines = b.items.map((i) => {
          if (!markdown) return `  ${i.lead}${i.text ? ` ${i.text}` : ''}`;
          const lead = i.href ? `[${md(i.lead)}](${i.href})` : `**${md(i.lead)}**`;
          return `- ${lead}${i.text ? ` ${md(i.text)}` : ''}`;
        });
        if (b.more) lines.push(markdown ? `- ${md(b.more)}` : `  ${b.more}`);
        out.push(lines.join('\n'));
        break;
      }
      case 'fields':
        out.push(b.rows.map(([k, v]) => (markdown ? `**${md(k)}:** ${md(v)}` : `${k}: ${v}`)).join(markdown ? '  \n' : '\n'));
        break;
      case 'raw':
        out.push(markdown ? b.markdown : b.plaintext);
        break;
      case 'rule':
        out.push(markdown ? '---' : '—');
        break;
    }
  }
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------
// Text of units

/** Whole text budget of a unit's hover (DESIGN: "trimmed"). */
const BODY_CHARS = 600;
const CHILD_CHARS = 110;
const MAX_CHILDREN = 8;
const MAX_TARGETS = 5;
const MAX_PLACES = 10;

/** Removes Markdown decoration of the source (`**Điều 1.**`, `## Chương`, `*Căn cứ*`) and folds spaces. */
export function plain(s: string): string {
  return s.split(/\r\n|\r|\n/).map((l) => l.replace(/^\s*#+\s+/, '').replace(/[*_]{1,3}/g, '').replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l && !/^[|\s:-]+$/.test(l)).join('\n');
}

export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const sp = cut.search(/\s\S*$/);
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).trimEnd()} …`;
}

/** Longest stretch of source read for a unit's own text: a hover shows 600 characters of it. */
const READ_CHARS = 3000;

/** A unit's own text: after its marker (and title), before its first child (its start only: units can be long). */
export function ownText(p: Parsed, u: Unit): string {
  const from = Math.max(u.marker.end, u.titleSpan?.end ?? 0);
  const to = u.children.length ? u.children[0].span.start : u.span.end;
  return plain(p.source.norm.slice(from, Math.min(Math.max(from, to), from + READ_CHARS)));
}

/** `điểm a khoản 2 Điều 27` for a unit, from its parents. */
export function unitPathLabel(u: Unit): string {
  const parts: string[] = [];
  for (let x: Unit | undefined = u; x; x = x.parent) {
    if (x.kind === 'diem' || x.kind === 'khoan' || x.kind === 'dieu') parts.push(`${UNIT_NAMES[x.kind]} ${x.num.label}`);
    if (x.kind === 'dieu') break;
  }
  return parts.join(' ') || unitSymbolName(u);
}

/** The heading of a unit: `Điều 27. Đầu tư…`, or `khoản 2 Điều 27` with its Điều's title as a note. */
export function unitHeading(u: Unit): Block {
  if (u.kind !== 'khoan' && u.kind !== 'diem') return { kind: 'heading', text: plain(unitSymbolName(u)).replace(/\n/g, ' ') };
  let dieu: Unit | undefined = u.parent;
  while (dieu && dieu.kind !== 'dieu') dieu = dieu.parent;
  const label = unitPathLabel(u);
  return { kind: 'heading', text: capitalize(label), note: dieu?.title ? plain(unitSymbolName(dieu)).replace(/\n/g, ' ') : undefined };
}

/** `Khoản 2 Điều 27` as a heading (a citation writes `khoản 2 Điều 27`). */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function childLead(c: Unit): string {
  switch (c.kind) {
    case 'khoan': return `${c.num.label}.`;
    case 'diem': return `${c.num.label})`;
    case 'heading': return `${c.num.label}.`;
    default: return `${UNIT_NAMES[c.kind]} ${c.num.label}.`;
  }
}

/** Heading, own text (trimmed) and children as a short list. */
export function unitBlocks(p: Parsed, u: Unit, budget = BODY_CHARS, withChildren = true): Block[] {
  const blocks: Block[] = [unitHeading(u)];
  const own = clip(ownText(p, u), budget);
  if (own) blocks.push({ kind: 'text', text: own });
  if (!withChildren || !u.children.length) return blocks;
  let left = Math.max(budget - own.length, 2 * CHILD_CHARS);
  const items: Array<{ lead: string; text?: string }> = [];
  for (const c of u.children) {
    if (items.length >= MAX_CHILDREN || left <= 0) break;
    const first = plain(c.title ?? c.text ?? ownText(p, c)).split('\n')[0] ?? '';
    const text = clip(first, CHILD_CHARS);
    items.push({ lead: childLead(c), text: text || undefined });
    left -= text.length + 4;
  }
  const rest = u.children.length - items.length;
  const restName = u.children[items.length] ? UNIT_NAMES[u.children[items.length].kind] : '';
  blocks.push({ kind: 'list', items, more: rest > 0 ? `… và ${rest} ${restName} khác` : undefined });
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Documents

export function fileLabel(uri: string): string {
  const last = uri.split(/[/\\]/).pop() ?? uri;
  try { return decodeURIComponent(last); } catch { return last; }
}

/** `Nghị định 12/2025/NĐ-CP (nd-12.vbpl)` — which document a target is in, when not the citing one. */
function whereNote(citingUri: string, citingDoc: number, uri: string, doc: DocNode): Block | undefined {
  if (uri === citingUri && doc.index === citingDoc) return undefined;
  const name = documentSymbolName(doc);
  return { kind: 'text', italic: true, text: uri === citingUri ? `Trong ${name} (cùng tệp)` : `Trong ${name} — ${fileLabel(uri)}` };
}

function isoToVn(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A workspace document: name, number, date, title, file. */
function documentBlocks(uri: string, doc: DocNode): Block[] {
  const id = doc.identity;
  const rows: Array<[string, string]> = [];
  if (id.type) rows.push(['Loại văn bản', id.type]);
  if (id.number) rows.push(['Số, ký hiệu', id.number]);
  if (id.date) rows.push(['Ngày ban hành', isoToVn(id.date)]);
  if (id.title) rows.push(['Trích yếu', clip(plain(id.title).replace(/\n/g, ' '), 200)]);
  rows.push(['Tệp', fileLabel(uri)]);
  const dieu = unitsOfKind(doc, 'dieu').length;
  if (dieu) rows.push(['Số điều', String(dieu)]);
  return [{ kind: 'heading', text: documentSymbolName(doc), note: 'văn bản trong không gian làm việc' }, { kind: 'fields', rows }];
}

export interface ExternalHoverContext {
  ws: Workspace;
  /** The citing file and its citation (what the catalog's `externalCard(ws, uri, r)` takes). */
  uri: string;
  resolved: ResolvedCitation;
  /** The citing file's NFC text (the citation's spans index it). */
  norm: string;
}

/**
 * The card of a document outside the workspace, from what the citation says: type, number,
 * date, issuer, name as written.
 *
 * SEAM (catalog): a catalog entry knows more (title, status, replaced by, link). The catalog's
 * core card (`externalCard(ctx.ws, ctx.uri, ctx.resolved)`) replaces this body with a `raw`
 * block (its `markdown`) when it finds the document; this as-written card stays the fallback.
 */
export function externalHover(ref: RawDocRef, ctx: ExternalHoverContext): Block[] {
  const card = externalCard(ctx.ws, ctx.uri, ctx.resolved);
  if (card?.kind === 'catalog') return [{ kind: 'raw', markdown: card.markdown, plaintext: card.plaintext }];
  const written = (s?: Span) => (s ? ctx.norm.slice(s.start, s.end) : undefined);
  const type = written(ref.typeSpan) ?? (ref.type ? typeName(ref.type) ?? ref.type : undefined);
  const typeDisplay = ref.type ? typeName(ref.type) ?? type : type;
  const rows: Array<[string, string]> = [];
  if (typeDisplay) rows.push(['Loại văn bản', typeDisplay]);
  if (ref.number) rows.push(['Số, ký hiệu', ref.number]);
  if (ref.date) rows.push(['Ngày ban hành', isoToVn(ref.date.iso)]);
  else if (ref.year) rows.push(['Năm', String(ref.year)]);
  if (ref.issuer) rows.push(['Cơ quan ban hành', ref.issuer]);
  if (ref.name) rows.push(['Tên', ref.name]);
  const title = [typeDisplay, ref.number ?? ref.name].filter(Boolean).join(' ') || 'Văn bản được viện dẫn';
  return [
    { kind: 'heading', text: title, note: 'văn bản ngoài không gian làm việc' },
    ...(rows.length ? [{ kind: 'fields', rows } as Block] : []),
    { kind: 'text', italic: true, text: 'Thông tin theo cách viện dẫn; nội dung văn bản không có trong không gian làm việc.' },
  ];
}

// ---------------------------------------------------------------------------------------
// Hover contents

function targetBlocks(ws: Workspace, r: ResolvedCitation, t: ResolvedTarget, compact: boolean): Block[] {
  const loc = citedDoc(r);
  if (t.unit && loc) {
    const tp = ws.parsed(loc.uri);
    if (!tp) return [];
    const blocks = unitBlocks(tp, t.unit, compact ? 200 : BODY_CHARS, !compact);
    const where = compact ? undefined : whereNote(r.uri, r.citation.docIndex, loc.uri, loc.doc);
    if (where) blocks.splice(1, 0, where);
    return blocks;
  }
  if (t.missing && loc) {
    const name = loc.uri === r.uri && loc.docIndex === r.citation.docIndex ? 'văn bản này' : `${documentSymbolName(loc.doc)}${loc.uri === r.uri ? '' : ` (${fileLabel(loc.uri)})`}`;
    return [
      { kind: 'heading', text: capitalize(t.label), note: 'không tìm thấy' },
      { kind: 'text', text: `Không có ${t.missing} trong ${name}.` },
    ];
  }
  return [{ kind: 'heading', text: capitalize(t.label) }];
}

/** The hover of a citation at `offset`: blocks and the span they are about. */
function citationHover(ws: Workspace, p: Parsed, r: ResolvedCitation, offset: number): { blocks: Block[]; span: Span } | undefined {
  const c = r.citation;
  const ctx: ExternalHoverContext = { ws, uri: r.uri, resolved: r, norm: p.source.norm };
  const target = r.target;
  if (onDocumentPart(r, offset) && c.doc) {
    const span = c.doc.span;
    if (target.kind === 'local' || target.kind === 'workspace') return { blocks: documentBlocks(target.loc.uri, target.loc.doc), span };
    if (target.kind === 'external') return { blocks: externalHover(target.ref, ctx), span };
    return { blocks: [{ kind: 'heading', text: plain(p.source.norm.slice(span.start, span.end)) }, { kind: 'text', text: `Không xác định được văn bản: ${target.reason}.` }], span };
  }
  const targets = targetsAt(r, offset);
  if (!targets.length) return undefined;
  const specific = targets.length === 1 && (targets[0].span.start !== c.span.start || targets[0].span.end !== c.span.end);
  const span = specific ? targets[0].span : levelsSpan(r);
  if (target.kind === 'unknown') {
    return { blocks: [{ kind: 'heading', text: capitalize(targets.map((t) => t.label).join(', ')) }, { kind: 'text', text: `Không xác định được văn bản: ${target.reason}.` }], span };
  }
  if (target.kind === 'external') {
    const labels = capitalize(targets.map((t) => t.label).join(', '));
    const card = externalHover(target.ref, ctx);
    return { blocks: [{ kind: 'heading', text: labels, note: 'của văn bản ngoài không gian làm việc' }, { kind: 'rule' }, ...card], span };
  }
  if (targets.length === 1) return { blocks: targetBlocks(ws, r, targets[0], false), span };
  const blocks: Block[] = [];
  const loc = citedDoc(r);
  const where = loc && whereNote(r.uri, c.docIndex, loc.uri, loc.doc);
  if (where) blocks.push(where);
  targets.slice(0, MAX_TARGETS).forEach((t, i) => {
    if (i) blocks.push({ kind: 'rule' });
    blocks.push(...targetBlocks(ws, r, t, true));
  });
  if (targets.length > MAX_TARGETS) blocks.push({ kind: 'text', text: `… và ${targets.length - MAX_TARGETS} đơn vị khác` });
  return { blocks, span };
}

function placeText(ws: Workspace, at: Citing): { lead: string; text: string; href: string } {
  const p = ws.parsed(at.uri)!;
  const pos = p.source.positionAt(at.span.start);
  const c = at.resolved.citation;
  const h = c.here;
  const inUnit = h.diem ?? h.khoan ?? h.dieu;
  const quote = clip(plain(p.source.norm.slice(c.span.start, c.span.end)).replace(/\n/g, ' '), 80);
  return {
    lead: `${fileLabel(at.uri)}:${pos.line + 1}`,
    text: `«${quote}»${inUnit ? ` — tại ${unitPathLabel(inUnit)}` : ''}`,
    href: `${at.uri}#L${pos.line + 1}`,
  };
}

/** How many times, and where, the unit whose marker is at `offset` is cited. */
function markerHover(ws: Workspace, u: Unit): Block[] {
  const places = citationsOf(u, (x) => ws.references(x));
  const blocks: Block[] = [unitHeading(u)];
  if (!places.length) {
    blocks.push({ kind: 'text', text: 'Chưa được viện dẫn.' });
    return blocks;
  }
  blocks.push({ kind: 'text', text: `Được viện dẫn ${places.length} lần:` });
  blocks.push({
    kind: 'list',
    items: places.slice(0, MAX_PLACES).map((pl) => placeText(ws, pl)),
    more: places.length > MAX_PLACES ? `… và ${places.length - MAX_PLACES} chỗ khác` : undefined,
  });
  return blocks;
}

export function hoverAt(ws: Workspace, uri: string, offset: number, markdown: boolean): Hover | null {
  const p = ws.parsed(uri);
  if (!p) return null;
  const r = citationAt(ws.resolved(uri), offset);
  if (r) {
    const h = citationHover(ws, p, r, offset);
    if (!h || !h.blocks.length) return null;
    return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: render(h.blocks, markdown) }, range: p.source.range(h.span.start, h.span.end) };
  }
  const u = markerAt(p.documents, offset);
  if (u) {
    return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: render(markerHover(ws, u), markdown) }, range: p.source.range(u.marker.start, u.marker.end) };
  }
  // The document's own number in its header (`Số: 12/2025/NĐ-CP`): who names it.
  const doc = documentAt(p.documents, offset);
  const n = doc?.identity.numberSpan;
  if (doc && n && touches(n, offset)) {
    const places = documentReferences(ws, doc);
    const blocks: Block[] = [{ kind: 'heading', text: documentSymbolName(doc) }];
    blocks.push({ kind: 'text', text: places.length ? `Được viện dẫn ${places.length} lần trong không gian làm việc.` : 'Chưa được viện dẫn trong không gian làm việc.' });
    return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: render(blocks, markdown) }, range: p.source.range(n.start, n.end) };
  }
  return null;
}

export const hoverFeature: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, ws, log, caps }) {
    connection.onHover(guard(log, 'hover', null, (params: HoverParams) => {
      const at = atPosition(ws, params?.textDocument?.uri, params?.position);
      if (!at) return null;
      const markdown = !!caps().textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown);
      return hoverAt(ws, at.uri, at.offset, markdown);
    }));
  },
};
