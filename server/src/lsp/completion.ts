/**
 * Completion (`textDocument/completion`), from the text before the cursor on its line:
 *
 * - `Điều ` / `khoản 2 Điều ` / `các Điều 5, ` (a citation) → the Điều of the document with
 *   their titles (of the document named just after the cursor, when one is: `Điều | của
 *   Nghị định số …`);
 * - `khoản ` → the khoản of the Điều named after the cursor (`khoản | Điều 5`), else of the
 *   Điều the cursor stands in (`khoản 3` alone means this Điều); `điểm ` likewise, one level down;
 * - `Nghị định số ` (any document type, then `số`; without `số` on explicit request) → the
 *   numbers of the workspace's documents, those of the same type first, then the catalogs'
 *   of that type, newest first (`catalogNumberItems`);
 * - at the start of a line: snippets for the next Chương / Điều / khoản / điểm, numbered from
 *   what comes before (`Điều 8. ${Tên điều}` after Điều 7); `Điều ` / `Chương ` typed at a
 *   line start → the next number.
 *
 * Snippets only for clients that take them (plain insert text otherwise); documentation in
 * Markdown only where the client renders it.
 */
import {
  CompletionItemKind, CompletionTriggerKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList,
  type CompletionParams, type MarkupContent,
} from 'vscode-languageserver/node';
import { intToRoman, POINT_LETTERS } from '../../../grammar/numbers';
import { citationAt, documentAt, lastBefore, unitsOfKind } from '../core/citations/at';
import { lookupUnit } from '../core/citations/resolve';
import { documentNumberCompletions } from '../core/catalog/complete';
import { typeName } from '../core/identity';
import type { DocNode, Unit } from '../core/model';
import type { Parsed } from '../core/parse';
import { fold, type Range } from '../core/text';
import type { Workspace } from '../core/workspace';
import { atPosition, citedDoc } from './definition';
import { guard } from './guard';
import { clip, escapeMarkdown, fileLabel, ownText, plain } from './hover';
import type { Feature } from './session';
import { documentSymbolName } from './symbols';

export interface CompletionOptions {
  snippets: boolean;
  markdown: boolean;
  /** Asked for explicitly (Ctrl+Space), not triggered by typing. */
  invoked: boolean;
}

/** How far back on the line the contexts look (lines can be megabytes). */
const LOOK_BACK = 200;
const LOOK_AHEAD = 120;

