/**
 * Task matching: are two task texts the same task? Robust to wording and spelling, and
 * explainable (a score, the words both share, a scope conflict when there is one).
 *
 * 1. Normalize: NFC, lower case; legal boilerplate removed (`theo quy định của pháp luật`,
 *    `có liên quan`, citations `khoản 2 Điều 28 …`); function words dropped on the written
 *    form, so `có` (has) goes but `cơ` (of `cơ quan`) stays; then folded (no diacritics), so a
 *    text written without diacritics (OCR, `Bo Noi vu`) compares equal.
 * 2. Features: syllables (weight 1, or less for the words every administrative task uses:
 *    `thực hiện`, `tổ chức`, `cơ quan`, `nhà nước`…) and pairs of adjacent syllables (weight 1:
 *    Vietnamese words are mostly two syllables, so `kiến trúc` ≠ `kiến` + `trúc`).
 * 3. Score = ½ weighted Dice + ½ weighted containment (the share of the shorter text found in
 *    the longer): a task restated with more detail still matches; two long texts sharing a
 *    phrase do not.
 * 4. Scope: two texts that name different levels (`quốc gia` / `cấp tỉnh` / `cấp huyện` /
 *    `cấp xã`), periods (`5 năm` / `hằng năm`) or areas (`trong` / `ngoài địa bàn`) are the same
 *    kind of task for different objects: the score is halved, and the reason given.
 *
 * The threshold is chosen on the labelled pairs in test/fixtures/responsibilities (see
 * test/unit/responsibilities-eval.test.ts for how, and DEFAULT_THRESHOLD for the value).
 */
import { fold } from '../text';

/** Score at or above which two tasks are the same (chosen on the labelled pairs). */
export const DEFAULT_THRESHOLD = 0.5;

export interface TaskProfile {
  /** The folded content syllables, in order (for explanations). */
  tokens: string[];
  features: Map<string, number>;
  /** The features again, as arrays (iterated without allocating). */
  keys: string[];
  weights: Float64Array;
  total: number;
  scope: Scope;
  /** `… của mình`, `… cơ quan mình`: each agency does it for itself. */
  self: boolean;
  /** The leading verbs (folded): what is done. */
  actions: Set<string>;
  /** Letter trigrams of the folded content words. */
  grams: Set<string>;
  /** Written without diacritics (OCR, old systems): spelling is unreliable. */
  plain: boolean;
  /** What the object is about (the words after `về`), folded. */
  about: string[];
}

interface Scope { level: Set<string>; period: Set<string>; area: Set<string> }

export interface Similarity {
  score: number;
  /** Content words both texts share (folded), most informative first. */
  shared: string[];
  /** Why the score was lowered: `cấp tỉnh ≠ quốc gia`. */
  conflict?: string;
  /** The two actions, when they differ. */
  actions?: [string[], string[]];
}

/** Function words, as written (with diacritics) and, for text without them, folded forms that are unambiguous. */
const STOP = new Set([
  'của', 'và', 'các', 'những', 'cho', 'trong', 'theo', 'về', 'với', 'để', 'được', 'là', 'có', 'thì', 'này', 'đó', 'đây',
  'một', 'sau', 'tại', 'từ', 'đến', 'hoặc', 'như', 'khi', 'đã', 'sẽ', 'bị', 'bởi', 'mà', 'nhằm', 'đối', 'việc', 'cũng',
  'nếu', 'trên', 'dưới', 'giữa', 'qua', 'bằng', 'do', 'lại', 'ra', 'vào', 'nơi', 'hay', 'mọi', 'từng', 'mỗi', 'còn',
  'phải', 'cần', 'nhất', 'thuộc', 'gồm', 'bao', 'sự', 'cùng', 'đồng', 'thời', 'ở', 'vì', 'nên', 'thể', 'hết', 'rằng',
  'va', 'cac', 'nhung', 'trong', 'theo', 'voi', 'duoc', 'nay', 'mot', 'tai', 'hoac', 'nhu', 'khi', 'nham', 'viec',
  'cua', 'cho', 've', 'de', 'la', 'thi', 'do',
]);

