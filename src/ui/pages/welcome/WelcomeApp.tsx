import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LIMITS } from '../../../core/settings-limits.ts';
import type { Settings } from '../../../core/settings.ts';
import { api, failureText, type PagesApi } from '../api.ts';
import { ExpectationsNote } from '../ExpectationsNote.tsx';
import { Field, fieldAria } from '../Field.tsx';
import { TimeZonePicker } from '../TimeZonePicker.tsx';
import { WeekEditor } from '../WeekEditor.tsx';
import { HistoryImport } from '../history/HistoryImport.tsx';
import { limitError, parseNumber, rangeError, timeZoneError } from '../validate.ts';
import { mayHaveChanged, SHOWN_AS_STORED } from '../unconfirmed.ts';
import { LoadingPage } from '../LoadingPage.tsx';

interface Props {
  pagesApi?: PagesApi;
  openOptions?: () => void;
}

const STEPS = ['Your hours', 'Your promise', 'Tell your clients', 'Past mail (optional)'] as const;

/**
 * The first five minutes: hours and zone, the response promise, and the note that tells clients
 * about both. Each step is saved when the user moves on, so closing the tab loses nothing.
 */
export function WelcomeApp({ pagesApi = api, openOptions = () => void browser.runtime.openOptionsPage() }: Props) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState('');
  const [minDelay, setMinDelay] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    const answer = await pagesApi.getSettings();
    if (!answer.ok) return setError(failureText(answer));
    setSettings(answer.value);
    setTarget(String(answer.value.defaults.responseTargetHours));
    setMinDelay(String(answer.value.defaults.minReplyDelayMinutes));
  };
  useEffect(() => void load(), [pagesApi]);

  // Moving between steps puts focus on the new step's heading, so keyboard and screen-reader users follow.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [step]);

  if (!settings) return <LoadingPage page="welcome" title="Welcome to ReplyPace" error={error} />;

  const schedule = settings.defaults.schedule;
  const setSchedule = (next: typeof schedule) => setSettings({ ...settings, defaults: { ...settings.defaults, schedule: next } });
  const hoursError =
    timeZoneError(schedule.timeZone) ??
    schedule.week.flat().map(rangeError).find((e) => e !== null) ??
    (schedule.week.every((d) => d.length === 0) ? 'Set working hours on at least one day.' : null);
  const targetError = limitError(target, LIMITS.responseTargetHours, 'working hours');
  const delayError = limitError(minDelay, LIMITS.minReplyDelayMinutes, 'minutes');
  const stepError = step === 0 ? hoursError : step === 1 ? targetError ?? delayError : null;

  const saveAndGo = async (next: number) => {
    if (stepError) return;
    const toSave: Settings =
      step === 1
        ? { ...settings, defaults: { ...settings.defaults, responseTargetHours: parseNumber(target), minReplyDelayMinutes: parseNumber(minDelay) } }
        : settings;
    setBusy(true);
    const answer = await pagesApi.saveSettings(toSave);
    if (!answer.ok && mayHaveChanged(answer)) await load();
    setBusy(false);
    if (!answer.ok) {
      return setError(mayHaveChanged(answer) ? `Could not confirm the save: ${failureText(answer)} ${SHOWN_AS_STORED}` : `Not saved: ${failureText(answer)}`);
    }
    setError(null);
    setSettings(answer.value.settings);
    setStep(next);
  };

  const titleId = 'welcome-step-title';
  return (
    <main class="welcome">
      <h1>Welcome to ReplyPace</h1>
      <p class="muted">
        Three short steps. ReplyPace learns how fast you reply to each client, and nudges you before a reply that would teach them to expect
        instant or late-night answers. Everything stays in this browser.
      </p>
      <ol class="steps" aria-label="Steps">
        {STEPS.map((name, index) => (
          <li key={name} aria-current={index === step ? 'step' : undefined}>
            {index + 1}. {name}
          </li>
        ))}
      </ol>
      {error && (
        <div class="notice bad" role="alert">
          {error}
        </div>
      )}
      <form
        class="card"
        aria-labelledby={titleId}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void saveAndGo(step + 1);
        }}
      >
        {step === 0 && (
          <>
            <h2 id={titleId} tabIndex={-1} ref={heading}>
              When do you work?
            </h2>
            <p class="muted">Replies outside these hours are the ones clients learn to expect. You can give clients their own hours later.</p>
            <TimeZonePicker id="welcome-zone" label="Your time zone" value={schedule.timeZone} onChange={(timeZone) => setSchedule({ ...schedule, timeZone })} />
            <WeekEditor idPrefix="welcome-week" week={schedule.week} onChange={(week) => setSchedule({ ...schedule, week })} />
            <p class="field-error" aria-live="polite">
              {hoursError ?? ''}
            </p>
          </>
        )}
        {step === 1 && (
          <>
            <h2 id={titleId} tabIndex={-1} ref={heading}>
              What do you promise clients?
            </h2>
            <p class="muted">Typical business replies take 3–4 working hours, and most clients expect an answer within 1–4 hours.</p>
            <Field id="welcome-target" label="I reply within (working hours)" hint="Counted in working time: a message at 16:50 answered at 9:10 took 20 minutes." error={targetError}>
              <input id="welcome-target" type="text" inputMode="decimal" value={target} onInput={(e) => setTarget(e.currentTarget.value)} {...fieldAria('welcome-target', targetError, true)} />
            </Field>
            <Field id="welcome-delay" label="But not sooner than (minutes)" hint="Replies faster than this train clients to expect instant answers; ReplyPace nudges before them." error={delayError}>
              <input id="welcome-delay" type="text" inputMode="numeric" value={minDelay} onInput={(e) => setMinDelay(e.currentTarget.value)} {...fieldAria('welcome-delay', delayError, true)} />
            </Field>
          </>
        )}
        {step === 2 && (
          <>
            <h2 id={titleId} tabIndex={-1} ref={heading}>
              Tell your clients
            </h2>
            <p class="muted">Expectations set early and in writing are the ones that hold. Copy this into your next onboarding mail.</p>
            <ExpectationsNote idPrefix="welcome-note" schedule={schedule} responseTargetMinutes={settings.defaults.responseTargetHours * 60} showIntro={false} />
          </>
        )}
        {step === 3 && (
          <>
            <h2 id={titleId} tabIndex={-1} ref={heading}>
              You are set up
            </h2>
            <p>
              ReplyPace is now learning from the mail you read in Gmail and Outlook. Open the toolbar button to see each client’s norms, or add
              your main clients with their own hours and promises.
            </p>
            <button type="button" class="primary" onClick={openOptions}>
              Add your clients
            </button>
          </>
        )}
        {step < 3 && (
          <div class="row form-actions">
            {step > 0 && (
              <button type="button" onClick={() => setStep(step - 1)}>
                Back
              </button>
            )}
            <button type="submit" class="primary" disabled={busy || stepError !== null}>
              {step === 2 ? 'Finish' : 'Save and continue'}
            </button>
          </div>
        )}
      </form>
      {step === 3 && (
        <div class="card">
          {/* Optional: the norms are there from the first day instead of after weeks of reading. */}
          <HistoryImport pagesApi={pagesApi} settings={settings} onSettingsSaved={setSettings} compact />
        </div>
      )}
    </main>
  );
}
