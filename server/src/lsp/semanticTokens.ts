/**
 * Semantic highlighting (`textDocument/semanticTokens/full`), in standard token types so
 * that every theme colours them without configuration:
 *
 * | what                                             | type         | modifiers |
 * |--------------------------------------------------|--------------|-----------|
 * | Phần / Chương / Mục / Tiểu mục / heading markers | `namespace`  | declaration |
 * | Điều markers (`Điều 15.`)                        | `class`      | declaration |
 * | khoản / điểm markers (`2.`, `b)`)                | `enumMember` | declaration |
 * | citations of units (`khoản 2 Điều 5`, `Điều này`) | `function`   | resolved / broken / external |
 * | document named in a citation (`Nghị định`, `Luật Đất đai`) | `type` | resolved / broken / external |
 * | document numbers (`12/2025/NĐ-CP`), in citations and headers (`Số: …`) | `string` | declaration in headers |
 *
 * `broken`: a cited unit missing from a known document, or a document that cannot be told;
 * `external`: a document outside the workspace; `resolved`: every target found.
 * Positions are those of the text as the user has it (SourceText), tokens never cross a line.
 */
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend, type SemanticTokensParams } from 'vscode-languageserver/node';
import type { ResolvedCitation } from '../core/citations/resolve';
import { walkUnits, type Span, type UnitKind } from '../core/model';
import type { Parsed } from '../core/parse';
import type { Workspace } from '../core/workspace';
import { levelsSpan } from './definition';
import { guard } from './guard';
import type { Feature } from './session';

export const TOKEN_TYPES = ['namespace', 'class', 'enumMember', 'function', 'type', 'string'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'resolved', 'broken', 'external'] as const;
type TokenType = typeof TOKEN_TYPES[number];
type TokenModifier = typeof TOKEN_MODIFIERS[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const UNIT_TYPE: Record<UnitKind, TokenType> = {
  phan: 'namespace', chuong: 'namespace', muc: 'namespace', tieumuc: 'namespace', heading: 'namespace',
  dieu: 'class', khoan: 'enumMember', diem: 'enumMember',
};

interface Token { span: Span; type: number; mods: number }

const typeIndex = (t: TokenType) => TOKEN_TYPES.indexOf(t);
const mods = (...m: TokenModifier[]) => m.reduce((acc, x) => acc | (1 << TOKEN_MODIFIERS.indexOf(x)), 0);

function citationState(r: ResolvedCitation): TokenModifier {
  if (r.target.kind === 'unknown' || r.targets.some((t) => t.missing)) return 'broken';
  if (r.target.kind === 'external') return 'external';
  return 'resolved';
}

function collect(p: Parsed, resolved: readonly ResolvedCitation[]): Token[] {
  const out: Token[] = [];
  const decl = mods('declaration');
  for (const doc of p.documents) {
    const n = doc.identity.numberSpan;
    if (n) out.push({ span: n, type: typeIndex('string'), mods: decl });
    for (const u of walkUnits(doc.units)) out.push({ span: u.marker, type: typeIndex(UNIT_TYPE[u.kind] ?? 'namespace'), mods: decl });
  }
  for (const r of resolved) {
    const c = r.citation;
    const state = mods(citationState(r));
    if (c.levels.length) out.push({ span: levelsSpan(r), type: typeIndex('function'), mods: state });
    const d = c.doc;
    if (!d) continue;
    // `Nghị định` / `Luật Đất đai` / `Quy chế này`, then the number apart (a `string`).
    const typeStart = d.typeSpan?.start ?? d.span.start;
    const nameEnd = d.nay || d.neuTren ? d.span.end : d.nameSpan?.end ?? d.typeSpan?.end;
    if (nameEnd !== undefined && nameEnd > typeStart) out.push({ span: { start: typeStart, end: nameEnd }, type: typeIndex('type'), mods: state });
    if (d.numberSpan) out.push({ span: d.numberSpan, type: typeIndex('string'), mods: state });
  }
  out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  return out;
}

/** Pushes a token, split at line ends (clients reject tokens that cross lines). */
function pushSplit(b: SemanticTokensBuilder, p: Parsed, t: Token): void {
  const src = p.source;
  const from = src.toOriginal(t.span.start), to = src.toOriginal(t.span.end);
  if (to <= from) return;
  const text = src.original;
  let start = from;
  for (let i = from; i <= to; i++) {
    const c = text.charCodeAt(i);
    if (i === to || c === 10 || c === 13) {
      let end = i;
      while (end > start && /\s/.test(text[end - 1])) end--;
      let s = start;
      while (s < end && /\s/.test(text[s])) s++;
      if (end > s) {
        const pos = src.positionAtOriginal(s);
        b.push(pos.line, pos.character, end - s, t.type, t.mods);
      }
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
}

export function semanticTokens(ws: Workspace, uri: string): SemanticTokens {
  const p = ws.parsed(uri);
  const b = new SemanticTokensBuilder();
  if (!p) return b.build();
  let lastEnd = 0;
  for (const t of collect(p, ws.resolved(uri))) {
    if (t.span.start < lastEnd) continue; // never overlapping (a marker inside a citation, say)
    pushSplit(b, p, t);
    lastEnd = t.span.end;
  }
  return b.build();
}

export const semanticTokensFeature: Feature = {
  capabilities: () => ({ semanticTokensProvider: { legend: LEGEND, full: true, range: false } }),
  register({ connection, ws, log }) {
    connection.languages.semanticTokens.on(guard(log, 'semanticTokens', { data: [] } as SemanticTokens, (params: SemanticTokensParams) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string' || !ws.has(uri)) return { data: [] };
      return semanticTokens(ws, uri);
    }));
  },
};
