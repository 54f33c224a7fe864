/** A document's identity from its header block: number, type, title, date. */
import type { IToken } from 'chevrotain';
import { DocTitle, SoLine, payload, tokenEnd } from '../../../grammar/lexer';
import type { DocIdentity } from './model';
import type { SourceText } from './text';

const TYPE_NAMES: Record<string, string> = {
  'bo luat': 'Bộ luật', luat: 'Luật', 'phap lenh': 'Pháp lệnh', 'nghi quyet lien tich': 'Nghị quyết liên tịch',
  'nghi quyet': 'Nghị quyết', 'nghi dinh': 'Nghị định', 'quyet dinh': 'Quyết định', 'thong tu lien tich': 'Thông tư liên tịch',
  'thong tu': 'Thông tư', 'chi thi': 'Chỉ thị', 'quy che': 'Quy chế', 'quy dinh': 'Quy định', 'dieu le': 'Điều lệ',
  'quy trinh': 'Quy trình', 'chuong trinh phoi hop': 'Chương trình phối hợp', 'chuong trinh': 'Chương trình',
  'ke hoach': 'Kế hoạch', 'huong dan': 'Hướng dẫn', 'van ban hop nhat': 'Văn bản hợp nhất', 'cong van': 'Công văn',
};
const TYPE_RE = new RegExp(`^[#*_\\s]*(${Object.keys(TYPE_NAMES).join('|')})\\b`);

export function typeName(folded: string): string | undefined {
  return TYPE_NAMES[folded];
}

const NUMBER_RE = /([0-9]+[a-zđ]?\s*(?:\/\s*[0-9]{4})?\s*(?:\/\s*|-)\s*[A-ZĐa-zđ][A-ZĐa-zđ0-9.]*(?:\s*[-/]\s*[A-ZĐa-zđ0-9.]+)*)/u;
const DATE_RE = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;

export function extractIdentity(source: SourceText, preamble: IToken[]): DocIdentity {
  const id: DocIdentity = {};
  const n = source.norm, f = source.fold;
  let titleFrom = -1;
  for (let i = 0; i < preamble.length; i++) {
    const t = preamble[i];
    const s = t.startOffset, e = tokenEnd(t);
    if (t.tokenType === SoLine && !id.number) {
      const p = payload(t);
      const m = NUMBER_RE.exec(n.slice(p.restStart, p.restEnd));
      if (m) {
        const at = p.restStart + (m.index ?? 0);
        id.number = m[1].replace(/\s+/g, '');
        id.numberSpan = { start: at, end: at + m[1].length };
      }
      continue;
    }
    if (!id.date) {
      const m = DATE_RE.exec(f.slice(s, e));
      if (m && /^\s*[^\n]{0,40},\s*ngay/.test(f.slice(s, e))) {
        id.date = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
      }
    }
    if (!id.type) {
      const line = n.slice(s, e);
      const letters = line.replace(/[^\p{L}]/gu, '');
      if (t.tokenType === DocTitle || (letters && letters === letters.toUpperCase())) {
        const m = TYPE_RE.exec(f.slice(s, e));
        if (m && !/:\s*[*_]*\s*$/.test(line)) {
          const kwStart = s + m[0].length - m[1].length;
          id.type = TYPE_NAMES[m[1]];
          id.typeSpan = { start: kwStart, end: kwStart + m[1].length };
          const rest = line.slice(m[0].length).replace(/[*_#]+/g, ' ').trim();
          if (rest) id.title = rest;
          titleFrom = i + 1;
        }
      }
    } else if (i === titleFrom) {
      const line = n.slice(s, e).replace(/[*_#]+/g, ' ').replace(/\s+/g, ' ').trim();
      const caps = line === line.toUpperCase();
      const titleCaps = !!id.title && id.title === id.title.toUpperCase();
      // The title ends at Căn cứ, or at the issuer's enacting line in capitals (`CHÍNH PHỦ`).
      if (line && !(id.title && caps && !titleCaps) && !/^(can cu|xet de nghi|theo de nghi)/.test(f.slice(s, e).replace(/^[\s*_#]+/, ''))) {
        id.title = id.title ? `${id.title} ${line}` : line;
        titleFrom = i + 1;
      }
    }
  }
  return id;
}
