/** The HTML document around the sections: head, cover, contents, footer. */
import type { ReportContext, ReportSection } from './context.js';
import { html, raw, type SafeHtml } from './safe-html.js';
import { STYLES } from './styles.js';

/**
 * Nothing may load from anywhere: the policy forbids every fetch and every script, so a mailed report is
 * complete on its own and, should escaping ever fail, injected markup still cannot run.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function page(ctx: ReportContext, sections: ReportSection[]): string {
  const { t, results } = ctx;
  const { evaluation, summary } = results;
  const toc = sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`);
  const body: SafeHtml[] = sections.map(
    (s) => html`<section id="${s.id}">
<h2>${s.title}</h2>
<div class="section-body">
${s.body}
</div>
</section>`,
  );
  const kicker = [t.reportSuffix, evaluation.year === null ? null : t.year(evaluation.year)].filter((x) => x !== null).join(' · ');
  const doc = html`<!DOCTYPE html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="Rubric">
<title>${evaluation.label} — ${t.reportSuffix}</title>
<style>${raw(STYLES)}</style>
</head>
<body>
<main>
<header class="cover">
<div class="kicker">${kicker}</div>
<h1>${evaluation.label}</h1>
<div class="subtitle"><span>${t.unitsEvaluated} ${summary.units}</span><span>${t.scale(String(evaluation.scale.min), String(evaluation.scale.max))}</span><span><code>${evaluation.id}</code></span></div>
</header>
<nav class="toc"><div class="toc-title">${t.contents}</div><ol>
${toc}
</ol></nav>
${body}
<footer><span>${t.generatedBy}</span><span>${t.rulesHash} <code>${evaluation.rulesHash}</code></span></footer>
</main>
</body>
</html>
`;
  return doc.value;
}
