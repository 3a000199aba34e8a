/**
 * The report's own words, one table per language. Everything else on the page (labels, names, grades,
 * finding messages) comes from the results, so a methodology written in any language reads naturally;
 * only this frame is translated. Functions take the figures they need, because word order differs.
 */

export type Lang = 'zh' | 'en';

export interface Strings {
  htmlLang: string;
  listSeparator: string;
  reportSuffix: string;
  contents: string;
  rulesHash: string;
  generatedBy: string;
  year: (year: number) => string;
  scale: (min: string, max: string) => string;

  overview: string;
  unitsEvaluated: string;
  overallMean: string;
  /** "2021 年 85.12": a baseline figure, named by the baseline (null: its name is unknown). */
  vsBaseline: (name: string | null, baseline: string) => string;
  unitsOfTotal: (count: number, share: string) => string;

  indicatorSystem: string;
  indicator: string;
  path: string;
  weight: string;
  effectiveWeight: string;
  mean: string;
  min: string;
  max: string;
  observed: string;
  observedNote: (scenarios: string) => string;
  scoredNote: (scenarios: string) => string;

  firstLevel: string;
  overallMeanLine: string;

  groupsTitle: (group: string) => string;
  units: string;
  best: string;
  worst: string;
  /** How the baseline is named in a sentence or a heading: its year, its label, else a fallback. */
  yearName: (year: number) => string;
  baseline: (name: string | null) => string;
  current: string;
  change: string;
  gap: (highest: string, lowest: string, gap: string) => string;

  grades: string;
  grade: string;
  count: string;
  share: string;
  countShare: (count: number, share: string) => string;
  /** A grade's band as the published report prints it: "≥ 90", "80–90", "< 70". */
  band: string;
  bandAtLeast: (min: string) => string;
  bandBetween: (min: string, below: string) => string;
  bandBelow: (below: string) => string;
  bandAll: string;

  yearOverYear: (name: string | null) => string;
  noBaseline: (name: string | null) => string;
  overallScore: string;
  noBaselineList: (name: string | null, labels: string) => string;
  /** What else the baseline lacks, beside indicators: the overall mean, group values, the units' scores. */
  noBaselineOther: (name: string | null, labels: string) => string;
  unitScores: string;
  groupValues: (group: string, values: string) => string;

  findings: string;
  finding: string;
  goodPractice: string;
  defect: string;
  affected: string;
  none: string;

  ranking: string;
  rank: string;
  name: string;
  id: string;
  score: string;
  rankChange: string;

  unitDetails: string;
  indicatorScores: string;
  unitValue: string;
  vsMean: string;
  excluded: string;
  unitFindings: string;
  lostPoints: string;
  rule: string;
  evidence: string;
  leafChange: string;
  effectOnTotal: string;
  weightInTotal: string;
  leafTotal: (change: string, effect: string | null) => string;
  noLostPoints: string;
  lostSummary: (lost: string, max: string, score: string) => string;
  lostMost: (label: string, effect: string) => string;
  explainNote: string;
  kindStart: string;
  kindClamp: string;
  kindExcluded: (fields: string) => string;
  kindZero: (fields: string) => string;
  notScored: string;
  rankOf: (rank: number, total: number) => string;

  uncertainty: string;
  uncertaintyMethod: (runs: number, seed: number, weights: string, threshold: string | null) => string;
  uncertaintyOtherRules: string;
  uncertaintyMissingUnits: (names: string) => string;
  rankIntervals: string;
  rankIntervalNote: string;
  rankInterval: string;
  nominalRank: string;
  medianRank: string;
  gradeProbabilities: string;
  fragile: string;
  fragileSummary: (count: number, names: string) => string;
  noFragile: string;
  widestInterval: (name: string, interval: string) => string;
  nearestThreshold: string;
  probabilityNote: string;
  sensitivity: string;
  sensitivityNote: (weights: string) => string;
  meanRankShift: string;
  maxRankShift: string;
  unitsMoved: string;
  sobolFirst: string;
  sobolTotal: string;
  sobolNote: (samples: number, runs: number) => string;
  unitRobustness: (interval: string, median: number) => string;
  nextBand: string;
  nextBandGap: (to: string, threshold: string, gap: string) => string;
  nextBandNone: (to: string, max: number) => string;
  nextBandResult: (score: string, grade: string) => string;
  nextBandAlternatives: string;
  affects: string;
  notApplied: string;
  /** Punctuation of running text, which Chinese writes full-width. */
  colon: string;
  comma: string;
  paren: (text: string) => string;
}

