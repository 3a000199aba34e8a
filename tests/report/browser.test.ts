/**
 * Opens report.html the way a colleague would — from a file, offline — in headless Debian chromium and
 * checks that every chart was drawn, nothing tried the network and nothing logged an error.
 * UPDATE_SCREENSHOT=1 also refreshes docs/report-screenshot.png (review it before committing).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderReport } from '@rubric/report';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostile, hostileUncertainty, loadResults, loadUncertainty } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../../docs/report-screenshot.png', import.meta.url));
const missing = !existsSync(CHROMIUM);
if (missing) {
  console.warn(`report browser test skipped: ${CHROMIUM} not found (apt-get update && apt-get install -y chromium)`);
}

describe.skipIf(missing)(`report.html in headless chromium${missing ? ` (skipped: no ${CHROMIUM})` : ''}`, () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rubric-report-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the page offline; returns it with what it logged and what it tried to fetch. */
  async function open(file: string, html: string) {
    const path = join(dir, file);
    writeFileSync(path, html);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    return { page, errors, blocked };
  }

  /** Every chart's size, its visible marks and its texts. */
  async function charts(page: Awaited<ReturnType<typeof open>>['page']) {
    return page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const marks = Array.from(svg.querySelectorAll('path, rect')).filter((el) => {
          const b = (el as SVGGraphicsElement).getBBox();
          return b.width > 0 && b.height > 0;
        });
        return {
          key: svg.closest('figure')?.className ?? '',
          width: box.width,
          height: box.height,
          marks: marks.length,
          texts: svg.querySelectorAll('text').length,
        };
      }),
    );
  }

  it('draws every chart, fetches nothing and logs no error', async () => {
    const { page, errors, blocked } = await open('report.html', renderReport(loadResults()));
    const drawn = await charts(page);
    expect(drawn).toHaveLength(4);
    for (const chart of drawn) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.marks).toBeGreaterThan(3);
      expect(chart.texts).toBeGreaterThan(3);
    }
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws the real 2022 report with its uncertainty analysis: rank intervals and sensitivity too', async () => {
    const gov = loadResults('gov-2022.results');
    const { page, errors, blocked } = await open('gov-2022.html', renderReport(gov, { uncertainty: loadUncertainty('gov-2022.uncertainty') }));
    const drawn = await charts(page);
    // first-level, region, grades, against 2021, rank intervals, sensitivity
    expect(drawn).toHaveLength(6);
    for (const chart of drawn) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.marks).toBeGreaterThan(3);
      expect(chart.texts).toBeGreaterThan(3);
    }
    const intervals = drawn.find((c) => c.key.includes('rank-intervals'));
    // A bar, a median tick and a nominal diamond per city, each one visible.
    expect(intervals?.marks).toBeGreaterThanOrEqual(3 * gov.units.length);
    expect(intervals?.height).toBeGreaterThan(gov.units.length * 12);
    const dom = await page.evaluate(() => ({
      fragileRows: document.querySelectorAll('table.probabilities tr.fragile').length,
      robustLines: document.querySelectorAll('.unit-robust').length,
      nextBands: document.querySelectorAll('ol.next-band').length,
    }));
    expect(dom.fragileRows).toBe(11);
    expect(dom.robustLines).toBe(gov.units.length);
    expect(dom.nextBands).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);

    if (process.env.UPDATE_SCREENSHOT === '1') {
      // The top of the real report: cover, contents, headline figures, indicator system, first-level chart.
      const box = await page.locator('#first-level').boundingBox();
      const height = Math.ceil((box?.y ?? 0) + (box?.height ?? 1500) + 24);
      await page.screenshot({ path: SCREENSHOT, clip: { x: 0, y: 0, width: 1100, height }, fullPage: true });
    }
    await page.close();
  }, 60_000);

  it('shows hostile labels as text: no injected element, the page intact', async () => {
    const { page, errors, blocked } = await open(
      'hostile.html',
      renderReport(hostile(loadResults()), { uncertainty: hostileUncertainty(loadUncertainty()) }),
    );
    const dom = await page.evaluate(() => ({
      injected: document.querySelectorAll('script, b').length,
      sections: document.querySelectorAll('main > section').length,
      units: document.querySelectorAll('section.unit').length,
      charts: document.querySelectorAll('figure.chart svg').length,
      title: document.title,
      text: document.body.innerText,
    }));
    expect(dom.injected).toBe(0);
    expect(dom.sections).toBe(10);
    expect(dom.units).toBe(5);
    expect(dom.charts).toBe(6);
    expect(dom.title).toContain('</script><b>"\'`${x}{b}');
    expect(dom.text).toContain('深圳</script><b>"\'`${x}{b}');
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  }, 60_000);
});
