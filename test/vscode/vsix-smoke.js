#!/usr/bin/env node
// What users really get: builds, packages the .vsix (vsce, --no-dependencies: the bundles in
// dist/ inline their dependencies), prints its size and files, installs it offline into a
// temp extensions folder with VS Code's own server CLI, and runs the @smoke tests of the suite
// against the installed copy (runSuite with extensionPath = the installed folder).
//
//   node test/vscode/vsix-smoke.js     after `bash test/vscode/setup.sh` and `npm run build:tests`
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runSuite, SERVER_MAIN, PROJECT } = require('./run');

const log = (...a) => console.log('[vsix]', ...a);

/** Entries of a zip's central directory: [{name, size, compressed}]. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

async function main() {
  const t0 = Date.now();
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT, 'package.json'), 'utf8'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dieu-vsix-'));
  try {
    log('npm run build (the bundles the .vsix ships)');
    execFileSync(process.execPath, [path.join(PROJECT, 'esbuild.mjs')], { cwd: PROJECT, stdio: 'inherit' });

    const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
    const t1 = Date.now();
    execFileSync(process.execPath, [path.join(PROJECT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', vsix],
      { cwd: PROJECT, stdio: ['ignore', 'pipe', 'inherit'] });
    const entries = zipEntries(vsix);
    log(`packaged ${path.basename(vsix)} in ${((Date.now() - t1) / 1000).toFixed(1)} s: ${kb(fs.statSync(vsix).size)}, ${entries.length} entries`);
    for (const e of entries) console.log(`  ${e.name.padEnd(52)} ${kb(e.size).padStart(10)}`);
    const shipped = entries.map((e) => e.name).filter((n) => n.startsWith('extension/'));
    // (vsce renames README.md to readme.md and LICENSE to LICENSE.txt)
    const allowed = /^extension\/(package\.json|package\.nls(\.[\w-]+)?\.json|readme\.md|changelog\.md|license(\.txt)?|dist\/\w+\.js|syntaxes\/[\w.-]+\.json|images\/icon\.png|catalog\/.+)$/i;
    const stray = shipped.filter((n) => !allowed.test(n));
    if (stray.length) throw new Error(`the .vsix holds files it should not (fix .vscodeignore): ${stray.join(', ')}`);
    for (const need of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/syntaxes/vbpl.tmLanguage.json', 'extension/package.json']) {
      if (!shipped.includes(need)) throw new Error(`the .vsix lacks ${need}`);
    }

    const ext = path.join(root, 'extensions');
    const t2 = Date.now();
    execFileSync(process.execPath, [SERVER_MAIN, '--install-extension', vsix, '--extensions-dir', ext,
      '--server-data-dir', path.join(root, 'server-data'), '--user-data-dir', path.join(root, 'user-data'),
      '--accept-server-license-terms'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9/g"}' } });
    const installed = path.join(ext, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    if (!fs.existsSync(path.join(installed, 'package.json'))) {
      throw new Error(`installing did not create ${installed} (found: ${fs.existsSync(ext) ? fs.readdirSync(ext).join(', ') : 'nothing'})`);
    }
    log(`installed offline in ${((Date.now() - t2) / 1000).toFixed(1)} s into ${installed}`);

    const r = await runSuite({ extensionPath: installed, grep: '@smoke', label: 'vsix smoke' });
    log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return r.code;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (err) => {
  log(`FAILED: ${err && err.message || err}`);
  process.exit(1);
});
