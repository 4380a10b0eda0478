import { useState } from 'preact/hooks';
import {
  ATTENTION_FIELDS,
  ATTENTION_LIMITS,
  DRIFT_RULE_TEXT,
  resolveAttentionSettings,
  type AttentionSettings,
} from '../../../core/attention.ts';
import type { Settings } from '../../../core/settings.ts';
import { Field, fieldAria } from '../Field.tsx';
import { numberError, parseNumber } from '../validate.ts';
import { WEEKDAY_NAMES } from '../../../core/format.ts';

/** The thresholds typed as numbers, in the order the page shows them, with their unit for messages. */
export const THRESHOLD_FIELDS = [
  { key: 'waitingFactor', unit: 'times', integer: false },
  { key: 'waitingLookbackDays', unit: 'days', integer: true },
  { key: 'silenceFactor', unit: 'times', integer: false },
  { key: 'silenceMinDays', unit: 'days', integer: true },
  { key: 'minReplies', unit: 'replies', integer: true },
  { key: 'overridesPerMonth', unit: 'overrides', integer: true },
] as const satisfies readonly { key: keyof typeof ATTENTION_LIMITS; unit: string; integer: boolean }[];

type ThresholdKey = (typeof THRESHOLD_FIELDS)[number]['key'];
type ThresholdDraft = Record<ThresholdKey, string>;


/** The message next to one threshold field, or null: the settings schema's bounds, said plainly. */
export function thresholdError(key: ThresholdKey, text: string): string | null {
  const field = THRESHOLD_FIELDS.find((f) => f.key === key)!;
  const { min, max } = ATTENTION_LIMITS[key];
  const error = numberError(text, min, max, field.unit);
  if (error) return error;
  return field.integer && !Number.isInteger(parseNumber(text)) ? `Enter a whole number of ${field.unit}.` : null;
}

interface Props {
  settings: Settings;
  busy: boolean;
  onSave: (settings: Settings) => void;
  /** Asks the browser for the notifications permission; must run inside the click that turns the option on. */
  requestNotifications: () => Promise<boolean>;
}

