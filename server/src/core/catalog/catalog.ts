/**
 * The catalog of external documents: every catalog the user gave (`--catalog`, config
 * `catalogs`, setting `dieu.catalogs`, in that order) and the bundled one last, merged once
 * into an index by number key. Precedence: the first catalog that lists a number gives each
 * field it has; later ones only fill fields the earlier ones leave empty. (Documents of the
 * workspace come before every catalog: the citation resolver finds them first.)
 *
 * Lookups are exact: by `numberKey` (spaces, diacritics, Đ/D, case), never by similarity —
 * `17/2017/NĐ-CP` does not find `117/2017/NĐ-CP` — and by type + folded title for laws cited
 * by name, disambiguated by date (DESIGN.md §1), never guessed.
 */
import { numberKey, parseDocNumber } from '../docnumber';
import { fold } from '../text';
import { nameKey } from '../citations/resolve';
import type { CatalogEntry, CatalogError, CatalogStatus, ParsedCatalog } from './parse';
import { TYPE_DISPLAY, typeKey, typeOfNumber } from './tables';

type Field = 'type' | 'issuer' | 'date' | 'title' | 'status' | 'effectiveDate' | 'url' | 'replacedBy' | 'amendedOrRepealedBy';

/** One document as all catalogs together describe it. */
export interface MergedEntry {
  number: string;
  key: string;
  /** Type as written (`Nghị định`), or implied by the number's code. */
  type?: string;
  /** Folded type word (`nghi dinh`) when known. */
  typeKey?: string;
  issuer?: string;
  date?: string;
  title?: string;
  status?: CatalogStatus;
  effectiveDate?: string;
  amendedOrRepealedBy: string[];
  replacedBy: string[];
  url?: string;
  /** Catalogs listing this number, highest precedence first. */
  sources: string[];
  /** Which catalog gave each field. */
  origin: Partial<Record<Field, string>>;
}

export interface LocatedCatalogError extends CatalogError { source: string }

export interface NameQuery {
  /** Issue date given in the citation (ISO). */
  date?: string;
  /** Year given in the citation (`Luật Đất đai năm 2013`). */
  year?: number;
  /** Date of the citing document: without a date or year, the newest not after it wins. */
  citingDate?: string;
}

export class Catalog {
  private readonly byKey = new Map<string, MergedEntry>();
  private names?: Map<string, MergedEntry[]>;
  private typed?: Map<string, MergedEntry[]>;
  readonly sources: string[];
  readonly errors: LocatedCatalogError[];

  /** `layers` in precedence order (the first wins). */
  constructor(layers: readonly ParsedCatalog[] = []) {
    this.sources = layers.map((l) => l.source);
    this.errors = layers.flatMap((l) => l.errors.map((e) => ({ ...e, source: l.source })));
    for (const layer of layers) for (const e of layer.entries) this.add(e);
  }

  get size(): number { return this.byKey.size; }

  /** The document with this number (any spelling: `64 / 2007 / ND-CP`), or undefined. */
  get(number: string): MergedEntry | undefined {
    return this.byKey.get(numberKey(number));
  }

  /** By key (`numberKey`), for callers that already have one. */
  getByKey(key: string): MergedEntry | undefined {
    return this.byKey.get(key);
  }

  all(): MergedEntry[] { return [...this.byKey.values()]; }

  /**
   * A document cited by name: `type` folded (`luat`), `name` as cited (`Công nghệ thông
   * tin`). The one whose date (or year) is given; without, the newest not after the citing
   * document; 'ambiguous' when several remain, undefined when none.
   */
  byName(type: string, name: string, q: NameQuery = {}): MergedEntry | 'ambiguous' | undefined {
    this.names ??= this.buildNames();
    const key = nameKey(name);
    let found = this.names.get(`${type}|${key}`) ?? [];
    if (type === 'luat') found = [...found, ...(this.names.get(`bo luat|${key}`) ?? [])];
    else if (type === 'bo luat') found = [...found, ...(this.names.get(`luat|${key}`) ?? [])];
    return pickByDate(found, q);
  }

  /** Entries of a type (folded type word), newest first. */
  ofType(type: string): MergedEntry[] {
    if (!this.typed) {
      this.typed = new Map();
      for (const e of this.byKey.values()) {
        if (!e.typeKey) continue;
        const l = this.typed.get(e.typeKey);
        if (l) l.push(e); else this.typed.set(e.typeKey, [e]);
      }
      for (const l of this.typed.values()) l.sort(newestFirst);
    }
    return this.typed.get(type) ?? [];
  }

