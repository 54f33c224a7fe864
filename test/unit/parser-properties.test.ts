/**
 * Property tests (fast-check): the parser never throws and terminates — on arbitrary strings,
 * on strings made of the pieces drafts are made of, and on random mutations of real drafts
 * (fixtures and seeds: lines inserted, deleted, swapped; markers swapped; quotes, BOMs, CRLF
 * and combining marks injected). Whatever the input, every unit lies within the text and
 * within its parent, and every diagnostic points at real characters of the file as it is.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse, type Parsed } from '../../server/src/core/parse';
import { checkFile } from '../../server/src/core/checks/index';
import { walkUnits } from '../../server/src/core/model';
import * as structure from '../../grammar/parser';

const ROOT = resolve(__dirname, '../../..');
const SEEDS = process.env.DIEU_SHARED ? join(process.env.DIEU_SHARED, 'seeds') : join(ROOT, '../shared/seeds');

/** Parses and checks `raw`, asserting every invariant; returns the parse for further checks. */
function parseChecked(raw: string): Parsed {
  const before = structure.structureErrors;
  const p = parse('file:///prop', raw);
  assert.equal(structure.structureErrors, before, 'the structure grammar met an error');
  const len = p.source.norm.length;
  assert.ok(p.documents.length >= 1);
  let prevDocEnd = 0;
  for (const d of p.documents) {
    assert.ok(d.span.start >= prevDocEnd && d.span.start <= d.span.end && d.span.end <= len, `document span ${JSON.stringify(d.span)}`);
    prevDocEnd = d.span.end;
    for (const u of walkUnits(d.units)) {
      const where = `${u.kind} ${u.num.label} ${JSON.stringify(u.span)}`;
      assert.ok(u.span.start >= 0 && u.span.start <= u.span.end && u.span.end <= len, `unit span out of the text: ${where}`);
      assert.ok(u.marker.start >= u.span.start && u.marker.start < u.marker.end && u.marker.end <= u.span.end, `marker outside its unit: ${where}`);
      if (u.parent) assert.ok(u.span.start >= u.parent.span.start && u.span.end <= u.parent.span.end, `unit outside its parent: ${where}`);
      if (u.titleSpan) assert.ok(u.titleSpan.start >= u.marker.end && u.titleSpan.end <= len, `title span: ${where}`);
    }
    for (const q of d.quotes) assert.ok(q.start >= 0 && q.start < q.end && q.end <= len);
  }
  const lines = p.source.original.split(/\r\n|\r|\n/);
  for (const diag of checkFile(p)) {
    const { start, end } = diag.range;
    for (const pos of [start, end]) {
      assert.ok(pos.line >= 0 && pos.line < lines.length, `${diag.code}: line ${pos.line} of ${lines.length}`);
      assert.ok(pos.character >= 0 && pos.character <= lines[pos.line].length, `${diag.code}: character ${pos.character} beyond its line`);
    }
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${diag.code}: range backwards`);
    // The marker starts with a character of the file (a letter, a digit or a look-alike).
    assert.match(lines[start.line].slice(start.character), /^[\p{L}\p{N}]/u, `${diag.code} starts on "${lines[start.line].slice(start.character, start.character + 8)}"`);
  }
  return p;
}

// The pieces drafts are made of: keywords (with and without diacritics, NFD), markers,
// quotes, Markdown, line ends of every kind, BOMs, combining marks.
const PIECES = [
  'Điều 1. ', 'Điều 15a. ', 'Dieu 3. ', 'Điều 2 ', 'Ðiều 4. ', 'Điều\n7. ', 'ĐIỀU 9. ', 'Điều 5'.normalize('NFD'),
  'Chương I', 'CHƯƠNG II ', 'Chuong III ', 'Chương 2:', 'Mục 1. ', 'Mục\n', 'Tiểu mục 2. ', 'Phần thứ nhất ', 'Phần\nII. ', 'PHỤ LỤC I ',
  '1. ', '2a. ', '3) ', '4- ', '5..', '6.Chữ ', '1 Cá nhân ', 'a) ', 'a1) ', 'đ) ', 'f) ', 'y) ', 'z) ', 'b. ', 'I. ', 'II. ', 'IL ', 'l. ',
  '“', '”', '"', '“Điều 5. ', '”.', '"Điều 2.', ' như sau: “', 'sửa đổi, bổ sung khoản 2 như sau:\n',
  '**', '## ', '# ', '> ', '| ', ' | ', '- ', '+ ', '* ', '_', '• ', '…', '………',
  'QUYẾT ĐỊNH', 'QUY CHẾ', 'Ban hành kèm theo Quyết định này Quy chế ', 'Nơi nhận:', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc', 'Số: 12/2025/NĐ-CP', 'Căn cứ Luật ', 'theo quy định tại khoản 2', 'của Luật ', 'Thông tư này.',
  '\n', '\n', '\n', '\r\n', '\r', '\n\n', '\ufeff', '\u0301', '\u0323\u0300', ' ', '  ', '\t', ';', ',', '.', ':',
  'QUY ĐỊNH CHUNG', 'Phạm vi điều chỉnh', 'cơ quan nhà nước', 'Bộ Tư pháp chủ trì',
];
const draftLike = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }),
  { maxLength: 160 }).map((xs) => xs.join(''));

function realDrafts(): string[] {
  const out: string[] = [];
  const fixtures = join(ROOT, 'test/fixtures');
  for (const f of readdirSync(fixtures).filter((x) => x.endsWith('.vbpl'))) out.push(readFileSync(join(fixtures, f), 'utf8').replace(/[ \t]*%%.*$/gm, ''));
  if (existsSync(SEEDS)) {
    for (const f of readdirSync(SEEDS).filter((x) => x.endsWith('.txt'))) {
      // A window of each seed keeps every run fast; the whole seeds are parsed by corpus.test.ts.
      const lines = readFileSync(join(SEEDS, f), 'utf8').split('\n');
      out.push(lines.slice(0, 160).join('\n'), lines.slice(-160).join('\n'));
    }
  }
  return out;
}

type Mutation =
  | { op: 'insert'; at: number; piece: string }
  | { op: 'delete'; at: number; n: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'marker'; at: number; marker: string }
  | { op: 'inject'; at: number; what: string }
  | { op: 'crlf' } | { op: 'bom' } | { op: 'nfd' } | { op: 'join'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof(fc.constantFrom(...PIECES), draftLike) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('marker' as const), at: fc.nat(), marker: fc.constantFrom('1. ', '3) ', 'a) ', 'f) ', 'I. ', 'Điều 1. ', 'Điều 3a. ', 'Chương V ', 'Mục 2. ', '“', '- ', '**Điều 2.** ') }),
  fc.record({ op: fc.constant('inject' as const), at: fc.nat(), what: fc.constantFrom('“', '”', '"', '\ufeff', '\r\n', '\u0301', '\u0323', ' như sau: “', '”.', '|') }),
  fc.constant({ op: 'crlf' as const }), fc.constant({ op: 'bom' as const }), fc.constant({ op: 'nfd' as const }),
  fc.record({ op: fc.constant('join' as const), at: fc.nat() }),
);

function mutate(text: string, ms: Mutation[]): string {
  let lines = text.split('\n');
  let tail = (s: string) => s;
  for (const m of ms) {
    const i = (n: number) => (lines.length ? n % lines.length : 0);
    switch (m.op) {
      case 'insert': lines.splice(i(m.at), 0, ...m.piece.split('\n')); break;
      case 'delete': lines.splice(i(m.at), m.n); break;
      case 'swap': if (lines.length) [lines[i(m.a)], lines[i(m.b)]] = [lines[i(m.b)], lines[i(m.a)]]; break;
      case 'marker': if (lines.length) lines[i(m.at)] = lines[i(m.at)].replace(/^\s*(?:\S+\s)?/, m.marker); break;
      case 'inject': {
        if (!lines.length) break;
        const l = lines[i(m.at)];
        const c = l.length ? m.at % (l.length + 1) : 0;
        lines[i(m.at)] = l.slice(0, c) + m.what + l.slice(c);
        break;
      }
      case 'join': if (lines.length > 1) { const k = i(m.at) % (lines.length - 1); lines.splice(k, 2, `${lines[k]} ${lines[k + 1]}`); } break;
      case 'crlf': { const f = tail; tail = (s) => f(s).replace(/\r?\n/g, '\r\n'); break; }
      case 'bom': { const f = tail; tail = (s) => `\ufeff${f(s)}`; break; }
      case 'nfd': { const f = tail; tail = (s) => f(s).normalize('NFD'); break; }
    }
  }
  lines = lines.slice(0, 2000);
  return tail(lines.join('\n'));
}

describe('parser properties (fast-check)', function () {
  this.timeout(120_000);

  it('never throws on arbitrary strings (full Unicode)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => { parseChecked(s); }), { numRuns: 400 });
  });

  it('never throws on strings made of draft pieces (keywords, markers, quotes, Markdown, BOM, CR, marks)', () => {
    fc.assert(fc.property(draftLike, (s) => { parseChecked(s); }), { numRuns: 1500 });
  });

  it('never throws on random mutations of real drafts, and keeps every unit and diagnostic in place', () => {
    const drafts = realDrafts();
    fc.assert(fc.property(fc.constantFrom(...drafts), fc.array(mutation, { minLength: 1, maxLength: 12 }), (text, ms) => {
      parseChecked(mutate(text, ms));
    }), { numRuns: 600 });
  });

  it('terminates fast on pathological inputs (unclosed quotes, one huge line, deep repetition)', () => {
    const cases = [
      '“Điều 1. '.repeat(20_000),
      '“\n'.repeat(30_000),
      `"${'a '.repeat(200_000)}`,
      ' như sau: “Điều 5. x\n'.repeat(10_000),
      'Điều 1. x. Chương I A. Mục 1. B '.repeat(20_000),
      '1. a) b) c) '.repeat(40_000),
      `${'Phần\n'.repeat(5_000)}${'Điều\n'.repeat(5_000)}`,
      '| 1. | 2. |\n'.repeat(20_000),
    ];
    for (const s of cases) {
      const t0 = Date.now();
      parseChecked(s);
      const ms = Date.now() - t0;
      assert.ok(ms < 5_000, `${JSON.stringify(s.slice(0, 24))}… (${s.length} chars) took ${ms} ms`);
    }
  });

  it('parses a draft the same whatever the line ends, BOM or normalization', () => {
    const drafts = realDrafts();
    const shape = (p: Parsed) => p.documents.map((d) => [...walkUnits(d.units)].map((u) => `${u.kind} ${u.num.label.normalize('NFC')}`).join(','));
    fc.assert(fc.property(fc.constantFrom(...drafts), fc.boolean(), fc.boolean(), fc.boolean(), (text, crlf, bom, nfd) => {
      let t = nfd ? text.normalize('NFD') : text;
      if (crlf) t = t.replace(/\r?\n/g, '\r\n');
      if (bom) t = `\ufeff${t}`;
      assert.deepEqual(shape(parseChecked(t)), shape(parse('file:///prop', text)));
    }), { numRuns: 150 });
  });
});
