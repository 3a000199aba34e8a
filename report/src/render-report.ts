/**
 * renderReport: results → one self-contained HTML file (report.html). Pure and deterministic: the same
 * results and language give the same bytes, so a re-run that changes nothing changes no file.
 */
import type { Results, UncertaintyResult } from '@rubric/core';
import { reportContext, type ReportSection } from './html/context.js';
import { page } from './html/page.js';
import type { Lang } from './html/strings.js';
import { findingsSection } from './sections/findings.js';
import { firstLevelSection } from './sections/first-level.js';
import { gradesSection } from './sections/grades.js';
import { groupSections } from './sections/groups.js';
import { indicatorSystemSection } from './sections/indicator-system.js';
import { overviewSection } from './sections/overview.js';
import { rankingSection } from './sections/ranking.js';
import { uncertaintySection } from './sections/uncertainty.js';
import { unitPagesSection } from './sections/unit-pages.js';
import { yearOverYearSection } from './sections/year-over-year.js';

export interface ReportOptions {
  /** Language of the report's own words; labels and names always come from the results. Default 'zh'. */
  lang?: Lang;
  /**
   * An uncertainty analysis of the same rules and evidence (`rubric uncertainty --format json`): adds a
   * section with each unit's rank interval, its grade probabilities and the sensitivity to each weight,
   * and on each unit page its rank interval and the cheapest evidence changes into the next grade.
   */
  uncertainty?: UncertaintyResult;
}

export function renderReport(results: Results, options: ReportOptions = {}): string {
  const ctx = reportContext(results, options.lang ?? 'zh', options.uncertainty ?? null);
  // The order of a published evaluation report: figures, method, results by level, then the detail.
  const sections: (ReportSection | null)[] = [
    overviewSection(ctx),
    indicatorSystemSection(ctx),
    firstLevelSection(ctx),
    ...groupSections(ctx),
    gradesSection(ctx),
    yearOverYearSection(ctx),
    findingsSection(ctx),
    rankingSection(ctx),
    uncertaintySection(ctx),
    unitPagesSection(ctx),
  ];
  return page(ctx, sections.filter((s): s is ReportSection => s !== null));
}
