/**
 * `dieu lint`: config → files → one workspace → (fixes) → report → exit code (DESIGN.md §3).
 * Loaded only when linting, so `--help` and `--version` never load the parser.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleSeverities } from '../core/diagnostics';
import { Workspace } from '../core/workspace';
import type { LintArgs } from './args';
import { loadCatalogFiles } from './catalog';
import { loadConfig } from './config';
import { resolveTargets, type BasedGlob } from './files';
import { applySafeFixes } from './fix';
import { formatGithub } from './formatters/github';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { readDraft } from './read';
import { summarize, type Formatter, type LintReport, type ReportFile } from './report';

export interface Io {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
  /** stdout is a terminal (colours allowed). */
  tty: boolean;
  version: string;
}

const FORMATTERS: Record<LintArgs['format'], Formatter> = {
  stylish: formatStylish, json: formatJson, sarif: formatSarif, github: formatGithub,
};

/** Rounds of fixing: a fix may reveal another (ESLint does the same). */
const MAX_FIX_ROUNDS = 10;

export async function runLint(args: LintArgs, io: Io): Promise<number> {
  const loaded = loadConfig(args.config, io.cwd);
  if ('errors' in loaded) {
    for (const e of loaded.errors) io.err(`dieu: ${e}\n`);
    return 2;
  }
  const { config } = loaded;
  const rules: RuleSeverities = { ...config.rules };
  for (const r of args.rules) rules[r.code] = r.severity;

  const problems: string[] = [];

  // Catalogs, first wins: --catalog ones (relative to the cwd), the config's (relative to the
  // config file), then the bundled one. Malformed lines are warnings; the rest still loads.
  const cat = loadCatalogFiles([
    ...args.catalogs.map((c) => ({ shown: c, abs: path.resolve(io.cwd, c) })),
    ...config.catalogs.map((c) => ({ shown: c, abs: path.resolve(loaded.dir, c) })),
  ]);
  problems.push(...cat.problems);
  for (const w of cat.warnings) io.err(`dieu: warning: catalog ${w}\n`);

  const include: BasedGlob[] = [
    ...config.include.map((pattern) => ({ pattern, base: loaded.dir })),
    ...args.include.map((pattern) => ({ pattern, base: io.cwd })),
  ];
  const exclude: BasedGlob[] = config.exclude.map((pattern) => ({ pattern, base: loaded.dir }));
  const resolved = await resolveTargets(args.targets, { cwd: io.cwd, include, exclude });
  problems.push(...resolved.problems);
  for (const n of resolved.notices) io.err(`dieu: ${n}\n`);

  // One workspace for every file of the run, filled before any diagnostics are asked for.
  const ws = new Workspace({ rules, catalog: cat.catalog });
  const files: Array<{ path: string; abs: string; uri: string; raw: string; dirty: boolean }> = [];
  for (const f of resolved.files) {
    const r = readDraft(f.path, f.abs);
    if ('error' in r) { problems.push(r.error); continue; }
    const uri = pathToFileURL(f.abs).href;
    ws.set(uri, r.text);
    files.push({ ...f, uri, raw: r.text, dirty: false });
  }

  let fixed = 0;
  if (args.fix) {
    for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
      let changed = false;
      for (const f of files) {
        const { text, applied } = applySafeFixes(f.raw, ws.diagnostics(f.uri));
        if (applied === 0 || text === f.raw) continue;
        f.raw = text;
        f.dirty = true;
        fixed += applied;
        changed = true;
        ws.set(f.uri, text);
      }
      if (!changed) break;
    }
    for (const f of files) {
      if (!f.dirty) continue;
      try {
        writeFileSync(f.abs, f.raw, 'utf8');
      } catch (e) {
        problems.push(`cannot write the fixes to "${f.path}": ${(e as Error).message}`);
      }
    }
  }

  const shown = new Map(files.map((f) => [f.uri, f.path]));
  const relatedPath = (uri: string): string => {
    const p = shown.get(uri);
    if (p !== undefined) return p;
    if (uri.startsWith('file:')) {
      try { return path.relative(io.cwd, fileURLToPath(uri)) || '.'; } catch { /* not a file path */ }
    }
    return uri;
  };
  const reportFiles: ReportFile[] = files.map((f) => ({
    path: f.path,
    diagnostics: ws.diagnostics(f.uri).map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
      related: (d.related ?? []).map((r) => ({ path: relatedPath(r.uri), range: r.range, message: r.message })),
      fixable: !!d.fix?.safe,
    })),
  }));
  const report: LintReport = { files: reportFiles, summary: summarize(reportFiles), problems, fixed };

  for (const p of problems) io.err(`dieu: error: ${p}\n`);
  const color = io.tty && args.format === 'stylish' && !process.env.NO_COLOR;
  const text = FORMATTERS[args.format](report, { color, version: io.version, cwd: io.cwd });
  if (text) io.out(text);

  if (problems.length > 0) return 2;
  const s = report.summary;
  if (s.errors > 0) return 1;
  if (args.maxWarnings !== undefined && s.warnings > args.maxWarnings) {
    io.err(`dieu: too many warnings (${s.warnings}); --max-warnings allows ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
