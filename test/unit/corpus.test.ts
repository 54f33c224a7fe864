/**
 * Corpus acceptance: the 5 seeds and the 47 real documents of `../shared` (read at run time;
 * no corpus text is kept in this repository — only file names, numbers, line numbers and
 * expectations).
 *
 * 1. Every file parses without throwing, and the structure grammar meets no error.
 * 2. Each document's own Điều (not those inside quoted amended text) equal the "Điều N."
 *    column of SOURCES.md — a crawl statistic: raw lines that begin with `Điều N.` — except
 *    where the statistic and the document differ for a reason stated below, line by line.
 * 3. Linting the whole corpus gives exactly the errors and warnings listed below: each is a
 *    real defect of the source copy, so a regression (a new false diagnostic, or a lost true
 *    one) shows. Before the spine work the skeleton gave 1,383 errors+warnings over 40,878
 *    lines (33.8 per 1,000 lines); see KNOWN_DEFECTS for what remains.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, type Parsed } from '../../server/src/core/parse';
import { checkFile } from '../../server/src/core/checks/index';
import { walkUnits, type Unit } from '../../server/src/core/model';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import * as structure from '../../grammar/parser';

const SHARED = process.env.DIEU_SHARED ?? resolve(__dirname, '../../..', '../shared');
const CORPUS = join(SHARED, 'corpus');
const SEEDS = join(SHARED, 'seeds');

/** The crawl statistic of SOURCES.md: raw lines that begin with `Điều N.` after Markdown marks. */
const STAT_LINE = /^[#*>_\s-]*Điều \d+[a-zđ]?\./;

interface CountDiff {
  /** Why the document's own Điều differ from the statistic. */
  why: string;
  /** Own Điều the statistic does not count: `line` (1-based) or `line:character` when mid-line. */
  extra?: string[];
  /** …and, besides, every line matching this (same reason, too many to list). */
  extraLines?: RegExp;
  /** Lines the statistic counts that are not own Điều (1-based). */
  missing?: number[];
}

const COUNT_DIFFS: Record<string, CountDiff> = {
  '100-2015-QH13.txt': {
    why: 'Điều 317 is not missing: its heading is spelled "Ðiều" with U+00D0 (Icelandic eth), which only looks like Đ (also marker-style)',
    extra: ['7784'],
  },
  '102-2021-ND-CP.txt': {
    why: 'Điều 2–6 start mid-line, right after the closing quote of the amended text ("…tổ chức."Điều 6."); '
      + 'L342 "Điều 1." ends a citation wrapped from the line before ("… tại khoản 1" / "Điều 1.")',
    extra: ['58:152', '214:228', '255:148', '314:35', '330:133'],
    missing: [342],
  },
  '12-2018-ND-CP.txt': { why: 'Điều 2 starts mid-line after the closing quote of the amended text', extra: ['33:464'] },
  '122-2021-ND-CP.txt': { why: 'heading broken across lines: "Điều" / "82. Trách nhiệm thi hành"', extra: ['846'] },
  '2135-QD-TCHQ.txt': { why: 'keyword misspelled "Đỉều 10." (also marker-style)', extra: ['108'] },
  '24-L-CTN.txt': {
    why: '1993 law: no Điều has a period (marker-style); the inserted articles of the consolidated text run together '
      + 'mid-line after the closing quote of the previous one (22b, 22c; 24b; 78b, 78c, 78d, 78đ, 78e)',
    extraLines: /^Điều \d+[a-zđ]?(?!\.)\b/,
    extra: ['76:974', '76:1996', '87:810', '249:1665', '249:2589', '249:3260', '249:5059', '249:5276'],
  },
  '35-2018-QH14.txt': {
    why: 'amending law: Điều 35–51 of Luật Đất đai (L289–L490, inside the quoted new Chương IV) and Điều 22, 23 of Luật Xây '
      + 'dựng (L1017, L1020, inside the quoted Mục 2) are text of the amended laws; L910 "Điều 60." ends a citation wrapped '
      + 'from the line before ("… điểm b và điểm d khoản 2" / "Điều 60.")',
    missing: [289, 303, 316, 319, 337, 357, 385, 402, 409, 417, 438, 448, 458, 462, 472, 484, 490, 910, 1017, 1020],
  },
  '42-2005-QH11.txt': {
    why: 'Điều 2 starts mid-line after the closing quote of the amended text and Điều 2, 3 have no period (marker-style)',
    extra: ['134:149', '135'],
  },
  '45-2016-ND-CP.txt': { why: 'Điều 2 starts mid-line after the closing quote of the amended text', extra: ['375:216'] },
  '54-2014-QH13.txt': {
    why: 'Điều 103 starts mid-line after the closing quote of the amended text; L772 "Điều 107." ends a citation wrapped '
      + 'from the line before ("… tại điểm a khoản 2" / "Điều 107.")',
    extra: ['776:352'],
    missing: [772],
  },
  '59-2018-ND-CP.txt': { why: 'Điều 2 starts mid-line after the closing quote of the amended text', extra: ['640:213'] },
  '67-2006-QH11.txt': {
    why: 'Điều 5, 10, 17, 22, 23, 31, 76 have no period and Điều 24 a colon ("Điều 24:") — all marker-style',
    extra: ['84', '198', '284', '350', '358', '382', '504', '998'],
  },
  '79-2022-TT-BTC.txt': { why: 'Điều 2 starts mid-line after the closing quote of the amended text', extra: ['48:271'] },
  '89-2016-TTLT-BTC-BCT.txt': {
    why: 'Điều 9 follows its Chương heading on the same line; Điều 6, 11, 13, 15 are spelled in NFD ("Đi" + "ê" + U+0300)',
    extra: ['54', '82:54', '93', '113', '127'],
  },
};

/**
 * The errors and warnings linting the corpus gives — each a real defect of the source copy.
 * 24-L-CTN.txt is checked by rule below (222 marker-style: 101 Điều without period, 121
 * khoản written `1-`).
 */
const KNOWN_DEFECTS: Record<string, { why: string; diags: Record<string, number[]> }> = {
  '02-VBHN-VPQH.txt': {
    why: 'khoản 1 of Điều 122 is written "1.2 Việc …": the consolidation\'s footnote mark 2 is glued to the number',
    diags: { 'numbering-gap': [1008] },
  },
  '100-2015-QH13.txt': {
    why: 'this copy lacks điểm a–c of khoản 3 in Điều 251 and Điều 252, and điểm đ of khoản 2 in Điều 278; "Ðiều 317" uses U+00D0',
    diags: { 'numbering-gap': [5346, 5430, 6432], 'marker-style': [7784] },
  },
  '102-2024-ND-CP.txt': {
    why: 'the crawl keeps two headings for Điều 23 and Điều 44 (old and new title); in the appendix form "Phần II." is run '
      + 'into the prose line before it',
    diags: { 'numbering-duplicate': [408, 653], 'numbering-gap': [2589] },
  },
  '2135-QD-TCHQ.txt': {
    why: '"Phần I" of the Quy trình was lost with its title in the signature line; "Đỉều 10" is misspelled; the forms '
      + '(Phiếu đề xuất and its Hướng dẫn) are run into the last Điều without a heading, so their lists restart at 1',
    diags: { 'numbering-gap': [35], 'marker-style': [108], 'numbering-order': [197, 209] },
  },
  '42-2005-QH11.txt': { why: 'Điều 2 and Điều 3 without period', diags: { 'marker-style': [134, 135] } },
  '67-2006-QH11.txt': {
    why: 'seven Điều without period, "Điều 24:" with a colon, and khoản 1 (2) written "1 Cá nhân …" without period',
    diags: { 'marker-style': [84, 198, 284, 350, 352, 358, 382, 418, 504, 592, 642, 678, 680, 998] },
  },
  '88-2024-ND-CP.txt': {
    why: 'the crawl moved "1." of Điều 4 to the end of the line before ("… của Luật Đất đai 1."), and Điều 15 has no khoản 2',
    diags: { 'numbering-gap': [55, 200] },
  },
  '89-2016-TTLT-BTC-BCT.txt': { why: 'Điều 8 goes from khoản 1 to khoản 3', diags: { 'numbering-gap': [79] } },
  '89-2024-ND-CP.txt': {
    why: 'in the form of a Quyết định (appendix), "Điều 2" carries footnote 10 glued to it ("Điều 210."), so "Điều 3." goes back',
    diags: { 'numbering-gap': [223], 'numbering-order': [248] },
  },
  'DRAFT-2015-TT-BLDTBXH.txt': { why: 'the draft has two điểm b) in Điều 16 khoản 2 (duties of the accuser)', diags: { 'numbering-duplicate': [108] } },
};

function sourcesCounts(): Map<string, number> {
  const md = readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8');
  const out = new Map<string, number>();
  for (const m of md.matchAll(/^\| (\S+\.txt) \|[^|]*\|[^|]*\|[^|]*\| (\d+) \|/gm)) out.set(m[1], Number(m[2]));
  return out;
}

function dieuPositions(p: Parsed): string[] {
  const out: string[] = [];
  for (const d of p.documents) {
    for (const u of walkUnits(d.units)) {
      if (u.kind !== 'dieu') continue;
      const pos = p.source.positionAt(u.marker.start);
      out.push(pos.character === 0 ? `${pos.line + 1}` : `${pos.line + 1}:${pos.character}`);
    }
  }
  return out;
}

function errorsAndWarnings(p: Parsed): Diagnostic[] {
  return checkFile(p).filter((d) => d.severity === 'error' || d.severity === 'warning');
}

function grouped(diags: Diagnostic[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const d of diags) (out[d.code] ??= []).push(d.range.start.line + 1);
  return out;
}

const available = existsSync(join(CORPUS, 'SOURCES.md')) && existsSync(SEEDS);

describe('corpus acceptance (../shared, read at run time)', function () {
  if (!available) {
    it.skip(`../shared not found (set DIEU_SHARED); looked in ${SHARED}`);
    return;
  }
  const counts = sourcesCounts();
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
  const parsed = new Map<string, { raw: string; p: Parsed }>();

  it('has the 47 documents of SOURCES.md', () => {
    assert.equal(files.length, 47);
    assert.deepEqual(files, [...counts.keys()].sort());
  });

  it('parses every seed and corpus document without throwing or a grammar error', () => {
    const before = structure.structureErrors;
    for (const [dir, list] of [[SEEDS, readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))], [CORPUS, files]] as const) {
      for (const f of list) {
        const raw = readFileSync(join(dir, f), 'utf8');
        const p = parse(`file:///${f}`, raw);
        assert.ok(p.documents.length >= 1, f);
        if (dir === CORPUS) parsed.set(f, { raw, p });
      }
    }
    assert.equal(structure.structureErrors, before, 'the structure grammar met an error');
  });

  describe('own Điều per document = the "Điều N." column of SOURCES.md, or the stated difference', () => {
    for (const f of files) {
      it(f, () => {
        const { raw, p } = parsed.get(f) ?? { raw: readFileSync(join(CORPUS, f), 'utf8'), p: parse(f, readFileSync(join(CORPUS, f), 'utf8')) };
        const lines = raw.split(/\r\n|\r|\n/);
        const statLines = lines.flatMap((l, i) => (STAT_LINE.test(l) ? [i + 1] : []));
        // The statistic as SOURCES.md gives it (checks that this is the column's definition).
        assert.equal(statLines.length, counts.get(f), `${f}: the "Điều N." statistic`);
        const mine = dieuPositions(p);
        const diff = COUNT_DIFFS[f] ?? { why: '' };
        const expectedExtra = new Set(diff.extra ?? []);
        if (diff.extraLines) lines.forEach((l, i) => { if (diff.extraLines!.test(l)) expectedExtra.add(`${i + 1}`); });
        const stat = new Set(statLines.map(String));
        const extra = mine.filter((x) => !stat.has(x));
        const missing = statLines.filter((l) => !mine.includes(String(l)));
        assert.deepEqual(extra.sort(), [...expectedExtra].sort(), `${f}: own Điều the statistic does not count (${diff.why})`);
        assert.deepEqual(missing, diff.missing ?? [], `${f}: statistic lines that are not own Điều (${diff.why})`);
        assert.equal(mine.length, counts.get(f)! + expectedExtra.size - (diff.missing?.length ?? 0));
      });
    }
  });

  describe('linting the corpus: every error/warning is a listed defect of the source', () => {
    let totalLines = 0, total = 0;
    for (const f of files) {
      it(f, () => {
        const raw = parsed.get(f)?.raw ?? readFileSync(join(CORPUS, f), 'utf8');
        const p = parsed.get(f)?.p ?? parse(f, raw);
        const diags = errorsAndWarnings(p);
        totalLines += p.source.lineCount;
        total += diags.length;
        if (f === '24-L-CTN.txt') {
          // Every Điều lacks its period and every khoản is written `1-` (1993 style): one
          // marker-style on each such marker, nothing else.
          const styled = new Set<string>();
          let dieu = 0, dash = 0;
          for (const d of p.documents) {
            for (const u of walkUnits(d.units) as Iterable<Unit>) {
              if (u.style === 'dieu-no-period') dieu++;
              if (u.style === 'dash-khoan') dash++;
              if (u.style !== 'ok') styled.add(JSON.stringify(p.source.range(u.marker.start, u.marker.end)));
            }
          }
          assert.equal(dieu, 101);
          assert.equal(dash, 121);
          assert.ok(diags.every((d) => d.code === 'marker-style'), 'only marker-style');
          assert.deepEqual(new Set(diags.map((d) => JSON.stringify(d.range))), styled);
          assert.equal(diags.length, 222);
          return;
        }
        const known = KNOWN_DEFECTS[f];
        assert.deepEqual(grouped(diags), known?.diags ?? {}, `${f}: ${known?.why ?? 'no defect expected'}\n${diags.map((d) => `  ${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n')}`);
      });
    }
    after(() => {
      if (totalLines && process.env.DIEU_CORPUS_STATS) {
        console.log(`    corpus: ${total} errors+warnings over ${totalLines} lines = ${(total * 1000 / totalLines).toFixed(2)} per 1,000 lines`);
      }
    });
  });

  describe('seeds', () => {
    const seed = (prefix: string) => {
      const f = readdirSync(SEEDS).find((x) => x.startsWith(prefix))!;
      const raw = readFileSync(join(SEEDS, f), 'utf8');
      return { raw, p: parse(`file:///${f}`, raw) };
    };
    const find = (units: readonly Unit[], kind: string, label: string) => [...walkUnits(units)].find((u) => u.kind === kind && u.num.label === label);

    it('004: Điều 27 khoản 2 `a b c d d e f g i k` gives duplicate (2nd d), invalid f, gap at i — nothing else', () => {
      const { p } = seed('004');
      const k2 = find(find(p.documents[0].units, 'dieu', '27')!.children, 'khoan', '2')!;
      assert.deepEqual(k2.children.map((u) => u.num.label), ['a', 'b', 'c', 'd', 'd', 'e', 'f', 'g', 'i', 'k']);
      const inside = checkFile(p).filter((d) => {
        const o = p.source.offsetAt(d.range.start);
        return o >= k2.span.start && o < k2.span.end;
      });
      const points = k2.children;
      assert.deepEqual(inside.map((d) => [d.code, p.source.offsetAt(d.range.start)]), [
        ['numbering-duplicate', points[4].marker.start],
        ['point-invalid-letter', points[6].marker.start],
        ['numbering-gap', points[8].marker.start],
      ]);
    });

    it('004: Điều 15 `3)` gives marker-style; the seed has no other error or warning', () => {
      const { p } = seed('004');
      const d15 = find(p.documents[0].units, 'dieu', '15')!;
      const k3 = find(d15.children, 'khoan', '3')!;
      assert.equal(k3.style, 'paren-khoan');
      const diags = errorsAndWarnings(p);
      assert.deepEqual(diags.map((d) => d.code).sort(), ['marker-style', 'numbering-duplicate', 'numbering-gap', 'point-invalid-letter']);
      assert.equal(p.source.offsetAt(diags.find((d) => d.code === 'marker-style')!.range.start), k3.marker.start);
    });

    it('001: no error or warning', () => {
      assert.deepEqual(errorsAndWarnings(seed('001').p), []);
    });

    it('003: the attached Quy chế restarts at Chương I / Điều 1 with no false gap', () => {
      const { p } = seed('003');
      assert.equal(p.documents.length, 2);
      const [qd, qc] = p.documents;
      assert.equal(qd.identity.type, 'Quyết định');
      assert.deepEqual([...walkUnits(qd.units)].map((u) => `${u.kind} ${u.num.label}`), ['dieu 1', 'dieu 2', 'dieu 3']);
      assert.equal(qc.attached, true);
      assert.equal(qc.identity.type, 'Quy chế');
      assert.deepEqual(qc.units.map((u) => `${u.kind} ${u.num.label}`).slice(0, 1), ['chuong I']);
      assert.equal([...walkUnits(qc.units)].find((u) => u.kind === 'dieu')!.num.label, '1');
      assert.deepEqual(errorsAndWarnings(p), []);
    });

    it('000 and 002 (OCR scans): only the defects the scans really have', () => {
      // 000: "• van y 3." (OCR noise hides khoản 3), and `I.` read for `1.` twice.
      assert.deepEqual(grouped(errorsAndWarnings(seed('000').p)), { 'numbering-gap': [66], 'marker-style': [120, 153] });
      // 002 (a chương trình phối hợp, no Điều): heading IV. was lost in the scan.
      assert.deepEqual(grouped(errorsAndWarnings(seed('002').p)), { 'numbering-gap': [806] });
    });
  });
});
