/**
 * `textDocument/foldingRange`: every unit spanning two lines or more, each document's preamble
 * (header block, Căn cứ … — kind `imports`: they are the document's legal bases), quoted
 * amended text, and each document of a file holding several.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { walkUnits, type Span } from '../core/model';
import type { Parsed } from '../core/parse';

export function foldingRanges(p: Parsed, limit = Number.POSITIVE_INFINITY): FoldingRange[] {
  const src = p.source;
  // startLine → range: a client folds one range per start line; keep the largest.
  const byStart = new Map<number, FoldingRange>();
  const add = (span: Span, kind?: FoldingRangeKind) => {
    const startLine = src.positionAt(span.start).line;
    const endLine = src.positionAt(trimEnd(p, span.start, span.end)).line;
    if (endLine <= startLine) return;
    const old = byStart.get(startLine);
    if (old && old.endLine >= endLine) return;
    byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  const several = p.documents.length > 1;
  for (const doc of p.documents) {
    if (several) add(doc.span);
    const bodyStart = doc.units.length ? doc.units[0].span.start : doc.span.end;
    if (bodyStart > doc.span.start) add({ start: doc.span.start, end: bodyStart }, FoldingRangeKind.Imports);
    for (const u of walkUnits(doc.units)) add(u.span);
    for (const q of doc.quotes) add(q);
  }
  const out = [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
  return out.length > limit ? out.slice(0, Math.max(0, limit)) : out;
}

/** End of a span without its trailing blank lines (they belong to nothing). */
function trimEnd(p: Parsed, start: number, end: number): number {
  const s = p.source.norm;
  let e = Math.min(end, s.length);
  while (e > start && /\s/.test(s[e - 1])) e--;
  return e;
}
