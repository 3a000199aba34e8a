import type { Results } from '@rubric/core';
import { renderReport } from '@rubric/report';
import { lostPoints } from '@rubric/report/lost-points';
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
    expect(page).toContain('2021 年评估没有以下指标的数据（不以零计）：检索可用、'); // not a change from zero
    expect(page).toContain('<span class="tag good-tag">良好做法</span>');
    expect(page).toContain('100.00%'); // no_human_guide: 5 of 5
    expect(page).toContain('<code>licence.e_certificate</code> = <code>false</code>');
    expect(page.match(/<section class="unit"/g)).toHaveLength(results.units.length);
  });

  it('prints each grade with its band, as the published report does', () => {
    for (const card of ['优秀 ≥ 90', '良好 80–90', '中等 70–80', '较差 &lt; 70']) {
      expect(page).toContain(`<div class="figure-label">${card}</div>`);
    }
    expect(page).toContain('<td><span class="swatch grade-1"></span>良好</td>\n<td class="band">80–90</td>');
    const chart = page.slice(page.indexOf('<section id="grades">'), page.indexOf('<section id="year-over-year">'));
    expect(chart).toMatch(/>≥ 90<\/text>/);
    expect(chart).toMatch(/>&lt; 70<\/text>/);
  });

  it('names groups, scenarios and the baseline by their labels', () => {
    expect(page).toContain('<h2>分组得分：区域</h2>');
    expect(page).not.toContain('分组得分：region');
    expect(page).toContain('<th>区域</th>'); // ranking column
    expect(page).toContain('<span class="meta-item">区域: 华南</span>'); // unit page
    expect(page).toContain('计分场景：药品/食品经营许可办理。观察项（居民临时身份证办理）对照同一指标测评，不计入总分。');
    expect(page).toContain('<h2>与 2021 年比较</h2>');
    expect(page).toContain('<th class="num">2021 年</th><th class="num">2022 年</th>');
    expect(page).toContain('+0.86</span> · 2021 年 85.12'); // headline card
    expect(page).not.toContain('上年');

    const named = (baseline: Results['evaluation']['baseline']) =>
      renderReport({ ...results, evaluation: { ...results.evaluation, baseline } });
    const byLabel = named({ label: '第三方评估（2021 试点）' });
    expect(byLabel).toContain('<h2>与第三方评估（2021 试点）比较</h2>');
    const unknown = named(undefined);
    expect(unknown).toContain('<h2>与基线比较</h2>');
    expect(unknown).toContain('<th class="num">基线</th><th class="num">本次</th>');
    expect(unknown).toContain('基线没有以下指标的数据（不以零计）');
    expect(renderReport({ ...results, evaluation: { ...results.evaluation, baseline: {} } }, { lang: 'en' })).toContain(
      '<h2>Change against the baseline</h2>',
    );
  });

  describe('explains every lost point by the kind of its step', () => {
    const units = page.split('<section class="unit"').slice(1);
    const [shenzhen, guangzhou, beijing, huizhou, taiyuan] = units;
    /** The rows of the lost-point table: [indicator path, rule, change, effect], in page order. */
    const steps = (unit: string) => {
      const table = unit.slice(unit.indexOf('<table class="explain">'));
      const out: string[][] = [];
      let path = '';
      for (const [row] of table.matchAll(/<tr>[\s\S]*?<\/tr>/g)) {
        path = row.match(/<div class="path"><code>([^<]*)<\/code>/)?.[1] ?? path;
        const rule = row.match(/<td><code>([^<]*)<\/code>/)?.[1];
        const nums = [...row.matchAll(/<td class="num[^"]*">(?:<span class="[a-z]*">)?([^<]*)</g)].map((m) => m[1]);
        if (rule !== undefined) out.push([path, rule, ...nums]);
      }
      return out;
    };

    it('a start below full marks loses the difference, an add gains, indicators at full marks are left out', () => {
      expect(steps(shenzhen)).toEqual([
        ['interaction.consult', 'deduct 10 when not consult.human_guide', '−10.00', '−1.00'],
        ['guide.accuracy', 'start 90', '−10.00', '−1.00'],
        ['guide.accuracy', 'add 5 when guide.re_rating', '+5.00', '+0.50'],
      ]);
      expect(shenzhen).not.toContain('tech.uptime_pct'); // 100 on tech.accessibility: nothing lost
      expect(shenzhen).toContain('共失 1.50 分（满分 100，得分 98.50）。失分最多的指标：互动交流 · 咨询答复（−1.00）。');
      expect(shenzhen).toContain('起始分低于满分');
      expect(shenzhen).toContain('合计 −5.00，总分 −0.50');
    });

    it('a score step loses full marks minus its points; steps are ordered by their cost to the total', () => {
      const rows = steps(huizhou);
      expect(rows[0]).toEqual(['handling.delivery', 'deduct 40 when not licence.e_certificate', '−40.00', '−7.00']);
      expect(rows).toContainEqual(['tech.accessibility', 'score = tech.uptime_pct', '−10.00', '−0.80']);
      const effects = rows.filter(([path]) => !path.startsWith('temp_id')).map((r) => Number(r[3].replace('−', '-')));
      // Leaves in order of their total cost; the steps of one leaf stay in rule order.
      expect(effects[0]).toBeLessThanOrEqual(Math.min(...effects));
      expect(huizhou).toContain('失分最多的指标：事项办理 · 结果送达（−7.00）');
    });

    it('observed indicators explain their points but do not count; clamp and zero say what they did', () => {
      const observed = steps(huizhou).filter(([path]) => path.startsWith('temp_id'));
      expect(observed).toEqual([
        ['temp_id.online', 'deduct 60 when not temp.online_apply', '−60.00', '不计分'],
        ['temp_id.online', 'deduct 30 per temp.visits', '−60.00', '不计分'],
        ['temp_id.online', 'start 100', '+20.00', '不计分'], // the clamp gives back what went below 0
        ['temp_id.guide', 'score = 100 * temp.guide_elements', '−40.00', '不计分'],
      ]);
      expect(huizhou).toContain('超出分值范围，拉回');
      expect(taiyuan).toContain('证据缺失（temp.online_share），按规则计最低分');
      expect(steps(taiyuan)).toContainEqual(['temp_id.online', 'score = 100 * temp.online_share', '−100.00', '不计分']);
      expect(beijing).toContain('check temp.online_apply');
    });

    it('an excluded leaf names its missing evidence and shares its weight with its siblings', () => {
      expect(taiyuan).toContain('证据缺失（complaint.days），按规则排除，权重由同级指标分担');
      expect(taiyuan).toContain('<code>complaint.days</code> = <code>null</code>');
      // interaction.consult carries all of interaction's 20% while complaint is excluded.
      expect(taiyuan).toContain('<code>interaction.consult</code></div><div class="path">得分 60.00 · 占总分 20%');
      expect(steps(taiyuan)).toContainEqual(['interaction.consult', 'deduct 30 when consult.hotline_unanswered', '−30.00', '−6.00']);
      expect(steps(taiyuan)).toContainEqual(['interaction.complaint', expect.stringContaining('complaint.days'), '—', '—']);
      expect(guangzhou).toContain('共失 7.85 分');
    });
  });

  describe('on the real 2022 example', () => {
    const gov = loadResults('gov-2022.results');
    const report = renderReport(gov);

    it('shows the published figures, bands, regions and the 2021 comparison', () => {
      expect(report).toContain('<div class="figure-value">88.54</div>');
      expect(report).toContain('<div class="figure-label">优秀 ≥ 90</div><div class="figure-value">23</div><div class="figure-sub">41.82%</div>');
      expect(report).toContain('<div class="figure-label">良好 80–90</div><div class="figure-value">30</div><div class="figure-sub">54.55%</div>');
      expect(report).toContain('<h2>分组得分：区域</h2>');
      expect(report).toContain('华南得分最高，华中最低，相差 6.30 分。');
      expect(report).toContain('<h2>与 2021 年比较</h2>');
      expect(report).toContain('观察项（居民临时身份证办理）');
    });

    it('explains each unit\'s lost points so that their effects add up to full marks minus its score', () => {
      for (const unit of gov.units) {
        const { leaves, lost } = lostPoints(gov, unit);
        const sum = leaves.reduce((s, leaf) => s + (leaf.effect ?? 0), 0);
        expect(Math.abs(sum + lost)).toBeLessThan(0.01);
        expect(lost).toBeCloseTo(gov.evaluation.scale.max - unit.score, 6);
      }
      const lasa = report.split('<section class="unit"').find((u) => u.includes('<code class="unit-id">lasa</code>')) as string;
      expect(lasa).toContain('共失 21.36 分（满分 100，得分 78.64）。失分最多的指标：事项办理 · 业务融合（−3.90）。');
      expect(lasa).toContain('证据缺失（complaint.days_to_reply），按规则排除，权重由同级指标分担');
    });
  });

  it('speaks English when asked, with the labels of the results unchanged', () => {
    const en = renderReport(results, { lang: 'en' });
    expect(en.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(en).toContain('Indicator system');
    expect(en).toContain('not in 2021');
    expect(en).toContain('Change against 2021');
    expect(en).toContain('Scores by 区域');
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
    expect(page).not.toContain('比较</h2>');
    expect(page).not.toContain('无数据');
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

    it('escapes a baseline named by its label, and group and scenario labels', () => {
      const evilResults = hostile(loadResults());
      const byLabel = renderReport({ ...evilResults, evaluation: { ...evilResults.evaluation, baseline: { label: evilResults.evaluation.label } } });
      expect(byLabel).not.toContain('<b>');
      expect(byLabel).toContain('<h2>与 2022年重点城市在线政务服务质量评估&lt;/script&gt;&lt;b&gt;');
      expect(evil).toContain('<h2>分组得分：区域&lt;/script&gt;&lt;b&gt;');
      expect(evil).toContain('观察项（居民临时身份证办理&lt;/script&gt;&lt;b&gt;');
      expect(evil).toContain('<div class="figure-label">优秀&lt;/script&gt;&lt;b&gt;&quot;&#39;&#96;${x}{b}&#x2028;&amp;amp; ≥ 90</div>');
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
