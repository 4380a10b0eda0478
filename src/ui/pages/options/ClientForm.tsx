import { useEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../../../core/settings.ts';
import type { ClientMode } from '../../../core/types.ts';
import { ExpectationsNote } from '../ExpectationsNote.tsx';
import { Field, fieldAria } from '../Field.tsx';
import { parseNumber } from '../validate.ts';
import { draftErrors, type ClientDraft, type DraftErrors } from './clientDraft.ts';
import { ScheduleFields } from './ScheduleFields.tsx';

interface Props {
  initial: ClientDraft;
  settings: Settings;
  today: string;
  busy: boolean;
  onSave: (draft: ClientDraft) => void;
  onCancel: () => void;
}

const MODES: { value: ClientMode; label: string; hint: string }[] = [
  { value: 'account', label: 'Account', hint: 'An established client: nudge before instant or after-hours replies.' },
  { value: 'lead', label: 'Lead', hint: 'A new prospect: speed wins, never nudge.' },
  { value: 'off', label: 'Off', hint: 'Ignore this contact entirely.' },
];

export function ClientForm({ initial, settings, today, busy, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<keyof DraftErrors>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // The button that opened the form disappears: keyboard focus moves into the form instead of the page top.
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);
  const errors = draftErrors(draft, settings);
  const shown = (key: keyof DraftErrors) => (submitted || touched.has(key) ? errors[key] ?? null : null);
  const update = (patch: Partial<ClientDraft>, ...keys: (keyof DraftErrors)[]) => {
    setDraft({ ...draft, ...patch });
    if (keys.length) setTouched(new Set([...touched, ...keys]));
  };
  const prefix = `client-${draft.id ?? 'new'}`;
  const defaults = settings.defaults;
  const target = draft.targetHours.trim() && !errors.targetHours ? parseNumber(draft.targetHours) : defaults.responseTargetHours;
  const title = draft.id ? `Edit ${initial.name}` : 'New client';

  return (
    <form
      class="card client-form"
      aria-labelledby={`${prefix}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (Object.keys(errors).length === 0) onSave(draft);
        else (e.currentTarget.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      }}
    >
      <h3 id={`${prefix}-title`}>{title}</h3>
      <Field id={`${prefix}-name`} label="Name" error={shown('name')}>
        <input ref={nameInput} id={`${prefix}-name`} type="text" value={draft.name} onInput={(e) => update({ name: e.currentTarget.value }, 'name')} {...fieldAria(`${prefix}-name`, shown('name'))} />
      </Field>
      <div class="two-columns">
        <Field id={`${prefix}-addresses`} label="Email addresses" hint="One per line, or separated by commas." error={shown('addresses')}>
          <textarea
            id={`${prefix}-addresses`}
            rows={3}
            value={draft.addresses}
            onInput={(e) => update({ addresses: e.currentTarget.value }, 'addresses', 'match')}
            {...fieldAria(`${prefix}-addresses`, shown('addresses'), true)}
          />
        </Field>
        <Field id={`${prefix}-domains`} label="Domains" hint="Everyone at acme.com (and eu.acme.com). Gmail-type domains match by address only." error={shown('domains')}>
          <textarea
            id={`${prefix}-domains`}
            rows={3}
            value={draft.domains}
            onInput={(e) => update({ domains: e.currentTarget.value }, 'domains', 'match')}
            {...fieldAria(`${prefix}-domains`, shown('domains'), true)}
          />
        </Field>
      </div>
      <p class="field-error" aria-live="polite" id={`${prefix}-match-error`}>
        {shown('match') ?? ''}
      </p>

      <fieldset class="modes">
        <legend class="field-label">Mode</legend>
        {MODES.map((mode) => (
          <label key={mode.value} class="mode">
            <input type="radio" name={`${prefix}-mode`} value={mode.value} checked={draft.mode === mode.value} onChange={() => update({ mode: mode.value })} />
            <strong>{mode.label}</strong> <span class="muted">{mode.hint}</span>
          </label>
        ))}
      </fieldset>

      <div class="two-columns">
        <Field id={`${prefix}-target`} label="Response target (working hours)" hint={`Leave empty for your default: ${defaults.responseTargetHours} h.`} error={shown('targetHours')}>
          <input
            id={`${prefix}-target`}
            type="text"
            inputMode="decimal"
            placeholder={String(defaults.responseTargetHours)}
            value={draft.targetHours}
            onInput={(e) => update({ targetHours: e.currentTarget.value }, 'targetHours')}
            {...fieldAria(`${prefix}-target`, shown('targetHours'), true)}
          />
        </Field>
        <Field id={`${prefix}-delay`} label="Minimum reply delay (minutes)" hint={`Leave empty for your default: ${defaults.minReplyDelayMinutes} min.`} error={shown('minDelayMinutes')}>
          <input
            id={`${prefix}-delay`}
            type="text"
            inputMode="numeric"
            placeholder={String(defaults.minReplyDelayMinutes)}
            value={draft.minDelayMinutes}
            onInput={(e) => update({ minDelayMinutes: e.currentTarget.value }, 'minDelayMinutes')}
            {...fieldAria(`${prefix}-delay`, shown('minDelayMinutes'), true)}
          />
        </Field>
      </div>

      <fieldset>
        <legend class="field-label">Their working hours</legend>
        <label class="mode">
          <input type="radio" name={`${prefix}-own`} checked={!draft.ownSchedule} onChange={() => update({ ownSchedule: false })} /> Same as my defaults
        </label>
        <label class="mode">
          <input type="radio" name={`${prefix}-own`} checked={draft.ownSchedule} onChange={() => update({ ownSchedule: true }, 'schedule')} /> Their own time zone, hours and holidays
        </label>
        {draft.ownSchedule && (
          <ScheduleFields idPrefix={`${prefix}-schedule`} schedule={draft.schedule} onChange={(schedule) => update({ schedule }, 'schedule')} today={today} zoneLabel="Their time zone" />
        )}
        <p class="field-error" aria-live="polite">
          {shown('schedule') ?? ''}
        </p>
      </fieldset>

      <details class="note-details">
        <summary>Expectations note for {draft.name.trim() || 'this client'}</summary>
        <ExpectationsNote
          idPrefix={`${prefix}-expectations`}
          schedule={draft.ownSchedule ? draft.schedule : defaults.schedule}
          responseTargetMinutes={target * 60}
          clientName={draft.name.trim() || undefined}
        />
      </details>

      <div class="row form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {draft.id ? 'Save client' : 'Add client'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {submitted && Object.keys(errors).length > 0 && (
          <span class="field-error" role="alert">
            Some fields need attention.
          </span>
        )}
      </div>
    </form>
  );
}
