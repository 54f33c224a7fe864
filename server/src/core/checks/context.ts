/** What every check receives: the parsed file and helpers to build located diagnostics. */
import type { Code, Diagnostic, Fix, RelatedInfo } from '../diagnostics';
import { RULES } from '../diagnostics';
import type { Span } from '../model';
import type { Parsed } from '../parse';
import type { SourceText } from '../text';

export class CheckContext {
  readonly out: Diagnostic[] = [];
  constructor(readonly file: Parsed) {}

  /** A related location in another file gives that file's `source` (its spans are offsets into it). */
  report(code: Code, span: Span, message: string, extra: { related?: Array<{ span: Span; message: string; uri?: string; source?: SourceText }>; fix?: Fix } = {}): void {
    const src = this.file.source;
    const related: RelatedInfo[] | undefined = extra.related?.map((r) => ({
      uri: r.uri ?? this.file.uri, range: (r.source ?? src).range(r.span.start, r.span.end), message: r.message,
    }));
    this.out.push({
      code, severity: RULES[code], message, range: src.range(span.start, span.end),
      ...(related && related.length ? { related } : {}),
      ...(extra.fix ? { fix: extra.fix } : {}),
    });
  }

  /** A fix replacing one `norm` span by `newText`. */
  replace(title: string, span: Span, newText: string, safe: boolean): Fix {
    return { title, safe, edits: [{ range: this.file.source.range(span.start, span.end), newText }] };
  }
}
