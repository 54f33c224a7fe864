/**
 * Agencies: who a responsibility is given to. A table of the bodies that Vietnamese drafts
 * name (full names, short forms, abbreviations), the renames and mergers of ministries, and a
 * recognizer that finds agency names in a span of text.
 *
 * Matching runs on the folded text (`fold`: lower-case, no diacritics, đ → d), so
 * `Bộ Thông tin và Truyền thông`, `Bo Thong tin va Truyen thong` and `BỘ THÔNG TIN VÀ TRUYỀN
 * THÔNG` are one name; abbreviations (`BTTTT`, `VPCP`) must be written in capitals, as a word.
 *
 * The table is extensible: `extendAgencies(extra)` adds entries or aliases (the CLI reads them
 * from `--agencies <file.json>`, the Workspace from `options.agencies`).
 *
 * Pure: no I/O.
 */
import { fold } from '../text';

export interface AgencyEntry {
  /** Stable id (`bo-tttt`). Entries given again by a user extend the built-in one with this id. */
  id: string;
  /** Canonical name, as a drafter writes it in full. */
  name: string;
  /** Other names and short forms, matched without regard to case or diacritics. */
  aliases?: string[];
  /** Abbreviations, matched as whole words written in capitals (`BTTTT`, `Bộ TT&TT` is an alias). */
  abbreviations?: string[];
  /** Renamed, or merged into another body, from a date (ISO `YYYY-MM-DD`). */
  successor?: { id: string; from: string; note?: string };
  /** Levels of one hierarchy (`ubnd`: province, district, commune): they hand tasks down, they do not overlap. */
  family?: string;
}

/**
 * Sources of the successions: Nghị quyết 01/2007/QH12 of 31 July 2007 (Chính phủ of the
 * XIIth Quốc hội: Bộ Bưu chính, Viễn thông renamed Bộ Thông tin và Truyền thông; Bộ Công
 * nghiệp + Bộ Thương mại → Bộ Công Thương; Bộ Thủy sản → Bộ Nông nghiệp và Phát triển nông
 * thôn; Bộ Văn hóa - Thông tin and Ủy ban Thể dục thể thao → Bộ Văn hóa, Thể thao và Du lịch)
 * and Nghị quyết 176/2025/QH15 of 18 February 2025 (the ministries as merged from 1 March
 * 2025: Bộ Thông tin và Truyền thông into Bộ Khoa học và Công nghệ; Bộ Lao động - Thương binh
 * và Xã hội into Bộ Nội vụ; Bộ Kế hoạch và Đầu tư into Bộ Tài chính; Bộ Tài nguyên và Môi
 * trường + Bộ Nông nghiệp và Phát triển nông thôn → Bộ Nông nghiệp và Môi trường; Bộ Giao
 * thông vận tải into Bộ Xây dựng; Ủy ban Dân tộc → Bộ Dân tộc và Tôn giáo). Parts of a merged
 * ministry's work went elsewhere (vocational training to Bộ Giáo dục và Đào tạo, social
 * protection to Bộ Y tế…): the table follows the body, not each task.
 */
const M2007 = '2007-07-31';
const M2025 = '2025-03-01';

