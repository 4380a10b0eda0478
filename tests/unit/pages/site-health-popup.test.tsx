// @vitest-environment happy-dom
/**
 * The popup's site health: a quiet line when a site failed this week, "Save a page report" on a
 * mail tab, and the report itself: the mail tab's markup, censored in the popup, saved through an
 * `<a download>` of a blob URL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addScheduleResult, addUnreadable, emptySiteHealth } from '../../../src/core/siteHealth.ts';
import type { TabRequest } from '../../../src/messaging/protocol.ts';
import type { MailTab } from '../../../src/ui/pages/activeThread.ts';
import { PopupApp } from '../../../src/ui/pages/popup/PopupApp.tsx';
import { makePageReport, saveFile, PageReportError } from '../../../src/ui/pages/popup/pageReport.ts';
import type { SiteHealthAnswer } from '../../../src/ui/pages/popup/SiteHealth.tsx';
import { fixtureHtml } from '../page-report/load-page.ts';
import { fakeApi, settingsWithClients } from './fixtures.ts';

afterEach(cleanup);
beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
});

const THIS_WEEK = '2026-06-15';
const noThread = async () => [] as string[];
const gmailTab: MailTab = { tabId: 7, counterparts: [] };

function withHealth(health: SiteHealthAnswer) {
  const api = fakeApi(settingsWithClients());
  api.siteHealth = async () => ({ ok: true, value: health });
  return api;
}

function failedThisWeek(times: number): SiteHealthAnswer {
  let health = emptySiteHealth();
  for (let i = 0; i < times; i++) health = addScheduleResult(health, THIS_WEEK, 'gmail', { ok: false, step: 'picker-confirm', reason: 'r' });
  return { ...health, thisWeek: THIS_WEEK };
}

describe('popup: site health', () => {
  it('says nothing when nothing failed this week and the tab is not a mail page', async () => {
    // Last week's failures are not news.
    const lastWeek = addUnreadable(emptySiteHealth(), '2026-06-08', 'outlook', 4);
    render(<PopupApp pagesApi={withHealth({ ...lastWeek, thisWeek: THIS_WEEK })} counterparts={noThread} mailTab={async () => null} openOptions={() => {}} />);
    await screen.findByText('Acme');
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('region', { name: 'Site health' })).toBeNull();
    expect(screen.queryByRole('button', { name: /page report/i })).toBeNull();
  });

  it('shows a quiet line with a keyboard-reachable "save a page report" on a mail tab, and saves the report', async () => {
    const health = failedThisWeek(3);
    const saved: [MailTab, SiteHealthAnswer | null][] = [];
    const savePageReport = async (tab: MailTab, h: SiteHealthAnswer | null) => {
      saved.push([tab, h]);
      return 'replypace-page-report-gmail-2026-06-17.html';
    };
    render(<PopupApp pagesApi={withHealth(health)} counterparts={noThread} mailTab={async () => gmailTab} savePageReport={savePageReport} openOptions={() => {}} />);
    const region = await screen.findByRole('region', { name: 'Site health' });
    expect(region.textContent).toContain("Gmail's Schedule send failed 3 times this week: save a page report");
    const button = screen.getByRole('button', { name: 'save a page report' });
    // A real button: focusable and activated by Enter and Space like every other control.
    expect(button.tagName).toBe('BUTTON');
    button.focus();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    await screen.findByText(/^Saved replypace-page-report-gmail-2026-06-17\.html\. It holds the page's structure, with no subject, body text or address/);
    expect(saved).toEqual([[gmailTab, health]]);
    // Only the bottom button or the line's, never both.
    expect(screen.getAllByRole('button', { name: /page report/i })).toHaveLength(1);
  });

  it('tells where to save a report from when the tab is not a mail page', async () => {
    render(<PopupApp pagesApi={withHealth(failedThisWeek(1))} counterparts={noThread} mailTab={async () => null} openOptions={() => {}} />);
    const region = await screen.findByRole('region', { name: 'Site health' });
    await waitFor(() => expect(region.textContent).toBe("Gmail's Schedule send failed once this week. Open Gmail and save a page report from here."));
  });

  it('offers "Save a page report" at the bottom on a mail tab when all is well, and says why a save failed', async () => {
    const savePageReport = async () => {
      throw new PageReportError('The mail page did not answer. Reload it and try again.');
    };
    render(<PopupApp pagesApi={withHealth({ weeks: {}, thisWeek: THIS_WEEK })} counterparts={noThread} mailTab={async () => gmailTab} savePageReport={savePageReport} openOptions={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Save a page report' }));
    await screen.findByText('The mail page did not answer. Reload it and try again.');
    expect(screen.queryByRole('region', { name: 'Site health' })).toBeNull();
  });
});

describe('making and saving a page report', () => {
  it('censors the markup the content script hands over, with the host it names, the health counters and the version', async () => {
    const html = fixtureHtml('gmail/2026-11-two-composes.html');
    const asked: unknown[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tabId: number, message: unknown) => {
      asked.push([tabId, message]);
      return { site: 'gmail', host: 'mail.google.com', html } as never;
    });
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'ReplyPace', version: '0.1.0' });
    const health = failedThisWeek(2);
    const file = await makePageReport(gmailTab, health, new Date('2026-06-17T09:00:00Z'));
    expect(asked).toEqual([[7, { type: 'replypace:pageMarkup' } satisfies TabRequest]]);
    expect(file.fileName).toBe('replypace-page-report-gmail-2026-06-17.html');
    expect(file.text).toContain('data-legacy-message-id="19e2064888002cbf"');
    expect(file.text).not.toMatch(/jana|northwind|Renewal terms/i);
    expect(file.text).toContain('"host": "mail.google.com"');
    expect(file.text).toContain('"extensionVersion": "0.1.0"');
    expect(file.text).toContain('"picker-confirm"');
    expect(file.text).not.toContain('"settings"');
  });

  it('refuses an answer that is not a page', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async () => ({ counterparts: [] }) as never);
    await expect(makePageReport(gmailTab, null)).rejects.toBeInstanceOf(PageReportError);
  });

  it('saves through an <a download> of a blob URL, with the report as its content', async () => {
    const clicked: { download: string; href: string; text: Promise<string> }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href, text: blobs.get(this.href)!.text() });
    });
    const blobs = new Map<string, Blob>();
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const url = `blob:popup/${blobs.size}`;
      blobs.set(url, blob as Blob);
      return url;
    });
    saveFile({ fileName: 'replypace-page-report-gmail-2026-06-17.html', text: '<!doctype html><p>report</p>' });
    expect(click).toHaveBeenCalledOnce();
    expect(clicked[0]).toMatchObject({ download: 'replypace-page-report-gmail-2026-06-17.html', href: 'blob:popup/0' });
    expect(await clicked[0]!.text).toBe('<!doctype html><p>report</p>');
    // The link does not stay in the popup.
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
