import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { browser } from 'wxt/browser';
import type { AttentionFinding } from '../../../src/core/attention.ts';
import { clientKeysNeedingAttention, needsAttention } from '../../../src/core/clientStatus.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import { weeklyReminderTick } from '../../../src/background/weekly-reminder.ts';
import { ingestMessages, listNorms, openDatabase, recordOutcome, writeSettings, type ReplyPaceDb } from '../../../src/store/index.ts';
import { computeAttention } from '../../../src/store/attention.ts';
import { popupRows } from '../../../src/ui/pages/popup/popupRows.ts';
import { fast, slow, summary } from './fixtures.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Monday 9:30 in Sydney. */
const NOW = Date.parse('2026-03-15T22:30:00Z');

const waiting: AttentionFinding = { kind: 'waiting', text: 'A message from them has waited 2 days.', suggestion: 'Fix it today.', weight: 3 };

describe('needsAttention: one rule for the popup and the badge', () => {
  const target = 4 * HOUR;

  it('flags a broken or bent promise, and any finding even when the norms look fine', () => {
    expect(needsAttention({ mode: 'account', norms: slow, targetMs: target }, [])).toBe(true);
    expect(needsAttention({ mode: 'default', norms: fast, targetMs: target }, [])).toBe(true);
    expect(needsAttention({ mode: 'account', norms: summary(), targetMs: target }, [])).toBe(false);
    expect(needsAttention({ mode: 'account', norms: summary(), targetMs: target }, [waiting])).toBe(true);
    // "Send now" overrides can flag a client before any reply was measured.
    expect(needsAttention({ mode: 'account', norms: null, targetMs: target }, [{ ...waiting, kind: 'exceptions' }])).toBe(true);
  });

  it('leaves alone clients with too few replies, clients set to off, and fast replies to leads', () => {
    expect(needsAttention({ mode: 'account', norms: summary({ count: 3, medianWorkingMs: 9 * HOUR }), targetMs: target }, [])).toBe(false);
    expect(needsAttention({ mode: 'off', norms: slow, targetMs: target }, [waiting])).toBe(false);
    expect(needsAttention({ mode: 'lead', norms: fast, targetMs: target }, [])).toBe(false);
    const fasterDrift = summary({ trend: { recentMedianWorkingMs: HOUR, priorMedianWorkingMs: 3 * HOUR, recentCount: 5, priorCount: 9, ratio: 0.33, direction: 'faster' } });
    expect(needsAttention({ mode: 'lead', norms: fasterDrift, targetMs: target }, [])).toBe(false);
    expect(needsAttention({ mode: 'account', norms: fasterDrift, targetMs: target }, [])).toBe(true);
    // A lead left waiting is still neglect.
    expect(needsAttention({ mode: 'lead', norms: slow, targetMs: target }, [])).toBe(true);
  });

  it('counts each client once, whether flagged by its norms, its findings or both', () => {
    const keys = clientKeysNeedingAttention(
      [
        { clientKey: 'client:a', mode: 'account', norms: slow, targetMs: 4 * HOUR },
        { clientKey: 'client:b', mode: 'account', norms: summary(), targetMs: 4 * HOUR },
        { clientKey: 'client:c', mode: 'account', norms: summary(), targetMs: 4 * HOUR },
      ],
      [
        { clientKey: 'client:a', findings: [waiting] },
        { clientKey: 'client:c', findings: [waiting] },
        { clientKey: 'domain:only-overrides.com', findings: [{ ...waiting, kind: 'exceptions' }] },
      ],
    );
    expect(keys).toEqual(['client:a', 'client:c', 'domain:only-overrides.com']);
  });
});

describe('the popup count and the toolbar badge name the same clients', () => {
  let db: ReplyPaceDb;
  beforeEach(() => {
    fakeBrowser.reset();
    db = openDatabase(`attention-${Math.random()}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  /** Replies on the five working days before NOW, `replyAfter` after each client message at 9:30 their time. */
  function exchanges(domain: string, replyAfter: number, prefix = domain) {
    const messages = [];
    for (let i = 3; i <= 7; i++) {
      const at = NOW - i * DAY;
      messages.push({ id: `${prefix}-in-${i}`, threadId: `${prefix}-t-${i}`, from: `bob@${domain}`, to: ['me@mine.com'], at });
      messages.push({ id: `${prefix}-out-${i}`, threadId: `${prefix}-t-${i}`, from: 'me@mine.com', to: [`bob@${domain}`], at: at + replyAfter });
    }
    return messages;
  }

  it('counts a neglected client, one trained too fast and one where urgent became normal; not the steady one or one set to off', async () => {
    const settings: Settings = defaultSettings('Australia/Sydney');
    settings.clients.push(
      { id: 'acme', name: 'Acme', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 1 },
      { id: 'muted', name: 'Muted', addresses: [], domains: ['muted.com'], mode: 'off', createdAt: 2 },
    );
    await writeSettings(db, settings);
    const messages = [
      ...exchanges('acme.com', 2 * HOUR),
      { id: 'acme-waiting', threadId: 'acme-w', from: 'bob@acme.com', to: ['me@mine.com'], at: NOW - 3 * DAY },
      ...exchanges('fastco.com', 10 * MINUTE),
      ...exchanges('muted.com', 10 * MINUTE),
      ...exchanges('steady.com', 2 * HOUR),
    ];
    await ingestMessages(db, 'gmail', 'me@mine.com', messages, settings, NOW);
    for (let i = 0; i < 5; i++) {
      await recordOutcome(db, { site: 'gmail', clientKey: 'domain:urgent.com', at: NOW - (i + 1) * DAY, choice: 'sent-anyway', reasons: [], scheduledFor: null });
    }

    await weeklyReminderTick({ db, now: () => NOW, userTimeZone: () => 'Australia/Sydney' }, fakeBrowser as unknown as typeof browser);
    const report = await computeAttention(db, settings, NOW);
    const rows = popupRows(settings, await listNorms(db, NOW), report.clients);

    const popupSet = rows.filter((r) => r.needsAttention).map((r) => r.clientKey).sort();
    expect(popupSet).toEqual(['client:acme', 'domain:fastco.com', 'domain:urgent.com']);
    expect(report.needingAttention).toEqual(popupSet);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    // Findings come first in the popup, and the steady client is there but not counted.
    expect(rows.slice(0, 2).map((r) => r.clientKey).sort()).toEqual(['client:acme', 'domain:urgent.com']);
    expect(rows.find((r) => r.clientKey === 'domain:steady.com')?.status.kind).toBe('on-track');
    expect(rows.some((r) => r.clientKey === 'client:muted')).toBe(false);
  });
});
