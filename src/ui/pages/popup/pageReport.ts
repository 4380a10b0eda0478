/**
 * "Save a page report": the popup asks the mail tab's content script for the page's markup,
 * censors it here (src/page-report/censor.ts) and saves the result with an `<a download>` of a blob
 * URL. No permission is needed for any of it: not `tabs` (the active tab's id is enough to message
 * its content script), not `downloads` (a page may save a file its user asked for). Nothing leaves
 * the browser: the uncensored markup only passes from the content script to this page in memory.
 */
import { browser } from 'wxt/browser';
import type { ResponseMap, TabResponseMap } from '../../../messaging/protocol.ts';
import { askTab } from '../../../messaging/tab-client.ts';
import { buildPageReport, type PageReportFile } from '../../../page-report/report-file.ts';
import type { MailTab } from '../activeThread.ts';

/** A Gmail page's markup is megabytes: the content script needs a moment to hand it over. */
const MARKUP_TIMEOUT_MS = 15_000;
/** How long the saved file's blob URL lives: a save dialog may hold the download that long. */
const BLOB_URL_LIFETIME_MS = 120_000;

export class PageReportError extends Error {}

type PageMarkup = TabResponseMap['replypace:pageMarkup'];

async function askMarkup(tab: MailTab): Promise<PageMarkup> {
  const markup = await askTab(tab.tabId, 'replypace:pageMarkup', MARKUP_TIMEOUT_MS);
  const site = markup?.site;
  if (typeof markup?.html !== 'string' || (site !== 'gmail' && site !== 'outlook')) {
    throw new PageReportError('The mail page did not answer. Reload it and try again.');
  }
  // An older content script did not say its host: the report goes without it.
  return { site, host: typeof markup.host === 'string' ? markup.host : '', html: markup.html };
}

/** The censored report of the page in `tab`. */
export async function makePageReport(tab: MailTab, health: ResponseMap['siteHealth'] | null, now = new Date()): Promise<PageReportFile> {
  const markup = await askMarkup(tab);
  // An inert document: nothing in it runs or loads while it is censored.
  const doc = new DOMParser().parseFromString(markup.html, 'text/html');
  return buildPageReport(doc, {
    extensionVersion: browser.runtime.getManifest().version,
    browser: import.meta.env.BROWSER,
    site: markup.site,
    host: markup.host || null,
    savedAt: now.toISOString(),
    health,
  });
}

/** Saves `file` as the browser saves any download the user asked for (no `downloads` permission). */
export function saveFile(file: PageReportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'text/html' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
}

/** Makes the report of the page in `tab` and saves it; returns the file's name. */
export async function savePageReport(tab: MailTab, health: ResponseMap['siteHealth'] | null): Promise<string> {
  const file = await makePageReport(tab, health);
  saveFile(file);
  return file.fileName;
}
