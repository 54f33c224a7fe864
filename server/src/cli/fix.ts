/**
 * `dieu lint --fix`: applies the safe fixes of a file's diagnostics to its text as it is on
 * disk. Edits are applied from the end of the file backwards on the original text, so
 * everything outside an edit (BOM, CRLF, NFD letters) stays byte for byte; a fix whose edits
 * overlap an edit already taken is left for the next round (or for the user).
 */
import type { Diagnostic, TextEdit } from '../core/diagnostics';
import type { Position } from '../core/text';

interface OffsetEdit { start: number; end: number; newText: string }

/** Returns the fixed text and how many fixes went in (0: `raw` unchanged). */
export function applySafeFixes(raw: string, diagnostics: readonly Diagnostic[]): { text: string; applied: number } {
  const bom = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = lineStarts(raw, bom);
  const taken: OffsetEdit[] = [];
  let applied = 0;
  // Marker and keyword fixes win a conflict (DESIGN.md §3: "marker-style, unaccented-keyword first").
  const ordered = [...diagnostics].sort((a, b) => priority(a) - priority(b));
  for (const d of ordered) {
    if (!d.fix?.safe || d.fix.edits.length === 0) continue;
    const edits = d.fix.edits.map((e) => toOffsets(e, lines, raw.length));
    if (edits.some((e) => e === undefined)) continue;
    const ok = edits as OffsetEdit[];
    if (ok.some((e, i) => ok.some((f, j) => i !== j && overlaps(e, f)))) continue;
    if (ok.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...ok);
    applied++;
  }
  if (applied === 0) return { text: raw, applied };
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let text = raw;
  for (const e of taken) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return { text, applied };
}

const FIRST = ['marker-style', 'unaccented-keyword'];

function priority(d: Diagnostic): number {
  const i = FIRST.indexOf(d.code);
  return i < 0 ? FIRST.length : i;
}

/** Two edits conflict when their ranges share a character, or both insert at one point. */
function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  // (An insertion strictly inside a replaced range satisfies this too.)
  return a.start < b.end && b.start < a.end;
}

/** Line start offsets in `raw` (BOM included in the offsets, excluded from line 0's characters). */
function lineStarts(raw: string, bom: number): number[] {
  const starts = [bom];
  for (let i = bom; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (raw.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function offsetOf(p: Position, lines: number[], length: number): number | undefined {
  if (p.line < 0 || p.line >= lines.length || p.character < 0) return undefined;
  const off = lines[p.line] + p.character;
  const lineEnd = p.line + 1 < lines.length ? lines[p.line + 1] : length;
  return off <= lineEnd ? off : undefined;
}

function toOffsets(e: TextEdit, lines: number[], length: number): OffsetEdit | undefined {
  const start = offsetOf(e.range.start, lines, length);
  const end = offsetOf(e.range.end, lines, length);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end, newText: e.newText };
}
