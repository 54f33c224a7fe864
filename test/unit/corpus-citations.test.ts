/**
 * Citations over the whole corpus (../shared/corpus + seeds, read at run time, never copied)
 * as one workspace: how many were found and where they resolved, and every
 * `ref-missing-target` — each one a defect of the source copy, reviewed and listed here with
 * its reason, so that a regression (a new one, or a listed one vanishing) shows.
 */
import * as assert from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { Workspace } from '../../server/src/core/workspace';

const shared = path.resolve(__dirname, '../../../../shared');
const corpus = path.join(shared, 'corpus');
const seeds = path.join(shared, 'seeds');

/** file:line (1-based) → why the source really lacks the cited unit. */
const REAL_DEFECTS: Record<string, string> = {
  '02-VBHN-VPQH.txt:1019': 'khoản 1 of Điều 122 is written "1.2" (footnote number glued to it)',
  '100-2015-QH13.txt:5354': 'this copy of Điều 251 khoản 3 lacks điểm a–c ("từ điểm a đến điểm g khoản này")',
  '100-2015-QH13.txt:5438': 'this copy of Điều 252 khoản 3 lacks điểm a–c (same)',
  '102-2024-ND-CP.txt:1898': 'form footnote "Điều 78/79 của Luật Đất đai": two Điều joined by a slash, the law after the second',
  '102-2024-ND-CP.txt:2456': 'form template "Điều 3………… Điều…." with dotted blanks',
  '128-2020-ND-CP.txt:35': 'crawl consolidates inserted Điều 2a on one line: its khoản and điểm are run into the heading (6 citations)',
  '128-2020-ND-CP.txt:465': '"các điểm a, b, c, d, đ; e, i khoản 5 Điều 5": a semicolon splits the list in the source',
  '2135-QD-TCHQ.txt:210': 'notation "điểm b.1 khoản 3 Điều 4 Mục 1" of a procedure (sub-points with dots, Mục of another part)',
  '2135-QD-TCHQ.txt:214': 'same notation "điểm b.2 khoản 3"',
  '2135-QD-TCHQ.txt:216': 'same notation "điểm b.2 khoản 3"',
  '2135-QD-TCHQ.txt:218': 'same notation "điểm b.3 khoản 3"',
  '2135-QD-TCHQ.txt:220': 'same notation "điểm b.4 khoản 3"',
  '22-2019-TT-BTC.txt:164': '"khoản 6 Điều 14 Thông tư này" in the transitional article means the amended Thông tư 12/2015',
  '38-2018-TT-BTC.txt:79': 'crawl consolidates inserted Điều 7a on one line, its khoản/điểm run into the heading',
};

describe('citations over the whole corpus (../shared)', function () {
  if (!existsSync(corpus)) {
    it('needs ../shared beside the project');
    return;
  }
  this.timeout(120_000);
  const files = [
    ...readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(corpus, f)),
    ...readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(seeds, f)),
  ];
  const w = new Workspace();
  for (const f of files) w.set(f, readFileSync(f, 'utf8'));

  it('counts citations and where they resolve (printed for the record)', () => {
    const kinds: Record<string, number> = { local: 0, workspace: 0, external: 0, unknown: 0 };
    let citations = 0, targets = 0, units = 0;
    for (const f of files) {
      for (const r of w.resolved(f)) {
        citations++;
        kinds[r.target.kind]++;
        targets += r.targets.length;
        units += r.targets.filter((t) => t.unit).length;
      }
    }
    console.log(`      ${citations} citations: ${kinds.local} inside their file, ${kinds.workspace} into another file of the corpus, `
      + `${kinds.external} to documents outside it, ${kinds.unknown} undetermined; ${units} of ${targets} cited units found`);
    assert.ok(citations > 7000, `only ${citations} citations found`);
    assert.ok(kinds.workspace > 200, `only ${kinds.workspace} resolved across files`);
    assert.ok(units / targets > 0.7, `only ${units} of ${targets} units found`);
  });

  it('every ref-missing-target is a reviewed defect of the source', () => {
    const found = new Map<string, number>();
    for (const f of files) {
      for (const d of w.diagnostics(f)) {
        if (d.code !== 'ref-missing-target') continue;
        const key = `${path.basename(f)}:${d.range.start.line + 1}`;
        found.set(key, (found.get(key) ?? 0) + 1);
      }
    }
    const unexpected = [...found.keys()].filter((k) => !(k in REAL_DEFECTS));
    const vanished = Object.keys(REAL_DEFECTS).filter((k) => !found.has(k));
    assert.deepStrictEqual({ unexpected, vanished }, { unexpected: [], vanished: [] });
    const total = [...found.values()].reduce((a, b) => a + b, 0);
    console.log(`      ref-missing-target: ${total} at ${found.size} places, all reviewed defects of the source`);
  });

  it('the seeds have no ref-missing-target', () => {
    const seedDiags = files.filter((f) => f.startsWith(seeds)).flatMap((f) => w.diagnostics(f).filter((d) => d.code === 'ref-missing-target'));
    assert.deepStrictEqual(seedDiags.map((d) => d.message), []);
  });
});
