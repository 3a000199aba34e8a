#!/usr/bin/env node
// Generates the synthetic per-city evidence of the gov-service-2022 example, and checks it.
//
//   node examples/gov-service-2022/generate/generate.mjs           # check every figure, then write
//   node examples/gov-service-2022/generate/generate.mjs --check   # check only, write nothing
//   add --verbose to see how much room each city had and what the solver chose
//
// The 2022 report publishes results (means, grade counts, regional ranking, finding counts, named
// cities), not per-city evidence. This script builds evidence for the 55 cities that is consistent with
// every published figure:
//   1. the discrete evidence (defects, good practices) comes from the report's named cities and, for the
//      unnamed rest, from the lists below;
//   2. each city gets a target published score (the table below), chosen by hand so that grades,
//      regional means, best/worst cities and the top ten come out as published;
//   3. one continuous "tuning" ratio per first-level indicator (guide.elements, mobile.coverage,
//      licence.online_steps, survey.satisfaction) is solved so that every city lands on its target and
//      every first-level mean on its published value;
//   4. an exact mirror of rules.rubric (BigInt rationals, half-up rounding) re-scores the written
//      evidence and checks every published figure. Any mismatch aborts before anything is written.
// No dependencies; the only randomness is a seeded PRNG, so two runs write byte-identical files.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXAMPLE = join(HERE, '..');
const CHECK_ONLY = process.argv.includes('--check');
const VERBOSE = process.argv.includes('--verbose');

// ---------------------------------------------------------------------------------------------------
// Exact arithmetic: rationals over BigInt.

function gcd(a, b) {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}
class Q {
  constructor(n, d = 1n) {
    if (d === 0n) throw new Error('division by zero');
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d) || 1n;
    this.n = n / g;
    this.d = d / g;
  }
  static of(x) {
    if (x instanceof Q) return x;
    if (typeof x === 'bigint') return new Q(x);
    const s = typeof x === 'number' ? String(x) : x;
    if (!/^-?\d+(\.\d+)?$/.test(s)) throw new Error(`not a plain decimal: ${s}`);
    const neg = s.startsWith('-');
    const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
    const n = BigInt(i + f) * (neg ? -1n : 1n);
    return new Q(n, 10n ** BigInt(f.length));
  }
  add(o) { o = Q.of(o); return new Q(this.n * o.d + o.n * this.d, this.d * o.d); }
  sub(o) { o = Q.of(o); return new Q(this.n * o.d - o.n * this.d, this.d * o.d); }
  mul(o) { o = Q.of(o); return new Q(this.n * o.n, this.d * o.d); }
  div(o) { o = Q.of(o); return new Q(this.n * o.d, this.d * o.n); }
  cmp(o) { o = Q.of(o); const x = this.n * o.d - o.n * this.d; return x < 0n ? -1 : x > 0n ? 1 : 0; }
  toNumber() { return Number(this.n) / Number(this.d); }
  /** Half away from zero to `dp` decimals; returns the decimal string. */
  round(dp) {
    const scale = 10n ** BigInt(dp);
    const neg = this.n < 0n;
    const a = neg ? -this.n : this.n;
    const r = (2n * a * scale + this.d) / (2n * this.d); // floor(a*scale + 1/2)
    const s = r.toString().padStart(dp + 1, '0');
    const out = dp ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s;
    return (neg && r !== 0n ? '-' : '') + out;
  }
  /** Distance to the nearest half-up rounding boundary at `dp` decimals (how safe the rounding is). */
  margin(dp) {
    const scale = 10n ** BigInt(dp);
    const x = this.mul(new Q(scale)).sub(new Q(1n, 2n)); // boundaries at integers
    const fl = x.n >= 0n ? x.n / x.d : -((-x.n + x.d - 1n) / x.d);
    const frac = x.sub(new Q(fl));
    const m = frac.cmp(new Q(1n, 2n)) <= 0 ? frac : new Q(1n).sub(frac);
    return m.div(new Q(scale)).toNumber();
  }
}
const q = (x) => Q.of(x);
const sum = (xs) => xs.reduce((a, b) => a.add(b), q(0));

// ---------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): the only source of variation among the unnamed cities.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20221231);

// ---------------------------------------------------------------------------------------------------
// The 55 cities: file id (pinyin), display name, region, and the published score this example targets.
// Targets are chosen so that: 23 >= 90, 30 in [80, 90), 2 in [70, 80); the top ten are 4 华东 + 3 华南 +
// 2 西南 + 1 华北; each region's best and worst city is the one the report names; 华南's mean is the
// highest and 华中's the lowest, 6.30 apart; the mean of all 55 is 88.54.

