/**
 * Extraction: who is given which task, in one parsed file. Pure; never throws on odd text (a
 * sentence it cannot read yields nothing).
 *
 * What counts as a responsibility (DESIGN.md §1 "Responsibilities"):
 * - a sentence `<cơ quan> chủ trì[, phối hợp với <cơ quan>…] <nhiệm vụ>` (lead; the partners
 *   co-operate), `<cơ quan> phối hợp với … <nhiệm vụ>` (co-operate), `<cơ quan> có trách nhiệm
 *   / chịu trách nhiệm <nhiệm vụ>` (responsible, which counts as leading), `giao <cơ quan>
 *   <nhiệm vụ>` (responsible), `<nhiệm vụ> do <cơ quan> chủ trì` (lead);
 * - the khoản/điểm of an article titled `Trách nhiệm của <cơ quan>` / `Nhiệm vụ, quyền hạn
 *   của <cơ quan>` (or titled with the agency's name alone, as in a committee's Quy chế): each
 *   is a task of that agency; likewise the items after an intro such as `<cơ quan> có trách
 *   nhiệm:` or `<cơ quan> chủ trì … với các nội dung sau đây:`;
 * - plans listing `- Đơn vị chủ trì: …` / `- Đơn vị phối hợp: …` under each task;
 * - Markdown tables whose header has a "chủ trì" column (and a "phối hợp" one).
 *
 * Not responsibilities: executors of the document itself (`… chịu trách nhiệm thi hành Nghị
 * định này`, `… tổ chức thực hiện Quy chế này`), liability (`chịu trách nhiệm trước pháp luật
 * về tính chính xác…`), negations (`không chịu trách nhiệm`), catch-alls (`các nhiệm vụ khác…`),
 * and anything inside quoted text of another document.
 */
import { TableRow, tokenEnd } from '../../../../grammar/lexer';
import { walkUnits, type DocNode, type Span, type Unit } from '../model';
import type { Parsed } from '../parse';
import { fold } from '../text';
import {
  cleanName, findKnownAgencies, isPrivateParty, isUnitName, looksLikeAgency, nameAgency, startsWithPosition, type AgencyMatch, type AgencyName, type AgencyTable,
} from './agencies';

export type Role = 'lead' | 'cooperate' | 'responsible';

export const ROLE_NAMES: Record<Role, string> = { lead: 'chủ trì', cooperate: 'phối hợp', responsible: 'chịu trách nhiệm' };

/** Lead and responsible both lead a task (DESIGN.md §1). */
export function leads(role: Role): boolean {
  return role !== 'cooperate';
}

export interface AgencyRef extends AgencyName {
  /** As written in the text. */
  written: string;
  span: Span;
}

export interface Responsibility {
  uri: string;
  /** Index of the document in its file. */
  docIndex: number;
  /** Issue date of the document (ISO), when its header gives one: agencies are named as of it. */
  date?: string;
  agency: AgencyRef;
  role: Role;
  /** The other agencies of the same statement (co-operating with a lead, or co-leads). */
  partners: AgencyRef[];
  /** Ids of the agencies that lead the same statement with this one (`Bộ Quốc phòng, Bộ Công an chủ trì …`). */
  coLeads: string[];
  /** The task, as written (spaces collapsed, Markdown removed). */
  task: string;
  taskSpan: Span;
  /** The whole statement: sentence, list item or table row. */
  span: Span;
  /** Where diagnostics start: the unit's marker (`1.`, `b)`) when the statement opens the unit, else `span.start`. */
  anchor: number;
  /** Where it stands: `Điều 15 khoản 3 điểm a` ('' outside any unit). */
  path: string;
  /** Statements made by one sentence or row share a group (co-leads there are not overlaps). */
  group: number;
  how: 'sentence' | 'article' | 'list' | 'table' | 'assign';
}

export interface FileResponsibilities {
  uri: string;
  items: Responsibility[];
  /** Statements left out on purpose (executors of the document itself), for explanations. */
  excluded: Responsibility[];
}

/** Inherited subject: from an article title, a `Trách nhiệm của X:` khoản, or an intro sentence. */
interface Context { agencies: AgencyRef[]; role: Role; how: Responsibility['how'] }

const TITLE_DUTY = /^(?:(?:trach nhiem|nhiem vu|chuc nang|quyen han|nghia vu)(?:\s*,\s*|\s+va\s+|\s+))+(?:chinh\s+|cu the\s+)?(?:cua\s+)?/;
const TRIGGER = /(?<![a-z0-9])(chu tri|(?:co|chiu) trach nhiem|phoi hop voi|phoi hop|giao)(?![a-z0-9])/g;
const EXECUTOR = /(?:thi hanh|to chuc thuc hien|trien khai thuc hien|thuc hien|huong dan thi hanh|huong dan thuc hien|dang tai|dang|cong bo|niem yet|gui|luu|pho bien|trien khai)\s+(?:[a-z, ]{0,40}?\s)?(?:nghi dinh|quyet dinh|quy che|quy dinh|thong tu(?: lien tich)?|luat|bo luat|phap lenh|nghi quyet|chi thi|chuong trinh(?: phoi hop)?|ke hoach|van ban|de an|dieu le)\s+nay(?![a-z])/;
const CATCH_ALL = /^(?:thuc hien\s+|lam\s+)?(?:cac\s+|nhung\s+)?(?:nhiem vu|cong viec|viec)(?:\s*,\s*quyen han)?\s+khac\b/;
const LIABILITY = /^\s*(?:truoc phap luat|ve (?:tinh|su|noi dung|chat luong|thiet hai|hau qua|ket qua|quyet dinh|hanh vi|viec do|cac y kien|muc dich))/;
const NEGATED = /(?:khong|chua|khong phai|khong can)\s*$/;
/** `công tác phối hợp`, `Quy chế phối hợp`: `phối hợp` as a noun. */
const PH_NOUN_BEFORE = /(?:^|\s)(?:cong tac|quy che|hoat dong|noi dung|chuong trinh|ke hoach|su|viec|nhiem vu|muc dich|nguyen tac|hinh thuc|phuong thuc|yeu cau|to cong tac|doan|co che|quan he|de nghi|cac|don vi|co quan|trong|cua|tai|ve)\s*$/;
const NOUN_BEFORE = /(?:co quan|don vi|nguoi|bo phan|ca nhan|to chuc|chuyen gia|cong tac|quy che|chuong trinh|hoat dong|su|viec|muc dich|nguyen tac|noi dung|hinh thuc|ke hoach|de an|tinh than)\s*(?:,\s*(?:co quan|don vi)\s*)?$/;
const INTRO_TAIL = /\s*,?\s*(?:(?:voi\s+|theo\s+)?(?:cac|nhung)\s+(?:noi dung|not dung|nhiem vu|viec|hoat dong|cong viec|yeu cau)(?:\s+(?:chu yeu|chinh|cu the))?\s+(?:sau(?:\s+day)?|nhu sau)|sau day|nhu sau|bao gom|gom)\s*:?\s*$/;
/** Words before a subject that only set the scene: `Hằng năm, …`, `Trong thời hạn 10 ngày, …`. */
const FILLER_TAIL = /(?:\s*,)?\s*(?:trong pham vi (?:chuc nang,?\s*)?(?:nhiem vu,?\s*)?(?:quyen han)?(?:\s*(?:duoc giao|cua minh))*|theo (?:chuc nang,?\s*)?nhiem vu(?:,?\s*quyen han)?(?:\s*duoc giao)?|la (?:co quan|don vi)(?: dau moi)?(?: chu tri)?|chu dong|truc tiep|tang c[a-z]{1,3}ng|phai|cung|can cu [^,]*|theo (?:phan cong|tham quyen)[^,]*|tiep tuc)\s*,?\s*$/;
const TASK_LEAD_IN = /^\s*[,:]?\s*(?:(?:và|để|nhằm)\s+)?/;
const BEFORE_TASK = /^\s*(?:truoc\s+[^;:]{0,80}?\s+)?(?:trong viec|ve viec|trong|ve)\s+/;

