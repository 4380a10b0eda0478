// @vitest-environment happy-dom
/**
 * Every member of the `MailSite` contract (src/sites/contract.ts) is tried against each site's
 * saved pages (tests/fixtures/<site>/), in the way github-url-detection refuses a detector that has
 * no examples: the registry below holds, per site, the fixture expectations of every member. A
 * member added to the contract, or a site added to SITES, fails here (and in the type check) until
 * its expectations on that site's fixtures are written. The expectations are short on purpose;
 * the readers' and schedulers' own tests (tests/unit/sites/<site>/) go into detail.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSite, type MailSite } from '../../../src/sites/contract.ts';
import { gmailSite } from '../../../src/sites/gmail/site.ts';
import { outlookSite } from '../../../src/sites/outlook/site.ts';

const SITES: MailSite[] = [gmailSite, outlookSite];
const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures');

interface Expectation {
  /** A file of tests/fixtures/<site>/. */
  fixture: string;
  what: string;
  check(site: MailSite): void | Promise<void>;
}
type Registry = Record<string, { [Member in keyof MailSite]: Expectation[] }>;

/** Loads a saved page into the test's document, without its scripts and style sheets (nothing is fetched). */
function load(site: string, fixture: string): void {
  const html = readFileSync(resolve(FIXTURES, site, fixture), 'utf8').replace(/<script\b[\s\S]*?<\/script>|<link\b[^>]*>/gi, '');
  const whole = /<html[^>]*>([\s\S]*)<\/html>/i.exec(html);
  if (whole) document.documentElement.innerHTML = whole[1]!;
  else {
    document.head.innerHTML = '';
    document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  }
}

const $ = <T extends Element = HTMLElement>(selector: string) => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`The fixture has no ${selector}`);
  return element;
};
const onlyCompose = (site: MailSite) => {
  const composes = site.findComposes(document);
  expect(composes).toHaveLength(1);
  return composes[0]!;
};

/** The events a control receives, in order. */
function recordEvents(element: Element): string[] {
  const got: string[] = [];
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'keydown', 'keyup']) element.addEventListener(type, () => got.push(type));
  return got;
}
const FULL_PRESS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];

/** Open while in the page, closed once removed. */
const openUntilRemoved = (fixture: string): Expectation => ({
  fixture,
  what: 'open while in the page, closed once removed',
  check: (site) => {
    const compose = onlyCompose(site);
    expect(site.isComposeOpen(compose)).toBe(true);
    compose.remove();
    expect(site.isComposeOpen(compose)).toBe(false);
  },
});

/** Replaying a send gives the compose's Send a whole press, once. */
const wholePressOn = (fixture: string, send: string): Expectation => ({
  fixture,
  what: 'Send gets a whole press, once',
  check: (site) => {
    const got = recordEvents($(send));
    site.triggerSend(onlyCompose(site));
    expect(got).toEqual(FULL_PRESS);
  },
});

const GMAIL_SEND = '.M9 .T-I.aoO';
const OUTLOOK_SEND = '[data-testid=ComposeSendButton] button[aria-label=Send]';

