/**
 * Renumbering that keeps citations right (DESIGN.md §5 "rename/renumber"; STYLE.md, LEOS:
 * citations point at units, labels are rebuilt). Pure: a plan of text edits per file, on the
 * text as the user has it, or a refusal that says where and why — never a partial edit.
 *
 * Three operations share one planner (`plan`): a new label for some units (`relabel`), and
 * every citation of the workspace whose written number names a unit that gets a new label
 * has exactly that number rewritten.
 *
 * - `planRenumber(ws, uri)`: every sibling sequence of the file's documents becomes 1..n —
 *   Điều across each document, khoản per Điều, điểm per khoản in the Vietnamese sequence
 *   (`scope: 'dieu'`: the Điều only, the "insert or delete an Điều" case).
 * - `planRename(ws, uri, unit, "7")`: one unit gets a new number; its following siblings shift
 *   by the same step when asked (`shift: 'all'`) or when they would otherwise collide or
 *   run backwards (`'auto'`, the default).
 * - `renameSiteAt(ws, uri, offset)`: what a rename at the cursor would renumber (a marker
 *   `Điều 6` / `3.` / `b)`, or a number inside a citation: its target).
 *
 * Decisions:
 * - Inserted-unit suffixes. By default (`suffixes: 'keep'`) `Điều 15a` stays between 15 and 16:
 *   amended and consolidated texts number inserted units so on purpose (DESIGN §1), and a
 *   renumbering must not rewrite what is not broken; it follows its base (15 → 14 makes
 *   15a → 14a) and the suffixes after one base run a, b, c… With `suffixes: 'number'` a draft
 *   gets plain numbers: the drafter's placeholder `15a` becomes 16 and the rest shift. Điểm
 *   `a1)`, `a2)` are sub-points (DESIGN §1): they always stay sub-points of their base letter,
 *   renumbered with it (`a` → `b` makes `a1` → `b1`).
 * - Twins. After inserting a new `Điều 5.` before the old one the label `5` is written twice.
 *   A citation by number cannot have meant a unit that did not exist when it was written:
 *   when the caller says which twin is the inserted one (`inserted`), citations of the label
 *   name the other. Without that, a citation of a twinned label whose twins get different
 *   numbers is ambiguous: refusal.
 * - "này" (`khoản 2 Điều này`) is never rewritten: it names the unit it stands in, which the
 *   renumbering does not change. The other labels of such a citation are.
 * - A range (`từ Điều 2 đến Điều 4`) gets its ends rewritten; if the units it covers would
 *   change (a unit moved into or out of it), refusal — except the inserted unit: standing
 *   between the ends, it is covered (a `notes` entry says so).
 *
 * Refusals (`code`): the first problem found, located, with the others in `more`:
 * `not-found`, `not-renumberable`, `invalid-label`, `collision`, `letters-exhausted`,
 * `unparsable-number`, `unlocatable` (a number whose text cannot be found exactly),
 * `ambiguous-duplicate` (twins), `ambiguous-document` (a cited document number or name that
 * matches several workspace documents, one of them renumbered), `inconsistent-resolution`
 * (the resolver and this walk disagree on a citation to rewrite), `dangling-citation` (a
 * citation of a unit that does not exist would start naming a moved one), `range-changes`,
 * `overlap` (two different edits of one text), `stale` (see `isPlanCurrent`).
 */
import { compareNumbers, parseNumber } from '../../../grammar/numbers';
import type { ResolvedCitation } from './citations/resolve';
import { nameKey, numberKeyOf } from './citations/resolve';
import type { TextEdit } from './diagnostics';
import type { DocNode, Span, Unit } from './model';
import type { Parsed } from './parse';
import { mapCitation, rangeMembers, type MappedCitation } from './renumber/citations';
import { DocGroups, type Group } from './renumber/groups';
import {
  baseLabel, inCaseOf, isSeqKind, kindName, labelKey, markerNumberSpan, parseNewLabel, spanIsLabel, suffixAt,
  unitName, withSuffix, type SeqKind,
} from './renumber/labels';
import type { Range, SourceText } from './text';
import type { Workspace } from './workspace';

