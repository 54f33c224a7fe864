/**
 * Drafts on disk that are not open in the editor: the workspace folders are searched for
 * `*.vbpl`, `*.vbpl.md` and the `dieu.include` globs, so that citations resolve against
 * every document of the workspace (DESIGN.md §5: diagnostics are workspace-wide), not only
 * the open ones. Kept current by `workspace/didChangeWatchedFiles`.
 *
 * The editor's text wins over the disk while a document is open; when it is closed, the file
 * is read again (the user may have closed it without saving). Only open documents get
 * diagnostics; files read from disk are there to be cited.
 *
 * This is the server's only file-system access: the core stays pure.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { Workspace } from '../core/workspace';
import { describeError, type Logger } from './guard';

/**
 * tinyglobby through `require`, loaded on first search: an `import` makes esbuild bundle the
 * ESM build of its fdir, which calls createRequire(import.meta.url) — undefined in our
 * CommonJS bundle, and the server would die at start (as cli/files.ts found).
 */
function glob(patterns: string[], options: Omit<import('tinyglobby').GlobOptions, 'patterns'>): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('tinyglobby') as typeof import('tinyglobby')).glob(patterns, options);
}

export const DRAFT_GLOBS = ['**/*.vbpl', '**/*.vbpl.md'];
const IGNORE = ['**/node_modules/**', '**/.*/**'];
/** A workspace opened at the wrong level (a home directory) must not take the server down. */
const MAX_FILES = 5000;
const MAX_BYTES = 20 * 1024 * 1024;

/** File-system path of a `file:` URI, or undefined for other schemes and malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
  try { return path.normalize(fileURLToPath(uri)); } catch { return undefined; }
}

export class DiskFiles {
  private folders: string[] = [];
  private include: string[] = [];
  /** path → URI under which the file's disk text is in the workspace (not open). */
  private readonly loaded = new Map<string, string>();
  /** Paths that belong to the workspace's drafts (found by a search or a file event). */
  private readonly known = new Set<string>();
  /** path → URI of open documents. */
  private readonly open = new Map<string, string>();
  private scanGeneration = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly log: Logger,
    /** Called after files were added, changed or removed (other documents may cite them). */
    private readonly changed: () => void,
  ) {}

  setFolders(uris: string[]): void {
    this.folders = [...new Set(uris.map(uriToPath).filter((p): p is string => !!p))];
  }

  globs(): string[] {
    return [...DRAFT_GLOBS, ...this.include];
  }

  /** Searches the folders again (at start, and when `dieu.include` changes). */
  async scan(include: string[]): Promise<void> {
    this.include = include.filter((g) => typeof g === 'string' && g.trim() !== '');
    const gen = ++this.scanGeneration;
    const found = new Set<string>();
    for (const folder of this.folders) {
      let files: string[] = [];
      try {
        files = await glob(this.globs(), { cwd: folder, absolute: true, ignore: IGNORE, dot: false, followSymbolicLinks: false });
      } catch (e) {
        this.log.warn(`dieu: cannot search ${folder}: ${describeError(e)}`);
      }
      for (const f of files) {
        if (found.size >= MAX_FILES) break;
        found.add(path.normalize(f));
      }
    }
    if (gen !== this.scanGeneration) return;
    if (found.size >= MAX_FILES) this.log.warn(`dieu: more than ${MAX_FILES} drafts in the workspace; only the first ${MAX_FILES} are read`);
    let touched = false;
    for (const p of [...this.known]) {
      if (found.has(p)) continue;
      this.known.delete(p);
      touched = this.unload(p) || touched;
    }
    for (const p of found) {
      if (gen !== this.scanGeneration) return;
      this.known.add(p);
      if (this.open.has(p) || this.loaded.has(p)) continue;
      touched = (await this.load(p, pathToFileURL(p).toString())) || touched;
    }
    if (touched && gen === this.scanGeneration) this.changed();
  }

  /** `workspace/didChangeWatchedFiles`: the client watches the same globs. */
  async fileEvents(events: FileEvent[]): Promise<void> {
    let touched = false;
    for (const e of events ?? []) {
      const p = uriToPath(e?.uri);
      if (!p || !this.inFolders(p)) continue;
      if (e.type === FileChangeType.Deleted) {
        this.known.delete(p);
        touched = this.unload(p) || touched;
        continue;
      }
      this.known.add(p);
      if (this.open.has(p)) continue;
      touched = (await this.load(p, this.loaded.get(p) ?? e.uri)) || touched;
    }
    if (touched) this.changed();
  }

  /** A document was opened: its editor text replaces the disk copy (under the client's URI). */
  opened(uri: string): void {
    const p = uriToPath(uri);
    if (!p) return;
    this.open.set(p, uri);
    const disk = this.loaded.get(p);
    if (disk !== undefined) {
      this.loaded.delete(p);
      if (disk !== uri) this.ws.delete(disk);
    }
  }

  /**
   * A document was closed. Returns true when it is a draft of the workspace, whose disk text
   * is then read back (the caller must not drop it); false when it is gone from the workspace.
   */
  closed(uri: string): boolean {
    const p = uriToPath(uri);
    if (!p) return false;
    this.open.delete(p);
    if (!this.known.has(p)) return false;
    void this.load(p, uri).then((ok) => {
      if (!ok) this.ws.delete(uri);
      this.changed();
    });
    return true;
  }

  private inFolders(p: string): boolean {
    return this.folders.some((f) => p === f || p.startsWith(f.endsWith(path.sep) ? f : f + path.sep));
  }

  private async load(p: string, uri: string): Promise<boolean> {
    try {
      const stat = await fs.stat(p);
      if (!stat.isFile()) return this.unload(p);
      if (stat.size > MAX_BYTES) {
        this.log.warn(`dieu: ${p} is larger than ${MAX_BYTES >> 20} MB; not read`);
        return this.unload(p);
      }
      const text = await fs.readFile(p, 'utf8');
      if (this.open.has(p)) return false; // opened meanwhile: the editor's text wins
      this.ws.set(uri, text);
      this.loaded.set(p, uri);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code !== 'ENOENT') this.log.warn(`dieu: cannot read ${p}: ${describeError(e)}`);
      return this.unload(p);
    }
  }

  private unload(p: string): boolean {
    const uri = this.loaded.get(p);
    if (uri === undefined) return false;
    this.loaded.delete(p);
    if (!this.open.has(p)) this.ws.delete(uri);
    return true;
  }
}
