/** `--format json` (DESIGN.md §3, a contract): exactly one object, exactly these keys. */
import type { Formatter } from '../report';

export const formatJson: Formatter = (report) => {
  const out = {
    version: 1,
    files: report.files.map((f) => ({
      path: f.path,
      diagnostics: f.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: range(d.range),
        related: d.related.map((r) => ({ path: r.path, range: range(r.range), message: r.message })),
      })),
    })),
    summary: {
      files: report.summary.files, errors: report.summary.errors,
      warnings: report.summary.warnings, infos: report.summary.infos,
    },
  };
  return `${JSON.stringify(out)}\n`;
};

function range(r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  };
}
