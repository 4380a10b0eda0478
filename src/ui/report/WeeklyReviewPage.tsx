import { useEffect, useState } from 'preact/hooks';
import { ATTENTION_FIELDS, DRIFT_RULE_TEXT, resolveAttentionSettings, type AttentionSettings } from '../../core/attention.ts';
import { formatDuration, WEEKDAY_NAMES } from '../../core/format.ts';
import type { Settings } from '../../core/settings.ts';
import { mayHaveChanged, SHOWN_AS_STORED } from '../pages/unconfirmed.ts';
import { api as pagesApi, failureText, type AttentionReport, type ClientNorms, type PagesApi } from '../pages/api.ts';
import { reportHref } from './links.ts';

export interface WeeklyReviewPageProps {
  api?: Pick<PagesApi, 'attention' | 'listNorms' | 'getSettings' | 'saveSettings'>;
  /** Asks the browser for the optional notifications permission; must run inside the click. */
  requestNotifications: () => Promise<boolean>;
}


/** The weekly review: every client that needs attention with what to do, then all clients, then the reminder. */
export function WeeklyReviewPage({ api = pagesApi, requestNotifications }: WeeklyReviewPageProps) {
  const [attention, setAttention] = useState<AttentionReport | null>(null);
  const [norms, setNorms] = useState<ClientNorms[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const [a, n, s] = await Promise.all([api.attention(), api.listNorms(), api.getSettings()]);
      if (a.ok) setAttention(a.value);
      if (n.ok) setNorms(n.value);
      if (s.ok) setSettings(s.value);
      const failed = !a.ok ? a : !n.ok ? n : !s.ok ? s : null;
      if (failed) setError(failureText(failed));
    })();
  }, [api]);

  return (
    <main class="report review">
      <header class="report-header">
        <p class="brand">ReplyPace · weekly review</p>
        <h1>Your clients this week</h1>
        <p class="muted">Measure what you promised, notice who waits, and review it with them before expectations drift.</p>
      </header>
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}

      <section aria-labelledby="attention-title">
        <h2 id="attention-title">Needs attention</h2>
        {attention === null ? (
          !error && <p role="status">Looking through your clients…</p>
        ) : attention.clients.length === 0 ? (
          <p class="notice ok">Nothing needs attention: no message waits too long, no one drifts, no exceptions pile up.</p>
        ) : (
          <ul class="attention-list">
            {attention.clients.map((client) => (
              <li key={client.clientKey} class="card">
                <h3>
                  <a href={reportHref(client.clientKey)}>{client.name}</a>
                </h3>
                <ul>
                  {client.findings.map((finding) => (
                    <li key={finding.kind} class={`finding ${finding.kind}`}>
                      <p>{finding.text}</p>
                      <p class="suggestion">{finding.suggestion}</p>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <p class="muted">{DRIFT_RULE_TEXT}</p>
      </section>

      {attention && (attention.meetingsThisWeek?.length ?? 0) > 0 && (
        <section aria-labelledby="meetings-title">
          <h2 id="meetings-title">Meetings booked this week</h2>
          <ul class="meetings-list">
            {attention.meetingsThisWeek!.map((m) => (
              <li key={m.clientKey} class={m.outside > 0 ? 'finding' : undefined}>
                <a href={reportHref(m.clientKey)}>{m.name}</a>:{' '}
                {m.outside > 0
                  ? `${m.outside} of ${m.booked} ${m.booked === 1 ? 'meeting' : 'meetings'} outside their hours, beside the replies that went out after hours: a meeting teaches them your hours as a reply does.`
                  : `${m.booked} ${m.booked === 1 ? 'meeting' : 'meetings'}, all inside their hours.`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="clients-title">
        <h2 id="clients-title">Review reports</h2>
        {norms === null ? null : norms.length === 0 ? (
          <p class="muted">No replies measured yet: reports appear once ReplyPace has seen you answer a client.</p>
        ) : (
          <table class="clients-table">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Replies</th>
                <th scope="col">Typical reply</th>
                <th scope="col">
                  <span class="visually-hidden">Report</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...norms]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((n) => (
                  <tr key={n.clientKey}>
                    <th scope="row">{n.name}</th>
                    <td>{n.summary.count}</td>
                    <td>{n.summary.medianWorkingMs === null ? '–' : formatDuration(n.summary.medianWorkingMs)}</td>
                    <td>
                      <a href={reportHref(n.clientKey)} aria-label={`Report for ${n.name}`}>
                        Report
                      </a>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </section>

      {settings && <ReminderSettings settings={settings} api={api} onSaved={setSettings} requestNotifications={requestNotifications} />}
    </main>
  );
}

interface ReminderProps {
  settings: Settings;
  api: Pick<PagesApi, 'saveSettings' | 'getSettings'>;
  onSaved: (settings: Settings) => void;
  requestNotifications: () => Promise<boolean>;
}

function ReminderSettings({ settings, api, onSaved, requestNotifications }: ReminderProps) {
  const attention = resolveAttentionSettings(settings.attention);
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);

  const save = async (change: Partial<AttentionSettings>) => {
    const next: Settings = { ...settings, attention: { ...attention, ...change } };
    const answer = await api.saveSettings(next);
    if (answer.ok) {
      onSaved(answer.value.settings);
      setMessage({ tone: 'ok', text: 'Saved.' });
    } else if (mayHaveChanged(answer)) {
      const stored = await api.getSettings();
      if (stored.ok) onSaved(stored.value);
      setMessage({ tone: 'bad', text: `Could not confirm the save: ${failureText(answer)} ${SHOWN_AS_STORED}` });
    } else setMessage({ tone: 'bad', text: failureText(answer) });
  };

  const toggleNotify = (on: boolean) => {
    if (!on) return void save({ weeklyReviewNotify: false });
    // The permission prompt must start inside the click, before anything is awaited.
    const asked = requestNotifications();
    void asked.then((granted) => {
      if (granted) void save({ weeklyReviewNotify: true });
      else setMessage({ tone: 'bad', text: 'Notifications were not allowed, so the reminder will open the review in a background tab instead.' });
    });
  };

  return (
    <section aria-labelledby="reminder-title" class="no-print">
      <h2 id="reminder-title">Weekly reminder</h2>
      <div class="field">
        <label>
          <input type="checkbox" checked={attention.weeklyReview} onChange={(e) => void save({ weeklyReview: (e.target as HTMLInputElement).checked })} />{' '}
          {ATTENTION_FIELDS.weeklyReview.label}
        </label>
        <p class="field-hint">{ATTENTION_FIELDS.weeklyReview.description}</p>
      </div>
      {attention.weeklyReview && (
        <>
          <div class="row">
            <label>
              {ATTENTION_FIELDS.weeklyReviewDay.label}{' '}
              <select value={String(attention.weeklyReviewDay)} onChange={(e) => void save({ weeklyReviewDay: Number((e.target as HTMLSelectElement).value) })}>
                {WEEKDAY_NAMES.map((name, index) => (
                  <option key={name} value={String(index)}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {ATTENTION_FIELDS.weeklyReviewHour.label}{' '}
              <select value={String(attention.weeklyReviewHour)} onChange={(e) => void save({ weeklyReviewHour: Number((e.target as HTMLSelectElement).value) })}>
                {Array.from({ length: 24 }, (_, hour) => (
                  <option key={hour} value={String(hour)}>
                    {hour}:00
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div class="field">
            <label>
              <input type="checkbox" checked={attention.weeklyReviewNotify} onChange={(e) => toggleNotify((e.target as HTMLInputElement).checked)} />{' '}
              {ATTENTION_FIELDS.weeklyReviewNotify.label}
            </label>
            <p class="field-hint">{ATTENTION_FIELDS.weeklyReviewNotify.description}</p>
          </div>
        </>
      )}
      <p role="status" class={message ? `notice ${message.tone}` : 'visually-hidden'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
