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
import { DEFAULT_THRESHOLD, idfOf, keyFeatures, profileTask, similarity, similarityBound, Vocabulary, type Idf, type Similarity, type TaskProfile, type TaskVector } from './match';

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

interface Group { members: Responsibility[]; profile: TaskProfile }

/** A file's statement groups (statements of one sentence / row share one task text), cached with its statements. */
const groupCache = new WeakMap<FileResponsibilities, Group[]>();

function groupsOf(r: FileResponsibilities): Group[] {
  let groups = groupCache.get(r);
  if (groups) return groups;
  groups = [];
  const byId = new Map<number, Group>();
  for (const it of r.items) {
    let g = byId.get(it.group);
    if (!g) {
      g = { members: [], profile: profileTask(it.task) };
      byId.set(it.group, g);
      groups.push(g);
    }
    g.members.push(it);
  }
  groupCache.set(r, groups);
  return groups;
}

const keyCache = new WeakMap<TaskProfile, string[]>();
function keysOf(p: TaskProfile): string[] {
  let k = keyCache.get(p);
  if (!k) { k = keyFeatures(p); keyCache.set(p, k); }
  return k;
}

/**
 * What an analysis keeps for the next one (after an edit): the word weights and what depends
 * only on them and on task texts — vectors, and the verdict on each pair of task texts. An edit
 * that leaves every task text as it was (most edits: a typo elsewhere, a renumbering) reuses
 * the weights and every score; one that changes a few task texts updates the document
 * frequencies by those texts alone. The result is the same as a fresh analysis.
 */
interface Reuse {
  profiles: TaskProfile[];
  df: Map<string, number>;
  idf: Idf;
  threshold: number;
  vocab: Vocabulary;
  vectors: WeakMap<TaskProfile, TaskVector>;
  /** Per pair of task texts (as ordered in the analysis): the similarity when it reaches the threshold, else null. */
  pairs: WeakMap<TaskProfile, Map<TaskProfile, Similarity | null>>;
  /** For exactly `profiles`: the pairs of groups about the same task, and how many were compared. */
  matches?: Array<{ x: number; y: number; sim: Similarity }>;
  comparisons?: number;
}
const reuseOf = new WeakMap<ResponsibilityAnalysis, Reuse>();
/** A vocabulary grows with every text seen; past this many features it starts afresh. */
const MAX_VOCABULARY = 500_000;

