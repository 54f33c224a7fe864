/**
 * Resolution: a citation (syntax + where it stands) → the document it names and the units
 * it points at. Lazy and total: a dangling citation is a value with `missing`, never an
 * exception. The document lookup across files goes through `DocumentLookup` (the
 * workspace index), so this file knows nothing of how files are stored.
 */
import type { RawDocRef, RawItem, RawLevel } from '../../../../grammar/citations';
import { compareNumbers, parseNumber } from '../../../../grammar/numbers';
import { type DocNode, type Span, type Unit, type UnitKind, walkUnits } from '../model';
import { fold } from '../text';
import type { Citation, FileCitations, Here } from './extract';

export interface DocLocation { uri: string; docIndex: number; doc: DocNode }

export type DocTarget =
  /** The citing file (this document, or another document of the same file: `Quy chế này`). */
  | { kind: 'local'; loc: DocLocation }
  /** A document of another file of the workspace. */
  | { kind: 'workspace'; loc: DocLocation; ref: RawDocRef }
  /** A document outside the workspace (catalog or unknown). */
  | { kind: 'external'; ref: RawDocRef }
  /** Cannot tell (ambiguous name, `nêu trên` with nothing before, `này` outside any Điều). */
  | { kind: 'unknown'; reason: string };

export interface UnitPath { chuong?: string; muc?: string; dieu?: string; khoan?: string; diem?: string }

export interface ResolvedTarget {
  path: UnitPath;
  /** Where the cited number is written (`3` in `khoản 1, 2 và 3`), or the whole citation. */
  span: Span;
  /** The unit, when the document's text is known and has it. */
  unit?: Unit;
  /** The document is known but lacks this unit: the part that is missing (`khoản 5`). */
  missing?: string;
  /** Human label: `khoản 2 Điều 27`. */
  label: string;
}

export interface ResolvedCitation {
  citation: Citation;
  uri: string;
  target: DocTarget;
  targets: ResolvedTarget[];
}

export interface DocumentLookup {
  /** Workspace documents with this number key, in any file. */
  byNumber(key: string): DocLocation[];
  /** Workspace documents of this type (folded type word) whose title matches the name (folded). */
  byName(type: string, name: string): DocLocation[];
}

/** Resolves every citation of a file. `prevExternal` tracks `nêu trên`. */
export function resolveFile(uri: string, docs: DocNode[], fc: FileCitations, lookup: DocumentLookup): ResolvedCitation[] {
  const out: ResolvedCitation[] = [];
  const lastNamed = new Map<number, DocTarget>();
  for (const c of fc.citations) {
    const target = docTarget(uri, docs, fc, c, lookup, lastNamed);
    if (c.doc && !c.doc.nay && !c.doc.neuTren && target.kind !== 'unknown') lastNamed.set(c.docIndex, target);
    out.push({ citation: c, uri, target, targets: unitTargets(c, target) });
  }
  return out;
}

