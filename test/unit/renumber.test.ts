/**
 * Renumbering (core/renumber.ts): insert or delete an Điều and renumber the rest, rename one
 * unit, renumber a whole document — and every citation of a moved unit rewritten, in this
 * file and in the others, exactly where its number is written. Drafts written here, short.
 */
import * as assert from 'assert';
import {
  applyTextEdits, isPlanCurrent, planRename, planRenumber, renameSiteAt, type RenumberPlan, type RenumberRefusal,
  type RenumberResult,
} from '../../server/src/core/renumber';
import { markerNumberSpan, parseNewLabel } from '../../server/src/core/renumber/labels';
import { walkUnits, type Unit } from '../../server/src/core/model';
import { Workspace } from '../../server/src/core/workspace';

function ws(files: Record<string, string>): Workspace {
  const w = new Workspace();
  for (const [uri, text] of Object.entries(files)) w.set(uri, text);
  return w;
}

function ok(r: RenumberResult): RenumberPlan {
  if (!r.ok) assert.fail(`refused: ${r.code}: ${r.reason}${r.more ? ` (+${r.more.length})` : ''}`);
  return r;
}

function refused(r: RenumberResult): RenumberRefusal {
  if (r.ok) assert.fail(`planned instead of refusing: ${r.title}`);
  return r;
}

/** The files after applying the plan (only the changed ones). */
function after(w: Workspace, plan: RenumberPlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(plan.changes)) out[uri] = applyTextEdits(w.text(uri)!, edits);
  return out;
}

/** Lines of `text` that differ from `before`, as `line: new text`. */
function changedLines(before: string, text: string): string[] {
  const a = before.split('\n'), b = text.split('\n');
  assert.strictEqual(b.length, a.length, 'line count changed');
  return b.flatMap((l, i) => (l === a[i] ? [] : [`${i}: ${l}`]));
}

function unit(w: Workspace, uri: string, pred: (u: Unit) => boolean, nth = 0): Unit {
  const all = w.parsed(uri)!.documents.flatMap((d) => walkUnits(d.units)).filter(pred);
  assert.ok(all[nth], 'unit not found');
  return all[nth];
}

/** Each citation of a file with what it names: `khoản 2 Điều 4 → <the unit's title or text>`. */
function cited(w: Workspace, uri: string): string[] {
  const p = w.parsed(uri)!;
  return w.resolved(uri).map((r) => {
    const text = p.source.norm.slice(r.citation.span.start, r.citation.span.end);
    const what = r.target.kind === 'external' ? '(external)'
      : r.targets.map((t) => (t.unit ? t.unit.title ?? t.unit.text ?? '?' : '(missing)')).join(' | ');
    return `${text} → ${what}`;
  });
}

const dieu = (label: string) => (u: Unit) => u.kind === 'dieu' && u.num.label === label;

/** Offset (norm) of the first occurrence of `quote` in a file. */
function offsetOf(w: Workspace, uri: string, quote: string, from = 0): number {
  const i = w.parsed(uri)!.source.norm.indexOf(quote, from);
  assert.ok(i >= 0, `"${quote}" not in ${uri}`);
  return i;
}

// The drafter inserted a new `Điều 3.` (line 12) before the old Điều 3 (line 14).
const ND = [
  'CHÍNH PHỦ', //                                                                                            0
  'Số: 15/2031/NĐ-CP', //                                                                                    1
  'Hà Nội, ngày 02 tháng 3 năm 2031', //                                                                     2
  'NGHỊ ĐỊNH', //                                                                                            3
  'Quy định thử nghiệm đánh số lại', //                                                                      4
  'Chương I', //                                                                                             5
  'QUY ĐỊNH CHUNG', //                                                                                       6
  'Điều 1. Phạm vi điều chỉnh', //                                                                           7
  'Nghị định này quy định theo khoản 1, 2 và 3 Điều 3; từ Điều 2 đến Điều 4; điểm b khoản 2 Điều 4.', //     8
  'Điều 2. Đối tượng áp dụng', //                                                                            9
  '1. Cơ quan nêu tại Điều 3 và Điều 5 Nghị định này.', //                                                  10
  '2. Tổ chức theo khoản 1 Điều này.', //                                                                   11
  'Điều 3. Quy định chuyển tiếp mới', //                                                                    12
  'Hồ sơ đã nộp theo Điều 2 tiếp tục được giải quyết.', //                                                  13
  'Điều 3. Nguyên tắc', //                                                                                  14
  '1. Nguyên tắc một.', //                                                                                  15
  '2. Nguyên tắc hai, trừ khoản 3 Điều này.', //                                                            16
  '3. Nguyên tắc ba.', //                                                                                   17
  'Chương II', //                                                                                           18
  'QUY ĐỊNH CỤ THỂ', //                                                                                     19
  'Điều 4. Thủ tục', //                                                                                     20
  '1. Hồ sơ.', //                                                                                           21
  '2. Trình tự:', //                                                                                        22
  'a) Nộp hồ sơ theo khoản 1 Điều 3;', //                                                                   23
  'b) Giải quyết theo Điều 4 của Luật Đất đai.', //                                                         24
  'Điều 5. Hiệu lực', //                                                                                    25
  'Nghị định này có hiệu lực từ ngày ký; các Điều 3, 4 và 5 áp dụng ngay.', //                              26
].join('\n');