/** Words every administrative task uses: they count, but little. */
const LOW = new Map<string, number>([
  ['thuc', 0.3], ['hien', 0.3], ['to', 0.4], ['chuc', 0.4], ['trien', 0.4], ['khai', 0.4], ['co', 0.3], ['quan', 0.3],
  ['nha', 0.3], ['nuoc', 0.3], ['hoat', 0.4], ['dong', 0.4], ['cong', 0.4], ['tac', 0.4], ['nhiem', 0.3], ['vu', 0.3],
  ['quy', 0.5], ['dinh', 0.5], ['phap', 0.5], ['luat', 0.5], ['lien', 0.3], ['bao', 0.5], ['dam', 0.5], ['cap', 0.5],
  ['bo', 0.4], ['nganh', 0.4], ['dia', 0.5], ['phuong', 0.5], ['chinh', 0.5], ['phu', 0.5], ['ke', 0.6], ['hoach', 0.6],
  ['xay', 0.5], ['dung', 0.5], ['ung', 0.6], ['nghe', 0.6], ['thong', 0.6], ['tin', 0.6], ['huong', 0.7], ['dan', 0.7],
  ['cac', 0.2], ['nhung', 0.2], ['doi', 0.4], ['tuong', 0.4], ['van', 0.6], ['ban', 0.6], ['minh', 0.2],
  ['ly', 0.5], ['hop', 0.5], ['phoi', 0.5], ['tham', 0.6], ['quyen', 0.5], ['dieu', 0.5], ['kien', 0.6], ['ho', 0.6], ['tro', 0.6],
]);

/** Boilerplate that says nothing about the task. */
const BOILERPLATE: Array<[string, RegExp]> = [
  // Each with a word it cannot match without: most tasks have none, and are not searched.
  ['theo ', /theo (?:đúng )?quy định (?:của pháp luật|của luật này|của nghị định này|của chính phủ|hiện hành|tại [^,;.]*)/g],
  ['theo ', /theo (?:chức năng, )?nhiệm vụ,? quyền hạn(?: được giao)?/g],
  ['trong phạm vi ', /trong phạm vi (?:chức năng, )?(?:nhiệm vụ, )?quyền hạn(?: được giao)?(?: của mình)?/g],
  ['liên quan', /(?:có )?liên quan/g],
  ['điều ', /(?:điểm [a-zđ]\d* )?(?:khoản \d+[a-z]? )?điều \d+[a-z]?(?: (?:của )?(?:luật|nghị định|thông tư|quyết định|quy chế)(?: này| [^,;.]{0,60}?)?)?/g],
  [' này', /(?:luật|nghị định|thông tư|quyết định|quy chế) này/g],
  ['số ', /số \d+\/[\w/.-]+/g],
];

/** Verbs that say what is done (folded); a task's leading verbs are its action. */
const VERBS = new Set([
  'xay dung', 'ban hanh', 'huong dan', 'chi dao', 'kiem tra', 'tong hop', 'bao cao', 'tham dinh', 'trinh', 'phe duyet',
  'to chuc', 'trien khai', 'de xuat', 'nghien cuu', 'ra soat', 'danh gia', 'cung cap', 'cong bo', 'quy dinh',
  'thong nhat', 'quan ly', 'bao dam', 'dam bao', 'dieu tra', 'xu ly', 'pho bien', 'tuyen truyen', 'dao tao', 'boi duong',
  'lap', 'cap', 'giam sat', 'theo doi', 'don doc', 'tham muu', 'giup', 'thong bao', 'tiep nhan', 'giai quyet',
  'dieu phoi', 'hoan thien', 'sua doi', 'bo sung', 'thanh tra', 'kiem soat', 'thu thap', 'luu tru', 'cap nhat',
  'van hanh', 'duy tri', 'nang cap', 'chuan bi', 'xac dinh', 'lua chon', 'thiet ke', 'ung cuu', 'bo tri', 'chi dinh',
  'thiet lap', 'ket noi', 'chia se', 'cai tien', 'chuan hoa', 'ap dung', 'su dung', 'thuc day', 'phat trien', 'dau tu',
  'tong ket', 'so ket', 'trao doi', 'gui', 'de nghi', 'cu', 'quyet dinh', 'trieu tap', 'dieu hanh', 'phan cong',
  'xem xet', 'kien nghi', 'bien soan', 'phat hanh', 'thong tin', 'truyen thong', 'hop tac', 'kiem ke', 'thong ke',
  'phat hien', 'ngan chan', 'khac phuc', 'tu van', 'kiem dinh', 'chung nhan', 'ho tro', 'bo tri', 'phan bo', 'dieu chinh',
  'huy dong', 'tiep thu', 'giai trinh', 'cho y kien', 'thu hoi', 'cuong che', 'dang ky', 'cong khai',
]);
/** Words before or between verbs that do not change the action (`thực hiện`, `trực tiếp`, `phối hợp`). */
const LIGHT = new Set(['thuc hien', 'tien hanh', 'truc tiep', 'chu dong', 'kip thoi', 'tang cuong', 'day manh', 'tham gia', 'phoi hop', 'chu tri', 'va', 'hoac', 'cung']);
/** Words after which a text gives the purpose or an example: they count half. */
const QUALIFIERS = /^(?:để|nhằm|đặc biệt là|thông qua|bao gồm|gồm|cụ thể là|như|de|nham)$/;

