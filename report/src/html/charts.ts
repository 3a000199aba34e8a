/**
 * The report's charts: the figures a published evaluation report draws (first-level means, group
 * means, the grade distribution, changes against the baseline), as ECharts options rendered to SVG.
 * Label texts go through formatter functions, never formatter strings: ECharts would read `{b}` or
 * `{style|…}` inside a label from results as a template.
 */
import type { EChartsOption } from 'echarts';
import type { ReportContext } from './context.js';
import { percentOf } from './format.js';
import { CHART_FONT, renderSvgChart } from './svg-chart.js';

export const COLORS = {
  current: '#24508f',
  baseline: '#b7c1cf',
  meanLine: '#8a4b2a',
  axis: '#59606b',
  grid: '#e3e6eb',
  text: '#2a2f36',
  /** Grades in the order the rules declare them, best first. */
  grades: ['#2d7a57', '#3f74b5', '#d4962a', '#c2503a', '#7b5ea7', '#8a8f98'],
};

const WIDTH = 760;

const axisStyle = {
  axisLine: { lineStyle: { color: COLORS.axis } },
  axisTick: { show: false },
  axisLabel: { color: COLORS.text, fontSize: 12 },
  splitLine: { lineStyle: { color: COLORS.grid } },
};

interface Datum {
  value?: unknown;
}
const valueOf = (p: unknown): number => Number((p as Datum).value);

/** The value printed inside the top of a bar, where the mean line cannot cross it. */
function insideLabel(ctx: ReportContext) {
  return {
    show: true,
    position: 'insideTop' as const,
    distance: 6,
    color: '#fff',
    fontWeight: 600 as const,
    formatter: (p: unknown) => ctx.num(valueOf(p)),
  };
}

/** A dashed line at the overall mean, so every bar is read against it. */
function meanLine(ctx: ReportContext, horizontal: boolean) {
  const mean = ctx.results.summary.mean;
  return {
    silent: true,
    // Behind the bars, so it never runs through the values printed on them.
    z: 1,
    symbol: 'none',
    lineStyle: { color: COLORS.meanLine, type: 'dashed' as const, width: 1 },
    label: {
      color: COLORS.meanLine,
      position: 'end' as const,
      formatter: () => `${ctx.t.overallMeanLine} ${ctx.num(mean)}`,
    },
    data: [horizontal ? { xAxis: mean } : { yAxis: mean }],
  };
}

function valueAxis(ctx: ReportContext) {
  const { min, max } = ctx.results.evaluation.scale;
  return { type: 'value' as const, min, max, ...axisStyle, axisLine: { show: false } };
}

/** Vertical bars of first-level means against the overall mean. */
export function firstLevelChart(ctx: ReportContext, labels: string[], means: (number | null)[]): string {
  const option: EChartsOption = {
    grid: { left: 48, right: 96, top: 28, bottom: 36 },
    xAxis: { type: 'category', data: labels, ...axisStyle },
    yAxis: valueAxis(ctx),
    series: [
      {
        type: 'bar',
        barMaxWidth: 56,
        itemStyle: { color: COLORS.current },
        label: insideLabel(ctx),
        data: means,
        markLine: meanLine(ctx, false),
      },
    ],
  };
  return renderSvgChart('chart-first-level', option, { width: WIDTH, height: 300 });
}

/** Means of one group's values (bars), with last year's beside them when the baseline has them. */
export function groupChart(
  ctx: ReportContext,
  key: string,
  values: string[],
  means: number[],
  baselines: (number | null)[] | null,
): string {
  const many = values.length > 8;
  const series: EChartsOption['series'] = [];
  if (baselines) {
    series.push({
      name: ctx.t.baseline(ctx.baselineName),
      type: 'bar',
      barMaxWidth: 40,
      itemStyle: { color: COLORS.baseline },
      data: baselines,
    });
  }
  series.push({
    name: ctx.currentName,
    type: 'bar',
    barMaxWidth: 40,
    itemStyle: { color: COLORS.current },
    label: insideLabel(ctx),
    data: means,
    markLine: meanLine(ctx, false),
  });
  const option: EChartsOption = {
    grid: { left: 48, right: 96, top: baselines ? 44 : 28, bottom: many ? 64 : 36 },
    legend: baselines ? { top: 0, right: 96, textStyle: { color: COLORS.text } } : undefined,
    xAxis: {
      type: 'category',
      data: values,
      ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, interval: 0, rotate: many ? 40 : 0 },
    },
    yAxis: valueAxis(ctx),
    series,
  };
  return renderSvgChart(key, option, { width: WIDTH, height: many ? 340 : 300 });
}