const TT = [
  'BỘ TÀI CHÍNH', //                                                                                         0
  'Số: 07/2031/TT-BTC', //                                                                                   1
  'THÔNG TƯ', //                                                                                             2
  'Hướng dẫn thi hành', //                                                                                   3
  'Điều 1. Phạm vi', //                                                                                      4
  'Thông tư này hướng dẫn khoản 2 Điều 3 và Điều 5 Nghị định số 15/2031/NĐ-CP; Điều 3 của Nghị định số 99/2030/NĐ-CP không thuộc phạm vi.',
  'Điều 2. Áp dụng', //                                                                                      6
  'Áp dụng khoản 1 Điều 2 Thông tư này và Điều 4 của Luật Đất đai.', //                                     7
].join('\n');

describe('renumber: inserting an Điều shifts the later ones and their citations, in two files', () => {
  const w = ws({ 'nd.vbpl': ND, 'tt.vbpl': TT });
  const cursor = offsetOf(w, 'nd.vbpl', 'Quy định chuyển tiếp mới');

  it('with the cursor in the inserted Điều: old 3…5 become 4…6, every citation of them follows', () => {
    const plan = ok(planRenumber(w, 'nd.vbpl', { inserted: cursor }));
    const out = after(w, plan);
    assert.deepStrictEqual(changedLines(ND, out['nd.vbpl']), [
      '8: Nghị định này quy định theo khoản 1, 2 và 3 Điều 4; từ Điều 2 đến Điều 5; điểm b khoản 2 Điều 5.',
      '10: 1. Cơ quan nêu tại Điều 4 và Điều 6 Nghị định này.',
      '14: Điều 4. Nguyên tắc',
      '20: Điều 5. Thủ tục',
      '23: a) Nộp hồ sơ theo khoản 1 Điều 4;',
      '25: Điều 6. Hiệu lực',
      '26: Nghị định này có hiệu lực từ ngày ký; các Điều 4, 5 và 6 áp dụng ngay.',
    ]);
    assert.deepStrictEqual(changedLines(TT, out['tt.vbpl']), [
      '5: Thông tư này hướng dẫn khoản 2 Điều 4 và Điều 6 Nghị định số 15/2031/NĐ-CP; Điều 3 của Nghị định số 99/2030/NĐ-CP không thuộc phạm vi.',
    ]);
    assert.deepStrictEqual(plan.moves.map((m) => `${m.name}→${m.to}`), ['Điều 3→4', 'Điều 4→5', 'Điều 5→6']);
    assert.strictEqual(plan.citationEdits, 11);
    assert.strictEqual(plan.citationFiles, 2);
  });

  it('the Điều only (scope "dieu") gives the same edit here (khoản and điểm are in order)', () => {
    const all = ok(planRenumber(w, 'nd.vbpl', { inserted: cursor }));
    const only = ok(planRenumber(w, 'nd.vbpl', { inserted: cursor, scope: 'dieu' }));
    assert.deepStrictEqual(only.changes, all.changes);
  });

  it('after applying it, every citation names the unit it named before the insertion', () => {
    const out = after(w, ok(planRenumber(w, 'nd.vbpl', { inserted: cursor })));
    const w2 = ws({ 'nd.vbpl': out['nd.vbpl'], 'tt.vbpl': out['tt.vbpl'] });
    assert.deepStrictEqual(w2.diagnostics('nd.vbpl').map((d) => d.code), []);
    assert.deepStrictEqual(cited(w2, 'nd.vbpl'), [
      'Nghị định này → ',
      'khoản 1, 2 và 3 Điều 4 → Nguyên tắc một. | Nguyên tắc hai, trừ khoản 3 Điều này. | Nguyên tắc ba.',
      'Điều 2 đến Điều 5 → Đối tượng áp dụng | Quy định chuyển tiếp mới | Nguyên tắc | Thủ tục',
      'điểm b khoản 2 Điều 5 → Giải quyết theo Điều 4 của Luật Đất đai.',
      'Điều 4 và Điều 6 Nghị định này → Nguyên tắc | Hiệu lực',
      'khoản 1 Điều này → Cơ quan nêu tại Điều 4 và Điều 6 Nghị định này.',
      'Điều 2 → Đối tượng áp dụng',
      'khoản 3 Điều này → Nguyên tắc ba.',
      'khoản 1 Điều 4 → Nguyên tắc một.',
      'Điều 4 của Luật Đất đai → (external)',
      'Nghị định này → ',
      'các Điều 4, 5 và 6 → Nguyên tắc | Thủ tục | Hiệu lực',
    ]);
    assert.deepStrictEqual(cited(w2, 'tt.vbpl'), [
      'Thông tư này → ',
      'khoản 2 Điều 4 và Điều 6 Nghị định số 15/2031/NĐ-CP → Nguyên tắc hai, trừ khoản 3 Điều này. | Hiệu lực',
      'Điều 3 của Nghị định số 99/2030/NĐ-CP → (external)',
      'khoản 1 Điều 2 Thông tư này → (missing)',
      'Điều 4 của Luật Đất đai → (external)',
    ]);
  });

  it('without knowing which twin is new, citations of "Điều 3" are ambiguous: refusal, located', () => {
    const r = refused(planRenumber(w, 'nd.vbpl'));
    assert.strictEqual(r.code, 'ambiguous-duplicate');
    assert.deepStrictEqual(r.location, { uri: 'nd.vbpl', range: { start: { line: 8, character: 49 }, end: { line: 8, character: 50 } } });
    assert.match(r.reason, /số 3 .*2 Điều/);
    assert.ok(r.more && r.more.some((m) => m.location?.uri === 'tt.vbpl'));
  });

  it('the plan is tied to the texts it read', () => {
    const plan = ok(planRenumber(w, 'nd.vbpl', { inserted: cursor }));
    assert.ok(isPlanCurrent(w, plan));
    const w2 = ws({ 'nd.vbpl': ND, 'tt.vbpl': TT });
    const plan2 = ok(planRenumber(w2, 'nd.vbpl', { inserted: cursor }));
    w2.set('tt.vbpl', `${TT}\n`);
    assert.ok(!isPlanCurrent(w2, plan2));
  });
});

