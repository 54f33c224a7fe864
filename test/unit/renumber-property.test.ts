/**
 * Property tests of renumbering (fast-check): random small drafts — Điều with khoản and điểm,
 * numbered with gaps, inserted units (`3a`, `2a`, sub-points `a1`), random citations of
 * existing units (single, chains, lists, ranges, "này", implicit, from a second file by the
 * document's number, and of an external law with the same numbers) — renumbered, applied,
 * parsed again:
 * - every citation names the same units (by identity: a `Q<n>` tag in each unit's text) as before;
 * - the numbering has no gap / duplicate / order diagnostics left;
 * - the text changes only in unit numbers (line by line, word by word);
 * - citations of the external law are untouched.
 * And the same after inserting a new Điều with a number already taken (cursor in it), and after
 * deleting an Điều (refused only when a citation of the deleted one would start naming another).
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { POINT_LETTERS } from '../../grammar/numbers';
import type { ResolvedCitation } from '../../server/src/core/citations/resolve';
import { applyTextEdits, planRenumber, type RenumberPlan } from '../../server/src/core/renumber';
import { Workspace } from '../../server/src/core/workspace';

type Extra = 'none' | 'gap' | 'suffix';
interface DiemSpec { extra: 'none' | 'gap' | 'sub' }
interface KhoanSpec { extra: Extra; diems: DiemSpec[] }
interface DieuSpec { extra: Extra; khoans: KhoanSpec[]; diems: DiemSpec[] }
interface CiteSpec { form: number; a: number; b: number; c: number; host: number }

const extra = fc.constantFrom<Extra>('none', 'none', 'none', 'gap', 'suffix');
const diem = fc.record({ extra: fc.constantFrom<DiemSpec['extra']>('none', 'none', 'gap', 'sub') });
const khoan = fc.record({ extra, diems: fc.array(diem, { maxLength: 3 }) });
const dieu = fc.record({ extra, khoans: fc.array(khoan, { maxLength: 3 }), diems: fc.array(diem, { maxLength: 2 }) });
const cite = fc.record({ form: fc.nat(13), a: fc.nat(50), b: fc.nat(50), c: fc.nat(50), host: fc.nat(200) });
const draft = fc.record({ dieus: fc.array(dieu, { minLength: 1, maxLength: 6 }), cites: fc.array(cite, { maxLength: 10 }) });

// ---------------------------------------------------------------------------------------
// A draft model and its text

interface MUnit { id: number; kind: 'dieu' | 'khoan' | 'diem'; label: string; children: MUnit[]; parent?: MUnit; notes: string[] }
interface Model { dieus: MUnit[]; external: string[]; other: string[] }

function labelsOf(specs: Array<{ extra: string }>, kind: 'num' | 'letter'): string[] {
  const out: string[] = [];
  let n = 0, sub = 0;
  for (const s of specs) {
    if (kind === 'num') {
      if (s.extra === 'suffix' && n > 0) { sub++; out.push(`${n}${POINT_LETTERS[sub - 1]}`); continue; }
      n += s.extra === 'gap' ? 2 : 1;
      sub = 0;
      out.push(String(n));
    } else {
      if (s.extra === 'sub' && n > 0) { sub++; out.push(`${POINT_LETTERS[n - 1]}${sub}`); continue; }
      n += s.extra === 'gap' ? 2 : 1;
      sub = 0;
      out.push(POINT_LETTERS[n - 1]);
    }
  }
  return out;
}

function build(specs: DieuSpec[], cites: CiteSpec[]): Model {
  let id = 0;
  const mk = (kind: MUnit['kind'], label: string, parent?: MUnit): MUnit => ({ id: ++id, kind, label, children: [], parent, notes: [] });
  const dieus: MUnit[] = [];
  const dl = labelsOf(specs, 'num');
  specs.forEach((ds, i) => {
    const d = mk('dieu', dl[i]);
    dieus.push(d);
    if (ds.khoans.length) {
      const kl = labelsOf(ds.khoans, 'num');
      ds.khoans.forEach((ks, j) => {
        const k = mk('khoan', kl[j], d);
        d.children.push(k);
        const pl = labelsOf(ks.diems, 'letter');
        ks.diems.forEach((_, m) => k.children.push(mk('diem', pl[m], k)));
      });
    } else {
      const pl = labelsOf(ds.diems, 'letter');
      ds.diems.forEach((_, m) => d.children.push(mk('diem', pl[m], d)));
    }
  });
  const model: Model = { dieus, external: [], other: [] };
  const all: MUnit[] = dieus.flatMap((d) => [d, ...d.children.flatMap((k) => [k, ...k.children])]);
  const pick = <T>(l: T[], n: number): T | undefined => (l.length ? l[n % l.length] : undefined);
  const khoans = all.filter((u) => u.kind === 'khoan');
  const diems = all.filter((u) => u.kind === 'diem');
  const put = (host: number, text: string) => pick(all, host)!.notes.push(text);
  for (const c of cites) {
    const d = pick(dieus, c.a)!;
    switch (c.form) {
      case 0: put(c.host, `Điều ${d.label}`); break;
      case 1: { const k = pick(khoans, c.a); if (k) put(c.host, `khoản ${k.label} Điều ${k.parent!.label}`); break; }
      case 2: {
        const p = pick(diems.filter((x) => x.parent!.kind === 'khoan'), c.a);
        if (p) put(c.host, `điểm ${p.label} khoản ${p.parent!.label} Điều ${p.parent!.parent!.label}`);
        break;
      }
      case 3: {
        if (dieus.length < 3) break;
        const i = c.a % dieus.length, j = (i + 1 + (c.b % (dieus.length - 1))) % dieus.length;
        const third = dieus.find((_, x) => x !== i && x !== j)!;
        put(c.host, `các Điều ${dieus[i].label}, ${dieus[j].label} và ${third.label}`);
        break;
      }
      case 4: {
        if (dieus.length < 2) break;
        const i = c.a % (dieus.length - 1), j = i + 1 + (c.b % (dieus.length - 1 - i));
        put(c.host, `từ Điều ${dieus[i].label} đến Điều ${dieus[j].label}`);
        break;
      }
      case 5: {
        if (d.children.filter((x) => x.kind === 'khoan').length < 2) break;
        const ks = d.children;
        const i = c.b % ks.length, j = (i + 1 + (c.c % (ks.length - 1))) % ks.length;
        put(c.host, `khoản ${ks[i].label} và ${ks[j].label} Điều ${d.label}`);
        break;
      }
      case 6: case 7: {
        const k = pick(d.children.filter((x) => x.kind === 'khoan'), c.b);
        if (k) d.notes.push(c.form === 6 ? `khoản ${k.label} Điều này` : `khoản ${k.label}`);
        break;
      }
      case 8: {
        const k = pick(khoans.filter((x) => x.children.length), c.a);
        const p = k && pick(k.children, c.b);
        if (k && p) pick([k, ...k.children], c.host)!.notes.push(`điểm ${p.label} khoản này`);
        break;
      }
      case 9: put(c.host, `Điều ${d.label} Nghị định này`); break;
      case 10: {
        const k = pick(khoans, c.a);
        model.other.push(k ? `khoản ${k.label} Điều ${k.parent!.label} Nghị định số 15/2031/NĐ-CP` : `Điều ${d.label} Nghị định số 15/2031/NĐ-CP`);
        break;
      }
      case 11: {
        const text = `Điều ${d.label} của Luật Đất đai`;
        if (c.host % 2) model.other.push(text); else put(c.host, text);
        break;
      }
      case 12: {
        const k = pick(khoans.filter((x) => x.children.length >= 2), c.a);
        if (k) {
          const i = c.b % k.children.length, j = (i + 1 + (c.c % (k.children.length - 1))) % k.children.length;
          put(c.host, `điểm ${k.children[i].label}, ${k.children[j].label} khoản ${k.label} Điều ${k.parent!.label}`);
        }
        break;
      }
      case 13: {
        const p = pick(diems.filter((x) => x.parent!.kind === 'dieu'), c.a);
        if (p) put(c.host, `điểm ${p.label} Điều ${p.parent!.label}`);
        break;
      }
    }
  }
  return model;
}

const notes = (u: MUnit) => u.notes.map((n) => ` Xem ${n}.`).join('');

function dieuLines(d: MUnit): string[] {
  const out = [`Điều ${d.label}. Tiêu đề Q${d.id}`, `Ghi chú.${notes(d)}`];
  for (const k of d.children) {
    if (k.kind === 'khoan') {
      out.push(`${k.label}. Nội dung Q${k.id}.${notes(k)}`);
      for (const p of k.children) out.push(`${p.label}) mục Q${p.id}.${notes(p)}`);
    } else {
      out.push(`${k.label}) mục Q${k.id}.${notes(k)}`);
    }
  }
  return out;
}

const HEADER = ['CHÍNH PHỦ', 'Số: 15/2031/NĐ-CP', 'NGHỊ ĐỊNH', 'Quy định thử nghiệm'];

function textA(m: Model, dieus = m.dieus): string {
  return [...HEADER, ...dieus.flatMap(dieuLines)].join('\n');
}

function textB(m: Model): string {
  return ['BỘ TÀI CHÍNH', 'Số: 07/2031/TT-BTC', 'THÔNG TƯ', 'Hướng dẫn thi hành', 'Điều 1. Phạm vi',
    `Ghi chú.${m.other.map((n) => ` Xem ${n}.`).join('')}`].join('\n');
}

// ---------------------------------------------------------------------------------------
// Checks

function workspace(a: string, b: string): Workspace {
  const w = new Workspace();
  w.set('a.vbpl', a);
  w.set('b.vbpl', b);
  return w;
}

function identity(r: ResolvedCitation): string {
  if (r.target.kind === 'external') return 'external';
  return r.targets.map((t) => (t.unit ? /Q(\d+)/.exec(t.unit.title ?? t.unit.text ?? '')?.[1] ?? '?' : 'missing')).join(',');
}

/** Each citation of a file: `text => ids of the units it names`. */
function meanings(w: Workspace, uri: string): Array<{ text: string; ids: string; line: number }> {
  const src = w.parsed(uri)!.source;
  return w.resolved(uri).filter((r) => r.citation.levels.length).map((r) => ({
    text: src.norm.slice(r.citation.span.start, r.citation.span.end),
    ids: identity(r),
    line: src.positionAt(r.citation.span.start).line,
  }));
}

