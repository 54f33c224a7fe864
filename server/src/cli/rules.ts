/**
 * One line per diagnostic code, for SARIF rule metadata and help. Codes added to the core
 * later without a line here still work (their description is the code).
 */
import { RULES, type Code } from '../core/diagnostics';

const DESCRIPTIONS: Partial<Record<Code, string>> = {
  'numbering-gap': 'Số thứ tự bị nhảy cóc (a unit number skips one)',
  'numbering-duplicate': 'Hai đơn vị cùng cấp trùng số (the same number twice among siblings)',
  'numbering-order': 'Số thứ tự bị ngược (a number goes backwards)',
  'point-invalid-letter': 'Điểm dùng chữ cái không có trong bảng chữ cái tiếng Việt (invalid point letter: f, j, w, z)',
  'point-sequence-exhausted': 'Đã hết chữ cái đánh số điểm sau "y)" (point letters exhausted)',
  'marker-style': 'Đúng đơn vị nhưng sai ký hiệu đánh số (wrong marker for the unit: 3) for 3., a. for a))',
  'structure-misplaced': 'Đơn vị đặt ở vị trí không thể đứng (a unit where it cannot stand)',
  'heading-title-missing': 'Phần, Chương, Mục, Tiểu mục hoặc Điều thiếu tên (heading without a title)',
  'unaccented-keyword': 'Từ khóa viết không dấu (keyword without diacritics: Dieu, Chuong)',
  'ref-missing-target': 'Viện dẫn nội bộ tới đơn vị không tồn tại (internal citation to a missing unit)',
  'citation-malformed': 'Số ký hiệu văn bản sai định dạng, sai loại hoặc sai năm (malformed document number)',
  'ext-unknown-document': 'Văn bản được viện dẫn không có trong workspace hay danh mục (cited document unknown)',
  'ext-missing-target': 'Đơn vị được viện dẫn không có trong văn bản được viện dẫn (cited unit missing in the cited document)',
  'ext-repealed': 'Văn bản được viện dẫn đã hết hiệu lực hoặc bị thay thế (cited document repealed or replaced)',
  'ext-mismatch': 'Ngày, cơ quan ban hành hoặc tên văn bản viện dẫn không khớp (cited date, issuer or title contradicts the source)',
  'responsibility-overlap': 'Hai cơ quan cùng chủ trì một nhiệm vụ (two agencies lead the same task)',
  'responsibility-duplicate': 'Một cơ quan được giao cùng một nhiệm vụ hai lần (the same agency given the same task twice)',
};

export function ruleDescription(code: string): string {
  return DESCRIPTIONS[code as Code] ?? code;
}

export function allCodes(): Code[] {
  return Object.keys(RULES) as Code[];
}
