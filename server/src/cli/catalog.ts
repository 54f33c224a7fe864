/**
 * Catalogs on the command line: reading catalog files (the I/O the core leaves to adapters;
 * `dieu lint` uses it too, and so may the language server), and the `dieu catalog` command:
 *
 *   dieu catalog show <number>...    the card of each number
 *   dieu catalog search <words>...   documents whose number, type, title or issuer hold all words
 *   dieu catalog from-docs <file>... catalog lines from the documents' own headers
 *   dieu catalog check [<file>...]   malformed lines of catalogs
 *
 * Catalog precedence (DESIGN.md §4): `--catalog` files in the order given, then the config's
 * `catalogs`, then the bundled catalog (`catalog/bundled.jsonl`, shipped with dieu).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLED, buildCatalog, type CatalogText } from '../core/catalog/index';
import type { Catalog, MergedEntry } from '../core/catalog/catalog';
import { parseCatalog } from '../core/catalog/parse';
import { issuerOfNumber, typeKey, TYPE_DISPLAY, typeOfNumber } from '../core/catalog/tables';
import { numberKey, parseDocNumber, TYPE_CODES } from '../core/docnumber';
import { loadConfig } from './config';
import { readDraft } from './read';


/** `catalog/bundled.jsonl` next to the bundle (`dist/../catalog`) or above the running file. */
export function bundledCatalogPath(from: string = __dirname): string | undefined {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    const p = path.join(dir, 'catalog', 'bundled.jsonl');
    if (existsSync(p)) return p;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export interface CatalogFile {
  /** As the user wrote it (messages name it so). */
  shown: string;
  abs: string;
}

export interface LoadedCatalog {
  catalog: Catalog;
  /** Files that could not be read (exit 2 in the CLI). */
  problems: string[];
  /** Malformed lines: `file:line: message` (the rest of the file still loads). */
  warnings: string[];
}

/**
 * Reads catalog files (in precedence order) and the bundled catalog (last, unless
 * `bundled: false`), and merges them. Never throws.
 */
export function loadCatalogFiles(files: readonly CatalogFile[], options: { bundled?: boolean } = {}): LoadedCatalog {
  const texts: CatalogText[] = [];
  const problems: string[] = [];
  for (const f of files) {
    const r = readDraft(f.shown, f.abs, 'catalog ');
    if ('error' in r) problems.push(r.error);
    else texts.push({ name: f.shown, text: r.text });
  }
  if (options.bundled !== false) {
    const p = bundledCatalogPath();
    const r = p ? readDraft(BUNDLED, p, 'catalog ') : undefined;
    if (r && 'text' in r) texts.push({ name: BUNDLED, text: r.text });
  }
  const catalog = buildCatalog(texts);
  const warnings = catalog.errors.map((e) => `${e.source}:${e.line}: ${e.message}`);
  return { catalog, problems, warnings };
}

// ---------------------------------------------------------------------------------------
// dieu catalog

export interface CatalogIo {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
}


interface CatalogArgs {
  sub: string;
  operands: string[];
  catalogs: string[];
  config?: string;
  bundled: boolean;
  type?: string;
  limit: number;
  json: boolean;
}

class CatalogUsage extends Error {}

function parseCatalogArgs(argv: readonly string[]): CatalogArgs {
  const args: CatalogArgs = { sub: '', operands: [], catalogs: [], bundled: true, limit: 20, json: false };
  let onlyOperands = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyOperands || !a.startsWith('-') || a === '-') {
      if (!args.sub) args.sub = a; else args.operands.push(a);
      continue;
    }
    if (a === '--') { onlyOperands = true; continue; }
    if (a === '--no-bundled') { args.bundled = false; continue; }
    if (a === '--json') { args.json = true; continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!['--catalog', '--config', '--type', '--limit'].includes(name)) throw new CatalogUsage(`unknown option "${name}"`);
    let value: string;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new CatalogUsage(`option ${name} needs a value`);
      value = argv[++i];
    }
    if (name === '--catalog') args.catalogs.push(value);
    else if (name === '--config') args.config = value;
    else if (name === '--type') args.type = value;
    else {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new CatalogUsage(`--limit needs a number ≥ 1, got "${value}"`);
      args.limit = Number(value);
    }
  }
  if (!args.sub) throw new CatalogUsage('no catalog command given (show, search, from-docs, check)');
  return args;
}

