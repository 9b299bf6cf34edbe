/** Program reports: build (pure, content-blind) and format (md, html, json). */
export {
  buildReport,
  type ReportNote,
  type ReportOptions,
  type ProgramReport,
  type Metrics,
  type Shares,
  type PeriodMetrics,
  type ClinicianReport,
  type RuleTrend,
} from './build.ts';
export { formatReport, formatReportHtml, formatReportJson, formatReportMarkdown, REPORT_FORMATS, type ReportFormat } from './format.ts';
