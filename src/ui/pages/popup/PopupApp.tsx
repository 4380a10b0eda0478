import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../../core/settings.ts';
import { clientByKey, clientKeyFor } from '../../../core/clients.ts';
import type { ClientAttention } from '../../../core/attention.ts';
import { api, failureText, type ClientNorms, type PagesApi } from '../api.ts';
import type { Revision } from '../../../messaging/protocol.ts';
import { activeMailTab, activeThreadCounterparts, type MailTab } from '../activeThread.ts';
import { effectiveSchedule, effectiveTargetMs, popupRows } from './popupRows.ts';
import { normsStatus } from '../../../core/clientStatus.ts';
import { PopupView } from './PopupView.tsx';
import { FIRST_ROWS } from './layout.ts';
import { localLastView, LAST_VIEW_VERSION, type LastView, type LastViewStore } from './lastView.ts';
import type { ActiveClient } from './ActiveClientCard.tsx';
import { savePageReport as saveActivePageReport } from './pageReport.ts';
import { useSiteHealth, type SiteHealthSources } from './SiteHealth.tsx';
import { nextPaint } from './afterPaint.ts';
import { POPUP_ASK_MARK, POPUP_DATA_MARK, POPUP_LIVE_MARK, POPUP_READY_MARK, POPUP_SETTLED_MARK } from './marks.ts';

type SettingsAndNorms = [Awaited<ReturnType<PagesApi['getSettings']>>, Awaited<ReturnType<PagesApi['listNorms']>>];

/**
 * The answer to popupData as the two answers the list is drawn from (a failure fails both), each
 * with the answer's settings revision: both were read at it.
 */
export function settingsAndNormsOf(answer: Awaited<ReturnType<PagesApi['popupData']>>): SettingsAndNorms {
  if (!answer.ok) return [answer, answer];
  const { revision } = answer;
  return [
    { ok: true, value: answer.value.settings, revision },
    { ok: true, value: answer.value.norms, revision },
  ];
}

/** The settings and norms the list is drawn from, in one round trip. */
export async function askSettingsAndNorms(pagesApi: PagesApi): Promise<SettingsAndNorms> {
  return settingsAndNormsOf(await pagesApi.popupData());
}

export interface InitialLoad {
  /** What the popup showed last time: painted in the first render, while fresh figures load. */
  lastView: LastView | null;
  /** Settings and norms: the fresh list is drawn as soon as both are in. */
  norms: Promise<SettingsAndNorms>;
  /**
   * The attention findings read every stored thread, so they come later: rows gain their
   * findings (and re-rank) when they arrive, without holding up the first paint.
   */
  attention: ReturnType<PagesApi['attention']>;
}

/**
 * The attention findings, asked once the norms are in and the frame after them is painted: the
 * background's pass over every stored thread keeps a core busy for a good part of a second, and the
 * fresh list's ranking and paint should not share the machine with it (issue 16).
 */
export function attentionAfterList(norms: Promise<unknown>, pagesApi: PagesApi): ReturnType<PagesApi['attention']> {
  return norms.then(nextPaint).then(() => pagesApi.attention());
}

/** Asks for everything the popup shows, when nothing asked before (the popup's first script does: start.ts). */
export function loadPopupData(pagesApi: PagesApi = api, lastViewStore: LastViewStore = localLastView): InitialLoad {
  performance.mark(POPUP_ASK_MARK);
  const norms = askSettingsAndNorms(pagesApi);
  return { lastView: lastViewStore.read(), norms, attention: attentionAfterList(norms, pagesApi) };
}

interface Props {
  pagesApi?: PagesApi;
  lastViewStore?: LastViewStore;
  /** Requests already under way (from start.ts through mountPopup.tsx, or loadPopupData). */
  initialLoad?: InitialLoad;
  counterparts?: () => Promise<string[]>;
  openOptions?: (hash?: string) => void;
  /** The active tab when it is a mail page (the page-report button). */
  mailTab?: () => Promise<MailTab | null>;
  savePageReport?: SiteHealthSources['savePageReport'];
}


/** How long the popup waits after a "norms changed" push before reading again (bursts of mail). */
const REFRESH_DEBOUNCE_MS = 150;

function markOnce(name: string): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

