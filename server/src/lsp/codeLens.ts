/**
 * Code lens (`textDocument/codeLens`) on each Điều heading: “được viện dẫn N lần” (cited N
 * times, from this file and the other drafts of the workspace; citations of its khoản and
 * điểm count), with the command that lists them: `editor.action.showReferences` with
 * arguments `[uri, position, locations]` as JSON (a VS Code client converts them to
 * `Uri`/`Position`/`Location` in its middleware; other clients show the title).
 *
 * A Điều nobody cites gets no lens: most Điều of a draft are never cited, and a lens on each
 * would be noise. Computed eagerly (the reference index is built once per workspace change
 * and shared with hover and find references): a count known only on resolve could not drop
 * the zero lenses.
 */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { citationsOf, unitsOfKind } from '../core/citations/at';
import type { Workspace } from '../core/workspace';
import { guard } from './guard';
import { toLocations } from './references';
import type { Feature } from './session';

export const SHOW_REFERENCES = 'editor.action.showReferences';

export function lensTitle(n: number): string {
  return `được viện dẫn ${n} lần`;
}

export function codeLenses(ws: Workspace, uri: string): CodeLens[] {
  const p = ws.parsed(uri);
  if (!p) return [];
  const out: CodeLens[] = [];
  for (const doc of p.documents) {
    for (const u of unitsOfKind(doc, 'dieu')) {
      const places = citationsOf(u, (x) => ws.references(x));
      if (!places.length) continue;
      const range = p.source.range(u.marker.start, u.marker.end);
      const locations = toLocations(ws, places);
      out.push({ range, command: { title: lensTitle(places.length), command: SHOW_REFERENCES, arguments: [uri, range.start, locations] } });
    }
  }
  return out;
}

export const codeLensFeature: Feature = {
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register({ connection, ws, log }) {
    connection.onCodeLens(guard(log, 'codeLens', null, (params: CodeLensParams) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !ws.has(uri)) return null;
      return codeLenses(ws, uri);
    }));
  },
};