export type RefusalCode =
  | 'not-found' | 'not-renumberable' | 'invalid-label' | 'collision' | 'letters-exhausted' | 'unparsable-number'
  | 'unlocatable' | 'ambiguous-duplicate' | 'ambiguous-document' | 'inconsistent-resolution' | 'dangling-citation'
  | 'range-changes' | 'overlap' | 'stale';

export interface Location { uri: string; range: Range }

export interface RenumberRefusal {
  ok: false;
  code: RefusalCode;
  /** Vietnamese first, English in parentheses, like the diagnostics. */
  reason: string;
  /** Where the problem is (a marker, a citation's number). */
  location?: Location;
  related?: Array<Location & { message: string }>;
  /** Further problems of the same plan. */
  more?: RenumberRefusal[];
}

export interface RenumberMove {
  uri: string;
  kind: SeqKind;
  /** `Điều 5` → `Điều 6`, as a name with its parents (`khoản 2 Điều 5`). */
  name: string;
  from: string;
  to: string;
  /** The number in the unit's marker (before the edit). */
  range: Range;
}

export interface RenumberPlan {
  ok: true;
  /** Short description (the title of the workspace edit). */
  title: string;
  /** Edits per uri on the original text (positions as the user has it), sorted, never overlapping. */
  changes: Record<string, TextEdit[]>;
  moves: RenumberMove[];
  /** How many citation numbers are rewritten, and in how many files. */
  citationEdits: number;
  citationFiles: number;
  /** The text of every file the plan read (see `isPlanCurrent`). */
  basis: Map<string, string>;
  /** Worth telling the user, not a reason to refuse (a range that now covers the inserted unit). */
  notes: Array<Location & { message: string }>;
}

export type RenumberResult = RenumberPlan | RenumberRefusal;

export interface RenumberOptions {
  /** `all` (default): Điều, khoản and điểm; `dieu`: the Điều sequence only. */
  scope?: 'all' | 'dieu';
  /** Only this document of the file (index in `parsed.documents`). */
  docIndex?: number;
  /** Điều/khoản `15a`: `keep` (default) their suffix on their renumbered base, or `number` them plainly. */
  suffixes?: 'keep' | 'number';
  /** The unit the drafter inserted, twin of an older one (or an offset inside it). */
  inserted?: Unit | number;
}

export interface RenameOptions {
  /** Following siblings shift by the same step: `auto` (default) when needed to stay in order. */
  shift?: 'none' | 'auto' | 'all';
  inserted?: Unit | number;
}

/** Does the workspace still hold the texts the plan was computed from? */
export function isPlanCurrent(ws: Workspace, plan: RenumberPlan): boolean {
  for (const [uri, text] of plan.basis) if (ws.text(uri) !== text) return false;
  return true;
}

export function staleRefusal(): RenumberRefusal {
  return { ok: false, code: 'stale', reason: 'Văn bản đã thay đổi trong lúc tính; hãy thử lại (the files changed; try again)' };
}

// ---------------------------------------------------------------------------------------
// Operations

