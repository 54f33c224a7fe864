/**
 * The text layer. Everything downstream matches on `norm` (NFC, BOM removed) and on
 * `fold` (same length as `norm`: lower-case ASCII skeleton, `đ` → `d`, tones dropped),
 * then maps offsets back to the text as the user has it (`original`, BOM excluded),
 * because NFD text is longer in UTF-16 than its NFC form.
 */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

const FOLD_TABLE: Uint16Array = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) t[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) t[c] = c + 32;
  // Precomposed Latin letters (Vietnamese uses Latin-1 Supplement, Latin Extended-A/B and
  // Latin Extended Additional): strip marks through NFD, then lower-case.
  const ranges: Array<[number, number]> = [[0xc0, 0x24f], [0x1e00, 0x1eff]];
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) {
      const base = String.fromCharCode(c).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      if (base.length === 1) t[c] = base.charCodeAt(0);
    }
  }
  t[0x110] = 0x64; t[0x111] = 0x64; // Đ đ
  // Ð ð (Icelandic eth, U+00D0/U+00F0) are typed for Đ: same skeleton, so `Ðiều 40` is read
  // as `Điều 40` everywhere (the marker check still reports the look-alike letter).
  t[0xd0] = 0x64; t[0xf0] = 0x64;
  return t;
}

// ignoreBOM: a text whose NFC form starts with U+FEFF (a second BOM) must keep it, or fold
// would be one character shorter than norm and every offset after it would shift.
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Lower-case, diacritic-free skeleton of an NFC string, same length. */
export function fold(s: string): string {
  // Short strings (words, names: most calls) and whole texts take separate functions: one
  // function for both kept being optimized for one and thrown out for the other, and a whole
  // text then ran its million-character loop unoptimized again.
  return s.length < 64 ? foldShort(s) : foldLong(s);
}

function foldShort(s: string): string {
  let i = 0;
  while (i < s.length && FOLD_TABLE[s.charCodeAt(i)] === s.charCodeAt(i)) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) out += String.fromCharCode(FOLD_TABLE[s.charCodeAt(i)]);
  return out;
}

function foldLong(s: string): string {
  let i = 0;
  while (i < s.length && FOLD_TABLE[s.charCodeAt(i)] === s.charCodeAt(i)) i++;
  if (i === s.length) return s;
  const codes = new Uint16Array(s.length);
  for (let k = 0; k < s.length; k++) codes[k] = FOLD_TABLE[s.charCodeAt(k)];
  return UTF16.decode(codes);
}

const COMBINING = /[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]/;

export class SourceText {
  /** The text as the user has it, BOM removed (positions are counted in it). */
  readonly original: string;
  /** NFC form of `original`. */
  readonly norm: string;
  /** `fold(norm)`: same length as `norm`. */
  readonly fold: string;
  readonly hadBom: boolean;
  /** normOffset → originalOffset, or undefined when the two are identical. */
  private readonly map?: Int32Array;
  private readonly lineStarts: number[];

  constructor(raw: string) {
    this.hadBom = raw.charCodeAt(0) === 0xfeff;
    this.original = this.hadBom ? raw.slice(1) : raw;
    if (COMBINING.test(this.original)) {
      const { norm, map } = normalizeWithMap(this.original);
      this.norm = norm;
      this.map = norm === this.original ? undefined : map;
    } else {
      this.norm = this.original;
    }
    this.fold = fold(this.norm);
    this.lineStarts = computeLineStarts(this.original);
  }

  /** Offset in `original` of an offset in `norm`. */
  toOriginal(normOffset: number): number {
    if (!this.map) return normOffset;
    if (normOffset <= 0) return 0;
    if (normOffset >= this.map.length) return this.original.length;
    return this.map[normOffset];
  }

  /** Offset in `norm` of an offset in `original` (the first norm offset at or after it). */
  toNorm(origOffset: number): number {
    if (!this.map) return origOffset;
    let lo = 0, hi = this.map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.map[mid] < origOffset) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  get lineCount(): number { return this.lineStarts.length; }

  /** Position (line, UTF-16 character in `original`) of an offset in `original`. */
  positionAtOriginal(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.original.length));
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: offset - this.lineStarts[lo] };
  }

  /** Position of an offset in `norm`. */
  positionAt(normOffset: number): Position {
    return this.positionAtOriginal(this.toOriginal(normOffset));
  }

  /** Range of a `norm` span. */
  range(normStart: number, normEnd: number): Range {
    return { start: this.positionAt(normStart), end: this.positionAt(normEnd) };
  }

  /** Offset in `norm` of an LSP position. */
  offsetAt(pos: Position): number {
    const line = Math.max(0, Math.min(pos.line, this.lineStarts.length - 1));
    const lineEnd = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.original.length;
    const orig = Math.min(this.lineStarts[line] + Math.max(0, pos.character), lineEnd);
    return this.toNorm(orig);
  }

  /** Start offset (in `norm`) of a 0-based line. */
  lineStartNorm(line: number): number {
    return this.toNorm(this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]);
  }
}

function computeLineStarts(s: string): number[] {
  const starts = [0];
  if (s.indexOf('\r') < 0) {
    // LF only (most texts): a native search per line instead of a look at every character.
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (s.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * NFC-normalizes `s` cluster by cluster (a base character and the combining marks after it),
 * recording for every offset of the result the offset of its cluster in `s`. Text between
 * clusters is copied as is (most of a file, even an NFD one, is ASCII).
 */
function normalizeWithMap(s: string): { norm: string; map: Int32Array } {
  const parts: string[] = [];
  const map = new Int32Array(s.length + 1);
  const cluster = /[^\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff][\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]+/g;
  let n = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  const copy = (from: number, to: number): void => {
    if (to <= from) return;
    parts.push(s.slice(from, to));
    for (let i = from; i < to; i++) map[n++] = i;
  };
  while ((m = cluster.exec(s))) {
    copy(last, m.index);
    const nf = m[0].normalize('NFC');
    for (let k = 0; k < nf.length; k++) map[n + k] = m.index + Math.min(k, m[0].length);
    parts.push(nf);
    n += nf.length;
    last = m.index + m[0].length;
  }
  copy(last, s.length);
  map[n] = s.length;
  return { norm: parts.join(''), map: map.slice(0, n + 1) };
}
