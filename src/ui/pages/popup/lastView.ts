/**
 * The popup's last view: the top rows it last showed, kept in extension storage so that the next
 * opening paints them at once (storage.local answers without waking the background), then
 * replaces them with fresh figures from the background a moment later.
 *
 * It holds what the popup showed and nothing more: client names and reply-time figures, never
 * mail. The background forgets it whenever the settings change or all data is erased
 * (server.ts), so a renamed, deleted or erased client is never painted from it.
 */
import { browser } from 'wxt/browser';
import type { ClientAttention } from '../../../core/attention.ts';
import { POPUP_LAST_VIEW_KEY } from '../../../messaging/constants.ts';
import type { NormsRowData } from './NormsRow.tsx';

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
  read(): Promise<LastView | null>;
  save(view: LastView): Promise<void>;
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

/** Kept in storage.local, which the popup reads directly: no background round trip. */
export const extensionStorageLastView: LastViewStore = {
  async read() {
    try {
      return parseLastView((await browser.storage.local.get(POPUP_LAST_VIEW_KEY))[POPUP_LAST_VIEW_KEY]);
    } catch {
      return null;
    }
  },
  async save(view) {
    try {
      await browser.storage.local.set({ [POPUP_LAST_VIEW_KEY]: view });
    } catch {
      // Best effort: without it the next opening waits for the background, nothing worse.
    }
  },
};
