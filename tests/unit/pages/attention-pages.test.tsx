// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { NEGLECT_SUGGESTION, type ClientAttention } from '../../../src/core/attention.ts';
import { PopupApp } from '../../../src/ui/pages/popup/PopupApp.tsx';
import { OptionsApp } from '../../../src/ui/pages/options/OptionsApp.tsx';
import { fakeApi, fast, norms, settingsWithClients, summary } from './fixtures.ts';

afterEach(cleanup);
// The popup paints its last view (localStorage) first: no test may see the one another test saved.
beforeEach(() => localStorage.clear());

const noThread = async () => [] as string[];

const acmeWaiting: ClientAttention = {
  clientKey: 'client:acme',
  name: 'Acme',
  findings: [
    { kind: 'waiting', text: 'A message from them has waited 2 days for your answer; you usually reply in 3 h and promised 4 h.', suggestion: NEGLECT_SUGGESTION, weight: 4 },
    { kind: 'silent', text: 'They have not heard from you for 35 days; you usually write every week.', suggestion: NEGLECT_SUGGESTION, weight: 3 },
  ],
};
const urgentCo: ClientAttention = {
  clientKey: 'domain:urgent.com',
  name: 'urgent.com',
  findings: [
    {
      kind: 'exceptions',
      text: 'You chose “Send now” on 8 of 9 nudges for them in the last 30 days.',
      suggestion: 'Urgent has become normal for this client. Agree hours or a target that fit how you really work with them, or push back on what is not urgent.',
      weight: 1.8,
    },
  ],
};

describe('popup: attention findings', () => {
  it('shows neglect and exceptions on the client’s row with the coaching suggestion, ranked first, counted like the badge', async () => {
    const api = fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', summary()), norms('client:globex', 'Globex', summary()), norms('domain:initech.com', 'initech.com', fast)]);
    api.findings = [acmeWaiting, urgentCo];
    render(<PopupApp pagesApi={api} counterparts={noThread} openOptions={() => {}} />);
    const list = await screen.findByRole('list', { name: /Clients/ });
    await waitFor(() => expect(within(list).getAllByRole('listitem')[0]!.textContent).toContain('Waiting on you'));
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.norms-name')?.textContent)).toEqual(['Acme', 'urgent.com', 'initech.com', 'Globex']);

    expect(rows[0]!.textContent).toContain('waited 2 days for your answer');
    expect(rows[0]!.textContent).toContain('not heard from you for 35 days');
    // Both neglect findings share the suggestion: it is said once.
    expect(within(rows[0]!).getAllByText(NEGLECT_SUGGESTION)).toHaveLength(1);
    expect(rows[1]!.textContent).toContain('Urgent became normal');
    expect(rows[1]!.textContent).toContain('“Send now” on 8 of 9 nudges');
    expect(rows[1]!.textContent).toContain('push back on what is not urgent');
    // Acme's norms alone look fine; its waiting message is what counts. initech.com is trained too fast.
    expect(screen.getByText('3 need attention')).toBeTruthy();

    const report = within(rows[0]!).getByRole('link', { name: 'Report for Acme' });
    expect(report.getAttribute('href')).toBe('report.html?client=client%3Aacme&period=4w');
    expect(report.getAttribute('target')).toBe('_blank');
    expect(screen.getByRole('link', { name: 'Weekly review of all clients' }).getAttribute('href')).toBe('report.html');
  });

  it('draws the list from the norms first and adds the findings when they arrive', async () => {
    const api = fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', summary())]);
    let answer: ((value: Awaited<ReturnType<typeof api.attention>>) => void) | null = null;
    api.attention = () => new Promise((resolve) => (answer = resolve));
    render(<PopupApp pagesApi={api} counterparts={noThread} openOptions={() => {}} />);
    expect(await screen.findByText('Nothing needs attention')).toBeTruthy();
    // Asked once the list is painted (attentionAfterList).
    await waitFor(() => expect(answer).not.toBeNull());
    answer!({ ok: true, value: { computedAt: 0, clients: [acmeWaiting], needingAttention: ['client:acme'] } });
    expect(await screen.findByText('1 need attention')).toBeTruthy();
    expect(screen.getByText(/waited 2 days for your answer/)).toBeTruthy();
  });
});

describe('options: drift, neglect and reminders', () => {
  it('explains every threshold next to its field, checks it as the user types, and saves it with the settings', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" requestNotifications={async () => true} />);
    const factor = await screen.findByLabelText('Waiting too long: times your usual reply');
    expect(factor.getAttribute('aria-describedby')).toContain('attention-waitingFactor-hint');
    expect(document.getElementById('attention-waitingFactor-hint')?.textContent).toContain('three times your own pace is not');
    expect((factor as HTMLInputElement).value).toBe('3');
    const save = screen.getByRole('button', { name: 'Save drift and neglect settings' }) as HTMLButtonElement;

    fireEvent.input(factor, { target: { value: '0.5' } });
    expect(screen.getByText('Enter between 1 and 20 times.')).toBeTruthy();
    expect(factor.getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);
    fireEvent.input(factor, { target: { value: '2,5' } });
    expect(screen.queryByText('Enter between 1 and 20 times.')).toBeNull();

    const overrides = screen.getByLabelText('“Send now” overrides per month');
    fireEvent.input(overrides, { target: { value: '3.5' } });
    expect(screen.getByText('Enter a whole number of overrides.')).toBeTruthy();
    expect(save.disabled).toBe(true);
    fireEvent.input(overrides, { target: { value: '8' } });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Weekly review reminder' }));
    fireEvent.change(screen.getByLabelText('Review day'), { target: { value: '5' } });
    fireEvent.click(save);
    await screen.findByText('Drift and neglect settings saved.');
    expect(api.settings.attention).toMatchObject({ waitingFactor: 2.5, overridesPerMonth: 8, weeklyReview: true, weeklyReviewDay: 5, silenceMinDays: 14 });
    // The rest of the settings are kept as they were.
    expect(api.settings.clients.map((c) => c.name)).toEqual(['Acme', 'Globex']);
  });

  it('turns the reminder notification on only when the browser grants the permission', async () => {
    const api = fakeApi(settingsWithClients());
    let grant = false;
    render(<OptionsApp pagesApi={api} hash="" requestNotifications={async () => grant} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Weekly review reminder' }));
    const notify = screen.getByRole('checkbox', { name: 'Remind me with a notification' }) as HTMLInputElement;
    fireEvent.click(notify);
    expect(await screen.findByText(/did not allow notifications/)).toBeTruthy();
    expect(notify.checked).toBe(false);
    grant = true;
    fireEvent.click(notify);
    await waitFor(() => expect(notify.checked).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Save drift and neglect settings' }));
    await screen.findByText('Drift and neglect settings saved.');
    expect(api.settings.attention).toMatchObject({ weeklyReview: true, weeklyReviewNotify: true });
  });
});
