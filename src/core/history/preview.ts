/**
 * From collected messages and the user's own addresses: threads, directions, the reply pairs (the
 * core's own pairing, as live reading uses it), each client's norms and working pattern, and the
 * records to write. The options page's preview, the import worker and `npm run history` all go
 * through here, so they show the same figures.
 */
import { clientKeyFor, domainOf, isColleague, isPersonalDomain, normalizeAddress } from '../clients.ts';
import { computeNorms } from '../norms.ts';
import { buildReplyPairs, type ThreadMessage } from '../pairs.ts';
import type { Settings } from '../settings.ts';
import type { Instant, ReplyPair, WorkSchedule } from '../types.ts';
import { proposeWorkingPattern, type WorkingPattern, type WritingSample } from '../workingPattern.ts';
import type { LeftOutReason } from './classify.ts';
import { NO_OFFSET, type CollectedColumns, type HistoryCollector, type OwnAddressSuggestion } from './collector.ts';
import { hashHalves, Map64 } from './hash-table.ts';

export interface ImportMessage {
  id: string;
  at: Instant;
  direction: 'in' | 'out';
  /** The sender of an inbound message; the recipients (minus the user) of an outbound one. */
  counterparts: string[];
  /** The writer's UTC offset from their Date header, minutes; null when unknown. */
  offset: number | null;
}

export interface ImportThread {
  threadId: string;
  /** 'gmail' when the ids are Gmail's own (they merge with what the Gmail reader sees). */
  site: 'gmail' | 'import';
  messages: ImportMessage[];
}

export interface HistoryClient {
  /** "client:<id>", "domain:acme.com" or "address:bob@gmail.com", as the norms are kept. */
  key: string;
  name: string;
  /** The company domain, when the client is one (null for personal addresses). */
  domain: string | null;
  /** The addresses of theirs that wrote or were written to. */
  addresses: string[];
  /** A client entry of the settings. */
  configured: boolean;
  /** Their own hours are set (a client entry with its own schedule). */
  hasOwnSchedule: boolean;
  replies: number;
  medianWorkingMs: number | null;
  medianWallMs: number | null;
  p90WorkingMs: number | null;
  instantShare: number | null;
  afterHoursShare: number | null;
  /** Messages of theirs seen (the working pattern's samples). */
  inboundMessages: number;
  pattern: WorkingPattern | null;
  /** Oldest first. */
  pairs: Array<{ inboundAt: Instant; replyAt: Instant }>;
}

export interface HistoryPreview {
  ownAddresses: string[];
  suggestedOwnAddresses: OwnAddressSuggestion[];
  dateRange: { from: Instant; to: Instant } | null;
  messagesRead: number;
  messagesKept: number;
  threads: number;
  /** Threads in which the user wrote at least once: the ones written. */
  conversations: number;
  pairs: number;
  leftOut: Record<LeftOutReason, number>;
  /** Most replies first. */
  clients: HistoryClient[];
}

export interface PreviewOptions {
  ownAddresses: readonly string[];
  settings: Settings;
  now: Instant;
}

interface Profile {
  key: string;
  name: string;
  tracked: boolean;
  configured: boolean;
  hasOwnSchedule: boolean;
  domain: string | null;
  schedule: WorkSchedule;
}

/** The same answers as the store's directory (store/settings-directory.ts), from the settings alone. */
function profiles(settings: Settings, account: string) {
  const cache = new Map<string, Profile>();
  return (address: string): Profile => {
    let profile = cache.get(address);
    if (!profile) {
      const { key, name, client } = clientKeyFor(settings, address);
      const domain = client ? (client.domains[0] ?? null) : key.startsWith('domain:') ? key.slice('domain:'.length) : null;
      profile = {
        key,
        name,
        tracked: client?.mode !== 'off' && !isColleague(settings, address, account),
        configured: client !== null,
        hasOwnSchedule: !!client?.schedule,
        domain,
        schedule: client?.schedule ?? settings.defaults.schedule,
      };
      cache.set(address, profile);
    }
    return profile;
  };
}

/**
 * Messages grouped by thread, in flat arrays: thread g holds members[start[g]..start[g+1]), in the
 * order they were read. Worked out once per collection (it does not depend on own addresses).
 */
interface ThreadGroups {
  count: number;
  start: Int32Array;
  members: Int32Array;
  name(g: number): string;
}

