import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatApproxDuration, formatDuration, formatShare } from '../../core/format.ts';
import { buildReport, resolvePeriod, type PeriodKind, type ReportInput, type ReportModel } from '../../core/report.ts';
import { zoneLabel } from '../../core/expectations.ts';
import type { Instant } from '../../core/types.ts';
import { csvFileName, downloadText, reportCsv } from './csv.ts';
import { api as pagesApi, failureText, type PagesApi, type ReportData } from '../pages/api.ts';
import type { ReportParams } from './links.ts';
import { HeatMap } from './HeatMap.tsx';
import { Histogram } from './Histogram.tsx';

const DAY = 86_400_000;

export interface ReportPageProps {
  params: ReportParams & { clientKey: string };
  api?: Pick<PagesApi, 'reportData'>;
  now?: () => Instant;
  /** Shows another period (the entry point rewrites the URL). */
  navigate: (params: ReportParams) => void;
  copyText?: (text: string) => Promise<void>;
  download?: (text: string, fileName: string) => void;
  print?: () => void;
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'unknown' }
  | { kind: 'ready'; input: ReportInput; model: ReportModel };

/** The browser's own zone: the request window is widened by two days either side, the exact period is cut in the client's zone. */
function userZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function ReportPage({ params, api = pagesApi, now = Date.now, navigate, copyText = writeClipboard, download = downloadText, print = () => window.print() }: ReportPageProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const { clientKey, period, from, to } = params;

  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    void (async () => {
      const at = now();
      const rough = resolvePeriod(period, at, userZone(), { from, to });
      if (!rough.ok) {
        setState({ kind: 'error', message: rough.error });
        return;
      }
      const answer = await api.reportData(clientKey, Math.max(0, rough.period.from - 2 * DAY), Math.min(at, rough.period.to + 2 * DAY));
      if (cancelled) return;
      if (!answer.ok) return setState({ kind: 'error', message: failureText(answer) });
      if (!answer.value) return setState({ kind: 'unknown' });
      const data: ReportData = answer.value;
      const exact = resolvePeriod(period, at, data.schedule.timeZone, { from, to });
      if (!exact.ok) return setState({ kind: 'error', message: exact.error });
      const input: ReportInput = {
        clientName: data.name,
        schedule: data.schedule,
        responseTargetMinutes: data.responseTargetMinutes,
        instantThresholdMinutes: data.instantThresholdMinutes,
        pairs: data.pairs,
        outcomes: data.outcomes,
        meetings: data.meetings ?? [],
        period: exact.period,
        overridesPerMonth: data.attention.overridesPerMonth,
      };
      setState({ kind: 'ready', input, model: buildReport(input) });
    })();
    return () => {
      cancelled = true;
    };
  }, [api, clientKey, period, from, to, now]);

  const periodControls = <PeriodControls params={params} navigate={navigate} />;

  if (state.kind === 'loading') {
    return (
      <main class="report">
        <p role="status">Preparing the report…</p>
      </main>
    );
  }
  if (state.kind === 'error' || state.kind === 'unknown') {
    return (
      <main class="report">
        <h1>Reply review</h1>
        {periodControls}
        <p class="notice bad" role="alert">
          {state.kind === 'error' ? state.message : 'ReplyPace has not learned anything about this client yet: no replies and no nudges.'}
        </p>
        <p>
          <a href="report.html">All clients</a>
        </p>
      </main>
    );
  }
  return (
    <ReportView
      // A new report starts a new draft of the summary.
      key={state.model.summary}
      model={state.model}
      controls={periodControls}
      onCopy={copyText}
      onPrint={print}
      onExport={() => download(reportCsv(state.input), csvFileName(state.model.clientName, state.model.period.fromKey, state.model.period.toKey))}
    />
  );
}

interface ViewProps {
  model: ReportModel;
  controls: preact.ComponentChildren;
  onCopy: (text: string) => Promise<void>;
  onPrint: () => void;
  onExport: () => void;
}