function docTarget(uri: string, docs: DocNode[], fc: FileCitations, c: Citation, lookup: DocumentLookup, lastNamed: Map<number, DocTarget>): DocTarget {
  const here = docs[c.docIndex];
  const ref = c.doc;
  if (!ref) {
    // No document named: the amended document inside an amending unit, else this one.
    const amending = amendingCitation(fc, c.here, here);
    if (amending && amending !== c) return docTarget(uri, docs, fc, amending, lookup, lastNamed);
    if (c.amending) return { kind: 'unknown', reason: 'viện dẫn văn bản được sửa đổi, không nêu tên văn bản' };
    const docIndex = here?.hasArticles || here?.identity.type ? c.docIndex : owningDocument(docs, c.docIndex);
    return { kind: 'local', loc: { uri, docIndex, doc: docs[docIndex] } };
  }
  if (ref.nay) {
    // `Quy chế này` inside the Quyết định that issues it: the sibling document of that type.
    const type = ref.type ?? '';
    const own = typeOf(here);
    if (own === type) return { kind: 'local', loc: { uri, docIndex: c.docIndex, doc: here } };
    // Another document of the file with that type: the nearest before, else after; else this
    // one, or — for a form or appendix without a type of its own — the document it belongs to.
    let docIndex = -1;
    for (let i = c.docIndex - 1; i >= 0 && docIndex < 0; i--) if (typeOf(docs[i]) === type) docIndex = i;
    for (let i = c.docIndex + 1; i < docs.length && docIndex < 0; i++) if (typeOf(docs[i]) === type) docIndex = i;
    if (docIndex < 0) docIndex = own || here?.hasArticles ? c.docIndex : owningDocument(docs, c.docIndex);
    return { kind: 'local', loc: { uri, docIndex, doc: docs[docIndex] } };
  }
  if (ref.neuTren) return lastNamed.get(c.docIndex) ?? { kind: 'unknown', reason: 'nêu trên: không có văn bản nào được nêu trước đó' };
  if (ref.number) {
    const found = lookup.byNumber(numberKeyOf(ref.number));
    if (found.length) return located(uri, found[0], ref);
    return { kind: 'external', ref };
  }
  if (ref.name && ref.type) {
    const found = pickByDate(lookup.byName(ref.type, nameKey(ref.name)), ref, here);
    if (found === 'ambiguous') return { kind: 'unknown', reason: `nhiều văn bản cùng tên "${ref.name}"` };
    if (found) return located(uri, found, ref);
    return { kind: 'external', ref };
  }
  return { kind: 'unknown', reason: 'không xác định được văn bản' };
}

