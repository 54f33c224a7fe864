/**
 * Citations: each form of DESIGN.md §1 resolved to the right unit, broken ones flagged with
 * the right code and range. Drafts are written here, short, in the shape lawyers write them.
 */
import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { Workspace } from '../../server/src/core/workspace';
import type { ResolvedCitation } from '../../server/src/core/citations/resolve';

/** A workspace of named drafts (uri = name). */
function ws(files: Record<string, string>): Workspace {
  const w = new Workspace();
  for (const [uri, text] of Object.entries(files)) w.set(uri, text);
  return w;
}

/** The resolved citation whose text starts with `quote` (first one at or after line `fromLine`). */
function cite(w: Workspace, uri: string, quote: string): ResolvedCitation {
  const p = w.parsed(uri)!;
  const hit = w.resolved(uri).find((r) => p.source.norm.slice(r.citation.span.start, r.citation.span.end).startsWith(quote));
  assert.ok(hit, `no citation starting "${quote}" in ${uri}; found: ${w.resolved(uri).map((r) => p.source.norm.slice(r.citation.span.start, r.citation.span.end)).join(' | ')}`);
  return hit;
}

/** Labels of the targets with where they resolved: `khoản 2 Điều 3@line` or `…!missing`. */
function targets(w: Workspace, r: ResolvedCitation): string[] {
  return r.targets.map((t) => {
    if (t.missing) return `${t.label}!`;
    if (!t.unit) return `${t.label}?`;
    const uri = r.target.kind === 'local' || r.target.kind === 'workspace' ? r.target.loc.uri : r.uri;
    const line = w.parsed(uri)!.source.positionAt(t.unit.marker.start).line;
    return `${t.label}@${uri}:${line}`;
  });
}

const ND = [
  'CHÍNH PHỦ',
  'Số: 15/2031/NĐ-CP',
  'Hà Nội, ngày 02 tháng 3 năm 2031',
  'NGHỊ ĐỊNH',
  'Quy định về thử nghiệm trích dẫn',
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi điều chỉnh',            // 7
  'Nghị định này quy định việc viện dẫn theo khoản 2 Điều 3 và điểm a khoản 1 Điều 2.',
  'Điều 2. Đối tượng áp dụng',             // 9
  '1. Cơ quan nhà nước gồm:',               // 10
  'a) Bộ, cơ quan ngang bộ;',               // 11
  'b) Ủy ban nhân dân các cấp.',            // 12
  '2. Tổ chức, cá nhân có liên quan đến khoản 1 Điều này.',  // 13
  'Điều 3. Nguyên tắc',                     // 14
  '1. Tuân thủ quy định tại các Điều 1, 2 và 4 Nghị định này.',  // 15
  '2. Áp dụng điểm a, b khoản 1 Điều 2; từ Điều 1 đến Điều 3.',   // 16
  '3. Không áp dụng khoản 5 Điều này.',     // 17
  'Điều 4. Hiệu lực',                        // 18
  'Nghị định này có hiệu lực từ ngày ký. Khoản 3 Điều 3 Nghị định này được áp dụng ngay.',
].join('\n');

