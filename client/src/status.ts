/**
 * Status bar item for drafts: which document this is (type + number, from the outline or the
 * header block) and how many problems dieu found in it. Click: the Problems panel.
 * Shown only while the active editor holds a draft.
 */
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';

const TYPES = [
  'BỘ LUẬT', 'LUẬT', 'PHÁP LỆNH', 'NGHỊ QUYẾT LIÊN TỊCH', 'NGHỊ QUYẾT', 'NGHỊ ĐỊNH', 'QUYẾT ĐỊNH',
  'THÔNG TƯ LIÊN TỊCH', 'THÔNG TƯ', 'CHỈ THỊ', 'QUY CHẾ', 'QUY ĐỊNH', 'ĐIỀU LỆ', 'CHƯƠNG TRÌNH',
  'KẾ HOẠCH', 'HƯỚNG DẪN', 'VĂN BẢN HỢP NHẤT', 'CÔNG VĂN',
];
const NUMBER = /\bS[ốo]\s*(?:[:.]\s*)?([0-9][0-9A-Za-z]*\s*\/\s*[^\s,;]+|[0-9]+[-–][A-ZĐ][^\s,;]*)/u;

function sentence(upper: string): string {
  return upper.charAt(0) + upper.slice(1).toLocaleLowerCase('vi');
}

/** `Nghị định 64/2007/NĐ-CP` from the header block of a draft (first 60 lines), if any. */
export function labelFromText(text: string): string | undefined {
  const head = text.split(/\r?\n/, 60);
  let num: string | undefined;
  let type: string | undefined;
  for (const raw of head) {
    const line = raw.replace(/[*#_]/g, '').trim().normalize('NFC');
    if (!num) {
      const m = NUMBER.exec(line);
      if (m) num = m[1].replace(/\s+/g, '');
    }
    if (!type) {
      const t = TYPES.find((w) => line === w || line.startsWith(`${w} `) && line === line.toLocaleUpperCase('vi'));
      if (t) type = sentence(t);
    }
    if (num && type) break;
  }
  if (num && type) return `${type} ${num}`;
  return num ?? type;
}

/**
 * The server names each document of a file that holds several (a Quyết định and the Quy chế
 * it issues) with a top-level File symbol: take the one under the cursor.
 */
function labelFromOutline(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined,
  at: vscode.Position | undefined): string | undefined {
  const docs = (symbols ?? []).filter((s): s is vscode.DocumentSymbol => s.kind === vscode.SymbolKind.File && 'range' in s);
  const here = (at && docs.find((s) => s.range.contains(at))) ?? docs[0];
  return here?.name.split('\n')[0].trim() || undefined;
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dieu.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private labels = new Map<string, string>();
  /** Files whose outline has several documents: the label follows the cursor. */
  private multiDoc = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private visible = false;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the item's text changed (tests wait on it). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly selector: () => DocumentSelector) {
    this.item.name = 'dieu';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      this.item,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh(true)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const doc = vscode.window.activeTextEditor?.document;
        if (doc && e.uris.some((u) => u.toString() === doc.uri.toString())) this.refresh(true);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor && this.multiDoc.has(e.textEditor.document.uri.toString())) this.refresh(false);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.refresh(false);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.labels.delete(d.uri.toString());
        this.multiDoc.delete(d.uri.toString());
      }),
    );
    this.refresh(true);
  }

  snapshot(): { text: string; tooltip: string; visible: boolean } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), visible: this.visible };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  /** Counts update at once; the label (outline request) is debounced. */
  private refresh(now: boolean): void {
    this.render();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.updateLabel(), now ? 0 : 500);
  }

  private draft(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return undefined;
    try {
      return vscode.languages.match(this.selector() as vscode.DocumentSelector, doc) > 0 ? doc : undefined;
    } catch {
      return doc.languageId === 'vbpl' ? doc : undefined;
    }
  }

  private async updateLabel(): Promise<void> {
    const doc = this.draft();
    if (!doc) return;
    let label: string | undefined;
    try {
      const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
        'vscode.executeDocumentSymbolProvider', doc.uri);
      label = labelFromOutline(symbols, vscode.window.activeTextEditor?.selection.active);
      const several = (symbols ?? []).filter((s) => s.kind === vscode.SymbolKind.File).length > 1;
      if (several) this.multiDoc.add(doc.uri.toString());
      else this.multiDoc.delete(doc.uri.toString());
    } catch {
      // no outline yet: fall back to the text
    }
    label ??= labelFromText(doc.getText());
    this.labels.set(doc.uri.toString(), label ?? 'dieu');
    this.render();
  }

  private render(): void {
    const doc = this.draft();
    if (!doc) {
      if (this.visible) {
        this.item.hide();
        this.visible = false;
        this.changed.fire();
      }
      return;
    }
    let errors = 0;
    let warnings = 0;
    let others = 0;
    for (const d of vscode.languages.getDiagnostics(doc.uri)) {
      if (d.source !== 'dieu') continue;
      if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      else others++;
    }
    const label = this.labels.get(doc.uri.toString()) ?? 'dieu';
    const text = `$(law) ${label}  $(error) ${errors}  $(warning) ${warnings}`;
    if (this.visible && text === this.item.text) return;
    this.item.text = text;
    this.item.tooltip = `dieu: ${errors} lỗi, ${warnings} cảnh báo, ${others} thông tin — bấm để mở Problems`
      + ` (${errors} errors, ${warnings} warnings, ${others} infos — click for the Problems panel)`;
    this.item.show();
    this.visible = true;
    this.changed.fire();
  }
}