const CITIES = [
  // 华北
  ['beijing', '北京', '华北', '95.41'], ['tianjin', '天津', '华北', '90.62'], ['shijiazhuang', '石家庄', '华北', '86.37'],
  ['taiyuan', '太原', '华北', '82.73'], ['huhehaote', '呼和浩特', '华北', '84.26'], ['baoding', '保定', '华北', '85.18'],
  // 东北
  ['shenyang', '沈阳', '东北', '86.12'], ['changchun', '长春', '东北', '85.36'], ['haerbin', '哈尔滨', '东北', '83.05'],
  ['dalian', '大连', '东北', '90.18'],
  // 华东
  ['shanghai', '上海', '华东', '96.12'], ['nanjing', '南京', '华东', '92.71'], ['hangzhou', '杭州', '华东', '94.62'],
  ['hefei', '合肥', '华东', '91.27'], ['fuzhou', '福州', '华东', '89.33'], ['nanchang', '南昌', '华东', '85.27'],
  ['jinan', '济南', '华东', '89.74'], ['qingdao', '青岛', '华东', '90.93'], ['ningbo', '宁波', '华东', '93.77'],
  ['xiamen', '厦门', '华东', '91.54'], ['suzhou', '苏州', '华东', '91.86'], ['wuxi', '无锡', '华东', '83.66'],
  ['weifang', '潍坊', '华东', '84.38'], ['wenzhou', '温州', '华东', '88.95'], ['shaoxing', '绍兴', '华东', '90.21'],
  ['jiaxing', '嘉兴', '华东', '90.48'], ['jinhua', '金华', '华东', '88.06'], ['taizhou', '台州', '华东', '87.13'],
  ['changzhou', '常州', '华东', '88.01'], ['nantong', '南通', '华东', '87.12'], ['quanzhou', '泉州', '华东', '86.18'],
  ['yantai', '烟台', '华东', '85.73'],
  // 华中
  ['zhengzhou', '郑州', '华中', '80.01'], ['wuhan', '武汉', '华中', '87.64'], ['changsha', '长沙', '华中', '88.93'],
  ['luoyang', '洛阳', '华中', '82.90'],
  // 华南
  ['guangzhou', '广州', '华南', '95.78'], ['shenzhen', '深圳', '华南', '95.05'], ['nanning', '南宁', '华南', '89.56'],
  ['haikou', '海口', '华南', '90.84'], ['foshan', '佛山', '华南', '93.02'], ['dongguan', '东莞', '华南', '92.15'],
  ['zhuhai', '珠海', '华南', '90.07'], ['zhongshan', '中山', '华南', '89.15'], ['huizhou', '惠州', '华南', '84.91'],
  // 西南
  ['chongqing', '重庆', '西南', '90.42'], ['chengdu', '成都', '西南', '93.35'], ['guiyang', '贵阳', '西南', '94.18'],
  ['kunming', '昆明', '西南', '86.74'], ['lasa', '拉萨', '西南', '78.64'],
  // 西北
  ['xian', '西安', '西北', '89.91'], ['lanzhou', '兰州', '西北', '85.42'], ['xining', '西宁', '西北', '84.87'],
  ['yinchuan', '银川', '西北', '90.36'], ['wulumuqi', '乌鲁木齐', '西北', '79.31'],
].map(([id, name, region, target]) => ({ id, name, region, target }));

const REGIONS = ['华北', '东北', '华东', '华中', '华南', '西南', '西北'];

// ---------------------------------------------------------------------------------------------------
// Which city has which defect or good practice. Named cities are the report's; the rest are this
// example's assumption (worse-scoring cities carry more defects). Counts are the report's.

const split = (s) => s.split(/\s+/).filter(Boolean);
const SETS = {
  // 事项办理
  no_e_certificate: split(`合肥 厦门 青岛 银川 武汉 珠海 西安 南宁 福州 温州 金华 常州 台州 昆明 石家庄 泉州 烟台 兰州 南昌 保定
    重庆 无锡 洛阳 太原 乌鲁木齐`),
  duplicate_paper: split('嘉兴 济南 天津 长沙 武汉 南通 沈阳 长春 绍兴 乌鲁木齐 哈尔滨 郑州 拉萨 太原 无锡'),
  identity_online: split('深圳 佛山 东莞 宁波 合肥 呼和浩特'),
  no_shared_materials: split('乌鲁木齐 郑州 哈尔滨 拉萨 兰州 洛阳'),
  // extra application forms beyond 《药品经营许可申请表》: 长春 《验收申请表》, 沈阳 《楼牌号审批表》
  extra_forms: { 长春: 1, 沈阳: 1, 南昌: 2, 太原: 1, 昆明: 1, 烟台: 1 },
  // 互动交流
  human_guide: split('上海 广州 北京 深圳 杭州 贵阳 宁波 成都 南京 厦门'), // the 10 that have one
  chatbot_ineffective: split('保定 石家庄 南昌 无锡'), // 保定's chatbot answers with a dead link
  hotline_unanswered: split('海口 珠海 太原'),
  consult_unanswered: split('中山 南宁 西宁 洛阳 兰州 郑州'),
  complaint_channel_blocked: split('苏州 青岛 无锡 潍坊 太原 长春 拉萨 乌鲁木齐 郑州 哈尔滨 石家庄'),
  complaint_resolved: split('上海 广州 北京 深圳 杭州 贵阳 宁波 成都 佛山 南京 东莞 厦门'),
  complaint_referred: split('合肥 海口 嘉兴 重庆 银川 绍兴 大连 天津 西安 呼和浩特'),
  complaint_ineffective: split('苏州 青岛 珠海 济南 南宁 福州 中山 温州 金华 常州 武汉 台州 昆明 泉州'),
  complaint_no_reply: split(`南通 石家庄 沈阳 烟台 兰州 长春 南昌 保定 惠州 西宁 潍坊 长沙 无锡 哈尔滨 洛阳 太原 郑州
    乌鲁木齐 拉萨`),
  review_source_hidden: split('无锡 哈尔滨 郑州 拉萨 乌鲁木齐 西宁 保定 泉州'),
  review_results_partial: split('南通 石家庄 台州 烟台 兰州 长春 南昌 惠州 潍坊 长沙 洛阳 太原 郑州 拉萨 乌鲁木齐 昆明 泉州'),
  re_rating: split('杭州 宁波 温州 绍兴 嘉兴'), // 浙江 cities with 追评
  staff_leaderboard: split('贵阳'), // 电子锦旗榜单
  // 技术支撑
  search_fails: split('潍坊 惠州 呼和浩特'),
  page_stalls: split('潍坊 惠州 呼和浩特'),
};

