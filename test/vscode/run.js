#!/usr/bin/env node
// Runs the VS Code suite inside a real VS Code without downloading one (../shared/VSCODE-TESTS.md):
// VS Code's server build from npm (code-server 4.100.3 = VS Code 1.100.3), a headless Chromium
// (Debian) driven by playwright-core, and VS Code's own extension-test hook
// (extensionDevelopmentPath + extensionTestsPath in the page's payload).
//
//   node test/vscode/run.js            after `bash test/vscode/setup.sh` and `npm run build:tests`
//
// Environment:
//   DIEU_EXTENSION_PATH    run against this extension folder (e.g. an installed .vsix) instead of the project
//   DIEU_VSCODE_GREP       only the tests whose title matches (e.g. @smoke)
//   DIEU_VSCODE_CACHE      where setup.sh installed code-server + playwright-core (~/.cache/dieu-vscode)
//   DIEU_VSCODE_TIMEOUT    seconds for the whole run (default 240)
//   DIEU_VSCODE_VERBOSE=1  print the server's and the browser's logs too
//   DIEU_VSCODE_KEEP=1     keep the temp folder (user data, logs, workspace copy)
//
// The exit code comes from the suite's "N passed, N failed" line: non-zero when a test failed,
// when no test ran, or when the line never came (crash, timeout).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const util = require('util');

const PROJECT = path.resolve(__dirname, '..', '..');
const CACHE = process.env.DIEU_VSCODE_CACHE || path.join(os.homedir(), '.cache', 'dieu-vscode');
const SERVER_MAIN = path.join(CACHE, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const ARTIFACTS = path.join(PROJECT, 'test-artifacts');
const CHROMIUM = process.env.DIEU_CHROMIUM || '/usr/bin/chromium';
const COUNTS = /^\s*(?:\w+:\s*)?(\d+) passed, (\d+) failed\b/m;
const VERBOSE = process.env.DIEU_VSCODE_VERBOSE === '1';
// The workbench's own chatter that reaches codeAutomationLog; harmless here (VSCODE-TESTS.md).
const NOISE = /ECONNREFUSED 127\.0\.0\.1:9|\[Service Worker\]|connection token|Creating a socket|Updating additional builtin extensions|ChatSessionStore/;

const log = (...a) => console.log('[vscode]', ...a);
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

/** Checks what a run needs, with the command that provides each missing piece. */
function preflight(extensionPath) {
  const problems = [];
  if (!fs.existsSync(SERVER_MAIN)) problems.push(`code-server is not installed in ${CACHE}: run \`bash test/vscode/setup.sh\``);
  if (!fs.existsSync(CHROMIUM)) problems.push(`${CHROMIUM} is missing: run \`bash test/vscode/setup.sh\``);
  if (!fs.existsSync(path.join(extensionPath, 'dist', 'client.js'))) problems.push(`${extensionPath}/dist/client.js is missing: run \`npm run build\``);
  if (!fs.existsSync(path.join(PROJECT, 'out', 'test', 'vscode', 'suite'))) problems.push('out/test/vscode/suite is missing: run `npm run build:tests`');
  return problems;
}

/**
 * Starts VS Code's server in its own process group and resolves once the extension host agent
 * listens. `kill()` ends the whole group (server, extension host, file watcher, language server).
 */
function startServer({ port, dirs, env }) {
  const args = [
    SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--server-data-dir', dirs.serverData, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
    '--disable-telemetry', '--disable-workspace-trust',
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const output = [];
  let exited = false;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`VS Code server did not report "Extension host agent listening on" within 60 s:\n${output.join('')}`)), 60000);
    const onData = (chunk) => {
      const s = chunk.toString();
      output.push(s);
      if (VERBOSE) process.stdout.write(s.replace(/^/gm, '  [server] '));
      if (output.join('').includes('Extension host agent listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`VS Code server exited early (code ${code}, signal ${signal}):\n${output.join('')}`));
    });
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
  });
  ready.catch(() => undefined);
  const kill = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
    await Promise.race([gone, new Promise((r) => setTimeout(r, 4000))]);
    clearTimeout(t);
    // Stragglers of the group (the language server forked by the extension host) go too.
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  return { child, ready, kill, output };
}

/**
 * Loopback endpoint through which a test asks what a person would see, while the suite runs:
 *   POST {action:"text", selector, contains?, timeout?}         → {text}
 *   POST {action:"screenshot", name, selector?, contains?}      → {path, text?}
 *   POST {action:"press", key}                                  → {}
 *   POST {action:"frameText", selector, contains?, timeout?}    → {text}  (inside any frame: webviews)
 * `contains` waits until the element's text includes it.
 */
