import type { MailSite } from '../contract.ts';
import { composeContaining, isComposeOpen, sendButton, sendButtonCompose, triggerSend } from './compose.ts';
import { findComposes, readCompose, readGmailPage } from './reader.ts';
import { scheduleWithGmail } from './scheduler.ts';

export const gmailSite: MailSite = {
  id: 'gmail',
  name: 'Gmail',
  read: (doc) => readGmailPage(doc),
  findComposes,
  readCompose,
  sendButtonCompose,
  sendButton,
  composeContaining,
  isComposeOpen,
  triggerSend,
  scheduleSend: scheduleWithGmail,
};
