/** The pause choices the popup offers, computed from "now" in the user's own zone. */
export interface PausePreset {
  id: string;
  label: string;
  until: number;
}

const HOUR = 3_600_000;

export function pausePresets(now: number): PausePreset[] {
  const tomorrowMorning = new Date(now);
  tomorrowMorning.setDate(tomorrowMorning.getDate() + 1);
  tomorrowMorning.setHours(8, 0, 0, 0);
  return [
    { id: 'hour', label: 'for 1 hour', until: now + HOUR },
    { id: 'tomorrow', label: 'until tomorrow 8:00', until: tomorrowMorning.getTime() },
    { id: 'week', label: 'for a week', until: now + 7 * 24 * HOUR },
  ];
}

/** "Tue 14:05" within a week, else "12 Mar 14:05": short enough for a popup line. */
export function shortWhen(at: number, now: number): string {
  const withinWeek = at - now < 6 * 24 * HOUR;
  return new Intl.DateTimeFormat('en-GB', withinWeek
    ? { weekday: 'short', hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
}
