/**
 * The workspace: every file the user works on (open in the editor, or named in one CLI run),
 * parsed once per change and cached. The editor-agnostic hub that the LSP features and the
 * CLI both sit on (like vscode-markdown-languageservice's workspace): they never parse.
 *
 * Pure: callers hand in text; the workspace does no I/O.
 */
import { applySeverities, compareDiagnostics, type Diagnostic, type RuleSeverities } from './diagnostics';
import { checkFile } from './checks/index';
import { parse, type Parsed } from './parse';

export interface WorkspaceOptions {
  rules?: RuleSeverities;
}

interface Entry {
  text: string;
  version: number;
  parsed?: Parsed;
  fileDiagnostics?: Diagnostic[];
}

export class Workspace {
  private readonly files = new Map<string, Entry>();
  private generation = 0;
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
    return applySeverities([...e.fileDiagnostics], this.options.rules).sort(compareDiagnostics);
  }
}
