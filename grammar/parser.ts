/**
 * Structure grammar (Chevrotain, embedded actions) over the line tokens of `lexer.ts`.
 *
 * A file is first cut into documents (`segment`, a linear pass over the tokens: a new
 * header block, the title of an announced attached text, an announced restart at Điều 1 /
 * Chương I, or a unit after the closing block "Nơi nhận"), then each document is parsed:
 *
 *   document  := preamble body
 *   preamble  := (HeaderLine | SoLine | DocTitle | Appendix | Text | Dash | Quoted | TableRow)*
 *   body      := (part | chapter | section | subsection | article | clause | point | roman | text)*
 *   part      := Phan title? (chapter | section | subsection | article | clause | point | text)*
 *   chapter   := Chuong title? (section | capsSection | subsection | article | clause | point | text)*
 *   section   := Muc title? (subsection | capsSubsection | article | clause | point | text)*
 *   capsSection, capsSubsection := Khoan-in-capitals (…)*   (`1. QUYỀN CHIẾM HỮU`: the keyword was lost)
 *   subsection:= TieuMuc title? (article | clause | point | text)*
 *   article   := Dieu title? (clause | bareClause | point | romanClause | text)*
 *   clause    := Khoan (point | text)*          bareClause: `1 Cá nhân …` (no period)
 *   point     := Diem text*                     romanClause: `I.` misread for `1.`
 *   roman     := Roman (clause | point | text)*     (documents structured by I., II. …)
 *   text      := any line that is not a unit heading
 *
 * Every token sequence is accepted (each token fits somewhere), so the parser never
 * fails; units standing where they cannot are left for the checks to report.
 * The result is our own AST (`server/src/core/model.ts`), offsets into the NFC text.
 */
import { EmbeddedActionsParser, type IOrAlt, type IToken, type OrMethodOpts, type TokenType } from 'chevrotain';
import {
  allTokens, Appendix, Chuong, Dash, Diem, Dieu, DocTitle, HeaderLine, Khoan, Muc, Phan, Quoted, Roman, SoLine, TableRow, Text, TextLine, TieuMuc,
  payload, tokenEnd,
} from './lexer';
import type { DocNode, MarkerStyle, Unit, UnitKind, UnitNumber } from '../server/src/core/model';
import { parseNumber } from './numbers';

class StructureParser extends EmbeddedActionsParser {
  private norm = '';
  private fold = '';
  private doc!: DocNode;

  constructor() {
    super([...allTokens, TextLine], { recoveryEnabled: false, maxLookahead: 1, skipValidations: !process.env.DIEU_VALIDATE_GRAMMAR });
    this.performSelfAnalysis();
  }

  /** Parses the tokens of one document (a segment of the file). */
  parseDocument(tokens: IToken[], norm: string, fold: string, index: number, attached: boolean): DocNode {
    this.norm = norm;
    this.fold = fold;
    const start = tokens.length ? tokens[0].startOffset : 0;
    const end = tokens.length ? tokenEnd(tokens[tokens.length - 1]) : start;
    this.doc = { index, span: { start, end }, identity: {}, attached, units: [], quotes: [], hasArticles: false };
    this.chapterDepth = 0;
    let rest = tokens;
    // The grammar accepts every token sequence; the loop is a guard, should that ever change.
    for (let guard = 0; rest.length && guard < 1000; guard++) {
      this.input = rest;
      this.document();
      if (this.errors.length) {
        structureErrors += this.errors.length;
        if (process.env.DIEU_DEBUG) console.error(this.errors.map((e) => `${e.name}: ${e.message} @${e.token.startOffset}`).join('\n'));
      }
      const consumed = this.consumedCount(rest);
      if (consumed >= rest.length) break;
      rest = rest.slice(Math.max(1, consumed));
    }
    return this.doc;
  }

  private lastConsumed = -1;
  private chapterDepth = 0;
  /** The Điều being read (its body's gates ask about it). */
  private articleUnit!: Unit;
  /**
   * The alternatives of each rule's OR, built once (Chevrotain's advice: an OR given a new
   * array of alternatives — objects and closures — on every call allocates per token).
   */
  private readonly alts: Record<string, IOrAlt<Unit | IToken>[] | OrMethodOpts<Unit | IToken>> = {};
  private bodyAlts?: IOrAlt<Unit | undefined>[];

