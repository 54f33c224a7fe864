/**
 * `dieu responsibilities`: who does what in the drafts given (one workspace), as a matrix of
 * agencies × tasks with overlaps marked — Markdown (default), CSV or JSON on stdout.
 * Loaded only for this command (the parser comes with it).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgencyEntry } from '../core/responsibilities/agencies';
import { buildMatrix, matrixToCsv, matrixToMarkdown } from '../core/responsibilities/matrix';
import { Workspace } from '../core/workspace';
import { loadConfig } from './config';
import { resolveTargets, type BasedGlob } from './files';
import { readDraft } from './read';

export interface ResponsibilitiesIo {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
}

export const RESPONSIBILITIES_HELP = `Usage: dieu responsibilities [options] <file|dir|glob>...

Who does what: every "… chủ trì / phối hợp / có trách nhiệm …" statement, "giao …",
"Trách nhiệm của …" article and task table of the drafts given (one workspace), as a
matrix of agencies × tasks. Tasks led by two different agencies are marked ⚠ (the
responsibility-overlap check of dieu lint); tasks given twice to one agency are noted
(responsibility-duplicate).

Options:
  --format <name>       md (default), csv or json
  --agencies <file>     extra agencies and aliases (JSON: [{"id", "name", "aliases",
                        "abbreviations", "successor": {"id", "from"}}]); an entry with a
                        built-in id adds aliases to it
  --threshold <0..1>    task similarity at or above which two tasks are the same
                        (default 0.5)
  --include <glob>      also search directories for these files; repeatable
  --config <file>       configuration file whose include/exclude globs are used
                        (default: dieu.config.json in the current directory, if present)
  -h, --help            show this help

Exit codes: 0 done, 2 usage error or a file that cannot be read.
`;

type Format = 'md' | 'csv' | 'json';

interface Args {
  format: Format;
  agencies?: string;
  threshold?: number;
  include: string[];
  config?: string;
  targets: string[];
}

class Usage extends Error {}

function parse(argv: readonly string[]): Args | 'help' {
  const args: Args = { format: 'md', include: [], targets: [] };
  let onlyTargets = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyTargets || a === '-' || !a.startsWith('-')) { args.targets.push(a); continue; }
    if (a === '--') { onlyTargets = true; continue; }
    if (a === '-h' || a === '--help') return 'help';
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!['--format', '--agencies', '--threshold', '--include', '--config'].includes(name)) throw new Usage(`unknown option "${name}"`);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new Usage(`option ${name} needs a value`);
      value = argv[++i];
    }
    switch (name) {
      case '--format':
        if (value === 'markdown') value = 'md';
        if (value !== 'md' && value !== 'csv' && value !== 'json') throw new Usage(`unknown format "${value}" (formats: md, csv, json)`);
        args.format = value;
        break;
      case '--agencies': args.agencies = value; break;
      case '--include': args.include.push(value); break;
      case '--config': args.config = value; break;
      case '--threshold': {
        const n = Number(value);
        if (!/^\s*(?:0|1|0?\.\d+|1\.0*)\s*$/.test(value) || !(n >= 0 && n <= 1)) throw new Usage(`--threshold needs a number between 0 and 1, got "${value}"`);
        args.threshold = n;
        break;
      }
    }
  }
  if (!args.targets.length) throw new Usage('no files given (usage: dieu responsibilities [options] <file|dir|glob>...)');
  return args;
}

/** Extra agencies from a JSON file: an array of entries, or `{"agencies": [...]}`. */
export function parseAgencyFile(text: string, shown: string): AgencyEntry[] | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `${shown}: invalid JSON: ${(e as Error).message}` };
  }
  const list = Array.isArray(value) ? value : (value && typeof value === 'object' && Array.isArray((value as { agencies?: unknown }).agencies) ? (value as { agencies: unknown[] }).agencies : undefined);
  if (!list) return { error: `${shown}: expected an array of agencies or {"agencies": [...]}` };
  const out: AgencyEntry[] = [];
  for (const [i, e] of list.entries()) {
    const o = e as Partial<AgencyEntry> | null;
    const strings = (x: unknown) => x === undefined || (Array.isArray(x) && x.every((s) => typeof s === 'string'));
    if (!o || typeof o !== 'object' || typeof o.id !== 'string' || !o.id || typeof o.name !== 'string' || !o.name
      || !strings(o.aliases) || !strings(o.abbreviations)
      || (o.successor !== undefined && (typeof o.successor?.id !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(String(o.successor?.from))))) {
      return { error: `${shown}: agencies[${i}]: needs "id" and "name" (strings); "aliases" and "abbreviations" are lists of strings; "successor" is {"id", "from": "YYYY-MM-DD"}` };
    }
    out.push({ id: o.id, name: o.name, aliases: o.aliases, abbreviations: o.abbreviations, successor: o.successor });
  }
  return out;
}

export async function runResponsibilities(argv: readonly string[], io: ResponsibilitiesIo): Promise<number> {
  let args: Args | 'help';
  try {
    args = parse(argv);
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    io.err(`dieu: ${e.message}\nRun "dieu responsibilities --help" for usage.\n`);
    return 2;
  }
  if (args === 'help') { io.out(RESPONSIBILITIES_HELP); return 0; }

  const loaded = loadConfig(args.config, io.cwd);
  if ('errors' in loaded) {
    for (const e of loaded.errors) io.err(`dieu: ${e}\n`);
    return 2;
  }
  const problems: string[] = [];
  let agencies: AgencyEntry[] | undefined;
  if (args.agencies) {
    const r = readDraft(args.agencies, path.resolve(io.cwd, args.agencies), 'agencies file ');
    if ('error' in r) problems.push(r.error);
    else {
      const parsed = parseAgencyFile(r.text, args.agencies);
      if ('error' in parsed) problems.push(parsed.error); else agencies = parsed;
    }
  }
  const include: BasedGlob[] = [
    ...loaded.config.include.map((pattern) => ({ pattern, base: loaded.dir })),
    ...args.include.map((pattern) => ({ pattern, base: io.cwd })),
  ];
  const exclude: BasedGlob[] = loaded.config.exclude.map((pattern) => ({ pattern, base: loaded.dir }));
  const resolved = await resolveTargets(args.targets, { cwd: io.cwd, include, exclude });
  problems.push(...resolved.problems);
  for (const n of resolved.notices) io.err(`dieu: ${n}\n`);

  const ws = new Workspace({ responsibilities: { agencies, threshold: args.threshold } });
  const shown = new Map<string, string>();
  for (const f of resolved.files) {
    const r = readDraft(f.path, f.abs);
    if ('error' in r) { problems.push(r.error); continue; }
    const uri = pathToFileURL(f.abs).href;
    shown.set(uri, f.path);
    ws.set(uri, r.text);
  }
  const pathOf = (uri: string): string => {
    const p = shown.get(uri);
    if (p !== undefined) return p;
    try { return path.relative(io.cwd, fileURLToPath(uri)); } catch { return uri; }
  };
  const matrix = buildMatrix(ws.responsibilities());
  if (args.format === 'md') io.out(matrixToMarkdown(matrix, pathOf));
  else if (args.format === 'csv') io.out(matrixToCsv(matrix, pathOf));
  else {
    const json = {
      ...matrix,
      tasks: matrix.tasks.map((t) => ({ ...t, entries: t.entries.map(({ uri, ...e }) => ({ file: pathOf(uri), ...e })) })),
    };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
  }
  for (const p of problems) io.err(`dieu: error: ${p}\n`);
  return problems.length ? 2 : 0;
}