export async function runCatalog(argv: readonly string[], io: CatalogIo): Promise<number> {
  let args: CatalogArgs;
  try {
    args = parseCatalogArgs(argv);
  } catch (e) {
    if (!(e instanceof CatalogUsage)) throw e;
    io.err(`dieu catalog: ${e.message}\nRun "dieu catalog --help" for usage.\n`);
    return 2;
  }
  const loaded = loadConfig(args.config, io.cwd);
  if ('errors' in loaded) {
    for (const e of loaded.errors) io.err(`dieu: ${e}\n`);
    return 2;
  }
  const files: CatalogFile[] = [
    ...args.catalogs.map((c) => ({ shown: c, abs: path.resolve(io.cwd, c) })),
    ...loaded.config.catalogs.map((c) => ({ shown: c, abs: path.resolve(loaded.dir, c) })),
  ];
  switch (args.sub) {
    case 'show': case 'search': {
      if (!args.operands.length) return usage(io, `"dieu catalog ${args.sub}" needs ${args.sub === 'show' ? 'a number' : 'words to search for'}`);
      const { catalog, problems, warnings } = loadCatalogFiles(files, { bundled: args.bundled });
      for (const w of warnings) io.err(`dieu: warning: ${w}\n`);
      for (const p of problems) io.err(`dieu: error: ${p}\n`);
      if (problems.length) return 2;
      return args.sub === 'show' ? show(catalog, args, io) : search(catalog, args, io);
    }
    case 'from-docs':
      if (!args.operands.length) return usage(io, '"dieu catalog from-docs" needs files');
      return fromDocs(args.operands, io);
    case 'check':
      return check(args.operands.length ? args.operands.map((c) => ({ shown: c, abs: path.resolve(io.cwd, c) })) : files, args.bundled, io);
    default:
      return usage(io, `unknown catalog command "${args.sub}" (commands: show, search, from-docs, check)`);
  }
}

function usage(io: CatalogIo, message: string): number {
  io.err(`dieu catalog: ${message}\nRun "dieu catalog --help" for usage.\n`);
  return 2;
}

function show(catalog: Catalog, args: CatalogArgs, io: CatalogIo): number {
  let missing = 0;
  const blocks: string[] = [];
  for (const n of args.operands) {
    const e = catalog.get(n);
    if (!e) {
      missing++;
      io.err(`dieu catalog: ${n}: not in any catalog (${catalog.sources.join(', ') || 'no catalog loaded'})\n`);
      continue;
    }
    blocks.push(args.json ? JSON.stringify(toJson(e)) : card(e));
  }
  if (blocks.length) io.out(args.json ? `${blocks.join('\n')}\n` : `${blocks.join('\n\n')}\n`);
  return missing ? 1 : 0;
}

function search(catalog: Catalog, args: CatalogArgs, io: CatalogIo): number {
  const wantType = args.type ? typeKey(args.type) ?? typeFromCode(args.type) : undefined;
  if (args.type && !wantType) return usage(io, `unknown type "${args.type}" (e.g. "Nghị định", "Thông tư", NĐ, TT)`);
  const found = catalog.search(args.operands.join(' '), Number.MAX_SAFE_INTEGER)
    .filter((e) => !wantType || e.typeKey === wantType || (wantType === 'luat' && e.typeKey === 'bo luat'));
  const shown = found.slice(0, args.limit);
  if (args.json) {
    if (shown.length) io.out(`${shown.map((e) => JSON.stringify(toJson(e))).join('\n')}\n`);
  } else {
    for (const e of shown) io.out(`${e.number.padEnd(22)} ${(e.date ?? '').padEnd(10)}  ${[e.type, e.title].filter(Boolean).join(' — ')}\n`);
  }
  if (found.length > shown.length) io.err(`dieu catalog: ${found.length - shown.length} more (use --limit)\n`);
  return found.length ? 0 : 1;
}

/** `NĐ` → `nghi dinh` (a type code given for --type). */
function typeFromCode(code: string): string | undefined {
  return TYPE_CODES[numberKey(code)]?.[0];
}

