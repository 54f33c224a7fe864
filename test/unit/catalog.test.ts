/**
 * Catalogs (DESIGN.md §4, a contract): JSON Lines parsing with located errors, the pháp điển
 * file's quirks, exact number lookup after normalization, name lookup, precedence of the
 * sources (workspace > --catalog / config / setting, in order > bundled), the type and issuer
 * tables, and `dieu catalog` / `dieu lint --catalog` from the outside.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Catalog } from '../../server/src/core/catalog/catalog';
import { buildCatalog } from '../../server/src/core/catalog/index';
import { parseCatalog } from '../../server/src/core/catalog/parse';
import { issuerCodes, issuerCodesOfNumber, issuerOfNumber } from '../../server/src/core/catalog/tables';
import { parseDocNumber } from '../../server/src/core/docnumber';
import { Workspace } from '../../server/src/core/workspace';
import { bundledCatalogPath } from '../../server/src/cli/catalog';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIX = path.join(ROOT, 'test/fixtures/external');

describe('catalog: parsing JSON Lines', () => {
  it('reads every field; unknown fields are ignored; vbpl_url is the url; amended_or_repealed_by is kept as is', () => {
    const { entries, errors } = parseCatalog(readFileSync(path.join(FIX, 'catalog.jsonl'), 'utf8'), 'fx');
    assert.deepEqual(errors, []);
    assert.equal(entries.length, 13);
    assert.deepEqual(entries[0], {
      number: '64/2007/NĐ-CP', key: '64/2007/ND-CP', type: 'Nghị định', issuer: 'Chính phủ', date: '2007-04-10',
      title: 'Ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước', status: undefined, effectiveDate: '2007-05-18',
      amendedOrRepealedBy: ['09/2031/NĐ-CP'], replacedBy: [], url: 'http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=14476',
      source: 'fx', line: 1,
    });
  });

  it('only number is required; a malformed line is an error with its line number and the rest still loads', () => {
    const { entries, errors } = parseCatalog(readFileSync(path.join(FIX, 'catalog-malformed.jsonl'), 'utf8'), 'bad');
    assert.deepEqual(entries.map((e) => e.number), ['01/2031/NĐ-CP', '04/2031/NĐ-CP', '05/2031/NĐ-CP', '07/2031/NĐ-CP']);
    assert.deepEqual(errors.map((e) => e.line), [2, 4, 5, 6, 7, 7, 8]);
    assert.match(errors[0].message, /JSON/);
    assert.match(errors[1].message, /"number"/);
    assert.match(errors[2].message, /đối tượng JSON/);
    assert.match(errors[3].message, /"date".*YYYY-MM-DD.*01\/02\/2031/);
    assert.match(errors[4].message, /"status"/);
    assert.match(errors[5].message, /"replaced_by"/);
    assert.match(errors[6].message, /"number"/);
    const fourth = entries[1];
    assert.equal(fourth.date, undefined);
    assert.equal(fourth.title, 'Ngày sai dạng vẫn nạp');
    assert.equal(fourth.line, 6);
  });

  it('BOM, CRLF, blank lines and NFD text', () => {
    const nfd = 'Nghị định'.normalize('NFD');
    const { entries, errors } = parseCatalog(`\uFEFF{"number":"1/2030/NĐ-CP"}\r\n\r\n{"number":"2/2030/NĐ-CP","type":"${nfd}"}\r\n`);
    assert.deepEqual(errors, []);
    assert.deepEqual(entries.map((e) => [e.number, e.line, e.type]), [['1/2030/NĐ-CP', 1, undefined], ['2/2030/NĐ-CP', 3, 'Nghị định']]);
  });

  it('an invalid calendar date is an error, not a date', () => {
    const { entries, errors } = parseCatalog('{"number":"1/2030/NĐ-CP","date":"2030-02-30"}');
    assert.equal(entries[0].date, undefined);
    assert.equal(errors.length, 1);
  });
});

describe('catalog: lookups', () => {
  const catalog = buildCatalog([{ name: 'fx', text: readFileSync(path.join(FIX, 'catalog.jsonl'), 'utf8') }]);

  it('numbers match exactly after normalization: spaces, diacritics, Đ/D, case', () => {
    for (const n of ['64/2007/NĐ-CP', '64/2007/ND-CP', '64 / 2007 / NĐ-CP', '64/2007/nđ-cp', '64/2007/NĐ-CP'.normalize('NFD')]) {
      assert.equal(catalog.get(n)?.number, '64/2007/NĐ-CP', n);
    }
  });

  it('never by similarity: 17/2017/NĐ-CP is not 117/2017/NĐ-CP, 4/2007 is not 64/2007', () => {
    assert.equal(catalog.get('17/2017/NĐ-CP'), undefined);
    assert.equal(catalog.get('117/2017/NĐ-CP')?.number, '117/2017/NĐ-CP');
    assert.equal(catalog.get('4/2007/NĐ-CP'), undefined);
    assert.equal(catalog.get('64/2007/NĐ'), undefined);
  });

  it('by name: type + folded title (a leading type word in the title is dropped), by date', () => {
    assert.equal((catalog.byName('luat', 'Lưu trữ', { date: '2024-06-21' }) as { number: string }).number, '33/2024/QH15');
    assert.equal((catalog.byName('luat', 'LUU TRU', { year: 2011 }) as { number: string }).number, '01/2011/QH13');
    assert.equal((catalog.byName('luat', 'Lưu trữ', { citingDate: '2020-01-01' }) as { number: string }).number, '01/2011/QH13');
    assert.equal(catalog.byName('luat', 'Lưu trữ', { citingDate: '2010-01-01' }), undefined);
    assert.equal(catalog.byName('luat', 'Thử nghiệm'), 'ambiguous');
    assert.equal(catalog.byName('nghi dinh', 'Lưu trữ'), undefined);
  });

  it('search: every word, diacritics optional, newest first; ofType', () => {
    assert.deepEqual(catalog.search('luu tru').map((e) => e.number), ['20/2030/NĐ-CP', '33/2024/QH15', '01/2011/QH13']);
    assert.deepEqual(catalog.search('64/2007/ND-CP').map((e) => e.number), ['64/2007/NĐ-CP']);
    assert.ok(catalog.ofType('nghi dinh').every((e) => e.typeKey === 'nghi dinh'));
  });
});

describe('catalog: sources and precedence', () => {
  const first = '{"number": "64/2007/NĐ-CP", "title": "Tên theo danh mục thứ nhất"}';
  const second = '{"number": "64/2007/ND-CP", "title": "Tên theo danh mục thứ hai", "date": "2007-04-10", "status": "in-force"}\n{"number": "99/2031/NĐ-CP"}';
  const bundledText = readFileSync(bundledCatalogPath(__dirname)!, 'utf8');

  it('the first catalog wins field by field; later ones only fill what it leaves empty; sources are listed', () => {
    const c = buildCatalog([{ name: 'a.jsonl', text: first }, { name: 'b.jsonl', text: second }, { name: 'bundled', text: bundledText }]);
    const e = c.get('64/2007/NĐ-CP')!;
    assert.equal(e.number, '64/2007/NĐ-CP');
    assert.equal(e.title, 'Tên theo danh mục thứ nhất');
    assert.equal(e.date, '2007-04-10');
    assert.equal(e.status, 'in-force');
    assert.equal(e.issuer, 'Chính phủ');
    assert.deepEqual(e.sources, ['a.jsonl', 'b.jsonl', 'bundled']);
    assert.deepEqual([e.origin.title, e.origin.date, e.origin.issuer], ['a.jsonl', 'b.jsonl', 'bundled']);
    assert.equal(c.get('99/2031/NĐ-CP')?.type, 'Nghị định', 'a type implied by the number code');
    assert.deepEqual(c.sources, ['a.jsonl', 'b.jsonl', 'bundled']);
  });

  it('the user catalogs come before the bundled one', () => {
    const c = buildCatalog([{ name: 'mine', text: '{"number": "63/2025/QH15", "title": "Tổ chức Chính phủ (bản của tôi)"}' }, { name: 'bundled', text: bundledText }]);
    assert.equal(c.get('63/2025/QH15')!.title, 'Tổ chức Chính phủ (bản của tôi)');
    assert.equal(c.get('63/2025/QH15')!.date, '2025-02-18');
  });

  it('the bundled catalog: the laws the samples cite, well-formed, without errors', () => {
    const p = parseCatalog(bundledText, 'bundled');
    assert.deepEqual(p.errors, []);
    const c = new Catalog([p]);
    for (const [name, date, number] of [['Tổ chức Chính phủ', '2025-02-18', '63/2025/QH15'], ['Thư viện', '2019-11-21', '46/2019/QH14'], ['Giao dịch điện tử', '2023-06-22', '20/2023/QH15']]) {
      assert.equal((c.byName('luat', name, { date }) as { number: string }).number, number);
    }
  });

  it('the workspace comes before every catalog, and Workspace.setCatalog re-checks', () => {
    const ws = new Workspace();
    ws.set('a.vbpl', 'Điều 1. Căn cứ\nTheo Nghị định số 64/2007/NĐ-CP ngày 10 tháng 5 năm 2007 của Chính phủ.\n');
    assert.deepEqual(ws.diagnostics('a.vbpl').map((d) => d.code), ['ext-unknown-document']);
    const v = ws.version;
    ws.setCatalog(buildCatalog([{ name: 'bundled', text: bundledText }]));
    assert.ok(ws.version > v);
    assert.deepEqual(ws.diagnostics('a.vbpl').map((d) => d.code), ['ext-mismatch']);
    ws.set('nd.vbpl', 'CHÍNH PHỦ\n\nSố: 64/2007/NĐ-CP\n\nHà Nội, ngày 10 tháng 5 năm 2007\n\nNGHỊ ĐỊNH\nỨng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước\n\nĐiều 1. Phạm vi\nNội dung.\n');
    assert.deepEqual(ws.diagnostics('a.vbpl').map((d) => d.code), [], 'the workspace document (dated 10/5) wins over the catalog (10/4)');
  });
});

describe('catalog: type and issuer tables', () => {
  it('issuers as written → codes; roles skipped; unknown names say nothing', () => {
    assert.deepEqual(issuerCodes('Chính phủ'), ['CP']);
    assert.deepEqual(issuerCodes('Thủ tướng Chính phủ'), ['TTG']);
    assert.deepEqual(issuerCodes('Bộ trưởng Bộ Tài chính'), ['BTC']);
    assert.deepEqual(issuerCodes('Bộ Công thương.'), ['BCT']);
    assert.deepEqual(issuerCodes('Bộ Giáo Dục và \u00d0ào Tạo'), ['BGDDT']);
    assert.deepEqual(issuerCodes('Bộ Văn hóa, Thể thao và Du lịch'), ['BVHTTDL']);
    assert.deepEqual(issuerCodes('Bộ Tài chính và Bộ Y tế'), ['BTC', 'BYT']);
    assert.deepEqual(issuerCodes('Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ'), ['VPCP']);
    assert.deepEqual(issuerCodes('Quốc hội'), ['QH']);
    assert.equal(issuerCodes('Chủ tịch Ủy ban Quốc gia'), undefined);
    assert.equal(issuerCodes('Tổng cục trưởng Tổng cục Địa chính'), undefined);
    assert.equal(issuerCodes('Chính phủ và'), undefined);
  });

  it('numbers → issuers: NĐ-CP ↔ Chính phủ, QĐ-TTg ↔ Thủ tướng Chính phủ, TT-BTC ↔ Bộ Tài chính, QH ↔ Quốc hội', () => {
    assert.equal(issuerOfNumber('64/2007/NĐ-CP'), 'Chính phủ');
    assert.equal(issuerOfNumber('45/2016/QĐ-TTg'), 'Thủ tướng Chính phủ');
    assert.equal(issuerOfNumber('12/2015/TT-BTC'), 'Bộ Tài chính');
    assert.equal(issuerOfNumber('67/2006/QH11'), 'Quốc hội');
    assert.equal(issuerOfNumber('755/2005/NQ-UBTVQH11'), 'Ủy ban Thường vụ Quốc hội');
    assert.equal(issuerOfNumber('89/2016/TTLT-BTC-BCT'), undefined, 'joint acts name several');
    assert.deepEqual(issuerCodesOfNumber(parseDocNumber('01/2019/NQ-HĐTP')), ['HDTP', 'TANDTC']);
  });
});

// ---------------------------------------------------------------------------------------
// From the outside: the bundled CLI.

interface Run { code: number | null; stdout: string; stderr: string }
function dieu(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('catalog: dieu catalog and dieu lint --catalog', () => {
  let tmp = '';
  beforeEach(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'dieu-catalog-'));
    writeFileSync(path.join(tmp, 'fx.jsonl'), readFileSync(path.join(FIX, 'catalog.jsonl')));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('show: any spelling of the number; exit 1 and a message when not found (17/2017 ≠ 117/2017)', () => {
    const r = dieu(tmp, 'catalog', 'show', '--catalog', 'fx.jsonl', '64 / 2007 / ND-CP');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Số ký hiệu: +64\/2007\/NĐ-CP$/m);
    assert.match(r.stdout, /^Ngày ban hành: +2007-04-10$/m);
    assert.match(r.stdout, /^Nguồn: +fx\.jsonl, bundled$/m);
    const miss = dieu(tmp, 'catalog', 'show', '--catalog', 'fx.jsonl', '17/2017/NĐ-CP');
    assert.equal(miss.code, 1);
    assert.equal(miss.stdout, '');
    assert.match(miss.stderr, /17\/2017\/NĐ-CP: not in any catalog \(fx\.jsonl, bundled\)/);
    const json = dieu(tmp, 'catalog', 'show', '--json', '--no-bundled', '--catalog', 'fx.jsonl', '117/2017/nđ-cp');
    assert.equal(JSON.parse(json.stdout).number, '117/2017/NĐ-CP');
  });

  it('search: words without diacritics, --type, --limit; the config\'s catalogs are used', () => {
    writeFileSync(path.join(tmp, 'dieu.config.json'), JSON.stringify({ catalogs: ['fx.jsonl'] }));
    const r = dieu(tmp, 'catalog', 'search', 'luu', 'tru', '--type', 'Luật', '--no-bundled');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]), ['33/2024/QH15', '01/2011/QH13']);
    const one = dieu(tmp, 'catalog', 'search', 'luu tru', '--limit', '1', '--json');
    assert.equal(one.stdout.trim().split('\n').length, 1);
    assert.match(one.stderr, /more \(use --limit\)/);
    assert.equal(dieu(tmp, 'catalog', 'search', 'khongcogi', '--no-bundled').code, 1);
  });

  it('from-docs: one catalog line per document, from its own header', () => {
    writeFileSync(path.join(tmp, 'nd.vbpl'), readFileSync(path.join(FIX, 'workspace/nd-05-2030.vbpl')));
    const r = dieu(tmp, 'catalog', 'from-docs', 'nd.vbpl');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      number: '05/2030/NĐ-CP', type: 'Nghị định', issuer: 'Chính phủ', date: '2030-02-01', title: 'Quy định về quản lý kho lưu trữ số',
    });
    writeFileSync(path.join(tmp, 'out.jsonl'), r.stdout);
    assert.equal(dieu(tmp, 'catalog', 'show', '--catalog', 'out.jsonl', '05/2030/ND-CP').code, 0);
  });

  it('check: malformed lines with file and line; exit 1', () => {
    writeFileSync(path.join(tmp, 'bad.jsonl'), readFileSync(path.join(FIX, 'catalog-malformed.jsonl')));
    const r = dieu(tmp, 'catalog', 'check', 'bad.jsonl');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^bad\.jsonl:2: /m);
    assert.match(r.stdout, /^bad\.jsonl:6: trường "date"/m);
    assert.match(r.stderr, /4 documents, 7 malformed line\(s\)/);
    assert.equal(dieu(tmp, 'catalog', 'check', 'fx.jsonl').code, 0);
    assert.equal(dieu(tmp, 'catalog', 'check').code, 0, 'the bundled catalog is well-formed');
  });

  it('usage errors: exit 2', () => {
    assert.equal(dieu(tmp, 'catalog').code, 2);
    assert.equal(dieu(tmp, 'catalog', 'list').code, 2);
    assert.equal(dieu(tmp, 'catalog', 'show').code, 2);
    assert.equal(dieu(tmp, 'catalog', 'show', '--bogus', 'x').code, 2);
    assert.equal(dieu(tmp, 'catalog', 'show', '--catalog', 'nope.jsonl', 'x').code, 2);
    const help = dieu(tmp, 'catalog', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /from-docs/);
  });

  it('lint: --catalog files come before the config\'s catalogs, which come before the bundled one', () => {
    writeFileSync(path.join(tmp, 'a.vbpl'), 'Điều 1. Căn cứ\nTheo Nghị định số 64/2007/NĐ-CP ngày 11 tháng 4 năm 2007 của Chính phủ.\n');
    writeFileSync(path.join(tmp, 'cli.jsonl'), '{"number": "64/2007/ND-CP", "date": "2007-04-11"}\n');
    writeFileSync(path.join(tmp, 'cfg.jsonl'), '{"number": "64/2007/NĐ-CP", "date": "2007-04-12"}\n');
    writeFileSync(path.join(tmp, 'dieu.config.json'), JSON.stringify({ catalogs: ['cfg.jsonl'] }));
    const codes = (...args: string[]) => JSON.parse(dieu(tmp, 'lint', '--format', 'json', ...args, 'a.vbpl').stdout).files[0].diagnostics
      .map((d: { code: string; message: string }) => `${d.code} ${d.message.match(/\((\d\d\/\d\d\/\d{4})\)/)?.[1] ?? ''}`);
    assert.deepEqual(codes('--catalog', 'cli.jsonl'), []);
    assert.deepEqual(codes(), ['ext-mismatch 12/04/2007']);
    rmSync(path.join(tmp, 'dieu.config.json'));
    assert.deepEqual(codes(), ['ext-mismatch 10/04/2007'], 'the bundled catalog');
  });

  it('lint: --catalog entries are used, malformed lines are warnings naming file and line, the bundled catalog is loaded', () => {
    mkdirSync(path.join(tmp, 'd'));
    writeFileSync(path.join(tmp, 'd/a.vbpl'), [
      'Điều 1. Căn cứ',
      'Theo Nghị định số 64/2007/NĐ-CP ngày 10 tháng 5 năm 2007 của Chính phủ và Nghị định số 17/2017/NĐ-CP.',
      'Theo Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015.',
      '',
    ].join('\n'));
    writeFileSync(path.join(tmp, 'bad.jsonl'), '{"number": "17/2017/NĐ-CP"\n');
    const r = dieu(tmp, 'lint', '--format', 'json', '--catalog', 'fx.jsonl', '--catalog', 'bad.jsonl', 'd');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: catalog bad\.jsonl:1: /);
    const diags = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string; range: { start: { line: number; character: number } } }) => `${d.range.start.line}:${d.range.start.character}:${d.code}`);
    assert.deepEqual(diags, ['1:32:ext-mismatch', '1:87:ext-unknown-document', '2:5:ext-repealed']);
  });
});
