/**
 * The workspace: every file the user works on (open in the editor, or named in one CLI run),
 * parsed once per change and cached. The editor-agnostic hub that the LSP features and the
 * CLI both sit on (like vscode-markdown-languageservice's workspace): they never parse.
 *
 * Pure: callers hand in text; the workspace does no I/O.
 */
import { applySeverities, compareDiagnostics, type Diagnostic, type RuleSeverities } from './diagnostics';
import { checkFile } from './checks/index';
import { checkCitations } from './checks/citations';
import { CheckContext } from './checks/context';
import { extractCitations, type FileCitations } from './citations/extract';
import { DocumentIndex } from './citations/index';
import { resolveFile, type ResolvedCitation } from './citations/resolve';
import type { Unit } from './model';
import { parse, type Parsed } from './parse';

export interface WorkspaceOptions {
  rules?: RuleSeverities;
}

interface Entry {
  text: string;
  version: number;
  parsed?: Parsed;
  fileDiagnostics?: Diagnostic[];
  citations?: FileCitations;
  /** Resolution depends on the other files: valid for one workspace generation. */
  resolved?: { generation: number; list: ResolvedCitation[]; diagnostics: Diagnostic[] };
}

/** A citation pointing at a unit: where it is written. */
export interface Reference { uri: string; resolved: ResolvedCitation; targetIndex: number }

export class Workspace {
  private readonly files = new Map<string, Entry>();
  private generation = 0;
  private index?: { generation: number; docs: DocumentIndex };
  private refs?: { generation: number; byUnit: Map<Unit, Reference[]> };
  options: WorkspaceOptions;

  constructor(options: WorkspaceOptions = {}) {
    this.options = options;
  }

  /** Adds or replaces a file's text. Parsing is lazy. */
  set(uri: string, text: string, version = 0): void {
    const old = this.files.get(uri);
    if (old && old.text === text) { old.version = version; return; }
    this.files.set(uri, { text, version });
    this.generation++;
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.generation++;
  }

  has(uri: string): boolean { return this.files.has(uri); }

  uris(): string[] { return [...this.files.keys()]; }

  /** Bumped on every change; lets callers cache workspace-wide results. */
  get version(): number { return this.generation; }

  text(uri: string): string | undefined { return this.files.get(uri)?.text; }

  /** The parsed file (cached until its text changes), or undefined when unknown. */
  parsed(uri: string): Parsed | undefined {
    const e = this.files.get(uri);
    if (!e) return undefined;
    e.parsed ??= parse(uri, e.text);
    return e.parsed;
  }

  /** Diagnostics of one file with the configured severities applied, sorted by position. */
  diagnostics(uri: string): Diagnostic[] {
    const e = this.files.get(uri);
    if (!e) return [];
    if (!e.fileDiagnostics) {
      const p = this.parsed(uri)!;
      e.fileDiagnostics = checkFile(p);
    }
    this.resolved(uri);
    const all = [...e.fileDiagnostics, ...(e.resolved?.diagnostics ?? [])];
    return applySeverities(all, this.options.rules).sort(compareDiagnostics);
  }

  /** The citations of a file (syntax and place), cached until its text changes. */
  citations(uri: string): FileCitations | undefined {
    const e = this.files.get(uri);
    if (!e) return undefined;
    e.citations ??= extractCitations(this.parsed(uri)!);
    return e.citations;
  }

  /** The citations of a file resolved against the whole workspace (cached per generation). */
  resolved(uri: string): ResolvedCitation[] {
    const e = this.files.get(uri);
    if (!e) return [];
    if (e.resolved?.generation !== this.generation) {
      const p = this.parsed(uri)!;
      const list = resolveFile(uri, p.documents, this.citations(uri)!, this.documents());
      const ctx = new CheckContext(p);
      checkCitations(ctx, list, (u) => u);
      e.resolved = { generation: this.generation, list, diagnostics: ctx.out };
    }
    return e.resolved.list;
  }

  /** Every document of the workspace by number and name. */
  documents(): DocumentIndex {
    if (this.index?.generation !== this.generation) {
      const docs = new DocumentIndex();
      for (const uri of this.files.keys()) docs.add(uri, this.parsed(uri)!.documents);
      this.index = { generation: this.generation, docs };
    }
    return this.index.docs;
  }

  /** Every citation, in any file, that points at `unit` (the reference index). */
  references(unit: Unit): Reference[] {
    if (this.refs?.generation !== this.generation) {
      const byUnit = new Map<Unit, Reference[]>();
      for (const uri of this.files.keys()) {
        for (const r of this.resolved(uri)) {
          r.targets.forEach((t, targetIndex) => {
            if (!t.unit) return;
            const l = byUnit.get(t.unit);
            const ref = { uri, resolved: r, targetIndex };
            if (l) l.push(ref); else byUnit.set(t.unit, [ref]);
          });
        }
      }
      this.refs = { generation: this.generation, byUnit };
    }
    return this.refs.byUnit.get(unit) ?? [];
  }
}
