/* global window, document, Node, acquireVsCodeApi */
// The score preview page. Receives {type: 'data', uri, mode, response: PreviewResponse} and draws it;
// reports what it drew back to the extension ({type: 'rendered', …}). Plain DOM, no framework.
(function () {
  const vscode = acquireVsCodeApi();
  const S = window.RUBRIC_STRINGS || {};
  const app = document.getElementById('app');

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

  function render(msg) {
    const r = msg.response;
    app.replaceChildren();
    if (!r) { app.append(el('p', { class: 'muted' }, S.noFile)); return report(msg, null, 0); }
    const res = r.results;
    const d = r.decimals;
    app.append(...header(r, res, d));
    if (res) {
      if (msg.mode === 'compare' || r.impact) app.append(impactSection(r, d, msg.mode === 'compare'));
      app.append(rankingSection(r, res, d), gradesSection(r, res), groupsSection(res, d), findingsSection(r, res));
    }
    report(msg, res ? res.summary.mean : null, res ? res.units.length : 0);
  }

  function report(msg, mean, rows) {
    vscode.postMessage({ type: 'rendered', uri: msg.uri, version: msg.response ? msg.response.version : -1, mean, rows, mode: msg.mode });
  }

  window.addEventListener('message', (e) => { if (e.data && e.data.type === 'data') render(e.data); });
  vscode.postMessage({ type: 'ready' });
})();
