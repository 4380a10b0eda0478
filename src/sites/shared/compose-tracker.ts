/**
 * Keeps a policy snapshot ready for every open compose, so that the decision at the moment of
 * sending never waits on the background. A snapshot is fetched when a compose appears and again
 * when its recipients or thread change; at send time it is used only if it still matches what the
 * compose holds now (a recipient added a moment ago means no snapshot: the send goes through).
 */
import type { Instant, PolicySnapshot } from '../../core/types.ts';
import type { ComposeReading, MailSite } from '../contract.ts';

/** Snapshots older than this are fetched again on the next scan (norms and quiet times move). */
const SNAPSHOT_MAX_AGE_MS = 5 * 60_000;
/** After a failed fetch (background asleep or broken, account not shown yet), try again this soon. */
export const RETRY_AFTER_FAILURE_MS = 5_000;

interface Entry {
  key: string;
  snapshot: PolicySnapshot | null;
  fetchedAt: number;
  failed: boolean;
  /** The key being fetched, so that one change means one request. */
  pending: string | null;
}

export interface ComposeTracker {
  /** Looks at every open compose and fetches snapshots where needed. Cheap when nothing changed. */
  scan(): void;
  /** The snapshot for this compose as it is now, or null (not ready, stale, or none). */
  snapshotFor(compose: HTMLElement): PolicySnapshot | null;
  /** Nudges off for a client until `until` (a snooze the background also records). */
  quiet(clientKey: string, until: Instant): void;
  composes(): HTMLElement[];
}

export function readingKey(reading: ComposeReading): string {
  return `${[...reading.recipients].sort().join(',')}|${reading.threadId ?? ''}`;
}

export function createComposeTracker(options: {
  site: Pick<MailSite, 'findComposes' | 'readCompose'>;
  doc: Document;
  /** null: nobody to nudge about; undefined: the fetch failed (tried again a little later). */
  fetchPolicy(reading: ComposeReading): Promise<PolicySnapshot | null | undefined>;
  now?: () => number;
}): ComposeTracker {
  const { site, doc } = options;
  const now = options.now ?? Date.now;
  const entries = new WeakMap<HTMLElement, Entry>();
  const quietUntil = new Map<string, Instant>();
  let open: HTMLElement[] = [];

  const fetchFor = (compose: HTMLElement, reading: ComposeReading, key: string, entry: Entry) => {
    entry.pending = key;
    options
      .fetchPolicy(reading)
      .catch(() => undefined)
      .then((snapshot) => {
        if (entry.pending !== key) return;
        entry.pending = null;
        entry.key = key;
        entry.snapshot = snapshot ?? null;
        entry.failed = snapshot === undefined;
        entry.fetchedAt = now();
      });
  };

  return {
    scan() {
      open = site.findComposes(doc);
      for (const compose of open) {
        const reading = site.readCompose(compose);
        if (reading.recipients.length === 0) continue;
        const key = readingKey(reading);
        let entry = entries.get(compose);
        if (!entry) {
          entry = { key: '', snapshot: null, fetchedAt: 0, failed: false, pending: null };
          entries.set(compose, entry);
        }
        if (entry.pending === key) continue;
        const maxAge = entry.failed ? RETRY_AFTER_FAILURE_MS : SNAPSHOT_MAX_AGE_MS;
        if (entry.key !== key || now() - entry.fetchedAt > maxAge) fetchFor(compose, reading, key, entry);
      }
    },
    snapshotFor(compose) {
      const entry = entries.get(compose);
      if (!entry?.snapshot) return null;
      if (readingKey(site.readCompose(compose)) !== entry.key) return null;
      const snapshot = entry.snapshot;
      const quiet = quietUntil.get(snapshot.clientKey);
      return quiet !== undefined && quiet > (snapshot.quietUntil ?? 0) ? { ...snapshot, quietUntil: quiet } : snapshot;
    },
    quiet(clientKey, until) {
      quietUntil.set(clientKey, until);
    },
    composes: () => open,
  };
}
