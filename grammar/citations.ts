/**
 * Citation grammar: word-level scanner + recursive-descent parser for the phrases that cite
 * units and documents (DESIGN.md §1):
 *
 *   citation  := levels docRef? | docRef
 *   levels    := level+                       (smallest unit first: điểm → khoản → Điều → Mục → Chương → Phần)
 *   level     := Kw ("này" | items)
 *   items     := item ((`,` | và | hoặc) Kw? item | đến Kw? item)*
 *   docRef    := của? (Type ("này" | "nêu trên" | số? Number date? | Name date?) | "này")
 *
 * It runs only on the lines that a cheap keyword scan flags (DESIGN §7), over the folded
 * text (same offsets as the NFC text); it yields syntax (`RawCitation`), not targets —
 * resolution is `server/src/core/citations/resolve.ts`.
 */
import type { Span } from '../server/src/core/model';

export type LevelKind = 'diem' | 'khoan' | 'dieu' | 'muc' | 'chuong' | 'phan';
export const LEVEL_RANK: Record<LevelKind, number> = { diem: 0, khoan: 1, dieu: 2, muc: 3, chuong: 4, phan: 5 };

export interface RawItem { label: string; span: Span; rangeTo?: { label: string; span: Span } }
export interface RawLevel { kind: LevelKind; kwSpan: Span; items: RawItem[]; nay?: Span }
export interface RawDocRef {
  span: Span;
  /** Folded type word: `nghi dinh`, `luat`… */
  type?: string;
  typeSpan?: Span;
  nay?: boolean;
  neuTren?: boolean;
  number?: string;
  numberSpan?: Span;
  date?: { iso: string; year: number; span: Span };
  /** `Luật Đất đai năm 2013`: a year without a full date. */
  year?: number;
  /** Words after the type when cited by name (`Công nghệ thông tin`), as written. */
  name?: string;
  nameSpan?: Span;
  /** `của Chính phủ`, `của Thủ tướng Chính phủ`… as written. */
  issuer?: string;
  issuerSpan?: Span;
}
export interface RawCitation { span: Span; levels: RawLevel[]; doc?: RawDocRef }

// ---------------------------------------------------------------------------------------
// Tokens (over folded text: lower-case, no diacritics, `đ` → `d`). Priorities, first wins:
//
//   DocNumber  \d+[a-z]?(/\d{4})?/[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*  or  \d+-[a-z]+(/[a-z]+)?   (blanks allowed around / and -)
//   Date       ngay D thang M nam YYYY  |  ngay D/M/YYYY
//   DocType    bo luat | luat | hien phap | … (see RE_DOCTYPE)
//   Kw*        (cac )?diem | khoan | dieu | muc | chuong | phan
//   NeuTren    neu tren | noi tren
//   Nay So Cua Den Va Hoac Thu   the words nay, so, cua, den, va, hoac, thu
//   Num        \d+[a-z]?            Word  [a-z][a-z0-9]*       Comma  ,       Other  anything else
//
// The grammar is LL(1) with semantic gates (a handful of look-aheads at most 3 tokens):
// hand-written, it reads the many short windows of a file about ten times faster, and
// without warm-up, than a generic parser (Chevrotain: lookahead functions, closures per
// call, an exception object per failed window).

const EOF = 0, DOC_NUMBER = 1, DATE = 2, DOC_TYPE = 3, KW_DIEM = 4, KW_KHOAN = 5, KW_DIEU = 6, KW_MUC = 7, KW_CHUONG = 8,
  KW_PHAN = 9, NEU_TREN = 10, NAY = 11, SO = 12, CUA = 13, DEN = 14, VA = 15, HOAC = 16, THU = 17, NUM = 18, WORD = 19,
  COMMA = 20, OTHER = 21;
const TOKEN_NAMES = ['EOF', 'DocNumber', 'Date', 'DocType', 'KwDiem', 'KwKhoan', 'KwDieu', 'KwMuc', 'KwChuong', 'KwPhan',
  'NeuTren', 'Nay', 'So', 'Cua', 'Den', 'Va', 'Hoac', 'Thu', 'Num', 'Word', 'Comma', 'Other'];
