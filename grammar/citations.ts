/**
 * Citation grammar (Chevrotain): word-level lexer + embedded-actions parser for the phrases
 * that cite units and documents (DESIGN.md §1):
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
import { createToken, EmbeddedActionsParser, EOF, Lexer, type IOrAlt, type IToken, type TokenType } from 'chevrotain';
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
// Lexer (over folded text: lower-case, no diacritics, `đ` → `d`)

const WS = createToken({ name: 'WS', pattern: /[\s\u00a0]+/, group: Lexer.SKIPPED, line_breaks: true });
const DocNumber = createToken({
  name: 'DocNumber',
  pattern: /\d+[a-z]?(?:[ \t]*\/[ \t]*\d{4})?[ \t]*\/[ \t]*[a-z][a-z0-9]*(?:[ \t]*-[ \t]*[a-z][a-z0-9]*)*|\d+-[a-z]+(?:\/[a-z]+)?(?![a-z0-9])/,
});
const DateTok = createToken({
  name: 'Date',
  pattern: /ngay[ \t]+\d{1,2}[ \t]+thang[ \t]+\d{1,2}[ \t]+nam[ \t]+\d{4}|ngay[ \t]+\d{1,2}[ \t]*[/.-][ \t]*\d{1,2}[ \t]*[/.-][ \t]*\d{4}/,
});
const DocType = createToken({
  name: 'DocType',
  pattern: /(?:bo luat|luat|hien phap|phap lenh|nghi quyet lien tich|nghi quyet|nghi dinh|thong tu lien tich|thong tu|quyet dinh|chi thi|quy che|quy dinh|dieu le|van ban hop nhat|chuong trinh phoi hop|ke hoach)(?![a-z0-9])/,
});
/** Any level keyword (a token category: one alternative for the parser instead of six). */
const LevelKw = createToken({ name: 'LevelKw', pattern: Lexer.NA });
const KwDiem = createToken({ name: 'KwDiem', pattern: /(?:cac[ \t]+)?diem(?![a-z])/, categories: [LevelKw] });
const KwKhoan = createToken({ name: 'KwKhoan', pattern: /(?:cac[ \t]+)?khoan(?![a-z])/, categories: [LevelKw] });
const KwDieu = createToken({ name: 'KwDieu', pattern: /(?:cac[ \t]+)?dieu(?![a-z])/, categories: [LevelKw] });
const KwMuc = createToken({ name: 'KwMuc', pattern: /(?:cac[ \t]+)?muc(?![a-z])/, categories: [LevelKw] });
const KwChuong = createToken({ name: 'KwChuong', pattern: /(?:cac[ \t]+)?chuong(?![a-z])/, categories: [LevelKw] });
const KwPhan = createToken({ name: 'KwPhan', pattern: /(?:cac[ \t]+)?phan(?![a-z])/, categories: [LevelKw] });
const NeuTren = createToken({ name: 'NeuTren', pattern: /(?:neu|noi)[ \t]+tren(?![a-z])/ });
const Nay = createToken({ name: 'Nay', pattern: /nay(?![a-z])/ });
const So = createToken({ name: 'So', pattern: /so(?![a-z])/ });
const Cua = createToken({ name: 'Cua', pattern: /cua(?![a-z])/ });
const Den = createToken({ name: 'Den', pattern: /den(?![a-z])/ });
const Va = createToken({ name: 'Va', pattern: /va(?![a-z])/ });
const Hoac = createToken({ name: 'Hoac', pattern: /hoac(?![a-z])/ });
const Thu = createToken({ name: 'Thu', pattern: /thu(?![a-z])/ });
const Num = createToken({ name: 'Num', pattern: /\d+[a-z]?(?![a-z0-9])/ });
const Word = createToken({ name: 'Word', pattern: /[a-z][a-z0-9]*/ });
const Comma = createToken({ name: 'Comma', pattern: /,/ });
const Other = createToken({ name: 'Other', pattern: /[^\sa-z0-9,]/ });