// Figures the report publishes (report-2022-facts.md).
const PUBLISHED = {
  mean: '88.54',
  indicators: { guide: '88.41', tech: '92.93', handling: '83.55', interaction: '86.48', 'tech.accessibility': '97.73', 'tech.validity': '98.55' },
  grades: { 优秀: 23, 良好: 30, 中等: 2, 较差: 0 },
  regionHighest: '华南', regionLowest: '华中', regionGap: '6.30',
  best: { 华北: '北京', 华东: '上海', 华南: '广州', 东北: '大连', 华中: '长沙', 西北: '银川', 西南: '贵阳' },
  worst: { 华北: '太原', 华东: '无锡', 华南: '惠州', 东北: '哈尔滨', 华中: '郑州', 西北: '乌鲁木齐', 西南: '拉萨' },
  top10Regions: { 华东: 4, other: ['华南', '西南', '华北'] },
  nearTop: split('北京 上海 广州 深圳'),
  findings: {
    no_e_certificate: [25, []], duplicate_paper: [15, []],
    identity_online: [6, split('深圳 佛山 东莞 宁波 合肥 呼和浩特')],
    no_shared_materials: [6, split('乌鲁木齐 郑州 哈尔滨')], no_single_form: [6, split('长春 沈阳')],
    no_human_guide: [45, []], hotline_unanswered: [3, split('海口 珠海 太原')],
    consult_unanswered: [6, split('中山 南宁 西宁')], complaint_channel_blocked: [11, split('苏州 青岛')],
    complaint_referred: [10, []], complaint_ineffective: [14, []], complaint_no_reply: [19, []],
    review_source_hidden: [8, []], review_results_partial: [17, []],
    search_fails: [3, split('潍坊 惠州 呼和浩特')], page_stalls: [3, split('潍坊 惠州 呼和浩特')],
    chatbot_ineffective: [4, split('保定')], re_rating: [5, split('杭州 宁波')], staff_leaderboard: [1, split('贵阳')],
  },
  baseline: { 'tech.accessibility': '89.81', 'tech.validity': '91.67' },
};
const GRADES = [['优秀', '90'], ['良好', '80'], ['中等', '70'], ['较差', null]];

// The evidence fields, in the order of the evidence block of rules.rubric and of every JSON file.
const FIELD_ORDER = [
  'guide.elements', 'guide.errors', 'guide.forms',
  'site.reachable', 'site.valid_links', 'site.load_seconds', 'search.result', 'mobile.coverage',
  'licence.e_certificate', 'licence.duplicate_paper', 'licence.online_steps', 'materials.shared',
  'identity.online_check', 'forms.extra',
  'consult.human_guide', 'consult.chatbot_ok', 'consult.hotline',
  'complaint.channel_open', 'complaint.reply', 'complaint.days_to_reply',
  'review.source_disclosed', 'review.results_published', 'review.re_rating', 'review.staff_leaderboard',
  'survey.satisfaction',
  'temp_id.guide_elements', 'temp_id.online_apply', 'temp_id.delivery', 'temp_id.visits',
];

// ---------------------------------------------------------------------------------------------------
// The mirror of rules.rubric. Keep it in step with the rules: weights, leaf rules, findings.
// A leaf returns { score: Q | null (excluded), findings: [ids] }.

const v = (e, path) => e[path];
const num = (e, path) => q(e[path]);
const isMissing = (x) => x === undefined || x === null;

function band(x, steps, otherwise) {
  for (const [le, s] of steps) if (x.cmp(le) <= 0) return q(s);
  return q(otherwise);
}
function startDeduct(start, rules) {
  let s = q(start);
  const findings = [];
  for (const { points, per, max, when, finding, add } of rules) {
    if (when === false) continue;
    let p = q(points).mul(per === undefined ? 1 : per);
    if (max !== undefined && p.cmp(max) > 0) p = q(max);
    if (p.cmp(0) === 0) continue;
    s = add ? s.add(p) : s.sub(p);
    if (finding) findings.push(finding);
  }
  if (s.cmp(0) < 0) s = q(0);
  if (s.cmp(100) > 0) s = q(100);
  return { score: s, findings };
}
const leaf = (score, findings = []) => ({ score, findings });