/** Level keyword token → level (undefined for other tokens). */
const LEVEL_OF: Array<LevelKind | undefined> = [];
LEVEL_OF[KW_DIEM] = 'diem'; LEVEL_OF[KW_KHOAN] = 'khoan'; LEVEL_OF[KW_DIEU] = 'dieu';
LEVEL_OF[KW_MUC] = 'muc'; LEVEL_OF[KW_CHUONG] = 'chuong'; LEVEL_OF[KW_PHAN] = 'phan';
const isLevelToken = (t: number): boolean => t >= KW_DIEM && t <= KW_PHAN;

const RE_DOCNUMBER = /\d+[a-z]?(?:[ \t]*\/[ \t]*\d{4})?[ \t]*\/[ \t]*[a-z][a-z0-9]*(?:[ \t]*-[ \t]*[a-z][a-z0-9]*)*|\d+-[a-z]+(?:\/[a-z]+)?(?![a-z0-9])/y;
const RE_DATE = /ngay[ \t]+\d{1,2}[ \t]+thang[ \t]+\d{1,2}[ \t]+nam[ \t]+\d{4}|ngay[ \t]+\d{1,2}[ \t]*[/.-][ \t]*\d{1,2}[ \t]*[/.-][ \t]*\d{4}/y;
const RE_DOCTYPE = /(?:bo luat|luat|hien phap|phap lenh|nghi quyet lien tich|nghi quyet|nghi dinh|thong tu lien tich|thong tu|quyet dinh|chi thi|quy che|quy dinh|dieu le|van ban hop nhat|chuong trinh phoi hop|ke hoach)(?![a-z0-9])/y;
const RE_LEVEL = /(?:cac[ \t]+)?(diem|khoan|dieu|muc|chuong|phan)(?![a-z])/y;
const RE_NEUTREN = /(?:neu|noi)[ \t]+tren(?![a-z])/y;
const RE_NUM = /\d+[a-z]?(?![a-z0-9])/y;
const RE_ALNUM = /[a-z0-9]+/y;
const LEVEL_BY_WORD: Record<string, number> = { diem: KW_DIEM, khoan: KW_KHOAN, dieu: KW_DIEU, muc: KW_MUC, chuong: KW_CHUONG, phan: KW_PHAN };
const SHORT_WORDS: Record<string, number> = { nay: NAY, so: SO, cua: CUA, den: DEN, va: VA, hoac: HOAC, thu: THU };

/**
 * Words that end a document name cited without a number (`Luật Đất đai ngày …`), compared
 * with their diacritics (folding merges `nhũng`/`nhưng`, `Tài`/`tại`); text without
 * diacritics (OCR) is compared folded.
 */
const NAME_STOP = stopSet('và của ngày năm số đã được theo tại có này thì để hoặc với trong khi nếu đến từ sửa là mà do hiện như sau thuộc phải không cũng nhưng gồm');
/** Words after `của` that end an issuer's name (`của Chính phủ ban hành …`). */
const ISSUER_STOP = stopSet('ban quy về hướng sửa bãi phê thay ngày số điều khoản năm tại theo có đã được quyết giao trình');