/** Renumbers every sequence of the file's documents 1..n (see the module comment). */
export function planRenumber(ws: Workspace, uri: string, opts: RenumberOptions = {}): RenumberResult {
  const p = ws.parsed(uri);
  if (!p) return notFound(uri);
  const docs = opts.docIndex !== undefined ? p.documents.filter((d) => d.index === opts.docIndex) : p.documents;
  const relabel = new Map<Unit, string>();
  const problems: RenumberRefusal[] = [];
  const groupsByDoc = new Map<DocNode, DocGroups>();
  for (const doc of docs) {
    const groups = new DocGroups(doc);
    groupsByDoc.set(doc, groups);
    for (const g of groups.groups) {
      if (opts.scope === 'dieu' && g.kind !== 'dieu') continue;
      const labels = sequenceLabels(g, opts.suffixes !== 'number');
      g.units.forEach((u, i) => {
        const l = labels[i];
        if (l === undefined) {
          problems.push(refusal('letters-exhausted', `Không còn chữ cái để đánh số ${unitName(u)} (sau "y" không có chữ cái nào): cần chia lại khoản (no point letter left after y)`, at(p, uri, u.marker)));
        } else if (labelKey(l) !== labelKey(u.num.label)) {
          relabel.set(u, l);
        }
      });
    }
  }
  if (problems.length) return first(problems);
  const inserted = insertedUnit(docs, groupsByDoc, opts.inserted);
  return plan(ws, uri, groupsByDoc, relabel, inserted, 'Đánh số lại');
}

/** Gives `unit` (of file `uri`) the number `typed` (`7`, `Điều 7`, `b`, `15a`), shifting followers as asked. */
export function planRename(ws: Workspace, uri: string, unit: Unit, typed: string, opts: RenameOptions = {}): RenumberResult {
  const p = ws.parsed(uri);
  if (!p) return notFound(uri);
  const doc = p.documents.find((d) => d.span.start <= unit.span.start && unit.span.end <= d.span.end && containsUnit(d, unit));
  if (!doc) return refusal('not-found', `Không tìm thấy ${unitName(unit)} trong tệp (unit not found in the file)`);
  const groups = new DocGroups(doc);
  const g = groups.groupOf(unit);
  if (!g || !isSeqKind(unit.kind)) {
    return refusal('not-renumberable', 'Chỉ đổi được số của Điều, khoản, điểm (only an Điều, khoản or điểm can be renumbered)', at(p, uri, unit.marker));
  }
  const kind = unit.kind;
  const num = parseNewLabel(kind, typed);
  if (!num) {
    const want = kind === 'diem' ? 'một chữ cái a, b, c, d, đ, e, g… (có thể kèm số: a1)' : 'một số (có thể kèm chữ: 15a)';
    return refusal('invalid-label', `"${typed}" không phải là số của ${kindName(kind)}: cần ${want} (not a valid ${kindName(kind)} number)`, at(p, uri, unit.marker));
  }
  const relabel = new Map<Unit, string>();
  if (labelKey(num.label) !== labelKey(unit.num.label)) relabel.set(unit, num.label);
  const followers = g.units.slice(g.units.indexOf(unit) + 1);
  const shift = opts.shift ?? 'auto';
  const needed = followers.length > 0
    && (compareNumbers(num, followers[0].num) >= 0 || followers.some((f) => labelKey(f.num.label) === labelKey(num.label)));
  if (relabel.size && (shift === 'all' || (shift === 'auto' && needed))) {
    if (Number.isNaN(unit.num.value)) {
      return refusal('unparsable-number', `Không dời được các đơn vị sau ${unitName(unit)}: số hiện tại không hợp lệ; hãy đánh số lại cả văn bản (cannot shift from an invalid number; renumber the document)`, at(p, uri, unit.marker));
    }
    const delta = num.value - unit.num.value;
    for (const f of followers) {
      if (Number.isNaN(f.num.value)) {
        return refusal('unparsable-number', `Không dời được số của ${unitName(f)}: số không hợp lệ (cannot shift an invalid number)`, at(p, uri, f.marker));
      }
      const l = withSuffix(kind, f.num.value + delta, f.num.suffix);
      if (l === undefined) {
        return refusal(kind === 'diem' ? 'letters-exhausted' : 'invalid-label',
          `Không dời được ${unitName(f)}: ${kind === 'diem' ? 'hết chữ cái sau "y"' : 'số nhỏ hơn 1'} (no number left for it)`, at(p, uri, f.marker));
      }
      if (labelKey(l) !== labelKey(f.num.label)) relabel.set(f, l);
    }
  }
  const inserted = insertedUnit([doc], new Map([[doc, groups]]), opts.inserted);
  return plan(ws, uri, new Map([[doc, groups]]), relabel, inserted, `Đổi số ${unitName(unit)} thành ${num.label}`);
}