function applied(w: Workspace, plan: RenumberPlan): { a: string; b: string } {
  const get = (uri: string) => (plan.changes[uri] ? applyTextEdits(w.text(uri)!, plan.changes[uri]) : w.text(uri)!);
  return { a: get('a.vbpl'), b: get('b.vbpl') };
}

const LABEL = /^(?:\d+[a-zđ]?|[a-zđ]\d*)$/i;

/** The text changed only in unit numbers: same lines, same words, differing words are numbers. */
function onlyNumbersChanged(before: string, after: string): void {
  const a = before.split('\n'), b = after.split('\n');
  assert.strictEqual(b.length, a.length);
  a.forEach((line, i) => {
    if (line === b[i]) return;
    const wa = line.split(/([\s,.;:()*]+)/), wb = b[i].split(/([\s,.;:()*]+)/);
    assert.strictEqual(wb.length, wa.length, `line ${i}: ${line} → ${b[i]}`);
    wa.forEach((x, j) => {
      if (x !== wb[j]) assert.ok(LABEL.test(x) && LABEL.test(wb[j]), `line ${i}: "${x}" → "${wb[j]}" is not a number change`);
    });
  });
}

const NUMBERING = new Set(['numbering-gap', 'numbering-duplicate', 'numbering-order', 'point-invalid-letter', 'point-sequence-exhausted']);

