// @vitest-environment happy-dom
/**
 * Outlook's live half: composes, the Send button and replaying a send, on the real write capture
 * and on the demo mailbox (Schedule send: scheduler.test.ts); then the whole site runtime on the demo with
 * the background and the card played by doubles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decide } from '../../../../src/core/decide.ts';
import type { PolicySnapshot } from '../../../../src/core/types.ts';
import type { Envelope } from '../../../../src/messaging/protocol.ts';
import { SelectorMissingError } from '../../../../src/sites/contract.ts';
import { outlookChains, outlookSelectors as sel } from '../../../../src/sites/outlook/selectors.ts';
import { matchChain } from '../../../../src/sites/shared/selector-chain.ts';
import { outlookSite as site } from '../../../../src/sites/outlook/site.ts';
import { pointerClick } from '../../../../src/sites/shared/pointer.ts';
import { startSite, type SendRequest } from '../../../../src/sites/shared/run-site.ts';
import type { NudgeCardProps, NudgeHandle } from '../../../../src/ui/nudge/types.ts';
import outlookScript from '../../../../entrypoints/outlook.content/index.ts';
import { OUTLOOK_MATCHES } from '../../../../wxt.config.ts';
import { demo, loadOutlookDemo, settle } from './load-demo.ts';

const inline = () => document.querySelector<HTMLElement>(sel.inlineCompose)!;
const faults = () => (window as unknown as { __outlookDemoFaults: Record<string, boolean> }).__outlookDemoFaults;

describe('composes and Send on the real write capture (tests/fixtures/outlook)', () => {
  beforeEach(() => {
    const html = readFileSync(join(process.cwd(), 'tests/fixtures/outlook/2025-05-write-A.html'), 'utf8');
    document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  });

  it('finds the inline compose, its Send button by data-testid, and tells Send from the options chevron', () => {
    const composes = site.findComposes(document);
    expect(composes.map((c) => c.id)).toEqual(['docking_InitVisiblePart_0']);
    const send = site.sendButton(composes[0]!);
    expect(send.getAttribute('title')).toBe('Send (Ctrl+Enter)');
    // A press lands on the icon inside Send as often as on the button.
    expect(site.sendButtonCompose(send.querySelector('i') ?? send)).toBe(composes[0]);
    expect(site.sendButtonCompose(document.querySelector('[aria-label="More send options"]')!)).toBeNull();
    expect(site.composeContaining(document.querySelector('[id^="editorParent_"] [role=textbox], [id^="editorParent_"]')!)).toBe(composes[0]);
    expect(site.readCompose(composes[0]!)).toEqual({ kind: 'inline', recipients: [], threadId: null });
    expect(site.isComposeOpen(composes[0]!)).toBe(true);
  });

  it("finds Send and the chevron by Fluent UI's language-free slot classes when the data-testid and the English labels are gone", () => {
    const split = document.querySelector('[data-testid="ComposeSendButton"]')!;
    split.removeAttribute('data-testid');
    // Another language's labels: none of the words ReplyPace knows.
    for (const button of split.querySelectorAll('button')) button.setAttribute('aria-label', 'Skicka');
    const compose = site.findComposes(document)[0]!;
    expect(site.sendButton(compose).getAttribute('title')).toBe('Send (Ctrl+Enter)');
    expect(matchChain(compose, outlookChains.send)?.alternative).toBe(1);
    const chevron = matchChain(compose, outlookChains.sendOptions);
    expect(chevron?.alternative).toBe(1);
    expect(chevron?.element.getAttribute('title')).toBe('More send options');
    expect(site.sendButtonCompose(chevron!.element)).toBeNull();
  });
});

describe('Send when the data-testid is gone', () => {
  it('falls back to the localized label inside a compose, never to a button in the message body', () => {
    document.body.innerHTML = `
      <div data-app-section="Form_Content">
        <div id="editorParent_1"><div role="textbox" contenteditable="true" aria-label="Nachrichtentext"><button aria-label="Senden">in a quoted mail</button></div></div>
        <button type="button" aria-label="Senden" id="real">Senden</button>
      </div>
      <button type="button" aria-label="Send" id="outside">Send</button>`;
    const compose = document.querySelector<HTMLElement>('[data-app-section=Form_Content]')!;
    expect(site.sendButton(compose).id).toBe('real');
    expect(site.sendButtonCompose(document.getElementById('real')!)).toBe(compose);
    expect(site.sendButtonCompose(document.querySelector('#editorParent_1 button')!)).toBeNull();
    expect(site.sendButtonCompose(document.getElementById('outside')!)).toBeNull();
  });

  it('throws a named error when a compose has neither a Send button nor a body to press Ctrl+Enter in', () => {
    document.body.innerHTML = '<div data-app-section="Form_Content"><button>Dispatch</button></div>';
    const compose = document.querySelector<HTMLElement>('[data-app-section=Form_Content]')!;
    expect(() => site.sendButton(compose)).toThrow(SelectorMissingError);
    expect(() => site.triggerSend(compose)).toThrow(SelectorMissingError);
  });
});

describe('replaying a send on the demo mailbox', () => {
  beforeEach(() => loadOutlookDemo());

  it('triggerSend presses Send with the whole pointer sequence, once', () => {
    const got: string[] = [];
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) site.sendButton(inline()).addEventListener(type, () => got.push(type));
    site.triggerSend(inline());
    expect(got).toEqual(['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']);
    expect(demo().sent.map((s) => s.composeId)).toEqual(['c1']);
  });

  it('triggerSend falls back to Ctrl+Enter in the body when Send cannot be recognised', () => {
    faults()['no-send-button'] = true;
    const id = demo().openPopOut(['ops@acme.example']);
    const popOut = document.querySelector<HTMLElement>(`[data-compose-id="${id}"]`)!;
    expect(site.findComposes(document)).toContain(popOut);
    site.triggerSend(popOut);
    expect(demo().sent.map((s) => s.composeId)).toEqual([id]);
  });

  it('reads a compose again as soon as its recipients change, and a name the page later pairs with an address', () => {
    const to = inline().querySelector('[role=textbox][aria-label=To]')!;
    expect(site.readCompose(inline()).recipients).toEqual(['bob@acme.example']);
    to.insertAdjacentHTML('beforeend', '<span class="lpcCommonWeb-hoverTarget" aria-label="ops@acme.example">ops@acme.example</span>');
    expect(site.readCompose(inline()).recipients).toEqual(['bob@acme.example', 'ops@acme.example']);
    to.insertAdjacentHTML('beforeend', '<span class="lpcCommonWeb-hoverTarget" aria-label="Dana New">Dana New</span>');
    expect(site.readCompose(inline()).recipients).toEqual(['bob@acme.example', 'ops@acme.example']);
    // The message list now shows Dana with her address: the same compose resolves her.
    document.getElementById('MailList')!.insertAdjacentHTML('beforeend', '<div data-convid="X"><span title="dana@new.example">Dana New</span></div>');
    expect(site.readCompose(inline()).recipients).toEqual(['bob@acme.example', 'ops@acme.example', 'dana@new.example']);
  });

  it("the Schedule send dialog's own Send is never taken for a compose's Send", () => {
    site.sendButton(inline()).parentElement!.querySelector<HTMLElement>('[aria-haspopup=menu]')!.click();
    document.querySelector<HTMLElement>('[role=menu] [role=menuitem]')!.click();
    document.querySelector<HTMLElement>('[role=dialog] [data-demo=custom]')!.click();
    expect(site.sendButtonCompose(document.querySelector('[role=dialog] [data-demo=send]')!)).toBeNull();
  });
});

describe('the Outlook content script', () => {
  it('runs on the four Outlook hosts the extension asks permission for', () => {
    expect([...(outlookScript.matches as string[])].sort()).toEqual([...OUTLOOK_MATCHES].sort());
  });
});

describe('the site runtime on the Outlook demo (background and card played by doubles)', () => {
  const MIN = 60_000;
  let controller: AbortController;
  let requests: { type: string; [key: string]: unknown }[];
  let cards: { props: NudgeCardProps; closed: boolean }[];
  const snapshot = (recipients: string[]): PolicySnapshot => ({
    clientKey: recipients.every((r) => r.endsWith('@mine.example')) ? 'domain:mine.example' : 'client:acme',
    clientName: 'Acme',
    mode: recipients.every((r) => r.endsWith('@mine.example')) ? 'colleague' : 'account',
    schedule: { timeZone: 'UTC', week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]), holidays: [] },
    responseTargetMinutes: 180,
    minReplyDelayMinutes: 15,
    instantThresholdMinutes: 15,
    userTimeZone: 'UTC',
    norms: null,
    lastInboundAt: Date.now() - 2 * MIN,
    quietUntil: null,
  });
  const send: SendRequest = async (request) => {
    requests.push(request as never);
    if (request.type === 'policyFor') return { ok: true, value: snapshot((request as { recipients: string[] }).recipients) } as Envelope<never>;
    return { ok: true, value: { added: 1, known: 0 } } as Envelope<never>;
  };
  const showNudge = (_anchor: Element, props: NudgeCardProps): NudgeHandle => {
    const element = document.createElement('replypace-nudge');
    document.body.append(element);
    const card = { props, closed: false };
    cards.push(card);
    return { element, close: () => ((card.closed = true), element.remove()), isShown: () => true, showScheduling() {}, showScheduleFailed() {} };
  };

  beforeEach(async () => {
    await loadOutlookDemo();
    controller = new AbortController();
    requests = [];
    cards = [];
    const runtime = startSite({ site, doc: document, signal: controller.signal, send, decide, showNudge, scanDelayMs: 0 });
    await runtime.scanNow();
    await vi.waitFor(() => expect(requests.some((r) => r.type === 'policyFor')).toBe(true));
    await settle(0);
  });
  afterEach(() => controller.abort());

  it('reports the conversation with the account and asks a policy for the reply', () => {
    expect(requests.find((r) => r.type === 'messagesSeen')).toMatchObject({ site: 'outlook', account: 'so.getter@outlook.com' });
    expect(requests.find((r) => r.type === 'policyFor')).toMatchObject({ recipients: ['bob@acme.example'], threadId: 'DEMO-CONV-ACME-1' });
  });

  it('holds an instant reply to the client on Send, Enter on Send and Ctrl+Enter; "Send now" then sends once', async () => {
    pointerClick(site.sendButton(inline()));
    site.sendButton(inline()).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    inline().querySelector('[aria-label^="Message body"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    expect(demo().sent).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.props.siteName).toBe('Outlook');
    cards[0]!.props.onChoice({ kind: 'send-now' });
    expect(demo().sent.map((s) => s.composeId)).toEqual(['c1']);
    await settle();
    expect(demo().sent).toHaveLength(1);
  });

  it('lets a reply to a colleague through untouched', async () => {
    controller.abort();
    demo().openConversation(3);
    demo().reply();
    controller = new AbortController();
    requests = [];
    const runtime = startSite({ site, doc: document, signal: controller.signal, send, decide, showNudge, scanDelayMs: 0 });
    await runtime.scanNow();
    await vi.waitFor(() => expect(requests.some((r) => r.type === 'policyFor')).toBe(true));
    await settle(0);
    pointerClick(site.sendButton(inline()));
    expect(cards).toEqual([]);
    expect(demo().sent).toHaveLength(1);
  });
});
