/**
 * Responsibilities: agency names, extraction of who does what, task matching, the overlap
 * and duplicate checks on annotated fixtures (test/fixtures/responsibilities/*.vbpl), the
 * matrix, `dieu responsibilities` and the `dieu/responsibilities` request.
 *
 * Fixtures: a trailing `%% responsibility-overlap` / `%% responsibility-duplicate` marks the
 * line where the diagnostic is expected (the later statement of the pair); files named
 * `<group>.<part>.vbpl` are one workspace (in the order of their parts), every other file
 * is a workspace of its own. Only the two responsibility codes are compared, exactly.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runResponsibilities, parseAgencyFile } from '../../server/src/cli/responsibilities';
import { RULES } from '../../server/src/core/diagnostics';
import { parse } from '../../server/src/core/parse';
import { agencyAsOf, agencyTable, findKnownAgencies, lookupAgency, nameAgency } from '../../server/src/core/responsibilities/agencies';
import { extractResponsibilities, type Responsibility } from '../../server/src/core/responsibilities/extract';
import { buildMatrix, matrixToCsv, matrixToMarkdown } from '../../server/src/core/responsibilities/matrix';
import { DEFAULT_THRESHOLD, profileTask, similarity } from '../../server/src/core/responsibilities/match';
import { fold } from '../../server/src/core/text';
import { Workspace } from '../../server/src/core/workspace';
import { responsibilities as lspResponsibilities } from '../../server/src/lsp/responsibilities';

const ROOT = resolve(__dirname, '../../..');
const DIR = join(ROOT, 'test/fixtures/responsibilities');
const CODES = new Set(['responsibility-overlap', 'responsibility-duplicate']);

function extract(text: string): Responsibility[] {
  return extractResponsibilities(parse('file:///t.vbpl', text), agencyTable()).items;
}

/** `agency-id role: task` for each statement. */
function summary(text: string): string[] {
  return extract(text).map((r) => `${r.agency.id} ${r.role}: ${r.task}`);
}