const groupsOf = new WeakMap<HistoryCollector, { length: number; groups: ThreadGroups }>();

function threadGroups(collector: HistoryCollector): ThreadGroups {
  const c = collector.columns();
  const known = groupsOf.get(collector);
  if (known && known.length === c.length) return known.groups;
  const groups = groupThreads(c);
  groupsOf.set(collector, { length: c.length, groups });
  return groups;
}

function growInt(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const next = new Int32Array(Math.max(needed, Math.ceil(array.length * 1.5)));
  next.set(array);
  return next;
}

function groupThreads(c: CollectedColumns): ThreadGroups {
  // Messages without a Gmail thread are joined through the ids they share: union-find over the
  // link hashes, in typed arrays (a Thunderbird mailbox has several links a message).
  const nodeOf = new Map64();
  let parent = new Int32Array(1024);
  let nodeHash = new Float64Array(1024);
  let nodes = 0;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const node = (hash: number): number => {
    const [hi, lo] = hashHalves(hash);
    let n = nodeOf.get(hi, lo);
    if (n === -1) {
      n = nodes++;
      parent = growInt(parent, nodes);
      if (nodes > nodeHash.length) {
        const grown = new Float64Array(Math.ceil(nodeHash.length * 1.5) + 1);
        grown.set(nodeHash);
        nodeHash = grown;
      }
      parent[n] = n;
      nodeHash[n] = hash;
      nodeOf.set(hi, lo, n);
    }
    return n;
  };
  const firstNode = new Int32Array(c.length).fill(-1);
  for (let i = 0; i < c.length; i++) {
    if (c.gmailThread[i] !== -1) continue;
    const start = c.linkStart[i]!;
    const count = c.linkCount[i]!;
    if (count === 0) continue;
    const first = node(c.links[start]!);
    firstNode[i] = first;
    let root = find(first);
    for (let k = 1; k < count; k++) {
      const other = find(node(c.links[start + k]!));
      if (other !== root) parent[other] = root;
      root = find(root);
    }
  }
  // A thread is named by the smallest id hash it holds: the same files always give the same name.
  const smallest = new Float64Array(nodes).fill(Number.POSITIVE_INFINITY);
  for (let n = 0; n < nodes; n++) {
    const root = find(n);
    if (nodeHash[n]! < smallest[root]!) smallest[root] = nodeHash[n]!;
  }

  // Gmail threads keep their index; the others are numbered after them. A non-Gmail thread's
  // name comes from its smallest hash, or (a message alone) from its message.
  const groupOf = new Int32Array(c.length);
  const rootGroup = new Int32Array(nodes).fill(-1);
  let namedBy = new Float64Array(256);
  let count = c.gmailThreadCount;
  const addGroup = (key: number): number => {
    const g = count++;
    const at = g - c.gmailThreadCount;
    if (at >= namedBy.length) {
      const grown = new Float64Array(namedBy.length * 2);
      grown.set(namedBy);
      namedBy = grown;
    }
    namedBy[at] = key;
    return g;
  };
  for (let i = 0; i < c.length; i++) {
    const gmail = c.gmailThread[i]!;
    if (gmail !== -1) groupOf[i] = gmail;
    else if (firstNode[i] === -1) groupOf[i] = addGroup(-1 - i);
    else {
      const root = find(firstNode[i]!);
      if (rootGroup[root] === -1) rootGroup[root] = addGroup(smallest[root]!);
      groupOf[i] = rootGroup[root]!;
    }
  }
  // Counting sort of the messages by thread.
  const start = new Int32Array(count + 1);
  for (let i = 0; i < c.length; i++) start[groupOf[i]! + 1]!++;
  for (let g = 0; g < count; g++) start[g + 1]! += start[g]!;
  const fill = start.slice(0, count);
  const members = new Int32Array(c.length);
  for (let i = 0; i < c.length; i++) members[fill[groupOf[i]!]!++] = i;
  return {
    count,
    start,
    members,
    name: (g) => {
      if (g < c.gmailThreadCount) return c.gmailThreadName(g);
      const key = namedBy[g - c.gmailThreadCount]!;
      return key < 0 ? `imp-t${c.idOf(-1 - key)}` : `imp-t${key.toString(36)}`;
    },
  };
}