export const AGENCIES: readonly AgencyEntry[] = [
  // Ministries (current names first, then those renamed or merged away).
  { id: 'bo-khcn', name: 'Bộ Khoa học và Công nghệ', aliases: ['Bộ KH&CN', 'Bộ KHCN', 'Bộ KH và CN'], abbreviations: ['BKHCN'] },
  { id: 'bo-tttt', name: 'Bộ Thông tin và Truyền thông', aliases: ['Bộ TT&TT', 'Bộ TTTT', 'Bộ TT và TT', 'Bộ Thông tin - Truyền thông'], abbreviations: ['BTTTT', 'TT&TT'], successor: { id: 'bo-khcn', from: M2025, note: 'hợp nhất vào Bộ Khoa học và Công nghệ' } },
  { id: 'bo-bcvt', name: 'Bộ Bưu chính, Viễn thông', aliases: ['Bộ Bưu chính Viễn thông', 'Bộ Bưu chính - Viễn thông', 'Bộ BCVT'], abbreviations: ['BBCVT'], successor: { id: 'bo-tttt', from: M2007, note: 'đổi tên thành Bộ Thông tin và Truyền thông' } },
  { id: 'bo-noi-vu', name: 'Bộ Nội vụ', aliases: ['Bộ NV'], abbreviations: ['BNV'] },
  { id: 'bo-ldtbxh', name: 'Bộ Lao động - Thương binh và Xã hội', aliases: ['Bộ Lao động, Thương binh và Xã hội', 'Bộ Lao động Thương binh và Xã hội', 'Bộ LĐ-TB&XH', 'Bộ LĐTB&XH', 'Bộ LĐTBXH'], abbreviations: ['BLĐTBXH', 'LĐTBXH'], successor: { id: 'bo-noi-vu', from: M2025, note: 'hợp nhất vào Bộ Nội vụ' } },
  { id: 'bo-tai-chinh', name: 'Bộ Tài chính', aliases: ['Bộ TC'], abbreviations: ['BTC'] },
  { id: 'bo-khdt', name: 'Bộ Kế hoạch và Đầu tư', aliases: ['Bộ KH&ĐT', 'Bộ KHĐT', 'Bộ Kế hoạch - Đầu tư'], abbreviations: ['BKHĐT'], successor: { id: 'bo-tai-chinh', from: M2025, note: 'hợp nhất vào Bộ Tài chính' } },
  { id: 'bo-nnmt', name: 'Bộ Nông nghiệp và Môi trường', aliases: ['Bộ NN&MT', 'Bộ NNMT'], abbreviations: ['BNNMT'] },
  { id: 'bo-tnmt', name: 'Bộ Tài nguyên và Môi trường', aliases: ['Bộ TN&MT', 'Bộ TNMT'], abbreviations: ['BTNMT'], successor: { id: 'bo-nnmt', from: M2025, note: 'hợp nhất thành Bộ Nông nghiệp và Môi trường' } },
  { id: 'bo-nnptnt', name: 'Bộ Nông nghiệp và Phát triển nông thôn', aliases: ['Bộ NN&PTNT', 'Bộ NNPTNT'], abbreviations: ['BNNPTNT'], successor: { id: 'bo-nnmt', from: M2025, note: 'hợp nhất thành Bộ Nông nghiệp và Môi trường' } },
  { id: 'bo-thuy-san', name: 'Bộ Thủy sản', aliases: ['Bộ Thuỷ sản'], successor: { id: 'bo-nnptnt', from: M2007, note: 'hợp nhất vào Bộ Nông nghiệp và Phát triển nông thôn' } },
  { id: 'bo-xay-dung', name: 'Bộ Xây dựng', aliases: ['Bộ XD'], abbreviations: ['BXD'] },
  { id: 'bo-gtvt', name: 'Bộ Giao thông vận tải', aliases: ['Bộ Giao thông - Vận tải', 'Bộ GTVT'], abbreviations: ['BGTVT'], successor: { id: 'bo-xay-dung', from: M2025, note: 'hợp nhất vào Bộ Xây dựng' } },
  { id: 'bo-cong-an', name: 'Bộ Công an', aliases: ['Bộ CA'], abbreviations: ['BCA'] },
  { id: 'bo-quoc-phong', name: 'Bộ Quốc phòng', aliases: ['Bộ QP'], abbreviations: ['BQP'] },
  { id: 'bo-ngoai-giao', name: 'Bộ Ngoại giao', aliases: ['Bộ NG'], abbreviations: ['BNG'] },
  { id: 'bo-tu-phap', name: 'Bộ Tư pháp', aliases: ['Bộ TP'], abbreviations: ['BTP'] },
  { id: 'bo-cong-thuong', name: 'Bộ Công Thương', aliases: ['Bộ CT'], abbreviations: ['BCT'] },
  { id: 'bo-cong-nghiep', name: 'Bộ Công nghiệp', successor: { id: 'bo-cong-thuong', from: M2007, note: 'hợp nhất thành Bộ Công Thương' } },
  { id: 'bo-thuong-mai', name: 'Bộ Thương mại', successor: { id: 'bo-cong-thuong', from: M2007, note: 'hợp nhất thành Bộ Công Thương' } },
  { id: 'bo-y-te', name: 'Bộ Y tế', aliases: ['Bộ YT'], abbreviations: ['BYT'] },
  { id: 'bo-gddt', name: 'Bộ Giáo dục và Đào tạo', aliases: ['Bộ GD&ĐT', 'Bộ GDĐT'], abbreviations: ['BGDĐT'] },
  { id: 'bo-vhttdl', name: 'Bộ Văn hóa, Thể thao và Du lịch', aliases: ['Bộ Văn hoá, Thể thao và Du lịch', 'Bộ VH,TT&DL', 'Bộ VHTT&DL', 'Bộ VHTTDL'], abbreviations: ['BVHTTDL'] },
  { id: 'bo-vhtt', name: 'Bộ Văn hóa - Thông tin', aliases: ['Bộ Văn hoá - Thông tin', 'Bộ Văn hóa Thông tin', 'Bộ VHTT'], successor: { id: 'bo-vhttdl', from: M2007, note: 'hợp nhất thành Bộ Văn hóa, Thể thao và Du lịch' } },
  { id: 'bo-dttg', name: 'Bộ Dân tộc và Tôn giáo', aliases: ['Bộ DT&TG', 'Bộ DTTG'], abbreviations: ['BDTTG'] },
  { id: 'uy-ban-dan-toc', name: 'Ủy ban Dân tộc', aliases: ['Uỷ ban Dân tộc'], abbreviations: ['UBDT'], successor: { id: 'bo-dttg', from: M2025, note: 'thành Bộ Dân tộc và Tôn giáo' } },
  // Agencies at ministerial level and of the Government.
  { id: 'vpcp', name: 'Văn phòng Chính phủ', abbreviations: ['VPCP'] },
  { id: 'thanh-tra-cp', name: 'Thanh tra Chính phủ', abbreviations: ['TTCP'] },
  { id: 'nhnn', name: 'Ngân hàng Nhà nước Việt Nam', aliases: ['Ngân hàng Nhà nước'], abbreviations: ['NHNN'] },
  { id: 'ban-co-yeu', name: 'Ban Cơ yếu Chính phủ', abbreviations: ['BCYCP'] },
  { id: 'bhxh-vn', name: 'Bảo hiểm xã hội Việt Nam', aliases: ['BHXH Việt Nam'], abbreviations: ['BHXHVN'] },
  { id: 'tong-cuc-hai-quan', name: 'Tổng cục Hải quan', abbreviations: ['TCHQ'], successor: { id: 'cuc-hai-quan', from: M2025, note: 'thành Cục Hải quan (Bộ Tài chính)' } },
  { id: 'cuc-hai-quan', name: 'Cục Hải quan' },
  { id: 'ubqg-cpdt', name: 'Ủy ban Quốc gia về Chính phủ điện tử', aliases: ['Uỷ ban Quốc gia về Chính phủ điện tử'], abbreviations: ['UBQGCPĐT'] },
  { id: 'chinh-phu', name: 'Chính phủ', family: 'chinh-phu' },
  { id: 'thu-tuong', name: 'Thủ tướng Chính phủ', family: 'chinh-phu', aliases: ['Thủ tướng'], abbreviations: ['TTgCP', 'TTg'] },
  { id: 'kiem-toan-nn', name: 'Kiểm toán nhà nước', abbreviations: ['KTNN'] },
  { id: 'tandtc', name: 'Tòa án nhân dân tối cao', aliases: ['Toà án nhân dân tối cao'], abbreviations: ['TANDTC'] },
  { id: 'vksndtc', name: 'Viện kiểm sát nhân dân tối cao', abbreviations: ['VKSNDTC'] },
  { id: 'mttq', name: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', aliases: ['Mặt trận Tổ quốc Việt Nam', 'UBTW MTTQ Việt Nam'], abbreviations: ['UBTWMTTQVN'] },
  // Local government: one entry per level (a class of bodies, each in its own territory, but
  // named as one addressee in drafts).
  {
    id: 'ubnd-tinh', name: 'Ủy ban nhân dân cấp tỉnh', family: 'ubnd',
    aliases: ['UBND cấp tỉnh', 'UBND tỉnh', 'Ủy ban nhân dân tỉnh', 'Uỷ ban nhân dân cấp tỉnh',
      'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương', 'Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương',
      'UBND các tỉnh, thành phố trực thuộc Trung ương', 'UBND tỉnh, thành phố trực thuộc Trung ương', 'UBND các tỉnh, thành phố',
      'Ủy ban nhân dân các tỉnh, thành phố', 'Ủy ban nhân dân các tỉnh', 'UBND các tỉnh'],
  },
  { id: 'ubnd-huyen', name: 'Ủy ban nhân dân cấp huyện', family: 'ubnd', aliases: ['UBND cấp huyện', 'UBND huyện', 'Ủy ban nhân dân huyện', 'Uỷ ban nhân dân cấp huyện'] },
  { id: 'ubnd-xa', name: 'Ủy ban nhân dân cấp xã', family: 'ubnd', aliases: ['UBND cấp xã', 'UBND xã', 'Ủy ban nhân dân xã', 'Uỷ ban nhân dân cấp xã'] },
];

/** Words that start the name of a body, as written (with diacritics): `Cục Tin học hóa`, `Sở Tư pháp`. */
const HEADS = [
  'tổng cục', 'chi cục', 'cục', 'vụ', 'sở', 'bộ', 'ban', 'ủy ban', 'uỷ ban', 'văn phòng', 'trung tâm', 'học viện', 'viện',
  'thanh tra', 'kho bạc', 'ngân hàng', 'đài', 'tổ', 'hội đồng', 'phòng', 'tòa án', 'toà án', 'công an', 'hải quan',
  'tập đoàn', 'tổng công ty', 'công ty', 'bảo hiểm xã hội', 'chủ tịch', 'phó chủ tịch', 'chủ nhiệm', 'thủ tướng',
  'phó thủ tướng', 'bộ trưởng', 'thủ trưởng', 'cục trưởng', 'vụ trưởng', 'giám đốc', 'tổng giám đốc', 'chánh văn phòng',
  'tổng cục trưởng', 'chi cục trưởng', 'ủy viên', 'uỷ viên', 'thành viên', 'tổ trưởng', 'ubnd', 'hđnd', 'sở, ban, ngành',
];

export const UNIT_HEADS = ['tổng cục', 'chi cục', 'cục', 'vụ', 'viện', 'trung tâm', 'văn phòng', 'thanh tra', 'sở', 'ban', 'phòng'];

/** Is the phrase a unit of a ministry (`Cục …`, `Vụ …`)? */
export function isUnitName(phrase: string): boolean {
  return !!startsWithHead(phrase.replace(/^[\s*_#\-–+•]+/, ''), UNIT_HEADS);
}

/** Bodies that may be named by their function in lower case (`Ban cưỡng chế …`, `Tổ công tác`). */
const BODY_HEADS = ['tổng cục', 'chi cục', 'cục', 'ban', 'ủy ban', 'uỷ ban', 'văn phòng', 'trung tâm', 'học viện', 'viện', 'kho bạc', 'ngân hàng', 'tổ', 'hội đồng', 'tập đoàn', 'tổng công ty'];

/** Compounds that start with a head word but name no body: `ban hành`, `sở hữu`, `vụ việc`, `tổ chức`. */
const NOT_BODIES = /^(?:ban (?:hanh|dem|ngay|dau)|so (?:huu|thich|di|cu)|vu (?:viec|an|mua)|to (?:chuc|quoc|tung)|phong (?:ngua|chong|,)|dai tho|vien (?:dan|tro)|cuc bo|bo (?:sung|phan|tri|nhiem|sung)|ho (?:so|tro))\b/;

/** Private parties: not agencies (`người`, `cá nhân`, `doanh nghiệp`…), unless an official. */
const PRIVATE = /^(?:cac\s+|nhung\s+|moi\s+)?(?:nguoi(?! dung dau| co tham quyen| dai dien theo phap luat cua co quan)|ca nhan|to chuc(?:,\s*ca nhan)?(?!\s+(?:phat trien quy dat|dang ky dat dai))|doanh nghiep|ho gia dinh|cong dan|chu so huu|chu dau tu|chu phuong tien|ben |hoi\b|hiep hoi|nha dau tu|chuyen gia|nha thau|thuong nhan|nguoi lao dong|nguoi su dung lao dong)/;

/** Is the phrase (folded) a private party rather than an agency? */
export function isPrivateParty(foldPhrase: string): boolean {
  return PRIVATE.test(foldPhrase.trim());
}

/** Heads of a body whose name is followed by the body (`Bộ trưởng Bộ Công an` → Bộ Công an). */
const POSITIONS = /^(?:(?:bo truong|thu truong|chu nhiem|chu tich|cuc truong|vu truong|giam doc|tong giam doc|chanh van phong|tong cuc truong|chi cuc truong|uy vien [^,]*? la)(?:\s*,\s*|\s+))+/;

/** Heads that name a class of bodies, never one body: `cơ quan nhà nước`, `tổ chức, cá nhân`. */
const GENERIC_HEADS = [
  'cơ quan', 'đơn vị', 'tổ chức', 'cá nhân', 'người', 'chủ đầu tư', 'doanh nghiệp', 'ngành', 'địa phương', 'bộ phận',
  'lực lượng', 'cán bộ', 'công chức', 'nhà nước', 'chính quyền', 'chủ quản', 'chủ sở hữu', 'chuyên gia', 'hộ gia đình',
  'công dân', 'hội', 'hiệp hội', 'cơ sở', 'các bộ', 'bộ, ngành', 'bộ, cơ quan',
];

/** Words that make a named body a class: `Ủy ban nhân dân các cấp`, `… có liên quan`. */
const GENERIC_MARKS = /\b(?:cac cap|co lien quan|lien quan|co tham quyen|huu quan|ngang bo|thuoc chinh phu|cap tren|truc thuoc|dia phuong|nganh|thuoc bo)\b/;

/**
 * Does `phrase` (as written) start with one of `heads`? Compared word by word with diacritics,
 * so `bổ sung` is not `Bộ`; a word written without any diacritics (OCR, `Bo Noi vu`) matches on
 * its folded form.
 */
function startsWithHead(phrase: string, heads: readonly string[]): string | undefined {
  const idx = headIndex(heads);
  const words = phrase.slice(0, 80).normalize('NFC').toLowerCase().replace(/[*_#`]+/g, ' ').trim().split(/\s+/, 5);
  const first = words[0]?.replace(/[,;:.]+$/, '');
  if (!first) return undefined;
  const cands = idx.get(first) ?? idx.get(fold(first));
  if (!cands) return undefined;
  for (const h of cands) {
    // Longest first.
    let ok = h.words.length <= words.length;
    for (let i = 0; i < h.words.length && ok; i++) {
      const got = words[i];
      const want = h.words[i];
      const comma = want.endsWith(',');
      if (i < h.words.length - 1 && comma !== got.endsWith(',')) { ok = false; break; }
      const w = comma ? want.slice(0, -1) : want;
      const g = got.replace(/[,;:.]+$/, '');
      ok = g === w || (g === fold(g) && g === h.folded[i]);
    }
    if (ok) return h.text;
  }
  return undefined;
}

interface HeadEntry { text: string; words: string[]; folded: string[] }
const headIndexes = new WeakMap<readonly string[], Map<string, HeadEntry[]>>();

/** Heads by first word (as written and folded), longest first. */
function headIndex(heads: readonly string[]): Map<string, HeadEntry[]> {
  let m = headIndexes.get(heads);
  if (m) return m;
  m = new Map();
  for (const h of [...heads].sort((a, b) => b.length - a.length)) {
    const words = h.split(/\s+/);
    const e: HeadEntry = { text: h, words, folded: words.map((w) => fold(w.replace(/,$/, ''))) };
    const k1 = words[0].replace(/,$/, '');
    for (const k of new Set([k1, fold(k1)])) {
      const l = m.get(k);
      if (l) l.push(e); else m.set(k, [e]);
    }
  }
  headIndexes.set(heads, m);
  return m;
}

export interface AgencyMatch {
  /** Offsets in the text the recognizer was given (norm/fold offsets). */
  start: number;
  end: number;
  entry: AgencyEntry;
}

export interface AgencyTable {
  entries: Map<string, AgencyEntry>;
  /** Alternation over every alias (folded, flexible spacing), longest first. */
  aliasRe: RegExp;
  /** Folded alias (spaces collapsed) → entry. */
  byAlias: Map<string, AgencyEntry>;
  /** Folded abbreviation → entry. */
  byAbbrev: Map<string, AgencyEntry>;
  /** Each alias as a whole-string pattern (spacing, commas, `&`/`và` tolerant), longest first. */
  patterns: Array<[RegExp, AgencyEntry]>;
}

function key(s: string): string {
  return fold(s.normalize('NFC')).replace(/\s*([,&\-–])\s*/g, '$1').replace(/\s+/g, ' ').trim();
}

function aliasPattern(k: string): string {
  // `bo buu chinh,vien thong` → tolerant of spacing, a missing comma, `-`/`–`, `&`/`và`.
  let out = '';
  for (const ch of k) {
    if (ch === ' ') out += '\\s+';
    else if (ch === ',') out += '\\s*,?\\s*';
    else if (ch === '-' || ch === '–') out += '\\s*[-–]?\\s*';
    else if (ch === '&') out += '\\s*(?:&|va)\\s*';
    else out += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

export function buildAgencyTable(extra: readonly AgencyEntry[] = []): AgencyTable {
  const entries = new Map<string, AgencyEntry>();
  for (const e of AGENCIES) entries.set(e.id, { ...e, aliases: [...(e.aliases ?? [])], abbreviations: [...(e.abbreviations ?? [])] });
  for (const e of extra) {
    if (!e || typeof e.id !== 'string' || typeof e.name !== 'string') continue;
    const old = entries.get(e.id);
    if (old) {
      old.aliases = [...(old.aliases ?? []), ...(e.aliases ?? [])];
      old.abbreviations = [...(old.abbreviations ?? []), ...(e.abbreviations ?? [])];
      if (e.successor) old.successor = e.successor;
      if (e.name !== old.name) old.aliases.push(e.name);
    } else {
      entries.set(e.id, { ...e, aliases: [...(e.aliases ?? [])], abbreviations: [...(e.abbreviations ?? [])] });
    }
  }
  const byAlias = new Map<string, AgencyEntry>();
  const byAbbrev = new Map<string, AgencyEntry>();
  for (const e of entries.values()) {
    for (const a of [e.name, ...(e.aliases ?? [])]) byAlias.set(key(a), e);
    for (const a of e.abbreviations ?? []) byAbbrev.set(fold(a), e);
  }
  const keys = [...byAlias.keys()].sort((a, b) => b.length - a.length);
  const aliasRe = new RegExp(`(?<![a-z0-9])(?:${keys.map(aliasPattern).join('|')})(?![a-z0-9])`, 'g');
  const patterns = keys.map((k) => [new RegExp(`^${aliasPattern(k)}$`), byAlias.get(k)!] as [RegExp, AgencyEntry]);
  return { entries, aliasRe, byAlias, byAbbrev, patterns };
}

let defaultTable: AgencyTable | undefined;
const tables = new WeakMap<readonly AgencyEntry[], AgencyTable>();

/** The built-in table, or the built-in table extended with `extra` (cached per array). */
export function agencyTable(extra?: readonly AgencyEntry[]): AgencyTable {
  if (!extra || extra.length === 0) return (defaultTable ??= buildAgencyTable());
  let t = tables.get(extra);
  if (!t) { t = buildAgencyTable(extra); tables.set(extra, t); }
  return t;
}

/** The entry whose alias, written in any spelling, is exactly `name`. */
export function lookupAgency(table: AgencyTable, name: string): AgencyEntry | undefined {
  const k = key(name);
  return table.byAlias.get(k) ?? (/^[A-ZĐ&]{2,}$/.test(name.trim()) ? table.byAbbrev.get(fold(name.trim())) : undefined);
}

/**
 * Known agencies in `norm[start, end)`: aliases (on the folded text) and abbreviations (words in
 * capitals), longest first, without overlaps, in text order.
 */
export function findKnownAgencies(table: AgencyTable, norm: string, foldText: string, start: number, end: number): AgencyMatch[] {
  const out: AgencyMatch[] = [];
  const f = foldText.slice(start, end);
  table.aliasRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = table.aliasRe.exec(f))) {
    const k = m[0].replace(/\s*([,&\-–])\s*/g, '$1').replace(/\s+/g, ' ');
    const entry = table.byAlias.get(k) ?? table.byAlias.get(k.replace(/\bva\b/g, '&')) ?? findByPattern(table, k);
    if (entry) out.push({ start: start + m.index, end: start + m.index + m[0].length, entry });
    if (m[0].length === 0) table.aliasRe.lastIndex++;
  }
  // Abbreviations: capital words (`BTTTT`, `VPCP`, `TT&TT`, `BLĐTBXH`).
  const abbr = /(?<![\p{L}\p{N}&/\-])[A-ZĐ][A-ZĐ&]{1,}[A-Za-zĐđ]*(?![\p{L}\p{N}&/\-])/gu;
  const n = norm.slice(start, end);
  while ((m = abbr.exec(n))) {
    const e = table.byAbbrev.get(fold(m[0]));
    if (!e) continue;
    const s = start + m.index, t = s + m[0].length;
    if (out.some((o) => o.start < t && s < o.end)) continue;
    out.push({ start: s, end: t, entry: e });
  }
  return out.sort((a, b) => a.start - b.start);
}

function findByPattern(table: AgencyTable, k: string): AgencyEntry | undefined {
  const hit = table.patterns.find(([re]) => re.test(k));
  return hit?.[1];
}

/** Successor of an agency as of a date (ISO); without a date, the latest. */
export function agencyAsOf(table: AgencyTable, id: string, date?: string): string {
  let cur = id;
  for (let i = 0; i < 10; i++) {
    const e = table.entries.get(cur);
    const s = e?.successor;
    if (!s || (date && s.from > date)) break;
    cur = s.id;
  }
  return cur;
}

/** The chain of names an agency went through, from `id` on (for messages). */
export function agencyLineage(table: AgencyTable, id: string): AgencyEntry[] {
  const out: AgencyEntry[] = [];
  let cur: string | undefined = id;
  while (cur && out.length < 10) {
    const e = table.entries.get(cur);
    if (!e) break;
    out.push(e);
    cur = e.successor?.id;
  }
  return out;
}

export interface AgencyName {
  /** Stable id: the table's id, or `~` + the folded name for a body the table does not know. */
  id: string;
  /** Canonical name (the table's), or the name as written. */
  name: string;
  /** A class of bodies (`cơ quan nhà nước`, `Bộ, cơ quan ngang Bộ…`), not one body. */
  generic: boolean;
  /** For a unit of a ministry (`Cục Tin học hóa, Bộ TT&TT`): the ministry's id. */
  parent?: string;
  known: boolean;
}

/** Cleans a written agency name: Markdown, brackets, spaces, a trailing period. */
export function cleanName(s: string): string {
  return s.replace(/[*_#`]+/g, ' ').replace(/\s+/g, ' ').replace(/^[\s,;:.\-–+]+|[\s,;:.\-–]+$/g, '').trim();
}

/**
 * Names one agency phrase (a subject, a table cell, an article title's "của …"): a known
 * body, a unit of one (`Cục X, Bộ Y`), a body the table does not know (`Sở Tư pháp`), or a
 * class of bodies. `undefined` when the phrase does not look like an agency at all.
 */
export function nameAgency(table: AgencyTable, written: string): AgencyName | undefined {
  let w = cleanName(written);
  if (!w) return undefined;
  let f = fold(w);
  // `Bộ trưởng Bộ Công an`, `Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ`, `Ủy viên Ủy ban là Bộ trưởng Bộ X`.
  const pos = POSITIONS.exec(f);
  if (pos && pos[0].length < f.length) {
    const rest = w.slice(pos[0].length);
    const inner = nameAgency(table, rest);
    if (inner && inner.known) return inner;
  }
  const known = lookupAgency(table, w);
  if (known) return { id: known.id, name: known.name, generic: false, known: true };
  // `Cục Tin học hóa, Bộ Thông tin và Truyền thông`: a unit and its ministry.
  const comma = w.lastIndexOf(',');
  if (comma > 0) {
    const parent = lookupAgency(table, w.slice(comma + 1));
    const unit = w.slice(0, comma);
    if (parent && startsWithHead(cleanName(unit), UNIT_HEADS)) {
      const u = cleanName(unit);
      return { id: `~${key(u)}@${parent.id}`, name: `${u}, ${parent.name}`, generic: false, parent: parent.id, known: false };
    }
  }
  f = fold(w);
  // A clause, not a name: `Các Ủy viên Ủy ban được quyền giao …`, `… trong công tác …`.
  if (/\b(?:duoc quyen|giao|phai|co the|de nghi|yeu cau|trong cong tac|nham|bang cach|do)\b|\s(?:va|hoac)$/.test(f)) return undefined;
  if (NOT_BODIES.test(f)) return undefined;
  if (startsWithHead(w, GENERIC_HEADS)) return { id: `~${key(w)}`, name: w, generic: true, known: false };
  const head = startsWithHead(w, HEADS);
  // A list of bodies or classes (`Bộ, cơ quan ngang Bộ, …`) or a plural is a class.
  if (head) {
    const after = w.slice(w.toLowerCase().indexOf(head.split(' ').pop()!) + head.split(' ').pop()!.length).replace(/^[\s,]+/, '');
    // A body named by its function (`Tổ công tác …`, `Ban cưỡng chế …`, `Hội đồng thẩm định`) is one
    // body; a position named by its field (`Giám đốc công nghệ thông tin`) is one per agency.
    const body = BODY_HEADS.includes(head);
    const generic = /^(?:cac|nhung|moi)\s/.test(f) || /,/.test(w) || GENERIC_MARKS.test(f) || !after
      || (!/^\p{Lu}/u.test(after) && !body);
    return { id: `~${key(w)}`, name: w, generic, known: false };
  }
  if (/^(?:cac|nhung|moi)\s/.test(f)) {
    const inner = nameAgency(table, w.replace(/^\S+\s+/, ''));
    if (inner) return { ...inner, id: `~${key(w)}`, name: w, generic: true, known: false };
  }
  return undefined;
}

/** Does the phrase (as written) start like an agency: a head word, a class, a position? */
export function looksLikeAgency(phrase: string): boolean {
  const p = phrase.slice(0, 100).replace(/^[\s*_#\-–+•]+/, '').replace(/^(?:các|những|mọi|cac|nhung|moi)\s+/i, '');
  return !!(startsWithHead(p, GENERIC_HEADS) || startsWithHead(p, HEADS));
}

const POSITION_HEADS = ['chủ tịch', 'phó chủ tịch', 'bộ trưởng', 'thủ trưởng', 'ủy viên', 'uỷ viên', 'thành viên', 'tổ trưởng', 'chủ nhiệm', 'giám đốc', 'thủ tướng', 'phó thủ tướng'];

/** Position words (`Bộ trưởng`, `Chủ tịch`…) at the start of a phrase: its own subject. */
export function startsWithPosition(phrase: string): boolean {
  return !!startsWithHead(phrase.replace(/^[\s*_#\-–+•]+/, ''), POSITION_HEADS);
}
