/**
 * Numbering of sibling units: `numbering-gap`, `numbering-duplicate`, `numbering-order`,
 * `point-invalid-letter`, `point-sequence-exhausted` (DESIGN.md §1–2).
 *
 * Groups: Phần, Chương and Điều run through a whole document (never restart, even across
 * Chương); Mục restart in each Chương, Tiểu mục in each Mục, khoản in each Điều, điểm in
 * each khoản (or Điều). Each document of a file numbers afresh.
 */
import { compareNumbers, INVALID_POINT_LETTERS, POINT_LETTERS } from '../../../../grammar/numbers';
import { type DocNode, type Unit, type UnitKind, UNIT_NAMES, walkUnits } from '../model';
import type { CheckContext } from './context';

export function checkNumbering(ctx: CheckContext, doc: DocNode): void {
  const byDoc: Record<'phan' | 'dieu', Unit[]> = { phan: [], dieu: [] };
  const chapters: Unit[] = [];
  const byParent = new Map<Unit | DocNode, Map<UnitKind, Unit[]>>();
  for (const u of walkUnits(doc.units)) {
    if (u.kind === 'phan' || u.kind === 'dieu') { byDoc[u.kind].push(u); continue; }
    if (u.kind === 'chuong') { chapters.push(u); continue; }
    const parent: Unit | DocNode = u.parent ?? doc;
    let m = byParent.get(parent);
    if (!m) byParent.set(parent, (m = new Map()));
    let list = m.get(u.kind);
    if (!list) m.set(u.kind, (list = []));
    list.push(u);
  }
  // Documents without Điều (plans, programmes, forms) restart their lists after headings of
  // their own that carry no number (`HƯỚNG DẪN`, a form's title): a return to 1 is a new list.
  const restartIsNewList = !doc.hasArticles;
  checkSequence(ctx, byDoc.phan, restartIsNewList);
  checkSequence(ctx, byDoc.dieu, restartIsNewList);
  for (const list of chapterGroups(chapters)) checkSequence(ctx, list, restartIsNewList);
  for (const m of byParent.values()) for (const list of m.values()) checkSequence(ctx, list, restartIsNewList);
}

/**
 * Chương run through the whole document, across Phần (DESIGN §1) — except in a document
 * whose Phần each restart at Chương I (Luật Xử lý vi phạm hành chính 2012): a Phần whose
 * first Chương is I starts a new sequence.
 */
function chapterGroups(chapters: Unit[]): Unit[][] {
  const groups: Unit[][] = [];
  let cur: Unit[] = [];
  let prevParent: Unit | undefined;
  for (const c of chapters) {
    const parent = c.parent?.kind === 'phan' ? c.parent : undefined;
    if (cur.length && parent && parent !== prevParent && c.num.value === 1 && c.num.suffix === '') {
      groups.push(cur);
      cur = [];
    }
    cur.push(c);
    prevParent = parent;
  }
  if (cur.length) groups.push(cur);
  return groups;
}

function label(u: Unit): string {
  return u.kind === 'diem' ? `điểm ${u.num.label}` : `${UNIT_NAMES[u.kind]} ${u.num.label}`;
}

/** Names of the units `missing` (numbers), e.g. `điểm c, d`, `Điều 4, 5, 6, 7 … (12)`. */
function missingNames(kind: UnitKind, missing: number[], roman: boolean): string {
  const names = missing.slice(0, 4).map((v) => numberText(kind, v, roman));
  const more = missing.length > 4 ? ` … (${missing.length})` : '';
  const unit = kind === 'diem' ? 'điểm' : UNIT_NAMES[kind];
  return `${unit} ${names.join(', ')}${more}`;
}