function numberingDiagnostics(w: Workspace, uri: string): string[] {
  return w.diagnostics(uri).filter((d) => NUMBERING.has(d.code)).map((d) => `${d.code}@${d.range.start.line}`);
}

const RUNS = Number(process.env.DIEU_PROPERTY_RUNS ?? '') || 100;
const stats = { renumber: 0, citations: 0, edits: 0, insert: 0, remove: 0, refusedDangling: 0 };

describe('renumber (property): random drafts keep every citation right', function () {
  this.timeout(120_000);

  after(() => {
    // Visible in the test output: how much the properties exercised.
    console.log(`      renumber properties: ${stats.renumber} drafts, ${stats.citations} citations, ${stats.edits} edits; `
      + `${stats.insert} insertions; ${stats.remove} deletions (${stats.refusedDangling} refused: a citation of the deleted one)`);
  });

  it('renumber document: same units cited, no numbering diagnostics, only numbers changed, external untouched', () => {
    fc.assert(fc.property(draft, fc.constantFrom<'keep' | 'number'>('keep', 'number'), ({ dieus, cites }, suffixes) => {
      const m = build(dieus, cites);
      const a = textA(m), b = textB(m);
      const w = workspace(a, b);
      const before = { a: meanings(w, 'a.vbpl'), b: meanings(w, 'b.vbpl') };
      assert.ok(before.a.every((x) => x.ids !== '' && !x.ids.includes('missing') && !x.ids.includes('?')), JSON.stringify(before.a));
      const plan = planRenumber(w, 'a.vbpl', { suffixes });
      assert.ok(plan.ok, !plan.ok ? `${plan.code}: ${plan.reason}\n${a}` : '');
      const out = applied(w, plan);
      const w2 = workspace(out.a, out.b);
      const after = { a: meanings(w2, 'a.vbpl'), b: meanings(w2, 'b.vbpl') };
      assert.deepStrictEqual(after.a.map((x) => x.ids), before.a.map((x) => x.ids), `${a}\n---\n${out.a}`);
      assert.deepStrictEqual(after.b.map((x) => x.ids), before.b.map((x) => x.ids), `${b}\n---\n${out.b}`);
      assert.deepStrictEqual(numberingDiagnostics(w2, 'a.vbpl'), []);
      onlyNumbersChanged(a, out.a);
      onlyNumbersChanged(b, out.b);
      for (const f of ['a', 'b'] as const) {
        before[f].forEach((x, i) => { if (x.ids === 'external') assert.strictEqual(after[f][i].text, x.text); });
      }
      // Renumbering twice changes nothing more.
      const again = planRenumber(w2, 'a.vbpl', { suffixes });
      assert.ok(again.ok && Object.keys(again.changes).length === 0);
      stats.renumber++;
      stats.citations += before.a.length + before.b.length;
      stats.edits += Object.values(plan.changes).reduce((n, l) => n + l.length, 0);
    }), { numRuns: RUNS });
  });

  it('insert a new Điều with a number already taken (cursor in it): the old citations follow the old units', () => {
    fc.assert(fc.property(draft, fc.nat(10), ({ dieus, cites }, at) => {
      const m = build(dieus, cites);
      const a0 = textA(m), b = textB(m);
      const w0 = workspace(a0, b);
      const before = { a: meanings(w0, 'a.vbpl'), b: meanings(w0, 'b.vbpl') };
      const i = at % m.dieus.length;
      const inserted: MUnit = { id: 999, kind: 'dieu', label: m.dieus[i].label.replace(/[a-zđ]$/, ''), children: [], notes: [] };
      const a1 = textA(m, [...m.dieus.slice(0, i), inserted, ...m.dieus.slice(i)]);
      const w1 = workspace(a1, b);
      const plan = planRenumber(w1, 'a.vbpl', { inserted: a1.indexOf('Tiêu đề Q999'), suffixes: at % 2 ? 'keep' : 'number' });
      assert.ok(plan.ok, !plan.ok ? `${plan.code}: ${plan.reason}\n${a1}` : '');
      const out = applied(w1, plan);
      const w2 = workspace(out.a, out.b);
      // A range around the insertion point now covers the new Điều too (it stands inside it).
      const drop = (ids: string) => ids.split(',').filter((x) => x !== '999').join(',');
      assert.deepStrictEqual(meanings(w2, 'a.vbpl').map((x) => drop(x.ids)), before.a.map((x) => x.ids), `${a1}\n---\n${out.a}`);
      assert.deepStrictEqual(meanings(w2, 'b.vbpl').map((x) => x.ids), before.b.map((x) => x.ids));
      assert.deepStrictEqual(numberingDiagnostics(w2, 'a.vbpl'), []);
      assert.ok(/Điều \d+\. Tiêu đề Q999/.test(out.a));
      onlyNumbersChanged(a1, out.a);
      stats.insert++;
    }), { numRuns: RUNS });
  });

  it('delete an Điều: the rest close the gap, or a citation of the deleted one refuses', () => {
    fc.assert(fc.property(draft, fc.nat(10), ({ dieus, cites }, at) => {
      const m = build(dieus, cites);
      const a0 = textA(m), b = textB(m);
      const w0 = workspace(a0, b);
      const i = at % m.dieus.length;
      const gone = m.dieus[i];
      const goneIds = new Set([gone, ...gone.children, ...gone.children.flatMap((k) => k.children)].map((u) => String(u.id)));
      const firstLine = a0.split('\n').indexOf(`Điều ${gone.label}. Tiêu đề Q${gone.id}`);
      const lastLine = firstLine + dieuLines(gone).length - 1;
      // Citations written inside the deleted Điều go with it; what it held is missing now.
      const keep = (x: { line: number }) => x.line < firstLine || x.line > lastLine;
      const missing = (ids: string) => ids === 'external' ? ids : ids.split(',').map((x) => (goneIds.has(x) ? 'missing' : x)).join(',');
      const shift = (x: { line: number }) => (x.line > lastLine ? x.line - (lastLine - firstLine + 1) : x.line);
      const before = meanings(w0, 'a.vbpl').filter(keep).map((x) => ({ ...x, ids: missing(x.ids), line: shift(x) }));
      const beforeB = meanings(w0, 'b.vbpl').map((x) => missing(x.ids));
      const a1 = textA(m, m.dieus.filter((d) => d !== gone));
      const w1 = workspace(a1, b);
      const plan = planRenumber(w1, 'a.vbpl');
      stats.remove++;
      if (!plan.ok) {
        // A citation of the deleted Điều (or a range ending on it) would name another unit.
        assert.ok(plan.code === 'dangling-citation' || plan.code === 'range-changes', `${plan.code}: ${plan.reason}`);
        assert.ok([...before.map((x) => x.ids), ...beforeB].some((ids) => ids.includes('missing')), `refused without a citation of the deleted Điều: ${plan.reason}`);
        stats.refusedDangling++;
        return;
      }
      const out = applied(w1, plan);
      const w2 = workspace(out.a, out.b);
      // A range loses the deleted Điều from its middle; elsewhere, what was missing stays missing
      // (a citation of the deleted unit naming another unit now would show up as an id here).
      const known = (ids: string) => ids.split(',').filter((x) => x !== 'missing').join(',');
      assert.deepStrictEqual(meanings(w2, 'a.vbpl').map((x) => known(x.ids)), before.map((x) => known(x.ids)), `${a1}\n---\n${out.a}`);
      assert.deepStrictEqual(meanings(w2, 'b.vbpl').map((x) => known(x.ids)), beforeB.map(known));
      assert.deepStrictEqual(numberingDiagnostics(w2, 'a.vbpl'), []);
      onlyNumbersChanged(a1, out.a);
    }), { numRuns: RUNS });
  });
});