const profiles = new Map<string, TaskProfile>();

/** Profile of a task text (cached: the same text is compared many times). */
export function profileTask(text: string): TaskProfile {
  let p = profiles.get(text);
  if (p) return p;
  p = buildProfile(text);
  if (profiles.size > 20000) profiles.clear();
  profiles.set(text, p);
  return p;
}

function buildProfile(text: string): TaskProfile {
  let t = text.normalize('NFC').toLowerCase();
  const self = /(?:của|cơ quan|địa phương|ngành|đơn vị|tổ chức|bộ|lĩnh vực|cua|co quan|dia phuong) (?:mình|minh)(?![\p{L}])|của cơ quan đó/u.test(t);
  for (const [word, re] of BOILERPLATE) if (t.includes(word)) t = t.replace(re, ' ');
  t = t.replace(/đảm bảo/g, 'bảo đảm').replace(/hằng năm/g, 'hàng năm');
  // Agencies named inside a task are its addressees or helpers (`trình Thủ tướng Chính phủ`), not its object.
  t = t.replace(AGENCY_WORDS, ' ');
  const scope = scopeOf(fold(t));
  // Words and commas, folded; the written form decides what is a function word.
  const raw = t.match(/[\p{L}\p{N}]+|[,;]/gu) ?? [];
  const seq: Array<{ f: string; w: string; stop: boolean }> = raw.map((w) => ({ f: w === ',' || w === ';' ? ',' : fold(w), w, stop: STOP.has(w) }));
  // The action: the leading verbs (`Chỉ đạo, hướng dẫn …`, `xây dựng và ban hành …`).
  const actions = new Set<string>();
  let i = 0;
  while (i < seq.length) {
    const one = seq[i].f, two = i + 1 < seq.length ? `${one} ${seq[i + 1].f}` : '';
    const three = i + 2 < seq.length ? `${two} ${seq[i + 2].f}` : '';
    if (three && VERBS.has(three)) { actions.add(three); i += 3; continue; }
    if (two && VERBS.has(two)) { actions.add(two); i += 2; continue; }
    if (two && LIGHT.has(two)) { i += 2; continue; }
    if (one === ',' || LIGHT.has(one) || (seq[i].stop && actions.size === 0)) { i++; continue; }
    if (VERBS.has(one)) { actions.add(one); i++; continue; }
    break;
  }
  // The object: what follows, each word counting less the later it comes, and half after `để`, `nhằm`…
  const tokens: string[] = [];
  const weights: number[] = [];
  let qualifier = 1;
  for (let k = i; k < seq.length; k++) {
    const w = seq[k];
    if (w.f === ',') continue;
    if (QUALIFIERS.test(w.w) || (k + 1 < seq.length && QUALIFIERS.test(`${w.w} ${seq[k + 1].w}`))) qualifier = 0.5;
    if (w.stop || (/^\d+$/.test(w.f) && w.f.length > 2)) continue;
    tokens.push(w.f);
    weights.push(qualifier / (1 + tokens.length / 24));
  }
  const features = new Map<string, number>();
  const add = (k: string, w: number) => features.set(k, Math.max(features.get(k) ?? 0, w));
  for (let k = 0; k < tokens.length; k++) {
    const a = LOW.get(tokens[k]) ?? 1;
    add(tokens[k], a * weights[k]);
    if (k + 1 < tokens.length) {
      const b = LOW.get(tokens[k + 1]) ?? 1;
      add(`${tokens[k]} ${tokens[k + 1]}`, Math.max(0.3, (a + b) / 2) * weights[k]);
    }
  }
  let total = 0;
  for (const w of features.values()) total += w;
  // Letter trigrams of the whole folded text (OCR errors break words, not most trigrams).
  const letters = seq.filter((w) => w.f !== ',' && !w.stop).map((w) => w.f).join('');
  const grams = new Set<string>();
  for (let k = 0; k + 3 <= letters.length; k++) grams.add(letters.slice(k, k + 3));
  const plain = raw.length >= 4 && fold(t) === t.replace(/đ/g, 'd');
  // What the object is about: `cơ sở dữ liệu quốc gia về <dân cư>`, `quy chuẩn kỹ thuật về <mật mã>`.
  const about: string[] = [];
  for (let k = i; k < seq.length; k++) {
    if (seq[k].w !== 'về') continue;
    const words: string[] = [];
    for (let j = k + 1; j < seq.length && words.length < 4; j++) {
      if (seq[j].f === ',' || seq[j].w === 'và' || seq[j].w === 'để' || seq[j].w === 'nhằm') break;
      if (!seq[j].stop) words.push(seq[j].f);
    }
    if (words.length) about.push(words.join(' '));
  }
  return { tokens, features, keys: [...features.keys()], weights: Float64Array.from(features.values()), total, scope, self, actions, grams, plain, about };
}

