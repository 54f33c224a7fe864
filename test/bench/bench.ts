/**
 * `npm run bench`: speed against the targets of DESIGN.md §7, on the corpus in ../shared,
 * reported as ratios against floors measured in the same run (never absolute timings in
 * unit tests). Exits 1 when a target is missed, so a regression is visible.
 *
 *  1. lint of a 1 MB document, whole process, vs a bare regex line scan (whole process) ≤ 3×
 *     and parse + checks in-process < 100 ms (parse, per-file checks, citations and their
 *     checks; the workspace-wide responsibility analysis is measured too, and reported);
 *  2. the whole corpus as one workspace with the pháp điển catalog, cold (whole process) ≤ 2 s,
 *     and re-check after one edit ≤ 50 ms;
 *  3. hover / definition lookups on a 700 KB document after the first parse: p99 ≤ 5 ms;
 *  4. heap growth while analysing ≤ 10× the input size;
 *  5. loading the catalog and answering a hover adds ≤ 150 ms to server start.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildCatalog, externalCard } from '../../server/src/core/catalog/index';
import { Workspace } from '../../server/src/core/workspace';

const root = path.resolve(__dirname, '../../..');
const shared = path.resolve(root, '../shared');
const corpusDir = path.join(shared, 'corpus');
const catalogFile = path.join(shared, 'catalog/phapdien_documents.jsonl');
const cli = path.join(root, 'dist/cli.js');

interface Row { name: string; value: number; unit: string; target: string; ok: boolean }
const rows: Row[] = [];
function report(name: string, value: number, unit: string, target: string, ok: boolean): void {
  rows.push({ name, value, unit, target, ok });
  console.log(`${ok ? '✔' : '✘'} ${name}: ${value.toFixed(unit === '×' ? 2 : 1)} ${unit} (target ${target})`);
}

/** Median wall time of a whole process, in ms. */
function processTime(args: string[], runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function main(): void {
  if (!existsSync(corpusDir)) {
    console.error(`bench: ${corpusDir} not found (the corpus is read from ../shared at run time)`);
    process.exit(2);
  }
  if (!existsSync(cli)) {
    console.error('bench: dist/cli.js missing — run `npm run build` first');
    process.exit(2);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dieu-bench-'));
  try {
    // 1. One 1 MB document: the two largest laws of the pair in DESIGN §7.
    const big = ['100-2015-QH13.txt', '50-2005-QH11.txt'].map((f) => readFileSync(path.join(corpusDir, f), 'utf8')).join('\n');
    const bigFile = path.join(tmp, 'big.vbpl');
    writeFileSync(bigFile, big);
    const floorScript = path.join(tmp, 'floor.js');
    writeFileSync(floorScript, `const t=require('fs').readFileSync(process.argv[2],'utf8');let n=0;for(const l of t.split('\\n'))if(/^\\s*(?:\\*\\*)?(?:Điều|Chương|Mục|Phần)\\s/.test(l))n++;console.log(n);`);
    processTime([floorScript, bigFile], 2); // warm the file cache
    const floor = processTime([floorScript, bigFile]);
    const lint = processTime([cli, 'lint', '--format', 'json', bigFile]);
    console.log(`  floor (read + regex line scan, whole process): ${floor.toFixed(0)} ms; dieu lint: ${lint.toFixed(0)} ms; ${(big.length / 1e6).toFixed(2)} M chars`);
    report('lint 1 MB document / floor (whole process)', lint / floor, '×', '≤ 3×', lint / floor <= 3);

    // In-process (Node start excluded). First every diagnostic of the file, the workspace-wide
    // responsibility analysis included (reported; DESIGN §7 sets no target for it), then
    // DESIGN's "parse + checks": the same without the responsibility analysis — measured
    // second, i.e. warm, as a language server analyses a file it has seen before.
    const inProcess = (options: ConstructorParameters<typeof Workspace>[0]): number => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const w = new Workspace(options);
        const t = performance.now();
        w.set('big', big);
        w.diagnostics('big');
        times.push(performance.now() - t);
      }
      return median(times);
    };
    const everything = inProcess({});
    console.log(`  every diagnostic incl. the responsibility analysis, in-process (median of 7): ${everything.toFixed(1)} ms (reported; no DESIGN target)`);
    const parseChecks = inProcess({ rules: { 'responsibility-overlap': 'off', 'responsibility-duplicate': 'off' } });
    report('parse + checks + citations of 1 MB, in-process (median of 7, warm)', parseChecks, 'ms', '< 100 ms', parseChecks < 100);

    // 2. The whole corpus as one workspace, with the pháp điển catalog.
    const corpusFiles = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(corpusDir, f));
    const catArgs = existsSync(catalogFile) ? ['--catalog', catalogFile] : [];
    const cold = processTime([cli, 'lint', '--format', 'json', ...catArgs, ...corpusFiles], 3);
    report(`whole corpus (${corpusFiles.length} files) + catalog, cold, whole process`, cold, 'ms', '≤ 2000 ms', cold <= 2000);

    const texts = corpusFiles.map((f) => readFileSync(f, 'utf8'));
    const catalog = existsSync(catalogFile) ? buildCatalog([{ name: catalogFile, text: readFileSync(catalogFile, 'utf8') }]) : undefined;
    const w = new Workspace({ catalog });
    corpusFiles.forEach((f, i) => w.set(f, texts[i]));
    for (const f of corpusFiles) w.diagnostics(f);
    const edits: number[] = [];
    const target = corpusFiles.find((f) => f.endsWith('67-2006-QH11.txt')) ?? corpusFiles[0];
    const original = texts[corpusFiles.indexOf(target)];
    for (let i = 0; i < 9; i++) {
      const edited = original.replace('Điều 1.', i % 2 ? 'Điều 1. ' : 'Điều 1.');
      const t = performance.now();
      w.set(target, edited + (i % 2 ? '' : ' '));
      w.diagnostics(target);
      edits.push(performance.now() - t);
    }
    report('re-check one file after an edit in the corpus workspace (median of 9)', median(edits), 'ms', '≤ 50 ms', median(edits) <= 50);

    // 3. Lookups at positions in a 700 KB document after the first parse.
    const law = readFileSync(path.join(corpusDir, '100-2015-QH13.txt'), 'utf8');
    const lw = new Workspace({ catalog });
    lw.set('law', law);
    lw.diagnostics('law');
    const resolved = lw.resolved('law');
    const parsed = lw.parsed('law')!;
    const lat: number[] = [];
    for (let i = 0; i < 500; i++) {
      const r = resolved[(i * 7919) % resolved.length];
      const pos = parsed.source.positionAt(r.citation.span.start + 1);
      const t = performance.now();
      const offset = parsed.source.offsetAt(pos);
      const hit = citationAt(lw.resolved('law'), offset);
      if (hit) for (const tg of hit.targets) if (tg.unit) parsed.source.range(tg.unit.marker.start, tg.unit.marker.end);
      lat.push(performance.now() - t);
    }
    report('hover/definition lookup on 745 KB, p99 of 500', percentile(lat, 99), 'ms', '≤ 5 ms', percentile(lat, 99) <= 5);

    // 4. Heap growth while analysing the 1 MB document.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const hw = new Workspace();
    hw.set('big', big);
    hw.diagnostics('big');
    hw.resolved('big');
    gc?.();
    const growth = (process.memoryUsage().heapUsed - before) / (big.length * 2);
    report(`heap growth / input size (UTF-16 bytes)${gc ? '' : ' (no --expose-gc: upper bound)'}`, growth, '×', '≤ 10×', growth <= 10);

    // 5. Catalog load + a hover on an external citation, in-process (server start share).
    if (catalog && existsSync(catalogFile)) {
      const seed = readFileSync(path.join(shared, 'seeds/001_c744294f5039bdd6.txt'), 'utf8');
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const cat = buildCatalog([{ name: catalogFile, text: readFileSync(catalogFile, 'utf8') }]);
        const sw = new Workspace({ catalog: cat });
        sw.set('seed', seed);
        const ext = sw.resolved('seed').find((r) => r.target.kind === 'external');
        if (ext) externalCard(sw, 'seed', ext);
        times.push(performance.now() - t);
      }
      report('catalog load (4,248 documents) + one hover, in-process', median(times), 'ms', '≤ 150 ms', median(times) <= 150);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const failed = rows.filter((r) => !r.ok).length;
  console.log(`${rows.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

/** The citation whose span contains `offset` (binary search; citations are in text order). */
function citationAt<T extends { citation: { span: { start: number; end: number } } }>(list: T[], offset: number): T | undefined {
  let lo = 0, hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid].citation.span;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return list[mid];
  }
  return undefined;
}

main();
