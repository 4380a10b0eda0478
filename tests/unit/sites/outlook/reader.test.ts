// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectOutlook,
  listConversationIds,
  outlookMessageId,
  readOutlookPage,
} from '../../../../src/sites/outlook/reader';
import { setMailboxTimeZone } from '../../../../src/sites/outlook/time';

// vitest runs from the project root; the test environment's import.meta.url is not a file URL.
const fixtures = join(process.cwd(), 'tests/fixtures/outlook/');
const CONVERSATION = 'AQQkADAwATM0MDAAMi04ZTI5LTRmNjUtMDACLTAwCgAQAJr5qba978hCoYLaodB+3Lo=';

function capture(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(fixtures + name, 'utf8'), 'text/html');
}

function page(html: string, lang = 'en-US'): Document {
  return new DOMParser().parseFromString(`<!doctype html><html lang="${lang}"><body>${html}</body></html>`, 'text/html');
}

/** Local wall time, as Outlook's text is read (see src/sites/outlook/time.ts). */
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();

describe('real captures (tests/fixtures/outlook, unchanged)', () => {
  const read = capture('2025-05-read-A.html');
  const write = capture('2025-05-write-A.html');
  const inbox = capture('2025-05-inbox-A.html');

  it('tells all three captures are Outlook', () => {
    expect([read, write, inbox].map(detectOutlook)).toEqual([true, true, true]);
  });

  it('the read page yields the open message with the sender and time the page shows', () => {
    const reading = readOutlookPage(read);
    expect(reading.site).toBe('outlook');
    expect(reading.unreadableTimes).toBe(0);
    expect(reading.messages).toEqual([
      {
        id: outlookMessageId(CONVERSATION, 'no-reply@microsoft.com', local(2025, 4, 30, 15, 3)),
        threadId: CONVERSATION,
        from: 'no-reply@microsoft.com',
        // The "To: So Getter" chip reads "You"; its name ends the account button's label.
        to: ['so.getter@outlook.com'],
        at: local(2025, 4, 30, 15, 3),
      },
    ]);
    expect(reading.composes).toEqual([]);
  });

  it('reads the signed-in account from the app rail, not from the capturing extension\'s #sender-address', () => {
    expect(readOutlookPage(read).account).toBe('so.getter@outlook.com');
    const withoutRail = capture('2025-05-read-A.html');
    withoutRail.getElementById('LeftRail')!.remove();
    // #sender-address (no-reply@microsoft.com) is still in the page; it must not be taken for the account.
    expect(withoutRail.getElementById('sender-address')).not.toBeNull();
    expect(readOutlookPage(withoutRail).account).toBeNull();
  });

  it('stores no subject or body text in what it reads', () => {
    const serialized = JSON.stringify(readOutlookPage(read));
    expect(serialized).not.toContain('Welcome');
    expect(serialized).not.toContain('Outlook Team');
  });

  it('the write page yields one inline compose: a new message, no recipients yet, no thread', () => {
    const reading = readOutlookPage(write);
    expect(reading.composes).toEqual([{ kind: 'inline', recipients: [], threadId: null }]);
    expect(reading.messages).toEqual([]);
    expect(reading.account).toBe('so.getter@outlook.com');
  });

  it('the write page yields recipients once they are typed into the To field', () => {
    const doc = capture('2025-05-write-A.html');
    const to = doc.querySelector('[role=textbox][aria-label=To]')!;
    to.innerHTML =
      '<span class="_Entity _EType_RECIPIENT_ENTITY"><span class="lpcCommonWeb-hoverTarget" data-lpc-hover-target-id="x" aria-label="Bob Client">Bob Client</span></span>' +
      'Carol@Acme.example';
    // Bob's address is on the page only in the message list (title on his name), as for Outlook Team.
    doc.querySelector('#MailList span[title="no-reply@microsoft.com"]')!.insertAdjacentHTML(
      'afterend',
      '<span title="bob@client.example">Bob Client</span>',
    );
    expect(readOutlookPage(doc).composes[0]!.recipients).toEqual(['bob@client.example', 'carol@acme.example']);
  });

  it('the inbox yields its conversation ids and no messages (list times carry no date)', () => {
    expect(listConversationIds(inbox)).toEqual([CONVERSATION]);
    const reading = readOutlookPage(inbox);
    expect(reading.messages).toEqual([]);
    expect(reading.composes).toEqual([]);
    expect(reading.unreadableTimes).toBe(0);
  });
});

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small page shaped like the read capture: list row, reading pane, header personas, time. */
function readingPage(options: {
  time: string;
  fromLabel?: string;
  fromText: string;
  listSender?: string;
  body?: string;
  extraMessage?: { time: string; fromText: string };
}): string {
  const header = (time: string, fromText: string, label: string) => `
    <div class="message">
      <span class="lpcCommonWeb-hoverTarget" data-lpc-hover-target-id="a" aria-label="Opens card"><span role="img" class="fui-Avatar">BB</span></span>
      <span class="lpcCommonWeb-hoverTarget" data-lpc-hover-target-id="b" aria-label="${label}"><span>${escapeHtml(fromText)}</span></span>
      <div data-testid="RecipientWell"><div role="edit" aria-label="To: Me">
        <span class="lpcCommonWeb-hoverTarget" data-lpc-hover-target-id="c" aria-label="Me Myself"><span aria-hidden="true">Me</span></span>
      </div></div>
      <div data-testid="SentReceivedSavedTime">${time}</div>
      <div role="document"><div id="UniqueMessageBody_1">${options.body ?? 'Hello'}</div></div>
    </div>`;
  return `
    <div id="LeftRail"><img title="me@mine.example" aria-label="me@mine.example"></div>
    <button id="O365_MainLink_Me" aria-label="Konto-Manager für Me Myself"></button>
    <div data-app-section="MessageList"><div id="MailList">
      <div data-convid="conv-1" aria-selected="true" role="option">${options.listSender ?? ''}</div>
      <div data-convid="conv-2" aria-selected="false" role="option"></div>
    </div></div>
    <div role="main" data-app-section="MailReadCompose"><div id="ReadingPaneContainerId">
      <div data-app-section="ItemContainer">
        ${header(options.time, options.fromText, options.fromLabel ?? 'From: someone')}
        ${options.extraMessage ? header(options.extraMessage.time, options.extraMessage.fromText, 'From: someone') : ''}
      </div>
    </div></div>`;
}