/** Verbs that start a task: where a list of partners ends. */
const TASK_VERBS = /^(?:xay dung|to chuc|huong dan|ban hanh|thuc hien|trien khai|trinh|quy dinh|thong nhat|kiem tra|tong hop|de xuat|nghien cuu|theo doi|don doc|bao cao|lap|tham dinh|quyet dinh|chi dao|bao dam|dam bao|ra soat|danh gia|cung cap|cong bo|xac dinh|giai quyet|quan ly|phe duyet|dieu phoi|hoan thien|tuyen truyen|pho bien|bo tri|tham muu|giup|trong|de|ve|khi|tai|nham|thanh tra|xu ly|cap|dao tao|boi duong|sua doi|ra|phat trien|van hanh|duy tri|nang cap|chuan bi|tiep nhan|phoi hop|chu tri|co trach nhiem|chiu trach nhiem|tim|khao sat|dieu tra|tap huan|thiet lap|ket noi|chia se)\b/;

/** Does `s` end with a quotation mark (and blanks or Markdown after it)? */
function afterQuoteMark(s: string): boolean {
  return (s.includes('“') || s.includes('"')) && /[“"]\s*[*_]*\s*$/.test(s);
}

export function extractResponsibilities(file: Parsed, table: AgencyTable): FileResponsibilities {
  const x = new Extractor(file, table);
  try {
    x.run();
  } catch (e) {
    if (process.env.DIEU_DEBUG) console.error(e);
  }
  return { uri: file.uri, items: x.items, excluded: x.excluded };
}

class Extractor {
  readonly items: Responsibility[] = [];
  readonly excluded: Responsibility[] = [];
  private group = 0;
  private readonly norm: string;
  /** `fold` with Markdown decoration blanked (same length as `norm`). */
  private readonly f: string;
  private doc!: DocNode;
  private docIndex = 0;
  private quotes: Span[] = [];
  /** Start of the text being read (a unit's own text): quotes opened there count. */
  private segment = 0;

  constructor(private readonly file: Parsed, private readonly table: AgencyTable) {
    this.norm = file.source.norm;
    this.f = looseFold(file.source.norm, file.source.fold.replace(/[*_#`]/g, ' '));
  }

  /** Does the text at `s` (after spaces and Markdown) start with `trách nhiệm`, `nhiệm vụ`…? */
  private startsWithDuty(s: number): boolean {
    const f = this.f;
    let i = s;
    while (i < f.length && (f[i] === ' ' || f[i] === '\t' || f[i] === '\n' || f[i] === '\r')) i++;
    const w = f.slice(i, i + 12);
    return w.startsWith('trach nhiem') || w.startsWith('nhiem vu') || w.startsWith('chuc nang') || w.startsWith('quyen han') || w.startsWith('nghia vu');
  }

  /** Could the text at `s` be an agency's name (its first word a head word)? Cheap, before the real test. */
  private startsLikeAgency(s: number): boolean {
    const f = this.f;
    let i = s;
    while (i < f.length && (f[i] === ' ' || f[i] === '\t' || f[i] === '\n' || f[i] === '\r')) i++;
    let j = i;
    while (j < f.length && j - i < 12 && f[j] >= 'a' && f[j] <= 'z') j++;
    if (!HEAD_FIRST_WORDS.has(f.slice(i, j))) return false;
    return looksLikeAgency(this.norm.slice(i, Math.min(this.norm.length, i + 100)));
  }

  /** Offsets of every role word in the file, found once (units are then checked by binary search). */
  private triggers: number[] = [];

  private hasTrigger(start: number, end: number): boolean {
    const t = this.triggers;
    let lo = 0, hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid] < start) lo = mid + 1; else hi = mid;
    }
    return lo < t.length && t[lo] < end;
  }

  run(): void {
    this.triggers = scanTriggers(this.f, this.norm);
    const tableRows = this.file.tokens.filter((t) => t.tokenType === TableRow);
    this.file.documents.forEach((doc, i) => {
      this.doc = doc;
      this.docIndex = i;
      this.quotes = [...doc.quotes].sort((a, b) => a.start - b.start);
      const contexts = new Map<Unit, Context>();
      for (const u of walkUnits(doc.units)) {
        if (u.kind === 'phan' || u.kind === 'chuong' || u.kind === 'muc' || u.kind === 'tieumuc') continue;
        if (this.inQuote(u.marker.start) || afterQuoteMark(this.norm.slice(Math.max(0, u.marker.start - 4), u.marker.start))) continue;
        this.unit(u, contexts);
      }
      if (tableRows.length) {
        const rows = tableRows.filter((t) => t.startOffset >= doc.span.start && t.startOffset < doc.span.end);
        if (rows.length) this.tables(rows.map((t) => ({ start: t.startOffset, end: tokenEnd(t) })));
      }
    });
  }

  /** Inside “…” opened earlier in the same sentence (amended text quoted inline). */
  private inLineQuote(from: number, at: number): boolean {
    const t = this.norm.slice(from, at);
    const open = Math.max(t.lastIndexOf('“'), t.lastIndexOf('"'));
    if (open < 0) return false;
    const close = t.lastIndexOf('”');
    return close < open || (t[open] === '"' && (t.slice(0, open).split('"').length - 1) % 2 === 0);
  }

  private inQuote(o: number): boolean {
    // Quotes are in text order: binary search for the last one starting at or before `o`.
    const q = this.quotes;
    let lo = 0, hi = q.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (q[mid].start <= o) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return at >= 0 && o < q[at].end;
  }

  // ---------------------------------------------------------------- units

  private unit(u: Unit, contexts: Map<Unit, Context>): void {
    const inherited = u.parent ? contexts.get(u.parent) : undefined;
    if (u.kind === 'dieu' && u.title && u.titleSpan) {
      const ctx = this.titleContext(u.titleSpan.start, u.titleSpan.end);
      if (ctx) contexts.set(u, ctx);
    }
    let start = u.kind === 'dieu' ? (u.titleSpan?.end ?? u.marker.end) : u.marker.end;
    const end = u.children.length ? u.children[0].span.start : u.span.end;
    if (u.kind !== 'dieu' && u.titleSpan && u.titleSpan.start >= start) start = Math.min(start, u.titleSpan.start);
    if (end <= start) return;
    const trigger = this.hasTrigger(start, end);
    // Most units say nothing of who does what: leave them at once (no text copied).
    if (!inherited && !trigger && !(u.kind !== 'dieu' && u.children.length && (end - start < 120 || this.startsWithDuty(start)))) return;
    // `1. Trách nhiệm của cơ quan nhà nước có hạ tầng kỹ thuật bị sự cố:` → its điểm are tasks.
    const own = this.f.slice(start, end).trim();
    if (u.kind !== 'dieu' && /:\s*$/.test(own) && TITLE_DUTY.test(own)) {
      const colon = this.f.lastIndexOf(':', end);
      const ctx = this.titleContext(start, colon > start ? colon : end);
      if (ctx) { contexts.set(u, ctx); return; }
    }
    // `2. Phó Chủ tịch Ủy ban` (a name alone, its tasks in the điểm below).
    if (u.kind !== 'dieu' && u.children.length && own.length < 80 && !/[.;:]\s*$/.test(own)) {
      const name = nameAgency(this.table, this.norm.slice(start, end));
      if (name && (name.known || !name.generic || startsWithPosition(this.norm.slice(start, end)))) {
        contexts.set(u, { agencies: [this.ref(name, start, end)], role: 'responsible', how: 'article' });
        return;
      }
    }
    if (!inherited && !trigger) return;
    const before = this.items.length;
    if (this.listLabels(u, start, end)) return;
    const intro = this.sentences(u, start, end, inherited);
    if (intro) contexts.set(u, intro);
    if (this.items.length === before && inherited && !intro) this.inheritedTask(u, start, end, inherited);
  }

  /** `Trách nhiệm của Bộ X` / `Nhiệm vụ, quyền hạn của X` / a title that is an agency's name. */
  private titleContext(s: number, e: number): Context | undefined {
    if (!this.startsWithDuty(s) && !this.startsLikeAgency(s)) return undefined;
    const t = this.f.slice(s, Math.min(e, s + 300)).replace(/\s+/g, ' ').trim();
    if (!/^(?:trach|nhiem|chuc|quyen|nghia)\b/.test(t) && !looksLikeAgency(this.norm.slice(s, e).trim())) return undefined;
    const lead = /^\s*/.exec(this.f.slice(s, e))![0].length;
    const m = TITLE_DUTY.exec(t);
    let from = s + lead, to = e;
    if (m) {
      from = s + lead + this.offsetAfterWords(this.f.slice(s + lead, e), m[0]);
      if (!/\bcua\s*$/.test(m[0])) {
        // Without `của`: `Trách nhiệm người đứng đầu …`, `Trách nhiệm Bộ X`, not `Trách nhiệm tổ chức lập …`.
        const nm = nameAgency(this.table, this.norm.slice(from, e));
        if (!nm || (nm.generic && !/^(?:nguoi|co quan|don vi|cac)\b/.test(this.f.slice(from, e).trim()))) return undefined;
      }
      // `… của người đứng đầu các bộ, ngành trong quan hệ công tác với Ủy ban`: the agency ends before.
      const tail = /\s+(?:trong|đối với|doi voi|khi|tại|về việc|theo)\s/.exec(this.norm.slice(from, e).toLowerCase());
      if (tail) to = from + tail.index;
    }
    const written = this.norm.slice(from, to);
    const name = nameAgency(this.table, written);
    if (!name) return undefined;
    if (!m) {
      // A title that is a name: only a known body, a named one, or the members of a committee.
      const f = this.f.slice(from, to).trim();
      if (!(name.known || !name.generic || /^cac\s+(?:pho chu tich|uy vien|thanh vien)\b/.test(f))) return undefined;
      // `Thanh tra về công nghệ thông tin` is a topic; `Tổ công tác giúp việc Ủy ban` is a body.
      if (!name.known && !startsWithPosition(written) && !/^\S+\s+\p{Lu}/u.test(cleanName(written)) && /\b(?:ve|doi voi|trong|cua|cho)\b/.test(f)) return undefined;
      if (cleanName(written).split(/\s+/).length > 12) return undefined;
    }
    return { agencies: [this.ref(name, from, to)], role: 'responsible', how: 'article' };
  }

  /** Offset in `s` after the words of `prefix` (which was matched on a space-collapsed copy). */
  private offsetAfterWords(s: string, prefix: string): number {
    const words = prefix.trim().split(/[\s,]+/).filter(Boolean);
    let i = 0;
    for (const w of words) {
      const at = s.indexOf(w, i);
      if (at < 0) break;
      i = at + w.length;
    }
    while (i < s.length && /[\s,]/.test(s[i])) i++;
    return i;
  }

  private ref(name: AgencyName, start: number, end: number): AgencyRef {
    const written = cleanName(this.norm.slice(start, end));
    // Trim the span to the written name (no spaces or Markdown around it).
    const raw = this.norm.slice(start, end);
    const lead = raw.length - raw.replace(/^[\s*_#,;:.\-–+]+/, '').length;
    const trail = raw.length - raw.replace(/[\s*_#,;:.\-–]+$/, '').length;
    return { ...name, written, span: { start: start + lead, end: Math.max(start + lead, end - trail) } };
  }

  private path(u: Unit | undefined): string {
    const parts: string[] = [];
    for (let x = u; x; x = x.parent) {
      if (x.kind === 'dieu') parts.unshift(`Điều ${x.num.label}`);
      else if (x.kind === 'khoan') parts.unshift(`khoản ${x.num.label}`);
      else if (x.kind === 'diem') parts.unshift(`điểm ${x.num.label}`);
      else if (x.kind === 'heading') parts.unshift(`mục ${x.num.label}`);
    }
    return parts.join(' ');
  }

  // ---------------------------------------------------------------- statements

  private emit(u: Unit | undefined, agencies: AgencyRef[], role: Role, partners: AgencyRef[], taskSpan: Span, span: Span, how: Responsibility['how'], excluded = false, text?: string): void {
    const task = text ?? this.clean(taskSpan.start, taskSpan.end);
    if (!task || task.split(/\s+/).length < 2) return;
    const ft = this.f.slice(taskSpan.start, taskSpan.end).replace(/\s+/g, ' ').trim();
    if (CATCH_ALL.test(ft)) return;
    if (!excluded && /\bnay\b/.test(ft) && EXECUTOR.test(ft)) excluded = true;
    // Private parties (`người`, `tổ chức, cá nhân`, `doanh nghiệp`) are not agencies.
    agencies = agencies.filter((a) => a.known || !isPrivateParty(fold(a.name)));
    partners = partners.filter((a) => a.known || !isPrivateParty(fold(a.name)));
    if (!agencies.length) return;
    const group = ++this.group;
    const anchor = u && u.marker.end <= span.start && /^[\s*_#]*$/.test(this.norm.slice(u.marker.end, span.start)) ? u.marker.start : span.start;
    const base = { uri: this.file.uri, docIndex: this.docIndex, date: this.doc.identity.date, task, taskSpan, span, anchor, path: this.path(u), group, how };
    const out = excluded ? this.excluded : this.items;
    for (const a of agencies) {
      const others = agencies.filter((b) => b !== a);
      out.push({ ...base, agency: a, role, partners: [...others, ...partners], coLeads: leads(role) ? others.map((b) => b.id) : [] });
    }
    if (role === 'lead') {
      for (const p of partners) out.push({ ...base, agency: p, role: 'cooperate', partners: agencies, coLeads: [] });
    }
  }

  /** Text of a span, Markdown and spacing cleaned. */
  private clean(s: number, e: number): string {
    return this.norm.slice(s, e).replace(/[*_#`]+/g, ' ').replace(/\s+/g, ' ').replace(/^[\s,;:.\-–+]+|[\s,;:./]+$/g, '').trim();
  }

  /** Splits `[s, e)` into sentences: at `. ` before a capital, and at line starts with a bullet. */
  private splitSentences(s: number, e: number): Span[] {
    const out: Span[] = [];
    let from = s;
    const n = this.norm;
    for (let i = s; i < e; i++) {
      const c = n[i];
      let cut = -1;
      if (c === '.' && i + 1 < e && /\s/.test(n[i + 1])) {
        let j = i + 1;
        while (j < e && /[\s*_#]/.test(n[j])) j++;
        if (j >= e || /\p{Lu}/u.test(n[j])) cut = i + 1;
      } else if (c === '\n') {
        let j = i + 1;
        while (j < e && /[ \t*_#]/.test(n[j])) j++;
        if (j < e && (/[-+•“"]/.test(n[j]) || (/\p{Lu}/u.test(n[j]) && /[.:;]\s*[*_]*\s*$/.test(n.slice(from, i))))) cut = i;
      }
      if (cut > from) {
        out.push({ start: from, end: cut });
        from = cut;
      }
    }
    if (e > from) out.push({ start: from, end: e });
    return out.filter((x) => /\p{L}/u.test(n.slice(x.start, x.end))).map((x) => {
      const t = n.slice(x.start, x.end);
      const a = t.length - t.replace(/^[\s*_#]+/, '').length;
      return { start: x.start + a, end: x.end };
    });
  }

  /**
   * Role sentences in a unit's own text. Returns a context when the text is an intro to the
   * unit's children (`Bộ X có trách nhiệm:`).
   */
  private sentences(u: Unit | undefined, s: number, e: number, inherited: Context | undefined): Context | undefined {
    let intro: Context | undefined;
    this.segment = s;
    for (const sent of this.splitSentences(s, e)) {
      if (this.inQuote(sent.start)) continue;
      // A step of a procedure (`Trong thời hạn 10 ngày …, cơ quan … có trách nhiệm …`) is not an
      // allocation of responsibility.
      if (PROCEDURAL.test(this.f.slice(sent.start, Math.min(sent.end, sent.start + 40)))) continue;
      const r = this.sentence(u, sent, inherited);
      if (r) intro = r;
    }
    return intro;
  }

  private sentence(u: Unit | undefined, sent: Span, inherited: Context | undefined): Context | undefined {
    const f = this.f;
    TRIGGER.lastIndex = 0;
    const text = f.slice(sent.start, sent.end);
    let m: RegExpExecArray | null;
    while ((m = TRIGGER.exec(text))) {
      const kw = m[1];
      const at = sent.start + m.index;
      if (this.inQuote(at) || this.inLineQuote(this.segment, at)) continue;
      const prefix = f.slice(sent.start, at);
      if (kw === 'giao') {
        const r = this.assignment(u, sent, at + m[0].length, prefix);
        if (r !== 'skip') return r;
        continue;
      }
      if (NEGATED.test(prefix)) continue;
      if (/(?:duoc|da duoc)\s+(?:[a-z ]{0,30}\s)?giao(?:\s+(?:nhiem vu|trach nhiem))?\s*$/.test(prefix)) continue;
      if (kw === 'chu tri' && NOUN_BEFORE.test(prefix) && !/(?:co quan|don vi)\s+[a-z ]*(?:quan ly|chuc nang)[a-z ]*$/.test(prefix)) {
        // `đơn vị chủ trì`, `cơ quan chủ trì`: a noun, unless the subject is `cơ quan có chức năng quản lý …`.
        if (!/(?:^|\s)(?:co quan|don vi)\s*$/.test(prefix) || !/^\s*(?:,|thuc hien|soan thao|xay dung|phai|co trach)/.test(f.slice(at + m[0].length, at + m[0].length + 20))) continue;
      }
      if (kw.startsWith('phoi hop') && /chu tri\s*,?\s*(?:va\s+)?$/.test(prefix)) continue;
      if (kw.startsWith('phoi hop') && PH_NOUN_BEFORE.test(prefix)) continue;
      if (/(?:duoc|da duoc)\s+(?:cu|giao|phan cong|chi dinh|moi)(?:\s+[a-z]+){0,2}\s*$/.test(prefix)) continue;
      // `Kế hoạch … do Bộ X chủ trì, phối hợp … tổ chức lập`: the agency after `do`.
      const passive = /(?:^|\s)do\s+(?![\s\S]*\sdo\s)([^;:]{1,160}?)\s*$/.exec(prefix);
      let subject: SubjectResult;
      if (passive && kw === 'chu tri') {
        const ps = at - passive[0].length + passive[0].indexOf('do') + 2;
        subject = this.subject(ps, at);
        if (subject.kind === 'agencies' && subject.agencies.every((a) => a.known || !a.generic)) {
          return this.statement(u, sent, at, m[0].length, kw, subject.agencies, inherited, f.slice(sent.start, ps - 2).trim() ? { start: sent.start, end: ps - 2 } : undefined);
        }
        continue;
      }
      subject = this.subject(sent.start, at);
      if (subject.kind === 'none') continue;
      if (subject.kind === 'empty') {
        if (!inherited) continue;
        return this.statement(u, sent, at, m[0].length, kw, inherited.agencies, inherited);
      }
      return this.statement(u, sent, at, m[0].length, kw, subject.agencies, inherited);
    }
    return undefined;
  }

  /** After the role keyword: partners, the task; emits; returns a context for an intro. */
  private statement(u: Unit | undefined, sent: Span, at: number, kwLen: number, kw: string, agencies: AgencyRef[], inherited: Context | undefined, passiveObject?: Span): Context | undefined {
    const f = this.f;
    let role: Role = kw === 'chu tri' ? 'lead' : kw.startsWith('phoi hop') ? 'cooperate' : 'responsible';
    let pos = at + kwLen;
    const end = sent.end;
    let partners: AgencyRef[] = [];
    let excluded = false;
    if (kw.includes('trach nhiem')) {
      const after = f.slice(pos, end);
      if (/^\s*thi hanh\b/.test(after)) excluded = true;
      if (LIABILITY.test(after)) return undefined;
    }
    if (kw.startsWith('phoi hop')) {
      const p = this.partnerList(pos, end);
      partners = p.agencies;
      pos = p.end;
    }
    for (let guard = 0; guard < 6; guard++) {
      const rest = f.slice(pos, end);
      let mm: RegExpExecArray | null;
      if ((mm = /^\s*,?\s*(?:va\s+)?phoi hop(?:\s+chat che)?(?:\s+voi)?\s+/.exec(rest)) && role !== 'cooperate') {
        if (role === 'responsible' && !/chu tri/.test(f.slice(at, pos))) role = 'cooperate';
        const p = this.partnerList(pos + mm[0].length, end);
        partners = [...partners, ...p.agencies];
        pos = p.end;
        continue;
      }
      if ((mm = /^\s*,?\s*(?:co|chiu)\s+trach nhiem\s*/.exec(rest))) {
        if (/^\s*thi hanh\b/.test(f.slice(pos + mm[0].length, end))) excluded = true;
        pos += mm[0].length;
        continue;
      }
      if (role !== 'cooperate' && (mm = BEFORE_TASK.exec(rest)) && (kw.includes('trach nhiem') || /trach nhiem/.test(f.slice(at, pos)))) {
        pos += mm[0].length;
        continue;
      }
      if ((mm = /^\s*,?\s*chu tri\b\s*,?\s*/.exec(rest)) && role !== 'cooperate') {
        role = 'lead';
        pos += mm[0].length;
        continue;
      }
      if (role === 'cooperate' && (mm = /^\s*,?\s*(?:chu tri\s*,?\s*)?phoi hop(?:\s+voi)?\s+/.exec(rest))) {
        const p = this.partnerList(pos + mm[0].length, end);
        partners = [...partners, ...p.agencies];
        pos = p.end;
        continue;
      }
      break;
    }
    // The intro of a list: `… có trách nhiệm:`, `… chủ trì … với các nội dung sau đây:`.
    const body = f.slice(pos, end).replace(/[\s.;*_]+$/, '');
    const isIntro = /:\s*$/.test(body);
    let taskEnd = end;
    let listIntro = false;
    if (isIntro) {
      const tail = INTRO_TAIL.exec(body);
      taskEnd = pos + (tail ? tail.index : body.lastIndexOf(':'));
      // Items are tasks after `có trách nhiệm:` or `… các nhiệm vụ / nội dung sau đây:`, not
      // after `… các quy trình sau đây:` (objects of the task).
      listIntro = !f.slice(pos, taskEnd).replace(/[\s,:]+/g, '') || (!!tail && /(?:noi dung|not dung|nhiem vu|viec|hoat dong|cong viec)/.test(tail[0]));
    }
    const lead = TASK_LEAD_IN.exec(this.norm.slice(pos, end).toLowerCase())![0].length;
    pos = Math.min(pos + lead, Math.max(pos, taskEnd));
    if (excluded && !EXECUTOR.test(f.slice(pos, taskEnd))) {
      // `chịu trách nhiệm thi hành …` of something else than this document: still an executor.
    }
    const how: Responsibility['how'] = inherited && agencies === inherited.agencies ? inherited.how : 'sentence';
    const trivial = listIntro && f.slice(pos, taskEnd).replace(/[\s,:]+/g, ' ').trim().split(' ').length <= 2;
    if (taskEnd > pos && !trivial) {
      const taskSpan = this.trimSpan(pos, taskEnd);
      if (passiveObject) {
        const obj = this.trimSpan(passiveObject.start, passiveObject.end);
        this.emit(u, agencies, role, partners, { start: obj.start, end: taskSpan.end }, sent, how, excluded,
          `${this.clean(obj.start, obj.end)} ${this.clean(taskSpan.start, taskSpan.end)}`.trim());
      } else {
        this.emit(u, agencies, role, partners, taskSpan, sent, how, excluded);
      }
    }
    if (listIntro && !excluded) return { agencies, role, how: how === 'sentence' ? 'article' : how };
    return undefined;
  }

  private trimSpan(s: number, e: number): Span {
    const t = this.norm.slice(s, e);
    const a = t.length - t.replace(/^[\s*_#,;:.\-–+]+/, '').length;
    const b = t.length - t.replace(/[\s*_#,;:.]+$/, '').length;
    return { start: s + a, end: Math.max(s + a, e - b) };
  }

  /** `giao <cơ quan> …`: an assignment. */
  private assignment(u: Unit | undefined, sent: Span, after: number, prefix: string): Context | undefined | 'skip' {
    if (/(?:duoc|da|se|ban|nhiem vu|viec|trach nhiem|khi|moi)\s*$/.test(prefix)) return 'skip';
    const assigner = prefix.trim() === '' || /,\s*$/.test(prefix) || this.endsWithAgency(prefix);
    if (!assigner) return 'skip';
    const list = this.partnerList(after, sent.end);
    if (!list.agencies.length || list.agencies.some((a) => a.generic && !a.known && !/^(?:co quan|don vi)/.test(this.f.slice(a.span.start, a.span.end)))) {
      if (!list.agencies.length) return 'skip';
    }
    const f = this.f;
    let pos = list.end;
    let role: Role = 'responsible';
    const rest = f.slice(pos, sent.end);
    let mm: RegExpExecArray | null;
    if ((mm = /^\s*,?\s*(?:lam|la)\s+(?:co quan|don vi)?\s*dau moi\s*,?\s*/.exec(rest))) { role = 'lead'; pos += mm[0].length; }
    const again = f.slice(pos, sent.end);
    const kw = /^\s*(chu tri|phoi hop voi|phoi hop|(?:co|chiu) trach nhiem)\b/.exec(again);
    if (kw) return this.statement(u, sent, pos + kw.index + kw[0].length - kw[1].length, kw[1].length, kw[1], list.agencies, undefined);
    const taskSpan = this.trimSpan(pos, sent.end);
    if (taskSpan.end > taskSpan.start) this.emit(u, list.agencies, role, [], taskSpan, sent, 'assign');
    return undefined;
  }

  private endsWithAgency(prefix: string): boolean {
    return /(?:chinh phu|thu tuong|uy ban nhan dan[a-z ]*|bo truong[a-z ]*|chu tich[a-z ]*|ubnd[a-z ]*)\s*$/.test(prefix);
  }

  // ---------------------------------------------------------------- agencies in text

  /** The subject right before a role keyword. */
  private subject(s: number, e: number): SubjectResult {
    let pre = this.f.slice(s, e);
    // Drop scene-setting words at the end (`… trong phạm vi nhiệm vụ, quyền hạn của mình`).
    for (let i = 0; i < 4; i++) {
      const m = FILLER_TAIL.exec(pre);
      if (!m || m[0].length === 0) break;
      pre = pre.slice(0, m.index);
    }
    const rawEnd = s + pre.length;
    const end = s + pre.replace(/[\s,]+$/, '').length;
    const lead = /^[\s\-–+•*_#.]*/.exec(pre)![0].length;
    const start = s + lead;
    if (end <= start) return { kind: 'empty' };
    const text = this.f.slice(start, rawEnd);
    const items = this.items_(start, end);
    if (!items.length) return { kind: 'empty' };
    const picked: Array<{ name: AgencyName; start: number; end: number }> = [];
    let i = items.length - 1;
    for (; i >= 0; i--) {
      const it = items[i];
      let name = it.known ? this.knownName(it.known) : this.unknownName(it.start, it.end, i === items.length - 1);
      let from = it.start;
      // `Cục Kiểm soát thủ tục hành chính, Văn phòng Chính phủ`: a unit and its parent, one agency.
      if (it.known && i > 0 && items[i - 1].sepAfter && !items[i - 1].known && /^\s*,\s*$/.test(this.f.slice(items[i - 1].end, it.start))
        && isUnitName(this.norm.slice(items[i - 1].start, items[i - 1].end))) {
        const merged = nameAgency(this.table, this.norm.slice(items[i - 1].start, it.end));
        if (merged) { name = merged; from = items[i - 1].start; i--; }
      }
      if (!name) break;
      picked.unshift({ name, start: from, end: it.end });
      if (i > 0 && !items[i - 1].sepAfter) { i--; break; }
    }
    // What stands before the subject must only set the scene (`Hằng năm,`, `Căn cứ …,`,
    // `Trường hợp …, thì`), not govern it (`Chỉ đạo các đơn vị …`, `đề nghị các bộ …`).
    const before = picked.length ? this.f.slice(start, picked[0].start).trim() : text.trim();
    const sceneOnly = !before || (/,\s*(?:thi\s*)?$/.test(before) && SCENE.test(before)) || SCENE_ALONE.test(before);
    if (!picked.length) {
      if (/,\s*(?:thi\s*)?$/.test(text.trim()) && SCENE.test(text.trim())) return { kind: 'empty' };
      if (SCENE_ALONE.test(text.trim())) return { kind: 'empty' };
      return { kind: 'none' };
    }
    if (!sceneOnly) return { kind: 'none' };
    if (picked.some((p) => p.name.generic) && picked.length > 1) {
      const a = picked[0].start, b = picked[picked.length - 1].end;
      const name = nameAgency(this.table, this.norm.slice(a, b)) ?? picked[0].name;
      return { kind: 'agencies', agencies: [this.ref({ ...name, generic: true, known: false, id: name.known ? `~${name.id}` : name.id }, a, b)] };
    }
    return { kind: 'agencies', agencies: picked.map((p) => this.ref(p.name, p.start, p.end)) };
  }

  private knownName(m: AgencyMatch): AgencyName {
    return { id: m.entry.id, name: m.entry.name, generic: false, known: true };
  }

  private unknownName(s: number, e: number, last: boolean): AgencyName | undefined {
    const written = this.norm.slice(s, e);
    if (!looksLikeAgency(written)) return undefined;
    const name = nameAgency(this.table, written);
    if (!name) return undefined;
    // A long clause is not a subject (`Cơ quan nhà nước thu thập, xử lý và sử dụng thông tin…`).
    if (cleanName(written).split(/\s+/).length > (last ? 16 : 12)) return undefined;
    return name;
  }

  /**
   * Items of a subject: known agencies (whole), other text cut at `,` / `và`; each with whether
   * a list separator follows it, and `stop` when a position word glues it to what precedes
   * (`Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ` is one agency).
   */
  private items_(s: number, e: number): Array<{ start: number; end: number; known?: AgencyMatch; sepAfter: boolean; stop?: boolean }> {
    const known = findKnownAgencies(this.table, this.norm, this.f, s, e);
    const out: Array<{ start: number; end: number; known?: AgencyMatch; sepAfter: boolean; stop?: boolean }> = [];
    const f = this.f;
    let i = s;
    const pushText = (a: number, b: number) => {
      const t = f.slice(a, b);
      const re = /\s*,\s*(?:va\s+)?|\s+va\s+/g;
      let from = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(t))) {
        if (m.index > from) out.push({ start: a + from, end: a + m.index, sepAfter: true });
        else if (out.length) out[out.length - 1].sepAfter = true;
        from = m.index + m[0].length;
      }
      if (from < t.length && t.slice(from).trim()) out.push({ start: a + from, end: b, sepAfter: false });
      else if (out.length && from >= t.length && t.length) out[out.length - 1].sepAfter = true;
    };
    for (const k of known) {
      if (k.start < i) continue;
      const gap = f.slice(i, k.start);
      // Position words right before a known agency: part of it, and nothing before counts.
      const pos = /((?:(?:uy vien [a-z ]*? la\s+)?(?:bo truong|thu truong|chu nhiem|chu tich|cuc truong|vu truong|giam doc|tong cuc truong|pho chu tich)(?:\s*,\s*|\s+))+)$/.exec(gap);
      if (pos) {
        const ps = k.start - pos[0].length;
        if (ps > i) pushText(i, ps);
        out.push({ start: ps, end: k.end, known: k, sepAfter: false, stop: true });
      } else if (gap.trim() && !/[,\s]$/.test(gap)) {
        // Glued to the text before (`cơ quan thuộc Chính phủ`): not a name of its own.
        pushText(i, k.end);
        i = k.end;
        continue;
      } else if (gap.trim() && !/(?:,\s*|\s+va\s+)$/.test(gap)) {
        pushText(i, k.end);
        i = k.end;
        continue;
      } else {
        if (gap.length) pushText(i, k.start);
        if (out.length && /(?:,\s*|\s+va\s+|^\s*(?:va\s+)?)$/.test(gap) && gap.trim()) out[out.length - 1].sepAfter = true;
        out.push({ start: k.start, end: k.end, known: k, sepAfter: false });
      }
      i = k.end;
    }
    if (i < e) pushText(i, e);
    // Trailing separators before the keyword belong to nothing.
    return out.filter((o) => f.slice(o.start, o.end).trim());
  }

  /**
   * A list of agencies starting at `s` (partners after `phối hợp với`, addressees after `giao`):
   * known names, units of ministries (`Cục X, Bộ Y`), named bodies, classes (`các cơ quan liên
   * quan`), joined by `,` / `và`. Ends where the task's verb begins.
   */
  private partnerList(s: number, e: number): { agencies: AgencyRef[]; end: number } {
    const f = this.f;
    const out: AgencyRef[] = [];
    let pos = s;
    const windowEnd = Math.min(e, s + 400);
    const known = findKnownAgencies(this.table, this.norm, f, s, windowEnd);
    for (let guard = 0; guard < 20 && pos < windowEnd; guard++) {
      const sp = /^\s*/.exec(f.slice(pos, windowEnd))![0].length;
      const at = pos + sp;
      const rest = f.slice(at, windowEnd);
      let taken: { name: AgencyName; end: number } | undefined;
      const k = known.find((x) => x.start === at || (x.start > at && /^(?:(?:cac\s+)?(?:bo truong|chu tich|thu truong)\s+)$/.test(f.slice(at, x.start))));
      if (k) {
        taken = { name: this.knownName(k), end: k.end };
      } else {
        const g = /^(?:cac\s+|nhung\s+)?(?:bo|co quan|don vi|to chuc|nganh|dia phuong|uy ban nhan dan|so|ban|doanh nghiep|luc luong|ca nhan)(?:[a-z ,]*?)(?:co lien quan|lien quan|huu quan|khac|cac cap|cung cap|chuc nang|dia phuong|trung uong)(?![a-z])/.exec(rest);
        if (g && g[0].split(' ').length <= 12) {
          taken = { name: { id: `~${g[0].replace(/^(?:cac|nhung)\s+/, '')}`, name: cleanName(this.norm.slice(at, at + g[0].length)), generic: true, known: false }, end: at + g[0].length };
        } else {
          const unit = /^(?:tong cuc|chi cuc|cuc|vu|vien|trung tam|van phong|so|ban|thanh tra|uy ban|hoi dong|to|phong|kho bac|tap doan|tong cong ty)\s+/.exec(rest);
          if (!(unit && /\p{Lu}/u.test(this.norm[at + unit[0].length] ?? '')) && looksLikeAgency(this.norm.slice(at, windowEnd))) {
            // `Tổ công tác`, `cơ quan quản lý nhà nước về khoa học và công nghệ`: words until the
            // task's verb (not in the first three words), or `và` before another agency.
            let j = at, words = 0, lastWordEnd = at;
            while (j < windowEnd && words < 14) {
              const w = /^\S+/.exec(this.norm.slice(j, windowEnd));
              if (!w) break;
              if (words >= 3 && TASK_VERBS.test(f.slice(j))) break;
              if (words > 0 && /^va\s/.test(f.slice(j)) && (looksLikeAgency(this.norm.slice(j + 3, windowEnd)) || known.some((x) => x.start === j + 3))) break;
              words++;
              if (/[,;.:]$/.test(w[0])) { lastWordEnd = j + w[0].length - 1; break; }
              lastWordEnd = j + w[0].length;
              j += w[0].length;
              while (j < windowEnd && this.norm[j] === ' ') j++;
            }
            const name = words < 14 ? nameAgency(this.table, this.norm.slice(at, lastWordEnd)) : undefined;
            if (name) taken = { name, end: lastWordEnd };
          } else if (unit && /\p{Lu}/u.test(this.norm[at + unit[0].length] ?? '')) {
            // A named body the table does not know: capitalised words, then lower-case ones until a task verb.
            let j = at + unit[0].length;
            const stop = Math.min(windowEnd, j + 120);
            let lastWordEnd = j;
            while (j < stop) {
              const w = /^\S+/.exec(this.norm.slice(j, stop));
              if (!w) break;
              const fw = f.slice(j);
              if (j > at + unit[0].length && (TASK_VERBS.test(fw) || /^(?:va|,)/.test(fw))) break;
              if (/[,;.:]$/.test(w[0])) { lastWordEnd = j + w[0].length - 1; break; }
              lastWordEnd = j + w[0].length;
              j += w[0].length;
              while (j < stop && this.norm[j] === ' ') j++;
            }
            const name = nameAgency(this.table, this.norm.slice(at, lastWordEnd));
            if (name) taken = { name, end: lastWordEnd };
          }
        }
      }
      if (!taken) break;
      let endT = taken.end;
      // `Cục Tin học hóa, Bộ Thông tin và Truyền thông`: the unit belongs to the ministry.
      const par = /^\s*,\s*/.exec(f.slice(endT, windowEnd));
      if (par && !taken.name.known && !taken.name.generic) {
        const k2 = known.find((x) => x.start === endT + par[0].length && x.entry.id.startsWith('bo-') || (x.start === endT + par[0].length && x.entry.id === 'vpcp'));
        if (k2) {
          const name = nameAgency(this.table, this.norm.slice(at, k2.end));
          if (name) { taken = { name, end: k2.end }; endT = k2.end; }
        }
      }
      out.push(this.ref(taken.name, at, endT));
      pos = endT;
      const sep = /^\s*(?:,\s*(?:va\s+)?|va\s+|;\s*)/.exec(f.slice(pos, windowEnd));
      if (!sep) break;
      const next = f.slice(pos + sep[0].length, windowEnd);
      const nextN = this.norm.slice(pos + sep[0].length, windowEnd);
      const isKnown = known.some((x) => x.start === pos + sep[0].length);
      if (!isKnown && TASK_VERBS.test(next) && !looksLikeAgency(nextN)) break;
      if (!isKnown && !looksLikeAgency(nextN)) break;
      pos += sep[0].length;
    }
    return { agencies: out, end: pos };
  }

  // ---------------------------------------------------------------- inherited tasks, lists, tables

  /** A khoản/điểm under `Trách nhiệm của X` (or an intro) without a role keyword: a task of X. */
  private inheritedTask(u: Unit, s: number, e: number, ctx: Context): void {
    const span = this.trimSpan(s, e);
    if (span.end <= span.start) return;
    const f = this.f.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    // An item with its own subject (`Tổ chức được ủy quyền … phải áp dụng …`) is not X's task.
    const n = this.norm.slice(span.start, span.end);
    const modal = /\s(?:phai|duoc|co quyen|co nghia vu|khong duoc|la|co trach nhiem|chiu trach nhiem)\s/.exec(` ${f} `);
    if (modal && looksLikeAgency(n) && modal.index <= 60 && !/,/.test(f.slice(0, modal.index))) return;
    if (startsWithPosition(n)) return;
    // `Hằng năm, Ủy ban nhân dân cấp xã rà soát …`: a subject of its own after scene-setting words.
    const first = findKnownAgencies(this.table, this.norm, this.f, span.start, Math.min(span.end, span.start + 120))[0];
    if (first && (first.start === span.start || (/,\s*$/.test(this.f.slice(span.start, first.start)) && SCENE.test(this.f.slice(span.start, first.start).trim())))) return;
    if (/^(?:trach nhiem|nhiem vu|quyen han)\b/.test(f)) return;
    let end = span.end;
    // `Ban hành các quy chuẩn …, bao gồm:` — the list that follows is part of this task.
    const raw = this.f.slice(span.start, span.end);
    const colon = /\s*,?\s*(?:bao gom|gom|nhu sau|sau day|cu the)?\s*:[\s\-–+•*]*$/.exec(raw);
    if (colon) end = span.start + colon.index;
    this.emit(u, ctx.agencies, ctx.role, [], { start: span.start, end }, span, ctx.how);
  }

  /** `- Đơn vị chủ trì: …` / `- Đơn vị phối hợp: …` lines under a task. */
  private listLabels(u: Unit, s: number, e: number): boolean {
    const f = this.f.slice(s, e);
    const re = /(^|\n)[ \t]*[-+•]?[ \t]*(?:don vi|co quan)[ \t]+(chu tri|phoi hop)[ \t]*:[ \t]*([^\n]*)/g;
    let m: RegExpExecArray | null;
    let leads: AgencyRef[] = [], partners: AgencyRef[] = [];
    let first = -1;
    while ((m = re.exec(f))) {
      const at = s + m.index + m[1].length;
      if (first < 0) first = at;
      const valStart = s + m.index + m[0].length - m[3].length;
      const list = this.cellAgencies(valStart, s + m.index + m[0].length);
      if (m[2] === 'chu tri') leads = leads.concat(list); else partners = partners.concat(list);
    }
    if (first < 0 || !leads.length) return first >= 0;
    const taskSpan = this.trimSpan(s, first);
    this.emit(u, leads, 'lead', partners, taskSpan, { start: taskSpan.start, end: e }, 'list');
    return true;
  }

  /** Agencies listed in a cell or after a label: every item is an agency. */
  private cellAgencies(s: number, e: number): AgencyRef[] {
    const out: AgencyRef[] = [];
    const known = findKnownAgencies(this.table, this.norm, this.f, s, e);
    const f = this.f;
    // Items: known names are whole; the rest is cut at `,` `;` `và` and line breaks (`- `).
    const cuts: Array<{ start: number; end: number; known?: AgencyMatch }> = [];
    let i = s;
    const cutText = (a: number, b: number) => {
      const re = /\s*(?:[,;]|<br\s*\/?>)\s*(?:va\s+)?|\s+va\s+|\n\s*[-+•]?\s*/g;
      const t = f.slice(a, b);
      let from = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(t))) {
        if (m.index > from) cuts.push({ start: a + from, end: a + m.index });
        from = m.index + m[0].length;
      }
      if (from < t.length) cuts.push({ start: a + from, end: b });
    };
    for (const k of known) {
      if (k.start < i) continue;
      if (k.start > i) cutText(i, k.start);
      cuts.push({ start: k.start, end: k.end, known: k });
      i = k.end;
    }
    if (i < e) cutText(i, e);
    for (let j = 0; j < cuts.length; j++) {
      const c = cuts[j];
      const text = f.slice(c.start, c.end).trim();
      if (!text || text === '-') continue;
      if (c.known) { out.push(this.ref(this.knownName(c.known), c.start, c.end)); continue; }
      const next = cuts[j + 1];
      // A unit followed by its ministry: one agency.
      if (next?.known && /^(?:tong cuc|chi cuc|cuc|vu|vien|trung tam|van phong|thanh tra)\s/.test(text) && /^\s*,\s*$/.test(f.slice(c.end, next.start))) {
        const name = nameAgency(this.table, this.norm.slice(c.start, next.end));
        if (name) { out.push(this.ref(name, c.start, next.end)); j++; continue; }
      }
      const name = nameAgency(this.table, this.norm.slice(c.start, c.end)) ?? (/\p{Lu}/u.test(this.norm[c.start + (this.norm.slice(c.start).length - this.norm.slice(c.start).trimStart().length)] ?? '')
        ? { id: `~${text}`, name: cleanName(this.norm.slice(c.start, c.end)), generic: /^(?:cac|nhung)\s/.test(text), known: false } : undefined);
      if (name) out.push(this.ref(name, c.start, c.end));
    }
    return out;
  }

  /** Markdown tables: a header row with a "chủ trì" column; each body row a task. */
  private tables(rows: Span[]): void {
    let header: { lead: number; coop: number; task: number } | undefined;
    let prevEnd = -1;
    for (const row of rows) {
      if (this.inQuote(row.start)) continue;
      if (row.start - prevEnd > 2 && prevEnd >= 0 && /\n\s*\n/.test(this.norm.slice(prevEnd, row.start))) header = undefined;
      prevEnd = row.end;
      const cells = this.cells(row);
      if (!cells.length) continue;
      if (cells.every((c) => /^[\s:\-–|]*$/.test(this.f.slice(c.start, c.end)))) continue; // |---|
      const texts = cells.map((c) => this.f.slice(c.start, c.end).replace(/[\s*_#]+/g, ' ').trim());
      const lead = texts.findIndex((t) => /\bchu tri\b/.test(t) && t.length < 60);
      if (lead >= 0 && texts.length >= 2) {
        const coop = texts.findIndex((t, i) => i !== lead && /\bphoi hop\b/.test(t) && t.length < 60);
        let task = texts.findIndex((t) => /\b(?:noi dung|nhiem vu|cong viec|ten (?:de an|nhiem vu|van ban|du an)|hoat dong|giai phap)\b/.test(t) && t.length < 60);
        if (task < 0) task = texts.findIndex((t, i) => i !== lead && i !== coop && !/^(?:stt|tt|so tt|thoi (?:gian|han)|ket qua|san pham|ghi chu|kinh phi|tien do)\b/.test(t) && t.length > 0);
        if (task >= 0) { header = { lead, coop, task }; continue; }
      }
      if (!header) continue;
      const taskCell = cells[header.task], leadCell = cells[header.lead];
      if (!taskCell || !leadCell) continue;
      const taskSpan = this.trimSpan(taskCell.start, taskCell.end);
      if (taskSpan.end <= taskSpan.start) continue;
      const leads = this.cellAgencies(leadCell.start, leadCell.end);
      if (!leads.length) continue;
      const coopCell = header.coop >= 0 ? cells[header.coop] : undefined;
      const partners = coopCell ? this.cellAgencies(coopCell.start, coopCell.end) : [];
      const u = this.unitAt(row.start);
      this.emit(u, leads, 'lead', partners, taskSpan, row, 'table');
    }
  }

  private cells(row: Span): Span[] {
    const n = this.norm;
    const out: Span[] = [];
    let i = row.start;
    while (i < row.end && n[i] !== '|') i++;
    if (i >= row.end) return out;
    let from = i + 1;
    for (let j = i + 1; j < row.end; j++) {
      if (n[j] === '|' && n[j - 1] !== '\\') {
        out.push({ start: from, end: j });
        from = j + 1;
      }
    }
    if (n.slice(from, row.end).trim()) out.push({ start: from, end: row.end });
    return out;
  }

  private unitAt(o: number): Unit | undefined {
    let best: Unit | undefined;
    const visit = (list: readonly Unit[]) => {
      for (const u of list) {
        if (o >= u.span.start && o < u.span.end) {
          best = u;
          visit(u.children);
          return;
        }
      }
    };
    visit(this.doc.units);
    return best;
  }
}

/** Scene-setting openings before a subject. */
const SCENE = /^(?:hang|dinh ky|trong|truoc|sau|khi|truong hop|doi voi|can cu|theo|de|ngoai|tren|tai|nham|ke tu|tu|den|moi|neu|dong thoi|ngoai ra|voi|cac|tuy|bat dau|chiu|o|ve|thuc hien)\b/;
const SCENE_ALONE = /^(?:hang nam|hang thang|hang quy|dinh ky|dong thoi|ngoai ra|sau do|truoc do|tren co so do|ngoai ra)\s*,?$/;

/**
 * Text without diacritics is often OCR (seed 000): digits inside words stand for letters
 * (`B6` Bộ, `c6` có, `ph6i h9p` phối hợp). For such a file only, those digits are read as `o`
 * (same length, so offsets still hold). Files written with diacritics are left alone.
 */
export function looseFold(norm: string, f: string): string {
  let letters = 0, plain = 0;
  for (let i = 0; i < norm.length && letters < 20000; i++) {
    const c = norm.charCodeAt(i);
    if (c >= 0xc0 && c < 0x2000) { letters++; } else if ((c | 32) >= 97 && (c | 32) <= 122) { letters++; plain++; }
  }
  if (letters === 0 || plain / letters < 0.97) return f;
  // Word by word: `[a-z]*[0689]…` backtracked over every long run of letters (quadratic on a
  // 2 MB line of one word).
  return f.replace(/[a-z0-9]+/g, (w) => (/[0689]/.test(w) && /[a-z]/.test(w) && !/^\d+[a-z]?$/.test(w) ? w.replace(/[0689]/g, 'o') : w))
    .replace(/\bh[gq]p\b/g, 'hop');
}

const PROCEDURAL = /^[\s*_\-–+]*(?:trong thoi han|cham nhat|sau khi (?:nhan|co|ket thuc)|ke tu ngay|truoc khi|ngay sau khi|trong ngay)\b/;

/** Offsets of role words in folded text (`chu tri`, `co/chiu trach nhiem`, `phoi hop`, `giao`), sorted. */
function scanTriggers(f: string, norm: string): number[] {
  const out: number[] = [];
  const isWord = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  for (const w of ['chu tri', 'trach nhiem', 'phoi hop', 'giao']) {
    for (let i = f.indexOf(w); i >= 0; i = f.indexOf(w, i + w.length)) {
      if (isWord(f.charCodeAt(i - 1)) || isWord(f.charCodeAt(i + w.length))) continue;
      if (w === 'trach nhiem') {
        // Only `có / chịu trách nhiệm` (not `truy cứu trách nhiệm hình sự`).
        if (f.startsWith('co ', i - 3)) out.push(i - 3);
        else if (f.startsWith('chiu ', i - 5)) out.push(i - 5);
        continue;
      }
      // `giao` assigns only to a named body (`giao Bộ …`, `Giao Văn phòng …`), written with a capital.
      if (w === 'giao') {
        const c = norm[i + 5];
        if (!c || c.toLowerCase() === c) continue;
      }
      out.push(i);
    }
  }
  return out.sort((a, b) => a - b);
}

/** First words (folded) of agency names and positions: a cheap gate before `looksLikeAgency`. */
const HEAD_FIRST_WORDS = new Set(['tong', 'chi', 'cuc', 'vu', 'so', 'bo', 'ban', 'uy', 'van', 'trung', 'hoc', 'vien', 'thanh', 'kho',
  'ngan', 'dai', 'to', 'hoi', 'phong', 'toa', 'cong', 'hai', 'tap', 'bao', 'chu', 'pho', 'thu', 'giam', 'chanh', 'ubnd', 'hdnd',
  'co', 'don', 'ca', 'nguoi', 'doanh', 'nganh', 'dia', 'luc', 'can', 'nha', 'chinh', 'chuyen', 'cac', 'nhung', 'moi']);

type SubjectResult = { kind: 'none' } | { kind: 'empty' } | { kind: 'agencies'; agencies: AgencyRef[] };
