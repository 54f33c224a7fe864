/**
 * Which files a `dieu lint` run checks (DESIGN.md §3): files named explicitly (always),
 * directories searched for drafts, globs expanded. Order: as given on the command line, a
 * directory's or glob's files sorted; each file once (its first place).
 */
import { statSync, type Stats } from 'node:fs';
import * as path from 'node:path';

/**
 * tinyglobby, loaded on first use: a run naming only files never pays for it. `require`,
 * not `import`: esbuild would otherwise bundle the ESM build of its fdir, which calls
 * createRequire(import.meta.url) — undefined in our CommonJS bundle.
 */
function globber(): typeof import('tinyglobby') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('tinyglobby');
}
const glob = (patterns: readonly string[], options: Omit<import('tinyglobby').GlobOptions, 'patterns'>) => globber().glob(patterns, options);
const isDynamicPattern = (pattern: string) => globber().isDynamicPattern(pattern);

/** Files a directory search picks up without configuration. */
export const DRAFT_PATTERNS = ['**/*.vbpl', '**/*.vbpl.md'];
/** Extensions that look like drafts too, but only on request (`--include`): reported when passed over. */
const PASSED_OVER = ['txt', 'md'] as const;
const ALWAYS_IGNORED = ['**/node_modules/**'];
const DRAFT_NAME = /\.(vbpl|vbpl\.md|txt|md|docx)$/i;

/** A glob, and the directory it is written relative to (the config file's, or the cwd). */
export interface BasedGlob { pattern: string; base: string }

export interface FileSearch {
  cwd: string;
  include: BasedGlob[];
  exclude: BasedGlob[];
}

export interface FoundFile {
  /** As shown to the user: the argument, or the directory argument joined with the relative path. */
  path: string;
  abs: string;
}

export interface Resolved {
  files: FoundFile[];
  /** Arguments that name nothing usable: each one a message naming it (exit 2). */
  problems: string[];
  /** Information for stderr (passed-over .txt/.md files, empty directories). */
  notices: string[];
}

export async function resolveTargets(targets: readonly string[], search: FileSearch): Promise<Resolved> {
  const out: Resolved = { files: [], problems: [], notices: [] };
  const seen = new Set<string>();
  const add = (p: string, abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.files.push({ path: p, abs });
  };
  for (const target of targets) {
    const abs = path.resolve(search.cwd, target);
    let st: Stats | undefined;
    try { st = statSync(abs); } catch { st = undefined; }
    if (st?.isDirectory()) {
      // A directory named like a draft, without a trailing slash, was meant as a file.
      if (DRAFT_NAME.test(target) && !/[\\/]$/.test(target)) {
        out.problems.push(`cannot read "${target}": it is a directory, not a file`);
        continue;
      }
      const found = await searchDirectory(target, abs, search);
      out.notices.push(...found.notices);
      for (const f of found.files) add(f.path, f.abs);
    } else if (st) {
      add(target, abs);
    } else if (isDynamicPattern(target)) {
      const matches = await expandGlob(target, search);
      if (matches.length === 0) out.problems.push(`no files match the pattern "${target}"`);
      for (const f of matches) add(f.path, f.abs);
    } else {
      out.problems.push(`cannot read "${target}": no such file or directory`);
    }
  }
  return out;
}

async function searchDirectory(arg: string, abs: string, search: FileSearch): Promise<{ files: FoundFile[]; notices: string[] }> {
  const ignore = [...ALWAYS_IGNORED, ...relativeTo(search.exclude, abs)];
  const include = [...DRAFT_PATTERNS, ...relativeTo(search.include, abs)];
  const opts = { cwd: abs, ignore, dot: false, expandDirectories: false, onlyFiles: true } as const;
  const rels = sortPaths(await glob(include, opts));
  const files = rels.map((rel) => ({ path: path.join(arg, rel), abs: path.join(abs, rel) }));
  const notices: string[] = [];
  const taken = new Set(rels);
  const other = (await glob(PASSED_OVER.map((e) => `**/*.${e}`), opts)).filter((r) => !taken.has(r));
  if (other.length > 0) {
    const exts = PASSED_OVER.filter((e) => other.some((r) => r.toLowerCase().endsWith(`.${e}`)));
    const counts = exts.map((e) => `${other.filter((r) => r.toLowerCase().endsWith(`.${e}`)).length} .${e}`).join(' and ');
    const flags = exts.map((e) => `--include '**/*.${e}'`).join(' ');
    notices.push(`${arg}: ${counts} file(s) not checked (only *.vbpl and *.vbpl.md are searched); to check them, add ${flags}`);
  }
  if (files.length === 0 && other.length === 0) notices.push(`${arg}: no drafts found (*.vbpl, *.vbpl.md)`);
  return { files, notices };
}

async function expandGlob(pattern: string, search: FileSearch): Promise<FoundFile[]> {
  // Split off the static directory part, so results read as the pattern was written
  // (`drafts/*.vbpl` → `drafts/a.vbpl`) and an absolute pattern stays absolute.
  const parts = pattern.replace(/\\/g, '/').split('/');
  let i = 0;
  while (i < parts.length - 1 && !isDynamicPattern(parts[i])) i++;
  const baseArg = parts.slice(0, i).join('/') || (pattern.startsWith('/') ? '/' : '');
  const rest = parts.slice(i).join('/');
  const baseAbs = path.resolve(search.cwd, baseArg || '.');
  let rels: string[];
  try {
    rels = await glob([rest], {
      cwd: baseAbs, ignore: [...ALWAYS_IGNORED, ...relativeTo(search.exclude, baseAbs)],
      dot: false, expandDirectories: false, onlyFiles: true,
    });
  } catch {
    rels = [];
  }
  return sortPaths(rels).map((rel) => ({ path: baseArg ? path.join(baseArg, rel) : path.normalize(rel), abs: path.join(baseAbs, rel) }));
}

/**
 * Config globs are written relative to their base (`drafts/old/**` next to the config file);
 * a search runs inside some directory. Keeps each glob, and adds its form relative to the
 * searched directory when the glob reaches into it.
 */
function relativeTo(globs: readonly BasedGlob[], dirAbs: string): string[] {
  const out: string[] = [];
  for (const g of globs) {
    const p = g.pattern.replace(/\\/g, '/').replace(/^\.\//, '');
    out.push(p);
    const rel = path.relative(g.base, dirAbs).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel) && p.startsWith(`${rel}/`)) out.push(p.slice(rel.length + 1));
  }
  return out;
}

/** Code-point order: the same on every machine and locale. */
function sortPaths(paths: string[]): string[] {
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