describe('localized received times', () => {
  it.each([
    ['en-US', 'Wed 4/30/2025 3:03 PM', local(2025, 4, 30, 15, 3)],
    ['en-GB', 'Wed 30/04/2025 15:03', local(2025, 4, 30, 15, 3)],
    ['de', 'Mi 30.04.2025 15:03', local(2025, 4, 30, 15, 3)],
    ['de-DE', 'Do 01.05.2025 09:07', local(2025, 5, 1, 9, 7)],
    ['fr', 'mer. 30/04/2025 15:03', local(2025, 4, 30, 15, 3)],
    ['fr-FR', 'jeu. 01/05/2025 00:15', local(2025, 5, 1, 0, 15)],
    ['en-US', 'Thu 5/1/2025 12:05 AM', local(2025, 5, 1, 0, 5)],
    ['en-GB', 'Thu 01/05/2025 12:05', local(2025, 5, 1, 12, 5)],
  ])('%s "%s"', (lang, text, expected) => {
    const reading = readOutlookPage(page(readingPage({ time: text, fromText: 'Bob Builder<Bob@Builder.example>' }), lang));
    expect(reading.unreadableTimes).toBe(0);
    expect(reading.messages.map((message) => [message.from, message.at])).toEqual([['bob@builder.example', expected]]);
  });

  it('reads the same text differently by the page language (4/5 is April in en-US, 4 May in en-GB)', () => {
    const us = readOutlookPage(page(readingPage({ time: 'Fri 4/5/2025 10:00 AM', fromText: 'B<b@b.example>' }), 'en-US'));
    const gb = readOutlookPage(page(readingPage({ time: 'Sun 4/5/2025 10:00', fromText: 'B<b@b.example>' }), 'en-GB'));
    expect(us.messages[0]!.at).toBe(local(2025, 4, 5, 10, 0));
    expect(gb.messages[0]!.at).toBe(local(2025, 5, 4, 10, 0));
  });

  it.each([
    ['en-US', '4/30 3:03 PM'], // no year: never guessed
    ['en-US', 'Yesterday 3:03 PM'],
    ['en-US', 'Wed 13/30/2025 3:03 PM'], // no 13th month in en-US order
    ['de', 'Do 31.04.2025 10:00'], // April has 30 days
    ['fr', 'mer. 30/04/2025'],
  ])('skips and counts an unreadable time: %s "%s"', (lang, text) => {
    const reading = readOutlookPage(page(readingPage({ time: text, fromText: 'Bob<bob@builder.example>' }), lang));
    expect(reading.messages).toEqual([]);
    expect(reading.unreadableTimes).toBe(1);
  });

  it('reads each message of a conversation with its own sender and time', () => {
    const reading = readOutlookPage(
      page(
        readingPage({
          time: 'Mi 30.04.2025 15:03',
          fromText: 'Bob<bob@client.example>',
          extraMessage: { time: 'Mi 30.04.2025 15:41', fromText: 'Me Myself<me@mine.example>' },
        }),
        'de',
      ),
    );
    expect(reading.messages.map((message) => [message.from, message.at, message.threadId])).toEqual([
      ['bob@client.example', local(2025, 4, 30, 15, 3), 'conv-1'],
      ['me@mine.example', local(2025, 4, 30, 15, 41), 'conv-1'],
    ]);
    // The recipient chip shows "Me": its aria-label name ends the (German) account button label.
    expect(reading.messages[0]!.to).toEqual(['me@mine.example']);
  });
});

