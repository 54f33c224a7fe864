/**
 * `--format github`: GitHub Actions workflow commands, one per diagnostic
 * (`::error file=…,line=…,col=…,title=code::message`, 1-based), so problems show as
 * annotations on the pull request.
 */
import type { Severity } from '../../core/diagnostics';
import type { Formatter } from '../report';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

export const formatGithub: Formatter = (report) => {
  let out = '';
  for (const f of report.files) {
    const file = property(f.path.replace(/\\/g, '/'));
    for (const d of f.diagnostics) {
      out += `::${COMMAND[d.severity]} file=${file},line=${d.range.start.line + 1},col=${d.range.start.character + 1},`
        + `title=${property(d.code)}::${data(d.message)}\n`;
    }
  }
  return out;
};

/** Escaping of a command's message (toolkit's `escapeData`). */
export function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property value (toolkit's `escapeProperty`). */
export function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
