/**
 * Workspace symbols (`workspace/symbol`): every document of the workspace (number and title),
 * its Phần / Chương / Mục and its Điều (`Điều 15. Bảo đảm tương thích…`), open or not.
 *
 * Matching is forgiving, as people type in a search box: the query is folded (no diacritics,
 * any case: `dieu 15`, `bao dam`, `nd-cp` all match), each word must appear in the symbol's
 * name or its document's name — a number as a whole number (`15` finds Điều 15 and 15a, never
 * 115 or 150), letters anywhere, or as the initials of words (`bdtt` → Bảo đảm tương thích). Best matches first. The entries are built once per
 * workspace change.
 */
import { SymbolKind, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver/node';
import type { Span, UnitKind } from '../core/model';
import { walkUnits } from '../core/model';
import { fold } from '../core/text';
import type { Workspace } from '../core/workspace';
import { documentSelection } from './definition';
import { guard } from './guard';
import { clip, fileLabel, plain } from './hover';
import type { Feature } from './session';
import { documentSymbolName, unitSymbolName } from './symbols';

interface Entry {
  name: string;
  kind: SymbolKind;
  uri: string;
  span: Span;
  container: string;
  /** Folded name, and folded name + container: what queries are matched against. */
  nameKey: string;
  key: string;
  /** Initials of the words of `key`. */
  initials: string;
  rank: number;
  order: number;
}

const KINDS: Partial<Record<UnitKind, SymbolKind>> = {
  phan: SymbolKind.Package, chuong: SymbolKind.Module, muc: SymbolKind.Namespace, dieu: SymbolKind.Class,
};
/** Tie-break between equally good matches: documents, then Điều, then the larger units. */
const RANK: Partial<Record<UnitKind | 'doc', number>> = { doc: 0, dieu: 1, chuong: 2, phan: 3, muc: 4, heading: 5 };
const MAX_RESULTS = 200;

const cache = new WeakMap<Workspace, { version: number; entries: Entry[] }>();

function makeEntry(name: string, kind: SymbolKind, uri: string, span: Span, container: string, rank: number, order: number): Entry {
  const nameKey = fold(name);
  const key = `${nameKey} ${fold(container)}`;
  const initials = key.split(/[^a-z0-9]+/).filter(Boolean).map((w) => w[0]).join('');
  return { name, kind, uri, span, container, nameKey, key, initials, rank, order };
}

function entries(ws: Workspace): Entry[] {
  const hit = cache.get(ws);
  if (hit && hit.version === ws.version) return hit.entries;
  const out: Entry[] = [];
  let order = 0;
  for (const uri of [...ws.uris()].sort()) {
    const p = ws.parsed(uri);
    if (!p) continue;
    const file = fileLabel(uri);
    for (const doc of p.documents) {
      const docName = documentSymbolName(doc);
      const id = doc.identity;
      const title = id.number && id.title ? clip(plain(id.title).replace(/\n/g, ' '), 100) : '';
      out.push(makeEntry(title ? `${docName} — ${title}` : docName, SymbolKind.File, uri, documentSelection(doc), file, RANK.doc!, order++));
      for (const u of walkUnits(doc.units)) {
        const kind = KINDS[u.kind] ?? (u.kind === 'heading' && !u.parent ? SymbolKind.Module : undefined);
        if (kind === undefined) continue;
        out.push(makeEntry(plain(unitSymbolName(u)).replace(/\n/g, ' '), kind, uri, u.marker, `${docName} (${file})`, RANK[u.kind] ?? 5, order++));
      }
    }
  }
  cache.set(ws, { version: ws.version, entries: out });
  return out;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/**
 * How well one query word matches a key: 3 whole word, 2 word start, 1 inside / initials,
 * 0 not at all. A number only ever matches a whole number (`15`, or `15a`: an inserted Điều).
 */
function wordScore(token: string, key: string, initials: string): number {
  const numeric = /^\d/.test(token);
  let best = 0;
  for (let i = key.indexOf(token); i >= 0 && best < 3; i = key.indexOf(token, i + 1)) {
    const startsWord = !isWordChar(key[i - 1]);
    const endsWord = !isWordChar(key[i + token.length]);
    // A number is never matched inside another number (`15` is not in `115` nor in `150`).
    if (numeric && (!startsWord || /\d/.test(key[i + token.length] ?? ''))) continue;
    best = Math.max(best, startsWord ? (endsWord ? 3 : 2) : 1);
  }
  if (!best && !numeric && token.length >= 2 && initials.includes(token)) best = 1;
  return best;
}

export function workspaceSymbols(ws: Workspace, query: string): SymbolInformation[] {
  const tokens = fold(query.normalize('NFC')).split(/[\s.,;:]+/).filter(Boolean);
  const scored: Array<{ e: Entry; score: number }> = [];
  for (const e of entries(ws)) {
    let score = 0;
    for (const t of tokens) {
      const inName = wordScore(t, e.nameKey, '');
      const s = inName ? inName + 1 : wordScore(t, e.key, e.initials);
      if (!s) { score = -1; break; }
      score += s;
    }
    if (score >= 0) scored.push({ e, score });
  }
  scored.sort((a, b) => b.score - a.score || a.e.rank - b.e.rank || a.e.order - b.e.order);
  const out: SymbolInformation[] = [];
  for (const { e } of scored.slice(0, MAX_RESULTS)) {
    const p = ws.parsed(e.uri);
    if (!p) continue;
    out.push({ name: e.name, kind: e.kind, location: { uri: e.uri, range: p.source.range(e.span.start, e.span.end) }, containerName: e.container });
  }
  return out;
}

export const workspaceSymbolsFeature: Feature = {
  capabilities: () => ({ workspaceSymbolProvider: true }),
  register({ connection, ws, log }) {
    connection.onWorkspaceSymbol(guard(log, 'workspaceSymbol', null, (params: WorkspaceSymbolParams) =>
      workspaceSymbols(ws, typeof params?.query === 'string' ? params.query : '')));
  },
};
