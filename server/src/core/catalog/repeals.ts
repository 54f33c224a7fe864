/**
 * Repeal statements in the workspace's own documents: a document that says it `thay thế` or
 * `bãi bỏ` another (`Quyết định này … thay thế Quyết định số 336/QĐ-UBQGCPĐT …`), or that
 * another `hết hiệu lực` (`Luật Giao dịch điện tử số 51/2005/QH11 hết hiệu lực kể từ …`,
 * `Các nghị định sau đây hết hiệu lực …: a) Nghị định số …`). A citation of a replaced
 * document elsewhere in the workspace is then `ext-repealed`, with the statement as related
 * location.
 *
 * Only whole documents count: `bãi bỏ Điều 23 Nghị định số …`, `thay thế cụm từ … tại Thông tư
 * số …`, `bãi bỏ một số điều của …` replace parts, not the document, and say nothing here.
 */
import type { Citation } from '../citations/extract';
import { numberKey } from '../docnumber';
import type { Span, Unit } from '../model';
import type { Parsed } from '../parse';
import { trailingNumber } from './lookup';

export interface RepealStatement {
  /** Number key of the replaced/repealed document. */
  key: string;
  /** Its number as written in the statement. */
  number: string;
  /** The stating document. */
  uri: string;
  docIndex: number;
  /** Its issue date, when its header gives one. */
  date?: string;
  /** `Quyết định 414/QĐ-UBQGCPĐT` (type and number of the stating document), when known. */
  label?: string;
  /** Number of the stating document, when its header gives one. */
  stater?: string;
  /** The sentence that says it. */
  span: Span;
  verb: 'thay thế' | 'bãi bỏ' | 'hết hiệu lực';
}

const VERB_BEFORE = /(?:^|[^a-z])(thay the|bai bo)\s*(?:toan bo\s*)?(?:(?:cac|nhung)\s*(?:van ban|nghi dinh|thong tu(?: lien tich)?|quyet dinh|luat|nghi quyet|chi thi)?\s*(?:sau(?: day)?)?\s*:?\s*)?$/;
const PASSIVE = /(?:duoc|bi)\s*$/;
const LIST_SEP = /(?:,|\bva|\bhoac)\s*$/;
const SUBJECT_PREFIX = /^[\s*_#.-]*(?:[a-z]\d?\)\s*)?(?:ke tu ngay[^,]{0,120},\s*)?$/;
const PARTIAL = /mot so|mot phan|dieu|khoan|diem|noi dung|cum tu|phu luc|mau|bieu|quy dinh tai/;
const LIST_HEAD = /(het hieu luc|bai bo|thay the)/;

/**
 * Repeal statements of one file. Depends on the file alone (the documents are named by
 * number: `Luật Giao dịch điện tử số 51/2005/QH11`), so the workspace keeps the result until
 * the file's text changes.
 */
export function findRepeals(file: Parsed, citations: readonly Citation[]): RepealStatement[] {
  const { norm, fold } = file.source;
  const out: RepealStatement[] = [];
  let prev: { sentenceStart: number; end: number; verb: RepealStatement['verb'] | 'subject' } | undefined;
  const seen = new Set<unknown>();
  for (const c of citations) {
    const ref = c.doc;
    if (!ref || ref.nay || ref.neuTren || seen.has(ref)) continue;
    seen.add(ref);
    const start = ref.span.start;
    const inner = c.here.diem ?? c.here.khoan ?? c.here.dieu;
    const sStart = Math.max(sentenceStart(fold, start), inner && inner.marker.end <= start ? inner.marker.end : 0);
    const sEnd = sentenceEnd(fold, ref.span.end);
    const prefix = fold.slice(sStart, start);
    const chained = prev && prev.sentenceStart === sStart && LIST_SEP.test(fold.slice(prev.end, start)) ? prev.verb : undefined;
    let verb: RepealStatement['verb'] | 'subject' | undefined;
    if (c.levels.length === 0) {
      const m = VERB_BEFORE.exec(prefix);
      if (m && !PASSIVE.test(prefix.slice(0, prefix.lastIndexOf(m[1])))) verb = m[1] === 'bai bo' ? 'bãi bỏ' : 'thay thế';
      else if (chained) verb = chained;
      else if (SUBJECT_PREFIX.test(prefix)) verb = 'subject';
      else if (listHead(fold, c.here.diem ?? c.here.khoan, start)) verb = 'hết hiệu lực';
    }
    prev = verb ? { sentenceStart: sStart, end: ref.span.end, verb } : undefined;
    if (!verb) continue;
    if (verb === 'subject') {
      // `X [và Y] hết hiệu lực …`: the subject of the sentence ceases to be in force.
      const rest = fold.slice(ref.span.end, sEnd);
      if (!/het hieu luc/.test(rest) || /(?:tu ngay|khi|den ngay|truoc khi)\s*$/.test(rest.slice(0, rest.indexOf('het hieu luc')))) continue;
    }
    const number = ref.number ?? trailingNumber(norm, ref)?.number;
    if (!number) continue;
    const stating = file.documents[c.docIndex];
    const id = stating?.identity;
    out.push({
      key: numberKey(number), number, uri: file.uri, docIndex: c.docIndex, date: id?.date,
      label: id?.number ? [id.type, id.number].filter(Boolean).join(' ') : undefined, stater: id?.number,
      span: trimSpan(norm, sStart, sEnd),
      verb: verb === 'subject' ? 'hết hiệu lực' : verb,
    });
  }
  return out;
}

/**
 * A citation opening a điểm (or khoản) listed under a heading line such as `Các nghị định sau
 * đây hết hiệu lực …:` or `Bãi bỏ các văn bản sau:`.
 */
function listHead(fold: string, unit: Unit | undefined, start: number): boolean {
  if (!unit || (unit.kind !== 'diem' && unit.kind !== 'khoan')) return false;
  if (!/^[\s*_]*$/.test(fold.slice(unit.marker.end, start))) return false;
  const parent = unit.parent;
  if (!parent) return false;
  const lineEnd = fold.indexOf('\n', parent.marker.end);
  const head = fold.slice(parent.marker.end, lineEnd < 0 ? fold.length : lineEnd);
  return LIST_HEAD.test(head) && /\bsau\b/.test(head) && !PARTIAL.test(head.replace(/nghi dinh|thong tu|quyet dinh/g, ''));
}

function sentenceStart(fold: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) {
    const ch = fold[i];
    if (ch === '\n' || ch === ';') return i + 1;
    if ((ch === '.' || ch === ':') && /\s/.test(fold[i + 1] ?? ' ')) return i + 1;
  }
  return 0;
}

function sentenceEnd(fold: string, at: number): number {
  for (let i = at; i < fold.length; i++) {
    const ch = fold[i];
    if (ch === '\n' || ch === ';') return i;
    if ((ch === '.' || ch === ':') && /\s/.test(fold[i + 1] ?? ' ')) return i + 1;
  }
  return fold.length;
}

function trimSpan(norm: string, s: number, e: number): Span {
  while (s < e && /[\s*_#.:]/.test(norm[s])) s++;
  while (e > s && /[\s*_]/.test(norm[e - 1])) e--;
  return { start: s, end: e };
}
