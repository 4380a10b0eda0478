import { useState } from 'preact/hooks';
import { expectationsNote } from '../../core/expectations.ts';
import type { WorkSchedule } from '../../core/types.ts';

interface Props {
  idPrefix: string;
  schedule: WorkSchedule;
  responseTargetMinutes: number;
  clientName?: string;
  /** False where the surrounding page already introduces the note (the welcome page). */
  showIntro?: boolean;
}

/**
 * The client-facing note: generated from the schedule and the promise, then the user's to edit.
 * Once edited, changes to the schedule no longer overwrite the text; "Write it again" does.
 */
export function ExpectationsNote({ idPrefix, schedule, responseTargetMinutes, clientName, showIntro = true }: Props) {
  const [urgent, setUrgent] = useState('');
  const [signature, setSignature] = useState('');
  const draft = expectationsNote({ schedule, responseTargetMinutes, clientName, urgentContact: urgent ? `please ${urgent}` : '', signature });
  /** What the user typed; null while the note still follows the settings. */
  const [editedText, setEditedText] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const text = editedText ?? draft;
  const edited = editedText !== null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied. Paste it into your onboarding mail.');
    } catch {
      const area = document.getElementById(`${idPrefix}-note`) as HTMLTextAreaElement | null;
      area?.select();
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };

  return (
    <section class="expectations" aria-label="Expectations note">
      {showIntro && (
        <>
          <h3>Expectations note</h3>
          <p class="muted">A short text to send {clientName ? clientName : 'a client'} when you start working together, so they know when to expect your replies.</p>
        </>
      )}
      <div class="row">
        <div class="field">
          <label for={`${idPrefix}-urgent`}>For urgent matters, they should…</label>
          <input id={`${idPrefix}-urgent`} type="text" placeholder="call me on 0400 123 456" value={urgent} onInput={(e) => setUrgent(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`${idPrefix}-signature`}>Sign with</label>
          <input id={`${idPrefix}-signature`} type="text" placeholder="Your name" value={signature} onInput={(e) => setSignature(e.currentTarget.value)} />
        </div>
      </div>
      <div class="field">
        <label for={`${idPrefix}-note`}>Note (edit freely)</label>
        <textarea
          id={`${idPrefix}-note`}
          rows={6}
          value={text}
          onInput={(e) => setEditedText(e.currentTarget.value)}
        />
      </div>
      <div class="row">
        <button type="button" class="primary" onClick={() => void copy()}>
          Copy note
        </button>
        {edited && (
          <button
            type="button"
            onClick={() => setEditedText(null)}
          >
            Write it again from the settings
          </button>
        )}
        <span role="status" class="muted">
          {copied ?? ''}
        </span>
      </div>
    </section>
  );
}
