// Bundles the three entry points (and, with --tests, the mocha suites).
// Bundling matters for speed: chevrotain unbundled costs ~320 ms of module loading,
// bundled ~11 ms (DESIGN.md §7). Chevrotain is ESM-only, so tests are bundled too
// (to CommonJS) rather than run through a TypeScript loader.
import * as esbuild from 'esbuild';
import { glob } from 'tinyglobby';

const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (tests) {
  const files = await glob(['test/unit/**/*.test.ts', 'test/lsp/**/*.test.ts', 'test/bench/*.ts', 'test/vscode/suite/**/*.ts']);
  entries.push({
    entryPoints: files, outdir: 'out', outbase: '.', external: ['mocha', 'vscode', 'playwright-core'],
  });
}
for (const e of entries) {
  const opts = { ...common, ...e };
  if (watch) await (await esbuild.context(opts)).watch();
  else await esbuild.build(opts);
}
