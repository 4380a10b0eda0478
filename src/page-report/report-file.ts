/**
 * A page report: the censored page (censor.ts) as an HTML file, with what a bug report needs beside
 * it in a JSON block in its head (`script[type="application/json"]`, which no browser runs): the
 * format, the extension's version, the browser, the site and host, when it was saved, and the
 * site-health counters. Never the user's settings. `npm run inspect` reads it like a saved page.
 */
import type { SiteHealth } from '../core/siteHealth.ts';
import type { SiteId } from '../core/types.ts';
import { censorDocument } from './censor.ts';

export const PAGE_REPORT_FORMAT = 'replypace-page-report';
export const PAGE_REPORT_VERSION = 1;
export const PAGE_REPORT_ELEMENT_ID = 'replypace-page-report';

export interface PageReportInfo {
  format: typeof PAGE_REPORT_FORMAT;
  version: typeof PAGE_REPORT_VERSION;
  extensionVersion: string;
  browser: string;
  site: SiteId;
  /** The mail site's host (outlook.live.com or outlook.office.com tell different Outlooks); never a path. */
  host: string | null;
  savedAt: string;
  /** Distinct addresses replaced by placeholders. */
  addresses: number;
  health: (SiteHealth & { thisWeek: string }) | null;
}

export interface PageReportFile {
  fileName: string;
  text: string;
}

/**
 * Censors `doc` (changed in place) and writes the report around it. `doc` is the page's markup
 * parsed in an inert document (DOMParser): nothing in it runs or loads.
 */
export function buildPageReport(doc: Document, info: Omit<PageReportInfo, 'format' | 'version' | 'addresses'>): PageReportFile {
  const { addresses } = censorDocument(doc);
  const full: PageReportInfo = { format: PAGE_REPORT_FORMAT, version: PAGE_REPORT_VERSION, ...info, addresses };
  const block = doc.createElement('script');
  block.setAttribute('type', 'application/json');
  block.id = PAGE_REPORT_ELEMENT_ID;
  // "<" escaped: no text in the block can close it.
  block.textContent = JSON.stringify(full, null, 2).replace(/</g, '\\u003c');
  (doc.head ?? doc.documentElement).prepend(block);
  const day = info.savedAt.slice(0, 10);
  return { fileName: `replypace-page-report-${info.site}-${day}.html`, text: `<!doctype html>\n${doc.documentElement.outerHTML}\n` };
}

/** The report's own information, or null for a page that is not a page report (a saved page). */
export function readPageReportInfo(doc: Document): PageReportInfo | null {
  const block = doc.getElementById(PAGE_REPORT_ELEMENT_ID);
  if (!block) return null;
  try {
    const info = JSON.parse(block.textContent ?? '') as PageReportInfo;
    return info.format === PAGE_REPORT_FORMAT ? info : null;
  } catch {
    return null;
  }
}
