#!/usr/bin/env node
// The VS Code test harness (`npm run test:vscode`): a real VS Code 1.100
// (code-server) driven by headless Chromium, offline.
//
//   install  test/vscode/install-host.sh (skipped when already installed)
//   build    scripts/build.mjs, then the in-host suites (test/vscode/suite/*.ts → .vscode-test/out/suite/*.cjs)
//   package  scripts/package.mjs → visit-notes-<version>.vsix
//   phases   suite  in-host mocha suite, extension from the working tree, workspace fixture
//            ui     Playwright: squiggles, Problems rows, status bar, preview goal map, screenshots per theme, patient timeline
//            vsix   the packaged .vsix installed into a fresh profile, Restricted Mode: activation on opening a
//                   note once the window has settled, timed to the first diagnostics
//            vsix-startup  the same, with the note opened while the window is still starting (worst case)
//            web    the browser build in the web worker extension host (as on vscode.dev): in-browser suite,
//                   Problems, completion, screenshots, timed to the first diagnostics; fails on any network
//                   request beyond the local workbench (see web.mjs)
//            web-vsix  (not a default phase) the packaged .vsix installed and run as a web extension: it lints
//
// Artefacts (screenshots, timings, logs of failed phases) go to test-artifacts/.
// usage: node test/vscode/run.mjs [--phases suite,ui,vsix,vsix-startup,web,web-vsix] [--skip-install] [--skip-build] [--skip-package]
// VISITNOTES_SKIP_VSCODE=1 skips the whole harness (for machines where it cannot run).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBrowserBundles, compileSuites } from './compile.mjs';
import { runExtensionTests, startHost } from './host.mjs';
import { runUi, UI_SETTINGS } from './ui.mjs';
import { runWeb, runWebVsix, WEB_SETTINGS } from './web.mjs';

if (/^(1|true)$/i.test(process.env.VISITNOTES_SKIP_VSCODE ?? '')) {
  console.log('[vscode-test] skipped: VISITNOTES_SKIP_VSCODE is set');
  process.exit(0);
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const here = path.join(root, 'test', 'vscode');
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
const phases = opt('--phases', 'suite,ui,vsix,vsix-startup,web').split(',').filter(Boolean);
const hostDir = process.env.VSCODE_HOST_DIR ?? path.join(root, '.vscode-test', 'host');
const artifacts = path.join(root, 'test-artifacts');
const out = path.join(root, '.vscode-test', 'out');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

const t0 = Date.now();
const timings = {};
const log = (msg) => console.log(`[vscode-test ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
async function step(name, fn) {
  const start = Date.now();
  log(`── ${name}`);
  try {
    return await fn();
  } finally {
    timings[name] = (Date.now() - start) / 1000;
  }
}
function sh(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

mkdirSync(artifacts, { recursive: true });
const results = {};
let failed = false;
try {
  if (!flag('--skip-install')) await step('install', () => sh('bash', [path.join(here, 'install-host.sh'), hostDir]));
  if (!flag('--skip-build')) {
    await step('build', async () => {
      sh(process.execPath, ['scripts/build.mjs']);
      await compileSuites(root);
    });
  }
  if (phases.some((p) => p.startsWith('vsix') || p === 'web-vsix') && !flag('--skip-package')) await step('package', () => sh(process.execPath, ['scripts/package.mjs', '--no-build']));

  for (const phase of phases) {
    await step(`phase ${phase}`, async () => {
      let host;
      try {
        if (phase === 'suite') {
          host = await startHost({ hostDir, workspace: path.join(here, 'workspace'), log });
          results.suite = await runExtensionTests(host, {
            devPath: root,
            testsPath: path.join(out, 'suite', 'index.cjs'),
            screenshot: path.join(artifacts, 'suite-end.png'),
          });
        } else if (phase === 'ui') {
          host = await startHost({ hostDir, workspace: path.join(here, 'workspace'), settings: UI_SETTINGS, log });
          results.ui = await runUi(host, { extensionPath: root, artifacts, log: (m) => log(`  ui: ${m}`) });
        } else if (phase === 'web') {
          // As the VSIX ships them: minified, no source maps (what the timings should be of).
          await buildBrowserBundles(root, { release: true });
          host = await startHost({ hostDir, workspace: path.join(here, 'workspace-web'), settings: WEB_SETTINGS, log });
          results.web = await runWeb(host, {
            extensionPath: root,
            testsPath: path.join(out, 'web-suite', 'index.cjs'),
            artifacts,
            log: (m) => log(`  web: ${m}`),
          });
        } else if (phase === 'web-vsix') {
          host = await startHost({ hostDir, workspace: path.join(here, 'workspace-web'), settings: WEB_SETTINGS, vsix, log });
          results['web-vsix'] = await runWebVsix(host, { artifacts, log: (m) => log(`  web-vsix: ${m}`) });
        } else if (phase === 'vsix' || phase === 'vsix-startup') {
          // vsix: the note is opened once the window has settled, in Restricted Mode (workspace trust on);
          // vsix-startup: opened while the window is still starting (the worst case), trust off.
          if (!existsSync(vsix)) throw new Error(`${vsix} not found: run without --skip-package`);
          const idle = phase === 'vsix';
          host = await startHost({
            hostDir,
            workspace: path.join(here, 'workspace-cold'),
            vsix,
            trust: idle, // the extension declares full support for untrusted workspaces
            env: {
              VISITNOTES_TEST_ARTIFACTS: artifacts,
              VISITNOTES_TIMING_LABEL: idle ? 'idle' : 'startup',
              VISITNOTES_COLD_DELAY_MS: idle ? '5000' : '0',
            },
            log,
          });
          results[phase] = await runExtensionTests(host, {
            devPath: path.join(here, 'runner-extension'),
            testsPath: path.join(out, 'suite', 'cold-start.cjs'),
            screenshot: path.join(artifacts, `${phase}-end.png`),
            onLine: (l) => console.log(`  │ ${l}`),
          });
        } else {
          throw new Error(`unknown phase ${phase}`);
        }
      } catch (err) {
        results[phase] = 1;
        log(`phase ${phase} failed: ${err?.stack ?? err}`);
      } finally {
        if (host && results[phase] !== 0) {
          cpSync(host.dirs.log, path.join(artifacts, `code-server-${phase}.log`));
        }
        await host?.stop();
      }
      log(`phase ${phase}: ${results[phase] === 0 ? 'PASS' : `FAIL (${results[phase]})`}`);
      if (results[phase] !== 0) failed = true;
    });
  }
} catch (err) {
  failed = true;
  log(`harness error: ${err?.stack ?? err}`);
}

const total = (Date.now() - t0) / 1000;
const summary = { results, seconds: { ...timings, total }, vsixBytes: existsSync(vsix) ? readFileSync(vsix).length : undefined };
for (const label of ['idle', 'startup', 'web']) {
  const file = path.join(artifacts, `activation-${label}.json`);
  if (existsSync(file)) (summary.activation ??= {})[label] = JSON.parse(readFileSync(file, 'utf8'));
}
writeFileSync(path.join(artifacts, 'vscode-harness.json'), JSON.stringify(summary, null, 2) + '\n');
log(`done in ${total.toFixed(1)} s: ${JSON.stringify(summary)}`);
process.exit(failed || phases.some((p) => results[p] !== 0) ? 1 : 0);
