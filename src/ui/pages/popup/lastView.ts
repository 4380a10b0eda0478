/**
 * The popup's last view: the top rows it last showed, kept in the extension pages' localStorage so
 * that the next opening paints them in its very first render (localStorage is read synchronously,
 * with no round trip to the browser or the background), then replaces them with fresh figures
 * from the background a moment later.
 *
 * It holds what the popup showed and nothing more: client names and reply-time figures, never
 * mail. The pages' API (../api.ts) forgets the view before every request that can rename, delete
 * or erase a client (saving or importing settings, pausing, erasing all), so that such a client is
 * never painted from it. Two settings changes do not go through that API, and change nothing the
 * view draws: the review page's reminder settings (ui/report/data.ts) and a client's snooze from
 * the nudge card (a content script). Issue 13 plans a settings revision kept by the background.
 */
import type { ClientAttention } from '../../../core/attention.ts';
import type { NormsRowData } from './NormsRow.tsx';

/** The localStorage key of the extension's origin that holds the view. */
export const LAST_VIEW_KEY = 'replypace:popupLastView';

/** Raised whenever the shape below changes: a view written by another version is ignored. */
export const LAST_VIEW_VERSION = 1;

export interface LastView {
  version: typeof LAST_VIEW_VERSION;
  savedAt: number;
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
  if (!isObject(value) || value.version !== LAST_VIEW_VERSION || !isNumber(value.savedAt)) return null;
  if (![value.rowCount, value.attentionCount, value.clientCount].every(isNumber) || !isNumberOrNull(value.pausedUntil)) return null;
  if (!Array.isArray(value.rows) || !value.rows.every(isRow)) return null;
  if (!Array.isArray(value.attention) || !value.attention.every(isClientAttention)) return null;
  return value as unknown as LastView;
}

/** The extension pages' localStorage, or null where there is none (or it is refused). */
function pagesStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Every failure reads as "no last view": the popup then simply waits for the background. */
export const localLastView: LastViewStore = {
  read() {
    try {
      const text = pagesStorage()?.getItem(LAST_VIEW_KEY);
      return text ? parseLastView(JSON.parse(text)) : null;
    } catch {
      return null;
    }
  },
  save(view) {
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