const REGISTRY: Registry = {
  gmail: {
    id: [{ fixture: '2026-11-inline-reply.html', what: 'the page is told for Gmail by its own markup', check: (site) => expect(detectSite(document)).toBe(site.id) }],
    name: [
      {
        fixture: '2026-11-inline-reply.html',
        what: 'the page names itself as the card names it',
        check: (site) => expect($('meta[name="application-name"]').getAttribute('content')).toBe(site.name),
      },
    ],
    read: [
      {
        fixture: '2026-11-thread-three-languages.html',
        what: 'the account, six readable messages of one thread, one unreadable time',
        check: (site) => {
          const page = site.read(document);
          expect(page).toMatchObject({ site: 'gmail', account: 'sam@northwind-sales.com', unreadableTimes: 1 });
          expect(page.messages).toHaveLength(6);
          expect(new Set(page.messages.map((m) => m.threadId))).toEqual(new Set(['19e1c7f862002cbf']));
        },
      },
    ],
    findComposes: [{ fixture: '2026-11-two-composes.html', what: 'an inline reply and a pop-up, both', check: (site) => expect(site.findComposes(document)).toHaveLength(2) }],
    readCompose: [
      {
        fixture: '2026-11-two-composes.html',
        what: 'each compose with its own kind, recipients and thread',
        check: (site) =>
          expect(site.findComposes(document).map((c) => site.readCompose(c))).toEqual([
            { kind: 'inline', recipients: ['jana.berger@acme-corp.com'], threadId: '19e2064888002cbf' },
            { kind: 'popup', recipients: ['kim@northwind-sales.com'], threadId: null },
          ]),
      },
    ],
    sendButtonCompose: [
      {
        fixture: '2026-11-inline-reply.html',
        what: 'Send belongs to its compose; the options chevron next to it does not',
        check: (site) => {
          expect(site.sendButtonCompose($(GMAIL_SEND))).toBe(onlyCompose(site));
          expect(site.sendButtonCompose($('.M9 .hG'))).toBeNull();
        },
      },
    ],
    sendButton: [{ fixture: '2026-11-inline-reply.html', what: 'the compose’s Send', check: (site) => expect(site.sendButton(onlyCompose(site))).toBe($(GMAIL_SEND)) }],
    composeContaining: [
      { fixture: '2026-11-inline-reply.html', what: 'the body belongs to its compose', check: (site) => expect(site.composeContaining($('.M9 [role=textbox]'))).toBe(onlyCompose(site)) },
    ],
    isComposeOpen: [openUntilRemoved('2026-11-inline-reply.html')],
    triggerSend: [wholePressOn('2026-11-inline-reply.html', GMAIL_SEND)],
    scheduleSend: [
      {
        fixture: '2026-05-two-composes-send-options.html',
        what: "a compose's own menu that never opens fails at its named step, and both drafts stay as they were",
        check: async (site) => {
          const [first, second] = site.findComposes(document) as [HTMLElement, HTMLElement];
          const draft = (compose: HTMLElement) => ({ reading: site.readCompose(compose), html: compose.innerHTML });
          const before = [draft(first), draft(second)];
          const result = await site.scheduleSend(second, new Date(2099, 0, 5, 9, 30).getTime(), { timeoutMs: 30 });
          expect(result).toMatchObject({ ok: false, step: 'menu-item' });
          expect(site.isComposeOpen(second)).toBe(true);
          expect([draft(first), draft(second)]).toEqual(before);
        },
      },
    ],
  },
  outlook: {
    id: [
      {
        fixture: '2025-05-write-A.html',
        what: 'the capture (no title, no address) is told for Outlook by its markup',
        check: (site) => expect(detectSite(document)).toBe(site.id),
      },
    ],
    name: [{ fixture: '2025-05-read-A.html', what: 'the page speaks of itself as the card names it', check: (site) => expect(document.body.textContent).toMatch(new RegExp(`\\b${site.name}\\b`)) }],
    read: [
      {
        fixture: '2025-05-read-A.html',
        what: 'the account from the app rail and the open message’s sender',
        check: (site) => {
          const page = site.read(document);
          expect(page).toMatchObject({ site: 'outlook', account: 'so.getter@outlook.com', unreadableTimes: 0, composes: [] });
          expect(page.messages.map((m) => m.from)).toEqual(['no-reply@microsoft.com']);
        },
      },
    ],
    findComposes: [
      { fixture: '2025-05-write-A.html', what: 'the inline compose', check: (site) => expect(site.findComposes(document).map((c) => c.id)).toEqual(['docking_InitVisiblePart_0']) },
    ],
    readCompose: [
      {
        fixture: '2025-05-write-A.html',
        what: 'a new message: no recipients yet, no thread',
        check: (site) => expect(site.readCompose(onlyCompose(site))).toEqual({ kind: 'inline', recipients: [], threadId: null }),
      },
    ],
    sendButtonCompose: [
      {
        fixture: '2025-05-write-A.html',
        what: 'Send belongs to its compose; More send options does not',
        check: (site) => {
          expect(site.sendButtonCompose($(OUTLOOK_SEND))).toBe(onlyCompose(site));
          expect(site.sendButtonCompose($('[aria-label="More send options"]'))).toBeNull();
        },
      },
    ],
    sendButton: [{ fixture: '2025-05-write-A.html', what: 'the compose’s Send', check: (site) => expect(site.sendButton(onlyCompose(site))).toBe($(OUTLOOK_SEND)) }],
    composeContaining: [
      {
        fixture: '2025-05-write-A.html',
        what: 'the body editor belongs to its compose',
        check: (site) => expect(site.composeContaining($('[id^="editorParent_"]'))).toBe(onlyCompose(site)),
      },
    ],
    isComposeOpen: [openUntilRemoved('2025-05-write-A.html')],
    triggerSend: [wholePressOn('2025-05-write-A.html', OUTLOOK_SEND)],
    scheduleSend: [
      {
        fixture: '2025-05-write-A.html',
        what: 'opens More send options; with no menu in a saved page it fails without throwing, and the draft is left',
        check: async (site) => {
          const compose = onlyCompose(site);
          const chevron = recordEvents($('[aria-label="More send options"]'));
          const result = await site.scheduleSend(compose, Date.now() + 86_400_000, { timeoutMs: 30 });
          expect(result.ok).toBe(false);
          expect(chevron).toContain('click');
          expect(site.isComposeOpen(compose)).toBe(true);
        },
      },
    ],
  },
};

describe('every MailSite member has expectations on each site’s fixtures', () => {
  it('the registry covers every site, and every member of each site, with at least one expectation', () => {
    expect(Object.keys(REGISTRY).sort()).toEqual(SITES.map((s) => s.id).sort());
    for (const site of SITES) {
      const registered = REGISTRY[site.id]!;
      expect(Object.keys(registered).sort(), site.id).toEqual(Object.keys(site).sort());
      for (const [member, expectations] of Object.entries(registered)) expect(expectations.length, `${site.id}.${member}`).toBeGreaterThan(0);
    }
  });

  it('names only fixtures that exist in the site’s own folder', () => {
    for (const site of SITES) {
      const files = readdirSync(resolve(FIXTURES, site.id));
      for (const expectations of Object.values(REGISTRY[site.id]!)) for (const e of expectations) expect(files, `${site.id}: ${e.fixture}`).toContain(e.fixture);
    }
  });

  for (const site of SITES) {
    for (const [member, expectations] of Object.entries(REGISTRY[site.id] ?? {})) {
      for (const expectation of expectations) {
        it(`${site.id}.${member} on ${expectation.fixture}: ${expectation.what}`, async () => {
          load(site.id, expectation.fixture);
          await expectation.check(site);
        });
      }
    }
  }
});
