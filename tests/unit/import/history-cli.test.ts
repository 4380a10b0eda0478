import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryReport } from '../../../src/import/report.ts';
import { zipArchive } from '../../support/archives.ts';
import { ME, writeTakeoutMbox, type TakeoutTruth } from '../../support/takeout-generator.ts';

// `npm run history` is a contract (README, "History from the command line"): its name, options,
// output format and exit codes are checked here on a generated Takeout.
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);
const END = Date.UTC(2025, 5, 1);
let dir: string;
let mbox: string;
let truth: TakeoutTruth;

async function history(...args: string[]): Promise<{ code: number; report: HistoryReport | null; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/history.ts', ...args], { cwd: ROOT });
    return { code: 0, report: JSON.parse(stdout) as HistoryReport, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, report: failed.stdout ? (JSON.parse(failed.stdout) as HistoryReport) : null, stderr: failed.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'replypace-history-cli-'));
  mbox = join(dir, 'All mail.mbox');
  truth = writeTakeoutMbox(mbox, { seed: 21, targetBytes: 600_000, end: END - 3_600_000, attachmentBytes: 1000 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run history', () => {
  it('prints the documented JSON: own addresses, clients with their pairs and proposal, left-out counts', { timeout: 60_000 }, async () => {
    const { code, report } = await history('--me', ME, '--now', new Date(END).toISOString(), mbox);
    expect(code).toBe(0);
    expect(report).toMatchObject({ format: 'replypace-history', version: 1, generatedAt: new Date(END).toISOString(), ownAddresses: [ME] });
    expect(report!.files).toEqual([{ name: 'All mail.mbox', bytes: truth.bytes, kind: 'mbox', messages: truth.messages, problem: null, notes: [] }]);
    expect(Object.keys(report!.counts)).toEqual(['messagesRead', 'messagesKept', 'threads', 'conversations', 'pairs']);
    for (const reason of ['draft', 'spam', 'trash', 'chat', 'list', 'auto-reply'] as const) expect(report!.leftOut[reason]).toBe(truth.leftOut[reason]);
    for (const client of report!.clients) {
      const expected = truth.pairs.get(client.key)!.map((p) => ({ inboundAt: new Date(p.inboundAt).toISOString(), replyAt: new Date(p.replyAt).toISOString(), wallMinutes: Math.round(((p.replyAt - p.inboundAt) / 60_000) * 10) / 10 }));
      expect(client.pairs).toEqual(expected);
      expect(client.replies).toBe(expected.length);
      expect(Object.keys(client)).toEqual(['key', 'name', 'domain', 'addresses', 'replies', 'typicalReplyWorkingMinutes', 'typicalReplyMinutes', 'p90ReplyWorkingMinutes', 'instantShare', 'afterHoursShare', 'inboundMessages', 'proposal', 'pairs']);
    }
    const acme = report!.clients.find((c) => c.key === 'domain:acme-corp.de');
    if (acme?.proposal) expect(acme.proposal).toMatchObject({ timeZone: 'Europe/Berlin', basis: 'offsets', offsets: expect.arrayContaining(['UTC+01:00']) });
  });

  it('reads a Takeout zip and a folder, suggests own addresses without --me, and says what it could not read', { timeout: 60_000 }, async () => {
    const { readFileSync } = await import('node:fs');
    const zip = join(dir, 'takeout-001.zip');
    writeFileSync(zip, zipArchive([{ name: 'Takeout/Mail/All mail.mbox', data: readFileSync(mbox) }]));
    const bad = join(dir, 'notes.txt');
    writeFileSync(bad, 'not mail\n');
    const folder = join(dir, 'Exported');
    mkdirSync(folder);
    writeFileSync(join(folder, 'one.eml'), `From: lee@contoso.com\r\nTo: ${ME}\r\nDate: Mon, 6 Jan 2025 10:00:00 +0000\r\n\r\nbody`);
    const { code, report } = await history('--now', new Date(END).toISOString(), zip, bad, folder);
    expect(code).toBe(0);
    expect(report!.ownAddresses).toEqual([ME]);
    expect(report!.files.map((f) => [f.name, f.kind, f.problem === null])).toEqual([
      ['takeout-001.zip', 'zip', true],
      ['notes.txt', 'mbox', false],
      ['Exported/one.eml', 'eml', true],
    ]);
    expect(report!.counts.pairs).toBe([...truth.pairs.values()].reduce((n, l) => n + l.length, 0));
  });

  it('exits with 2 when no file could be read, and 1 on a usage error', { timeout: 60_000 }, async () => {
    const bad = join(dir, 'bad.mbox');
    writeFileSync(bad, Buffer.alloc(2000, 0));
    const unreadable = await history('--me', ME, bad);
    expect(unreadable.code).toBe(2);
    expect(unreadable.report!.files[0]!.problem).toMatch(/binary/);
    const usage = await history('--me', ME);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/No file given/);
  });
});
