/**
 * Messy forms (DESIGN §1): one clean draft, turned programmatically into the forms real files
 * come in — CRLF, BOM, NFD, Markdown decoration, no diacritics (OCR), `I.` misread for `1.`,
 * headings run together on one line, a title wrapped onto the next line, a wrapped prose line
 * that starts `Dieu 5 của …`. Each variant must give the same units as the clean draft, and
 * its diagnostics must point at the right characters of the file as it is.
 */
import { strict as assert } from 'node:assert';
import { parse } from '../../server/src/core/parse';
import { checkFile } from '../../server/src/core/checks/index';
import { walkUnits, type Unit } from '../../server/src/core/model';
import { fold } from '../../server/src/core/text';
import type { Diagnostic } from '../../server/src/core/diagnostics';

export const CLEAN = [
  'CHÍNH PHỦ',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  '',
  'Số: 47/2025/NĐ-CP',
  '',
  'NGHỊ ĐỊNH',
  'Quy định về cơ sở dữ liệu quốc gia về văn bản pháp luật',
  '',
  'Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;',
  '',
  'Chính phủ ban hành Nghị định quy định về cơ sở dữ liệu quốc gia về văn bản pháp luật.',
  '',
  'Phần thứ nhất',
  'QUY ĐỊNH CHUNG',
  '',
  'Chương I',
  'NHỮNG QUY ĐỊNH CHUNG',
  '',
  'Điều 1. Phạm vi điều chỉnh',
  'Nghị định này quy định việc xây dựng, quản lý và khai thác cơ sở dữ liệu quốc gia về văn bản pháp luật.',
  '',
  'Điều 2. Giải thích từ ngữ',
  'Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:',
  '1. Văn bản pháp luật là văn bản quy phạm pháp luật và văn bản hợp nhất.',
  '2. Cơ sở dữ liệu là tập hợp văn bản được sắp xếp, tổ chức để truy cập, khai thác.',
  '',
  'Chương II',
  'QUẢN LÝ CƠ SỞ DỮ LIỆU QUỐC GIA',
  '',
  'Điều 3. Nguyên tắc quản lý và khai thác cơ sở dữ liệu',
  '1. Cơ sở dữ liệu được quản lý tập trung, thống nhất theo quy định tại Điều 5 của Luật Công nghệ thông tin.',
  '3. Việc khai thác cơ sở dữ liệu phải tuân thủ các quy định sau:',
  'a) Không làm sai lệch nội dung văn bản;',
  'b) Không sử dụng vào mục đích trái pháp luật;',
  'c) Ghi rõ nguồn khi trích dẫn.',
  '',
  'Điều 4. Trách nhiệm cập nhật',
  '1. Cơ quan ban hành văn bản có trách nhiệm cập nhật văn bản trong thời hạn 02 ngày làm việc.',
  '2) Bộ Tư pháp kiểm tra việc cập nhật văn bản.',
  '',
  'Phần thứ hai',
  'ĐIỀU KHOẢN THI HÀNH',
  '',
  'Chương III',
  'HIỆU LỰC THI HÀNH',
  '',
  'Điều 5. Hiệu lực thi hành',
  'Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026.',
  '',
].join('\n');

/** Units as `kind label` paths, in document order: what must not change across forms. */
export function unitPaths(text: string): string[] {
  const p = parse('file:///messy', text);
  const out: string[] = [];
  for (const d of p.documents) {
    for (const u of walkUnits(d.units)) {
      const path: string[] = [];
      for (let x: Unit | undefined = u; x; x = x.parent) path.unshift(`${x.kind} ${fold(x.num.label.normalize('NFC'))}`);
      out.push(`${d.index}/${path.join(' > ')}`);
    }
  }
  return out;
}

const STRUCTURE = new Set(['numbering-gap', 'numbering-duplicate', 'numbering-order', 'point-invalid-letter', 'point-sequence-exhausted',
  'marker-style', 'structure-misplaced', 'heading-title-missing', 'unaccented-keyword']);