/** Document frequencies (of `workspaceIdf`) of `profiles`, updated from those of `prev` when given. */
function frequencies(profiles: TaskProfile[], prev: Reuse | undefined): Map<string, number> {
  const add = (df: Map<string, number>, p: TaskProfile, by: number): void => {
    for (const k of p.features.keys()) {
      const d = (df.get(k) ?? 0) + by;
      if (d > 0) df.set(k, d); else df.delete(k);
    }
  };
  if (prev) {
    const delta = new Map<TaskProfile, number>();
    for (const p of prev.profiles) delta.set(p, (delta.get(p) ?? 0) - 1);
    for (const p of profiles) delta.set(p, (delta.get(p) ?? 0) + 1);
    let changed = 0;
    for (const d of delta.values()) if (d !== 0) changed++;
    if (changed < profiles.length / 2) {
      const df = new Map(prev.df);
      for (const [p, d] of delta) if (d !== 0) add(df, p, d);
      return df;
    }
  }
  const df = new Map<string, number>();
  for (const p of profiles) add(df, p, 1);
  return df;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Pairs of groups (indices into `profiles`, x < y, in order) about the same task. Candidates:
 * two tasks that share one of the rarest informative pairs of syllables of either (prefix
 * filtering: a pair above the threshold shares much, so some of that is rare). Common pairs
 * (`cơ quan`, `thông tin`) never nominate.
 */
function matchingPairs(profiles: readonly TaskProfile[], reuse: Reuse, threshold: number): NonNullable<Reuse['matches']> {
  const n = profiles.length;
  const index = new Map<string, number[]>();
  const keys = profiles.map(keysOf);
  keys.forEach((ks, gi) => {
    for (const k of ks) {
      const l = index.get(k);
      if (l) l.push(gi); else index.set(k, [gi]);
    }
  });
  const cap = Math.max(60, Math.ceil(n / 8));
  // later[x]: the groups y > x paired with x (nominated by either).
  const later: number[][] = Array.from({ length: n }, () => []);
  const seen = new Int32Array(n).fill(-1);
  for (let gi = 0; gi < n; gi++) {
    const rare = keys[gi].filter((k) => index.get(k)!.length <= cap).sort((x, y) => index.get(x)!.length - index.get(y)!.length).slice(0, NOMINATORS);
    for (const k of rare) {
      for (const gj of index.get(k)!) {
        if (gj === gi || seen[gj] === gi) continue;
        seen[gj] = gi;
        if (gi < gj) later[gi].push(gj); else later[gj].push(gi);
      }
    }
  }
  const vectorOf = (p: TaskProfile): TaskVector => {
    let v = reuse.vectors.get(p);
    if (!v) { v = reuse.vocab.vector(p, reuse.idf); reuse.vectors.set(p, v); }
    return v;
  };
  const out: NonNullable<Reuse['matches']> = [];
  let comparisons = 0;
  for (let x = 0; x < n; x++) {
    const ys = later[x].sort((a, b) => a - b);
    const px = profiles[x];
    let known = reuse.pairs.get(px);
    for (let i = 0; i < ys.length; i++) {
      const y = ys[i];
      if (i > 0 && y === ys[i - 1]) continue;
      comparisons++;
      const py = profiles[y];
      if (!known) { known = new Map(); reuse.pairs.set(px, known); }
      let sim = known.get(py);
      if (sim === undefined) {
        sim = null;
        if (similarityBound(vectorOf(px), vectorOf(py)) >= threshold) {
          const s = similarity(px, py, reuse.idf);
          if (s.score >= threshold) sim = s;
        }
        known.set(py, sim);
      }
      if (sim) out.push({ x, y, sim });
    }
  }
  reuse.comparisons = comparisons;
  return out;
}

/**
 * `previous`: the analysis of the same workspace before an edit, if any — what did not change
 * is reused from it (see `Reuse`); the result is the same as without it.
 */
export function analyzeResponsibilities(files: readonly Parsed[], options: ResponsibilityOptions = {}, previous?: ResponsibilityAnalysis): ResponsibilityAnalysis {
  const table = agencyTable(options.agencies);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const items: Responsibility[] = [];
  const excluded: Responsibility[] = [];
  const byUri = new Map<string, Parsed>();
  // Statements of one sentence / row form a group with one task text: compare groups.
  const groups: Group[] = [];
  const duplicateUris = new Set(files.map((f) => f.uri)).size !== files.length;
  for (const f of files) {
    byUri.set(f.uri, f);
    const r = fileResponsibilities(f, table);
    items.push(...r.items);
    excluded.push(...r.excluded);
    if (!duplicateUris) groups.push(...groupsOf(r));
  }
  if (duplicateUris) {
    // The same uri twice (not from a Workspace): its groups are merged across the copies.
    const groupOf = new Map<string, Group>();
    for (const it of items) {
      const k = `${it.uri}\u0000${it.group}`;
      let g = groupOf.get(k);
      if (!g) { g = { members: [], profile: profileTask(it.task) }; groupOf.set(k, g); groups.push(g); }
      g.members.push(it);
    }
  }
  const profiles = groups.map((g) => g.profile);
  const prev = previous ? reuseOf.get(previous) : undefined;
  let reuse: Reuse;
  if (prev && prev.threshold === threshold && sameList(prev.profiles, profiles)) {
    reuse = prev;
  } else {
    const df = frequencies(profiles, prev);
    const vocab = prev && prev.vocab.size < MAX_VOCABULARY ? prev.vocab : new Vocabulary();
    reuse = { profiles, df, idf: idfOf(df, profiles.length), threshold, vocab, vectors: new WeakMap(), pairs: new WeakMap() };
  }
  const idf = reuse.idf;
  // Pairs of groups whose tasks are the same (scores at or above the threshold), in order.
  reuse.matches ??= matchingPairs(profiles, reuse, threshold);
  const findings: Finding[] = [];
  const links: ResponsibilityAnalysis['links'] = [];
  for (const { x, y, sim } of reuse.matches) {
    const A = groups[x], B = groups[y];
    links.push({ a: A.members[0], b: B.members[0], sim });
    pairFindings(A.members, B.members, sim, table, findings, idf);
  }
  const order = new Map(items.map((it, i) => [it, i] as const));
  findings.sort((x, y) => order.get(x.b)! - order.get(y.b)!);
  const analysis: ResponsibilityAnalysis = { table, threshold, items, excluded, findings, links, files: byUri, idf, stats: { groups: groups.length, comparisons: reuse.comparisons ?? 0 } };
  reuseOf.set(analysis, reuse);
  return analysis;
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
