/**
 * Site health and "Save a page report", written once over `DemoSite` × `BrowserHarness` and run in
 * each browser (tests/e2e/page-report.test.ts, tests/e2e-firefox/page-report.test.ts): the demo
 * mailbox in the active tab, the real popup page beside it in the same window. The popup shows the
 * health line (accessible), its button is reached with Tab and pressed with Enter, the report
 * arrives as a real download (no `downloads` permission), holds nothing private, and `npm run
 * inspect` reads it; its host comes from the content script (no host permission tells the popup).
 * Nothing goes to the network.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityFindings } from './accessibility.ts';
import { DRAFT, type DemoSite } from './demo-site.ts';
import { useDemoBrowser } from './flows.ts';
import { ask, openPopupBeside, press, waitFor, waitForText, type BrowserKind, type Tab } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SUBJECT = 'Subject 4712';
const BODY = 'Typed body 4712';

/** How many times the popup's health line says a step failed, as it words counts. */
const times = (count: number) => (count === 2 ? 'twice' : `${count} times`);

export function pageReportFlows(site: DemoSite, browser: BrowserKind, options: { failures: number }): void {
  describe(`site health and page reports of ${site.name} in ${browser.name}`, () => reportFlows(site, browser, options.failures));
}

function reportFlows(site: DemoSite, browser: BrowserKind, failures: number): void {
  const harness = useDemoBrowser(site, browser);
  let mail: Tab;
  let popup: Tab;
  let replyId: string;
  beforeAll(async () => {
    mail = await site.open(harness());
    // A reply being written and a new message with a subject: neither may reach the report.
    replyId = await site.startReply(harness(), mail, 'acmeInstant');
    await site.newCompose(mail, site.newClientAddress, { subject: SUBJECT, body: BODY });
  });
  afterAll(async () => {
    await popup?.close();
    await mail?.close();
  });

  {
    it('shows a quiet health line after Schedule send failed this week, accessibly', async () => {
      for (let i = 0; i < failures; i++) {
        const answer = await ask<{ ok: boolean }>(harness(), { type: 'scheduleResult', site: site.id, ok: false, step: 'picker-confirm', reason: 'the picker has no confirm button', matched: { 'menu-item': 0 } });
        expect(answer.ok).toBe(true);
      }
      popup = await openPopupBeside(harness(), mail);
      const health = () => popup.evaluate(() => document.querySelector('section[aria-label="Site health"]')?.textContent ?? '');
      const line = `${site.name}'s Schedule send failed ${times(failures)} this week: save a page report`;
      expect(await waitFor(health, (text) => text.includes(line))).toContain(line);
      expect(await accessibilityFindings(popup, browser.name, `popup-site-health-${site.id}`)).toEqual([]);
    });

    it('saves a censored page report with the keyboard, as a real download, and inspect reads it', async () => {
      // Keys go to the focused tab: bring the popup forward now that it has asked about the mail tab.
      await popup.bringToFront();
      await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const buttonFocused = () => popup.evaluate(() => document.activeElement?.textContent === 'save a page report');
      for (let i = 0; i < 30 && !(await buttonFocused()); i++) await press(popup, 'Tab');
      expect(await buttonFocused()).toBe(true);
      const file = await harness().download(popup, () => press(popup, 'Enter'));
      expect(file.fileName).toMatch(new RegExp(`^replypace-page-report-${site.id}-\\d{4}-\\d{2}-\\d{2}\\.html$`));
      await waitForText(popup, new RegExp(`Saved replypace-page-report-${site.id}-`));

      const report = readFileSync(file.path, 'utf8').toLowerCase();
      // What the mailbox shows that is private: subjects, bodies, names, addresses, and what was typed.
      const threads = await site.demoThreads(mail);
      const people = threads.flatMap((t) => t.messages.flatMap((m) => [m.from, ...m.to]));
      const domains = people.map((p) => p.email.split('@')[1]!).filter((d) => !/example\.(com|invalid)$/.test(d));
      const privateTexts = [
        ...threads.flatMap((t) => [t.subject, ...t.messages.map((m) => m.text)]),
        ...people.flatMap((p) => [p.name, p.email]),
        ...domains,
        DRAFT,
        SUBJECT,
        BODY,
      ].filter((text) => text.length >= 4);
      expect([...new Set(privateTexts)].filter((text) => report.includes(text.toLowerCase()))).toEqual([]);
      // The demo's own script never comes along.
      expect(report).not.toContain('__demo');

      const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'scripts/inspect.ts', file.path], { cwd: ROOT, encoding: 'utf8' }));
      const build = resolve(ROOT, '.output', browser.name === 'chromium' ? 'chrome-mv3' : 'firefox-mv2', 'manifest.json');
      const version = JSON.parse(readFileSync(build, 'utf8')).version;
      expect(out.report).toMatchObject({ extensionVersion: version, browser: browser.name === 'chromium' ? 'chrome' : 'firefox', site: site.id, host: new URL(site.origins[0]!).host });
      expect(out.report.health.weeks[out.report.health.thisWeek][site.id].failedSteps['picker-confirm'].count).toBe(failures);
      expect(out.site).toBe(site.id);
      expect(out.account).toMatch(/^a\d+@example\.invalid$/);
      const thread = threads[site.threads.acmeInstant.index]!;
      // Every message of the open thread; Gmail's demo gives its message ids (Outlook's page has none).
      const demoIds = thread.messages.map((m) => (m as { id?: string }).id);
      const reportIds = out.messages.map((m: { id: string }) => m.id);
      expect(reportIds).toHaveLength(thread.messages.length);
      if (demoIds.every((id) => id !== undefined)) expect(reportIds).toEqual(demoIds);
      expect(out.composes.length).toBe(2);
      // The new message's typed recipient is counted (Outlook's reply shows a known contact by name alone).
      expect(out.composes.map((c: { recipients: string[] }) => c.recipients.length)).toContain(1);
      expect(await site.openComposes(mail)).toContain(replyId);
    });

    it('made no network request from any extension context', async () => {
      expect(await harness().network.settle()).toEqual([]);
    });
  }
}
