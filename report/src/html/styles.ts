/**
 * The report's stylesheet, inlined so the file is complete offline. System fonts only (no web fonts to
 * fetch): Latin faces first so figures keep Latin digits, then the Chinese faces each platform ships.
 * Print: A4, each unit on a new page, table headers repeated, rows never split across pages.
 */
import { COLORS } from './charts.js';

const FONT =
  '"Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';
const MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace';

export const STYLES = `
:root { --ink: #1f2430; --muted: #5d6572; --rule: #dadee4; --soft: #f4f6f9; --accent: ${COLORS.current};
  --up: #1c7a4a; --down: #b4382e; }
* { box-sizing: border-box; }
html { font-size: 15px; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink); font-family: ${FONT}; line-height: 1.65;
  font-variant-numeric: tabular-nums; }
main { max-width: 940px; margin: 0 auto; padding: 48px 36px 72px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: ${MONO}; font-size: 0.84em; color: #3a4352; overflow-wrap: break-word; }

header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 18px; margin-bottom: 8px; }
.kicker { color: var(--accent); font-weight: 600; letter-spacing: 0.06em; font-size: 0.9rem; }
h1 { font-size: 2rem; line-height: 1.3; margin: 6px 0 10px; font-weight: 700; letter-spacing: 0.01em; }
.subtitle { color: var(--muted); font-size: 0.92rem; display: flex; flex-wrap: wrap; gap: 4px 18px; }

nav.toc { margin: 20px 0 8px; padding: 14px 20px; background: var(--soft); border-radius: 6px; }
nav.toc .toc-title { font-weight: 600; margin-bottom: 4px; }
nav.toc ol { margin: 0; padding-left: 2.2em; columns: 2; column-gap: 32px; }
nav.toc li { break-inside: avoid; }

body { counter-reset: section; }
h2 { font-size: 1.35rem; line-height: 1.4; margin: 44px 0 14px; padding-bottom: 6px;
  border-bottom: 1px solid var(--rule); counter-increment: section; }
h2::before { content: counter(section) ". "; color: var(--accent); }
:lang(zh) h2::before { content: counter(section, simp-chinese-informal) "、"; }
:lang(zh) nav.toc ol { list-style-type: simp-chinese-informal; }
h3 { font-size: 1.2rem; margin: 0 0 8px; }
h4 { font-size: 0.95rem; margin: 22px 0 6px; color: var(--muted); font-weight: 600; }
p.lead { margin: 4px 0 12px; }
p.note { color: var(--muted); font-size: 0.85rem; margin: 6px 0 0; }

table { width: 100%; border-collapse: collapse; font-size: 0.88rem; margin: 6px 0 14px; }
table.narrow { width: auto; min-width: 50%; }
th { text-align: left; font-weight: 600; color: var(--muted); padding: 6px 10px;
  border-bottom: 1.5px solid var(--ink); white-space: nowrap; vertical-align: bottom; }
td { padding: 5px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
td.label { min-width: 9em; }
.num { text-align: right; white-space: nowrap; }
.strong { font-weight: 600; }
tr.top td { background: var(--soft); }
tr.observed td { color: var(--muted); }
tr.good td:first-child { box-shadow: inset 3px 0 0 var(--up); }
table.findings th:nth-child(1) { width: 34%; }
table.findings th:nth-child(2) { width: 17%; }
table.findings th:nth-child(5) { width: 34%; }
table.explain { table-layout: fixed; }
table.explain th:nth-child(1) { width: 24%; }
table.explain th:nth-child(2) { width: 32%; }
table.explain th:nth-child(3) { width: 20%; }
table.explain th:nth-child(4) { width: 11%; }
table.explain th:nth-child(5) { width: 13%; }
table.explain td { overflow-wrap: break-word; }
table.explain tbody + tbody td { border-top: 1.5px solid var(--rule); }
table.explain tbody.observed td { color: var(--muted); }
td.leaf-label { border-right: 1px solid var(--rule); }
.step-note { font-size: 0.82em; color: var(--muted); }
.bar { display: block; height: 4px; margin-top: 3px; background: var(--soft); border-radius: 2px; }
.bar > span { display: block; height: 100%; border-radius: 2px; margin-left: auto; }
.bar.loss > span { background: var(--down); }
.bar.gain > span { background: var(--up); }
p.lost-summary { margin-bottom: 6px; }

p.warning { color: var(--down); font-weight: 600; margin: 6px 0; }
.muted { color: var(--muted); font-size: 0.9em; }
.fragile-tag { background: #fbe7e3; color: var(--down); }
table.probabilities { font-size: 0.84rem; }
table.probabilities td { padding: 4px 8px; }
table.probabilities td.prob.zero { color: #b5bac2; }
tr.fragile td:first-child { box-shadow: inset 3px 0 0 var(--down); }
tr.fragile td:nth-child(2) a { color: var(--down); font-weight: 600; }
figure.chart figcaption { margin-top: 2px; }
.section-body > h3 { font-size: 1.05rem; margin: 26px 0 8px; }
.unit-robust { margin-top: 4px; color: var(--muted); font-size: 0.92rem; }
.unit-robust .prob-item { margin-right: 12px; white-space: nowrap; }
ol.next-band { margin: 4px 0 6px; padding-left: 1.6em; }
ol.next-band li { margin-bottom: 4px; }
ol.next-band .rules { color: var(--muted); font-size: 0.88em; }
.alternatives { color: var(--muted); font-size: 0.88rem; }
.path { font-size: 0.85em; }
.up { color: var(--up); }
.down { color: var(--down); }
.missing { color: var(--muted); font-style: italic; }

.tag { display: inline-block; font-size: 0.72rem; line-height: 1.5; padding: 0 6px; margin-left: 6px;
  border-radius: 3px; vertical-align: 1px; font-weight: 500; white-space: nowrap; }
.good-tag { background: #e2f1e8; color: #1b6a41; }
.observed-tag { background: #eceef2; color: #5d6572; }

.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(104px, 1fr)); gap: 12px; }
.figure { border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px 10px; }
.figure.main { border-top: 3px solid var(--accent); grid-column: span 2; }
.figure-label { color: var(--muted); font-size: 0.85rem; }
.figure-value { font-size: 1.9rem; font-weight: 700; line-height: 1.25; }
.figure-sub { color: var(--muted); font-size: 0.85rem; }
${COLORS.grades.map((c, i) => `.grade-${i} { --grade: ${c}; }`).join('\n')}
.figure.grade { border-top: 3px solid var(--grade); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 8px;
  background: var(--grade); }

figure.chart { margin: 6px 0 12px; }
figure.chart svg { display: block; width: 100%; height: auto; }

.unit { margin-top: 36px; padding-top: 14px; border-top: 2px solid var(--ink); }
.section-body > .unit:first-of-type { margin-top: 0; border-top: none; padding-top: 4px; }
p.explain-note { margin: 0 0 16px; }
.unit-rank { display: inline-block; min-width: 1.9em; padding: 0 6px; margin-right: 4px; text-align: center;
  background: var(--accent); color: #fff; border-radius: 4px; font-size: 0.95rem; vertical-align: 2px; }
.unit-id { font-size: 0.7em; color: var(--muted); font-weight: 400; margin-left: 6px; }
.unit-meta { display: flex; flex-wrap: wrap; gap: 4px 20px; color: var(--muted); font-size: 0.92rem; }
.unit-meta strong { color: var(--ink); }
.unit-findings { margin: 4px 0 8px; padding-left: 1.4em; }
.unit-findings code { color: var(--muted); margin-left: 4px; }

footer { margin-top: 56px; padding-top: 12px; border-top: 1px solid var(--rule); color: var(--muted);
  font-size: 0.8rem; display: flex; flex-wrap: wrap; gap: 4px 18px; }

@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html { font-size: 10pt; }
  body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure.chart, .figures, .figure, .unit-meta, table.explain tbody { break-inside: avoid; }
  #ranking, #uncertainty, #units { break-before: page; }
  .unit { break-before: page; border-top: none; margin-top: 0; }
  #units > .section-body > .unit:first-of-type { break-before: avoid; }
}
`;
