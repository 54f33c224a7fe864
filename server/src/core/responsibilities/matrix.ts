/**
 * The responsibility matrix: agencies × tasks, overlaps and duplicates marked. Statements about
 * the same task (similarity ≥ threshold, transitively) form one row. Pure: the CLI prints it
 * (Markdown, CSV, JSON), the language server answers `dieu/responsibilities` with it.
 */
import type { Range } from '../text';
import { ROLE_NAMES, type Responsibility, type Role } from './extract';
import { statementRange, type ResponsibilityAnalysis } from './index';
import { describeFinding } from '../checks/responsibilities';

export interface MatrixEntry {
  agency: string;
  role: Role;
  /** The statement's own wording of the task. */
  task: string;
  /** The agency as written there. */
  written: string;
  uri: string;
  /** The statement's first line (LSP range, 0-based, UTF-16). */
  range: Range;
  /** `Điều 15 khoản 3` ('' outside units). */
  path: string;
}

export interface MatrixTask {
  id: string;
  /** The task as first stated (workspace order). */
  text: string;
  entries: MatrixEntry[];
  /** Two different agencies lead it. */
  overlap: boolean;
  /** One agency is given it twice. */
  duplicate: boolean;
}

export interface MatrixAgency {
  id: string;
  name: string;
  /** A class of bodies (`cơ quan nhà nước`), not one body. */
  generic: boolean;
  /** In the built-in (or configured) table of agencies. */
  known: boolean;
}

export interface MatrixFinding {
  code: 'responsibility-overlap' | 'responsibility-duplicate';
  score: number;
  shared: string[];
  conflict?: string;
  message: string;
  /** The task row, and the two entries (indexes into its `entries`). */
  task: string;
  a: number;
  b: number;
}

export interface ResponsibilityMatrix {
  version: 1;
  threshold: number;
  agencies: MatrixAgency[];
  tasks: MatrixTask[];
  findings: MatrixFinding[];
}

/** The matrix of a workspace analysis; `uris` limits it to statements of those files. */
export function buildMatrix(analysis: ResponsibilityAnalysis, uris?: readonly string[]): ResponsibilityMatrix {
  const only = uris && uris.length ? new Set(uris) : undefined;
  const items = analysis.items.filter((r) => !only || only.has(r.uri));
  const key = (r: Responsibility) => `${r.uri}\u0000${r.group}`;
  // Union-find over statement groups linked as the same task.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let p = parent.get(k) ?? k;
    if (p !== k) { p = find(p); parent.set(k, p); }
    return p;
  };
  for (const r of items) if (!parent.has(key(r))) parent.set(key(r), key(r));
  for (const l of analysis.links) {
    const x = key(l.a), y = key(l.b);
    if (!parent.has(x) || !parent.has(y)) continue;
    const rx = find(x), ry = find(y);
    if (rx !== ry) parent.set(ry, rx);
  }
  const rows = new Map<string, MatrixTask>();
  const agencies = new Map<string, MatrixAgency>();
  const entryOf = new Map<Responsibility, { row: MatrixTask; index: number }>();
  for (const r of items) {
    const root = find(key(r));
    let row = rows.get(root);
    if (!row) {
      row = { id: `t${rows.size + 1}`, text: r.task, entries: [], overlap: false, duplicate: false };
      rows.set(root, row);
    }
    const file = analysis.files.get(r.uri);
    const range = file ? statementRange(file, r) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    entryOf.set(r, { row, index: row.entries.length });
    row.entries.push({ agency: r.agency.id, role: r.role, task: r.task, written: r.agency.written, uri: r.uri, range, path: r.path });
    if (!agencies.has(r.agency.id)) agencies.set(r.agency.id, { id: r.agency.id, name: r.agency.name, generic: r.agency.generic, known: r.agency.known });
  }
  const findings: MatrixFinding[] = [];
  for (const f of analysis.findings) {
    const ea = entryOf.get(f.a), eb = entryOf.get(f.b);
    if (!ea || !eb) continue;
    // Linked statements always share a row (a finding implies a link).
    const row = eb.row;
    if (f.code === 'responsibility-overlap') row.overlap = true; else row.duplicate = true;
    findings.push({
      code: f.code, score: f.sim.score, shared: f.sim.shared, ...(f.sim.conflict ? { conflict: f.sim.conflict } : {}),
      message: describeFinding(f, analysis), task: row.id, a: ea.row === row ? ea.index : -1, b: eb.index,
    });
  }
  // Agencies: named bodies by how often they appear, classes of bodies last.
  const count = new Map<string, number>();
  for (const r of items) count.set(r.agency.id, (count.get(r.agency.id) ?? 0) + 1);
  const agencyList = [...agencies.values()].sort((x, y) => Number(x.generic) - Number(y.generic) || count.get(y.id)! - count.get(x.id)! || x.name.localeCompare(y.name, 'vi'));
  return { version: 1, threshold: analysis.threshold, agencies: agencyList, tasks: [...rows.values()], findings };
}