describe('citations: forms and resolution inside a document', () => {
  const w = ws({ 'nd.vbpl': ND });

  it('unit chains resolve to the exact unit (khoản, điểm)', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'nd.vbpl', 'khoản 2 Điều 3')), ['khoản 2 Điều 3@nd.vbpl:16']);
    assert.deepStrictEqual(targets(w, cite(w, 'nd.vbpl', 'điểm a khoản 1 Điều 2')), ['điểm a khoản 1 Điều 2@nd.vbpl:11']);
  });

  it('"Điều này" is the Điều the citation stands in', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'nd.vbpl', 'khoản 1 Điều này')), ['khoản 1 Điều 2@nd.vbpl:10']);
  });

  it('lists of Điều with "các" and a document named "này"', () => {
    const r = cite(w, 'nd.vbpl', 'các Điều 1, 2 và 4');
    assert.strictEqual(r.target.kind, 'local');
    assert.deepStrictEqual(targets(w, r), ['Điều 1@nd.vbpl:7', 'Điều 2@nd.vbpl:9', 'Điều 4@nd.vbpl:18']);
  });

  it('lists of điểm under one khoản, and ranges "từ Điều 1 đến Điều 3"', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'nd.vbpl', 'điểm a, b khoản 1 Điều 2')),
      ['điểm a khoản 1 Điều 2@nd.vbpl:11', 'điểm b khoản 1 Điều 2@nd.vbpl:12']);
    assert.deepStrictEqual(targets(w, cite(w, 'nd.vbpl', 'Điều 1 đến Điều 3')),
      ['Điều 1@nd.vbpl:7', 'Điều 2@nd.vbpl:9', 'Điều 3@nd.vbpl:14']);
  });

  it('a capitalized "Khoản 3 Điều 3 Nghị định này" at a sentence start', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'nd.vbpl', 'Khoản 3 Điều 3')), ['khoản 3 Điều 3@nd.vbpl:17']);
  });

  it('ref-missing-target on "khoản 5 Điều này" in a three-khoản Điều, on the citation', () => {
    const d = w.diagnostics('nd.vbpl').filter((x) => x.code === 'ref-missing-target');
    assert.deepStrictEqual(d.map((x) => [x.range.start.line, x.range.start.character, x.range.end.character]),
      [[17, 17, 33]]);
    assert.match(d[0].message, /khoản 5 Điều 3/);
  });

  it('a unit heading is not a citation of itself', () => {
    const p = w.parsed('nd.vbpl')!;
    const starts = w.resolved('nd.vbpl').map((r) => p.source.positionAt(r.citation.span.start).line);
    assert.ok(!starts.includes(7) && !starts.includes(9) && !starts.includes(14), `citations on heading lines: ${starts}`);
  });
});

const QD = [
  'ỦY BAN THỬ NGHIỆM',
  'Số: 7/QĐ-UBTN',
  'Hà Nội, ngày 01 tháng 6 năm 2031',
  'QUYẾT ĐỊNH',
  'Ban hành Quy chế làm việc',
  'Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Ủy ban.',   // 5
  'Điều 2. Quyết định này có hiệu lực từ ngày ký; Điều 3 Quy chế này áp dụng từ ngày 01 tháng 7 năm 2031.', // 6
  'Điều 3. Các thành viên chịu trách nhiệm thi hành Điều 1 Quyết định này./.', // 7
  'QUY CHẾ',
  'Làm việc của Ủy ban',
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi',          // 12
  'Quy chế này quy định chế độ làm việc; Điều 2 Quyết định này quy định hiệu lực.',
  'Điều 2. Thành viên',        // 14
  'Điều 3. Họp',               // 15
  'Các thành viên họp theo Điều 2 Quy chế này.',
].join('\n');

describe('citations: two documents in one file', () => {
  const w = ws({ 'qd.vbpl': QD });

  it('"Quy chế này" inside the Quyết định is the attached Quy chế', () => {
    const r = cite(w, 'qd.vbpl', 'Điều 3 Quy chế này');
    assert.strictEqual(r.target.kind === 'local' && r.target.loc.docIndex, 1);
    assert.deepStrictEqual(targets(w, r), ['Điều 3@qd.vbpl:15']);
  });

  it('"Quyết định này" inside the Quy chế is the Quyết định', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'qd.vbpl', 'Điều 2 Quyết định này')), ['Điều 2@qd.vbpl:6']);
    assert.deepStrictEqual(targets(w, cite(w, 'qd.vbpl', 'Điều 1 Quyết định này')), ['Điều 1@qd.vbpl:5']);
  });

  it('"Quy chế này" inside the Quy chế is itself', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'qd.vbpl', 'Điều 2 Quy chế này')), ['Điều 2@qd.vbpl:14']);
  });

  it('no citation diagnostics', () => {
    assert.deepStrictEqual(w.diagnostics('qd.vbpl').filter((d) => /ref-|citation-/.test(d.code)).map((d) => d.message), []);
  });
});

