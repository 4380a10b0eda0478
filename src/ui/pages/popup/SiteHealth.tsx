/**
 * The popup's site health: a quiet line when a site's reading or Schedule send failed this week
 * ("Gmail's Schedule send failed 3 times this week: save a page report"), and "Save a page report"
 * whenever the active tab is a mail page. Both stay out of the way when all is well.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { healthProblems, healthSentence, SITE_NAMES, type HealthProblem } from '../../../core/siteHealth.ts';
import type { ResponseMap } from '../../../messaging/protocol.ts';
import type { MailTab } from '../activeThread.ts';
import type { PagesApi } from '../api.ts';
import { PageReportError } from './pageReport.ts';

export type SiteHealthAnswer = ResponseMap['siteHealth'];

export interface SiteHealthSources {
  pagesApi: Pick<PagesApi, 'siteHealth'>;
  /** Asked after the popup's own figures: it must not slow the first paint. */
  after: Promise<unknown>;
  mailTab: () => Promise<MailTab | null>;
  savePageReport: (tab: MailTab, health: SiteHealthAnswer | null) => Promise<string>;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; fileName: string } | { kind: 'failed'; message: string };

export interface SiteHealthParts {
  /** The health line (null when nothing failed this week), shown near the top. */
  line: ComponentChildren;
  /** "Save a page report" on a mail tab with nothing failing, at the bottom. */
  footer: ComponentChildren;
}

export function useSiteHealth({ pagesApi, after, mailTab, savePageReport }: SiteHealthSources): SiteHealthParts {
  const [health, setHealth] = useState<SiteHealthAnswer | null>(null);
  const [tab, setTab] = useState<MailTab | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });

  useEffect(() => {
    let live = true;
    void after
      .catch(() => undefined)
      .then(() => pagesApi.siteHealth())
      .then((answer) => {
        if (live && answer.ok) setHealth(answer.value);
      });
    void mailTab().then((found) => live && setTab(found));
    return () => {
      live = false;
    };
  }, [pagesApi, after, mailTab]);

  const onSave = async () => {
    if (!tab || save.kind === 'saving') return;
    setSave({ kind: 'saving' });
    try {
      setSave({ kind: 'saved', fileName: await savePageReport(tab, health) });
    } catch (error) {
      setSave({ kind: 'failed', message: error instanceof PageReportError ? error.message : 'The page report could not be made. Reload the mail page and try again.' });
    }
  };

  const problems = health ? healthProblems(health, health.thisWeek) : [];
  const button = (label: string) =>
    tab && (
      <button type="button" class="link" disabled={save.kind === 'saving'} onClick={() => void onSave()}>
        {save.kind === 'saving' ? 'Saving the page report…' : label}
      </button>
    );
  const status = <SaveStatus state={save} />;

  if (problems.length > 0) {
    return {
      line: (
        <section class="health" aria-label="Site health">
          {problems.map((problem) => (
            <p key={problem.site} class="health-line">
              {capitalized(healthSentence(problem))}
              {tab ? ': ' : '. '}
              {button('save a page report') || <OpenSiteHint problem={problem} />}
            </p>
          ))}
          {status}
        </section>
      ),
      footer: null,
    };
  }
  return {
    line: null,
    footer: tab && (
      <footer class="popup-footer">
        {button('Save a page report')}
        <span class="muted small"> of this page, to attach to a bug report</span>
        {status}
      </footer>
    ),
  };
}

function OpenSiteHint({ problem }: { problem: HealthProblem }) {
  return <span>Open {SITE_NAMES[problem.site]} and save a page report from here.</span>;
}

function SaveStatus({ state }: { state: SaveState }) {
  return (
    <p class={`small ${state.kind === 'failed' ? 'health-failed' : 'muted'}`} role="status">
      {state.kind === 'saved'
        ? `Saved ${state.fileName}. It holds the page's structure, with no subject, body text or address: attach it to a bug report.`
        : state.kind === 'failed'
          ? state.message
          : ''}
    </p>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
