// @vitest-environment happy-dom
import { File as NodeFile } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { HistoryImport } from '../../../src/ui/pages/history/HistoryImport.tsx';
import { WelcomeApp } from '../../../src/ui/pages/welcome/WelcomeApp.tsx';
import { settingsWithSchedule } from '../../../src/ui/pages/history/acceptPattern.ts';
import { fileKeyOf, type WorkerLike } from '../../../src/ui/pages/history/importSession.ts';
import { runImportWorker } from '../../../src/import/worker.ts';
import type { FromWorker, ToWorker } from '../../../src/import/worker-protocol.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { fakeApi } from './fixtures.ts';
import { ME, takeoutMboxBytes } from '../../support/takeout-generator.ts';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

const END = Date.now() - 3_600_000;
const { bytes, truth } = takeoutMboxBytes({ seed: 3, targetBytes: 1_500_000, end: END, attachmentBytes: 0 });

/** The real worker code, run in this thread behind the Worker interface; `terminate` cuts it off. */
function inProcessWorker(log: { terminated: number; posted: ToWorker['type'][] }): () => WorkerLike {
  return () => {
    let listener: ((event: { data: ToWorker }) => void) | null = null;
    let alive = true;
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        log.posted.push(message.type);
        queueMicrotask(() => alive && listener?.({ data: message }));
      },
      terminate() {
        alive = false;
        log.terminated++;
      },
    };
    runImportWorker({
      postMessage: (message: FromWorker) => alive && worker.onmessage?.({ data: message }),
      addEventListener: (_type, l) => (listener = l),
    });
    return worker;
  };
}

function mbox(name = 'All mail Including Spam and Trash.mbox'): File {
  return new NodeFile([bytes], name, { lastModified: 1 }) as unknown as File;
}

