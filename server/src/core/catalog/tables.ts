/**
 * Type and issuer tables: which type word a number's code stands for (NĐ ↔ Nghị định), which
 * issuer an issuer code stands for (CP ↔ Chính phủ, TTg ↔ Thủ tướng Chính phủ, BTC ↔ Bộ Tài
 * chính, QH ↔ Quốc hội…), and how to read an issuer as written (`của Bộ trưởng Bộ Tài chính`)
 * into codes. Used to compare a citation with a catalog entry without guessing: a name that
 * does not read completely as known issuers is "unknown", never a contradiction.
 */
import { type DocNumberParts, parseDocNumber, TYPE_CODES } from '../docnumber';
import { fold } from '../text';

/** Folded type words → how they are written. */
export const TYPE_DISPLAY: Record<string, string> = {
  'hien phap': 'Hiến pháp', 'bo luat': 'Bộ luật', luat: 'Luật', 'phap lenh': 'Pháp lệnh',
  'nghi quyet lien tich': 'Nghị quyết liên tịch', 'nghi quyet': 'Nghị quyết', 'nghi dinh': 'Nghị định',
  'quyet dinh': 'Quyết định', 'thong tu lien tich': 'Thông tư liên tịch', 'thong tu': 'Thông tư', 'chi thi': 'Chỉ thị',
  'quy che': 'Quy chế', 'quy dinh': 'Quy định', 'dieu le': 'Điều lệ', 'van ban hop nhat': 'Văn bản hợp nhất',
  'chuong trinh phoi hop': 'Chương trình phối hợp', 'chuong trinh': 'Chương trình', 'ke hoach': 'Kế hoạch',
  'huong dan': 'Hướng dẫn', 'cong van': 'Công văn', 'lenh': 'Lệnh', 'sac lenh': 'Sắc lệnh',
};

/** The folded type word of a type as written (`Nghị định` → `nghi dinh`), when it is a known one. */
export function typeKey(type: string | undefined): string | undefined {
  if (!type) return undefined;
  let k = typeKeys.get(type);
  if (k === undefined) {
    const f = fold(type.normalize('NFC')).replace(/\s+/g, ' ').trim();
    k = TYPE_DISPLAY[f] ? f : '';
    if (typeKeys.size < 1000) typeKeys.set(type, k);
  }
  return k || undefined;
}
/** Catalogs repeat a handful of type names thousands of times. */
const typeKeys = new Map<string, string>();

/** The type a number's code implies (`…/NĐ-CP` → `nghi dinh`); undefined for Quốc hội acts and old forms. */
export function typeOfNumber(parts: DocNumberParts | undefined): string | undefined {
  if (!parts?.typeCode) return undefined;
  return TYPE_CODES[parts.typeCode]?.[0];
}

/** Type codes (folded) that are joint acts: their issuer fields list several agencies, often partly. */
const JOINT_CODES = new Set(['TTLT', 'NQLT', 'QDLT', 'CTPH']);

export interface Issuer { code: string; name: string }

