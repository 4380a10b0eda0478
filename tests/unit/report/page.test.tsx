// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import Papa from 'papaparse';
import { ReportPage } from '../../../src/ui/report/ReportPage.tsx';
import { WeeklyReviewPage } from '../../../src/ui/report/WeeklyReviewPage.tsx';
import { parseReportParams, reportHref, reportSearch, type ReportParams } from '../../../src/ui/report/links.ts';
import type { AttentionReport, PagesApi, ReportData } from '../../../src/ui/pages/api.ts';
import { DEFAULT_ATTENTION } from '../../../src/core/attention.ts';
import { defaultSchedule } from '../../../src/core/schedule.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import type { ClientNorms } from '../../../src/messaging/protocol.ts';

afterEach(cleanup);

const HOUR = 3_600_000;
const NOW = Date.parse('2026-04-16T15:00:00Z'); // Thursday

function ok<T>(value: T) {
  return Promise.resolve({ ok: true as const, value });
}

const data: ReportData = {
  clientKey: 'client:acme',
  name: 'Acme Corp',
  mode: 'account',
  schedule: defaultSchedule('UTC'),
  responseTargetMinutes: 240,
  instantThresholdMinutes: 15,
  attention: { ...DEFAULT_ATTENTION },
  pairs: [
    { receivedAt: Date.parse('2026-04-06T09:00:00Z'), sentAt: Date.parse('2026-04-06T10:00:00Z') },
    { receivedAt: Date.parse('2026-04-07T09:00:00Z'), sentAt: Date.parse('2026-04-07T11:00:00Z') },
    { receivedAt: Date.parse('2026-04-08T16:00:00Z'), sentAt: Date.parse('2026-04-08T21:00:00Z') },
  ],
  outcomes: [
    { at: Date.parse('2026-04-09T20:00:00Z'), choice: 'scheduled', reasons: ['outside-hours'], scheduledFor: Date.parse('2026-04-10T09:00:00Z') },
    { at: Date.parse('2026-04-08T20:59:00Z'), choice: 'sent-anyway', reasons: ['outside-hours'], scheduledFor: null },
  ],
};

const params = (over: Partial<Omit<ReportParams, 'clientKey'>> = {}): ReportParams & { clientKey: string } => ({ clientKey: 'client:acme', period: '4w', from: null, to: null, ...over });

function renderReport(over: { answer?: ReportData | null; params?: ReturnType<typeof params> } = {}) {
  const reportData = vi.fn((_key: string, _from: number, _to: number) => ok(over.answer === undefined ? data : over.answer));
  const navigate = vi.fn();
  const copyText = vi.fn(async (_text: string) => undefined);
  const download = vi.fn();
  render(<ReportPage params={over.params ?? params()} api={{ reportData }} now={() => NOW} navigate={navigate} copyText={copyText} download={download} print={() => {}} />);
  return { reportData, navigate, copyText, download };
}