  /**
   * Is the next (text) line of Điều `u` a khoản whose number lost its period (`1 Cá nhân …`)?
   * Only the number this Điều expects next, and only when its successor follows as a khoản
   * (`2.`) or as another such line — footnotes (`2 Ghi tên cơ quan …`) do not qualify.
   */
  private bareClauseAhead(u: Unit): boolean {
    const t = this.LA(1);
    if (t.tokenType !== Text) return false;
    const line = this.norm.slice(t.startOffset, Math.min(tokenEnd(t), t.startOffset + 12));
    const m = /^[ \t*_]*(\d{1,2})[ \t]+\p{Lu}/u.exec(line);
    if (!m) return false;
    let last = 0;
    for (const c of u.children) if (c.kind === 'khoan') last = c.num.value;
    return this.bareLineAhead(last + 1);
  }

  /** Is the next token a text line `n Chữ…` (khoản n without period), followed by khoản n+1? */
  private bareLineAhead(n: number): boolean {
    const t = this.LA(1);
    if (t.tokenType !== Text || Number.isNaN(n)) return false;
    const m = /^[ \t*_]*(\d{1,2})[ \t]+\p{Lu}/u.exec(this.norm.slice(t.startOffset, Math.min(tokenEnd(t), t.startOffset + 12)));
    if (!m || parseInt(m[1], 10) !== n) return false;
    for (let k = 2; k < 40; k++) {
      const x = this.LA(k);
      if (x.tokenType === Khoan) return parseNumber('khoan', payload(x).label).value === n + 1;
      if (x.tokenType === Text) {
        const mm = /^[ \t*_]*(\d{1,2})[ \t]+\p{Lu}/u.exec(this.norm.slice(x.startOffset, Math.min(tokenEnd(x), x.startOffset + 12)));
        if (mm) return parseInt(mm[1], 10) === n + 1;
        continue;
      }
      if (x.tokenType !== Dash && x.tokenType !== Diem && x.tokenType !== TableRow) return false;
    }
    return false;
  }

  /** Next token: a Roman heading other than `I.` (which an Điều reads as a misprinted `1.`)? */
  private otherRomanAhead(): boolean {
    const t = this.LA(1);
    return t.tokenType === Roman && !/^[Il]$/.test(payload(t)?.label ?? '');
  }

  /** Next token: a khoản-like line in capitals (`1. QUYỀN CHIẾM HỮU`) inside a Chương? */
  private capsSectionAhead(): boolean {
    if (this.chapterDepth <= 0) return false;
    const t = this.LA(1);
    if (t.tokenType !== Khoan) return false;
    const p = payload(t);
    if (p.punct !== '.') return false;
    const rest = this.norm.slice(p.restStart, p.restEnd);
    if (rest.length < 4 || rest.length > 160 || /[.;:,]$/.test(rest)) return false;
    const letters = rest.replace(/[^\p{L}]/gu, '');
    return letters.length >= 4 && letters === letters.toUpperCase() && /\p{L}{2,}[^\p{L}]+\p{L}{2,}/u.test(rest);
  }