const citationTokens: TokenType[] = [
  WS, DocNumber, DateTok, DocType, LevelKw, KwDiem, KwKhoan, KwDieu, KwMuc, KwChuong, KwPhan, NeuTren, Nay, So, Cua, Den, Va, Hoac, Thu,
  Num, Word, Comma, Other,
];
const LEVEL_TOKENS = new Map<TokenType, LevelKind>([
  [KwDiem, 'diem'], [KwKhoan, 'khoan'], [KwDieu, 'dieu'], [KwMuc, 'muc'], [KwChuong, 'chuong'], [KwPhan, 'phan'],
]);

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

function isStop(set: { accented: Set<string>; folded: Set<string> }, t: IToken): boolean {
  // A capitalized word is a name's (`Luật Thi hành án dân sự`: `Thi` is not `thì`).
  if (isCapitalized(t)) return false;
  const w = normOf(t).toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(w)) return set.folded.has(w);
  return set.accented.has(w);
}

interface Ctx { norm: string; base: number }
let ctx: Ctx = { norm: '', base: 0 };

function span(t: IToken): Span { return { start: ctx.base + t.startOffset, end: ctx.base + t.startOffset + t.image.length }; }
function normOf(t: IToken): string { return ctx.norm.slice(ctx.base + t.startOffset, ctx.base + t.startOffset + t.image.length); }
/** A word of a name: plain words, and those that happen to be keywords when folded (`Thủ` = `thứ`). */
function isWordish(t: IToken): boolean {
  return t.tokenType === Word || t.tokenType === Thu || t.tokenType === So && isCapitalized(t);
}
function isAllCaps(t: IToken): boolean {
  const s = normOf(t);
  return s.length > 1 && s === s.toUpperCase();
}
function isCapitalized(t: IToken): boolean {
  const i = ctx.base + t.startOffset;
  if (!(i >= 0 && i < ctx.norm.length)) return false; // the end-of-input token (offset NaN)
  const c = ctx.norm.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90; // ASCII: no string to lower-case
  const ch = ctx.norm[i];
  return ch !== ch.toLowerCase();
}

class CitationParser extends EmbeddedActionsParser {
  constructor() {
    super(citationTokens, { recoveryEnabled: false, maxLookahead: 3, skipValidations: !process.env.DIEU_VALIDATE_GRAMMAR });
    this.performSelfAnalysis();
  }

  public citation = this.RULE('citation', (): RawCitation | undefined => {
    const levels: RawLevel[] = [];
    let doc: RawDocRef | undefined;
    this.OR([
      {
        GATE: () => LEVEL_TOKENS.has(this.LA(1).tokenType),
        ALT: () => {
          this.AT_LEAST_ONE({
            GATE: () => {
              const k = LEVEL_TOKENS.get(this.LA(1).tokenType);
              if (!k) return false;
              const prev = levels[levels.length - 1];
              return (!prev || LEVEL_RANK[k] > LEVEL_RANK[prev.kind]) && (this.LA(2).tokenType === Nay || this.validItem(k, 2));
            },
            DEF: () => { const l = this.SUBRULE(this.level); this.ACTION(() => levels.push(l)); },
          });
          this.OPTION({ GATE: () => { this.afterLevels = true; const r = this.docRefAhead(); this.afterLevels = false; return r; }, DEF: () => { doc = this.SUBRULE(this.docRef); } });
        },
      },
      { GATE: () => this.docRefAhead(), ALT: () => { doc = this.SUBRULE2(this.docRef); } },
    ]);
    let out: RawCitation | undefined;
    this.ACTION(() => {
      if (!levels.length && !doc) return;
      const start = levels[0]?.kwSpan.start ?? doc!.span.start;
      const lastLevel = levels[levels.length - 1];
      const end = doc?.span.end ?? Math.max(lastLevel.nay?.end ?? 0, ...lastLevel.items.map((i) => (i.rangeTo ?? i).span.end));
      out = { span: { start, end }, levels, doc };
    });
    return out;
  });

