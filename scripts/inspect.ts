/**
 * `npm run inspect -- page.html [--url https://mail.google.com/mail/u/0/#inbox/…]`
 *
 * Prints as JSON what ReplyPace reads from a saved mail page: the site (told from the page
 * itself), the account, each message's id, thread, sender, recipients and received time, the
 * open composes with their recipients, and how many times could not be read. Never a subject or a
 * body. This is what a user attaches to a bug report when the mail site changes its markup.
 *
 * It reads a page report saved from the popup ("Save a page report") the same way: a censored page
 * with placeholder addresses, whose `report` field (version, browser, site, health counters) is
 * printed first.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import type { SiteId } from '../src/core/types.ts';
import { detectSite, type PageReading } from '../src/sites/contract.ts';
import { readGmailPage } from '../src/sites/gmail/reader.ts';
import { readOutlookPage } from '../src/sites/outlook/reader.ts';
import { readPageReportInfo } from '../src/page-report/report-file.ts';

/** The one place where a site's reader is plugged in. */
const readers: Record<SiteId, (doc: Document) => PageReading> = {
  gmail: (doc) => readGmailPage(doc),
  outlook: (doc) => readOutlookPage(doc),
};

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run inspect -- page.html [--url URL-the-page-was-saved-from]`);
  process.exit(2);
}

function main(): void {
  const args = process.argv.slice(2);
  const urlAt = args.indexOf('--url');
  const url = urlAt >= 0 ? args[urlAt + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && (urlAt < 0 || i !== urlAt + 1));
  if (!file) usage('No page given.');
  let html: string;
  try {
    html = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    usage(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const window = new Window({
    url: url ?? 'about:blank',
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  });
  const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  const report = readPageReportInfo(doc);
  const site = report?.site ?? detectSite(doc);
  if (!site) {
    console.error(`${file}: neither a Gmail nor an Outlook page as far as ReplyPace can tell.`);
    process.exit(1);
  }
  const reading = readers[site](doc);
  const output = {
    file,
    ...(report ? { report } : {}),
    ...reading,
    messages: reading.messages.map((m) => ({ ...m, atIso: new Date(m.at).toISOString() })),
  };
  console.log(JSON.stringify(output, null, 2));
  void window.happyDOM.close();
}

main();
