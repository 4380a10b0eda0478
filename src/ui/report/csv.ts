/**
 * The report's data as CSV, written with papaparse (quoting and escaping done by a maintained
 * library, not by hand). Only times and numbers: ReplyPace stores no subject and no body.
 */
import Papa from 'papaparse';
import { reportCsvRows, type ReportInput } from '../../core/report.ts';

export function reportCsv(input: ReportInput): string {
  const rows = reportCsvRows(input);
  const fields = ['record', 'time_zone', 'received_at', 'sent_at', 'wall_minutes', 'working_minutes', 'within_target', 'instant', 'after_hours', 'nudge_at', 'nudge_choice', 'nudge_reasons', 'scheduled_for'];
  // A leading "=", "+", "-" or "@" would be read as a formula by spreadsheets; papaparse guards it.
  return Papa.unparse({ fields, data: rows.map((row) => fields.map((field) => row[field as keyof typeof row])) }, { escapeFormulae: true, newline: '\r\n' });
}

/** "replypace-acme-corp-2026-03-20-to-2026-04-16.csv". */
export function csvFileName(clientName: string, fromKey: string, toKey: string): string {
  const slug = clientName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'client';
  return `replypace-${slug}-${fromKey}-to-${toKey}.csv`;
}

/** Saves text as a file through a temporary link: no downloads permission needed. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