  private levelKw = this.RULE('levelKw', (): IToken => this.CONSUME(LevelKw));

  private level = this.RULE('level', (): RawLevel => {
    const kw = this.SUBRULE(this.levelKw);
    let lvl!: RawLevel;
    let kind!: LevelKind;
    this.ACTION(() => {
      kind = LEVEL_TOKENS.get(kw.tokenType)!;
      lvl = { kind, kwSpan: span(kw), items: [] };
    });
    this.OR2([
      { ALT: () => { const t = this.CONSUME(Nay); this.ACTION(() => { lvl.nay = span(t); }); } },
      {
        ALT: () => {
          this.ACTION(() => lvl.items.push(this.itemOf(kind, this.LA(1))));
          this.SUBRULE(this.item);
          this.MANY({
            GATE: () => this.continuesList(kw.tokenType),
            DEF: () => {
              const sep = this.OR3(this.separators ??= [{ ALT: () => this.CONSUME(Comma) }, { ALT: () => this.CONSUME(Va) }, { ALT: () => this.CONSUME(Hoac) }, { ALT: () => this.CONSUME(Den) }]);
              this.OPTION(() => this.SUBRULE2(this.levelKw));
              this.ACTION(() => {
                const it = this.itemOf(kind, this.LA(1));
                if (sep.tokenType === Den && lvl.items.length) lvl.items[lvl.items.length - 1].rangeTo = { label: it.label, span: it.span };
                else lvl.items.push(it);
              });
              this.SUBRULE2(this.item);
            },
          });
        },
      },
    ]);
    return lvl;
  });

  private item = this.RULE('item', () => {
    this.OR(this.itemAlts ??= [
      { ALT: () => this.CONSUME(Num) },
      { ALT: () => this.CONSUME(Word) },
      { ALT: () => { this.CONSUME(Thu); this.CONSUME2(Word); this.MANY(() => this.CONSUME3(Word)); } },
    ]);
  });

