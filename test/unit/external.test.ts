/**
 * External documents (DESIGN.md §2, §4): `ext-unknown-document`, `ext-repealed`,
 * `ext-mismatch` on drafts with their expectations beside the lines (`… %% ext-mismatch`),
 * exact ranges, the workspace's repeal statements, the hover card and number completion.
 *
 * The fixture catalog (test/fixtures/external/catalog.jsonl) is made up for these tests,
 * except 64/2007/NĐ-CP, 45/2016/QĐ-TTg, 67/2006/QH11 and the two Luật Lưu trữ, whose
 * number, date and issuer are the real ones.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCatalog, type CatalogText } from '../../server/src/core/catalog/index';
import { externalCard, externalCardAt } from '../../server/src/core/catalog/card';
import { documentNumberCompletions } from '../../server/src/core/catalog/complete';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import { Workspace } from '../../server/src/core/workspace';
import { bundledCatalogPath } from '../../server/src/cli/catalog';

const ROOT = path.resolve(__dirname, '../../..');
const FIX = path.join(ROOT, 'test/fixtures/external');
const read = (p: string): string => readFileSync(p, 'utf8');
const fixtureCatalog = (): CatalogText => ({ name: 'catalog.jsonl', text: read(path.join(FIX, 'catalog.jsonl')) });
const bundled = (): CatalogText => ({ name: 'bundled', text: read(bundledCatalogPath(__dirname)!) });

/** A fixture file without its `%% code` annotations, and the annotations as `line:code`. */
function fixture(file: string): { text: string; expected: string[] } {
  const expected: string[] = [];
  const lines = read(file).split('\n').map((l, i) => {
    const m = /\s*%%\s*(.*)$/.exec(l);
    if (!m) return l;
    for (const code of m[1].split(/[\s,]+/).filter(Boolean)) expected.push(`${i}:${code}`);
    return l.slice(0, m.index);
  });
  return { text: lines.join('\n'), expected: expected.sort() };
}

function extCodes(diags: Diagnostic[]): string[] {
  return diags.filter((d) => d.code.startsWith('ext-')).map((d) => `${d.range.start.line}:${d.code}`).sort();
}

/** Lints every fixture of a folder as one workspace; returns the workspace and each file's expectation. */
function lintFolder(dir: string, catalogs: CatalogText[]): { ws: Workspace; files: Array<{ uri: string; expected: string[] }> } {
  const ws = new Workspace({ catalog: buildCatalog(catalogs) });
  const files = readdirSync(dir).filter((f) => f.endsWith('.vbpl')).sort().map((f) => {
    const { text, expected } = fixture(path.join(dir, f));
    ws.set(f, text);
    return { uri: f, expected };
  });
  return { ws, files };
}

function textAt(ws: Workspace, uri: string, d: { range: Diagnostic['range'] }): string {
  const src = ws.parsed(uri)!.source;
  const lines = src.original.split('\n');
  assert.equal(d.range.start.line, d.range.end.line);
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}

describe('external documents: fixtures', () => {
  it('drafts/: each line marked %% has exactly those ext-* diagnostics (fixture catalog, then bundled)', () => {
    const { ws, files } = lintFolder(path.join(FIX, 'drafts'), [fixtureCatalog(), bundled()]);
    for (const f of files) assert.deepEqual(extCodes(ws.diagnostics(f.uri)), f.expected, f.uri);
  });

  it('workspace/: repeal statements and workspace documents, one workspace', () => {
    const { ws, files } = lintFolder(path.join(FIX, 'workspace'), [fixtureCatalog()]);
    for (const f of files) assert.deepEqual(extCodes(ws.diagnostics(f.uri)), f.expected, f.uri);
  });
});

