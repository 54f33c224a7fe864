/**
 * What `dist/cli.js` runs first: the CLI bundle (`main.ts`, embedded here as a string by
 * esbuild.mjs), compiled with V8's code cache when one is at hand.
 *
 * A run compiles some 1,500 functions of the bundle on first call; at its end, their code is
 * saved beside the bundle (`dist/cli.js.cache`, only where the bundle's directory is writable),
 * and the next runs start from it instead (tens of ms less per run: Node 22's compile cache,
 * on Node 20). The cache names the exact bundle it was made from (a hash of the bundle) and V8
 * refuses one made by another version or other flags; either way the run just compiles as
 * usual. `DIEU_NO_CODE_CACHE=1` turns it off.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Script } from 'node:vm';

declare const __DIEU_CLI_BUNDLE__: string;
declare const __DIEU_CLI_HASH__: string;

/** The cache starts with this line: the bundle it was made from. */
const TAG = Buffer.from(`dieu-cli ${__DIEU_CLI_HASH__}\n`, 'latin1');

function run(): void {
  const useCache = !process.env.DIEU_NO_CODE_CACHE;
  const cacheFile = `${__filename}.cache`;
  let cached: Buffer | undefined;
  if (useCache) {
    try {
      const data = readFileSync(cacheFile);
      if (data.length > TAG.length && data.subarray(0, TAG.length).equals(TAG)) cached = data.subarray(TAG.length);
    } catch {
      // No cache yet (or unreadable): compile as usual.
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${__DIEU_CLI_BUNDLE__}\n})`, {
    filename: __filename,
    cachedData: cached,
  });
  // Made by a lint (which compiles what linting needs; `--version` compiles next to nothing),
  // when there is none or V8 refused it (another Node version, other flags).
  if (useCache && (!cached || script.cachedDataRejected) && process.argv[2] === 'lint') {
    process.once('exit', () => {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, Buffer.concat([TAG, script.createCachedData()]));
        renameSync(tmp, cacheFile);
      } catch {
        // A read-only installation: every run compiles.
      }
    });
  }
  const mod = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(mod.exports, require, mod, __filename, __dirname);
}

run();
