/**
 * Catalogs of external documents in the language server (DESIGN.md §4): the bundled catalog
 * (`catalog/bundled.jsonl`, shipped next to `dist/`) and the user's files from the
 * `dieu.catalogs` setting (or `initializationOptions.catalogs` for editors without
 * `workspace/configuration`), merged by the core (`buildCatalog`: the user's files in the order
 * given, the bundled one last) and handed to the workspace with `ws.setCatalog`.
 *
 * - Loaded after `initialized`, off the `initialize` answer (start-up stays fast), and again
 *   whenever the list or the workspace folders change; an older load that finishes late is
 *   dropped.
 * - A catalog file changed on disk is read again: the session asks the client to watch the
 *   files (`watchGlobs`) and hands the events here first (`fileEvents`).
 * - A relative path is looked up in every workspace folder (`catalogs/vbpl.jsonl`); absolute
 *   paths, `~/…` and `file:` URIs are taken as they are.
 * - A file that cannot be read, or malformed lines in one, never stop the rest: the other
 *   files and lines still load. Each problem goes to the log (`connection.console`); the user
 *   sees one warning (`window/showWarningMessage`) per distinct set of problems, not one per
 *   line nor one per reload.
 *
 * With `files.ts`, this is the server's only file-system access.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type Connection, type FileEvent } from 'vscode-languageserver/node';
import { BUNDLED, buildCatalog, type CatalogText } from '../core/catalog/index';
import type { Workspace } from '../core/workspace';
import { describeError, type Logger } from './guard';
import { uriToPath } from './files';

/** A catalog larger than this is not read (the pháp điển file is 2.3 MB). */
const MAX_BYTES = 200 * 1024 * 1024;
/** Malformed lines named in the warning shown to the user (all of them go to the log). */
const SHOWN_LINES = 3;

export interface CatalogLoadResult {
  /** Files read, as named in messages (the setting's entry, or `bundled`). */
  loaded: string[];
  /** Entries in the merged catalog. */
  size: number;
  /** Files that could not be read or found. */
  problems: string[];
  /** Malformed lines: `file:line: message`. */
  malformed: string[];
}

interface Candidate {
  /** As the user wrote it (messages name it so). */
  shown: string;
  abs: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function fsReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ENOENT': return 'không có tệp này (no such file)';
    case 'EISDIR': return 'là thư mục, không phải tệp (a directory, not a file)';
    case 'EACCES': case 'EPERM': return 'không có quyền đọc (permission denied)';
    default: return describeError(e);
  }
}

/** A catalog file's text, or why it cannot be had. */
async function readCatalog(abs: string): Promise<{ text: string } | { error: string }> {
  try {
    const stat = await fs.stat(abs);
    if (!stat.isFile()) return { error: fsReason({ code: stat.isDirectory() ? 'EISDIR' : 'ENOENT' }) };
    if (stat.size > MAX_BYTES) return { error: `lớn hơn ${MAX_BYTES >> 20} MB (larger than ${MAX_BYTES >> 20} MB)` };
    const bytes = await fs.readFile(abs);
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      return { error: 'tệp UTF-16; hãy lưu dưới dạng UTF-8 (the file is UTF-16; save it as UTF-8)' };
    }
    try {
      return { text: decoder.decode(bytes) };
    } catch {
      return { error: 'không phải UTF-8 hợp lệ (not valid UTF-8)' };
    }
  } catch (e) {
    return { error: fsReason(e) };
  }
}

async function exists(p: string): Promise<boolean> {
  try { return (await fs.stat(p)).isFile(); } catch { return false; }
}

/**
 * The files an entry of `dieu.catalogs` names: an absolute path, `~/…`, a `file:` URI, or a
 * path relative to a workspace folder (each folder that has it; the first folder when none
 * does, so that the message names a real place).
 */
export async function resolveCatalogPaths(entry: string, folders: readonly string[]): Promise<Candidate[] | { error: string }> {
  const shown = entry;
  if (entry.startsWith('file:')) {
    const p = uriToPath(entry);
    return p ? [{ shown, abs: p }] : { error: 'URI không hợp lệ (malformed file URI)' };
  }
  if (entry === '~' || entry.startsWith('~/') || entry.startsWith('~\\')) return [{ shown, abs: path.join(os.homedir(), entry.slice(1)) }];
  if (path.isAbsolute(entry)) return [{ shown, abs: path.normalize(entry) }];
  if (!folders.length) return { error: 'đường dẫn tương đối nhưng không có thư mục workspace (a relative path, and no workspace folder is open)' };
  const found: Candidate[] = [];
  for (const f of folders) {
    const abs = path.resolve(f, entry);
    if (await exists(abs)) found.push({ shown, abs });
  }
  return found.length ? found : [{ shown, abs: path.resolve(folders[0], entry) }];
}

export class CatalogLoader {
  private generation = 0;
  private lastRequest: string | undefined;
  private lastArgs: { entries: readonly string[]; folders: readonly string[] } = { entries: [], folders: [] };
  /** The user's catalog files of the latest load (found or not: one may be created later). */
  private paths = new Set<string>();
  /** Problems already shown to the user (each once a session). */
  private readonly shown = new Set<string>();
  /** The latest load (for `dieu/flushDiagnostics`-style waits and tests). */
  current: Promise<CatalogLoadResult | undefined> = Promise.resolve(undefined);

  constructor(
    private readonly ws: Workspace,
    private readonly connection: Connection,
    private readonly log: Logger,
    /** Path of `bundled.jsonl`; undefined: no bundled catalog (tests of the core). */
    private readonly bundledPath: string | undefined,
    /** Called after the workspace got a new catalog (diagnostics are re-checked). */
    private readonly changed: () => void,
    /** Called when the set of catalog files to watch changed. */
    private readonly watchChanged: () => void = () => {},
  ) {}

