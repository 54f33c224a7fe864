/**
 * External documents (DESIGN.md §2, §4): what a citation says of a document outside the
 * citing one, checked against the workspace and the catalogs.
 *
 * - `ext-unknown-document` (info): a number found in neither the workspace nor a catalog —
 *   reported once per citing document and number; never matched to a look-alike.
 * - `ext-repealed` (warning): the catalog says `repealed` or lists `replaced_by`, or a
 *   workspace document says it `thay thế` / `bãi bỏ` it (related: that sentence). Not for
 *   documents older than the replacement: they could not know.
 * - `ext-mismatch` (warning): the cited date, issuer, type or title contradicts the catalog or
 *   the cited workspace document (related: that document), on the offending words.
 */
import type { RawDocRef } from '../../../../grammar/citations';
import type { ResolvedCitation } from '../citations/resolve';
import { numberKey } from '../docnumber';
import type { DocNode } from '../model';
import type { Catalog, MergedEntry } from '../catalog/catalog';
import { contradictions, type Contradiction, type KnownDoc } from '../catalog/compare';
import { citedDocument, docSpan, type CitedDocument, type LookupEnv } from '../catalog/lookup';
import type { RepealStatement } from '../catalog/repeals';
import { issuerOfNumber, TYPE_DISPLAY } from '../catalog/tables';
import type { SourceText } from '../text';
import type { CheckContext } from './context';

export interface ExternalEnv extends LookupEnv {
  /** Repeal statements of the workspace by number key. */
  repeals?: ReadonlyMap<string, readonly RepealStatement[]>;
  /** The text of another workspace file (related locations are positions in it). */
  sourceOf?: (uri: string) => SourceText | undefined;
}

export function checkExternal(ctx: CheckContext, resolved: readonly ResolvedCitation[], env: ExternalEnv): void {
  const { norm, fold } = ctx.file.source;
  // First: what each citation names, and every number each citing document cites (a
  // document that also cites the replacing act knows of the replacement: its citations of
  // the old one are deliberate — transitional rules, history).
  const cited: Array<{ r: ResolvedCitation; doc: CitedDocument }> = [];
  const citedKeys = new Map<number, Set<string>>();
  const seen = new Set<RawDocRef>();
  for (const r of resolved) {
    const doc = citedDocument(r, norm, ctx.file.documents[r.citation.docIndex], env);
    if (!doc || seen.has(doc.ref)) continue;
    seen.add(doc.ref);
    cited.push({ r, doc });
    const n = doc.kind === 'catalog' ? doc.entry.number : doc.kind === 'unresolved' ? undefined : doc.number ?? (doc.kind === 'workspace' ? doc.loc.doc.identity.number : undefined);
    if (!n) continue;
    const keys = citedKeys.get(r.citation.docIndex) ?? new Set<string>();
    keys.add(numberKey(n));
    citedKeys.set(r.citation.docIndex, keys);
  }
  const unknownReported = new Set<string>();
  for (const { r, doc } of cited) {
    const ref = doc.ref;
    const docIndex = r.citation.docIndex;
    if (doc.kind === 'unresolved') continue;
    const number = doc.kind === 'catalog' ? doc.entry.number : doc.number ?? (doc.kind === 'workspace' ? doc.loc.doc.identity.number : undefined);
    const span = docSpan(ref, doc.numberSpan);
    const citing = ctx.file.documents[docIndex];
    const citingDate = citing?.identity.date;
    const knows = (n: string | undefined): boolean =>
      !!n && (citedKeys.get(docIndex)?.has(numberKey(n)) || (!!citing?.identity.number && numberKey(citing.identity.number) === numberKey(n)));

    // ext-repealed: a document of the workspace says so (its sentence is the related
    // location), else the catalog does. Not for documents no later than the replacement,
    // nor for those that cite the replacing act too (they know: transitional rules, history).
    const statements = number ? env.repeals?.get(numberKey(number)) : undefined;
    const st = statements?.find((s) => !(s.uri === ctx.file.uri && s.docIndex === docIndex) && !knows(s.stater)
      // Time: an issued document no later than the statement could not know; an undated
      // statement cannot be ordered with a dated document, only with undated drafts.
      && !(citingDate && (!s.date || citingDate <= s.date)));
    if (st) {
      ctx.report('ext-repealed', span,
        `${label(ref, number)} đã bị ${st.verb === 'hết hiệu lực' ? 'tuyên bố hết hiệu lực' : st.verb} theo ${st.label ?? 'một văn bản trong workspace'} (cited document is ${st.verb === 'thay thế' ? 'replaced' : 'repealed'} by a workspace document)`,
        { related: [{ uri: st.uri, span: st.span, message: `Câu ${st.verb} ${st.number}`, source: env.sourceOf?.(st.uri) }] });
    } else if (doc.kind === 'catalog' && !doc.entry.replacedBy.some(knows)) {
      reportCatalogRepeal(ctx, doc.entry, ref, span, citingDate, env.catalog);
    }

    if (doc.kind === 'unknown') {
      // Once per citing document and number; a document the workspace says is replaced is
      // not unknown (the workspace knows of it).
      const k = `${docIndex}|${numberKey(doc.number)}`;
      if (statements?.length || unknownReported.has(k)) continue;
      unknownReported.add(k);
      ctx.report('ext-unknown-document', doc.numberSpan,
        `Không tìm thấy ${label(ref, doc.number)} trong workspace và các danh mục văn bản (document not in the workspace or any catalog)`);
      continue;
    }

    // ext-mismatch: only where the citation names the document by its number.
    if (!doc.numberSpan) continue;
    const known: KnownDoc = doc.kind === 'catalog' ? doc.entry : knownOf(doc.loc.doc);
    for (const c of contradictions(norm, fold, ref, known, number)) {
      const related = doc.kind === 'workspace'
        ? [{ uri: doc.loc.uri, span: relatedSpan(doc.loc.doc), message: label(ref, number), source: env.sourceOf?.(doc.loc.uri) }]
        : undefined;
      ctx.report('ext-mismatch', c.span, mismatchMessage(c, ref, number, doc), related ? { related } : {});
    }
  }
}

