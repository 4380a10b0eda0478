import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../../core/settings.ts';
import { parseClientKey } from '../../../core/clients.ts';
import { localDateKey } from '../../../core/schedule.ts';
import { api, failureText, type ClientNorms, type PagesApi } from '../api.ts';
import { nameFromDomain } from '../clientSuggestions.ts';
import { mayHaveChanged, SHOWN_AS_STORED } from '../unconfirmed.ts';
import { AttentionSection } from './AttentionSection.tsx';
import { ClientsSection } from './ClientsSection.tsx';
import { DataSection } from './DataSection.tsx';
import { HistoryImport } from '../history/HistoryImport.tsx';
import { DefaultsForm } from './DefaultsForm.tsx';
import { newDraft, type ClientDraft } from './clientDraft.ts';
import { LoadingPage } from '../LoadingPage.tsx';

interface Props {
  pagesApi?: PagesApi;
  /** The page's hash: "#new-client" or "#new-client=domain:acme.com" opens the client form. */
  hash?: string;
  /** Asks for the optional notifications permission (the weekly reminder's notification). */
  requestNotifications?: () => Promise<boolean>;
}

export function OptionsApp({ pagesApi = api, hash = location.hash, requestNotifications = requestNotificationsPermission }: Props) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [norms, setNorms] = useState<ClientNorms[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  /** Bumped when settings are replaced from outside the forms (import, erase), so forms start over. */
  const [generation, setGeneration] = useState(0);
  const [initialDraft, setInitialDraft] = useState<ClientDraft | null>(null);

  const load = useCallback(async () => {
    const [s, n] = await Promise.all([pagesApi.getSettings(), pagesApi.listNorms()]);
    if (s.ok) {
      setSettings(s.value);
      setInitialDraft(draftFromHash(hash, s.value));
    } else setError(failureText(s));
    if (n.ok) setNorms(n.value);
  }, [pagesApi, hash]);

  useEffect(() => {
    void load();
    return pagesApi.onNormsChanged(() => {
      void pagesApi.listNorms().then((n) => n.ok && setNorms(n.value));
    });
  }, [load, pagesApi]);

  /** Shows the settings as stored now, and has every form start over from them. */
  const reload = async () => {
    const s = await pagesApi.getSettings();
    if (!s.ok) return;
    setSettings(s.value);
    setInitialDraft(null);
    setGeneration((g) => g + 1);
  };

  const save = async (next: Settings, done: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const answer = await pagesApi.saveSettings(next);
    if (!answer.ok && mayHaveChanged(answer)) {
      await reload();
      setBusy(false);
      setError(`Could not confirm the save: ${failureText(answer)} ${SHOWN_AS_STORED}`);
      return false;
    }
    setBusy(false);
    if (!answer.ok) {
      setError(`Not saved: ${failureText(answer)}`);
      return false;
    }
    setSettings(answer.value.settings);
    setStatus(answer.value.problems.length ? `${done} Some fields were reset: ${answer.value.problems.join('; ')}` : done);
    return true;
  };

  if (!settings) return <LoadingPage page="options" title="ReplyPace options" error={error} />;

  const today = localDateKey(Date.now(), settings.defaults.schedule.timeZone);

  return (
    <main class="options">
      <header class="options-header">
        <h1>ReplyPace options</h1>
        <p class="muted">Working hours, promises and clients. Nothing here leaves your browser.</p>
        <nav aria-label="Sections" class="row">
          <a href="#defaults">Your defaults</a>
          <a href="#clients">Clients</a>
          <a href="#attention">Drift, neglect and reminders</a>
          <a href="#history">Past mail</a>
          <a href="#data">Your data</a>
        </nav>
      </header>
      <div class="status-line" role="status" aria-live="polite">
        {status && <div class="notice ok">{status}</div>}
      </div>
      {error && (
        <div class="notice bad" role="alert">
          {error}
        </div>
      )}
      <div class="card" id="clients">
        <ClientsSection key={`clients-${generation}`} settings={settings} norms={norms} today={today} busy={busy} save={save} initialDraft={initialDraft} />
      </div>
      <div class="card" id="defaults">
        <DefaultsForm key={`defaults-${generation}`} settings={settings} today={today} busy={busy} onSave={(next) => void save(next, 'Defaults saved.')} />
      </div>
      <div class="card" id="attention">
        <AttentionSection
          key={`attention-${generation}`}
          settings={settings}
          busy={busy}
          requestNotifications={requestNotifications}
          onSave={(next) => void save(next, 'Drift and neglect settings saved.')}
        />
      </div>
      <div class="card" id="history">
        <HistoryImport
          pagesApi={pagesApi}
          settings={settings}
          onSettingsSaved={(next) => {
            setSettings(next);
            setGeneration((g) => g + 1);
          }}
        />
      </div>
      <div class="card" id="data">
        <DataSection
          busy={busy}
          onExport={async () => {
            const answer = await pagesApi.exportSettings();
            return answer.ok ? answer.value : failureText(answer);
          }}
          onImport={async (text) => {
            setBusy(true);
            const answer = await pagesApi.importSettings(text);
            const unconfirmed = !answer.ok && mayHaveChanged(answer);
            if (unconfirmed) await reload();
            setBusy(false);
            if (!answer.ok) return { ok: false, unconfirmed, errors: unconfirmed ? [failureText(answer)] : answer.error.split('\n').filter(Boolean) };
            setSettings(answer.value.settings);
            setInitialDraft(null);
            setGeneration((g) => g + 1);
            const count = answer.value.settings.clients.length;
            return { ok: true, summary: `Settings imported: ${count} ${count === 1 ? 'client' : 'clients'}.`, problems: answer.value.problems };
          }}
          onErase={async () => {
            setBusy(true);
            const answer = await pagesApi.eraseAll();
            setBusy(false);
            if (!answer.ok) return failureText(answer);
            setInitialDraft(null);
            await load();
            setGeneration((g) => g + 1);
            setStatus('');
            return null;
          }}
        />
      </div>
    </main>
  );
}

function requestNotificationsPermission(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['notifications'] });
}

/** "#new-client", "#new-client=domain:acme.com", "#new-client=address:bob@gmail.com". */
export function draftFromHash(hash: string, settings: Settings): ClientDraft | null {
  const match = /^#new-client(?:=(.*))?$/.exec(hash);
  if (!match) return null;
  const key = parseClientKey(decodeURIComponent(match[1] ?? ''));
  if (key?.kind === 'domain') return newDraft(settings, { name: nameFromDomain(key.value), domain: key.value });
  if (key?.kind === 'address') return newDraft(settings, { name: key.value.split('@')[0] ?? '', address: key.value });
  return newDraft(settings);
}
