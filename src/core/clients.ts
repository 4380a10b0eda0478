/**
 * Who is on the other side of a mail: a configured client, a colleague, or an outside contact
 * grouped by company domain (or by address, for personal mail), the key their norms are kept
 * under, and the rules that apply to them. Pure lookups over settings: every part of ReplyPace
 * (the nudge, the calendar note, the store, the pages) asks here rather than reading the settings'
 * fields and defaults itself.
 */
import type { Client, Settings } from './settings.ts';
import type { ClientRules, Instant } from './types.ts';

/**
 * Free-mail domains: many unrelated people share them, so they identify a contact by address only,
 * never as a company.
 */
export const PERSONAL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'passport.com',
  'yahoo.com', 'ymail.com', 'rocketmail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'aim.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me', 'tutanota.com', 'tutanota.de', 'tuta.io',
  'fastmail.com', 'hey.com', 'mail.com', 'zohomail.com', 'gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch',
  'web.de', 't-online.de', 'freenet.de', 'orange.fr', 'wanadoo.fr', 'free.fr', 'laposte.net', 'sfr.fr',
  'libero.it', 'virgilio.it', 'tiscali.it', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl',
  'mail.ru', 'bk.ru', 'list.ru', 'inbox.ru', 'rambler.ru', 'yandex.ru', 'yandex.com', 'ya.ru',
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com', '139.com',
  'naver.com', 'daum.net', 'hanmail.net', 'rediffmail.com', 'comcast.net', 'verizon.net', 'att.net',
  'sbcglobal.net', 'cox.net', 'btinternet.com', 'sky.com', 'virginmedia.com', 'bigpond.com',
  'optusnet.com.au', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'uol.com.br', 'bol.com.br', 'terra.com.br',
]);

/** Providers with a domain per country: yahoo.co.uk, hotmail.fr, outlook.de, gmx.at, yandex.kz… */
const PERSONAL_FAMILIES = new Set(['yahoo', 'hotmail', 'outlook', 'live', 'gmx', 'yandex', 'windowslive']);
const COUNTRY_SUFFIX = /^(?:com|net|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/;

export function isPersonalDomain(domain: string): boolean {
  const normalized = domain.trim().toLowerCase();
  if (PERSONAL_DOMAINS.has(normalized)) return true;
  const dot = normalized.indexOf('.');
  return dot > 0 && PERSONAL_FAMILIES.has(normalized.slice(0, dot)) && COUNTRY_SUFFIX.test(normalized.slice(dot + 1));
}

export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The part after the last "@", or '' when there is none. */
export function domainOf(address: string): string {
  const normalized = normalizeAddress(address);
  const at = normalized.lastIndexOf('@');
  return at >= 0 ? normalized.slice(at + 1) : '';
}

/** `domain` is `parent` or one of its subdomains (eu.acme.com is under acme.com; badacme.com is not). */
function isUnder(domain: string, parent: string): boolean {
  return domain === parent || domain.endsWith(`.${parent}`);
}

/**
 * The client an address belongs to: an exact address first; then a domain (subdomains included,
 * the longest matching domain wins, the earlier client on a tie). Personal-mail domains match by
 * address only.
 */
export function matchClient(settings: Settings, address: string): Client | null {
  const normalized = normalizeAddress(address);
  for (const client of settings.clients) {
    if (client.addresses.includes(normalized)) return client;
  }
  const domain = domainOf(normalized);
  if (!domain || isPersonalDomain(domain)) return null;
  let best: Client | null = null;
  let bestLength = 0;
  for (const client of settings.clients) {
    for (const clientDomain of client.domains) {
      if (clientDomain.length > bestLength && !isPersonalDomain(clientDomain) && isUnder(domain, clientDomain)) {
        best = client;
        bestLength = clientDomain.length;
      }
    }
  }
  return best;
}

/** The user's own address: one of theirs in the settings, or the signed-in account. */
export function isOwnAddress(settings: Settings, address: string, account?: string | null): boolean {
  const normalized = normalizeAddress(address);
  return settings.me.addresses.includes(normalized) || (!!account && normalizeAddress(account) === normalized);
}

/**
 * Someone from the user's own organisation: a domain (or subdomain) listed as the user's own, or the
 * signed-in account's domain unless that is personal mail. A client entry naming the exact address
 * wins: a colleague can also be a client.
 */
export function isColleague(settings: Settings, address: string, account?: string | null): boolean {
  const normalized = normalizeAddress(address);
  const domain = domainOf(normalized);
  if (!domain) return false;
  if (settings.clients.some((client) => client.addresses.includes(normalized))) return false;
  if (settings.me.ownDomains.some((own) => isUnder(domain, own))) return true;
  const accountDomain = account ? domainOf(account) : '';
  return !!accountDomain && !isPersonalDomain(accountDomain) && isUnder(domain, accountDomain);
}

/** What a client key names: a configured client (by id), a company domain, or one address. */
export type ClientKeyKind = 'client' | 'domain' | 'address';

/** "client:<id>", "domain:<domain>" or "address:<address>": the one way keys are written. */
export function clientKeyOf(kind: ClientKeyKind, value: string): string {
  return `${kind}:${value}`;
}

const KEY_KINDS: readonly ClientKeyKind[] = ['client', 'domain', 'address'];

/** The kind and value of a client key; null for anything that is not one. */
export function parseClientKey(key: string): { kind: ClientKeyKind; value: string } | null {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon) as ClientKeyKind;
  if (colon < 0 || !KEY_KINDS.includes(kind)) return null;
  return { kind, value: key.slice(colon + 1) };
}

