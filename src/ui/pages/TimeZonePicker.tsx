import { useEffect, useState } from 'preact/hooks';
import { Field, fieldAria } from './Field.tsx';
import { supportedZones, timeZoneError } from './validate.ts';

interface Props {
  id: string;
  label?: string;
  value: string;
  /** Called only with a known zone; while the text is not one, the message says so. */
  onChange: (zone: string) => void;
  now?: number;
}

/**
 * A searchable time-zone field: the browser's own list of IANA zones as suggestions (typing
 * "sydn" offers Australia/Sydney), checked as the user types.
 */
export function TimeZonePicker({ id, label = 'Time zone', value, onChange, now = Date.now() }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const error = timeZoneError(text);
  const listId = `${id}-zones`;
  const hint = error ? 'Type a city or region, then pick from the list.' : `It is ${localTime(now, text)} there now.`;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type="text"
        list={listId}
        value={text}
        autocomplete="off"
        spellcheck={false}
        onInput={(event) => {
          const next = event.currentTarget.value;
          setText(next);
          if (!timeZoneError(next)) onChange(next);
        }}
        {...fieldAria(id, error, true)}
      />
      <datalist id={listId}>
        {supportedZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </Field>
  );
}

function localTime(now: number, zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(now);
  } catch {
    return '';
  }
}