const MODEL = [
  { id: 'guide', weight: 20, children: [
    { id: 'elements', weight: 40, tuning: 'guide.elements', leaf: (e) => leaf(q(100).mul(num(e, 'guide.elements'))) },
    { id: 'accuracy', weight: 30, leaf: (e) => startDeduct(100, [
      { points: 10, per: num(e, 'guide.errors'), max: 40, finding: 'guide_inaccurate' }]) },
    { id: 'forms', weight: 30, leaf: (e) => leaf(q({ sample: 100, blank: 80, none: 40 }[v(e, 'guide.forms')])) },
  ] },
  { id: 'tech', weight: 35, children: [
    { id: 'accessibility', weight: 25, leaf: (e) => leaf(q(100).mul(num(e, 'site.reachable'))) },
    { id: 'validity', weight: 25, leaf: (e) => leaf(q(100).mul(num(e, 'site.valid_links'))) },
    { id: 'search', weight: 15, leaf: (e) => leaf(q({ top: 100, listed: 85, not_found: 20 }[v(e, 'search.result')]),
      v(e, 'search.result') === 'not_found' ? ['search_fails'] : []) },
    { id: 'fluency', weight: 10, leaf: (e) => {
      const s = num(e, 'site.load_seconds');
      return leaf(band(s, [[2, 100], [4, 90], [8, 70]], 40), s.cmp(8) > 0 ? ['page_stalls'] : []);
    } },
    { id: 'mobile', weight: 25, tuning: 'mobile.coverage', leaf: (e) => leaf(q(100).mul(num(e, 'mobile.coverage'))) },
  ] },
  { id: 'handling', weight: 20, children: [
    { id: 'delivery', weight: 10, leaf: (e) => v(e, 'licence.e_certificate') ? leaf(q(100)) : leaf(q(0), ['no_e_certificate']) },
    { id: 'integration', weight: 30, leaf: (e) => startDeduct(95, [
      { points: 30, when: v(e, 'licence.duplicate_paper'), finding: 'duplicate_paper' },
      { points: 30, when: !v(e, 'materials.shared'), finding: 'no_shared_materials' },
      { points: 5, when: v(e, 'identity.online_check'), finding: 'identity_online', add: true }]) },
    { id: 'simplicity', weight: 20, leaf: (e) => startDeduct(100, [
      { points: 15, per: num(e, 'forms.extra'), max: 30, finding: 'no_single_form' }]) },
    { id: 'online', weight: 40, tuning: 'licence.online_steps', leaf: (e) => leaf(q(100).mul(num(e, 'licence.online_steps'))) },
  ] },
  { id: 'interaction', weight: 25, children: [
    { id: 'consult', weight: 25, leaf: (e) => startDeduct(100, [
      { points: 8, when: !v(e, 'consult.human_guide'), finding: 'no_human_guide' },
      { points: 5, when: !v(e, 'consult.chatbot_ok'), finding: 'chatbot_ineffective' },
      { points: 30, when: v(e, 'consult.hotline') === 'unanswered', finding: 'hotline_unanswered' },
      { points: 20, when: v(e, 'consult.hotline') === 'unhelpful', finding: 'consult_unanswered' }]) },
    { id: 'channel', weight: 5, leaf: (e) => v(e, 'complaint.channel_open') ? leaf(q(100)) : leaf(q(0), ['complaint_channel_blocked']) },
    { id: 'reply', weight: 15, leaf: (e) => {
      const r = v(e, 'complaint.reply');
      const f = { referred: ['complaint_referred'], ineffective: ['complaint_ineffective'], none: ['complaint_no_reply'] }[r] ?? [];
      return leaf(q({ resolved: 100, referred: 85, ineffective: 70, none: 50 }[r]), f);
    } },
    { id: 'speed', weight: 10, leaf: (e) => isMissing(v(e, 'complaint.days_to_reply')) ? leaf(null)
      : leaf(band(num(e, 'complaint.days_to_reply'), [[1, 100], [3, 90], [7, 75]], 50)) },
    { id: 'review', weight: 15, leaf: (e) => startDeduct(100, [
      { points: 20, when: !v(e, 'review.source_disclosed'), finding: 'review_source_hidden' },
      { points: 15, when: !v(e, 'review.results_published'), finding: 'review_results_partial' }]) },
    { id: 'satisfaction', weight: 30, tuning: 'survey.satisfaction', leaf: (e) => leaf(q(100).mul(num(e, 'survey.satisfaction'))) },
  ] },
];
// The observed scenario, against the same four first-level indicators; the portal and the hotline are shared.
const OBSERVED = { id: 'temp', children: [
  { id: 'guide', weight: 20, leaf: (e) => leaf(q(100).mul(num(e, 'temp_id.guide_elements'))) },
  { id: 'tech', weight: 35, leaf: (e) => leaf(q(50).mul(num(e, 'site.reachable')).add(q(50).mul(num(e, 'site.valid_links')))) },
  { id: 'handling', weight: 20, children: [
    { id: 'online', weight: 40, leaf: (e) => v(e, 'temp_id.online_apply') ? leaf(q(100)) : leaf(q(0), ['temp_id_offline']) },
    { id: 'delivery', weight: 30, leaf: (e) => leaf(q({ post: 100, window: 60 }[v(e, 'temp_id.delivery')])) },
    { id: 'visits', weight: 30, leaf: (e) => startDeduct(100, [{ points: 25, per: num(e, 'temp_id.visits'), max: 75 }]) },
  ] },
  { id: 'interaction', weight: 25, leaf: (e) => leaf(q({ answered: 100, unhelpful: 50, unanswered: 0 }[v(e, 'consult.hotline')])) },
] };
const TOP_FINDINGS = [
  ['re_rating', (e) => v(e, 'review.re_rating')],
  ['staff_leaderboard', (e) => v(e, 'review.staff_leaderboard')],
];

/** Weighted mean of the children that have a value; null when all are excluded. */
function combine(parts) {
  const live = parts.filter((p) => p.score !== null);
  if (!live.length) return null;
  const w = sum(live.map((p) => q(p.weight)));
  return sum(live.map((p) => p.score.mul(p.weight))).div(w);
}

