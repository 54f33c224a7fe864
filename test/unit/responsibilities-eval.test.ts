/**
 * Acceptance of the responsibility checks on real text (../shared: seeds and corpus, read at
 * run time; the repository keeps only locations and labels, in
 * test/fixtures/responsibilities/labelled-pairs.json).
 *
 * 1. Labelled pairs: each side is located by file and line, the pair is judged exactly as
 *    the check judges it (similarity ≥ threshold, then overlap / duplicate / nothing), and
 *    precision and recall of the reported pairs are computed. A pair counts as found only
 *    with the right code.
 *
 *    Thresholds: precision ≥ 0.85 and recall ≥ 0.60. Measured at DEFAULT_THRESHOLD 0.50 on
 *    59 pairs (12 positive): precision 1.00, recall 0.67 (8/12). A warning that cries wolf
 *    costs every reviewer time on every run, so precision is held high (one false report in
 *    nine found still passes); the recall floor allows no loss among the pairs found today.
 *    The four missed pairs need knowledge of the world rather than of the words (security of
 *    "IT application in state bodies" = of "e-government"; legal dissemination "for ethnic
 *    minorities" = "in ethnic areas"; reviewing legislation "to prepare a law" and "to find
 *    unlawful texts"), or rest on a citation (`theo quy định tại Điều 4`).
 *    Why 0.50: on these pairs (the curve is printed by this test) 0.40–0.45 already report
 *    two wrong pairs at the same recall, 0.55 loses a true one; on the whole corpus as one
 *    workspace, 0.45 adds reports that are wrong (different national databases, a land-use
 *    plan vs a defence-land plan) while 0.50 is clean there.
 * 2. Seeds 003/004: what is reported on Điều 15 / Điều 48 (kiến trúc chuẩn) and on the
 *    security duties of Bộ Công an, and why.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, type Parsed } from '../../server/src/core/parse';
import { agencyTable } from '../../server/src/core/responsibilities/agencies';
import type { Responsibility } from '../../server/src/core/responsibilities/extract';
import { analyzeResponsibilities, fileResponsibilities, verdict } from '../../server/src/core/responsibilities/index';
import { DEFAULT_THRESHOLD, profileTask, similarity, type Idf } from '../../server/src/core/responsibilities/match';
import { Workspace } from '../../server/src/core/workspace';

const ROOT = resolve(__dirname, '../../..');
const SHARED = resolve(ROOT, '../shared');
const LABELS = join(ROOT, 'test/fixtures/responsibilities/labelled-pairs.json');

type Side = [string, number, string?];
interface Pair { a: Side; b: Side; expect: string; note: string }

const MIN_PRECISION = 0.85;
const MIN_RECALL = 0.6;

describe('responsibilities: labelled pairs from ../shared (precision / recall)', function () {
  if (!existsSync(join(SHARED, 'seeds')) || !existsSync(join(SHARED, 'corpus'))) {
    it('needs ../shared (seeds and corpus) beside the project');
    return;
  }
  this.timeout(60000);
  const pairs: Pair[] = JSON.parse(readFileSync(LABELS, 'utf8')).pairs;
  const table = agencyTable();
  const files = new Map<string, Parsed>();
  const file = (f: string): Parsed => {
    let p = files.get(f);
    if (!p) { p = parse(`file:///shared/${f}`, readFileSync(join(SHARED, f), 'utf8')); files.set(f, p); }
    return p;
  };
  /** The statement whose span covers the line (its agency, when given), leading roles first. */
  const locate = (side: Side): Responsibility | undefined => {
    const p = file(side[0]);
    const lineOf = (o: number) => p.source.positionAt(o).line + 1;
    const hits = fileResponsibilities(p, table).items
      .filter((r) => lineOf(r.span.start) <= side[1] && side[1] <= lineOf(r.span.end) && (!side[2] || r.agency.id === side[2]));
    hits.sort((x, y) => Number(x.role === 'cooperate') - Number(y.role === 'cooperate') || Math.abs(lineOf(x.span.start) - side[1]) - Math.abs(lineOf(y.span.start) - side[1]));
    return hits[0];
  };
  const located = pairs.map((p) => ({ p, a: locate(p.a), b: locate(p.b) }));
  // Judged as the check judges them in a workspace of all the labelled files (word weights
  // depend on the workspace).
  let idf: Idf | undefined;
  const judge = (a: Responsibility, b: Responsibility, t: number): string => {
    idf ??= analyzeResponsibilities([...files.values()]).idf;
    const s = similarity(profileTask(a.task), profileTask(b.task), idf);
    return s.score >= t ? verdict(a, b, table, idf) ?? 'none' : 'none';
  };
  const measure = (t: number) => {
    let tp = 0, fp = 0, fn = 0;
    const wrong: string[] = [];
    for (const { p, a, b } of located) {
      const got = a && b ? judge(a, b, t) : 'none';
      if (p.expect !== 'none' && got === p.expect) tp++;
      else {
        if (got !== 'none') fp++;
        if (p.expect !== 'none') fn++;
        if (got !== p.expect) wrong.push(`${p.a.join(':')} / ${p.b.join(':')}: expected ${p.expect}, got ${got} — ${p.note}`);
      }
    }
    return { precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, tp, fp, fn, wrong };
  };

  it('has at least 40 pairs, positives and negatives, and finds a statement at every location', () => {
    assert.ok(pairs.length >= 40, `${pairs.length} pairs`);
    assert.ok(pairs.some((p) => p.expect === 'responsibility-overlap') && pairs.some((p) => p.expect === 'responsibility-duplicate'));
    const lost = located.flatMap(({ p, a, b }) => [!a ? p.a.join(':') : '', !b ? p.b.join(':') : ''].filter(Boolean));
    assert.deepEqual(lost, [], 'no statement found at these locations');
  });

  it(`precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL} at the default threshold (${DEFAULT_THRESHOLD})`, () => {
    const curve = [0.35, 0.4, 0.45, 0.5, 0.55, 0.6].map((t) => {
      const m = measure(t);
      return `    t=${t.toFixed(2)}  P=${m.precision.toFixed(2)}  R=${m.recall.toFixed(2)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
    });
    const m = measure(DEFAULT_THRESHOLD);
    console.log(`      ${pairs.length} labelled pairs; at ${DEFAULT_THRESHOLD}: precision ${m.precision.toFixed(2)}, recall ${m.recall.toFixed(2)}\n${curve.join('\n')}`);
    if (process.env.DIEU_EVAL_VERBOSE) console.log(m.wrong.join('\n'));
    assert.ok(m.precision >= MIN_PRECISION, `precision ${m.precision.toFixed(2)}:\n${m.wrong.join('\n')}`);
    assert.ok(m.recall >= MIN_RECALL, `recall ${m.recall.toFixed(2)}:\n${m.wrong.join('\n')}`);
  });
});

describe('responsibilities: seeds 003 and 004 (kiến trúc chuẩn; Bộ Công an)', function () {
  const seed = (n: string) => join(SHARED, 'seeds', n);
  const s003 = seed('003_487b318103f7ce3d.txt'), s004 = seed('004_8144af15373537e2.txt');
  if (!existsSync(s003) || !existsSync(s004)) {
    it('needs ../shared beside the project');
    return;
  }
  const ws = new Workspace();
  ws.set('file:///seeds/003.txt', readFileSync(s003, 'utf8'));
  ws.set('file:///seeds/004.txt', readFileSync(s004, 'utf8'));
  const resp = (uri: string) => ws.diagnostics(uri).filter((d) => d.code.startsWith('responsibility-'));
  const lines = (uri: string) => resp(uri).map((d) => `${d.range.start.line + 1}:${d.code}`);

  it('004 Điều 48 khoản 4 repeats Điều 15 (same ministry, same task): a duplicate, not an overlap', () => {
    const d = resp('file:///seeds/004.txt').find((x) => x.range.start.line + 1 === 535)!;
    assert.ok(d, lines('file:///seeds/004.txt').join(', '));
    assert.equal(d.code, 'responsibility-duplicate');
    assert.equal(d.related?.[0].range.start.line! + 1, 166);
    assert.match(d.message, /Bộ Bưu chính, Viễn thông/);
    assert.match(d.message, /kiến trúc chuẩn hệ thống thông tin quốc gia/);
  });

  it('Bộ Công an: no overlap — it co-operates in Điều 15 khoản 3, leads alone elsewhere, and 56 is a closing article', () => {
    const all = [...resp('file:///seeds/003.txt'), ...resp('file:///seeds/004.txt')];
    assert.deepEqual(all.filter((d) => /Bộ Công an/.test(d.message)).map((d) => `${d.range.start.line + 1}:${d.code}`), []);
    const a = ws.responsibilities();
    const bca = [...new Set(a.items.filter((r) => r.agency.id === 'bo-cong-an').map((r) => `${r.uri.slice(-7, -4)}:${r.path}:${r.role}`))];
    assert.deepEqual(bca, ['003:Điều 5 khoản 1:lead', '004:Điều 15 khoản 3:cooperate', '004:Điều 52:responsible']);
    // Closing articles name executors, never leads.
    assert.ok(a.excluded.some((r) => r.uri.endsWith('004.txt') && r.path === 'Điều 56 khoản 3'));
    assert.ok(a.excluded.some((r) => r.uri.endsWith('003.txt') && r.path === 'Điều 3' && /thi hành Quyết định này/.test(r.task)));
  });

  it('004 Điều 51 khoản 2 (Ban Cơ yếu: cryptography standards) overlaps Điều 15 khoản 3 (security standards, led by the ministry)', () => {
    const d = resp('file:///seeds/004.txt').find((x) => x.range.start.line + 1 === 559)!;
    assert.ok(d, lines('file:///seeds/004.txt').join(', '));
    assert.equal(d.code, 'responsibility-overlap');
    assert.equal(d.related?.[0].range.start.line! + 1, 176);
  });

  it('003 (committee members) has no overlap: each member leads its own field', () => {
    assert.deepEqual(lines('file:///seeds/003.txt').filter((x) => x.endsWith('overlap')), []);
  });
});
