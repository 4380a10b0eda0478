import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addScheduleResult, emptySiteHealth } from '../../../src/core/siteHealth.ts';
import { buildPageReport, readPageReportInfo } from '../../../src/page-report/report-file.ts';
import { fixtureHtml, parsePage } from './load-page.ts';

const root = resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'replypace-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inspect = (file: string) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/inspect.ts', file], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));

const health = {
  ...addScheduleResult(emptySiteHealth(), '2026-11-30', 'outlook', { ok: false, step: 'custom-time', reason: 'no "Custom time" </script><b>', matched: { 'menu-item': 1 } }),
  thisWeek: '2026-11-30',
};

function saveReport(fixture: string, site: 'gmail' | 'outlook'): { path: string; fileName: string; text: string } {
  const doc = parsePage(fixtureHtml(fixture));
  const { fileName, text } = buildPageReport(doc, {
    extensionVersion: '0.1.0',
    browser: 'chrome',
    site,
    host: site === 'gmail' ? 'mail.google.com' : 'outlook.live.com',
    savedAt: '2026-11-30T10:00:00.000Z',
    health,
  });
  const path = join(dir, `${site}-${fileName}`);
  writeFileSync(path, text);
  return { path, fileName, text };
}

// Each test starts `npm run inspect` (node + tsx): seconds each on a busy machine.
describe('page report file', { timeout: 60_000 }, () => {
  it('npm run inspect reads an Outlook report: the same message, conversation and account, in placeholders', () => {
    const original = inspect('tests/fixtures/outlook/2025-05-read-A.html');
    const { path, fileName } = saveReport('outlook/2025-05-read-A.html', 'outlook');
    expect(fileName).toBe('replypace-page-report-outlook-2026-11-30.html');
    const out = inspect(path);
    expect(out.report).toMatchObject({ format: 'replypace-page-report', version: 1, extensionVersion: '0.1.0', browser: 'chrome', site: 'outlook', host: 'outlook.live.com' });
    expect(out.report.health.weeks['2026-11-30'].outlook.failedSteps['custom-time'].reason).toBe('no "Custom time" </script><b>');
    expect(out.report).not.toHaveProperty('settings');
    expect(out.site).toBe('outlook');
    expect(out.account).toMatch(/^a\d+@example\.invalid$/);
    expect(out.messages).toHaveLength(original.messages.length);
    expect(out.messages[0]).toMatchObject({ at: original.messages[0].at, threadId: expect.stringMatching(/^conversation-\d+$/), from: expect.stringMatching(/@example\.invalid$/) });
    expect(out.unreadableTimes).toBe(original.unreadableTimes);
  });

  it('npm run inspect reads a Gmail report: the same ids, times and composes', () => {
    const original = inspect('tests/fixtures/gmail/2026-11-two-composes.html');
    const out = inspect(saveReport('gmail/2026-11-two-composes.html', 'gmail').path);
    expect(out.report.site).toBe('gmail');
    expect(out.messages.map((m: { id: string; at: number }) => [m.id, m.at])).toEqual(original.messages.map((m: { id: string; at: number }) => [m.id, m.at]));
    expect(out.composes.map((c: { kind: string; recipients: string[] }) => [c.kind, c.recipients.length])).toEqual(
      original.composes.map((c: { kind: string; recipients: string[] }) => [c.kind, c.recipients.length]),
    );
  });

  it('keeps its information block whole whatever the counters hold, and a saved page has none', () => {
    const { text } = saveReport('gmail/2026-11-two-composes.html', 'gmail');
    expect(text.startsWith('<!doctype html>')).toBe(true);
    // The one script element is the inert JSON block; no "</script>" from a reason can close it early.
    expect(text.match(/<script/g)).toHaveLength(1);
    expect(readPageReportInfo(parsePage(text))?.health?.thisWeek).toBe('2026-11-30');
    expect(readPageReportInfo(parsePage(fixtureHtml('gmail/2026-11-two-composes.html')))).toBeNull();
  });
});
