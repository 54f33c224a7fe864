/**
 * Settings: `dieu.rules`, `dieu.catalogs`, `dieu.include` (the same keys as `dieu.config.json`,
 * DESIGN.md §3). VS Code answers `workspace/configuration` for section `dieu`; other editors
 * may pass the same object as `initializationOptions` or push it in
 * `workspace/didChangeConfiguration`. Invalid entries are logged and ignored, never fatal:
 * a typo in one rule must not switch the others off.
 */
import { isCode, isSeveritySetting, type RuleSeverities } from '../core/diagnostics';
import type { Logger } from './guard';

export interface Settings {
  rules: RuleSeverities;
  catalogs: string[];
  include: string[];
}

export function defaultSettings(): Settings {
  return { rules: {}, catalogs: [], include: [] };
}

/**
 * Reads the keys present in `raw` (a `dieu` settings object). Absent keys stay absent, so that
 * configuration from the client can be layered over `initializationOptions`.
 */
export function readSettings(raw: unknown, log: Logger, origin: string): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    log.warn(`dieu: ${origin}: settings must be an object, got ${typeof raw}; ignored`);
    return out;
  }
  const o = raw as Record<string, unknown>;
  if (o.rules !== undefined && o.rules !== null) {
    if (typeof o.rules !== 'object' || Array.isArray(o.rules)) {
      log.warn(`dieu: ${origin}: "rules" must be an object of code → off|error|warning|info|hint; ignored`);
    } else {
      const rules: RuleSeverities = {};
      for (const [code, sev] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!isCode(code)) { log.warn(`dieu: ${origin}: unknown rule "${code}" in "rules"; ignored`); continue; }
        if (!isSeveritySetting(sev)) {
          log.warn(`dieu: ${origin}: rule "${code}" has severity ${JSON.stringify(sev)}; expected off|error|warning|info|hint; ignored`);
          continue;
        }
        rules[code] = sev;
      }
      out.rules = rules;
    }
  }
  for (const key of ['catalogs', 'include'] as const) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      log.warn(`dieu: ${origin}: "${key}" must be an array of strings; ignored`);
      continue;
    }
    out[key] = [...v] as string[];
  }
  return out;
}

/** Later layers win key by key (`rules` as a whole: a client's rules replace the init options' rules). */
export function layerSettings(...layers: Array<Partial<Settings>>): Settings {
  const s = defaultSettings();
  for (const l of layers) {
    if (l.rules) s.rules = l.rules;
    if (l.catalogs) s.catalogs = l.catalogs;
    if (l.include) s.include = l.include;
  }
  return s;
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