/** Names of bodies inside task texts (written forms, lower case). */
const AGENCY_WORDS = /(?:thủ tướng chính phủ|chính phủ(?! điện tử| số)|ủy ban nhân dân(?: cấp| các)? (?:tỉnh|huyện|xã)(?:, thành phố trực thuộc trung ương)?|uỷ ban nhân dân(?: cấp)? (?:tỉnh|huyện|xã)|hội đồng nhân dân(?: cấp)? (?:tỉnh|huyện|xã)|bộ (?:trưởng )?(?:bộ )?(?:tài chính|nội vụ|công an|quốc phòng|tư pháp|xây dựng|y tế|ngoại giao|công thương|thông tin và truyền thông|bưu chính, viễn thông|kế hoạch và đầu tư|tài nguyên và môi trường|lao động - thương binh và xã hội|giáo dục và đào tạo|khoa học và công nghệ)|văn phòng chính phủ)/g;

function scopeOf(f: string): Scope {
  const level = new Set<string>(), period = new Set<string>(), area = new Set<string>();
  if (/\bquoc gia\b|\btoan quoc\b|\bca nuoc\b|\btrung uong\b/.test(f)) level.add('quốc gia');
  if (/\bcap tinh\b/.test(f)) level.add('cấp tỉnh');
  if (/\bcap huyen\b/.test(f)) level.add('cấp huyện');
  if (/\bcap xa\b/.test(f)) level.add('cấp xã');
  if (/\b0?5 nam\b|\bnam nam\b|\btrung han\b/.test(f)) period.add('5 năm');
  if (/\bhang nam\b/.test(f)) period.add('hằng năm');
  if (/\btrong dia ban\b/.test(f)) area.add('trong địa bàn');
  if (/\bngoai dia ban\b/.test(f)) area.add('ngoài địa bàn');
  return { level, period, area };
}

/** Different values of one scope dimension, and none in common: `cấp tỉnh ≠ quốc gia`. */
function scopeConflict(a: Scope, b: Scope): string | undefined {
  for (const k of ['level', 'period', 'area'] as const) {
    const x = a[k], y = b[k];
    if (!x.size || !y.size) continue;
    if ([...x].some((v) => y.has(v))) continue;
    return `${[...x].join(', ')} ≠ ${[...y].join(', ')}`;
  }
  return undefined;
}

/** Below this much informative content a task says too little to be compared (`thực hiện nhiệm vụ, quyền hạn`). */
export const MIN_CONTENT = 1.5;

/**
 * How much a feature says in a workspace: words that most tasks share (`cơ sở dữ liệu`,
 * `nhập cảnh, xuất cảnh` in a customs decree) say less than rare ones (`dân cư`). Inverse
 * document frequency over the workspace's tasks, smoothed by `SMOOTHING` imaginary tasks
 * that share nothing, so that a small workspace is judged on the words alone.
 */
