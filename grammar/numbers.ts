/** Unit numbers: Arabic with inserted suffix (`15a`), Roman (`IV`), Vietnamese ordinals (`thứ hai`), điểm letters. */
import type { UnitKind, UnitNumber } from '../server/src/core/model';

/** Điểm letters in order (DESIGN.md §1). `f j w z` are never used. */
export const POINT_LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];
export const INVALID_POINT_LETTERS = new Set(['f', 'j', 'w', 'z']);

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

export function romanToInt(s: string): number {
  const t = s.toLowerCase();
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t[i]];
    if (v === undefined) return NaN;
    const next = ROMAN[t[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function intToRoman(n: number): string {
  const table: Array<[number, string]> = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, r] of table) while (n >= v) { out += r; n -= v; }
  return out;
}

const ORDINAL_UNITS: Record<string, number> = {
  nhat: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5, lam: 5, sau: 6, bay: 7, tam: 8, chin: 9,
};

/** `thứ nhất` → 1, `thứ mười hai` → 12, `thứ hai mươi mốt` → 21 (folded words). */
export function ordinalToInt(words: string): number {
  const w = words.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toLowerCase().split(/\s+/).filter((x) => x && x !== 'thu');
  if (w.length === 0) return NaN;
  let total = 0;
  let i = 0;
  if (w[0] === 'muoi') { total = 10; i = 1; } else if (w.length >= 2 && (w[1] === 'muoi')) {
    total = (ORDINAL_UNITS[w[0]] ?? NaN) * 10; i = 2;
  }
  if (i < w.length) {
    const u = w[i] === 'mot' || w[i] === 'mot' ? 1 : ORDINAL_UNITS[w[i]];
    if (u === undefined) return NaN;
    total += u;
    i++;
  }
  return i === w.length ? total : NaN;
}

const VN_ORDINALS = ['', 'nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];
export function intToOrdinal(n: number): string {
  if (n >= 1 && n <= 10) return `thứ ${VN_ORDINALS[n]}`;
  return `thứ ${n}`;
}

/** Parses a unit label as written. Unknown forms give `value: NaN`. */
export function parseNumber(kind: UnitKind, label: string): UnitNumber {
  const l = label.trim();
  if (kind === 'diem') {
    const m = /^([a-zđ])(\d*)$/.exec(l);
    if (!m) return { label: l, value: NaN, suffix: '' };
    const idx = POINT_LETTERS.indexOf(m[1]);
    return { label: l, value: idx >= 0 ? idx + 1 : NaN, suffix: m[2] };
  }
  if (kind === 'phan' && /^th/i.test(l)) return { label: l.replace(/\s+/g, ' '), value: ordinalToInt(l), suffix: '' };
  let m = /^(\d+)([a-zđ]?)$/i.exec(l);
  if (m) return { label: l, value: parseInt(m[1], 10), suffix: m[2].toLowerCase() };
  m = /^([ivxlc]+)$/i.exec(l);
  if (m) return { label: l.toUpperCase(), value: romanToInt(l), suffix: '' };
  return { label: l, value: NaN, suffix: '' };
}

/** Total order of sibling numbers: 15 < 15a < 15b < 16; a < a1 < a2 < b. */
export function compareNumbers(a: UnitNumber, b: UnitNumber): number {
  if (a.value !== b.value) return a.value - b.value;
  if (a.suffix === b.suffix) return 0;
  if (a.suffix === '') return -1;
  if (b.suffix === '') return 1;
  const na = Number(a.suffix), nb = Number(b.suffix);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  // Letters in Vietnamese order: 78d < 78đ < 78e.
  const la = POINT_LETTERS.indexOf(a.suffix), lb = POINT_LETTERS.indexOf(b.suffix);
  if (la >= 0 && lb >= 0) return la - lb;
  return a.suffix < b.suffix ? -1 : 1;
}
