/**
 * Detection: the citations of a parsed file, as syntax plus where they stand (the document
 * and the Điều/khoản/điểm around them, which "này" refers to). No resolution here.
 */
import { citationCandidates, findCitations, LEVEL_RANK, type RawCitation, type RawDocRef, type RawLevel } from '../../../../grammar/citations';
import { payload, Quoted, tokenEnd } from '../../../../grammar/lexer';
import type { DocNode, Span, Unit } from '../model';
import type { Parsed } from '../parse';

export interface Here {
  chuong?: Unit;
  muc?: Unit;
  dieu?: Unit;
  khoan?: Unit;
  diem?: Unit;
}

export interface Citation {
  /** Index in the file's citation list. */
  id: number;
  span: Span;
  /** The citing document (index in the file). */
  docIndex: number;
  levels: RawLevel[];
  doc?: RawDocRef;
  here: Here;
  /**
   * Written right after an amending verb (`Sửa đổi, bổ sung khoản 3 Điều 5 như sau:`): without a
   * document named, it cites the amended document, not this one.
   */
  amending?: boolean;
}

/** Words that make a unit's heading an amendment of another document. */
const AMENDING = /sua doi|bo sung|bai bo|thay the|dinh chinh|hop nhat|(?:^|[^a-z])(?:bo|sua|thay)(?:[^a-z]|$)/;

export interface FileCitations {
  citations: Citation[];
  /**
   * Units (and documents) whose heading amends another document ("Sửa đổi, bổ sung một số
   * điều của Nghị định số 01/2015/NĐ-CP"): citations inside them without a document refer
   * to the amended one. Keyed by unit, value = the citation naming the amended document.
   */
  amends: Map<Unit | DocNode, Citation>;
}

export function extractCitations(file: Parsed): FileCitations {
  const { norm, fold } = file.source;
  // 1. Syntax, line by line; a citation wrapped onto the next line is joined back.
  const raws: Array<{ raw: RawCitation; lineStart: number }> = [];
  const candidates = citationCandidates(fold);
  let ci = 0;
  for (const t of file.tokens) {
    if (t.tokenType === Quoted) continue; // amended text of another document
    const start = t.startOffset, end = tokenEnd(t);
    while (ci < candidates.length && candidates[ci] < start) ci++;
    if (ci >= candidates.length || candidates[ci] >= end) continue;
    const p = payload(t);
    const quotes = inlineQuotes(norm, start, end);
    const skip = (o: number): boolean => (!!p && o >= p.markerStart && o < p.markerEnd) || quotes.some(([a, b]) => o > a && o < b);
    for (const raw of findCitations(norm, fold, start, end, skip, candidates, ci)) {
      const prev = raws[raws.length - 1]?.raw;
      if (prev && continuesOnNextLine(norm, prev, raw)) {
        // `… quy định tại khoản 2` / `Điều 5 của Luật …`: one citation wrapped over two lines.
        const top = prev.levels[prev.levels.length - 1];
        prev.levels = [...prev.levels, ...raw.levels.filter((l) => LEVEL_RANK[l.kind] > LEVEL_RANK[top.kind])];
        prev.doc = raw.doc;
        prev.span = { start: prev.span.start, end: raw.span.end };
        continue;
      }
      raws.push({ raw, lineStart: start });
    }
  }
  // 2. Runs share what they say once (across the joined lines too).
  linkRuns(norm, raws.map((r) => r.raw));
  // 3. Place: the document and the units around each citation.
  const docs = file.documents;
  const citations: Citation[] = [];
  let di = 0;
  for (const { raw, lineStart } of raws) {
    while (di < docs.length - 1 && raw.span.start >= docs[di + 1].span.start) di++;
    const c = toCitation(raw, citations.length, di, docs[di]);
    if (!c.doc && AMENDING_BEFORE.test(fold.slice(Math.max(lineStart, c.span.start - 80), c.span.start))) c.amending = true;
    citations.push(c);
  }
  return { citations, amends: findAmendments(file, citations) };
}

/** An amending verb shortly before a citation, in the same sentence. */
const AMENDING_BEFORE = /(?:sua doi|bo sung|bai bo|thay the|dinh chinh)[^.;:]*$/;

/**
 * Whether `next` (first on its line) continues `prev` (last on the line before): prev ends its
 * line naming only smaller units and no document, next starts its line with a larger unit.
 */
function continuesOnNextLine(norm: string, prev: RawCitation, next: RawCitation): boolean {
  if (prev.doc || !next.levels.length || prev.levels.some((l) => l.nay)) return false;
  const between = norm.slice(prev.span.end, next.span.start);
  if (!/^[ \t]*\r?\n[ \t*_]*$/.test(between)) return false;
  const prevTop = prev.levels[prev.levels.length - 1];
  return LEVEL_RANK[next.levels[0].kind] > LEVEL_RANK[prevTop.kind];
}

