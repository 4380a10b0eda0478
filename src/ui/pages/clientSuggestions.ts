/**
 * The "make them a client" suggestions: frequent correspondents that are not clients yet, and a
 * first guess at each one's name. Pure.
 */
import { parseClientKey } from '../../core/clients.ts';
import type { ClientNorms } from '../../messaging/protocol.ts';

/**
 * Frequent correspondents that are not clients yet, grouped by company domain: the "make them a
 * client" suggestions. Personal addresses are left out (one person is rarely "a client").
 */
export function clientSuggestions(norms: readonly ClientNorms[], limit = 5): { domain: string; count: number }[] {
  return norms
    .flatMap((n) => {
      const parsed = parseClientKey(n.clientKey);
      return parsed?.kind === 'domain' && n.summary.count > 0 ? [{ domain: parsed.value, count: n.summary.count }] : [];
    })
    .sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain))
    .slice(0, limit);
}

/** "acme-corp.com" → "Acme Corp": a first guess at a client's name, which the user then edits. */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}