  /**
   * Loads the catalogs named by `entries` (folders: workspace folder URIs), unless the same
   * list over the same folders is loaded already (`force` reloads anyway).
   */
  load(entries: readonly string[], folderUris: readonly string[], force = false): Promise<CatalogLoadResult | undefined> {
    const key = JSON.stringify([entries, folderUris]);
    if (!force && key === this.lastRequest) return this.current;
    this.lastRequest = key;
    this.lastArgs = { entries: [...entries], folders: [...folderUris] };
    const gen = ++this.generation;
    this.current = this.doLoad(entries, folderUris, gen).catch((e) => {
      this.log.error(`dieu: loading the catalogs failed: ${describeError(e)}`);
      return undefined;
    });
    return this.current;
  }

  private async doLoad(entries: readonly string[], folderUris: readonly string[], gen: number): Promise<CatalogLoadResult | undefined> {
    const started = Date.now();
    const folders = folderUris.map(uriToPath).filter((p): p is string => !!p);
    const texts: CatalogText[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      if (typeof entry !== 'string' || !entry.trim()) continue;
      const files = await resolveCatalogPaths(entry.trim(), folders);
      if ('error' in files) { problems.push(`"${entry}": ${files.error}`); continue; }
      for (const f of files) {
        if (seen.has(f.abs)) continue;
        seen.add(f.abs);
        const r = await readCatalog(f.abs);
        if ('error' in r) problems.push(`"${f.shown}" (${f.abs}): ${r.error}`);
        else texts.push({ name: files.length > 1 ? `${f.shown} (${path.dirname(f.abs)})` : f.shown, text: r.text });
      }
    }
    if (this.bundledPath) {
      const r = await readCatalog(this.bundledPath);
      // Not the user's doing: logged, never shown (the extension is then installed badly).
      if ('error' in r) this.log.warn(`dieu: the bundled catalog ${this.bundledPath} cannot be read: ${r.error}`);
      else texts.push({ name: BUNDLED, text: r.text });
    }
    if (gen !== this.generation) return undefined; // a newer load took over
    const watchChanged = seen.size !== this.paths.size || [...seen].some((p) => !this.paths.has(p));
    this.paths = seen;
    if (watchChanged) this.watchChanged();
    const catalog = buildCatalog(texts);
    const malformed = catalog.errors.map((e) => `${e.source}:${e.line}: ${e.message}`);
    for (const p of problems) this.log.warn(`dieu: không đọc được danh mục ${p} (cannot read catalog)`);
    for (const m of malformed) this.log.warn(`dieu: danh mục ${m} (malformed catalog line, skipped)`);
    this.ws.setCatalog(catalog);
    this.log.info(`dieu: catalogs loaded: ${texts.map((t) => t.name).join(', ') || 'none'} — ${catalog.size} documents (${Date.now() - started} ms)`);
    this.warn(problems, catalog.errors);
    this.changed();
    return { loaded: texts.map((t) => t.name), size: catalog.size, problems, malformed };
  }

  /** Glob patterns of the user's catalog files, for `workspace/didChangeWatchedFiles`. */
  watchGlobs(): string[] {
    return [...this.paths].map((p) => p.split(path.sep).join('/'));
  }

  /**
   * File events from the client: a change of a catalog file reloads the catalogs. Returns the
   * events about other files (drafts), for `files.ts` — a catalog is never read as a draft.
   */
  fileEvents(events: readonly FileEvent[] | undefined): FileEvent[] {
    const rest: FileEvent[] = [];
    let touched = false;
    for (const e of events ?? []) {
      const p = uriToPath(e?.uri);
      if (p && this.paths.has(p)) touched = true;
      else rest.push(e);
    }
    if (touched) void this.load(this.lastArgs.entries, this.lastArgs.folders, true);
    return rest;
  }

  /** One warning for the user, naming every unreadable file and the first malformed lines of each. */
  private warn(problems: string[], errors: ReadonlyArray<{ source: string; line: number; message: string }>): void {
    const parts = problems.map((p) => `không đọc được ${p}`);
    const bySource = new Map<string, Array<{ line: number; message: string }>>();
    for (const e of errors) {
      const l = bySource.get(e.source);
      if (l) l.push(e); else bySource.set(e.source, [e]);
    }
    for (const [source, list] of bySource) {
      const first = list.slice(0, SHOWN_LINES).map((e) => `dòng ${e.line}: ${e.message}`).join('; ');
      parts.push(`"${source}": ${list.length} dòng sai định dạng đã bỏ qua (${first}${list.length > SHOWN_LINES ? '; …' : ''})`);
    }
    // Each problem is told once a session: a reload that still finds it says nothing new.
    const fresh = parts.filter((p) => !this.shown.has(p));
    if (!fresh.length) return;
    for (const p of fresh) this.shown.add(p);
    const message = `dieu: danh mục văn bản có lỗi (catalog problems) — ${fresh.join('. ')}. Phần còn lại vẫn được nạp (the rest is loaded); chi tiết trong nhật ký của dieu (details in the dieu log).`;
    // A `window/showMessageRequest` (its typing says void; it is a promise). Not awaited: VS
    // Code answers when the user dismisses the notification, or never.
    const answer = this.connection.window.showWarningMessage(message) as unknown as Promise<unknown> | undefined;
    answer?.then(undefined, (e) => this.log.warn(`dieu: could not show a warning: ${describeError(e)}`));
  }
}