describe('the client report page', () => {
  it('asks for the period around the last 4 weeks and shows target against actual', async () => {
    const { reportData } = renderReport();
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Corp' })).toBeTruthy();
    const [key, from, to] = reportData.mock.calls[0]!;
    expect(key).toBe('client:acme');
    expect(to).toBe(NOW);
    expect(NOW - from).toBeGreaterThanOrEqual(28 * 24 * HOUR);
    expect(screen.getByText('March 20 – April 16, 2026')).toBeTruthy();
    const glance = screen.getByRole('region', { name: 'At a glance' });
    expect(within(glance).getByText('Typical reply').nextElementSibling!.textContent).toBe('1 hworking time · target 4 h');
    expect(within(glance).getByText('Within target').nextElementSibling!.textContent).toBe('3 (100%)');
    expect(within(glance).getByText('Sent outside their hours').nextElementSibling!.textContent).toBe('1 (33%)');
    expect(within(glance).getByText('“Send now” overrides').nextElementSibling!.textContent).toBe('1of 2 nudges');
  });

  it('draws both charts with their numbers in words for screen readers', async () => {
    renderReport();
    const histogram = await screen.findByRole('img', { name: /How long replies took, in working time/ });
    expect(histogram.querySelector('desc')!.textContent).toContain('1–2 h: 2');
    expect(histogram.querySelector('desc')!.textContent).toContain('Target 4 h');
    const heatmap = screen.getByRole('img', { name: /When replies went out/ });
    expect(heatmap.querySelector('desc')!.textContent).toContain('Wed 21:00 (outside hours): 1');
  });

  it('copies the summary as the user edited it', async () => {
    const { copyText } = renderReport();
    const box = (await screen.findByRole('textbox', { name: 'Summary for Acme Corp' })) as HTMLTextAreaElement;
    expect(box.value).toMatch(/^Review of my replies to Acme Corp, March 20 – April 16, 2026\. I replied to you 3 times\./);
    fireEvent.input(box, { target: { value: `${box.value} Thanks for a good month!` } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy summary' }));
    await waitFor(() => expect(screen.getByText('Copied to the clipboard.')).toBeTruthy());
    expect(copyText.mock.calls[0]![0]).toMatch(/Thanks for a good month!$/);
  });

  it('exports the replies and nudges as CSV a spreadsheet opens', async () => {
    const { download } = renderReport();
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    const [text, fileName] = download.mock.calls[0]!;
    expect(fileName).toBe('replypace-acme-corp-2026-03-20-to-2026-04-16.csv');
    const parsed = Papa.parse<Record<string, string>>(text as string, { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.record)).toEqual(['reply', 'reply', 'nudge', 'reply', 'nudge']);
    expect(parsed.data[0]).toMatchObject({ received_at: '2026-04-06 09:00', sent_at: '2026-04-06 10:00', working_minutes: '60', within_target: 'yes' });
  });

  it('keeps the private notes off the printout unless asked', async () => {
    renderReport();
    const notes = await screen.findByRole('region', { name: 'For you, before the review' });
    expect(notes.textContent).toContain('You chose “Send now” on 1 of 2 nudges');
    expect(screen.getByRole('main').classList.contains('hide-notes-in-print')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: /Include these notes when printing/ }));
    expect(screen.getByRole('main').classList.contains('hide-notes-in-print')).toBe(false);
  });

  it('switches to the last quarter and to custom dates', async () => {
    const { navigate } = renderReport();
    const select = await screen.findByRole('combobox', { name: 'Period' });
    fireEvent.change(select, { target: { value: 'quarter' } });
    expect(navigate).toHaveBeenLastCalledWith(params({ period: 'quarter' }));
    fireEvent.change(select, { target: { value: 'custom' } });
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    fireEvent.input(screen.getByLabelText('To'), { target: { value: '2026-03-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(navigate).toHaveBeenLastCalledWith(params({ period: 'custom', from: '2026-01-01', to: '2026-03-31' }));
  });

  it('says plainly when the client is unknown or the dates make no sense', async () => {
    renderReport({ answer: null });
    expect((await screen.findByRole('alert')).textContent).toMatch(/has not learned anything about this client yet/);
    cleanup();
    const { reportData } = renderReport({ params: params({ period: 'custom', from: '2026-04-10', to: '2026-04-01' }) });
    expect((await screen.findByRole('alert')).textContent).toBe('The period ends before it starts.');
    expect(reportData).not.toHaveBeenCalled();
  });
});

describe('report URLs', () => {
  it('round-trips the parameters and falls back to the last 4 weeks', () => {
    const custom = { clientKey: 'domain:acme.com', period: 'custom' as const, from: '2026-01-01', to: '2026-03-31' };
    expect(parseReportParams(reportSearch(custom))).toEqual(custom);
    expect(parseReportParams('?client=client%3Aacme&period=year')).toEqual({ clientKey: 'client:acme', period: '4w', from: null, to: null });
    expect(parseReportParams('')).toMatchObject({ clientKey: null });
    expect(reportHref('address:bob@gmail.com')).toBe('report.html?client=address%3Abob%40gmail.com&period=4w');
  });
});

describe('the weekly review page', () => {
  const attention: AttentionReport = {
    computedAt: NOW,
    clients: [
      {
        clientKey: 'client:acme',
        name: 'Acme Corp',
        findings: [{ kind: 'waiting', text: 'A message from them has waited about 19 working hours for your answer.', suggestion: 'Fix it today, reassign the account, or have the honest conversation.', weight: 3 }],
      },
    ],
    needingAttention: ['client:acme'],
  };
  const norms: ClientNorms[] = [];

  function renderReview(over: { granted?: boolean; attention?: AttentionReport; answersLate?: boolean } = {}) {
    let settings: Settings = defaultSettings('UTC');
    const saveSettings = vi.fn((next: Settings) => {
      settings = next;
      // A background that wrote the settings but answered too late.
      if (over.answersLate) return Promise.resolve({ ok: false as const, code: 'timeout' as const, error: 'No answer from the background within 8000 ms' });
      return ok({ settings: next, problems: [] });
    });
    const requestNotifications = vi.fn(async () => over.granted ?? true);
    const api: Pick<PagesApi, 'attention' | 'listNorms' | 'getSettings' | 'saveSettings'> = {
      attention: () => ok(over.attention ?? attention),
      listNorms: () => ok(norms),
      getSettings: () => ok(settings),
      saveSettings,
    };
    render(<WeeklyReviewPage api={api} requestNotifications={requestNotifications} />);
    return { saveSettings, requestNotifications, settings: () => settings };
  }

  it('lists who needs attention with the coaching’s suggestion and a link to their report', async () => {
    renderReview();
    const link = await screen.findByRole('link', { name: 'Acme Corp' });
    expect(link.getAttribute('href')).toBe('report.html?client=client%3Aacme&period=4w');
    expect(screen.getByText(/waited about 19 working hours/)).toBeTruthy();
    expect(screen.getByText(/reassign the account/)).toBeTruthy();
  });

  it('says when nothing needs attention', async () => {
    renderReview({ attention: { computedAt: NOW, clients: [], needingAttention: [] } });
    expect(await screen.findByText(/Nothing needs attention/)).toBeTruthy();
  });

  it('turns the weekly reminder on, and asks for notifications only when the user wants them', async () => {
    const { saveSettings, requestNotifications, settings } = renderReview();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Weekly review reminder' }));
    await waitFor(() => expect(settings().attention?.weeklyReview).toBe(true));
    expect(requestNotifications).not.toHaveBeenCalled();
    fireEvent.change(await screen.findByRole('combobox', { name: 'Review day' }), { target: { value: '5' } });
    await waitFor(() => expect(settings().attention?.weeklyReviewDay).toBe(5));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Remind me with a notification' }));
    expect(requestNotifications).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(settings().attention?.weeklyReviewNotify).toBe(true));
    expect(saveSettings).toHaveBeenCalledTimes(3);
  });

  it('a reminder change the background did not confirm shows what is stored now, so the next change keeps it', async () => {
    const { saveSettings, settings } = renderReview({ answersLate: true });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Weekly review reminder' }));
    expect(await screen.findByText(/Could not confirm the save: .*The settings shown are the ones stored now\./)).toBeTruthy();
    // The review day appears: the page shows the reminder as stored (on).
    fireEvent.change(await screen.findByRole('combobox', { name: 'Review day' }), { target: { value: '5' } });
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(2));
    expect(settings().attention?.weeklyReview).toBe(true);
    expect(settings().attention?.weeklyReviewDay).toBe(5);
  });

  it('keeps notifications off when the browser permission is refused, and says what happens instead', async () => {
    const { settings } = renderReview({ granted: false });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Weekly review reminder' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Remind me with a notification' }));
    expect(await screen.findByText(/Notifications were not allowed/)).toBeTruthy();
    expect(settings().attention?.weeklyReviewNotify).toBe(false);
  });
});