function reportCatalogRepeal(ctx: CheckContext, e: MergedEntry, ref: RawDocRef, span: { start: number; end: number }, citingDate: string | undefined, catalog: Catalog | undefined): void {
  if (e.status !== 'repealed' && e.replacedBy.length === 0) return;
  // A document no later than its replacement cited it while it was in force.
  const replacers = e.replacedBy.map((n) => catalog?.get(n));
  const since = replacers.map((x) => x?.date).filter((d): d is string => !!d).sort()[0];
  if (citingDate && since && citingDate <= since) return;
  const by = e.replacedBy.length
    ? `đã bị thay thế bởi ${e.replacedBy.map((n, i) => describe(n, replacers[i])).join(', ')}`
    : 'đã hết hiệu lực';
  ctx.report('ext-repealed', span,
    `${label(ref, e.number)} ${by} (theo danh mục ${e.origin.replacedBy ?? e.origin.status ?? e.sources[0]}) (cited document is ${e.replacedBy.length ? 'replaced' : 'repealed'})`);
}

function describe(number: string, e: MergedEntry | undefined): string {
  return [e?.type, number, e?.date ? `ngày ${vnDate(e.date)}` : undefined].filter(Boolean).join(' ');
}

/** Where a workspace document says who it is: its number, else its start. */
function relatedSpan(doc: DocNode): { start: number; end: number } {
  return doc.identity.numberSpan ?? { start: doc.span.start, end: doc.span.start };
}

function knownOf(doc: DocNode): KnownDoc {
  const id = doc.identity;
  const tk = id.type ? Object.keys(TYPE_DISPLAY).find((k) => TYPE_DISPLAY[k] === id.type) : undefined;
  return { number: id.number, type: id.type, typeKey: tk, date: id.date, title: id.title, issuer: id.issuer ?? (id.number ? issuerOfNumber(id.number) : undefined) };
}

function label(ref: RawDocRef, number: string | undefined): string {
  const type = ref.type ? TYPE_DISPLAY[ref.type] : undefined;
  if (number) return `${type ?? 'Văn bản'} số ${number}`;
  return `${type ?? 'Văn bản'} ${ref.name ?? ''}`.trim();
}

export function vnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function mismatchMessage(c: Contradiction, ref: RawDocRef, number: string | undefined, doc: CitedDocument): string {
  const where = doc.kind === 'catalog' ? `danh mục ${doc.entry.origin[c.field === 'type' ? 'type' : c.field] ?? doc.entry.sources[0]}` : 'văn bản được viện dẫn trong workspace';
  const against = doc.kind === 'catalog' ? 'the catalog' : 'the cited document';
  const l = label(ref, number);
  switch (c.field) {
    case 'date':
      return `${l}: ngày ban hành ${vnDate(c.cited)} khác với ${where} (${vnDate(c.known)}) (cited date contradicts ${against})`;
    case 'issuer':
      return `${l}: cơ quan ban hành "${c.cited}" khác với ${where} ("${c.known}") (cited issuer contradicts ${against})`;
    case 'type':
      return `${l}: loại văn bản "${c.cited}" khác với ${where} ("${c.known}") (cited type contradicts ${against})`;
    case 'title':
      return `${l}: trích yếu không khớp với ${where}: "${c.known}" (cited title contradicts ${against})`;
  }
}
