/**
 * The text layer (`server/src/core/text.ts`): matching runs on NFC (`norm`) and its folded
 * skeleton (`fold`), positions are reported in the text as the user has it — NFD is longer
 * in UTF-16, a BOM is not a character of line 0, CRLF is one line end. Examples, then
 * properties (fast-check) over Vietnamese text in every form.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fold, SourceText } from '../../server/src/core/text';

const COMBINING = /[\u0300-\u036f]/;

/** Offsets of `norm` that start a character (not inside a combining sequence). */
function boundaries(src: SourceText): number[] {
  const out: number[] = [];
  for (let k = 0; k <= src.norm.length; k++) if (k === src.norm.length || !COMBINING.test(src.norm[k])) out.push(k);
  return out;
}

describe('SourceText (positions in the text as the user has it)', () => {
  it('maps NFD offsets: "Điều 6" in NFD is longer, its NFC offsets map back to whole characters', () => {
    const raw = 'Căn cứ\nĐiều 6. Hiệu lực'.normalize('NFD');
    const src = new SourceText(raw);
    assert.equal(src.norm, raw.normalize('NFC'));
    const at = src.norm.indexOf('Điều 6');
    const r = src.range(at, at + 'Điều 6'.length);
    assert.deepEqual(r.start, { line: 1, character: 0 });
    assert.equal(raw.split('\n')[1].slice(r.start.character, r.end.character), 'Điều 6'.normalize('NFD'));
    assert.ok(r.end.character > 'Điều 6'.length);
  });

  it('does not count a BOM as a character of line 0', () => {
    const src = new SourceText('\ufeffĐiều 1. Phạm vi');
    assert.equal(src.hadBom, true);
    assert.equal(src.original, 'Điều 1. Phạm vi');
    assert.deepEqual(src.positionAt(0), { line: 0, character: 0 });
  });

  it('counts CRLF, LF and a lone CR as one line end each', () => {
    const src = new SourceText('a\r\nb\nc\rd');
    assert.equal(src.lineCount, 4);
    assert.deepEqual(src.positionAt(src.norm.indexOf('d')), { line: 3, character: 0 });
    assert.deepEqual(src.positionAt(src.norm.indexOf('b')), { line: 1, character: 0 });
  });

  it('keeps fold as long as norm when the text holds a second BOM (long texts fold through TextDecoder)', () => {
    const src = new SourceText(`\ufeff\ufeff“${'Điều 1. Phạm vi điều chỉnh\n'.repeat(10)}`);
    assert.equal(src.norm.charCodeAt(0), 0xfeff);
    assert.equal(src.fold.length, src.norm.length);
    assert.equal(fold(`\ufeff${'Điều '.repeat(20)}`).length, 1 + 'Điều '.length * 20);
  });

  it('folds to a same-length lower-case skeleton without diacritics (đ → d)', () => {
    assert.equal(fold('Điều 5. QUYẾT ĐỊNH của Chương'), 'dieu 5. quyet dinh cua chuong');
    assert.equal(fold('Điều').length, 'Điều'.length);
  });
});

// Vietnamese text in pieces: precomposed and decomposed letters, keywords, markers,
// line ends of every kind, BOMs and stray combining marks.
const LETTERS = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠƯ'.split('');
const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const syllable = fc.tuple(fc.constantFrom(...LETTERS), fc.constantFrom(...TONES), fc.constantFrom('', 'n', 'ng', 'ch', 'u', 'i'))
  .map(([l, t, tail]) => (l + t).normalize('NFC') + tail);