const LUAT = [
  'QUỐC HỘI',
  'Luật số: 99/2030/QH16',
  'Hà Nội, ngày 20 tháng 11 năm 2030',
  'LUẬT',
  'THỬ NGHIỆM TRÍCH DẪN',
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi',          // 7
  'Luật này quy định việc thử nghiệm.',
  'Điều 2. Giải thích từ ngữ', // 9
  '1. Trích dẫn là việc nêu một quy định.', // 10
  '2. Văn bản là văn bản quy phạm pháp luật.', // 11
].join('\n');

const DRAFT = [
  'BỘ THỬ NGHIỆM',
  'Số: 01/2031/TT-BTN',
  'Hà Nội, ngày 10 tháng 01 năm 2031',
  'THÔNG TƯ',
  'Hướng dẫn thử nghiệm',
  'Căn cứ Luật Thử nghiệm trích dẫn ngày 20 tháng 11 năm 2030;',   // 5
  'Căn cứ Nghị định số 15/2031/NĐ-CP ngày 02 tháng 3 năm 2031 của Chính phủ;', // 6
  'Điều 1. Phạm vi',
  'Thông tư này hướng dẫn khoản 2 Điều 2 của Luật Thử nghiệm trích dẫn và Điều 9 của Luật Thử nghiệm trích dẫn.', // 8
  'Điều 2. Áp dụng',
  'Áp dụng khoản 2 Điều 3 Nghị định số 15/2031/NĐ-CP; Luật số 99/2030/QH16 và Điều 1 của Luật nêu trên.', // 10
  'Điều 3. Sai ký hiệu',
  'Theo Thông tư số 12/2015/NĐ-CP và Nghị định số 21/2015/NĐ-CP ngày 14 tháng 2 năm 2016.', // 12
].join('\n');

describe('citations: across files of the workspace', () => {
  const w = ws({ 'luat.vbpl': LUAT, 'nd.vbpl': ND, 'tt.vbpl': DRAFT });

  it('a law cited by name (and date) resolves into the other file', () => {
    const r = cite(w, 'tt.vbpl', 'khoản 2 Điều 2 của Luật');
    assert.strictEqual(r.target.kind, 'workspace');
    assert.deepStrictEqual(targets(w, r), ['khoản 2 Điều 2@luat.vbpl:11']);
    assert.strictEqual(cite(w, 'tt.vbpl', 'Luật Thử nghiệm trích dẫn ngày').target.kind, 'workspace');
  });

  it('a document cited by number resolves into the other file', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'tt.vbpl', 'khoản 2 Điều 3 Nghị định số')), ['khoản 2 Điều 3@nd.vbpl:16']);
  });

  it('"nêu trên" is the document named last', () => {
    assert.deepStrictEqual(targets(w, cite(w, 'tt.vbpl', 'Điều 1 của Luật nêu trên')), ['Điều 1@luat.vbpl:7']);
  });

  it('ext-missing-target when the cited law lacks the Điều', () => {
    const d = w.diagnostics('tt.vbpl').filter((x) => x.code === 'ext-missing-target');
    assert.strictEqual(d.length, 1);
    assert.strictEqual(d[0].range.start.line, 8);
    assert.match(d[0].message, /Điều 9/);
    assert.strictEqual(d[0].related?.[0].uri, 'luat.vbpl');
    // Placed in the cited file's own text (its `LUẬT` title line), not in the citing one's.
    assert.deepStrictEqual(d[0].related?.[0].range, { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } });
  });

  it('citation-malformed: type word ≠ code, year ≠ date year', () => {
    const d = w.diagnostics('tt.vbpl').filter((x) => x.code === 'citation-malformed');
    const norm = w.parsed('tt.vbpl')!.source.original.split('\n')[12];
    assert.deepStrictEqual(d.map((x) => norm.slice(x.range.start.character, x.range.end.character)),
      ['Thông tư', 'ngày 14 tháng 2 năm 2016']);
  });

  it('find references: every citation of a unit, across files', () => {
    const nd = w.parsed('nd.vbpl')!;
    const dieu3 = nd.documents[0].units[0].children.find((u) => u.kind === 'dieu' && u.num.label === '3')!;
    const khoan2 = dieu3.children.find((u) => u.num.label === '2')!;
    const refs = w.references(khoan2).map((r) => `${r.uri}:${w.parsed(r.uri)!.source.positionAt(r.resolved.citation.span.start).line}`);
    assert.deepStrictEqual(refs.sort(), ['nd.vbpl:8', 'tt.vbpl:10']);
  });
});