/** What a rename at `offset` of `uri` renumbers. */
export interface RenameSite {
  /** The unit that would get a new number, and the file that holds it. */
  unit: Unit;
  unitUri: string;
  /** The number under the cursor (in `uri`): the marker's, or the citation's. */
  span: Span;
  range: Range;
  /** The number as it stands (placeholder of the rename box). */
  label: string;
}

/**
 * The unit a rename at `offset` would renumber: the unit whose marker is there (`Điều 6`,
 * `3.`, `b)`), or the unit a citation's number there names. Undefined when nothing there
 * has a number; a refusal when there is one that cannot be renamed.
 */
export function renameSiteAt(ws: Workspace, uri: string, offset: number): RenameSite | RenumberRefusal | undefined {
  const p = ws.parsed(uri);
  if (!p) return undefined;
  const src = p.source;
  const u = markerUnitAt(p.documents, offset);
  if (u) {
    if (!isSeqKind(u.kind)) {
      return refusal('not-renumberable', 'Chỉ đổi được số của Điều, khoản, điểm (only an Điều, khoản or điểm can be renumbered)', at(p, uri, u.marker));
    }
    const doc = p.documents.find((d) => containsUnit(d, u));
    if (!doc || !new DocGroups(doc).groupOf(u)) {
      return refusal('not-renumberable', `${unitName(u) || kindName(u.kind)} không thuộc dãy đánh số nào (e.g. a khoản outside any Điều) (not in a numbered sequence)`, at(p, uri, u.marker));
    }
    const span = markerNumberSpan(src, u);
    if (!span) return refusal('unlocatable', `Không xác định được vị trí số trong "${src.norm.slice(u.marker.start, u.marker.end)}" (cannot locate the number in the marker)`, at(p, uri, u.marker));
    return { unit: u, unitUri: uri, span, range: src.range(span.start, span.end), label: src.norm.slice(span.start, span.end) };
  }
  const rc = ws.resolved(uri).find((r) => r.citation.span.start <= offset && offset <= r.citation.span.end);
  if (!rc || (rc.target.kind !== 'local' && rc.target.kind !== 'workspace')) return undefined;
  const loc = rc.target.loc;
  const m = mapCitation(rc, new DocGroups(loc.doc), sameDocument(rc), undefined);
  const w = m.labels.find((x) => x.span.start <= offset && offset <= x.span.end);
  if (!w?.unit) return undefined;
  return { unit: w.unit, unitUri: loc.uri, span: w.span, range: src.range(w.span.start, w.span.end), label: src.norm.slice(w.span.start, w.span.end) };
}

// ---------------------------------------------------------------------------------------
// Labels of a renumbered sequence