// The drafter deleted Điều 3: Điều 2 is followed by Điều 4.
const DELETED = [
  'Điều 1. Phạm vi', //                                                      0
  'Áp dụng Điều 2, Điều 4 và khoản 2 Điều 5 Quy chế này.', //               1
  'Điều 2. Đối tượng', //                                                   2
  'Điều 4. Thủ tục', //                                                     3
  '1. Nộp hồ sơ theo Điều 5.', //                                           4
  '2. Giải quyết theo khoản 1 Điều này và từ Điều 4 đến Điều 5.', //         5
  'Điều 5. Hiệu lực', //                                                    6
  '1. Có hiệu lực từ ngày ký.', //                                          7
  '2. Điều 4 của Luật Đất đai và Điều 4 Nghị định số 99/2030/NĐ-CP giữ nguyên.', // 8
].join('\n');

describe('renumber: deleting an Điều closes the gap', () => {
  it('Điều 4 and 5 become 3 and 4, their citations follow; external ones stay', () => {
    const w = ws({ 'qc.vbpl': DELETED });
    const out = after(w, ok(planRenumber(w, 'qc.vbpl')))['qc.vbpl'];
    assert.deepStrictEqual(changedLines(DELETED, out), [
      '1: Áp dụng Điều 2, Điều 3 và khoản 2 Điều 4 Quy chế này.',
      '3: Điều 3. Thủ tục',
      '4: 1. Nộp hồ sơ theo Điều 4.',
      '5: 2. Giải quyết theo khoản 1 Điều này và từ Điều 3 đến Điều 4.',
      '6: Điều 4. Hiệu lực',
    ]);
  });

  it('a citation of the deleted Điều would silently name its successor: refusal on it', () => {
    const w = ws({ 'qc.vbpl': DELETED.replace('Áp dụng Điều 2,', 'Áp dụng Điều 3,') });
    const r = refused(planRenumber(w, 'qc.vbpl'));
    assert.strictEqual(r.code, 'dangling-citation');
    assert.deepStrictEqual(r.location, { uri: 'qc.vbpl', range: { start: { line: 1, character: 13 }, end: { line: 1, character: 14 } } });
    assert.match(r.reason, /Điều 3 không tồn tại.*Điều 4/);
  });

  it('a citation of a unit that stays missing after renumbering is left alone', () => {
    const w = ws({ 'qc.vbpl': DELETED.replace('Áp dụng Điều 2,', 'Áp dụng Điều 9,') });
    const out = after(w, ok(planRenumber(w, 'qc.vbpl')))['qc.vbpl'];
    assert.match(out.split('\n')[1], /^Áp dụng Điều 9, Điều 3 và khoản 2 Điều 4 Quy chế này\.$/);
  });
});

