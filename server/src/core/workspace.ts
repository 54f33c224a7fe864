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
import { checkExternal } from './checks/external';
import type { Catalog } from './catalog/catalog';
import { findRepeals, type RepealStatement } from './catalog/repeals';
import { CheckContext } from './checks/context';
import { extractCitations, type FileCitations } from './citations/extract';
import { DocumentIndex } from './citations/index';
import { resolveFile, type ResolvedCitation } from './citations/resolve';
import type { Unit } from './model';
import { parse, type Parsed } from './parse';
import { analyzeResponsibilities, type ResponsibilityAnalysis, type ResponsibilityOptions } from './responsibilities/index';
import { checkResponsibilities } from './checks/responsibilities';

export interface WorkspaceOptions {
  rules?: RuleSeverities;
  /** External documents (catalogs merged by precedence); see `setCatalog`. */
  catalog?: Catalog;
  /** Extra agency aliases and the task-similarity threshold (responsibility checks). */
  responsibilities?: ResponsibilityOptions;
}

interface Entry {
  text: string;
  version: number;
  /** The workspace generation at which this text arrived (changes only with the text). */
  rev: number;
  parsed?: Parsed;
  fileDiagnostics?: Diagnostic[];
  citations?: FileCitations;
  /**
   * Resolution depends on the other files only through the document index (which documents
   * exist, with which numbers and names) and the texts of the files it resolved into: it is
   * reused while those are unchanged, so an edit elsewhere does not re-resolve every file.
   */
  resolved?: { rev: number; indexSig: string; deps: Map<string, number>; list: ResolvedCitation[] };
  /** Citation diagnostics of `resolved.list`. */
  citationDiagnostics?: { list: ResolvedCitation[]; diagnostics: Diagnostic[] };
  /** ext-* diagnostics (catalog and the workspace's repeal statements). */
  external?: { key: string; list: ResolvedCitation[]; catalog?: Catalog; diagnostics: Diagnostic[] };
  /** What this file says it replaces / repeals (depends on its text only). */
  repeals?: RepealStatement[];
}

/** A citation pointing at a unit: where it is written. */
export interface Reference { uri: string; resolved: ResolvedCitation; targetIndex: number }

export class Workspace {
  private readonly files = new Map<string, Entry>();
  private generation = 0;
  private index?: { generation: number; docs: DocumentIndex; sig: string };
  private refs?: { generation: number; lists: Map<string, ResolvedCitation[]>; byUnit: Map<Unit, Reference[]> };
  private repealIndex?: { generation: number; byKey: Map<string, RepealStatement[]> };
  private repealSig = '';
  private resp?: { generation: number; options?: ResponsibilityOptions; analysis: ResponsibilityAnalysis; diagnostics: Map<string, Diagnostic[]> };
  options: WorkspaceOptions;

  constructor(options: WorkspaceOptions = {}) {
    this.options = options;
  }

  /** Adds or replaces a file's text. Parsing is lazy. */
  set(uri: string, text: string, version = 0): void {
    const old = this.files.get(uri);
    if (old && old.text === text) { old.version = version; return; }
    this.generation++;
    this.files.set(uri, { text, version, rev: this.generation });
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
    const rules = this.options.rules;
    const responsibilitiesOff = rules?.['responsibility-overlap'] === 'off' && rules?.['responsibility-duplicate'] === 'off';
    const all = [...e.fileDiagnostics, ...this.citationDiagnostics(uri), ...this.externalDiagnostics(uri),
      ...(responsibilitiesOff ? [] : this.responsibilityPass().diagnostics.get(uri) ?? [])];
    return applySeverities(all, this.options.rules).sort(compareDiagnostics);
  }

  /** The citations of a file (syntax and place), cached until its text changes. */
  citations(uri: string): FileCitations | undefined {
    const e = this.files.get(uri);
    if (!e) return undefined;
    e.citations ??= extractCitations(this.parsed(uri)!);
    return e.citations;
  }

  /** The citations of a file resolved against the whole workspace (reused while what it depends on is unchanged). */
  resolved(uri: string): ResolvedCitation[] {
    const e = this.files.get(uri);
    if (!e) return [];
    const index = this.indexState();
    if (!e.resolved || !this.resolutionCurrent(e, e.resolved, index.sig)) {
      const p = this.parsed(uri)!;
      const list = resolveFile(uri, p.documents, this.citations(uri)!, index.docs);
      const deps = new Map<string, number>();
      for (const r of list) {
        if (r.target.kind === 'workspace') deps.set(r.target.loc.uri, this.files.get(r.target.loc.uri)?.rev ?? -1);
      }
      e.resolved = { rev: e.rev, indexSig: index.sig, deps, list };
    }
    return e.resolved.list;
  }

  private resolutionCurrent(e: Entry, r: NonNullable<Entry['resolved']>, sig: string): boolean {
    if (r.rev !== e.rev || r.indexSig !== sig) return false;
    for (const [dep, rev] of r.deps) if (this.files.get(dep)?.rev !== rev) return false;
    return true;
  }

