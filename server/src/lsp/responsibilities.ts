/**
 * Custom request `dieu/responsibilities`: the responsibility matrix (agencies × tasks, overlaps
 * and duplicates marked) of the workspace the server holds, for the VS Code view (and any
 * client). Thin: the core's analysis is cached per workspace generation; this only filters
 * and, on request, renders Markdown/CSV for export.
 *
 * Request:  `{ uris?: string[]; format?: 'json' | 'markdown' | 'csv' }`
 *           `uris`: only statements of these documents (default: every document the server has);
 *           `format`: besides the JSON matrix, also its Markdown or CSV text (for export).
 * Response: `ResponsibilityMatrix` (core/responsibilities/matrix.ts) plus `markdown` / `csv`:
 *   { version: 1, threshold,
 *     agencies: [{ id, name, generic, known }],
 *     tasks: [{ id, text, overlap, duplicate,
 *               entries: [{ agency, role: 'lead'|'cooperate'|'responsible', task, written,
 *                           uri, range, path }] }],
 *     findings: [{ code, score, shared, conflict?, message, task, a, b }] }
 * `range` is an LSP range (0-based, UTF-16) of the statement's first line; `a`/`b` index the
 * task's `entries`.
 */
import type { ClientCapabilities, Connection, ServerCapabilities } from 'vscode-languageserver/node';
import { buildMatrix, matrixToCsv, matrixToMarkdown, type ResponsibilityMatrix } from '../core/responsibilities/matrix';
import type { Workspace } from '../core/workspace';
import { guard, type Logger } from './guard';

export const RESPONSIBILITIES_REQUEST = 'dieu/responsibilities';

export interface ResponsibilitiesParams {
  uris?: string[];
  format?: 'json' | 'markdown' | 'csv';
}

export type ResponsibilitiesResult = ResponsibilityMatrix & { markdown?: string; csv?: string };

/** The answer to one request (pure over the workspace; exported for tests). */
export function responsibilities(ws: Workspace, params: ResponsibilitiesParams | null | undefined): ResponsibilitiesResult {
  const uris = Array.isArray(params?.uris) ? params!.uris.filter((u) => typeof u === 'string') : undefined;
  const matrix: ResponsibilitiesResult = buildMatrix(ws.responsibilities(), uris);
  if (params?.format === 'markdown') matrix.markdown = matrixToMarkdown(matrix, shortName);
  if (params?.format === 'csv') matrix.csv = matrixToCsv(matrix, shortName);
  return matrix;
}

function shortName(uri: string): string {
  const i = uri.lastIndexOf('/');
  try { return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri); } catch { return uri; }
}

const EMPTY: ResponsibilitiesResult = { version: 1, threshold: 0, agencies: [], tasks: [], findings: [] };

/**
 * The feature, in the shape server.ts registers features (`{ capabilities, register }`): no
 * capability to announce (a custom request), one handler.
 */
export const responsibilitiesFeature = {
  capabilities(_caps: ClientCapabilities): ServerCapabilities {
    return {};
  },
  register(ctx: { connection: Connection; ws: Workspace; log: Logger }): void {
    ctx.connection.onRequest(RESPONSIBILITIES_REQUEST, guard(ctx.log, RESPONSIBILITIES_REQUEST, EMPTY,
      (params: ResponsibilitiesParams | null) => responsibilities(ctx.ws, params)));
  },
};
