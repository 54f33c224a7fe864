/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it — one run, tool
 * `dieu` with every rule, results with a level, a message, a physical location (URI
 * relative to the working directory, forward slashes; 1-based region, UTF-16 columns)
 * and related locations.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, type Severity } from '../../core/diagnostics';
import type { Range } from '../../core/text';
import type { Formatter } from '../report';
import { allCodes, ruleDescription } from '../rules';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export const formatSarif: Formatter = (report, ctx) => {
  const codes = allCodes();
  for (const f of report.files) for (const d of f.diagnostics) if (!codes.includes(d.code as never)) codes.push(d.code as never);
  const index = new Map(codes.map((c, i) => [c as string, i]));
  const results = [];
  for (const f of report.files) {
    const uri = artifactUri(f.path, ctx.cwd);
    for (const d of f.diagnostics) {
      results.push({
        ruleId: d.code,
        ruleIndex: index.get(d.code),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [location(uri, d.range)],
        ...(d.related.length
          ? {
              relatedLocations: d.related.map((r, i) => ({
                id: i + 1, ...location(artifactUri(r.path, ctx.cwd), r.range), message: { text: r.message },
              })),
            }
          : {}),
      });
    }
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'dieu',
          version: ctx.version,
          semanticVersion: ctx.version,
          informationUri: 'https://github.com/dieu-vn/dieu',
          rules: codes.map((c) => ({
            id: c,
            name: c.replace(/(^|-)([a-z])/g, (_m, _d, l: string) => l.toUpperCase()),
            shortDescription: { text: ruleDescription(c) },
            defaultConfiguration: { level: LEVEL[(RULES as Record<string, Severity>)[c] ?? 'warning'] },
          })),
        },
      },
      invocations: [{
        executionSuccessful: report.problems.length === 0,
        ...(report.problems.length
          ? { toolExecutionNotifications: report.problems.map((p) => ({ level: 'error', message: { text: p } })) }
          : {}),
      }],
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};

function location(uri: string, r: Range) {
  return {
    physicalLocation: {
      artifactLocation: { uri },
      region: {
        startLine: r.start.line + 1,
        startColumn: r.start.character + 1,
        endLine: r.end.line + 1,
        // SARIF's endColumn is the column after the region.
        endColumn: r.end.character + 1,
      },
    },
  };
}

/** Relative to the working directory with forward slashes, percent-encoded; outside it, a file: URI. */
export function artifactUri(p: string, cwd: string): string {
  const abs = path.resolve(cwd, p);
  const rel = path.relative(cwd, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return pathToFileURL(abs).href;
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}