  private docRef = this.RULE('docRef', (): RawDocRef => {
    const ref: RawDocRef = { span: { start: 0, end: 0 } };
    let first: IToken | undefined;
    let last: IToken | undefined;
    this.OPTION(() => { first = this.CONSUME(Cua); });
    const type = this.CONSUME(DocType);
    this.ACTION(() => {
      first ??= type; last = type;
      ref.type = type.image.replace(/\s+/g, ' ');
      ref.typeSpan = span(type);
    });
    this.OR([
      { ALT: () => { last = this.CONSUME(Nay); this.ACTION(() => { ref.nay = true; }); } },
      { ALT: () => { last = this.CONSUME(NeuTren); this.ACTION(() => { ref.neuTren = true; }); } },
      {
        GATE: () => this.LA(1).tokenType === DocNumber || (this.LA(1).tokenType === So && this.LA(2).tokenType === DocNumber),
        ALT: () => {
          this.OPTION2(() => this.CONSUME(So));
          const n = this.CONSUME(DocNumber);
          this.ACTION(() => { last = n; ref.number = normOf(n).replace(/\s+/g, ''); ref.numberSpan = span(n); });
          this.OPTION3(() => { const d = this.CONSUME(DateTok); this.ACTION(() => { last = d; ref.date = parseDate(d); }); });
          this.OPTION5({
            GATE: () => this.LA(1).tokenType === Cua && isWordish(this.LA(2)) && isCapitalized(this.LA(2)),
            DEF: () => {
              this.CONSUME2(Cua);
              const words: IToken[] = [];
              this.AT_LEAST_ONE2({
                GATE: () => (isWordish(this.LA(1)) || (this.LA(1).tokenType === Va && words.length > 0 && isCapitalized(this.LA(2))))
                  && !isStop(ISSUER_STOP, this.LA(1)) && words.length < 10,
                DEF: () => {
                  const w = this.OR4(this.issuerWords ??= [{ ALT: () => this.CONSUME4(Word) }, { ALT: () => this.CONSUME3(Thu) }, { ALT: () => this.CONSUME(Va) }]);
                  this.ACTION(() => words.push(w));
                },
              });
              this.ACTION(() => {
                const s = span(words[0]).start, e = span(words[words.length - 1]).end;
                ref.issuer = ctx.norm.slice(s, e);
                ref.issuerSpan = { start: s, end: e };
                last = words[words.length - 1];
              });
            },
          });
        },
      },
      {
        // By name (`Luật Công nghệ thông tin`); a type word in capitals is a heading (`QUY ĐỊNH CHUNG`).
        GATE: () => isWordish(this.LA(1)) && isCapitalized(this.LA(1)) && !isAllCaps(type),
        ALT: () => {
          const words: IToken[] = [];
          this.AT_LEAST_ONE({
            // Name words, and a comma inside a name (`Luật Phòng, chống tham nhũng`).
            GATE: () => (isWordish(this.LA(1)) && !isStop(NAME_STOP, this.LA(1)))
              || (this.LA(1).tokenType === Comma && words.length > 0 && isWordish(this.LA(2)) && !isStop(NAME_STOP, this.LA(2)) && !isCapitalized(this.LA(2))),
            DEF: () => {
              const w = this.OR2(this.nameWords ??= [{ ALT: () => this.CONSUME2(Word) }, { ALT: () => this.CONSUME2(Thu) }, { ALT: () => this.CONSUME(Comma) }]);
              this.ACTION(() => words.push(w));
            },
          });
          this.ACTION(() => {
            while (words.length && words[words.length - 1].tokenType === Comma) words.pop();
            if (!words.length) return;
            const s = span(words[0]).start, e = span(words[words.length - 1]).end;
            ref.name = ctx.norm.slice(s, e);
            ref.nameSpan = { start: s, end: e };
            last = words[words.length - 1];
          });
          // `Luật Thi hành án dân sự số 26/2008/QH12`: a name and its number.
          this.OPTION6({
            GATE: () => this.LA(1).tokenType === So && this.LA(2).tokenType === DocNumber,
            DEF: () => {
              this.CONSUME3(So);
              const n = this.CONSUME2(DocNumber);
              this.ACTION(() => { last = n; ref.number = normOf(n).replace(/\s+/g, ''); ref.numberSpan = span(n); });
            },
          });
          this.OR5([
            { ALT: () => { const d = this.CONSUME2(DateTok); this.ACTION(() => { last = d; ref.date = parseDate(d); }); } },
            {
              // `Luật Đất đai năm 2013`
              GATE: () => this.LA(1).image === 'nam' && /^\d{4}$/.test(this.LA(2).image ?? ''),
              ALT: () => {
                this.CONSUME5(Word);
                const y = this.CONSUME(Num);
                this.ACTION(() => { last = y; ref.year = Number(y.image); });
              },
            },
            { ALT: () => undefined },
          ]);
        },
      },
      // The type alone (`khoản 8 Điều 126 Luật`): another document, unnamed here.
      { ALT: () => undefined },
    ]);
    this.ACTION(() => {
      ref.span = { start: span(first!).start, end: span(last!).end };
    });
    return ref;
  });

  // --- lookahead helpers (GATEs) ---

  /** Is LA(k) a number that a unit of this kind can have? (`Điều kiện` is not a citation.) */
  private validItem(kind: LevelKind, k: number): boolean {
    const t = this.LA(k);
    switch (kind) {
      case 'diem': return t.tokenType === Word && /^[a-z]\d{0,2}$/.test(t.image);
      case 'chuong': return t.tokenType === Num || (t.tokenType === Word && /^[ivxlc]+$/.test(t.image) && isCapitalized(t));
      case 'phan': return t.tokenType === Thu || (t.tokenType === Word && /^[ivxlc]+$/.test(t.image) && isCapitalized(t));
      default: return t.tokenType === Num;
    }
  }