// khoản and điểm out of sequence: an inserted khoản `2a`, a missing điểm `c`, sub-points `a1`.
const CLAUSES = [
  'Điều 1. Giải thích từ ngữ', //                                                         0
  '1. Khoản một, xem điểm d khoản 2 và điểm a, b và d khoản 2 Điều 1.', //                1
  '2. Khoản hai gồm:', //                                                                 2
  'a) mục một;', //                                                                       3
  'a1) mục một phẩy một, khác với điểm a1 khoản 3;', //                                   4
  'b) mục hai;', //                                                                       5
  'd) mục bốn theo khoản 2a Điều này;', //                                                6
  'đ) mục năm.', //                                                                       7
  '2a. Khoản chèn, theo điểm đ khoản 2 và khoản 3.', //                                   8
  '3. Khoản ba, gồm:', //                                                                 9
  'a) một;', //                                                                          10
  'a1) một phẩy một;', //                                                                11
  'c) hai, theo điểm a1 khoản này.', //                                                  12
  'Điều 2. Áp dụng', //                                                                  13
  'Theo điểm đ khoản 2 Điều 1 và các khoản 2a, 3 Điều 1. Không theo điểm b, d khoản 3 Điều 1 của Luật Đất đai.', // 14
].join('\n');

describe('renumber: khoản per Điều, điểm per khoản', () => {
  const w = ws({ 'k.vbpl': CLAUSES });

  it('numbered plainly, khoản 2a becomes 3, điểm d/đ close the gap, sub-points follow their letter; lists and chains rewritten exactly', () => {
    const out = after(w, ok(planRenumber(w, 'k.vbpl', { suffixes: 'number' })))['k.vbpl'];
    assert.deepStrictEqual(changedLines(CLAUSES, out), [
      '1: 1. Khoản một, xem điểm c khoản 2 và điểm a, b và c khoản 2 Điều 1.',
      '4: a1) mục một phẩy một, khác với điểm a1 khoản 4;',
      '6: c) mục bốn theo khoản 3 Điều này;',
      '7: d) mục năm.',
      '8: 3. Khoản chèn, theo điểm d khoản 2 và khoản 4.',
      '9: 4. Khoản ba, gồm:',
      '12: b) hai, theo điểm a1 khoản này.',
      '14: Theo điểm d khoản 2 Điều 1 và các khoản 3, 4 Điều 1. Không theo điểm b, d khoản 3 Điều 1 của Luật Đất đai.',
    ]);
    const w2 = ws({ 'k.vbpl': out });
    assert.deepStrictEqual(w2.diagnostics('k.vbpl').map((d) => d.code), []);
  });

  it('by default khoản 2a stays between 2 and 3 (an inserted unit of an amended text)', () => {
    const out = after(w, ok(planRenumber(w, 'k.vbpl')))['k.vbpl'];
    assert.deepStrictEqual(changedLines(CLAUSES, out), [
      '1: 1. Khoản một, xem điểm c khoản 2 và điểm a, b và c khoản 2 Điều 1.',
      '6: c) mục bốn theo khoản 2a Điều này;',
      '7: d) mục năm.',
      '8: 2a. Khoản chèn, theo điểm d khoản 2 và khoản 3.',
      '12: b) hai, theo điểm a1 khoản này.',
      '14: Theo điểm d khoản 2 Điều 1 và các khoản 2a, 3 Điều 1. Không theo điểm b, d khoản 3 Điều 1 của Luật Đất đai.',
    ]);
  });

  it('renumbering an already sequential document changes nothing', () => {
    for (const suffixes of ['keep', 'number'] as const) {
      const out = after(w, ok(planRenumber(w, 'k.vbpl', { suffixes })))['k.vbpl'];
      const again = ok(planRenumber(ws({ 'k.vbpl': out }), 'k.vbpl', { suffixes }));
      assert.deepStrictEqual(again.changes, {});
    }
    const out = after(w, ok(planRenumber(w, 'k.vbpl')))['k.vbpl'];
    const plan = ok(planRenumber(ws({ 'k.vbpl': out }), 'k.vbpl'));
    assert.deepStrictEqual(plan.changes, {});
    assert.deepStrictEqual(plan.moves, []);
    assert.match(plan.title, /không có gì thay đổi/);
  });

  it('more than 23 điểm: no letter after y — refusal on the 24th', () => {
    const letters = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');
    const text = ['Điều 1. Dài', '1. Gồm:', ...letters.map((l) => `${l}) mục ${l};`), 'a1) thêm;', 'y) cuối.'].join('\n');
    const w3 = ws({ 'y.vbpl': text.replace('a1) thêm;\n', '') });
    const r = refused(planRenumber(w3, 'y.vbpl'));
    assert.strictEqual(r.code, 'letters-exhausted');
    assert.strictEqual(r.location?.range.start.line, 25);
  });
});

