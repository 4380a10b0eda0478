/**
 * `npm start [-- --headless] [--screenshot out.png] [--site gmail|outlook|calendar]`
 *
 * Builds the Chrome extension, opens Debian's Chromium with it, serves the demo mailbox at
 * https://mail.google.com (locally: nothing goes to the network), sets up a sample client "Acme"
 * (acme-corp.com) whose working hours are over right now, and opens the mailbox: the first Send
 * to Acme shows a nudge. With --screenshot, it opens a thread, replies, presses Send, saves a
 * picture of the nudge and exits.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { OUTLOOK_DEMO_URL, openGmailDemo, seedSettings, serveCalendarDemo, serveGmailDemo, serveOutlookDemo } from '../tests/demo/serve.ts';
import { demoSettings } from '../tests/demo/gmail/settings.ts';
import { calendarDemoUrl } from '../tests/demo/calendar/page.ts';
import { CALENDAR_ACCOUNT, CLIENT_GUEST, CLIENT_ZONE, calendarDemoDates, calendarDemoSettings } from '../tests/demo/calendar/settings.ts';
import { CHROMIUM_PATH, chromiumArgs, ensureChromium } from './chromium.ts';

const root = resolve(import.meta.dirname, '..');
const extensionPath = join(root, '.output', 'chrome-mv3');

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function parseArgs(argv: string[]) {
  const valueOf = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const screenshot = valueOf('--screenshot');
  return {
    headless: argv.includes('--headless'),
    screenshot,
    site: valueOf('--site') ?? 'gmail',
  };
}

async function launch(headless: boolean): Promise<{ context: BrowserContext; extensionId: string; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'replypace-start-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport: { width: 1280, height: 800 },
    args: chromiumArgs(extensionPath),
  });
  // Only the demo is served; every other request stays in the browser.
  await context.route('**/*', (route) =>
    /^(chrome-extension|data|blob|about):/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://') }));
  return { context, extensionId: new URL(worker.url()).host, profile };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.site === 'outlook' && !existsSync(join(root, 'tests', 'demo', 'outlook', 'index.html'))) {
    fail('the Outlook demo mailbox is not there yet (it arrives with the Outlook issue). Run `npm start` for the Gmail demo.');
  }
  if (args.site !== 'gmail' && args.site !== 'outlook' && args.site !== 'calendar') fail(`unknown site "${args.site}" (gmail, outlook or calendar).`);
  // On a fresh machine: installed from Debian as .ci/run does when run as root, else the command to run.
  try {
    ensureChromium();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const headless = args.headless || args.screenshot !== undefined;
  if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    fail('no display found (DISPLAY and WAYLAND_DISPLAY are unset). Run `npm start -- --headless --screenshot out.png` to see the nudge in a picture instead.');
  }

  console.log('Building the Chrome extension…');
  execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

  const { context, extensionId, profile } = await launch(headless);
  const cleanup = () => rmSync(profile, { recursive: true, force: true });
  try {
    if (args.site === 'calendar') {
      await openCalendarDemo(context, extensionId, args.screenshot);
      return;
    }
    await serveGmailDemo(context);
    await serveOutlookDemo(context);
    const settings = demoSettings();
    await seedSettings(context, extensionId, settings);
    const acme = settings.clients[0]!;
    console.log(`Sample client: ${acme.name} (${acme.domains.join(', ')}), working 9:00–17:00 Mon–Fri in ${acme.schedule!.timeZone}, where it is night now.`);
    const page = args.site === 'gmail' ? await openGmailDemo(context) : await context.newPage();
    if (args.site === 'outlook') await page.goto(OUTLOOK_DEMO_URL);
    for (const other of context.pages()) if (other !== page) await other.close();

    if (args.screenshot && args.site === 'outlook') {
      // The Outlook demo opens with a reply to Acme already in the reading pane.
      await page.waitForTimeout(1500);
      await page.click('[data-testid="ComposeSendButton"] button[aria-label="Send"]');
      const shown = await page.locator('replypace-nudge [role=alertdialog]').waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (!shown) console.error('No nudge appeared on the Outlook demo (is the Outlook content script built yet?).');
      await page.screenshot({ path: resolve(args.screenshot) });
      console.log(`Saved ${resolve(args.screenshot)}`);
      await context.close();
      return;
    }
    if (args.screenshot) {
      await page.evaluate(() => (window as unknown as { __demo: { openThread(i: number): void } }).__demo.openThread(0));
      await page.click('.ams');
      await page.locator('.M9 [role=textbox]').fill('Hi Jana, yes: February works for us. I will send the updated terms.');
      // The moment a user takes to write is when ReplyPace prepares its decision.
      await page.waitForTimeout(1500);
      await page.click('.aoO');
      await page.locator('replypace-nudge [role=alertdialog]').waitFor({ timeout: 10_000 });
      await page.waitForTimeout(200);
      await page.screenshot({ path: resolve(args.screenshot) });
      console.log(`Saved ${resolve(args.screenshot)}`);
      await context.close();
      return;
    }

    console.log(
      args.site === 'gmail'
        ? 'Chromium is open on the demo mailbox: open a thread from Acme, Reply, and press Send. Close the window to stop.'
        : 'Chromium is open on the Outlook demo mailbox: press Send on the reply to Acme. Close the window to stop.',
    );
    await new Promise<void>((done) => context.on('close', () => done()));
  } finally {
    cleanup();
  }
}

/**
 * The demo Google Calendar event editor at https://calendar.google.com: a meeting with Acme's Jana
 * at 7:30 Berlin time a few days ahead, which the note warns about; its suggestions move it.
 */
async function openCalendarDemo(context: BrowserContext, extensionId: string, screenshot: string | undefined): Promise<void> {
  await serveCalendarDemo(context);
  await seedSettings(context, extensionId, calendarDemoSettings());
  const { meetingDate } = calendarDemoDates();
  console.log(`Sample client: Acme (acme-corp.com), working 9:00–17:00 Mon–Fri in ${CLIENT_ZONE}. The demo meeting is on ${meetingDate} at 7:30 their time.`);
  const page = await context.newPage();
  await page.goto(calendarDemoUrl({ zone: CLIENT_ZONE, account: CALENDAR_ACCOUNT, date: meetingDate, start: '07:30', guests: [CLIENT_GUEST, 'kim@northwind.example'] }));
  for (const other of context.pages()) if (other !== page) await other.close();
  if (screenshot) {
    const shown = await page.locator('replypace-meeting [role=note]').waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!shown) console.error('No meeting note appeared on the calendar demo.');
    await page.waitForTimeout(200);
    await page.screenshot({ path: resolve(screenshot) });
    console.log(`Saved ${resolve(screenshot)}`);
    await context.close();
    return;
  }
  console.log('Chromium is open on the demo calendar editor: read the note under the times, try a suggestion, change the time or the guests. Close the window to stop.');
  await new Promise<void>((done) => context.on('close', () => done()));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