function stopSet(words: string): { accented: Set<string>; folded: Set<string> } {
  const list = words.split(' ');
  return { accented: new Set(list), folded: new Set(list.map((w) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd'))) };
}

// The window being read: its tokens (type, start, end: offsets in `text`, the folded window),
// and where it stands in the NFC text.
let text = '';
let norm = '';
let base = 0;
let types = new Int32Array(64);
let starts = new Int32Array(64);
let ends = new Int32Array(64);
let count = 0;
/** Index of the next token. */
let pos = 0;

function push(type: number, start: number, end: number): void {
  if (count === types.length) {
    const grow = (a: Int32Array) => { const b = new Int32Array(a.length * 2); b.set(a); return b; };
    types = grow(types); starts = grow(starts); ends = grow(ends);
  }
  types[count] = type; starts[count] = start; ends[count] = end;
  count++;
}

function sticky(re: RegExp, at: number): number {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0].length : 0;
}

/** Tokens of the folded window `text` (blanks skipped). */
function scan(): void {
  count = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 12 || c === 11) { i++; continue; }
    let len: number;
    if (c >= 48 && c <= 57) {
      if ((len = sticky(RE_DOCNUMBER, i))) push(DOC_NUMBER, i, i + len);
      else if ((len = sticky(RE_NUM, i))) push(NUM, i, i + len);
      else { len = sticky(RE_ALNUM, i); push(OTHER, i, i + len); }
      i += len;
      continue;
    }
    if (c >= 97 && c <= 122) {
      if (c === 110 && (len = sticky(RE_DATE, i))) { push(DATE, i, i + len); i += len; continue; }
      if ((len = sticky(RE_DOCTYPE, i))) { push(DOC_TYPE, i, i + len); i += len; continue; }
      RE_LEVEL.lastIndex = i;
      const lv = RE_LEVEL.exec(text);
      if (lv) { push(LEVEL_BY_WORD[lv[1]], i, i + lv[0].length); i += lv[0].length; continue; }
      if ((len = sticky(RE_NEUTREN, i))) { push(NEU_TREN, i, i + len); i += len; continue; }
      len = sticky(RE_ALNUM, i);
      push(SHORT_WORDS[text.slice(i, i + len)] ?? WORD, i, i + len);
      i += len;
      continue;
    }
    push(c === 44 ? COMMA : OTHER, i, i + 1);
    i++;
  }
}

// --- Token access. `k` is 1-based from the next token (LA(k)); past the end: EOF. ---

/** Index of the k-th next token, or -1 past the end. */
function at(k: number): number { const i = pos + k - 1; return i < count ? i : -1; }
function typeAt(k: number): number { const i = pos + k - 1; return i < count ? types[i] : EOF; }
function imageOf(i: number): string { return i < 0 ? '' : text.slice(starts[i], ends[i]); }
function normOf(i: number): string { return i < 0 ? '' : norm.slice(base + starts[i], base + ends[i]); }
function span(i: number): Span { return { start: base + starts[i], end: base + ends[i] }; }
function isCapitalized(i: number): boolean {
  if (i < 0) return false;
  const ch = norm[base + starts[i]];
  return ch !== undefined && ch !== ch.toLowerCase();
}
function isAllCaps(i: number): boolean {
  const s = normOf(i);
  return s.length > 1 && s === s.toUpperCase();
}
/** A word of a name: plain words, and those that happen to be keywords when folded (`Thủ` = `thứ`). */
function isWordish(i: number): boolean {
  if (i < 0) return false;
  const t = types[i];
  return t === WORD || t === THU || (t === SO && isCapitalized(i));
}
function isStop(set: { accented: Set<string>; folded: Set<string> }, i: number): boolean {
  // A capitalized word is a name's (`Luật Thi hành án dân sự`: `Thi` is not `thì`).
  if (isCapitalized(i)) return false;
  const w = normOf(i).toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(w)) return set.folded.has(w);
  return set.accented.has(w);
}

/** A window that is no citation: thrown (a plain object, no stack) and caught per window. */
const FAIL = { fail: true };

/** Consumes the next token, which must be of `type`; returns its index. */
function expect(type: number): number {
  if (typeAt(1) !== type) throw FAIL;
  return pos++;
}

// --- Rules. Each alternative is chosen on the next token (and its gate, when it has one). ---

/** citation := level+ docRef? | docRef */
function citation(): RawCitation | undefined {
  const levels: RawLevel[] = [];
  let doc: RawDocRef | undefined;
  const t = typeAt(1);
  if (isLevelToken(t)) {
    // At least one level, each larger than the one before.
    if (!levelAhead(levels)) throw FAIL;
    do levels.push(level()); while (levelAhead(levels));
    const n = typeAt(1);
    if ((n === CUA || n === DOC_TYPE) && docRefAhead(true)) doc = docRef();
  } else if ((t === CUA || t === DOC_TYPE) && docRefAhead(false)) {
    doc = docRef();
  } else {
    throw FAIL;
  }
  if (!levels.length && !doc) return undefined;
  const start = levels[0]?.kwSpan.start ?? doc!.span.start;
  const lastLevel = levels[levels.length - 1];
  const end = doc?.span.end ?? Math.max(lastLevel.nay?.end ?? 0, ...lastLevel.items.map((i) => (i.rangeTo ?? i).span.end));
  return { span: { start, end }, levels, doc };
}

