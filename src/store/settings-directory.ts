import { clientKeyFor, isColleague, isOwnAddress } from '../core/clients.ts';
import type { Settings } from '../core/settings.ts';
import type { ClientDirectory, ClientProfile } from './directory.ts';

/**
 * The settings seen as the store needs them. Answers are cached per account and address: a batch
 * of a thousand messages asks about the same few dozen people again and again.
 */
export function directoryFromSettings(settings: Settings): ClientDirectory {
  const profiles = new Map<string, ClientProfile>();
  const instantThresholdMs = settings.defaults.instantThresholdMinutes * 60_000;
  return {
    isOwnAddress: (address, account) => isOwnAddress(settings, address, account),
    profileFor(address, account) {
      const cacheKey = `${account}\n${address}`;
      let profile = profiles.get(cacheKey);
      if (!profile) {
        const { key, name, client } = clientKeyFor(settings, address);
        profile = {
          key,
          name,
          schedule: client?.schedule ?? settings.defaults.schedule,
          instantThresholdMs,
          tracked: client?.mode !== 'off' && !isColleague(settings, address, account),
        };
        profiles.set(cacheKey, profile);
      }
      return profile;
    },
  };
}
