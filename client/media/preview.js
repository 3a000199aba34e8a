/* global window, document, Node, acquireVsCodeApi */
// The score preview page. Receives {type: 'data', uri, mode, response: PreviewResponse} and draws it;
// {type: 'uncertainty', uri, response: UncertaintyResponse} (and 'uncertainty-pending') for its
// uncertainty section: a rank-interval chart (inline SVG), the grade probabilities, the weights that move
// ranks. Reports what it drew back to the extension ({type: 'rendered', …}). Plain DOM, no framework.
(function () {
  const vscode = acquireVsCodeApi();
  const S = window.RUBRIC_STRINGS || {};
  const app = document.getElementById('app');
  const SVG = 'http://www.w3.org/2000/svg';
  let lastData = null; // the last {type: 'data'} message drawn
  let uncertainty = null; // the last {type: 'uncertainty'} message
  let analysing = false;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'style') e.style.cssText = v; // CSSOM: allowed by the CSP, unlike a style attribute
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const fixed = (x, d) => (x === null || x === undefined ? '—' : Number(x).toFixed(d));
  const signed = (delta, d) => {
    const p = Math.pow(10, d);
    const r = Math.round(delta * p) / p;
    if (r === 0) return '±' + (0).toFixed(d);
    return r > 0 ? '+' + r.toFixed(d) : '−' + (-r).toFixed(d);
  };
  const deltaCell = (delta, d) => el('span', { class: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same' }, signed(delta, d));
  function table(head, rows, cls) {
    return el('table', { class: cls || '' },
      el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { class: i === 0 ? '' : 'num' }, h)))),
      el('tbody', {}, rows.map((r) => el('tr', { class: r.cls || '' }, r.cells.map((c, i) => el('td', { class: r.numeric && r.numeric[i] ? 'num' : '' }, c))))));
  }

  function header(r, res, d) {
    const parts = [el('h1', {}, r.results ? (r.results.evaluation.label || r.results.evaluation.id) : 'Rubric')];
    if (res) {
      const mean = el('div', { class: 'headline' },
        el('span', { class: 'big', id: 'overall-mean' }, fixed(res.summary.mean, d)),
        el('span', { class: 'muted' }, ' ' + S.mean + ' · ' + res.summary.units + ' ' + S.units));
      if (r.saved && r.saved.summary.mean !== res.summary.mean) mean.append(' ', el('span', { class: 'muted' }, S.saved + ' ' + fixed(r.saved.summary.mean, d) + ' '), deltaCell(res.summary.mean - r.saved.summary.mean, d));
      if (res.summary.baseline !== undefined) mean.append(' ', el('span', { class: 'muted' }, S.baseline + ' ' + fixed(res.summary.baseline, d) + ' '), deltaCell(res.summary.delta, d));
      parts.push(mean);
    }
    const notes = [];
    if (r.stale) notes.push(el('p', { class: 'note' }, S.stale));
    if (!res) notes.push(el('p', { class: 'note' }, S.noScores + (r.reason ? ': ' + r.reason : '')));
    if (r.errors) notes.push(el('p', { class: 'note error' }, r.errors + ' ' + S.errors));
    if (r.problems && r.problems.length) notes.push(el('details', { class: 'note' }, el('summary', {}, r.problems.length + ' ' + S.evidenceProblems), el('ul', {}, r.problems.slice(0, 50).map((p) => el('li', {}, (p.source ? p.source.split('/').pop() + ': ' : '') + p.message)))));
    return [...parts, ...notes];
  }

  // In preview mode only the grade changes are listed (the ranking shows the rest); compare mode lists all.
  function impactSection(r, d, full) {
    const imp = r.impact;
    const sec = el('section', { id: 'impact' }, el('h2', {}, S.impact));
    if (!imp) { sec.append(el('p', { class: 'muted' }, S.noImpact)); return sec; }
    const labels = r.results.summary.indicators;
    const inds = Object.entries(imp.indicators).filter(([, v]) => v.saved !== null && v.edited !== null);
    if (inds.length) {
      sec.append(el('h3', {}, S.indicators), table([S.indicator, S.saved, S.edited, S.change], inds.map(([p, v]) => ({
        numeric: [false, true, true, true],
        cells: [(labels[p] ? labels[p].label + ' ' : '') + '(' + p + ')', fixed(v.saved, d), fixed(v.edited, d), deltaCell(v.edited - v.saved, d)],
      }))));
    }
    const units = full ? imp.units : imp.units.filter((u) => !u.saved || !u.edited || u.saved.grade !== u.edited.grade);
    sec.append(el('h3', {}, (full ? S.gradeChanges : S.gradeOnlyChanges) + ' (' + units.length + ')'));
    if (units.length) {
      sec.append(table([S.unit, S.saved, S.edited, S.change], units.map((u) => ({
        numeric: [false, true, true, true],
        cls: u.saved && u.edited && u.saved.grade !== u.edited.grade ? 'grade-change' : '',
        cells: [u.name,
          u.saved ? fixed(u.saved.score, d) + ' ' + u.saved.grade + ' #' + u.saved.rank : '—',
          u.edited ? fixed(u.edited.score, d) + ' ' + u.edited.grade + ' #' + u.edited.rank : '—',
          u.saved && u.edited ? deltaCell(u.edited.score - u.saved.score, d) : ''],
      }))));
    } else sec.append(el('p', { class: 'muted' }, S.noImpact));
    return sec;
  }

  function rankingSection(r, res, d) {
    const savedById = new Map((r.saved ? r.saved.units : []).map((u) => [u.id, u]));
    const groupIds = Object.keys(res.groups || {});
    const head = [S.rank, S.unit, ...groupIds, S.score, S.grade];
    if (r.saved) head.push(S.saved);
    const hasBaseline = res.units.some((u) => u.delta && u.delta.score !== undefined);
    if (hasBaseline) head.push(S.baseline);
    const rows = res.units.map((u) => {
      const s = savedById.get(u.id);
      const cells = [String(u.rank), u.name, ...groupIds.map((g) => u.groups[g] || ''), fixed(u.score, d), u.grade];
      const numeric = [true, false, ...groupIds.map(() => false), true, false];
      if (r.saved) { cells.push(s && s.score !== u.score ? deltaCell(u.score - s.score, d) : ''); numeric.push(true); }
      if (hasBaseline) { cells.push(u.delta && u.delta.score !== undefined ? deltaCell(u.delta.score, d) : ''); numeric.push(true); }
      return { cells, numeric, cls: s && s.grade !== u.grade ? 'grade-change' : '' };
    });
    return el('section', { id: 'ranking' }, el('h2', {}, S.ranking), table(head, rows, 'ranking'));
  }

  function gradesSection(r, res) {
    const total = res.summary.units || 1;
    const savedGrades = r.saved ? r.saved.summary.grades : null;
    return el('section', { id: 'grades' }, el('h2', {}, S.grades), el('div', { class: 'bars' }, Object.entries(res.summary.grades).map(([g, n]) =>
      el('div', { class: 'bar-row' },
        el('span', { class: 'bar-label' }, g),
        el('span', { class: 'bar' }, el('span', { class: 'bar-fill', style: 'width:' + (100 * n / total).toFixed(1) + '%' })),
        el('span', { class: 'bar-value' }, n + ' (' + (100 * n / total).toFixed(2) + '%)' + (savedGrades && savedGrades[g] !== n ? ' ← ' + (savedGrades[g] || 0) : ''))))));
  }

  function groupsSection(res, d) {
    const sec = el('section', { id: 'groups' }, el('h2', {}, S.groups));
    for (const [gid, values] of Object.entries(res.groups || {})) {
      const rows = Object.entries(values).sort((a, b) => b[1].mean - a[1].mean).map(([v, s]) => ({
        numeric: [false, true, true, false, false, true],
        cells: [v, String(s.units), fixed(s.mean, d), s.best, s.worst, s.delta !== undefined ? deltaCell(s.delta, d) : ''],
      }));
      sec.append(el('h3', {}, gid), table([gid, S.units, S.mean, S.best, S.worst, S.baseline], rows));
      const gap = res.groupGaps && res.groupGaps[gid];
      if (gap) sec.append(el('p', { class: 'muted' }, S.gap + ' ' + fixed(gap.gap, d) + ': ' + gap.highest + ' − ' + gap.lowest));
    }
    return sec;
  }

  function findingsSection(r, res) {
    const savedById = new Map((r.saved ? r.saved.findings : []).map((f) => [f.id, f]));
    const rows = res.findings.map((f) => {
      const s = savedById.get(f.id);
      return {
        numeric: [false, false, true, true],
        cells: [f.id + (f.kind === 'good' ? ' ✓' : ''), f.message, String(f.count) + (s && s.count !== f.count ? ' ← ' + s.count : ''), (100 * f.share).toFixed(2) + '%'],
        cls: f.kind === 'good' ? 'good' : '',
      };
    });
    return el('section', { id: 'findings' }, el('h2', {}, S.findings), table(['id', '', S.count, S.share], rows));
  }


  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
    for (const c of children.flat()) if (c) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const pct = (p) => (p ? (Math.round(p * 1000) / 10) + '%' : '');

  // One row per unit, by nominal rank: a bar from the 5th to the 95th percentile rank, a dot at the
  // median, a tick at the nominal rank. Rank 1 is on the left.
  function rankChart(res) {
    const units = res.units;
    const n = Math.max(...units.map((u) => u.ranks.max), units.length, 2);
    const rowH = 14, label = 96, width = 560, top = 22, right = 12;
    const x = (rank) => label + ((rank - 1) / (n - 1)) * (width - label - right);
    const height = top + units.length * rowH + 6;
    const step = n <= 20 ? 1 : n <= 60 ? 5 : n <= 200 ? 20 : Math.ceil(n / 10 / 50) * 50;
    const ticks = [1];
    for (let t = step; t <= n; t += step) if (t !== 1) ticks.push(t);
    if (ticks[ticks.length - 1] !== n) ticks.push(n);
    const axis = ticks.map((t) => svg('g', {},
      svg('line', { x1: x(t), x2: x(t), y1: top - 4, y2: height - 4, class: 'grid' }),
      svg('text', { x: x(t), y: top - 8, 'text-anchor': 'middle', class: 'tick' }, String(t))));
    const rows = units.map((u, i) => {
      const y = top + i * rowH + rowH / 2;
      const r = u.ranks;
      return svg('g', { class: 'row' + (u.fragile ? ' fragile' : ''), 'data-unit': u.id },
        svg('title', {}, u.name + ': ' + S.rank + ' ' + u.rank + ' · ' + S.median + ' ' + r.median + ' · 5%–95% ' + r.p5 + '–' + r.p95),
        svg('text', { x: label - 6, y: y + 4, 'text-anchor': 'end', class: 'unit-label' }, u.name),
        svg('line', { x1: x(r.p5), x2: x(r.p95), y1: y, y2: y, class: 'interval' }),
        r.p5 === r.p95 ? svg('line', { x1: x(r.p5) - 1.5, x2: x(r.p5) + 1.5, y1: y, y2: y, class: 'interval' }) : null,
        svg('line', { x1: x(u.rank), x2: x(u.rank), y1: y - 5, y2: y + 5, class: 'nominal' }),
        svg('circle', { cx: x(r.median), cy: y, r: 3, class: 'median' }));
    });
    return svg('svg', { id: 'rank-intervals', width, height, viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': S.rankIntervals }, axis, rows);
  }

  function legend() {
    return el('p', { class: 'muted legend' },
      el('span', { class: 'key interval' }), ' ' + S.interval + '  ',
      el('span', { class: 'key median' }), ' ' + S.median + '  ',
      el('span', { class: 'key nominal' }), ' ' + S.nominal + '  ',
      el('span', { class: 'key fragile' }, S.fragile));
  }

  function planText(b) {
    const p = b.plan || b.closest;
    if (!p) return '';
    const v = (x) => (x === null ? '—' : String(x));
    return (b.plan ? '' : '✗ ') + p.changes.map((c) => c.field + ' ' + v(c.from) + ' → ' + v(c.to)).join(', ') + ' = ' + p.score + ' ' + p.grade;
  }

  function probabilityTable(res, d) {
    const plans = res.units.some((u) => u.nextBand !== undefined);
    const head = [S.unit, S.score, S.grade, S.rank, S.median, S.interval, ...res.grades.map((g) => g.name), ''];
    if (plans) head.push(S.nextGrade);
    const rows = res.units.map((u) => {
      const cells = [u.name, fixed(u.score, d), u.grade, String(u.rank), String(u.ranks.median),
        u.ranks.p5 === u.ranks.p95 ? String(u.ranks.p5) : u.ranks.p5 + '–' + u.ranks.p95,
        ...u.grades.map((g) => pct(g.probability)), u.fragile ? S.fragile : ''];
      const numeric = [false, true, false, true, true, true, ...u.grades.map(() => true), false];
      if (plans) { cells.push(u.nextBand ? planText(u.nextBand) : ''); numeric.push(false); }
      return { cells, numeric, cls: u.fragile ? 'fragile' : '' };
    });
    return table(head, rows, 'probabilities');
  }

  function sensitivityTable(res) {
    const rows = res.indicators.filter((i) => i.meanRankShift !== null).sort((a, b) => b.meanRankShift - a.meanRankShift).map((i) => ({
      numeric: [false, true, true, true, true, true],
      cells: [i.label + ' (' + i.path + ')', String(i.weight), String(i.effectiveWeight), String(i.meanRankShift), String(i.maxRankShift), String(i.unitsMoved)],
    }));
    return table([S.indicator, S.weight, S.effective, S.meanShift, S.maxShift, S.units], rows);
  }

  function uncertaintySection(r) {
    const sec = el('section', { id: 'uncertainty' }, el('h2', {}, S.uncertainty));
    const msg = uncertainty && lastData && uncertainty.uri === lastData.uri ? uncertainty : null;
    const u = msg && msg.response;
    const res = u && u.result;
    const button = el('button', { type: 'button', id: 'analyse' }, analysing ? S.analysing : S.analyse);
    if (analysing) button.setAttribute('disabled', '');
    button.addEventListener('click', () => { vscode.postMessage({ type: 'analyse' }); });
    if (!res) {
      sec.append(el('p', { class: 'muted' }, S.uncertaintyIntro), button);
      if (u && u.reason && !analysing) sec.append(el('p', { class: 'note' }, u.reason));
      return sec;
    }
    const k = res.config;
    const fragile = res.units.filter((x) => x.fragile).length;
    sec.append(el('p', { class: 'muted' },
      S.weights + ' ±' + k.weights + '% · ' + S.thresholds + ' ±' + k.threshold + ' · ' + k.runs + ' ' + S.runs + ' · seed ' + k.seed + ' · ' + fragile + ' ' + S.fragileUnits +
      (u.millis !== undefined ? ' · ' + u.millis + ' ms' : '') + '  '), button);
    if (u.stale || (r && u.version !== r.version)) sec.append(el('p', { class: 'note' }, analysing ? S.uncertaintyStale : S.uncertaintyOld));
    sec.append(el('h3', {}, S.rankIntervals), legend(), rankChart(res));
    sec.append(el('h3', {}, S.gradeProbabilities), probabilityTable(res, res.evaluation.decimals));
    if (res.indicators.some((i) => i.meanRankShift !== null)) sec.append(el('h3', {}, S.sensitivity), sensitivityTable(res));
    return sec;
  }

  function drawUncertainty(reveal) {
    const r = lastData && lastData.response;
    const old = document.getElementById('uncertainty');
    const sec = uncertaintySection(r);
    if (old) old.replaceWith(sec);
    else if (r && r.results) app.append(sec);
    if (reveal) sec.scrollIntoView({ block: 'start' });
  }

  function uncertaintyReport() {
    const u = uncertainty && lastData && uncertainty.uri === lastData.uri ? uncertainty.response : null;
    if (!u || !u.result || !document.getElementById('rank-intervals')) return undefined;
    return {
      version: u.version, depth: u.depth,
      intervals: Array.from(document.querySelectorAll('#rank-intervals .row')).filter((g) => g.querySelector('.interval')).length,
      probabilities: document.querySelectorAll('table.probabilities tbody tr').length,
      fragile: document.querySelectorAll('#rank-intervals .row.fragile').length,
    };
  }

  function render(msg) {
    const r = msg.response;
    lastData = msg;
    app.replaceChildren();
    if (!r) { app.append(el('p', { class: 'muted' }, S.noFile)); return report(msg, null, 0); }
    const res = r.results;
    const d = r.decimals;
    app.append(...header(r, res, d));
    if (res) {
      if (msg.mode === 'compare' || r.impact) app.append(impactSection(r, d, msg.mode === 'compare'));
      app.append(rankingSection(r, res, d), gradesSection(r, res), groupsSection(res, d), findingsSection(r, res), uncertaintySection(r));
    }
    report(msg, res ? res.summary.mean : null, res ? res.units.length : 0);
  }

  function report(msg, mean, rows) {
    vscode.postMessage({ type: 'rendered', uri: msg.uri, version: msg.response ? msg.response.version : -1, mean, rows, mode: msg.mode, uncertainty: uncertaintyReport() });
  }

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m) return;
    if (m.type === 'data') render(m);
    else if (m.type === 'uncertainty-pending') { analysing = true; drawUncertainty(false); }
    else if (m.type === 'uncertainty') {
      analysing = false;
      uncertainty = m;
      drawUncertainty(!!m.reveal);
      if (lastData) {
        const res = lastData.response && lastData.response.results;
        report(lastData, res ? res.summary.mean : null, res ? res.units.length : 0);
      }
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