const zh: Strings = {
  htmlLang: 'zh-CN',
  listSeparator: '、',
  reportSuffix: '评估报告',
  contents: '目录',
  rulesHash: '规则哈希',
  generatedBy: '由 Rubric 根据评估规则与证据生成',
  year: (year) => `${year} 年度`,
  scale: (min, max) => `分值范围 ${min}–${max}`,

  overview: '总体情况',
  unitsEvaluated: '评估对象',
  overallMean: '总体平均得分',
  vsBaseline: (name, baseline) => `${name ?? '基线'} ${baseline}`,
  unitsOfTotal: (count, share) => `${count} 个 · ${share}`,

  indicatorSystem: '指标体系',
  indicator: '指标',
  path: '路径',
  weight: '权重',
  effectiveWeight: '有效权重',
  mean: '平均',
  min: '最低',
  max: '最高',
  observed: '观察项',
  observedNote: (scenarios) => `观察项（${scenarios}）对照同一指标测评，不计入总分。`,
  scoredNote: (scenarios) => `计分场景：${scenarios}。`,

  firstLevel: '一级指标得分',
  overallMeanLine: '总体',

  groupsTitle: (group) => `分组得分：${group}`,
  units: '对象数',
  best: '最高',
  worst: '最低',
  yearName: (year) => `${year} 年`,
  baseline: (name) => name ?? '基线',
  current: '本次',
  change: '变化',
  gap: (highest, lowest, gap) => `${highest}得分最高，${lowest}最低，相差 ${gap} 分。`,

  grades: '等级分布',
  grade: '等级',
  count: '数量',
  share: '占比',
  countShare: (count, share) => `${count}（${share}）`,
  band: '分数段',
  bandAtLeast: (min) => `≥ ${min}`,
  bandBetween: (min, below) => `${min}–${below}`,
  bandBelow: (below) => `< ${below}`,
  bandAll: '全部',

  // A space between a Chinese character and a figure, as the rest of the report writes them.
  yearOverYear: (name) => `与${name === null ? '基线' : /^[0-9]/.test(name) ? ` ${name}` : name}比较`,
  noBaseline: (name) => `${name ?? '基线'}无数据`,
  overallScore: '总分',
  noBaselineList: (name, labels) => `${name === null ? '基线' : `${name}评估`}没有以下指标的数据（不以零计）：${labels}。`,
  noBaselineOther: (name, labels) => `${name === null ? '基线' : `${name}评估`}也没有以下数据（不以零计）：${labels}。`,
  unitScores: '各评估对象的得分与排名',
  groupValues: (group, values) => `${group}（${values}）`,

  findings: '主要发现',
  finding: '发现',
  goodPractice: '良好做法',
  defect: '问题',
  affected: '涉及对象',
  none: '无',

  ranking: '得分排名',
  rank: '排名',
  name: '名称',
  id: '编号',
  score: '得分',
  rankChange: '排名变化',

  unitDetails: '各评估对象详情',
  indicatorScores: '指标得分',
  unitValue: '得分',
  vsMean: '较平均',
  excluded: '已排除',
  unitFindings: '发现',
  lostPoints: '失分说明',
  rule: '规则',
  evidence: '证据',
  leafChange: '指标得失',
  effectOnTotal: '对总分影响',
  weightInTotal: '占总分',
  leafTotal: (change, effect) => `合计 ${change}${effect === null ? '' : `，总分 ${effect}`}`,
  noLostPoints: '无失分。',
  lostSummary: (lost, max, score) => `共失 ${lost} 分（满分 ${max}，得分 ${score}）。`,
  lostMost: (label, effect) => `失分最多的指标：${label}（${effect}）。`,
  explainNote:
    '指标得失为该规则使指标得分偏离满分的分数；对总分影响 = 指标得失 × 该指标占总分的权重（对本对象而言：被排除指标的权重由同级指标分担）。得满分的指标不列出，按对总分的影响从大到小排列。',
  kindStart: '起始分低于满分',
  kindClamp: '超出分值范围，拉回',
  kindExcluded: (fields) => `证据缺失（${fields}），按规则排除，权重由同级指标分担`,
  kindZero: (fields) => `证据缺失（${fields}），按规则计最低分`,
  notScored: '不计分',
  rankOf: (rank, total) => `第 ${rank} 名 / 共 ${total}`,

  uncertainty: '排名稳健性',
  uncertaintyMethod: (runs, seed, weights, threshold) =>
    `对每个计分权重施加 ±${weights}% 的均匀随机扰动（同级权重重新归一）${threshold === null ? '' : `，各等级阈值随机平移 ±${threshold} 分`}，共模拟 ${runs} 次（随机种子 ${seed}，结果可复现）。`,
  uncertaintyOtherRules: '注意：本分析所用的规则与本报告的结果不是同一版本（规则哈希不同），数字可能对不上。',
  uncertaintyMissingUnits: (names) => `本分析没有以下对象：${names}。`,
  rankIntervals: '排名区间',
  rankIntervalNote: '横条为各对象在模拟中排名的第 5–95 百分位区间，颜色为其等级；菱形为名义排名，竖线为中位排名；红色名称为临界对象。',
  rankInterval: '5–95% 排名区间',
  nominalRank: '名义排名',
  medianRank: '中位排名',
  gradeProbabilities: '等级概率',
  fragile: '临界',
  fragileSummary: (count, names) => `${count} 个对象的得分离等级阈值不远于其得分的波动范围，列为临界：${names}。`,
  noFragile: '没有对象的得分在其波动范围内接近等级阈值。',
  widestInterval: (name, interval) => `排名区间最宽的是${name}（${interval}）。`,
  nearestThreshold: '最近阈值',
  probabilityNote: '各列为对象在模拟中落入该等级的比例；“最近阈值”括号内为得分减阈值。',
  sensitivity: '权重敏感性',
  sensitivityNote: (weights) => `每次只让一个权重在 ±${weights}% 范围内变化（同级重新归一），各对象排名与名义排名之差的平均值。数值越大，该权重越影响排名。`,
  meanRankShift: '平均排名变动',
  maxRankShift: '最大排名变动',
  unitsMoved: '排名变动的对象',
  sobolFirst: 'Sobol 一阶',
  sobolTotal: 'Sobol 总效应',
  sobolNote: (samples, runs) => `Sobol 指数：基础样本 ${samples}，共 ${runs} 次计算；括号内为 95% 置信区间。`,
  unitRobustness: (interval, median) => `排名区间 ${interval}，中位 ${median}`,
  nextBand: '升档路径',
  nextBandGap: (to, threshold, gap) => `距${to}（≥ ${threshold}）还差 ${gap} 分。最省的证据改变：`,
  nextBandNone: (to, max) => `在不超过 ${max} 项证据改变内，找不到升至${to}的路径。`,
  nextBandResult: (score, grade) => `改后得分 ${score}，等级 ${grade}。`,
  nextBandAlternatives: '同样改变数的其他方案：',
  affects: '影响',
  notApplied: '不适用',
  colon: '：',
  comma: '，',
  paren: (text) => `（${text}）`,
};