/** Issuers: code, name as written, other names (all compared folded). */
const ISSUERS: Array<[string, string, ...string[]]> = [
  ['CP', 'Chính phủ'],
  ['TTG', 'Thủ tướng Chính phủ', 'Thủ tướng', 'Phó Thủ tướng Chính phủ', 'Phó Thủ tướng'],
  ['QH', 'Quốc hội'],
  ['UBTVQH', 'Ủy ban Thường vụ Quốc hội'],
  ['CTN', 'Chủ tịch nước'],
  ['VPCP', 'Văn phòng Chính phủ'],
  ['VPQH', 'Văn phòng Quốc hội'],
  ['TTCP', 'Thanh tra Chính phủ'],
  ['BTC', 'Bộ Tài chính'],
  ['BCT', 'Bộ Công Thương'],
  ['BYT', 'Bộ Y tế'],
  ['BGDDT', 'Bộ Giáo dục và Đào tạo'],
  ['BGTVT', 'Bộ Giao thông vận tải'],
  ['BTNMT', 'Bộ Tài nguyên và Môi trường'],
  ['BNNPTNT', 'Bộ Nông nghiệp và Phát triển nông thôn'],
  ['BNNMT', 'Bộ Nông nghiệp và Môi trường'],
  ['BKHCN', 'Bộ Khoa học và Công nghệ'],
  ['BLDTBXH', 'Bộ Lao động - Thương binh và Xã hội'],
  ['BTTTT', 'Bộ Thông tin và Truyền thông'],
  ['BCA', 'Bộ Công an'],
  ['BQP', 'Bộ Quốc phòng'],
  ['BTP', 'Bộ Tư pháp'],
  ['BNV', 'Bộ Nội vụ'],
  ['BNG', 'Bộ Ngoại giao'],
  ['BKHDT', 'Bộ Kế hoạch và Đầu tư'],
  ['BXD', 'Bộ Xây dựng'],
  ['BVHTTDL', 'Bộ Văn hóa, Thể thao và Du lịch'],
  ['BVHTT', 'Bộ Văn hóa - Thông tin'],
  ['BDTTG', 'Bộ Dân tộc và Tôn giáo'],
  ['BBCVT', 'Bộ Bưu chính, Viễn thông'],
  ['BTM', 'Bộ Thương mại'],
  ['BCN', 'Bộ Công nghiệp'],
  ['BTS', 'Bộ Thủy sản'],
  ['NHNN', 'Ngân hàng Nhà nước Việt Nam', 'Ngân hàng Nhà nước'],
  ['TANDTC', 'Tòa án nhân dân tối cao'],
  ['HDTP', 'Hội đồng Thẩm phán Tòa án nhân dân tối cao', 'Hội đồng Thẩm phán'],
  ['VKSNDTC', 'Viện kiểm sát nhân dân tối cao'],
  ['KTNN', 'Kiểm toán nhà nước'],
  ['UBDT', 'Ủy ban Dân tộc'],
  ['BHXH', 'Bảo hiểm xã hội Việt Nam'],
  ['TCHQ', 'Tổng cục Hải quan'],
  ['UBQGCPDT', 'Ủy ban Quốc gia về Chính phủ điện tử'],
  ['HDBT', 'Hội đồng Bộ trưởng'],
  ['HDNN', 'Hội đồng Nhà nước'],
  ['MTTQ', 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', 'Mặt trận Tổ quốc Việt Nam'],
];

/** Codes written in numbers that stand for another code (or several: HĐTP acts are the Tòa án's). */
const CODE_ALIASES: Record<string, string[]> = {
  BNN: ['BNNPTNT'], BGD: ['BGDDT'], VKSTC: ['VKSNDTC'], TATC: ['TANDTC'], HDTP: ['HDTP', 'TANDTC'],
  CTN: ['CTN', 'QH'], BVHTTDL: ['BVHTTDL'], VHTT: ['BVHTT'],
};

/** Titles of office before an agency's name (`Bộ trưởng Bộ Tài chính` is the Bộ Tài chính). */
const ROLES = [
  'pho thu tuong', 'bo truong', 'thu truong', 'pho chu tich', 'chu tich', 'chu nhiem', 'thong doc', 'chanh an',
  'vien truong', 'tong kiem toan', 'tong cuc truong', 'tong giam doc', 'tong thanh tra', 'giam doc', 'truong ban',
].map((r) => r.split(' '));

const BY_CODE = new Map<string, string>(ISSUERS.map(([code, name]) => [code, name]));
/** Names as word lists, longest first (so `thủ tướng chính phủ` wins over `chính phủ`). */
const NAMES: Array<{ words: string[]; code: string }> = ISSUERS
  .flatMap(([code, ...names]) => names.map((n) => ({ words: issuerWords(n), code })))
  .sort((a, b) => b.words.length - a.words.length);

/** Folded words of an issuer as written: no punctuation, `&` → `và`, `Ð` (U+00D0) → `d`. */
export function issuerWords(s: string): string[] {
  const f = fold(s.normalize('NFC').replace(/[\u00d0\u00f0]/g, 'd').replace(/&/g, ' và '));
  return f.split(/[^a-z0-9]+/).filter((w) => w !== '' && w !== 'cua');
}

/**
 * The issuers an issuer text names, as codes — `Bộ trưởng Bộ Tài chính` → [BTC],
 * `Bộ Tài chính và Bộ Y tế` → [BTC, BYT] — or undefined when any part of it is not a known
 * issuer (then nothing can be said against it).
 */
export function issuerCodes(s: string | undefined): string[] | undefined {
  if (!s) return undefined;
  const w = issuerWords(s);
  if (!w.length) return undefined;
  const out: string[] = [];
  let i = 0;
  let expectName = true;
  while (i < w.length) {
    if (!expectName && w[i] === 'va') { i++; expectName = true; continue; }
    const name = NAMES.find((n) => startsWith(w, i, n.words));
    if (name) {
      if (!out.includes(name.code)) out.push(name.code);
      i += name.words.length;
      expectName = false;
      continue;
    }
    const role = ROLES.find((r) => startsWith(w, i, r));
    if (role) { i += role.length; expectName = true; continue; }
    return undefined;
  }
  return out.length && !expectName ? out : undefined;
}

function startsWith(w: string[], i: number, words: string[]): boolean {
  if (i + words.length > w.length) return false;
  for (let k = 0; k < words.length; k++) if (w[i + k] !== words[k]) return false;
  return true;
}

/**
 * The issuers a number names by its codes (`64/2007/NĐ-CP` → [CP], `67/2006/QH11` → [QH],
 * `24-L/CTN` → [CTN, QH]); empty for joint acts (TTLT…) and unknown codes.
 */
export function issuerCodesOfNumber(parts: DocNumberParts | undefined): string[] {
  if (!parts) return [];
  if (parts.typeCode && JOINT_CODES.has(parts.typeCode)) return [];
  const out: string[] = [];
  for (const raw of parts.issuers) {
    const c = raw.replace(/\d+$/, '');
    const codes = CODE_ALIASES[c] ?? (BY_CODE.has(c) ? [c] : []);
    for (const x of codes) if (!out.includes(x)) out.push(x);
  }
  return out;
}

/** Whether a number is a joint act (TTLT, NQLT…) or names several issuers. */
export function isJoint(parts: DocNumberParts | undefined): boolean {
  return !!parts && ((!!parts.typeCode && JOINT_CODES.has(parts.typeCode)) || parts.issuers.length > 1 && !parts.old);
}

/** How an issuer code is written (`TTG` → `Thủ tướng Chính phủ`). */
export function issuerName(code: string): string | undefined {
  return BY_CODE.get(code);
}

/** The issuer a number implies, written out, when it names exactly one known issuer. */
export function issuerOfNumber(number: string): string | undefined {
  const parts = parseDocNumber(number);
  if (isJoint(parts) || (parts?.old && parts.issuers.length > 1)) return undefined;
  const codes = issuerCodesOfNumber(parts);
  return codes.length ? issuerName(codes[0]) : undefined;
}
