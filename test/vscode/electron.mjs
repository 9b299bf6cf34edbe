#!/usr/bin/env node
// `npm run test:electron`: the same in-host suites under desktop VS Code, via
// @vscode/test-electron, for contributors whose machine can download VS Code
// (it fetches VS Code 1.100.3 from update.code.visualstudio.com into
// .vscode-test/, once). CI and offline machines use `npm run test:vscode`
// (code-server) instead; see CONTRIBUTING.md.
//
//   1. the main suite with the extension loaded from the working tree (workspace fixture)
//   2. the packaged .vsix installed into a fresh extensions dir: cold activation (workspace-cold)
//
// usage: node test/vscode/electron.mjs [--skip-package]   (on Linux without a display: xvfb-run -a npm run test:electron)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { compileSuites } from './compile.mjs';

const VERSION = process.env.VSCODE_VERSION ?? '1.100.3';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const here = path.join(root, 'test', 'vscode');
const artifacts = path.join(root, 'test-artifacts');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

/** A fresh profile and a throwaway copy of the fixture: tests edit files. */
function profile(fixture) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'vn-electron-'));
  const userData = path.join(tmp, 'ud');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'files.autoSave': 'off', 'update.mode': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false }),
  );
  const ws = path.join(tmp, 'ws');
  cpSync(fixture, ws, { recursive: true });
  return { tmp, userData, extensions: path.join(tmp, 'exts'), ws };
}

let failed = 0;
sh(process.execPath, ['scripts/build.mjs']);
const out = await compileSuites(root);
if (!process.argv.includes('--skip-package')) sh(process.execPath, ['scripts/package.mjs', '--no-build']);
mkdirSync(artifacts, { recursive: true });
const vscodeExecutablePath = await downloadAndUnzipVSCode(VERSION);

// 1. The main suite, extension from the working tree.
{
  const p = profile(path.join(here, 'workspace'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(out, 'index.cjs'),
      launchArgs: [p.ws, '--user-data-dir', p.userData, '--extensions-dir', p.extensions, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { VISITNOTES_TEST_ARTIFACTS: artifacts },
    });
  } catch (err) {
    console.error(`main suite failed: ${err}`);
    failed++;
  } finally {
    rmSync(p.tmp, { recursive: true, force: true });
  }
}

// 2. The packaged extension, installed like a user installs it.
{
  const p = profile(path.join(here, 'workspace-cold'));
  try {
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    sh(cli, [...cliArgs, '--extensions-dir', p.extensions, '--install-extension', vsix], { shell: process.platform === 'win32' });
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: path.join(here, 'runner-extension'),
      extensionTestsPath: path.join(out, 'cold-start.cjs'),
      launchArgs: [p.ws, '--user-data-dir', p.userData, '--extensions-dir', p.extensions, '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { VISITNOTES_TEST_ARTIFACTS: artifacts, VISITNOTES_TIMING_LABEL: 'electron-idle', VISITNOTES_COLD_DELAY_MS: '5000' },
    });
  } catch (err) {
    console.error(`packaged-extension suite failed: ${err}`);
    failed++;
  } finally {
    rmSync(p.tmp, { recursive: true, force: true });
  }
}

process.exit(failed ? 1 : 0);
