import { describe, expect, it } from 'vitest';
import { readGmailPage } from '../../../../src/sites/gmail/reader.ts';
import { detectSite } from '../../../../src/sites/contract.ts';
import { loadFixture } from './load-fixture.ts';

const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();
const NOW = Date.UTC(2026, 10, 23);

describe('Gmail reader on reconstructed pages', () => {
  it('reads a thread in several languages: ids first, localized titles as fallback, unreadable times counted', () => {
    const page = readGmailPage(loadFixture('2026-11-thread-three-languages.html'), NOW);
    expect(page.site).toBe('gmail');
    expect(page.account).toBe('sam@northwind-sales.com');
    expect(page.unreadableTimes).toBe(1);
    expect(page.messages).toEqual([
      {
        id: '19e1c7f862002cbf',
        threadId: '19e1c7f862002cbf',
        from: 'jana.berger@acme-corp.com',
        to: ['sam@northwind-sales.com', 'legal@acme-corp.com'],
        at: Date.UTC(2026, 4, 12, 14, 3),
      },
      { id: '19e1cd93ee002cbf', threadId: '19e1c7f862002cbf', from: 'sam@northwind-sales.com', to: ['jana.berger@acme-corp.com'], at: Date.UTC(2026, 4, 12, 15, 41) },
      { id: '0000a1b2c3d4e5f6', threadId: '19e1c7f862002cbf', from: 'camille.roux@acme-corp.com', to: ['sam@northwind-sales.com'], at: local(2026, 5, 12, 17, 41) },
      { id: '0000123456789abc', threadId: '19e1c7f862002cbf', from: 'ivan@acme-corp.com', to: ['sam@northwind-sales.com'], at: local(2026, 5, 13, 11, 12) },
      { id: '0000223456789abc', threadId: '19e1c7f862002cbf', from: 'kenji@acme-corp.com', to: [], at: local(2026, 5, 13, 18, 45) },
      { id: '0000323456789abc', threadId: '19e1c7f862002cbf', from: 'li.wei@acme-corp.com', to: [], at: local(2026, 5, 13, 19, 5) },
    ]);
    expect(page.composes).toEqual([]);
  });

  it('never reads the subject or the body', () => {
    const doc = loadFixture('2026-11-inline-reply.html');
    doc.querySelector('h2.hP')!.textContent = 'SECRET SUBJECT';
    for (const body of doc.querySelectorAll('.a3s, [role=textbox]')) body.textContent = 'SECRET BODY';
    expect(JSON.stringify(readGmailPage(doc, NOW))).not.toMatch(/SECRET/);
  });

  it('reads an inline reply: recipients lower-cased, thread id of the open thread', () => {
    const page = readGmailPage(loadFixture('2026-11-inline-reply.html'), NOW);
    expect(page.messages.map((m) => m.from)).toEqual(['jana.berger@acme-corp.com', 'sam@northwind-sales.com', 'jana.berger@acme-corp.com']);
    expect(page.composes).toEqual([{ kind: 'inline', recipients: ['jana.berger@acme-corp.com', 'legal@acme-corp.com'], threadId: '19e2064888002cbf' }]);
  });

  it('reads a pop-up compose from chips and from the hidden recipient fields of older builds', () => {
    const page = readGmailPage(loadFixture('2026-11-popup-compose.html'), NOW);
    expect(page.messages).toEqual([]);
    expect(page.composes).toEqual([
      { kind: 'popup', recipients: ['ops@acme-corp.com', 'peter@globex.example', 'audit@northwind-sales.com'], threadId: null },
    ]);
  });

  it('reads two composes open at once, each with its own recipients', () => {
    const page = readGmailPage(loadFixture('2026-11-two-composes.html'), NOW);
    expect(page.composes).toEqual([
      { kind: 'inline', recipients: ['jana.berger@acme-corp.com'], threadId: '19e2064888002cbf' },
      { kind: 'popup', recipients: ['kim@northwind-sales.com'], threadId: null },
    ]);
  });

  it('takes the thread id from the URL when the page carries no thread marker', () => {
    const doc = loadFixture('2026-11-thread-three-languages.html', 'https://mail.google.com/mail/u/0/#inbox/19e1c7f862002cbf');
    for (const el of doc.querySelectorAll('[data-legacy-thread-id]')) {
      el.removeAttribute('data-legacy-thread-id');
      el.removeAttribute('data-thread-perm-id');
    }
    expect(new Set(readGmailPage(doc, NOW).messages.map((m) => m.threadId))).toEqual(new Set(['19e1c7f862002cbf']));
  });

  it("takes the thread's first message as its thread id when no thread marker or hash names it, and counts what it cannot place", () => {
    const url = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbdrQqNvXWsgKjdbVzWsBmLkjd';
    const doc = loadFixture('2026-11-thread-three-languages.html', url);
    const marked = readGmailPage(doc, NOW);
    for (const el of doc.querySelectorAll('[data-legacy-thread-id], [data-thread-perm-id]')) {
      el.removeAttribute('data-legacy-thread-id');
      el.removeAttribute('data-thread-perm-id');
    }
    // Gmail's legacy thread id is the legacy id of the thread's first message.
    expect(readGmailPage(doc, NOW)).toEqual(marked);
    // Outside any conversation list nothing tells the thread: every message is counted, none dropped silently.
    for (const list of doc.querySelectorAll('[role=list]')) list.removeAttribute('role');
    const lost = readGmailPage(doc, NOW);
    expect(lost.messages).toEqual([]);
    expect(lost.unreadableTimes).toBe(marked.messages.length + marked.unreadableTimes);
  });

  it('reads the account just before the title\'s final " - ", never from the subject', () => {
    const doc = loadFixture('2026-11-inline-reply.html');
    doc.title = 'Fwd: invoice from billing@acme-corp.com - sam@northwind-sales.com - Gmail';
    expect(readGmailPage(doc, NOW).account).toBe('sam@northwind-sales.com');
    // A title without the account segment: the account button, not the subject's address.
    doc.title = 'Fwd: invoice from billing@acme-corp.com - Gmail';
    expect(readGmailPage(doc, NOW).account).toBe('sam@northwind-sales.com');
  });

  it('refuses an address that wrote to the account on this page, and any "account button" inside the mail', () => {
    const doc = loadFixture('2026-11-inline-reply.html');
    // A subject that is just a client's address, in a title that lacks the account.
    doc.title = 'jana.berger@acme-corp.com - Gmail';
    expect(readGmailPage(doc, NOW).account).toBe('sam@northwind-sales.com');
    // Without the Google bar, a look-alike button in a message body is not the account.
    doc.querySelector('#gb')!.remove();
    doc.querySelector('.a3s')!.innerHTML = '<a href="https://accounts.google.com/x" aria-label="Google Account: Mallory (mallory@evil.example)">x</a>';
    doc.title = 'Inbox - Gmail';
    expect(readGmailPage(doc, NOW).account).toBeNull();
  });

  it('tells Gmail pages from the page itself, with or without their address', () => {
    for (const name of ['2026-11-thread-three-languages.html', '2026-11-popup-compose.html', '2026-05-two-composes-send-options.html']) {
      expect(detectSite(loadFixture(name, 'about:blank'))).toBe('gmail');
    }
  });
});
