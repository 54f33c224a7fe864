/**
 * Where units stand and whether headings have titles: `structure-misplaced` (a khoản before
 * any Điều, a Mục outside a Chương…) and `heading-title-missing` (Luật 64/2025 Điều 7:
 * Phần, Chương, Mục, Tiểu mục and Điều carry a title; an administrative decision whose Điều
 * carry their text directly is fine — warn on a Điều only where most of its siblings have one).
 */
import { type DocNode, type Unit, UNIT_NAMES, walkUnits } from '../model';
import type { CheckContext } from './context';

const ALLOWED_PARENTS: Partial<Record<Unit['kind'], ReadonlyArray<Unit['kind'] | 'document'>>> = {
  muc: ['chuong'],
  tieumuc: ['muc'],
  khoan: ['dieu'],
  diem: ['khoan', 'dieu'],
};

export function checkStructure(ctx: CheckContext, doc: DocNode): void {
  let dieuCount = 0, dieuTitled = 0;
  for (const u of walkUnits(doc.units)) if (u.kind === 'dieu') { dieuCount++; if (u.title) dieuTitled++; }
  const mostlyTitled = dieuTitled * 2 > dieuCount;

  for (const u of walkUnits(doc.units)) {
    const parentKind = u.parent?.kind ?? 'document';
    const allowed = ALLOWED_PARENTS[u.kind];
    // Documents without Điều are structured by their own headings: their numbered lines are
    // never misplaced khoản.
    // A Mục directly in a Phần that has no Chương (the Phần is the chapter level: Quy trình
    // 2135/QĐ-TCHQ) stands where a Chương would.
    const mucInPhan = u.kind === 'muc' && parentKind === 'phan' && !u.parent!.children.some((s) => s.kind === 'chuong');
    if (allowed && doc.hasArticles && !allowed.includes(parentKind) && !mucInPhan) {
      const where = u.parent ? `${UNIT_NAMES[u.parent.kind]} ${u.parent.num.label}` : 'ngoài mọi Điều';
      ctx.report('structure-misplaced', u.marker, misplacedMessage(u, where));
    } else if (u.kind === 'dieu' && (parentKind === 'phan' || parentKind === 'document')
      && (u.parent ? u.parent.children : doc.units).some((s) => s.kind === 'chuong')) {
      // A Điều beside Chương of the same Phần (or of a document without Phần): it belongs in one.
      // Phần made of Điều only (Phần thứ nhất of Luật XLVPHC, "Điều khoản thi hành") are fine.
      ctx.report('structure-misplaced', u.marker, `Điều ${u.num.label} nằm ngoài Chương, trong khi ${u.parent ? `${UNIT_NAMES[u.parent.kind]} ${u.parent.num.label}` : 'văn bản'} có chia Chương (article outside any chapter)`);
    }
    if (!u.title) {
      if (u.kind === 'phan' || u.kind === 'chuong' || u.kind === 'muc' || u.kind === 'tieumuc') {
        ctx.report('heading-title-missing', u.marker, `${UNIT_NAMES[u.kind]} ${u.num.label} thiếu tên (heading without a title)`);
      } else if (u.kind === 'dieu' && !u.text && mostlyTitled) {
        // Only a bare `Điều N.` (its content below): an Điều whose line goes on with text is
        // an administrative Điều carrying its text, or a title run into its first sentence.
        ctx.report('heading-title-missing', u.marker,
          `Điều ${u.num.label} thiếu tên điều, trong khi ${dieuTitled}/${dieuCount} Điều của văn bản có tên (article without a title)`);
      }
    }
  }
}

function misplacedMessage(u: Unit, where: string): string {
  switch (u.kind) {
    case 'khoan': return `Khoản ${u.num.label} đứng ${where === 'ngoài mọi Điều' ? 'ngoài mọi Điều' : `trực tiếp trong ${where}`}: khoản phải thuộc một Điều (clause outside any article)`;
    case 'diem': return `Điểm ${u.num.label}) đứng ${where === 'ngoài mọi Điều' ? 'ngoài mọi Điều' : `trực tiếp trong ${where}`}: điểm phải thuộc một khoản hoặc Điều (point outside any clause or article)`;
    case 'muc': return `Mục ${u.num.label} nằm ngoài Chương (section outside any chapter)`;
    case 'tieumuc': return `Tiểu mục ${u.num.label} nằm ngoài Mục (subsection outside any section)`;
    default: return `${UNIT_NAMES[u.kind]} ${u.num.label} đặt sai vị trí (misplaced unit)`;
  }
}
