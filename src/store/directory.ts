import type { WorkSchedule } from '../core/types.ts';

/** What the store needs to know about the party at the other end of a reply. */
export interface ClientProfile {
  /** "client:<id>", "domain:acme.com" or "address:bob@gmail.com". */
  key: string;
  name: string;
  /** The schedule working time and after-hours are measured in. */
  schedule: WorkSchedule;
  instantThresholdMs: number;
  /** False for colleagues and clients set to 'off': their replies are not learned. */
  tracked: boolean;
}

/**
 * The user's own addresses and the client each other address belongs to, as the settings say.
 * Ingestion and re-aggregation see settings only through this, so they stay testable and a
 * change of settings shape touches one adapter (settings-directory.ts).
 */
export interface ClientDirectory {
  /** The user's own addresses for this account (the account itself included). */
  isOwnAddress(address: string, account: string): boolean;
  /** The account matters: someone at the account's own company is a colleague, not a client. */
  profileFor(address: string, account: string): ClientProfile;
}