/** Units per grade, each bar in its grade's colour, labelled with count and share, its band under its name. */
export function gradeChart(ctx: ReportContext, grades: ReportContext['grades']): string {
  const total = ctx.results.summary.units;
  const bands = grades.map((g) => g.band);
  const option: EChartsOption = {
    grid: { left: 48, right: 24, top: 28, bottom: 52 },
    xAxis: {
      type: 'category',
      data: grades.map((g) => g.name),
      ...axisStyle,
      axisLabel: {
        ...axisStyle.axisLabel,
        interval: 0,
        lineHeight: 18,
        // A function, never a template string: the grade's name is printed as written.
        formatter: (name: string, index: number) => (bands[index] ? `${name}\n${bands[index]}` : name),
      },
    },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle, axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 72,
        label: {
          show: true,
          position: 'top',
          color: COLORS.text,
          formatter: (p: unknown) => ctx.t.countShare(valueOf(p), percentOf(valueOf(p), total)),
        },
        data: grades.map(({ count }, i) => ({
          value: count,
          itemStyle: { color: COLORS.grades[Math.min(i, COLORS.grades.length - 1)] },
        })),
      },
    ],
  };
  return renderSvgChart('chart-grades', option, { width: WIDTH, height: 266 });
}

/** Horizontal pairs of bars, baseline and current, for every indicator the baseline also has. */
export function yearOverYearChart(ctx: ReportContext, labels: string[], baselines: number[], currents: number[]): string {
  const bar = (name: string, color: string, data: number[]) => ({
    name,
    type: 'bar' as const,
    barMaxWidth: 14,
    barGap: '15%',
    itemStyle: { color },
    label: { show: true, position: 'right' as const, color: COLORS.text, fontSize: 11, formatter: (p: unknown) => ctx.num(valueOf(p)) },
    data,
  });
  const option: EChartsOption = {
    grid: { left: 16, right: 56, top: 36, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, right: 56, textStyle: { color: COLORS.text } },
    xAxis: valueAxis(ctx),
    yAxis: { type: 'category', data: labels, inverse: true, ...axisStyle },
    series: [bar(ctx.t.baseline(ctx.baselineName), COLORS.baseline, baselines), bar(ctx.currentName, COLORS.current, currents)],
  };
  return renderSvgChart('chart-year-over-year', option, { width: WIDTH, height: 64 + labels.length * 40 });
}

/** One unit's row of the rank-interval chart. */
export interface RankIntervalRow {
  name: string;
  rank: number;
  median: number;
  p5: number;
  p95: number;
  /** Position of its nominal grade in the declared order (its colour). */
  grade: number;
  fragile: boolean;
}

/** A step for rank axis ticks that gives at most about a dozen labels. */
function rankStep(total: number): number {
  for (const step of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]) if (total / step <= 12) return step;
  return Math.ceil(total / 12);
}

interface CustomApi {
  value: (dim: number) => number;
  coord: (point: number[]) => number[];
  size: (value: number[]) => number[];
  visual: (name: string) => string;
}

/**
 * Each unit's 5th–95th percentile rank over the runs as a horizontal bar in its grade's colour, its
 * nominal rank as a diamond and its median rank as a tick; units top to bottom in nominal rank order,
 * rank 1 on the left. Fragile units' names are red. The interval's figures print beside the bar.
 */