describe('citations: seed 004 and the Luật Công nghệ thông tin (../shared)', function () {
  const seed = path.resolve(__dirname, '../../../../shared/seeds/004_8144af15373537e2.txt');
  const law = path.resolve(__dirname, '../../../../shared/corpus/67-2006-QH11.txt');
  if (!existsSync(seed) || !existsSync(law)) {
    it('needs ../shared beside the project');
    return;
  }
  const w = ws({ seed: readFileSync(seed, 'utf8'), law: readFileSync(law, 'utf8') });

  it('khoản 2 Điều 27 Nghị định này (in Điều 25) → khoản 2 of Điều 27', () => {
    const r = cite(w, 'seed', 'khoản 2 Điều 27 Nghị định này');
    assert.strictEqual(r.citation.here.dieu?.num.label, '25');
    assert.deepStrictEqual(r.targets.map((t) => t.unit && `${t.unit.parent?.num.label}/${t.unit.num.label}`), ['27/2']);
  });

  it('khoản 3 Điều 9 Nghị định này → khoản 3 of Điều 9', () => {
    const r = cite(w, 'seed', 'khoản 3 Điều 9 Nghị định này');
    assert.deepStrictEqual(r.targets.map((t) => t.unit && `${t.unit.parent?.num.label}/${t.unit.num.label}`), ['9/3']);
  });

  it('Điều 28 của Luật Công nghệ thông tin → 67-2006-QH11, Điều 28', () => {
    const r = cite(w, 'seed', 'Điều 28 của Luật Công nghệ thông tin');
    assert.strictEqual(r.target.kind, 'workspace');
    const t = r.targets[0];
    assert.strictEqual(t.unit?.kind, 'dieu');
    assert.strictEqual(t.unit?.num.label, '28');
    assert.strictEqual(r.target.kind === 'workspace' && r.target.loc.uri, 'law');
  });

  it('no ref-missing-target in seed 004', () => {
    assert.deepStrictEqual(w.diagnostics('seed').filter((d) => d.code === 'ref-missing-target').map((d) => d.message), []);
  });
});

describe('citations: the workspace re-resolves only what an edit can change', () => {
  it('an edit removing a cited Điều in another file is seen by the citing file', () => {
    const w = ws({ 'luat.vbpl': LUAT, 'tt.vbpl': DRAFT });
    assert.strictEqual(w.diagnostics('tt.vbpl').filter((d) => d.code === 'ext-missing-target').length, 1);
    w.set('luat.vbpl', LUAT.replace('Điều 2. Giải thích từ ngữ', 'Điều 3. Giải thích từ ngữ'));
    const missing = w.diagnostics('tt.vbpl').filter((d) => d.code === 'ext-missing-target').map((d) => d.message);
    assert.strictEqual(missing.length, 2, missing.join('\n'));
    assert.ok(missing.some((m) => /khoản 2 Điều 2|Điều 2/.test(m)));
  });

  it('an edit in a file a document does not cite leaves its resolution as it was', () => {
    const w = ws({ 'nd.vbpl': ND, 'qd.vbpl': QD });
    const before = w.resolved('nd.vbpl');
    w.set('qd.vbpl', QD.replace('Các thành viên họp', 'Các thành viên của Ủy ban họp'));
    assert.strictEqual(w.resolved('nd.vbpl'), before);
    // …but a new document with a number it cites is seen at once.
    w.set('extra.vbpl', ['CHÍNH PHỦ', 'Số: 16/2031/NĐ-CP', 'NGHỊ ĐỊNH', 'Thử', 'Điều 1. A'].join('\n'));
    assert.notStrictEqual(w.resolved('nd.vbpl'), before);
  });
});