/** For a form or appendix without Điều or type: the nearest document before it that has Điều. */
function owningDocument(docs: DocNode[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (docs[i].hasArticles) return i;
  return index;
}

function located(uri: string, loc: DocLocation, ref: RawDocRef): DocTarget {
  return loc.uri === uri ? { kind: 'local', loc } : { kind: 'workspace', loc, ref };
}

function amendingCitation(fc: FileCitations, here: Here, doc: DocNode | undefined): Citation | undefined {
  for (const u of [here.diem, here.khoan, here.dieu]) {
    const a = u && fc.amends.get(u);
    if (a) return a;
  }
  return doc ? fc.amends.get(doc) : undefined;
}

function typeOf(d: DocNode | undefined): string | undefined {
  return d?.identity.type ? fold(d.identity.type) : undefined;
}

export function nameKey(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

export function numberKeyOf(s: string): string {
  return fold(s).replace(/\s+/g, '').toUpperCase();
}

/**
 * A law cited by name that matches several documents (Luật Đất đai 1993, 2003, 2013, 2024)
 * is the one whose date (or year) is given; without one, the newest not after the citing
 * draft; still several → ambiguous.
 */
function pickByDate(found: DocLocation[], ref: RawDocRef, citing: DocNode | undefined): DocLocation | 'ambiguous' | undefined {
  if (found.length <= 1) {
    // One document of that name: still not the one cited when its known date says otherwise
    // (`Bộ luật Lao động ngày 18 tháng 6 năm 2012` is not the Bộ luật Lao động of 2019).
    const d = found[0]?.doc.identity.date;
    if (!d) return found[0];
    if (ref.date) return d === ref.date.iso ? found[0] : undefined;
    if (ref.year) return d.startsWith(String(ref.year)) ? found[0] : undefined;
    const limit = citing?.identity.date;
    return !limit || d <= limit ? found[0] : undefined;
  }
  if (ref.date) return found.find((f) => f.doc.identity.date === ref.date!.iso);
  if (ref.year) {
    const y = found.filter((f) => f.doc.identity.date?.startsWith(String(ref.year)));
    return y.length === 1 ? y[0] : y.length ? 'ambiguous' : undefined;
  }
  const limit = citing?.identity.date ?? '9999';
  const dated = found.filter((f) => f.doc.identity.date && f.doc.identity.date <= limit)
    .sort((a, b) => (a.doc.identity.date! < b.doc.identity.date! ? 1 : -1));
  if (dated.length && (dated.length === 1 || dated[0].doc.identity.date !== dated[1].doc.identity.date)) return dated[0];
  return 'ambiguous';
}

// ---------------------------------------------------------------------------------------
// Units

function unitTargets(c: Citation, target: DocTarget): ResolvedTarget[] {
  if (!c.levels.length) return [];
  const doc = target.kind === 'local' || target.kind === 'workspace' ? target.loc.doc : undefined;
  const sameDoc = target.kind === 'local' && target.loc.docIndex === c.docIndex;
  const paths = expand(c, doc, sameDoc);
  if (!paths) return [];
  return paths.map(({ path, span }) => {
    const label = pathLabel(path);
    if (!doc) return { path, span, label };
    // "này" and implicit units name the very Điều the citation stands in (even where the
    // source numbers two Điều alike).
    const found = lookupUnit(doc, path, sameDoc ? c.here.dieu : undefined);
    return { path, span, label, ...found };
  });
}

const ORDER: Array<keyof UnitPath> = ['diem', 'khoan', 'dieu', 'muc', 'chuong'];

/** Cited paths, expanding lists and ranges; undefined when "này" cannot be placed. */
function expand(c: Citation, doc: DocNode | undefined, sameDoc: boolean): Array<{ path: UnitPath; span: Span }> | undefined {
  const levels = c.levels.filter((l) => l.kind !== 'phan');
  if (!levels.length) return undefined;
  // From the largest level down: the first item of a level carries the smaller levels.
  let paths: Array<{ path: UnitPath; span: Span }> = [];
  const top = levels[levels.length - 1];
  const base: UnitPath = {};
  // Implicit larger units: `khoản 3` alone is in this Điều; `điểm a` alone in this khoản.
  if (sameDoc && !c.doc) {
    const topRank = ORDER.indexOf(top.kind as keyof UnitPath);
    if (topRank < ORDER.indexOf('dieu')) {
      if (!c.here.dieu) return undefined;
      base.dieu = c.here.dieu.num.label;
    }
    // `điểm a` alone: in this khoản, or directly in this Điều when it has no khoản around.
    if (topRank < ORDER.indexOf('khoan') && c.here.khoan) base.khoan = c.here.khoan.num.label;
  }
  for (let li = levels.length - 1; li >= 0; li--) {
    const lvl = levels[li];
    const key = lvl.kind as keyof UnitPath;
    const items = levelItems(lvl, c, doc, paths[0]?.path ?? base, key);
    if (items === undefined) return undefined;
    if (li === levels.length - 1) {
      paths = items.map((it) => ({ path: { ...base, [key]: it.label }, span: items.length > 1 ? it.span : c.span }));
    } else {
      const first = paths[0];
      const below = items.map((it) => ({ path: { ...first.path, [key]: it.label }, span: items.length > 1 ? it.span : c.span }));
      paths = [...below, ...paths.slice(1)];
    }
  }
  return paths;
}

/** The labels a level cites: its items, ranges expanded over the document's units, or "này". */
function levelItems(lvl: RawLevel, c: Citation, doc: DocNode | undefined, parent: UnitPath, key: keyof UnitPath): RawItem[] | undefined {
  if (lvl.nay) {
    const u = c.here[key as keyof Here];
    if (!u) return undefined;
    return [{ label: u.num.label, span: lvl.nay }];
  }
  const out: RawItem[] = [];
  for (const it of lvl.items) {
    if (!it.rangeTo) { out.push(it); continue; }
    const kind = key as UnitKind;
    const from = parseNumber(kind, it.label), to = parseNumber(kind, it.rangeTo.label);
    const siblings = doc ? siblingsOf(doc, parent, kind) : [];
    const between = siblings.filter((u) => compareNumbers(u.num, from) > 0 && compareNumbers(u.num, to) < 0);
    out.push(it, ...between.map((u) => ({ label: u.num.label, span: it.span })), { label: it.rangeTo.label, span: it.rangeTo.span });
  }
  return out;
}

function siblingsOf(doc: DocNode, parent: UnitPath, kind: UnitKind): readonly Unit[] {
  if (kind === 'dieu' || kind === 'chuong') {
    let byKind = allOfKind.get(doc);
    if (!byKind) allOfKind.set(doc, (byKind = new Map()));
    let l = byKind.get(kind);
    if (!l) byKind.set(kind, (l = walkUnits(doc.units).filter((u) => u.kind === kind)));
    return l;
  }
  const p = lookupUnit(doc, kind === 'diem' ? { dieu: parent.dieu, khoan: parent.khoan } : { dieu: parent.dieu }).unit;
  return p ? p.children.filter((u) => u.kind === kind) : [];
}

/** Every Điều (or Chương) of a document, for ranges (`Điều 5 đến Điều 9`). */
const allOfKind = new WeakMap<DocNode, Map<UnitKind, Unit[]>>();

/** Finds a path in a document; `missing` names the first part that is not there. */
export function lookupUnit(doc: DocNode, path: UnitPath, hereDieu?: Unit): { unit?: Unit; missing?: string } {
  const idx = docIndexOf(doc);
  let unit: Unit | undefined;
  if (path.dieu !== undefined) {
    const key = path.dieu.toLowerCase();
    const twins = hereDieu && hereDieu.num.label.toLowerCase() === key ? [hereDieu] : idx.dieu.get(key);
    if (!twins) return { missing: `Điều ${path.dieu}` };
    // Where the source numbers two Điều alike (a defect reported on its own), the one that
    // has the cited khoản/điểm is meant.
    if (twins.length > 1) {
      const found = twins.map((t) => lookupUnit(doc, { ...path }, t)).find((r) => r.unit);
      if (found) return found;
    }
    unit = twins[0];
  } else if (path.chuong !== undefined) {
    unit = idx.chuong.get(path.chuong.toUpperCase());
    // `Chương 87` in a tariff table is a chapter of another nomenclature, not of this document
    // (whose Chương are Roman): missing only when written as this document writes them.
    if (!unit) return /^[IVXLC]+$/.test(path.chuong.toUpperCase()) ? { missing: `Chương ${path.chuong}` } : {};
    if (path.muc !== undefined) {
      const m: Unit | undefined = unit.children.find((u) => u.kind === 'muc' && u.num.label === path.muc);
      if (!m) return { missing: `Mục ${path.muc} Chương ${path.chuong}` };
      unit = m;
    }
    return { unit };
  } else {
    return {};
  }
  if (path.khoan !== undefined) {
    const k: Unit | undefined = unit.children.find((u) => u.kind === 'khoan' && u.num.label.toLowerCase() === path.khoan!.toLowerCase());
    if (!k) return { missing: `khoản ${path.khoan} Điều ${path.dieu}` };
    unit = k;
  }
  if (path.diem !== undefined) {
    const d: Unit | undefined = unit.children.find((u) => u.kind === 'diem' && u.num.label === path.diem);
    if (!d) return { missing: `điểm ${path.diem} ${path.khoan !== undefined ? `khoản ${path.khoan} ` : ''}Điều ${path.dieu}` };
    unit = d;
  }
  return { unit };
}

export function pathLabel(p: UnitPath): string {
  const parts: string[] = [];
  if (p.diem !== undefined) parts.push(`điểm ${p.diem}`);
  if (p.khoan !== undefined) parts.push(`khoản ${p.khoan}`);
  if (p.dieu !== undefined) parts.push(`Điều ${p.dieu}`);
  if (p.muc !== undefined) parts.push(`Mục ${p.muc}`);
  if (p.chuong !== undefined) parts.push(`Chương ${p.chuong}`);
  return parts.join(' ');
}

interface DocUnitIndex { dieu: Map<string, Unit[]>; chuong: Map<string, Unit> }
const unitIndexes = new WeakMap<DocNode, DocUnitIndex>();

function docIndexOf(doc: DocNode): DocUnitIndex {
  let idx = unitIndexes.get(doc);
  if (!idx) {
    idx = { dieu: new Map(), chuong: new Map() };
    for (const u of walkUnits(doc.units)) {
      if (u.kind === 'dieu') {
        const k = u.num.label.toLowerCase();
        const l = idx.dieu.get(k);
        if (l) l.push(u); else idx.dieu.set(k, [u]);
      }
      if (u.kind === 'chuong' && !idx.chuong.has(u.num.label)) idx.chuong.set(u.num.label, u);
    }
    unitIndexes.set(doc, idx);
  }
  return idx;
}