/** Scores one unit exactly: { total: Q, values: {path: Q|null}, findings: Set, observedFindings: Set }. */
function scoreUnit(e) {
  const values = {};
  const scoreTree = (node, prefix, findings) => {
    const path = prefix ? `${prefix}.${node.id}` : node.id;
    let score;
    if (node.leaf) {
      const r = node.leaf(e);
      score = r.score;
      if (score !== null) r.findings.forEach((f) => findings.add(f)); // an excluded leaf raises nothing
    } else {
      score = combine(node.children.map((c) => ({ weight: c.weight, score: scoreTree(c, path, findings) })));
    }
    values[path] = score;
    return score;
  };
  const findings = new Set();
  const total = combine(MODEL.map((k) => ({ weight: k.weight, score: scoreTree(k, '', findings) })));
  for (const [id, cond] of TOP_FINDINGS) if (cond(e)) findings.add(id);
  const observedFindings = new Set();
  scoreTree(OBSERVED, '', observedFindings); // computed, never part of the total
  return { total, values, findings, observedFindings };
}

// ---------------------------------------------------------------------------------------------------
// Evidence construction.

const byName = new Map(CITIES.map((c) => [c.name, c]));
for (const [set, names] of Object.entries(SETS)) {
  for (const n of Array.isArray(names) ? names : Object.keys(names)) {
    if (!byName.has(n)) throw new Error(`${set}: unknown city ${n}`);
  }
}
const has = (set, city) => SETS[set].includes(city.name);
const ranked = [...CITIES].sort((a, b) => q(b.target).cmp(a.target));
ranked.forEach((c, i) => { c.targetRank = i + 1; });

const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const dec4 = (k) => Number((k / 10000).toFixed(4)); // an integer count of 1/10000 as a JSON number

// Accessibility and validity: most sites are fully reachable with working links; the rest lose a few
// points. 大连/太原 (accessibility) and 沈阳/银川 (validity) improved markedly on 2021, so are high here.
const REACH_TARGET = q(PUBLISHED.indicators['tech.accessibility']).mul(55).mul(100).n; // sum in 1/10000
const VALID_TARGET = q(PUBLISHED.indicators['tech.validity']).mul(55).mul(100).n;
function siteRatios(targetSum, key, pinned, perfectShare) {
  // Draw a loss (in 1/10000) per site, then scale the unpinned losses so that the sum is exact.
  const loss = CITIES.map((c) => {
    if (pinned[c.name] !== undefined) return 10000 - pinned[c.name];
    const weak = has('page_stalls', c) || c.targetRank > 44;
    if (!weak && rand() < perfectShare) return 0;
    return weak ? int(300, 1100) : int(50, 600);
  });
  const free = CITIES.map((c, i) => i).filter((i) => loss[i] > 0 && pinned[CITIES[i].name] === undefined);
  const fixed = CITIES.reduce((a, c, i) => a + (free.includes(i) ? 0 : loss[i]), 0);
  const want = 55 * 10000 - Number(targetSum) - fixed; // total loss the free sites must carry
  const have = free.reduce((a, i) => a + loss[i], 0);
  for (const i of free) loss[i] = Math.max(50, Math.round((loss[i] * want) / have));
  let diff = want - free.reduce((a, i) => a + loss[i], 0);
  const biggest = [...free].sort((a, b) => loss[b] - loss[a] || a - b);
  for (let k = 0; diff !== 0; k++, diff -= Math.sign(diff)) loss[biggest[k % biggest.length]] += Math.sign(diff);
  CITIES.forEach((c, i) => { c.evidence[key] = dec4(10000 - loss[i]); });
}

for (const c of CITIES) c.evidence = {};
siteRatios(REACH_TARGET, 'site.reachable', { 大连: 9920, 太原: 9810 }, 0.45);
siteRatios(VALID_TARGET, 'site.valid_links', { 沈阳: 9950, 银川: 10000 }, 0.55);

for (const c of CITIES) {
  const e = c.evidence;
  const r = c.targetRank;
  // 办事指南
  e['guide.errors'] = r <= 15 ? 0 : r > 40 && rand() < 0.35 ? 2 : rand() < 0.35 ? 1 : 0;
  const f = rand();
  e['guide.forms'] = r <= 12 ? 'sample' : f < 0.55 ? 'sample' : f < 0.9 ? 'blank' : 'none';
  // 技术支撑
  const t = rand();
  const tier = has('page_stalls', c) ? 3 : r <= 12 ? 0 : t < 0.45 ? 0 : t < 0.75 ? 1 : 2;
  const [lo, hi] = [[8, 20], [21, 40], [41, 80], [92, 146]][tier];
  e['site.load_seconds'] = int(lo, hi) / 10;
  e['search.result'] = has('search_fails', c) ? 'not_found' : r > 10 && rand() < 0.3 ? 'listed' : 'top';
  // 事项办理
  e['licence.e_certificate'] = !has('no_e_certificate', c);
  e['licence.duplicate_paper'] = has('duplicate_paper', c);
  e['materials.shared'] = !has('no_shared_materials', c);
  e['identity.online_check'] = has('identity_online', c);
  e['forms.extra'] = SETS.extra_forms[c.name] ?? 0;
  // 互动交流
  e['consult.human_guide'] = has('human_guide', c);
  e['consult.chatbot_ok'] = !has('chatbot_ineffective', c);
  e['consult.hotline'] = has('hotline_unanswered', c) ? 'unanswered' : has('consult_unanswered', c) ? 'unhelpful' : 'answered';
  e['complaint.channel_open'] = !has('complaint_channel_blocked', c);
  const reply = ['resolved', 'referred', 'ineffective', 'no_reply'].filter((x) => has(`complaint_${x}`, c));
  if (reply.length !== 1) throw new Error(`${c.name}: complaint reply in ${reply.length} categories`);
  e['complaint.reply'] = reply[0] === 'no_reply' ? 'none' : reply[0];
  e['complaint.days_to_reply'] = { resolved: () => int(1, 2), referred: () => int(2, 5), ineffective: () => int(3, 10), no_reply: () => null }[reply[0]]();
  e['review.source_disclosed'] = !has('review_source_hidden', c);
  e['review.results_published'] = !has('review_results_partial', c);
  e['review.re_rating'] = has('re_rating', c);
  e['review.staff_leaderboard'] = has('staff_leaderboard', c);
  // 居民临时身份证办理 (observed, never counted)
  e['temp_id.guide_elements'] = dec4(int(7000, 10000));
  e['temp_id.online_apply'] = rand() < 0.6;
  e['temp_id.delivery'] = e['temp_id.online_apply'] && rand() < 0.5 ? 'post' : 'window';
  e['temp_id.visits'] = e['temp_id.delivery'] === 'post' ? 0 : e['temp_id.online_apply'] ? 1 : int(1, 2);
}

