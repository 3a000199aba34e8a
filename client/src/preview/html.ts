/** The preview page shell: strict CSP, one nonce'd script, the UI strings in the editor's language. */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

export function previewStrings(): Record<string, string> {
  const t = vscode.l10n.t;
  return {
    units: t('units'), mean: t('mean'), saved: t('saved'), edited: t('edited'), baseline: t('baseline'),
    rank: t('rank'), unit: t('unit'), score: t('score'), grade: t('grade'), change: t('change'),
    ranking: t('Ranking'), grades: t('Grade distribution'), groups: t('Group means'), findings: t('Findings'),
    impact: t('Impact of the unsaved edit'), noImpact: t('The buffer scores the same as the saved file.'),
    gradeChanges: t('Units whose grade or rank changes'), gradeOnlyChanges: t('Units whose grade changes'),
    indicators: t('Indicator means'), indicator: t('indicator'),
    best: t('best'), worst: t('worst'), gap: t('gap'), count: t('count'), share: t('share'),
    stale: t('Scores of the last version without errors.'), noScores: t('No scores'), good: t('good practice'),
    noFile: t('Open a .rubric file.'), evidenceProblems: t('evidence problems'), errors: t('errors'),
    uncertainty: t('Uncertainty'), analyse: t('Analyse uncertainty'), analysing: t('Analysing…'),
    uncertaintyIntro: t('How robust are the ranks and grades? The analysis perturbs the weights (and the grade thresholds) over many seeded runs, as rubric uncertainty does.'),
    uncertaintyStale: t('Of an earlier version; analysing the current one…'), uncertaintyOld: t('Of an earlier version.'),
    rankIntervals: t('Rank intervals over the runs'), gradeProbabilities: t('Grade probabilities'), sensitivity: t('Weights that move ranks'),
    interval: t('5%–95%'), median: t('median'), nominal: t('nominal rank'), fragile: t('fragile'), fragileUnits: t('fragile units'),
    nextGrade: t('into the next grade'), weights: t('weights'), thresholds: t('thresholds'), runs: t('runs'),
    weight: t('weight'), effective: t('effective'), meanShift: t('mean |Δrank|'), maxShift: t('largest |Δrank|'),
  };
}

export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, strings: Record<string, string>): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', 'media', f));
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('preview.css')}">
<title>Rubric</title>
</head>
<body>
<main id="app"><p class="muted">…</p></main>
<script nonce="${nonce}">window.RUBRIC_STRINGS = ${JSON.stringify(strings).replace(/</g, '\\u003c')};</script>
<script nonce="${nonce}" src="${media('preview.js')}"></script>
</body>
</html>`;
}
