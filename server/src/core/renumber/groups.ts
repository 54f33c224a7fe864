/**
 * Sibling sequences of a document, as renumbering sees them: the Điều of a document (one
 * sequence across Chương), the khoản of each Điều, the điểm of each khoản (or of an Điều
 * without khoản). A label can be written twice among siblings (a drafter who inserted a new
 * `Điều 5.` before the old one): `byLabel` keeps every twin.
 */
import { type DocNode, type Unit, walkUnits } from '../model';
import { isSeqKind, labelKey, type SeqKind } from './labels';

export interface Group {
  kind: SeqKind;
  /** The Điều or khoản that holds the sequence, or the document for Điều. */
  owner: Unit | DocNode;
  units: Unit[];
  byLabel: Map<string, Unit[]>;
}

export class DocGroups {
  readonly groups: Group[] = [];
  private readonly byOwner = new Map<Unit | DocNode, Map<SeqKind, Group>>();
  private readonly ofUnit = new Map<Unit, Group>();

  constructor(readonly doc: DocNode) {
    const add = (owner: Unit | DocNode, kind: SeqKind, units: Unit[]) => {
      if (!units.length) return;
      const byLabel = new Map<string, Unit[]>();
      for (const u of units) {
        const k = labelKey(u.num.label);
        const l = byLabel.get(k);
        if (l) l.push(u); else byLabel.set(k, [u]);
      }
      const g: Group = { kind, owner, units, byLabel };
      this.groups.push(g);
      let m = this.byOwner.get(owner);
      if (!m) this.byOwner.set(owner, (m = new Map()));
      m.set(kind, g);
      for (const u of units) this.ofUnit.set(u, g);
    };
    const all = walkUnits(doc.units);
    const articles = all.filter((u) => u.kind === 'dieu');
    add(doc, 'dieu', articles);
    for (const d of articles) {
      const clauses = d.children.filter((u) => u.kind === 'khoan');
      add(d, 'khoan', clauses);
      add(d, 'diem', d.children.filter((u) => u.kind === 'diem'));
      for (const k of clauses) add(k, 'diem', k.children.filter((u) => u.kind === 'diem'));
    }
  }

  /** The sequence of `kind` held by `owner` (the document for Điều). */
  group(owner: Unit | DocNode | undefined, kind: SeqKind): Group | undefined {
    if (kind === 'dieu') return this.byOwner.get(this.doc)?.get('dieu');
    return owner ? this.byOwner.get(owner)?.get(kind) : undefined;
  }

  /** The sequence a unit belongs to (undefined for Chương, Mục, headings, misplaced khoản…). */
  groupOf(u: Unit): Group | undefined {
    return isSeqKind(u.kind) ? this.ofUnit.get(u) : undefined;
  }
}