const en: Strings = {
  htmlLang: 'en',
  listSeparator: ', ',
  reportSuffix: 'Evaluation report',
  contents: 'Contents',
  rulesHash: 'Rules hash',
  generatedBy: 'Generated by Rubric from the evaluation rules and evidence',
  year: (year) => `${year}`,
  scale: (min, max) => `Scale ${min}–${max}`,

  overview: 'Overview',
  unitsEvaluated: 'Units evaluated',
  overallMean: 'Overall mean score',
  vsBaseline: (name, baseline) => `${name ?? 'baseline'} ${baseline}`,
  unitsOfTotal: (count, share) => `${count} · ${share}`,

  indicatorSystem: 'Indicator system',
  indicator: 'Indicator',
  path: 'Path',
  weight: 'Weight',
  effectiveWeight: 'Effective weight',
  mean: 'Mean',
  min: 'Min',
  max: 'Max',
  observed: 'observed',
  observedNote: (scenarios) => `Observed items (${scenarios}) are measured against the same indicators but not counted in the score.`,
  scoredNote: (scenarios) => `Scored scenario: ${scenarios}.`,

  firstLevel: 'First-level indicators',
  overallMeanLine: 'Overall',

  groupsTitle: (group) => `Scores by ${group}`,
  units: 'Units',
  best: 'Best',
  worst: 'Worst',
  yearName: (year) => `${year}`,
  baseline: (name) => name ?? 'Baseline',
  current: 'Current',
  change: 'Change',
  gap: (highest, lowest, gap) => `${highest} scores highest and ${lowest} lowest, a gap of ${gap}.`,

  grades: 'Grade distribution',
  grade: 'Grade',
  count: 'Count',
  share: 'Share',
  countShare: (count, share) => `${count} (${share})`,
  band: 'Band',
  bandAtLeast: (min) => `≥ ${min}`,
  bandBetween: (min, below) => `${min}–${below}`,
  bandBelow: (below) => `< ${below}`,
  bandAll: 'all',

  yearOverYear: (name) => (name === null ? 'Change against the baseline' : `Change against ${name}`),
  noBaseline: (name) => (name === null ? 'no baseline' : `not in ${name}`),
  overallScore: 'Overall score',
  noBaselineList: (name, labels) => `${name === null ? 'The baseline' : name} has no figure for these indicators (not counted as zero): ${labels}.`,
  noBaselineOther: (name, labels) => `${name === null ? 'The baseline' : name} has no figure for these either (not counted as zero): ${labels}.`,
  unitScores: 'the units\' scores and ranks',
  groupValues: (group, values) => `${group} (${values})`,

  findings: 'Findings',
  finding: 'Finding',
  goodPractice: 'good practice',
  defect: 'defect',
  affected: 'Units',
  none: 'none',

  ranking: 'Ranking',
  rank: 'Rank',
  name: 'Name',
  id: 'Id',
  score: 'Score',
  rankChange: 'Rank change',

  unitDetails: 'Units in detail',
  indicatorScores: 'Indicator scores',
  unitValue: 'Score',
  vsMean: 'vs. mean',
  excluded: 'excluded',
  unitFindings: 'Findings',
  lostPoints: 'Where points were lost',
  rule: 'Rule',
  evidence: 'Evidence',
  leafChange: 'Indicator points',
  effectOnTotal: 'Effect on total',
  weightInTotal: 'weight in total',
  leafTotal: (change, effect) => `in all ${change}${effect === null ? '' : `, total ${effect}`}`,
  noLostPoints: 'No points lost.',
  lostSummary: (lost, max, score) => `${lost} points lost in all (full marks ${max}, score ${score}).`,
  // Follows another sentence in the same paragraph.
  lostMost: (label, effect) => ` The indicator that cost the most: ${label} (${effect}).`,
  explainNote:
    'Indicator points: how far the rule moved the indicator from full marks. Effect on total = indicator points × the indicator\'s weight in the total (for this unit: an excluded indicator\'s weight is shared by its siblings). Indicators at full marks are not listed; the costliest come first.',
  kindStart: 'starts below full marks',
  kindClamp: 'pulled back onto the scale',
  kindExcluded: (fields) => `evidence missing (${fields}): excluded by the rules, its weight shared by its siblings`,
  kindZero: (fields) => `evidence missing (${fields}): scored the minimum by the rules`,
  notScored: 'not scored',
  rankOf: (rank, total) => `rank ${rank} of ${total}`,

  uncertainty: 'Robustness of the ranking',
  uncertaintyMethod: (runs, seed, weights, threshold) =>
    `Every counted weight was perturbed by uniform noise of ±${weights}% (siblings renormalised)${
      threshold === null ? '' : `, every grade threshold shifted by up to ±${threshold} points`
    }, over ${runs} runs (seed ${seed}, reproducible).`,
  uncertaintyOtherRules: 'Note: this analysis was run on other rules than these results (the rules hashes differ); its figures may not match.',
  uncertaintyMissingUnits: (names) => `The analysis has no figures for: ${names}.`,
  rankIntervals: 'Rank intervals',
  rankIntervalNote:
    'Each bar spans the 5th–95th percentile of the unit\'s rank over the runs, coloured by its grade; the diamond is its nominal rank, the tick its median rank; fragile units are named in red.',
  rankInterval: '5–95% rank interval',
  nominalRank: 'Nominal rank',
  medianRank: 'Median rank',
  gradeProbabilities: 'Grade probabilities',
  fragile: 'fragile',
  fragileSummary: (count, names) =>
    count === 1
      ? `1 unit scores within its own score variation of a grade threshold and is fragile: ${names}.`
      : `${count} units score within their own score variation of a grade threshold and are fragile: ${names}.`,
  noFragile: 'No unit scores within its score variation of a grade threshold.',
  widestInterval: (name, interval) => ` The widest rank interval is ${name}'s (${interval}).`,
  nearestThreshold: 'Nearest threshold',
  probabilityNote: 'Each grade column is the share of runs in which the unit lands in that grade; the nearest threshold shows score minus threshold in brackets.',
  sensitivity: 'Sensitivity to the weights',
  sensitivityNote: (weights) =>
    `Only one weight varies, over ±${weights}% (siblings renormalised); the mean absolute difference between each unit's rank and its nominal rank. The larger, the more that weight drives the ranking.`,
  meanRankShift: 'Mean rank shift',
  maxRankShift: 'Max rank shift',
  unitsMoved: 'Units moved',
  sobolFirst: 'Sobol first-order',
  sobolTotal: 'Sobol total',
  sobolNote: (samples, runs) => `Sobol indices: base sample ${samples}, ${runs} runs; 95% confidence intervals in brackets.`,
  unitRobustness: (interval, median) => `rank interval ${interval}, median ${median}`,
  nextBand: 'Into the next grade',
  nextBandGap: (to, threshold, gap) => `${gap} points short of ${to} (≥ ${threshold}). The cheapest evidence changes:`,
  nextBandNone: (to, max) => `No plan of at most ${max} evidence changes reaches ${to}.`,
  nextBandResult: (score, grade) => `Score after the changes ${score}, grade ${grade}.`,
  nextBandAlternatives: 'Other plans with as many changes:',
  affects: 'affects',
  notApplied: 'not applied',
  colon: ': ',
  comma: ', ',
  paren: (text) => ` (${text})`,
};

export const STRINGS: Record<Lang, Strings> = { zh, en };
