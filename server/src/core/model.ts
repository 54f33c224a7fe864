/**
 * The document tree: our own AST (not Chevrotain's CST), offsets into `SourceText.norm`.
 * One file holds one or more `DocNode`s; each has a preamble (header block, Căn cứ…)
 * and a tree of units.
 */
export type UnitKind = 'phan' | 'chuong' | 'muc' | 'tieumuc' | 'dieu' | 'khoan' | 'diem' | 'heading';

export const UNIT_NAMES: Record<UnitKind, string> = {
  phan: 'Phần', chuong: 'Chương', muc: 'Mục', tieumuc: 'Tiểu mục', dieu: 'Điều', khoan: 'khoản', diem: 'điểm',
  heading: 'mục',
};

/** How a marker was written, when it is not the canonical form. */
export type MarkerStyle =
  | 'ok'
  | 'paren-khoan'     // `3)` for a khoản
  | 'dash-khoan'      // `3-` for a khoản (old laws)
  | 'dot-diem'        // `a.` for a điểm
  | 'roman-khoan'     // `I.` (OCR) where `1.` is expected
  | 'dieu-no-period'  // `Điều 5` without `.`
  | 'dieu-colon'      // `Điều 5:` for `Điều 5.`
  | 'no-keyword'      // `1. QUYỀN CHIẾM HỮU` for `Mục 1. QUYỀN CHIẾM HỮU` (Mục / Tiểu mục lost its keyword)
  | 'khoan-no-period'; // `1 Cá nhân …` for `1. Cá nhân …`

export interface Span { start: number; end: number }

/** A number as written: `15`, `15a`, `a`, `a1`, `II`, `thứ nhất`. */
export interface UnitNumber {
  /** As written (normalized: `15a`, `đ`, `II`). */
  label: string;
  /** Primary ordinal: 15 for `15a`, 1 for `a`, 6 for `đ`, 2 for `II`; NaN when unknown. */
  value: number;
  /** Inserted-unit suffix: `a` in `15a`, `1` in `a1`; '' when none. */
  suffix: string;
}

export interface Unit {
  kind: UnitKind;
  num: UnitNumber;
  /** Whole unit, marker to end of its last child. */
  span: Span;
  /** The marker without Markdown decoration: `Điều 6`, `3.`, `b)`. */
  marker: Span;
  /** The marker keyword (`Điều`, `Chương`…) when written without diacritics (`Dieu`). */
  unaccented?: Span;
  style: MarkerStyle;
  title?: string;
  titleSpan?: Span;
  /** First line's text after the marker (the content of a khoản/điểm, or an untitled Điều). */
  text?: string;
  children: Unit[];
  parent?: Unit;
  /** True when the unit stands where it cannot (khoản before any Điều, Mục outside Chương…). */
  misplaced?: string;
}

export interface DocIdentity {
  /** Số ký hiệu as written, e.g. `64/2007/NĐ-CP`. */
  number?: string;
  numberSpan?: Span;
  /** Type word of the title line: `Nghị định`, `Quy chế`… */
  type?: string;
  typeSpan?: Span;
  /** Trích yếu (the title after the type line). */
  title?: string;
  /** ISO date `YYYY-MM-DD` from the `…, ngày … tháng … năm …` line. */
  date?: string;
  issuer?: string;
}

export interface DocNode {
  /** Index of this document in its file (0 for the first). */
  index: number;
  span: Span;
  identity: DocIdentity;
  /** True when announced by the previous document ("Ban hành kèm theo … này"). */
  attached: boolean;
  /** Top-level units (Phần/Chương/… or Điều, or headings of documents without Điều). */
  units: Unit[];
  /** Spans of quoted amended text (text of another document). */
  quotes: Span[];
  /** Does the document have any Điều? (documents without Điều use their own headings). */
  hasArticles: boolean;
}

export interface ParsedFile {
  uri: string;
  documents: DocNode[];
}

/**
 * All units in document order (depth-first, pre-order). An array rather than a recursive
 * generator: nested generators cost ~O(depth) per item and showed up in profiles.
 */
export function walkUnits(units: readonly Unit[]): readonly Unit[] {
  // The tree does not change once parsed, and the checks, citations and responsibilities all
  // walk it: walked once per list (frozen, so that no caller can change what others read).
  let out = walked.get(units);
  if (out) return out;
  const all: Unit[] = [];
  const visit = (list: readonly Unit[]): void => {
    for (const u of list) {
      all.push(u);
      if (u.children.length) visit(u.children);
    }
  };
  visit(units);
  out = Object.freeze(all);
  walked.set(units, out);
  return out;
}
const walked = new WeakMap<readonly Unit[], readonly Unit[]>();

export function unitLabel(u: Unit): string {
  const name = UNIT_NAMES[u.kind];
  return `${name} ${u.num.label}`;
}
