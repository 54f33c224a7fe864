/**
 * What stands at an offset: the citation (and which of its targets), the unit whose heading
 * marker is there, the document. Binary searches over what the parse and the resolution
 * already hold — editor requests (hover, definition, references) never rescan the text
 * (DESIGN.md §7: p99 ≤ 5 ms on a 700 KB document).
 *
 * Offsets are `SourceText.norm` offsets, like everything in the core.
 */
import { type DocNode, type Span, type Unit, walkUnits } from '../model';
import type { Reference } from '../workspace';
import type { ResolvedCitation, ResolvedTarget } from './resolve';

/** Is `offset` inside `span`? The end counts too: a cursor right after a word is on it. */
export function touches(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/**
 * The citation whose span holds `offset`. `resolved` is one file's list, which extraction
 * yields in text order (sorted by start, never overlapping); a citation starting at the
 * offset wins over one ending there.
 */
export function citationAt(resolved: readonly ResolvedCitation[], offset: number): ResolvedCitation | undefined {
  let lo = 0, hi = resolved.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (resolved[mid].citation.span.start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const r = resolved[found];
  return offset <= r.citation.span.end ? r : undefined;
}

/**
 * The targets meant at `offset` inside a citation: the one whose own number is there
 * (`2` in `khoản 1, 2 và 3 Điều này`), otherwise all of them (the cursor is on words the
 * targets share: `khoản`, `Điều này`).
 */
export function targetsAt(r: ResolvedCitation, offset: number): ResolvedTarget[] {
  const whole = r.citation.span;
  const own = r.targets.filter((t) => (t.span.start !== whole.start || t.span.end !== whole.end) && touches(t.span, offset));
  return own.length ? own.slice(0, 1) : r.targets;
}

/** Is `offset` on the part of a citation that names its document (`của Luật Công nghệ thông tin`)? */
export function onDocumentPart(r: ResolvedCitation, offset: number): boolean {
  const d = r.citation.doc;
  if (!d) return false;
  if (!r.citation.levels.length) return true;
  return touches(d.span, offset);
}

/** The document of a file holding `offset` (the last one starting at or before it). */
export function documentAt(docs: readonly DocNode[], offset: number): DocNode | undefined {
  let lo = 0, hi = docs.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid].span.start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 ? docs[found] : docs[0];
}

/** The units around `offset`, outermost first (Chương → Điều → khoản → điểm). */
export function unitPathAt(doc: DocNode, offset: number): Unit[] {
  const out: Unit[] = [];
  let list: readonly Unit[] = doc.units;
  for (;;) {
    let lo = 0, hi = list.length - 1, hit: Unit | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const u = list[mid];
      if (offset < u.span.start) hi = mid - 1;
      else if (offset >= u.span.end) lo = mid + 1;
      else { hit = u; break; }
    }
    if (!hit) return out;
    out.push(hit);
    list = hit.children;
  }
}

/** The innermost unit holding `offset`. */
export function unitAt(doc: DocNode, offset: number): Unit | undefined {
  const path = unitPathAt(doc, offset);
  return path[path.length - 1];
}

/**
 * The unit whose heading marker (`Điều 15`, `2.`, `b)`) holds `offset`. A marker ends where
 * its unit's span may end too, so the unit just before is looked at as well.
 */
export function markerAt(docs: readonly DocNode[], offset: number): Unit | undefined {
  const doc = documentAt(docs, offset);
  if (!doc) return undefined;
  for (const o of [offset, offset - 1]) {
    for (const u of unitPathAt(doc, o)) if (touches(u.marker, offset)) return u;
  }
  return undefined;
}

/** Every unit of a document whose kind is `kind`, in document order (cached per document). */
export function unitsOfKind(doc: DocNode, kind: Unit['kind']): Unit[] {
  let byKind = kindCache.get(doc);
  if (!byKind) {
    byKind = new Map();
    for (const u of walkUnits(doc.units)) {
      const l = byKind.get(u.kind);
      if (l) l.push(u); else byKind.set(u.kind, [u]);
    }
    kindCache.set(doc, byKind);
  }
  return byKind.get(kind) ?? [];
}
const kindCache = new WeakMap<DocNode, Map<Unit['kind'], Unit[]>>();

/** The last of `units` (in document order) whose marker starts before `offset`. */
export function lastBefore(units: readonly Unit[], offset: number): Unit | undefined {
  let lo = 0, hi = units.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid].marker.start < offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 ? units[found] : undefined;
}

/** A citation of a unit, where it is written. */
export interface Citing {
  uri: string;
  resolved: ResolvedCitation;
  /** The written number when the citation names the unit itself in a list (`2` in `khoản 1, 2`), else the whole citation. */
  span: Span;
  /** False when the citation names a unit inside (`khoản 2 Điều 5` citing Điều 5). */
  direct: boolean;
}

/**
 * Every citation of `unit` or of a unit inside it (`khoản 2 Điều 5` cites Điều 5 too: it
 * would break if Điều 5 moved), once per citation, sorted by file and position. `refs` is
 * the workspace's reference index (`Workspace.references`).
 */
export function citationsOf(unit: Unit, refs: (u: Unit) => readonly Reference[]): Citing[] {
  const byCitation = new Map<ResolvedCitation, Citing>();
  const add = (u: Unit, direct: boolean): void => {
    for (const ref of refs(u)) {
      const old = byCitation.get(ref.resolved);
      if (old && (old.direct || !direct)) continue;
      const whole = ref.resolved.citation.span;
      const span = direct ? ref.resolved.targets[ref.targetIndex]?.span ?? whole : whole;
      byCitation.set(ref.resolved, { uri: ref.uri, resolved: ref.resolved, span, direct });
    }
  };
  add(unit, true);
  for (const u of walkUnits(unit.children)) add(u, false);
  return [...byCitation.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
}
