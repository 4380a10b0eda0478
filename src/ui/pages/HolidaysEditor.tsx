import { useState } from 'preact/hooks';
import { holidayError } from './validate.ts';
import { IcsError } from './ics-error.ts';
import type { IcsHolidays } from './ics.ts';
import { readHolidays } from './icsReader.ts';

interface Props {
  idPrefix: string;
  holidays: string[];
  onChange: (holidays: string[]) => void;
  /** "YYYY-MM-DD" of today, for the import window (one year back, two ahead). */
  today: string;
  /** Reads an .ics file (in a worker, with a deadline); replaced in tests. */
  readIcs?: (text: string, from: string, to: string) => Promise<IcsHolidays>;
}

/** Days off: added one by one, or imported from an .ics calendar (a public-holiday feed). */
export function HolidaysEditor({ idPrefix, holidays, onChange, today, readIcs = readHolidays }: Props) {
  const [date, setDate] = useState('');
  const [touched, setTouched] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string; notes?: string[] } | null>(null);
  const error = touched ? holidayError(date) ?? (holidays.includes(date) ? 'This day is already in the list.' : null) : null;
  const sorted = [...holidays].sort();
  const id = `${idPrefix}-holiday`;

  const add = () => {
    setTouched(true);
    if (holidayError(date) || holidays.includes(date)) return;
    onChange([...holidays, date].sort());
    setDate('');
    setTouched(false);
  };

  const importFile = async (file: File) => {
    try {
      const text = await file.text();
      const year = Number(today.slice(0, 4));
      setMessage({ kind: 'ok', text: `Reading ${file.name}…` });
      const found = await readIcs(text, `${year - 1}${today.slice(4)}`, `${year + 2}${today.slice(4)}`);
      const added = found.dates.filter((d) => !holidays.includes(d));
      onChange([...new Set([...holidays, ...found.dates])].sort());
      setMessage({
        kind: 'ok',
        text: `${added.length} ${added.length === 1 ? 'day' : 'days'} added from ${file.name}.`,
        notes: found.notes,
      });
    } catch (e) {
      setMessage({ kind: 'bad', text: e instanceof IcsError ? `${file.name}: ${e.message}` : `Could not read ${file.name}.` });
    }
  };

  return (
    <fieldset class="holidays">
      <legend class="field-label">Holidays and days off</legend>
      {sorted.length === 0 ? (
        <p class="muted">No holidays yet.</p>
      ) : (
        <ul class="holiday-list" aria-label="Holidays">
          {sorted.map((day) => (
            <li key={day}>
              {readableDate(day)}{' '}
              <button type="button" class="link" onClick={() => onChange(holidays.filter((h) => h !== day))}>
                Remove<span class="visually-hidden"> holiday {readableDate(day)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="row">
        <label for={id}>Add a day off</label>
        <input
          id={id}
          type="date"
          value={date}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${id}-error`}
          onInput={(e) => {
            setDate(e.currentTarget.value);
            setTouched(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          Add
        </button>
        {sorted.length > 0 && (
          <button type="button" class="link" onClick={() => onChange([])}>
            Clear all
          </button>
        )}
      </div>
      <span id={`${id}-error`} class="field-error" aria-live="polite">
        {error ?? ''}
      </span>
      <div class="row">
        <label for={`${id}-ics`}>Import from a calendar file (.ics)</label>
        <input
          id={`${id}-ics`}
          type="file"
          accept=".ics,text/calendar"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void importFile(file);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <div aria-live="polite">
        {message && (
          <div class={`notice ${message.kind}`}>
            {message.text}
            {message.notes && message.notes.length > 0 && (
              <ul>
                {message.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </fieldset>
  );
}

function readableDate(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(Date.UTC(y, m - 1, d));
}
