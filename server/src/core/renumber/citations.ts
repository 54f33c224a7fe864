/**
 * Which unit each number *written* in a citation names. The resolver (citations/resolve.ts)
 * answers "which units does this citation point at" — the smallest level, ranges expanded;
 * renumbering needs one step more: for every label as written (`1`, `2` and `3` in `khoản 1,
 * 2 và 3 Điều 5`, the `5`, both ends of `từ Điều 2 đến Điều 4`), the unit it names, so that
 * exactly the labels whose unit moved are rewritten. The walk mirrors the resolver's
 * (largest level first; the first item of a level holds the smaller levels; `khoản 3` alone
 * is in the citing Điều) and is checked against the resolver's targets by the planner.
 */
import { LEVEL_RANK } from '../../../../grammar/citations';
import { compareNumbers, parseNumber } from '../../../../grammar/numbers';
import type { ResolvedCitation } from '../citations/resolve';
import type { DocNode, Span, Unit, UnitNumber } from '../model';
import { type DocGroups, type Group } from './groups';
import { isSeqKind, labelKey, type SeqKind } from './labels';

/** A number as written in a citation, and what it names. */
export interface WrittenLabel {
  span: Span;
  label: string;
  kind: SeqKind;
  /** The sequence the label is looked up in (undefined: its parent is unknown). */
  group?: Group;
  /** The unit named; undefined when the label is dangling or ambiguous. */
  unit?: Unit;
  /** Several siblings carry this label and nothing tells which one is meant. */
  twins?: Unit[];
  /** Chosen among twins by the "inserted unit" rule (the resolver picks the first twin). */
  byTwinRule?: boolean;
}

export interface WrittenRange { group?: Group; kind: SeqKind; from: WrittenLabel; to: WrittenLabel }

export interface MappedCitation {
  labels: WrittenLabel[];
  ranges: WrittenRange[];
  /** Every unit the citation names at any level (items, range members, "này"), for the cross-check. */
  named: Set<Unit>;
}

/**
 * Maps a citation's written labels onto `doc` (the cited document, whose sequences are `groups`).
 * `sameDoc`: the citation stands in that very document (implicit "this Điều" applies).
 * `inserted`: the unit the drafter inserted (a twin of an older one): labels name the older twin.
 */
export function mapCitation(rc: ResolvedCitation, groups: DocGroups, sameDoc: boolean, inserted?: Unit): MappedCitation {
  const c = rc.citation;
  const out: MappedCitation = { labels: [], ranges: [], named: new Set() };
  const levels = c.levels.filter((l) => l.kind !== 'phan');
  if (!levels.length) return out;
  const top = levels[levels.length - 1];
  let parent: Unit | DocNode | undefined = groups.doc;
  if (sameDoc && !c.doc) {
    if (LEVEL_RANK[top.kind] < LEVEL_RANK.dieu) parent = c.here.dieu;
    if (LEVEL_RANK[top.kind] < LEVEL_RANK.khoan && c.here.khoan) parent = c.here.khoan;
  }
  for (let li = levels.length - 1; li >= 0; li--) {
    const lvl = levels[li];
    if (!isSeqKind(lvl.kind)) {
      // Chương / Mục are not renumbered; an Điều below them is still looked up document-wide.
      parent = groups.doc;
      continue;
    }
    const kind = lvl.kind;
    if (lvl.nay) {
      const u = c.here[kind];
      parent = u;
      if (u) out.named.add(u);
      continue;
    }
    const group = groups.group(parent, kind);
    parent = undefined;
    lvl.items.forEach((it, i) => {
      const w = written(it.span, it.label, kind, group, inserted);
      out.labels.push(w);
      if (i === 0) parent = w.unit;
      if (w.unit) out.named.add(w.unit);
      if (it.rangeTo) {
        const to = written(it.rangeTo.span, it.rangeTo.label, kind, group, inserted);
        out.labels.push(to);
        out.ranges.push({ group, kind, from: w, to });
        for (const u of rangeMembers(group, w, to, (x) => x.num)) out.named.add(u);
      }
    });
  }
  return out;
}

function written(span: Span, label: string, kind: SeqKind, group: Group | undefined, inserted: Unit | undefined): WrittenLabel {
  const w: WrittenLabel = { span, label, kind, group };
  const list = group?.byLabel.get(labelKey(label));
  if (!list?.length) return w;
  if (list.length === 1) { w.unit = list[0]; return w; }
  if (inserted && list.length === 2 && list.includes(inserted)) {
    w.unit = list[0] === inserted ? list[1] : list[0];
    w.byTwinRule = true;
    return w;
  }
  w.twins = list;
  return w;
}

/**
 * The units a range covers (`từ Điều 2 đến Điều 4`): both ends, and the siblings whose number
 * lies strictly between them — under the numbering `num` (before or after the plan).
 */
export function rangeMembers(group: Group | undefined, from: WrittenLabel, to: WrittenLabel, num: (u: Unit) => UnitNumber): Set<Unit> {
  const out = new Set<Unit>();
  if (from.unit) out.add(from.unit);
  if (to.unit) out.add(to.unit);
  if (!group) return out;
  const a = from.unit ? num(from.unit) : parseNumber(group.kind, from.label);
  const b = to.unit ? num(to.unit) : parseNumber(group.kind, to.label);
  for (const u of group.units) {
    const n = num(u);
    if (compareNumbers(n, a) > 0 && compareNumbers(n, b) < 0) out.add(u);
  }
  return out;
}
