// Starting and stopping code-server (the real VS Code 1.100 workbench + Node
// extension host) for one test phase, and driving it with headless Chromium.
// Every phase gets a fresh user-data dir, extensions dir, XDG dirs and a
// throwaway copy of its workspace fixture; stopping kills the whole process
// group, so the extension host and the language server never linger.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off', // code-server saves after a delay by default: tests revert their edits
  'chat.disableAIFeatures': true,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server. Options: workspace (fixture folder to copy), settings
 * (merged into user settings), trust (enable workspace trust), vsix (install
 * this package into the fresh extensions dir first), env (extra environment).
 */
export async function startHost({ hostDir, workspace, settings = {}, trust = false, vsix, env = {}, log = () => {} }) {
  const bin = path.join(hostDir, 'node_modules', '.bin', 'code-server');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'vn-host-'));
  const dirs = {
    tmp,
    userData: path.join(tmp, 'ud'),
    extensions: path.join(tmp, 'exts'),
    ws: path.join(tmp, 'ws'),
    log: path.join(tmp, 'code-server.log'),
  };
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  // Keep $HOME clean: code-server writes ~/.local/share/code-server, chromium ~/.config.
  const xdg = {
    XDG_CONFIG_HOME: path.join(tmp, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg', 'cache'),
  };
  cpSync(workspace, dirs.ws, { recursive: true });
  writeUserSettings(dirs.userData, { ...BASE_SETTINGS, ...(trust ? { 'security.workspace.trust.enabled': true } : {}), ...settings });
  const childEnv = { ...process.env, ...xdg, EXTENSIONS_GALLERY: '{}', ...env };
  const common = ['--config', '/dev/null', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  if (vsix) {
    const r = spawnSync(bin, [...common, '--install-extension', vsix], { env: childEnv, encoding: 'utf8' });
    log(`install ${path.basename(vsix)}: ${(r.stdout + r.stderr).trim().split('\n').pop()}`);
    if (r.status !== 0) throw new Error(`code-server --install-extension failed:\n${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  const out = openSync(dirs.log, 'a');
  const child = spawn(
    bin,
    [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      ...(trust ? [] : ['--disable-workspace-trust'])],
    { env: childEnv, stdio: ['ignore', out, out], detached: true }, // detached: its own process group (setsid)
  );
  closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  const host = { base, port, dirs, pid: child.pid, stop: () => stopHost(host) };
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (i > 150 || child.exitCode !== null) {
      await stopHost(host);
      throw new Error(`code-server did not come up:\n${safeRead(dirs.log)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return host;
}

export function writeUserSettings(userData, settings) {
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function safeRead(file) {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

async function stopHost(host) {
  if (!host.pid) return;
  const alive = () => {
    try {
      process.kill(-host.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-host.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-host.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  host.pid = undefined;
  rmSync(host.dirs.tmp, { recursive: true, force: true });
}

export function workbenchUrl(host, { devPath, testsPath, folder = host.dirs.ws } = {}) {
  const remote = (p) => `vscode-remote://127.0.0.1:${host.port}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${host.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  return { browser, context };
}

/** Extension-host console output reaches the page as ('%cLEVEL', css, fmt, ...args): print it as lines. */
export function forwardConsole(page, onLine) {
  let chain = Promise.resolve();
  page.on('console', (m) => {
    chain = chain.then(async () => {
      let a = await Promise.all(m.args().map((h) => h.jsonValue().catch(() => '<unserializable>')));
      if (typeof a[0] === 'string' && a[0].startsWith('%c')) a = a.slice(2);
      const line = util.format(...a);
      if (!/^(Failed to load resource|INFO|An iframe|\[.*?\] (Extension|Started|Loading))/.test(line)) onLine(line);
    });
  });
  return () => chain;
}

/**
 * Runs an in-host test module (extensionTestsPath) and resolves with VS Code's
 * exit code, reported through window.codeAutomationExit.
 */
export async function runExtensionTests(host, { devPath, testsPath, screenshot, timeout = 180000, onLine = (l) => console.log(`  │ ${l}`) }) {
  const { browser, context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const drained = forwardConsole(page, onLine);
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationLog', () => {});
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    await page.goto(workbenchUrl(host, { devPath, testsPath }));
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeout))]);
    await drained();
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => {});
    return code;
  } finally {
    await browser.close();
  }
}
