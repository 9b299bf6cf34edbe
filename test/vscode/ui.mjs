// The UI phase: drive the real workbench like a user (Quick Open, Problems,
// Command Palette, the preview webview two iframes deep) and keep screenshots
// of editor + preview in dark, light and high-contrast themes (switched through
// the Command Palette, as a user would); then the patient timeline webview
// beside a note of T.B., clicked through to an earlier visit.
import path from 'node:path';
import { forwardConsole, launchBrowser, workbenchUrl } from './host.mjs';

const THEMES = [
  { name: 'dark', theme: 'Default Dark Modern', workbench: 'vs-dark', body: 'vscode-dark' },
  { name: 'light', theme: 'Default Light Modern', workbench: 'vs', body: 'vscode-light' },
  { name: 'high-contrast', theme: 'Default High Contrast', workbench: 'hc-black', body: 'vscode-high-contrast' },
];

export const UI_SETTINGS = { 'editor.minimap.enabled': false };

/** F1, type the command's title, run it. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.locator('.quick-input-widget input').focus();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^.*?: /, '') }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Ctrl+P, type the file name, open it. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout: 30000 });
}

/** Ctrl+K Ctrl+T: the color theme picker. */
async function setTheme(page, t) {
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Default' }).first().waitFor();
  await page.keyboard.type(t.theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: t.theme }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.monaco-workbench.${t.workbench}`).waitFor({ timeout: 30000 });
}

/**
 * The webview frame (two iframes deep) that shows `selector`. Several webviews
 * may be open (the preview, the timeline), so look through the page's frames.
 */
async function webviewFrame(page, selector, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > end) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(200);
  }
}

export async function runUi(host, { extensionPath, artifacts, log }) {
  const { browser, context } = await launchBrowser();
  const page = await context.newPage();
  forwardConsole(page, (line) => {
    if (/visit ?notes|error/i.test(line)) log(`page: ${line}`);
  });
  const shot = (name) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  try {
    await page.goto(workbenchUrl(host, { devPath: extensionPath }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'bad.visit.md' }).waitFor({ timeout: 60000 });

    // Open the bad note through Quick Open.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('bad.visit.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'bad.visit.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60000 });
    log('squiggles on the bad note');

    // The status bar item: the note's health.
    const health = page.locator('.statusbar-item [aria-label^="Visit note health"]').first();
    await health.waitFor({ timeout: 30000 });
    log(`status bar: ${await health.getAttribute('aria-label')}`);

    // Problems panel rows.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'Countertransference' }).first().waitFor({ timeout: 30000 });
    const rows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    log(`problems (${rows.length} rows): ${rows.slice(0, 6).join(' | ')}`);
    if (!rows.some((r) => /required-section/.test(r))) throw new Error('no required-section row in Problems');
    if (!rows.some((r) => /frontmatter/.test(r))) throw new Error('no frontmatter row in Problems');
    await shot('ui-problems');

    // The preview, through the Command Palette.
    await runCommand(page, 'Visit Notes: Open Preview to the Side');
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const map = webview.locator('.vn-map');
    await map.waitFor({ timeout: 30000 });
    const g1 = webview.locator('li.vn-map-goal[data-goal="G1"]');
    const g2 = webview.locator('li.vn-map-goal.vn-alone[data-goal="G2"]');
    await g1.waitFor();
    await g2.waitFor();
    log(`goal map: G1 → "${(await g1.innerText()).replace(/\s+/g, ' ')}"; G2 → "${(await g2.innerText()).replace(/\s+/g, ' ')}"`);
    if (!/Mirtazapine/.test(await g1.innerText())) throw new Error('G1 should be served by Mirtazapine');
    if (!/Served by no medication/.test(await g2.innerText())) throw new Error('G2 should be flagged as served by nothing');
    await webview.locator('.vn-goal-undefined', { hasText: 'G9' }).first().waitFor();
    const finding = webview.locator('.vn-finding', { hasText: 'required-section' }).first();
    await finding.waitFor();

    // Clicking a goal in the map reveals its line in the editor.
    await g2.locator('a.vn-goal').click();
    const selection = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    await page.waitForFunction(
      () => /Ln 18,/.test(document.querySelector('#status\\.editor\\.selection')?.textContent ?? ''),
      undefined,
      { timeout: 15000 },
    );
    log(`reveal: editor at "${(await selection.innerText()).trim()}" after clicking G2`);

    // Back to the top: the preview follows the editor's scrolling.
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+J'); // hide the panel: more room for editor and preview
    await webview.locator('header.vn-card').waitFor();
    await page.waitForTimeout(500);

    // Screenshots in each theme; the webview follows the workbench theme.
    for (const t of THEMES) {
      await setTheme(page, t);
      await webview.locator(`body.${t.body}`).waitFor({ timeout: 30000 });
      await page.waitForTimeout(400);
      await shot(`vscode-${t.name}`);
      log(`screenshot: vscode-${t.name}.png`);
    }

    // The patient timeline: T.B.'s four visits beside her latest note, in the dark theme.
    await setTheme(page, THEMES[0]);
    await quickOpen(page, '2026-04-02-follow-up.visit.md');
    await page.keyboard.press('Control+B'); // hide the side bar: room for more visits
    await runCommand(page, 'Visit Notes: Show Patient Timeline');
    await page.locator('.tabs-container .tab.active', { hasText: 'Timeline T.B.' }).first().waitFor({ timeout: 30000 });
    const timeline = await webviewFrame(page, 'main.vn-timeline th.vn-visit');
    await timeline.locator(`body.${THEMES[0].body}`).waitFor({ timeout: 30000 });
    const tg1 = timeline.locator('tr.vn-goal-row[data-goal="G1"]');
    await tg1.waitFor({ state: 'visible' });
    const met = tg1.locator('.vn-badge.vn-g-met');
    await met.waitFor({ state: 'visible' });
    const dates = (await timeline.locator('th.vn-visit .vn-date').allInnerTexts()).map((d) => d.trim());
    log(`timeline: visits ${dates.join(', ')}; G1 → "${(await tg1.innerText()).replace(/\s+/g, ' ').slice(0, 120)}"`);
    if (dates.join(' ') !== '2026-01-08 2026-02-05 2026-03-05 2026-04-02') throw new Error(`timeline columns: ${dates.join(', ')}`);
    if ((await timeline.locator('tr.vn-goal-row').count()) !== 4) throw new Error('the timeline should have four goal rows');
    await page.waitForTimeout(300);
    await shot('vscode-timeline');
    log('screenshot: vscode-timeline.png');

    // Clicking a visit's date opens that note in the editor.
    await timeline.locator('a.vn-open', { hasText: '2026-01-08' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: '2026-01-08-intake.visit.md' }).first().waitFor({ timeout: 15000 });
    log('timeline: clicking 2026-01-08 opened 2026-01-08-intake.visit.md');
    return 0;
  } catch (err) {
    log(`UI FAIL: ${err?.stack ?? err}`);
    await shot('ui-error').catch(() => {});
    return 1;
  } finally {
    await browser.close();
  }
}
