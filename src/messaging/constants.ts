/** Shared by both sides of the protocol; a plain module so that neither side needs zod to name it. */
import type { PageRequest } from './protocol.ts';

export const NORMS_UPDATES_PORT = 'norms-updates';

/**
 * Which requests of the extension's pages may change what the pages show: those raise the settings
 * revision (store/revision.ts), are answered with the revision they wrote, and make the pages
 * forget the popup's last view before they are sent (ui/pages/api.ts). Every page request is
 * listed: TypeScript refuses a new one until it is.
 */
export const PAGE_REQUEST_CHANGES = {
  getSettings: false,
  saveSettings: true,
  importSettings: true,
  exportSettings: false,
  listNorms: false,
  eraseAll: true,
  pause: true,
  reportData: false,
  attention: false,
  siteHealth: false,
  // Held in memory until the commit, which is the change.
  importPart: false,
  importCommit: true,
  importUndo: true,
  importList: false,
  patternProposals: false,
  popupData: false,
} as const satisfies Record<PageRequest['type'], boolean>;
