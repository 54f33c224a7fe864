/**
 * Comparing what a citation says about a document (date, issuer, type, title) with what the
 * catalog or the document itself says. Only clear contradictions count: an issuer that does
 * not read completely as known agencies, a title that shares words with the known one, a
 * joint act whose issuers catalogs list partly — all say nothing.
 */
import type { RawDocRef } from '../../../../grammar/citations';
import { type DocNumberParts, parseDocNumber } from '../docnumber';
import type { Span } from '../model';
import { fold } from '../text';
import { isJoint, issuerCodes, issuerCodesOfNumber, issuerName } from './tables';

/** What is known of a cited document, from a catalog entry or a workspace document's header. */
export interface KnownDoc {
  number?: string;
  type?: string;
  typeKey?: string;
  date?: string;
  issuer?: string;
  title?: string;
}

export interface Contradiction {
  field: 'date' | 'issuer' | 'type' | 'title';
  span: Span;
  cited: string;
  known: string;
}

/** Words that open the title (trích yếu) written after a cited document. */
const TITLE_START = /^[\s,]*(?:ban hanh|quy dinh|huong dan|ve |sua doi|phe duyet|thanh lap|bai bo|kien toan|quy che|dinh chinh|thi diem|chuyen doi|xu phat|ung dung)/;

/** The title written after a citation (`… của Chính phủ ban hành Quy chế làm việc của Chính phủ;`). */
export function citedTitle(norm: string, foldText: string, ref: RawDocRef): { text: string; span: Span } | undefined {
  const from = ref.span.end;
  const window = foldText.slice(from, from + 400);
  const m = TITLE_START.exec(window);
  if (!m) return undefined;
  const lead = m[0].length - m[0].trimStart().length;
  let end = window.search(/[;\n:(“"”]|\.(?:\s|$)/);
  if (end < 0) end = window.length;
  const start = from + lead;
  const text = norm.slice(start, from + end).replace(/[*_]+/g, '').trim();
  return text ? { text, span: { start, end: start + text.length } } : undefined;
}

/** Common words of titles that tell nothing about the subject. */
const TITLE_STOP = new Set((
  've viec cua va cac mot so dieu khoan diem quy dinh ban hanh huong dan thi chi tiet trong tai theo cho voi de doi '
  + 'nhung nam ngay thang sua bo sung thuc hien nay la o co duoc nhu sau phe duyet kem nghi thong tu quyet luat bien phap '
  + 'cong tac hoat dong quan ly nha nuoc linh vuc lien quan').split(' '));

function contentWords(s: string): Set<string> {
  return new Set(fold(s.normalize('NFC')).split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !TITLE_STOP.has(w)));
}

/**
 * Whether a cited title clearly contradicts the known one: both say enough (three words of
 * substance or more) and share almost none of them.
 */
export function titleContradicts(cited: string, known: string): boolean {
  const a = contentWords(cited), b = contentWords(known);
  if (a.size < 3 || b.size < 3) return false;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / Math.min(a.size, b.size) < 0.2;
}

/** Type words that name the same kind of act. */
function sameType(a: string, b: string): boolean {
  const norm = (t: string): string => (t === 'bo luat' ? 'luat' : t);
  return norm(a) === norm(b);
}

/** Contradictions between a number citation and what is known of the document. */
export function contradictions(norm: string, foldText: string, ref: RawDocRef, known: KnownDoc, number: string | undefined): Contradiction[] {
  const out: Contradiction[] = [];
  const parts = number ? parseDocNumber(number) : undefined;
  // Date: unless the date's year already contradicts the number (citation-malformed says so).
  if (ref.date && known.date && ref.date.iso !== known.date && !(parts?.year !== undefined && parts.year !== ref.date.year)) {
    out.push({ field: 'date', span: ref.date.span, cited: ref.date.iso, known: known.date });
  }
  if (ref.issuer && ref.issuerSpan) {
    const c = issuerContradiction(ref.issuer, known, parts);
    if (c) out.push({ field: 'issuer', span: ref.issuerSpan, cited: ref.issuer, known: c });
  }
  // Type: only where the number carries no type code (`…/QH11` is a Luật, a Bộ luật or a Nghị quyết).
  if (ref.type && ref.typeSpan && known.typeKey && parts && !parts.typeCode && !parts.old && !sameType(ref.type, known.typeKey)) {
    out.push({ field: 'type', span: ref.typeSpan, cited: norm.slice(ref.typeSpan.start, ref.typeSpan.end), known: known.type ?? known.typeKey });
  }
  if (known.title) {
    const t = ref.number ? citedTitle(norm, foldText, ref) : ref.name && ref.nameSpan ? { text: ref.name, span: ref.nameSpan } : undefined;
    if (t && titleContradicts(t.text, known.title)) out.push({ field: 'title', span: t.span, cited: t.text, known: known.title });
  }
  return out;
}

/** The known issuer's name when the cited one contradicts it, else undefined. */
function issuerContradiction(cited: string, known: KnownDoc, parts: DocNumberParts | undefined): string | undefined {
  if (isJoint(parts)) return undefined;
  const c = issuerCodes(cited);
  if (!c) return undefined;
  const fromNumber = issuerCodesOfNumber(parts);
  const fromKnown = issuerCodes(known.issuer) ?? [];
  if (known.issuer && !issuerCodes(known.issuer) && !fromNumber.length) return undefined;
  const expected = [...fromKnown, ...fromNumber];
  if (!expected.length || c.some((x) => expected.includes(x))) return undefined;
  return known.issuer ?? issuerName(expected[0]);
}
