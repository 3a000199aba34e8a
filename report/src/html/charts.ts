/**
 * The report's charts: the figures a published evaluation report draws (first-level means, group
 * means, the grade distribution, changes against the baseline), as ECharts options rendered to SVG.
 * Label texts go through formatter functions, never formatter strings: ECharts would read `{b}` or
 * `{style|…}` inside a label from results as a template.
 */
import type { EChartsOption } from 'echarts';
import type { ReportContext } from './context.js';
import { percentOf } from './format.js';
import { renderSvgChart } from './svg-chart.js';

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
      name: ctx.t.baseline,
      type: 'bar',
      barMaxWidth: 40,
      itemStyle: { color: COLORS.baseline },
      data: baselines,
    });
  }
  series.push({
    name: ctx.t.current,
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

/** Units per grade, each bar in its grade's colour, labelled with count and share. */
export function gradeChart(ctx: ReportContext, grades: [string, number][]): string {
  const total = ctx.results.summary.units;
  const option: EChartsOption = {
    grid: { left: 48, right: 24, top: 28, bottom: 36 },
    xAxis: { type: 'category', data: grades.map(([grade]) => grade), ...axisStyle },
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
        data: grades.map(([, count], i) => ({
          value: count,
          itemStyle: { color: COLORS.grades[Math.min(i, COLORS.grades.length - 1)] },
        })),
      },
    ],
  };
  return renderSvgChart('chart-grades', option, { width: WIDTH, height: 250 });
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
    series: [bar(ctx.t.baseline, COLORS.baseline, baselines), bar(ctx.t.current, COLORS.current, currents)],
  };
  return renderSvgChart('chart-year-over-year', option, { width: WIDTH, height: 64 + labels.length * 40 });
}
