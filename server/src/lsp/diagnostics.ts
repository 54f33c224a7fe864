/**
 * Diagnostics to the client, in one of two modes chosen per client at `initialize`:
 *
 * - **push** (`textDocument/publishDiagnostics`) for every client that does not announce
 *   pull support (Neovim 0.7 and many others show only pushed ones): debounced; a newer edit
 *   cancels the older pending work;
 * - **pull** (`textDocument/diagnostic`) where the client supports it; the server then never
 *   pushes, and asks for a refresh (`workspace/diagnostic/refresh`) when a change elsewhere
 *   (an edit in another document, a setting) may have changed a document's diagnostics.
 *
 * Diagnostics of one document may depend on others (citations, responsibilities across the
 * workspace), so a change re-checks every open document: the edited one is always reported,
 * the others only when their diagnostics actually changed — cheap while checks are per file.
 */
import {
  DiagnosticSeverity, DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, type CancellationToken, type Connection,
  type Diagnostic as LspDiagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { Diagnostic, Fix, Severity } from '../core/diagnostics';
import type { Workspace } from '../core/workspace';
import type { OpenDocuments } from './documents';
import { describeError, type Logger } from './guard';

export const SOURCE = 'dieu';

/** What `Diagnostic.data` carries: the core fix, for code actions (see codeActions.ts). */
export interface DiagnosticData {
  fix: Fix;
  /** Document version the fix was computed for. */
  version: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic, version: number): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: SOURCE,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  }
  if (d.fix) out.data = { fix: d.fix, version } satisfies DiagnosticData;
  return out;
}

/** The LSP diagnostics of an open document as of its current text. */
export function documentDiagnostics(ws: Workspace, uri: string, version: number): LspDiagnostic[] {
  return ws.diagnostics(uri).map((d) => toLspDiagnostic(d, version));
}

export interface DiagnosticsOptions {
  mode: 'push' | 'pull';
  /** Debounce of pushed diagnostics, in ms. */
  delay: number;
  /** The client can be asked to re-pull (`workspace.diagnostics.refreshSupport`). */
  refreshSupport: boolean;
  /** Resolves when the settings are known (diagnostics wait for the configured severities). */
  ready: () => Promise<void>;
}

export class DiagnosticsService {
  /** Documents edited by the user: always reported. */
  private readonly primary = new Set<string>();
  /** Open documents that may depend on an edited one: reported when changed. */
  private readonly dependents = new Set<string>();
  /** uri → serialized items last pushed (push) or last answered (pull). */
  private readonly reported = new Map<string, string>();
  /** uri → resultId of the last pull answer. */
  private readonly resultIds = new Map<string, string>();
  private resultCounter = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by every run: an older run stops at its next step. */
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly docs: OpenDocuments,
    private readonly ws: Workspace,
    private readonly log: Logger,
    private readonly opts: DiagnosticsOptions,
  ) {}

  get mode(): 'push' | 'pull' { return this.opts.mode; }

  /** A document was opened or edited. */
  changed(uri: string): void {
    if (this.opts.mode === 'push') this.primary.add(uri);
    for (const other of this.docs.uris()) if (other !== uri) this.dependents.add(other);
    this.schedule();
  }

  /** A document was closed: its diagnostics are cleared; others may depend on it. */
  closed(uri: string): void {
    this.primary.delete(uri);
    this.dependents.delete(uri);
    this.reported.delete(uri);
    this.resultIds.delete(uri);
    if (this.opts.mode === 'push') this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const other of this.docs.uris()) if (other !== uri) this.dependents.add(other);
    this.schedule();
  }

  /** Files not open in the editor changed on disk: open documents citing them may change. */
  externalChange(): void {
    for (const uri of this.docs.uris()) this.dependents.add(uri);
    this.schedule();
  }

  /** Settings changed: every open document is reported again. */
  refreshAll(): void {
    if (this.opts.mode === 'pull') {
      this.reported.clear();
      if (this.opts.refreshSupport) this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const uri of this.docs.uris()) this.primary.add(uri);
    this.schedule();
  }

  /** Runs pending work now (used by `dieu/flushDiagnostics`, e.g. in tests and on save). */
  async flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    await this.run();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** `textDocument/diagnostic` (pull mode). */
  async pull(params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    await this.opts.ready();
    const uri = params?.textDocument?.uri;
    // Cancelled (the document changed meanwhile): the client pulls again; an empty report
    // here would wipe the diagnostics it shows.
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const doc = this.docs.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = documentDiagnostics(this.ws, uri, doc.version);
    const key = JSON.stringify(items);
    let resultId = this.resultIds.get(uri);
    if (!resultId || this.reported.get(uri) !== key) {
      resultId = `${++this.resultCounter}`;
      this.resultIds.set(uri, resultId);
      this.reported.set(uri, key);
    }
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run().catch((e) => this.log.error(`dieu: diagnostics failed: ${describeError(e)}`));
    }, this.opts.delay);
  }

  private async run(): Promise<void> {
    const gen = ++this.generation;
    await this.opts.ready();
    let refresh = false;
    while (this.primary.size || this.dependents.size) {
      if (gen !== this.generation || this.disposed) return; // a newer run took over
      const isPrimary = this.primary.size > 0;
      const uri = (isPrimary ? this.primary : this.dependents).values().next().value as string;
      this.primary.delete(uri);
      this.dependents.delete(uri);
      try {
        if (this.opts.mode === 'push') this.push(uri, isPrimary);
        else refresh = this.staleInClient(uri) || refresh;
      } catch (e) {
        this.log.error(`dieu: diagnostics of ${uri} failed: ${describeError(e)}`);
      }
      // Let newer edits and requests in between documents.
      if (this.primary.size || this.dependents.size) await new Promise((r) => setImmediate(r));
    }
    if (refresh && this.opts.refreshSupport && gen === this.generation) this.connection.languages.diagnostics.refresh();
  }

  private push(uri: string, always: boolean): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    const items = documentDiagnostics(this.ws, uri, doc.version);
    const key = JSON.stringify(items);
    if (!always && this.reported.get(uri) === key) return;
    this.reported.set(uri, key);
    this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: items });
  }

  /** Pull mode: has this document's answer changed since the client last pulled it? */
  private staleInClient(uri: string): boolean {
    const doc = this.docs.get(uri);
    const last = this.reported.get(uri);
    if (!doc || last === undefined) return false;
    return JSON.stringify(documentDiagnostics(this.ws, uri, doc.version)) !== last;
  }
}
