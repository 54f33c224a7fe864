/**
 * Line-granular structure lexer (Chevrotain, custom patterns).
 *
 * Tokens are logical lines: a heading, a khoản / điểm line, a dash line, a header line, a
 * table row, a quoted block of amended text, or plain prose. A logical line ends at the end
 * of the physical line, or earlier where
 *   - a heading was run together mid-line (`…QUỐC GIA Điều 9. Tên`, `…biên giới."Điều 2.`),
 *   - a multi-line quotation opens (`… như sau: “Điều 5. …`),
 *   - the next khoản / điểm was run together with this one (`1- … đất. 2- Hộ gia đình …`,
 *     `b) …; c) Rừng …`), or khoản 1 follows the heading of its Điều (`Điều 3 1- Nhà nước …`).
 *
 * The lexer runs over `fold` (lower-case ASCII skeleton, same length as the NFC text) for
 * keyword matching and looks at `norm` (NFC) where case or the letter `đ` matters, so token
 * offsets are offsets in `norm`. It never fails: `Text` accepts any character. Every search
 * runs on the current line only (never to the end of the text), so lexing stays linear.
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

interface Ctx {
  norm: string;
  fold: string;
  /** Folded first line when it is a crawler label (`Nghị định 99/2022/NĐ-CP …`), else ''. */
  label: string;
  /** Sorted offsets of heading keywords / of the national motto in `fold` (cheap line filters). */
  keywords: Int32Array;
  mottos: Int32Array;
  /** Sorted offsets of `“` and `"` in `norm`. */
  quoteMarks: Int32Array;
  /** Does the text hold a CR (else a line ends at LF only, found by a native search)? */
  hasCR: boolean;
  /** Opening quotation mark → offset after its close (computed on first need). */
  quoteCloses?: Map<number, number>;
}
const EMPTY_CTX: Ctx = { norm: '', fold: '', label: '', keywords: new Int32Array(0), mottos: new Int32Array(0), quoteMarks: new Int32Array(0), hasCR: false };
let ctx: Ctx = EMPTY_CTX;

/** Offsets of the line feeds of `s` (indexOf: faster than a global regex, no match objects). */
function lineFeeds(s: string): Int32Array {
  const out: number[] = [];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) out.push(i);
  return Int32Array.from(out);
}

function offsetsOf(re: RegExp, s: string): Int32Array {
  const out: number[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m.index);
  return Int32Array.from(out);
}

