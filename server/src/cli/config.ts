/**
 * Finding and loading `dieu.config.json` (DESIGN.md §3): `--config <file>`, else the file of
 * that name in the working directory when present. Validation itself is `core/config.ts`,
 * shared with the editor settings.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { emptyConfig, validateConfig, type DieuConfig } from '../core/config';
import { readDraft } from './read';

export const DEFAULT_CONFIG = 'dieu.config.json';

export interface LoadedConfig {
  config: DieuConfig;
  /** Directory the config's relative paths and globs are written against. */
  dir: string;
  /** The file read, as named (undefined when none). */
  file?: string;
}

/** The loaded config, or the messages (each naming the file and the key) that make it unusable. */
export function loadConfig(explicit: string | undefined, cwd: string): LoadedConfig | { errors: string[] } {
  let file = explicit;
  if (file === undefined) {
    if (!existsSync(path.join(cwd, DEFAULT_CONFIG))) return { config: emptyConfig(), dir: cwd };
    file = DEFAULT_CONFIG;
  }
  const abs = path.resolve(cwd, file);
  const r = readDraft(file, abs, 'config file ');
  if ('error' in r) return { errors: [r.error] };
  let value: unknown;
  try {
    value = JSON.parse(r.text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { errors: [`${file}: invalid JSON: ${(e as Error).message}`] };
  }
  const { config, problems } = validateConfig(value);
  if (problems.length > 0) return { errors: problems.map((p) => `${file}: ${p.key ? `${p.key}: ` : ''}${p.message}`) };
  return { config, dir: path.dirname(abs), file };
}