export function ReportView({ model, controls, onCopy, onPrint, onExport }: ViewProps) {
  const [summary, setSummary] = useState(model.summary);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const [printNotes, setPrintNotes] = useState(false);
  const summaryBox = useRef<HTMLTextAreaElement>(null);

  const copy = async () => {
    try {
      // The box itself, not the last render: an edit may not have re-rendered yet.
      await onCopy(summaryBox.current?.value ?? summary);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  const share = (count: number) => (model.replies > 0 ? ` (${formatShare(count / model.replies)})` : '');
  const zoneText = zoneLabel(model.timeZone);
  return (
    <main class={printNotes ? 'report' : 'report hide-notes-in-print'}>
      <header class="report-header">
        <p class="brand">ReplyPace · reply review</p>
        <h1>{model.clientName}</h1>
        <p class="period">{model.period.label}</p>
        <p class="muted">
          Agreed: replies within {model.targetText}, {model.hoursText}.
        </p>
      </header>

      <nav class="toolbar no-print" aria-label="Report actions">
        {controls}
        <div class="row actions">
          <button type="button" onClick={onPrint}>
            Print or save as PDF
          </button>
          <button type="button" onClick={onExport}>
            Export CSV
          </button>
          <a class="button" href="report.html">
            All clients
          </a>
        </div>
      </nav>

      <section aria-labelledby="glance-title">
        <h2 id="glance-title">At a glance</h2>
        <dl class="figures">
          <Figure label="Replies" value={String(model.replies)} />
          <Figure
            label="Typical reply"
            value={model.medianWorkingMs === null ? '–' : formatDuration(model.medianWorkingMs)}
            note={`working time · target ${formatDuration(model.targetMs)}`}
            tone={model.medianWorkingMs !== null && model.medianWorkingMs > model.targetMs ? 'bad' : undefined}
          />
          <Figure label="Within target" value={`${model.withinTarget}${share(model.withinTarget)}`} />
          <Figure label="Sent outside their hours" value={`${model.afterHours}${share(model.afterHours)}`} tone={model.afterHours > 0 ? 'warn' : undefined} />
          <Figure label="Almost instant" value={`${model.instant}${share(model.instant)}`} />
          <Figure
            label="Meetings outside their hours"
            value={String(model.meetingsOutside)}
            note={`of ${model.meetings} meetings booked`}
            tone={model.meetingsOutside > 0 ? 'warn' : undefined}
          />
          <Figure label="Scheduled into their hours" value={String(model.afterHoursAvoided)} note={`of ${model.scheduled} scheduled sends`} />
          <Figure label="“Send now” overrides" value={String(model.overrides)} note={`of ${model.nudges} nudges`} tone={model.overrides > 0 ? 'warn' : undefined} />
        </dl>
      </section>

      <section aria-labelledby="summary-title" class="summary">
        <h2 id="summary-title">Summary for {model.clientName}</h2>
        <p class="muted no-print">A first draft in your voice: edit it, then copy it into your review mail.</p>
        <textarea ref={summaryBox} class="no-print" aria-labelledby="summary-title" rows={5} value={summary} onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)} />
        <p class="print-only summary-text">{summary}</p>
        <div class="row no-print">
          <button type="button" class="primary" onClick={() => void copy()}>
            Copy summary
          </button>
          <span role="status" class="muted">
            {copyState === 'copied' ? 'Copied to the clipboard.' : copyState === 'failed' ? 'Could not copy: select the text and copy it by hand.' : ''}
          </span>
        </div>
      </section>

      {model.notes.length > 0 && (
        <section aria-labelledby="notes-title" class="notes">
          <h2 id="notes-title">For you, before the review</h2>
          <ul>
            {model.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <label class="no-print">
            <input type="checkbox" checked={printNotes} onChange={(e) => setPrintNotes((e.target as HTMLInputElement).checked)} /> Include these notes when printing
          </label>
        </section>
      )}

      <section aria-labelledby="histogram-heading" class="chart-section">
        <h2 id="histogram-heading">How long replies took</h2>
        <p class="muted">
          In working time, {zoneText}: the clock stops outside their hours. Typical {model.medianWorkingMs === null ? '–' : formatApproxDuration(model.medianWorkingMs, 'working')}
          {model.p90WorkingMs !== null ? `, 9 in 10 within ${formatApproxDuration(model.p90WorkingMs, 'working')}` : ''}.
        </p>
        <Histogram histogram={model.histogram} targetMs={model.targetMs} />
      </section>

      <section aria-labelledby="heatmap-heading" class="chart-section">
        <h2 id="heatmap-heading">When replies went out</h2>
        <p class="muted">Weekday and hour as the client saw them ({zoneText}).</p>
        <HeatMap heatmap={model.heatmap} zoneText={zoneText} />
      </section>

      <footer class="muted report-footer">
        Made with ReplyPace from reply times measured in your browser; no mail content was read or stored, and nothing left your computer.
      </footer>
    </main>
  );
}

function Figure({ label, value, note, tone }: { label: string; value: string; note?: string; tone?: 'bad' | 'warn' }) {
  return (
    <div class={tone ? `figure ${tone}` : 'figure'}>
      <dt>{label}</dt>
      <dd>
        <span class="figure-value">{value}</span>
        {note && <span class="figure-note">{note}</span>}
      </dd>
    </div>
  );
}

const PERIOD_NAMES: Record<PeriodKind, string> = { '4w': 'Last 4 weeks', quarter: 'Last quarter (13 weeks)', custom: 'Custom dates' };

function PeriodControls({ params, navigate }: { params: ReportParams; navigate: (params: ReportParams) => void }) {
  const [kind, setKind] = useState<PeriodKind>(params.period);
  const [from, setFrom] = useState(params.from ?? '');
  const [to, setTo] = useState(params.to ?? '');
  const options = useMemo(() => Object.entries(PERIOD_NAMES) as [PeriodKind, string][], []);
  const choose = (next: PeriodKind) => {
    setKind(next);
    if (next !== 'custom') navigate({ ...params, period: next, from: null, to: null });
  };
  return (
    <form
      class="row period-controls"
      onSubmit={(event) => {
        event.preventDefault();
        navigate({ ...params, period: 'custom', from: from || null, to: to || null });
      }}
    >
      <label>
        Period{' '}
        <select value={kind} onChange={(e) => choose((e.target as HTMLSelectElement).value as PeriodKind)}>
          {options.map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {kind === 'custom' && (
        <>
          <label>
            From <input type="date" value={from} required onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            To <input type="date" value={to} required onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">Show</button>
        </>
      )}
    </form>
  );
}

async function writeClipboard(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}