  private citationDiagnostics(uri: string): Diagnostic[] {
    const e = this.files.get(uri);
    if (!e) return [];
    const list = this.resolved(uri);
    if (e.citationDiagnostics?.list !== list) {
      const ctx = new CheckContext(this.parsed(uri)!);
      checkCitations(ctx, list, (u) => this.parsed(u)?.source);
      e.citationDiagnostics = { list, diagnostics: ctx.out };
    }
    return e.citationDiagnostics.diagnostics;
  }

  /** The catalog of external documents, if any. */
  get catalog(): Catalog | undefined { return this.options.catalog; }

  /** Replaces the catalog (the language server reloads it when `dieu.catalogs` changes). */
  setCatalog(catalog: Catalog | undefined): void {
    if (this.options.catalog === catalog) return;
    this.options = { ...this.options, catalog };
    this.generation++;
  }

  /** Documents that a workspace document says it replaces / repeals, by number key. */
  repeals(): Map<string, RepealStatement[]> {
    if (this.repealIndex?.generation !== this.generation) {
      const byKey = new Map<string, RepealStatement[]>();
      for (const [uri, e] of this.files) {
        e.repeals ??= findRepeals(this.parsed(uri)!, this.citations(uri)!.citations);
        for (const st of e.repeals) {
          const l = byKey.get(st.key);
          if (l) l.push(st); else byKey.set(st.key, [st]);
        }
      }
      this.repealIndex = { generation: this.generation, byKey };
      this.repealSig = [...byKey.entries()].map(([k, l]) => `${k}:${l.length}:${l.map((st) => st.uri ?? '').join(',')}`).sort().join('|');
    }
    return this.repealIndex.byKey;
  }

  private externalDiagnostics(uri: string): Diagnostic[] {
    const e = this.files.get(uri);
    if (!e) return [];
    const list = this.resolved(uri);
    const repeals = this.repeals();
    // The repeal statements of the workspace and the document index, as a key.
    const key = `${this.indexState().sig}\u0000${this.repealSig}`;
    if (!e.external || e.external.list !== list || e.external.catalog !== this.options.catalog || e.external.key !== key) {
      const ctx = new CheckContext(this.parsed(uri)!);
      checkExternal(ctx, list, {
        catalog: this.options.catalog, documents: this.documents(), repeals, sourceOf: (u) => this.parsed(u)?.source,
      });
      e.external = { key, list, catalog: this.options.catalog, diagnostics: ctx.out };
    }
    return e.external.diagnostics;
  }

  /** Who does what, across the workspace (statements, overlaps, duplicates), cached per generation. */
  responsibilities(): ResponsibilityAnalysis {
    return this.responsibilityPass().analysis;
  }

  private responsibilityPass(): NonNullable<Workspace['resp']> {
    if (this.resp?.generation !== this.generation || this.resp.options !== this.options.responsibilities) {
      // The previous analysis lends what an edit left unchanged (word weights, scores of pairs).
      const analysis = analyzeResponsibilities([...this.files.keys()].map((u) => this.parsed(u)!), this.options.responsibilities, this.resp?.analysis);
      this.resp = { generation: this.generation, options: this.options.responsibilities, analysis, diagnostics: checkResponsibilities(analysis) };
    }
    return this.resp;
  }

  /** Every document of the workspace by number and name. */
  documents(): DocumentIndex {
    return this.indexState().docs;
  }

  /**
   * The document index and its signature: what resolution can see of other files (numbers,
   * types, titles, dates, the files holding them). Unchanged by edits inside a document's body.
   */
  private indexState(): NonNullable<Workspace['index']> {
    if (this.index?.generation !== this.generation) {
      const docs = new DocumentIndex();
      const parts: string[] = [];
      for (const uri of this.files.keys()) {
        const documents = this.parsed(uri)!.documents;
        docs.add(uri, documents);
        for (const d of documents) {
          const id = d.identity;
          parts.push(`${uri}#${d.index}:${id.number ?? ''}|${id.type ?? ''}|${id.title ?? ''}|${id.date ?? ''}`);
        }
      }
      // The index itself is rebuilt (it holds the current parses); its signature tells the
      // resolution caches whether what they could see has changed.
      this.index = { generation: this.generation, docs, sig: parts.join('\n') };
    }
    return this.index;
  }

  /** Every citation, in any file, that points at `unit` (the reference index). */
  references(unit: Unit): Reference[] {
    if (this.refs?.generation !== this.generation) {
      const lists = new Map<string, ResolvedCitation[]>();
      for (const uri of this.files.keys()) lists.set(uri, this.resolved(uri));
      const prev = this.refs;
      if (prev && prev.lists.size === lists.size && [...lists].every(([u, l]) => prev.lists.get(u) === l)) {
        this.refs = { ...prev, generation: this.generation };
        return this.refs.byUnit.get(unit) ?? [];
      }
      const byUnit = new Map<Unit, Reference[]>();
      for (const [uri, list] of lists) {
        for (const r of list) {
          r.targets.forEach((t, targetIndex) => {
            if (!t.unit) return;
            const l = byUnit.get(t.unit);
            const ref = { uri, resolved: r, targetIndex };
            if (l) l.push(ref); else byUnit.set(t.unit, [ref]);
          });
        }
      }
      this.refs = { generation: this.generation, lists, byUnit };
    }
    return this.refs.byUnit.get(unit) ?? [];
  }
}