const TYPE_WORDS = 'bo luat|luat|phap lenh|nghi quyet lien tich|nghi quyet|nghi dinh|thong tu lien tich|thong tu|quyet dinh|chi thi|quy che|quy dinh|dieu le|van ban hop nhat|chuong trinh phoi hop|ke hoach';
const SEP = String.raw`\s*(?:,|va|hoac|den)\s*`;
const DIEU_BEFORE = new RegExp(String.raw`(?:^|[^a-z0-9])(?:cac\s+)?dieu\s+(?:\d+[a-z]?${SEP}(?:dieu\s+)?)*(\d*[a-z]?)$`);
const KHOAN_BEFORE = new RegExp(String.raw`(?:^|[^a-z0-9])(?:cac\s+)?khoan\s+(?:\d+[a-z]?${SEP}(?:khoan\s+)?)*(\d*[a-z]?)$`);
const DIEM_BEFORE = new RegExp(String.raw`(?:^|[^a-z0-9])(?:cac\s+)?diem\s+(?:[a-z]\d?${SEP}(?:diem\s+)?)*([a-z]?\d?)$`);
const NUMBER_BEFORE = new RegExp(String.raw`(?:^|[^a-z])(${TYPE_WORDS})\s+(so\s+)?([0-9][0-9a-z/.\-]*)?$`);
/** After the cursor: the rest of a list, then the Điều (`, 3 và 4 Điều 5`, `Điều này`). */
const DIEU_AFTER = new RegExp(String.raw`^\s*(?:\d+[a-z]?)?(?:${SEP}(?:khoan\s+)?\d+[a-z]?)*\s*(?:cua\s+)?dieu\s+(\d+[a-z]?|nay)(?![a-z0-9])`);
const KHOAN_AFTER = new RegExp(String.raw`^\s*(?:[a-z]\d?)?(?:${SEP}(?:diem\s+)?[a-z]\d?)*\s*(?:cua\s+)?khoan\s+(\d+[a-z]?|nay)(?![a-z0-9])(?:\s*(?:cua\s+)?dieu\s+(\d+[a-z]?|nay)(?![a-z0-9]))?`);
/** A line start: whitespace and Markdown decoration, then the start of a word. */
const LINE_START = /^[\s*#>_]*([\p{L}]*)$/u;

interface Ctx {
  ws: Workspace;
  uri: string;
  p: Parsed;
  offset: number;
  lineStart: number;
  doc: DocNode;
  opts: CompletionOptions;
}

function docs(ctx: Ctx, text: string): MarkupContent | string | undefined {
  if (!text) return undefined;
  return ctx.opts.markdown ? { kind: MarkupKind.Markdown, value: escapeMarkdown(text) } : text;
}

function replaceRange(ctx: Ctx, length: number): Range {
  return ctx.p.source.range(ctx.offset - length, ctx.offset);
}

function pad(i: number): string {
  return String(i).padStart(6, '0');
}

function unitTitle(u: Unit): string {
  return u.title ? plain(u.title).replace(/\n/g, ' ') : '';
}

/** Items for units (Điều / khoản / điểm) of `tp` to cite, replacing the partly typed number. */
function unitItems(ctx: Ctx, tp: Parsed, units: readonly Unit[], partial: string, describe: (u: Unit) => string, where?: string): CompletionItem[] {
  const range = replaceRange(ctx, partial.length);
  // Not the unit being written on this very line (`3. Trừ trường hợp tại khoản |`).
  const lineEnd = ctx.p.source.norm.indexOf('\n', ctx.offset);
  const typing = (u: Unit) => tp === ctx.p && u.marker.start >= ctx.lineStart && u.marker.start <= (lineEnd < 0 ? ctx.offset : lineEnd);
  return units.filter((u) => !typing(u)).map((u, i) => {
    const label = u.num.label;
    const title = unitTitle(u);
    const item: CompletionItem = {
      label,
      kind: CompletionItemKind.Reference,
      detail: `${describe(u)}${title ? `. ${title}` : ''}${where ? ` — ${where}` : ''}`,
      labelDetails: { description: clip(title || plain(u.text ?? '').split('\n')[0] || '', 60) },
      sortText: pad(i),
      filterText: label,
      textEdit: { range, newText: label },
    };
    const documentation = docs(ctx, clip(ownText(tp, u), 300));
    if (documentation) item.documentation = documentation;
    return item;
  });
}

/** The document named right after the cursor (`Điều | của Nghị định số 12/2025/NĐ-CP`), if in the workspace. */
function docAfter(ctx: Ctx): { tp: Parsed; doc: DocNode; other: boolean } | undefined {
  const list = ctx.ws.resolved(ctx.uri);
  const r = citationAt(list, ctx.offset) ?? list.find((x) => x.citation.span.start >= ctx.offset && x.citation.span.start - ctx.offset < 40);
  if (!r || !r.citation.doc || r.citation.doc.nay) return undefined;
  const between = ctx.p.source.norm.slice(ctx.offset, r.citation.doc.span.start);
  if (between.includes('\n') || r.citation.span.start > ctx.offset + 40) return undefined;
  const loc = citedDoc(r);
  if (!loc) return undefined;
  const tp = ctx.ws.parsed(loc.uri);
  return tp ? { tp, doc: loc.doc, other: loc.uri !== ctx.uri || loc.docIndex !== ctx.doc.index } : undefined;
}

/** The last unit of `kind` whose marker is before the current line, inside `within` (or the document). */
function lastOf(ctx: Ctx, kind: Unit['kind'], within?: Unit): Unit | undefined {
  const list = within ? within.children.filter((c) => c.kind === kind) : unitsOfKind(ctx.doc, kind);
  return lastBefore(list, ctx.lineStart);
}

/** The Điều the cursor stands in: the last one headed before this line. */
function currentDieu(ctx: Ctx): Unit | undefined {
  return lastOf(ctx, 'dieu');
}

function dieuItems(ctx: Ctx, partial: string): CompletionItem[] {
  const after = docAfter(ctx);
  if (after) {
    const list = unitsOfKind(after.doc, 'dieu');
    return unitItems(ctx, after.tp, list, partial, (u) => `Điều ${u.num.label}`, after.other ? documentSymbolName(after.doc) : undefined);
  }
  return unitItems(ctx, ctx.p, unitsOfKind(ctx.doc, 'dieu'), partial, (u) => `Điều ${u.num.label}`);
}

/** The Điều named after the cursor (`khoản | Điều 5`, `Điều này`), else the current one. */
function dieuFor(ctx: Ctx, label: string | undefined): { tp: Parsed; dieu: Unit | undefined; doc: DocNode; other: boolean } {
  const after = docAfter(ctx);
  const tp = after?.tp ?? ctx.p, doc = after?.doc ?? ctx.doc;
  if (label && label !== 'nay') return { tp, doc, dieu: lookupUnit(doc, { dieu: label }).unit, other: !!after?.other };
  return { tp: ctx.p, doc: ctx.doc, dieu: currentDieu(ctx), other: false };
}

function khoanItems(ctx: Ctx, partial: string): CompletionItem[] {
  const m = DIEU_AFTER.exec(fold(ctx.p.source.norm.slice(ctx.offset, ctx.offset + LOOK_AHEAD)));
  const { tp, dieu, doc, other } = dieuFor(ctx, m?.[1]);
  if (!dieu) return [];
  const list = dieu.children.filter((c) => c.kind === 'khoan');
  return unitItems(ctx, tp, list, partial, (u) => `khoản ${u.num.label} Điều ${dieu.num.label}`, other ? documentSymbolName(doc) : undefined);
}

function diemItems(ctx: Ctx, partial: string): CompletionItem[] {
  const m = KHOAN_AFTER.exec(fold(ctx.p.source.norm.slice(ctx.offset, ctx.offset + LOOK_AHEAD)));
  let tp = ctx.p, parent: Unit | undefined, where: string | undefined;
  if (m && m[1] !== 'nay') {
    const d = dieuFor(ctx, m[2]);
    tp = d.tp;
    parent = d.dieu?.children.find((c) => c.kind === 'khoan' && c.num.label.toLowerCase() === m[1]);
    if (d.other) where = documentSymbolName(d.doc);
  } else {
    const dieu = currentDieu(ctx);
    parent = dieu && (lastOf(ctx, 'khoan', dieu) ?? dieu);
  }
  if (!parent) return [];
  const p = parent;
  const list = p.children.filter((c) => c.kind === 'diem');
  const owner = p.kind === 'khoan' ? `khoản ${p.num.label} Điều ${p.parent?.num.label ?? '?'}` : `Điều ${p.num.label}`;
  return unitItems(ctx, tp, list, partial, (u) => `điểm ${u.num.label} ${owner}`, where);
}

/** Catalog numbers offered at most (the pháp điển catalog has ~1,700 Nghị định): more makes the list incomplete. */
const CATALOG_LIMIT = 100;

/**
 * Document numbers the catalogs know, for `Nghị định số ` (the catalog core's
 * `documentNumberCompletions`): the type's documents, newest first, after the workspace's
 * (which `numberItems` lists itself: they are skipped here). `incomplete` when more match
 * than are listed, so that the client asks again as the number is typed.
 */
export function catalogNumberItems(ws: Workspace, textBefore: string, range: Range, markdown: boolean): { items: CompletionItem[]; incomplete: boolean } {
  const found = documentNumberCompletions(ws, textBefore, CATALOG_LIMIT);
  if (!found) return { items: [], incomplete: false };
  const items: CompletionItem[] = [];
  for (const c of found.items) {
    if (c.source === 'workspace') continue;
    const [title, ...rest] = (c.detail ?? '').split(' — ');
    const item: CompletionItem = {
      label: c.number,
      kind: CompletionItemKind.Reference,
      detail: `${c.type ?? ''} ${c.number}`.trim(),
      labelDetails: { description: clip(title ?? '', 60) },
      sortText: `2${c.sortText}`,
      filterText: c.number,
      textEdit: { range, newText: c.number },
    };
    const doc = [c.detail ? [title, rest.join(' — ')].filter(Boolean).join('\n') : '', `danh mục: ${c.source}`].filter(Boolean).join('\n');
    item.documentation = markdown ? { kind: MarkupKind.Markdown, value: escapeMarkdown(doc) } : doc;
    items.push(item);
  }
  return { items, incomplete: found.incomplete };
}

function numberItems(ctx: Ctx, typeWord: string, typed: string, textBefore: string): { items: CompletionItem[]; incomplete: boolean } {
  const range = replaceRange(ctx, typed.length);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const [key, locs] of ctx.ws.documents().allNumbers()) {
    for (const loc of locs) {
      const id = loc.doc.identity;
      if (!id.number || seen.has(key)) continue;
      seen.add(key);
      const sameType = !!id.type && fold(id.type) === typeWord;
      const title = id.title ? plain(id.title).replace(/\n/g, ' ') : '';
      const item: CompletionItem = {
        label: id.number,
        kind: CompletionItemKind.File,
        detail: `${id.type ?? typeName(typeWord) ?? ''} ${id.number}`.trim(),
        labelDetails: { description: clip(title, 60) },
        sortText: `${sameType ? 0 : 1}${id.number}`,
        filterText: id.number,
        textEdit: { range, newText: id.number },
      };
      const documentation = docs(ctx, [title, fileLabel(loc.uri)].filter(Boolean).join('\n'));
      if (documentation) item.documentation = documentation;
      items.push(item);
    }
  }
  const fromCatalogs = catalogNumberItems(ctx.ws, textBefore, range, ctx.opts.markdown);
  return { items: [...items, ...fromCatalogs.items], incomplete: fromCatalogs.incomplete };
}

