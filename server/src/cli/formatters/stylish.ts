/**
 * `--format stylish` (default): per file a heading and one line per problem,
 * `line:col  severity  message  code`, related locations below, then a summary line.
 * Colours only when asked (stdout is a TTY).
 */
import type { Severity } from '../../core/diagnostics';
import type { Formatter, ReportDiagnostic } from '../report';

const SGR = { reset: 0, bold: 1, dim: 2, red: 31, yellow: 33, blue: 34, green: 32, underline: 4 } as const;
type Style = keyof typeof SGR;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'dim' };

export const formatStylish: Formatter = (report, ctx) => {
  const paint = (style: Style, s: string) => (ctx.color ? `\x1b[${SGR[style]}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  let fixable = 0;
  for (const f of report.files) {
    if (f.diagnostics.length === 0) continue;
    lines.push(paint('underline', f.path));
    const where = (d: ReportDiagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1}`;
    const wWhere = Math.max(...f.diagnostics.map((d) => where(d).length));
    const wSev = Math.max(...f.diagnostics.map((d) => d.severity.length));
    for (const d of f.diagnostics) {
      if (d.fixable) fixable++;
      const message = d.message.replace(/\s*[\r\n]+\s*/g, ' ');
      lines.push(`  ${paint('dim', where(d).padEnd(wWhere))}  ${paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(wSev))}  ${message}  ${paint('dim', d.code)}`);
      for (const r of d.related) {
        const loc = `${r.path === f.path ? '' : `${r.path}:`}${r.range.start.line + 1}:${r.range.start.character + 1}`;
        lines.push(`  ${' '.repeat(wWhere)}  ${paint('dim', `↳ ${loc} ${r.message}`)}`);
      }
    }
    lines.push('');
  }
  const s = report.summary;
  const total = s.errors + s.warnings + s.infos;
  if (total === 0) {
    if (s.files > 0) lines.push(paint('green', `✔ ${plural(s.files, 'file')} checked, no problems${report.fixed ? ` (${plural(report.fixed, 'fix', 'fixes')} applied)` : ''}`));
  } else {
    const mark = s.errors ? paint('red', '✖') : s.warnings ? paint('yellow', '⚠') : paint('blue', 'ℹ');
    const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info', 'infos')}`;
    lines.push(`${mark} ${plural(total, 'problem')} (${counts}) in ${plural(s.files, 'file')} checked`);
    if (report.fixed) lines.push(`  ${plural(report.fixed, 'fix', 'fixes')} applied`);
    if (fixable) lines.push(paint('dim', `  ${fixable} of them can be fixed with --fix`));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