describe("the mailbox's time zone", () => {
  it('two messages from one sender in the same minute get two ids; a second reading gives the same ids', () => {
    const html = readingPage({ time: 'Wed 4/30/2025 3:03 PM', fromText: 'Bob<bob@client.example>', extraMessage: { time: 'Wed 4/30/2025 3:03 PM', fromText: 'Bob<bob@client.example>' } });
    const ids = readOutlookPage(page(html)).messages.map((message) => message.id);
    const at = local(2025, 4, 30, 15, 3);
    expect(ids).toEqual([outlookMessageId('conv-1', 'bob@client.example', at), `${outlookMessageId('conv-1', 'bob@client.example', at)}|2`]);
    expect(readOutlookPage(page(html)).messages.map((message) => message.id)).toEqual(ids);
  });

  it("reads received times in the mailbox's zone when the options name one", () => {
    const html = page(readingPage({ time: 'Wed 4/30/2025 3:03 PM', fromText: 'Bob<bob@client.example>' }));
    setMailboxTimeZone('Asia/Tokyo');
    try {
      expect(readOutlookPage(html).messages[0]!.at).toBe(Date.UTC(2025, 3, 30, 6, 3));
    } finally {
      setMailboxTimeZone(null);
    }
    expect(readOutlookPage(html).messages[0]!.at).toBe(local(2025, 4, 30, 15, 3));
  });
});

describe('senders shown by name only', () => {
  it('stores nothing when the page never states the address', () => {
    const reading = readOutlookPage(page(readingPage({ time: 'Wed 4/30/2025 3:03 PM', fromText: 'Bob Builder' })));
    expect(reading.messages).toEqual([]);
    expect(reading.unreadableTimes).toBe(0);
  });

  it('takes the address the message list pairs with that name', () => {
    const reading = readOutlookPage(
      page(
        readingPage({
          time: 'Wed 4/30/2025 3:03 PM',
          fromText: 'Bob Builder',
          listSender: '<span title="bob@builder.example">Bob Builder</span>',
        }),
      ),
    );
    expect(reading.messages.map((message) => message.from)).toEqual(['bob@builder.example']);
  });

  it('stores nothing when the page pairs that name with two different addresses', () => {
    const reading = readOutlookPage(
      page(
        readingPage({
          time: 'Wed 4/30/2025 3:03 PM',
          fromText: 'Bob Builder',
          listSender: '<span title="bob@builder.example">Bob Builder</span><span title="bob@other.example">Bob Builder</span>',
        }),
      ),
    );
    expect(reading.messages).toEqual([]);
  });

  it('never takes an address from a mail body, whatever its markup claims', () => {
    const reading = readOutlookPage(
      page(
        readingPage({
          time: 'Wed 4/30/2025 3:03 PM',
          fromText: 'Bob Builder',
          body: '<span title="ceo@bank.example">Bob Builder</span> Bob Builder&lt;ceo@bank.example&gt;',
        }),
      ),
    );
    expect(reading.messages).toEqual([]);
  });

  it('finds the sender without the English "From: " label (language-free persona order)', () => {
    const reading = readOutlookPage(
      page(readingPage({ time: 'Mi 30.04.2025 15:03', fromLabel: 'Absender Bob', fromText: 'Bob<bob@builder.example>' }), 'de'),
    );
    expect(reading.messages.map((message) => message.from)).toEqual(['bob@builder.example']);
  });
});

describe('detectOutlook', () => {
  it('does not take a Gmail page or a blank page for Outlook', () => {
    expect(detectOutlook(page('<div class="adn ads" data-legacy-message-id="18a41665ecb473a3"></div>'))).toBe(false);
    expect(detectOutlook(page(''))).toBe(false);
  });
});
