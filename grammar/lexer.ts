/**
 * Line-granular structure lexer (Chevrotain, custom patterns).
 *
 * Tokens are logical lines: a heading, a khoản / điểm line, a dash line, a header line, a
 * quoted block of amended text, or plain prose. A logical line ends at the end of the
 * physical line, or earlier where a heading was run together mid-line
 * (`…QUỐC GIA Điều 9. Tên`) or where a multi-line quotation opens (`… như sau: “Điều 5. …`).
 *
 * The lexer runs over `fold` (lower-case ASCII skeleton, same length as the NFC text) for
 * keyword matching and looks at `norm` (NFC) where case or the letter `đ` matters, so token
 * offsets are offsets in `norm`. It never fails: `Text` and `Blank` accept any character.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

/** Extra data a line token carries (Chevrotain custom payload). */
export interface LinePayload {
  /** Marker span without decoration (`Điều 6`, `3.`, `b)`). */
  markerStart: number;
  markerEnd: number;
  /** Number/letter as written (`15a`, `đ`, `II`, `thứ hai`). */
  label: string;
  /** How the marker ends: `.`, `)`, `-`, `:` or '' (nothing). */
  punct: string;
  /** Span of the keyword (`Điều`, `Chương`…) — to check diacritics. */
  keywordStart: number;
  keywordEnd: number;
  /** Rest of the line after the marker (trimmed, decoration removed). */
  restStart: number;
  restEnd: number;
  /** True when Markdown bold closed right after the marker (`**Điều 1.** Ban hành…`). */
  boldClosedAfterMarker: boolean;
}

interface Ctx { norm: string; fold: string }
let ctx: Ctx = { norm: '', fold: '' };

type Match = RegExpExecArray & { payload?: LinePayload };

function result(start: number, end: number, payload?: LinePayload): Match {
  const m = [ctx.norm.slice(start, end)] as unknown as Match;
  m.index = start;
  if (payload) m.payload = payload;
  return m;
}

