/**
 * The workspace's document index: which document has which number or name, across files.
 * Rebuilt lazily when the workspace changes; the hub for cross-file resolution.
 */
import type { DocNode } from '../model';
import { fold } from '../text';
import { type DocLocation, type DocumentLookup, nameKey, numberKeyOf } from './resolve';

export class DocumentIndex implements DocumentLookup {
  private readonly numbers = new Map<string, DocLocation[]>();
  private readonly names = new Map<string, DocLocation[]>();

  add(uri: string, docs: DocNode[]): void {
    docs.forEach((doc, docIndex) => {
      const loc: DocLocation = { uri, docIndex, doc };
      const id = doc.identity;
      if (id.number) push(this.numbers, numberKeyOf(id.number), loc);
      if (id.type && id.title) push(this.names, `${fold(id.type)}|${nameKey(id.title)}`, loc);
    });
  }

  byNumber(key: string): DocLocation[] {
    return this.numbers.get(key) ?? [];
  }

  byName(type: string, name: string): DocLocation[] {
    const exact = this.names.get(`${type}|${name}`);
    if (exact) return exact;
    // `Bộ luật Dân sự` is also cited as `Luật Dân sự`… keep it exact otherwise: no guesses.
    if (type === 'luat') return this.names.get(`bo luat|${name}`) ?? [];
    return [];
  }

  /** All indexed documents with a number (for workspace symbols and catalogs). */
  allNumbers(): Array<[string, DocLocation[]]> {
    return [...this.numbers.entries()];
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}
