/**
 * External documents: catalogs (parse.ts, catalog.ts), type and issuer tables (tables.ts),
 * lookups past the workspace (lookup.ts), repeal statements of workspace documents
 * (repeals.ts), comparisons (compare.ts), the hover card (card.ts) and number completion
 * (complete.ts). Pure: adapters read the files and hand in their text.
 */
import { Catalog } from './catalog';
import { parseCatalog } from './parse';

export { Catalog, type MergedEntry, type NameQuery } from './catalog';
export { parseCatalog, type CatalogEntry, type CatalogError, type CatalogStatus, type ParsedCatalog } from './parse';
export { externalCard, externalCardAt, type ExternalCard } from './card';
export { documentNumberCompletions, type NumberCompletion, type NumberCompletions } from './complete';

/** Name of the catalog shipped with dieu (`catalog/bundled.jsonl`). */
export const BUNDLED = 'bundled';

export interface CatalogText {
  /** How messages name it: the path as the user wrote it, or `bundled`. */
  name: string;
  text: string;
}

/**
 * One catalog from catalog texts in precedence order: the user's (`--catalog`, config
 * `catalogs`, setting `dieu.catalogs`, in the order given), then the bundled one.
 * Malformed lines are in `catalog.errors` (source, line, message); the rest loads.
 */
export function buildCatalog(texts: readonly CatalogText[]): Catalog {
  return new Catalog(texts.map((t) => parseCatalog(t.text, t.name)));
}
