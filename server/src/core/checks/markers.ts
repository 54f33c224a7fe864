/**
 * How markers are written: `marker-style` (right unit, wrong marker: `3)` for a khoản, `a.` for
 * a điểm, `I.` for `1.`, `Điều 5` without `.`) and `unaccented-keyword` (`Dieu`, `Chuong`…).
 * Both carry safe fixes (`dieu lint --fix`, quick fixes in the editor).
 */
import { type DocNode, type Unit, walkUnits } from '../model';
import type { CheckContext } from './context';

const ACCENTED: Record<string, string> = {
  dieu: 'Điều', chuong: 'Chương', chuang: 'Chương', muc: 'Mục', phan: 'Phần', 'tieu muc': 'Tiểu mục',
};

export function accentKeyword(written: string): string | undefined {
  const base = ACCENTED[written.toLowerCase().replace(/\s+/g, ' ')];
  if (!base) return undefined;
  if (written === written.toUpperCase()) return base.toUpperCase();
  return base;
}

export function checkMarkers(ctx: CheckContext, doc: DocNode): void {
  const norm = ctx.file.source.norm;
  for (const u of walkUnits(doc.units)) {
    checkStyle(ctx, u, norm);
    if (u.unaccented) {
      const written = norm.slice(u.unaccented.start, u.unaccented.end);
      const fixed = accentKeyword(written);
      ctx.report('unaccented-keyword', u.unaccented,
        `"${written}" viết không dấu; nên viết "${fixed ?? written}" (keyword without diacritics)`,
        fixed ? { fix: ctx.replace(`Sửa thành "${fixed}"`, u.unaccented, fixed, true) } : {});
    }
  }
}

function checkStyle(ctx: CheckContext, u: Unit, norm: string): void {
  if (u.style === 'ok' && u.kind !== 'dieu') return; // most units: nothing to say
  const m = u.marker;
  const written = norm.slice(m.start, m.end);
  if (u.kind === 'dieu') checkDieuKeyword(ctx, u, written);
  switch (u.style) {
    case 'paren-khoan':
    case 'dash-khoan': {
      const good = `${u.num.label}.`;
      ctx.report('marker-style', m, `Khoản phải đánh số "${good}", không phải "${written}" (clause marker should be "${good}")`,
        { fix: ctx.replace(`Sửa thành "${good}"`, m, good, true) });
      break;
    }
    case 'dot-diem': {
      const good = `${u.num.label})`;
      ctx.report('marker-style', m, `Điểm phải viết "${good}", không phải "${written}" (point marker should be "${good}")`,
        { fix: ctx.replace(`Sửa thành "${good}"`, m, good, true) });
      break;
    }
    case 'roman-khoan': {
      ctx.report('marker-style', m, `"${written}" ở vị trí khoản: khoản phải đánh số bằng chữ số Ả Rập "1." (clause marker should be "1.")`,
        { fix: ctx.replace('Sửa thành "1."', m, '1.', true) });
      break;
    }
    case 'dieu-no-period': {
      ctx.report('marker-style', m, `Thiếu dấu chấm sau "${written}": viết "${written}." (article number should end with ".")`,
        { fix: { title: `Thêm dấu chấm: "${written}."`, safe: true, edits: [{ range: ctx.file.source.range(m.end, m.end), newText: '.' }] } });
      break;
    }
    case 'dieu-colon': {
      const colon = norm.indexOf(':', m.end);
      ctx.report('marker-style', m, `"${written}:": sau số Điều phải là dấu chấm, viết "${written}." (article number should end with ".")`,
        { fix: ctx.replace(`Sửa thành "${written}."`, { start: colon, end: colon + 1 }, '.', true) });
      break;
    }
    case 'khoan-no-period': {
      const good = `${u.num.label}.`;
      ctx.report('marker-style', m, `Thiếu dấu chấm sau số khoản "${written}": viết "${good}" (clause number should end with ".")`,
        { fix: ctx.replace(`Sửa thành "${good}"`, m, good, true) });
      break;
    }
    case 'no-keyword': {
      const kw = u.kind === 'tieumuc' ? 'Tiểu mục' : 'Mục';
      const good = `${kw} ${u.num.label}.`;
      ctx.report('marker-style', m, `Đề mục "${written} ${u.title ?? ''}" thiếu từ "${kw}": viết "${good}" (heading without its keyword)`,
        { fix: ctx.replace(`Sửa thành "${good}"`, m, good, true) });
      break;
    }
    default:
      break;
  }
}

/**
 * The keyword of an Điều spelled neither `Điều`/`ĐIỀU` nor plainly without diacritics (that
 * is `unaccented-keyword`): `Ðiều` with the Icelandic eth (U+00D0) that only looks like `Đ`,
 * `Đỉều` with a wrong tone mark. A search for "Điều 317" does not find them.
 */
function checkDieuKeyword(ctx: CheckContext, u: Unit, written: string): void {
  const word = /^\S+/.exec(written)?.[0] ?? '';
  if (word === 'Điều' || word === 'ĐIỀU' || u.unaccented) return;
  const good = word === word.toUpperCase() ? 'ĐIỀU' : 'Điều';
  const span = { start: u.marker.start, end: u.marker.start + word.length };
  const eth = /[\u00d0\u00f0]/.test(word);
  ctx.report('marker-style', u.marker,
    eth ? `"${word}" viết bằng chữ "${word[0]}" (U+00D0) chỉ giống "Đ"; viết "${good}" (look-alike letter in the keyword)`
      : `Từ khóa "${word}" viết sai; viết "${good}" (misspelled keyword)`,
    { fix: ctx.replace(`Sửa thành "${good}"`, span, good, true) });
}
