/**
 * The popup's last view: the top rows it last showed, kept in the extension pages' localStorage so
 * that the next opening paints them in its very first render (localStorage is read synchronously,
 * with no round trip to the browser or the background), then replaces them with fresh figures
 * from the background a moment later.
 *
 * It holds what the popup showed and nothing more: client names and reply-time figures, never
 * mail. It records the settings revision it was drawn at (store/revision.ts: raised by every
 * change of settings, an erase, a history import or its undo), and is painted or kept only at the
 * revision the pages know now, with no change under way (../pagesRevision.ts): a client renamed,
 * deleted or erased in any extension page is never painted from it. (The one change made outside
 * them, a snooze from the nudge card, changes nothing the view draws.)
 */
import type { ClientAttention } from '../../../core/attention.ts';
import { localPagesRevision, type PagesRevision } from '../pagesRevision.ts';
import type { NormsRowData } from './NormsRow.tsx';
import { pagesStorage } from '../pagesStorage.ts';

/** The localStorage key of the extension's origin that holds the view. */
export const LAST_VIEW_KEY = 'replypace:popupLastView';

/**
 * Raised whenever the shape below changes: a view written by another version is ignored. (Views
 * without a `revision`, from before it, are ignored as having none.)
 */
export const LAST_VIEW_VERSION = 1;

export interface LastView {
  version: typeof LAST_VIEW_VERSION;
  savedAt: number;
  /** The settings revision every answer it was drawn from carried. */
  revision: number;
  /** The rows drawn before "Show all", in their order. */
  rows: NormsRowData[];
  /** How many rows the whole list had, and how many of them needed attention. */
  rowCount: number;
  attentionCount: number;
  clientCount: number;
  pausedUntil: number | null;
  /**
   * The attention findings the rows were ranked with: used to rank the fresh norms until the
   * fresh findings (a slower pass over every thread) arrive, so rows do not jump twice.
   */
  attention: ClientAttention[];
}

export interface LastViewStore {
  read(): LastView | null;
  save(view: LastView): void;
  forget(): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberOrNull = (v: unknown) => v === null || isNumber(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function isFinding(v: unknown): boolean {
  return isObject(v) && isString(v.kind) && isString(v.text) && isString(v.suggestion) && isNumber(v.weight);
}

function isRow(v: unknown): v is NormsRowData {
  if (!isObject(v) || !isString(v.clientKey) || !isString(v.name) || typeof v.isClient !== 'boolean' || !isNumber(v.targetMs)) return false;
  if (typeof v.needsAttention !== 'boolean' || !Array.isArray(v.findings) || !v.findings.every(isFinding)) return false;
  const { status, summary } = v;
  if (!isObject(status) || !isString(status.kind) || !isString(status.label) || !isString(status.reason)) return false;
  if (!isObject(summary) || !isNumber(summary.count) || !isObject(summary.trend) || !isString(summary.trend.direction)) return false;
  const figures = ['medianWorkingMs', 'p90WorkingMs', 'medianWallMs', 'p90WallMs', 'instantShare', 'afterHoursShare'];
  if (!figures.every((f) => isNumberOrNull(summary[f]))) return false;
  return Array.isArray(summary.weekly) && summary.weekly.every((w) => isObject(w) && isNumberOrNull(w.medianWorkingMs));
}

function isClientAttention(v: unknown): v is ClientAttention {
  return isObject(v) && isString(v.clientKey) && isString(v.name) && Array.isArray(v.findings) && v.findings.every(isFinding);
}

/**
 * A stored last view, or null when there is none or it is not one this version wrote (damaged,
 * older, newer): then the popup simply waits for the background, as it would without it.
 */
export function parseLastView(value: unknown): LastView | null {
  if (!isObject(value) || value.version !== LAST_VIEW_VERSION || !isNumber(value.savedAt) || !isNumber(value.revision)) return null;
  if (![value.rowCount, value.attentionCount, value.clientCount].every(isNumber) || !isNumberOrNull(value.pausedUntil)) return null;
  if (!Array.isArray(value.rows) || !value.rows.every(isRow)) return null;
  if (!Array.isArray(value.attention) || !value.attention.every(isClientAttention)) return null;
  return value as unknown as LastView;
}

/**
 * The view kept in the pages' localStorage, read and kept only at the revision `revisions` holds
 * current. Every failure reads as "no last view": the popup then simply waits for the background.
 */
export function lastViewIn(revisions: PagesRevision): LastViewStore {
  return {
    read() {
      try {
        const text = pagesStorage()?.getItem(LAST_VIEW_KEY);
        const view = text ? parseLastView(JSON.parse(text)) : null;
        return view && view.revision === revisions.current() ? view : null;
      } catch {
        return null;
      }
    },
    save(view) {
      // Drawn at another revision than the current one (a change landed meanwhile, or is under way): not kept.
      if (view.revision !== revisions.current()) return;
      try {
        pagesStorage()?.setItem(LAST_VIEW_KEY, JSON.stringify(view));
      } catch {
        // Best effort (storage full or refused): the next opening waits for the background.
      }
    },
    forget() {
      try {
        pagesStorage()?.removeItem(LAST_VIEW_KEY);
      } catch {
        // Nothing stored, or nothing that can be.
      }
    },
  };
}

export const localLastView: LastViewStore = lastViewIn(localPagesRevision);
