/**
 * Responsibility checks (workspace-wide): `responsibility-overlap` — two different agencies lead
 * the same task — and `responsibility-duplicate` — one agency given the same task twice.
 *
 * One diagnostic per pair, on the later statement (workspace order: files in the order given,
 * then position), with the earlier one as related information. The message shows both task
 * texts and the similarity score, so a reviewer can judge the match.
 */
import type { Diagnostic } from '../diagnostics';
import { RULES } from '../diagnostics';
import { agencyAsOf, agencyLineage } from '../responsibilities/agencies';
import { ROLE_NAMES, type Responsibility } from '../responsibilities/extract';
import { statementRange, type Finding, type ResponsibilityAnalysis } from '../responsibilities/index';

const MAX_TASK = 140;

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_TASK ? `${t.slice(0, MAX_TASK - 1).trimEnd()}…` : t;
}

function fileName(uri: string): string {
  const i = uri.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri);
}

function where(r: Responsibility, here: Responsibility): string {
  const path = r.path || 'văn bản';
  return r.uri === here.uri ? path : `${path}, ${fileName(r.uri)}`;
}

function agencyName(r: Responsibility): string {
  return r.agency.written && r.agency.written !== r.agency.name && r.agency.known ? `${r.agency.name}` : r.agency.written || r.agency.name;
}

/** `(Bộ Bưu chính, Viễn thông nay là Bộ Thông tin và Truyền thông)` when a rename joined the two. */
function renameNote(f: Finding, a: ResponsibilityAnalysis): string {
  const x = f.a.agency, y = f.b.agency;
  if (!x.known || !y.known || x.id === y.id) return '';
  const date = [f.a.date, f.b.date].filter(Boolean).sort().pop();
  const older = agencyAsOf(a.table, x.id, date) === x.id ? y : x;
  const chain = agencyLineage(a.table, older.id).map((e) => e.name);
  return chain.length > 1 ? ` (${chain.join(' → ')})` : '';
}

export function describeFinding(f: Finding, analysis: ResponsibilityAnalysis): string {
  const score = f.sim.score.toFixed(2);
  const texts = `«${clip(f.b.task)}» — «${clip(f.a.task)}» (${where(f.a, f.b)})`;
  const why = [f.sim.shared.length ? `chung: ${f.sim.shared.slice(0, 4).join(', ')}` : '', f.sim.conflict ? `khác phạm vi: ${f.sim.conflict}` : '']
    .filter(Boolean).join('; ');
  const detail = `độ tương đồng ${score} ≥ ${analysis.threshold.toFixed(2)}${why ? `; ${why}` : ''}`;
  if (f.code === 'responsibility-overlap') {
    return `Hai cơ quan cùng chủ trì một nhiệm vụ: ${agencyName(f.b)} (${ROLE_NAMES[f.b.role]}) và ${agencyName(f.a)} (${ROLE_NAMES[f.a.role]}) — ${texts}; ${detail} (responsibility overlap)`;
  }
  const roles = f.a.role === f.b.role ? ROLE_NAMES[f.b.role] : `${ROLE_NAMES[f.b.role]} / ${ROLE_NAMES[f.a.role]}`;
  return `${agencyName(f.b)}${renameNote(f, analysis)} được giao cùng một nhiệm vụ hai lần (${roles}): ${texts}; ${detail} (responsibility duplicate)`;
}

/** Diagnostics per uri (severities as the rule table says; the Workspace applies the configured ones). */
export function checkResponsibilities(analysis: ResponsibilityAnalysis): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const f of analysis.findings) {
    const fb = analysis.files.get(f.b.uri), fa = analysis.files.get(f.a.uri);
    if (!fb || !fa) continue;
    const d: Diagnostic = {
      code: f.code,
      severity: RULES[f.code],
      message: describeFinding(f, analysis),
      range: statementRange(fb, f.b),
      related: [{
        uri: f.a.uri, range: statementRange(fa, f.a),
        message: `${agencyName(f.a)} ${ROLE_NAMES[f.a.role]}: «${clip(f.a.task)}»`,
      }],
    };
    const l = out.get(f.b.uri);
    if (l) l.push(d); else out.set(f.b.uri, [d]);
  }
  return out;
}
