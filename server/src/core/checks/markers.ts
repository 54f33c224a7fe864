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
  const m = u.marker;
  const written = norm.slice(m.start, m.end);
  const eth = written.search(/[\u00d0\u00f0]/);
  if (u.kind === 'dieu' && eth >= 0) {
    // `Ðiều` with the Icelandic eth (U+00D0), a look-alike of `Đ` (U+0110): a search for
    // "Điều 317" does not find it.
    const at = { start: m.start + eth, end: m.start + eth + 1 };
    const good = written[eth] === '\u00d0' ? 'Đ' : 'đ';
    ctx.report('marker-style', m, `"${written}" viết bằng chữ "${written[eth]}" (U+00D0) giống "Đ" nhưng khác mã; viết "${good}" (look-alike letter in the keyword)`,
      { fix: ctx.replace(`Sửa thành "${good}"`, at, good, true) });
  }
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
    default:
      break;
  }
}