/** New labels for a sequence (index-aligned with `g.units`); undefined where letters run out. */
function sequenceLabels(g: Group, keepSuffixes: boolean): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  let base = 0;
  let sub = 0;
  for (const u of g.units) {
    const suffixed = u.num.suffix !== '' && !Number.isNaN(u.num.value) && base > 0
      && (g.kind === 'diem' ? /^\d+$/.test(u.num.suffix) : keepSuffixes);
    if (suffixed) {
      sub++;
      const s = suffixAt(g.kind, sub);
      out.push(s === undefined ? undefined : withSuffix(g.kind, base, s));
    } else {
      base++;
      sub = 0;
      out.push(baseLabel(g.kind, base));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The planner

interface PendingEdit { span: Span; newText: string; what: string }

class Collector {
  readonly edits = new Map<string, PendingEdit[]>();
  readonly problems: RenumberRefusal[] = [];
  readonly notes: Array<Location & { message: string }> = [];
  constructor(readonly inserted: Unit | undefined) {}
  add(uri: string, e: PendingEdit): void {
    const l = this.edits.get(uri);
    if (l) l.push(e); else this.edits.set(uri, [e]);
  }
}

function plan(ws: Workspace, uri: string, groupsByDoc: Map<DocNode, DocGroups>, relabel: Map<Unit, string>, inserted: Unit | undefined, verb: string): RenumberResult {
  const p = ws.parsed(uri)!;
  const out = new Collector(inserted);
  const basis = new Map<string, string>();
  const finalLabel = (u: Unit): string => relabel.get(u) ?? u.num.label;
  const moved = (u: Unit): boolean => relabel.has(u);

  // 1. The new labels must be unique among their siblings.
  const touched = new Set<Group>();
  for (const u of relabel.keys()) {
    const g = groupOfAny(groupsByDoc, u);
    if (g) touched.add(g);
  }
  for (const g of touched) {
    const seen = new Map<string, Unit>();
    for (const u of g.units) {
      const k = labelKey(finalLabel(u));
      const other = seen.get(k);
      if (other && (moved(u) || moved(other))) {
        const mover = moved(u) ? u : other;
        const stay = mover === u ? other : u;
        out.problems.push(refusal('collision',
          `${unitName(mover)} sẽ thành ${kindName(g.kind)} ${finalLabel(mover)}, trùng số với ${unitName(stay)}${moved(stay) ? ` (sẽ là ${finalLabel(stay)})` : ''} (two units would get the same number)`,
          at(p, uri, mover.marker), [{ ...at(p, uri, stay.marker), message: 'đơn vị cùng số (the other unit)' }]));
      } else if (!other) {
        seen.set(k, u);
      }
    }
  }
  if (out.problems.length) return first(out.problems);

  // 2. The markers.
  const moves: RenumberMove[] = [];
  for (const [u, label] of relabel) {
    const span = markerNumberSpan(p.source, u);
    if (!span) {
      out.problems.push(refusal('unlocatable', `Không xác định được vị trí số trong "${p.source.norm.slice(u.marker.start, u.marker.end)}" (cannot locate the number in the marker)`, at(p, uri, u.marker)));
      continue;
    }
    const newText = inCaseOf(p.source.norm.slice(span.start, span.end), label);
    out.add(uri, { span, newText, what: `${unitName(u)} → ${label}` });
    moves.push({ uri, kind: u.kind as SeqKind, name: unitName(u), from: u.num.label, to: label, range: p.source.range(span.start, span.end) });
  }

  // 3. Every citation of the workspace that names a unit of these documents.
  const docs = new Set(groupsByDoc.keys());
  let citationEdits = 0;
  const citationFiles = new Set<string>();
  const lookup = ws.documents();
  for (const f of ws.uris()) {
    const fp = ws.parsed(f);
    if (!fp) continue;
    basis.set(f, ws.text(f)!);
    for (const rc of ws.resolved(f)) {
      for (const { doc, sameDoc, ambiguous } of citedDocuments(rc, uri, docs, lookup)) {
        const groups = groupsByDoc.get(doc)!;
        const m = mapCitation(rc, groups, sameDoc, inserted);
        const n = rewrite(rc, m, fp, f, groups, relabel, finalLabel, ambiguous, out);
        if (n) { citationEdits += n; citationFiles.add(f); }
      }
    }
  }
  if (out.problems.length) return first(out.problems);

  // 4. Edits per file: sorted, one per text, on the original text.
  const changes: Record<string, TextEdit[]> = {};
  for (const [f, list] of out.edits) {
    const src = ws.parsed(f)!.source;
    list.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    const kept: PendingEdit[] = [];
    for (const e of list) {
      const last = kept[kept.length - 1];
      if (last && last.span.start === e.span.start && last.span.end === e.span.end && last.newText === e.newText) continue;
      if (last && e.span.start < last.span.end) {
        out.problems.push(refusal('overlap', `Hai thay đổi chồng lên nhau: ${last.what} và ${e.what} (overlapping edits)`, at(ws.parsed(f)!, f, e.span)));
        continue;
      }
      if (!sameOriginal(src, e.span)) {
        out.problems.push(refusal('unlocatable', `Không ánh xạ được vị trí của ${e.what} về văn bản gốc (cannot map the edit back to the text)`, at(ws.parsed(f)!, f, e.span)));
        continue;
      }
      kept.push(e);
    }
    if (kept.length) changes[f] = kept.map((e) => ({ range: src.range(e.span.start, e.span.end), newText: e.newText }));
  }
  if (out.problems.length) return first(out.problems);

  const counts = new Map<SeqKind, number>();
  for (const mv of moves) counts.set(mv.kind, (counts.get(mv.kind) ?? 0) + 1);
  const what = [...counts].map(([k, n]) => `${n} ${kindName(k)}`).join(', ');
  const title = moves.length
    ? `${verb}: ${what}; ${citationEdits} số trong trích dẫn${citationFiles.size > 1 ? ` ở ${citationFiles.size} tệp` : ''}`
    : `${verb}: không có gì thay đổi (nothing to renumber)`;
  return { ok: true, title, changes, moves, citationEdits, citationFiles: citationFiles.size, basis, notes: out.notes };
}

/**
 * The renumbered documents a citation may name. Normally the one the resolver chose; a cited
 * number or name that matches several workspace documents, one of them renumbered, is
 * returned for each candidate with `ambiguous` (any edit it would need is then refused).
 */
function citedDocuments(rc: ResolvedCitation, uri: string, docs: Set<DocNode>, lookup: ReturnType<Workspace['documents']>): Array<{ doc: DocNode; sameDoc: boolean; ambiguous?: string }> {
  const c = rc.citation;
  if (!c.levels.length) return [];
  const t = rc.target;
  const chosen = (t.kind === 'local' || t.kind === 'workspace') && t.loc.uri === uri && docs.has(t.loc.doc) ? t.loc.doc : undefined;
  const ref = c.doc;
  let candidates: Array<{ uri: string; doc: DocNode }> = [];
  if (ref && !ref.nay && !ref.neuTren) {
    if (ref.number) candidates = lookup.byNumber(numberKeyOf(ref.number));
    else if (ref.name && ref.type && t.kind === 'unknown') candidates = lookup.byName(ref.type, nameKey(ref.name));
  }
  const ours = candidates.filter((l) => l.uri === uri && docs.has(l.doc));
  const ambiguous = candidates.length > 1 && ours.length > 0
    ? `${ref!.number ? `số ${ref!.number}` : `"${ref!.name}"`} ứng với ${candidates.length} văn bản trong workspace (${[...new Set(candidates.map((x) => x.uri))].join(', ')})`
    : t.kind === 'unknown' && ours.length ? `"${ref?.name ?? ''}" không xác định được văn bản` : undefined;
  if (ambiguous) return ours.map((l) => ({ doc: l.doc, sameDoc: rc.uri === uri && c.docIndex === l.doc.index, ambiguous }));
  return chosen ? [{ doc: chosen, sameDoc: sameDocument(rc), ambiguous: undefined }] : [];
}

function sameDocument(rc: ResolvedCitation): boolean {
  return rc.target.kind === 'local' && rc.target.loc.docIndex === rc.citation.docIndex;
}

/** Plans the rewrite of one citation's labels; returns how many numbers it rewrites. */
function rewrite(rc: ResolvedCitation, m: MappedCitation, fp: Parsed, f: string, groups: DocGroups, relabel: Map<Unit, string>,
  finalLabel: (u: Unit) => string, ambiguous: string | undefined, out: Collector): number {
  const src = fp.source;
  const text = src.norm.slice(rc.citation.span.start, rc.citation.span.end);
  // The resolver and this walk must agree on what the citation names (twin rule aside).
  const byRule = m.labels.some((w) => w.byTwinRule || w.twins);
  const disagrees = !byRule && !ambiguous && rc.targets.some((t) => t.unit && groupsHold(groups, t.unit) && !m.named.has(t.unit));
  let n = 0;
  for (const w of m.labels) {
    if (w.twins) {
      if (w.twins.some((u) => relabel.has(u))) {
        const where = w.twins.map((u) => unitName(u)).join(', ');
        out.problems.push(refusal('ambiguous-duplicate',
          `"${text}": số ${w.label} được dùng cho ${w.twins.length} ${kindName(w.kind)} (${where}); không biết trích dẫn này chỉ đơn vị nào. Đặt con trỏ vào đơn vị mới chèn rồi chạy lại (which twin is cited? put the cursor in the inserted unit and run again)`,
          at(fp, f, w.span)));
      }
      continue;
    }
    if (w.unit) {
      if (!relabel.has(w.unit)) continue;
      if (ambiguous) {
        out.problems.push(refusal('ambiguous-document', `"${text}": ${ambiguous}; không biết có phải trích dẫn văn bản đang đánh số lại không (ambiguous cited document)`, at(fp, f, rc.citation.span)));
        continue;
      }
      if (disagrees) {
        out.problems.push(refusal('inconsistent-resolution', `"${text}": không xác định chắc chắn được đơn vị được trích dẫn (the cited unit cannot be determined with certainty)`, at(fp, f, rc.citation.span)));
        continue;
      }
      if (!spanIsLabel(src, w.span, w.label)) {
        out.problems.push(refusal('unlocatable', `"${text}": không xác định được vị trí số ${w.label} (cannot locate the number in the citation)`, at(fp, f, rc.citation.span)));
        continue;
      }
      const newLabel = relabel.get(w.unit)!;
      out.add(f, { span: w.span, newText: inCaseOf(src.norm.slice(w.span.start, w.span.end), newLabel), what: `"${text}"` });
      n++;
      continue;
    }
    // Dangling: no unit has this number now; would a moved unit take it?
    if (w.group && !ambiguous) {
      const taker = w.group.units.find((u) => relabel.has(u) && labelKey(finalLabel(u)) === labelKey(w.label));
      if (taker) {
        out.problems.push(refusal('dangling-citation',
          `"${text}": trích dẫn ${kindName(w.kind)} ${w.label} không tồn tại; sau khi đánh số lại nó sẽ chỉ vào ${unitName(taker)} (nay là ${kindName(w.kind)} ${w.label}). Hãy sửa trích dẫn trước (a citation of a missing unit would silently name a moved one)`,
          at(fp, f, w.span)));
      }
    }
  }
  for (const r of m.ranges) {
    if (!r.group || r.from.twins || r.to.twins || !r.group.units.some((u) => relabel.has(u))) continue;
    const before = rangeMembers(r.group, r.from, r.to, (u) => u.num);
    const after = rangeMembers(r.group, r.from, r.to, (u) => parseNumber(r.kind, finalLabel(u)));
    // The inserted unit stands where it stands: inside the range, the range covers it.
    if (out.inserted) {
      if (after.has(out.inserted) && !before.has(out.inserted)) {
        out.notes.push({ ...at(fp, f, rc.citation.span), message: `"${text}" nay gồm cả ${unitName(out.inserted)} mới chèn (the range now covers the inserted unit)` });
      }
      before.delete(out.inserted);
      after.delete(out.inserted);
    }
    if (before.size !== after.size || [...before].some((u) => !after.has(u))) {
      out.problems.push(refusal('range-changes',
        `"${text}": sau khi đánh số lại, khoảng này sẽ không còn gồm đúng các ${kindName(r.kind)} như trước; hãy sửa bằng tay (the range would cover other units)`,
        at(fp, f, rc.citation.span)));
    }
  }
  return n;
}

function groupsHold(groups: DocGroups, u: Unit): boolean {
  return !!groups.groupOf(u);
}

function groupOfAny(groupsByDoc: Map<DocNode, DocGroups>, u: Unit): Group | undefined {
  for (const g of groupsByDoc.values()) {
    const x = g.groupOf(u);
    if (x) return x;
  }
  return undefined;
}

/** The edit's text maps back to the original one (an NFD or CRLF file). */
function sameOriginal(src: SourceText, span: Span): boolean {
  const a = src.toOriginal(span.start), b = src.toOriginal(span.end);
  return src.original.slice(a, b).normalize('NFC') === src.norm.slice(span.start, span.end);
}

// ---------------------------------------------------------------------------------------
// Helpers

function insertedUnit(docs: DocNode[], groupsByDoc: Map<DocNode, DocGroups>, hint: Unit | number | undefined): Unit | undefined {
  if (hint === undefined) return undefined;
  if (typeof hint !== 'number') return hint;
  // The innermost unit around the offset that has a twin among its siblings.
  const doc = docs.find((d) => d.span.start <= hint && hint <= d.span.end) ?? docs[0];
  if (!doc) return undefined;
  const groups = groupsByDoc.get(doc) ?? new DocGroups(doc);
  const path = unitPath(doc.units, hint);
  for (let i = path.length - 1; i >= 0; i--) {
    const g = groups.groupOf(path[i]);
    if (g && (g.byLabel.get(labelKey(path[i].num.label))?.length ?? 0) > 1) return path[i];
  }
  return undefined;
}

function unitPath(units: readonly Unit[], offset: number): Unit[] {
  const out: Unit[] = [];
  let list = units;
  for (;;) {
    const u = list.find((x) => x.span.start <= offset && offset < x.span.end);
    if (!u) return out;
    out.push(u);
    list = u.children;
  }
}

/** The unit whose marker holds `offset` (the end of a marker counts: a cursor right after `6`). */
function markerUnitAt(docs: readonly DocNode[], offset: number): Unit | undefined {
  for (const doc of docs) {
    if (offset < doc.span.start || offset > doc.span.end) continue;
    for (const o of [offset, offset - 1]) {
      for (const u of unitPath(doc.units, o)) if (u.marker.start <= offset && offset <= u.marker.end) return u;
    }
  }
  return undefined;
}

function containsUnit(doc: DocNode, u: Unit): boolean {
  let top = u;
  while (top.parent) top = top.parent;
  return doc.units.includes(top);
}

function at(p: Parsed, uri: string, span: Span): Location {
  return { uri, range: p.source.range(span.start, span.end) };
}

function refusal(code: RefusalCode, reason: string, location?: Location, related?: RenumberRefusal['related']): RenumberRefusal {
  return { ok: false, code, reason, ...(location ? { location } : {}), ...(related ? { related } : {}) };
}

function notFound(uri: string): RenumberRefusal {
  return refusal('not-found', `Không có tệp ${uri} trong workspace (file not in the workspace)`);
}

function first(problems: RenumberRefusal[]): RenumberRefusal {
  return problems.length > 1 ? { ...problems[0], more: problems.slice(1) } : problems[0];
}

// ---------------------------------------------------------------------------------------
// Applying edits (tests, the CLI): positions are on the text without its BOM.

/** Applies `edits` (non-overlapping, positions in UTF-16 units of `raw` without its BOM) to `raw`. */
export function applyTextEdits(raw: string, edits: readonly TextEdit[]): string {
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let text = bom ? raw.slice(1) : raw;
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) { if (text.charCodeAt(i + 1) === 10) i++; starts.push(i + 1); }
  }
  const off = (pos: { line: number; character: number }) => (starts[pos.line] ?? text.length) + pos.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  for (const e of sorted) text = text.slice(0, off(e.range.start)) + e.newText + text.slice(off(e.range.end));
  return bom + text;
}