function numberText(kind: UnitKind, v: number, roman: boolean): string {
  if (kind === 'diem') return POINT_LETTERS[v - 1] ?? String(v);
  if (roman) {
    const table: Array<[number, string]> = [[100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
    let out = '';
    for (const [n, r] of table) while (v >= n) { out += r; v -= n; }
    return out;
  }
  return String(v);
}

/**
 * One diagnostic per defect (DESIGN §2): a duplicate on the later twin, a gap on the unit after
 * the gap, an order error on the unit that goes back; an invalid letter is reported once and
 * skipped. Numbers that only come later (`1 2 4 3 5`) are out of order, not missing.
 */
function checkSequence(ctx: CheckContext, list: Unit[], restartIsNewList = false): void {
  let prev: Unit | undefined;
  // The highest number so far. After a duplicate of the previous unit, the duplicate most
  // likely took the next place (`a b c d d e`: the second `d` is a mistyped `đ`), so the
  // units after it are measured from there.
  let high = 0;
  const seen = new Map<number | string, Unit>();
  const present = new Set<number>();
  for (const u of list) if (!Number.isNaN(u.num.value)) present.add(u.num.value);
  for (const u of list) {
    if (u.kind === 'diem') {
      if (prev && prev.num.label === 'y' && u.num.suffix === '') {
        // After `y)` there is no letter left (DESIGN §1): no guess at what was meant.
        ctx.report('point-sequence-exhausted', u.marker,
          `Đã hết chữ cái đánh số điểm sau "y)"; cần chia lại khoản (point letters exhausted after y)`);
        prev = u;
        continue;
      }
      const letter = u.num.label.replace(/\d+$/, '');
      if (INVALID_POINT_LETTERS.has(letter)) {
        ctx.report('point-invalid-letter', u.marker,
          `Điểm "${u.num.label})" dùng chữ cái không có trong bảng chữ cái tiếng Việt (f, j, w, z không được dùng) (invalid point letter)`);
        continue;
      }
    }
    if (Number.isNaN(u.num.value)) continue;
    // (A number alone for the usual unsuffixed numbers: no string to build.)
    const key: number | string = u.num.suffix === '' ? u.num.value : `${u.num.value}|${u.num.suffix}`;
    if (prev && u.num.value === 1 && u.num.suffix === '' && high > 1) {
      // An unannounced return to 1 (DESIGN §1): one diagnostic, then a fresh sequence.
      if (!restartIsNewList) {
        ctx.report('numbering-order', u.marker,
          `${label(u)} đứng sau ${label(prev)}: đánh số lại từ đầu mà không có văn bản mới (numbering restarts without a new document)`, {
            related: [{ span: prev.marker, message: `${label(prev)} ở đây (previous unit)` }],
          });
      }
      seen.clear();
      seen.set(key, u);
      prev = u;
      high = 1;
      continue;
    }
    const twin = seen.get(key);
    if (twin) {
      if (twin === prev) high = Math.max(high, u.num.value + 1);
      ctx.report('numbering-duplicate', u.marker, `${label(u)} trùng số với ${label(twin)} ở trên (duplicate number)`, {
        related: [{ span: twin.marker, message: `${label(twin)} đã có ở đây (first occurrence)` }],
      });
      continue;
    }
    seen.set(key, u);
    if (prev && compareNumbers(u.num, prev.num) < 0 && u.num.value < high) {
      ctx.report('numbering-order', u.marker, `${label(u)} đứng sau ${label(prev)}: số thứ tự bị ngược (numbering goes backwards)`, {
        related: [{ span: prev.marker, message: `${label(prev)} ở đây (previous unit)` }],
      });
    } else if (u.num.value > high + 1) {
      const missing: number[] = [];
      for (let v = high + 1; v < u.num.value; v++) if (!present.has(v)) missing.push(v);
      if (missing.length) {
        const roman = u.kind === 'chuong' || u.kind === 'heading' || (/^[IVXLC]+$/.test(u.num.label) && u.kind !== 'diem');
        ctx.report('numbering-gap', u.marker, prev
          ? `Thiếu ${missingNames(u.kind, missing, roman)} giữa ${label(prev)} và ${label(u)} (numbering gap)`
          : `Thiếu ${missingNames(u.kind, missing, roman)} trước ${label(u)} (numbering gap: numbering should start at ${numberText(u.kind, 1, roman)})`,
        prev ? { related: [{ span: prev.marker, message: `${label(prev)} ở đây (previous unit)` }] } : {});
      }
    }
    prev = u;
    high = Math.max(high, u.num.value);
  }
}
