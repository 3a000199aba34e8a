#!/usr/bin/env node
// UI-level check in real VS Code (code-server + chromium): open the 2022 example, type an unsaved edit
// (two weights, and an evidence field nothing reads), see the status bar follow, the warning in the
// Problems panel, and the hover on 事项办理 show `saved → edited (Δ)`; then open the score preview.
// Saves docs/vscode-hover.png (hover + Problems) and docs/vscode-preview.png. Waits for selectors only.
// With --vsix FILE the extension is installed from that package (as a user would) instead of loaded
// as the extension under development.
//   node tests/e2e/vscode/ui.mjs [--no-screenshots] [--vsix out/rubric-0.1.0.vsix]
import fs from 'node:fs';
import path from 'node:path';
import { EXTENSION, ROOT, launchBrowser, log, scratchWorkspace, startCodeServer, workbenchUrl } from './harness.mjs';

const vsixAt = process.argv.indexOf('--vsix');
const vsix = vsixAt > 0 ? path.resolve(process.argv[vsixAt + 1]) : undefined;
const shots = !process.argv.includes('--no-screenshots') && !vsix;
const started = Date.now();
const { dir, ws } = scratchWorkspace('ui');
const rules = fs.readFileSync(path.join(ws, 'rules.rubric'), 'utf8').split('\n');
/** 1-based line of `needle`, and how many characters of that line follow the end of `needle`. */
const where = (needle) => {
  const line = rules.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not in rules.rubric`);
  return { line: line + 1, after: rules[line].length - rules[line].indexOf(needle) - needle.length };
};

const server = await startCodeServer(dir, ws, { vsix });
const browser = await launchBrowser(dir);
const page = browser.pages()[0] ?? (await browser.newPage());
let code = 1;
const step = async (what, fn) => {
  const t = Date.now();
  await fn();
  log(`${what} (${Date.now() - t} ms)`);
};

/** Puts the cursor at the start of a line (Quick Open `:line`). */
async function goTo(line) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Replaces the last `length` characters of `needle`'s occurrence with `text`, by keyboard. */
async function retype(needle, length, text) {
  const { line, after } = where(needle);
  await goTo(line);
  await page.keyboard.press('End');
  for (let i = 0; i < after; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type(text);
}

try {
  page.setDefaultTimeout(30_000);
  await step('workbench loaded', async () => {
    await page.goto(workbenchUrl(server, ws, vsix ? undefined : EXTENSION));
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  });
  await step('rules.rubric open, extension active, preview scored', async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 800, y: 500 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('rules.rubric');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'evaluation' }).first().waitFor();
    await page.locator('.statusbar-item', { hasText: '88.54' }).first().waitFor({ timeout: 60_000 });
  });
  await step('unsaved edit typed; status bar shows the edited mean', async () => {
    // Bottom up, so the line numbers of the saved text stay right.
    await retype('"全程网办" weight 40', 2, '30');
    await retype('"证照送达" weight 10', 2, '20');
    await goTo(where('"七大区域"').line);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('note: number missing exclude');
    await page.locator('.statusbar-item', { hasText: '87.97' }).first().waitFor();
  });
  await step('the unused field is a warning in the Problems panel', async () => {
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'note' }).first().waitFor();
  });
  await step('hover on 事项办理 shows saved → edited', async () => {
    await goTo(where('"事项办理"').line + 1); // one line was inserted above
    const label = page.locator('.monaco-editor .view-lines span[class*="mtk"]').filter({ hasText: /^"事项办理"$/ }).first();
    await label.waitFor();
    const hover = page.locator('.monaco-hover, .monaco-resizable-hover', { hasText: '83.55 → 80.69' });
    for (let attempt = 0; ; attempt++) {
      // Measured anew each time: the editor may still be scrolling or shrinking for the Problems panel,
      // and a stale box hovers some other line for ever.
      // Monaco re-renders the line's spans when semantic tokens or the diagnostics arrive, so the span
      // found a moment ago may be detached: that attempt just starts over with the new one.
      try {
        await label.scrollIntoViewIfNeeded({ timeout: 10_000 });
        const box = await label.boundingBox({ timeout: 10_000 });
        if (!box) throw new Error('the 事项办理 label has no box yet');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt === 7) throw e; // a loaded machine can take a while to score the edit
        await page.mouse.move(5, 5); // leave and come back: a hover shown before the preview was ready
      }
    }
    log(`hover: ${(await hover.first().innerText()).split('\n').slice(0, 3).join(' / ')}`);
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/vscode-hover.png') });
  });
  await step('score preview webview draws the edited scores', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('Rubric: Open Score Preview');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Score Preview' }).first().waitFor();
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('#overall-mean', { hasText: '87.97' }).waitFor();
    await frame.locator('#ranking tbody tr').nth(54).waitFor();
    await page.keyboard.press('Control+J'); // hide the panel: the preview gets the height
    await page.locator('.markers-panel').waitFor({ state: 'hidden' });
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/vscode-preview.png') });
  });
  code = 0;
} catch (e) {
  log(`FAILED: ${e.message.split('\n')[0]}`);
  await page.screenshot({ path: path.join(dir, 'ui-failure.png') }).catch(() => undefined);
  log(`failure screenshot: ${path.join(dir, 'ui-failure.png')}; code-server log: ${server.logFile}`);
} finally {
  await browser.close();
  server.stop();
  if (code === 0) fs.rmSync(dir, { recursive: true, force: true });
  log(`UI test in code-server${vsix ? ` (installed from ${path.basename(vsix)})` : ''}: ${code === 0 ? 'PASS' : 'FAIL'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(code);