function nextNumber(u: Unit | undefined): number {
  return u && Number.isFinite(u.num.value) ? u.num.value + 1 : 1;
}

function snippetItem(ctx: Ctx, label: string, filter: string, snippet: string, plainText: string, detail: string, partial: string, order: number): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Snippet,
    detail,
    filterText: filter,
    sortText: `~${order}`,
    insertTextFormat: ctx.opts.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: replaceRange(ctx, partial.length), newText: ctx.opts.snippets ? snippet : plainText },
  };
}

/** Snippets for the next Chương / Điều / khoản / điểm at the start of a line. */
function lineStartItems(ctx: Ctx, partial: string): CompletionItem[] {
  const out: CompletionItem[] = [];
  const dieu = lastOf(ctx, 'dieu');
  const n = nextNumber(dieu);
  out.push(snippetItem(ctx, `Điều ${n}.`, `Điều Dieu ${n}`, `Điều ${n}. \${1:Tên điều}\n$0`, `Điều ${n}. `, 'Điều mới (số tiếp theo)', partial, 1));
  const chuong = lastOf(ctx, 'chuong');
  const roman = intToRoman(nextNumber(chuong));
  out.push(snippetItem(ctx, `Chương ${roman}`, `Chương Chuong ${roman}`, `Chương ${roman}\n\${1:TÊN CHƯƠNG}\n$0`, `Chương ${roman}\n`, 'Chương mới (số tiếp theo)', partial, 2));
  if (dieu) {
    const khoan = lastOf(ctx, 'khoan', dieu);
    const k = nextNumber(khoan);
    out.push(snippetItem(ctx, `khoản ${k}.`, `khoản khoan ${k}`, `${k}. $0`, `${k}. `, `khoản mới của Điều ${dieu.num.label}`, partial, 3));
    const owner = khoan ?? dieu;
    const diem = lastOf(ctx, 'diem', owner);
    if (diem || khoan) {
      const letter = diem ? POINT_LETTERS[diem.num.value] : 'a';
      if (letter) {
        const ownerName = owner.kind === 'khoan' ? `khoản ${owner.num.label} Điều ${dieu.num.label}` : `Điều ${dieu.num.label}`;
        out.push(snippetItem(ctx, `điểm ${letter})`, `điểm diem ${letter}`, `${letter}) $0`, `${letter}) `, `điểm mới của ${ownerName}`, partial, 4));
      }
    }
  }
  return out;
}