function lint(text: string): Diagnostic[] {
  return checkFile(parse('file:///messy', text)).filter((d) => STRUCTURE.has(d.code));
}

/** The characters a diagnostic covers in the file as it is (BOM excluded), NFC. */
function covered(text: string, d: Diagnostic): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  assert.equal(d.range.start.line, d.range.end.line, `${d.code}: range on one line`);
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character).normalize('NFC');
}

/** `code covered-text`, folded (so the OCR variant compares), in order. */
function diagKeys(text: string, diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.code} ${fold(covered(text, d))}`);
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

function markdown(s: string): string {
  return s.split('\n').map((l) => {
    if (/^Điều \d+\./.test(l)) return `**${l}**`;
    if (/^Chương /.test(l)) return `## **${l}**`;
    if (/^Phần /.test(l)) return `# ${l}`;
    if (/^[a-z]\) /.test(l)) return `- ${l}`;
    if (/^Căn cứ /.test(l)) return `*${l}*`;
    if (/^Điều 4\./.test(l)) return l;
    return l;
  }).join('\n').replace('2) Bộ Tư pháp kiểm tra việc cập nhật văn bản.',
    '2) Bộ Tư pháp kiểm tra việc cập nhật văn bản.\n\n| Loại văn bản | Thời hạn cập nhật |\n| --- | --- |\n| 1. Luật | 02 ngày |\n| 2. Nghị định | 02 ngày |\n');
}

interface Variant {
  name: string;
  make: (s: string) => string;
  /** Diagnostics the variant adds on top of the clean draft's (folded keys). */
  extra?: string[];
  /** Positions (line, character) equal to the clean draft's. */
  samePositions?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'CRLF line ends', make: (s) => s.replace(/\n/g, '\r\n'), samePositions: true },
  { name: 'a BOM (not a character of line 0)', make: (s) => `\ufeff${s}`, samePositions: true },
  { name: 'NFD (longer in UTF-16)', make: (s) => s.normalize('NFD') },
  { name: 'BOM + CRLF + NFD together', make: (s) => `\ufeff${s.normalize('NFD').replace(/\n/g, '\r\n')}` },
  { name: 'Markdown decoration (**Điều 1.**, ## **Chương II**, - c), *Căn cứ …*, a table in pipes)', make: markdown },
  {
    name: 'no diacritics (OCR: Dieu 1., Chuong I)', make: stripDiacritics,
    extra: ['unaccented-keyword phan', 'unaccented-keyword chuong', 'unaccented-keyword dieu', 'unaccented-keyword dieu',
      'unaccented-keyword chuong', 'unaccented-keyword dieu', 'unaccented-keyword dieu', 'unaccented-keyword phan',
      'unaccented-keyword chuong', 'unaccented-keyword dieu'],
  },
  {
    name: '`I.` misread for `1.` inside an Điều', make: (s) => s.replace('1. Cơ quan ban hành văn bản', 'I. Cơ quan ban hành văn bản'),
    extra: ['marker-style i.'],
  },
  {
    name: 'headings run together on one line',
    make: (s) => s.replace('Phần thứ nhất\nQUY ĐỊNH CHUNG\n\nChương I\nNHỮNG QUY ĐỊNH CHUNG', 'Phần thứ nhất QUY ĐỊNH CHUNG Chương I NHỮNG QUY ĐỊNH CHUNG')
      .replace('QUẢN LÝ CƠ SỞ DỮ LIỆU QUỐC GIA\n\nĐiều 3.', 'QUẢN LÝ CƠ SỞ DỮ LIỆU QUỐC GIA Điều 3.'),
  },
  {
    name: 'a title wrapped onto the next line',
    make: (s) => s.replace('Điều 3. Nguyên tắc quản lý và khai thác cơ sở dữ liệu', 'Điều 3. Nguyên tắc quản lý và khai thác\ncơ sở dữ liệu'),
  },
  {
    name: 'a wrapped prose line starting `Dieu 5 của …` (a citation, not a heading)',
    make: (s) => s.replace('theo quy định tại Điều 5 của Luật', 'theo quy định tại\nDieu 5 của Luật'),
  },
];