function choose(files: File[]) {
  const input = document.getElementById('history-files') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

function settings(): Settings {
  const s = defaultSettings('Europe/London');
  s.me.addresses = [ME];
  return s;
}

describe('Learn from your past mail', () => {
  it('reads the files, shows the preview, writes on one click, and can undo it', async () => {
    const api = fakeApi(settings());
    const log = { terminated: 0, posted: [] as ToWorker['type'][] };
    render(<HistoryImport pagesApi={api} settings={api.settings} onSettingsSaved={() => {}} createWorker={inProcessWorker(log)} />);
    choose([mbox()]);
    const summary = await screen.findByTestId('history-summary', {}, { timeout: 10_000 });
    const pairs = [...truth.pairs.values()].reduce((n, l) => n + l.length, 0);
    expect(summary.textContent).toContain(`${pairs.toLocaleString('en-US')} replies to 5 clients`);
    const table = screen.getByRole('table', { name: /Clients found/ });
    const acme = within(table).getByRole('row', { name: /acme-corp\.de/ });
    expect(within(acme).getByTestId('replies').textContent).toBe(String(truth.pairs.get('domain:acme-corp.de')!.length));
    expect(within(acme).getByTestId('pattern').textContent).toMatch(/acme-corp\.de writes .* Europe\/Berlin\?/);
    expect(screen.getByTestId('left-out').textContent).toContain(`${truth.leftOut.draft} drafts`);
    expect(api.importParts).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: /^Import \d+ replies$/ }));
    const done = await screen.findByTestId('history-done');
    expect(done.textContent).toMatch(/Imported All mail Including Spam and Trash\.mbox/);
    expect(api.imports).toHaveLength(1);
    expect(api.imports[0]!.fileKey).toBe(fileKeyOf([{ name: 'All mail Including Spam and Trash.mbox', file: mbox() }]));
    expect(JSON.stringify(api.importParts)).not.toMatch(/Thanks, see below|order \d/);

    fireEvent.click(within(done).getByRole('button', { name: 'Undo this import' }));
    await screen.findByText(/undone/);
    expect(api.imports).toEqual([]);
  });

  it('recomputes the preview when the user changes their own addresses, and "Use these hours" saves a client', async () => {
    const api = fakeApi(settings());
    let saved: Settings | null = null;
    render(<HistoryImport pagesApi={api} settings={api.settings} onSettingsSaved={(s) => (saved = s)} createWorker={inProcessWorker({ terminated: 0, posted: [] })} />);
    choose([mbox()]);
    await screen.findByTestId('history-summary', {}, { timeout: 10_000 });
    fireEvent.click(screen.getByRole('checkbox', { name: new RegExp(ME) }));
    await screen.findByText(/No replies found/);
    expect((screen.getByRole('button', { name: /^Import/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: new RegExp(ME) }));
    await screen.findByRole('table', { name: /Clients found/ });

    fireEvent.click(screen.getByRole('button', { name: 'Use these hours for acme-corp.de' }));
    await screen.findByText(/^Saved as acme-corp\.de’s hours: writes .* Europe\/Berlin\.$/);
    const client = api.settings.clients.find((c) => c.domains.includes('acme-corp.de'))!;
    expect(client.schedule?.timeZone).toBe('Europe/Berlin');
    expect(saved).not.toBeNull();
    // The preview is worked out again in the new hours: the client now has hours of their own.
    const row = await screen.findByRole('row', { name: /Acme Corp/ });
    expect(within(row).getByText('Their own hours are already set.')).toBeTruthy();
  });

  it('cancels at once: the worker is stopped and nothing is written', async () => {
    const api = fakeApi(settings());
    const log = { terminated: 0, posted: [] as ToWorker['type'][] };
    render(<HistoryImport pagesApi={api} settings={api.settings} onSettingsSaved={() => {}} createWorker={inProcessWorker(log)} />);
    choose([mbox()]);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(log.terminated).toBe(1);
    await screen.findByText('Cancelled. Nothing was written.');
    expect(api.importParts).toEqual([]);
  });

  it('says what was wrong with files that cannot be read, and writes nothing', async () => {
    const api = fakeApi(settings());
    render(<HistoryImport pagesApi={api} settings={api.settings} onSettingsSaved={() => {}} createWorker={inProcessWorker({ terminated: 0, posted: [] })} />);
    choose([new NodeFile(['Shopping list\nmilk\n'], 'notes.txt') as unknown as File]);
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/Nothing could be read.*notes\.txt: no message found: this is not an mbox file/);
    expect(api.importParts).toEqual([]);
  });

  it('lists past imports and live proposals, each with its one-click action', async () => {
    const api = fakeApi(settings());
    api.imports = [{ importId: 'i1', fileKey: 'k', label: 'takeout-001.zip', createdAt: Date.UTC(2025, 0, 2), account: ME, threadIds: [], messages: 120, pairs: 30, clientKeys: [], dateRange: null }];
    const schedule = { timeZone: 'Asia/Tokyo', week: [[], [{ start: '09:00', end: '18:00' }], [], [], [], [], []], holidays: [] };
    api.proposals = [{ clientKey: 'domain:sakura.jp', name: 'sakura.jp', domain: 'sakura.jp', pattern: { timeZone: 'Asia/Tokyo', offsets: [540], observesDst: false, days: [1], start: '09:00', end: '18:00', basis: 'offsets', samples: 40, schedule, text: 'writes 9:00–18:00 on Mon, UTC+09:00: Asia/Tokyo?' } }];
    render(<HistoryImport pagesApi={api} settings={api.settings} onSettingsSaved={() => {}} createWorker={inProcessWorker({ terminated: 0, posted: [] })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use these hours for sakura.jp' }));
    await waitFor(() => expect(api.settings.clients.map((c) => [c.name, c.domains, c.schedule?.timeZone])).toEqual([['Sakura', ['sakura.jp'], 'Asia/Tokyo']]));
    fireEvent.click(screen.getByRole('button', { name: 'Undo the import of takeout-001.zip' }));
    await screen.findByText(/Import of takeout-001\.zip undone/);
  });
});

describe('the welcome page', () => {
  it('offers the import as its optional last step, without the options page’s lists', async () => {
    const api = fakeApi(settings());
    api.imports = [{ importId: 'i1', fileKey: 'k', label: 'old.mbox', createdAt: 0, account: ME, threadIds: [], messages: 1, pairs: 1, clientKeys: [], dateRange: null }];
    render(<WelcomeApp pagesApi={api} openOptions={() => {}} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Save and continue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save and continue' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Finish' }));
    await screen.findByRole('heading', { name: 'Learn from your past mail' });
    expect(screen.getByText('4. Past mail (optional)').getAttribute('aria-current')).toBe('step');
    expect(screen.queryByText('Past imports')).toBeNull();
    expect(screen.getByRole('button', { name: 'Add your clients' })).toBeTruthy();
  });
});

describe('helpers', () => {
  it('applies a proposed schedule to a configured client, or makes a client of a domain or an address', () => {
    const base = settings();
    base.clients.push({ id: 'c1', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 1 });
    const schedule = { timeZone: 'Europe/Berlin', week: [[], [{ start: '08:00', end: '18:30' }], [], [], [], [], []], holidays: [] };
    expect(settingsWithSchedule(base, { key: 'client:c1', name: 'Acme' }, schedule, 5, () => 'x').clients[0]!.schedule).toEqual(schedule);
    expect(settingsWithSchedule(base, { key: 'address:bob@gmail.com', name: 'bob@gmail.com' }, schedule, 5, () => 'x').clients[1]).toMatchObject({ id: 'x', name: 'bob@gmail.com', addresses: ['bob@gmail.com'], domains: [], createdAt: 5 });
  });
});