/** `Điều ` / `Chương ` typed at a line start: a heading being written, not a citation. */
function headingNumberItems(ctx: Ctx, kw: 'dieu' | 'chuong', partial: string): CompletionItem[] {
  if (kw === 'dieu') {
    const n = nextNumber(lastOf(ctx, 'dieu'));
    return [snippetItem(ctx, `${n}.`, String(n), `${n}. \${1:Tên điều}`, `${n}. `, 'Điều mới (số tiếp theo)', partial, 0)];
  }
  const roman = intToRoman(nextNumber(lastOf(ctx, 'chuong')));
  return [snippetItem(ctx, roman, roman, `${roman}\n\${1:TÊN CHƯƠNG}`, `${roman}\n`, 'Chương mới (số tiếp theo)', partial, 0)];
}

export function completionAt(ws: Workspace, uri: string, offset: number, opts: CompletionOptions): CompletionList | null {
  const p = ws.parsed(uri);
  if (!p) return null;
  const src = p.source;
  const pos = src.positionAt(offset);
  const lineStart = src.lineStartNorm(pos.line);
  const from = Math.max(lineStart, offset - LOOK_BACK);
  const before = src.fold.slice(from, offset);
  const beforeNorm = src.norm.slice(from, offset);
  const doc = documentAt(p.documents, offset);
  if (!doc) return null;
  const ctx: Ctx = { ws, uri, p, offset, lineStart, doc, opts };
  const list = (items: CompletionItem[]): CompletionList | null => (items.length ? { isIncomplete: false, items } : null);

  const atLineStart = from === lineStart;
  const heading = atLineStart ? /^[\s*#_]*(dieu|chuong)\s+([0-9ivxlc]*)$/.exec(before) : null;
  if (heading) return list(headingNumberItems(ctx, heading[1] as 'dieu' | 'chuong', heading[2]));
  if (atLineStart) {
    // Not on a space typed at a line start (indentation): only when asked, or on a word.
    const m = LINE_START.exec(beforeNorm);
    if (m) return m[1] || opts.invoked ? list(lineStartItems(ctx, m[1])) : null;
  }
  let m = DIEU_BEFORE.exec(before);
  if (m) return list(dieuItems(ctx, m[1]));
  m = KHOAN_BEFORE.exec(before);
  if (m) return list(khoanItems(ctx, m[1]));
  m = DIEM_BEFORE.exec(before);
  if (m) return list(diemItems(ctx, m[1]));
  m = NUMBER_BEFORE.exec(before);
  if (m && (m[2] || opts.invoked)) {
    // The type word as written must be capitalized: `quy định số` in prose is no citation.
    const at = from + m.index + m[0].indexOf(m[1]);
    const ch = src.norm[at];
    if (ch && ch !== ch.toLowerCase()) {
      const numbers = numberItems(ctx, m[1], m[3] ?? '', beforeNorm);
      return numbers.items.length ? { isIncomplete: numbers.incomplete, items: numbers.items } : null;
    }
  }
  return null;
}

export const completionFeature: Feature = {
  capabilities: () => ({ completionProvider: { triggerCharacters: [' '], resolveProvider: false } }),
  register({ connection, ws, log, caps }) {
    connection.onCompletion(guard(log, 'completion', null, (params: CompletionParams) => {
      const at = atPosition(ws, params?.textDocument?.uri, params?.position);
      if (!at) return null;
      const c = caps().textDocument?.completion?.completionItem;
      return completionAt(ws, at.uri, at.offset, {
        snippets: !!c?.snippetSupport,
        markdown: !!c?.documentationFormat?.includes(MarkupKind.Markdown),
        invoked: params.context?.triggerKind !== CompletionTriggerKind.TriggerCharacter,
      });
    }));
  },
};
