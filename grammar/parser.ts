/**
 * Structure grammar (Chevrotain, embedded actions) over the line tokens of `lexer.ts`:
 *
 *   file      := document*
 *   document  := preamble body                      (a header line or an announced title starts the next)
 *   preamble  := (HeaderLine | SoLine | DocTitle | Text | Dash | Quoted)*
 *   body      := (part | chapter | section | subsection | article | clause | point | roman | text)*
 *   part      := Phan title? (chapter | section | subsection | article | clause | point | text)*
 *   chapter   := Chuong title? (section | subsection | article | clause | point | text)*
 *   section   := Muc title? (subsection | article | clause | point | text)*
 *   subsection:= TieuMuc title? (article | clause | point | text)*
 *   article   := Dieu (clause | point | text)*
 *   clause    := Khoan (point | text)*
 *   point     := Diem text*
 *   roman     := Roman (clause | point | text)*     (documents structured by I., II. …)
 *
 * Every token sequence is accepted (each token fits somewhere), so the parser never
 * fails; units standing where they cannot are marked `misplaced` for the checks.
 * The result is our own AST (`server/src/core/model.ts`), offsets into the NFC text.
 */
import { EmbeddedActionsParser, EOF, type IToken } from 'chevrotain';
import {
  allTokens, Chuong, Dash, Diem, Dieu, DocTitle, HeaderLine, Khoan, Muc, Phan, Quoted, Roman, SoLine, Text, TieuMuc,
  payload, tokenEnd,
} from './lexer';
import type { DocNode, MarkerStyle, Unit, UnitKind, UnitNumber } from '../server/src/core/model';
import { parseNumber } from './numbers';

interface DocState {
  doc: DocNode;
  /** "Ban hành kèm theo … này" seen: an attached text (QUY CHẾ…) follows. */
  announced: boolean;
  preamble: IToken[];
}