/** The configured client a key names; null for a domain, an address, or a client since deleted. */
export function clientByKey(settings: Settings, clientKey: string): Client | null {
  const parsed = parseClientKey(clientKey);
  if (parsed?.kind !== 'client') return null;
  return settings.clients.find((c) => c.id === parsed.value) ?? null;
}

export interface ClientKey {
  /** "client:<id>", "domain:<domain>" or "address:<address>". */
  key: string;
  /** What to call them: the client's name, the domain, or the address. */
  name: string;
  client: Client | null;
}

/** The key norms are kept under for an address. */
export function clientKeyFor(settings: Settings, address: string): ClientKey {
  const client = matchClient(settings, address);
  if (client) return { key: clientKeyOf('client', client.id), name: client.name, client };
  const normalized = normalizeAddress(address);
  const domain = domainOf(normalized);
  if (domain && !isPersonalDomain(domain)) return { key: clientKeyOf('domain', domain), name: domain, client: null };
  return { key: clientKeyOf('address', normalized), name: normalized, client: null };
}

export type { ClientRules };

/**
 * The rules for a configured client, or for anyone else (`client` null): what the client sets,
 * the user's defaults for the rest.
 */
export function rulesFor(settings: Settings, client: Client | null): ClientRules {
  const { defaults } = settings;
  const mode = client?.mode ?? 'default';
  return {
    mode,
    schedule: client?.schedule ?? defaults.schedule,
    responseTargetMinutes: (client?.responseTargetHours ?? defaults.responseTargetHours) * 60,
    minReplyDelayMinutes: client?.minReplyDelayMinutes ?? defaults.minReplyDelayMinutes,
    instantThresholdMinutes: defaults.instantThresholdMinutes,
    tracked: mode !== 'off',
  };
}

/** A client key with the name it goes by and the rules it is measured by (reports, attention). */
export interface KeyRules extends Pick<ClientRules, 'mode' | 'schedule' | 'responseTargetMinutes' | 'instantThresholdMinutes'> {
  clientKey: string;
  name: string;
}

/**
 * The rules a client key is measured by, as the settings say now. Its name: the configured
 * client's, else the name learned from the mail (`learnedName`), else the domain or address.
 */
export function rulesForKey(settings: Settings, clientKey: string, learnedName?: string): KeyRules {
  const client = clientByKey(settings, clientKey);
  const { mode, schedule, responseTargetMinutes, instantThresholdMinutes } = rulesFor(settings, client);
  const parsed = parseClientKey(clientKey);
  const keyName = parsed && parsed.kind !== 'client' ? parsed.value : clientKey;
  return { clientKey, name: client?.name ?? learnedName ?? keyName, mode, schedule, responseTargetMinutes, instantThresholdMinutes };
}

/** Nudges and notes about a client key stay quiet until then: a global pause or a snooze of the key. */
export function quietUntil(settings: Settings, clientKey: string): Instant | null {
  const snoozed = settings.snoozes[clientKey] ?? null;
  if (settings.pausedUntil === null) return snoozed;
  if (snoozed === null) return settings.pausedUntil;
  return Math.max(settings.pausedUntil, snoozed);
}
