/**
 * The responsibility matrix view (DESIGN.md §5): command `dieu.showResponsibilities` opens a
 * webview with one row per task and one column per agency, from the server's custom request
 * `dieu/responsibilities` (server/src/lsp/responsibilities.ts). Tasks that two agencies lead
 * are highlighted (and their cells marked ⚠), tasks given twice to one agency too; a cell or
 * a finding opens the statement in the text; the matrix exports to CSV or Markdown as a new
 * untitled document (the server renders both, as `dieu responsibilities` does).
 *
 * The view follows the drafts: it asks again when a draft changes (debounced) while visible.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const SHOW_RESPONSIBILITIES = 'dieu.showResponsibilities';
export const EXPORT_RESPONSIBILITIES = 'dieu.exportResponsibilities';
export const RESPONSIBILITIES_REQUEST = 'dieu/responsibilities';
const VIEW_TYPE = 'dieu.responsibilities';

type Role = 'lead' | 'cooperate' | 'responsible';
interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }
export interface Matrix {
  version: number;
  threshold: number;
  agencies: Array<{ id: string; name: string; generic: boolean; known: boolean }>;
  tasks: Array<{
    id: string; text: string; overlap: boolean; duplicate: boolean;
    entries: Array<{ agency: string; role: Role; task: string; written: string; uri: string; range: LspRange; path: string }>;
  }>;
  findings: Array<{ code: string; score: number; message: string; task: string; a: number; b: number }>;
  markdown?: string;
  csv?: string;
}

/** What the command answers (the tests read it). */
export interface ViewSummary { tasks: number; agencies: number; overlaps: number; duplicates: number }

const ROLE_MARK: Record<Role, string> = { lead: 'CT', cooperate: 'PH', responsible: 'TN' };
const ROLE_NAME: Record<Role, string> = { lead: 'chủ trì', cooperate: 'phối hợp', responsible: 'chịu trách nhiệm' };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/\s\S*$/, '')} …`;
}

function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try { return decodeURIComponent(last); } catch { return last; }
}

function nonce(): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.charAt(Math.floor(Math.random() * 62));
  return s;
}

/** The agencies that lead an overlapping task (their cells get ⚠). */
function overlapLeads(m: Matrix, taskIndex: number): Set<string> {
  const t = m.tasks[taskIndex];
  const out = new Set<string>();
  for (const f of m.findings) {
    if (f.task !== t.id || f.code !== 'responsibility-overlap') continue;
    if (t.entries[f.b]) out.add(t.entries[f.b].agency);
    if (f.a >= 0 && t.entries[f.a]) out.add(t.entries[f.a].agency);
  }
  return out;
}

/** The webview's page: the whole matrix rendered here; the script only posts clicks back. */
export function renderMatrix(m: Matrix, cspSource: string): string {
  const n = nonce();
  const agencyName = new Map(m.agencies.map((a) => [a.id, a.name]));
  const overlaps = m.tasks.filter((t) => t.overlap).length;
  const duplicates = m.tasks.filter((t) => t.duplicate).length;
  const head = m.agencies.map((a) => `<th class="agency${a.generic ? ' generic' : ''}" title="${esc(a.name)}${a.generic ? ' (nhóm cơ quan, generic)' : ''}">${esc(a.name)}</th>`).join('');
  const rows = m.tasks.map((t, ti) => {
    const leads = overlapLeads(m, ti);
    const cells = m.agencies.map((a) => {
      const entries = t.entries.map((e, ei) => ({ e, ei })).filter(({ e }) => e.agency === a.id);
      if (!entries.length) return '<td></td>';
      const links = entries.map(({ e, ei }) => `<a href="#" class="open role-${e.role}" data-task="${ti}" data-entry="${ei}" title="${esc(`${ROLE_NAME[e.role]} — ${fileName(e.uri)}:${e.range.start.line + 1}${e.path ? ` (${e.path})` : ''}\n«${clip(e.written, 80)}»: ${clip(e.task, 160)}`)}">${ROLE_MARK[e.role]}</a>`).join(' ');
      return `<td class="cell${leads.has(a.id) ? ' overlap-lead' : ''}">${leads.has(a.id) ? '⚠ ' : ''}${links}</td>`;
    }).join('');
    const where = [...new Set(t.entries.map((e) => `${fileName(e.uri)}:${e.range.start.line + 1}`))].join(', ');
    const cls = [t.overlap ? 'overlap' : '', t.duplicate ? 'duplicate' : ''].filter(Boolean).join(' ');
    const marks = `${t.overlap ? '<span class="badge overlap">chồng chéo</span>' : ''}${t.duplicate ? '<span class="badge duplicate">trùng lặp</span>' : ''}`;
    return `<tr class="task ${cls}" data-flagged="${t.overlap || t.duplicate ? 1 : 0}"><td class="num">${ti + 1}</td><td class="text" title="${esc(t.text)}">${esc(clip(t.text, 180))} ${marks}<div class="where">${esc(where)}</div></td>${cells}</tr>`;
  }).join('\n');
  const findings = m.findings.map((f) => {
    const ti = m.tasks.findIndex((t) => t.id === f.task);
    const t = m.tasks[ti];
    if (!t) return '';
    const link = (ei: number) => {
      const e = t.entries[ei];
      return e ? `<a href="#" class="open" data-task="${ti}" data-entry="${ei}">${esc(agencyName.get(e.agency) ?? e.agency)} — ${esc(fileName(e.uri))}:${e.range.start.line + 1}</a>` : '';
    };
    return `<li class="${f.code === 'responsibility-overlap' ? 'overlap' : 'duplicate'}"><b>#${ti + 1}</b> ${esc(f.message)} <span class="score">(${f.score.toFixed(2)})</span><br>${[f.a >= 0 ? link(f.a) : '', link(f.b)].filter(Boolean).join(' · ')}</li>`;
  }).join('\n');
  const empty = m.tasks.length === 0
    ? '<p class="empty">Không tìm thấy câu giao trách nhiệm nào trong các dự thảo đang có (no responsibility statements found).</p>' : '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ma trận trách nhiệm</title>
