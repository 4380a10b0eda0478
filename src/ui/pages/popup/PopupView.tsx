import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { NormsRow, type NormsRowData } from './NormsRow.tsx';
import { PauseControl } from './PauseControl.tsx';
import { ActiveClientCard, type ActiveClient } from './ActiveClientCard.tsx';
import { FIRST_ROWS, SEARCH_FROM_ROWS, WEEKLY_REVIEW_HREF } from './layout.ts';
import { timeOfDay } from './timeOfDay.ts';

export interface PopupViewProps {
  loading: boolean;
  error: string | null;
  /** The rows to draw: every row, or only the first ones while the last view is shown. */
  rows: NormsRowData[];
  /** How many rows the whole list has, and how many of them need attention. */
  rowCount: number;
  attentionCount: number;
  clientCount: number;
  /** When the rows are the last view's (fresh figures still loading): when that view was saved. */
  lastViewAt: number | null;
  activeClient: ActiveClient | null;
  pausedUntil: number | null;
  pauseBusy: boolean;
  now: number;
  onPause: (until: number) => void;
  onResume: () => void;
  onOpenOptions: () => void;
  onSetUpClient: (suggestedKey?: string) => void;
  /** A quiet line when a site failed this week (SiteHealth.tsx), under the pause control. */
  healthLine?: ComponentChildren;
  /** "Save a page report" on a mail tab, at the bottom. */
  footer?: ComponentChildren;
}

export function PopupView(props: PopupViewProps) {
  const { rows, rowCount, loading, error, lastViewAt } = props;
  const [query, setQuery] = useState('');
  const [showAll, setShowAll] = useState(false);
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? rows.filter((r) => r.name.toLowerCase().includes(q) || r.clientKey.toLowerCase().includes(q)) : rows;
  }, [rows, query]);
  // Counted with the same rule as the toolbar badge (core/clientStatus.ts needsAttention).
  const attention = props.attentionCount;
  // Without a query, "Show all" counts the whole list, even while only the last view's rows are in.
  const total = query.trim() ? visible.length : Math.max(rowCount, visible.length);

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>ReplyPace</h1>
        <button type="button" class="link" onClick={props.onOpenOptions}>
          Options
        </button>
      </header>

      <PauseControl pausedUntil={props.pausedUntil} now={props.now} busy={props.pauseBusy} onPause={props.onPause} onResume={props.onResume} />

      {error && (
        <div class="notice bad" role="alert">
          {error}
        </div>
      )}

      {props.healthLine}

      {props.activeClient && <ActiveClientCard client={props.activeClient} now={props.now} />}

      {loading ? (
        <p class="muted" role="status">
          Loading your clients…
        </p>
      ) : rowCount === 0 ? (
        <EmptyState hasClients={props.clientCount > 0} onSetUpClient={() => props.onSetUpClient()} />
      ) : (
        <section aria-labelledby="clients-title">
          <div class="row list-head">
            <h2 id="clients-title">Your clients</h2>
            <span class="muted">{attention > 0 ? `${attention} need attention` : 'Nothing needs attention'}</span>
          </div>
          {lastViewAt !== null && (
            <p class="muted small" role="status">
              {error ? `Figures as of ${timeOfDay(lastViewAt, props.now)}.` : `Updating the figures from ${timeOfDay(lastViewAt, props.now)}…`}
            </p>
          )}
          {rowCount >= SEARCH_FROM_ROWS && (
            <div class="field">
              <label for="client-search" class="visually-hidden">
                Search clients
              </label>
              <input id="client-search" type="search" placeholder="Search clients" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
            </div>
          )}
          <p class="visually-hidden" role="status">
            {query ? `${visible.length} of ${rowCount} clients shown` : ''}
          </p>
          {visible.length === 0 ? (
            <p class="muted">No client matches “{query}”.</p>
          ) : (
            <ul class="norms-list" aria-label="Clients, most in need of attention first">
              {(showAll ? visible : visible.slice(0, FIRST_ROWS)).map((row) => (
                <NormsRow key={row.clientKey} row={row} onMakeClient={props.onSetUpClient} />
              ))}
            </ul>
          )}
          {!showAll && total > FIRST_ROWS && (
            <button type="button" class="show-all" onClick={() => setShowAll(true)}>
              Show all {total} clients
            </button>
          )}
          <a class="review-link" href={WEEKLY_REVIEW_HREF} target="_blank" rel="noopener">
            Weekly review of all clients
          </a>
        </section>
      )}
      {props.footer}
    </main>
  );
}

function EmptyState({ hasClients, onSetUpClient }: { hasClients: boolean; onSetUpClient: () => void }) {
  return (
    <section class="empty card" aria-labelledby="empty-title">
      <h2 id="empty-title">{hasClients ? 'No replies measured yet' : 'Nothing learned yet'}</h2>
      <p>
        ReplyPace watches the mail you read and send in Gmail and Outlook and learns, for each client, how fast you usually reply,
        how often instantly, and how often outside their working hours. It all stays in this browser.
      </p>
      <p>When a reply would teach a client to expect too much, it nudges you and offers to schedule it for their working hours.</p>
      {!hasClients && (
        <button type="button" class="primary" onClick={onSetUpClient}>
          Set up your first client
        </button>
      )}
    </section>
  );
}