/** End of the physical line starting at or containing `o`. */
function eol(o: number): number {
  const f = ctx.fold;
  let i = o;
  while (i < f.length) {
    const c = f.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

// Markdown/OCR decoration before a marker: indentation, `#`, `>`, table pipe, bold/italic.
// OCR leaves stray marks before a marker (`, 1. …`, `• 2. …`); they are decoration too.
const DECOR = '[ \\t]*(?:[,.\\u2022\\u00b7\'`][ \\t]+)?(?:#{1,6}[ \\t]*)?(?:>[ \\t]*)?(?:\\|[ \\t]*)?(?:[*_]{1,3}[ \\t]*)?';
const CLOSE_DECOR = /^[ \t]*(?:[*_]{1,3})/;

/** True when `norm[i]` is an upper-case letter. */
function isUpper(i: number): boolean {
  const ch = ctx.norm[i];
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Offset after trailing decoration and blanks (`**`, `:`), from `i`, before `end`. */
function skipCloseDecor(i: number, end: number): { pos: number; closed: boolean } {
  const m = CLOSE_DECOR.exec(ctx.norm.slice(i, Math.min(end, i + 8)));
  if (m) return { pos: i + m[0].length, closed: true };
  return { pos: i, closed: false };
}

function trimSpan(start: number, end: number): [number, number] {
  const n = ctx.norm;
  while (start < end && /[\s*_#|]/.test(n[start])) start++;
  while (end > start && /[\s*_|]/.test(n[end - 1])) end--;
  return [start, end];
}

/**
 * Where the logical line that starts at `o` ends: the physical end of line, or an earlier
 * split point (a heading run together mid-line, or a multi-line quotation opening).
 */
function logicalEnd(o: number, from: number = o): number {
  const end = eol(o);
  const f = ctx.fold;
  // Cheap filter: only lines that mention a heading keyword or hold a quote can split.
  const seg = f.slice(from, end);
  let best = end;
  if (/dieu|chuong|muc|phan/.test(seg)) {
    MIDLINE_HEADING.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = MIDLINE_HEADING.exec(f)) && m.index < end) {
      const at = m.index + m[1].length;
      if (at <= from || !isUpper(at)) continue;
      if (midlineSplitOk(at)) { best = at; break; }
    }
  }
  const q = multilineQuoteOpen(from, best);
  if (q >= 0) best = Math.min(best, q);
  return best;
}

// A heading keyword inside a line: "… QUỐC GIA Điều 9. Tên", "… CHUNG Chương I NHỮNG …".
const MIDLINE_HEADING = /([ \t"”*]+)(?:dieu \d+[a-z]?\. |chuong [ivxlc]+ |muc \d+[.:]? |phan thu )/g;

function midlineSplitOk(at: number): boolean {
  // Preceded by a closing quote, or by an upper-case word (a title in capitals), or by the
  // end of a sentence followed by a Chương heading ("… Điều này. Chương IV THỦ TỤC …").
  const n = ctx.norm;
  let i = at - 1;
  while (i >= 0 && (n[i] === ' ' || n[i] === '\t' || n[i] === '*')) i--;
  if (i < 0) return false;
  const c = n[i];
  if (c === '"' || c === '”') return true;
  const isChuong = ctx.fold.startsWith('chuong', at) || ctx.fold.startsWith('phan', at);
  if (isChuong && (c === '.' || c === ':')) {
    // …and followed by a title in capitals.
    const m = /^\S+ [IVXLC]+ ([^\s]{2,})/.exec(n.slice(at, at + 60)) || /^Phần thứ \S+ (\S{2,})/.exec(n.slice(at, at + 60));
    return !!m && m[1] === m[1].toUpperCase() && m[1] !== m[1].toLowerCase();
  }
  // The word before must be in capitals (at least 2 letters).
  let j = i;
  while (j >= 0 && /[^\s]/.test(n[j])) j--;
  const word = n.slice(j + 1, i + 1).replace(/[^\p{L}]/gu, '');
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/**
 * Offset of a quotation mark in [from, end) that opens a quotation continuing past this
 * line (amended text: `… như sau: “Điều 5. …`), or -1. Only a quote after `:` counts
 * mid-line; one at the very start of the logical line is handled by the `Quoted` token.
 */
function multilineQuoteOpen(from: number, end: number): number {
  const n = ctx.norm;
  for (let i = from + 1; i < end; i++) {
    const c = n.charCodeAt(i);
    if (c !== 0x201c && c !== 0x22) continue;
    let k = i - 1;
    while (k >= from && (n[k] === ' ' || n[k] === '\t')) k--;
    if (n[k] !== ':') continue;
    if (quoteClose(i) > eol(i)) return i;
  }
  return -1;
}

/**
 * Offset just after the quotation that opens at `i` (balanced “ ”; a straight quote closes
 * at the next straight quote), or -1 when it never closes. A line that opens a new
 * quotation while one is still open ends the unclosed one before it.
 */
function quoteClose(i: number): number {
  const n = ctx.norm;
  const straight = n.charCodeAt(i) === 0x22;
  let depth = 1;
  let lineStart = false;
  for (let j = i + 1; j < n.length; j++) {
    const c = n.charCodeAt(j);
    if (c === 10 || c === 13) { lineStart = true; continue; }
    if (lineStart && c !== 32 && c !== 9) {
      lineStart = false;
      if (!straight && c === 0x201c && depth >= 1 && quoteRunsPastLine(j)) return j;
    }
    if (straight) {
      if (c === 0x22) return j + 1;
    } else if (c === 0x201c) depth++;
    else if (c === 0x201d || c === 0x22) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/** Whether the “ at `j` is not closed on its own line (a new block-level quotation). */
function quoteRunsPastLine(j: number): boolean {
  const end = eol(j);
  const n = ctx.norm;
  let depth = 0;
  for (let k = j; k < end; k++) {
    const c = n.charCodeAt(k);
    if (c === 0x201c) depth++;
    else if (c === 0x201d) depth--;
  }
  return depth > 0;
}

// ---------------------------------------------------------------------------------------
// Token patterns. Each runs at the start of a logical line (the lexer skips blanks first).

function sticky(src: string): RegExp { return new RegExp(src, 'yd'); }

const RE_DIEU = sticky(`${DECOR}(dieu)[ \\t]+(\\d{1,4}[a-z]?)`);
const RE_CHUONG = sticky(`${DECOR}(chuong|chuang)[ \\t]+([ivxlc]+|\\d{1,3})(?![a-z0-9])`);
const RE_PHAN = sticky(`${DECOR}(phan)[ \\t]+(thu[ \\t]+[a-z]+(?:[ \\t]+(?:muoi|mot|hai|ba|tu|nam|sau|bay|tam|chin|lam|nhat))*|[ivxlc]+(?![a-z0-9]))`);
const RE_MUC = sticky(`${DECOR}(muc)[ \\t]+(\\d{1,3}[a-z]?|[ivxlc]+(?![a-z0-9]))`);
const RE_TIEUMUC = sticky(`${DECOR}(tieu muc)[ \\t]+(\\d{1,3}[a-z]?)`);
const RE_KHOAN = sticky(`${DECOR}(?:[-+*][ \\t]+)?(\\d{1,3}[a-z]?)([.)]|-(?!\\d))(?=[ \\t*_,]|$)`);
const RE_DIEM = sticky(`${DECOR}(?:[-+][ \\t]+)?([a-z]\\d{0,2})([).])(?=[ \\t*_]|$)`);
const RE_ROMAN = sticky(`${DECOR}([ivxlc]{1,6})([.)]|[ \\t]*-|(?=[ \\t]))(?=[ \\t*_]|$)`);
const RE_DASH = sticky(`${DECOR}[-+\\u2013\\u2022][ \\t]*`);
const RE_SO = sticky(`${DECOR}(?:so|s6)[ \\t]*:`);
const RE_MOTTO = /cong hoa xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc/y;
const RE_LEADING = sticky(`${DECOR}`);

/** Document type words that open a document's title line (caps): `QUYẾT ĐỊNH`, `QUY CHẾ`… */
export const DOC_TYPE_WORDS = [
  'bo luat', 'luat', 'phap lenh', 'nghi quyet lien tich', 'nghi quyet', 'nghi dinh', 'quyet dinh',
  'thong tu lien tich', 'thong tu', 'chi thi', 'quy che', 'quy dinh', 'dieu le', 'quy trinh',
  'chuong trinh phoi hop', 'chuong trinh', 'ke hoach', 'huong dan', 'van ban hop nhat', 'cong van',
];
const RE_DOCTITLE = sticky(`${DECOR}(${DOC_TYPE_WORDS.join('|')})[ \\t]*(?:[*_]{1,3})?[ \\t]*$`);

function heading(re: RegExp, kindCheck?: (afterNum: number, end: number, p: LinePayload) => boolean) {
  return (text: string, o: number): Match | null => {
    re.lastIndex = o;
    const m = re.exec(text);
    if (!m || !m.indices) return null;
    const [keywordStart, keywordEnd] = m.indices[1];
    if (!isUpper(keywordStart)) return null; // `điều 5 …` in lower case is prose
    const [numStart, numEnd] = m.indices[2];
    const lend = logicalEnd(o, numEnd);
    let i = numEnd;
    while (i < lend && (ctx.norm[i] === ' ' || ctx.norm[i] === '\t') && /[.:]/.test(ctx.norm[i + 1] ?? '')) i++;
    let punct = '';
    if (ctx.norm[i] === '.' || ctx.norm[i] === ':') { punct = ctx.norm[i]; i++; }
    const markerEnd = punct ? i : numEnd;
    const cd = skipCloseDecor(i, lend);
    const [restStart, restEnd] = trimSpan(cd.pos, lend);
    const p: LinePayload = {
      markerStart: keywordStart, markerEnd, label: ctx.norm.slice(numStart, numEnd),
      punct, keywordStart, keywordEnd, restStart, restEnd, boldClosedAfterMarker: cd.closed && restEnd > restStart,
    };
    if (kindCheck && !kindCheck(numEnd, lend, p)) return null;
    return result(o, lend, p);
  };
}

const DOC_TYPE_AFTER = /^(?:của |cua |nay\b|này\b|(?:luật|bộ luật|nghị định|nghị quyết|thông tư|quyết định|quy chế|quy định|pháp lệnh|chỉ thị|hiến pháp|điều lệ)\b)/i;

/** `Điều 5.` is a heading; `Điều 5 của …` / `Điều 5 Nghị định này` at a line start is prose. */
function dieuCheck(numEnd: number, lend: number, p: LinePayload): boolean {
  if (p.punct === '.' || p.punct === ':') {
    // `Điều 5. …` but not a citation ending a sentence mid-paragraph: accept.
    return true;
  }
  const after = ctx.norm.slice(numEnd, Math.min(lend, numEnd + 40)).replace(/^[ \t*_]+/, '');
  if (after === '') return true; // title on the next line, or none
  if (DOC_TYPE_AFTER.test(after)) return false;
  if (/^\d{1,2}[-.)][ \t]/.test(after)) return true; // `Điều 2 1- …` (old laws)
  let k = numEnd;
  while (k < lend && /[ \t*_]/.test(ctx.norm[k])) k++;
  return isUpper(k);
}

function markerLine(re: RegExp, check?: (p: LinePayload, m: RegExpExecArray) => boolean) {
  return (text: string, o: number): Match | null => {
    re.lastIndex = o;
    const m = re.exec(text);
    if (!m) return null;
    const end = m.index + m[0].length;
    const markerStart = m.indices ? m.indices[1][0] : end - m[1].length - m[2].length;
    const lend = logicalEnd(o, end);
    const cd = skipCloseDecor(end, lend);
    const [restStart, restEnd] = trimSpan(cd.pos, lend);
    const p: LinePayload = {
      markerStart, markerEnd: end, label: ctx.norm.slice(markerStart, markerStart + m[1].length),
      punct: m[2].trim(), keywordStart: markerStart, keywordEnd: markerStart, restStart, restEnd,
      boldClosedAfterMarker: cd.closed,
    };
    if (check && !check(p, m)) return null;
    return result(o, lend, p);
  };
}

function wholeLine(re: RegExp, anywhere = false) {
  return (text: string, o: number): Match | null => {
    if (anywhere) {
      const end = eol(o);
      const seg = text.slice(o, end);
      re.lastIndex = 0;
      const flags = re.flags.replace('y', '');
      if (!new RegExp(re.source, flags).test(seg)) return null;
      return result(o, end);
    }
    re.lastIndex = o;
    const m = re.exec(text);
    if (!m) return null;
    const lend = logicalEnd(o, m.index + m[0].length);
    const [restStart, restEnd] = trimSpan(m.index + m[0].length, lend);
    const p: LinePayload = {
      markerStart: m.index + m[0].length - (m[1]?.length ?? 0), markerEnd: m.index + m[0].length, label: m[1] ?? '',
      punct: '', keywordStart: o, keywordEnd: o, restStart, restEnd, boldClosedAfterMarker: false,
    };
    return result(o, lend, p);
  };
}

function quoted(text: string, o: number): Match | null {
  RE_LEADING.lastIndex = o;
  const lead = RE_LEADING.exec(text);
  const q = o + (lead ? lead[0].length : 0);
  const c = ctx.norm.charCodeAt(q);
  if (c !== 0x201c && c !== 0x22) return null;
  const close = quoteClose(q);
  if (close < 0 || close <= eol(q)) return null; // closes on its own line: ordinary text
  // Trailing punctuation after the closing quote (`”.`, `”;`, `”./.`) belongs to the block.
  let end = close;
  const lend = eol(close);
  const tail = ctx.norm.slice(close, lend);
  if (/^[\s.;,:/*_)]*$/.test(tail)) end = lend;
  return result(o, end);
}

function text(textIn: string, o: number): Match | null {
  const end = logicalEnd(o);
  if (end <= o) {
    // A split point at the very start cannot happen (headings match first); consume one char.
    return result(o, Math.min(o + 1, textIn.length));
  }
  return result(o, end);
}

function docTitle(text: string, o: number): Match | null {
  RE_DOCTITLE.lastIndex = o;
  const m = RE_DOCTITLE.exec(text.slice(0, eol(o)));
  if (!m) return null;
  const kw = text.indexOf(m[1], o);
  // Only in capitals: `QUY CHẾ`, not a sentence starting `Quy chế …`.
  const word = ctx.norm.slice(kw, kw + m[1].length);
  if (word !== word.toUpperCase()) return null;
  return result(o, eol(o), {
    markerStart: kw, markerEnd: kw + m[1].length, label: word, punct: '', keywordStart: kw,
    keywordEnd: kw + m[1].length, restStart: kw + m[1].length, restEnd: kw + m[1].length, boldClosedAfterMarker: false,
  });
}

function tok(name: string, exec: (text: string, o: number) => Match | null, extra: Partial<Parameters<typeof createToken>[0]> = {}): TokenType {
  return createToken({ name, pattern: { exec }, line_breaks: true, ...extra });
}

export const Blank = createToken({ name: 'Blank', pattern: /[ \t\r\n\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Quoted = tok('Quoted', quoted);
export const HeaderLine = tok('HeaderLine', wholeLine(RE_MOTTO, true));
export const SoLine = tok('SoLine', wholeLine(RE_SO));
export const DocTitle = tok('DocTitle', docTitle);
export const Phan = tok('Phan', heading(RE_PHAN));
export const Chuong = tok('Chuong', heading(RE_CHUONG));
export const TieuMuc = tok('TieuMuc', heading(RE_TIEUMUC));
export const Muc = tok('Muc', heading(RE_MUC, (_n, _e, p) => /^\d/.test(p.label) || p.punct !== '' || p.restEnd === p.restStart || isUpper(p.restStart)));
export const Dieu = tok('Dieu', heading(RE_DIEU, dieuCheck));
export const Roman = tok('Roman', markerLine(RE_ROMAN, (p) => {
  // Roman numerals in capitals only (`I.`), or a lone `l.`/`I.` misread for `1.`.
  const s = ctx.norm.slice(p.markerStart, p.markerStart + p.label.length);
  if (s !== s.toUpperCase() || p.restEnd <= p.restStart) return false;
  // OCR reads `II` as `IL` or `Il`: a numeral of I/L only is a run of I.
  if (/^[IL]+$/i.test(p.label) && /L/i.test(p.label)) p.label = 'I'.repeat(p.label.length);
  if (p.punct !== '') return true;
  // Without `.`: only before a title in capitals (`II NỘI DUNG`).
  const rest = ctx.norm.slice(p.restStart, p.restEnd);
  return rest.length > 3 && rest === rest.toUpperCase() && /\p{L}{2,}/u.test(rest);
}));
export const Khoan = tok('Khoan', markerLine(RE_KHOAN, (p) => p.restEnd > p.restStart || p.punct === '.'));
export const Diem = tok('Diem', markerLine(RE_DIEM, (p) => {
  const s = ctx.norm.slice(p.markerStart, p.markerStart + p.label.length);
  if (s !== s.toLowerCase()) return false; // `A.` / `B)` are headings or prose, not điểm
  if (p.punct === '.' && p.label.length > 1) return false;
  return p.restEnd > p.restStart;
}));
export const Dash = tok('Dash', (t, o) => {
  RE_DASH.lastIndex = o;
  const m = RE_DASH.exec(t);
  if (!m) return null;
  return result(o, logicalEnd(o, m.index + m[0].length));
});
export const Text = tok('Text', text);

/** Order matters: the first token whose pattern matches at a line start wins. */
export const allTokens: TokenType[] = [
  Blank, Quoted, HeaderLine, SoLine, Phan, Chuong, TieuMuc, Muc, Dieu, DocTitle, Roman, Diem, Khoan, Dash, Text,
];

let lexer: Lexer | undefined;

export interface LexResult { tokens: IToken[] }

/** Tokenizes NFC text `norm` (with its `fold`). Never throws. */
export function tokenize(norm: string, foldText: string): LexResult {
  lexer ??= new Lexer(allTokens, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: false,
    skipValidations: true,
  });
  ctx = { norm, fold: foldText };
  try {
    const r = lexer.tokenize(foldText);
    return { tokens: r.tokens };
  } finally {
    ctx = { norm: '', fold: '' };
  }
}

export function payload(t: IToken): LinePayload {
  return t.payload as LinePayload;
}

/** End offset (exclusive) of a token: the lexer tracks start offsets only. */
export function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}