describe('external documents: ranges and messages', () => {
  const { ws } = lintFolder(path.join(FIX, 'drafts'), [fixtureCatalog(), bundled()]);
  const uri = 'du-thao-nghi-dinh.vbpl';
  const ext = ws.diagnostics(uri).filter((d) => d.code.startsWith('ext-'));
  const on = (code: string, needle: string): Diagnostic => {
    const d = ext.find((x) => x.code === code && ws.parsed(uri)!.source.original.split('\n')[x.range.start.line].includes(needle));
    assert.ok(d, `${code} on a line with "${needle}": ${JSON.stringify(ext.map((x) => [x.code, x.range.start.line]))}`);
    return d;
  };

  it('ext-unknown-document: on the number, once per document (17/2017 is not 117/2017)', () => {
    const d = on('ext-unknown-document', '17/2017/NĐ-CP ngày 17');
    assert.equal(textAt(ws, uri, d), '17/2017/NĐ-CP');
    assert.equal(d.severity, 'info');
    assert.match(d.message, /Không tìm thấy Nghị định số 17\/2017\/NĐ-CP/);
    assert.equal(ext.filter((x) => x.code === 'ext-unknown-document').length, 1);
  });

  it('ext-mismatch: on the date, the issuer, the title, the type word', () => {
    const date = on('ext-mismatch', 'ngày 10 tháng 5 năm 2007');
    assert.equal(textAt(ws, uri, date), 'ngày 10 tháng 5 năm 2007');
    assert.match(date.message, /10\/05\/2007.*10\/04\/2007/);
    assert.equal(date.severity, 'warning');
    const issuer = on('ext-mismatch', '45/2016/QĐ-TTg');
    assert.equal(textAt(ws, uri, issuer), 'Chính phủ');
    assert.match(issuer.message, /"Chính phủ".*"Thủ tướng Chính phủ"/);
    const title = on('ext-mismatch', '12/2031/TT-BTC');
    assert.equal(textAt(ws, uri, title), 'hướng dẫn về lệ phí đăng ký phương tiện giao thông cơ giới đường bộ');
    assert.match(title.message, /trích yếu/);
    const type = on('ext-mismatch', 'Nghị quyết số 67/2006/QH11');
    assert.equal(textAt(ws, uri, type), 'Nghị quyết');
    assert.match(type.message, /"Luật"/);
  });

  it('ext-repealed: catalog replaced_by (naming the replacement) and status repealed, on the number', () => {
    const replaced = on('ext-repealed', '21/2030/NĐ-CP');
    assert.equal(textAt(ws, uri, replaced), '21/2030/NĐ-CP');
    assert.match(replaced.message, /thay thế bởi Nghị định 05\/2031\/NĐ-CP ngày 01\/02\/2031/);
    const repealed = on('ext-repealed', '20/2030/NĐ-CP');
    assert.match(repealed.message, /hết hiệu lực/);
    const byName = on('ext-repealed', 'Luật Tổ chức Chính phủ');
    assert.equal(textAt(ws, uri, byName), 'Luật Tổ chức Chính phủ');
    assert.match(byName.message, /63\/2025\/QH15/);
  });

  it('amended_or_repealed_by alone never means repealed; a number with ND / spaces is the same document', () => {
    assert.ok(!ext.some((d) => ws.parsed(uri)!.source.original.split('\n')[d.range.start.line].includes('30/2029/NĐ-CP')));
  });
});

describe('external documents: the workspace says it replaces', () => {
  const { ws } = lintFolder(path.join(FIX, 'workspace'), [fixtureCatalog()]);

  it('a draft citing a replaced Quyết định: ext-repealed, related = the replacing sentence', () => {
    const d = ws.diagnostics('du-thao-ke-hoach.vbpl').filter((x) => x.code === 'ext-repealed');
    assert.equal(d.length, 2);
    assert.equal(textAt(ws, 'du-thao-ke-hoach.vbpl', d[0]), '336/QĐ-UBQGCĐS');
    assert.match(d[0].message, /thay thế theo Quyết định 414\/QĐ-UBQGCĐS/);
    const rel = d[0].related![0];
    assert.equal(rel.uri, 'qd-ban-hanh-quy-che.vbpl');
    const src = ws.parsed(rel.uri)!.source;
    const line = src.original.split('\n')[rel.range.start.line];
    assert.ok(line.slice(rel.range.start.character).startsWith('Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế'), line);
    assert.equal(d[1].related![0].uri, 'qd-ban-hanh-quy-che.vbpl');
  });

  it('the replacing document itself, an older document, and a partial repeal (bãi bỏ Điều 4 của …) say nothing', () => {
    // Its own citations of 336 and 209 say nothing; 100 (only its Điều 4 repealed) is merely unknown.
    assert.deepEqual(extCodes(ws.diagnostics('qd-ban-hanh-quy-che.vbpl')), ['16:ext-unknown-document']);
    assert.ok(!ws.diagnostics('bao-cao-cu.vbpl').some((d) => d.code === 'ext-repealed'));
    assert.deepEqual([...ws.repeals().keys()].sort(), ['209/QD-UBQGCDS', '336/QD-UBQGCDS']);
  });

  it('a cited workspace document contradicted: ext-mismatch on the date, related = that document', () => {
    const d = ws.diagnostics('du-thao-ke-hoach.vbpl').find((x) => x.code === 'ext-mismatch')!;
    assert.equal(textAt(ws, 'du-thao-ke-hoach.vbpl', d), 'ngày 01 tháng 3 năm 2030');
    assert.equal(d.related![0].uri, 'nd-05-2030.vbpl');
    assert.match(d.message, /văn bản được viện dẫn trong workspace/);
  });

  it('the workspace comes before the catalogs: a catalog entry with the same number is not compared', () => {
    const w = new Workspace({ catalog: buildCatalog([{ name: 'c', text: '{"number": "05/2030/NĐ-CP", "date": "2030-03-01", "title": "Khác hẳn"}' }]) });
    w.set('nd.vbpl', read(path.join(FIX, 'workspace/nd-05-2030.vbpl')));
    w.set('kh.vbpl', 'Điều 1. Căn cứ\n\nTheo Nghị định số 05/2030/NĐ-CP ngày 01 tháng 3 năm 2030 của Chính phủ.\n');
    const d = w.diagnostics('kh.vbpl').filter((x) => x.code === 'ext-mismatch');
    assert.equal(d.length, 1);
    assert.equal(d[0].related![0].uri, 'nd.vbpl');
  });
});

