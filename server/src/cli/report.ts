/**
 * The result of a lint run as the formatters see it: files in report order, diagnostics by
 * position, related locations as paths (DESIGN.md §3). Formatters never see the core's URIs.
 */
import type { Severity } from '../core/diagnostics';
import type { Range } from '../core/text';

export interface ReportRelated { path: string; range: Range; message: string }

export interface ReportDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  related: ReportRelated[];
  /** Has a safe fix (`--fix` would apply it). Not part of the JSON contract. */
  fixable: boolean;
}

export interface ReportFile { path: string; diagnostics: ReportDiagnostic[] }

export interface Summary { files: number; errors: number; warnings: number; infos: number }

export interface LintReport {
  files: ReportFile[];
  summary: Summary;
  /** Messages about files that could not be read or arguments that named nothing. */
  problems: string[];
  /** Fixes written by `--fix` (0 when not fixing). */
  fixed: number;
}

export interface FormatContext {
  /** ANSI colours (stylish, on a TTY only). */
  color: boolean;
  version: string;
  cwd: string;
}

export type Formatter = (report: LintReport, ctx: FormatContext) => string;

export function summarize(files: readonly ReportFile[]): Summary {
  const s: Summary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') s.errors++;
      else if (d.severity === 'warning') s.warnings++;
      else s.infos++;
    }
  }
  return s;
}