const QUOTE_MARK = /["“”]/;

/**
 * Quotations inside a line (`Bỏ cụm từ “… điểm b khoản này” tại …`): words of another
 * text, whose citations are not this document's.
 */
function inlineQuotes(norm: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!QUOTE_MARK.test(norm.slice(start, end))) return out; // most lines: none
  let open = -1;
  let straight = false;
  for (let i = start; i < end; i++) {
    const c = norm.charCodeAt(i);
    if (open < 0) {
      if (c === 0x201c || c === 0x22) { open = i; straight = c === 0x22; }
    } else if ((straight && c === 0x22) || (!straight && (c === 0x201d || c === 0x22))) {
      out.push([open, i]);
      open = -1;
    }
  }
  if (open >= 0) out.push([open, end]);
  return out;
}

const SEPARATOR = /^[\s,;]*(?:(?:và|hoặc|va|hoac)[\s,]*)?$/;

/**
 * Citations written as one run share what the run says once:
 * - `khoản 6 Điều 3, Điều 9, khoản 2 Điều 10 … của Luật Đất đai`: the document named at the
 *   end is the document of every citation of the run that names none;
 * - `Điều 141, các khoản 2, 3 và 4`: khoản written after their Điều belong to it.
 */
function linkRuns(norm: string, list: RawCitation[]): void {
  for (let i = list.length - 2; i >= 0; i--) {
    const c = list[i], next = list[i + 1];
    if (!SEPARATOR.test(norm.slice(c.span.end, next.span.start))) continue;
    if (c.doc || c.levels.some((l) => l.nay)) continue;
    // `điểm c khoản 1, điểm c khoản 2 và điểm c khoản 3 Điều 53`: the larger units written
    // once at the end belong to every chain of the run that stops below them.
    const top = c.levels[c.levels.length - 1];
    const inherits = !!top && next.levels.length > 0 && LEVEL_RANK[next.levels[next.levels.length - 1].kind] > LEVEL_RANK[top.kind];
    if (inherits) c.levels = [...c.levels, ...next.levels.filter((l) => LEVEL_RANK[l.kind] > LEVEL_RANK[top.kind])];
    // The document too: a named one always; "… này" only for a chain completed from the next.
    if (next.doc && (inherits || (!next.doc.nay && !next.doc.neuTren))) c.doc = next.doc;
  }
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1], c = list[i];
    const top = c.levels[c.levels.length - 1];
    const prevTop = prev.levels[prev.levels.length - 1];
    if (!top || top.kind !== 'khoan' || c.doc || top.nay || !prevTop || prevTop.kind !== 'dieu' || prevTop.items.length !== 1) continue;
    if (!/^\s*,\s*$/.test(norm.slice(prev.span.end, c.span.start)) || prev.doc) continue;
    c.levels = [...c.levels, { kind: 'dieu', kwSpan: prevTop.kwSpan, items: [prevTop.items[0]] }];
  }
}

function toCitation(raw: RawCitation, id: number, docIndex: number, doc: DocNode | undefined): Citation {
  return { id, span: raw.span, docIndex, levels: raw.levels, doc: raw.doc, here: doc ? enclosing(doc.units, raw.span.start) : {} };
}

/** The units around an offset. */
export function enclosing(units: readonly Unit[], offset: number): Here {
  const here: Here = {};
  let list = units;
  for (;;) {
    const u = findContaining(list, offset);
    if (!u) return here;
    if (u.kind === 'chuong' || u.kind === 'muc' || u.kind === 'dieu' || u.kind === 'khoan' || u.kind === 'diem') here[u.kind] = u;
    list = u.children;
  }
}

function findContaining(list: readonly Unit[], offset: number): Unit | undefined {
  let lo = 0, hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const u = list[mid];
    if (offset < u.span.start) hi = mid - 1;
    else if (offset >= u.span.end) lo = mid + 1;
    else return u;
  }
  return undefined;
}

function findAmendments(file: Parsed, citations: Citation[]): Map<Unit | DocNode, Citation> {
  const out = new Map<Unit | DocNode, Citation>();
  const fold = file.source.fold;
  for (const c of citations) {
    const ref = c.doc;
    if (!ref || ref.nay || ref.neuTren || (!ref.number && !ref.name)) continue;
    const doc = file.documents[c.docIndex];
    if (!doc) continue;
    // A document whose title amends another: its own citations default to the amended one.
    const firstUnit = doc.units[0]?.span.start ?? doc.span.end;
    if (c.span.start < firstUnit) {
      const line = lineAround(fold, c.span.start);
      if (!out.has(doc) && AMENDING.test(line) && !/^\W*can cu/.test(line)) out.set(doc, c);
      continue;
    }
    // A unit whose heading line (title, or first line of text) amends another document.
    const u = c.here.diem ?? c.here.khoan ?? c.here.dieu;
    if (!u || out.has(u)) continue;
    const headEnd = fold.indexOf('\n', u.marker.end);
    if (c.span.start > (headEnd < 0 ? fold.length : headEnd)) continue;
    const head = fold.slice(u.marker.end, c.span.start);
    if (AMENDING.test(head)) out.set(u, c);
  }
  return out;
}

/** The line around an offset, at most 300 characters either side (lines can be megabytes). */
function lineAround(fold: string, offset: number): string {
  const from = Math.max(0, offset - 300);
  const nl = fold.lastIndexOf('\n', offset);
  const s = Math.max(from, nl + 1);
  let e = fold.indexOf('\n', offset);
  if (e < 0 || e > offset + 300) e = Math.min(fold.length, offset + 300);
  return fold.slice(s, e);
}
