/** Diagnostic codes (DESIGN.md §2, a contract: never rename or repurpose one). */
import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export const RULES = {
  'numbering-gap': 'error',
  'numbering-duplicate': 'error',
  'numbering-order': 'error',
  'point-invalid-letter': 'error',
  'point-sequence-exhausted': 'warning',
  'marker-style': 'warning',
  'structure-misplaced': 'warning',
  'heading-title-missing': 'warning',
  'unaccented-keyword': 'info',
  'ref-missing-target': 'error',
  'citation-malformed': 'error',
  'ext-unknown-document': 'info',
  'ext-missing-target': 'error',
  'ext-repealed': 'warning',
  'ext-mismatch': 'warning',
  'responsibility-overlap': 'warning',
  'responsibility-duplicate': 'info',
} as const satisfies Record<string, Severity>;

export type Code = keyof typeof RULES;

export function isCode(s: string): s is Code {
  return Object.prototype.hasOwnProperty.call(RULES, s);
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'error', 'warning', 'info', 'hint'];

export function isSeveritySetting(s: unknown): s is SeveritySetting {
  return typeof s === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(s);
}

export interface RelatedInfo {
  uri: string;
  range: Range;
  message: string;
}

/** A text edit on the file's original text (positions as the user has it). */
export interface TextEdit { range: Range; newText: string }

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by `dieu lint --fix`; others only offered in the editor. */
  safe: boolean;
}

export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedInfo[];
  fix?: Fix;
}

export type RuleSeverities = Partial<Record<Code, SeveritySetting>>;

/** Applies configured severities; drops diagnostics whose rule is `off`. */
export function applySeverities(diags: Diagnostic[], rules: RuleSeverities | undefined): Diagnostic[] {
  if (!rules) return diags;
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const s = rules[d.code];
    if (s === 'off') continue;
    out.push(s ? { ...d, severity: s } : d);
  }
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    || a.code.localeCompare(b.code);
}