  /** Entries whose number, type, title or issuer contain every word of `query` (folded), newest first. */
  search(query: string, limit = 50): MergedEntry[] {
    const words = fold(query.normalize('NFC')).split(/\s+/).filter(Boolean);
    const keyQuery = numberKey(query);
    const out: MergedEntry[] = [];
    for (const e of this.byKey.values()) {
      if (e.key.includes(keyQuery) && keyQuery.includes('/')) { out.push(e); continue; }
      const hay = fold(`${e.number} ${e.type ?? ''} ${e.title ?? ''} ${e.issuer ?? ''}`);
      if (words.length && words.every((w) => hay.includes(w))) out.push(e);
    }
    return out.sort(newestFirst).slice(0, limit);
  }

  private add(e: CatalogEntry): void {
    const old = this.byKey.get(e.key);
    if (!old) {
      const written = typeKey(e.type);
      const tk = written ?? typeOfNumber(parseDocNumber(e.number));
      const src = e.source;
      // One object per document, every field set at once (one hidden class for all).
      const m: MergedEntry = {
        number: e.number, key: e.key, type: written ? e.type : tk ? TYPE_DISPLAY[tk] : e.type, typeKey: tk,
        issuer: e.issuer, date: e.date, title: e.title, status: e.status, effectiveDate: e.effectiveDate,
        amendedOrRepealedBy: e.amendedOrRepealedBy, replacedBy: e.replacedBy, url: e.url, sources: [src],
        origin: {
          type: e.type !== undefined || tk ? src : undefined, issuer: e.issuer && src, date: e.date && src, title: e.title && src,
          status: e.status && src, effectiveDate: e.effectiveDate && src, url: e.url && src,
          replacedBy: e.replacedBy.length ? src : undefined, amendedOrRepealedBy: e.amendedOrRepealedBy.length ? src : undefined,
        },
      };
      this.byKey.set(e.key, m);
      return;
    }
    if (!old.sources.includes(e.source)) old.sources.push(e.source);
    if (!old.typeKey) {
      const tk = typeKey(e.type);
      if (tk) { old.typeKey = tk; old.type = e.type; old.origin.type = e.source; }
    }
    fill(old, e);
  }

  private buildNames(): Map<string, MergedEntry[]> {
    const names = new Map<string, MergedEntry[]>();
    for (const e of this.byKey.values()) {
      if (!e.typeKey || !e.title) continue;
      const k = `${e.typeKey}|${titleName(e.typeKey, e.title)}`;
      const l = names.get(k);
      if (l) l.push(e); else names.set(k, [e]);
    }
    return names;
  }
}

/** A catalog title as a law's name is cited: `Luật Thư viện` → `thu vien`. */
export function titleName(type: string, title: string): string {
  let k = nameKey(title);
  for (const t of [type, 'bo luat', 'luat']) {
    if (k.startsWith(`${t} `)) { k = k.slice(t.length + 1); break; }
  }
  return k;
}

function fill(m: MergedEntry, e: CatalogEntry): void {
  const set = <K extends Field>(f: K, v: MergedEntry[K] | undefined): void => {
    const empty = m[f] === undefined || (Array.isArray(m[f]) && (m[f] as string[]).length === 0);
    if (!empty || v === undefined || (Array.isArray(v) && v.length === 0)) return;
    m[f] = v as MergedEntry[K];
    m.origin[f] = e.source;
  };
  set('issuer', e.issuer);
  set('date', e.date);
  set('title', e.title);
  set('status', e.status);
  set('effectiveDate', e.effectiveDate);
  set('url', e.url);
  set('replacedBy', e.replacedBy);
  set('amendedOrRepealedBy', e.amendedOrRepealedBy);
}

function newestFirst(a: MergedEntry, b: MergedEntry): number {
  const da = a.date ?? a.effectiveDate ?? '', db = b.date ?? b.effectiveDate ?? '';
  return da < db ? 1 : da > db ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function pickByDate(found: MergedEntry[], q: NameQuery): MergedEntry | 'ambiguous' | undefined {
  if (!found.length) return undefined;
  const one = (l: MergedEntry[]): MergedEntry | 'ambiguous' | undefined => (l.length === 1 ? l[0] : l.length ? 'ambiguous' : undefined);
  if (q.date) return one(found.filter((e) => e.date === q.date));
  if (q.year !== undefined) return one(found.filter((e) => e.date?.startsWith(String(q.year))));
  const limit = q.citingDate ?? '9999';
  const dated = found.filter((e) => e.date && e.date <= limit).sort(newestFirst);
  if (dated.length) return dated.length === 1 || dated[0].date !== dated[1].date ? dated[0] : 'ambiguous';
  return found.length === 1 && !found[0].date ? found[0] : undefined;
}
