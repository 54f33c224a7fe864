/**
 * Completion of document numbers after a type word (`Nghị định số ` → numbers of Nghị định):
 * documents of the workspace first, then the catalogs, newest first, filtered by the type
 * the number's code implies and by what is typed already. Pure data; the LSP turns it into
 * CompletionItems.
 */
import { numberKey, parseDocNumber } from '../docnumber';
import { fold } from '../text';
import type { Workspace } from '../workspace';
import type { MergedEntry } from './catalog';
import { TYPE_DISPLAY, typeOfNumber } from './tables';

export interface NumberCompletion {
  /** The number to insert (`64/2007/NĐ-CP`). */
  number: string;
  /** `64/2007/NĐ-CP` plus the date: what the list shows. */
  label: string;
  /** Title (trích yếu), issuer and date on one line. */
  detail?: string;
  type?: string;
  date?: string;
  /** `workspace`, or the catalog that lists it. */
  source: string;
  /** The workspace file, for `source: 'workspace'`. */
  uri?: string;
  /** Keeps the order: workspace first, then newest first. */
  sortText: string;
}

export interface NumberCompletions {
  /** Folded type word the completion is for (`nghi dinh`). */
  type: string;
  /** Offset in `textBefore` where the typed part of the number starts (the text to replace). */
  replaceFrom: number;
  items: NumberCompletion[];
  /** More matched than `limit`. */
  incomplete: boolean;
}

const TYPES = Object.keys(TYPE_DISPLAY).sort((a, b) => b.length - a.length);
const CONTEXT = new RegExp(`(?:^|[^a-z])(${TYPES.join('|')})\\s+(so\\s*:?\\s*)?([0-9][^\\s,;]*)?$`);

/**
 * Numbers to offer after `textBefore` (the line up to the cursor), or undefined when the
 * cursor is not after `<type word> số ` (or `<type word> ` and a digit).
 */
export function documentNumberCompletions(ws: Workspace, textBefore: string, limit = 100): NumberCompletions | undefined {
  const f = fold(textBefore.normalize('NFC'));
  const m = CONTEXT.exec(f);
  if (!m || (!m[2] && !m[3])) return undefined;
  const type = m[1];
  const typed = m[3] ?? '';
  const replaceFrom = textBefore.length - typed.length;
  const want = numberKey(typed);
  const items: NumberCompletion[] = [];
  const seen = new Set<string>();
  let total = 0;
  const accept = (key: string, entryType: string | undefined): boolean => {
    if (seen.has(key) || !key.startsWith(want)) return false;
    if (entryType !== type && !(type === 'luat' && entryType === 'bo luat') && !(type === 'bo luat' && entryType === 'luat')) return false;
    seen.add(key);
    total++;
    return items.length < limit;
  };
  for (const [key, locs] of ws.documents().allNumbers()) {
    const id = locs[0].doc.identity;
    const t = id.type ? fold(id.type) : typeOfNumber(parseDocNumber(id.number!));
    if (!accept(key, t)) continue;
    items.push({
      number: id.number!, label: id.number!, detail: [id.title, id.date ? vn(id.date) : undefined].filter(Boolean).join(' — ') || undefined,
      type: id.type, date: id.date, source: 'workspace', uri: locs[0].uri, sortText: `0${String(items.length).padStart(5, '0')}`,
    });
  }
  const catalog = ws.catalog;
  if (catalog) {
    const list: MergedEntry[] = type === 'luat' || type === 'bo luat' ? merge(catalog.ofType('luat'), catalog.ofType('bo luat')) : catalog.ofType(type);
    for (const e of list) {
      if (!accept(e.key, e.typeKey)) continue;
      items.push({
        number: e.number, label: e.number,
        detail: [e.title, e.issuer, e.date ? vn(e.date) : undefined].filter(Boolean).join(' — ') || undefined,
        type: e.type, date: e.date, source: e.sources[0], sortText: `1${String(items.length).padStart(5, '0')}`,
      });
    }
  }
  return { type, replaceFrom, items, incomplete: total > items.length };
}

function merge(a: MergedEntry[], b: MergedEntry[]): MergedEntry[] {
  return [...a, ...b].sort((x, y) => ((x.date ?? '') < (y.date ?? '') ? 1 : (x.date ?? '') > (y.date ?? '') ? -1 : 0));
}

function vn(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