// ---------------------------------------------------------------------------------------------------
// Solve the tuning ratios. Each first-level score is affine in its tuning ratio: F = b + g * r.

const TUNING = MODEL.map((k) => ({ k: k.id, weight: k.weight, field: k.children.find((c) => c.tuning).tuning }));
const LO = 0.5;
const HI = 1;
for (const c of CITIES) {
  c.coef = TUNING.map(({ k, field }) => {
    const at = (x) => scoreUnit({ ...c.evidence, ...Object.fromEntries(TUNING.map((t) => [t.field, 1])), [field]: x }).values[k].toNumber();
    const b = at(0);
    return { b, g: at(1) - b };
  });
  c.r = TUNING.map(() => 0.72 + 0.24 * rand()); // a starting point; the solver keeps some of its spread
}
// Column targets: the published means of guide, tech and handling; interaction takes the rest so that
// the first-level means add up (with the weights) to the mean of the target scores.
const meanTarget = sum(CITIES.map((c) => q(c.target))).div(55);
const colMean = TUNING.map(({ k }) => (PUBLISHED.indicators[k] ? q(PUBLISHED.indicators[k]) : null));
colMean[3] = meanTarget.sub(sum(TUNING.slice(0, 3).map(({ weight }, i) => colMean[i].mul(weight).div(100)))).div(q(TUNING[3].weight).div(100));
const colTarget = colMean.map((m) => m.toNumber() * 55);

function spread(items, need) {
  // items: [{ get, set, coef, lo, hi }]; moves them (proportionally to room) so sum(coef * x) changes by need
  const room = items.map((it) => (need > 0 ? it.hi - it.get() : it.get() - it.lo) * Math.abs(it.coef));
  const total = room.reduce((a, b) => a + b, 0);
  if (total <= 0) return;
  const frac = Math.min(1, Math.abs(need) / total);
  items.forEach((it, i) => it.set(it.get() + Math.sign(need) * frac * room[i] / Math.abs(it.coef)));
}
for (let iter = 0; iter < 5000; iter++) {
  TUNING.forEach((t, k) => {
    const cur = CITIES.reduce((a, c) => a + c.coef[k].b + c.coef[k].g * c.r[k], 0);
    spread(CITIES.map((c) => ({ get: () => c.r[k], set: (x) => { c.r[k] = x; }, coef: c.coef[k].g, lo: LO, hi: HI })), colTarget[k] - cur);
  });
  for (const c of CITIES) {
    const cur = TUNING.reduce((a, t, k) => a + (t.weight / 100) * (c.coef[k].b + c.coef[k].g * c.r[k]), 0);
    spread(TUNING.map((t, k) => ({ get: () => c.r[k], set: (x) => { c.r[k] = x; }, coef: (t.weight / 100) * c.coef[k].g, lo: LO, hi: HI })),
      q(c.target).toNumber() - cur);
  }
}
if (VERBOSE) {
  console.log('city       target  total at r=0.5  total at r=1  solved tuning ratios (guide, tech, handling, interaction)');
  for (const c of ranked) {
    const tot = (x) => TUNING.reduce((a, t, k) => a + (t.weight / 100) * (c.coef[k].b + c.coef[k].g * x), 0);
    console.log(`${c.name.padEnd(6, '\u3000')} ${c.target}  ${tot(LO).toFixed(2).padStart(14)}  ${tot(HI).toFixed(2).padStart(12)}  ${c.r.map((x) => x.toFixed(4)).join(' ')}`);
  }
}
// Quantise to 4 decimals, carrying each city's rounding error into its next tuning ratio so that the
// total stays on target.
for (const c of CITIES) {
  let carry = 0; // in total points
  TUNING.forEach((t, k) => {
    const a = (t.weight / 100) * c.coef[k].g; // total points per unit of r
    const want = c.r[k] + carry / a;
    const kq = Math.min(HI * 10000, Math.max(LO * 10000, Math.round(want * 10000)));
    carry = (want - kq / 10000) * a;
    c.evidence[t.field] = dec4(kq);
  });
}

// ---------------------------------------------------------------------------------------------------
// Verification: re-score the final evidence exactly and check every published figure.

