/**
 * Responsibilities across a workspace: every file's statements (cached per parsed file), the
 * pairs of statements about the same task, and what each pair means:
 *
 * - `responsibility-overlap`: two different agencies lead the same task (lead or responsible,
 *   both named bodies — not classes such as `cơ quan nhà nước`, which each act in their own
 *   field —, neither a unit of the other, neither task done "for itself" (`… của mình`));
 * - `responsibility-duplicate`: one agency (allowing for renames and mergers as of the later
 *   document's date, and for a unit of a ministry and the ministry) given the same task twice.
 *
 * Pure; the Workspace caches the result per generation.
 */
import type { Parsed } from '../parse';
import { fold, type Range } from '../text';
import { agencyAsOf, agencyTable, findKnownAgencies, type AgencyEntry, type AgencyTable } from './agencies';
import { extractResponsibilities, leads, type FileResponsibilities, type Responsibility } from './extract';
import { DEFAULT_THRESHOLD, keyFeatures, profileTask, similarity, similarityBound, vectorize, workspaceIdf, type Idf, type Similarity, type TaskProfile } from './match';

/** How many of a task's rarest word pairs nominate candidates. */
const NOMINATORS = 8;

export interface ResponsibilityOptions {
  /** Extra agencies and aliases (added to the built-in table). */
  agencies?: AgencyEntry[];
  /** Similarity at or above which two tasks are the same (default DEFAULT_THRESHOLD). */
  threshold?: number;
}

export type FindingCode = 'responsibility-overlap' | 'responsibility-duplicate';

export interface Finding {
  code: FindingCode;
  /** The earlier statement (in workspace order). */
  a: Responsibility;
  /** The later statement: where the finding is reported. */
  b: Responsibility;
  sim: Similarity;
}

export interface ResponsibilityAnalysis {
  table: AgencyTable;
  threshold: number;
  /** Statements of every file, in workspace order. */
  items: Responsibility[];
  /** Statements left out on purpose (executors of the document itself). */
  excluded: Responsibility[];
  findings: Finding[];
  /** Pairs of statement groups about the same task (score ≥ threshold), for the matrix. */
  links: Array<{ a: Responsibility; b: Responsibility; sim: Similarity }>;
  /** The parsed files, by uri (for positions). */
  files: Map<string, Parsed>;
  /** Weights of words in this workspace (see `workspaceIdf`). */
  idf: Idf;
  /** Statement groups compared, and how many pairs were scored (for benchmarks). */
  stats: { groups: number; comparisons: number };
}

const cache = new WeakMap<Parsed, { table: AgencyTable; result: FileResponsibilities }>();

/** A file's statements, cached until its text (its Parsed object) changes. */
export function fileResponsibilities(file: Parsed, table: AgencyTable): FileResponsibilities {
  const c = cache.get(file);
  if (c && c.table === table) return c.result;
  const result = extractResponsibilities(file, table);
  cache.set(file, { table, result });
  return result;
}

