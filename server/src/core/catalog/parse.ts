/**
 * Catalog files (DESIGN.md §4, a contract): JSON Lines, one document per line, only `number`
 * required. Pure: text in, entries and located errors out — a malformed line is reported
 * with its line number and skipped, the rest still loads. Reading files is the adapters' job
 * (CLI, language server).
 *
 * Fields: `number`, `type`, `issuer`, `date` (ISO), `title`, `status`, `effective_date`,
 * `amended_or_repealed_by` (list), `replaced_by` (list), `url`. Unknown fields are ignored.
 * The pháp điển file names its link `vbpl_url` (read as `url`), has `status: null` everywhere,
 * and lists amending *and* partly repealing acts in `amended_or_repealed_by` — which therefore
 * never means "repealed" by itself.
 */
import { numberKey } from '../docnumber';

export type CatalogStatus = 'in-force' | 'partly-in-force' | 'repealed' | 'not-yet-in-force';
export const STATUSES: readonly CatalogStatus[] = ['in-force', 'partly-in-force', 'repealed', 'not-yet-in-force'];

export interface CatalogEntry {
  /** Số ký hiệu as written in the catalog (`64/2007/NĐ-CP`). */
  number: string;
  /** `numberKey(number)`: the only thing lookups compare. */
  key: string;
  type?: string;
  issuer?: string;
  /** Issue date, ISO `YYYY-MM-DD`. */
  date?: string;
  title?: string;
  status?: CatalogStatus;
  effectiveDate?: string;
  amendedOrRepealedBy: string[];
  replacedBy: string[];
  url?: string;
  /** Name of the catalog it comes from (a file name, `bundled`…). */
  source: string;
  /** 1-based line in that catalog. */
  line: number;
}

export interface CatalogError {
  /** 1-based line number. */
  line: number;
  message: string;
}

export interface ParsedCatalog {
  source: string;
  entries: CatalogEntry[];
  errors: CatalogError[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month]) return false;
  return month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
}

/** Combining marks (NFD text), written as such or escaped (`\u0301`) in the JSON. */
const COMBINING = /[\u0300-\u036f]|\\u03[0-6]/i;
/** Set per line: does this line need NFC at all? (Almost never: one test per line, not per field.) */
let lineHasMarks = false;

/** NFC and trimmed — without paying for it on the (usual) clean strings. */
function clean(s: string): string {
  if (lineHasMarks) s = s.normalize('NFC');
  const n = s.length;
  return n && (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32 || s.charCodeAt(0) === 0xa0 || s.charCodeAt(n - 1) === 0xa0) ? s.trim() : s;
}

/** Parses one catalog's text. Never throws. */
export function parseCatalog(text: string, source = 'catalog'): ParsedCatalog {
  const entries: CatalogEntry[] = [];
  const errors: CatalogError[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw !== '') {
      const e = parseLine(raw, source, lineNo, errors);
      if (e) entries.push(e);
    }
    if (end === text.length) break;
  }
  return { source, entries, errors };
}

function problem(errors: CatalogError[], line: number, field: string, what: string): void {
  errors.push({ line, message: `trường "${field}" ${what}; bỏ qua trường này (field ignored)` });
}

function str(o: Record<string, unknown>, field: string, errors: CatalogError[], line: number): string | undefined {
  const x = o[field];
  if (x === undefined || x === null) return undefined;
  if (typeof x !== 'string') { problem(errors, line, field, 'phải là chuỗi (must be a string)'); return undefined; }
  const s = clean(x);
  return s === '' ? undefined : s;
}

function date(o: Record<string, unknown>, field: string, errors: CatalogError[], line: number): string | undefined {
  const s = str(o, field, errors, line);
  if (s === undefined || isIsoDate(s)) return s;
  problem(errors, line, field, `phải là ngày dạng YYYY-MM-DD, không phải "${s}" (must be an ISO date)`);
  return undefined;
}

function list(o: Record<string, unknown>, field: string, errors: CatalogError[], line: number): string[] {
  const x = o[field];
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) { problem(errors, line, field, 'phải là danh sách số ký hiệu (must be a list of strings)'); return []; }
  if (x.length === 0) return x as string[];
  const out: string[] = [];
  for (const n of x) {
    if (typeof n !== 'string') { problem(errors, line, field, 'phải là danh sách số ký hiệu (must be a list of strings)'); return []; }
    const c = clean(n);
    if (c) out.push(c);
  }
  return out;
}

function parseLine(raw: string, source: string, line: number, errors: CatalogError[]): CatalogEntry | undefined {
  lineHasMarks = COMBINING.test(raw);
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (e) {
    errors.push({ line, message: `dòng không phải JSON hợp lệ (invalid JSON: ${(e as Error).message})` });
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    errors.push({ line, message: 'mỗi dòng phải là một đối tượng JSON (each line must be a JSON object)' });
    return undefined;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.number !== 'string' || o.number.trim() === '') {
    errors.push({ line, message: 'thiếu trường "number" (số ký hiệu) hoặc không phải chuỗi (missing "number")' });
    return undefined;
  }
  const number = clean(o.number).replace(/\s+/g, ' ');
  const statusText = str(o, 'status', errors, line);
  let status: CatalogStatus | undefined;
  if (statusText !== undefined) {
    if ((STATUSES as readonly string[]).includes(statusText)) status = statusText as CatalogStatus;
    else problem(errors, line, 'status', `phải là một trong ${STATUSES.join(' | ')} hoặc null, không phải "${statusText}"`);
  }
  return {
    number,
    key: numberKey(number),
    type: str(o, 'type', errors, line),
    issuer: str(o, 'issuer', errors, line),
    date: date(o, 'date', errors, line),
    title: str(o, 'title', errors, line),
    status,
    effectiveDate: date(o, 'effective_date', errors, line),
    amendedOrRepealedBy: list(o, 'amended_or_repealed_by', errors, line),
    replacedBy: list(o, 'replaced_by', errors, line),
    url: o.url !== undefined && o.url !== null ? str(o, 'url', errors, line) : str(o, 'vbpl_url', errors, line),
    source,
    line,
  };
}
