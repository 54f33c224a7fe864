/** All per-file checks. One file per rule family; this only runs them in order. */
import { compareDiagnostics, type Diagnostic } from '../diagnostics';
import type { Parsed } from '../parse';
import { CheckContext } from './context';
import { checkMarkers } from './markers';
import { checkNumbering } from './numbering';
import { checkStructure } from './structure';

export function checkFile(file: Parsed): Diagnostic[] {
  const ctx = new CheckContext(file);
  for (const doc of file.documents) {
    checkNumbering(ctx, doc);
    checkMarkers(ctx, doc);
    checkStructure(ctx, doc);
  }
  return ctx.out.sort(compareDiagnostics);
}