describe('renumber: what is never rewritten', () => {
  const NAY = [
    'Điều 1. Chung', //                                                   0
    'Điều 3. Nguyên tắc', //                                              1
    '1. Theo khoản 3 Điều này và điểm a khoản này.', //                   2
    'a) điểm a;', //                                                      3
    '3. Khoản ba theo Điều này, khoản 1 và Điều 3 Nghị định này.', //     4
  ].join('\n');

  it('"này" stays; the other labels of the same citation are rewritten', () => {
    const w = ws({ 'n.vbpl': NAY });
    const out = after(w, ok(planRenumber(w, 'n.vbpl')))['n.vbpl'];
    assert.deepStrictEqual(changedLines(NAY, out), [
      '1: Điều 2. Nguyên tắc',
      '2: 1. Theo khoản 2 Điều này và điểm a khoản này.',
      '4: 2. Khoản ba theo Điều này, khoản 1 và Điều 2 Nghị định này.',
    ]);
  });

  it('a chain rewrites only the label whose unit moved', () => {
    const w = ws({ 'c.vbpl': ['Điều 1. A', 'Xem điểm b khoản 2 Điều 4.', 'Điều 4. B', '1. x', '2. y', 'a) p', 'b) q'].join('\n') });
    const out = after(w, ok(planRenumber(w, 'c.vbpl')))['c.vbpl'];
    assert.deepStrictEqual(out.split('\n').slice(1, 3), ['Xem điểm b khoản 2 Điều 2.', 'Điều 2. B']);
  });

  it('another workspace document with the same numbers is not touched', () => {
    const other = ['BỘ X', 'Số: 3/2031/TT-BX', 'THÔNG TƯ', 'Khác', 'Điều 1. A', 'Theo Điều 4 và Điều 4 Nghị định số 99/2030/NĐ-CP.', 'Điều 4. B'].join('\n');
    const w = ws({ 'n.vbpl': NAY, 'o.vbpl': other });
    const plan = ok(planRenumber(w, 'n.vbpl'));
    assert.deepStrictEqual(Object.keys(plan.changes), ['n.vbpl']);
  });

  it('a quoted amendment is another document\'s text', () => {
    const text = ['Điều 1. Sửa đổi', 'Sửa đổi Điều 5 như sau:', '“Điều 5. Nội dung mới', 'Theo Điều 4.”', 'Điều 3. Hiệu lực'].join('\n');
    const w = ws({ 'q.vbpl': text });
    const out = after(w, ok(planRenumber(w, 'q.vbpl')))['q.vbpl'];
    assert.deepStrictEqual(changedLines(text, out), ['4: Điều 2. Hiệu lực']);
  });
});

describe('renumber: two documents in one file number afresh', () => {
  const QD = [
    'ỦY BAN THỬ NGHIỆM', 'Số: 7/QĐ-UBTN', 'QUYẾT ĐỊNH', 'Ban hành Quy chế làm việc', //       0-3
    'Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.', //                           4
    'Điều 2. Điều 3 Quy chế này áp dụng ngay; Điều 3 Quyết định này quy định thi hành.', //    5
    'Điều 3. Các thành viên chịu trách nhiệm thi hành./.', //                                  6
    'QUY CHẾ', 'Làm việc của Ủy ban', //                                                       7-8
    'Điều 1. Phạm vi', //                                                                      9
    'Điều 3. Thành viên', //                                                                  10
    'Theo Điều 3 Quyết định này và Điều 1 Quy chế này.', //                                   11
  ].join('\n');

  it('the Quy chế\'s Điều 3 becomes 2; the Quyết định\'s Điều 3 and its citations stay', () => {
    const w = ws({ 'qd.vbpl': QD });
    const out = after(w, ok(planRenumber(w, 'qd.vbpl')))['qd.vbpl'];
    assert.deepStrictEqual(changedLines(QD, out), [
      '5: Điều 2. Điều 2 Quy chế này áp dụng ngay; Điều 3 Quyết định này quy định thi hành.',
      '10: Điều 2. Thành viên',
    ]);
  });
});