describe('external documents: laws cited by name (DESIGN §1)', () => {
  const catalog = buildCatalog([fixtureCatalog()]);
  const cardOf = (text: string, quote: string) => {
    const w = new Workspace({ catalog });
    w.set('a.vbpl', text);
    const off = w.parsed('a.vbpl')!.source.norm.indexOf(quote);
    assert.ok(off >= 0, quote);
    return externalCardAt(w, 'a.vbpl', off + 2);
  };

  it('the one whose date is given; the year; without: the newest not after the citing draft', () => {
    assert.equal(cardOf('Điều 1. Căn cứ\nTheo Luật Lưu trữ ngày 11 tháng 11 năm 2011.\n', 'Luật Lưu trữ')?.number, '01/2011/QH13');
    assert.equal(cardOf('Điều 1. Căn cứ\nTheo Luật Lưu trữ năm 2024.\n', 'Luật Lưu trữ')?.number, '33/2024/QH15');
    assert.equal(cardOf('Điều 1. Căn cứ\nTheo Luật Lưu trữ.\n', 'Luật Lưu trữ')?.number, '33/2024/QH15');
    const old = 'CHÍNH PHỦ\n\nSố: 01/2020/NĐ-CP\n\nHà Nội, ngày 01 tháng 01 năm 2020\n\nNGHỊ ĐỊNH\nQuy định thử\n\nĐiều 1. Căn cứ\nTheo Luật Lưu trữ.\n';
    assert.equal(cardOf(old, 'Luật Lưu trữ')?.number, '01/2011/QH13');
  });

  it('a date no document of that name has, or two of the same date: unresolved, never a guess', () => {
    const wrong = cardOf('Điều 1. Căn cứ\nTheo Luật Lưu trữ ngày 12 tháng 11 năm 2011.\n', 'Luật Lưu trữ');
    assert.equal(wrong?.kind, 'unresolved');
    const twins = cardOf('Điều 1. Căn cứ\nTheo Luật Thử nghiệm ngày 05 tháng 5 năm 2031.\n', 'Luật Thử nghiệm');
    assert.equal(twins?.kind, 'unresolved');
    const w = new Workspace({ catalog });
    w.set('a.vbpl', 'Điều 1. Căn cứ\nTheo Luật Thử nghiệm ngày 05 tháng 5 năm 2031 và Luật Lưu trữ ngày 12 tháng 11 năm 2011.\n');
    assert.deepEqual(extCodes(w.diagnostics('a.vbpl')), []);
  });
});

