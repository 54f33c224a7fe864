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
  parsed?: Parsed;
  fileDiagnostics?: Diagnostic[];
  citations?: FileCitations;
  /** Resolution depends on the other files: valid for one workspace generation. */
  resolved?: { generation: number; list: ResolvedCitation[]; diagnostics: Diagnostic[] };
  /** ext-* diagnostics (catalog and the workspace's repeal statements), per generation. */
  external?: { generation: number; diagnostics: Diagnostic[] };
  /** What this file says it replaces / repeals (depends on its text only). */
  repeals?: RepealStatement[];
}

/** A citation pointing at a unit: where it is written. */
export interface Reference { uri: string; resolved: ResolvedCitation; targetIndex: number }

export class Workspace {
  private readonly files = new Map<string, Entry>();
  private generation = 0;
  private index?: { generation: number; docs: DocumentIndex };
  private refs?: { generation: number; byUnit: Map<Unit, Reference[]> };
  private repealIndex?: { generation: number; byKey: Map<string, RepealStatement[]> };
  private resp?: { generation: number; options?: ResponsibilityOptions; analysis: ResponsibilityAnalysis; diagnostics: Map<string, Diagnostic[]> };
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
    const rules = this.options.rules;
    const responsibilitiesOff = rules?.['responsibility-overlap'] === 'off' && rules?.['responsibility-duplicate'] === 'off';
    const all = [...e.fileDiagnostics, ...(e.resolved?.diagnostics ?? []), ...this.externalDiagnostics(uri),
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

  /** The citations of a file resolved against the whole workspace (cached per generation). */
  resolved(uri: string): ResolvedCitation[] {
    const e = this.files.get(uri);
    if (!e) return [];
    if (e.resolved?.generation !== this.generation) {
      const p = this.parsed(uri)!;
      const list = resolveFile(uri, p.documents, this.citations(uri)!, this.documents());
      const ctx = new CheckContext(p);
      checkCitations(ctx, list, (u) => this.parsed(u)?.source);
      e.resolved = { generation: this.generation, list, diagnostics: ctx.out };
    }
    return e.resolved.list;
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
    }
    return this.repealIndex.byKey;
  }

  private externalDiagnostics(uri: string): Diagnostic[] {
    const e = this.files.get(uri);
    if (!e) return [];
    if (e.external?.generation !== this.generation) {
      const list = this.resolved(uri);
      const ctx = new CheckContext(this.parsed(uri)!);
      checkExternal(ctx, list, {
        catalog: this.options.catalog, documents: this.documents(), repeals: this.repeals(), sourceOf: (u) => this.parsed(u)?.source,
      });
      e.external = { generation: this.generation, diagnostics: ctx.out };
    }
    return e.external.diagnostics;
  }

  /** Who does what, across the workspace (statements, overlaps, duplicates), cached per generation. */
  responsibilities(): ResponsibilityAnalysis {
    return this.responsibilityPass().analysis;
  }

  private responsibilityPass(): NonNullable<Workspace['resp']> {
    if (this.resp?.generation !== this.generation || this.resp.options !== this.options.responsibilities) {
      const analysis = analyzeResponsibilities([...this.files.keys()].map((u) => this.parsed(u)!), this.options.responsibilities);
      this.resp = { generation: this.generation, options: this.options.responsibilities, analysis, diagnostics: checkResponsibilities(analysis) };
    }
    return this.resp;
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
