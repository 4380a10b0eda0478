/**
 * The client review report, by job (this module re-exports them all):
 * - report-period.ts: the period and its label;
 * - report-replies.ts: the input, and `measureReplies`, the one measure of each reply;
 * - report-model.ts: the figures the page draws;
 * - report-words.ts: the paragraph for the client and the notes for the user;
 * - report-csv.ts: the rows of the CSV download.
 */
export { MAX_PERIOD_DAYS, periodLabel, resolvePeriod, type PeriodKind, type PeriodResult, type ReportPeriod } from './report-period.ts';
export { measureReplies, type MeasuredReply, type ReportData, type ReportInput, type ReportMeeting, type ReportOutcome } from './report-replies.ts';
export { HISTOGRAM_EDGES_MS, buildReport, type HeatCell, type HeatRow, type HistogramBin, type ReportModel } from './report-model.ts';
export { localStamp, reportCsvRows, type ReportCsvRow } from './report-csv.ts';