/** Does a level larger than the last one follow, with `này` or a number it can have? */
function levelAhead(levels: RawLevel[]): boolean {
  const k = LEVEL_OF[typeAt(1)];
  if (!k) return false;
  const prev = levels[levels.length - 1];
  return (!prev || LEVEL_RANK[k] > LEVEL_RANK[prev.kind]) && (typeAt(2) === NAY || validItem(k, 2));
}

/** level := Kw ("này" | item ((`,` | và | hoặc | đến) Kw? item)*) */
function level(): RawLevel {
  const kwType = typeAt(1);
  const kw = pos++;
  const kind = LEVEL_OF[kwType]!;
  const lvl: RawLevel = { kind, kwSpan: span(kw), items: [] };
  const t = typeAt(1);
  if (t === NAY) {
    lvl.nay = span(pos++);
  } else if (t === NUM || t === WORD || t === THU) {
    lvl.items.push(itemOf(kind, pos));
    item();
    while (continuesList(kwType)) {
      const sep = types[pos++];
      if (isLevelToken(typeAt(1))) pos++;
      const it = itemOf(kind, pos);
      if (sep === DEN && lvl.items.length) lvl.items[lvl.items.length - 1].rangeTo = { label: it.label, span: it.span };
      else lvl.items.push(it);
      item();
    }
  } else {
    throw FAIL;
  }
  return lvl;
}

/** item := Num | Word | thứ Word+ */
function item(): void {
  const t = typeAt(1);
  if (t === NUM || t === WORD) { pos++; return; }
  if (t !== THU) throw FAIL;
  pos++;
  expect(WORD);
  while (typeAt(1) === WORD) pos++;
}

/** Is the k-th next token a number that a unit of this kind can have? (`Điều kiện` is not a citation.) */
function validItem(kind: LevelKind, k: number): boolean {
  const i = at(k);
  if (i < 0) return false;
  const t = types[i];
  switch (kind) {
    case 'diem': return t === WORD && /^[a-z]\d{0,2}$/.test(imageOf(i));
    case 'chuong': return t === NUM || (t === WORD && /^[ivxlc]+$/.test(imageOf(i)) && isCapitalized(i));
    case 'phan': return t === THU || (t === WORD && /^[ivxlc]+$/.test(imageOf(i)) && isCapitalized(i));
    default: return t === NUM;
  }
}

/** After an item: a separator, then (optionally the same keyword and) another item of this kind. */
function continuesList(kw: number): boolean {
  const sep = typeAt(1);
  if (sep !== COMMA && sep !== VA && sep !== HOAC && sep !== DEN) return false;
  let k = 2;
  if (typeAt(k) === kw) k++;
  else if (isLevelToken(typeAt(k))) return false;
  return validItem(LEVEL_OF[kw]!, k);
}

function itemOf(kind: LevelKind, i: number): RawItem {
  if (types[i] === THU) return { label: 'thứ', span: span(i) };
  let label = normOf(i);
  if (kind === 'diem') label = label.toLowerCase();
  if (kind === 'chuong' || kind === 'phan') label = label.toUpperCase();
  return { label, span: span(i) };
}

/**
 * Does a reference to a document follow? `afterLevels`: the citation has read unit levels
 * (a bare type word only counts after them).
 */
function docRefAhead(afterLevels: boolean): boolean {
  let k = 1;
  if (typeAt(k) === CUA) k++;
  const t = at(k);
  if (t < 0 || types[t] !== DOC_TYPE || !isCapitalized(t)) return false;
  const n = typeAt(k + 1);
  if (n === NAY || n === NEU_TREN || n === DOC_NUMBER) return true;
  // `Nghị định số 12/…`; after a unit chain also a number left blank in a form (`số …/2018/NĐ-CP`).
  if (n === SO) return typeAt(k + 2) === DOC_NUMBER || (k === 1 && !isAllCaps(t) && afterLevels);
  const ni = at(k + 1);
  if (isWordish(ni) && isCapitalized(ni) && !isStop(NAME_STOP, ni) && !isAllCaps(t)) return true;
  // A capitalized type word right after a unit chain names another document, even unnamed
  // (`Điều 126 Luật`, `khoản 1 Điều 5 Quy chế cũ`).
  return k === 1 && !isAllCaps(t) && afterLevels;
}

