/**
 * The domain vocabulary shared by every layer. Plain data only: these values cross the messaging
 * boundary, are stored by the background and rendered by the UI, so they hold numbers (epoch
 * milliseconds) and strings, never Date objects or class instances. The closed sets of words are
 * lists here (the types are read from them), so that the protocol's and the settings' schemas
 * check exactly these words.
 */

/** Epoch milliseconds (UTC). Every instant in ReplyPace is one of these. */
export type Instant = number;

/** 0 = Sunday … 6 = Saturday, as `Date#getDay` and date-fns `getDay` count. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * A working range on one weekday, in the schedule's own time zone, as "HH:mm" (24 h).
 * `end <= start` means the range runs past midnight into the next day ("22:00"–"06:00").
 * "24:00" is allowed as an end.
 */
export interface TimeRange {
  start: string;
  end: string;
}

/** When someone works: a zone, ranges per weekday, and days off. */
export interface WorkSchedule {
  /** IANA zone name, e.g. "Australia/Sydney". */
  timeZone: string;
  /** Exactly seven entries, indexed by Weekday (0 = Sunday). An empty list is a day off. */
  week: TimeRange[][];
  /** Calendar dates ("YYYY-MM-DD", in the schedule's zone) on which no range starts. */
  holidays: string[];
}

/** account: a client relationship (nudged); lead: speed wins, never nudged; off: ignored. */
export const CLIENT_MODES = ['account', 'lead', 'off'] as const;
export type ClientMode = (typeof CLIENT_MODES)[number];

/** Which mail site a record or a compose comes from. */
export const SITE_IDS = ['gmail', 'outlook'] as const;
export type SiteId = (typeof SITE_IDS)[number];

/** Which calendar a meeting was booked in. */
export const CALENDAR_SITE_IDS = ['google-calendar', 'outlook-calendar'] as const;
export type CalendarSiteId = (typeof CALENDAR_SITE_IDS)[number];

/** A message as a site reader sees it on the page. No subject, no body: metadata only. */
export interface MessageSeen {
  /** Stable across tabs and reloads (Gmail: legacy hex id; Outlook: built from conversation, sender, time). */
  id: string;
  threadId: string;
  /** Lower-cased address of the sender. */
  from: string;
  /** Lower-cased addresses of To and Cc recipients. */
  to: string[];
  /** When the server received it. */
  at: Instant;
}

/** One client's norms, as the popup lists them. */
export interface ClientNorms {
  clientKey: string;
  name: string;
  /** The client's zone the summary's days and weeks are read in. */
  timeZone: string;
  summary: NormsSummary;
}

/** A reply interval: the client's first unanswered message and the user's reply to it. */
export interface ReplyPair {
  clientKey: string;
  /** The client's earliest message since the user's previous reply in that thread. */
  receivedAt: Instant;
  sentAt: Instant;
}

/** Reply-time norms of one client, as the popup, the nudge sentence and reports use them. */
export interface NormsSummary {
  count: number;
  /** Working-time reply delay (ms) in the client's schedule: median and 90th percentile. */
  medianWorkingMs: number | null;
  p90WorkingMs: number | null;
  /** Wall-clock reply delay (ms). */
  medianWallMs: number | null;
  p90WallMs: number | null;
  /** Share (0..1) of replies sent within the instant threshold. */
  instantShare: number | null;
  /** Share (0..1) of replies sent outside the client's working hours. */
  afterHoursShare: number | null;
  /** Oldest first; week starts Monday in the client's zone ("YYYY-MM-DD"). */
  weekly: WeeklyNorm[];
  trend: NormsTrend;
}

export interface WeeklyNorm {
  weekStart: string;
  count: number;
  medianWorkingMs: number | null;
}

export interface NormsTrend {
  /** Median working-time delay over the last 30 days, and over the 90 days before that. */
  recentMedianWorkingMs: number | null;
  priorMedianWorkingMs: number | null;
  recentCount: number;
  priorCount: number;
  /** recent / prior; null when either window has too little data. */
  ratio: number | null;
  direction: 'faster' | 'slower' | 'steady' | 'unknown';
}

/** The rules one counterpart is measured and nudged by (core/clients.ts `rulesFor` works them out). */
export interface ClientRules {
  /** account/lead/off for a configured client; 'default' for anyone else. */
  mode: ClientMode | 'default';
  schedule: WorkSchedule;
  /** Agreed response target, in working minutes. */
  responseTargetMinutes: number;
  /** No reply earlier than this many wall-clock minutes after their message. */
  minReplyDelayMinutes: number;
  /** A reply sent sooner than this after their message counts as instant (the same for everyone). */
  instantThresholdMinutes: number;
  /** Their mail is learned from (clients set to "off" are not; colleagues are left out by the caller). */
  tracked: boolean;
}

/**
 * Everything a content script needs to decide about one compose, pushed ahead of the send so the
 * decision never waits on the background.
 */
export interface PolicySnapshot extends Omit<ClientRules, 'mode' | 'tracked'> {
  /** "client:<id>", "domain:acme.com" or "address:bob@gmail.com". */
  clientKey: string;
  clientName: string;
  /** account/lead/off for configured clients; 'default' for outside contacts with no client entry;
   * 'colleague' when every recipient shares the user's own domain. */
  mode: ClientMode | 'default' | 'colleague';
  /** The user's own zone, for labels ("Tomorrow 8:30 (their morning)" is shown in the user's time). */
  userTimeZone: string;
  norms: NormsSummary | null;
  /** The client's latest message not yet answered in this thread, if any. */
  lastInboundAt: Instant | null;
  /** Nudges are off until then (global pause, or "not for this client today"). */
  quietUntil: Instant | null;
}

export const NUDGE_REASON_CODES = ['outside-hours', 'weekend', 'holiday', 'too-fast', 'faster-than-norm'] as const;
export type NudgeReasonCode = (typeof NUDGE_REASON_CODES)[number];

export interface NudgeReason {
  code: NudgeReasonCode;
  /** One plain sentence for this reason. */
  text: string;
}

export interface SendSuggestion {
  at: Instant;
  /** "Tomorrow 8:30 (their morning)". */
  label: string;
}

export type Decision =
  | {
      kind: 'send';
      /** 'cannot-decide': the snapshot could not be reasoned about (a schedule with no working
       * time, an unknown zone); the send goes through, as if ReplyPace were not installed. */
      why: 'colleague' | 'lead' | 'off' | 'quiet' | 'no-counterpart' | 'fine' | 'cannot-decide';
    }
  | {
      kind: 'nudge';
      reasons: NudgeReason[];
      /** The one sentence the card shows first. */
      headline: string;
      /** One to three, ascending, all in the future and inside the client's working time. */
      suggestions: SendSuggestion[];
    };

/** What the user did with a nudge. */
export const NUDGE_CHOICES = ['scheduled', 'sent-anyway', 'dismissed', 'snoozed-client', 'schedule-failed'] as const;
export type NudgeChoice = (typeof NUDGE_CHOICES)[number];

export interface NudgeOutcome {
  site: SiteId;
  clientKey: string;
  at: Instant;
  choice: NudgeChoice;
  reasons: NudgeReasonCode[];
  /** For 'scheduled' (and 'schedule-failed': the time the user was asked to set by hand). */
  scheduledFor: Instant | null;
}
