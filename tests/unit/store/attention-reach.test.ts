import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientsNeedingAttention, resolveAttentionSettings, type ClientAttention } from '../../../src/core/attention.ts';
import { defaultSettings, type Settings } from '../../../src/core/settings.ts';
import type { MessageSeen } from '../../../src/core/types.ts';
import { ingestMessages, openDatabase, type ReplyPaceDb } from '../../../src/store/index.ts';
import { collectActivities } from '../../../src/store/attention.ts';

// The attention pass reads only the threads whose latest message is within the rules' reach (the
// lastAt index). It must find exactly what a pass over every thread finds, whatever the history.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const ME = 'me@mine.com';
const DOMAINS = ['acme.com', 'globex.com', 'initech.com'];

interface ThreadPlan {
  domain: number;
  /** Days before NOW of the thread's first message. */
  startDaysAgo: number;
  /** Each step: hours after the previous message, and whether the user wrote it. */
  steps: { afterHours: number; mine: boolean }[];
}

const threadPlan: fc.Arbitrary<ThreadPlan> = fc.record({
  domain: fc.integer({ min: 0, max: DOMAINS.length - 1 }),
  startDaysAgo: fc.integer({ min: 0, max: 400 }),
  steps: fc.array(fc.record({ afterHours: fc.integer({ min: 0, max: 24 * 60 }), mine: fc.boolean() }), { minLength: 1, maxLength: 5 }),
});

/**
 * A client every history shares, so that every run has something to find: ten replies within an
 * hour over the last weeks (well established), and a message waiting since last Wednesday.
 */
function steadyClient(): MessageSeen[] {
  const client = 'cfo@steady.com';
  const replied = Array.from({ length: 10 }, (_, i) => {
    const at = NOW - (7 + 2 * i) * DAY;
    return [
      { id: `s-in-${i}`, threadId: `s-${i}`, from: client, to: [ME], at },
      { id: `s-out-${i}`, threadId: `s-${i}`, from: ME, to: [client], at: at + HOUR },
    ];
  });
  return [...replied.flat(), { id: 's-waiting', threadId: 's-w', from: client, to: [ME], at: NOW - 5 * DAY }];
}

function messagesOf(plans: ThreadPlan[]): MessageSeen[] {
  return [...steadyClient(), ...plans.flatMap((plan, t) => {
    let at = NOW - plan.startDaysAgo * DAY;
    return plan.steps.map((step, i) => {
      at += step.afterHours * HOUR;
      const client = `buyer@${DOMAINS[plan.domain]}`;
      return { id: `m${t}-${i}`, threadId: `t${t}`, from: step.mine ? ME : client, to: [step.mine ? client : ME], at };
    });
  })];
}

async function findings(db: ReplyPaceDb, settings: Settings, scan: 'recent' | 'all'): Promise<ClientAttention[]> {
  const activities = await collectActivities(db, settings, NOW, scan);
  return clientsNeedingAttention(activities, resolveAttentionSettings(settings.attention), NOW);
}

describe('the attention pass reads only recent threads', () => {
  it('finds what a pass over every thread finds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(threadPlan, { minLength: 5, maxLength: 60 }),
        // At least a week, so the steady client's waiting message is always looked at.
        fc.integer({ min: 7, max: 90 }),
        fc.integer({ min: 1, max: 365 }),
        fc.integer({ min: 1, max: 8 }),
        async (plans, waitingLookbackDays, silenceMinDays, minReplies) => {
          const settings = defaultSettings('Europe/London');
          settings.me = { addresses: [ME], ownDomains: ['mine.com'] };
          settings.attention = { ...resolveAttentionSettings(undefined), waitingLookbackDays, silenceMinDays, minReplies };
          const db = openDatabase(`reach-${Math.random()}`);
          try {
            await ingestMessages(db, 'gmail', ME, messagesOf(plans), settings, NOW);
            const recent = await findings(db, settings, 'recent');
            expect(recent).toEqual(await findings(db, settings, 'all'));
            // The property is only worth something when there is something to find.
            expect(recent.find((c) => c.clientKey === 'domain:steady.com')?.findings.map((f) => f.kind)).toContain('waiting');
          } finally {
            await db.delete();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
