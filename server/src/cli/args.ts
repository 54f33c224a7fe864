/**
 * Command-line parsing (DESIGN.md §3, a contract). No dependencies beyond the rule table, so
 * `dieu --help` and `dieu --version` answer without loading the parser.
 */
import { parseRuleSetting } from '../core/config';
import type { Code, SeveritySetting } from '../core/diagnostics';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface LintArgs {
  format: FormatName;
  catalogs: string[];
  config?: string;
  /** `--rule` overrides in the order given (later wins). */
  rules: Array<{ code: Code; severity: SeveritySetting }>;
  fix: boolean;
  /** Undefined: no limit. */
  maxWarnings?: number;
  include: string[];
  targets: string[];
}

export type Command =
  | { kind: 'help'; topic: 'main' | 'lint' | 'catalog' }
  | { kind: 'version' }
  | { kind: 'lint'; args: LintArgs }
  | { kind: 'catalog'; rest: string[] };

/** A mistake on the command line: exit code 2, message on stderr. */
export class UsageError extends Error {}

export const MAIN_HELP = `Usage: dieu <command> [options]

Checks drafts of Vietnamese regulations (structure, numbering, citations, responsibilities).

Commands:
  lint [options] <file|dir|glob>...   check drafts and report problems
  catalog ...                         inspect or import catalogs of external documents

Options:
  -h, --help      show help (dieu <command> --help for a command's options)
  -v, --version   show the version

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage error or unreadable file.
`;

export const LINT_HELP = `Usage: dieu lint [options] <file|dir|glob>...

Checks the drafts given as one workspace (citations between them resolve).
Directories are searched for *.vbpl and *.vbpl.md files (plus the include globs);
node_modules, dot folders and the config's exclude globs are skipped. A file named
explicitly is always checked.

Options:
  --format <name>            stylish (default), json, sarif or github
  --catalog <file>           catalog of external documents (JSON Lines); repeatable
  --config <file>            configuration file (default: dieu.config.json in the
                             current directory, if present)
  --rule <code>=<severity>   set a rule's severity: off|error|warning|info|hint;
                             repeatable, overrides the config
  --fix                      apply safe fixes in place, then report what remains
  --max-warnings <n>         exit 1 when there are more than n warnings
  --include <glob>           also search directories for these files; repeatable
                             (e.g. --include '**/*.txt')
  -h, --help                 show this help

Configuration (dieu.config.json):
  {"rules": {"<code>": "<severity>"}, "catalogs": ["…"], "include": ["**/*.txt"], "exclude": ["…"]}

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many
warnings, 2 usage error or a file that cannot be read.
`;

export const CATALOG_HELP = `Usage: dieu catalog <command> [options]

Looks up documents in the catalogs of external documents (JSON Lines, DESIGN §4): the
--catalog files in the order given, then the config's "catalogs", then the catalog
shipped with dieu. A number found in an earlier catalog wins field by field.

Commands:
  show <number>...        the card of each number (exit 1 when one is not found);
                          numbers match exactly after normalization (64/2007/ND-CP
                          finds 64/2007/NĐ-CP; 17/2017/NĐ-CP never finds 117/2017/NĐ-CP)
  search <words>...       documents whose number, type, title or issuer contain every
                          word (diacritics optional), newest first
  from-docs <file|dir>... one catalog line per document, from the documents' own headers
                          (number, type, issuer, date, title); append them to a catalog
  check [<file>...]       report malformed lines (exit 1 if any); default: the catalogs
                          in use

Options:
  --catalog <file>   a catalog (JSON Lines); repeatable
  --config <file>    configuration file whose "catalogs" are used (default:
                     dieu.config.json in the current directory, if present)
  --no-bundled       leave out the catalog shipped with dieu
  --type <type>      search: only this type ("Nghị định", "Thông tư", "Luật"…)
  --limit <n>        search: at most n results (default 20)
  --json             show/search: print JSON Lines instead of text
  -h, --help         show this help

Exit codes: 0 found / no problems, 1 not found / malformed lines, 2 usage error or a
catalog that cannot be read.
`;

/** Options that take a value, and where the value goes. */
const VALUE_OPTIONS = new Set(['--format', '--catalog', '--config', '--rule', '--max-warnings', '--include']);

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('no command given (try "dieu lint <file|dir|glob>...")');
  if (first === '-h' || first === '--help' || first === 'help') {
    const topic = rest[0] === 'lint' || rest[0] === 'catalog' ? rest[0] : 'main';
    return { kind: 'help', topic };
  }
  if (first === '-v' || first === '--version') return { kind: 'version' };
  if (first === 'catalog') {
    if (rest.includes('-h') || rest.includes('--help')) return { kind: 'help', topic: 'catalog' };
    return { kind: 'catalog', rest };
  }
  if (first === 'lint') return parseLint(rest);
  if (first.startsWith('-')) throw new UsageError(`unknown option "${first}"`);
  throw new UsageError(`unknown command "${first}" (commands: lint, catalog)`);
}

function parseLint(argv: readonly string[]): Command {
  const args: LintArgs = { format: 'stylish', catalogs: [], rules: [], fix: false, include: [], targets: [] };
  let onlyTargets = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyTargets || a === '-' || !a.startsWith('-')) {
      args.targets.push(a);
      continue;
    }
    if (a === '--') { onlyTargets = true; continue; }
    if (a === '-h' || a === '--help') return { kind: 'help', topic: 'lint' };
    if (a === '--fix') { args.fix = true; continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
    if (!VALUE_OPTIONS.has(name)) {
      throw new UsageError(name === '--fix' ? '--fix takes no value' : `unknown option "${name}"`);
    }
    let value: string;
    if (eq > 0 && name !== a) value = a.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`option ${name} needs a value`);
      value = argv[++i];
    }
    switch (name) {
      case '--format':
        if (!(FORMATS as readonly string[]).includes(value)) {
          throw new UsageError(`unknown format "${value}" (formats: ${FORMATS.join(', ')})`);
        }
        args.format = value as FormatName;
        break;
      case '--catalog': args.catalogs.push(value); break;
      case '--config': args.config = value; break;
      case '--include': args.include.push(value); break;
      case '--rule': {
        const r = parseRuleSetting(value);
        if ('message' in r) throw new UsageError(`--rule ${value}: ${r.message}`);
        args.rules.push(r);
        break;
      }
      case '--max-warnings': {
        if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--max-warnings needs a whole number, got "${value}"`);
        const n = Number(value);
        // -1 means no limit (as in ESLint).
        if (n < -1) throw new UsageError(`--max-warnings needs a number ≥ 0, got "${value}"`);
        args.maxWarnings = n === -1 ? undefined : n;
        break;
      }
    }
  }
  if (args.targets.length === 0) throw new UsageError('no files given (usage: dieu lint [options] <file|dir|glob>...)');
  return { kind: 'lint', args };
}