interface Walked {
  threadId: string;
  messages: ImportMessage[];
  hasOutbound: boolean;
}

function isOutbound(c: CollectedColumns, own: ReadonlySet<string>, i: number): boolean {
  return own.has(c.addresses[c.from[i]!]!);
}

/** One thread with its messages' directions and counterparts, oldest message first. */
function walkThread(c: CollectedColumns, groups: ThreadGroups, own: ReadonlySet<string>, g: number): Walked {
  let hasOutbound = false;
  const messages: ImportMessage[] = [];
  for (let k = groups.start[g]!; k < groups.start[g + 1]!; k++) {
    const i = groups.members[k]!;
    const from = c.addresses[c.from[i]!]!;
    const outbound = own.has(from);
    hasOutbound ||= outbound;
    let counterparts: string[];
    if (outbound) {
      counterparts = [];
      const first = c.recipientStart[i]!;
      for (let r = 0; r < c.recipientCount[i]!; r++) {
        const address = c.addresses[c.recipients[first + r]!]!;
        if (!own.has(address) && !counterparts.includes(address)) counterparts.push(address);
      }
    } else counterparts = [from];
    const offset = c.offset[i]!;
    messages.push({ id: c.idOf(i), at: c.at[i]!, direction: outbound ? 'out' : 'in', counterparts, offset: offset === NO_OFFSET ? null : offset });
  }
  messages.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { threadId: groups.name(g), messages, hasOutbound };
}

function* walkThreads(collector: HistoryCollector, own: ReadonlySet<string>): Generator<Walked> {
  const c = collector.columns();
  const groups = threadGroups(collector);
  for (let g = 0; g < groups.count; g++) yield walkThread(c, groups, own, g);
}

function ownSet(addresses: readonly string[]): Set<string> {
  return new Set(addresses.map(normalizeAddress).filter((a) => a.includes('@')));
}

/** The preview of an import: what would be learned, per client, and what was left out. */
export function buildHistoryPreview(collector: HistoryCollector, options: PreviewOptions): HistoryPreview {
  const own = ownSet(options.ownAddresses);
  const account = [...own][0] ?? '';
  const profileOf = profiles(options.settings, account);
  const instantThresholdMs = options.settings.defaults.instantThresholdMinutes * 60_000;

  interface Building {
    profile: Profile;
    pairs: ReplyPair[];
    addresses: Set<string>;
    samples: WritingSample[];
  }
  const clients = new Map<string, Building>();
  const samplesByAddress = new Map<string, WritingSample[]>();
  let threads = 0;
  let conversations = 0;
  let pairCount = 0;
  let from = Infinity;
  let to = -Infinity;

  for (const thread of walkThreads(collector, own)) {
    threads++;
    for (const m of thread.messages) {
      if (m.direction !== 'in') continue;
      const list = samplesByAddress.get(m.counterparts[0]!);
      const sample = { at: m.at, offsetMinutes: m.offset };
      if (list) list.push(sample);
      else samplesByAddress.set(m.counterparts[0]!, [sample]);
    }
    if (!thread.hasOutbound) continue;
    conversations++;
    for (const m of thread.messages) {
      from = Math.min(from, m.at);
      to = Math.max(to, m.at);
    }
    const threadMessages: ThreadMessage[] = thread.messages.map((m) => ({ id: m.id, at: m.at, direction: m.direction, counterpart: m.counterparts[0] ?? null }));
    for (const pair of buildReplyPairs(threadMessages)) {
      const profile = profileOf(pair.counterpart);
      if (!profile.tracked) continue;
      let client = clients.get(profile.key);
      if (!client) clients.set(profile.key, (client = { profile, pairs: [], addresses: new Set(), samples: [] }));
      client.pairs.push({ clientKey: profile.key, receivedAt: pair.receivedAt, sentAt: pair.sentAt });
      client.addresses.add(pair.counterpart);
      pairCount++;
    }
  }

  // Each client's writing times, from every message of theirs (not only the answered ones).
  for (const [address, samples] of samplesByAddress) {
    const client = clients.get(profileOf(address).key);
    if (!client) continue;
    client.addresses.add(address);
    for (const s of samples) client.samples.push(s);
  }

  const result: HistoryClient[] = [...clients.values()].map(({ profile, pairs, addresses, samples }) => {
    const norms = computeNorms(pairs, profile.schedule, options.now, { instantThresholdMs });
    const domain = profile.domain ?? (() => {
      const d = domainOf([...addresses][0] ?? '');
      return d && !isPersonalDomain(d) ? d : null;
    })();
    return {
      key: profile.key,
      name: profile.name,
      domain,
      addresses: [...addresses].sort(),
      configured: profile.configured,
      hasOwnSchedule: profile.hasOwnSchedule,
      replies: norms.count,
      medianWorkingMs: norms.medianWorkingMs,
      medianWallMs: norms.medianWallMs,
      p90WorkingMs: norms.p90WorkingMs,
      instantShare: norms.instantShare,
      afterHoursShare: norms.afterHoursShare,
      inboundMessages: samples.length,
      pattern: proposeWorkingPattern(samples, { domain }),
      pairs: pairs.map((p) => ({ inboundAt: p.receivedAt, replyAt: p.sentAt })).sort((a, b) => a.replyAt - b.replyAt || a.inboundAt - b.inboundAt),
    };
  });
  result.sort((a, b) => b.replies - a.replies || (a.key < b.key ? -1 : 1));

  return {
    ownAddresses: [...own].sort(),
    suggestedOwnAddresses: collector.ownAddressSuggestions(),
    dateRange: Number.isFinite(from) ? { from, to } : null,
    messagesRead: collector.messagesSeen,
    messagesKept: collector.kept,
    threads,
    conversations,
    pairs: pairCount,
    leftOut: { ...collector.leftOut },
    clients: result,
  };
}