describe('renumber: refusals', () => {
  it('two workspace documents with the same number: a citation by that number is ambiguous', () => {
    const w = ws({ 'nd.vbpl': ND, 'nd-ban-cu.vbpl': DELETED_ND, 'tt.vbpl': TT });
    const r = refused(planRenumber(w, 'nd.vbpl', { inserted: offsetOf(w, 'nd.vbpl', 'Quy định chuyển tiếp mới') }));
    assert.strictEqual(r.code, 'ambiguous-document');
    assert.strictEqual(r.location?.uri, 'tt.vbpl');
    assert.match(r.reason, /15\/2031\/NĐ-CP ứng với 2 văn bản/);
  });

  it('a range that would cover other units: refusal', () => {
    const text = ['Điều 1. A', 'Từ Điều 2 đến Điều 4.', 'Điều 2. B', 'Điều 3. C', 'Điều 4. D', 'Điều 5. E'].join('\n');
    const w = ws({ 'r.vbpl': text });
    const r = refused(planRename(w, 'r.vbpl', unit(w, 'r.vbpl', dieu('3')), '9', { shift: 'none' }));
    assert.strictEqual(r.code, 'range-changes');
    assert.strictEqual(r.location?.range.start.line, 1);
  });

  it('a rename onto an existing number without shifting: collision, naming both', () => {
    const w = ws({ 'nd.vbpl': DELETED_ND });
    const r = refused(planRename(w, 'nd.vbpl', unit(w, 'nd.vbpl', dieu('2')), '4', { shift: 'none' }));
    assert.strictEqual(r.code, 'collision');
    assert.match(r.reason, /^Điều 2 sẽ thành Điều 4, trùng số với Điều 4 /);
    assert.strictEqual(r.location?.range.start.line, 9);
    assert.strictEqual(r.related?.[0].range.start.line, 18);
  });

  it('a number a unit cannot have', () => {
    const w = ws({ 'k.vbpl': CLAUSES });
    assert.strictEqual(refused(planRename(w, 'k.vbpl', unit(w, 'k.vbpl', dieu('1')), 'b')).code, 'invalid-label');
    assert.strictEqual(refused(planRename(w, 'k.vbpl', unit(w, 'k.vbpl', (u) => u.kind === 'diem'), 'f')).code, 'invalid-label');
    assert.strictEqual(refused(planRename(w, 'k.vbpl', unit(w, 'k.vbpl', (u) => u.kind === 'khoan'), '0')).code, 'invalid-label');
  });

  it('a Chương is not renumbered by rename', () => {
    const w = ws({ 'nd.vbpl': DELETED_ND });
    const at = offsetOf(w, 'nd.vbpl', 'Chương II') + 7;
    const site = renameSiteAt(w, 'nd.vbpl', at);
    assert.ok(site && 'ok' in site && site.code === 'not-renumberable');
  });

  it('a marker whose number cannot be located exactly is refused, not guessed', () => {
    const w = ws({ 'nd.vbpl': DELETED_ND });
    const u = unit(w, 'nd.vbpl', dieu('4'));
    const fake: Unit = { ...u, num: { ...u.num, label: '7' } };
    assert.strictEqual(markerNumberSpan(w.parsed('nd.vbpl')!.source, fake), undefined);
    assert.deepStrictEqual(markerNumberSpan(w.parsed('nd.vbpl')!.source, u), { start: u.marker.start + 5, end: u.marker.start + 6 });
  });
});

/** ND after the insertion was renumbered (Điều 1…6, no twins). */
const DELETED_ND = ND.replace(/Điều 3\. Quy định chuyển tiếp mới\nHồ sơ đã nộp theo Điều 2 tiếp tục được giải quyết\.\n/, '');

