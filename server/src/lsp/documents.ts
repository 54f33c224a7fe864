/**
 * Open documents: incremental text sync (`TextDocuments`) mirrored into the core `Workspace`.
 * Every document the client opens is a draft (the client decides which files are: `vbpl`,
 * and `.txt`/`.md` only where the user opted in with `dieu.include`).
 */
import { TextDocuments, type Connection, type TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../core/workspace';
import { guard, type Logger } from './guard';

export interface DocumentEvents {
  /** Opened (before `changed`, which follows with the document's text). */
  opened(uri: string): void;
  /** Opened or edited: the workspace already holds the new text. */
  changed(uri: string): void;
  /** Closed: the workspace still holds the editor's last text; the listener decides its fate. */
  closed(uri: string): void;
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/**
 * A BOM is not a character of line 0 (DESIGN.md §1): diagnostics say so, so the client's edits
 * are read the same way — the documents hold the text without it (VS Code never sends one;
 * a client that does gets positions consistent in both directions).
 */
const WITHOUT_BOM: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, stripBom(content)),
  update: (doc, changes: TextDocumentContentChangeEvent[], version) => TextDocument.update(doc,
    changes.map((c) => ('range' in c && c.range ? c : { text: stripBom(c.text) })), version),
};

export class OpenDocuments {
  private readonly docs = new TextDocuments(WITHOUT_BOM);

  constructor(private readonly ws: Workspace, log: Logger, events: DocumentEvents) {
    this.docs.onDidOpen(guard(log, 'didOpen', undefined, (e) => events.opened(e.document.uri)));
    this.docs.onDidChangeContent(guard(log, 'didChange', undefined, (e) => {
      this.ws.set(e.document.uri, e.document.getText(), e.document.version);
      events.changed(e.document.uri);
    }));
    this.docs.onDidClose(guard(log, 'didClose', undefined, (e) => events.closed(e.document.uri)));
  }

  listen(connection: Connection): void {
    this.docs.listen(connection);
  }

  get(uri: string): TextDocument | undefined {
    return typeof uri === 'string' ? this.docs.get(uri) : undefined;
  }

  uris(): string[] {
    return this.docs.keys();
  }
}
