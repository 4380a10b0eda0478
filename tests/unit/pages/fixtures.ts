/** Test data and a fake of the pages' API: an in-memory background that answers like the real one. */
import { defaultSettings, validateSettings, type Settings } from '../../../src/core/settings.ts';
import type { ClientAttention } from '../../../src/core/attention.ts';
import type { NormsSummary, WeeklyNorm } from '../../../src/core/types.ts';
import type { ClientNorms, Envelope, PagesApi } from '../../../src/ui/pages/api.ts';
import type { LastView, LastViewStore } from '../../../src/ui/pages/popup/lastView.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

export function summary(patch: Partial<NormsSummary> = {}): NormsSummary {
  const weekly: WeeklyNorm[] = Array.from({ length: 8 }, (_, i) => ({ weekStart: `2026-0${1 + Math.floor(i / 4)}-0${1 + (i % 4)}`, count: 2, medianWorkingMs: 2 * HOUR }));
  return {
    count: 20,
    medianWorkingMs: 2 * HOUR,
    p90WorkingMs: 3 * HOUR,
    medianWallMs: 5 * HOUR,
    p90WallMs: 20 * HOUR,
    instantShare: 0.05,
    afterHoursShare: 0.05,
    weekly,
    trend: { recentMedianWorkingMs: 2 * HOUR, priorMedianWorkingMs: 2 * HOUR, recentCount: 10, priorCount: 10, ratio: 1, direction: 'steady' },
    ...patch,
  };
}

export const fast = summary({ medianWorkingMs: 4 * MINUTE, instantShare: 0.7 });
export const slow = summary({ medianWorkingMs: 9 * HOUR });

export function norms(clientKey: string, name: string, s: NormsSummary): ClientNorms {
  return { clientKey, name, timeZone: 'Europe/London', summary: s };
}

export function settingsWithClients(): Settings {
  const settings = defaultSettings('Europe/London');
  settings.clients.push(
    { id: 'acme', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 1 },
    { id: 'globex', name: 'Globex', addresses: ['hank@globex.com'], domains: [], mode: 'account', responseTargetHours: 2, createdAt: 2 },
  );
  return settings;
}

const ok = <T,>(value: T): Envelope<T> => ({ ok: true, value });

export interface FakeApi extends PagesApi {
  settings: Settings;
  norms: ClientNorms[];
  /** The attention findings the fake background answers with. */
  findings: ClientAttention[];
  saved: Settings[];
  paused: (number | null)[];
  erased: number;
  /** Pushes a "norms changed" event to every listener. */
  pushNormsChanged(): void;
}

export function fakeApi(initial: Settings, initialNorms: ClientNorms[] = []): FakeApi {
  const listeners = new Set<() => void>();
  const fake: FakeApi = {
    settings: structuredClone(initial),
    norms: initialNorms,
    findings: [],
    saved: [],
    paused: [],
    erased: 0,
    pushNormsChanged: () => listeners.forEach((l) => l()),
    getSettings: async () => ok(structuredClone(fake.settings)),
    saveSettings: async (settings) => {
      const check = validateSettings(settings);
      if (!check.ok) return { ok: false, code: 'invalid-request', error: check.errors.join('\n') };
      fake.settings = check.settings;
      fake.saved.push(check.settings);
      return ok({ settings: structuredClone(check.settings), problems: [] });
    },
    importSettings: async (text) => {
      if (!text.trim().startsWith('{')) return { ok: false, code: 'invalid-request', error: 'The file is not JSON: Unexpected token\nSecond reason' };
      const parsed = JSON.parse(text) as { settings: Settings };
      fake.settings = parsed.settings;
      return ok({ settings: parsed.settings, problems: [] });
    },
    exportSettings: async () => ok({ text: JSON.stringify({ settings: fake.settings }), fileName: 'replypace-settings.json' }),
    listNorms: async () => ok(fake.norms),
    // Through this object's own getSettings and listNorms, so a copy that overrides them is heard.
    async popupData(this: FakeApi) {
      const [settings, norms] = await Promise.all([this.getSettings(), this.listNorms()]);
      if (!settings.ok) return settings;
      if (!norms.ok) return norms;
      return ok({ settings: settings.value, norms: norms.value });
    },
    attention: async () => ok({ computedAt: 0, clients: fake.findings, needingAttention: fake.findings.map((c) => c.clientKey) }),
    eraseAll: async () => {
      fake.erased++;
      fake.settings = defaultSettings('Europe/London');
      fake.norms = [];
      return ok({ erased: true as const });
    },
    pause: async (until) => {
      fake.paused.push(until);
      fake.settings.pausedUntil = until;
      return ok({ until });
    },
    onNormsChanged: (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
  };
  return fake;
}

/** The popup's last view kept in memory: what was read, and every view saved. */
export function memoryLastView(initial: LastView | null = null): LastViewStore & { view: LastView | null; saved: LastView[] } {
  const store = {
    view: initial,
    saved: [] as LastView[],
    read: () => (store.view ? structuredClone(store.view) : null),
    save: (view: LastView) => {
      store.view = structuredClone(view);
      store.saved.push(store.view);
    },
    forget: () => {
      store.view = null;
    },
  };
  return store;
}

/** A copy of the fake whose norms answer only when `release()` is called (a slow background). */
export function heldNorms(api: FakeApi): { api: FakeApi; release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held: FakeApi = Object.create(api) as FakeApi;
  held.listNorms = async () => {
    await gate;
    return api.listNorms();
  };
  return { api: held, release: () => release() };
}
