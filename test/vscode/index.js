// Entry point VS Code loads in the extension host (extensionTestsPath): runs the bundled suite
// (out/test/vscode/suite/**/*.test.js, from `node esbuild.mjs --tests`) with mocha, and prints
// the project's closing line "N passed, N failed" (test/reporter.js), which the runners read.
// Shared by run.js (code-server + headless Chromium), vsix-smoke.js and electron.js.
//
// Environment:
//   DIEU_VSCODE_GREP   only tests whose full title matches (e.g. "@smoke")
//   DIEU_VSCODE_SUITE  folder of bundled suites (default: <project>/out/test/vscode/suite)
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');
const Reporter = require('../reporter');

const PROJECT = path.resolve(__dirname, '..', '..');

function suiteFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

exports.run = function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: Reporter,
    color: false,
    timeout: 60000,
    // --fail-zero: a run that found no test is a failure, not a silent success.
    failZero: true,
  });
  if (process.env.DIEU_VSCODE_GREP) mocha.grep(process.env.DIEU_VSCODE_GREP);
  const dir = process.env.DIEU_VSCODE_SUITE || path.join(PROJECT, 'out', 'test', 'vscode', 'suite');
  const files = suiteFiles(dir);
  if (files.length === 0) {
    console.error(`[dieu-tests] no bundled suite in ${dir}: run \`npm run build:tests\` first`);
  }
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      reject(err);
    }
  });
};