/** Short role marks for the cells: CT chủ trì, PH phối hợp, TN chịu trách nhiệm. */
export const ROLE_MARKS: Record<Role, string> = { lead: 'CT', cooperate: 'PH', responsible: 'TN' };

function cell(task: MatrixTask, agency: string, overlapLeads: Set<string>): string {
  const roles = [...new Set(task.entries.filter((e) => e.agency === agency).map((e) => ROLE_MARKS[e.role]))];
  if (!roles.length) return '';
  return `${overlapLeads.has(agency) ? '⚠ ' : ''}${roles.join('+')}`;
}

function notes(m: ResponsibilityMatrix, task: MatrixTask, nameOf: (id: string) => string): string {
  const out: string[] = [];
  for (const f of m.findings) {
    if (f.task !== task.id) continue;
    const b = task.entries[f.b], a = f.a >= 0 ? task.entries[f.a] : undefined;
    if (f.code === 'responsibility-overlap') out.push(`Chồng chéo: ${a ? nameOf(a.agency) : '?'} / ${nameOf(b.agency)} (${f.score.toFixed(2)})`);
    else out.push(`Trùng lặp: ${nameOf(b.agency)} (${f.score.toFixed(2)})`);
  }
  return [...new Set(out)].join('; ');
}

function overlapLeads(m: ResponsibilityMatrix, task: MatrixTask): Set<string> {
  const s = new Set<string>();
  for (const f of m.findings) {
    if (f.task !== task.id || f.code !== 'responsibility-overlap') continue;
    s.add(task.entries[f.b].agency);
    if (f.a >= 0) s.add(task.entries[f.a].agency);
  }
  return s;
}

function locations(task: MatrixTask, pathOf: (uri: string) => string): string {
  return [...new Set(task.entries.map((e) => `${pathOf(e.uri)}:${e.range.start.line + 1}${e.path ? ` (${e.path})` : ''}`))].join('; ');
}

/** Markdown table: one row per task, one column per agency; overlaps marked ⚠. */
export function matrixToMarkdown(m: ResponsibilityMatrix, pathOf: (uri: string) => string = (u) => u): string {
  const nameOf = (id: string) => m.agencies.find((a) => a.id === id)?.name ?? id;
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  const overlaps = m.tasks.filter((t) => t.overlap).length, dups = m.tasks.filter((t) => t.duplicate).length;
  lines.push(`# Ma trận trách nhiệm (responsibility matrix)`, '');
  lines.push(`${m.tasks.length} nhiệm vụ, ${m.agencies.length} cơ quan; ${overlaps} nhiệm vụ có hai cơ quan cùng chủ trì (⚠), ${dups} nhiệm vụ giao trùng. Ngưỡng tương đồng ${m.threshold.toFixed(2)}.`, '');
  lines.push('CT = chủ trì, PH = phối hợp, TN = chịu trách nhiệm (tính như chủ trì); ⚠ = chồng chéo.', '');
  const head = ['#', 'Nhiệm vụ', 'Vị trí', ...m.agencies.map((a) => esc(a.name)), 'Ghi chú'];
  lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  m.tasks.forEach((t, i) => {
    const ol = overlapLeads(m, t);
    const row = [String(i + 1), esc(t.text), esc(locations(t, pathOf)), ...m.agencies.map((a) => cell(t, a.id, ol)), esc(notes(m, t, nameOf))];
    lines.push(`| ${row.join(' | ')} |`);
  });
  return `${lines.join('\n')}\n`;
}

/** CSV (RFC 4180): the same matrix; cells CT / PH / TN, ⚠ on overlapping leads. */
export function matrixToCsv(m: ResponsibilityMatrix, pathOf: (uri: string) => string = (u) => u): string {
  const nameOf = (id: string) => m.agencies.find((a) => a.id === id)?.name ?? id;
  const q = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows: string[][] = [['#', 'Nhiệm vụ', 'Vị trí', ...m.agencies.map((a) => a.name), 'Chồng chéo', 'Trùng lặp', 'Ghi chú']];
  m.tasks.forEach((t, i) => {
    const ol = overlapLeads(m, t);
    rows.push([String(i + 1), t.text, locations(t, pathOf), ...m.agencies.map((a) => cell(t, a.id, ol)), t.overlap ? 'x' : '', t.duplicate ? 'x' : '', notes(m, t, nameOf)]);
  });
  return rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

export { ROLE_NAMES };
