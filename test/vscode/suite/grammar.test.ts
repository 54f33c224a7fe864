/**
 * The TextMate grammar and the language configuration: valid JSON, every regex compiles in
 * Oniguruma (the engine VS Code uses), and sample lines get the expected scopes — tokenized
 * with the vscode-textmate and vscode-oniguruma that ship inside this very VS Code.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { dieu } from './helpers';

interface Token { text: string; scopes: string[] }
type Tokenize = (lines: string[]) => Token[][];

function loadFromAppRoot<T>(name: string): T | undefined {
  for (const dir of ['node_modules', 'node_modules.asar', 'node_modules.asar.unpacked']) {
    try {
      return require(path.join(vscode.env.appRoot, dir, name)) as T; // eslint-disable-line @typescript-eslint/no-require-imports
    } catch {
      // try the next layout
    }
  }
  return undefined;
}

function regexesOf(node: unknown, out: Array<{ where: string; source: string }> = [], where = '$'): typeof out {
  if (Array.isArray(node)) node.forEach((n, i) => regexesOf(n, out, `${where}[${i}]`));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(k) && typeof v === 'string') out.push({ where: `${where}.${k}`, source: v });
      else regexesOf(v, out, `${where}.${k}`);
    }
  }
  return out;
}

describe('grammar (syntaxes/)', () => {
  let dir: string;
  let grammarText: string;
  let onig: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  let tokenize: Tokenize | undefined;

  before(async function () {
    const { ext } = await dieu();
    dir = path.join(ext.extensionPath, 'syntaxes');
    grammarText = fs.readFileSync(path.join(dir, 'vbpl.tmLanguage.json'), 'utf8');
    onig = loadFromAppRoot('vscode-oniguruma');
    const tm = loadFromAppRoot<any>('vscode-textmate'); // eslint-disable-line @typescript-eslint/no-explicit-any
    if (!onig || !tm) return;
    const wasm = fs.readFileSync(path.join(path.dirname(require.resolve(path.join(vscode.env.appRoot, 'node_modules', 'vscode-oniguruma'))), 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch((e: Error) => {
      if (!/already/i.test(String(e))) throw e;
    });
    const registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p: string[]) => new onig.OnigScanner(p),
        createOnigString: (s: string) => new onig.OnigString(s),
      }),
      loadGrammar: async () => tm.parseRawGrammar(grammarText, 'vbpl.tmLanguage.json'),
    });
    const grammar = await registry.loadGrammar('text.vbpl');
    tokenize = (lines) => {
      let state = tm.INITIAL;
      return lines.map((line) => {
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        return r.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
      });
    };
  });

  it('is valid JSON with scope text.vbpl, wired in package.json @smoke', async () => {
    const g = JSON.parse(grammarText);
    assert.strictEqual(g.scopeName, 'text.vbpl');
    const { ext } = await dieu();
    const contributed = ext.packageJSON.contributes.grammars as Array<{ language: string; scopeName: string; path: string }>;
    assert.deepStrictEqual(contributed.map((c) => [c.language, c.scopeName]), [['vbpl', 'text.vbpl']]);
    assert.ok(fs.existsSync(path.join(ext.extensionPath, contributed[0].path)));
    // Every include points into the repository.
    for (const m of grammarText.matchAll(/"include": "#([\w-]+)"/g)) assert.ok(g.repository[m[1]], `#${m[1]} is not in the repository`);
  });

  it('every regex compiles in Oniguruma', function () {
    if (!onig) this.skip();
    const all = regexesOf(JSON.parse(grammarText));
    assert.ok(all.length > 10);
    for (const r of all) {
      try {
        new onig.OnigScanner([r.source]).dispose();
      } catch (err) {
        assert.fail(`${r.where}: ${String(err)}\n  ${r.source}`);
      }
    }
  });

  it('language-configuration.json is valid and its wordPattern keeps Vietnamese words and document numbers whole', () => {
    const conf = JSON.parse(fs.readFileSync(path.join(dir, 'language-configuration.json'), 'utf8'));
    const word = new RegExp(conf.wordPattern, 'g');
    assert.deepStrictEqual('Điều 15a khoản đ) 64/2007/NĐ-CP trách nhiệm'.match(word),
      ['Điều', '15a', 'khoản', 'đ', '64/2007/NĐ-CP', 'trách', 'nhiệm']);
    assert.ok(conf.autoClosingPairs.some((p: { open: string; close: string }) => p.open === '“' && p.close === '”'));
  });

  const cases: Array<[string, string, string]> = [
    // line, text of a token, a scope it must have
    ['Phần thứ nhất NHỮNG QUY ĐỊNH CHUNG', 'thứ nhất', 'constant.numeric.part.vbpl'],
    ['Chương II', 'Chương', 'keyword.other.unit.chapter.vbpl'],
    ['Chuong I QUY DINH CHUNG', 'QUY DINH CHUNG', 'entity.name.section.chapter.vbpl'],
    ['Mục 2. Tổ chức', 'Tổ chức', 'entity.name.section.section.vbpl'],
    ['Tiểu mục 1 Nội dung', 'Tiểu mục', 'keyword.other.unit.subsection.vbpl'],
    ['**Điều 5.** Phạm vi điều chỉnh', 'Phạm vi điều chỉnh', 'entity.name.section.article.vbpl'],
    ['Dieu 7. Hieu luc', '7', 'constant.numeric.article.vbpl'],
    ['1. Nội dung khoản', '1', 'constant.numeric.clause.vbpl'],
    ['đ) Nội dung điểm', 'đ', 'constant.character.point.vbpl'],
    ['Theo khoản 2 Điều 5 của Luật này.', 'khoản', 'meta.citation.vbpl'],
    ['Theo Điều 41 Nghị định này.', 'Nghị định này', 'variable.language.citation.this.vbpl'],
    ['Theo khoản 3 Điều này.', 'Điều này', 'variable.language.citation.this.vbpl'],
    ['Nghị định số 64/2007/NĐ-CP của Chính phủ', '64/2007/NĐ-CP', 'constant.other.document-number.vbpl'],
    ['Quy chế số 02/QC-VPCP-BTTTT', '02/QC-VPCP-BTTTT', 'constant.other.document-number.vbpl'],
    ['ban hành ngày 10 tháng 4 năm 2007', 'ngày 10 tháng 4 năm 2007', 'constant.other.date.vbpl'],
    ['Căn cứ Luật Tổ chức Chính phủ;', 'Căn cứ', 'keyword.other.basis.vbpl'],
    ['Sửa thành “Điều 3. Hiệu lực”', '“', 'string.quoted.double.vbpl'],
    ['NGHỊ ĐỊNH', 'NGHỊ ĐỊNH', 'markup.heading.document-type.vbpl'],
  ];
  for (const [line, text, scope] of cases) {
    it(`scopes ${JSON.stringify(text)} in ${JSON.stringify(line)} as ${scope}`, function () {
      if (!tokenize) this.skip();
      const tokens = tokenize([line])[0];
      const hit = tokens.find((t) => t.text === text || t.text.trim() === text);
      assert.ok(hit, `no token ${JSON.stringify(text)}: ${JSON.stringify(tokens.map((t) => t.text))}`);
      assert.ok(hit.scopes.includes(scope), `${JSON.stringify(text)} has ${hit.scopes.join(' ')}`);
    });
  }

  it('a citation at the start of a line is not a heading; quoted text may span lines', function () {
    if (!tokenize) this.skip();
    const [cit] = tokenize(['Điều 5 của Luật này quy định']);
    assert.ok(!cit.some((t) => t.scopes.some((s) => s.startsWith('markup.heading'))), JSON.stringify(cit));
    const [, second] = tokenize(['Sửa “Điều 3. Hiệu lực', 'khoản 4 Điều 3” thành']);
    assert.ok(second.find((t) => t.text === 'khoản')?.scopes.includes('string.quoted.double.vbpl'));
    assert.ok(!second.find((t) => t.text.includes('thành'))?.scopes.includes('string.quoted.double.vbpl'));
  });
});