  private continuesList(kw: TokenType): boolean {
    const sep = this.LA(1).tokenType;
    if (sep !== Comma && sep !== Va && sep !== Hoac && sep !== Den) return false;
    let k = 2;
    if (this.LA(k).tokenType === kw) k++;
    else if (LEVEL_TOKENS.has(this.LA(k).tokenType)) return false;
    return this.validItem(LEVEL_TOKENS.get(kw)!, k);
  }

  private docRefAhead(): boolean {
    let k = 1;
    if (this.LA(k).tokenType === Cua) k++;
    const t = this.LA(k);
    if (t.tokenType !== DocType || !isCapitalized(t)) return false;
    const n = this.LA(k + 1);
    if (n.tokenType === Nay || n.tokenType === NeuTren || n.tokenType === DocNumber) return true;
    // `Nghị định số 12/…`; after a unit chain also a number left blank in a form (`số …/2018/NĐ-CP`).
    if (n.tokenType === So) return this.LA(k + 2).tokenType === DocNumber || (k === 1 && !isAllCaps(t) && this.afterLevels);
    if (isWordish(n) && isCapitalized(n) && !isStop(NAME_STOP, n) && !isAllCaps(t)) return true;
    // A capitalized type word right after a unit chain names another document, even unnamed
    // (`Điều 126 Luật`, `khoản 1 Điều 5 Quy chế cũ`).
    return k === 1 && !isAllCaps(t) && this.afterLevels;
  }

  /** Set while the citation rule has read unit levels (a bare type word only counts after them). */
  private afterLevels = false;

  // Alternatives that read no local variable, built once instead of on every call (Chevrotain's
  // performance guide: caching arrays of alternatives).
  private separators?: IOrAlt<IToken>[];
  private itemAlts?: IOrAlt<unknown>[];
  private issuerWords?: IOrAlt<IToken>[];
  private nameWords?: IOrAlt<IToken>[];


  private itemOf(kind: LevelKind, t: IToken): RawItem {
    if (t.tokenType === Thu) return { label: 'thứ', span: span(t) };
    let label = normOf(t);
    if (kind === 'diem') label = label.toLowerCase();
    if (kind === 'chuong' || kind === 'phan') label = label.toUpperCase();
    return { label, span: span(t) };
  }

  load(tokens: IToken[]): void { this.input = tokens; }

  /**
   * Can a citation start here at all? The grammar's first decision, asked before parsing: a
   * level keyword followed by `này` or a number it can have (the gate of the first level),
   * or a reference to a document (the gate of `docRef`). When not, the parse would fail at
   * once — after Chevrotain had built and thrown its exception, most of the cost of a window.
   */
  startsCitation(): boolean {
    const t = this.LA(1).tokenType;
    const k = LEVEL_TOKENS.get(t);
    if (k) return this.LA(2).tokenType === Nay || this.validItem(k, 2);
    return (t === Cua || t === DocType) && this.docRefAhead();
  }

  /**
   * The rule reads one citation from the start of a window; what follows is not its business.
   * Chevrotain's default reports the rest as an error (an exception object per call, most of
   * the cost of a window): only drop the end-of-input padding.
   */
  onAfterParse(): void {
    const v = (this as unknown as { tokVector: IToken[] }).tokVector;
    while (v.length && v[v.length - 1].tokenType === EOF) v.pop();
  }
}

function parseDate(t: IToken): { iso: string; year: number; span: Span } {
  const m = /(\d{1,2})\D+?(\d{1,2})\D+?(\d{4})/.exec(t.image.replace(/^ngay/, ''))!;
  const d = m[1].padStart(2, '0'), mo = m[2].padStart(2, '0');
  return { iso: `${m[3]}-${mo}-${d}`, year: Number(m[3]), span: span(t) };
}


