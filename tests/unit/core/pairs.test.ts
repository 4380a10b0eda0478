import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildReplyPairs, type ThreadMessage } from '../../../src/core/pairs.ts';

const MIN = 60_000;
const inbound = (id: string, at: number, counterpart = 'bob@acme.com'): ThreadMessage => ({ id, at, direction: 'in', counterpart });
const outbound = (id: string, at: number, counterpart = 'bob@acme.com'): ThreadMessage => ({ id, at, direction: 'out', counterpart });

describe('buildReplyPairs', () => {
  it('measures a reply from the client message to the user reply', () => {
    expect(buildReplyPairs([inbound('a', 0), outbound('b', 30 * MIN)])).toEqual([
      { replyId: 'b', inboundId: 'a', receivedAt: 0, sentAt: 30 * MIN, counterpart: 'bob@acme.com' },
    ]);
  });

  it('measures from the EARLIEST client message since the previous reply', () => {
    const pairs = buildReplyPairs([
      inbound('a', 0),
      inbound('b', 10 * MIN),
      inbound('c', 20 * MIN),
      outbound('r1', 60 * MIN),
      inbound('d', 90 * MIN),
      outbound('r2', 100 * MIN),
    ]);
    expect(pairs.map((p) => [p.inboundId, p.replyId, p.sentAt - p.receivedAt])).toEqual([
      ['a', 'r1', 60 * MIN],
      ['d', 'r2', 10 * MIN],
    ]);
  });

  it('makes no pair for a follow-up sent with nothing waiting', () => {
    const pairs = buildReplyPairs([outbound('o1', 0), inbound('a', 5 * MIN), outbound('o2', 6 * MIN), outbound('o3', 7 * MIN)]);
    expect(pairs.map((p) => p.replyId)).toEqual(['o2']);
  });

  it('attributes the wait to the sender of the first waiting message', () => {
    const pairs = buildReplyPairs([inbound('a', 0, 'ann@acme.com'), inbound('b', 1, 'bob@acme.com'), outbound('r', 2, 'bob@acme.com')]);
    expect(pairs[0]?.counterpart).toBe('ann@acme.com');
  });

  it('treats a message at the same instant as the reply as arriving before it', () => {
    expect(buildReplyPairs([outbound('r', 100), inbound('a', 100)])).toHaveLength(1);
  });

  it('gives the same pairs in any order and with duplicates (order-independent, idempotent)', () => {
    const message = fc.record({
      id: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'),
      at: fc.integer({ min: 0, max: 50 }),
      direction: fc.constantFrom('in' as const, 'out' as const),
      counterpart: fc.constantFrom('ann@acme.com', 'bob@acme.com'),
    });
    // A real thread has one version of each id; build that, then shuffle and duplicate it.
    const thread = fc.uniqueArray(message, { selector: (m) => m.id, maxLength: 8 });
    fc.assert(
      fc.property(thread, fc.array(fc.nat()), (messages, noise) => {
        const seenTwice = [...messages, ...messages.slice(0, noise.length % (messages.length + 1))];
        const shuffled = seenTwice
          .map((m, i) => ({ m, key: noise[i % Math.max(1, noise.length)] ?? i }))
          .sort((x, y) => x.key - y.key)
          .map((x) => x.m);
        expect(buildReplyPairs(shuffled)).toEqual(buildReplyPairs(messages));
      }),
    );
  });

  it('never pairs a reply with a message after it, and never pairs one reply twice', () => {
    const message = fc.record({
      id: fc.uuid(),
      at: fc.integer({ min: 0, max: 10_000 }),
      direction: fc.constantFrom('in' as const, 'out' as const),
      counterpart: fc.constant('bob@acme.com'),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 30 }), (messages) => {
        const pairs = buildReplyPairs(messages);
        for (const pair of pairs) expect(pair.sentAt).toBeGreaterThanOrEqual(pair.receivedAt);
        expect(new Set(pairs.map((p) => p.replyId)).size).toBe(pairs.length);
        expect(new Set(pairs.map((p) => p.inboundId)).size).toBe(pairs.length);
      }),
    );
  });
});