/** docRef := của? Type ("này" | "nêu trên" | số? Number date? (của Issuer)? | Name (số Number)? (date | năm YYYY)? | ε) */
function docRef(): RawDocRef {
  const ref: RawDocRef = { span: { start: 0, end: 0 } };
  const first = typeAt(1) === CUA ? pos++ : -1;
  const type = expect(DOC_TYPE);
  let last = type;
  ref.type = imageOf(type).replace(/\s+/g, ' ');
  ref.typeSpan = span(type);
  const t = typeAt(1);
  if (t === NAY) {
    last = pos++;
    ref.nay = true;
  } else if (t === NEU_TREN) {
    last = pos++;
    ref.neuTren = true;
  } else if (t === DOC_NUMBER || (t === SO && typeAt(2) === DOC_NUMBER)) {
    if (t === SO) pos++;
    const n = expect(DOC_NUMBER);
    last = n;
    ref.number = normOf(n).replace(/\s+/g, '');
    ref.numberSpan = span(n);
    if (typeAt(1) === DATE) { const d = pos++; last = d; ref.date = parseDate(d); }
    // `… của Chính phủ`: the issuer, in capitals.
    if (typeAt(1) === CUA && isWordish(at(2)) && isCapitalized(at(2))) {
      pos++;
      const words: number[] = [];
      const more = (): boolean => {
        const w = typeAt(1), i = at(1);
        return (w === WORD || w === THU || w === VA)
          && (isWordish(i) || (w === VA && words.length > 0 && isCapitalized(at(2)))) && !isStop(ISSUER_STOP, i) && words.length < 10;
      };
      if (!more()) throw FAIL;
      do words.push(pos++); while (more());
      const s = span(words[0]).start, e = span(words[words.length - 1]).end;
      ref.issuer = norm.slice(s, e);
      ref.issuerSpan = { start: s, end: e };
      last = words[words.length - 1];
    }
  } else if ((t === WORD || t === THU || t === COMMA) && isWordish(at(1)) && isCapitalized(at(1)) && !isAllCaps(type)) {
    // By name (`Luật Công nghệ thông tin`); a type word in capitals is a heading (`QUY ĐỊNH CHUNG`).
    const words: number[] = [];
    // Name words, and a comma inside a name (`Luật Phòng, chống tham nhũng`).
    const more = (): boolean => {
      const w = typeAt(1), i = at(1);
      if (w !== WORD && w !== THU && w !== COMMA) return false;
      return (isWordish(i) && !isStop(NAME_STOP, i))
        || (w === COMMA && words.length > 0 && isWordish(at(2)) && !isStop(NAME_STOP, at(2)) && !isCapitalized(at(2)));
    };
    if (!more()) throw FAIL;
    do words.push(pos++); while (more());
    while (words.length && types[words[words.length - 1]] === COMMA) words.pop();
    if (words.length) {
      const s = span(words[0]).start, e = span(words[words.length - 1]).end;
      ref.name = norm.slice(s, e);
      ref.nameSpan = { start: s, end: e };
      last = words[words.length - 1];
    }
    // `Luật Thi hành án dân sự số 26/2008/QH12`: a name and its number.
    if (typeAt(1) === SO && typeAt(2) === DOC_NUMBER) {
      pos++;
      const n = expect(DOC_NUMBER);
      last = n;
      ref.number = normOf(n).replace(/\s+/g, '');
      ref.numberSpan = span(n);
    }
    if (typeAt(1) === DATE) {
      const d = pos++;
      last = d;
      ref.date = parseDate(d);
    } else if (typeAt(1) === WORD && imageOf(at(1)) === 'nam' && /^\d{4}$/.test(imageOf(at(2)))) {
      // `Luật Đất đai năm 2013`
      pos++;
      const y = expect(NUM);
      last = y;
      ref.year = Number(imageOf(y));
    }
  }
  // Otherwise the type alone (`khoản 8 Điều 126 Luật`): another document, unnamed here.
  ref.span = { start: span(first >= 0 ? first : type).start, end: span(last).end };
  return ref;
}

