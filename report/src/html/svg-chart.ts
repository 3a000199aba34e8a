/**
 * Draws one chart as an SVG string at build time with Apache ECharts' server-side renderer, so the
 * report needs no script and no network when it is opened, and prints exactly as it shows.
 */
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only what the report draws is registered: smaller and faster to load than the full bundle.
echarts.use([BarChart, CustomChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, SVGRenderer]);

/**
 * The font stack the SVG text asks for. ECharts writes it unescaped into a `style="…"` attribute, so it
 * must never contain a double quote; it is a constant for that reason, never taken from results.
 */
export const CHART_FONT =
  "'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Renders `option` to SVG markup. `key` must be unique within the page: ECharts names the CSS classes
 * and clip paths of each chart after process-wide counters (`zr0-…`, `zr1-cls-17`), which would make
 * the output depend on how many charts were drawn before; they are renamed after the chart's key and
 * renumbered, so the same results always give the same bytes and no two charts share a class.
 */
export function renderSvgChart(key: string, option: EChartsOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...option });
    svg = chart.renderToSVGString();
  } finally {
    // An undisposed instance keeps an animation timer alive and the process from exiting.
    chart.dispose();
  }
  // Hover classes are numbered by a counter shared by all charts in the process: renumber them in order
  // of appearance within this chart.
  const classes = new Map<string, number>();
  const rename = (markup: string): string =>
    markup
      .replace(/\bzr\d+-cls-(\d+)/g, (_, n: string) => {
        if (!classes.has(n)) classes.set(n, classes.size);
        return `${key}-cls-${classes.get(n)}`;
      })
      .replace(/\bzr\d+-/g, `${key}-`);
  return (
    svg
      // Only markup is renamed — tags and the <style> block — never text, so a label that happens to
      // read "zr1-" is printed as written. Text nodes cannot hide a `<`: ECharts escapes it.
      .replace(/<style[\s\S]*?<\/style>|<[^>]*>/g, rename)
      // Text is entity-escaped by ECharts except the line separators; keep the file free of raw ones.
      .replace(/\u2028/g, '&#x2028;')
      .replace(/\u2029/g, '&#x2029;')
  );
}
