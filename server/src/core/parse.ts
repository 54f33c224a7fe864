/**
 * Parse phase: text → SourceText → line tokens → document tree (+ identity of each document).
 * Pure; never throws: any failure of a later stage degrades to an empty tree.
 */
import type { IToken } from 'chevrotain';
import { tokenize } from '../../../grammar/lexer';
import { parseStructure } from '../../../grammar/parser';
import type { DocNode, ParsedFile } from './model';
import { SourceText } from './text';
import { extractIdentity } from './identity';

export interface Parsed extends ParsedFile {
  source: SourceText;
  tokens: IToken[];
}

export function parse(uri: string, raw: string): Parsed {
  const source = new SourceText(raw);
  let tokens: IToken[] = [];
  let documents: DocNode[] = [];
  try {
    tokens = tokenize(source.norm, source.fold).tokens;
    const r = parseStructure(tokens, source.norm, source.fold);
    documents = r.documents;
    r.documents.forEach((d, i) => { d.identity = extractIdentity(source, r.preambles[i]); });
  } catch (e) {
    // A parser that gives up is a bug; still, the user gets a tree (empty) and not a crash.
    documents = [{ index: 0, span: { start: 0, end: source.norm.length }, identity: {}, attached: false, units: [], quotes: [], hasArticles: false }];
    if (process.env.DIEU_DEBUG) console.error(e);
  }
  if (documents.length === 0) {
    documents = [{ index: 0, span: { start: 0, end: source.norm.length }, identity: {}, attached: false, units: [], quotes: [], hasArticles: false }];
  }
  return { uri, source, tokens, documents };
}
