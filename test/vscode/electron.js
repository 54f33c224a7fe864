#!/usr/bin/env node
// The usual runner, for machines that can download VS Code (not these: see
// ../shared/VSCODE-TESTS.md): @vscode/test-electron fetches VS Code 1.100.3 desktop and runs
// the same suite (index.js + out/test/vscode/suite) in its extension host. The UI checks that
// need the runner's DOM endpoint skip themselves here.
//
//   npm run build:tests && node test/vscode/electron.js
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const PROJECT = path.resolve(__dirname, '..', '..');

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dieu-electron-'));
  const workspace = path.join(root, 'workspace');
  fs.cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
  const userData = path.join(root, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'dieu.rules': {}, 'dieu.include': [] }, null, 2));
  try {
    await runTests({
      version: process.env.DIEU_VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: process.env.DIEU_EXTENSION_PATH || PROJECT,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: { DIEU_VSCODE_LABEL: 'electron' },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData,
        '--extensions-dir', path.join(root, 'extensions')],
    });
    return 0;
  } catch (err) {
    console.error(`[electron] ${err && err.message || err}`);
    return 1;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
