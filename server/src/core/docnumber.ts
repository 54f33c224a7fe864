/**
 * Document numbers (số ký hiệu): `64/2007/NĐ-CP`, `30c/NQ-CP`, `67/2006/QH11`,
 * `89/2016/TTLT-BTC-BCT`, `02/VBHN-VPQH`; old forms `61-CP`, `24-L/CTN`, `299/TTg`.
 * Numbers are matched exactly after normalization (spaces, diacritics, Đ/D, case) — never by
 * similarity: `17/2017/NĐ-CP` must not meet `117/2017/NĐ-CP`.
 */
import { fold } from './text';

/** Canonical key of a number: no spaces, no diacritics, upper case (`64/2007/ND-CP`). */
export function numberKey(n: string): string {
  return fold(n.normalize('NFC')).replace(/\s+/g, '').toUpperCase();
}

export interface DocNumberParts {
  /** `64`, `30c` */
  serial: string;
  year?: number;
  /** Type code: `ND`, `QD`, `TT`, `TTLT`, `NQ`… (folded, upper case); undefined for Quốc hội acts and old forms. */
  typeCode?: string;
  /** Issuer codes: `CP`, `TTG`, `BTC`, `QH11`, `UBTVQH11`… (folded, upper case). */
  issuers: string[];
  /** Old forms (`61-CP`, `24-L/CTN`, `299/TTg`): not type-checked. */
  old: boolean;
}

/** Type codes and the type words they stand for (folded type words). */
export const TYPE_CODES: Record<string, string[]> = {
  ND: ['nghi dinh'],
  QD: ['quyet dinh'],
  TT: ['thong tu'],
  TTLT: ['thong tu lien tich'],
  NQ: ['nghi quyet'],
  NQLT: ['nghi quyet lien tich'],
  CT: ['chi thi'],
  VBHN: ['van ban hop nhat'],
  PL: ['phap lenh'],
  QC: ['quy che'],
  CTPH: ['chuong trinh phoi hop', 'chuong trinh'],
  KH: ['ke hoach'],
  HD: ['huong dan'],
  QDLT: ['quyet dinh'],
};

/** Type words of Quốc hội's own acts, which carry only the issuer code (`…/QH14`). */
const QH_TYPES = ['luat', 'bo luat', 'nghi quyet', 'hien phap'];

/** Parses a number; undefined when it does not have the shape of a số ký hiệu. */
export function parseDocNumber(n: string): DocNumberParts | undefined {
  const k = numberKey(n);
  let m = /^(\d+[A-Z]?)\/(\d{4})\/([A-Z0-9.]+(?:-[A-Z0-9.]+)*)$/.exec(k) ?? /^(\d+[A-Z]?)\/()([A-Z0-9.]+(?:-[A-Z0-9.]+)*)$/.exec(k);
  if (m) {
    const serial = m[1].toLowerCase();
    const year = m[2] ? Number(m[2]) : undefined;
    const parts = m[3].split('-');
    if (/^(QH|UBTVQH)\d*$/.test(parts[0]) && parts.length === 1) return { serial, year, issuers: parts, old: false };
    if (parts.length === 1) {
      // `299/TTg`: an old form with only an issuer.
      return { serial, year, issuers: parts, old: year === undefined };
    }
    return { serial, year, typeCode: parts[0], issuers: parts.slice(1), old: false };
  }
  m = /^(\d+[A-Z]?)-([A-Z]+)(?:\/([A-Z]+))?$/.exec(k);
  if (m) return { serial: m[1].toLowerCase(), issuers: [m[2], ...(m[3] ? [m[3]] : [])], old: true };
  return undefined;
}

/**
 * Whether a type word (folded: `nghi dinh`) agrees with a number's code; undefined when the
 * number carries no type (old forms) or the code is unknown to us (no guess).
 */
export function typeAgrees(typeWord: string, parts: DocNumberParts): boolean | undefined {
  if (parts.old) return undefined;
  if (!parts.typeCode) {
    // Quốc hội / UBTVQH acts: `67/2006/QH11` (Luật, Bộ luật, Nghị quyết).
    if (parts.issuers.some((i) => /^QH\d*$/.test(i))) return QH_TYPES.includes(typeWord);
    return undefined;
  }
  const words = TYPE_CODES[parts.typeCode];
  if (!words) return undefined;
  return words.includes(typeWord);
}
