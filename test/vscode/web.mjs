// The web phase: Visit Notes as vscode.dev runs it. The code-server workbench in
// headless Chromium loads the extension under development (from the working tree)
// into its *web worker* extension host: the user setting `remote.extensionKind`
// (WEB_SETTINGS) makes Visit Notes a `web`-only extension, so the workbench runs
// the manifest's `browser` entry (dist/web/extension.js) there instead of `main`
// in the remote Node host; it starts the language server (embedded in that bundle) in a
// worker of its own. (The URL payload's `extensionDevelopmentKind` would be the
// obvious switch, but VS Code 1.100's web workbench never reads it.) Two page
// loads on one code-server:
//
//   1. the in-browser suite (test/vscode/web-suite/), run by VS Code inside the web
//      worker extension host: proves it is a worker and the browser build, lints as
//      you type, completion, hover, a quick fix; logs web activation → first
//      diagnostics (VISITNOTES_TIMING) → test-artifacts/activation-web.json;
//   2. the workbench driven like a user: squiggles and Problems rows for a note,
//      the completion widget, a quick fix from the light bulb menu, the preview
//      (its CSP read in the webview) and the timeline, with screenshots; the
//      language server's worker is found among the page's workers by its name;
//   3. a workspace with a `.visitnotes.yaml` (extends, include, ignore) and a nested
//      .gitignore: a continuity finding on February in Problems, none from the rule the
//      config turns off, Lint Workspace adding January (and no ignored note), the timeline
//      with both visits; screenshots.
//
// Throughout, every request the page, its frames and its workers make is recorded;
// any that is not to the code-server origin (or a blob:/data: URL) fails the phase,
// unless the webview's service worker answered it inside the browser (webview
// resources live on `*.vscode-resource.vscode-cdn.net` names, served locally); a
// route stops any other from leaving.
// The extension's two bundles must be among the recorded requests: they are fetched
// from inside the extension host's worker, so the listener demonstrably sees workers.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { forwardConsole, launchBrowser, workbenchUrl } from './host.mjs';

/**
 * User settings of the web phase: Visit Notes may run only as a web extension
 * (`remote.extensionKind` overrides what the manifest allows: `main` and `browser`).
 */
export const WEB_SETTINGS = { 'editor.minimap.enabled': false, 'remote.extensionKind': { 'visit-notes.visit-notes': ['web'] } };

/** F1, type the command's title, run it. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^.*?: /, '') }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Opens a file of the workspace: a click on its row in the Explorer (what a
 * user does; no keystrokes for a busy workbench to swallow), else Ctrl+P and
 * its name; tried again while the workbench is still starting.
 */
async function quickOpen(page, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
      if (await row.isVisible()) {
        await row.click();
      } else {
        await page.keyboard.press('Control+P');
        await page.locator('.quick-input-widget input').waitFor({ timeout: 10000 });
        await page.keyboard.type(name);
        await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10000 });
        await page.keyboard.press('Enter');
      }
      await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout: 30000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** Ctrl+G to a line of the focused editor. */
async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  // Typed before the box is open, the number would go into the note.
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}

/**
 * Ctrl+. until the menu lists `row`, as a user presses it again. The undo just before
 * re-lints the note, and a menu asked for while the new diagnostics arrive can come up
 * "No code actions available" (seen once under load, the note's markers in place): the
 * workbench does not ask again by itself. Three tries; the last failure is the test's.
 */