function toJson(e: MergedEntry): Record<string, unknown> {
  return {
    number: e.number, type: e.type ?? null, issuer: e.issuer ?? null, date: e.date ?? null, title: e.title ?? null,
    status: e.status ?? null, effective_date: e.effectiveDate ?? null, amended_or_repealed_by: e.amendedOrRepealedBy,
    replaced_by: e.replacedBy, url: e.url ?? null, sources: e.sources,
  };
}

function card(e: MergedEntry): string {
  const rows: Array<[string, string | undefined]> = [
    ['Số ký hiệu', e.number],
    ['Loại', e.type],
    ['Cơ quan ban hành', e.issuer ?? (issuerOfNumber(e.number) ? `${issuerOfNumber(e.number)} (theo số ký hiệu)` : undefined)],
    ['Ngày ban hành', e.date],
    ['Trích yếu', e.title],
    ['Ngày hiệu lực', e.effectiveDate],
    ['Tình trạng', e.replacedBy.length ? `${e.status ?? 'repealed'} — thay thế bởi ${e.replacedBy.join(', ')}` : e.status ?? 'không rõ'],
    ['Sửa đổi, bãi bỏ một phần bởi', e.amendedOrRepealedBy.length ? e.amendedOrRepealedBy.join(', ') : undefined],
    ['Liên kết', e.url],
    ['Nguồn', e.sources.join(', ')],
  ];
  return rows.filter((r) => r[1]).map(([k, v]) => `${`${k}:`.padEnd(30)}${v}`).join('\n');
}

async function fromDocs(targets: string[], io: CatalogIo): Promise<number> {
  const { resolveTargets } = await import('./files');
  const { parse } = await import('../core/parse');
  const resolved = await resolveTargets(targets, { cwd: io.cwd, include: [], exclude: [] });
  let problems = resolved.problems.length;
  for (const p of resolved.problems) io.err(`dieu: error: ${p}\n`);
  for (const f of resolved.files) {
    const r = readDraft(f.path, f.abs);
    if ('error' in r) { io.err(`dieu: error: ${r.error}\n`); problems++; continue; }
    const p = parse(f.abs, r.text);
    for (const d of p.documents) {
      const id = d.identity;
      if (!id.number) {
        if (!d.attached) io.err(`dieu catalog: ${f.path}: document ${d.index + 1} has no number (Số: …) in its header; skipped\n`);
        continue;
      }
      const line: Record<string, unknown> = { number: id.number };
      const type = id.type ?? (id.number ? typeNameOf(id.number) : undefined);
      if (type) line.type = type;
      const issuer = id.issuer ?? issuerOfNumber(id.number);
      if (issuer) line.issuer = issuer;
      if (id.date) line.date = id.date;
      if (id.title) line.title = sentenceCase(id.title);
      io.out(`${JSON.stringify(line)}\n`);
    }
  }
  return problems ? 2 : 0;
}

function typeNameOf(number: string): string | undefined {
  const k = typeOfNumber(parseDocNumber(number));
  return k ? TYPE_DISPLAY[k] : undefined;
}

/** `ỨNG DỤNG CÔNG NGHỆ THÔNG TIN…` (a title in capitals) → `Ứng dụng công nghệ thông tin…`. */
function sentenceCase(title: string): string {
  if (title !== title.toUpperCase() || !/\p{L}/u.test(title)) return title;
  const lower = title.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function check(files: readonly CatalogFile[], bundled: boolean, io: CatalogIo): number {
  const list = [...files];
  if (bundled && !files.length) {
    const p = bundledCatalogPath();
    if (p) list.push({ shown: BUNDLED, abs: p });
  }
  let errors = 0, unreadable = 0;
  for (const f of list) {
    const r = readDraft(f.shown, f.abs, 'catalog ');
    if ('error' in r) { io.err(`dieu: error: ${r.error}\n`); unreadable++; continue; }
    const parsed = parseCatalog(r.text, f.shown);
    for (const e of parsed.errors) io.out(`${f.shown}:${e.line}: ${e.message}\n`);
    errors += parsed.errors.length;
    io.err(`dieu catalog: ${f.shown}: ${parsed.entries.length} documents, ${parsed.errors.length} malformed line(s)\n`);
  }
  if (unreadable) return 2;
  return errors ? 1 : 0;
}