/** Index of the first of the sorted `offsets` at or after `from`. */
function firstAtOrAfter(offsets: Int32Array, from: number): number {
  let lo = 0, hi = offsets.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (offsets[mid] < from) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Is one of the sorted `offsets` in [from, end)? */
function anyIn(offsets: Int32Array, from: number, end: number): boolean {
  const i = firstAtOrAfter(offsets, from);
  return i < offsets.length && offsets[i] < end;
}

/**
 * Crawls of thuvienphapluat.vn put a label on line 1 (`Quyết định 2135/QĐ-TCHQ năm 2015`)
 * and repeat it, glued, before some headings (`Quyết định 2135/QĐ-TCHQ năm 2015. Mục 1. …`).
 */
function crawlerLabel(fold: string): string {
  const e = fold.search(/[\r\n]/);
  const first = (e < 0 ? fold : fold.slice(0, e)).trim();
  if (first.length < 8 || first.length > 120) return '';
  return /^(?:bo luat|luat|nghi dinh|nghi quyet|thong tu|quyet dinh|chi thi|van ban hop nhat|phap lenh)\b.*\d/.test(first) ? first : '';
}

type Match = RegExpExecArray & { payload?: LinePayload };

function result(start: number, end: number, payload?: LinePayload): Match {
  const m = [ctx.norm.slice(start, end)] as unknown as Match;
  m.index = start;
  if (payload) m.payload = payload;
  return m;
}

/** End of the physical line starting at or containing `o`. */
function eol(o: number): number {
  // Remembered per line: tokens of one long line (headings run together) ask again and again.
  if (o >= eolFrom && o <= eolAt) return eolAt;
  const f = ctx.fold;
  let i: number;
  if (!ctx.hasCR) {
    i = f.indexOf('\n', o);
    if (i < 0) i = Math.max(o, f.length);
  } else {
    i = o;
    while (i < f.length) {
      const c = f.charCodeAt(i);
      if (c === 10 || c === 13) break;
      i++;
    }
  }
  eolFrom = o;
  eolAt = i;
  return i;
}
let eolFrom = -1, eolAt = -1;

/** Start of the physical line containing `o`. */
function bol(o: number): number {
  const f = ctx.fold;
  if (!ctx.hasCR) return o > 0 ? f.lastIndexOf('\n', o - 1) + 1 : 0;
  let i = o;
  while (i > 0) {
    const c = f.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** `\s` of regular expressions, on a character code. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

// Markdown/OCR decoration before a marker: indentation, `#`, `>`, bold/italic.
// OCR leaves stray marks before a marker (`, 1. …`, `• 2. …`); they are decoration too.
const DECOR = '[ \\t]*(?:[,.\\u2022\\u00b7\'`][ \\t]+)?(?:#{1,6}[ \\t]*)?(?:>[ \\t]*)?(?:[*_]{1,3}[ \\t]*)?';
const CLOSE_DECOR = /^[ \t]*(?:[*_]{1,3})/;

function isUpperCh(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90; // ASCII: no strings to change case
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLowerCh(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}
/** True when `norm[i]` is an upper-case letter. */
function isUpper(i: number): boolean { return isUpperCh(ctx.norm[i]); }

/** Offset after trailing decoration and blanks (`**`, `:`), from `i`, before `end`. */
function skipCloseDecor(i: number, end: number): { pos: number; closed: boolean } {
  const m = CLOSE_DECOR.exec(ctx.norm.slice(i, Math.min(end, i + 8)));
  if (m) return { pos: i + m[0].length, closed: true };
  return { pos: i, closed: false };
}

function trimSpan(start: number, end: number): [number, number] {
  const n = ctx.norm;
  for (; start < end; start++) {
    const c = n.charCodeAt(start);
    if (!(isSpace(c) || c === 42 || c === 95 || c === 35 || c === 124 || c === 34 || c === 0x201c)) break; // * _ # | " “
  }
  for (; end > start; end--) {
    const c = n.charCodeAt(end - 1);
    if (!(isSpace(c) || c === 42 || c === 95 || c === 124 || c === 34 || c === 0x201c)) break; // * _ | " “
  }
  return [start, end];
}

// ---------------------------------------------------------------------------------------
// Quotations (amended text). “ ” are unambiguous; a straight " opens after a blank, a line
// start, `(` or `:` when a non-blank follows, and closes otherwise. Crawls mix the two kinds
// (`"Điều 7a. …` closed by `”.`), so any closing mark closes any opening one.

const QUOTE_SCAN_LINES = 400;
const QUOTE_SCAN_CHARS = 200_000;

function isOpenQuote(i: number): boolean {
  const n = ctx.norm;
  const c = n.charCodeAt(i);
  if (c === 0x201c) return true;
  if (c !== 0x22) return false;
  const prev = i > 0 ? n[i - 1] : '\n';
  const next = n[i + 1];
  return /[\s(:[]/.test(prev) && next !== undefined && !/\s/.test(next);
}

function isCloseQuote(i: number): boolean {
  const c = ctx.norm.charCodeAt(i);
  if (c === 0x201d) return true;
  return c === 0x22 && !isOpenQuote(i);
}

/**
 * Offset just after the quotation that opens at `i`, or -1 when it does not close within
 * `QUOTE_SCAN_LINES` lines. A lost closing mark must not swallow the document: a line that
 * opens a new quotation, or that is an amending instruction of the enclosing document
 * (`5. Sửa đổi, bổ sung điểm c khoản 1 Điều 51 như sau:`), ends the unclosed one before it.
 */
function quoteClose(i: number): number {
  ctx.quoteCloses ??= pairQuotes();
  return ctx.quoteCloses.get(i) ?? -1;
}

/**
 * Pairs every opening quotation mark of the text with its close in one pass (a stack: a
 * closing mark closes the innermost open quotation; a line that opens a new quotation or is
 * an amending instruction closes all of them). Quotations longer than the limits stay
 * unclosed. One pass, so a text full of unclosed quotations stays linear.
 */
function pairQuotes(): Map<number, number> {
  if (ctx.hasCR) return pairQuotesByCharacter();
  // LF-only text: the same pass, visiting only quotation marks and (while quotations are
  // open) line starts, found natively, instead of every character.
  const n = ctx.norm;
  const out = new Map<number, number>();
  const open: Array<{ at: number; line: number }> = [];
  const lfs = lineFeeds(n);
  const marks = offsetsOf(ALL_QUOTE_MARKS, n);
  /** Line feeds passed so far: the line number. */
  let li = 0;
  const finish = (q: { at: number; line: number }, end: number): void => {
    if (li - q.line <= QUOTE_SCAN_LINES && end - q.at <= QUOTE_SCAN_CHARS) out.set(q.at, end);
  };
  /** Passes the lines that start before `p`, checking each one's first character while quotations are open. */
  const passLines = (p: number): void => {
    while (li < lfs.length && lfs[li] < p) {
      if (!open.length) { li = firstAtOrAfter(lfs, p); return; }
      let j = lfs[li] + 1;
      li++;
      while (j < n.length && (n.charCodeAt(j) === 32 || n.charCodeAt(j) === 9)) j++;
      if (j >= n.length || n.charCodeAt(j) === 10) continue; // a blank line
      if (isOpenQuote(j) || amendingInstruction(j)) {
        for (const q of open) finish(q, j);
        open.length = 0;
      }
    }
  };
  for (let k = 0; k < marks.length; k++) {
    const j = marks[k];
    passLines(j);
    if (isOpenQuote(j)) open.push({ at: j, line: li });
    else if (open.length && isCloseQuote(j)) finish(open.pop()!, j + 1);
  }
  passLines(n.length);
  return out;
}

/** `pairQuotes`, character by character (texts with CR line ends). */
function pairQuotesByCharacter(): Map<number, number> {
  const n = ctx.norm;
  const out = new Map<number, number>();
  const open: Array<{ at: number; line: number }> = [];
  let line = 0;
  let lineStart = true;
  const finish = (q: { at: number; line: number }, end: number): void => {
    if (line - q.line <= QUOTE_SCAN_LINES && end - q.at <= QUOTE_SCAN_CHARS) out.set(q.at, end);
  };
  for (let j = 0; j < n.length; j++) {
    const c = n.charCodeAt(j);
    if (c === 10 || c === 13) {
      if (c === 10 || n.charCodeAt(j + 1) !== 10) line++;
      lineStart = true;
      continue;
    }
    if (lineStart && c !== 32 && c !== 9) {
      lineStart = false;
      if (open.length && (isOpenQuote(j) || amendingInstruction(j))) {
        for (const q of open) finish(q, j);
        open.length = 0;
      }
    }
    if (c === 0x201c || c === 0x201d || c === 0x22) {
      if (isOpenQuote(j)) open.push({ at: j, line });
      else if (open.length && isCloseQuote(j)) finish(open.pop()!, j + 1);
    }
  }
  return out;
}

// `5. Sửa đổi, bổ sung điểm c khoản 1 Điều 51 như sau:` / `b) Bổ sung Điều 7a vào sau Điều 7 như sau:`
const AMENDING = /^[*_]*(?:\d{1,3}[a-z]?[.)]|[a-z]\d{0,2}\)|dieu \d{1,3}[a-z]?\.)[ \t].*(?:sua doi|bo sung|thay the|bai bo|bo cum tu|bo tu|sua cum tu).*nhu sau[ \t]*:?[ \t*_]*$/;

/** Whether the line starting at `j` is an amending instruction (never inside amended text). */
function amendingInstruction(j: number): boolean {
  const c = ctx.fold.charCodeAt(j);
  if (!(c >= 48 && c <= 57) && !(c >= 97 && c <= 122) && c !== 42 && c !== 95) return false;
  const f = ctx.fold;
  let e = j;
  while (e < f.length && e - j <= 400) {
    const x = f.charCodeAt(e);
    if (x === 10 || x === 13) break;
    e++;
  }
  if (e - j > 400) return false;
  // Cheap test first: the line must end with `như sau` (`:`, decoration).
  let k = e;
  while (k > j && /[ \t*_:]/.test(f[k - 1])) k--;
  if (!f.startsWith('nhu sau', k - 7)) return false;
  return AMENDING.test(f.slice(j, e));
}

/**
 * Offset of a quotation mark in [from, end) that opens a quotation continuing past this
 * line (amended text: `… như sau: “Điều 5. …`), or -1. Only a quote after `:` counts
 * mid-line; one at the very start of the logical line is handled by the `Quoted` token.
 */
function multilineQuoteOpen(from: number, end: number): number {
  const n = ctx.norm;
  const marks = ctx.quoteMarks;
  for (let q = firstAtOrAfter(marks, from + 1); q < marks.length && marks[q] < end; q++) {
    const i = marks[q];
    let k = i - 1;
    while (k >= from && (n[k] === ' ' || n[k] === '\t')) k--;
    if (n[k] !== ':' || !isOpenQuote(i)) continue;
    if (quoteClose(i) > eol(i)) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// Logical line ends.

// A heading keyword inside a line: "… QUỐC GIA Điều 9. Tên", "… CHUNG Chương I NHỮNG …".
// Tested at each heading keyword of the line (anchored there): `[ \t"”*]` must precede it.
const EOL_AHEAD = '(?=[\\r\\n]|$)';
const MIDLINE_HEADING = new RegExp(`(?:[dð]ieu \\d+[a-z]?\\. |(?<=["”][ \\t]*)[dð]ieu \\d+[a-z]? |chuong (?:[ivxlc]+|\\d{1,2})(?:[.:]?[ \\t]|[.:]?${EOL_AHEAD})|tieu muc(?: \\d+[.:]?(?:[ \\t]|${EOL_AHEAD})|[ \\t]*${EOL_AHEAD})|muc(?: \\d+[.:]?(?:[ \\t]|${EOL_AHEAD})|[ \\t]*${EOL_AHEAD})|phan thu )`, 'y');
const HEADING_WORDS = /tieu muc|dieu|ðieu|chuong|muc|phan/g;
const MOTTO_WORDS = /cong hoa|doc lap/g;
// (A character class finds these in one pass; indexOf per character would take three.)
const QUOTE_MARKS = /["\u201c]/g;
const ALL_QUOTE_MARKS = /["\u201c\u201d]/g;

/**
 * Where the logical line that starts at `o` ends: the physical end of line, or an earlier
 * split point (a heading run together mid-line, or a multi-line quotation opening).
 */
const RUN_AFTER_QUOTE = /[”"][ \t]*[.;]?[ \t]+(\d{1,3}[a-z]?\.)([ \t]*)$/;

function logicalEnd(o: number, from: number = o): number {
  const end = eol(from);
  const f = ctx.fold;
  let best = end;
  const kw = ctx.keywords;
  // Each keyword of the line is looked at once per token: the search stops at the first split.
  for (let k = firstAtOrAfter(kw, from + 1); k < kw.length && kw[k] < end; k++) {
    const at = kw[k];
    const before = f.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 34 && before !== 0x201d && before !== 42) continue;
    MIDLINE_HEADING.lastIndex = at;
    if (!MIDLINE_HEADING.test(f) || !isUpper(at)) continue;
    if (midlineSplitOk(at)) { best = at; break; }
  }
  const q = multilineQuoteOpen(from, best);
  if (q >= 0) best = Math.min(best, q);
  // The next khoản run onto the line after amended text closed: `… hành chính đó.” 2.`
  const tailStart = Math.max(from, best - 12);
  const t = RUN_AFTER_QUOTE.exec(ctx.norm.slice(tailStart, best));
  if (t) best = tailStart + t.index + t[0].length - t[2].length - t[1].length;
  return best;
}

function midlineSplitOk(at: number): boolean {
  // Preceded by a closing quote (`…biên giới."Điều 2.`), or by a word in capitals (the end
  // of a title: `… QUỐC GIA Điều 9.`), or — for Phần/Chương/Mục — by the end of a sentence
  // (`… tại Điều này. Chương 3:`, a crawler label `Nghị định 99/2022/NĐ-CP. Mục 1. THỦ TỤC`).
  // Phần/Chương/Mục must also be followed by a title in capitals or end the line; a
  // citation (`… tại Chương VIII, Phần thứ nhất của Bộ luật …`) is neither.
  const n = ctx.norm;
  let i = at - 1;
  while (i >= 0 && (n[i] === ' ' || n[i] === '\t' || n[i] === '*')) i--;
  if (i < 0) return false;
  const c = n[i];
  if (c === '"' || c === '”') return true;
  const isDieu = /^[dð]ieu/.test(ctx.fold.slice(at, at + 4));
  if (ctx.label && (c === '.' || c === ':')) {
    // After the crawler label repeated before the heading.
    const before = ctx.fold.slice(bol(at), i).replace(/^[\s*_#]+/, '').trim();
    if (before === ctx.label) return true;
  }
  // `HỢP ĐỒNG THUÊ TÀI SẢN Tiểu mục` / `1. QUY ĐỊNH CHUNG …`: the keyword ends the line.
  const keywordAtEnd = /^(?:tieu muc|muc)[ \t]*$/.test(ctx.fold.slice(at, eol(at)));
  if (!isDieu && !keywordAtEnd && !capsTitleAfter(at)) return false;
  if (!isDieu && (c === '.' || c === ':')) return true;
  // The word before must be in capitals (at least 2 letters, not a Roman numeral).
  let j = i;
  while (j >= 0 && /[^\s]/.test(n[j])) j--;
  const raw = n.slice(j + 1, i + 1);
  const word = raw.replace(/[^\p{L}]/gu, '');
  if (/[,;]$/.test(raw) || /^[IVXLC]+$/.test(word)) return false;
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** After the heading keyword and number at `at`: a word in capitals, or the end of the line. */
function capsTitleAfter(at: number): boolean {
  const e = eol(at);
  const seg = ctx.norm.slice(at, Math.min(e, at + 80));
  const m = /^\S+(?:[ \t]+mục)?[ \t]+(?:thứ[ \t]+\S+|\S+?)[.:]?(?:[ \t]+(\S+)|[ \t]*$)/iu.exec(seg);
  if (!m) return false;
  if (m[1] === undefined) return true;
  const w = m[1].replace(/[^\p{L}]/gu, '');
  return w.length >= 2 && w === w.toUpperCase();
}

/** Điểm letters in order (see numbers.ts; repeated here to keep the lexer self-contained). */
const LETTERS = 'abcdđeghiklmnopqrstuvxy';

/** The marker that would follow `label` (khoản `3` → `4`, điểm `d` → `đ`, `a1` → `a2`/`b`). */
function successors(label: string, kind: 'khoan' | 'diem'): string[] {
  if (kind === 'khoan') {
    const m = /^(\d+)/.exec(label);
    return m ? [String(parseInt(m[1], 10) + 1)] : [];
  }
  const m = /^([a-zđ])(\d*)$/.exec(label);
  if (!m) return [];
  const k = LETTERS.indexOf(m[1]);
  const out: string[] = [];
  if (k >= 0 && k + 1 < LETTERS.length) out.push(LETTERS[k + 1]);
  if (m[2]) out.push(m[1] + (parseInt(m[2], 10) + 1));
  return out;
}

// A khoản / điểm marker run together after the end of a clause: `…đất. 2- Hộ`, `…; c) Rừng`.
const RUN_TOGETHER = /[.;:][ \t]*(?:(\d{1,3}[a-z]?)([.-])|([a-zđ]\d{0,2})\))[ \t]+(?=\p{Lu})/gu;

/**
 * An earlier end for a khoản/điểm line whose successor (or, for a khoản, its first điểm
 * after `:`) was run together on the same line; `end` when there is none.
 */
function runTogetherEnd(restStart: number, end: number, label: string, punct: string, kind: 'khoan' | 'diem'): number {
  if (end - restStart < 8) return end;
  const seg = ctx.norm.slice(restStart, end);
  if (!/[.;:][ \t]*[\da-zđ]/.test(seg)) return end;
  const succ = successors(label, kind);
  RUN_TOGETHER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN_TOGETHER.exec(seg))) {
    const markerAt = restStart + m.index + m[0].search(/[\da-zđ]/);
    if (m[1] !== undefined) {
      if (kind === 'khoan' && succ.includes(m[1]) && m[2] === (punct === '-' ? '-' : '.')) return markerAt;
      // The next khoản run into the last điểm of this one: `b) … trí tuệ.2. Tạm dừng …`.
      if (kind === 'diem' && m[2] === '.' && parseInt(m[1], 10) >= 2) return markerAt;
    } else if (kind === 'diem' ? succ.includes(m[3]) : m[3] === 'a' && seg[m.index] === ':') {
      return markerAt;
    }
  }
  return end;
}

// ---------------------------------------------------------------------------------------
// Token patterns. Each runs at the start of a logical line (the lexer skips blanks first).

function sticky(src: string): RegExp { return new RegExp(src, 'y'); }

// Offsets of parts come from the lengths of the groups before them (the `d` flag would give
// them too, but makes every match three times slower): heading patterns capture
// (decoration)(keyword)(separator)(number), marker patterns (decoration)(label)(punctuation).

const RE_DIEU = sticky(`(${DECOR})([dð]ieu)([ \\t]+|[ \\t]*(?:\\r\\n?|\\n)[ \\t]*(?=\\d{1,4}[a-z]?\\.[ \\t]))(\\d{1,4}[a-z]?)`);
const RE_CHUONG = sticky(`(${DECOR})(chuong|chuang)([ \\t]+)([ivxlc]+|\\d{1,3})(?![a-z0-9])`);
const RE_PHAN = sticky(`(${DECOR})(phan)([ \\t]+|[ \\t]*(?:\\r\\n?|\\n)[ \\t]*(?=[ivxlc]+\\.[ \\t]))(thu[ \\t]+[a-z]+(?:[ \\t]+(?:muoi|mot|hai|ba|tu|nam|sau|bay|tam|chin|lam|nhat))*|[ivxlc]+(?![a-z0-9]))`);
const RE_MUC = sticky(`(${DECOR})(muc)([ \\t]+|[ \\t]*(?:\\r\\n?|\\n)[ \\t]*(?=\\d{1,3}[a-z]?\\.[ \\t]))(\\d{1,3}[a-z]?|[ivxlc]+(?![a-z0-9]))`);
const RE_TIEUMUC = sticky(`(${DECOR})(tieu muc)([ \\t]+|[ \\t]*(?:\\r\\n?|\\n)[ \\t]*(?=\\d{1,3}[a-z]?\\.[ \\t]))(\\d{1,3}[a-z]?)`);
// khoản: `3.`, `3)`, `3-` (old laws), `3..` (typo), `3.Chữ` (no blank; checked below).
const RE_KHOAN = sticky(`(${DECOR}(?:[-+*][ \\t]+)?)(\\d{1,3}[a-z]?)(\\.\\.?|\\)|-(?=[ \\t])|(?=\\u2026))`);
const RE_DIEM = sticky(`(${DECOR}(?:[-+][ \\t]+)?)([a-z]\\d{0,2})([).])`);
const RE_ROMAN = sticky(`(${DECOR})([ivxlc]{1,6})([.)]|[ \\t]*-|(?=[ \\t]))(?=[\\s*_]|$)`);
const RE_DASH = sticky(`${DECOR}[-+\\u2013\\u2022][ \\t]*`);
// `Số:`, and Quốc hội's `Luật số:` / `Bộ luật số:` / `Nghị quyết số:` (OCR reads `Số` as `S6`).
const RE_SO = sticky(`${DECOR}(?:(?:bo luat|luat|nghi quyet|phap lenh)[ \\t]+)?(?:so|s6)[ \\t]*:`);
const RE_TABLE = /[ \t]*\|/y;
const RE_MOTTO_ANY = /(cong hoa xa hoi chu nghia viet nam)|doc lap\s*[-\u2013]\s*tu do\s*[-\u2013]\s*hanh phuc/;
const RE_LEADING = sticky(`${DECOR}`);

/** Document type words that open a document's title line (caps): `QUYẾT ĐỊNH`, `QUY CHẾ`… */
export const DOC_TYPE_WORDS = [
  'bo luat', 'luat', 'phap lenh', 'nghi quyet lien tich', 'nghi quyet', 'nghi dinh', 'quyet dinh',
  'thong tu lien tich', 'thong tu', 'chi thi', 'quy che', 'quy dinh', 'dieu le', 'quy trinh',
  'chuong trinh phoi hop', 'chuong trinh', 'ke hoach', 'huong dan', 'van ban hop nhat', 'cong van',
];
const RE_DOCTITLE = new RegExp(`^(${DECOR})(${DOC_TYPE_WORDS.join('|')})[ \\t]*(?:[*_]{1,3})?[ \\t]*$`);

/**
 * The first character (folded) of the line at `o` after blanks, Markdown/OCR decoration and
 * a list bullet (`- `, `+ `): a cheap filter run before each token's regular expression, so
 * that a line is matched by one or two patterns instead of all of them. Cached per offset.
 */
let sigAt = -1, sigCode = 0, sigIndex = 0;
function sig(o: number): number {
  if (o === sigAt) return sigCode;
  const f = ctx.fold;
  const n = f.length;
  let i = o;
  for (;;) {
    while (i < n) {
      const c = f.charCodeAt(i);
      if (c === 32 || c === 9 || c === 35 || c === 62 || c === 42 || c === 95) i++; // blank # > * _
      else break;
    }
    const c = f.charCodeAt(i);
    const next = f.charCodeAt(i + 1);
    if ((c === 45 || c === 43 || c === 44 || c === 46 || c === 0x2022 || c === 0xb7 || c === 39 || c === 96) && (next === 32 || next === 9)) {
      i += 2;
      continue;
    }
    break;
  }
  sigAt = o;
  sigIndex = i;
  sigCode = i < n ? f.charCodeAt(i) : 0;
  return sigCode;
}
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const isRomanChar = (c: number): boolean => c === 105 || c === 118 || c === 120 || c === 108 || c === 99; // i v x l c
const firstIs = (...chars: string[]) => { const set = new Set(chars.map((x) => x.charCodeAt(0))); return (c: number): boolean => set.has(c); };

/** After a marker: a blank, decoration, a comma, or the end of the line. */
function boundaryAt(i: number): boolean {
  const c = ctx.norm[i];
  return c === undefined || /[\s*_,]/.test(c);
}

function heading(first: (c: number) => boolean, re: RegExp, kindCheck?: (afterNum: number, end: number, p: LinePayload) => boolean, splitFirstClause = false) {
  return (text: string, o: number): Match | null => {
    if (!first(sig(o))) return null;
    re.lastIndex = o;
    const m = re.exec(text);
    if (!m) return null;
    const keywordStart = o + m[1].length, keywordEnd = keywordStart + m[2].length;
    if (!isUpper(keywordStart)) return null; // `điều 5 …` in lower case is prose
    const numStart = keywordEnd + m[3].length, numEnd = numStart + m[4].length;
    let lend = logicalEnd(o, numEnd);
    let i = numEnd;
    while (i < lend && (ctx.norm[i] === ' ' || ctx.norm[i] === '\t') && /[.:]/.test(ctx.norm[i + 1] ?? '')) i++;
    let punct = '';
    if (ctx.norm[i] === '.' || ctx.norm[i] === ':') { punct = ctx.norm[i]; i++; }
    if (!punct && !boundaryAt(i)) return null; // `Điều 5a1…`, `Chương IIa`: not a heading
    // The marker is the keyword and its number (`Điều 6`, DESIGN §2), without the period.
    const markerEnd = numEnd;
    const cd = skipCloseDecor(i, lend);
    if (splitFirstClause) lend = firstClauseEnd(cd.pos, lend);
    const [restStart, restEnd] = trimSpan(cd.pos, lend);
    const p: LinePayload = {
      markerStart: keywordStart, markerEnd, label: ctx.norm.slice(numStart, numEnd),
      punct, keywordStart, keywordEnd, restStart, restEnd, boldClosedAfterMarker: cd.closed && restEnd > restStart,
    };
    if (kindCheck && !kindCheck(numEnd, lend, p)) return null;
    return result(o, lend, p);
  };
}

// khoản 1 (or điểm a) run together with the heading of its Điều: `Điều 2 1- Người …`,
// `Điều 33a. Thi hành … hậu quả 1. Khi cá nhân …`.
const FIRST_CLAUSE = /(?:^(["“]?)|(?<=[\p{L}\d):][ \t]+))(1[.-]|a\))[ \t]+(?=\p{Lu})/u;

function firstClauseEnd(from: number, end: number): number {
  while (from < end && (ctx.norm[from] === ' ' || ctx.norm[from] === '\t')) from++;
  if (end - from < 3) return end;
  const seg = ctx.norm.slice(from, end);
  const m = FIRST_CLAUSE.exec(seg);
  // An inserted article quoted in a consolidated text: `Điều 22a "1. Nhà nước …` — khoản 1
  // starts after the quotation mark.
  return m ? from + m.index + (m[1]?.length ?? 0) : end;
}

/**
 * Phần/Chương/Mục without a period whose line reads as a citation wrapped onto a new line:
 * `Mục 1 Phần II Quy trình này.` after `… quy định tại Điều 6`.
 */
function headingCheck(p: LinePayload): boolean {
  if (p.punct !== '') return true;
  const rest = ctx.norm.slice(p.restStart, p.restEnd);
  if (rest && CITATION_AFTER.test(rest)) return false;
  const letters = rest.replace(/[^\p{L}]/gu, '');
  if (letters && letters === letters.toUpperCase()) return true; // a title in capitals
  if (wrappedCitation(p.keywordStart)) return false;
  const prev = prevLineEndChar(p.keywordStart);
  return !(rest && prev !== undefined && (isLowerCh(prev) || /[\d,;]/.test(prev)));
}

/** A unit named after `Điều N` (no period): a citation (`Điều 6 Mục này`), not a title. */
const CITATION_AFTER = /^(?:Mục|Chương|Phần|Khoản|Điểm|Tiểu mục)[ \t]+(?:\d|[IVXLC]+(?![\p{L}])|thứ|này)/u;

/**
 * `Điều 5.` is a heading; so is `Điều 5` without a period (old laws: `Điều 4 Người sử dụng
 * đất …`, `Điều 2 1- …`), unless it reads as a citation wrapped onto a new line: `Điều 5 của
 * …`, `Điều 5 Thông tư này.`, `Điều 16, Điều 17 …`, or the line before ends mid-sentence.
 */
function dieuCheck(numEnd: number, _lend: number, p: LinePayload): boolean {
  // Right after amended text closed on the same line: `… về hải quan."Điều 2 Luật này có …`.
  if (/[”"][ \t*]*$/.test(ctx.norm.slice(Math.max(0, p.keywordStart - 4), p.keywordStart))) return true;
  if (wrappedCitation(p.keywordStart)) return false;
  if (p.punct === '.' || p.punct === ':') return true;
  // Without a period (old laws: `Điều 4 Người sử dụng đất …`, `Điều 2 1- …`, `Điều 22a "1. …`),
  // unless the line continues a sentence broken on the line before.
  const prev = prevLineEndChar(p.keywordStart);
  if (prev !== undefined && (isLowerCh(prev) || /[\d,;]/.test(prev)) && !prevLineIsHeading(p.keywordStart)) return false;
  const after = ctx.norm.slice(numEnd, Math.min(eol(numEnd), numEnd + 40)).replace(/^[ \t*_]+/, '');
  if (after === '' || /^\d{1,2}[-.)][ \t]/.test(after) || /^["“]/.test(after)) return true;
  // `Điều 5 của …`, `Điều 16, Điều 17 …`, `Điều 6 Mục này`, `Điều 4 Mục 1) …`: citations.
  return isUpperCh(after[0]) && !CITATION_AFTER.test(after);
}

// The end of a line that a citation continues on the next: `… tại khoản 1` / `Điều 1.`,
// `… quy định tại` / `Điều 5. …` (lower-case words as written, with their diacritics).
const CITATION_TAIL = /(?:^|[\s(])(?:(?:khoản|điểm|mục)[ \t]+[\dđa-z]{1,4}[,;]?|tại|theo|của|và|hoặc|với|từ|đến|các|những|thuộc|khoản|điểm)[ \t]*$/u;

/** Is the line holding `o` the continuation of a citation broken on the line before? */
function wrappedCitation(o: number): boolean {
  let i = bol(o) - 1;
  const n = ctx.norm;
  while (i >= 0 && /[\s*_]/.test(n[i])) i--;
  if (i < 0) return false;
  const from = Math.max(0, bol(i), i - 60);
  return CITATION_TAIL.test(n.slice(from, i + 1));
}

/** Does the previous non-blank line start with a heading keyword (`Điều 78` alone on its line)? */
function prevLineIsHeading(o: number): boolean {
  let i = bol(o) - 1;
  const f = ctx.fold;
  while (i >= 0 && /\s/.test(f[i])) i--;
  if (i < 0) return false;
  return /^[ \t*_#]*(?:[dð]ieu|chuong|muc|phan|tieu muc)[ \t]+[\divxlc]+[a-z]?[.:]?[ \t*_]*$/.test(f.slice(bol(i), i + 1));
}

/** Last non-blank character before the line containing `o` (skipping blank lines). */
function prevLineEndChar(o: number): string | undefined {
  let i = bol(o) - 1;
  const n = ctx.norm;
  while (i >= 0 && /[\s*_]/.test(n[i])) i--;
  return i >= 0 ? n[i] : undefined;
}

function markerLine(re: RegExp, kind: 'khoan' | 'diem' | 'roman', check?: (p: LinePayload, m: RegExpExecArray) => boolean) {
  const first = kind === 'khoan' ? isDigit : kind === 'diem' ? isAsciiLower : isRomanChar;
  return (text: string, o: number): Match | null => {
    if (!first(sig(o))) return null;
    if (kind === 'diem') {
      // `a)`, `a.`, `a1)`: a letter, at most two digits, then `)` or `.`.
      const f = ctx.fold;
      let k = sigIndex + 1;
      while (k < sigIndex + 3 && isDigit(f.charCodeAt(k))) k++;
      const c = f.charCodeAt(k);
      if (c !== 41 && c !== 46) return null;
    }
    re.lastIndex = o;
    const m = re.exec(text);
    if (!m) return null;
    const markerStart = o + m[1].length;
    let end = m.index + m[0].length;
    const punctRaw = m[3] ?? '';
    let markerEnd = end;
    if (punctRaw === '..') markerEnd = end - 1; // `2..` : the marker is `2.`
    if (kind === 'khoan' && punctRaw === '') {
      // `4………… thu tiền …` in form templates: the ellipsis swallowed the period.
      markerEnd = end + 1;
    } else if (kind !== 'roman' && !boundaryAt(end)) {
      // `5.Ứng dụng …` (no blank after the marker): only before a capital letter.
      if (!(punctRaw.startsWith('.') || punctRaw === ')') || !isUpper(end)) return null;
    }
    let lend = logicalEnd(o, end);
    const cd = skipCloseDecor(end, lend);
    const label = ctx.norm.slice(markerStart, markerStart + m[2].length);
    const punct = punctRaw === '' && kind === 'khoan' ? '.' : punctRaw.trim().slice(0, 1);
    if (kind !== 'roman') lend = runTogetherEnd(cd.pos, lend, label, punct, kind);
    const [restStart, restEnd] = trimSpan(cd.pos, lend);
    const p: LinePayload = {
      markerStart, markerEnd, label, punct, keywordStart: markerStart, keywordEnd: markerStart, restStart, restEnd,
      boldClosedAfterMarker: cd.closed,
    };
    if (check && !check(p, m)) return null;
    end = lend;
    return result(o, end, p);
  };
}

/**
 * The national motto line that opens a header block: `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` in
 * capitals, or `Độc lập - Tự do - Hạnh phúc`, anywhere on the line (crawls run the header block
 * together: `QUỐC HỘI ------- CỘNG HÒA … Hạnh phúc --- Luật số: …`). Prose naming the state
 * (`lãnh thổ nước Cộng hòa xã hội chủ nghĩa Việt Nam`) is not in capitals and does not count.
 */
function mottoLine(text: string, o: number): Match | null {
  const end = eol(o);
  if (end - o > 4000) return null;
  if (!anyIn(ctx.mottos, o, end)) return null;
  const seg = text.slice(o, end);
  const m = RE_MOTTO_ANY.exec(seg);
  if (!m) return null;
  const at = o + m.index;
  const written = ctx.norm.slice(at, at + m[0].length);
  if (m[1] !== undefined) {
    // `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` in capitals only.
    if (written !== written.toUpperCase()) return null;
  } else if (!/^(?:Độc lập|ĐỘC LẬP)/u.test(written)) {
    return null;
  }
  return result(o, end);
}

function wholeLine(re: RegExp) {
  return (text: string, o: number): Match | null => {
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
  const c0 = sig(o);
  if (c0 !== 0x201c && c0 !== 0x22) return null;
  RE_LEADING.lastIndex = o;
  const lead = RE_LEADING.exec(text);
  const q = o + (lead ? lead[0].length : 0);
  const c = ctx.norm.charCodeAt(q);
  if (c !== 0x201c && c !== 0x22) return null;
  if (!isOpenQuote(q)) return null;
  const close = quoteClose(q);
  if (close < 0 || close <= eol(q)) return null; // closes on its own line: ordinary text
  // Trailing punctuation after the closing quote (`”.`, `”;`, `”./.`) belongs to the block.
  let end = close;
  const lend = eol(close);
  const tail = ctx.norm.slice(close, lend);
  if (/^[\s.;,:/*_)]*$/.test(tail)) end = lend;
  return result(o, end);
}

// `PHỤ LỤC II DANH MỤC …`, `Phụ lục 01`: an appendix, numbered on its own.
const RE_APPENDIX = sticky(`(${DECOR})(phu luc)(?![a-z])`);

function appendix(text: string, o: number): Match | null {
  if (sig(o) !== 112) return null; // p
  RE_APPENDIX.lastIndex = o;
  const m = RE_APPENDIX.exec(text);
  if (!m) return null;
  const kw = o + m[1].length, kwEnd = kw + m[2].length;
  const word = ctx.norm.slice(kw, kwEnd);
  const e = eol(o);
  if (word !== word.toUpperCase()) {
    // `Phụ lục 01` / `Phụ lục I` alone on its line (a sentence `Phụ lục I ban hành …` is prose).
    if (!/^[ \t]+(?:số[ \t]*)?[\dIVXLC]{1,5}[a-z]?[ \t.:*_]*$/u.test(ctx.norm.slice(kwEnd, e))) return null;
  }
  return result(o, e, {
    markerStart: kw, markerEnd: kwEnd, label: word, punct: '', keywordStart: kw,
    keywordEnd: kwEnd, restStart: kwEnd, restEnd: e, boldClosedAfterMarker: false,
  });
}

/** A row of a Markdown table (`| … | … |`): text, never structure. */
function tableRow(text: string, o: number): Match | null {
  RE_TABLE.lastIndex = o;
  if (!RE_TABLE.test(text)) return null;
  let e = eol(o);
  // The next khoản run onto the last row of a table: `| --- | --- | 3.`
  const t = /\|[ \t]+(\d{1,3}[a-z]?)\.[ \t]*$/.exec(ctx.norm.slice(Math.max(o, e - 12), e));
  if (t) e = e - (t[0].length - 1) + (t[0].slice(1).search(/\d/));
  return result(o, e);
}

// A khoản run into the prose line before it: `… bản đồ địa chính. 2- Uỷ ban nhân dân …`.
const RUN_IN_TEXT = /(?:(?<=\p{L})[.;:][ \t]*|[.;:][ \t]+)(\d{1,3}[a-z]?)[.-][ \t]+(?=\p{Lu})/gu;

/** Offset of a khoản marker run into prose (outside quotation marks) in [o, end), or `end`. */
function runInTextEnd(o: number, end: number): number {
  if (end - o < 12) return end;
  const seg = ctx.norm.slice(o, end);
  if (!/[.;:][ \t]*\d/.test(seg)) return end;
  RUN_IN_TEXT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN_IN_TEXT.exec(seg))) {
    const at = m.index + m[0].search(/\d/);
    if (!insideQuote(seg, at)) return o + at;
  }
  return end;
}

/** Whether offset `at` of `seg` lies inside a quotation opened earlier in `seg`. */
function insideQuote(seg: string, at: number): boolean {
  let depth = 0;
  for (let k = 0; k < at; k++) {
    const c = seg.charCodeAt(k);
    if (c === 0x201c) depth++;
    else if (c === 0x201d) depth = Math.max(0, depth - 1);
    else if (c === 0x22) depth = depth > 0 ? depth - 1 : 1;
  }
  return depth > 0;
}

function textLine(textIn: string, o: number): Match | null {
  const end = runInTextEnd(o, logicalEnd(o));
  if (end <= o) {
    // A split point at the very start cannot happen (headings match first); consume one char.
    return result(o, Math.min(o + 1, textIn.length));
  }
  return result(o, end);
}

function docTitle(text: string, o: number): Match | null {
  if (!isAsciiLower(sig(o))) return null;
  const e = eol(o);
  if (e - o > 60) return null; // the type word alone (`QUYẾT ĐỊNH`, `**QUY CHẾ**`)
  const m = RE_DOCTITLE.exec(text.slice(o, e));
  if (!m) return null;
  const kw = o + m[1].length, kwEnd = kw + m[2].length;
  // Only in capitals: `QUY CHẾ`, not a sentence starting `Quy chế …`.
  const word = ctx.norm.slice(kw, kwEnd);
  if (word !== word.toUpperCase()) return null;
  return result(o, e, {
    markerStart: kw, markerEnd: kwEnd, label: word, punct: '', keywordStart: kw,
    keywordEnd: kwEnd, restStart: kwEnd, restEnd: kwEnd, boldClosedAfterMarker: false,
  });
}

function tok(name: string, exec: (text: string, o: number) => Match | null, extra: Partial<Parameters<typeof createToken>[0]> = {}): TokenType {
  return createToken({ name, pattern: { exec }, line_breaks: true, ...extra });
}

export const Blank = createToken({ name: 'Blank', pattern: /[ \t\r\n\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });
/**
 * The lines that are text wherever they stand (never a unit): a token category for the
 * parser (one alternative instead of eight), never produced by the lexer itself.
 */
export const TextLine = createToken({ name: 'TextLine', pattern: Lexer.NA });
const textLine_ = { categories: [TextLine] };
export const Quoted = tok('Quoted', quoted, textLine_);
export const HeaderLine = tok('HeaderLine', mottoLine, textLine_);
export const TableRow = tok('TableRow', tableRow, textLine_);
export const SoLine = tok('SoLine', wholeLine(RE_SO), textLine_);
export const DocTitle = tok('DocTitle', docTitle, textLine_);
export const Appendix = tok('Appendix', appendix, textLine_);
export const Phan = tok('Phan', heading(firstIs('p'), RE_PHAN, (_n, _e, p) => headingCheck(p)));
export const Chuong = tok('Chuong', heading(firstIs('c'), RE_CHUONG, (_n, _e, p) => headingCheck(p)));
export const TieuMuc = tok('TieuMuc', heading(firstIs('t'), RE_TIEUMUC, (_n, _e, p) => headingCheck(p)));
export const Muc = tok('Muc', heading(firstIs('m'), RE_MUC, (_n, _e, p) => headingCheck(p) && (/^\d/.test(p.label) || p.punct !== '' || p.restEnd === p.restStart || isUpper(p.restStart))));
export const Dieu = tok('Dieu', heading(firstIs('d', 'ð'), RE_DIEU, dieuCheck, true));
export const Roman = tok('Roman', markerLine(RE_ROMAN, 'roman', (p) => {
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
export const Khoan = tok('Khoan', markerLine(RE_KHOAN, 'khoan', (p) => p.restEnd > p.restStart || p.punct === '.'));
export const Diem = tok('Diem', markerLine(RE_DIEM, 'diem', (p) => {
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
}, textLine_);
export const Text = tok('Text', textLine, textLine_);

/** Order matters: the first token whose pattern matches at a line start wins. */
export const allTokens: TokenType[] = [
  Blank, Quoted, TableRow, SoLine, Phan, Chuong, TieuMuc, Muc, Dieu, HeaderLine, DocTitle, Appendix, Roman, Diem, Khoan, Dash, Text,
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
  ctx = {
    norm, fold: foldText, label: crawlerLabel(foldText),
    keywords: offsetsOf(HEADING_WORDS, foldText), mottos: offsetsOf(MOTTO_WORDS, foldText),
    quoteMarks: offsetsOf(QUOTE_MARKS, norm), hasCR: foldText.includes('\r'),
  };
  sigAt = -1;
  eolFrom = -1;
  eolAt = -1;
  try {
    const r = lexer.tokenize(foldText);
    return { tokens: r.tokens };
  } finally {
    ctx = EMPTY_CTX;
  }
}

export function payload(t: IToken): LinePayload {
  return t.payload as LinePayload;
}

/** End offset (exclusive) of a token: the lexer tracks start offsets only. */
export function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}