  private consumedCount(tokens: IToken[]): number {
    if (this.lastConsumed < 0) return 0;
    const last = this.lastConsumed;
    let lo = 0, hi = tokens.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].startOffset <= last) lo = mid + 1; else hi = mid; }
    return lo;
  }

  public document = this.RULE('document', (): void => {
    this.ACTION(() => { this.lastConsumed = -1; });
    this.MANY(() => {
      const t = this.CONSUME(TextLine);
      this.ACTION(() => this.noteText(t));
    });
    this.MANY2(() => {
      const u = this.OR2(this.bodyAlts ??= [
        { ALT: () => this.SUBRULE(this.part) },
        { ALT: () => this.SUBRULE(this.chapter) },
        { ALT: () => this.SUBRULE(this.section) },
        { ALT: () => this.SUBRULE(this.subsection) },
        { ALT: () => this.SUBRULE(this.article) },
        { ALT: () => this.SUBRULE(this.clause) },
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.roman) },
        { ALT: () => { this.SUBRULE(this.text); return undefined; } },
      ]);
      this.ACTION(() => { if (u) this.doc.units.push(u); });
    });
  });

  /** Prose inside a unit: any line that is not a unit heading (text, dash, quote, table…). */
  private text = this.RULE('text', (): IToken => {
    // Any of Text, Dash, Quoted, TableRow, DocTitle, HeaderLine, SoLine, Appendix (the category).
    const t = this.CONSUME(TextLine);
    this.ACTION(() => this.noteText(t));
    return t;
  });

  private part = this.RULE('part', (): Unit => {
    const u = this.head(this.CONSUME(Phan), 'phan');
    this.titleLines(u);
    this.MANY(() => this.add(u, this.OR(this.alts.part ??= [
      { ALT: () => this.SUBRULE(this.chapter) },
      { ALT: () => this.SUBRULE(this.section) },
      { ALT: () => this.SUBRULE(this.subsection) },
      { ALT: () => this.SUBRULE(this.article) },
      { ALT: () => this.SUBRULE(this.clause) },
      { ALT: () => this.SUBRULE(this.point) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  private chapter = this.RULE('chapter', (): Unit => {
    const u = this.head(this.CONSUME(Chuong), 'chuong');
    this.titleLines(u);
    this.ACTION(() => { this.chapterDepth++; });
    this.MANY(() => this.add(u, this.OR(this.alts.chapter ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.section) },
        { GATE: () => this.capsSectionAhead(), ALT: () => this.SUBRULE(this.capsSection) },
        { ALT: () => this.SUBRULE(this.subsection) },
        { ALT: () => this.SUBRULE(this.article) },
        { ALT: () => this.SUBRULE(this.clause) },
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.text) },
      ],
    })));
    this.ACTION(() => { this.chapterDepth--; });
    return u;
  });

  private section = this.RULE('section', (): Unit => {
    const u = this.head(this.CONSUME(Muc), 'muc');
    this.titleLines(u);
    this.MANY(() => this.add(u, this.OR(this.alts.section ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.subsection) },
        // Inside a Mục, a numbered line in capitals is a Tiểu mục that lost its keyword.
        { GATE: () => this.capsSectionAhead(), ALT: () => this.SUBRULE(this.capsSubsection) },
        { ALT: () => this.SUBRULE(this.article) },
        { ALT: () => this.SUBRULE(this.clause) },
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.text) },
      ],
    })));
    return u;
  });

  /** `1. QUYỀN CHIẾM HỮU` inside a Chương: a Mục whose keyword the copy lost (`marker-style`). */
  private capsSection = this.RULE('capsSection', (): Unit => {
    const u = this.head(this.CONSUME(Khoan), 'muc');
    this.ACTION(() => { u.style = 'no-keyword'; });
    this.MANY({ GATE: () => !this.capsSectionAhead(), DEF: () => this.add(u, this.OR(this.alts.capsSection ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.subsection) },
        { ALT: () => this.SUBRULE(this.article) },
        { ALT: () => this.SUBRULE(this.clause) },
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.text) },
      ],
    })) });
    return u;
  });

  /** The same inside a Mục: a Tiểu mục whose keyword the copy lost. */
  private capsSubsection = this.RULE('capsSubsection', (): Unit => {
    const u = this.head(this.CONSUME2(Khoan), 'tieumuc');
    this.ACTION(() => { u.style = 'no-keyword'; });
    this.MANY({ GATE: () => !this.capsSectionAhead(), DEF: () => this.add(u, this.OR(this.alts.capsSubsection ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.article) },
        { ALT: () => this.SUBRULE(this.clause) },
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.text) },
      ],
    })) });
    return u;
  });

  private subsection = this.RULE('subsection', (): Unit => {
    const u = this.head(this.CONSUME(TieuMuc), 'tieumuc');
    this.titleLines(u);
    this.MANY({ GATE: () => !this.capsSectionAhead(), DEF: () => this.add(u, this.OR(this.alts.subsection ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.article) },
        { ALT: () => this.SUBRULE(this.clause) },
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.text) },
      ],
    })) });
    return u;
  });

  private article = this.RULE('article', (): Unit => {
    const u = this.head(this.CONSUME(Dieu), 'dieu');
    this.ACTION(() => { this.doc.hasArticles = true; });
    // Title on the next line (`Điều 5.` / `Phạm vi điều chỉnh`), or the rest of a title
    // wrapped onto the next line (`Điều 9. Quyền và nghĩa vụ của tổ chức,` / `cá nhân`).
    this.OPTION({
      GATE: () => this.LA(1).tokenType === Text && this.articleTitleLine(u, this.LA(1)),
      DEF: () => {
        const t = this.CONSUME2(Text);
        this.ACTION(() => {
          if (u.titleSpan) this.setTitle(u, u.titleSpan.start, tokenEnd(t));
          else this.setTitle(u, t.startOffset, tokenEnd(t));
        });
      },
    });
    this.ACTION(() => {
      // `Điều 2.` alone, its text on the next line (`Bãi bỏ Điều 23 …`): an Điều that carries its
      // text directly, like `Điều 2. Bãi bỏ …` — not one whose title is missing.
      const next = this.LA(1);
      if (!u.title && !u.text && next.tokenType === Text) {
        const s = this.norm.slice(next.startOffset, tokenEnd(next)).replace(/[*_]+/g, '').trim();
        if (s && !bareNumberLine(s)) u.text = s;
      }
    });
    this.ACTION(() => { this.articleUnit = u; });
    this.MANY({ GATE: () => !this.capsSectionAhead() && !this.otherRomanAhead(), DEF: () => this.add(u, this.OR(this.alts.article ??= {
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.clause) },
        { GATE: () => this.bareClauseAhead(this.articleUnit), ALT: () => this.SUBRULE(this.bareClause) },
        { ALT: () => this.SUBRULE(this.point) },
        // `I.` misread by OCR for `1.` where a khoản is expected.
        { GATE: () => /^[Il]$/.test(payload(this.LA(1))?.label ?? ''), ALT: () => this.SUBRULE(this.romanClause) },
        { ALT: () => this.SUBRULE(this.text) },
      ],
    })) });
    return u;
  });

  private clause = this.RULE('clause', (): Unit => {
    const u = this.head(this.CONSUME(Khoan), 'khoan');
    this.MANY({
      GATE: () => !this.bareLineAhead(u.num.value + 1),
      DEF: () => this.add(u, this.OR(this.alts.clause ??= [
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.text) },
      ])),
    });
    return u;
  });

  /** `1 Cá nhân có quyền …`: a khoản whose number lost its period (`marker-style`). */
  private bareClause = this.RULE('bareClause', (): Unit => {
    const t = this.CONSUME3(Text);
    let u!: Unit;
    this.ACTION(() => {
      const m = /^([ \t*_]*)(\d{1,2})[ \t]+/.exec(this.norm.slice(t.startOffset, tokenEnd(t)))!;
      const at = t.startOffset + m[1].length;
      const rest = this.norm.slice(t.startOffset + m[0].length, tokenEnd(t)).trim();
      u = {
        kind: 'khoan', num: parseNumber('khoan', m[2]), span: { start: at, end: tokenEnd(t) },
        marker: { start: at, end: at + m[2].length }, style: 'khoan-no-period', children: [], text: rest,
      };
      this.lastConsumed = t.startOffset;
    });
    this.MANY({
      GATE: () => !this.bareLineAhead(u.num.value + 1),
      DEF: () => this.add(u, this.OR(this.alts.bareClause ??= [
        { ALT: () => this.SUBRULE(this.point) },
        { ALT: () => this.SUBRULE(this.text) },
      ])),
    });
    return u;
  });

  private romanClause = this.RULE('romanClause', (): Unit => {
    const u = this.head(this.CONSUME(Roman), 'khoan');
    this.ACTION(() => { u.style = 'roman-khoan'; u.num = parseNumber('khoan', '1'); });
    this.MANY(() => this.add(u, this.OR(this.alts.romanClause ??= [
      { ALT: () => this.SUBRULE(this.point) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  private point = this.RULE('point', (): Unit => {
    const u = this.head(this.CONSUME(Diem), 'diem');
    this.MANY(() => this.add(u, this.SUBRULE(this.text)));
    return u;
  });

  private roman = this.RULE('roman', (): Unit => {
    const u = this.head(this.CONSUME(Roman), 'heading');
    this.MANY(() => this.add(u, this.OR(this.alts.roman ??= [
      { ALT: () => this.SUBRULE(this.clause) },
      { ALT: () => this.SUBRULE(this.point) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  // -------------------------------------------------------------------------------------
  // Actions

  private add(parent: Unit, child: Unit | IToken): void {
    this.ACTION(() => {
      if ('kind' in child) {
        child.parent = parent;
        parent.children.push(child);
        parent.span.end = Math.max(parent.span.end, child.span.end);
      } else {
        parent.span.end = Math.max(parent.span.end, tokenEnd(child));
      }
    });
  }

  private head(t: IToken, kind: UnitKind): Unit {
    let u!: Unit;
    this.ACTION(() => {
      const p = payload(t);
      const style: MarkerStyle = markerStyle(kind, p.punct);
      const num: UnitNumber = parseNumber(kind, p.label);
      const markerText = this.norm.slice(p.keywordStart, p.keywordEnd);
      u = {
        kind, num, span: { start: p.markerStart, end: tokenEnd(t) },
        marker: { start: p.markerStart, end: p.markerEnd }, style, children: [],
      };
      if (p.keywordEnd > p.keywordStart && markerText.toLowerCase() === this.fold.slice(p.keywordStart, p.keywordEnd) && /[a-z]/i.test(markerText)
        && kind !== 'heading') {
        u.unaccented = { start: p.keywordStart, end: p.keywordEnd };
      }
      const rest = this.norm.slice(p.restStart, p.restEnd);
      if (kind === 'dieu') {
        const wholeBold = /^[#\s]*\*\*/.test(this.norm.slice(t.startOffset, p.markerStart)) && /\*\*\s*$/.test(this.norm.slice(p.restEnd, tokenEnd(t)));
        if (rest && !p.boldClosedAfterMarker && (wholeBold || looksLikeTitle(rest))) this.setTitle(u, p.restStart, p.restEnd);
        else if (rest) u.text = rest;
      } else if (kind === 'phan' || kind === 'chuong' || kind === 'muc' || kind === 'tieumuc' || kind === 'heading') {
        if (rest) this.setTitle(u, p.restStart, p.restEnd);
      } else if (rest) {
        u.text = rest;
      }
      this.lastConsumed = t.startOffset;
    });
    return u;
  }

  /** Title on the next line(s) of a Phần/Chương/Mục heading: one line, or several in capitals. */
  private titleLines(u: Unit): void {
    // Occurrence indices 9 keep these DSL calls apart from those of the calling rule.
    this.MANY9({
      GATE: () => {
        const t = this.LA(1);
        if (t.tokenType !== Text && t.tokenType !== DocTitle) return false;
        if (!u.title) return t.image.length < 300;
        // A second line joins the title only when both are in capitals.
        const s = this.norm.slice(t.startOffset, tokenEnd(t));
        return isCaps(u.title) && isCaps(s) && s.length < 200;
      },
      DEF: () => {
        const t = this.OR9([{ ALT: () => this.CONSUME9(Text) }, { ALT: () => this.CONSUME8(DocTitle) }]);
        this.ACTION(() => {
          if (u.title && u.titleSpan) this.setTitle(u, u.titleSpan.start, tokenEnd(t));
          else this.setTitle(u, t.startOffset, tokenEnd(t));
          u.span.end = tokenEnd(t);
          this.lastConsumed = t.startOffset;
        });
      },
    });
  }

  private setTitle(u: Unit, start: number, end: number): void {
    const raw = this.norm.slice(start, end);
    // Most titles have no Markdown and single spaces: trimmed as they are.
    const title = PLAIN_TITLE.test(raw) ? raw.trim() : raw.replace(/[*_#]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (!title) return;
    u.title = title;
    u.titleSpan = { start, end };
    u.span.end = Math.max(u.span.end, end);
  }

  /** Is text line `t` (right after the heading of Điều `u`) its title, or the rest of it? */
  private articleTitleLine(u: Unit, t: IToken): boolean {
    const s = this.norm.slice(t.startOffset, tokenEnd(t)).replace(/[*_]+/g, '').trim();
    if (!s || s.length >= 250 || /[.;:,]$/.test(s)) return false;
    if (u.text) return false;
    // The heading line has no title: a line starting with a capital is the title.
    if (!u.title) return /^\p{Lu}/u.test(s);
    // A title wrapped onto the next line goes on in lower case, on a line of its own.
    if (/[.;:]$/.test(u.title)) return false;
    return /^\p{Ll}/u.test(s) && s.length < 200 && u.title.length > 20;
  }

  private noteText(t: IToken): void {
    if (t.tokenType === Quoted) this.doc.quotes.push({ start: t.startOffset, end: tokenEnd(t) });
    this.lastConsumed = t.startOffset;
  }
}

/** A title without Markdown (`*_#`), with no blank but single spaces. */
const PLAIN_TITLE = /^(?:[^*_#\s]| (?! ))*$/;

function markerStyle(kind: UnitKind, punct: string): MarkerStyle {
  if (kind === 'khoan') {
    if (punct === ')') return 'paren-khoan';
    if (punct === '-') return 'dash-khoan';
  }
  if (kind === 'diem' && punct === '.') return 'dot-diem';
  if (kind === 'dieu' && punct === '') return 'dieu-no-period';
  if (kind === 'dieu' && punct === ':') return 'dieu-colon';
  return 'ok';
}

/** Text after `Điều N.` is a title unless it reads as a sentence (content of an untitled Điều). */
function looksLikeTitle(rest: string): boolean {
  const s = rest.replace(/[*_]+/g, '').trim();
  if (!s) return false;
  if (/(\.\/\.|[.;:])$/.test(s)) return false;
  return true;
}

/** `1 Cá nhân …`: a line opening with a bare number (khoản without period, or a footnote). */
function bareNumberLine(s: string): boolean {
  return /^\d{1,2}[ \t]+\p{Lu}/u.test(s);
}

function isCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase();
}

// ---------------------------------------------------------------------------------------
// Document boundaries

const UNIT_TOKENS: ReadonlySet<TokenType> = new Set([Phan, Chuong, Muc, TieuMuc, Dieu, Khoan, Diem, Roman]);

export interface Segment {
  /** Token indices [start, end). */
  start: number;
  end: number;
  /** Announced by the previous document ("Ban hành kèm theo … này"). */
  attached: boolean;
}

/** Is `t` the first unit of a new sequence (Điều 1, Chương I, Phần thứ nhất / I)? */
function isRestart(t: IToken): boolean {
  const p = payload(t);
  const label = p.label.toLowerCase().replace(/\s+/g, ' ');
  if (t.tokenType === Dieu) return label === '1';
  if (t.tokenType === Chuong) return label === 'i' || label === '1';
  if (t.tokenType === Phan) return label === 'i' || /^thứ nhất$|^thu nhat$/.test(label);
  return false;
}

/**
 * Cuts a file's tokens into documents (DESIGN §1): a new document starts, once the current
 * one has a body, at
 *   - a new header block (national motto, `Số:`), taking the issuer lines in capitals just
 *     before the motto along;
 *   - the title of an attached text (`QUY CHẾ`, `QUY ĐỊNH`…) once the current document has
 *     announced it ("Ban hành kèm theo Quyết định này …"), or its first Điều 1 / Chương I
 *     when the title was lost (run into the signature line);
 *   - any unit after the closing block (`Nơi nhận:`): appendices, forms, lists of forms.
 * An unannounced return to Điều 1 stays in the document (the checks call it `numbering-order`).
 */
export function segment(tokens: IToken[], fold: string): Segment[] {
  const announces = occurrences(fold, ANNOUNCE);
  const closings = occurrences(fold, CLOSING);
  const out: Segment[] = [];
  let segStart = 0;
  let inBody = false, announced = false, closed = false, articles = false, attached = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const type = t.tokenType;
    const isUnit = UNIT_TOKENS.has(type);
    if (inBody) {
      let cut = -1;
      if (type === HeaderLine || type === SoLine) cut = issuerStart(tokens, k, segStart);
      else if (announced && type === DocTitle) cut = k;
      else if (announced && articles && isUnit && isRestart(t)) cut = k;
      else if (closed && (isUnit || type === DocTitle)) cut = k;
      else if (type === Appendix) cut = k;
      if (cut > segStart) {
        out.push({ start: segStart, end: cut, attached });
        attached = announced;
        segStart = cut;
        inBody = false; announced = false; closed = false; articles = false;
      }
    }
    if (isUnit) {
      inBody = true;
      if (type === Dieu) articles = true;
    }
    if (type !== Quoted && type !== HeaderLine) {
      // "Ban hành kèm theo Quyết định này Quy chế …" (often on the line of `Điều 1.`).
      // (The words are looked up in their offsets first: most lines have neither.)
      const end = tokenEnd(t);
      if (!announced && occursIn(announces, t.startOffset, end - ANNOUNCE.length)) {
        if (/\bnay\b/.test(fold.slice(t.startOffset, end))) announced = true;
      }
      if (inBody && !isUnit && occursIn(closings, t.startOffset, end - CLOSING.length)
        && /^[\s*_#>-]*noi nhan\b|noi nhan\s*:/.test(fold.slice(t.startOffset, end))) closed = true;
    }
  }
  out.push({ start: segStart, end: tokens.length, attached });
  return out;
}

const ANNOUNCE = 'ban hanh kem theo';
const CLOSING = 'noi nhan';

/** Offsets where `word` occurs in `text`, in order. */
function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) out.push(i);
  return out;
}

/** Is one of the sorted `offsets` in [from, to]? */
function occursIn(offsets: number[], from: number, to: number): boolean {
  if (!offsets.length || to < from) return false;
  let lo = 0, hi = offsets.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (offsets[mid] < from) lo = mid + 1; else hi = mid; }
  return lo < offsets.length && offsets[lo] <= to;
}

/**
 * Where a header block starting at token `k` (the motto or `Số:`) really starts: the issuer
 * lines just before it (`QUỐC HỘI`, `-------`, `BỘ TÀI CHÍNH`), short and without lower case.
 */
function issuerStart(tokens: IToken[], k: number, segStart: number): number {
  let i = k;
  for (let n = 0; n < 4 && i - 1 > segStart; n++) {
    const t = tokens[i - 1];
    if (t.tokenType !== Text && t.tokenType !== Dash) break;
    const s = t.image;
    if (s.length > 100 || s !== s.toUpperCase()) break;
    i--;
  }
  return i;
}

let parser: StructureParser | undefined;

/**
 * Grammar errors met so far (the grammar accepts every token sequence, so this stays 0;
 * the property tests assert it). The parser still recovers: it resumes after the error.
 */
export let structureErrors = 0;

export interface StructureResult {
  documents: DocNode[];
  /** Preamble tokens per document (header block, Căn cứ…), for identity extraction. */
  preambles: IToken[][];
}

export function parseStructure(tokens: IToken[], norm: string, fold: string): StructureResult {
  parser ??= new StructureParser();
  const segs = segment(tokens, fold);
  const documents: DocNode[] = [];
  const preambles: IToken[][] = [];
  for (const s of segs) {
    const toks = tokens.slice(s.start, s.end);
    if (!toks.length && documents.length) continue;
    documents.push(parser.parseDocument(toks, norm, fold, documents.length, s.attached));
    const pre: IToken[] = [];
    for (const t of toks) {
      if (UNIT_TOKENS.has(t.tokenType)) break;
      pre.push(t);
    }
    preambles.push(pre);
  }
  return { documents, preambles };
}