const piece = fc.oneof(
  { weight: 1, arbitrary: fc.constant('\ufeff') },
  { weight: 6, arbitrary: syllable },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', ', ', '. ', ': ') },
  { weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n') },
  { weight: 2, arbitrary: fc.constantFrom('Điều 5. ', 'Chương II ', '1. ', 'a) ', '“', '”', '"', '**', '# ', '| ') },
  { weight: 1, arbitrary: fc.constantFrom('\u0301', '\u0323', '\u0300\u0301') },
);
const vietnamese = fc.array(piece, { maxLength: 80 }).map((xs) => xs.join(''));
/** The same text as a user may have it: NFC or NFD, with or without BOM, LF or CRLF. */
const asUserHasIt = fc.tuple(vietnamese, fc.boolean(), fc.boolean(), fc.boolean())
  .map(([s, nfd, bom, crlf]) => {
    let t = nfd ? s.normalize('NFD') : s;
    if (crlf) t = t.replace(/\r?\n/g, '\r\n');
    return bom ? `\ufeff${t}` : t;
  });

describe('SourceText properties (fast-check)', () => {
  it('norm is the NFC form of the text without its BOM; fold has the same length', () => {
    fc.assert(fc.property(asUserHasIt, (raw) => {
      const src = new SourceText(raw);
      const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      assert.equal(src.original, body);
      // Combining marks with no base character at the very start of the text are left as
      // written (text.ts normalizes base+marks clusters); everywhere else norm is NFC.
      const lead = /^[\u0300-\u036f]+/.exec(body)?.[0] ?? '';
      assert.equal(src.norm, lead + body.slice(lead.length).normalize('NFC'));
      assert.equal(src.fold.length, src.norm.length);
    }), { numRuns: 300 });
  });

  it('maps offsets monotonically, from 0 to the end of the text', () => {
    fc.assert(fc.property(asUserHasIt, (raw) => {
      const src = new SourceText(raw);
      assert.equal(src.toOriginal(0), 0);
      assert.equal(src.toOriginal(src.norm.length), src.original.length);
      let last = 0;
      for (let k = 0; k <= src.norm.length; k++) {
        const o = src.toOriginal(k);
        assert.ok(o >= last && o <= src.original.length, `offset ${k} → ${o}`);
        last = o;
      }
    }), { numRuns: 300 });
  });

  it('round-trips: each NFC character maps to the original characters it came from', () => {
    fc.assert(fc.property(asUserHasIt, (raw) => {
      const src = new SourceText(raw);
      const b = boundaries(src);
      for (let i = 0; i + 1 < b.length; i++) {
        const [a, z] = [b[i], b[i + 1]];
        assert.equal(src.original.slice(src.toOriginal(a), src.toOriginal(z)).normalize('NFC'), src.norm.slice(a, z));
        assert.equal(src.toNorm(src.toOriginal(a)), a);
      }
    }), { numRuns: 300 });
  });

  it('gives positions on real characters: line < lineCount, character ≤ line length; offsetAt inverts positionAt', () => {
    fc.assert(fc.property(asUserHasIt, (raw) => {
      const src = new SourceText(raw);
      const lines = src.original.split(/\r\n|\r|\n/);
      assert.equal(src.lineCount, lines.length);
      // Offsets of characters (not of a line terminator: no diagnostic starts inside `\r\n`).
      for (const k of boundaries(src).filter((x) => !/[\r\n]/.test(src.norm[x] ?? ''))) {
        const pos = src.positionAt(k);
        assert.ok(pos.line < lines.length, `line ${pos.line}`);
        assert.ok(pos.character <= lines[pos.line].length, `character ${pos.character} > ${lines[pos.line].length}`);
        if (k < src.norm.length && !/[\r\n]/.test(src.norm[k])) assert.equal(src.offsetAt(pos), k);
      }
    }), { numRuns: 300 });
  });

  it('a BOM and CRLF never move a position: same (line, character) as without them, LF-only', () => {
    fc.assert(fc.property(vietnamese.map((x) => x.replace(/^\ufeff+/, '')), (s) => {
      const plain = new SourceText(s.replace(/\r\n?/g, '\n'));
      const messy = new SourceText(`\ufeff${s.replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n')}`);
      assert.equal(messy.norm.replace(/\r\n/g, '\n'), plain.norm);
      let lfs = 0; // each LF before offset k became CRLF: one more character in `messy`
      for (let k = 0; k < plain.norm.length; k++) {
        if (plain.norm[k] === '\n') { lfs++; continue; }
        assert.deepEqual(messy.positionAt(k + lfs), plain.positionAt(k));
      }
    }), { numRuns: 200 });
  });
});
