import type { TimeRange } from '../../core/types.ts';
import { rangeError, rangeHint } from './validate.ts';
import { WEEKDAY_NAMES } from '../../core/format.ts';

interface Props {
  idPrefix: string;
  week: TimeRange[][];
  onChange: (week: TimeRange[][]) => void;
}

const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

/**
 * Working hours per weekday, several ranges a day (split shifts) and ranges past midnight. An
 * empty day is a day off. Times are entered in the schedule's own zone.
 */
export function WeekEditor({ idPrefix, week, onChange }: Props) {
  const setDay = (day: number, ranges: TimeRange[]) => onChange(week.map((r, i) => (i === day ? ranges : r)));
  const copyMondayToWeekdays = () => {
    const monday = week[1] ?? [];
    onChange(week.map((ranges, day) => (day >= 1 && day <= 5 ? monday.map((r) => ({ ...r })) : ranges)));
  };
  return (
    <fieldset class="week-editor">
      <legend class="field-label">Working hours</legend>
      <table class="week">
        <tbody>
          {MONDAY_FIRST.map((day) => {
            const ranges = week[day] ?? [];
            const dayId = `${idPrefix}-${WEEKDAY_NAMES[day].toLowerCase()}`;
            return (
              <tr key={day}>
                <th scope="row" id={`${dayId}-name`}>
                  {WEEKDAY_NAMES[day]}
                </th>
                <td>
                  {ranges.length === 0 && <span class="muted">Day off</span>}
                  {ranges.map((range, index) => {
                    const id = `${dayId}-${index}`;
                    const error = rangeError(range);
                    const note = error ?? rangeHint(range);
                    const update = (patch: Partial<TimeRange>) => setDay(day, ranges.map((r, i) => (i === index ? { ...r, ...patch } : r)));
                    return (
                      <div class="range" key={index}>
                        <label class="visually-hidden" for={`${id}-start`}>
                          {WEEKDAY_NAMES[day]} range {index + 1} start
                        </label>
                        <input
                          id={`${id}-start`}
                          type="time"
                          value={range.start}
                          required
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={`${id}-note`}
                          onInput={(e) => update({ start: e.currentTarget.value })}
                        />
                        <span aria-hidden="true">to</span>
                        <label class="visually-hidden" for={`${id}-end`}>
                          {WEEKDAY_NAMES[day]} range {index + 1} end
                        </label>
                        <input
                          id={`${id}-end`}
                          type="time"
                          value={range.end === '24:00' ? '00:00' : range.end}
                          required
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={`${id}-note`}
                          onInput={(e) => update({ end: e.currentTarget.value })}
                        />
                        <button type="button" class="link" onClick={() => setDay(day, ranges.filter((_, i) => i !== index))}>
                          Remove<span class="visually-hidden"> {WEEKDAY_NAMES[day]} range {index + 1}</span>
                        </button>
                        <span id={`${id}-note`} class={error ? 'field-error' : 'field-hint'} aria-live="polite">
                          {note ?? ''}
                        </span>
                      </div>
                    );
                  })}
                  <button type="button" class="link" onClick={() => setDay(day, [...ranges, nextRange(ranges)])}>
                    {ranges.length === 0 ? 'Add hours' : 'Add another range'}
                    <span class="visually-hidden"> on {WEEKDAY_NAMES[day]}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={copyMondayToWeekdays}>
        Copy Monday to Tuesday–Friday
      </button>
    </fieldset>
  );
}

/** A sensible new range: 9–17 on an empty day, otherwise an hour after the last one ends. */
function nextRange(ranges: readonly TimeRange[]): TimeRange {
  const last = ranges.at(-1);
  if (!last) return { start: '09:00', end: '17:00' };
  const [h, m] = last.end.split(':').map(Number) as [number, number];
  const start = Math.min(22, (Number.isFinite(h) ? h : 17) + 1);
  return { start: `${String(start).padStart(2, '0')}:${String(m || 0).padStart(2, '0')}`, end: `${String(start + 1).padStart(2, '0')}:00` };
}