const problems = [];
const margins = [];
function expect(what, actual, expected) {
  if (String(actual) !== String(expected)) problems.push(`${what}: got ${actual}, expected ${expected}`);
}
function expectRounded(what, exact, expected) {
  expect(what, exact.round(2), expected);
  margins.push([what, exact, exact.margin(2)]);
}

for (const c of CITIES) {
  const s = scoreUnit(c.evidence);
  c.exact = s.total;
  c.values = s.values;
  c.findings = s.findings;
  c.published = s.total.round(2);
  expect(`${c.name} published score`, c.published, q(c.target).round(2));
  margins.push([`${c.name} score`, s.total, s.total.margin(2)]);
  for (const t of TUNING) {
    const x = c.evidence[t.field];
    if (!(x >= LO && x <= HI)) problems.push(`${c.name}: ${t.field} = ${x} outside [${LO}, ${HI}]`);
  }
}
const meanOf = (path) => {
  const xs = CITIES.map((c) => c.values[path]).filter((x) => x !== null);
  return sum(xs).div(xs.length);
};
expectRounded('overall mean', sum(CITIES.map((c) => c.exact)).div(55), PUBLISHED.mean);
for (const [path, m] of Object.entries(PUBLISHED.indicators)) expectRounded(`mean of ${path}`, meanOf(path), m);

const grades = Object.fromEntries(GRADES.map(([g]) => [g, 0]));
for (const c of CITIES) {
  const [g] = GRADES.find(([, min]) => min === null || q(c.published).cmp(min) >= 0);
  c.grade = g;
  grades[g]++;
}
expect('grades', JSON.stringify(grades), JSON.stringify(PUBLISHED.grades));

const published = new Set(CITIES.map((c) => c.published));
expect('distinct published scores', published.size, 55);
const byRank = [...CITIES].sort((a, b) => q(b.published).cmp(a.published) || b.exact.cmp(a.exact) || (a.id < b.id ? -1 : 1));
const top10 = byRank.slice(0, 10);
expect('11th below 10th', q(byRank[9].published).cmp(byRank[10].published), 1);
expect('top ten from 华东', top10.filter((c) => c.region === '华东').length, PUBLISHED.top10Regions.华东);
expect('top ten others', top10.filter((c) => c.region !== '华东').every((c) => PUBLISHED.top10Regions.other.includes(c.region)), true);
for (const r of PUBLISHED.top10Regions.other) expect(`top ten has ${r}`, top10.some((c) => c.region === r), true);
for (const n of PUBLISHED.nearTop) expect(`${n} in the top ten`, top10.some((c) => c.name === n), true);

const regionMeans = {};
for (const r of REGIONS) {
  const cs = byRank.filter((c) => c.region === r);
  const m = sum(cs.map((c) => c.exact)).div(cs.length);
  regionMeans[r] = m.round(2);
  margins.push([`${r} mean`, m, m.margin(2)]);
  expect(`${r} best`, cs[0].name, PUBLISHED.best[r]);
  expect(`${r} worst`, cs[cs.length - 1].name, PUBLISHED.worst[r]);
  expect(`${r} best is unique`, q(cs[0].published).cmp(cs[1].published), 1);
  expect(`${r} worst is unique`, q(cs[cs.length - 2].published).cmp(cs[cs.length - 1].published), 1);
}
const regionOrder = [...REGIONS].sort((a, b) => q(regionMeans[b]).cmp(regionMeans[a]));
expect('highest region', regionOrder[0], PUBLISHED.regionHighest);
expect('lowest region', regionOrder.at(-1), PUBLISHED.regionLowest);
expect('highest region is unique', q(regionMeans[regionOrder[0]]).cmp(regionMeans[regionOrder[1]]), 1);
expect('lowest region is unique', q(regionMeans[regionOrder.at(-2)]).cmp(regionMeans[regionOrder.at(-1)]), 1);
expect('regional gap', q(regionMeans[PUBLISHED.regionHighest]).sub(regionMeans[PUBLISHED.regionLowest]).round(2), PUBLISHED.regionGap);

for (const [id, [count, named]] of Object.entries(PUBLISHED.findings)) {
  const units = byRank.filter((c) => c.findings.has(id)).map((c) => c.name);
  expect(`finding ${id} count`, units.length, count);
  for (const n of named) expect(`finding ${id} names ${n}`, units.includes(n), true);
}
// Every defect the report names for a city must be that city's finding, and nothing else raises them.
for (const [id, names] of Object.entries(SETS)) {
  if (!PUBLISHED.findings[id]) continue;
  const units = CITIES.filter((c) => c.findings.has(id)).map((c) => c.name).sort();
  expect(`finding ${id} units`, units.join(' '), [...names].sort().join(' '));
}
expect('no_single_form units', CITIES.filter((c) => c.findings.has('no_single_form')).map((c) => c.name).sort().join(' '),
  Object.keys(SETS.extra_forms).sort().join(' '));

