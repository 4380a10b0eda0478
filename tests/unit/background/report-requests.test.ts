import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/core/settings.ts';
import { openDatabase, type ReplyPaceDb } from '../../../src/store/index.ts';
import type { AttentionReport, ReportData } from '../../../src/messaging/protocol.ts';
import { extensionPage, gmailTab, testServer, WEDNESDAY_NOON as NOW, type TestServer } from './test-server.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const page = extensionPage('report.html');

let db: ReplyPaceDb;
let server: TestServer;

beforeEach(async () => {
  db = openDatabase(`report-data-${Math.random()}`);
  server = testServer(db);
  const settings = defaultSettings('UTC');
  settings.clients.push({ id: 'acme', name: 'Acme Corp', addresses: [], domains: ['acme.com'], mode: 'account', createdAt: 0 });
  expect(await server.handle({ type: 'saveSettings', settings }, page)).toMatchObject({ ok: true });

  const messages = [];
  // Eight weekday threads answered within an hour: Acme's rhythm.
  for (let i = 0; i < 8; i++) {
    const day = NOW - (i + 1) * DAY - (i >= 2 ? 2 * DAY : 0); // skip the weekend before Monday
    messages.push({ id: `in-${i}`, threadId: `t-${i}`, from: 'bob@acme.com', to: ['me@mine.com'], at: day - 2 * HOUR });
    messages.push({ id: `out-${i}`, threadId: `t-${i}`, from: 'me@mine.com', to: ['bob@acme.com'], at: day - HOUR });
  }
  // Bob's message from Monday morning is still unanswered on Wednesday noon.
  messages.push({ id: 'in-waiting', threadId: 't-waiting', from: 'bob@acme.com', to: ['me@mine.com'], at: NOW - 2 * DAY - 3 * HOUR });
  // A newsletter the user never answers: not a neglected client.
  for (let i = 0; i < 6; i++) messages.push({ id: `news-${i}`, threadId: `news-${i}`, from: 'news@letters.com', to: ['me@mine.com'], at: NOW - i * DAY - 5 * HOUR });
  expect(await server.handle({ type: 'messagesSeen', site: 'gmail', account: 'me@mine.com', messages }, gmailTab)).toMatchObject({ ok: true });

  for (let i = 0; i < 5; i++) {
    const outcome = { site: 'gmail', clientKey: 'client:acme', at: NOW - (i + 1) * DAY, choice: 'sent-anyway', reasons: ['outside-hours'], scheduledFor: null };
    expect(await server.handle({ type: 'outcome', outcome }, gmailTab)).toMatchObject({ ok: true });
  }
  await server.handle({ type: 'outcome', outcome: { site: 'gmail', clientKey: 'client:acme', at: NOW - 40 * DAY, choice: 'scheduled', reasons: ['weekend'], scheduledFor: NOW - 38 * DAY } }, gmailTab);
});

afterEach(async () => {
  await db.delete();
});

describe('attention, as the background answers it', () => {
  it('names the waiting client and the send-now habit, and leaves the newsletter out', async () => {
    const answer = await server.handle({ type: 'attention' }, page);
    expect(answer.ok).toBe(true);
    const report = (answer as { value: AttentionReport }).value;
    expect(report.computedAt).toBe(NOW);
    expect(report.clients.map((c) => c.name)).toEqual(['Acme Corp']);
    expect(report.clients[0]!.findings.map((f) => f.kind)).toEqual(['waiting', 'exceptions']);
    expect(report.clients[0]!.findings[0]!.text).toMatch(/^A message from them has waited about 19 working hours/);
  });

  it('is for the extension’s pages only', async () => {
    expect(await server.handle({ type: 'attention' }, gmailTab)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await server.handle({ type: 'reportData', clientKey: 'client:acme', from: 0, to: NOW }, gmailTab)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('report data', () => {
  it('returns the client’s rules, replies and nudges for the period', async () => {
    const answer = await server.handle({ type: 'reportData', clientKey: 'client:acme', from: NOW - 28 * DAY, to: NOW }, page);
    const data = (answer as { value: ReportData }).value;
    expect(data).toMatchObject({ clientKey: 'client:acme', name: 'Acme Corp', mode: 'account', responseTargetMinutes: 240, instantThresholdMinutes: 15 });
    expect(data.schedule.timeZone).toBe('UTC');
    expect(data.pairs).toHaveLength(8);
    expect(data.pairs.every((p) => p.sentAt - p.receivedAt === HOUR)).toBe(true);
    expect(data.outcomes.map((o) => o.choice)).toEqual(['sent-anyway', 'sent-anyway', 'sent-anyway', 'sent-anyway', 'sent-anyway']);
    expect(data.attention.overridesPerMonth).toBe(5);
  });

  it('answers null for a client it knows nothing about, and refuses a malformed request', async () => {
    expect(await server.handle({ type: 'reportData', clientKey: 'domain:unknown.com', from: 0, to: NOW }, page)).toMatchObject({ ok: true, value: null });
    expect(await server.handle({ type: 'reportData', clientKey: 'client:acme', from: -5, to: NOW }, page)).toMatchObject({ ok: false, code: 'invalid-request' });
  });

  it('names an unconfigured client by what was learned about them', async () => {
    await server.handle(
      { type: 'messagesSeen', site: 'gmail', account: 'me@mine.com', messages: [
        { id: 'x1', threadId: 'tx', from: 'ann@globex.com', to: ['me@mine.com'], at: NOW - 5 * HOUR },
        { id: 'x2', threadId: 'tx', from: 'me@mine.com', to: ['ann@globex.com'], at: NOW - 4 * HOUR },
      ] },
      gmailTab,
    );
    const answer = await server.handle({ type: 'reportData', clientKey: 'domain:globex.com', from: NOW - DAY, to: NOW }, page);
    expect(answer).toMatchObject({ ok: true, value: { name: 'globex.com', mode: 'default', pairs: [{ receivedAt: NOW - 5 * HOUR, sentAt: NOW - 4 * HOUR }] } });
  });
});
