/**
 * Snippets offered by completion. The VS Code extension ships the same bodies as a snippets file
 * (client/snippets/rubric.json is generated from this list by the client's build).
 */
export interface Snippet {
  label: string;
  where: 'top' | 'indicator' | 'test';
  detail: string;
  body: string[];
}

export const SNIPPETS: Snippet[] = [
  { label: 'evaluation', where: 'top', detail: 'evaluation header', body: ['evaluation ${1:id} "${2:label}" {', '  year ${3:2024}', '  scale 0..100', '  round 2 half-up', '}'] },
  { label: 'preview', where: 'top', detail: 'preview evidence and baseline', body: ['preview {', '  evidence "${1:evidence/*.json}"', '  baseline "${2:baseline.json}"', '}'] },
  { label: 'evidence', where: 'top', detail: 'evidence block', body: ['evidence {', '  ${1:field}: ${2|bool,number,ratio,count,text|} "${3:description}"', '}'] },
  { label: 'grades', where: 'top', detail: 'grade bands', body: ['grades {', '  ${1:优秀} >= 90', '  ${2:良好} >= 80', '  ${3:中等} >= 70', '  ${4:较差} otherwise', '}'] },
  { label: 'indicator', where: 'top', detail: 'indicator with sub-indicators', body: ['indicator ${1:id} "${2:label}" weight ${3:100} {', '  indicator ${4:child} "${5:label}" weight 100 { score = ${0:100} }', '}'] },
  { label: 'test', where: 'top', detail: 'test block', body: ['test "${1:name}" {', '  given { ${2:field}: ${3:value} }', '  expect score == ${0:100}', '}'] },
  { label: 'indicator (leaf)', where: 'indicator', detail: 'leaf indicator with a score', body: ['indicator ${1:id} "${2:label}" weight ${3:50} { score = ${0:100} }'] },
  { label: 'check … else finding', where: 'indicator', detail: 'full marks when a condition holds', body: ['check ${1:condition}', '  else finding ${2:id} "${3:message}"'] },
  { label: 'start … deduct', where: 'indicator', detail: 'points from a start value', body: ['start ${1:100}', 'deduct ${2:10} when ${3:condition} finding ${4:id} "${5:message}"'] },
  { label: 'score = match', where: 'indicator', detail: 'score by enum value', body: ['score = match ${1:field} { ${2:value} => ${3:100}, otherwise => ${0:0} }'] },
  { label: 'score = band', where: 'indicator', detail: 'score by thresholds', body: ['score = band ${1:field} { <= ${2:1} => 100, <= ${3:3} => 80, otherwise => ${0:60} }'] },
  { label: 'expect', where: 'test', detail: 'expect a score', body: ['expect ${1:score} == ${0:100}'] },
];