describe('messy forms of one draft (DESIGN §1)', () => {
  const cleanUnits = unitPaths(CLEAN);
  const cleanDiags = lint(CLEAN);
  const cleanKeys = diagKeys(CLEAN, cleanDiags);

  it('the clean draft: 2 Phần, 3 Chương, 5 Điều, a gap at khoản 3 and a `2)` marker', () => {
    assert.equal(cleanUnits.filter((u) => / > dieu \S+$|^0\/dieu/.test(u)).length, 5);
    assert.deepEqual(cleanKeys, ['numbering-gap 3.', 'marker-style 2)']);
  });

  for (const v of VARIANTS) {
    describe(v.name, () => {
      const text = v.make(CLEAN);
      it('gives the same units (Phần/Chương/Điều/khoản/điểm numbers)', () => {
        assert.notEqual(text, CLEAN);
        assert.deepEqual(unitPaths(text), cleanUnits);
      });
      it('gives the same diagnostics, on the same marker characters of the file as it is', () => {
        const diags = lint(text);
        const keys = diagKeys(text, diags);
        assert.deepEqual([...keys].sort(), [...cleanKeys, ...(v.extra ?? [])].sort());
        if (v.samePositions) assert.deepEqual(diags.map((d) => d.range), cleanDiags.map((d) => d.range));
      });
    });
  }

  it('keeps the whole wrapped title of Điều 3', () => {
    const text = CLEAN.replace('Điều 3. Nguyên tắc quản lý và khai thác cơ sở dữ liệu', 'Điều 3. Nguyên tắc quản lý và khai thác\ncơ sở dữ liệu');
    const p = parse('file:///messy', text);
    const d3 = [...walkUnits(p.documents[0].units)].find((u) => u.kind === 'dieu' && u.num.label === '3')!;
    assert.equal(d3.title, 'Nguyên tắc quản lý và khai thác cơ sở dữ liệu');
  });

  it('reads titles through Markdown decoration and after headings run together', () => {
    for (const text of [markdown(CLEAN), VARIANTS.find((v) => v.name.startsWith('headings'))!.make(CLEAN)]) {
      const p = parse('file:///messy', text);
      const titles = [...walkUnits(p.documents[0].units)].filter((u) => u.kind !== 'khoan' && u.kind !== 'diem').map((u) => `${u.kind} ${u.num.label}: ${u.title}`);
      assert.deepEqual(titles, [
        'phan thứ nhất: QUY ĐỊNH CHUNG', 'chuong I: NHỮNG QUY ĐỊNH CHUNG', 'dieu 1: Phạm vi điều chỉnh', 'dieu 2: Giải thích từ ngữ',
        'chuong II: QUẢN LÝ CƠ SỞ DỮ LIỆU QUỐC GIA', 'dieu 3: Nguyên tắc quản lý và khai thác cơ sở dữ liệu', 'dieu 4: Trách nhiệm cập nhật',
        'phan thứ hai: ĐIỀU KHOẢN THI HÀNH', 'chuong III: HIỆU LỰC THI HÀNH', 'dieu 5: Hiệu lực thi hành',
      ]);
    }
  });

  it('maps NFD ranges to whole characters: the covered text is the NFD marker, not a split cluster', () => {
    const text = CLEAN.normalize('NFD').replace('Điều 4. Trách'.normalize('NFD'), 'Điều 6. Trách'.normalize('NFD'));
    const gap = lint(text).find((d) => d.code === 'numbering-gap' && covered(text, d).startsWith('Điều'))!;
    const line = text.split('\n')[gap.range.start.line];
    assert.equal(line.slice(gap.range.start.character, gap.range.end.character), 'Điều 6'.normalize('NFD'));
    assert.ok('Điều 6'.normalize('NFD').length > 'Điều 6'.length);
  });
});
