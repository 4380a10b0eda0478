/** Test data and a fake of the pages' API: an in-memory background that answers like the real one. */
import { defaultSettings, validateSettings, type Settings } from '../../../src/core/settings.ts';
import type { ClientAttention } from '../../../src/core/attention.ts';
import type { NormsSummary, WeeklyNorm } from '../../../src/core/types.ts';
import type { ClientNorms, Envelope, ImportRecord, PagesApi, PatternProposal } from '../../../src/ui/pages/api.ts';
import type { ImportThread } from '../../../src/core/history/preview.ts';
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


export interface FakeApi extends PagesApi {
  /** The settings revision its answers carry; raised by every change, as the background's is. */
  revision: number;
  settings: Settings;
  norms: ClientNorms[];
  /** The attention findings the fake background answers with. */
  findings: ClientAttention[];
  saved: Settings[];
  paused: (number | null)[];
  erased: number;
  /** History imports the fake background holds, parts received, and the proposals it answers with. */
  imports: ImportRecord[];
  importParts: Array<{ importId: string; index: number; threads: ImportThread[] }>;
  proposals: PatternProposal[];
  /** Pushes a "norms changed" event to every listener. */
  pushNormsChanged(): void;
}

export function fakeApi(initial: Settings, initialNorms: ClientNorms[] = []): FakeApi {
  const listeners = new Set<() => void>();
  const ok = <T,>(value: T): Envelope<T> => ({ ok: true, value, revision: fake.revision });
  const changed = () => (fake.revision += 1);
  const fake: FakeApi = {
    revision: 1,
    settings: structuredClone(initial),
    norms: initialNorms,
    findings: [],
    saved: [],
    paused: [],
    erased: 0,
    imports: [],
    importParts: [],
    proposals: [],
    pushNormsChanged: () => listeners.forEach((l) => l()),
    getSettings: async () => ok(structuredClone(fake.settings)),
    saveSettings: async (settings) => {
      const check = validateSettings(settings);
      if (!check.ok) return { ok: false, code: 'invalid-request', error: check.errors.join('\n') };
      fake.settings = check.settings;
      fake.saved.push(check.settings);
      changed();
      return ok({ settings: structuredClone(check.settings), problems: [] });
    },
    importSettings: async (text) => {
      if (!text.trim().startsWith('{')) return { ok: false, code: 'invalid-request', error: 'The file is not JSON: Unexpected token\nSecond reason' };
      const parsed = JSON.parse(text) as { settings: Settings };
      fake.settings = parsed.settings;
      changed();
      return ok({ settings: parsed.settings, problems: [] });
    },
    exportSettings: async () => ok({ text: JSON.stringify({ settings: fake.settings }), fileName: 'replypace-settings.json' }),
    listNorms: async () => ok(fake.norms),
    reportData: async () => ok(null),
    // Through this object's own getSettings and listNorms, so a copy that overrides them is heard;
    // stamped, as the background stamps a read, with the revision before reading.
    async popupData(this: FakeApi) {
      const [settings, norms] = await Promise.all([this.getSettings(), this.listNorms()]);
      if (!settings.ok) return settings;
      if (!norms.ok) return norms;
      return { ok: true as const, value: { settings: settings.value, norms: norms.value }, revision: settings.revision };
    },
    attention: async () => ok({ computedAt: 0, clients: fake.findings, needingAttention: fake.findings.map((c) => c.clientKey) }),
    eraseAll: async () => {
      fake.erased++;
      fake.settings = defaultSettings('Europe/London');
      fake.norms = [];
      changed();
      return ok({ erased: true as const });
    },
    pause: async (until) => {
      fake.paused.push(until);
      fake.settings.pausedUntil = until;
      changed();
      return ok({ until });
    },
    siteHealth: async () => ok({ weeks: {}, thisWeek: '2026-06-15' }),
    importPart: async (importId, index, threads) => {
      fake.importParts.push({ importId, index, threads });
      return ok({ received: fake.importParts.filter((p) => p.importId === importId).length });
    },
    importCommit: async (request) => {
      const threads = fake.importParts.filter((p) => p.importId === request.importId).flatMap((p) => p.threads);
      const replaced = fake.imports.filter((r) => r.fileKey === request.fileKey).length;
      fake.imports = fake.imports.filter((r) => r.fileKey !== request.fileKey);
      const record: ImportRecord = {
        importId: request.importId, fileKey: request.fileKey, label: request.label, createdAt: 0, account: request.account,
        threadIds: threads.map((t) => t.threadId), messages: threads.reduce((n, t) => n + t.messages.length, 0), pairs: 0, clientKeys: [], dateRange: request.dateRange,
      };
      fake.imports.unshift(record);
      changed();
      return ok({ record, known: 0, replaced });
    },
    importUndo: async (importId) => {
      const before = fake.imports.length;
      fake.imports = fake.imports.filter((r) => r.importId !== importId);
      if (fake.imports.length < before) changed();
      return ok({ undone: fake.imports.length < before });
    },
    importList: async () => ok(structuredClone(fake.imports)),
    patternProposals: async () => ok(structuredClone(fake.proposals)),
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