export type Idf = (feature: string) => number;
const SMOOTHING = 20;

export function workspaceIdf(profiles: readonly TaskProfile[]): Idf {
  const df = new Map<string, number>();
  for (const p of profiles) for (const k of p.features.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  return idfOf(df, profiles.length);
}

/**
 * The weights `workspaceIdf` gives, from document frequencies `df` over `count` profiles
 * (an edit updates `df` by the profiles it removes and adds, instead of recounting them all).
 * Computed on first use per feature; `df` must not change afterwards.
 */
export function idfOf(df: ReadonlyMap<string, number>, count: number): Idf {
  const n = count + SMOOTHING;
  const top = Math.log(n);
  const weight = new Map<string, number>();
  const unseen = Math.log(n) / top;
  return (k) => {
    let w = weight.get(k);
    if (w === undefined) {
      const d = df.get(k);
      w = d === undefined ? unseen : Math.max(0.15, Math.log(n / (d + 1)) / top);
      weight.set(k, w);
    }
    return w;
  };
}

const FLAT: Idf = () => 1;

/** A profile's total weight under some word weights (cached per weights). */
const totals = new WeakMap<Idf, WeakMap<TaskProfile, number>>();
function totalUnder(p: TaskProfile, idf: Idf): number {
  if (idf === FLAT) return p.total;
  let m = totals.get(idf);
  if (!m) { m = new WeakMap(); totals.set(idf, m); }
  let t = m.get(p);
  if (t === undefined) {
    t = 0;
    for (let i = 0; i < p.keys.length; i++) t += p.weights[i] * idf(p.keys[i]);
    m.set(p, t);
  }
  return t;
}

/** A task's features as sorted integer ids with weights (idf applied): compared without hashing. */
export interface TaskVector { ids: Int32Array; weights: Float64Array; total: number; size: number; minTotal: number; plain: boolean }

/** Vectors of many profiles over one vocabulary, under word weights `idf`. */
export function vectorize(profiles: readonly TaskProfile[], idf: Idf): TaskVector[] {
  const vocab = new Vocabulary();
  return profiles.map((p) => vocab.vector(p, idf));
}

/**
 * Integer ids of features, kept across analyses, so that a profile's sorted ids are computed
 * once (its vector under new weights is then one multiplication per feature).
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly sorted = new WeakMap<TaskProfile, { ids: Int32Array; order: Int32Array }>();

  get size(): number { return this.ids.size; }

  vector(p: TaskProfile, idf: Idf): TaskVector {
    let s = this.sorted.get(p);
    if (!s) {
      const raw = new Int32Array(p.keys.length);
      for (let i = 0; i < p.keys.length; i++) {
        let id = this.ids.get(p.keys[i]);
        if (id === undefined) { id = this.ids.size; this.ids.set(p.keys[i], id); }
        raw[i] = id;
      }
      const order = Int32Array.from(raw.keys()).sort((x, y) => raw[x] - raw[y]);
      s = { ids: Int32Array.from(order, (i) => raw[i]), order };
      this.sorted.set(p, s);
    }
    const w = new Float64Array(p.keys.length);
    let total = 0;
    for (let i = 0; i < p.keys.length; i++) {
      const x = p.weights[i] * idf(p.keys[i]);
      w[i] = x;
      total += x;
    }
    const weights = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) weights[i] = w[s.order[i]];
    return { ids: s.ids, weights, total, size: w.length, minTotal: p.total, plain: p.plain };
  }
}

/**
 * An upper bound of `similarity(a, b, idf)` from the vectors alone (the later steps only lower
 * a score; texts without diacritics are not bounded, their letters may match): for screening.
 */
export function similarityBound(a: TaskVector, b: TaskVector): number {
  if (a.plain || b.plain) return 1;
  if (a.minTotal < MIN_CONTENT || b.minTotal < MIN_CONTENT) return 0;
  let i = 0, j = 0, common = 0;
  const ai = a.ids, bi = b.ids, aw = a.weights, bw = b.weights;
  while (i < ai.length && j < bi.length) {
    const x = ai[i], y = bi[j];
    if (x === y) { common += aw[i] < bw[j] ? aw[i] : bw[j]; i++; j++; } else if (x < y) i++; else j++;
  }
  const dice = (2 * common) / (a.total + b.total);
  const containment = common / Math.min(a.total, b.total);
  const trust = Math.min(1, Math.min(a.minTotal, b.minTotal) / 4);
  return dice + 0.5 * trust * (containment - dice) + 1e-9;
}

/**
 * Similarity of two tasks. `floor`: the caller only wants scores at or above it — the later
 * steps only lower a score, so below it the first estimate is returned at once.
 */
export function similarity(a: TaskProfile, b: TaskProfile, idf: Idf = FLAT, explain = true, floor = 0): Similarity {
  if (a.total < MIN_CONTENT || b.total < MIN_CONTENT) return { score: 0, shared: [] };
  let common = 0;
  const small = a.keys.length <= b.keys.length ? a : b;
  const large = small === a ? b : a;
  const ks = small.keys, ws = small.weights, lf = large.features;
  for (let i = 0; i < ks.length; i++) {
    const v = lf.get(ks[i]);
    if (v !== undefined) common += (ws[i] < v ? ws[i] : v) * idf(ks[i]);
  }
  const ta = totalUnder(a, idf), tb = totalUnder(b, idf);
  const dice = (2 * common) / (ta + tb);
  const containment = common / Math.min(ta, tb);
  // Containment alone would match any short task inside a long one: weigh it by how much
  // there is to contain.
  const trust = Math.min(1, Math.min(a.total, b.total) / 4);
  let score = dice + 0.5 * trust * (containment - dice);
  // Spelling noise (OCR, `Thia't ke` for `Thiết kế`): for a text written without diacritics,
  // letter trigrams, discounted, can stand in for words.
  if (a.plain || b.plain) {
    const chars = 0.85 * gramScore(a.grams, b.grams);
    if (chars > score) score = chars;
  }
  if (score < floor) return { score, shared: [] };
  // The action: `chỉ đạo, hướng dẫn …` and `thông tin, phổ biến …` on one object are two tasks.
  let action: number | undefined;
  if (a.actions.size && b.actions.size) {
    let n = 0;
    for (const v of a.actions) if (b.actions.has(v)) n++;
    action = n / Math.min(a.actions.size, b.actions.size);
    score *= 0.4 + 0.6 * action;
  }
  const conflict = scopeConflict(a.scope, b.scope) ?? aboutConflict(a, b);
  if (conflict) score *= 0.5;
  return {
    score: Math.round(score * 1000) / 1000, shared: explain ? sharedWords(a, b) : [],
    ...(conflict ? { conflict } : {}), ...(action !== undefined && action < 1 ? { actions: [[...a.actions], [...b.actions]] } : {}),
  };
}

/** `… về cán bộ, công chức` / `… về dân cư`: the same kind of object about different things. */
function aboutConflict(a: TaskProfile, b: TaskProfile): string | undefined {
  if (!a.about.length || !b.about.length) return undefined;
  const words = (xs: string[]) => new Set(xs.flatMap((x) => x.split(' ')).filter((w) => (LOW.get(w) ?? 1) >= 0.6));
  const x = words(a.about), y = words(b.about);
  if (!x.size || !y.size) return undefined;
  for (const w of x) if (y.has(w)) return undefined;
  return `${a.about[0]} ≠ ${b.about[0]}`;
}

function gramScore(a: Set<string>, b: Set<string>): number {
  if (a.size < 12 || b.size < 12) return 0;
  let n = 0;
  const [x, y] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of x) if (y.has(g)) n++;
  const dice = (2 * n) / (a.size + b.size);
  return dice + 0.5 * (n / x.size - dice);
}

function sharedWords(a: TaskProfile, b: TaskProfile): string[] {
  const out: string[] = [];
  for (const [k, w] of a.features) {
    if (!k.includes(' ') || !b.features.has(k) || w < 0.5) continue;
    out.push(k);
  }
  return out.slice(0, 8);
}

/** Informative features of a profile (for candidate generation: pairs must share one). */
export function keyFeatures(p: TaskProfile): string[] {
  const out: string[] = [];
  for (const [k, w] of p.features) if (k.includes(' ') && w >= 0.6) out.push(k);
  if (!out.length) for (const [k, w] of p.features) if (w >= 0.6) out.push(k);
  return out;
}
