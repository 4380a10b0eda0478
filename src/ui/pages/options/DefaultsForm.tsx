import { useState } from 'preact/hooks';
import { LIMITS } from '../../../core/settings-limits.ts';
import type { Settings } from '../../../core/settings.ts';
import type { WorkSchedule } from '../../../core/types.ts';
import { Field, fieldAria } from '../Field.tsx';
import { addressListError, domainList, domainListError, limitError, parseNumber, rangeError, splitList, timeZoneError } from '../validate.ts';
import { TimeZonePicker } from '../TimeZonePicker.tsx';
import { ScheduleFields } from './ScheduleFields.tsx';

interface Props {
  settings: Settings;
  today: string;
  busy: boolean;
  onSave: (settings: Settings) => void;
}

interface DefaultsDraft {
  schedule: WorkSchedule;
  target: string;
  minDelay: string;
  instant: string;
  myAddresses: string;
  myDomains: string;
  /** The Outlook mailbox's zone; null: the browser's own. */
  outlookZone: string | null;
}

type Key = 'schedule' | 'target' | 'minDelay' | 'instant' | 'myAddresses' | 'myDomains';

export function defaultsErrors(d: DefaultsDraft): Partial<Record<Key, string>> {
  const errors: Partial<Record<Key, string>> = {};
  const schedule =
    timeZoneError(d.schedule.timeZone) ??
    d.schedule.week.flat().map(rangeError).find((e) => e !== null) ??
    (d.schedule.week.every((day) => day.length === 0) ? 'Set working hours on at least one day.' : null);
  if (schedule) errors.schedule = schedule;
  const target = limitError(d.target, LIMITS.responseTargetHours, 'working hours');
  if (target) errors.target = target;
  const minDelay = limitError(d.minDelay, LIMITS.minReplyDelayMinutes, 'minutes');
  if (minDelay) errors.minDelay = minDelay;
  const instant = limitError(d.instant, LIMITS.instantThresholdMinutes, 'minutes');
  if (instant) errors.instant = instant;
  const addresses = addressListError(d.myAddresses);
  if (addresses) errors.myAddresses = addresses;
  const domains = domainListError(d.myDomains);
  if (domains) errors.myDomains = domains;
  return errors;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Your own defaults: what applies to every client without settings of their own. */
export function DefaultsForm({ settings, today, busy, onSave }: Props) {
  const [draft, setDraft] = useState<DefaultsDraft>(() => ({
    schedule: structuredClone(settings.defaults.schedule),
    target: String(settings.defaults.responseTargetHours),
    minDelay: String(settings.defaults.minReplyDelayMinutes),
    instant: String(settings.defaults.instantThresholdMinutes),
    myAddresses: settings.me.addresses.join('\n'),
    myDomains: settings.me.ownDomains.join('\n'),
    outlookZone: settings.outlookTimeZone ?? null,
  }));
  const [dirty, setDirty] = useState(false);
  const errors = defaultsErrors(draft);
  const update = (patch: Partial<DefaultsDraft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
  };
  const valid = Object.keys(errors).length === 0;

  return (
    <form
      aria-labelledby="defaults-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        const { outlookTimeZone: _previous, ...rest } = settings;
        onSave({
          ...rest,
          ...(draft.outlookZone ? { outlookTimeZone: draft.outlookZone } : {}),
          me: { ...settings.me, addresses: splitList(draft.myAddresses), ownDomains: domainList(draft.myDomains) },
          defaults: {
            ...settings.defaults,
            schedule: draft.schedule,
            responseTargetHours: parseNumber(draft.target),
            minReplyDelayMinutes: parseNumber(draft.minDelay),
            instantThresholdMinutes: parseNumber(draft.instant),
          },
        });
        setDirty(false);
      }}
    >
      <h2 id="defaults-title">Your defaults</h2>
      <p class="muted">These apply to everyone who is not set up as a client, and to clients who do not have hours of their own.</p>
      <ScheduleFields idPrefix="defaults" schedule={draft.schedule} onChange={(schedule) => update({ schedule })} today={today} zoneLabel="Your time zone" />
      <p class="field-error" aria-live="polite">
        {errors.schedule ?? ''}
      </p>
      <div class="three-columns">
        <Field id="defaults-target" label="Response target (working hours)" hint="What you promise clients by default." error={errors.target}>
          <input id="defaults-target" type="text" inputMode="decimal" value={draft.target} onInput={(e) => update({ target: e.currentTarget.value })} {...fieldAria('defaults-target', errors.target, true)} />
        </Field>
        <Field id="defaults-delay" label="Minimum reply delay (minutes)" hint="Replies sooner than this are nudged." error={errors.minDelay}>
          <input id="defaults-delay" type="text" inputMode="numeric" value={draft.minDelay} onInput={(e) => update({ minDelay: e.currentTarget.value })} {...fieldAria('defaults-delay', errors.minDelay, true)} />
        </Field>
        <Field id="defaults-instant" label="Instant reply threshold (minutes)" hint="Replies within this count as instant." error={errors.instant}>
          <input id="defaults-instant" type="text" inputMode="numeric" value={draft.instant} onInput={(e) => update({ instant: e.currentTarget.value })} {...fieldAria('defaults-instant', errors.instant, true)} />
        </Field>
      </div>
      <div class="two-columns">
        <Field id="me-addresses" label="Your own addresses" hint="Mail from these is yours. The signed-in account is always included." error={errors.myAddresses}>
          <textarea id="me-addresses" rows={2} value={draft.myAddresses} onInput={(e) => update({ myAddresses: e.currentTarget.value })} {...fieldAria('me-addresses', errors.myAddresses, true)} />
        </Field>
        <Field id="me-domains" label="Your company domains" hint="Colleagues at these domains are never nudged." error={errors.myDomains}>
          <textarea id="me-domains" rows={2} value={draft.myDomains} onInput={(e) => update({ myDomains: e.currentTarget.value })} {...fieldAria('me-domains', errors.myDomains, true)} />
        </Field>
      </div>
      <fieldset>
        <legend>Outlook on the web</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.outlookZone === null}
            aria-describedby="outlook-zone-hint"
            onChange={(e) => update({ outlookZone: e.currentTarget.checked ? null : browserZone() })}
          />{' '}
          Outlook shows times in this browser&apos;s time zone ({browserZone()})
        </label>
        <p id="outlook-zone-hint" class="muted">
          Outlook uses the time zone of your mailbox (its Settings, Language and time), which can differ from this browser&apos;s.
          ReplyPace reads received times and types scheduled times in it. Takes effect when Outlook is next loaded.
        </p>
        {draft.outlookZone !== null && (
          <TimeZonePicker id="outlook-zone" label="Your Outlook mailbox's time zone" value={draft.outlookZone} onChange={(outlookZone) => update({ outlookZone })} />
        )}
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" disabled={busy || !valid || !dirty}>
          Save defaults
        </button>
        {!valid && <span class="field-error">Fix the fields marked above to save.</span>}
      </div>
    </form>
  );
}
