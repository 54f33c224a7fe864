/**
 * Fixture tests as specification (DESIGN §6): each `test/fixtures/*.vbpl` is a short draft
 * whose expected diagnostics are written beside the lines they concern, as a trailing
 * `%% code` (several: `%% code1 code2`; a line expected clean has none).
 *
 * The runner cuts the annotations off (the rest of each line keeps its length and
 * positions), lints the draft as one workspace file, and compares the set of
 * (line, code) exactly: a missing or an extra diagnostic fails. Every diagnostic must also
 * start on its unit's marker (`Điều 6`, `3.`, `b)`), never on Markdown decoration.
 *
 * Codes under test in a fixture: the structure family (every code the per-file structure
 * checks report) and any other code annotated somewhere in that fixture. Diagnostics of
 * other families (citations, responsibilities) in a structure fixture are printed, not
 * compared — their own fixtures annotate them and are then compared exactly.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES, type Diagnostic } from '../../server/src/core/diagnostics';
import { Workspace } from '../../server/src/core/workspace';

const ROOT = resolve(__dirname, '../../..');

/** The codes of the per-file structure checks (`server/src/core/checks/{numbering,markers,structure}.ts`). */
export const STRUCTURE_CODES: readonly string[] = [
  'numbering-gap', 'numbering-duplicate', 'numbering-order', 'point-invalid-letter', 'point-sequence-exhausted',
  'marker-style', 'structure-misplaced', 'heading-title-missing', 'unaccented-keyword',
];
const DIR = join(ROOT, 'test/fixtures');

export interface Fixture {
  name: string;
  /** The draft as linted: annotations removed. */
  text: string;
  /** Expected `line:code` (0-based lines), sorted. */
  expected: string[];
}

/** Splits a fixture into the draft and its expectations. */
export function readFixture(name: string, raw: string): Fixture {
  const expected: string[] = [];
  const parts = raw.split(/(\r\n|\r|\n)/);
  let line = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const at = parts[i].indexOf('%%');
    if (at >= 0) {
      for (const code of parts[i].slice(at + 2).trim().split(/\s+/).filter(Boolean)) expected.push(`${line}:${code}`);
      parts[i] = parts[i].slice(0, at).replace(/[ \t]+$/, '');
    }
    line++;
  }
  return { name, text: parts.join(''), expected: expected.sort(byLineCode) };
}

function byLineCode(a: string, b: string): number {
  const [la, ca] = a.split(':'), [lb, cb] = b.split(':');
  return Number(la) - Number(lb) || ca.localeCompare(cb);
}

export function lint(uri: string, text: string): Diagnostic[] {
  const ws = new Workspace();
  ws.set(uri, text);
  return ws.diagnostics(uri);
}

// What a diagnostic's range may start with: the marker itself, never decoration.
const MARKER: Record<string, RegExp> = {
  'unaccented-keyword': /^(?:Dieu|DIEU|Chuong|CHUONG|Chuang|Muc|MUC|Phan|PHAN|Tieu muc|TIEU MUC)(?![\p{L}])/u,
  default: /^(?:(?:Điều|ĐIỀU|Ðiều|Dieu|DIEU|Chương|CHƯƠNG|Chuong|Mục|MỤC|Muc|Tiểu mục|TIỂU MỤC|Phần|PHẦN|Phan)[ \t]+\S|\d{1,3}[a-z]?(?:[.)\-]|\s)|[a-zđ]\d{0,2}[).]|[IVXLCl]{1,6}[.)\s])/u,
};

export function checkMarkerStart(text: string, d: Diagnostic): string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const { start, end } = d.range;
  if (start.line !== end.line || end.character <= start.character) return `range ${JSON.stringify(d.range)} is not a span on one line`;
  const at = lines[start.line].slice(start.character);
  const re = MARKER[d.code] ?? MARKER.default;
  if (!re.test(at)) return `${d.code} at ${start.line + 1}:${start.character + 1} starts on "${at.slice(0, 20)}", not on a marker`;
  return undefined;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.vbpl')).sort();

describe('fixtures (test/fixtures/*.vbpl: expectations written as `%% code` beside the lines)', () => {
  it('has one fixture per structure code', () => {
    for (const code of STRUCTURE_CODES) {
      assert.ok(files.includes(`${code}.vbpl`), `test/fixtures/${code}.vbpl is missing`);
    }
  });

  for (const file of files) {
    describe(file, () => {
      const fx = readFixture(file, readFileSync(join(DIR, file), 'utf8'));
      const underTest = new Set([...STRUCTURE_CODES, ...fx.expected.map((x) => x.split(':')[1])]);
      const all = lint(`file:///fixtures/${file}`, fx.text);
      const diags = all.filter((d) => underTest.has(d.code));
      const others = all.filter((d) => !underTest.has(d.code));
      if (others.length && process.env.DIEU_FIXTURES_VERBOSE) {
        console.log(`    (${file}: not under test) ${others.map((d) => `${d.range.start.line + 1}:${d.code}`).join(', ')}`);
      }

      it('gives exactly the annotated (line, code) set', () => {
        const actual = diags.map((d) => `${d.range.start.line}:${d.code}`).sort(byLineCode);
        const show = (xs: string[]) => xs.map((x) => { const [l, c] = x.split(':'); return `${Number(l) + 1}:${c}`; });
        const lines = fx.text.split(/\r\n|\r|\n/);
        const missing = fx.expected.filter((x) => !actual.includes(x));
        const extra = actual.filter((x) => !fx.expected.includes(x));
        const detail = (xs: string[]) => xs.map((x) => `${show([x])[0]}  ${lines[Number(x.split(':')[0])].slice(0, 60)}`).join('\n    ');
        assert.deepEqual(show(actual), show(fx.expected),
          `\n  missing:\n    ${detail(missing)}\n  extra:\n    ${detail(extra)}\n  messages:\n    ${diags.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n    ')}`);
      });

      it('starts every diagnostic on its marker, with its default severity', () => {
        for (const d of diags) {
          const problem = checkMarkerStart(fx.text, d);
          assert.equal(problem, undefined, problem);
          assert.equal(d.severity, RULES[d.code]);
        }
      });
    });
  }
});