export function rankIntervalChart(ctx: ReportContext, rows: RankIntervalRow[], total: number): string {
  const { t } = ctx;
  const gradeColor = (i: number) => COLORS.grades[Math.min(Math.max(i, 0), COLORS.grades.length - 1)];
  const rowHeight = 17;
  const option: EChartsOption = {
    grid: { left: 16, right: 24, top: 40, bottom: 28, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: {
      top: 0,
      right: 24,
      itemWidth: 14,
      itemHeight: 12,
      textStyle: { color: COLORS.text },
      // The median's own symbol is a thin bar; as a legend block it would read as an interval.
      data: [
        { name: t.nominalRank, icon: 'diamond' },
        { name: t.medianRank, icon: 'path://M6,0h2v12h-2z' },
      ],
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: total + 1,
      interval: rankStep(total),
      position: 'top',
      ...axisStyle,
      axisLine: { show: false },
      axisLabel: { ...axisStyle.axisLabel, formatter: (v: number) => (v >= 1 && v <= total ? String(v) : '') },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, interval: 0, fontSize: 11 },
      splitLine: { show: false },
      data: rows.map((r) => ({
        value: `${r.rank}  ${r.name}`,
        textStyle: r.fragile ? { color: '#b4382e', fontWeight: 'bold' as const } : { color: COLORS.text },
      })),
    },
    series: [
      {
        name: t.rankInterval,
        type: 'custom',
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => ({ value: [i, r.p5, r.p95], itemStyle: { color: gradeColor(r.grade) } })),
        renderItem: ((_params: unknown, api: CustomApi) => {
          const y = api.value(0);
          const lo = api.value(1);
          const hi = api.value(2);
          const start = api.coord([lo - 0.4, y]);
          const end = api.coord([hi + 0.4, y]);
          const height = Math.max(4, api.size([0, 1])[1] * 0.5);
          const children: object[] = [
            {
              type: 'rect',
              shape: { x: start[0], y: start[1] - height / 2, width: end[0] - start[0], height, r: 2 },
              style: { fill: api.visual('color'), opacity: 0.55 },
            },
          ];
          if (hi > lo) {
            children.push({
              type: 'text',
              style: { text: `${lo}–${hi}`, x: end[0] + 6, y: end[1], verticalAlign: 'middle', fill: COLORS.axis, fontSize: 10, fontFamily: CHART_FONT },
            });
          }
          return { type: 'group', children };
        }) as never,
        z: 1,
      },
      {
        name: t.medianRank,
        type: 'scatter',
        symbol: 'rect',
        symbolSize: [2, 12],
        itemStyle: { color: COLORS.text, opacity: 1 },
        data: rows.map((r, i) => [r.median, i]),
        z: 2,
      },
      {
        name: t.nominalRank,
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 9,
        itemStyle: { color: COLORS.current, borderColor: '#fff', borderWidth: 1, opacity: 1 },
        data: rows.map((r, i) => [r.rank, i]),
        z: 3,
      },
    ],
  };
  return renderSvgChart('chart-rank-intervals', option, { width: WIDTH, height: 68 + rows.length * rowHeight });
}

/** Horizontal bars of how much each weight moves the ranks, largest first; first-level weights darker. */
export function sensitivityChart(ctx: ReportContext, labels: string[], values: number[], topLevel: boolean[]): string {
  const option: EChartsOption = {
    grid: { left: 16, right: 56, top: 12, bottom: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', ...axisStyle, axisLine: { show: false } },
    yAxis: { type: 'category', data: labels, inverse: true, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 0 } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 14,
        label: { show: true, position: 'right', color: COLORS.text, fontSize: 11, formatter: (p: unknown) => valueOf(p).toFixed(2) },
        data: values.map((value, i) => ({ value, itemStyle: { color: topLevel[i] ? COLORS.current : '#7f9cc6' } })),
      },
    ],
  };
  return renderSvgChart('chart-sensitivity', option, { width: WIDTH, height: 40 + labels.length * 24 });
}
