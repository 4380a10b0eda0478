/**
 * Which messages of an export say nothing about reply times, and why: they are left out and
 * counted by reason, and the preview shows those counts.
 *
 * Google Takeout marks drafts, spam, trash and chats only by label (X-Gmail-Labels), and writes the
 * system labels in the account's language, RFC 2047-encoded when they are not ASCII. English names
 * are seen in public Takeout readers ("Sent", "Drafts", "Trash", "Spam", "Chat", "Archived",
 * "Opened"); the translations below are the usual names of Gmail's folders in those languages and
 * are unverified against real exports. Labels never decide direction (the user's own addresses do).
 */
import type { MailHeaders } from './header-block.ts';
import { labelsOf } from './mail-fields.ts';

export const LEFT_OUT_REASONS = [
  'draft',
  'spam',
  'trash',
  'chat',
  'list',
  'auto-reply',
  'deleted',
  'no-sender',
  'no-time',
  'duplicate',
  'oversized-headers',
  'truncated',
] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

/** How the pages name each reason (a count comes first: "12 drafts"). */
export const LEFT_OUT_TEXT: Readonly<Record<LeftOutReason, string>> = {
  draft: 'drafts (a draft would look like an instant reply)',
  spam: 'spam',
  trash: 'in the trash',
  chat: 'chat transcripts',
  list: 'mailing-list and bulk mail',
  'auto-reply': 'automatic replies',
  deleted: 'deleted messages (Thunderbird)',
  'no-sender': 'without a sender address',
  'no-time': 'without a usable time',
  duplicate: 'duplicates (in more than one file)',
  'oversized-headers': 'headers over 256 KB (not a real message)',
  truncated: 'cut short at the end of a file',
};

const LABELS = {
  draft: ['drafts', 'draft', 'entwürfe', 'brouillons', 'borradores', 'bozze', 'rascunhos', 'concepten', 'wersje robocze', 'utkast', 'kladder', 'luonnokset', 'koncepty', 'черновики', '下書き', '草稿', '임시보관함', 'taslaklar'],
  spam: ['spam', 'junk', 'pourriel', 'correo no deseado', 'спам', '迷惑メール', '垃圾邮件', '垃圾郵件', '스팸함'],
  trash: ['trash', 'bin', 'papierkorb', 'corbeille', 'papelera', 'cestino', 'lixeira', 'lixo', 'prullenbak', 'kosz', 'papperskorgen', 'papirkurv', 'roskakori', 'koš', 'корзина', 'ゴミ箱', '已删除邮件', '垃圾桶', '휴지통', 'çöp kutusu'],
  chat: ['chat', 'chats', 'чаты', 'チャット', '聊天', '채팅'],
  sent: ['sent', 'sent mail', 'gesendet', 'envoyés', 'envoyé', 'enviados', 'enviado', 'posta inviata', 'inviati', 'verzonden', 'wysłane', 'skickat', 'sendt', 'lähetetyt', 'odeslané', 'отправленные', '送信済み', '已发送', '已發送', '보낸편지함', 'gönderilmiş', 'gönderilenler'],
} as const;

const LABEL_SETS = Object.fromEntries(Object.entries(LABELS).map(([k, names]) => [k, new Set<string>(names)])) as Record<keyof typeof LABELS, Set<string>>;

export interface LabelHints {
  draft: boolean;
  spam: boolean;
  trash: boolean;
  chat: boolean;
  /** Only a hint for suggesting the user's own addresses, never for direction. */
  sent: boolean;
}

export function labelHints(value: string | null): LabelHints {
  const hints: LabelHints = { draft: false, spam: false, trash: false, chat: false, sent: false };
  if (!value) return hints;
  for (const label of labelsOf(value)) {
    const name = label.toLowerCase();
    for (const kind of ['draft', 'spam', 'trash', 'chat', 'sent'] as const) {
      if (LABEL_SETS[kind].has(name)) hints[kind] = true;
    }
  }
  return hints;
}

/** Thunderbird's X-Mozilla-Status flag for a message deleted but not yet compacted away (0x0008, "Expunged"). */
const MOZILLA_EXPUNGED = 0x0008;

/** The reason a parsed message says nothing about reply times, or null when it may. */
export function leftOutReason(headers: MailHeaders, labels: LabelHints): LeftOutReason | null {
  if (headers.mozillaStatus && /^[0-9a-f]{1,8}$/i.test(headers.mozillaStatus) && (parseInt(headers.mozillaStatus, 16) & MOZILLA_EXPUNGED) !== 0) {
    return 'deleted';
  }
  if (labels.draft || headers.draftHeader) return 'draft';
  if (labels.spam) return 'spam';
  if (labels.trash) return 'trash';
  if (labels.chat) return 'chat';
  const precedence = headers.precedence ?? '';
  if (precedence === 'auto_reply' || headers.autoReplyHeader || (headers.autoSubmitted !== null && headers.autoSubmitted !== 'no' && headers.autoSubmitted !== '')) {
    return 'auto-reply';
  }
  if (headers.listId || headers.listUnsubscribe || precedence === 'bulk' || precedence === 'list' || precedence === 'junk') return 'list';
  return null;
}
