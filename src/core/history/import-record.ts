/**
 * One history import as the background keeps it (issue 14): enough to undo it exactly, or to
 * replace it when the same files come again. The pages list these; the store writes them.
 */
import type { Instant } from '../types.ts';

export interface ImportRecord {
  importId: string;
  /** Names, sizes and dates of the files: importing the same files again replaces this import. */
  fileKey: string;
  /** What the user imported, in words ("takeout-001.zip and 2 more"). */
  label: string;
  createdAt: Instant;
  account: string;
  /** Every thread it added messages to. */
  threadIds: string[];
  /** Messages it added (messages already known from live reading are not counted, nor removed on undo). */
  messages: number;
  pairs: number;
  clientKeys: string[];
  dateRange: { from: Instant; to: Instant } | null;
}