function parseDate(i: number): { iso: string; year: number; span: Span } {
  const m = /(\d{1,2})\D+?(\d{1,2})\D+?(\d{4})/.exec(imageOf(i).replace(/^ngay/, ''))!;
  const d = m[1].padStart(2, '0'), mo = m[2].padStart(2, '0');
  return { iso: `${m[3]}-${mo}-${d}`, year: Number(m[3]), span: span(i) };
}

/**
 * Where a citation may start (folded text): a level keyword followed by something like a
 * number, or a document type word, or `của`. Only these windows are lexed and parsed.
 */
const START = /(?:(?:cac )?(?:diem|khoan|dieu|muc|chuong|phan)[ \t]+(?:[0-9]|[a-z]\d{0,2}(?![a-z])|[ivxlc]+(?![a-z])|nay(?![a-z])|thu )|(?:cua[ \t]+)?(?:bo luat|luat|hien phap|phap lenh|nghi quyet|nghi dinh|thong tu|quyet dinh|chi thi|quy che|quy dinh|dieu le|van ban hop nhat|chuong trinh phoi hop|ke hoach)(?![a-z]))/g;
/** Longest window a citation can span (`điểm a khoản 1 Điều 5 của Nghị định số … ngày … của …`). */
const WINDOW = 400;
const SHORT_WINDOW = 120;

/** The citation at the start of `fold[at, min(end, at + size))`, if one starts there. */
function parseWindow(fold: string, at: number, end: number, size: number): RawCitation | undefined {
  text = fold.slice(at, Math.min(end, at + size));
  base = at;
  scan();
  pos = 0;
  try {
    return citation();
  } catch (e) {
    if (e === FAIL) return undefined;
    throw e;
  }
}

/** Offsets (in `fold`) where a citation may start, for the whole text in one pass. */
export function citationCandidates(fold: string): number[] {
  const out: number[] = [];
  START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = START.exec(fold))) out.push(m.index);
  return out;
}

/**
 * Finds the citations in `fold.slice(start, end)` (one line or paragraph), trying the
 * candidate offsets `candidates[from…]` that fall inside it (see `citationCandidates`).
 * `skip` tells the offsets (unit markers, quotations) where no citation may start.
 */
export function findCitations(normText: string, fold: string, start: number, end: number, skip: (offset: number) => boolean,
  candidates: number[] = citationCandidates(fold.slice(0, end)), from = 0): RawCitation[] {
  const out: RawCitation[] = [];
  norm = normText;
  try {
    let consumedTo = start;
    for (let ci = from; ci < candidates.length; ci++) {
      const at = candidates[ci];
      if (at < start) continue;
      if (at >= end) break;
      if (at < consumedTo || skip(at) || (at > 0 && isAsciiAlnum(fold.charCodeAt(at - 1)))) continue;
      // Type words only start a citation when capitalized (`Nghị định số …`, not `quy định tại`).
      const isLevel = /^(?:cac |diem|khoan|dieu|muc|chuong|phan)/.test(fold.slice(at, at + 8));
      if (!isLevel && !fold.startsWith('cua', at)) {
        const first = normText[at];
        if (first === undefined || first === first.toLowerCase()) continue;
      }
      // Most citations are short: read a small window first, a long one only when needed.
      let c = parseWindow(fold, at, end, SHORT_WINDOW);
      if (c && at + SHORT_WINDOW < end && c.span.end > at + SHORT_WINDOW - 40) c = parseWindow(fold, at, end, WINDOW);
      if (c) {
        out.push(c);
        consumedTo = c.span.end;
      }
    }
  } catch (e) {
    if (process.env.DIEU_DEBUG_CIT) console.error(e);
    // The citation grammar never takes the file down: a line it cannot read has no citations.
  } finally {
    norm = '';
    text = '';
  }
  return out;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** For debugging and tests: the citation tokens of a folded string. */
export function __lex(foldText: string): Array<{ type: string; image: string; startOffset: number }> {
  text = foldText;
  scan();
  const out = [];
  for (let i = 0; i < count; i++) out.push({ type: TOKEN_NAMES[types[i]], image: imageOf(i), startOffset: starts[i] });
  text = '';
  return out;
}