describe('responsibilities: agency names', () => {
  const t = agencyTable();
  const id = (s: string) => nameAgency(t, s)?.id;

  it('full names, short forms and abbreviations of one ministry are one agency', () => {
    for (const s of ['Bộ Thông tin và Truyền thông', 'Bộ TT&TT', 'Bộ TTTT', 'BTTTT', 'Bo Thong tin va Truyen thong', 'BỘ THÔNG TIN VÀ TRUYỀN THÔNG', 'Bộ trưởng Bộ Thông tin và Truyền thông']) {
      assert.equal(id(s), 'bo-tttt', s);
    }
    assert.equal(id('Văn phòng Chính phủ'), 'vpcp');
    assert.equal(id('VPCP'), 'vpcp');
    assert.equal(id('Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ'), 'vpcp');
    assert.equal(id('Bộ Công an'), 'bo-cong-an');
    assert.equal(id('BCA'), 'bo-cong-an');
    for (const s of ['Ủy ban nhân dân cấp tỉnh', 'UBND cấp tỉnh', 'UBND tỉnh', 'Uỷ ban nhân dân cấp tỉnh', 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']) {
      assert.equal(id(s), 'ubnd-tinh', s);
    }
    assert.equal(id('Bộ Bưu chính, Viễn thông'), 'bo-bcvt');
    assert.equal(id('Bộ Bưu chính Viễn thông'), 'bo-bcvt');
    assert.equal(id('Bộ Lao động, Thương binh và Xã hội'), 'bo-ldtbxh');
  });

  it('renames and mergers follow the date: BBCVT → BTTTT (2007) → BKHCN (2025)', () => {
    assert.equal(agencyAsOf(t, 'bo-bcvt', '2006-01-01'), 'bo-bcvt');
    assert.equal(agencyAsOf(t, 'bo-bcvt', '2020-01-01'), 'bo-tttt');
    assert.equal(agencyAsOf(t, 'bo-bcvt', '2025-06-01'), 'bo-khcn');
    assert.equal(agencyAsOf(t, 'bo-ldtbxh', '2026-01-01'), 'bo-noi-vu');
    assert.equal(agencyAsOf(t, 'bo-khdt', '2024-12-31'), 'bo-khdt');
    assert.equal(agencyAsOf(t, 'bo-khdt', '2025-03-01'), 'bo-tai-chinh');
  });

  it('abbreviations only as words in capitals: not inside a document number, not in lower case', () => {
    const s = 'Thông tư số 12/2015/TT-BTC và Quyết định 45/2016/QĐ-TTg; btc; BTC';
    const found = findKnownAgencies(t, s, fold(s), 0, s.length).map((m) => s.slice(m.start, m.end));
    assert.deepEqual(found, ['BTC']);
  });

  it('units of a ministry, named bodies, classes and things that are no agency', () => {
    const unit = nameAgency(t, 'Cục Tin học hóa, Bộ TT&TT')!;
    assert.equal(unit.parent, 'bo-tttt');
    assert.equal(unit.generic, false);
    assert.equal(nameAgency(t, 'Sở Tư pháp')?.generic, false);
    assert.equal(nameAgency(t, 'Cơ quan nhà nước')?.generic, true);
    assert.equal(nameAgency(t, 'Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ')?.generic, true);
    assert.equal(nameAgency(t, 'bổ sung'), undefined);
    assert.equal(nameAgency(t, 'Sở hữu chung hợp nhất'), undefined);
    assert.equal(nameAgency(t, 'Ban hành văn bản'), undefined);
  });

  it('extra agencies extend the table (an alias for a built-in id, a new body)', () => {
    const extra = [{ id: 'bo-tttt', name: 'Bộ Thông tin và Truyền thông', aliases: ['Bộ Thông tin'] }, { id: 'cuc-ttdl', name: 'Cục Chuyển đổi số quốc gia', abbreviations: ['CĐSQG'] }];
    const x = agencyTable(extra);
    assert.equal(lookupAgency(x, 'Bộ Thông tin')?.id, 'bo-tttt');
    assert.equal(lookupAgency(x, 'CĐSQG')?.id, 'cuc-ttdl');
    assert.equal(lookupAgency(agencyTable(), 'Bộ Thông tin'), undefined, 'the built-in table is not changed');
  });

  it('reads an agencies file and names what is wrong in it', () => {
    assert.deepEqual(parseAgencyFile('[{"id":"a","name":"Ban A","aliases":["BA"]}]', 'f.json'), [{ id: 'a', name: 'Ban A', aliases: ['BA'], abbreviations: undefined, successor: undefined }]);
    assert.ok('error' in (parseAgencyFile('{"agencies":[{"id":"a"}]}', 'f.json') as object));
    assert.ok('error' in (parseAgencyFile('not json', 'f.json') as object));
  });
});

describe('responsibilities: extraction', () => {
  it('`<cơ quan> chủ trì, phối hợp với …`: the lead, its partners co-operating, the task', () => {
    assert.deepEqual(summary('Điều 1. Đầu tư\n\nBộ Tài chính chủ trì, phối hợp với Bộ Bưu chính, Viễn thông và các cơ quan liên quan xây dựng định mức chi sự nghiệp ứng dụng công nghệ thông tin.\n'), [
      'bo-tai-chinh lead: xây dựng định mức chi sự nghiệp ứng dụng công nghệ thông tin',
      'bo-bcvt cooperate: xây dựng định mức chi sự nghiệp ứng dụng công nghệ thông tin',
      '~co quan lien quan cooperate: xây dựng định mức chi sự nghiệp ứng dụng công nghệ thông tin',
    ]);
  });

  it('`có trách nhiệm`, `chịu trách nhiệm trước … về việc`, `giao …`, `… do X chủ trì`', () => {
    assert.deepEqual(summary([
      'Điều 1. Trách nhiệm',
      '1. Bộ Giáo dục và Đào tạo có trách nhiệm xây dựng chương trình phổ cập kiến thức công nghệ thông tin.',
      '2. Bộ Công an chịu trách nhiệm trước Chính phủ về việc bảo đảm an ninh mạng.',
      '3. Giao Văn phòng Chính phủ tổng hợp tình hình thực hiện.',
      '4. Định kỳ hằng tháng, tổ chức phiên họp do Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ và Bộ trưởng Bộ Thông tin và Truyền thông chủ trì.',
    ].join('\n')), [
      'bo-gddt responsible: xây dựng chương trình phổ cập kiến thức công nghệ thông tin',
      'bo-cong-an responsible: bảo đảm an ninh mạng',
      'vpcp responsible: tổng hợp tình hình thực hiện',
      'vpcp lead: Định kỳ hằng tháng, tổ chức phiên họp',
      'bo-tttt lead: Định kỳ hằng tháng, tổ chức phiên họp',
    ]);
  });

  it('each khoản of `Trách nhiệm của <cơ quan>` is a task of it; `Chủ trì, …` there leads', () => {
    assert.deepEqual(summary([
      'Điều 49. Trách nhiệm của Bộ Nội vụ',
      '1. Chủ trì, phối hợp với Bộ Bưu chính, Viễn thông hướng dẫn biên chế của các đơn vị chuyên trách.',
      '2. Xây dựng, ban hành tiêu chuẩn, chức danh Giám đốc công nghệ thông tin.',
      '3. Các nhiệm vụ khác quy định tại Nghị định này.',
    ].join('\n')), [
      'bo-noi-vu lead: hướng dẫn biên chế của các đơn vị chuyên trách',
      'bo-bcvt cooperate: hướng dẫn biên chế của các đơn vị chuyên trách',
      'bo-noi-vu responsible: Xây dựng, ban hành tiêu chuẩn, chức danh Giám đốc công nghệ thông tin',
    ]);
  });

  it('items after `<cơ quan> có trách nhiệm:` are its tasks; an item with its own subject is not', () => {
    assert.deepEqual(summary([
      'Điều 21. Danh mục dịch vụ',
      'Bộ, cơ quan ngang Bộ có trách nhiệm:',
      '1. Công bố danh mục dịch vụ hành chính công trên môi trường mạng.',
      '2. Tổ chức được ủy quyền phải áp dụng các tiêu chuẩn quy định tại khoản 1 Điều này.',
    ].join('\n')).map((s) => s.replace(/^.* (?=responsible:)/, '')), ['responsible: Công bố danh mục dịch vụ hành chính công trên môi trường mạng']);
  });

  it('plans with `- Đơn vị chủ trì:` / `- Đơn vị phối hợp:` lines, and Markdown tables', () => {
    assert.deepEqual(summary([
      'II. NHIỆM VỤ',
      '1. Công tác kiểm tra',
      'a) Rà soát văn bản quy phạm pháp luật về dân tộc',
      '- Đơn vị chủ trì: Vụ Pháp luật hình sự - hành chính.',
      '- Đơn vị phối hợp: Cục Kiểm tra văn bản quy phạm pháp luật.',
    ].join('\n')), [
      '~vu phap luat hinh su-hanh chinh lead: Rà soát văn bản quy phạm pháp luật về dân tộc',
      '~cuc kiem tra van ban quy pham phap luat cooperate: Rà soát văn bản quy phạm pháp luật về dân tộc',
    ]);
    assert.deepEqual(summary([
      'I. KẾ HOẠCH',
      '',
      '| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |',
      '|---|---|---|---|',
      '| 1 | Xây dựng Thông tư về chữ ký số | Cục Tin học hóa, Bộ TT&TT | Bộ Nội vụ |',
    ].join('\n')), [
      '~cuc tin hoc hoa@bo-tttt lead: Xây dựng Thông tư về chữ ký số',
      'bo-noi-vu cooperate: Xây dựng Thông tư về chữ ký số',
    ]);
  });

  it('never: executors of the document, liability, negation, nouns, quoted text of another document', () => {
    const text = [
      'Điều 1. Sửa đổi',
      'Sửa đổi khoản 2 Điều 5 như sau:',
      '“2. Bộ Y tế chủ trì xây dựng danh mục thuốc thiết yếu.”',
      'Điều 2. Trách nhiệm',
      '1. Tổ chức, cá nhân phải chịu trách nhiệm trước pháp luật về tính chính xác của thông tin.',
      '2. Cơ quan đăng ký không phải chịu trách nhiệm về nội dung hợp đồng.',
      '3. Cơ quan, đơn vị chủ trì gửi hồ sơ cho cơ quan, đơn vị phối hợp.',
      'Điều 3. Trách nhiệm thi hành',
      'Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân cấp tỉnh chịu trách nhiệm thi hành Nghị định này.',
    ].join('\n');
    assert.deepEqual(summary(text), []);
    const excluded = extractResponsibilities(parse('file:///t.vbpl', text), agencyTable()).excluded;
    assert.ok(excluded.some((r) => /thi hành Nghị định này/.test(r.task)), 'the executors are kept aside, for explanations');
  });

  it('text without diacritics (OCR) reads the same', () => {
    assert.deepEqual(summary('Dieu 1. Trach nhiem\n\nBo Tai chinh chu tri, phoi hop voi Bo Noi vu xay dung dinh muc chi.\n').map((s) => s.split(':')[0]), [
      'bo-tai-chinh lead', 'bo-noi-vu cooperate',
    ]);
  });
});

describe('responsibilities: task matching', () => {
  const sim = (a: string, b: string) => similarity(profileTask(a), profileTask(b));

  it('the same task in other words, or without diacritics, matches; the score is explained', () => {
    const s = sim('xây dựng kiến trúc chuẩn hệ thống thông tin quốc gia', 'Chủ trì xây dựng kiến trúc chuẩn hệ thống thông tin quốc gia.');
    assert.ok(s.score >= 0.9, String(s.score));
    assert.ok(s.shared.includes('kien truc'), s.shared.join());
    assert.ok(sim('Xác định cấp độ an toàn các hệ thống thông tin', 'Xac dinh cap do an toan cac he thong thong tin').score >= DEFAULT_THRESHOLD);
  });

  it('different levels, periods or areas are different tasks, and the message says why', () => {
    const s = sim('lập quy hoạch, kế hoạch sử dụng đất quốc gia', 'lập quy hoạch, kế hoạch sử dụng đất cấp tỉnh');
    assert.ok(s.score < DEFAULT_THRESHOLD, String(s.score));
    assert.equal(s.conflict, 'quốc gia ≠ cấp tỉnh');
    assert.ok(sim('hướng dẫn xây dựng kế hoạch 5 năm', 'hướng dẫn xây dựng kế hoạch hằng năm').score < DEFAULT_THRESHOLD);
  });

  it('the same object with a different action is a different task; shared words alone do not match', () => {
    assert.ok(sim('Chỉ đạo, hướng dẫn các địa phương về phổ biến pháp luật cho đồng bào dân tộc thiểu số',
      'Biên soạn tài liệu về phổ biến pháp luật cho đồng bào dân tộc thiểu số').score < DEFAULT_THRESHOLD);
    assert.ok(sim('xây dựng cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp', 'xây dựng cơ sở dữ liệu quốc gia về dân cư').score < DEFAULT_THRESHOLD);
  });
});

/** Fixture groups: `a.vbpl` alone; `cross.a.vbpl` + `cross.b.vbpl` together. */
function fixtureGroups(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.vbpl')).sort()) {
    const parts = f.split('.');
    const key = parts.length > 2 ? parts[0] : f;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return groups;
}

function readFixture(raw: string): { text: string; expected: Array<[number, string]> } {
  const expected: Array<[number, string]> = [];
  const lines = raw.split('\n').map((l, i) => {
    const at = l.indexOf('%%');
    if (at < 0) return l;
    for (const c of l.slice(at + 2).trim().split(/\s+/).filter(Boolean)) expected.push([i, c]);
    return l.slice(0, at).replace(/[ \t]+$/, '');
  });
  return { text: lines.join('\n'), expected };
}

describe('responsibilities: fixtures (test/fixtures/responsibilities)', () => {
  for (const [group, files] of fixtureGroups()) {
    it(`${group}: exactly the annotated overlaps and duplicates, on the later statement, related to the other`, () => {
      const ws = new Workspace();
      const expected: string[] = [];
      const texts = new Map<string, string>();
      for (const f of files) {
        const fx = readFixture(readFileSync(join(DIR, f), 'utf8'));
        ws.set(`file:///fixtures/${f}`, fx.text);
        texts.set(f, fx.text);
        for (const [line, code] of fx.expected) expected.push(`${f}:${line + 1}:${code}`);
      }
      const actual: string[] = [];
      const messages: string[] = [];
      for (const f of files) {
        for (const d of ws.diagnostics(`file:///fixtures/${f}`)) {
          if (!CODES.has(d.code)) continue;
          actual.push(`${f}:${d.range.start.line + 1}:${d.code}`);
          messages.push(`${f}:${d.range.start.line + 1}: ${d.message}`);
          assert.equal(d.severity, RULES[d.code]);
          assert.equal(d.related?.length, 1, 'related: the other statement');
          assert.equal(d.range.start.line, d.range.end.line, 'one line');
          // The range starts on the unit's marker (`1.`) or on the statement's first word.
          const line = texts.get(f)!.split('\n')[d.range.start.line].slice(d.range.start.character);
          assert.match(line, /^(?:\d+\.|[a-zđ]\)|\||\p{Lu})/u, line);
        }
      }
      assert.deepEqual(actual.sort(), expected.sort(), `\n  ${messages.join('\n  ')}`);
    });
  }

  it('the message shows both texts and the score; the related location is the other statement', () => {
    const ws = new Workspace();
    const fx = readFixture(readFileSync(join(DIR, 'overlap.vbpl'), 'utf8'));
    ws.set('file:///o.vbpl', fx.text);
    const [d] = ws.diagnostics('file:///o.vbpl').filter((x) => x.code === 'responsibility-overlap');
    assert.match(d.message, /Bộ Nội vụ/);
    assert.match(d.message, /Bộ Tài chính/);
    assert.match(d.message, /«xây dựng cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức» — «xây dựng cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức» \(Điều 2\)/);
    assert.match(d.message, /độ tương đồng \d\.\d\d ≥ 0\.50/);
    assert.equal(d.related![0].range.start.line, fx.text.split('\n').findIndex((l) => l.startsWith('Bộ Tài chính chủ trì, phối hợp với Bộ Nội vụ')));
  });

  it('severities are configurable; off removes them', () => {
    const ws = new Workspace({ rules: { 'responsibility-overlap': 'error', 'responsibility-duplicate': 'off' } });
    ws.set('file:///d.vbpl', readFixture(readFileSync(join(DIR, 'duplicate.vbpl'), 'utf8')).text);
    ws.set('file:///o.vbpl', readFixture(readFileSync(join(DIR, 'overlap.vbpl'), 'utf8')).text);
    assert.deepEqual(ws.diagnostics('file:///d.vbpl').filter((d) => CODES.has(d.code)), []);
    assert.deepEqual(ws.diagnostics('file:///o.vbpl').filter((d) => CODES.has(d.code)).map((d) => d.severity), ['error']);
  });

  it('an edit re-checks: removing one side of an overlap removes the warning in the other file', () => {
    const ws = new Workspace();
    const a = readFixture(readFileSync(join(DIR, 'cross.a.vbpl'), 'utf8')).text;
    const b = readFixture(readFileSync(join(DIR, 'cross.b.vbpl'), 'utf8')).text;
    ws.set('file:///a.vbpl', a);
    ws.set('file:///b.vbpl', b);
    assert.equal(ws.diagnostics('file:///b.vbpl').filter((d) => d.code === 'responsibility-overlap').length, 1);
    ws.set('file:///a.vbpl', a.replace(/Bộ Tài chính chủ trì xây dựng quy chế[^\n]*/, 'Bộ Tài chính chủ trì thẩm định dự toán.'));
    assert.equal(ws.diagnostics('file:///b.vbpl').filter((d) => d.code === 'responsibility-overlap').length, 0);
  });

  it('after each edit, the analysis that reuses the previous one equals a fresh one', () => {
    const texts = new Map(readdirSync(DIR).filter((f) => f.endsWith('.vbpl')).sort()
      .map((f) => [`file:///${f}`, readFixture(readFileSync(join(DIR, f), 'utf8')).text] as const));
    const ws = new Workspace();
    for (const [u, t] of texts) ws.set(u, t);
    const state = (w: Workspace) => {
      const a = w.responsibilities();
      return {
        stats: a.stats,
        links: a.links.map((l) => [l.a.uri, l.a.span.start, l.b.uri, l.b.span.start, l.sim]),
        diagnostics: w.uris().map((u) => w.diagnostics(u).filter((d) => CODES.has(d.code))),
      };
    };
    const same = (what: string) => {
      const fresh = new Workspace();
      for (const u of ws.uris()) fresh.set(u, ws.text(u)!);
      assert.deepEqual(state(ws), state(fresh), what);
    };
    same('initial');
    const a = texts.get('file:///cross.a.vbpl')!;
    ws.set('file:///cross.a.vbpl', `${a}\n`);
    same('an edit outside any task');
    ws.set('file:///cross.a.vbpl', a.replace('xây dựng quy chế quản lý', 'xây dựng quy chế giám sát'));
    same('a task reworded');
    ws.set('file:///cross.a.vbpl', a.replace(/^Bộ Tài chính chủ trì xây dựng quy chế[^\n]*$/m, ''));
    same('a statement removed');
    ws.set('file:///copy.vbpl', texts.get('file:///overlap.vbpl')!);
    same('a file added');
    ws.delete('file:///cross.b.vbpl');
    same('a file deleted');
    ws.set('file:///cross.a.vbpl', a);
    same('reverted');
  });
});

