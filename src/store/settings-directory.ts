import { clientKeyFor, isColleague, isOwnAddress, rulesFor } from '../core/clients.ts';
import type { Settings } from '../core/settings.ts';
import type { ClientDirectory, ClientProfile } from './directory.ts';

/**
 * The settings seen as the store needs them. Answers are cached per account and address: a batch
 * of a thousand messages asks about the same few dozen people again and again.
 */
export function directoryFromSettings(settings: Settings): ClientDirectory {
  const profiles = new Map<string, ClientProfile>();
  return {
    isOwnAddress: (address, account) => isOwnAddress(settings, address, account),
    profileFor(address, account) {
      const cacheKey = `${account}\n${address}`;
      let profile = profiles.get(cacheKey);
      if (!profile) {
        const { key, name, client } = clientKeyFor(settings, address);
        const rules = rulesFor(settings, client);
        profile = {
          key,
          name,
          schedule: rules.schedule,
          instantThresholdMs: rules.instantThresholdMinutes * 60_000,
          tracked: rules.tracked && !isColleague(settings, address, account),
        };
        profiles.set(cacheKey, profile);
      }
      return profile;
    },
  };
}