/** "Drift, neglect and reminders": every threshold of the attention rules, explained next to its field. */
export function AttentionSection({ settings, busy, onSave, requestNotifications }: Props) {
  const saved = resolveAttentionSettings(settings.attention);
  const [draft, setDraft] = useState<ThresholdDraft>(
    () => Object.fromEntries(THRESHOLD_FIELDS.map(({ key }) => [key, String(saved[key])])) as ThresholdDraft,
  );
  const [review, setReview] = useState(() => ({
    weeklyReview: saved.weeklyReview,
    weeklyReviewNotify: saved.weeklyReviewNotify,
    weeklyReviewDay: saved.weeklyReviewDay,
    weeklyReviewHour: saved.weeklyReviewHour,
  }));
  const [dirty, setDirty] = useState(false);
  const [permissionNote, setPermissionNote] = useState('');
  const errors = Object.fromEntries(THRESHOLD_FIELDS.map(({ key }) => [key, thresholdError(key, draft[key])])) as Record<ThresholdKey, string | null>;
  const valid = Object.values(errors).every((e) => e === null);
  const updateReview = (patch: Partial<typeof review>) => {
    setReview({ ...review, ...patch });
    setDirty(true);
  };

  const toggleNotify = (on: boolean) => {
    setPermissionNote('');
    if (!on) return updateReview({ weeklyReviewNotify: false });
    // Asked for at the moment the user turns it on, as the browser requires (and no sooner).
    void requestNotifications()
      .catch(() => false)
      .then((granted) => {
        if (granted) updateReview({ weeklyReviewNotify: true });
        else setPermissionNote('Your browser did not allow notifications: the review will open in a background tab instead.');
      });
  };

  return (
    <form
      aria-labelledby="attention-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        const thresholds = Object.fromEntries(THRESHOLD_FIELDS.map(({ key }) => [key, parseNumber(draft[key])]));
        const attention: AttentionSettings = { ...saved, ...thresholds, ...review };
        onSave({ ...settings, attention });
        setDirty(false);
      }}
    >
      <h2 id="attention-title">Drift, neglect and reminders</h2>
      <p class="muted">
        When a client counts as neglected, when urgent has become normal, and when to remind you to review every client. Clients
        flagged here are counted on the toolbar icon and shown first in the popup.
      </p>
      <p class="muted">{DRIFT_RULE_TEXT}</p>
      {THRESHOLD_FIELDS.map(({ key, integer }) => {
        const id = `attention-${key}`;
        return (
          <div class="setting-row" key={key}>
            <Field id={id} label={ATTENTION_FIELDS[key].label} error={errors[key]}>
              <input
                id={id}
                type="text"
                inputMode={integer ? 'numeric' : 'decimal'}
                value={draft[key]}
                onInput={(e) => {
                  setDraft({ ...draft, [key]: e.currentTarget.value });
                  setDirty(true);
                }}
                {...fieldAria(id, errors[key], true)}
              />
            </Field>
            <p id={`${id}-hint`} class="setting-explanation">
              {ATTENTION_FIELDS[key].description}
            </p>
          </div>
        );
      })}

      <fieldset>
        <legend>Weekly review</legend>
        <div class="setting-row">
          <label class="check">
            <input
              type="checkbox"
              checked={review.weeklyReview}
              aria-describedby="attention-weeklyReview-hint"
              onChange={(e) => updateReview({ weeklyReview: e.currentTarget.checked })}
            />{' '}
            {ATTENTION_FIELDS.weeklyReview.label}
          </label>
          <p id="attention-weeklyReview-hint" class="setting-explanation">
            {ATTENTION_FIELDS.weeklyReview.description}
          </p>
        </div>
        {review.weeklyReview && (
          <>
            <div class="setting-row">
              <div class="row">
                <div class="field">
                  <label for="attention-weeklyReviewDay">{ATTENTION_FIELDS.weeklyReviewDay.label}</label>
                  <select
                    id="attention-weeklyReviewDay"
                    value={String(review.weeklyReviewDay)}
                    aria-describedby="attention-weeklyReviewDay-hint"
                    onChange={(e) => updateReview({ weeklyReviewDay: Number(e.currentTarget.value) })}
                  >
                    {WEEKDAY_NAMES.map((name, day) => (
                      <option key={name} value={String(day)}>
                        {name}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for="attention-weeklyReviewHour">{ATTENTION_FIELDS.weeklyReviewHour.label}</label>
                  <select
                    id="attention-weeklyReviewHour"
                    value={String(review.weeklyReviewHour)}
                    aria-describedby="attention-weeklyReviewDay-hint"
                    onChange={(e) => updateReview({ weeklyReviewHour: Number(e.currentTarget.value) })}
                  >
                    {Array.from({ length: 24 }, (_, hour) => (
                      <option key={hour} value={String(hour)}>
                        {String(hour).padStart(2, '0')}:00
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <p id="attention-weeklyReviewDay-hint" class="setting-explanation">
                {ATTENTION_FIELDS.weeklyReviewDay.description} {ATTENTION_FIELDS.weeklyReviewHour.description}
              </p>
            </div>
            <div class="setting-row">
              <label class="check">
                <input
                  type="checkbox"
                  checked={review.weeklyReviewNotify}
                  aria-describedby="attention-weeklyReviewNotify-hint"
                  onChange={(e) => toggleNotify(e.currentTarget.checked)}
                />{' '}
                {ATTENTION_FIELDS.weeklyReviewNotify.label}
              </label>
              <p id="attention-weeklyReviewNotify-hint" class="setting-explanation">
                {ATTENTION_FIELDS.weeklyReviewNotify.description}
              </p>
            </div>
            <p class="field-error" aria-live="polite">
              {permissionNote}
            </p>
          </>
        )}
      </fieldset>

      <div class="row">
        <button type="submit" class="primary" disabled={busy || !valid || !dirty}>
          Save drift and neglect settings
        </button>
        {!valid && <span class="field-error">Fix the fields marked above to save.</span>}
      </div>
    </form>
  );
}
