import { useState } from 'preact/hooks';
import { pausePresets, shortWhen } from '../pause.ts';

interface Props {
  pausedUntil: number | null;
  now: number;
  busy: boolean;
  onPause: (until: number) => void;
  onResume: () => void;
}

/** "No nudges until …": a switch people reach for before a busy evening or a holiday. */
export function PauseControl({ pausedUntil, now, busy, onPause, onResume }: Props) {
  const presets = pausePresets(now);
  const [choice, setChoice] = useState(presets[0]!.id);
  if (pausedUntil !== null && pausedUntil > now) {
    return (
      <div class="pause paused" role="group" aria-label="Pause">
        <span>
          <strong>Nudges paused</strong> until {shortWhen(pausedUntil, now)}.
        </span>
        <button type="button" disabled={busy} onClick={onResume}>
          Resume nudges
        </button>
      </div>
    );
  }
  return (
    <div class="pause row" role="group" aria-label="Pause">
      <label for="pause-for">No nudges</label>
      <select id="pause-for" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          const preset = pausePresets(Date.now()).find((p) => p.id === choice);
          if (preset) onPause(preset.until);
        }}
      >
        Pause
      </button>
    </div>
  );
}
