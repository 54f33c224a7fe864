/**
 * `dieu lint` from the outside (DESIGN.md §3 is a contract): each test writes drafts into a
 * fresh temporary directory and runs the bundled CLI (`dist/cli.js`) in it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

interface Run { code: number | null; stdout: string; stderr: string }

function dieu(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs with `--format json` and parses stdout (which must be exactly one JSON value). */
function dieuJson(cwd: string, command: 'lint', ...args: string[]): Run & { json: any } {
  const r = dieu(cwd, command, '--format', 'json', ...args);
  let json: unknown;
  try { json = JSON.parse(r.stdout); } catch { assert.fail(`stdout is not one JSON object:\n${r.stdout}\nstderr: ${r.stderr}`); }
  return { ...r, json };
}

let tmp = '';
function write(rel: string, content: string | Buffer): string {
  const p = path.join(tmp, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

// A draft with three defects: `2)` for khoản 2 (marker-style, warning), `Dieu` (unaccented-keyword,
// info), Điều 2 → Điều 4 (numbering-gap, error).
const DEFECTS = [
  'Điều 1. Phạm vi điều chỉnh',
  '1. Quy định chung.',
  '2) Quy định riêng.',
  'Dieu 2. Đối tượng áp dụng',
  'Văn bản này áp dụng cho các cơ quan nhà nước.',
  'Điều 4. Hiệu lực thi hành',
  'Văn bản này có hiệu lực từ ngày ký.',
  '',
].join('\n');

const CLEAN = [
  'Điều 1. Phạm vi điều chỉnh',
  'Quy chế này quy định việc phối hợp.',
  'Điều 2. Hiệu lực thi hành',
  '1. Quy chế này có hiệu lực từ ngày ký.',
  '2. Các cơ quan chịu trách nhiệm thi hành.',
  '',
].join('\n');

// Only a warning: `2)` for khoản 2.
const ONE_WARNING = ['Điều 1. Phạm vi', '1. Một.', '2) Hai.', ''].join('\n');

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function defectsJson(p: string) {
  return {
    path: p,
    diagnostics: [
      {
        code: 'marker-style', severity: 'warning',
        message: 'Khoản phải đánh số "2.", không phải "2)" (clause marker should be "2.")',
        range: r(2, 0, 2, 2), related: [],
      },
      {
        code: 'unaccented-keyword', severity: 'info',
        message: '"Dieu" viết không dấu; nên viết "Điều" (keyword without diacritics)',
        range: r(3, 0, 3, 4), related: [],
      },
      {
        code: 'numbering-gap', severity: 'error',
        message: 'Thiếu Điều 3 giữa Điều 2 và Điều 4 (numbering gap)',
        range: r(5, 0, 5, 6),
        related: [{ path: p, range: r(3, 0, 3, 6), message: 'Điều 2 ở đây (previous unit)' }],
      },
    ],
  };
}

describe('cli: dieu lint', function () {
  beforeEach(() => { tmp = mkdtempSync(path.join(tmpdir(), 'dieu-cli-')); });
  afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

  describe('exit codes', () => {
    it('0 for a clean draft, with a one-line stylish summary', () => {
      write('clean.vbpl', CLEAN);
      const res = dieu(tmp, 'lint', 'clean.vbpl');
      assert.equal(res.code, 0, res.stderr);
      assert.equal(res.stdout, '✔ 1 file checked, no problems\n');
      assert.equal(res.stderr, '');
    });

    it('1 when an error is found', () => {
      write('defects.vbpl', DEFECTS);
      assert.equal(dieu(tmp, 'lint', 'defects.vbpl').code, 1);
    });

    it('0 when only warnings and infos are found', () => {
      write('w.vbpl', ONE_WARNING);
      assert.equal(dieu(tmp, 'lint', 'w.vbpl').code, 0);
    });

    it('2 for an unknown option, a missing value, an unknown format, no files', () => {
      write('clean.vbpl', CLEAN);
      for (const args of [['lint', '--frobnicate', 'clean.vbpl'], ['lint', 'clean.vbpl', '--format'],
        ['lint', '--format', 'xml', 'clean.vbpl'], ['lint'], ['frobnicate'], []]) {
        const res = dieu(tmp, ...args);
        assert.equal(res.code, 2, `dieu ${args.join(' ')}`);
        assert.equal(res.stdout, '', `dieu ${args.join(' ')}`);
        assert.match(res.stderr, /^dieu: /, `dieu ${args.join(' ')}`);
      }
      assert.match(dieu(tmp, 'lint', '--frobnicate', 'clean.vbpl').stderr, /unknown option "--frobnicate"/);
    });

    it('2 for a glob that matches nothing; the other files are still checked', () => {
      write('defects.vbpl', DEFECTS);
      const res = dieuJson(tmp, 'lint', 'defects.vbpl', 'nothing/*.vbpl');
      assert.equal(res.code, 2);
      assert.match(res.stderr, /no files match the pattern "nothing\/\*\.vbpl"/);
      assert.deepEqual(res.json.files.map((f: any) => f.path), ['defects.vbpl']);
    });
  });

  describe('unreadable files', () => {
    it('a missing file and a directory named as a file: exit 2 (over 1), named on stderr, others printed', () => {
      write('defects.vbpl', DEFECTS);
      mkdirSync(path.join(tmp, 'folder.vbpl'));
      const res = dieuJson(tmp, 'lint', 'missing.vbpl', 'defects.vbpl', 'folder.vbpl');
      assert.equal(res.code, 2);
      assert.match(res.stderr, /cannot read "missing\.vbpl": no such file or directory/);
      assert.match(res.stderr, /cannot read "folder\.vbpl": it is a directory, not a file/);
      assert.deepEqual(res.json.files, [defectsJson('defects.vbpl')]);
      assert.deepEqual(res.json.summary, { files: 1, errors: 1, warnings: 1, infos: 1 });
    });

    it('invalid UTF-8: exit 2 with the file and line named; stylish still prints the others', () => {
      write('clean.vbpl', CLEAN);
      write('latin1.vbpl', Buffer.concat([Buffer.from('Điều 1. Phạm vi\n'), Buffer.from([0x44, 0xe9, 0x20, 0x0a])]));
      const res = dieu(tmp, 'lint', 'latin1.vbpl', 'clean.vbpl');
      assert.equal(res.code, 2);
      assert.match(res.stderr, /cannot read "latin1\.vbpl": not valid UTF-8 \(first bad byte on line 2\)/);
      assert.equal(res.stdout, '✔ 1 file checked, no problems\n');
    });

    it('a missing --catalog or --config file: exit 2 naming it', () => {
      write('clean.vbpl', CLEAN);
      const cat = dieu(tmp, 'lint', '--catalog', 'nope.jsonl', 'clean.vbpl');
      assert.equal(cat.code, 2);
      assert.match(cat.stderr, /cannot read catalog "nope\.jsonl"/);
      write('cat.jsonl', '{"number":"27/2025/NĐ-CP"}\n');
      assert.equal(dieu(tmp, 'lint', '--catalog', 'cat.jsonl', 'clean.vbpl').code, 0);
      const cfg = dieu(tmp, 'lint', '--config', 'nope.json', 'clean.vbpl');
      assert.equal(cfg.code, 2);
      assert.match(cfg.stderr, /cannot read config file "nope\.json"/);
    });
  });

  describe('--format json', () => {
    it('prints exactly the contract object: positions 0-based UTF-16, related paths as given', () => {
      write('drafts/defects.vbpl', DEFECTS);
      write('drafts/clean.vbpl', CLEAN);
      const res = dieu(tmp, 'lint', '--format', 'json', 'drafts/defects.vbpl', './drafts/clean.vbpl');
      assert.equal(res.code, 1);
      assert.equal(res.stdout.trim().split('\n').length, 1);
      assert.deepEqual(JSON.parse(res.stdout), {
        version: 1,
        files: [defectsJson('drafts/defects.vbpl'), { path: './drafts/clean.vbpl', diagnostics: [] }],
        summary: { files: 2, errors: 1, warnings: 1, infos: 1 },
      });
    });

    it('positions exclude the BOM and count NFD text as it is on disk; CRLF lines count once', () => {
      const nfd = 'Điều 1. Phạm vi'.normalize('NFD');
      write('bom.vbpl', `\uFEFF${nfd}\r\n1. Một.\r\n3) Ba.\r\n`);
      const res = dieuJson(tmp, 'lint', 'bom.vbpl');
      const d = res.json.files[0].diagnostics;
      assert.deepEqual(d.map((x: any) => [x.code, x.range]), [
        ['marker-style', r(2, 0, 2, 2)],
        ['numbering-gap', r(2, 0, 2, 2)],
      ]);
    });

    it('hints count in infos', () => {
      write('defects.vbpl', DEFECTS);
      const res = dieuJson(tmp, 'lint', '--rule', 'unaccented-keyword=hint', 'defects.vbpl');
      assert.equal(res.json.files[0].diagnostics[1].severity, 'hint');
      assert.deepEqual(res.json.summary, { files: 1, errors: 1, warnings: 1, infos: 1 });
    });
  });

  describe('--format sarif', () => {
    it('is SARIF 2.1.0 with rules, levels, 1-based regions, relative URIs and related locations', () => {
      write('drafts/sub/defects.vbpl', DEFECTS);
      const res = dieu(tmp, 'lint', '--format', 'sarif', 'drafts');
      assert.equal(res.code, 1);
      const sarif = JSON.parse(res.stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      assert.equal(sarif.runs.length, 1);
      const run = sarif.runs[0];
      assert.equal(run.tool.driver.name, 'dieu');
      const ruleIds: string[] = run.tool.driver.rules.map((x: any) => x.id);
      for (const code of ['numbering-gap', 'marker-style', 'unaccented-keyword', 'responsibility-overlap']) assert.ok(ruleIds.includes(code), code);
      for (const rule of run.tool.driver.rules) assert.equal(typeof rule.shortDescription.text, 'string');
      assert.deepEqual(run.results.map((x: any) => [x.ruleId, x.level, run.tool.driver.rules[x.ruleIndex].id]), [
        ['marker-style', 'warning', 'marker-style'],
        ['unaccented-keyword', 'note', 'unaccented-keyword'],
        ['numbering-gap', 'error', 'numbering-gap'],
      ]);
      const gap = run.results[2];
      assert.equal(gap.message.text, 'Thiếu Điều 3 giữa Điều 2 và Điều 4 (numbering gap)');
      assert.deepEqual(gap.locations, [{
        physicalLocation: {
          artifactLocation: { uri: 'drafts/sub/defects.vbpl' },
          region: { startLine: 6, startColumn: 1, endLine: 6, endColumn: 7 },
        },
      }]);
      assert.deepEqual(gap.relatedLocations, [{
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'drafts/sub/defects.vbpl' },
          region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 7 },
        },
        message: { text: 'Điều 2 ở đây (previous unit)' },
      }]);
    });
  });

  describe('--format github', () => {
    it('prints one workflow command per diagnostic, 1-based, escaped', () => {
      write('a,b:c.vbpl', DEFECTS);
      const res = dieu(tmp, 'lint', '--format', 'github', 'a,b:c.vbpl');
      assert.equal(res.code, 1);
      assert.equal(res.stdout, [
        '::warning file=a%2Cb%3Ac.vbpl,line=3,col=1,title=marker-style::Khoản phải đánh số "2.", không phải "2)" (clause marker should be "2.")',
        '::notice file=a%2Cb%3Ac.vbpl,line=4,col=1,title=unaccented-keyword::"Dieu" viết không dấu; nên viết "Điều" (keyword without diacritics)',
        '::error file=a%2Cb%3Ac.vbpl,line=6,col=1,title=numbering-gap::Thiếu Điều 3 giữa Điều 2 và Điều 4 (numbering gap)',
        '',
      ].join('\n'));
    });
  });

  describe('files', () => {
    function tree() {
      write('d/b.vbpl', CLEAN);
      write('d/a.vbpl.md', CLEAN);
      write('d/sub/c.vbpl', CLEAN);
      write('d/node_modules/x.vbpl', DEFECTS);
      write('d/.hidden/y.vbpl', DEFECTS);
      write('d/notes.txt', DEFECTS);
      write('d/README.md', '# Ghi chú\n');
    }

    it('a directory: drafts sorted, node_modules and dot folders skipped, passed-over .txt/.md named with the flag', () => {
      tree();
      const res = dieuJson(tmp, 'lint', 'd');
      assert.equal(res.code, 0, res.stderr);
      assert.deepEqual(res.json.files.map((f: any) => f.path), ['d/a.vbpl.md', 'd/b.vbpl', 'd/sub/c.vbpl']);
      assert.equal(res.stderr, "dieu: d: 1 .txt and 1 .md file(s) not checked (only *.vbpl and *.vbpl.md are searched); to check them, add --include '**/*.txt' --include '**/*.md'\n");
    });

    it('--include adds files (sorted in), and the notice names only what is still passed over', () => {
      tree();
      const res = dieuJson(tmp, 'lint', '--include', '**/*.txt', 'd/');
      assert.equal(res.code, 1);
      assert.deepEqual(res.json.files.map((f: any) => f.path), ['d/a.vbpl.md', 'd/b.vbpl', 'd/notes.txt', 'd/sub/c.vbpl']);
      assert.match(res.stderr, /1 \.md file\(s\) not checked.*--include '\*\*\/\*\.md'\n$/);
      assert.doesNotMatch(res.stderr, /\.txt/);
    });

    it('config include and exclude apply to directory searches; an explicit file is always checked', () => {
      tree();
      write('dieu.config.json', JSON.stringify({ include: ['**/*.txt'], exclude: ['sub/**', 'd/b.vbpl'] }));
      const res = dieuJson(tmp, 'lint', 'd', 'd/sub/c.vbpl');
      assert.deepEqual(res.json.files.map((f: any) => f.path), ['d/a.vbpl.md', 'd/notes.txt', 'd/sub/c.vbpl']);
    });

    it('files in the order given; each file once', () => {
      write('z.vbpl', CLEAN);
      write('a.vbpl', CLEAN);
      const res = dieuJson(tmp, 'lint', 'z.vbpl', 'a.vbpl', 'z.vbpl', '.');
      assert.deepEqual(res.json.files.map((f: any) => f.path), ['z.vbpl', 'a.vbpl']);
    });

    it('a glob: its matches sorted, paths as written', () => {
      write('drafts/b.vbpl', CLEAN);
      write('drafts/a.txt', CLEAN);
      write('drafts/c.md', CLEAN);
      const res = dieuJson(tmp, 'lint', 'drafts/*.{txt,vbpl}');
      assert.equal(res.code, 0);
      assert.deepEqual(res.json.files.map((f: any) => f.path), ['drafts/a.txt', 'drafts/b.vbpl']);
    });

    it('an explicit .txt file is checked', () => {
      write('x.txt', DEFECTS);
      const res = dieuJson(tmp, 'lint', 'x.txt');
      assert.equal(res.code, 1);
      assert.deepEqual(res.json.files, [defectsJson('x.txt')]);
    });
  });

  describe('rules and config', () => {
    it('--rule <code>=off removes a rule; =error raises one', () => {
      write('defects.vbpl', DEFECTS);
      const off = dieuJson(tmp, 'lint', '--rule', 'numbering-gap=off', '--rule=unaccented-keyword=off', 'defects.vbpl');
      assert.equal(off.code, 0);
      assert.deepEqual(off.json.files[0].diagnostics.map((d: any) => d.code), ['marker-style']);
      write('w.vbpl', ONE_WARNING);
      const up = dieuJson(tmp, 'lint', '--rule', 'marker-style=error', 'w.vbpl');
      assert.equal(up.code, 1);
      assert.equal(up.json.files[0].diagnostics[0].severity, 'error');
    });

    it('--rule with an unknown code or severity: exit 2 naming it', () => {
      write('clean.vbpl', CLEAN);
      const code = dieu(tmp, 'lint', '--rule', 'numbering-gapp=off', 'clean.vbpl');
      assert.equal(code.code, 2);
      assert.match(code.stderr, /unknown rule code "numbering-gapp" \(did you mean "numbering-gap"\?\)/);
      const sev = dieu(tmp, 'lint', '--rule', 'numbering-gap=fatal', 'clean.vbpl');
      assert.equal(sev.code, 2);
      assert.match(sev.stderr, /invalid severity "fatal"/);
    });

    it('dieu.config.json in the cwd applies; --rule overrides it', () => {
      write('defects.vbpl', DEFECTS);
      write('dieu.config.json', JSON.stringify({ rules: { 'numbering-gap': 'off', 'marker-style': 'off' } }));
      const cfg = dieuJson(tmp, 'lint', 'defects.vbpl');
      assert.equal(cfg.code, 0);
      assert.deepEqual(cfg.json.files[0].diagnostics.map((d: any) => d.code), ['unaccented-keyword']);
      const over = dieuJson(tmp, 'lint', '--rule', 'numbering-gap=warning', 'defects.vbpl');
      assert.deepEqual(over.json.files[0].diagnostics.map((d: any) => [d.code, d.severity]),
        [['unaccented-keyword', 'info'], ['numbering-gap', 'warning']]);
    });

    it('--config <file> is used instead of the default', () => {
      write('defects.vbpl', DEFECTS);
      write('dieu.config.json', JSON.stringify({ rules: { 'numbering-gap': 'off' } }));
      write('conf/strict.json', JSON.stringify({ rules: { 'unaccented-keyword': 'error' } }));
      const res = dieuJson(tmp, 'lint', '--config', 'conf/strict.json', 'defects.vbpl');
      assert.deepEqual(res.json.files[0].diagnostics.map((d: any) => [d.code, d.severity]),
        [['marker-style', 'warning'], ['unaccented-keyword', 'error'], ['numbering-gap', 'error']]);
    });

    it('config with an unknown key, an unknown code, a bad severity or bad JSON: exit 2 naming it', () => {
      write('clean.vbpl', CLEAN);
      const cases: Array<[unknown, RegExp]> = [
        [{ rule: {} }, /^dieu: dieu\.config\.json: rule: unknown key "rule"/],
        [{ rules: { 'no-such-rule': 'off' } }, /^dieu: dieu\.config\.json: rules\.no-such-rule: unknown rule code "no-such-rule"/],
        [{ rules: { 'numbering-gap': 'loud' } }, /^dieu: dieu\.config\.json: rules\.numbering-gap: invalid severity "loud"/],
        [{ include: '**/*.txt' }, /^dieu: dieu\.config\.json: include: "include" must be an array of strings/],
      ];
      for (const [config, message] of cases) {
        write('dieu.config.json', JSON.stringify(config));
        const res = dieu(tmp, 'lint', 'clean.vbpl');
        assert.equal(res.code, 2, JSON.stringify(config));
        assert.match(res.stderr, message);
        assert.equal(res.stdout, '');
      }
      write('dieu.config.json', '{"rules": ');
      const bad = dieu(tmp, 'lint', 'clean.vbpl');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /dieu\.config\.json: invalid JSON/);
    });
  });

  describe('--max-warnings', () => {
    it('counts warnings only: over the limit exits 1, at the limit 0', () => {
      write('w.vbpl', ONE_WARNING);
      write('dieu.config.json', JSON.stringify({ rules: { 'numbering-gap': 'off' } }));
      const over = dieu(tmp, 'lint', '--max-warnings', '0', 'w.vbpl');
      assert.equal(over.code, 1);
      assert.match(over.stderr, /too many warnings \(1\); --max-warnings allows 0/);
      assert.equal(dieu(tmp, 'lint', '--max-warnings', '1', 'w.vbpl').code, 0);
      // infos do not count
      write('i.vbpl', 'Dieu 1. Phạm vi\nNội dung.\n');
      assert.equal(dieu(tmp, 'lint', '--max-warnings', '0', 'i.vbpl').code, 0);
      assert.equal(dieu(tmp, 'lint', '--max-warnings', 'many', 'w.vbpl').code, 2);
    });
  });

  describe('--fix', () => {
    it('rewrites `3)` → `3.` and `Dieu` → `Điều`, keeping BOM, CRLF and NFD bytes, then reports what remains', () => {
      const nfdTitle = 'Phạm vi điều chỉnh'.normalize('NFD');
      const before = `\uFEFFĐiều 1. ${nfdTitle}\r\n1. Quy định chung.\r\n2. Quy định riêng.\r\n3) Quy định khác.\r\nDieu 2. Hiệu lực\r\nCó hiệu lực.\r\nĐiều 4. Thi hành\r\n`;
      const after = `\uFEFFĐiều 1. ${nfdTitle}\r\n1. Quy định chung.\r\n2. Quy định riêng.\r\n3. Quy định khác.\r\nĐiều 2. Hiệu lực\r\nCó hiệu lực.\r\nĐiều 4. Thi hành\r\n`;
      const file = write('fix.vbpl', before);
      const res = dieuJson(tmp, 'lint', '--fix', 'fix.vbpl');
      assert.ok(readFileSync(file).equals(Buffer.from(after, 'utf8')), readFileSync(file, 'utf8'));
      assert.equal(res.code, 1);
      assert.deepEqual(res.json.files[0].diagnostics.map((d: any) => [d.code, d.range.start.line]), [['numbering-gap', 6]]);
    });

    it('leaves a file without safe fixes untouched, and rules turned off are not fixed', () => {
      const file = write('defects.vbpl', DEFECTS);
      const res = dieu(tmp, 'lint', '--fix', '--rule', 'unaccented-keyword=off', 'defects.vbpl');
      assert.equal(res.code, 1);
      assert.equal(readFileSync(file, 'utf8'), DEFECTS.replace('2) Quy', '2. Quy'));
      const clean = write('clean.vbpl', CLEAN);
      dieu(tmp, 'lint', '--fix', 'clean.vbpl');
      assert.equal(readFileSync(clean, 'utf8'), CLEAN);
    });
  });

  describe('help and version', () => {
    it('--help, lint --help and --version print to stdout and exit 0', () => {
      const main = dieu(tmp, '--help');
      assert.equal(main.code, 0);
      assert.match(main.stdout, /^Usage: dieu <command>/);
      const lint = dieu(tmp, 'lint', '--help');
      assert.equal(lint.code, 0);
      for (const opt of ['--format', '--catalog', '--config', '--rule', '--fix', '--max-warnings', '--include']) assert.ok(lint.stdout.includes(opt), opt);
      const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const version = dieu(tmp, '--version');
      assert.deepEqual([version.code, version.stdout], [0, `${pkg.version}\n`]);
    });

    it('dieu catalog with an unknown subcommand: exit 2 naming it (the command itself: catalog.test.ts)', () => {
      const res = dieu(tmp, 'catalog', 'list');
      assert.equal(res.code, 2);
      assert.match(res.stderr, /unknown catalog command "list"/);
    });
  });
});
