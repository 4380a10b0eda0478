import type { WorkSchedule } from '../../../core/types.ts';
import { HolidaysEditor } from '../HolidaysEditor.tsx';
import { TimeZonePicker } from '../TimeZonePicker.tsx';
import { WeekEditor } from '../WeekEditor.tsx';

interface Props {
  idPrefix: string;
  schedule: WorkSchedule;
  onChange: (schedule: WorkSchedule) => void;
  today: string;
  zoneLabel?: string;
}

/** A whole schedule: zone, weekly hours, days off. */
export function ScheduleFields({ idPrefix, schedule, onChange, today, zoneLabel }: Props) {
  return (
    <div class="schedule-fields">
      <TimeZonePicker id={`${idPrefix}-zone`} label={zoneLabel} value={schedule.timeZone} onChange={(timeZone) => onChange({ ...schedule, timeZone })} />
      <WeekEditor idPrefix={`${idPrefix}-week`} week={schedule.week} onChange={(week) => onChange({ ...schedule, week })} />
      <HolidaysEditor idPrefix={idPrefix} holidays={schedule.holidays} onChange={(holidays) => onChange({ ...schedule, holidays })} today={today} />
    </div>
  );
}