export function analyzeResponsibilities(files: readonly Parsed[], options: ResponsibilityOptions = {}): ResponsibilityAnalysis {
  const table = agencyTable(options.agencies);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const items: Responsibility[] = [];
  const excluded: Responsibility[] = [];
  const byUri = new Map<string, Parsed>();
  for (const f of files) {
    byUri.set(f.uri, f);
    const r = fileResponsibilities(f, table);
    items.push(...r.items);
    excluded.push(...r.excluded);
  }
  // Statements of one sentence / row form a group with one task text: compare groups.
  const groups: Array<{ members: Responsibility[]; profile: TaskProfile; order: number }> = [];
  const groupOf = new Map<string, number>();
  items.forEach((it, i) => {
    const k = `${it.uri}\u0000${it.group}`;
    let g = groupOf.get(k);
    if (g === undefined) {
      g = groups.length;
      groupOf.set(k, g);
      groups.push({ members: [], profile: profileTask(it.task), order: i });
    }
    groups[g].members.push(it);
  });
  const idf = workspaceIdf(groups.map((g) => g.profile));
  // Candidates: two tasks that share one of the rarest informative pairs of syllables of
  // either (prefix filtering: a pair above the threshold shares much, so some of that is
  // rare). Common pairs (`cơ quan`, `thông tin`) never nominate.
  const index = new Map<string, number[]>();
  const keys = groups.map((g) => keyFeatures(g.profile));
  keys.forEach((ks, gi) => {
    for (const k of ks) {
      const l = index.get(k);
      if (l) l.push(gi); else index.set(k, [gi]);
    }
  });
  const cap = Math.max(60, Math.ceil(groups.length / 8));
  const rare = keys.map((ks) => ks.filter((k) => index.get(k)!.length <= cap).sort((x, y) => index.get(x)!.length - index.get(y)!.length).slice(0, NOMINATORS));
  const vectors = vectorize(groups.map((g) => g.profile), idf);
  const pairs = new Set<number>();
  const n = groups.length;
  for (let gi = 0; gi < n; gi++) {
    for (const k of rare[gi]) {
      for (const gj of index.get(k)!) if (gj !== gi) pairs.add(gi < gj ? gi * n + gj : gj * n + gi);
    }
  }
  const findings: Finding[] = [];
  const links: ResponsibilityAnalysis['links'] = [];
  for (const key of [...pairs].sort((p, q) => p - q)) {
    const x = Math.floor(key / n), y = key % n;
    if (similarityBound(vectors[x], vectors[y]) < threshold) continue;
    const sim = similarity(groups[x].profile, groups[y].profile, idf);
    if (sim.score < threshold) continue;
    const A = groups[x], B = groups[y];
    links.push({ a: A.members[0], b: B.members[0], sim });
    pairFindings(A.members, B.members, sim, table, findings, idf);
  }
  const order = new Map(items.map((it, i) => [it, i] as const));
  findings.sort((x, y) => order.get(x.b)! - order.get(y.b)!);
  return { table, threshold, items, excluded, findings, links, files: byUri, idf, stats: { groups: groups.length, comparisons: pairs.size } };
}

/** The findings between two groups of statements about the same task (one per agency pair and code). */
function pairFindings(A: Responsibility[], B: Responsibility[], sim: Similarity, table: AgencyTable, out: Finding[], idf?: Idf): void {
  const done = new Set<string>();
  const local: Finding[] = [];
  for (const a of A) {
    for (const b of B) {
      const code = verdict(a, b, table, idf);
      if (!code) continue;
      const key = `${code}\u0000${[a.agency.id, b.agency.id].sort().join('\u0000')}`;
      if (done.has(key)) continue;
      done.add(key);
      local.push({ code, a, b, sim });
    }
  }
  // Co-operating twice on a task two others lead is implied by what the leads do.
  const leadFinding = local.some((f) => leads(f.a.role) || leads(f.b.role));
  for (const f of local) {
    if (!leads(f.a.role) && !leads(f.b.role) && leadFinding) continue;
    out.push(f);
  }
}

/** What two statements about the same task mean (undefined: nothing to report). */
export function verdict(a: Responsibility, b: Responsibility, table: AgencyTable, idf?: Idf): FindingCode | undefined {
  if (a.uri === b.uri && a.group === b.group) return undefined;
  if (sameAgency(a, b, table)) {
    // Told to co-operate on a task and to lead it is a role conflict (an overlap, when another
    // leads it), not the same task given twice.
    if (leads(a.role) !== leads(b.role)) return undefined;
    // Items of one list (`1. …`, `2. …` under one Điều) are distinct tasks unless nearly identical.
    if (siblings(a, b) && similarity(profileTask(a.task), profileTask(b.task), idf, false).score < SIBLING_DUPLICATE) return undefined;
    return 'responsibility-duplicate';
  }
  if (!leads(a.role) || !leads(b.role)) return undefined;
  if (a.agency.generic || b.agency.generic) return undefined;
  if (related(a, b, table)) return undefined;
  // Co-leads somewhere (`Bộ Quốc phòng, Bộ Công an chủ trì …`): a shared assignment, not a conflict.
  if (a.coLeads.includes(b.agency.id) || b.coLeads.includes(a.agency.id)) return undefined;
  // A ministry and a local government do the same kind of task at their own level.
  const ta = tier(a, table), tb = tier(b, table);
  if (ta && tb && ta !== tb) return undefined;
  if (profileTask(a.task).self || profileTask(b.task).self) return undefined;
  // `… báo cáo … gửi Bộ X để tổng hợp`: one hands the task to the other, a chain not an overlap.
  if (names(b.task, a, table) || names(a.task, b, table)) return undefined;
  return 'responsibility-overlap';
}

