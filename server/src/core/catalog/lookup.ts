/**
 * Which document a citation names, looking past the workspace: the resolver
 * (citations/resolve.ts) has already found the workspace documents (they come first); an
 * `external` target is looked up here in the catalogs — by number (exact, normalized), or by
 * type + name with the date rules of DESIGN.md §1. Shared by the checks, the hover card and
 * the repeal statements.
 */
import type { RawDocRef } from '../../../../grammar/citations';
import { type DocLocation, type ResolvedCitation } from '../citations/resolve';
import { numberKey } from '../docnumber';
import type { DocNode, Span } from '../model';
import type { Catalog, MergedEntry } from './catalog';

/** What the lookups need from the workspace: documents by number key. */
export interface WorkspaceDocs {
  byNumber(key: string): DocLocation[];
}

export interface LookupEnv {
  catalog?: Catalog;
  documents: WorkspaceDocs;
}

export type CitedDocument =
  /** A document of the workspace (its full text is known). */
  | { kind: 'workspace'; ref: RawDocRef; loc: DocLocation; number?: string; numberSpan?: Span }
  /** A catalog entry. `via` says how it was found. */
  | { kind: 'catalog'; ref: RawDocRef; entry: MergedEntry; via: 'number' | 'name'; numberSpan?: Span }
  /** A number found nowhere: `ext-unknown-document`. */
  | { kind: 'unknown'; ref: RawDocRef; number: string; numberSpan: Span }
  /** Cited by name and not found, or several candidates (no guess). */
  | { kind: 'unresolved'; ref: RawDocRef; reason: 'not-found' | 'ambiguous' };

/** `số 45/2013/QH13` right after a law cited by name (`Luật Đất đai số 45/2013/QH13`). */
const TRAILING_NUMBER = /^[ \t]{0,3}(?:,[ \t]*)?s[ốô][ \t]*(\d+[a-zđ]?(?:[ \t]*\/[ \t]*\d{4})?[ \t]*\/[ \t]*[A-ZĐ][A-ZĐa-zđ0-9]*(?:[ \t]*-[ \t]*[A-ZĐ][A-ZĐa-zđ0-9]*)*|\d+-[A-ZĐ]+(?:\/[A-ZĐ]+)?)/u;

/** The number written right after a name citation, if any. */
export function trailingNumber(norm: string, ref: RawDocRef): { number: string; span: Span } | undefined {
  if (ref.number || !ref.name) return undefined;
  const m = TRAILING_NUMBER.exec(norm.slice(ref.span.end, ref.span.end + 60));
  if (!m) return undefined;
  const start = ref.span.end + m[0].length - m[1].length;
  return { number: m[1].replace(/\s+/g, ''), span: { start, end: start + m[1].length } };
}

/**
 * The document a resolved citation names outside its own document, or undefined when it
 * names none (`khoản 2 Điều này`, `Quy chế này`, a bare type word).
 *
 * `citing` is the citing document (its date picks among laws of the same name).
 */
export function citedDocument(r: ResolvedCitation, norm: string, citing: DocNode | undefined, env: LookupEnv): CitedDocument | undefined {
  const t = r.target;
  if (t.kind === 'unknown') return undefined;
  const ref = t.kind === 'external' || t.kind === 'workspace' ? t.ref : r.citation.doc;
  if (!ref || ref.nay) return undefined;
  const trailing = trailingNumber(norm, ref);
  if (t.kind === 'local' || t.kind === 'workspace') {
    const id = t.loc.doc.identity;
    // `Luật Đất đai số 45/2013/QH13` found by name as another document of the workspace: the number decides.
    if (!trailing || (id.number && numberKey(id.number) === numberKey(trailing.number))) {
      if (t.kind === 'local' && t.loc.docIndex === r.citation.docIndex) return undefined;
      return { kind: 'workspace', ref, loc: t.loc, number: ref.number ?? trailing?.number ?? id.number, numberSpan: ref.numberSpan ?? trailing?.span };
    }
  }
  const number = ref.number ?? trailing?.number;
  const numberSpan = ref.numberSpan ?? trailing?.span;
  if (number && numberSpan) {
    if (t.kind !== 'external') {
      const ws = env.documents.byNumber(numberKey(number));
      if (ws.length) return { kind: 'workspace', ref, loc: ws[0], number, numberSpan };
    }
    const entry = env.catalog?.get(number);
    if (entry) return { kind: 'catalog', ref, entry, via: 'number', numberSpan };
    return { kind: 'unknown', ref, number, numberSpan };
  }
  if (ref.name && ref.type) {
    const found = byName(env.catalog, ref, citing);
    if (found === 'ambiguous') return { kind: 'unresolved', ref, reason: 'ambiguous' };
    if (found) return { kind: 'catalog', ref, entry: found, via: 'name' };
    return { kind: 'unresolved', ref, reason: 'not-found' };
  }
  return undefined;
}

/**
 * Words that cannot belong to a law's name but that a name cited in running text may run
 * into (`Luật Đất đai đối với …`, `Luật Giao dịch điện tử về chữ ký số`): cut there when the
 * whole name finds nothing.
 */
const NAME_TAIL = new Set(['về', 'đối', 'thực', 'trong', 'cho', 'quy', 'hướng', 'áp', 'được', 'bao', 'gồm', 'khi', 'tại', 'theo']);

function byName(catalog: Catalog | undefined, ref: RawDocRef, citing: DocNode | undefined): MergedEntry | 'ambiguous' | undefined {
  if (!catalog || !ref.name || !ref.type) return undefined;
  const q = { date: ref.date?.iso, year: ref.year, citingDate: citing?.identity.date };
  const found = catalog.byName(ref.type, ref.name, q);
  if (found) return found;
  const words = ref.name.split(/\s+/);
  const cut = words.findIndex((w, i) => i > 0 && NAME_TAIL.has(w.toLowerCase()));
  return cut > 0 ? catalog.byName(ref.type, words.slice(0, cut).join(' '), q) : undefined;
}

/** The span naming the document in a citation: its number, else type and name. */
export function docSpan(ref: RawDocRef, numberSpan?: Span): Span {
  if (numberSpan) return numberSpan;
  if (ref.typeSpan && ref.nameSpan) return { start: ref.typeSpan.start, end: ref.nameSpan.end };
  return ref.span;
}
