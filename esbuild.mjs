// Bundles the three entry points (and, with --tests, the mocha suites).
// Bundling matters for speed: chevrotain unbundled costs ~320 ms of module loading,
// bundled ~11 ms (DESIGN.md §7). Chevrotain is ESM-only, so tests are bundled too
// (to CommonJS) rather than run through a TypeScript loader.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
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
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, cli: true },
];
if (tests) {
  const files = await glob(['test/unit/**/*.test.ts', 'test/lsp/**/*.test.ts', 'test/bench/*.ts', 'test/vscode/suite/**/*.ts']);
  entries.push({
    entryPoints: files, outdir: 'out', outbase: '.', external: ['mocha', 'vscode', 'playwright-core'],
  });
}
for (const { cli, ...e } of entries) {
  const opts = { ...common, ...e };
  if (watch) await (await esbuild.context(opts)).watch();
  else if (cli) await buildCli(opts);
  else await esbuild.build(opts);
}

/**
 * dist/cli.js: server/src/cli/boot.ts with the CLI bundle inside as a string, which it runs
 * with V8's code cache (see boot.ts). The bundle's source map is dist/cli.js.map, as before.
 */
async function buildCli(opts) {
  const { outputFiles } = await esbuild.build({ ...opts, banner: undefined, write: false });
  const js = outputFiles.find((f) => f.path.endsWith('.js'));
  for (const f of outputFiles) if (f !== js) writeFileSync(f.path, f.contents);
  const hash = createHash('sha256').update(js.text).digest('hex').slice(0, 16);
  await esbuild.build({
    ...common, entryPoints: ['server/src/cli/boot.ts'], outfile: opts.outfile, banner: opts.banner, sourcemap: false,
    define: { __DIEU_CLI_BUNDLE__: JSON.stringify(js.text), __DIEU_CLI_HASH__: JSON.stringify(hash) },
  });
}