/** A part of an import's records: well under what one extension message should carry. */
const PART_MAX_THREADS = 2000;
const PART_MAX_MESSAGES = 20_000;

/**
 * What an import writes: every thread in which the user wrote at least once, with metadata only
 * (ids, times, directions, counterparts, the writer's offset). Threads the user never wrote in
 * teach nothing about reply times and are not kept. Built a part at a time, so that a large
 * mailbox never exists twice over in memory.
 */
export class ImportRecords {
  private readonly c: CollectedColumns;
  private readonly groups: ThreadGroups;
  private readonly own: Set<string>;
  /** Thread (group) numbers of the conversations, and where each part starts among them. */
  private readonly conversations: Int32Array;
  private readonly partStarts: number[];

  constructor(collector: HistoryCollector, ownAddresses: readonly string[], limits = { threads: PART_MAX_THREADS, messages: PART_MAX_MESSAGES }) {
    this.c = collector.columns();
    this.groups = threadGroups(collector);
    this.own = ownSet(ownAddresses);
    const kept: number[] = [];
    for (let g = 0; g < this.groups.count; g++) {
      for (let k = this.groups.start[g]!; k < this.groups.start[g + 1]!; k++) {
        if (isOutbound(this.c, this.own, this.groups.members[k]!)) {
          kept.push(g);
          break;
        }
      }
    }
    this.conversations = Int32Array.from(kept);
    this.partStarts = [];
    let threads = 0;
    let messages = 0;
    kept.forEach((g, index) => {
      const size = this.groups.start[g + 1]! - this.groups.start[g]!;
      if (index === 0 || threads >= limits.threads || messages + size > limits.messages) {
        this.partStarts.push(index);
        threads = 0;
        messages = 0;
      }
      threads++;
      messages += size;
    });
  }

  get threads(): number {
    return this.conversations.length;
  }

  get parts(): number {
    return this.partStarts.length;
  }

  part(index: number): ImportThread[] {
    const from = this.partStarts[index];
    if (from === undefined) return [];
    const to = this.partStarts[index + 1] ?? this.conversations.length;
    const threads: ImportThread[] = [];
    for (let k = from; k < to; k++) {
      const thread = walkThread(this.c, this.groups, this.own, this.conversations[k]!);
      const site = /^[0-9a-f]{1,16}$/.test(thread.threadId) ? 'gmail' : 'import';
      threads.push({ threadId: thread.threadId, site, messages: thread.messages });
    }
    return threads;
  }
}

/** Every part at once (tests and small imports). */
export function buildImportThreads(collector: HistoryCollector, ownAddresses: readonly string[]): ImportThread[] {
  const records = new ImportRecords(collector, ownAddresses);
  return Array.from({ length: records.parts }, (_, k) => records.part(k)).flat();
}