// ---------------------------------------------------------------------------------------
// Scanner. The token types above define the grammar's vocabulary; this hand-written scanner
// produces the same tokens (same priorities) for the short windows the parser reads, about
// ten times faster than a generic regex-per-token lexer on this many small inputs.

const RE_DOCNUMBER = new RegExp(DocNumber.PATTERN as RegExp, 'y');
const RE_DATE = new RegExp(DateTok.PATTERN as RegExp, 'y');
const RE_DOCTYPE = new RegExp(DocType.PATTERN as RegExp, 'y');
const RE_LEVEL = /(?:cac[ \t]+)?(diem|khoan|dieu|muc|chuong|phan)(?![a-z])/y;
const RE_NEUTREN = /(?:neu|noi)[ \t]+tren(?![a-z])/y;
const RE_NUM = /\d+[a-z]?(?![a-z0-9])/y;
const RE_ALNUM = /[a-z0-9]+/y;
const LEVEL_BY_WORD: Record<string, TokenType> = { diem: KwDiem, khoan: KwKhoan, dieu: KwDieu, muc: KwMuc, chuong: KwChuong, phan: KwPhan };
const SHORT_WORDS: Record<string, TokenType> = { nay: Nay, so: So, cua: Cua, den: Den, va: Va, hoac: Hoac, thu: Thu };

/**
 * The first two letters of every alternative of DocType, of the level keywords (with `cac `)
 * and of `nêu/nói trên`: a word starting otherwise cannot match them, and is not tried.
 */
const CAN_DOCTYPE = 1, CAN_LEVEL = 2, CAN_NEUTREN = 4;
const STARTS = new Uint8Array(26 * 26);
for (const [flag, words] of [
  [CAN_DOCTYPE, ['bo luat', 'luat', 'hien phap', 'phap lenh', 'nghi quyet', 'nghi dinh', 'thong tu', 'quyet dinh', 'chi thi', 'quy che', 'quy dinh', 'dieu le', 'van ban', 'chuong trinh', 'ke hoach']],
  [CAN_LEVEL, ['cac', 'diem', 'khoan', 'dieu', 'muc', 'chuong', 'phan']],
  [CAN_NEUTREN, ['neu', 'noi']],
] as const) {
  for (const w of words) STARTS[(w.charCodeAt(0) - 97) * 26 + (w.charCodeAt(1) - 97)] |= flag;
}

/** Length of the match of sticky `re` at `at` (0: none); `test`, not `exec`: no match array. */
function sticky(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex - at : 0;
}

/** A token as the parser reads it (offsets only: no line and column fields to fill). */
function tokenOf(type: TokenType, text: string, start: number, len: number): IToken {
  return { image: text.slice(start, start + len), startOffset: start, endOffset: start + len - 1, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type };
}

