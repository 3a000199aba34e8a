/**
 * The robustness section renderReport adds when given an uncertainty analysis: the rank-interval chart,
 * the grade-probability table, the sensitivity to each weight, and each unit's way into the next grade.
 */
import type { UncertaintyResult } from '@rubric/core';
import { renderReport } from '@rubric/report';
import { describe, expect, it } from 'vitest';
import { expectGolden, hostile, hostileUncertainty, loadResults, loadUncertainty } from './helpers.js';

/** The robustness section alone (it holds no nested section). */
function section(page: string): string {
  const start = page.indexOf('<section id="uncertainty">');
  if (start < 0) return '';
  return page.slice(start, page.indexOf('</section>', start) + '</section>'.length);
}

function unitPage(page: string, id: string): string {
  return page.split('<section class="unit"').find((u) => u.includes(`<code class="unit-id">${id}`)) ?? '';
}

describe('renderReport with an uncertainty analysis', () => {
  const results = loadResults();
  const analysis = loadUncertainty();
  const page = renderReport(results, { uncertainty: analysis });
  const robust = section(page);

  it('matches the golden section', () => {
    expectGolden('uncertainty-small.golden.html', `${robust}\n`);
  });

  it('adds nothing without an analysis', () => {
    expect(renderReport(results)).not.toContain('id="uncertainty"');
    expect(renderReport(results)).not.toContain('class="unit-robust"');
  });

  it('is byte-identical for the same inputs, whatever was rendered before', () => {
    renderReport(hostile(results), { uncertainty: hostileUncertainty(analysis), lang: 'en' });
    expect(renderReport(loadResults(), { uncertainty: loadUncertainty() })).toBe(page);
    expect(page).not.toMatch(/\bzr\d+-/);
  });

  it('says how the analysis varied the methodology and names the fragile units', () => {
    expect(robust).toContain('对每个计分权重施加 ±25% 的均匀随机扰动（同级权重重新归一），各等级阈值随机平移 ±0.5 分，共模拟 500 次（随机种子 7，结果可复现）。');
    expect(robust).toContain('1 个对象的得分离等级阈值不远于其得分的波动范围，列为临界：太原。');
    expect(robust).toContain('排名区间最宽的是广州（2–3）。');
    expect(robust).not.toContain('class="warning"'); // same rules, every unit analysed
  });

  it('draws the rank intervals: a bar per unit in nominal rank order, the nominal and median ranks marked', () => {
    const chart = robust.match(/<figure class="chart rank-intervals"><svg[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(chart).not.toBe('');
    const labels = [...chart.matchAll(/>(\d+) {2}([^<]+)<\/text>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(labels).toEqual(['1 深圳', '2 广州', '3 北京', '4 惠州', '5 太原']);
    expect(chart).toContain('>2–3</text>'); // 广州's interval printed beside its bar
    expect(chart).toContain('>名义排名</text>');
    expect(chart).toContain('>中位排名</text>');
    // The fragile unit's name is red.
    expect(chart).toMatch(/fill="#b4382e"[^>]*>5 {2}太原<\/text>/);
  });

  it('tables the probability of each grade, highlighting fragile units', () => {
    expect(robust).toMatch(/<th class="num">优秀<\/th><th class="num">良好<\/th><th class="num">中等<\/th><th class="num">较差<\/th>/);
    const taiyuan = robust.match(/<tr class="fragile">[\s\S]*?<\/tr>/)?.[0] ?? '';
    expect(taiyuan).toContain('<a href="#unit-5">太原</a> <span class="tag fragile-tag">临界</span>');
    expect(taiyuan).toContain('>51.2%</td>');
    expect(taiyuan).toContain('>48.8%</td>');
    expect(taiyuan).toContain('<td class="num">4–5</td>');
    expect(taiyuan).toContain('80 <span class="muted">(−5.20)</span>');
    expect(robust.match(/<tr class="fragile">/g)).toHaveLength(1);
    // Never rounded onto certainty: 0.9996 is not 100%, 0.0004 is not 0.
    expect(robust).toContain('>&gt;99.9%</td>');
    expect(robust).toContain('>&lt;0.1%</td>');
  });

  it('charts and tables the sensitivity to each weight, with Sobol indices', () => {
    const svgs = robust.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    const bars = [...svgs[1].matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]);
    // Largest shift first: handling 0.40, handling.delivery 0.36, guide 0.32.
    expect(bars.indexOf('事项办理')).toBeLessThan(bars.indexOf('事项办理 · 结果送达'));
    expect(bars.indexOf('事项办理 · 结果送达')).toBeLessThan(bars.indexOf('办事指南'));
    expect(bars).toContain('0.40');
    expect(robust).toContain('<th class="num">Sobol 一阶</th><th class="num">Sobol 总效应</th>');
    expect(robust).toContain('0.32 <span class="muted">(0.20–0.44)</span>');
    expect(robust).toContain('Sobol 指数：基础样本 64，共 640 次计算；括号内为 95% 置信区间。');
  });

  it('gives each unit page its rank interval and the cheapest way into the next grade', () => {
    const beijing = unitPage(page, 'beijing');
    expect(beijing).toContain('<div class="unit-robust">排名区间 2–3，中位 3 · <span class="prob-item">优秀 &lt;0.1%</span><span class="prob-item">良好 &gt;99.9%</span></div>');
    expect(beijing).toContain('<p>距优秀（≥ 90）还差 1.30 分。最省的证据改变：</p>');
    expect(beijing).toContain('<code>licence.e_certificate</code> <span class="muted">是否推送电子证照</span>：<code>false</code> → <code>true</code>，<span class="up">+7.00</span>');
    expect(beijing).toContain('影响 事项办理 · 结果送达 −40.00 → 不适用 <code>deduct 40 when not licence.e_certificate</code>');
    expect(beijing).toContain('<p>改后得分 95.70，等级 优秀。</p>');
    expect(beijing).toContain('同样改变数的其他方案： <code>complaint.ineffective</code> <code>true</code> → <code>false</code>（+2.00）');
    const huizhou = unitPage(page, 'huizhou');
    expect(huizhou.match(/<li><code>/g)).toHaveLength(2); // two changes, in order
    expect(unitPage(page, 'taiyuan')).toContain('在不超过 3 项证据改变内，找不到升至良好的路径。');
    expect(unitPage(page, 'taiyuan')).toContain('<span class="tag fragile-tag">临界</span>');
    expect(unitPage(page, 'shenzhen')).not.toContain('升档路径'); // already in the top grade
  });

  it('warns when the analysis is of other rules or lacks units', () => {
    const other: UncertaintyResult = {
      ...analysis,
      evaluation: { ...analysis.evaluation, rulesHash: 'sha256:0000' },
      units: analysis.units.filter((u) => u.id !== 'huizhou'),
    };
    const warned = section(renderReport(results, { uncertainty: other }));
    expect(warned).toContain('<p class="warning">注意：本分析所用的规则与本报告的结果不是同一版本（规则哈希不同），数字可能对不上。</p>');
    expect(warned).toContain('<p class="warning">本分析没有以下对象：惠州。</p>');
  });

  it('copes with an analysis without sensitivity figures, plans or units', () => {
    const bare: UncertaintyResult = {
      ...analysis,
      config: { ...analysis.config, steps: 0, maxChanges: 0, sobol: 0, threshold: 0 },
      indicators: analysis.indicators.map((i) => ({ ...i, meanRankShift: null, maxRankShift: null, unitsMoved: null })),
      units: analysis.units.map(({ nextBand: _n, ...u }) => u),
      sobol: undefined,
    };
    const bareSection = section(renderReport(results, { uncertainty: bare }));
    expect(bareSection.match(/<svg/g)).toHaveLength(1); // the rank intervals only
    expect(bareSection).not.toContain('Sobol');
    expect(bareSection).not.toContain('阈值随机平移');
    expect(renderReport(results, { uncertainty: bare })).not.toContain('升档路径');
    const empty = renderReport(results, { uncertainty: { ...bare, units: [], indicators: [] } });
    expect(section(empty)).not.toContain('<svg');
    expect(empty).toContain('</html>');
  });

  it('speaks English when asked', () => {
    const en = section(renderReport(results, { uncertainty: analysis, lang: 'en' }));
    expect(en).toContain('<h2>Robustness of the ranking</h2>');
    expect(en).toContain('Every counted weight was perturbed by uniform noise of ±25% (siblings renormalised), every grade threshold shifted by up to ±0.5 points, over 500 runs (seed 7, reproducible).');
    expect(en).toContain('>Nominal rank</text>');
  });

  describe('escapes every text of the analysis', () => {
    const evil = renderReport(hostile(loadResults()), { uncertainty: hostileUncertainty(loadUncertainty()) });

    it('never lets a name, label, grade or evidence value open a tag', () => {
      expect(evil).not.toContain('<b>');
      expect(evil).not.toContain('</script>');
      expect(evil).not.toMatch(/[\u2028\u2029]/);
      const robustEvil = section(evil);
      expect(robustEvil).toContain('太原&lt;/script&gt;&lt;b&gt;&quot;&#39;&#96;${x}{b}&#x2028;&amp;amp;');
      expect(robustEvil).toContain('{b}'); // not read as an ECharts template
      expect(unitPage(evil, 'beijing&lt;/script&gt;&lt;b&gt;')).toContain('<code>licence.e_certificate&lt;/script&gt;');
    });

    it('keeps ids and links made from positions, and the same structure as the plain report', () => {
      for (const [, id] of evil.matchAll(/\sid="([^"]*)"/g)) expect(id).toMatch(/^[a-z0-9-]+$/);
      for (const [, href] of evil.matchAll(/\shref="([^"]*)"/g)) expect(href).toMatch(/^#[a-z0-9-]+$/);
      const tags = (html: string) => (html.replace(/<svg[\s\S]*?<\/svg>/g, '<svg/>').match(/<\/?[a-z][a-z0-9]*/g) ?? []).join(' ');
      expect(tags(evil)).toBe(tags(page));
    });
  });

  describe('on the real 2022 analysis', () => {
    const gov = loadResults('gov-2022.results');
    const real = renderReport(gov, { uncertainty: loadUncertainty('gov-2022.uncertainty') });
    const realSection = section(real);

    it('draws 55 intervals in nominal rank order and names the fragile cities', () => {
      const chart = realSection.match(/<figure class="chart rank-intervals"><svg[\s\S]*?<\/svg>/)?.[0] ?? '';
      const labels = [...chart.matchAll(/>(\d+) {2}([^<]+)<\/text>/g)].map((m) => Number(m[1]));
      expect(labels).toEqual(gov.units.map((u) => u.rank));
      expect(realSection).toContain('11 个对象的得分离等级阈值不远于其得分的波动范围，列为临界：嘉兴、重庆、银川、绍兴、大连、珠海、西安、济南、南宁、郑州、乌鲁木齐。');
      expect(realSection).not.toContain('class="warning"');
      expect(realSection.match(/<tr class="fragile">/g)).toHaveLength(11);
    });

    it('tells a unit just below a band what would lift it', () => {
      const xian = unitPage(real, 'xian');
      expect(xian).toContain('<p>距优秀（≥ 90）还差 0.09 分。最省的证据改变：</p>');
      expect(xian).toContain('<code>mobile.coverage</code>');
    });
  });
});
