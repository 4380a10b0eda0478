import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  hint?: string;
  /** Shown next to the field as the user types; also marks the control invalid. */
  error?: string | null;
  children: ComponentChildren;
}

/**
 * A labelled field with its hint and its live message. The control inside must carry `id` and
 * should use `describedBy(id, ...)` so screen readers hear the hint and the message.
 */
export function Field({ id, label, hint, error, children }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} class="field-hint">
          {hint}
        </span>
      )}
      <span id={`${id}-error`} class="field-error" aria-live="polite">
        {error ?? ''}
      </span>
    </div>
  );
}

/** The aria attributes that tie a control to its hint and message. */
export function fieldAria(id: string, error: string | null | undefined, hasHint = false) {
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': [hasHint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '),
  };
}