class StructureParser extends EmbeddedActionsParser {
  private norm = '';
  private fold = '';
  private state!: DocState;
  private docIndex = 0;

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 1, skipValidations: !process.env.DIEU_VALIDATE_GRAMMAR });
    this.performSelfAnalysis();
  }

  load(tokens: IToken[], norm: string, fold: string): void {
    this.input = tokens;
    this.norm = norm;
    this.fold = fold;
    this.docIndex = 0;
  }

  public file = this.RULE('file', (): DocNode[] => {
    const docs: DocNode[] = [];
    this.MANY({
      GATE: () => this.LA(1).tokenType !== EOF,
      DEF: () => {
        const d = this.SUBRULE(this.document);
        this.ACTION(() => { if (d) docs.push(d); });
      },
    });
    return docs;
  });

  private document = this.RULE('document', (): DocNode => {
    let st!: DocState;
    this.ACTION(() => {
      const start = this.LA(1).startOffset;
      st = {
        doc: { index: this.docIndex++, span: { start, end: start }, identity: {}, attached: false, units: [], quotes: [], hasArticles: false },
        announced: false,
        preamble: [],
      };
      const prev = this.state;
      if (prev?.announced && this.LA(1).tokenType === DocTitle) st.doc.attached = true;
      this.state = st;
    });
    this.MANY(() => {
      const t = this.OR([
        { ALT: () => this.CONSUME(HeaderLine) },
        { ALT: () => this.CONSUME(SoLine) },
        { ALT: () => this.CONSUME(DocTitle) },
        { ALT: () => this.CONSUME(Text) },
        { ALT: () => this.CONSUME(Dash) },
        { ALT: () => this.CONSUME(Quoted) },
      ]);
      this.ACTION(() => { st.preamble.push(t); this.noteText(t); });
    });
    this.MANY2(() => {
      const u = this.OR2([
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
      this.ACTION(() => { if (u) st.doc.units.push(u); });
    });
    this.ACTION(() => {
      const last = this.LA(0);
      st.doc.span.end = Math.max(st.doc.span.start, last && last.image !== undefined ? tokenEnd(last) : st.doc.span.start);
    });
    return st?.doc;
  });

  /** Prose inside a unit: a line of text, a dash line, quoted amended text, an unannounced title. */
  private text = this.RULE('text', (): IToken => {
    const t = this.OR([
      { ALT: () => this.CONSUME(Text) },
      { ALT: () => this.CONSUME(Dash) },
      { ALT: () => this.CONSUME(Quoted) },
      { GATE: () => !this.state.announced, ALT: () => this.CONSUME(DocTitle) },
    ]);
    this.ACTION(() => this.noteText(t));
    return t;
  });

  private part = this.RULE('part', (): Unit => {
    const u = this.head(this.CONSUME(Phan), 'phan');
    this.titleLines(u);
    this.MANY(() => this.add(u, this.OR([
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
    this.MANY(() => this.add(u, this.OR([
      { ALT: () => this.SUBRULE(this.section) },
      { ALT: () => this.SUBRULE(this.subsection) },
      { ALT: () => this.SUBRULE(this.article) },
      { ALT: () => this.SUBRULE(this.clause) },
      { ALT: () => this.SUBRULE(this.point) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  private section = this.RULE('section', (): Unit => {
    const u = this.head(this.CONSUME(Muc), 'muc');
    this.titleLines(u);
    this.MANY(() => this.add(u, this.OR([
      { ALT: () => this.SUBRULE(this.subsection) },
      { ALT: () => this.SUBRULE(this.article) },
      { ALT: () => this.SUBRULE(this.clause) },
      { ALT: () => this.SUBRULE(this.point) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  private subsection = this.RULE('subsection', (): Unit => {
    const u = this.head(this.CONSUME(TieuMuc), 'tieumuc');
    this.titleLines(u);
    this.MANY(() => this.add(u, this.OR([
      { ALT: () => this.SUBRULE(this.article) },
      { ALT: () => this.SUBRULE(this.clause) },
      { ALT: () => this.SUBRULE(this.point) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  private article = this.RULE('article', (): Unit => {
    const u = this.head(this.CONSUME(Dieu), 'dieu');
    this.ACTION(() => { this.state.doc.hasArticles = true; });
    this.OPTION({
      GATE: () => !u.title && !u.text && this.LA(1).tokenType === Text && this.looksLikeArticleTitle(this.LA(1)),
      DEF: () => { const t = this.CONSUME2(Text); this.ACTION(() => this.setTitle(u, t.startOffset, tokenEnd(t))); },
    });
    this.MANY(() => this.add(u, this.OR([
      { ALT: () => this.SUBRULE(this.clause) },
      { ALT: () => this.SUBRULE(this.point) },
      // `I.` misread by OCR for `1.` where a khoản is expected.
      { GATE: () => /^[Il]$/.test(payload(this.LA(1))?.label ?? ''), ALT: () => this.SUBRULE(this.romanClause) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  private clause = this.RULE('clause', (): Unit => {
    const u = this.head(this.CONSUME(Khoan), 'khoan');
    this.MANY(() => this.add(u, this.OR([
      { ALT: () => this.SUBRULE(this.point) },
      { ALT: () => this.SUBRULE(this.text) },
    ])));
    return u;
  });

  private romanClause = this.RULE('romanClause', (): Unit => {
    const u = this.head(this.CONSUME(Roman), 'khoan');
    this.ACTION(() => { u.style = 'roman-khoan'; u.num = parseNumber('khoan', '1'); });
    this.MANY(() => this.add(u, this.OR([
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
    this.MANY(() => this.add(u, this.OR([
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
      this.noteText(t);
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
        });
      },
    });
  }

  private setTitle(u: Unit, start: number, end: number): void {
    const raw = this.norm.slice(start, end);
    const title = raw.replace(/[*_#]+/g, ' ').replace(/\s+/g, ' ').trim();
    if (!title) return;
    u.title = title;
    u.titleSpan = { start, end };
    u.span.end = Math.max(u.span.end, end);
  }

  private looksLikeArticleTitle(t: IToken): boolean {
    const s = this.norm.slice(t.startOffset, tokenEnd(t)).replace(/[*_]+/g, '').trim();
    return s.length > 0 && s.length < 250 && !/[.;:,]$/.test(s) && /^\p{Lu}/u.test(s);
  }

  private noteText(t: IToken): void {
    const st = this.state;
    if (t.tokenType === Quoted) st.doc.quotes.push({ start: t.startOffset, end: tokenEnd(t) });
    if (!st.announced) {
      const f = this.fold.slice(t.startOffset, tokenEnd(t));
      if (f.includes('ban hanh kem theo') && /\bnay\b/.test(f)) st.announced = true;
    }
  }

}

function markerStyle(kind: UnitKind, punct: string): MarkerStyle {
  if (kind === 'khoan') {
    if (punct === ')') return 'paren-khoan';
    if (punct === '-') return 'dash-khoan';
  }
  if (kind === 'diem' && punct === '.') return 'dot-diem';
  if (kind === 'dieu' && punct === '') return 'dieu-no-period';
  return 'ok';
}

/** Text after `Điều N.` is a title unless it reads as a sentence (content of an untitled Điều). */
function looksLikeTitle(rest: string): boolean {
  const s = rest.replace(/[*_]+/g, '').trim();
  if (!s) return false;
  if (/(\.\/\.|[.;:])$/.test(s)) return false;
  return true;
}

function isCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase();
}

let parser: StructureParser | undefined;

export interface StructureResult {
  documents: DocNode[];
  /** Preamble tokens per document (header block, Căn cứ…), for identity extraction. */
  preambles: IToken[][];
}

export function parseStructure(tokens: IToken[], norm: string, fold: string): StructureResult {
  parser ??= new StructureParser();
  parser.load(tokens, norm, fold);
  const docs = parser.file() ?? [];
  // Preamble tokens: those of each document before its first unit token.
  const unitTokens = new Set([Phan, Chuong, Muc, TieuMuc, Dieu, Khoan, Diem, Roman]);
  const preambles: IToken[][] = docs.map(() => []);
  let di = 0;
  let inBody = false;
  for (const t of tokens) {
    while (di < docs.length - 1 && t.startOffset >= docs[di + 1].span.start) { di++; inBody = false; }
    if (unitTokens.has(t.tokenType)) inBody = true;
    if (!inBody && docs[di]) preambles[di].push(t);
  }
  return { documents: docs, preambles };
}