describe('rename one unit (prepareRename / rename)', () => {
  it('the site under the cursor: a marker, or a citation\'s number naming a unit of another file', () => {
    const w = ws({ 'nd.vbpl': DELETED_ND, 'tt.vbpl': TT });
    const onMarker = renameSiteAt(w, 'nd.vbpl', offsetOf(w, 'nd.vbpl', 'Điều 4. Thủ tục') + 2);
    assert.ok(onMarker && 'unit' in onMarker);
    assert.deepStrictEqual([onMarker.label, onMarker.unitUri, onMarker.range], ['4', 'nd.vbpl', { start: { line: 18, character: 5 }, end: { line: 18, character: 6 } }]);
    const onPoint = renameSiteAt(w, 'nd.vbpl', offsetOf(w, 'nd.vbpl', 'b) Giải'));
    assert.ok(onPoint && 'unit' in onPoint && onPoint.label === 'b' && onPoint.unit.kind === 'diem');
    const inCitation = renameSiteAt(w, 'tt.vbpl', offsetOf(w, 'tt.vbpl', 'Điều 5 Nghị định') + 5);
    assert.ok(inCitation && 'unit' in inCitation);
    assert.deepStrictEqual([inCitation.label, inCitation.unitUri, inCitation.unit.title], ['5', 'nd.vbpl', 'Hiệu lực']);
    assert.strictEqual(renameSiteAt(w, 'nd.vbpl', offsetOf(w, 'nd.vbpl', 'Tổ chức theo')), undefined);
    assert.strictEqual(renameSiteAt(w, 'tt.vbpl', offsetOf(w, 'tt.vbpl', '99/2030')), undefined);
  });

  it('Điều 3 → 4 shifts 4 and 5 (they would collide), in both files', () => {
    const w = ws({ 'nd.vbpl': DELETED_ND, 'tt.vbpl': TT });
    const plan = ok(planRename(w, 'nd.vbpl', unit(w, 'nd.vbpl', dieu('3')), 'Điều 4'));
    const out = after(w, plan);
    assert.deepStrictEqual(plan.moves.map((m) => `${m.from}→${m.to}`), ['3→4', '4→5', '5→6']);
    assert.deepStrictEqual(changedLines(TT, out['tt.vbpl']), [
      '5: Thông tư này hướng dẫn khoản 2 Điều 4 và Điều 6 Nghị định số 15/2031/NĐ-CP; Điều 3 của Nghị định số 99/2030/NĐ-CP không thuộc phạm vi.',
    ]);
  });

  it('Điều 5 → 7 alone (no sibling after it), and a điểm b → c with its citation', () => {
    const w = ws({ 'nd.vbpl': DELETED_ND, 'tt.vbpl': TT });
    const p1 = ok(planRename(w, 'nd.vbpl', unit(w, 'nd.vbpl', dieu('5')), '7'));
    assert.deepStrictEqual(plan1Lines(w, p1), [
      'nd.vbpl 10: 1. Cơ quan nêu tại Điều 3 và Điều 7 Nghị định này.',
      'nd.vbpl 23: Điều 7. Hiệu lực',
      'nd.vbpl 24: Nghị định này có hiệu lực từ ngày ký; các Điều 3, 4 và 7 áp dụng ngay.',
      'tt.vbpl 5: Thông tư này hướng dẫn khoản 2 Điều 3 và Điều 7 Nghị định số 15/2031/NĐ-CP; Điều 3 của Nghị định số 99/2030/NĐ-CP không thuộc phạm vi.',
    ]);
    const p2 = ok(planRename(w, 'nd.vbpl', unit(w, 'nd.vbpl', (u) => u.kind === 'diem' && u.num.label === 'b'), 'c)'));
    assert.deepStrictEqual(plan1Lines(w, p2), [
      'nd.vbpl 8: Nghị định này quy định theo khoản 1, 2 và 3 Điều 3; từ Điều 2 đến Điều 4; điểm c khoản 2 Điều 4.',
      'nd.vbpl 22: c) Giải quyết theo Điều 4 của Luật Đất đai.',
    ]);
  });

  it('the same label again: an empty plan', () => {
    const w = ws({ 'nd.vbpl': DELETED_ND });
    assert.deepStrictEqual(ok(planRename(w, 'nd.vbpl', unit(w, 'nd.vbpl', dieu('2')), ' 2. ')).changes, {});
  });

  it('labels as typed: keyword, punctuation, case', () => {
    assert.strictEqual(parseNewLabel('dieu', 'Điều 15A')?.label, '15a');
    assert.strictEqual(parseNewLabel('dieu', 'dieu 7:')?.label, '7');
    assert.strictEqual(parseNewLabel('khoan', 'khoản 3.')?.label, '3');
    assert.strictEqual(parseNewLabel('diem', 'điểm Đ)')?.label, 'đ');
    assert.strictEqual(parseNewLabel('diem', 'a1')?.label, 'a1');
    assert.strictEqual(parseNewLabel('diem', 'w'), undefined);
    assert.strictEqual(parseNewLabel('dieu', '3-4'), undefined);
  });
});

