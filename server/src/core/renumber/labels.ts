/**
 * Label arithmetic for renumbering: which label the n-th unit of a sequence gets, what a
 * label typed by the user means, where the number stands inside a marker and a citation.
 * Điều and khoản count 1, 2, 3…; điểm count in the Vietnamese letter sequence
 * `a b c d đ e g h i k l m n o p q r s t u v x y` (DESIGN.md §1).
 */
import { POINT_LETTERS, parseNumber } from '../../../../grammar/numbers';
import type { Span, Unit, UnitKind, UnitNumber } from '../model';
import { fold, type SourceText } from '../text';

/** The unit kinds whose numbers renumbering rewrites. */
export type SeqKind = 'dieu' | 'khoan' | 'diem';

export function isSeqKind(k: string): k is SeqKind {
  return k === 'dieu' || k === 'khoan' || k === 'diem';
}

/** Label of the `n`-th (1-based) base unit: `5`, or `đ` for the fifth điểm; undefined after `y`. */
export function baseLabel(kind: SeqKind, n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1) return undefined;
  return kind === 'diem' ? POINT_LETTERS[n - 1] : String(n);
}

/** `16` + `a` → `16a` (Điều, khoản); `b` + `1` → `b1` (điểm). */
export function withSuffix(kind: SeqKind, n: number, suffix: string): string | undefined {
  const base = baseLabel(kind, n);
  return base === undefined ? undefined : base + suffix;
}

/** The `k`-th (1-based) inserted-unit suffix: `a b c d đ …` after an Arabic number, `1 2 3…` after a letter. */
export function suffixAt(kind: SeqKind, k: number): string | undefined {
  return kind === 'diem' ? String(k) : POINT_LETTERS[k - 1];
}

/** Case-insensitive key of a label among siblings (`15A` = `15a`). */
export function labelKey(label: string): string {
  return label.toLowerCase();
}

const KEYWORDS: Record<SeqKind, RegExp> = {
  dieu: /^(?:cac\s+)?dieu\s*/,
  khoan: /^(?:cac\s+)?khoan\s*/,
  diem: /^(?:cac\s+)?diem\s*/,
};

/**
 * A label typed by the user for a unit of `kind` (`7`, `Điều 7`, `7.`, `15a`, `đ`, `b)`, `a1`),
 * normalized, or undefined when it is not a number such a unit can have.
 */
export function parseNewLabel(kind: SeqKind, typed: string): UnitNumber | undefined {
  let s = typed.normalize('NFC').trim();
  const kw = KEYWORDS[kind].exec(fold(s));
  if (kw) s = s.slice(kw[0].length);
  s = s.replace(/^\*+|\*+$/g, '').trim().replace(/[.):]$/, '').trim();
  if (kind === 'diem') {
    s = s.toLowerCase();
    const m = /^([a-zđ])(\d{0,2})$/.exec(s);
    if (!m || !POINT_LETTERS.includes(m[1]) || m[2].startsWith('0')) return undefined;
    return parseNumber('diem', s);
  }
  const m = /^([1-9]\d{0,3})([a-zđA-ZĐ]?)$/.exec(s);
  if (!m || (m[2] && !POINT_LETTERS.includes(m[2].toLowerCase()))) return undefined;
  return parseNumber(kind, m[1] + m[2].toLowerCase());
}

/**
 * Where a unit's number stands in its marker (`5` in `Điều 5.`, `15a` in `**Dieu 15a:**`,
 * `b` in `b)`), checked against the parsed label; undefined when it cannot be located exactly.
 */
export function markerNumberSpan(src: SourceText, u: Unit): Span | undefined {
  const { start, end } = u.marker;
  const f = src.fold.slice(start, end);
  let at = 0;
  if (u.kind === 'dieu') {
    const m = /^dieu[\s\u00a0]*/.exec(f);
    if (!m) return undefined;
    at = m[0].length;
  }
  const want = fold(u.num.label);
  if (!want || f.slice(at, at + want.length) !== want) return undefined;
  const after = f.charAt(at + want.length);
  if (after && /[a-z0-9]/.test(after)) return undefined;
  return { start: start + at, end: start + at + want.length };
}

/** Is `span` of `src` exactly the label `label` (as written, any case, any diacritics of `đ`)? */
export function spanIsLabel(src: SourceText, span: Span, label: string): boolean {
  if (span.start < 0 || span.end > src.norm.length || span.end <= span.start) return false;
  return src.norm.slice(span.start, span.end).toLowerCase() === label.toLowerCase();
}

/** `newLabel` written in the case of `written` (`B` → `C`, `15A` → `16A`). */
export function inCaseOf(written: string, newLabel: string): string {
  const letters = written.replace(/[^\p{L}]/gu, '');
  return letters && letters === letters.toUpperCase() && letters !== letters.toLowerCase() ? newLabel.toUpperCase() : newLabel;
}

/** Human name of a unit for messages: `Điều 15a`, `khoản 2 Điều 3`, `điểm b khoản 1 Điều 4`. */
export function unitName(u: Unit): string {
  const parts: string[] = [];
  for (let x: Unit | undefined = u; x; x = x.parent) {
    if (x.kind === 'diem') parts.push(`điểm ${x.num.label}`);
    else if (x.kind === 'khoan') parts.push(`khoản ${x.num.label}`);
    else if (x.kind === 'dieu') { parts.push(`Điều ${x.num.label}`); break; }
    else break;
  }
  return parts.join(' ');
}

export function kindName(kind: UnitKind): string {
  return kind === 'dieu' ? 'Điều' : kind === 'khoan' ? 'khoản' : kind === 'diem' ? 'điểm' : kind;
}
