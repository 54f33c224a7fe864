/** The CLI's pure parts: applying safe fixes to raw text, config validation, argv parsing. */
import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../server/src/core/diagnostics';
import { parseRuleSetting, validateConfig } from '../../server/src/core/config';
import { applySafeFixes } from '../../server/src/cli/fix';
import { parseArgs, UsageError } from '../../server/src/cli/args';

const at = (line: number, c1: number, c2: number) => ({ start: { line, character: c1 }, end: { line, character: c2 } });

function diag(range: ReturnType<typeof at>, newText: string, safe = true, extra: Array<{ range: ReturnType<typeof at>; newText: string }> = []): Diagnostic {
  return {
    code: 'marker-style', severity: 'warning', message: 'm', range,
    fix: { title: 't', safe, edits: [{ range, newText }, ...extra] },
  };
}

describe('cli: applySafeFixes', () => {
  it('applies edits on the original text: BOM and CRLF outside the edits stay', () => {
    const raw = '\uFEFFDieu 1. A\r\n3) B\r\nC\r\n';
    const { text, applied } = applySafeFixes(raw, [diag(at(0, 0, 4), 'Điều'), diag(at(1, 0, 2), '3.')]);
    assert.equal(applied, 2);
    assert.equal(text, '\uFEFFĐiều 1. A\r\n3. B\r\nC\r\n');
  });

  it('skips unsafe fixes, overlapping fixes (all edits of a fix or none) and ranges outside the text', () => {
    const raw = 'abcdef\nghi\n';
    const { text, applied } = applySafeFixes(raw, [
      diag(at(0, 0, 3), 'X'),
      diag(at(0, 2, 4), 'Y'), // overlaps the first
      diag(at(1, 0, 1), 'Z', true, [{ range: at(0, 1, 2), newText: 'W' }]), // second edit overlaps the first fix
      diag(at(1, 1, 2), 'U', false),
      diag(at(5, 0, 1), 'V'),
      diag(at(1, 0, 9), 'T'), // past the end of line 1
    ]);
    assert.equal(applied, 1);
    assert.equal(text, 'Xdef\nghi\n');
  });

  it('two insertions at one point conflict; an insertion next to a replacement does not', () => {
    const raw = 'Điều 5 A\n';
    const { text, applied } = applySafeFixes(raw, [diag(at(0, 6, 6), '.'), diag(at(0, 6, 6), ':'), diag(at(0, 0, 4), 'ĐIỀU')]);
    assert.equal(applied, 2);
    assert.equal(text, 'ĐIỀU 5. A\n');
  });

  it('NFD text before an edit keeps its code points', () => {
    const nfd = 'Phạm vi'.normalize('NFD');
    const raw = `${nfd}\n3) x\n`;
    assert.equal(applySafeFixes(raw, [diag(at(1, 0, 2), '3.')]).text, `${nfd}\n3. x\n`);
  });
});

describe('cli: validateConfig', () => {
  it('accepts the four keys (and $schema)', () => {
    const { config, problems } = validateConfig({
      $schema: 'x', rules: { 'numbering-gap': 'off' }, catalogs: ['c.jsonl'], include: ['**/*.txt'], exclude: ['old/**'],
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { rules: { 'numbering-gap': 'off' }, catalogs: ['c.jsonl'], include: ['**/*.txt'], exclude: ['old/**'] });
  });

  it('names every bad key', () => {
    const { problems } = validateConfig({ rulez: {}, rules: { nope: 'off', 'marker-style': 'loud' }, include: ['ok', 3] });
    assert.deepEqual(problems.map((p) => p.key), ['rulez', 'rules.nope', 'rules.marker-style', 'include[1]']);
    assert.deepEqual(validateConfig([]).problems.map((p) => p.key), ['']);
  });

  it('parseRuleSetting', () => {
    assert.deepEqual(parseRuleSetting('marker-style=hint'), { code: 'marker-style', severity: 'hint' });
    assert.equal((parseRuleSetting('marker-style') as { key: string }).key, 'marker-style');
    assert.match((parseRuleSetting('markerstyle=off') as { message: string }).message, /did you mean "marker-style"/);
  });
});

describe('cli: parseArgs', () => {
  it('parses every lint option, both `--opt value` and `--opt=value`', () => {
    const cmd = parseArgs(['lint', '--format=sarif', '--catalog', 'a.jsonl', '--catalog=b.jsonl', '--config', 'c.json',
      '--rule', 'marker-style=off', '--fix', '--max-warnings', '3', '--include', '**/*.txt', 'x', '--', '--odd-name']);
    assert.deepEqual(cmd, {
      kind: 'lint',
      args: {
        format: 'sarif', catalogs: ['a.jsonl', 'b.jsonl'], config: 'c.json', rules: [{ code: 'marker-style', severity: 'off' }],
        fix: true, maxWarnings: 3, include: ['**/*.txt'], targets: ['x', '--odd-name'],
      },
    });
  });

  it('throws UsageError on mistakes', () => {
    for (const argv of [['lint', '-x', 'f'], ['lint', '--max-warnings', '-2', 'f'], ['lint', '--fix=yes', 'f'], ['lint', '--rule', 'x=off', 'f']]) {
      assert.throws(() => parseArgs(argv), UsageError, argv.join(' '));
    }
  });
});

describe('cli: applySafeFixes priority', () => {
  it('marker-style and unaccented-keyword fixes win over other safe fixes they overlap', () => {
    const other: Diagnostic = { ...diag(at(0, 0, 2), 'X'), code: 'numbering-gap' };
    const marker = diag(at(0, 0, 2), '3.');
    assert.equal(applySafeFixes('3) a\n', [other, marker]).text, '3. a\n');
  });
});