/** National (ministries, Government bodies) or local (people's committees, departments, branches). */
function tier(r: Responsibility, table: AgencyTable): 'national' | 'local' | undefined {
  const a = r.agency;
  if (a.known) return table.entries.get(a.id)?.family === 'ubnd' ? 'local' : 'national';
  const f = fold(a.name);
  if (/^(?:so|phong|chi nhanh|chi cuc)\s|\b(?:tinh|huyen|xa|phuong|thi tran|dia phuong|chi nhanh|cap tinh|cap huyen|cap xa)\b/.test(f)) return 'local';
  if (a.parent || /^(?:bo|tong cuc|cuc|vu)\s/.test(f)) return 'national';
  return undefined;
}

/** Does `task` name the agency of `r` (as addressee, helper…)? */
function names(task: string, r: Responsibility, table: AgencyTable): boolean {
  if (!r.agency.known) return false;
  let ids = named.get(task);
  if (!ids) {
    const n = task.normalize('NFC');
    ids = new Set(findKnownAgencies(table, n, fold(n), 0, n.length).map((m) => agencyAsOf(table, m.entry.id)));
    if (named.size > 5000) named.clear();
    named.set(task, ids);
  }
  return ids.has(agencyAsOf(table, r.agency.id));
}
const named = new Map<string, Set<string>>();

/** Two items of one list: the same parent unit, different units. */
function siblings(a: Responsibility, b: Responsibility): boolean {
  if (a.uri !== b.uri || a.docIndex !== b.docIndex || !a.path || !b.path || a.path === b.path) return false;
  const parent = (p: string) => p.replace(/\s*(?:khoản|điểm|mục) \S+$/, '');
  const pa = parent(a.path), pb = parent(b.path);
  return pa === pb && pa !== a.path;
}

/** Score two items of one list need to be the same task. */
const SIBLING_DUPLICATE = 0.8;

/** The date as of which two statements' agencies are compared: the later document's. */
function asOf(a: Responsibility, b: Responsibility): string | undefined {
  if (a.date && b.date) return a.date > b.date ? a.date : b.date;
  return a.date ?? b.date;
}

function canonical(id: string, table: AgencyTable, date: string | undefined): string {
  // `~cuc tin hoc hoa@bo-tttt`: the unit stays a unit, its ministry follows renames.
  const at = id.lastIndexOf('@');
  if (id.startsWith('~') && at > 0) return `${id.slice(0, at)}@${agencyAsOf(table, id.slice(at + 1), date)}`;
  return id.startsWith('~') ? id : agencyAsOf(table, id, date);
}

export function sameAgency(a: Responsibility, b: Responsibility, table: AgencyTable): boolean {
  const d = asOf(a, b);
  const x = canonical(a.agency.id, table, d), y = canonical(b.agency.id, table, d);
  if (x === y) return true;
  // A unit of a ministry acts for it: `Cục Tin học hóa, Bộ TT&TT` and `Bộ TT&TT`.
  const px = a.agency.parent ? agencyAsOf(table, a.agency.parent, d) : undefined;
  const py = b.agency.parent ? agencyAsOf(table, b.agency.parent, d) : undefined;
  return (px !== undefined && px === y) || (py !== undefined && py === x);
}

/** One agency is a unit of the other, or both are units of one ministry. */
function related(a: Responsibility, b: Responsibility, table: AgencyTable): boolean {
  const d = asOf(a, b);
  const x = canonical(a.agency.id, table, d), y = canonical(b.agency.id, table, d);
  const px = a.agency.parent ? agencyAsOf(table, a.agency.parent, d) : undefined;
  const py = b.agency.parent ? agencyAsOf(table, b.agency.parent, d) : undefined;
  if (px === y || py === x || (px !== undefined && px === py)) return true;
  const fx = table.entries.get(x)?.family, fy = table.entries.get(y)?.family;
  return fx !== undefined && fx === fy;
}

/** Range of a statement for diagnostics: its first line (from its start to the end of that line). */
export function statementRange(file: Parsed, r: Responsibility): Range {
  const n = file.source.norm;
  const start = Math.min(r.anchor ?? r.span.start, r.span.start);
  let end = n.indexOf('\n', r.span.start);
  if (end < 0 || end > r.span.end) end = r.span.end;
  while (end > start && /[\s\r]/.test(n[end - 1])) end--;
  return file.source.range(start, end);
}