describe('responsibilities: matrix, CLI and LSP request', () => {
  const fixture = (f: string) => readFixture(readFileSync(join(DIR, f), 'utf8')).text;

  it('one row per task (statements of the same task joined), overlaps and duplicates marked', () => {
    const ws = new Workspace();
    ws.set('file:///o.vbpl', fixture('overlap.vbpl'));
    const m = buildMatrix(ws.responsibilities());
    const row = m.tasks.find((t) => t.overlap)!;
    assert.deepEqual([...new Set(row.entries.map((e) => `${e.agency}:${e.role}`))].sort(), ['bo-noi-vu:cooperate', 'bo-noi-vu:lead', 'bo-tai-chinh:lead']);
    assert.equal(m.findings.length, 1);
    assert.equal(m.findings[0].task, row.id);
    const md = matrixToMarkdown(m);
    assert.match(md, /\| Bộ Tài chính \|/);
    assert.match(md, /⚠ CT/);
    const csv = matrixToCsv(m);
    assert.match(csv.split('\r\n')[0], /^#,Nhiệm vụ,Vị trí,/);
    assert.match(csv, /Chồng chéo: /);
  });

  it('dieu responsibilities: md, csv, json; usage errors exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dieu-resp-'));
    for (const f of ['cross.a.vbpl', 'cross.b.vbpl']) writeFileSync(join(dir, f), fixture(f));
    const run = async (...argv: string[]) => {
      let out = '', err = '';
      const code = await runResponsibilities(argv, { cwd: dir, out: (s) => { out += s; }, err: (s) => { err += s; } });
      return { code, out, err };
    };
    const md = await run('cross.a.vbpl', 'cross.b.vbpl');
    assert.equal(md.code, 0, md.err);
    assert.match(md.out, /^# Ma trận trách nhiệm/);
    assert.match(md.out, /cross\.b\.vbpl:\d+ \(Điều 2\)/);
    const json = await run('--format', 'json', '.');
    assert.equal(json.code, 0, json.err);
    const m = JSON.parse(json.out);
    assert.equal(m.version, 1);
    assert.ok(m.tasks.some((t: { overlap: boolean }) => t.overlap));
    assert.ok(m.tasks.every((t: { entries: Array<{ file: string }> }) => t.entries.every((e) => /^cross\.[ab]\.vbpl$/.test(e.file))));
    const csv = await run('--format=csv', 'cross.a.vbpl', 'cross.b.vbpl');
    assert.equal(csv.code, 0);
    assert.match(csv.out, /Chồng chéo: Bộ Tài chính \/ Bộ Nội vụ/);
    assert.equal(JSON.parse((await run('--format', 'json', '--threshold', '0.9', 'cross.a.vbpl')).out).threshold, 0.9);
    assert.equal((await run('--format', 'xml', 'cross.a.vbpl')).code, 2);
    assert.equal((await run('--threshold', '2', 'cross.a.vbpl')).code, 2);
    assert.equal((await run()).code, 2);
    const missing = await run('nope.vbpl');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.vbpl/);
    writeFileSync(join(dir, 'agencies.json'), JSON.stringify([{ id: 'bo-noi-vu', name: 'Bộ Nội vụ', aliases: ['Bộ Tổ chức'] }]));
    assert.equal((await run('--agencies', 'agencies.json', 'cross.a.vbpl')).code, 0);
    assert.match((await run('--help')).out, /Usage: dieu responsibilities/);
  });

  it('dieu/responsibilities: the matrix as JSON with LSP ranges, limited to uris, Markdown/CSV on request', () => {
    const ws = new Workspace();
    ws.set('file:///a.vbpl', fixture('cross.a.vbpl'));
    ws.set('file:///b.vbpl', fixture('cross.b.vbpl'));
    const all = lspResponsibilities(ws, {});
    assert.ok(all.tasks.length > 0);
    const e = all.tasks.flatMap((t) => t.entries).find((x) => x.uri === 'file:///b.vbpl')!;
    assert.equal(typeof e.range.start.line, 'number');
    const onlyA = lspResponsibilities(ws, { uris: ['file:///a.vbpl'] });
    assert.ok(onlyA.tasks.every((t) => t.entries.every((x) => x.uri === 'file:///a.vbpl')));
    assert.match(lspResponsibilities(ws, { format: 'markdown' }).markdown!, /Ma trận trách nhiệm/);
    assert.match(lspResponsibilities(ws, { format: 'csv' }).csv!, /^#,/);
    assert.ok(lspResponsibilities(ws, null).tasks.length > 0);
  });
});
