// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { PopupApp } from '../../../src/ui/pages/popup/PopupApp.tsx';
import { FIRST_ROWS } from '../../../src/ui/pages/popup/layout.ts';
import { OptionsApp } from '../../../src/ui/pages/options/OptionsApp.tsx';
import { WelcomeApp } from '../../../src/ui/pages/welcome/WelcomeApp.tsx';
import { LIMITS, defaultSettings } from '../../../src/core/settings.ts';
import { fakeApi, fast, heldNorms, memoryLastView, norms, settingsWithClients, slow, summary } from './fixtures.ts';
import { parseLastView, LAST_VIEW_KEY, LAST_VIEW_VERSION, localLastView } from '../../../src/ui/pages/popup/lastView.ts';
import { localPagesRevision } from '../../../src/ui/pages/pagesRevision.ts';

afterEach(cleanup);
// The popup keeps its last view in localStorage: no test may see another's.
beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
});

const noThread = async () => [] as string[];

describe('popup', () => {
  it('lists clients by what needs attention, with plain figures', async () => {
    const api = fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', summary()), norms('client:globex', 'Globex', slow), norms('domain:initech.com', 'initech.com', fast)]);
    render(<PopupApp pagesApi={api} counterparts={noThread} openOptions={() => {}} />);
    const list = await screen.findByRole('list', { name: /Clients/ });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.norms-name')?.textContent)).toEqual(['Globex', 'initech.com', 'Acme']);
    expect(rows[0]!.textContent).toContain('Slower than promised');
    expect(rows[0]!.textContent).toContain('Typical 9 h');
    expect(rows[0]!.textContent).toContain('Target 2 h');
    expect(rows[1]!.textContent).toContain('Instant 70%');
    expect(screen.getByText('2 need attention')).toBeTruthy();
    // Wall-clock figures are one click away.
    fireEvent.click(within(rows[2]!).getByRole('button', { name: 'Details for Acme' }));
    expect(rows[2]!.textContent).toContain('Typical reply by the clock: 5 h');
  });

  it('teaches on an empty install and opens the client form from the button', async () => {
    const opened: (string | undefined)[] = [];
    render(<PopupApp pagesApi={fakeApi(defaultSettings('UTC'))} counterparts={noThread} openOptions={(hash) => opened.push(hash)} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Set up your first client' }));
    expect(screen.getByText(/learns, for each client, how fast you usually reply/)).toBeTruthy();
    expect(opened).toEqual(['new-client']);
  });

  it('filters many clients by search', async () => {
    const many = Array.from({ length: 12 }, (_, i) => norms(`domain:c${i}.com`, `Company ${i}`, summary()));
    render(<PopupApp pagesApi={fakeApi(defaultSettings('UTC'), many)} counterparts={noThread} openOptions={() => {}} />);
    const search = await screen.findByRole('searchbox', { name: 'Search clients' });
    fireEvent.input(search, { target: { value: 'company 1' } });
    const names = screen.getAllByRole('listitem').map((r) => r.querySelector('.norms-name')?.textContent);
    expect(names.sort()).toEqual(['Company 1', 'Company 10', 'Company 11']);
  });

  it('shows a new norm as soon as the background says norms changed', async () => {
    const api = fakeApi(settingsWithClients(), []);
    render(<PopupApp pagesApi={api} counterparts={noThread} openOptions={() => {}} />);
    expect(await screen.findAllByText('Not enough data yet')).toHaveLength(2);
    expect(screen.queryByText('Slower than promised')).toBeNull();
    api.norms = [norms('client:acme', 'Acme', slow)];
    api.pushNormsChanged();
    expect(await screen.findByText('Slower than promised', {}, { timeout: 2000 })).toBeTruthy();
  });

  it('pauses nudges and resumes them', async () => {
    const api = fakeApi(settingsWithClients());
    render(<PopupApp pagesApi={api} counterparts={noThread} openOptions={() => {}} />);
    fireEvent.change(await screen.findByLabelText('No nudges'), { target: { value: 'week' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByText('Nudges paused');
    expect(api.paused[0]! - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000);
    fireEvent.click(screen.getByRole('button', { name: 'Resume nudges' }));
    await screen.findByRole('button', { name: 'Pause' });
    expect(api.paused[1]).toBeNull();
  });

  it('puts the client of the open thread on top, with their hours', async () => {
    const settings = settingsWithClients();
    settings.clients[0]!.schedule = { timeZone: 'Pacific/Kiritimati', week: [[], [], [], [], [], [], []].map(() => [{ start: '00:00', end: '00:00' }]), holidays: [] };
    const api = fakeApi(settings, [norms('client:acme', 'Acme', summary())]);
    render(<PopupApp pagesApi={api} counterparts={async () => ['wile@acme.com']} openOptions={() => {}} />);
    const card = await screen.findByRole('region', { name: /This thread: Acme/ });
    expect(card.textContent).toContain('trained to expect a reply in about 2 working hours (20 replies measured)');
    expect(card.textContent).toContain('inside their working hours');
  });
});

describe('options', () => {
  it('adds a client: messages appear while typing and clear when fixed', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a client' }));
    const name = screen.getByLabelText('Name');
    fireEvent.input(name, { target: { value: 'Acme' } });
    expect(screen.getByText('Another client already has this name.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(name, { target: { value: 'Initech' } });
    expect(screen.queryByText('Another client already has this name.')).toBeNull();
    fireEvent.input(screen.getByLabelText('Domains'), { target: { value: 'initech' } });
    expect(screen.getByText('“initech” is not a domain like acme.com.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Domains'), { target: { value: 'initech.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add client' }));
    await screen.findByText('Added Initech.');
    expect(api.settings.clients.map((c) => c.name)).toEqual(['Acme', 'Globex', 'Initech']);
    expect(api.settings.clients[2]).toMatchObject({ domains: ['initech.com'], mode: 'account' });
  });

  it('deletes a client with undo', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Acme' }));
    await screen.findByText('Deleted Acme.');
    expect(api.settings.clients.map((c) => c.id)).toEqual(['globex']);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Acme is back.');
    expect(api.settings.clients.map((c) => c.id)).toEqual(['acme', 'globex']);
  });

  it('gives a client its own zone and hours', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Globex' }));
    fireEvent.click(screen.getByLabelText(/Their own time zone/));
    const zone = screen.getByLabelText('Their time zone');
    fireEvent.input(zone, { target: { value: 'Sydney' } });
    expect(screen.getByText('“Sydney” is not a known time zone. Pick one from the list.')).toBeTruthy();
    fireEvent.input(zone, { target: { value: 'Australia/Sydney' } });
    fireEvent.input(screen.getAllByLabelText('Monday range 1 start')[0]!, { target: { value: '08:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save client' }));
    await screen.findByText('Saved Globex.');
    const globex = api.settings.clients.find((c) => c.id === 'globex')!;
    expect(globex.schedule?.timeZone).toBe('Australia/Sydney');
    expect(globex.schedule?.week[1]).toEqual([{ start: '08:30', end: '17:00' }]);
  });

  it('opens the form prefilled from a suggestion', async () => {
    const api = fakeApi(settingsWithClients(), [norms('domain:initech-corp.com', 'initech-corp.com', summary({ count: 12 }))]);
    render(<OptionsApp pagesApi={api} hash="" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Make initech-corp.com a client' }));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Initech Corp');
    expect((screen.getByLabelText('Domains') as HTMLTextAreaElement).value).toBe('initech-corp.com');
  });

  it('refuses a bad settings file with every reason and changes nothing', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    const input = (await screen.findByLabelText('Import settings…')) as HTMLInputElement;
    const file = new File(['not json'], 'broken.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('broken.json was not imported. Nothing was changed.');
    expect(alert.textContent).toContain('The file is not JSON: Unexpected token');
    expect(alert.textContent).toContain('Second reason');
    expect(api.settings.clients).toHaveLength(2);
  });

  /** A background that writes what it is sent but answers too late (a long norms rebuild). */
  function writesThenTimesOut(api: ReturnType<typeof fakeApi>) {
    const timeout = { ok: false as const, code: 'timeout' as const, error: 'No answer from the background within 8000 ms' };
    const save = api.saveSettings;
    const importText = api.importSettings;
    api.saveSettings = async (settings) => (await save(settings), timeout);
    api.importSettings = async (text) => (await importText(text), timeout);
  }

  it('an import the background did not confirm never says "Nothing was changed": it shows what is stored now, and the next save keeps it', async () => {
    const api = fakeApi(settingsWithClients());
    writesThenTimesOut(api);
    render(<OptionsApp pagesApi={api} hash="" />);
    const input = (await screen.findByLabelText('Import settings…')) as HTMLInputElement;
    const imported = settingsWithClients();
    imported.clients = [{ id: 'initech', name: 'Initech', addresses: [], domains: ['initech.com'], mode: 'account', createdAt: 3 }];
    const file = new File([JSON.stringify({ settings: imported })], 'moved.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toContain('Nothing was changed');
    expect(alert.textContent).toContain('Could not confirm that moved.json was imported');
    expect(alert.textContent).toContain('The settings shown are the ones stored now.');
    await screen.findByRole('button', { name: 'Edit Initech' });
    // The background answers in time again.
    const saving = fakeApi(api.settings);
    api.saveSettings = async (settings) => {
      const answer = await saving.saveSettings(settings);
      api.settings = saving.settings;
      return answer;
    };
    fireEvent.input(screen.getByLabelText('Response target (working hours)'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save defaults' }));
    await screen.findByText('Defaults saved.');
    expect(api.settings.clients.map((c) => c.name)).toEqual(['Initech']);
  });

  it('a save the background did not confirm shows what is stored now, not the form as it was', async () => {
    const api = fakeApi(settingsWithClients());
    writesThenTimesOut(api);
    render(<OptionsApp pagesApi={api} hash="" />);
    const target = await screen.findByLabelText('Response target (working hours)');
    fireEvent.input(target, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save defaults' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not confirm the save');
    expect(alert.textContent).toContain('The settings shown are the ones stored now.');
    expect(alert.textContent).not.toContain('Not saved');
  });

  it('erases only after confirmation', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Erase all data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.erased).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Erase all data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, erase everything' }));
    await screen.findByText('All data erased.');
    expect(api.erased).toBe(1);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Edit Acme' })).toBeNull());
  });

  it('saves the defaults, and will not save a bad number', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    const target = await screen.findByLabelText('Response target (working hours)');
    fireEvent.input(target, { target: { value: '0' } });
    expect(screen.getByText('Enter between 0.25 and 200 working hours.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save defaults' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(target, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save defaults' }));
    await screen.findByText('Defaults saved.');
    expect(api.settings.defaults.responseTargetHours).toBe(3);
  });

  it("asks once which zone Outlook shows times in: the browser's by default, or one named", async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    const sameAsBrowser = await screen.findByRole('checkbox', { name: /Outlook shows times in this browser's time zone/ });
    expect((sameAsBrowser as HTMLInputElement).checked).toBe(true);
    fireEvent.click(sameAsBrowser);
    fireEvent.input(screen.getByLabelText("Your Outlook mailbox's time zone"), { target: { value: 'Asia/Tokyo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save defaults' }));
    await screen.findByText('Defaults saved.');
    expect(api.settings.outlookTimeZone).toBe('Asia/Tokyo');
    fireEvent.click(screen.getByRole('checkbox', { name: /Outlook shows times in this browser's time zone/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save defaults' }));
    await waitFor(() => expect(api.settings.outlookTimeZone).toBeUndefined());
  });

  it('takes the largest values the settings allow (core LIMITS), and nothing beyond', async () => {
    const api = fakeApi(settingsWithClients());
    render(<OptionsApp pagesApi={api} hash="" />);
    const fields = [
      ['Response target (working hours)', LIMITS.responseTargetHours.max],
      ['Minimum reply delay (minutes)', LIMITS.minReplyDelayMinutes.max],
      ['Instant reply threshold (minutes)', LIMITS.instantThresholdMinutes.max],
    ] as const;
    const save = () => screen.getByRole('button', { name: 'Save defaults' }) as HTMLButtonElement;
    for (const [label, max] of fields) {
      const field = await screen.findByLabelText(label);
      fireEvent.input(field, { target: { value: String(max + 1) } });
      expect(save().disabled, `${label} above ${max}`).toBe(true);
      fireEvent.input(field, { target: { value: String(max) } });
    }
    expect(save().disabled).toBe(false);
    fireEvent.click(save());
    await screen.findByText('Defaults saved.');
    expect(api.settings.defaults).toMatchObject({
      responseTargetHours: LIMITS.responseTargetHours.max,
      minReplyDelayMinutes: LIMITS.minReplyDelayMinutes.max,
      instantThresholdMinutes: LIMITS.instantThresholdMinutes.max,
    });
  });
});

describe('welcome', () => {
  it('a step the background did not confirm says so and shows what is stored now', async () => {
    const api = fakeApi(defaultSettings('Australia/Sydney'));
    const save = api.saveSettings;
    api.saveSettings = async (settings) => (await save(settings), { ok: false as const, code: 'timeout' as const, error: 'No answer from the background within 8000 ms' });
    render(<WelcomeApp pagesApi={api} openOptions={() => {}} />);
    fireEvent.input(await screen.findByLabelText('Monday range 1 start'), { target: { value: '08:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not confirm the save');
    expect(alert.textContent).toContain('The settings shown are the ones stored now.');
    expect((screen.getByLabelText('Monday range 1 start') as HTMLInputElement).value).toBe('08:30');
  });

  it('walks through hours, promise and the note, saving each step', async () => {
    const api = fakeApi(defaultSettings('Australia/Sydney'));
    const openOptions = vi.fn();
    render(<WelcomeApp pagesApi={api} openOptions={openOptions} />);
    fireEvent.input(await screen.findByLabelText('Monday range 1 start'), { target: { value: '08:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }));
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
      fireEvent.input(screen.getByLabelText(`${day} range 1 end`), { target: { value: '17:30' } });
    }
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    await screen.findByRole('heading', { name: 'What do you promise clients?' });
    expect(api.settings.defaults.schedule.week[3]).toEqual([{ start: '08:30', end: '17:30' }]);
    fireEvent.input(screen.getByLabelText('I reply within (working hours)'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    await screen.findByRole('heading', { name: 'Tell your clients' });
    fireEvent.input(screen.getByLabelText('For urgent matters, they should…'), { target: { value: 'call me on 0400 123 456' } });
    const note = screen.getByLabelText('Note (edit freely)') as HTMLTextAreaElement;
    expect(note.value).toContain("How we'll work together: I reply within 4 working hours, Monday to Friday 8:30–17:30 Sydney time.");
    expect(note.value).toContain('For urgent matters, please call me on 0400 123 456.');
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add your clients' }));
    expect(openOptions).toHaveBeenCalled();
  });

  it('takes the largest promise the settings allow (core LIMITS)', async () => {
    const api = fakeApi(defaultSettings('Australia/Sydney'));
    render(<WelcomeApp pagesApi={api} openOptions={() => {}} />);
    await screen.findByLabelText('Monday range 1 start');
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    const target = await screen.findByLabelText('I reply within (working hours)');
    fireEvent.input(target, { target: { value: String(LIMITS.responseTargetHours.max + 1) } });
    expect(screen.getByText(`Enter between ${LIMITS.responseTargetHours.min} and ${LIMITS.responseTargetHours.max} working hours.`)).toBeTruthy();
    fireEvent.input(target, { target: { value: String(LIMITS.responseTargetHours.max) } });
    fireEvent.input(screen.getByLabelText('But not sooner than (minutes)'), { target: { value: String(LIMITS.minReplyDelayMinutes.max) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    await screen.findByRole('heading', { name: 'Tell your clients' });
    expect(api.settings.defaults).toMatchObject({ responseTargetHours: LIMITS.responseTargetHours.max, minReplyDelayMinutes: LIMITS.minReplyDelayMinutes.max });
  });
});

describe("popup's last view", () => {
  const names = (list: HTMLElement) => within(list).getAllByRole('listitem').map((r) => r.querySelector('.norms-name')?.textContent);

  it('paints the last view at once, says it is updating, then shows the fresh figures', async () => {
    const first = fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', summary()), norms('client:globex', 'Globex', slow)]);
    const store = memoryLastView();
    render(<PopupApp pagesApi={first} lastViewStore={store} counterparts={noThread} openOptions={() => {}} />);
    await waitFor(() => expect(store.saved).toHaveLength(1));
    cleanup();
    expect(store.view).toMatchObject({ version: LAST_VIEW_VERSION, rowCount: 2, attentionCount: 1, clientCount: 2 });

    // The background has since measured Acme as slow, and is slow to answer.
    const { api, release } = heldNorms(fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', slow), norms('client:globex', 'Globex', slow)]));
    render(<PopupApp pagesApi={api} lastViewStore={store} counterparts={noThread} openOptions={() => {}} />);
    const list = await screen.findByRole('list', { name: /Clients/ });
    expect(names(list)).toEqual(['Globex', 'Acme']);
    expect(screen.getByText(/^Updating the figures from /)).toBeTruthy();
    expect(screen.getByText('1 need attention')).toBeTruthy();
    expect(screen.getAllByText('Slower than promised')).toHaveLength(1);
    release();
    await waitFor(() => expect(screen.getAllByText('Slower than promised')).toHaveLength(2));
    expect(screen.getByText('2 need attention')).toBeTruthy();
    expect(screen.queryByText(/^Updating the figures/)).toBeNull();
    await waitFor(() => expect(store.saved).toHaveLength(2));
    expect(store.view?.attentionCount).toBe(2);
  });

  it('keeps the first rows only, but counts the whole list for "Show all" and search', async () => {
    const many = Array.from({ length: FIRST_ROWS + 15 }, (_, i) => norms(`domain:c${i}.com`, `Company ${i}`, summary()));
    const store = memoryLastView();
    render(<PopupApp pagesApi={fakeApi(defaultSettings('UTC'), many)} lastViewStore={store} counterparts={noThread} openOptions={() => {}} />);
    await waitFor(() => expect(store.saved).toHaveLength(1));
    cleanup();
    expect(store.view!.rows).toHaveLength(FIRST_ROWS);
    const { api } = heldNorms(fakeApi(defaultSettings('UTC'), many));
    render(<PopupApp pagesApi={api} lastViewStore={store} counterparts={noThread} openOptions={() => {}} />);
    expect(await screen.findByRole('button', { name: `Show all ${FIRST_ROWS + 15} clients` })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: 'Search clients' })).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(FIRST_ROWS);
  });

  it('says the figures are old when the background does not answer', async () => {
    const store = memoryLastView();
    render(<PopupApp pagesApi={fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', summary())])} lastViewStore={store} counterparts={noThread} openOptions={() => {}} />);
    await waitFor(() => expect(store.saved).toHaveLength(1));
    cleanup();
    const down = Object.create(fakeApi(settingsWithClients())) as ReturnType<typeof fakeApi>;
    down.listNorms = async () => ({ ok: false, code: 'timeout', error: 'No answer' });
    render(<PopupApp pagesApi={down} lastViewStore={store} counterparts={noThread} openOptions={() => {}} />);
    expect(await screen.findByText(/^Figures as of /)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('did not answer');
    expect(screen.getAllByRole('listitem').map((r) => r.querySelector('.norms-name')?.textContent)).toEqual(['Acme', 'Globex']);
  });

  it('ignores a damaged or foreign last view and waits for the background instead', async () => {
    const good = memoryLastView();
    render(<PopupApp pagesApi={fakeApi(settingsWithClients(), [norms('client:acme', 'Acme', summary())])} lastViewStore={good} counterparts={noThread} openOptions={() => {}} />);
    await waitFor(() => expect(good.saved).toHaveLength(1));
    const saved = JSON.parse(JSON.stringify(good.view)) as Record<string, unknown>;
    expect(parseLastView(saved)).toEqual(saved);
    expect(parseLastView({ ...saved, version: LAST_VIEW_VERSION + 1 })).toBeNull();
    // Written before views recorded their settings revision: there is no telling what changed since.
    expect(parseLastView({ ...saved, revision: undefined })).toBeNull();
    expect(parseLastView({ ...saved, rows: [{ name: 'Acme' }] })).toBeNull();
    expect(parseLastView({ ...saved, rowCount: 'many' })).toBeNull();
    expect(parseLastView({ ...saved, attention: [{ clientKey: 'client:acme', name: 'Acme', findings: [{ kind: 'waiting' }] }] })).toBeNull();
    expect(parseLastView('{}')).toBeNull();
    expect(parseLastView(null)).toBeNull();
    // Kept in localStorage, a damaged value reads as "no last view".
    localStorage.setItem(LAST_VIEW_KEY, JSON.stringify({ ...saved, rows: 'oops' }));
    expect(localLastView.read()).toBeNull();
    localStorage.setItem(LAST_VIEW_KEY, '{not json');
    expect(localLastView.read()).toBeNull();
    // Kept and read only at the settings revision the pages know (pagesRevision.ts).
    localLastView.save(good.view!);
    expect(localLastView.read()).toBeNull();
    localPagesRevision.learned(good.view!.revision);
    localLastView.save(good.view!);
    expect(localLastView.read()).toEqual(good.view);
    localPagesRevision.learned(good.view!.revision + 1);
    expect(localLastView.read()).toBeNull();
    localLastView.forget();
    expect(localStorage.getItem(LAST_VIEW_KEY)).toBeNull();
  });
});

describe('popup with many clients', () => {
  it('draws the most urgent first, and all of them on request or by search', async () => {
    const many = Array.from({ length: 120 }, (_, i) => norms(`domain:c${i}.com`, `Company ${i}`, i === 119 ? slow : summary()));
    render(<PopupApp pagesApi={fakeApi(defaultSettings('UTC'), many)} counterparts={noThread} openOptions={() => {}} />);
    const list = await screen.findByRole('list', { name: /Clients/ });
    expect(within(list).getAllByRole('listitem')).toHaveLength(FIRST_ROWS);
    expect(list.querySelector('.norms-name')?.textContent).toBe('Company 119');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search clients' }), { target: { value: 'company 99' } });
    expect(screen.getAllByRole('listitem').map((r) => r.querySelector('.norms-name')?.textContent)).toEqual(['Company 99']);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search clients' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show all 120 clients' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(120);
  });
});