describe('external documents: hover card and completion', () => {
  const catalog = buildCatalog([fixtureCatalog(), bundled()]);

  it('externalCard: type, number, date, issuer, title, effective date, status, amended/replaced by, link, as Markdown', () => {
    const w = new Workspace({ catalog });
    w.set('a.vbpl', 'Điều 1. Căn cứ\nTheo Nghị định số 64/2007/ND-CP và Nghị định số 21/2030/NĐ-CP.\n');
    const r = w.resolved('a.vbpl').find((x) => x.citation.doc?.number === '64/2007/ND-CP')!;
    const card = externalCard(w, 'a.vbpl', r)!;
    assert.equal(card.kind, 'catalog');
    assert.equal(card.number, '64/2007/NĐ-CP');
    assert.equal(card.type, 'Nghị định');
    assert.equal(card.date, '2007-04-10');
    assert.equal(card.issuer, 'Chính phủ');
    assert.equal(card.effectiveDate, '2007-05-18');
    assert.deepEqual(card.amendedOrRepealedBy, ['09/2031/NĐ-CP']);
    assert.equal(card.url, 'http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=14476');
    assert.equal(card.statusLabel, 'Không rõ (danh mục không ghi)');
    assert.match(card.markdown, /^\*\*Nghị định số 64\/2007\/NĐ-CP\*\* — Chính phủ\n\nỨng dụng công nghệ thông tin/);
    assert.match(card.markdown, /\| Ngày ban hành \| 10\/04\/2007 \|/);
    assert.match(card.markdown, /\[Toàn văn\]\(http:\/\/vbpl\.vn/);
    assert.match(card.plaintext, /^Nghị định số 64\/2007\/NĐ-CP — Chính phủ\n/);
    assert.match(card.plaintext, /^Ngày ban hành: 10\/04\/2007$/m);
    const off = w.parsed('a.vbpl')!.source.norm.indexOf('21/2030');
    const replaced = externalCardAt(w, 'a.vbpl', off)!;
    assert.deepEqual(replaced.replacedBy, ['05/2031/NĐ-CP']);
    assert.equal(replaced.statusLabel, 'Đã bị thay thế');
    assert.match(replaced.markdown, /\| Thay thế bởi \| 05\/2031\/NĐ-CP \|/);
  });

  it('externalCard of a number found nowhere says so; of a workspace document shows its header', () => {
    const w = new Workspace({ catalog });
    w.set('nd.vbpl', read(path.join(FIX, 'workspace/nd-05-2030.vbpl')));
    w.set('a.vbpl', 'Điều 1. Căn cứ\nTheo Nghị định số 17/2017/NĐ-CP và Nghị định số 05/2030/NĐ-CP.\n');
    const norm = w.parsed('a.vbpl')!.source.norm;
    const unknown = externalCardAt(w, 'a.vbpl', norm.indexOf('17/2017'))!;
    assert.equal(unknown.kind, 'unknown');
    assert.match(unknown.markdown, /Không có trong workspace và các danh mục/);
    const ws = externalCardAt(w, 'a.vbpl', norm.indexOf('05/2030'))!;
    assert.equal(ws.kind, 'workspace');
    assert.equal(ws.uri, 'nd.vbpl');
    assert.equal(ws.date, '2030-02-01');
    assert.equal(externalCardAt(w, 'a.vbpl', norm.indexOf('Điều 1')), undefined);
  });

  it('documentNumberCompletions: after `Nghị định số `, numbers of Nghị định, workspace first, filtered by what is typed', () => {
    const w = new Workspace({ catalog });
    w.set('nd.vbpl', read(path.join(FIX, 'workspace/nd-05-2030.vbpl')));
    const all = documentNumberCompletions(w, 'Căn cứ Nghị định số ')!;
    assert.equal(all.type, 'nghi dinh');
    assert.equal(all.replaceFrom, 'Căn cứ Nghị định số '.length);
    assert.equal(all.items[0].number, '05/2030/NĐ-CP');
    assert.equal(all.items[0].source, 'workspace');
    assert.ok(all.items.every((i) => /NĐ-CP$/.test(i.number)), all.items.map((i) => i.number).join());
    assert.ok(all.items.some((i) => i.number === '64/2007/NĐ-CP' && i.source === 'catalog.jsonl'));
    const typed = documentNumberCompletions(w, 'theo Nghị định số 64/20')!;
    assert.deepEqual(typed.items.map((i) => i.number), ['64/2007/NĐ-CP']);
    assert.equal(typed.replaceFrom, 'theo Nghị định số '.length);
    const laws = documentNumberCompletions(w, 'Luật số ')!;
    assert.ok(laws.items.length > 5 && laws.items.every((i) => /QH\d+$/.test(i.number)));
    assert.deepEqual(documentNumberCompletions(w, 'Quyết định số 4')!.items.map((i) => i.number), ['45/2016/QĐ-TTg']);
    assert.equal(documentNumberCompletions(w, 'theo quy định '), undefined);
    assert.equal(documentNumberCompletions(w, 'Nghị định '), undefined);
  });
});
