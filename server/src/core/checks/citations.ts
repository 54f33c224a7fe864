/**
 * Citation checks: `ref-missing-target` (a citation inside the document whose unit does not
 * exist), `ext-missing-target` (the cited document is in the workspace but lacks the unit),
 * `citation-malformed` (number unparsable, type word ≠ code, year ≠ date's year).
 */
import type { ResolvedCitation } from '../citations/resolve';
import { parseDocNumber, typeAgrees } from '../docnumber';
import type { SourceText } from '../text';
import type { CheckContext } from './context';

/** `sourceOf` gives another file's text, to place related locations in it. */
export function checkCitations(ctx: CheckContext, resolved: ResolvedCitation[], sourceOf: (uri: string) => SourceText | undefined): void {
  for (const r of resolved) {
    const c = r.citation;
    for (const t of r.targets) {
      if (!t.missing) continue;
      if (r.target.kind === 'local') {
        ctx.report('ref-missing-target', t.span, `Không tìm thấy ${t.missing} được viện dẫn ("${t.label}") trong văn bản này (citation target does not exist)`);
      } else if (r.target.kind === 'workspace') {
        const loc = r.target.loc;
        const doc = loc.doc;
        const name = [doc.identity.type, doc.identity.number ?? doc.identity.title].filter(Boolean).join(' ');
        const heading = doc.identity.typeSpan ?? doc.identity.numberSpan ?? { start: doc.span.start, end: doc.span.start };
        const source = sourceOf(loc.uri);
        ctx.report('ext-missing-target', t.span, `${name || loc.uri} không có ${t.missing} (cited unit missing in the cited document)`, {
          related: source ? [{ uri: loc.uri, source, span: heading, message: `${name || 'Văn bản được viện dẫn'}` }] : [],
        });
      }
    }
    const ref = c.doc;
    if (ref?.number && ref.numberSpan) {
      const parts = parseDocNumber(ref.number);
      if (!parts) {
        ctx.report('citation-malformed', ref.numberSpan, `Số ký hiệu "${ref.number}" không đúng dạng số/năm/loại-cơ quan (malformed document number)`);
        continue;
      }
      if (ref.type && typeAgrees(ref.type, parts) === false) {
        ctx.report('citation-malformed', ref.typeSpan ?? ref.numberSpan,
          `Loại văn bản "${ctx.file.source.norm.slice(ref.typeSpan!.start, ref.typeSpan!.end)}" không khớp ký hiệu "${ref.number}" (type word does not match the number's code)`);
      }
      if (parts.year !== undefined && ref.date && ref.date.year !== parts.year) {
        ctx.report('citation-malformed', ref.date.span,
          `Năm ban hành ${ref.date.year} khác năm trong số ký hiệu ${ref.number} (${parts.year}) (year of the date differs from the number's year)`);
      }
    }
  }
}