<style nonce="${n}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px 24px; }
  .toolbar { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; z-index: 2; }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  .summary { opacity: .85; }
  table { border-collapse: collapse; margin-top: 8px; }
  th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 3px 6px; vertical-align: top; }
  th.agency { writing-mode: vertical-rl; transform: rotate(180deg); max-height: 16em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-weight: normal; }
  th.generic { font-style: italic; opacity: .8; }
  td.text { min-width: 22em; max-width: 40em; }
  td.num { text-align: right; opacity: .7; }
  td.cell { text-align: center; white-space: nowrap; }
  .where { font-size: 90%; opacity: .65; }
  tr.overlap { background: var(--vscode-inputValidation-errorBackground, #f003); }
  tr.duplicate:not(.overlap) { background: var(--vscode-inputValidation-warningBackground, #fa03); }
  td.overlap-lead { outline: 2px solid var(--vscode-errorForeground, #f44); font-weight: bold; }
  .badge { font-size: 85%; padding: 0 4px; border-radius: 3px; margin-left: 4px; }
  .badge.overlap { background: var(--vscode-errorForeground, #c33); color: var(--vscode-editor-background, #fff); }
  .badge.duplicate { background: var(--vscode-editorWarning-foreground, #c80); color: var(--vscode-editor-background, #fff); }
  a.open { color: var(--vscode-textLink-foreground); text-decoration: none; }
  a.open:hover { text-decoration: underline; }
  a.role-cooperate { opacity: .8; }
  ul.findings li { margin: 4px 0; }
  body.flagged-only tr.task[data-flagged="0"] { display: none; }
</style>
</head>
<body>
<div class="toolbar">
  <b>Ma trận trách nhiệm</b>
  <span class="summary" id="summary">${m.tasks.length} nhiệm vụ × ${m.agencies.length} cơ quan · ${overlaps} chồng chéo · ${duplicates} trùng lặp</span>
  <label><input type="checkbox" id="flagged"> Chỉ nhiệm vụ có vấn đề (flagged only)</label>
  <button data-cmd="refresh" title="Làm mới (refresh)">Làm mới</button>
  <button data-cmd="csv" title="Xuất CSV (export CSV)">Xuất CSV</button>
  <button data-cmd="markdown" title="Xuất Markdown (export Markdown)">Xuất Markdown</button>
</div>
<div class="legend">CT = chủ trì · PH = phối hợp · TN = chịu trách nhiệm (tính như chủ trì) · ⚠ = hai cơ quan cùng chủ trì một nhiệm vụ. Nhấn vào ô để mở câu trong văn bản.</div>
${empty}
<table id="matrix">
<thead><tr><th>#</th><th>Nhiệm vụ</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${m.findings.length ? `<h3>Phát hiện (findings)</h3>\n<ul class="findings">\n${findings}\n</ul>` : ''}
<script nonce="${n}">
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (ev) => {
    const a = ev.target.closest('a.open');
    if (a) { ev.preventDefault(); vscode.postMessage({ type: 'open', task: Number(a.dataset.task), entry: Number(a.dataset.entry) }); return; }
    const b = ev.target.closest('button[data-cmd]');
    if (b) vscode.postMessage({ type: b.dataset.cmd });
  });
  const flagged = document.getElementById('flagged');
  const state = vscode.getState() || {};
  flagged.checked = !!state.flagged;
  document.body.classList.toggle('flagged-only', flagged.checked);
  flagged.addEventListener('change', () => {
    document.body.classList.toggle('flagged-only', flagged.checked);
    vscode.setState({ flagged: flagged.checked });
  });
</script>
</body>
</html>`;
}

/** The one panel of the matrix (shown again, not duplicated, when the command runs twice). */
export class ResponsibilityView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private matrix: Matrix | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: () => LanguageClient | undefined,
    /** Resolves when the current client has started. */
    private readonly ready: () => Promise<void>,
    private readonly output: vscode.OutputChannel,
  ) {
    this.disposables.push(vscode.workspace.onDidChangeTextDocument((e) => {
      if (this.panel?.visible && e.document.languageId === 'vbpl') this.scheduleRefresh();
    }));
  }

  private async request(format?: 'markdown' | 'csv'): Promise<Matrix> {
    await this.ready();
    const c = this.client();
    if (!c?.isRunning()) throw new Error('máy chủ ngôn ngữ dieu chưa chạy (the dieu language server is not running)');
    return c.sendRequest<Matrix>(RESPONSIBILITIES_REQUEST, format ? { format } : {});
  }

  /** Opens (or reveals) the view with a fresh matrix. */
  async show(): Promise<ViewSummary> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Ma trận trách nhiệm', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => { this.panel = undefined; }, undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((msg) => this.onMessage(msg), undefined, this.disposables);
      this.panel.onDidChangeViewState((e) => { if (e.webviewPanel.visible) this.scheduleRefresh(); }, undefined, this.disposables);
    } else {
      this.panel.reveal(undefined, false);
    }
    return this.refresh();
  }

  async refresh(): Promise<ViewSummary> {
    const m = await this.request();
    this.matrix = m;
    if (this.panel) this.panel.webview.html = renderMatrix(m, this.panel.webview.cspSource);
    return {
      tasks: m.tasks.length, agencies: m.agencies.length,
      overlaps: m.tasks.filter((t) => t.overlap).length, duplicates: m.tasks.filter((t) => t.duplicate).length,
    };
  }

  /** The matrix as CSV or Markdown in a new untitled document (the user saves it where they want). */
  async export(format: 'csv' | 'markdown'): Promise<vscode.TextDocument> {
    const m = await this.request(format);
    const content = (format === 'csv' ? m.csv : m.markdown) ?? '';
    const doc = await vscode.workspace.openTextDocument({ content, language: format === 'csv' ? 'plaintext' : 'markdown' });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    return doc;
  }

  /** Opens the statement of `entry` of task `task` in the text. */
  async open(task: number, entry: number): Promise<void> {
    const e = this.matrix?.tasks[task]?.entries[entry];
    if (!e) return;
    const r = e.range;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(e.uri), { selection: range, viewColumn: vscode.ViewColumn.One, preview: true });
  }

  private async onMessage(msg: { type?: string; task?: number; entry?: number }): Promise<void> {
    try {
      switch (msg?.type) {
        case 'open': await this.open(Number(msg.task), Number(msg.entry)); break;
        case 'refresh': await this.refresh(); break;
        case 'csv': case 'markdown': await this.export(msg.type); break;
      }
    } catch (err) {
      this.output.appendLine(`[dieu] responsibility view: ${String(err)}`);
      void vscode.window.showErrorMessage(`dieu: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.panel?.visible) this.refresh().catch((err) => this.output.appendLine(`[dieu] responsibility view: ${String(err)}`));
    }, 800);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
