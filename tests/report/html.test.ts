import type { Results } from '@rubric/core';
import { renderReport } from '@rubric/report';
import { describe, expect, it } from 'vitest';
import { hostile, loadResults } from './helpers.js';

describe('renderReport', () => {
  const results = loadResults();
  const page = renderReport(results);

  it('is one complete, self-contained document', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`);
    // Nothing to fetch: no scripts, no external sheets or images, no URLs but the SVG namespaces.
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    const urls = page.match(/https?:\/\/[^\s"')<]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
  });

  it('is byte-identical for the same results, whatever was rendered before', () => {
    const again = renderReport(loadResults());
    renderReport(hostile(loadResults()), { lang: 'en' });
    renderReport(loadResults(), { lang: 'en' });
    expect(renderReport(loadResults())).toBe(page);
    expect(again).toBe(page);
    // ECharts' process-wide instance ids must not leak into the page.
    expect(page).not.toMatch(/\bzr\d+-/);
  });

  it('draws the four kinds of chart as inline SVG', () => {
    const charts = page.match(/<figure class="chart"><svg[\s\S]*?<\/svg>/g) ?? [];
    expect(charts.length).toBe(4); // first-level, one group (region), grades, year over year
    for (const chart of charts) expect(chart).toMatch(/<path d="M/);
  });

  it('shows the figures of a published report', () => {
    expect(page).toContain('85.98'); // overall mean
    expect(page).toContain('+0.86'); // against the baseline
    expect(page).toContain('华南得分最高，华北最低，相差 7.05 分。');
    expect(page).toContain('<td>深圳</td>\n<td>惠州</td>'); // best and worst of 华南
    expect(page).toContain('上年评估没有以下指标的数据（不以零计）：检索可用、'); // not a change from zero
    expect(page).toContain('<span class="tag good-tag">良好做法</span>');
    expect(page).toContain('100.00%'); // no_human_guide: 5 of 5
    expect(page).toContain('excluded: complaint.days missing');
    expect(page).toContain('<code>licence.e_certificate</code> = <code>false</code>');
    expect(page.match(/<section class="unit"/g)).toHaveLength(results.units.length);
  });

  it('explains the lost points of each unit, leaving out indicators at full marks', () => {
    const units = page.split('<section class="unit"').slice(1);
    const shenzhen = units[0];
    expect(shenzhen).toContain('deduct 5 per guide.errors');
    expect(shenzhen).not.toContain('tech.uptime_pct'); // 100 on tech.accessibility: nothing lost
    const huizhou = units[3];
    expect(huizhou).toContain('score = tech.uptime_pct'); // 90: the leaf score is the explanation
    const taiyuan = units[4];
    expect(taiyuan).toContain('missing complaint.days exclude');
    expect(taiyuan).toContain('<code>complaint.days</code> = <code>null</code>');
  });

  it('speaks English when asked, with the labels of the results unchanged', () => {
    const en = renderReport(results, { lang: 'en' });
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(en).toContain('Indicator system');
    expect(en).toContain('no baseline');
    expect(en).toContain('技术支撑');
    expect(en).not.toContain('指标体系');
  });

  it('leaves out what the results do not have: no baseline, no groups, no findings, no units', () => {
    const bare: Results = {
      ...results,
      summary: {
        ...results.summary,
        baseline: undefined,
        delta: undefined,
        indicators: Object.fromEntries(
          Object.entries(results.summary.indicators).map(([k, { baseline: _b, delta: _d, baselineMissing: _m, ...s }]) => [k, s]),
        ),
      },
      units: results.units.map(({ baseline: _b, delta: _d, ...u }) => u),
      groups: {},
      groupGaps: {},
      findings: [],
    };
    const page = renderReport(bare);
    expect(page).not.toContain('与上年比较');
    expect(page).not.toContain('无上年数据');
    expect(page).not.toContain('主要发现');
    expect(page).not.toContain('分组得分');
    const empty = renderReport({ ...bare, units: [], summary: { ...bare.summary, units: 0, grades: {} } });
    expect(empty).toContain('</html>');
  });

  describe('escapes every text that comes from results', () => {
    const evil = renderReport(hostile(loadResults()));

    it('never lets a label open or close a tag', () => {
      expect(evil).not.toContain('<b>');
      expect(evil).not.toContain('</script>');
      expect(evil).not.toMatch(/[\u2028\u2029]/);
      // Escaped by the report (text and attributes) and by ECharts inside the SVG charts.
      expect(evil).toContain('&lt;/script&gt;&lt;b&gt;&quot;&#39;&#96;${x}{b}&#x2028;&amp;amp;');
      expect(evil).toContain('&lt;/script&gt;&lt;b&gt;&quot;&#39;`${x}{b}&#x2028;&amp;amp;');
    });

    it('keeps ids and links made from positions, never from result text', () => {
      for (const [, id] of evil.matchAll(/\sid="([^"]*)"/g)) expect(id).toMatch(/^[a-z0-9-]+$/);
      for (const [, href] of evil.matchAll(/\shref="([^"]*)"/g)) expect(href).toMatch(/^#[a-z0-9-]+$/);
    });

    it('does not let ECharts read a label as a formatter template', () => {
      // `{b}` would be replaced by the category name if it reached a formatter string.
      const svgs = evil.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs.join('')).toContain('{b}');
    });

    it('changes no structure: the same tags in the same order as the plain report', () => {
      const tags = (html: string) => (html.replace(/<svg[\s\S]*?<\/svg>/g, '<svg/>').match(/<\/?[a-z][a-z0-9]*/g) ?? []).join(' ');
      expect(tags(evil)).toBe(tags(renderReport(loadResults())));
    });
  });
});