// Year over year: 大连/太原 accessibility and 沈阳/银川 validity improved markedly.
const BASELINE_UNITS = [
  ['dalian', 'tech.accessibility', '61.20'], ['taiyuan', 'tech.accessibility', '58.40'],
  ['shenyang', 'tech.validity', '72.35'], ['yinchuan', 'tech.validity', '74.10'],
];
for (const [id, path, before] of BASELINE_UNITS) {
  const c = CITIES.find((x) => x.id === id);
  const delta = q(c.values[path].round(2)).sub(before);
  if (delta.cmp(20) < 0) problems.push(`${c.name} ${path} improved by only ${delta.round(2)}`);
}
for (const [path, before] of Object.entries(PUBLISHED.baseline)) {
  const delta = q(meanOf(path).round(2)).sub(before).round(2);
  expect(`${path} change`, delta, { 'tech.accessibility': '7.92', 'tech.validity': '6.88' }[path]);
}

// The mirror must describe the same file: same evidence fields, same indicators and weights in the same
// order (a cheap guard against editing one and not the other; the tests in rules.rubric guard the rules).
{
  const rules = readFileSync(join(EXAMPLE, 'rules.rubric'), 'utf8');
  const block = rules.slice(rules.indexOf('\nevidence {'), rules.indexOf('\n}', rules.indexOf('\nevidence {')));
  const declared = [...block.matchAll(/^\s*([\w.]+):/gm)].map((m) => m[1]).filter((f) => f !== 'region');
  expect('evidence fields of rules.rubric', declared.join(' '), FIELD_ORDER.join(' '));
  const written = [...rules.matchAll(/^\s*indicator (\w+) "[^"]*" (?:weight (\d+)|observed)/gm)].map((m) => `${m[1]}:${m[2] ?? 'observed'}`);
  const flat = [];
  const walk = (n) => { flat.push(`${n.id}:${n.weight ?? 'observed'}`); (n.children ?? []).forEach(walk); };
  [...MODEL, OBSERVED].forEach(walk);
  expect('indicators and weights of rules.rubric', written.join(' '), flat.join(' '));
  // Tests named "<city> as published" pin a city's evidence: it must be the evidence written here.
  for (const m of rules.matchAll(/^test "(\S+) as published" \{\s*given \{([^}]*)\}/gm)) {
    const c = byName.get(m[1]);
    if (!c) { problems.push(`rules.rubric test "${m[1]} as published": no such city`); continue; }
    const given = Object.fromEntries([...m[2].matchAll(/([\w.]+):\s*([^,\s]+)/g)].map((x) => [x[1], x[2]]));
    const want = { region: c.region, ...Object.fromEntries(FIELD_ORDER.map((f) => [f, String(c.evidence[f])])) };
    expect(`rules.rubric test "${c.name} as published"`, JSON.stringify(given), JSON.stringify(want));
  }
}

// ---------------------------------------------------------------------------------------------------
// Report and write.

const fmt = (x) => x.toNumber().toFixed(6);
console.log('figure                         exact          margin to a rounding boundary');
for (const [what, exact, m] of margins.filter(([w]) => !w.endsWith(' score'))) {
  console.log(`${what.padEnd(30)} ${fmt(exact).padStart(12)}   ${m.toFixed(6)}`);
}
const cityMargin = Math.min(...margins.filter(([w]) => w.endsWith(' score')).map(([, , m]) => m));
console.log(`smallest margin of a city score: ${cityMargin.toFixed(6)}`);
console.log(`regional means: ${REGIONS.map((r) => `${r} ${regionMeans[r]}`).join(', ')}`);
console.log(`top ten: ${top10.map((c) => `${c.name}(${c.region}) ${c.published}`).join(', ')}`);
const MIN_MARGIN = 0.0005;
for (const [what, , m] of margins) if (m < MIN_MARGIN) problems.push(`${what}: only ${m} from a rounding boundary`);

if (problems.length) {
  console.error(`\n${problems.length} figure(s) off:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('every published figure reproduced');
if (CHECK_ONLY) process.exit(0);

/** Nests dotted paths into objects, in the order of FIELD_ORDER; JSON with 2-space indent and a final newline. */
function unitJson(c) {
  const out = { name: c.name, region: c.region };
  const keys = Object.keys(c.evidence);
  if (keys.length !== FIELD_ORDER.length || !keys.every((k) => FIELD_ORDER.includes(k))) throw new Error(`${c.name}: fields differ from FIELD_ORDER`);
  for (const path of FIELD_ORDER) {
    const [head, ...rest] = path.split('.');
    let o = out;
    let h = head;
    for (const r of rest) { o = o[h] ??= {}; h = r; }
    o[h] = c.evidence[path];
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

const evidenceDir = join(EXAMPLE, 'evidence');
mkdirSync(evidenceDir, { recursive: true });
for (const f of readdirSync(evidenceDir)) if (f.endsWith('.json')) rmSync(join(evidenceDir, f));
for (const c of CITIES) writeFileSync(join(evidenceDir, `${c.id}.json`), unitJson(c));

const baseline = {
  evaluation: { id: 'gov2021', label: '在线政务服务质量评估（2021）', year: 2021 },
  summary: {
    indicators: {
      'tech.accessibility': { label: '可及性', mean: Number(PUBLISHED.baseline['tech.accessibility']) },
      'tech.validity': { label: '有效性', mean: Number(PUBLISHED.baseline['tech.validity']) },
    },
  },
  units: BASELINE_UNITS.map(([id, path, before]) => {
    const c = CITIES.find((x) => x.id === id);
    return { id, name: c.name, groups: { region: c.region }, indicators: { [path]: Number(before) } };
  }),
};
writeFileSync(join(EXAMPLE, 'baseline-2021.json'), `${JSON.stringify(baseline, null, 2)}\n`);
console.log(`wrote ${CITIES.length} evidence files and baseline-2021.json`);