/** Changed lines of every file of a plan: `uri line: text`. */
function plan1Lines(w: Workspace, plan: RenumberPlan): string[] {
  const out = after(w, plan);
  return Object.keys(out).sort().flatMap((uri) => changedLines(w.text(uri)!, out[uri]).map((l) => `${uri} ${l}`));
}

describe('renumber: positions on the text as the user has it', () => {
  const text = ['Điều 1. Phạm vi', 'Theo khoản 2 Điều 3 và Điều 3.', 'Điều 3. Hiệu lực', '1. Một.', '2. Hai.'].join('\n');

  it('NFD text, CRLF line ends and a BOM: edits land on the numbers, everything else kept byte for byte', () => {
    const raw = `\ufeff${text.normalize('NFD').replace(/\n/g, '\r\n')}`;
    const w = ws({ 'nfd.vbpl': raw });
    const plan = ok(planRenumber(w, 'nfd.vbpl'));
    const out = applyTextEdits(raw, plan.changes['nfd.vbpl']);
    assert.strictEqual(out, raw.replace('khoản 2 Điều 3'.normalize('NFD'), 'khoản 2 Điều 2'.normalize('NFD'))
      .replace('và Điều 3.'.normalize('NFD'), 'và Điều 2.'.normalize('NFD'))
      .replace('Điều 3. Hiệu'.normalize('NFD'), 'Điều 2. Hiệu'.normalize('NFD')));
    assert.ok(out.startsWith('\ufeff'));
  });

  it('Markdown decoration and unaccented keywords around the numbers', () => {
    const md = ['**Điều 1.** Phạm vi', 'Theo khoan 1 Dieu 4.', '## **Dieu 4.** Hiệu lực', '1. Một.'].join('\n');
    const w = ws({ 'md.vbpl.md': md });
    const out = after(w, ok(planRenumber(w, 'md.vbpl.md')))['md.vbpl.md'];
    assert.deepStrictEqual(changedLines(md, out), ['1: Theo khoan 1 Dieu 2.', '2: ## **Dieu 2.** Hiệu lực']);
  });
});

describe('renumber: an inserted khoản or điểm', () => {
  const TEXT = [
    'Điều 1. Phạm vi', //                                         0
    'Theo khoản 2, 3 Điều 2 và điểm b khoản 1 Điều 2.', //        1
    'Điều 2. Nội dung', //                                        2
    '1. Gồm:', //                                                 3
    'a) mục một;', //                                             4
    'b) mục chèn thêm;', //                                       5
    'b) mục hai.', //                                             6
    '2. Khoản chèn thêm.', //                                     7
    '2. Khoản hai.', //                                           8
    '3. Khoản ba.', //                                            9
  ].join('\n');

  it('the cursor tells one inserted unit: the other cited twins still refuse', () => {
    const w = ws({ 'i.vbpl': TEXT });
    const r = refused(planRenumber(w, 'i.vbpl', { inserted: offsetOf(w, 'i.vbpl', 'Khoản chèn') }));
    assert.strictEqual(r.code, 'ambiguous-duplicate');
    assert.match(r.reason, /điểm b khoản 1 Điều 2.*số b/);
    assert.strictEqual(r.more, undefined);
  });

  it('one insertion at a time: the older khoản 2 and điểm b keep their citations', () => {
    const k = TEXT.replace('b) mục chèn thêm;\n', '');
    const w = ws({ 'k.vbpl': k });
    const out = after(w, ok(planRenumber(w, 'k.vbpl', { inserted: offsetOf(w, 'k.vbpl', 'Khoản chèn') })))['k.vbpl'];
    assert.deepStrictEqual(changedLines(k, out), [
      '1: Theo khoản 3, 4 Điều 2 và điểm b khoản 1 Điều 2.',
      '7: 3. Khoản hai.',
      '8: 4. Khoản ba.',
    ]);
    const d = TEXT.replace('2. Khoản chèn thêm.\n', '');
    const w2 = ws({ 'd.vbpl': d });
    const out2 = after(w2, ok(planRenumber(w2, 'd.vbpl', { inserted: offsetOf(w2, 'd.vbpl', 'mục chèn') })))['d.vbpl'];
    assert.deepStrictEqual(changedLines(d, out2), [
      '1: Theo khoản 2, 3 Điều 2 và điểm c khoản 1 Điều 2.',
      '6: c) mục hai.',
    ]);
  });
});
