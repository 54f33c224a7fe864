/**
 * Validation of a dieu configuration object: the `dieu.config.json` file of the CLI and the
 * `dieu.*` settings of the editor share these keys (DESIGN.md §3). Pure: callers read and
 * parse the JSON; this only checks its shape and says which key is wrong.
 */
import { type Code, isCode, isSeveritySetting, RULES, SEVERITY_SETTINGS, type RuleSeverities, type SeveritySetting } from './diagnostics';

export interface DieuConfig {
  /** Severity per code (`off` drops the rule). */
  rules: RuleSeverities;
  /** Catalog files (JSON Lines), as written (relative paths resolved by the caller). */
  catalogs: string[];
  /** Extra globs of files treated as drafts when a directory is searched (`**\/*.txt`). */
  include: string[];
  /** Globs skipped when a directory is searched. */
  exclude: string[];
}

export interface ConfigProblem {
  /** The offending key as a path: `rules.numbering-gapp`, `include[1]`, `foo`. */
  key: string;
  message: string;
}

export const CONFIG_KEYS = ['rules', 'catalogs', 'include', 'exclude'] as const;

/** Keys tolerated but ignored: editors use `$schema` for completion. */
const IGNORED_KEYS = new Set(['$schema']);

export function emptyConfig(): DieuConfig {
  return { rules: {}, catalogs: [], include: [], exclude: [] };
}

/**
 * Checks a parsed configuration object. Every problem names its key; the returned config
 * holds the valid parts only (so a caller may choose to go on with them).
 */
export function validateConfig(value: unknown): { config: DieuConfig; problems: ConfigProblem[] } {
  const config = emptyConfig();
  const problems: ConfigProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ key: '', message: 'the configuration must be a JSON object' });
    return { config, problems };
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    switch (key) {
      case 'rules':
        validateRules(v, config.rules, problems);
        break;
      case 'catalogs':
      case 'include':
      case 'exclude':
        config[key] = stringList(key, v, problems);
        break;
      default:
        if (!IGNORED_KEYS.has(key)) {
          problems.push({ key, message: `unknown key "${key}" (known keys: ${CONFIG_KEYS.join(', ')})` });
        }
    }
  }
  return { config, problems };
}

function validateRules(v: unknown, out: RuleSeverities, problems: ConfigProblem[]): void {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    problems.push({ key: 'rules', message: '"rules" must be an object mapping rule codes to severities' });
    return;
  }
  for (const [code, sev] of Object.entries(v as Record<string, unknown>)) {
    if (!isCode(code)) {
      problems.push({ key: `rules.${code}`, message: `unknown rule code "${code}"${suggest(code)}` });
    } else if (!isSeveritySetting(sev)) {
      problems.push({ key: `rules.${code}`, message: `invalid severity ${JSON.stringify(sev)} for "${code}" (expected ${SEVERITY_SETTINGS.join('|')})` });
    } else {
      out[code] = sev;
    }
  }
}

function stringList(key: string, v: unknown, problems: ConfigProblem[]): string[] {
  if (!Array.isArray(v)) {
    problems.push({ key, message: `"${key}" must be an array of strings` });
    return [];
  }
  const out: string[] = [];
  v.forEach((s, i) => {
    if (typeof s === 'string' && s !== '') out.push(s);
    else problems.push({ key: `${key}[${i}]`, message: `"${key}[${i}]" must be a non-empty string` });
  });
  return out;
}

/**
 * Parses one `<code>=<severity>` override (the CLI's `--rule`). Returns the pair, or a
 * problem naming the code (or the whole text when it has no `=`).
 */
export function parseRuleSetting(text: string): { code: Code; severity: SeveritySetting } | ConfigProblem {
  const eq = text.indexOf('=');
  if (eq < 0) return { key: text, message: `expected <code>=<severity>, got "${text}"` };
  const code = text.slice(0, eq).trim();
  const severity = text.slice(eq + 1).trim();
  if (!isCode(code)) return { key: code, message: `unknown rule code "${code}"${suggest(code)}` };
  if (!isSeveritySetting(severity)) {
    return { key: code, message: `invalid severity "${severity}" for "${code}" (expected ${SEVERITY_SETTINGS.join('|')})` };
  }
  return { code, severity };
}

/** ` (did you mean "numbering-gap"?)` for a near miss, else ''. */
function suggest(code: string): string {
  let best = '', bestD = Infinity;
  for (const c of Object.keys(RULES)) {
    const d = editDistance(code, c);
    if (d < bestD) { best = c; bestD = d; }
  }
  return bestD <= 3 ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