/** Tokens of a folded window (offsets relative to it). */
export function scanTokens(text: string): IToken[] {
  const out: IToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 12 || c === 11) { i++; continue; }
    let len: number;
    if (c >= 48 && c <= 57) {
      if ((len = sticky(RE_DOCNUMBER, text, i))) out.push(tokenOf(DocNumber, text, i, len));
      else if ((len = sticky(RE_NUM, text, i))) out.push(tokenOf(Num, text, i, len));
      else { len = sticky(RE_ALNUM, text, i); out.push(tokenOf(Other, text, i, len)); }
      i += len;
      continue;
    }
    if (c >= 97 && c <= 122) {
      // Which multi-word patterns can start here, by the first two letters (each needs one of its own).
      const c2 = text.charCodeAt(i + 1);
      const can = c2 >= 97 && c2 <= 122 ? STARTS[(c - 97) * 26 + (c2 - 97)] : 0;
      if (c === 110 && (len = sticky(RE_DATE, text, i))) { out.push(tokenOf(DateTok, text, i, len)); i += len; continue; }
      if ((can & CAN_DOCTYPE) && (len = sticky(RE_DOCTYPE, text, i))) { out.push(tokenOf(DocType, text, i, len)); i += len; continue; }
      if (can & CAN_LEVEL) {
        RE_LEVEL.lastIndex = i;
        const lv = RE_LEVEL.exec(text);
        if (lv) { out.push(tokenOf(LEVEL_BY_WORD[lv[1]], text, i, lv[0].length)); i += lv[0].length; continue; }
      }
      if ((can & CAN_NEUTREN) && (len = sticky(RE_NEUTREN, text, i))) { out.push(tokenOf(NeuTren, text, i, len)); i += len; continue; }
      len = sticky(RE_ALNUM, text, i);
      const w = text.slice(i, i + len);
      out.push(tokenOf(SHORT_WORDS[w] ?? Word, text, i, len));
      i += len;
      continue;
    }
    out.push(tokenOf(c === 44 ? Comma : Other, text, i, 1));
    i++;
  }
  return out;
}

let parser: CitationParser | undefined;

/**
 * Where a citation may start (folded text): a level keyword followed by something like a
 * number, or a document type word, or `của`. Only these windows are lexed and parsed.
 */
const START = /(?:(?:cac )?(?:diem|khoan|dieu|muc|chuong|phan)[ \t]+(?:[0-9]|[a-z]\d{0,2}(?![a-z])|[ivxlc]+(?![a-z])|nay(?![a-z])|thu )|(?:cua[ \t]+)?(?:bo luat|luat|hien phap|phap lenh|nghi quyet|nghi dinh|thong tu|quyet dinh|chi thi|quy che|quy dinh|dieu le|van ban hop nhat|chuong trinh phoi hop|ke hoach)(?![a-z]))/g;
/** Longest window a citation can span (`điểm a khoản 1 Điều 5 của Nghị định số … ngày … của …`). */
const WINDOW = 400;
const SHORT_WINDOW = 120;

function parseWindow(fold: string, at: number, end: number, size: number): RawCitation | undefined {
  const tokens = scanTokens(fold.slice(at, Math.min(end, at + size)));
  parser!.load(tokens);
  if (!parser!.startsCitation()) return undefined;
  const c = parser!.citation();
  if (process.env.DIEU_DEBUG_CIT && parser!.errors.length) console.error(parser!.errors.map((e) => e.message));
  return parser!.errors.length === 0 ? c : undefined;
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
export function findCitations(norm: string, fold: string, start: number, end: number, skip: (offset: number) => boolean,
  candidates: number[] = citationCandidates(fold.slice(0, end)), from = 0): RawCitation[] {
  parser ??= new CitationParser();
  const out: RawCitation[] = [];
  // Chevrotain reports a failed parse with exceptions; their stack traces are most of the
  // cost of trying a window. They are never shown, so don't capture them.
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    let consumedTo = start;
    for (let ci = from; ci < candidates.length; ci++) {
      const at = candidates[ci];
      if (at < start) continue;
      if (at >= end) break;
      if (at < consumedTo || skip(at) || (at > 0 && /[a-z0-9]/.test(fold[at - 1]))) continue;
      // Type words only start a citation when capitalized (`Nghị định số …`, not `quy định tại`).
      const isLevel = /^(?:cac |diem|khoan|dieu|muc|chuong|phan)/.test(fold.slice(at, at + 8));
      if (!isLevel && !fold.startsWith('cua', at)) {
        const first = norm[at];
        if (first === undefined || first === first.toLowerCase()) continue;
      }
      ctx = { norm, base: at };
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
    Error.stackTraceLimit = stackLimit;
    ctx = { norm: '', base: 0 };
  }
  return out;
}

/** For debugging and tests: the citation tokens of a folded string. */
export function __lex(foldText: string): IToken[] {
  return scanTokens(foldText);
}