function startUiEndpoint(getPage) {
  async function waitText(page, selector, contains, timeout) {
    const handle = await page.waitForFunction(
      ([sel, want]) => {
        const els = [...document.querySelectorAll(sel)];
        const el = els.find((e) => !want || (e.innerText || e.textContent || '').includes(want));
        return el ? (el.innerText || el.textContent || '') : false;
      },
      [selector, contains || ''],
      { timeout: timeout || 10000, polling: 100 },
    );
    return handle.jsonValue();
  }
  /** Like waitText, in every frame of the page (a webview's content lives in nested iframes). */
  async function waitFrameText(page, selector, contains, timeout) {
    const until = Date.now() + (timeout || 10000);
    for (;;) {
      for (const frame of page.frames()) {
        const text = await frame.evaluate(([sel, want]) => {
          const els = [...document.querySelectorAll(sel)];
          const el = els.find((e) => !want || (e.innerText || e.textContent || '').includes(want));
          return el ? (el.innerText || el.textContent || '') : false;
        }, [selector, contains || '']).catch(() => false);
        if (text !== false) return text;
      }
      if (Date.now() > until) throw new Error(`no ${selector}${contains ? ` containing ${JSON.stringify(contains)}` : ''} in any frame`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      const reply = (status, obj) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      try {
        const page = getPage();
        if (!page) throw new Error('no page yet');
        const q = JSON.parse(body || '{}');
        if (q.action === 'text') {
          reply(200, { text: await waitText(page, q.selector, q.contains, q.timeout) });
        } else if (q.action === 'screenshot') {
          const text = q.selector ? await waitText(page, q.selector, q.contains, q.timeout) : undefined;
          fs.mkdirSync(ARTIFACTS, { recursive: true });
          const name = String(q.name || 'screenshot').replace(/[^\w.-]+/g, '_');
          const file = path.join(ARTIFACTS, name.endsWith('.png') ? name : `${name}.png`);
          await page.screenshot({ path: file });
          log(`screenshot: ${path.relative(PROJECT, file)}`);
          reply(200, { path: file, text });
        } else if (q.action === 'frameText') {
          reply(200, { text: await waitFrameText(page, q.selector, q.contains, q.timeout) });
        } else if (q.action === 'press') {
          await page.keyboard.press(q.key);
          reply(200, {});
        } else {
          reply(400, { error: `unknown action ${q.action}` });
        }
      } catch (err) {
        reply(500, { error: String(err && err.message || err) });
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Tail of the extension host's log and of the `dieu` output channel (under the user-data dir), for a failed run. */
function printLogs(userData) {
  const found = [];
  const walk = (d) => {
    let entries = [];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/^remoteexthost\.log$|-dieu\.log$/.test(e.name)) found.push(p);
    }
  };
  walk(userData);
  for (const f of found) {
    let lines = fs.readFileSync(f, 'utf8').trimEnd().split('\n');
    // The extension host log lists every built-in extension: keep what concerns us.
    if (f.endsWith('remoteexthost.log')) lines = lines.filter((l) => /\[(error|warning)\]|dieu-vn\.dieu/.test(l) && !l.startsWith('\t'));
    console.log(`---- ${path.relative(userData, f)} (last ${Math.min(lines.length, 40)} of ${lines.length} lines)`);
    console.log(lines.slice(-40).join('\n'));
  }
}

/**
 * One run of the suite. Resolves to {code, passed, failed}; never throws (errors are printed
 * and give code 1).
 */
async function runSuite(opts = {}) {
  const t0 = Date.now();
  const label = opts.label || 'suite';
  const extensionPath = path.resolve(opts.extensionPath || process.env.DIEU_EXTENSION_PATH || PROJECT);
  const grep = opts.grep ?? process.env.DIEU_VSCODE_GREP ?? '';
  const timeoutS = Number(process.env.DIEU_VSCODE_TIMEOUT || 240);

  const problems = preflight(extensionPath);
  if (problems.length) {
    for (const p of problems) log(`ERROR: ${p}`);
    return { code: 1, passed: 0, failed: 0 };
  }

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dieu-vscode-'));
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    serverData: path.join(root, 'server-data'),
    extensions: path.join(root, 'extensions'),
    tmp: path.join(root, 'tmp'),
    xdg: path.join(root, 'xdg'),
    workspace: path.join(root, 'workspace'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  copyDir(path.join(__dirname, 'workspace'), dirs.workspace);
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    // Settings under test start from their defaults; the suite changes them itself.
    'dieu.rules': {},
    'dieu.include': [],
    'dieu.trace.server': VERBOSE ? 'messages' : 'off',
    ...(opts.settings || {}),
  };
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  let page;
  let browser;
  let server;
  let ui;
  const suiteOutput = [];
  let counts;
  let exitCode;
  let finish;
  const finished = new Promise((r) => { finish = r; });

  const onSignal = async (sig) => {
    log(`${sig}: stopping`);
    await cleanup();
    process.exit(130);
  };
  async function cleanup() {
    const tc = Date.now();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (browser) await browser.close().catch(() => undefined);
    if (server) await server.kill();
    if (ui) ui.close();
    if (process.env.DIEU_VSCODE_KEEP === '1') log(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
    if (VERBOSE) log(`cleanup took ${secs(tc)}`);
  }
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    ui = await startUiEndpoint(() => page);
    const uiUrl = `http://127.0.0.1:${ui.address().port}`;
    const port = await freePort();
    const env = {
      ...process.env,
      TMPDIR: dirs.tmp,
      EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9/g"}',
      DIEU_VSCODE_UI: uiUrl,
      DIEU_VSCODE_GREP: grep,
      DIEU_VSCODE_LABEL: label,
      DIEU_EXTENSION_PATH: extensionPath,
    };
    delete env.ELECTRON_RUN_AS_NODE;
    log(`${label}: extension ${extensionPath === PROJECT ? 'from the project' : extensionPath}${grep ? `, tests matching ${grep}` : ''}`);
    server = startServer({ port, dirs, env });
    await server.ready;
    log(`${label}: VS Code server up on port ${port} after ${secs(t0)}`);

    const { chromium } = require(path.join(CACHE, 'node_modules', 'playwright-core'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
      env: { ...process.env, XDG_CONFIG_HOME: dirs.xdg, TMPDIR: dirs.tmp },
    });
    browser.on('disconnected', () => finish('browser disconnected'));
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('crash', () => finish('page crashed'));
    if (VERBOSE) page.on('console', (m) => console.log(`  [page:${m.type()}] ${m.text()}`));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      suiteOutput.push(text);
      if (VERBOSE || !NOISE.test(text)) for (const line of text.split('\n')) console.log(`  ${line}`);
      const m = COUNTS.exec(text);
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
    });
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = code;
      finish('exit');
    });

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(path.join(__dirname, 'index.js'))],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`
      + `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    log(`${label}: workbench loaded after ${secs(t0)}; running the suite`);

    const timer = setTimeout(() => finish('timeout'), Math.max(10, timeoutS - (Date.now() - t0) / 1000) * 1000);
    const why = await finished;
    clearTimeout(timer);
    if (why === 'exit') log(`${label}: VS Code closed the test run after ${secs(t0)}`);
    if (why === 'timeout') {
      log(`ERROR: ${label} timed out after ${timeoutS} s (DIEU_VSCODE_TIMEOUT) before the suite finished; last output:`);
      console.log(suiteOutput.slice(-10).join('\n') || '  (none: the extension host never started the tests)');
    } else if (why !== 'exit') {
      log(`ERROR: ${label}: ${why} before the suite finished`);
    }
  } catch (err) {
    log(`ERROR: ${label}: ${err && err.stack || err}`);
  }

  let code;
  if (!counts) {
    log(`FAILED: ${label} never printed "N passed, N failed" (see the output above)`);
    code = 1;
  } else if (counts.failed > 0) {
    log(`FAILED: ${label}: ${counts.failed} test(s) failed (details above, under "failing")`);
    code = 1;
  } else if (counts.passed === 0) {
    log(`FAILED: ${label}: no test ran${grep ? ` (grep ${grep})` : ''}`);
    code = 1;
  } else if (exitCode !== undefined && exitCode !== 0) {
    log(`FAILED: ${label}: VS Code reported exit code ${exitCode}`);
    code = 1;
  } else {
    code = 0;
  }
  if (code !== 0) {
    if (page && !page.isClosed()) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const shot = path.join(ARTIFACTS, `failure-${label.replace(/\W+/g, '-')}.png`);
      await page.screenshot({ path: shot }).then(() => log(`screenshot of the failed run: ${path.relative(PROJECT, shot)}`), () => undefined);
    }
    if (server && !VERBOSE) {
      console.log('---- VS Code server output (last 30 lines)');
      console.log(server.output.join('').trimEnd().split('\n').slice(-30).join('\n'));
    }
    printLogs(dirs.userData);
  }
  await cleanup();
  const c = counts || { passed: 0, failed: 0 };
  log(`${label} finished in ${secs(t0)}: ${code === 0 ? 'ok' : 'FAILED'} (${c.passed} passing, ${c.failed} failing)`);
  return { code, ...c };
}

module.exports = { runSuite, SERVER_MAIN, CACHE, PROJECT };

if (require.main === module) {
  runSuite().then((r) => process.exit(r.code), (err) => {
    console.error(err);
    process.exit(1);
  });
}