async function openQuickFixMenu(page, row, log) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ timeout: 10000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      log(`quick fix menu without the fix (try ${attempt}): asking again`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Requests that leave the machine's workbench: anything but the code-server origin, blob: and data: URLs. */
export function foreignRequests(urls, origin) {
  return urls.filter((u) => {
    if (/^(blob|data):/i.test(u)) return false;
    try {
      return new URL(u).origin !== origin;
    } catch {
      return true;
    }
  });
}

export async function runWeb(host, { extensionPath, testsPath, artifacts, log }) {
  const { browser, context } = await launchBrowser();
  // The context and each page report a page's requests: a set keeps each once.
  const seen = new Set();
  const record = (r) => seen.add(r);
  context.on('request', record);
  // Anything bound for another origin that is not answered inside the browser is stopped here and
  // counted: webview resources (`*.vscode-resource.vscode-cdn.net`) are served by the webview's
  // service worker from the local workbench and never reach this route.
  const origin = new URL(host.base).origin;
  const escaped = [];
  await context.route(
    (url) => foreignRequests([url.toString()], origin).length > 0,
    (route) => {
      escaped.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `${name}.png`) }).catch(() => {});
  let failures = 0;
  const fail = (msg) => {
    failures++;
    log(`FAIL: ${msg}`);
  };
  try {
    // 1. The in-browser suite.
    {
      const page = await context.newPage();
      page.on('request', record);
      let timing;
      const drained = forwardConsole(page, (line) => {
        const m = /VISITNOTES_TIMING (\{.*\})/.exec(line);
        if (m) timing = JSON.parse(m[1]);
        log(`│ ${line}`);
      });
      let done;
      const exited = new Promise((r) => (done = r));
      await page.exposeFunction('codeAutomationLog', () => {});
      await page.exposeFunction('codeAutomationExit', (code) => done(code));
      await page.goto(workbenchUrl(host, { devPath: extensionPath, testsPath, }));
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 180000))]);
      await drained();
      await shot(page, 'web-suite-end');
      if (code !== 0) fail(`in-browser suite exited with ${code}`);
      if (timing) {
        writeFileSync(path.join(artifacts, 'activation-web.json'), JSON.stringify(timing, null, 2) + '\n');
        log(`web activation → first diagnostics: ${timing.activateToFirstDiagnosticsMs} ms (open → first diagnostics ${timing.openToFirstDiagnosticsMs} ms)`);
      } else if (code === 0) fail('the suite passed but logged no VISITNOTES_TIMING line');
      await page.close();
    }

    // 2. The workbench, driven like a user.
    {
      const page = await context.newPage();
      page.on('request', record);
      forwardConsole(page, (line) => {
        if (/visit ?notes|error/i.test(line)) log(`page: ${line}`);
      });
      try {
        await page.goto(workbenchUrl(host, { devPath: extensionPath, }));
        await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'bad.visit.md' }).waitFor({ timeout: 60000 });
        await quickOpen(page, 'bad.visit.md');
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
        log('squiggles on the bad note');

        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'Countertransference' }).first().waitFor({ timeout: 30000 });
        const rows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
        log(`problems (${rows.length} rows): ${rows.slice(0, 6).join(' | ')}`);
        if (!rows.some((r) => /required-section/.test(r))) fail('no required-section row in Problems');
        if (!rows.some((r) => /undefined-goal/.test(r))) fail('no undefined-goal row in Problems');
        await shot(page, 'web-problems');

        // The language server's own worker, beside the extension host's.
        const names = await Promise.all(page.workers().map((w) => w.evaluate(() => self.name).catch(() => '')));
        log(`workers: ${names.filter(Boolean).join(' | ')}`);
        if (!names.some((n) => /Visit Notes language server/.test(n))) fail('no worker named "Visit Notes language server"');

        // Typing `[` in a rationale: the completion widget offers the note's goals.
        await page.locator('.monaco-editor textarea').first().focus();
        await goToLine(page, 24);
        await page.keyboard.press('End');
        await page.keyboard.type(' [');
        const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'G2' }).first();
        await suggestion.waitFor({ timeout: 30000 });
        log(`completion: ${(await page.locator('.suggest-widget .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')).slice(0, 4).join(' | ')}`);
        await shot(page, 'web-completion');
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+Z');

        // A quick fix from the light bulb menu (Ctrl+.) on the missing-section problem (Ln 20).
        await goToLine(page, 20);
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: /Insert section "Countertransference"/ }).first();
        await openQuickFixMenu(page, fix, log);
        log(`quick fix: ${(await fix.innerText()).replace(/\s+/g, ' ')}`);
        await shot(page, 'web-quick-fix');
        // Keyboard, as a user would: move the focus to it, then Enter.
        for (let i = 0; i < 6 && !/\bfocused\b/.test((await fix.getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => !/required-section/.test(document.querySelector('.markers-panel')?.textContent ?? ''), undefined, { timeout: 30000 });
        log('quick fix applied: no required-section row left in Problems');

        // The preview, through the Command Palette: the worker renders it; the page keeps the strict CSP.
        await runCommand(page, 'Visit Notes: Open Preview to the Side');
        const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
        await preview.locator('.vn-map').waitFor({ timeout: 30000 });
        await preview.locator('li.vn-map-goal[data-goal="G1"]').waitFor();
        const csp = await preview.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        log(`preview CSP: ${csp}`);
        if (!/^default-src 'none';/.test(csp ?? '') || !/script-src 'nonce-/.test(csp ?? '') || /unsafe/.test(csp ?? '')) fail(`preview CSP not strict: ${csp}`);
        await page.waitForTimeout(300);
        await shot(page, 'web-preview');

        // The patient timeline of the open note.
        await page.locator('.monaco-editor textarea').first().focus();
        await runCommand(page, 'Visit Notes: Show Patient Timeline');
        await page.locator('.tabs-container .tab', { hasText: /Timeline D\.W\./ }).first().waitFor({ timeout: 30000 });
        const timeline = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
        await timeline.locator('.vn-visit').first().waitFor({ timeout: 30000 });
        log(`timeline: ${(await timeline.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 120)}`);
        await page.waitForTimeout(300);
        await shot(page, 'web-timeline');
      } catch (err) {
        fail(`UI: ${err?.stack ?? err}`);
        await shot(page, 'web-ui-error');
      }
      await page.close();
    }

    // 3. A workspace with a config (workspace-web-config): `.visitnotes.yaml` extends a file that turns a
    //    rule off, `include`s Markdown notes and ignores drafts; a nested .gitignore leaves the archive out.
    //    January and February of one patient: February gets goal-continuity; Lint Workspace adds January.
    {
      const folder = path.join(host.dirs.tmp, 'ws-config');
      cpSync(path.join(import.meta.dirname, 'workspace-web-config'), folder, { recursive: true });
      const page = await context.newPage();
      page.on('request', record);
      forwardConsole(page, (line) => {
        if (/visit ?notes|error/i.test(line)) log(`page: ${line}`);
      });
      const problemRows = async () => (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      try {
        await page.goto(workbenchUrl(host, { devPath: extensionPath, folder }));
        await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes' }).first().waitFor({ timeout: 60000 });
        await quickOpen(page, '2026-02-07.md');
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'goal-continuity' }).first().waitFor({ timeout: 60000 });
        let rows = await problemRows();
        log(`config workspace, February open (${rows.length} rows): ${rows.slice(0, 6).join(' | ')}`);
        if (!rows.some((r) => /G2 from the previous visit/.test(r))) fail('no goal-continuity row naming January\'s G2');
        if (rows.some((r) => /story-clinical-jargon/.test(r))) fail('story-clinical-jargon shown although the extended config turns it off');
        await shot(page, 'web-config-problems');

        await runCommand(page, 'Visit Notes: Lint Workspace');
        await page.locator('.notifications-toasts', { hasText: /linted 2 of 2 notes/ }).first().waitFor({ timeout: 60000 });
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'required-section' }).first().waitFor({ timeout: 30000 });
        rows = await problemRows();
        log(`after Lint Workspace (${rows.length} rows): ${rows.slice(0, 8).join(' | ')}`);
        if (!rows.some((r) => /2026-01-10\.md/.test(r))) fail('January (not open) is not in Problems after Lint Workspace');
        if (rows.some((r) => /2025-12-01|drafts|2026-01-01\.md/.test(r))) fail('an ignored note (draft or archive) is in Problems');
        await shot(page, 'web-lint-workspace');

        // The timeline of February: January and February, read through workspace.fs.
        await page.locator('.monaco-editor textarea').first().focus();
        await runCommand(page, 'Visit Notes: Show Patient Timeline');
        const timeline = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
        await timeline.locator('th.vn-visit').nth(1).waitFor({ timeout: 30000 });
        const visits = await timeline.locator('th.vn-visit').count();
        log(`timeline of the config workspace: ${visits} visits`);
        if (visits !== 2) fail(`the timeline shows ${visits} visits, not January and February`);
        await page.waitForTimeout(300);
        await shot(page, 'web-config-timeline');
      } catch (err) {
        fail(`config workspace: ${err?.stack ?? err}`);
        await shot(page, 'web-config-error');
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }

  // No network: nothing but the local workbench, from the page, its frames and workers. A request to
  // another origin passes only if the webview's service worker answered it (it never left the browser).
  const requests = [...seen].map((r) => r.url());
  const foreign = [...seen].filter((r) => foreignRequests([r.url()], origin).length);
  // (One the route did not see and nobody answered was cancelled inside the browser, say when a panel closed.)
  for (const r of foreign) {
    const response = await r.response().catch(() => null);
    if (response && !response.fromServiceWorker() && !escaped.includes(r.url())) escaped.push(r.url());
  }
  for (const r of [...seen].filter((r) => /\/dist\/web\/extension\.js/.test(decodeURIComponent(r.url())))) {
    const t = r.timing();
    if (t.responseEnd > 0) log(`fetched ${decodeURIComponent(new URL(r.url()).searchParams.get('path') ?? r.url()).replace(/^.*\/dist\//, 'dist/')} in ${Math.round(t.responseEnd)} ms`);
  }
  log(`requests: ${requests.length} recorded, ${foreign.length} to another origin (webview resources, served by its service worker), ${escaped.length} would have left the machine`);
  for (const u of [...new Set(escaped)].slice(0, 20)) log(`  request that would have left the machine: ${u}`);
  if (escaped.length) fail(`${escaped.length} request(s) would have left the machine`);
  for (const bundle of ['dist/web/extension.js']) {
    if (!requests.some((u) => decodeURIComponent(u).includes(bundle))) fail(`the recorded requests do not include ${bundle}: the listener misses the workers`);
  }
  return failures === 0 ? 0 : 1;
}

/**
 * The packaged .vsix, installed into the profile (no development load) and run as a web
 * extension: its browser bundle, with the embedded worker, lints a note (squiggles), and the
 * language server's worker is there by name. Optional phase `web-vsix`.
 */
export async function runWebVsix(host, { artifacts, log }) {
  const { browser, context } = await launchBrowser();
  try {
    const page = await context.newPage();
    await page.goto(workbenchUrl(host, {}));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'bad.visit.md' }).waitFor({ timeout: 60000 });
    await quickOpen(page, 'bad.visit.md');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
    const names = await Promise.all(page.workers().map((w) => w.evaluate(() => self.name).catch(() => '')));
    log(`squiggles from the installed package; workers: ${names.filter(Boolean).join(' | ')}`);
    await page.screenshot({ path: path.join(artifacts, 'web-vsix.png') }).catch(() => {});
    return names.some((n) => /Visit Notes language server/.test(n)) ? 0 : 1;
  } catch (err) {
    log(`FAIL: ${err?.stack ?? err}`);
    return 1;
  } finally {
    await browser.close();
  }
}