export function PopupApp({
  pagesApi = api,
  lastViewStore = localLastView,
  initialLoad,
  counterparts = activeThreadCounterparts,
  openOptions = openOptionsPage,
  mailTab = activeMailTab,
  savePageReport = saveActivePageReport,
}: Props) {
  // Started once: by the popup's first script (start.ts), or here (tests).
  const [load] = useState(() => initialLoad ?? loadPopupData(pagesApi, lastViewStore));
  const [settings, setSettings] = useState<Settings | null>(null);
  const [norms, setNorms] = useState<ClientNorms[] | null>(null);
  const [attention, setAttention] = useState<ClientAttention[]>(() => load.lastView?.attention ?? []);
  /** True once this opening's own findings are in (until then `attention` may be the last view's). */
  const [attentionFresh, setAttentionFresh] = useState(false);
  /**
   * The settings revision the shown settings and norms were read at, and the findings: the view is
   * kept for the next opening only when both are the same (lastView.ts).
   */
  const [dataRevision, setDataRevision] = useState<Revision | undefined>(undefined);
  const [attentionRevision, setAttentionRevision] = useState<Revision | undefined>(undefined);
  const lastView = load.lastView;
  const [error, setError] = useState<string | null>(null);
  const [threadWith, setThreadWith] = useState<string[]>([]);
  const [pauseBusy, setPauseBusy] = useState(false);
  const [now, setNow] = useState(Date.now());

  const takeAttention = useCallback((answer: Awaited<ReturnType<PagesApi['attention']>>) => {
    // A failed attention request leaves the rows as the norms (and the last view's findings) rank them.
    if (answer.ok) setAttention(answer.value.clients);
    setAttentionRevision(answer.ok ? answer.revision : undefined);
    setAttentionFresh(true);
  }, []);

  const takeSettingsAndNorms = useCallback(([s, n]: SettingsAndNorms) => {
    if (s.ok) setSettings(s.value);
    if (n.ok) setNorms(n.value);
    setDataRevision(s.ok && n.ok && s.revision === n.revision ? s.revision : undefined);
    const failed = !s.ok ? s : !n.ok ? n : null;
    setError(failed ? failureText(failed) : null);
  }, []);

  const reload = useCallback(async () => {
    // Settings too: a change pushed for every client may be an import or an erase.
    takeSettingsAndNorms(await askSettingsAndNorms(pagesApi));
    setNow(Date.now());
    takeAttention(await pagesApi.attention());
  }, [pagesApi, takeSettingsAndNorms, takeAttention]);

  // A layout effect: answers that are already in (the first script asked long before this render)
  // are taken before the browser paints, so the fresh rows come a frame sooner.
  useLayoutEffect(() => {
    void load.attention.then(takeAttention);
    void load.norms.then((answers) => {
      performance.mark(POPUP_DATA_MARK);
      takeSettingsAndNorms(answers);
    });
    void counterparts().then(setThreadWith);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = pagesApi.onNormsChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), REFRESH_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [load, pagesApi, counterparts, reload, takeSettingsAndNorms, takeAttention]);

  const health = useSiteHealth({ pagesApi, after: load.norms, mailTab, savePageReport });

  const rows = useMemo(() => (settings && norms ? popupRows(settings, norms, attention) : null), [settings, norms, attention]);
  const attentionCount = useMemo(() => rows?.filter((r) => r.needsAttention).length ?? 0, [rows]);
  const showingLastView = rows === null && lastView !== null;

  // Marks read by the popup benchmark (effects run after the browser has painted).
  useEffect(() => {
    if (rows !== null || lastView !== null) markOnce(POPUP_READY_MARK);
    if (rows !== null) markOnce(POPUP_LIVE_MARK);
    if (rows !== null && attentionFresh) markOnce(POPUP_SETTLED_MARK);
  }, [rows, lastView, attentionFresh]);

  // What this opening showed becomes the next opening's first paint, once its findings are in.
  useEffect(() => {
    if (!rows || !settings || !attentionFresh) return;
    if (typeof dataRevision !== 'number' || dataRevision !== attentionRevision) return;
    lastViewStore.save({
      version: LAST_VIEW_VERSION,
      savedAt: Date.now(),
      revision: dataRevision,
      rows: rows.slice(0, FIRST_ROWS),
      rowCount: rows.length,
      attentionCount,
      clientCount: settings.clients.length,
      pausedUntil: settings.pausedUntil,
      attention,
    });
  }, [rows, settings, attention, attentionCount, attentionFresh, dataRevision, attentionRevision, lastViewStore]);

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
    if (answer.ok && settings) {
      setSettings({ ...settings, pausedUntil: answer.value.until });
      // These settings were not read at any one revision: this opening keeps no view of them.
      setDataRevision(undefined);
    }
    else if (!answer.ok) setError(failureText(answer));
    setNow(Date.now());
  };

  return (
    <PopupView
      loading={rows === null && lastView === null && error === null}
      error={error}
      rows={rows ?? lastView?.rows ?? []}
      rowCount={rows?.length ?? lastView?.rowCount ?? 0}
      attentionCount={rows ? attentionCount : (lastView?.attentionCount ?? 0)}
      clientCount={settings?.clients.length ?? lastView?.clientCount ?? 0}
      lastViewAt={showingLastView ? lastView.savedAt : null}
      activeClient={activeClient}
      pausedUntil={settings ? settings.pausedUntil : (lastView?.pausedUntil ?? null)}
      pauseBusy={pauseBusy || settings === null}
      now={now}
      onPause={(until) => void setPause(until)}
      onResume={() => void setPause(null)}
      onOpenOptions={() => openOptions()}
      onSetUpClient={(key) => openOptions(key ? `new-client=${encodeURIComponent(key)}` : 'new-client')}
      healthLine={health.line}
      footer={health.footer}
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
