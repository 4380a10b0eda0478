import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../../core/settings.ts';
import { clientKeyFor } from '../../../core/clients.ts';
import type { ClientAttention } from '../../../core/attention.ts';
import { api, failureText, type ClientNorms, type PagesApi } from '../api.ts';
import { activeThreadCounterparts } from '../activeThread.ts';
import { clientByKey, effectiveSchedule, effectiveTargetMs, popupRows } from '../settingsView.ts';
import { normsStatus } from '../status.ts';
import { PopupView } from './PopupView.tsx';
import type { ActiveClient } from './ActiveClientCard.tsx';

/** Performance marks the popup benchmark reads: requests sent, data received, list painted. */
export const POPUP_ASK_MARK = 'replypace:popup-ask';
export const POPUP_DATA_MARK = 'replypace:popup-data';
export const POPUP_READY_MARK = 'replypace:popup-ready';

interface InitialLoad {
  /** Settings and norms: the list is drawn as soon as both are in. */
  norms: Promise<[Awaited<ReturnType<PagesApi['getSettings']>>, Awaited<ReturnType<PagesApi['listNorms']>>]>;
  /**
   * The attention findings read every stored thread, so they come later: rows gain their
   * findings (and re-rank) when they arrive, without holding up the first paint.
   */
  attention: ReturnType<PagesApi['attention']>;
}

/** Asks for everything the popup shows; called by the entry before the first render, to save a frame. */
export function loadPopupData(pagesApi: PagesApi = api): InitialLoad {
  performance.mark(POPUP_ASK_MARK);
  const norms = Promise.all([pagesApi.getSettings(), pagesApi.listNorms()]);
  // Asked once the norms are in, so its pass over every thread does not slow the first paint.
  return { norms, attention: norms.then(() => pagesApi.attention()) };
}

interface Props {
  pagesApi?: PagesApi;
  /** Requests already under way (see loadPopupData). */
  initialLoad?: InitialLoad;
  counterparts?: () => Promise<string[]>;
  openOptions?: (hash?: string) => void;
}


/** How long the popup waits after a "norms changed" push before reading again (bursts of mail). */
const REFRESH_DEBOUNCE_MS = 150;

export function PopupApp({ pagesApi = api, initialLoad, counterparts = activeThreadCounterparts, openOptions = openOptionsPage }: Props) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [norms, setNorms] = useState<ClientNorms[] | null>(null);
  const [attention, setAttention] = useState<ClientAttention[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [threadWith, setThreadWith] = useState<string[]>([]);
  const [pauseBusy, setPauseBusy] = useState(false);
  const [now, setNow] = useState(Date.now());

  const loadNorms = useCallback(async () => {
    const answer = await pagesApi.listNorms();
    if (answer.ok) {
      setNorms(answer.value);
      setNow(Date.now());
    } else setError(failureText(answer));
    void pagesApi.attention().then((findings) => findings.ok && setAttention(findings.value.clients));
  }, [pagesApi]);

  useEffect(() => {
    const load = initialLoad ?? loadPopupData(pagesApi);
    // A failed attention request leaves the rows as the norms alone rank them.
    void load.attention.then((answer) => answer.ok && setAttention(answer.value.clients));
    void (async () => {
      const [s, n] = await load.norms;
      performance.mark(POPUP_DATA_MARK);
      if (s.ok) setSettings(s.value);
      if (n.ok) setNorms(n.value);
      const failed = !s.ok ? s : !n.ok ? n : null;
      if (failed) setError(failureText(failed));
    })();
    void counterparts().then(setThreadWith);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = pagesApi.onNormsChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void loadNorms(), REFRESH_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [pagesApi, initialLoad, counterparts, loadNorms]);

  // Marks read by the popup benchmark: data in hand, and the list painted (effects run after paint).
  const ready = settings !== null && norms !== null;
  useEffect(() => {
    if (ready && performance.getEntriesByName(POPUP_READY_MARK).length === 0) performance.mark(POPUP_READY_MARK);
  }, [ready]);

  const rows = useMemo(() => (settings && norms ? popupRows(settings, norms, attention) : []), [settings, norms, attention]);

  const activeClient = useMemo((): ActiveClient | null => {
    if (!settings || threadWith.length === 0) return null;
    for (const address of threadWith) {
      const match = clientKeyFor(settings, address);
      if (!match) continue;
      const client = clientByKey(settings, match.key);
      if (client?.mode === 'off') continue;
      const summary = norms?.find((n) => n.clientKey === match.key)?.summary ?? null;
      const targetMs = effectiveTargetMs(settings, client);
      return {
        name: client?.name ?? match.name,
        schedule: effectiveSchedule(settings, client),
        targetMs,
        summary,
        status: summary ? normsStatus(summary, targetMs) : null,
      };
    }
    return null;
  }, [settings, norms, threadWith]);

  const setPause = async (until: number | null) => {
    setPauseBusy(true);
    const answer = await pagesApi.pause(until);
    setPauseBusy(false);
    if (answer.ok && settings) setSettings({ ...settings, pausedUntil: answer.value.until });
    else if (!answer.ok) setError(failureText(answer));
    setNow(Date.now());
  };

  return (
    <PopupView
      loading={settings === null || norms === null ? error === null : false}
      error={error}
      rows={rows}
      clientCount={settings?.clients.length ?? 0}
      activeClient={activeClient}
      pausedUntil={settings?.pausedUntil ?? null}
      pauseBusy={pauseBusy}
      now={now}
      onPause={(until) => void setPause(until)}
      onResume={() => void setPause(null)}
      onOpenOptions={() => openOptions()}
      onSetUpClient={(key) => openOptions(key ? `new-client=${encodeURIComponent(key)}` : 'new-client')}
    />
  );
}

function openOptionsPage(hash?: string): void {
  if (!hash) {
    void browser.runtime.openOptionsPage();
  } else {
    void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${hash}`) });
  }
  window.close();
}
